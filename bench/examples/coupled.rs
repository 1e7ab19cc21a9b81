//! Postures over coupled groups of records: figures the model cannot take
//! apart, at growing sizes.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example coupled -- 1000 10000
//! ```
//!
//! Three shapes, each of N records of one nation:
//! - `chain`: 1,000 troops in Iraq, then N temporary moves of "1..10"
//!   between Iraq and Kuwait, one a day, alternating;
//! - `areas`: Iraq "about 10·N", and N areas of it "about 10" each, all on
//!   one day;
//! - `into-areas`: 10·N troops in Kuwait, then N moves of "1..10" from
//!   Kuwait into N areas of Iraq, one a day.
//!
//! Each line gives the load, the first posture (compiling the model), the
//! posture on a second day, and the total. `COUPLED_SHAPE=chain` runs one
//! shape only; `COUPLED_FIGURES=1` prints the first figures of each posture.

use std::fmt::Write as _;
use std::time::Instant;

use troop_tracker::{Dataset, Ledger};

const QUOTE: &str = "a quote";

fn dataset(deployments: &str, relocations: &str) -> Dataset {
    let header = |name: &str| -> String {
        troop_tracker::schema()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.join(",") + "\n")
            .unwrap_or_default()
    };
    let files = [
        (
            "sources.csv",
            "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2900-01-01,stated\n"
                .to_owned(),
        ),
        (
            "nations.csv",
            "code,name,nato_joined,reference\nDEU,Germany,,\nIRQ,Iraq,,\nKWT,Kuwait,,\n".to_owned(),
        ),
        ("missions.csv", header("missions.csv")),
        ("mission_strengths.csv", header("mission_strengths.csv")),
        ("deployments.csv", header("deployments.csv") + deployments),
        ("relocations.csv", header("relocations.csv") + relocations),
        ("events.csv", header("events.csv")),
        ("article.txt", QUOTE.to_owned()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::from_texts(&refs).expect("the generated dataset loads")
}

fn day(i: usize) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("day") + chrono::Days::new(i as u64)
}

fn chain(n: usize) -> (String, String) {
    let deployments = format!("D0,DEU,IRQ,,{},,1000,,,s1,{QUOTE},\n", day(0));
    let mut relocations = String::new();
    for i in 0..n {
        let (from, to) = if i % 2 == 0 {
            ("IRQ", "KWT")
        } else {
            ("KWT", "IRQ")
        };
        writeln!(
            relocations,
            "R{i},DEU,{},1..10,{from},,{to},,yes,carried_out,,,,s1,{QUOTE},",
            day(i + 1)
        )
        .expect("write");
    }
    (deployments, relocations)
}

fn areas(n: usize) -> (String, String) {
    let mut deployments = format!("D,DEU,IRQ,,{},,~{},,,s1,{QUOTE},\n", day(0), 10 * n);
    for i in 0..n {
        writeln!(
            deployments,
            "D{i},DEU,IRQ/Area {i},,{},,~10,,,s1,{QUOTE},",
            day(0)
        )
        .expect("write");
    }
    (deployments, String::new())
}

fn into_areas(n: usize) -> (String, String) {
    let deployments = format!("D0,DEU,KWT,,{},,{},,,s1,{QUOTE},\n", day(0), 10 * n);
    let mut relocations = String::new();
    for i in 0..n {
        writeln!(
            relocations,
            "R{i},DEU,{},1..10,KWT,,IRQ/Area {i},,,carried_out,,,,s1,{QUOTE},",
            day(i + 1)
        )
        .expect("write");
    }
    (deployments, relocations)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    println!("shape        records   load     first posture   second posture   total");
    for &n in &sizes {
        for (name, make) in [
            ("chain", chain as fn(usize) -> (String, String)),
            ("areas", areas),
            ("into-areas", into_areas),
        ] {
            if std::env::var("COUPLED_SHAPE").is_ok_and(|only| only != name) {
                continue;
            }
            let (d, r) = make(n);
            let t = Instant::now();
            let data = dataset(&d, &r);
            let load = t.elapsed();
            let ledger = Ledger::new(&data);
            let t = Instant::now();
            let p = ledger.posture(day(n + 5));
            let total = p.total();
            let first = t.elapsed();
            let t = Instant::now();
            let q = ledger.posture(day(n / 2));
            let _ = q.total();
            let second = t.elapsed();
            println!(
                "{name:<12} {n:>7} {:>7.3}s {:>12.3}s {:>14.3}s   {total}",
                load.as_secs_f64(),
                first.as_secs_f64(),
                second.as_secs_f64()
            );
            if std::env::var_os("COUPLED_FIGURES").is_some() {
                for e in p.entries().iter().take(4) {
                    println!("    {} = {}", e.key(), e.bounds());
                }
            }
        }
    }
}
