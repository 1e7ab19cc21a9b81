//! Checks a data folder for figures that cannot all be true.
//!
//! ```text
//! cargo run --example validate            # the bundled dataset
//! cargo run --example validate -- DIR     # a folder in the documented schema
//! cargo run --example validate -- data --articles seeds  # articles kept beside it
//! ```
//!
//! Exit status: 0 when there is no error (warnings and notes allowed), 1
//! when the report has an error, 2 when the folder cannot be loaded.

use std::process::ExitCode;

use troop_tracker::{Dataset, LoadOptions, Severity};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let loaded = match args.as_slice() {
        [] => Dataset::bundled(),
        [dir] if !dir.starts_with('-') => Dataset::from_dir(dir),
        [dir, flag, articles] if !dir.starts_with('-') && flag == "--articles" => {
            Dataset::from_dir_with(dir, &LoadOptions::new().allow_articles_in(articles))
        }
        _ => {
            eprintln!("usage: validate [DIR [--articles DIR]]");
            return ExitCode::from(2);
        }
    };
    let data = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the data could not be loaded:\n{e}");
            return ExitCode::from(2);
        }
    };
    let report = data.validate();
    println!("{report}");
    if report.count(Severity::Error) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
