//! Files for spreadsheets: every answer's [rows] as CSV (the
//! posture, its totals, a nation-by-location pivot, the timeline, the
//! checks), and the whole ledger in the input schema; Parquet with the
//! `parquet` feature.
//!
//! Every CSV file is UTF-8 with RFC 4180 quoting, ISO 8601 dates, plain
//! numbers and `true`/`false`, its header the row type's
//! [columns](crate::rows::Row::COLUMNS). A text cell that a spreadsheet
//! would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab, a
//! carriage return or a line feed) is written with a leading `'`, as
//! OWASP recommends, and so is a part of one after a `;`, where
//! spreadsheets in `;`-separator locales split the line; the loader takes
//! it off again, so an exported ledger loads back unchanged. No NUL byte
//! reaches a file (see [`neutralize`]).
//!
//! The output layer: it renders what the analyses computed (a
//! [`Posture`], the [timeline](crate::Dataset::timeline),
//! a [`Report`]), through the rows, and computes nothing of
//! its own.

#[cfg(feature = "parquet")]
mod parquet_file;

use std::io::Write;

use crate::csv::write::Sheet;
use crate::csv::Problem;
use crate::dataset::Dataset;
use crate::posture::Posture;
use crate::rows::{self, Row, Value};
use crate::timeline::Subject;
use crate::validate::Report;

pub use crate::csv::{neutralize, restore, write_ledger, write_table, ExportError, ExportOptions};
#[cfg(feature = "parquet")]
pub use parquet_file::{record_batch, schema, write_parquet};

/// The arrow-rs crates that [`record_batch`] and [`schema`] return,
/// re-exported so that a caller reads them with the same versions (the
/// `parquet` feature).
#[cfg(feature = "parquet")]
pub mod arrow {
    pub use arrow_array as array;
    pub use arrow_schema as schema;
    pub use parquet;
}

/// A typed cell as CSV text: text guarded against formulas, numbers and
/// days as written, flags as `true`/`false`, nothing as an empty cell.
fn cell(value: Value<'_>) -> String {
    match value {
        Value::Text(t) => neutralize(t.unwrap_or_default()).into_owned(),
        Value::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        Value::Flag(b) => b.map(|b| b.to_string()).unwrap_or_default(),
    }
}

/// Writes rows of any row type as CSV under its columns' names; returns
/// how many rows were written.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_rows<W: Write, R: Row>(
    w: W,
    rows: &[R],
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let mut sheet = Sheet::new(w, options, &rows::column_names::<R>())?;
    for row in rows {
        sheet.record(row.values().into_iter().map(cell))?;
    }
    sheet.finish()
}

/// Writes the posture's figures ([`rows::posture`]), one row per
/// nation, mission and location.
///
/// `low` and `high` are what each row adds to the totals, so summing them
/// gives outer bounds of [`Posture::total`] (the exact totals are in
/// [`write_totals`]); an empty `high` means no upper bound, and says so in
/// `high_unbounded`, since a spreadsheet or pandas sums an empty cell as
/// nothing and would report a finite total. A row that is part of another
/// (an area of a country figure, one mission of an all-missions figure)
/// names it in `part_of` and gives its counts in `part_low`/`part_high`
/// instead, so nothing is counted twice.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_posture<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows(w, &rows::posture(posture), options)
}

/// Writes the posture's totals ([`rows::totals`]), each as tight as the
/// evidence allows.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_totals<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows(w, &rows::totals(posture), options)
}

/// Writes nations as rows and locations as columns, each cell the
/// nation's strength there ([`rows::pivot`]), with totals in the last row
/// and the last column.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_pivot<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let cells = rows::pivot(posture);
    // The columns: the locations in the cells' order, then the total.
    let mut locations: Vec<&str> = Vec::new();
    for c in &cells {
        if c.location != "total" && !locations.contains(&c.location.as_str()) {
            locations.push(&c.location);
        }
    }
    let mut header = vec!["nation"];
    header.extend(&locations);
    header.push("total");
    let mut sheet = Sheet::new(w, options, &header)?;
    let mut start = 0;
    while start < cells.len() {
        let nation = &cells[start].nation;
        let end = cells[start..]
            .iter()
            .position(|c| &c.nation != nation)
            .map_or(cells.len(), |n| start + n);
        let of = &cells[start..end];
        let mut line = vec![neutralize(nation).into_owned()];
        line.extend(header[1..].iter().map(|l| {
            of.iter()
                .find(|c| c.location == *l)
                .map_or(String::new(), |c| neutralize(&c.strength).into_owned())
        }));
        sheet.record(line)?;
        start = end;
    }
    sheet.finish()
}

/// Writes the ledger's whole timeline ([`rows::timeline`] of
/// [`Subject::All`]), oldest first.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_timeline<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_timeline_of(w, data, &Subject::All, options)
}

/// Writes one subject's timeline ([`rows::timeline`]).
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_timeline_of<W: Write>(
    w: W,
    data: &Dataset,
    subject: &Subject,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows(w, &rows::timeline(data, subject), options)
}

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
/// one row each ([`rows::findings`]).
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
    write_rows(w, &rows::findings(problems, report), options)
}
