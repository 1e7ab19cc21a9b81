//! Loading the data, with a spinner on standard error while a folder
//! loads (hidden when standard error is not a terminal).

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use troop_tracker::import::{self, TableCounts};
use troop_tracker::{Dataset, Ledger, LoadOptions, Problem, Report, Severity};

use crate::args::DataArgs;
use crate::output::Failure;

/// The data a command works on, and what its import found.
pub struct Loaded {
    /// The records.
    pub data: Dataset,
    /// The rows an import left out or flagged (none for a data folder).
    pub problems: Vec<Problem>,
    /// What each imported table gave (none for a data folder).
    pub tables: Vec<TableCounts>,
}

/// What the checks found: the import's problems with its tables (rows
/// left out or read with a caveat), and the consistency findings.
pub struct Checks<'l> {
    /// The import's problems, in the order found.
    pub problems: &'l [Problem],
    /// The consistency findings.
    pub report: Report,
}

impl Checks<'_> {
    /// How many problems and findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.report.count(severity)
            + self
                .problems
                .iter()
                .filter(|p| p.severity() == severity)
                .count()
    }

    /// Every problem and finding as rows, as findings.csv writes them.
    pub fn rows(&self) -> Vec<troop_tracker::rows::FindingRow> {
        troop_tracker::rows::findings(self.problems, &self.report)
    }
}

impl Loaded {
    /// The import's problems and the validation report.
    pub fn report(&self) -> Checks<'_> {
        self.report_with(&Ledger::new(&self.data))
    }

    /// [`Loaded::report`], asked of the ledger the command's postures
    /// come from, so that the model of the world is compiled once.
    pub fn report_with(&self, ledger: &Ledger<'_>) -> Checks<'_> {
        Checks {
            problems: &self.problems,
            report: working("validating".to_owned(), || ledger.validate()),
        }
    }
}

/// The bundled dataset, the folder the user named, or the imported
/// tables (troopdata's, the UN's, or both as one dataset).
pub fn load(args: &DataArgs) -> Result<Loaded, Failure> {
    let folders: Vec<(&str, &std::path::PathBuf)> =
        [("troopdata", &args.troopdata), ("ipi", &args.ipi)]
            .into_iter()
            .filter_map(|(kind, dir)| dir.as_ref().map(|d| (kind, d)))
            .collect();
    if !folders.is_empty() {
        if !args.articles.is_empty() {
            return Err(Failure::Usage(
                "--articles applies to a data folder, not to --troopdata or --ipi".to_owned(),
            ));
        }
        let mut imports = Vec::new();
        for (kind, dir) in folders {
            let Some((_, read)) = import::IMPORTERS.iter().find(|(k, _)| *k == kind) else {
                continue;
            };
            let imported = working(format!("importing {}", dir.display()), || read(dir))
                .map_err(|e| Failure::Load(e.to_string()))?;
            imports.push(imported);
        }
        let imported = import::merge(imports);
        return Ok(Loaded {
            data: imported.dataset,
            problems: imported.problems,
            tables: imported.counts,
        });
    }
    Ok(Loaded {
        data: dataset(args)?,
        problems: Vec::new(),
        tables: Vec::new(),
    })
}

/// The bundled dataset, or the folder the user named.
fn dataset(args: &DataArgs) -> Result<Dataset, Failure> {
    let Some(dir) = &args.data else {
        if !args.articles.is_empty() {
            return Err(Failure::Usage(
                "--articles only applies with --data DIR".to_owned(),
            ));
        }
        return Dataset::bundled().map_err(|e| Failure::Load(e.to_string()));
    };
    let options = args
        .articles
        .iter()
        .fold(LoadOptions::new(), |o, a| o.allow_articles_in(a));
    working(format!("loading {}", dir.display()), || {
        Dataset::from_dir_with(dir, &options)
    })
    .map_err(|e| Failure::Load(e.to_string()))
}

/// Does `work` under a spinner with the elapsed time, for work whose
/// length is not known ahead (a folder of unknown size, a validation): it
/// appears only if the work takes more than a moment (300 ms), only on a
/// terminal, and is cleared when done.
fn working<T>(message: String, work: impl FnOnce() -> T) -> T {
    let bar = spinner(message);
    let out = work();
    bar.finish_and_clear();
    out
}

fn spinner(message: String) -> ProgressBar {
    let bar = ProgressBar::hidden();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(message);
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        if !shown.is_finished() {
            // `stderr()` draws nothing when standard error is not a
            // terminal.
            shown.set_draw_target(ProgressDrawTarget::stderr());
            shown.enable_steady_tick(Duration::from_millis(120));
        }
    });
    bar
}
