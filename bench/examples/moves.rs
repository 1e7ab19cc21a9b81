//! One nation moving between two countries N times: what a long history
//! costs. Every figure carried through a move shares the records of the
//! figure before it, so time and memory should grow linearly in N.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example moves -- --moves 50000 [--dir DIR]
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use troop_tracker::{Dataset, Ledger, Severity};

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

/// Writes the data folder: one observation of 1,000 Germans in Iraq, then
/// `moves` relocations of 10 soldiers, alternately Iraq to Kuwait and
/// back, one a day.
fn write(dir: &Path, moves: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let quote = "Germany moved troops between Iraq and Kuwait.";
    std::fs::write(dir.join("article.txt"), quote)?;
    std::fs::write(
        dir.join("sources.csv"),
        "id,file,title,outlet,published,date_basis\ns1,article.txt,Moves,Test,2100-01-01,stated\n",
    )?;
    std::fs::write(
        dir.join("nations.csv"),
        "code,name,nato_joined,reference\nDEU,Germany,,\nIRQ,Iraq,,\nKWT,Kuwait,,\n",
    )?;
    std::fs::write(
        dir.join("missions.csv"),
        "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\n",
    )?;
    std::fs::write(
        dir.join("mission_strengths.csv"),
        "id,mission,as_of,strength,words,source,quote,note\n",
    )?;
    std::fs::write(
        dir.join("events.csv"),
        "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n",
    )?;
    std::fs::write(
        dir.join("deployments.csv"),
        format!("id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\nD0,DEU,IRQ,,1900-01-01,,1000,,,s1,{quote},\n"),
    )?;
    let first = chrono::NaiveDate::from_ymd_opt(1900, 1, 2).unwrap_or_default();
    let mut text = String::from(
        "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n",
    );
    for i in 0..moves {
        let day = first + chrono::Days::new(i as u64);
        let (from, to) = if i % 2 == 0 {
            ("IRQ", "KWT")
        } else {
            ("KWT", "IRQ")
        };
        let _ = writeln!(
            text,
            "R{i},DEU,{day},10,{from},,{to},,,carried_out,,,,s1,{quote},"
        );
    }
    std::fs::write(dir.join("relocations.csv"), text)
}

fn main() -> ExitCode {
    let mut moves = 50_000usize;
    let mut dir = std::env::temp_dir().join("troop-tracker-moves");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--moves", Some(v)) => moves = v.parse().unwrap_or(moves),
            ("--dir", Some(v)) => dir = PathBuf::from(v),
            _ => {
                eprintln!("usage: moves [--moves N] [--dir DIR]");
                return ExitCode::from(2);
            }
        }
    }
    if let Err(e) = write(&dir, moves) {
        eprintln!("error: cannot write {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let t = Instant::now();
    let data = match Dataset::from_dir(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let load = t.elapsed();
    let t = Instant::now();
    let report = data.validate();
    let validate = t.elapsed();
    let t = Instant::now();
    let ledger = Ledger::new(&data);
    let last = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap_or_default();
    let posture = ledger.posture(last);
    let first_posture = t.elapsed();
    println!("{moves} moves of one nation");
    println!("load                {:>8.3}s", load.as_secs_f64());
    println!(
        "validate            {:>8.3}s  ({} errors, {} findings)",
        validate.as_secs_f64(),
        report.count(Severity::Error),
        report.findings().len()
    );
    println!(
        "posture (first)     {:>8.3}s  total {}",
        first_posture.as_secs_f64(),
        posture.total()
    );
    println!("peak memory         {:>8} MB", peak_memory() / 1_000_000);
    ExitCode::SUCCESS
}
