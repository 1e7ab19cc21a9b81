//! The ledger: every record of a data folder, checked and cross-referenced.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::deployment::Deployment;
use crate::error::LoadError;
use crate::event::Event;
use crate::id::{MissionId, SourceId};
use crate::ledger::Index;
use crate::load::{self, Files};
use crate::mission::{Mission, MissionStrength};
use crate::nation::{Nation, NationCode};
use crate::relocation::Relocation;
use crate::source::Source;

/// The data folder and seed articles compiled into the crate, so that a
/// crate depending on troop-tracker needs no files at run time.
const BUNDLED: &[(&str, &str)] = &[
    ("sources.csv", include_str!("../data/sources.csv")),
    ("nations.csv", include_str!("../data/nations.csv")),
    ("missions.csv", include_str!("../data/missions.csv")),
    (
        "mission_strengths.csv",
        include_str!("../data/mission_strengths.csv"),
    ),
    ("deployments.csv", include_str!("../data/deployments.csv")),
    ("relocations.csv", include_str!("../data/relocations.csv")),
    ("events.csv", include_str!("../data/events.csv")),
    (
        "../seeds/000_da199c63d7448b1a.txt",
        include_str!("../seeds/000_da199c63d7448b1a.txt"),
    ),
    (
        "../seeds/001_a0e3d952f8b9f08e.txt",
        include_str!("../seeds/001_a0e3d952f8b9f08e.txt"),
    ),
    (
        "../seeds/002_8d7df85216d00f31.txt",
        include_str!("../seeds/002_8d7df85216d00f31.txt"),
    ),
    (
        "../seeds/003_530c64fe5f4e7b90.txt",
        include_str!("../seeds/003_530c64fe5f4e7b90.txt"),
    ),
    (
        "../seeds/004_5953f46857a661e1.txt",
        include_str!("../seeds/004_5953f46857a661e1.txt"),
    ),
];

struct Texts<'a, T> {
    files: &'a [(&'a str, T)],
    prefix: &'a str,
}

impl<T: AsRef<[u8]>> Files for Texts<'_, T> {
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String> {
        Ok(self
            .files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| Box::new(t.as_ref()) as Box<dyn Read + '_>))
    }

    fn label(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name)
    }
}

struct Dir(PathBuf);

