//! Writes the posture of 2020-01-10 as one self-contained HTML page.
//!
//! ```text
//! cargo run --features chart --example report > report.html
//! ```
//!
//! The page holds the totals, charts up to the day, every figure with its
//! sources' quotes, the findings and the timeline; it has no script and
//! fetches nothing. The tool's `troop-tracker report --as-of DAY --out
//! FILE.html` makes the same page (with --nation, --mission, --location,
//! --projected).

use troop_tracker::report::{html, ReportOptions};
use troop_tracker::{rows, Dataset, Ledger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-01-10".parse()?);
    // The findings, as findings.csv holds them (a data folder has no
    // import problems).
    let findings = rows::findings(&[], &data.validate());
    let options = ReportOptions {
        data: "the bundled dataset".to_owned(),
        ..ReportOptions::default()
    };
    let page = html(&ledger, &posture, &findings, &options);
    eprintln!(
        "{} figures, {} bytes",
        rows::posture(&posture).len(),
        page.len()
    );
    print!("{page}");
    Ok(())
}
