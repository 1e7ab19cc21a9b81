//! `troop-tracker --troopdata DIR import` (or `--ipi DIR`): what the
//! imported tables gave.

use std::collections::BTreeMap;

use serde::Serialize;
use troop_tracker::{export, rows, Problem, ProblemKind};

use crate::args::{print_json, print_json_lines, Format};
use crate::load::{Checks, Loaded};
use crate::output::{self, Failure};
use crate::summary::from_export;

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

/// What the import gave, as rows: counts per table, then every problem.
#[derive(Serialize)]
struct Json {
    counts: Vec<rows::ImportCount>,
    findings: Vec<rows::FindingRow>,
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
            counts: rows::import_counts(&loaded.tables, &loaded.problems),
            findings: report.rows(),
        }),
        Format::Jsonl => print_json_lines(&rows::import_counts(&loaded.tables, &loaded.problems)),
        Format::Csv => export::write_rows(
            output::stdout(),
            &rows::import_counts(&loaded.tables, &loaded.problems),
            export::ExportOptions::default(),
        )
        .map(|_| ())
        .map_err(from_export),
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
