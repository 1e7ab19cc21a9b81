//! Writes the totals of the bundled data on its latest day as CSV to
//! standard output, the file a spreadsheet or pandas user sums from.
//!
//! ```text
//! cargo run --example export_csv > totals.csv
//! ```
//!
//! `high` is empty where a total has no upper bound, and
//! `high_unbounded` says so: an empty cell summed as 0 would give a
//! finite total. To write every export into a folder:
//! `troop-tracker export --out DIR`.

use troop_tracker::export::{write_rows, ExportOptions};
use troop_tracker::{rows, Dataset, Ledger, PostureOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let day = data
        .latest_day()
        .ok_or("the bundled data has no dated figure")?;
    // Projected: announced relocations counted as done, which leaves a
    // total without an upper bound (a transfer of unstated size).
    let ledger = Ledger::new(&data);
    let posture = ledger.posture_with(day, PostureOptions::projected());
    let options = ExportOptions {
        bom: false,
        crlf: false,
    };
    // The rows every format is made of: totals.csv, totals.json, the
    // Python package's `data.totals(day).to_pandas()`.
    let totals = rows::totals(&posture);
    write_rows(std::io::stdout().lock(), &totals, options)?;
    if let Some(all) = totals.iter().find(|t| t.scope == "all") {
        let high = all
            .high
            .map_or("no upper bound".to_owned(), |h| h.to_string());
        eprintln!(
            "{} totals as of {day}, projected; all troops: at least {}, at most {high}",
            totals.len(),
            all.low
        );
    }
    Ok(())
}
