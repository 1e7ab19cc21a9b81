//! The dated history of Germany's troops and of NATO Mission Iraq, with
//! numbered sources.
//!
//! ```text
//! cargo run --example timeline
//! ```
//!
//! Other subjects: `troop-tracker timeline --nation CODE | --mission ID |
//! --location CODE`.

use troop_tracker::{summary, Dataset, Subject};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::bundled()?;
    let subjects = [
        Subject::Nation("DEU".parse()?),
        Subject::Mission("NMI".parse()?),
    ];
    for subject in &subjects {
        let items = data.timeline(subject);
        println!("{subject:?}: {} lines\n", items.len());
        println!(
            "{}",
            summary::timeline_table(&data, &items, summary::DEFAULT_WIDTH)
        );
    }
    Ok(())
}
