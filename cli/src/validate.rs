//! `troop-tracker validate`: figures that cannot all be true.

use serde::Serialize;
use troop_tracker::{export, rows, summary as tables, Problem, Report, Severity};

use crate::args::{print_json, print_json_lines, Format, WidthArgs};
use crate::load::Loaded;
use crate::output::{self, Failure};
use crate::summary::from_export;

/// Check the data.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no figures contradict each other (warnings \
and notes allowed), 1 when some do, 2 when the data cannot be loaded."
)]
pub struct Args {
    /// The least severe findings to print; all are counted.
    #[arg(long, value_enum, default_value_t = Least::Warning)]
    min_severity: Least,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    width: WidthArgs,
}

/// The least severe findings to print.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Least {
    /// Contradictions only.
    Error,
    /// Contradictions and possible conflicts.
    Warning,
    /// Everything, passed checks included.
    Note,
}

impl Least {
    fn severity(self) -> Severity {
        match self {
            Least::Error => Severity::Error,
            Least::Warning => Severity::Warning,
            Least::Note => Severity::Note,
        }
    }
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(Serialize)]
struct Json {
    counts: Counts,
    min_severity: Severity,
    findings: Vec<rows::FindingRow>,
}

/// The problems and findings at least as severe as `least`, as rows.
fn shown(problems: &[Problem], report: &Report, least: Severity) -> Vec<rows::FindingRow> {
    let problems: Vec<Problem> = problems
        .iter()
        .filter(|p| p.severity() <= least)
        .cloned()
        .collect();
    rows::findings(&problems, &report.at_least(least))
}

pub fn run(loaded: &Loaded, args: &Args) -> Result<(), Failure> {
    let checks = loaded.report();
    let (problems, report) = (checks.problems, &checks.report);
    let least = args.min_severity.severity();
    match args.format {
        Format::Table => output::print(&tables::checks_text(
            problems,
            report,
            least,
            args.width.columns(),
        ))?,
        Format::Json => print_json(&Json {
            counts: Counts {
                errors: checks.count(Severity::Error),
                warnings: checks.count(Severity::Warning),
                notes: checks.count(Severity::Note),
            },
            min_severity: least,
            findings: shown(problems, report, least),
        })?,
        Format::Jsonl => print_json_lines(&shown(problems, report, least))?,
        Format::Csv => {
            let shown = report.at_least(least);
            let problems: Vec<Problem> = problems
                .iter()
                .filter(|p| p.severity() <= least)
                .cloned()
                .collect();
            export::write_checks(
                output::stdout(),
                &problems,
                &shown,
                export::ExportOptions::default(),
            )
            .map_err(from_export)?;
        }
    }
    if report.has_errors() {
        Err(Failure::Contradictions)
    } else {
        Ok(())
    }
}
