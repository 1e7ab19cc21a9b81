//! Force summaries: who had how many troops where on the key dates of the
//! bundled data, as tables with numbered sources, then the validation
//! report.
//!
//! ```text
//! cargo run --example force_summary
//! ```
//!
//! The key dates come from the data ([`key_moments`]): the start and the
//! end of the first day troops moved, and where the latest announced
//! relocations would leave things. For other days, subjects, folders and
//! formats, use the tool: `troop-tracker summary --help`.

use troop_tracker::posture::key_moments;
use troop_tracker::{summary, Dataset, Ledger, Severity};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    // One ledger for every day: it indexes the records once.
    let ledger = Ledger::new(&data);
    for moment in key_moments(&data) {
        println!("== {} ==\n", moment.title);
        let posture = ledger.posture_with(moment.day, moment.options);
        println!(
            "{}",
            summary::posture_tables(&posture, summary::DEFAULT_WIDTH)
        );
    }
    println!("== Validation ==\n");
    let report = data.validate();
    print!(
        "{}",
        summary::report_text_at_least(&report, Severity::Warning, summary::DEFAULT_WIDTH)
    );
    Ok(())
}
