//! `troop-tracker report`: one self-contained HTML page to hand over.

use std::io::Write;
use std::path::PathBuf;

use troop_tracker::report::{html, ReportOptions};
use troop_tracker::{Ledger, Subject};

use crate::args::{DataArgs, DayArgs, SubjectArgs};
use crate::codes;
use crate::load::Loaded;
use crate::output::{self, cannot_write, create, Failure};

/// Write one self-contained HTML report.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The page holds the totals, charts up to the day, every figure with its \
sources' quotes (open a row's sources), the findings with the fewest records that cannot \
all be true, the timeline and the cited records; no script and nothing fetched: it opens \
offline and prints."
)]
pub struct Args {
    #[command(flatten)]
    day: DayArgs,
    #[command(flatten)]
    subject: SubjectArgs,
    /// The HTML file to write (`-`: standard output).
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// The most timeline lines and findings listed (the latest lines, the
    /// most severe findings first).
    #[arg(long, value_name = "N", default_value_t = 500)]
    most_lines: usize,
}

/// What the data is, in words, for the report's header.
fn data_label(data: &DataArgs) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &data.data {
        parts.push(format!("the data folder {}", d.display()));
    }
    if let Some(d) = &data.troopdata {
        parts.push(format!("troopdata's US troops abroad ({})", d.display()));
    }
    if let Some(d) = &data.ipi {
        parts.push(format!(
            "the UN's contributions by nation and mission, from IPI ({})",
            d.display()
        ));
    }
    if parts.is_empty() {
        "the bundled dataset (five articles of January and February 2020)".to_owned()
    } else {
        parts.join(" and ")
    }
}

pub fn run(loaded: &Loaded, data_args: &DataArgs, args: &Args) -> Result<(), Failure> {
    let data = &loaded.data;
    let out_file = Some(&args.out).filter(|p| p.as_os_str() != "-");
    if let Some(out) = out_file {
        crate::inputs::check_file(out, &crate::inputs::folders(data_args))?;
    }
    let subject = codes::subject(data, &args.subject)?;
    let Some(day) = args.day.as_of.or_else(|| data.latest_day()) else {
        return Err(Failure::Usage(
            "the data has no dated record: give --as-of YYYY-MM-DD".to_owned(),
        ));
    };
    let ledger = Ledger::new(data);
    let posture = ledger.posture_with(day, args.day.options());
    let posture = match &subject {
        Some(Subject::Nation(n)) => posture.focus(Some(*n), None),
        Some(Subject::Mission(m)) => posture.focus(None, Some(m)),
        Some(Subject::Location(c)) => posture.in_country(*c),
        _ => posture,
    };
    let findings = loaded.report_with(&ledger).rows();
    let options = ReportOptions {
        subject: subject.unwrap_or(Subject::All),
        data: data_label(data_args),
        most_lines: args.most_lines,
    };
    let page = html(&ledger, &posture, &findings, &options);
    match out_file {
        Some(path) => {
            let mut w = create(path)?;
            w.write_all(page.as_bytes())
                .map_err(|e| cannot_write(path, &e))?;
            w.finish()?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => output::print(&page),
    }
}
