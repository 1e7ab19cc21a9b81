//! Loading a whole dataset: each table read and parsed, articles read
//! within their allowed folders, then the cross-file checks. Any problem
//! fails the load, and every problem found is reported.

use std::path::Path;
use std::sync::Arc;

use crate::csv::cell::Shared;
use crate::csv::cross::{cross_check, Parsed};
use crate::csv::folder::{Dir, Files, LoadOptions, Texts, MAX_ARTICLES_BYTES};
use crate::csv::read::{read_table, Parse, Problems};
use crate::csv::records;
use crate::csv::schema::{
    Deployments, Events, File, MissionStrengths, Missions, Nations, Relocations, Sources,
};
use crate::csv::{LoadError, Position, Problem, ProblemKind};
use crate::dataset::Dataset;
use crate::fasthash::FastMap as HashMap;

/// The data folder and seed articles compiled into the crate, so that a
/// crate depending on troop-tracker needs no files at run time.
const BUNDLED: &[(&str, &str)] = &[
    ("sources.csv", include_str!("../../data/sources.csv")),
    ("nations.csv", include_str!("../../data/nations.csv")),
    ("missions.csv", include_str!("../../data/missions.csv")),
    (
        "mission_strengths.csv",
        include_str!("../../data/mission_strengths.csv"),
    ),
    (
        "deployments.csv",
        include_str!("../../data/deployments.csv"),
    ),
    (
        "relocations.csv",
        include_str!("../../data/relocations.csv"),
    ),
    ("events.csv", include_str!("../../data/events.csv")),
    (
        "../seeds/000_da199c63d7448b1a.txt",
        include_str!("../../seeds/000_da199c63d7448b1a.txt"),
    ),
    (
        "../seeds/001_a0e3d952f8b9f08e.txt",
        include_str!("../../seeds/001_a0e3d952f8b9f08e.txt"),
    ),
    (
        "../seeds/002_8d7df85216d00f31.txt",
        include_str!("../../seeds/002_8d7df85216d00f31.txt"),
    ),
    (
        "../seeds/003_530c64fe5f4e7b90.txt",
        include_str!("../../seeds/003_530c64fe5f4e7b90.txt"),
    ),
    (
        "../seeds/004_5953f46857a661e1.txt",
        include_str!("../../seeds/004_5953f46857a661e1.txt"),
    ),
];

/// Loading constructors. They live with the CSV layer, not in
/// `dataset.rs`, so that the dataset stays a plain container that knows
/// nothing of files.
impl Dataset {
    /// The dataset derived from the seed articles, embedded in the crate.
    ///
    /// # Errors
    ///
    /// None in practice: the crate's tests load this data. The `Result` is
    /// kept so that a broken build can never panic in a user's program.
    pub fn bundled() -> Result<Dataset, LoadError> {
        load(&Texts {
            files: BUNDLED,
            prefix: "data/",
        })
    }

    /// Loads a data folder in the schema of `data/README.md`, reading
    /// articles only from inside it (see [`LoadOptions`] to allow another
    /// folder).
    ///
    /// # Errors
    ///
    /// Returns a [`LoadError`] listing every problem found, each with its
    /// file, line and column: no such folder, a missing file or column, a
    /// cell that does not parse, a reference to an unknown nation, mission,
    /// source or record, a duplicate id, an article outside the allowed
    /// folders, or a quote that is not in its source.
    pub fn from_dir(path: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        Dataset::from_dir_with(path, &LoadOptions::new())
    }

    /// Loads a data folder with options: [`Dataset::from_dir`] that may
    /// also read articles from the folders `options` allows.
    ///
    /// # Errors
    ///
    /// As [`Dataset::from_dir`].
    pub fn from_dir_with(
        path: impl AsRef<Path>,
        options: &LoadOptions,
    ) -> Result<Dataset, LoadError> {
        let root = path.as_ref().to_path_buf();
        if !root.is_dir() {
            let at = Position::file(&root.display().to_string());
            return Err(LoadError::new(
                vec![Problem::new(at, ProblemKind::NoSuchFolder)],
                false,
            ));
        }
        let mut allowed = vec![root.clone()];
        allowed.extend(options.article_folders().iter().cloned());
        load(&Dir { root, allowed })
    }

