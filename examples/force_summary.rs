//! Prints the bundled dataset's deployments and relocations, grouped by
//! nation, each with its citation.
//!
//! Run with `cargo run --example force_summary`.

use std::process::ExitCode;

use troop_tracker::Dataset;

fn main() -> ExitCode {
    let data = match Dataset::bundled() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the bundled dataset did not load:\n{e}");
            return ExitCode::from(2);
        }
    };
    for nation in data.nations() {
        let code = nation.code();
        let deployments: Vec<_> = data
            .deployments()
            .iter()
            .filter(|d| d.nation() == code)
            .collect();
        let relocations: Vec<_> = data
            .relocations()
            .iter()
            .filter(|r| r.nation() == Some(code))
            .collect();
        if deployments.is_empty() && relocations.is_empty() {
            continue;
        }
        println!("{nation}");
        for d in deployments {
            println!("  {d}");
            println!("      {}", d.citation());
        }
        for r in relocations {
            println!("  {r}");
            println!("      {}", r.citation());
        }
        println!();
    }
    let unnamed: Vec<_> = data
        .relocations()
        .iter()
        .filter(|r| r.nation().is_none())
        .collect();
    if !unnamed.is_empty() {
        println!("Contributors not named");
        for r in unnamed {
            println!("  {r}");
            println!("      {}", r.citation());
        }
    }
    ExitCode::SUCCESS
}
