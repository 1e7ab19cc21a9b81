//! Force summaries: who had how many troops where, on the key dates of the
//! data, as tables with numbered sources, followed by the validation
//! report.
//!
//! ```text
//! cargo run --example force_summary
//! cargo run --example force_summary -- --as-of 2020-02-13 --projected
//! cargo run --example force_summary -- --data DIR --nation DEU
//! cargo run --example force_summary -- --data data --articles seeds
//! cargo run --example force_summary -- --mission NMI --as-of 2020-02-13
//! ```
//!
//! With no `--as-of`, the key dates come from the data: the start and end
//! of the first day with a relocation (before and after it), and the day
//! of the latest announced relocation, projected. `--nation` and
//! `--mission` print that subject's timeline and narrow the tables to it.

use std::process::ExitCode;

use chrono::NaiveDate;
use troop_tracker::posture::Moment;
use troop_tracker::{
    summary, Dataset, Ledger, LoadOptions, MissionId, NationCode, PostureOptions, Subject,
};

struct Args {
    as_of: Option<NaiveDate>,
    data: Option<String>,
    articles: LoadOptions,
    nation: Option<NationCode>,
    mission: Option<MissionId>,
    projected: bool,
}

const USAGE: &str = "usage: force_summary [--as-of YYYY-MM-DD] [--data DIR [--articles DIR]] [--nation CODE] [--mission ID] [--projected]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        as_of: None,
        data: None,
        articles: LoadOptions::new(),
        nation: None,
        mission: None,
        projected: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--as-of" => {
                let v = value("--as-of")?;
                args.as_of = Some(
                    v.parse()
                        .map_err(|_| format!("--as-of expects YYYY-MM-DD, found {v:?}"))?,
                );
            }
            "--data" => args.data = Some(value("--data")?),
            "--articles" => {
                let dir = value("--articles")?;
                args.articles = std::mem::take(&mut args.articles).allow_articles_in(dir);
            }
            "--nation" => {
                args.nation = Some(
                    value("--nation")?
                        .parse()
                        .map_err(|e| format!("--nation: {e}"))?,
                )
            }
            "--mission" => {
                args.mission = Some(
                    value("--mission")?
                        .parse()
                        .map_err(|e| format!("--mission: {e}"))?,
                )
            }
            "--projected" => args.projected = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// The key dates of a dataset: before and after the first relocation day,
/// and the latest announced relocation (projected).
fn key_dates(data: &Dataset) -> Vec<(String, NaiveDate, PostureOptions)> {
    let moved = data
        .relocations()
        .iter()
        .filter(|r| r.status().has_moved())
        .map(|r| r.date().earliest())
        .min();
    let announced = data
        .relocations()
        .iter()
        .filter(|r| !r.status().has_moved())
        .map(|r| r.date().latest())
        .max();
    let mut out = Vec::new();
    if let Some(day) = moved {
        let before = PostureOptions {
            moment: Moment::StartOfDay,
            ..PostureOptions::default()
        };
        out.push(("Before the first relocations".to_owned(), day, before));
        out.push(("After them".to_owned(), day, PostureOptions::default()));
    }
    if let Some(day) = announced {
        out.push((
            "After the latest announced decisions".to_owned(),
            day,
            PostureOptions::projected(),
        ));
    }
    out
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let loaded = match &args.data {
        Some(dir) => Dataset::from_dir_with(dir, &args.articles),
        None => Dataset::bundled(),
    };
    let data = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the data could not be loaded:\n{e}");
            return ExitCode::from(2);
        }
    };
    let width = summary::DEFAULT_WIDTH;
    if let Some(code) = args.nation {
        if data.nation(code).is_none() {
            eprintln!("error: no nation {code} in the data");
            return ExitCode::from(2);
        }
        println!("Timeline of {code}\n");
        println!(
            "{}",
            summary::timeline_table(&data, &data.timeline(&Subject::Nation(code)), width)
        );
    }
    if let Some(id) = &args.mission {
        if data.mission(id).is_none() {
            eprintln!("error: no mission {id} in the data");
            return ExitCode::from(2);
        }
        println!("Timeline of {id}\n");
        println!(
            "{}",
            summary::timeline_table(&data, &data.timeline(&Subject::Mission(id.clone())), width)
        );
    }
    let dates = match args.as_of {
        Some(day) => {
            let options = if args.projected {
                PostureOptions::projected()
            } else {
                PostureOptions::default()
            };
            vec![(format!("As of {day}"), day, options)]
        }
        None => key_dates(&data),
    };
    let ledger = Ledger::new(&data);
    for (title, day, options) in dates {
        println!("== {title} ==\n");
        let mut posture = ledger.posture_with(day, options);
        if args.nation.is_some() || args.mission.is_some() {
            posture = posture.focus(args.nation, args.mission.as_ref());
        }
        println!("{}", summary::posture_tables(&posture, width));
    }
    let report = data.validate();
    println!("== Validation ==\n");
    print!("{}", summary::report_text(&report, width));
    ExitCode::SUCCESS
}
