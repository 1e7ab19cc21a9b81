//! Prints the bundled dataset's records grouped by nation.
use troop_tracker::Dataset;
fn main() {
    match Dataset::bundled() {
        Ok(d) => {
            for x in d.deployments() {
                println!("{x}");
            }
            for x in d.relocations() {
                println!("{x}");
            }
            for x in d.events() {
                println!("{x}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