impl Files for Dir {
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String> {
        match std::fs::File::open(self.0.join(name)) {
            Ok(f) => Ok(Some(Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                f,
            )))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn label(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

/// Every record of a data folder: sources, nations, missions (with their
/// reported totals), deployments, relocations and events, after the loader
/// has checked that ids are unique, references resolve and quotes are
/// verbatim.
///
/// ```
/// use troop_tracker::Dataset;
/// let data = Dataset::bundled()?;
/// let germany = data.nation("DEU".parse()?).expect("Germany is in the bundled data");
/// assert_eq!(germany.name(), "Germany");
/// assert!(data.deployments().iter().any(|d| d.nation() == germany.code()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub(crate) sources: Vec<Source>,
    pub(crate) nations: Vec<Nation>,
    pub(crate) missions: Vec<Mission>,
    pub(crate) deployments: Vec<Deployment>,
    pub(crate) relocations: Vec<Relocation>,
    pub(crate) events: Vec<Event>,
    nation_index: HashMap<NationCode, usize>,
    mission_index: HashMap<MissionId, usize>,
    source_index: HashMap<SourceId, usize>,
    /// Built on the first posture and kept, since the records never change
    /// after loading.
    index: std::sync::OnceLock<Index>,
    projected_index: std::sync::OnceLock<Index>,
}

impl Dataset {
    /// The dataset derived from the seed articles, embedded in the crate.
    ///
    /// # Errors
    ///
    /// None in practice: the crate's tests load this data. The `Result` is
    /// kept so that a broken build can never panic in a user's program.
    pub fn bundled() -> Result<Dataset, LoadError> {
        load::load(&Texts {
            files: BUNDLED,
            prefix: "data/",
        })
    }

    /// Loads a data folder in the schema of `data/README.md`.
    ///
    /// # Errors
    ///
    /// Returns a [`LoadError`] listing every problem found, each with its
    /// file, line and column: a missing file or column, a cell that does not
    /// parse, a reference to an unknown nation, mission, source or record,
    /// a duplicate id, or a quote that is not in its source.
    pub fn from_dir(path: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        load::load(&Dir(path.as_ref().to_path_buf()))
    }

    /// Loads a dataset from in-memory file contents (text or raw bytes),
    /// keyed by the names a data folder would use (`deployments.csv`, and
    /// source article paths as written in `sources.csv`).
    ///
    /// ```
    /// use troop_tracker::Dataset;
    /// // Header-only files: an empty but valid dataset.
    /// let headers: Vec<(String, String)> = troop_tracker::schema()
    ///     .iter()
    ///     .map(|(name, columns)| (name.to_string(), columns.join(",") + "\n"))
    ///     .collect();
    /// let files: Vec<(&str, &str)> =
    ///     headers.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    /// let empty = Dataset::from_texts(&files)?;
    /// assert!(empty.deployments().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Dataset::from_dir`]; a file missing from `files` is reported as
    /// missing.
    pub fn from_texts<T: AsRef<[u8]>>(files: &[(&str, T)]) -> Result<Dataset, LoadError> {
        load::load(&Texts { files, prefix: "" })
    }

    pub(crate) fn reindex(&mut self) {
        self.nation_index = self
            .nations
            .iter()
            .enumerate()
            .map(|(i, n)| (n.code(), i))
            .collect();
        self.mission_index = self
            .missions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id().clone(), i))
            .collect();
        self.source_index = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id().clone(), i))
            .collect();
    }

    pub(crate) fn index(&self, projected: bool) -> &Index {
        let cell = if projected {
            &self.projected_index
        } else {
            &self.index
        };
        cell.get_or_init(|| Index::build(self, projected))
    }

    /// The source articles.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The nations, with NATO accession dates.
    pub fn nations(&self) -> &[Nation] {
        &self.nations
    }

    /// The missions, each with its reported totals.
    pub fn missions(&self) -> &[Mission] {
        &self.missions
    }

    /// Every reported mission total, mission by mission.
    pub fn mission_strengths(&self) -> impl Iterator<Item = &MissionStrength> {
        self.missions.iter().flat_map(|m| m.totals())
    }

    /// The deployment observations, in file order.
    pub fn deployments(&self) -> &[Deployment] {
        &self.deployments
    }

    /// The relocations, in file order.
    pub fn relocations(&self) -> &[Relocation] {
        &self.relocations
    }

    /// The events, in file order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The nation with this code.
    pub fn nation(&self, code: NationCode) -> Option<&Nation> {
        self.nation_index
            .get(&code)
            .and_then(|&i| self.nations.get(i))
    }

    /// The mission with this id.
    pub fn mission(&self, id: &MissionId) -> Option<&Mission> {
        self.mission_index
            .get(id)
            .and_then(|&i| self.missions.get(i))
    }

    /// The mission's reported total that applies on `day`: the latest whose
    /// date begins on or before it.
    pub fn mission_total_on(
        &self,
        mission: &MissionId,
        day: chrono::NaiveDate,
    ) -> Option<&MissionStrength> {
        self.mission(mission)?
            .totals()
            .iter()
            .filter(|t| t.as_of().earliest() <= day)
            .max_by_key(|t| t.as_of().earliest())
    }

    /// The citation of the record with this id (a deployment, relocation,
    /// event or mission total), or of the mission with this id.
    pub fn citation_of(&self, id: &str) -> Option<&crate::source::Citation> {
        self.deployments
            .iter()
            .find(|d| d.id().as_str() == id)
            .map(|d| d.citation())
            .or_else(|| {
                self.relocations
                    .iter()
                    .find(|r| r.id().as_str() == id)
                    .map(|r| r.citation())
            })
            .or_else(|| {
                self.events
                    .iter()
                    .find(|e| e.id().as_str() == id)
                    .map(|e| e.citation())
            })
            .or_else(|| {
                self.mission_strengths()
                    .find(|t| t.id().as_str() == id)
                    .map(|t| t.citation())
            })
            .or_else(|| {
                self.missions
                    .iter()
                    .find(|m| m.id().as_str() == id)
                    .map(|m| m.citation())
            })
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }
}
