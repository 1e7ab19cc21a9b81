//! What hostile shapes of input cost: each shape at growing sizes, with
//! its time and the process's peak memory so far.
//!
//! ```text
//! cargo run --release -p troop-tracker-bench --example hostile -- chart 1000 10000 50000
//! ```
//!
//! Shapes (N records each):
//! - `chart`: one location observed on N days; the chart of that location.
//! - `timeline`: one nation's N relocations between Iraq and Kuwait over
//!   28 days (several a day); its timeline, with figures after each move.
//! - `validate`: the same with every move temporary; validation.
//! - `same-as`: N relocations each `same_as` the next, the last the
//!   first (a loop); load and validation.
//! - `shared-article`: N sources naming one 16 MiB article; load.
//! - `quotes`: N citations checked against one 16 MiB article; load.

use std::fmt::Write as _;
use std::time::Instant;

use troop_tracker::chart::chart;
use troop_tracker::{Dataset, Ledger, Subject};

const QUOTE: &str = "a quote";

fn header(name: &str) -> String {
    troop_tracker::schema()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| c.join(",") + "\n")
        .unwrap_or_default()
}

/// A dataset from its deployments, relocations and sources (with the
/// article text each source names).
fn dataset(sources: &str, article: &str, deployments: &str, relocations: &str) -> Dataset {
    let files = [
        ("sources.csv", header("sources.csv") + sources),
        (
            "nations.csv",
            "code,name,nato_joined,reference\nDEU,Germany,,\nIRQ,Iraq,,\nKWT,Kuwait,,\n".to_owned(),
        ),
        ("missions.csv", header("missions.csv")),
        ("mission_strengths.csv", header("mission_strengths.csv")),
        ("deployments.csv", header("deployments.csv") + deployments),
        ("relocations.csv", header("relocations.csv") + relocations),
        ("events.csv", header("events.csv")),
        ("article.txt", article.to_owned()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::from_texts(&refs).expect("the generated dataset loads")
}

const ONE_SOURCE: &str = "s1,article.txt,T,O,2900-01-01,stated\n";

fn day(i: usize) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("day") + chrono::Days::new(i as u64)
}

fn moves(n: usize, temporary: bool) -> (String, String) {
    let deployments = format!("D0,DEU,IRQ,,{},,{},,,s1,{QUOTE},\n", day(0), 10 * n);
    let mut relocations = String::new();
    for i in 0..n {
        let (from, to) = if i % 2 == 0 {
            ("IRQ", "KWT")
        } else {
            ("KWT", "IRQ")
        };
        let temp = if temporary { "yes" } else { "" };
        writeln!(
            relocations,
            "R{i},DEU,{},1..10,{from},,{to},,{temp},carried_out,,,,s1,{QUOTE},",
            day(1 + i * 28 / n)
        )
        .expect("write");
    }
    (deployments, relocations)
}

/// A 16 MiB article of varied words, and `n` quotes drawn from it.
fn big_article(n: usize) -> (String, Vec<String>) {
    let mut text = String::with_capacity(16 << 20);
    let mut i: u64 = 1;
    while text.len() < (16 << 20) - 64 {
        i = i.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        write!(text, "w{} ", i >> 40).expect("write");
    }
    let step = text.len() / n.max(1);
    let quotes = (0..n)
        .map(|k| {
            let at = text[k * step..].find(' ').map_or(0, |s| k * step + s + 1);
            let end = text[at..]
                .char_indices()
                .nth(40)
                .map_or(text.len(), |(e, _)| at + e);
            text[at..end].trim().to_owned()
        })
        .collect();
    (text, quotes)
}

fn run(shape: &str, n: usize) -> String {
    let t = Instant::now();
    let what = match shape {
        "chart" => {
            let mut deployments = String::new();
            for i in 0..n {
                writeln!(
                    deployments,
                    "D{i},DEU,IRQ,,{},,{},,,s1,{QUOTE},",
                    day(i),
                    100 + i % 7
                )
                .expect("write");
            }
            let data = dataset(ONE_SOURCE, QUOTE, &deployments, "");
            let ledger = Ledger::new(&data);
            let c = chart(&ledger, &Subject::Location("IRQ".parse().expect("code")));
            format!("{} points", c.series[0].points.len())
        }
        "timeline" | "validate" => {
            let (d, r) = moves(n, shape == "validate");
            let data = dataset(ONE_SOURCE, QUOTE, &d, &r);
            if shape == "timeline" {
                let items = data.timeline(&Subject::Nation("DEU".parse().expect("code")));
                format!("{} lines", items.len())
            } else {
                let report = data.validate();
                format!("{} findings", report.findings().len())
            }
        }
        "same-as" => {
            let d = format!("D0,DEU,IRQ,,{},,{},,,s1,{QUOTE},\n", day(0), 10 * n);
            let mut r = String::new();
            for i in 0..n {
                writeln!(
                    r,
                    "R{i},DEU,{},10,IRQ,,KWT,,,carried_out,R{},,,s1,{QUOTE},",
                    day(1),
                    (i + 1) % n
                )
                .expect("write");
            }
            let data = dataset(ONE_SOURCE, QUOTE, &d, &r);
            let report = data.validate();
            let longest = report
                .findings()
                .iter()
                .map(|f| f.to_string().len())
                .max()
                .unwrap_or(0);
            format!(
                "{} findings, longest {longest} bytes",
                report.findings().len()
            )
        }
        "shared-article" | "quotes" => {
            let (article, quotes) = big_article(n);
            let mut sources = String::new();
            let mut deployments = String::new();
            let named = if shape == "quotes" { 1 } else { n };
            for k in 0..named {
                writeln!(sources, "s{k},article.txt,T,O,2900-01-01,stated").expect("write");
            }
            for (i, q) in quotes.iter().enumerate() {
                let source = if shape == "quotes" { 0 } else { i };
                writeln!(
                    deployments,
                    "D{i},DEU,IRQ,,{},,10,,,s{source},\"{q}\",",
                    day(i)
                )
                .expect("write");
            }
            let data = dataset(&sources, &article, &deployments, "");
            format!("{} sources", data.sources().len())
        }
        other => format!("unknown shape {other}"),
    };
    format!(
        "{shape:<15} {n:>7} {:>9.3}s  peak {:>6} MB  {what}",
        t.elapsed().as_secs_f64(),
        peak_mb()
    )
}

/// The process's peak resident memory so far (Linux), in MB.
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let shape = args.next().unwrap_or_else(|| "chart".to_owned());
    let sizes: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
    for n in if sizes.is_empty() { vec![1000] } else { sizes } {
        println!("{}", run(&shape, n));
    }
}
