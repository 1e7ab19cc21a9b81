//! The dated history of Germany's troops and of NATO Mission Iraq, with
//! numbered sources.
//!
//! ```text
//! cargo run --example timeline
//! ```
//!
//! Other subjects: `troop-tracker timeline --nation CODE | --mission ID |
//! --location CODE`.

use troop_tracker::{rows, summary, Dataset, Subject};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let subjects = [
        Subject::Nation("DEU".parse()?),
        Subject::Mission("NMI".parse()?),
    ];
    for subject in &subjects {
        // The rows of timeline.csv, the tool's `timeline --format json`
        // and the Python package's `data.timeline(...)`.
        let lines = rows::timeline(&data, subject);
        println!("{subject:?}: {} rows\n", lines.len());
        println!(
            "{}",
            summary::timeline_table(&data, &lines, summary::DEFAULT_WIDTH)
        );
    }
    Ok(())
}
