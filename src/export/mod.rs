//! CSV files for spreadsheets: the posture, the timeline, the findings, a
//! nation-by-location pivot, and the whole ledger in the input schema.
//!
//! Every file is UTF-8 with RFC 4180 quoting, ISO 8601 dates and plain
//! numbers. A text cell that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-`, `@`, a tab, a carriage return or a line
//! feed) is written with a leading `'`, as OWASP recommends, and so is a
//! part of one after a `;`, where spreadsheets in `;`-separator locales
//! split the line; the loader takes it off again, so an exported ledger
//! loads back unchanged. No NUL byte reaches a file (see [`neutralize`]).
//!
//! The output layer: it renders what the analyses computed (a
//! [`Posture`](crate::Posture), the [timeline](crate::Dataset::timeline),
//! a [`Report`](crate::Report)) and computes nothing of its own.

mod findings;
mod posture;
mod timeline;

use std::borrow::Cow;
use std::io::Write;

use crate::csv::write::Sheet;
use crate::interval::Interval;
use crate::ledger::Key;

pub use crate::csv::{neutralize, restore, write_ledger, write_table, ExportError, ExportOptions};
pub use findings::{write_checks, write_findings, FINDINGS_COLUMNS};
pub use posture::{write_pivot, write_posture, write_totals, POSTURE_COLUMNS, TOTALS_COLUMNS};
pub use timeline::{write_timeline, write_timeline_of, TIMELINE_COLUMNS};

/// Writes rows of cells under a header.
pub(crate) fn rows<W: Write>(
    w: W,
    options: ExportOptions,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<usize, ExportError> {
    let mut sheet = Sheet::new(w, options, header)?;
    for row in rows {
        sheet.record(row.iter().map(|c| c.text().into_owned()))?;
    }
    sheet.finish()
}

/// A cell: free text (guarded against formulas) or a value whose notation
/// cannot start a formula (codes, ids, numbers, dates, notations).
pub(crate) enum Cell {
    Text(String),
    Value(String),
}

impl Cell {
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => neutralize(t),
            Cell::Value(v) => Cow::Borrowed(v),
        }
    }
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(crate) fn value(s: impl ToString) -> Cell {
    Cell::Value(s.to_string())
}

pub(crate) fn opt<T: ToString>(v: Option<T>) -> Cell {
    Cell::Value(v.map(|x| x.to_string()).unwrap_or_default())
}

pub(crate) fn opt_text(v: Option<&str>) -> Cell {
    Cell::Text(v.unwrap_or_default().to_owned())
}

pub(crate) fn yes_no(v: Option<bool>) -> Cell {
    value(match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    })
}

pub(crate) fn join<T: ToString>(items: impl IntoIterator<Item = T>) -> Cell {
    value(
        items
            .into_iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(";"),
    )
}

pub(crate) fn location_cells(key: &Key) -> (Cell, Cell) {
    match key.places.as_slice() {
        [one] => (value(one.country()), opt_text(one.area())),
        _ => (value(key.places_label()), value("")),
    }
}

pub(crate) fn bounds(i: Interval) -> (Cell, Cell) {
    (value(i.low()), opt(i.high()))
}
