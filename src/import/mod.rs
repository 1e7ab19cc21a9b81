//! Other people's tables read into records, each figure citing the table
//! row it came from (file, line and the row's own text).
//!
//! [`troopdata`] reads the US Defense Manpower Data Center's counts of US
//! troops abroad as compiled by the troopdata R package. An import never
//! drops a row silently: a row that cannot become a record is a
//! [`Problem`](crate::Problem) naming its file and line, with a severity
//! (the loader's one problem type); a table that cannot be read at all is
//! a [`LoadError`](crate::LoadError). [`ipi`] reads the UN's monthly
//! contributions by country and mission.

pub mod doubts;
mod file;
pub mod ipi;
pub(crate) mod problem;
pub mod troopdata;

/// What one table gave.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    /// The file, as named to the importer.
    pub file: String,
    /// Data rows read.
    pub rows: usize,
    /// Rows that became records.
    pub imported: usize,
    /// Imported rows by how they were read (`reported`, `not_reported`,
    /// `estimate`, … for troopdata; `troops`, `not_troops`, `total` for
    /// the UN's table), in the importer's words.
    pub by_reading: std::collections::BTreeMap<String, usize>,
}

/// The records an import made, the rows it could not use, and counts.
#[derive(Clone, Debug)]
pub struct Import {
    /// The records: nations, missions, one deployment per usable figure,
    /// the tables as sources.
    pub dataset: crate::dataset::Dataset,
    /// Every row left out (a warning) or imported with a caveat (a
    /// warning or a note), by file and line.
    pub problems: Vec<crate::csv::Problem>,
    /// What each table gave, in the order read.
    pub counts: Vec<TableCounts>,
    /// The systematic errors learned where the tables overlap (see
    /// [`doubts`]); the figures they make suspect carry them as
    /// [`Doubt`](crate::Doubt)s.
    pub patterns: Vec<std::sync::Arc<crate::doubt::Pattern>>,
}

impl From<crate::dataset::Dataset> for Import {
    /// A dataset as an import with nothing found: a curated folder, to
    /// [`merge`] with imported tables.
    fn from(dataset: crate::dataset::Dataset) -> Import {
        Import {
            dataset,
            problems: Vec::new(),
            counts: Vec::new(),
            patterns: Vec::new(),
        }
    }
}

/// Every importer, listed once: its name (the tool's flag, `--troopdata
/// DIR`, `--ipi DIR`) and how it reads a folder. Adding an importer is
/// its module and one line here.
pub const IMPORTERS: &[(&str, ReadDir)] =
    &[("troopdata", troopdata::read_dir), ("ipi", ipi::read_dir)];

/// How an importer reads the folder the user named.
pub type ReadDir = fn(&std::path::Path) -> Result<Import, crate::csv::LoadError>;

/// Several imports as one: their sources, nations (each code once, the
/// first name given), missions (each id once), records (deployments,
/// relocations, events, totals), problems, counts and patterns, in order.
/// A curated dataset joins as an import with no problems
/// (`Import::from(dataset)`).
pub fn merge(imports: Vec<Import>) -> Import {
    let mut sources = Vec::new();
    let mut nations: Vec<crate::nation::Nation> = Vec::new();
    let mut missions: Vec<crate::mission::Mission> = Vec::new();
    let mut deployments = Vec::new();
    let mut relocations = Vec::new();
    let mut events = Vec::new();
    let mut totals = Vec::new();
    let mut out = Import {
        dataset: crate::dataset::Dataset::default(),
        problems: Vec::new(),
        counts: Vec::new(),
        patterns: Vec::new(),
    };
    for i in imports {
        for s in i.dataset.sources() {
            if !sources
                .iter()
                .any(|x: &crate::source::Source| x.id() == s.id())
            {
                sources.push(s.clone());
            }
        }
        for n in i.dataset.nations() {
            if !nations.iter().any(|x| x.code() == n.code()) {
                nations.push(n.clone());
            }
        }
        for m in i.dataset.missions() {
            if !missions.iter().any(|x| x.id() == m.id()) {
                missions.push(m.clone());
            }
        }
        deployments.extend(i.dataset.deployments().iter().cloned());
        relocations.extend(i.dataset.relocations().iter().cloned());
        events.extend(i.dataset.events().iter().cloned());
        totals.extend(i.dataset.totals().iter().cloned());
        out.problems.extend(i.problems);
        out.counts.extend(i.counts);
        out.patterns.extend(i.patterns);
    }
    out.dataset =
        crate::dataset::Dataset::new(sources, nations, missions, deployments, relocations, events)
            .with_totals(totals);
    out
}
