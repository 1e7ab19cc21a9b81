//! Times importing a record's tables (troopdata's two by default, or any
//! importer of `import::IMPORTERS`), validating them and asking for
//! postures, on the user's copy of the files.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example troopdata -- ../shared/external/troopdata [RUNS]
//! cargo run --release -p troop-tracker-bench --example troopdata -- ../shared/external/ipi-peacekeeping 9 ipi 2012-06-30
//! ```
//!
//! Prints the median and the fastest of RUNS runs (default 7) of each
//! stage, and the rows, records and findings they gave.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use troop_tracker::import;
use troop_tracker::{Ledger, Severity};

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{label:<32} median {:>8.1} ms   fastest {:>8.1} ms",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: troopdata DIR [RUNS]")?);
    let runs: usize = args.next().map_or(Ok(7), |r| r.parse())?;
    let kind = args.next().unwrap_or_else(|| "troopdata".to_owned());
    let day: troop_tracker::Day = args
        .next()
        .unwrap_or_else(|| "2023-03-31".to_owned())
        .parse()?;
    let read = import::IMPORTERS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, read)| *read)
        .ok_or("no such importer")?;
    let (mut import, mut validate, mut posture, mut all) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs.max(1) {
        let (imported, t_import) = timed(|| read(&dir));
        let imported = imported?;
        let (report, t_validate) = timed(|| imported.dataset.validate());
        let ledger = Ledger::new(&imported.dataset);
        let (p, t_posture) = timed(|| ledger.posture(day));
        import.push(t_import);
        validate.push(t_validate);
        posture.push(t_posture);
        all.push(t_import + t_validate);
        if run == 0 {
            let rows: usize = imported.counts.iter().map(|c| c.rows).sum();
            let records = imported.dataset.deployments().len();
            println!(
                "{rows} rows, {records} deployments, {} rows left out; {} errors, {} warnings, {} notes; all troops {day}: {}",
                imported.problems.iter().filter(|p| p.leaves_out_rows()).count(),
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Note),
                p.total()
            );
        }
    }
    summary("import (read, parse, index)", import);
    summary("validate", validate);
    summary("import + validate", all);
    summary("first posture (builds the index)", posture);
    Ok(())
}
