//! The checks: what an import found in its tables, then what validation
//! found, one row each.

use crate::csv::Problem;
use crate::rows::{joined, row};
use crate::validate::Report;

row! {
    /// One thing the checks found: a problem of an imported table's row
    /// (with its file, line and column) or a finding of a consistency rule
    /// (with the records it concerns).
    pub struct FindingRow {
        /// A consistency rule's id (`relocation-exceeds-strength`, …), or
        /// for a problem of the input its kind's code (`no-country-code`,
        /// `bad-cell`, `parts-and-whole`, …).
        pub rule: String,
        /// `error`, `warning` or `note`.
        pub severity: String,
        /// The records, missions or nations a finding concerns, joined by
        /// `;`; empty for a problem of the input.
        pub records: String,
        /// For an error, the fewest of its records that cannot all be true,
        /// joined by `;`.
        pub contradiction: Option<String>,
        /// For a problem of the input, the file.
        pub file: Option<String>,
        /// For a problem of the input, the 1-based line, when in a row.
        pub line: Option<u64>,
        /// For a problem of the input, the column's header name, when in
        /// a cell.
        pub column: Option<String>,
        /// What was found, in words, with the arithmetic.
        pub message: String,
    }
}

/// What an import found in its tables (`problems`), then the report's
/// findings, one row each.
pub fn findings(problems: &[Problem], report: &Report) -> Vec<FindingRow> {
    let problems = problems.iter().map(|p| {
        let at = p.position();
        FindingRow {
            rule: p.code().to_owned(),
            severity: p.severity().as_str().to_owned(),
            records: String::new(),
            contradiction: None,
            file: Some(at.file_name().to_owned()),
            line: at.line_number(),
            column: at.column().map(str::to_owned),
            message: p.kind().to_string(),
        }
    });
    let findings = report.findings().iter().map(|f| FindingRow {
        rule: f.rule().to_string(),
        severity: f.severity().as_str().to_owned(),
        records: joined(f.records()),
        contradiction: f.contradiction().map(joined),
        file: None,
        line: None,
        column: None,
        message: f.message().to_owned(),
    });
    problems.chain(findings).collect()
}
