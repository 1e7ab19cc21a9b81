//! `findings.csv`: a validation report, one finding per row.

use std::io::Write;

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
    let out = report.findings().iter().map(|f| {
        vec![
            value(f.rule()),
            value(f.severity().as_str()),
            join(f.records()),
            text(f.message()),
        ]
    });
    rows(w, options, FINDINGS_COLUMNS, out)
}
