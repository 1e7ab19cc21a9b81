//! Whole-process scale run: generates (or reuses) a synthetic dataset and
//! times each stage against the floor of reading the same bytes with
//! `csv::ByteRecord`, with rows per second and peak memory.
//!
//! ```text
//! cargo run --release --example scale -- --rows 1000000 [--dir DIR] [--seed 7]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use troop_tracker::export::{self, ExportOptions};
use troop_tracker::{Dataset, Severity};

/// Peak resident memory so far, in bytes (Linux `VmHWM`).
fn peak_memory() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The floor: every CSV file of the folder read with `csv::ByteRecord`
/// and nothing else. Returns records and bytes.
fn floor(dir: &Path) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut records = 0;
    let mut bytes = 0;
    for (name, _) in troop_tracker::schema() {
        let path = dir.join(name);
        bytes += std::fs::metadata(&path)?.len();
        let mut r = csv::ReaderBuilder::new().flexible(true).from_path(&path)?;
        let mut rec = csv::ByteRecord::new();
        while r.read_byte_record(&mut rec)? {
            records += 1;
        }
    }
    Ok((records, bytes))
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn run(rows: usize, dir: &Path, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    if !dir.join("deployments.csv").exists() {
        let t = Instant::now();
        troop_tracker_bench::write_dataset(dir, rows, seed)?;
        println!("generated {rows} deployments in {:.2}s", secs(t.elapsed()));
    }
    let t = Instant::now();
    let (records, bytes) = floor(dir)?;
    let floor_time = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {:>12.0} rows/s  peak {:>6} MB",
        "floor (csv::ByteRecord)",
        secs(floor_time),
        records as f64 / secs(floor_time),
        peak_memory() >> 20
    );
    let t = Instant::now();
    let data = Dataset::from_dir(dir)?;
    let ledger = troop_tracker::Ledger::new(&data);
    let load = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {:>12.0} rows/s  peak {:>6} MB",
        "load",
        secs(load),
        records as f64 / secs(load),
        peak_memory() >> 20
    );
    let t = Instant::now();
    let report = ledger.validate();
    let validate = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {:>12.0} rows/s  peak {:>6} MB  ({} errors, {} warnings, {} notes)",
        "validate",
        secs(validate),
        records as f64 / secs(validate),
        peak_memory() >> 20,
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Note)
    );
    let day = |s: &str| s.parse::<chrono::NaiveDate>();
    let t = Instant::now();
    let p = ledger.posture(day("2010-06-30")?);
    let first = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {} entries, total {}  peak {:>6} MB",
        "posture (first)",
        secs(first),
        p.entries().len(),
        p.total(),
        peak_memory() >> 20
    );
    let t = Instant::now();
    let p2 = ledger.posture(day("2020-01-09")?);
    let second = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {} entries ({:.1} ms)",
        "posture (new date)",
        secs(second),
        p2.entries().len(),
        second.as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let mut sink = std::io::sink();
    let n = export::write_posture(&mut sink, &p2, ExportOptions::default())?;
    let export_time = t.elapsed();
    println!(
        "{:<28}{:>9.3}s  {n} rows",
        "export posture",
        secs(export_time)
    );
    let path_time = load + validate + first;
    println!();
    println!(
        "input: {records} records, {bytes} bytes ({} MB)",
        bytes >> 20
    );
    println!(
        "load + validate + posture: {:.3}s = {:.2}x the floor ({:.3}s)",
        secs(path_time),
        secs(path_time) / secs(floor_time),
        secs(floor_time)
    );
    println!(
        "time per record: {:.0} ns",
        secs(path_time) * 1e9 / records as f64
    );
    println!(
        "peak memory: {} MB = {:.2}x the input bytes",
        peak_memory() >> 20,
        peak_memory() as f64 / bytes as f64
    );
    Ok(())
}

fn main() -> ExitCode {
    let mut rows = 10_000usize;
    let mut dir: Option<PathBuf> = None;
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        let ok = match (flag.as_str(), value) {
            ("--rows", Some(v)) => v.parse().map(|v| rows = v).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|v| seed = v).is_ok(),
            ("--dir", Some(v)) => {
                dir = Some(PathBuf::from(v));
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("usage: scale [--rows N] [--dir DIR] [--seed S]");
            return ExitCode::from(2);
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from(format!("target/scale-{rows}-{seed}")));
    match run(rows, &dir, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
