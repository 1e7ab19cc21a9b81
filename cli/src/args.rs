//! Arguments several commands share: where the data is, which day, which
//! subject, which format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use troop_tracker::{Day, PostureOptions};

/// Where the data comes from.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// A data folder in the documented CSV schema (default: the bundled
    /// dataset).
    #[arg(
        long,
        value_name = "DIR",
        global = true,
        conflicts_with_all = ["troopdata", "ipi"]
    )]
    pub data: Option<PathBuf>,
    /// A folder holding troopdata's data-raw files (the US record of troops
    /// abroad), imported in place instead of a data folder.
    #[arg(long, value_name = "DIR", global = true)]
    pub troopdata: Option<PathBuf>,
    /// A folder holding the IPI's full_gender_data.csv (the UN's monthly
    /// contributions by country and mission, 2009-2014), imported in
    /// place; with --troopdata too, both are one dataset.
    #[arg(long, value_name = "DIR", global = true)]
    pub ipi: Option<PathBuf>,
    /// Also read cited articles from this folder (by default only from
    /// inside the data folder). May be given more than once.
    #[arg(long, value_name = "DIR", global = true)]
    pub articles: Vec<PathBuf>,
}

/// Which day, and how to read it.
#[derive(Debug, Args)]
pub struct DayArgs {
    /// The day (YYYY-MM-DD), read at its end.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Day>,
    /// Count announced relocations as done (where plans would leave
    /// things).
    #[arg(long, requires = "as_of")]
    pub projected: bool,
    /// Count in totals the figures their own tables stopped listing (by
    /// default they are shown, flagged, and left out of every total).
    #[arg(long)]
    pub count_ended: bool,
}

impl DayArgs {
    /// The posture options the flags ask for.
    pub fn options(&self) -> PostureOptions {
        let options = if self.projected {
            PostureOptions::projected()
        } else {
            PostureOptions::default()
        };
        PostureOptions {
            count_ended: self.count_ended,
            ..options
        }
    }
}

/// Whose figures: codes and ids in any case (`deu`, `nmi`), or a nation's
/// name.
#[derive(Debug, Args, Default)]
pub struct SubjectArgs {
    /// A nation's troops (ISO 3166-1 alpha-3 code, or its name).
    #[arg(long, value_name = "CODE", group = "subject")]
    pub nation: Option<String>,
    /// A mission (its id).
    #[arg(long, value_name = "ID", group = "subject")]
    pub mission: Option<String>,
    /// Whatever is in a host country (its code, or its name).
    #[arg(long, value_name = "CODE", group = "subject")]
    pub location: Option<String>,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Text tables for reading.
    #[default]
    Table,
    /// CSV, as the library's exports write it.
    Csv,
    /// JSON, numbers as numbers (`high: null` when unbounded).
    Json,
    /// JSON Lines: one row per line, the columns of the CSV as keys.
    Jsonl,
}

/// Writes rows as JSON Lines (one object per line) to standard output.
pub fn print_json_lines<T: serde::Serialize>(rows: &[T]) -> Result<(), crate::output::Failure> {
    let mut text = String::new();
    for row in rows {
        text.push_str(
            &serde_json::to_string(row)
                .map_err(|e| crate::output::Failure::Usage(format!("cannot write JSON: {e}")))?,
        );
        text.push('\n');
    }
    crate::output::print(&text)
}

/// Writes `value` as pretty JSON and a newline to standard output.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), crate::output::Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| crate::output::Failure::Usage(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    crate::output::print(&text)
}
