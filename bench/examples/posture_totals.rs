//! Loads a data folder and prints the posture totals on a day, in a form
//! `benches/polars_compare.py` checks against its own computation, with
//! the time taken.
//!
//! ```text
//! cargo run --release --example posture_totals -- --dir DIR --as-of 2010-06-30 [--validate]
//! ```
//!
//! Without `--dir` it uses the bundled dataset; without `--as-of`, 9
//! January 2020.

use std::process::ExitCode;
use std::time::Instant;

use troop_tracker::Dataset;

fn main() -> ExitCode {
    let mut dir = None;
    let mut day = None;
    let mut validate = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--dir" => dir = args.next(),
            "--as-of" => {
                day = args
                    .next()
                    .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            }
            "--validate" => validate = true,
            _ => {
                eprintln!("usage: posture_totals --dir DIR --as-of YYYY-MM-DD [--validate]");
                return ExitCode::from(2);
            }
        }
    }
    let day =
        day.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2020, 1, 9).unwrap_or_default());
    let t = Instant::now();
    let loaded = match &dir {
        Some(dir) => Dataset::from_dir(dir),
        None => Dataset::bundled(),
    };
    let data = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if validate {
        let _ = data.validate();
    }
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day);
    let total = p.total();
    let bounded: u64 = p.entries().iter().filter_map(|e| e.bounds().high()).sum();
    let unbounded = p
        .entries()
        .iter()
        .filter(|e| e.bounds().high().is_none())
        .count();
    let elapsed = t.elapsed();
    println!(
        "entries={} low={} high={} bounded_high_sum={} unbounded={} seconds={:.3}",
        p.entries().len(),
        total.low(),
        total.high().map_or("inf".to_owned(), |h| h.to_string()),
        bounded,
        unbounded,
        elapsed.as_secs_f64()
    );
    drop(p);
    // A one-shot tool: let the system reclaim the memory rather than
    // freeing millions of records one by one (seconds at 10M rows).
    std::mem::forget(data);
    ExitCode::SUCCESS
}