    /// Loads a dataset from in-memory file contents (text or raw bytes),
    /// keyed by the names a data folder would use (`deployments.csv`, and
    /// source article paths as written in `sources.csv`). Nothing is read
    /// from disk.
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
        load(&Texts { files, prefix: "" })
    }
}

/// Opens and reads one table through `parse`.
fn table<F: File, T: Send>(
    files: &dyn Files,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: impl Parse<F, T>,
) -> Vec<(u64, T)> {
    let label = files.label(F::NAME);
    match files.open(F::NAME) {
        Ok(Some(stream)) => read_table::<F, T>(stream, &label, problems, shared, parse),
        Ok(None) => {
            problems.push(Problem::new(
                Position::file(&label),
                ProblemKind::MissingFile,
            ));
            Vec::new()
        }
        Err(message) => {
            problems.push(Problem::new(
                Position::file(&label),
                ProblemKind::Io { message },
            ));
            Vec::new()
        }
    }
}

/// Loads and checks a whole dataset.
fn load(files: &dyn Files) -> Result<Dataset, LoadError> {
    let mut problems = Problems::new();
    let p = &mut problems;
    let mut shared = Shared::default();
    let s = &mut shared;

    let mut sources = table::<Sources, _>(files, p, s, records::source);
    let sources_label = files.label(Sources::NAME);
    // Each article is read once and shared by every source naming it, and
    // all of them together are capped: a hundred rows naming one long
    // article hold one copy, not a hundred.
    let mut read: HashMap<String, Arc<str>> = HashMap::default();
    let mut total: u64 = 0;
    for (line, source) in &mut sources {
        let Some(file) = source.file().map(str::to_owned) else {
            continue;
        };
        if let Some(text) = read.get(&file) {
            source.share_text(text.clone());
            continue;
        }
        let at = || Position::cell(&sources_label, *line, "file");
        match files.article(&file) {
            Ok(text) => {
                total += text.len() as u64;
                if total > MAX_ARTICLES_BYTES {
                    p.push(Problem::new(
                        at(),
                        ProblemKind::Limit {
                            what: "bytes of articles in all",
                            limit: MAX_ARTICLES_BYTES as usize,
                        },
                    ));
                    break;
                }
                let text: Arc<str> = text.into();
                source.share_text(text.clone());
                read.insert(file, text);
            }
            Err(kind) => p.push(Problem::new(at(), kind)),
        }
    }
    let nations = table::<Nations, _>(files, p, s, records::nation);
    let missions = table::<Missions, _>(files, p, s, records::mission);
    let totals = table::<MissionStrengths, _>(files, p, s, records::mission_strength);
    let deployments = table::<Deployments, _>(files, p, s, records::deployment);
    let relocations = table::<Relocations, _>(files, p, s, records::relocation);
    let events = table::<Events, _>(files, p, s, records::event);

    cross_check(
        p,
        &Parsed {
            labels: [
                files.label(Sources::NAME),
                files.label(Nations::NAME),
                files.label(Missions::NAME),
                files.label(MissionStrengths::NAME),
                files.label(Deployments::NAME),
                files.label(Relocations::NAME),
                files.label(Events::NAME),
            ],
            sources: &sources,
            nations: &nations,
            missions: &missions,
            totals: &totals,
            deployments: &deployments,
            relocations: &relocations,
            events: &events,
        },
    );
    if !problems.list.is_empty() {
        return Err(LoadError::new(problems.list, problems.truncated));
    }
    let mut missions: Vec<_> = missions.into_iter().map(|(_, m)| m).collect();
    for (_, t) in totals {
        // The cross-check has proved every total's mission exists.
        if let Some(m) = missions.iter_mut().find(|m| m.id() == t.mission()) {
            m.push_total(t);
        }
    }
    Ok(Dataset::new(
        sources.into_iter().map(|(_, s)| s).collect(),
        nations.into_iter().map(|(_, n)| n).collect(),
        missions,
        deployments.into_iter().map(|(_, d)| d).collect(),
        relocations.into_iter().map(|(_, r)| r).collect(),
        events.into_iter().map(|(_, e)| e).collect(),
    ))
}
