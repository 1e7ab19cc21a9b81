//! Postures on many new dates after one load: what answering "who had what
//! where on day X" costs once the ledger's index is built.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example postures -- --dir DIR [--days 200] [--step 53]
//! FROM=2020-01-01 cargo run ... # start from another day than 1995-01-01
//! ```

use std::process::ExitCode;
use std::time::Instant;

use troop_tracker::{Dataset, Ledger};

fn main() -> ExitCode {
    let mut dir = None;
    let mut days = 200u64;
    let mut step = 53u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--dir", Some(v)) => dir = Some(v),
            ("--days", Some(v)) => days = v.parse().unwrap_or(days),
            ("--step", Some(v)) => step = v.parse().unwrap_or(step),
            _ => {
                eprintln!("usage: postures --dir DIR [--days N] [--step DAYS]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: postures --dir DIR [--days N] [--step DAYS]");
        return ExitCode::from(2);
    };
    let data = match Dataset::from_dir(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let ledger = Ledger::new(&data);
    let start: troop_tracker::Day = std::env::var("FROM")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| "1995-01-01".parse().unwrap_or_default());
    let t = Instant::now();
    let first = ledger.posture(start);
    println!(
        "first posture (builds the index): {:.3}s",
        t.elapsed().as_secs_f64()
    );
    let mut entries = first.entries().len();
    let mut building = std::time::Duration::ZERO;
    let mut totalling = std::time::Duration::ZERO;
    for i in 0..days {
        let t = Instant::now();
        let p = ledger.posture(start + chrono::Days::new(i * step));
        building += t.elapsed();
        entries += p.entries().len();
        let t = Instant::now();
        let _ = p.total();
        totalling += t.elapsed();
    }
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0 / days as f64;
    println!(
        "posture on a new date: {:.2} ms, its total: {:.2} ms (means of {days}; {entries} entries in all)",
        ms(building),
        ms(totalling)
    );
    ExitCode::SUCCESS
}
