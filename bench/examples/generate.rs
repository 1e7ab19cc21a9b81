//! Writes a deterministic synthetic dataset in the project's schema.
//!
//! ```text
//! cargo run --release --example generate -- --rows 100000 --out target/synthetic-100k [--seed 7] [--uncoupled]
//! ```
//!
//! `--uncoupled` writes no relocations and no `n/r` (see
//! `troop_tracker_bench::Shape`): the data `bench/polars_compare.py`
//! times against polars.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut rows = 10_000usize;
    let mut out = PathBuf::from("target/synthetic");
    let mut seed = 7u64;
    let mut shape = troop_tracker_bench::Shape::Coupled;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--uncoupled" {
            shape = troop_tracker_bench::Shape::Uncoupled;
            continue;
        }
        let value = args.next();
        let ok = match (flag.as_str(), value) {
            ("--rows", Some(v)) => v.parse().map(|v| rows = v).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|v| seed = v).is_ok(),
            ("--out", Some(v)) => {
                out = PathBuf::from(v);
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("usage: generate [--rows N] [--out DIR] [--seed S] [--uncoupled]");
            return ExitCode::from(2);
        }
    }
    match troop_tracker_bench::write_shaped(&out, rows, seed, shape) {
        Ok(written) => {
            for (path, n) in &written.files {
                println!("{}  {n} rows", path.display());
            }
            println!("{} bytes in {}", written.bytes, out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
