//! `findings.csv`: a validation report, one finding per row.

use std::io::Write;

use crate::csv::Problem;
use crate::export::{join, rows, text, value, ExportError, ExportOptions};
use crate::validate::Report;

/// The columns of `findings.csv`, in order.
pub const FINDINGS_COLUMNS: &[&str] = &["rule", "severity", "records", "message"];

/// Writes a validation report, one finding per row.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_findings<W: Write>(
    w: W,
    report: &Report,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_checks(w, &[], report, options)
}

/// Writes what an import found in its tables, then a validation report,
/// one row each. A problem's `rule` is its kind's code
/// ([`ProblemKind::code`](crate::ProblemKind::code): `no-country-code`,
/// `parts-and-whole`, …), its `records` empty, and its message begins
/// with its file and line.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_checks<W: Write>(
    w: W,
    problems: &[Problem],
    report: &Report,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let problems = problems.iter().map(|p| {
        vec![
            value(p.code()),
            value(p.severity().as_str()),
            value(""),
            text(p.to_string()),
        ]
    });
    let out = problems.chain(report.findings().iter().map(|f| {
        vec![
            value(f.rule()),
            value(f.severity().as_str()),
            join(f.records()),
            text(f.message()),
        ]
    }));
    rows(w, options, FINDINGS_COLUMNS, out)
}
