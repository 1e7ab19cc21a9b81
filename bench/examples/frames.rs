//! The Rust half of the Python benchmark (`bench/python_frames.py`):
//! imports troopdata's tables and the UN's, merges them, and takes the
//! posture of a day to its rows, as `tt.combine(...).posture(day)` does
//! before pandas sees it.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example frames -- ../shared/external [RUNS] [DAY]
//! ```
//!
//! Prints the median and the fastest of RUNS runs (default 7).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use troop_tracker::import::{self, ipi, troopdata};
use troop_tracker::{rows, Ledger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let shared = PathBuf::from(
        args.next()
            .ok_or("usage: frames SHARED_EXTERNAL [RUNS] [DAY]")?,
    );
    let runs: usize = args.next().map_or(Ok(7), |r| r.parse())?;
    let day: troop_tracker::Day = args.next().as_deref().unwrap_or("2012-06-30").parse()?;
    let mut times: Vec<Duration> = Vec::new();
    let mut figures = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let us = troopdata::read_dir(&shared.join("troopdata"))?;
        let un = ipi::read_dir(&shared.join("ipi-peacekeeping"))?;
        let both = import::merge(vec![us, un]);
        let ledger = Ledger::new(&both.dataset);
        figures = rows::posture(&ledger.posture(day)).len();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "import troopdata + IPI, merge, posture {day} as rows ({figures} rows): median {:.1} ms, fastest {:.1} ms of {runs}",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    Ok(())
}
