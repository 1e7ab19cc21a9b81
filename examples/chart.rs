//! Draws the troops in Iraq over time as an SVG chart.
//!
//! ```text
//! cargo run --example chart > iraq.svg
//! ```
//!
//! The band is the range the evidence allows (low to high), dashed steps
//! are where announced relocations would take the figure, and hovering a
//! point shows the records it rests on. Other subjects:
//! `troop-tracker chart --nation CODE | --mission ID | --location CODE`.

use troop_tracker::chart::{chart, render_svg, DEFAULT_SIZE};
use troop_tracker::{Dataset, Ledger, Subject};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let iraq = chart(&Ledger::new(&data), &Subject::Location("IRQ".parse()?));
    for series in &iraq.series {
        eprintln!("{}: {} points", series.label, series.points.len());
    }
    print!("{}", render_svg(&iraq, DEFAULT_SIZE)?);
    Ok(())
}
