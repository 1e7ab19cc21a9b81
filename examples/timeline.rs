//! The dated history of a nation's troops or of a mission, with sources.
//!
//! ```text
//! cargo run --example timeline -- --nation DEU
//! cargo run --example timeline -- --mission NMI [--data DIR]
//! ```
//!
//! With neither option it prints the timeline of every mission.

use std::process::ExitCode;

use troop_tracker::{summary, Dataset, LoadOptions, Subject};

const USAGE: &str = "usage: timeline [--nation CODE | --mission ID] [--data DIR [--articles DIR]]";

fn main() -> ExitCode {
    let mut nation = None;
    let mut mission = None;
    let mut dir = None;
    let mut articles = LoadOptions::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--nation", Some(v)) => nation = Some(v),
            ("--mission", Some(v)) => mission = Some(v),
            ("--data", Some(v)) => dir = Some(v),
            ("--articles", Some(v)) => articles = articles.allow_articles_in(v),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let loaded = match &dir {
        Some(d) => Dataset::from_dir_with(d, &articles),
        None => Dataset::bundled(),
    };
    let data = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the data could not be loaded:\n{e}");
            return ExitCode::from(2);
        }
    };
    let mut wanted = Vec::new();
    if let Some(n) = nation {
        match n.parse() {
            Ok(code) if data.nation(code).is_some() => wanted.push(Subject::Nation(code)),
            _ => {
                eprintln!("error: no nation {n:?} in the data");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(m) = mission {
        match m.parse() {
            Ok(id) if data.mission(&id).is_some() => wanted.push(Subject::Mission(id)),
            _ => {
                eprintln!("error: no mission {m:?} in the data");
                return ExitCode::from(2);
            }
        }
    }
    if wanted.is_empty() {
        wanted.extend(
            data.missions()
                .iter()
                .map(|m| Subject::Mission(m.id().clone())),
        );
    }
    for subject in &wanted {
        let name = match subject {
            Subject::Nation(c) => data.nation(*c).map_or(c.to_string(), |n| n.to_string()),
            Subject::Mission(m) => data.mission(m).map_or(m.to_string(), |x| x.to_string()),
            _ => "the whole ledger".to_owned(),
        };
        println!("Timeline of {name}\n");
        println!(
            "{}",
            summary::timeline_table(&data, &data.timeline(subject), summary::DEFAULT_WIDTH)
        );
    }
    ExitCode::SUCCESS
}
