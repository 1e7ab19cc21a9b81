//! Every answer as rows: one owned, flat row type per answer, each column
//! named once (with its meaning and its type) in the row type's
//! declaration.
//!
//! | answer | row type | built by | file |
//! |---|---|---|---|
//! | a posture's figures | [`PostureRow`] | [`posture`] | `posture.csv` |
//! | a posture's totals | [`TotalRow`] | [`totals`] | `totals.csv` |
//! | nations by locations | [`PivotCell`] | [`pivot`] | `pivot.csv` (wide) |
//! | a timeline | [`TimelineRow`] | [`timeline`] | `timeline.csv` |
//! | the checks | [`FindingRow`] | [`findings`] | `findings.csv` |
//! | an import | [`ImportCount`] | [`import_counts`] | `import --format csv` |
//! | a chart's points | `ChartPoint` | `chart_points` | `chart --format csv` |
//!
//! CSV ([`export::write_rows`](crate::export::write_rows)), JSON and JSON
//! Lines (any serde serializer: each row serializes to one flat object
//! with the columns as keys, in order), Parquet (the `parquet` feature),
//! the summary's tables, the command-line tool and the Python package are
//! all rendered from these rows, so a column means the same everywhere.
//! A row owns its values: it outlives the [`Ledger`](crate::Ledger) and
//! the [`Dataset`](crate::Dataset) it was computed from, and crosses a
//! language boundary as it is.
//!
//! Types are the same in every format ([`ColumnType`]): counts are whole
//! numbers with an empty cell (`null`) for an open bound, days are ISO
//! 8601 dates, flags are `true`/`false`, and a list (the records a figure
//! rests on, its flags) is one text of items joined by `;`, so that every
//! row is flat.
//!
//! ```
//! use troop_tracker::{rows, Dataset, Ledger};
//! use troop_tracker::rows::Row;
//! let data = Dataset::bundled()?;
//! let ledger = Ledger::new(&data);
//! let figures = rows::posture(&ledger.posture("2020-01-09".parse()?));
//! let germany = figures.iter().find(|r| r.figure == "DEU in IRQ").expect("a figure");
//! assert_eq!(germany.strength, "90"); // 30 of its 120 moved on 9 January
//! assert_eq!((germany.low, germany.high), (Some(90), Some(90)));
//! assert_eq!(rows::PostureRow::COLUMNS[0].name, "as_of");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "chart")]
mod chart;
mod column;
mod finding;
mod import;
mod note;
mod pivot;
mod posture;
mod timeline;
mod total;

#[cfg(feature = "chart")]
pub use chart::{chart_points, ChartPoint};
pub(crate) use column::row;
pub use column::{Column, ColumnType, Field, Value};
pub use finding::{findings, FindingRow};
pub use import::{import_counts, ImportCount};
pub use pivot::{pivot, PivotCell};
pub use posture::{posture, PostureRow};
pub use timeline::{timeline, TimelineRow};
pub use total::{totals, TotalRow};

/// A row type: its columns in order, and a row's values in that order.
///
/// Implemented only by the row types of this module; each is declared
/// with its columns in one place, so that the struct, its serialized
/// keys and [`Row::COLUMNS`] cannot disagree.
pub trait Row: serde::Serialize {
    /// The columns, in order.
    const COLUMNS: &'static [Column];
    /// The row's values, one per column, in order.
    fn values(&self) -> Vec<Value<'_>>;
}

/// The names of a row type's columns, in order: a CSV header.
pub fn column_names<R: Row>() -> Vec<&'static str> {
    R::COLUMNS.iter().map(|c| c.name).collect()
}

/// Items joined by `;`, the one way a list is written in a flat row.
pub(crate) fn joined<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(";")
}
