//! Checks the bundled data for figures that cannot all be true, and shows
//! how a finding names its rule, its records and the smallest set of them
//! that cannot all hold.
//!
//! ```text
//! cargo run --example validate
//! ```
//!
//! To check your own folder: `troop-tracker --data DIR validate`.

use troop_tracker::{Dataset, Severity};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let report = data.validate();
    // Errors first, then warnings; notes are passed checks.
    for finding in report.at_least(Severity::Warning).findings() {
        println!("{finding}");
        if let Some(records) = finding.contradiction() {
            println!("  these cannot all be true: {}", records.join(", "));
        }
    }
    println!(
        "{} errors, {} warnings, {} notes",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Note)
    );
    if report.has_errors() {
        std::process::exit(1);
    }
    Ok(())
}
