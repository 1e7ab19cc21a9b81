//! Arguments several commands share: where the data is, which day, which
//! subject, which format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use troop_tracker::{Day, PostureOptions};

/// Where the data comes from: options of every command, listed in
/// `--help` under their own heading, after the command's own.
#[derive(Debug, Args)]
#[command(next_help_heading = "Data options")]
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

/// Where files go: options of every command, for those that write files
/// (`chart -o FILE`, `export --out DIR`, `man --out DIR`).
#[derive(Debug, Args)]
#[command(next_help_heading = "Output options")]
pub struct OutputArgs {
    /// Create missing folders of --out (by default a missing folder is
    /// refused, so that a mistyped path does not become new folders).
    #[arg(long, global = true)]
    pub create_dirs: bool,
}

/// How wide text tables are.
#[derive(Debug, Args)]
pub struct WidthArgs {
    /// Width of the text tables and paragraphs, in columns [default: the
    /// terminal's width when printing to one; else $COLUMNS when set; else
    /// no limit, so that a pipe or a file gets whole lines (80 for a
    /// terminal of unknown size)]. Numbers are never split across lines.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(1..))]
    width: Option<u16>,
}

impl WidthArgs {
    /// The width asked for, or the default's, in columns.
    pub fn columns(&self) -> u16 {
        use std::io::IsTerminal;
        if let Some(width) = self.width {
            return width;
        }
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        if terminal {
            if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout) {
                return w;
            }
        }
        // Shells set COLUMNS to the terminal's width; exported, it also
        // sizes tables piped to a pager or a file.
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c > 0)
            // A terminal that gives no size: a classic one. A pipe or a
            // file: wide enough never to wrap, so that its reader (a
            // pager, an editor, grep) decides how to show long lines.
            .unwrap_or(if terminal {
                troop_tracker::summary::DEFAULT_WIDTH
            } else {
                u16::MAX
            })
    }
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
