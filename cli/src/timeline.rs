//! `troop-tracker timeline`: the dated history of a subject, with sources.

use troop_tracker::{export, rows, summary as tables, Dataset, Subject};

use crate::args::{print_json, print_json_lines, Format, SubjectArgs, WidthArgs};
use crate::codes;
use crate::output::{self, Failure};
use crate::summary::{from_export, subject_name};

/// The dated history of a nation's troops, a mission or a location.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "With no subject: every mission's timeline as tables, the whole \
ledger's as CSV or JSON."
)]
pub struct Args {
    #[command(flatten)]
    subject: SubjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    width: WidthArgs,
}

pub fn run(data: &Dataset, args: &Args) -> Result<(), Failure> {
    let subject = codes::subject(data, &args.subject)?;
    match args.format {
        Format::Table => {
            let subjects = match subject {
                Some(s) => vec![s],
                None => data
                    .missions()
                    .iter()
                    .map(|m| Subject::Mission(m.id().clone()))
                    .collect(),
            };
            let width = args.width.columns();
            let mut text = String::new();
            for s in &subjects {
                text.push_str(&format!("Timeline of {}\n\n", subject_name(data, s)));
                text.push_str(&tables::timeline_table(
                    data,
                    &rows::timeline(data, s),
                    width,
                ));
                text.push('\n');
            }
            output::print(&text)
        }
        Format::Csv => {
            let s = subject.unwrap_or(Subject::All);
            export::write_timeline_of(output::stdout(), data, &s, export::ExportOptions::default())
                .map(|_| ())
                .map_err(from_export)
        }
        Format::Json => print_json(&rows::timeline(data, &subject.unwrap_or(Subject::All))),
        Format::Jsonl => print_json_lines(&rows::timeline(data, &subject.unwrap_or(Subject::All))),
    }
}
