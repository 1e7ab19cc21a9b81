//! `troop-tracker --troopdata DIR import` (or `--ipi DIR`): what the
//! imported tables gave.

use std::collections::BTreeMap;

use serde::Serialize;
use troop_tracker::import::TableCounts;
use troop_tracker::{Problem, ProblemKind};

use crate::args::{print_json, Format};
use crate::load::{Checks, Loaded};
use crate::output::{self, Failure};

/// Import the tables (--troopdata DIR, --ipi DIR) and say what they gave.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Reads troopdata-rebuild-country-year-quarter-format.csv and \
troopdata-rebuild-reports.csv from the --troopdata folder, in place. A 0 without a named \
report is read as not reported, an unsourced figure as an estimate (about N), imputed \
figures as about N. With --ipi DIR, reads full_gender_data.csv: troops by contributor and \
mission, other personnel counted apart, totals checked against their parts. data/README.md \
gives every rule. The other commands take --troopdata and --ipi too: `troop-tracker \
--troopdata DIR chart --location DEU`, `troop-tracker --ipi DIR summary --mission UNIFIL`."
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// How many of the rows left out to list (all are counted).
    #[arg(long, default_value_t = 20)]
    show: usize,
}

#[derive(Serialize)]
struct Json<'a> {
    tables: &'a [TableCounts],
    rows_left_out: Vec<String>,
    rows_flagged: Vec<String>,
    findings: BTreeMap<String, usize>,
}

pub fn run(loaded: &Loaded, args: &Args) -> Result<(), Failure> {
    if loaded.tables.is_empty() {
        return Err(Failure::Usage(
            "import reads imported tables: give --troopdata DIR or --ipi DIR".to_owned(),
        ));
    }
    let report = loaded.report();
    let (dropped, flagged): (Vec<_>, Vec<_>) =
        loaded.problems.iter().partition(|p| p.leaves_out_rows());
    match args.format {
        Format::Json => print_json(&Json {
            tables: &loaded.tables,
            rows_left_out: dropped.iter().map(|p| p.to_string()).collect(),
            rows_flagged: flagged.iter().map(|p| p.to_string()).collect(),
            findings: by_rule(&report),
        }),
        Format::Csv => {
            let rows = loaded.tables.iter().flat_map(|t| {
                let row = |what: String, n: usize| vec![t.file.clone(), what, n.to_string()];
                let readings = t
                    .by_reading
                    .iter()
                    .map(move |(r, n)| row(r.to_string(), *n));
                // What the checks of the rows found, by code: `problem:bad-cell`.
                let mut found: BTreeMap<&str, usize> = BTreeMap::new();
                for p in &loaded.problems {
                    if p.position().file_name() == t.file {
                        *found.entry(p.code()).or_default() += 1;
                    }
                }
                let found: Vec<Vec<String>> = found
                    .into_iter()
                    .map(|(code, n)| row(format!("problem:{code}"), n))
                    .collect();
                readings
                    .chain([row("left_out".to_owned(), t.rows - t.imported)])
                    .chain(found)
            });
            output::print(&output::csv_text(&["file", "reading", "rows"], rows)?)
        }
        Format::Table => {
            let mut out = String::new();
            for t in &loaded.tables {
                out.push_str(&format!(
                    "{}\n  {} rows, {} imported:",
                    t.file, t.rows, t.imported
                ));
                for (reading, n) in &t.by_reading {
                    out.push_str(&format!(" {n} {reading}"));
                }
                out.push_str(&format!("; {} left out\n", t.rows - t.imported));
            }
            out.push_str(&format!("\nRows left out: {}\n", dropped.len()));
            let groups = grouped(&dropped);
            for (what, lines) in groups.iter().take(args.show) {
                out.push_str(&format!("  {what}: {}\n", line_list(lines)));
            }
            if groups.len() > args.show {
                out.push_str(&format!(
                    "  … and {} more groups (--show N; validate --min-severity warning lists every row)\n",
                    groups.len() - args.show
                ));
            }
            out.push_str(&format!("\nRows read with a caveat: {}\n", flagged.len()));
            for p in flagged.iter().take(args.show) {
                out.push_str(&format!("  {} [{}] {p}\n", p.severity(), p.code()));
            }
            if flagged.len() > args.show {
                out.push_str(&format!(
                    "  … and {} more (--show N; validate --min-severity note lists every one)\n",
                    flagged.len() - args.show
                ));
            }
            out.push_str("\nChecks:\n");
            for (rule, n) in by_rule(&report) {
                out.push_str(&format!("  {n:>6}  {rule}\n"));
            }
            output::print(&out)
        }
    }
}

/// Rows left out, grouped by file and what is wrong (a place without a
/// code, a bad cell), with their lines.
fn grouped(problems: &[&Problem]) -> Vec<(String, Vec<u64>)> {
    let mut groups: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for p in problems {
        let what = match p.kind() {
            ProblemKind::NoCountryCode { place } => {
                format!("{}: no ISO code for {place:?}", p.position().file_name())
            }
            _ => p.to_string(),
        };
        groups
            .entry(what)
            .or_default()
            .push(p.position().line_number().unwrap_or_default());
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|(_, lines)| std::cmp::Reverse(lines.len()));
    groups
}

/// `12 rows, lines 1466-1477` or `line 30`.
fn line_list(lines: &[u64]) -> String {
    match lines {
        [one] => format!("line {one}"),
        _ => {
            let (first, last) = (lines.iter().min(), lines.iter().max());
            format!(
                "{} rows, lines {}..{}",
                lines.len(),
                first.copied().unwrap_or_default(),
                last.copied().unwrap_or_default()
            )
        }
    }
}

/// Problems counted by code and findings by rule, with their severity:
/// `no-country-code warning`, `competing-claims error`.
fn by_rule(checks: &Checks<'_>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for p in checks.problems {
        *out.entry(format!("{} {}", p.code(), p.severity()))
            .or_default() += 1;
    }
    for f in checks.report.findings() {
        *out.entry(format!("{} {}", f.rule(), f.severity()))
            .or_default() += 1;
    }
    out
}
