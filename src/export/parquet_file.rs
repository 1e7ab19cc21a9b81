//! Parquet files and Arrow record batches of any row type, typed by its
//! columns: counts as unsigned 64-bit integers, days as `Date32`, flags
//! as booleans, text as UTF-8; an empty value is a null.
//!
//! The arrays are built straight from the rows' typed values
//! ([`Row::values`]): the row types declare their column types, so no
//! schema has to be traced from serde (what `serde_arrow` would do, and
//! it would see a day as a string).

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::csv::ExportError;
use crate::date::Day;
use crate::rows::{ColumnType, Row, Value};

/// The Arrow type of a column type.
fn data_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Count => DataType::UInt64,
        ColumnType::Date => DataType::Date32,
        ColumnType::Flag => DataType::Boolean,
    }
}

/// The Arrow schema of a row type: its columns, typed, nullable where a
/// row may leave them empty, each with its documentation as metadata
/// (`doc`).
pub fn schema<R: Row>() -> Schema {
    Schema::new(
        R::COLUMNS
            .iter()
            .map(|c| {
                Field::new(c.name, data_type(c.ty), c.nullable).with_metadata(
                    [("doc".to_owned(), c.doc.trim().to_owned())]
                        .into_iter()
                        .collect(),
                )
            })
            .collect::<Vec<_>>(),
    )
}

/// Days since 1970-01-01, as Arrow counts a `Date32`.
fn epoch_days(day: Day) -> i32 {
    let epoch = Day::from_ymd_opt(1970, 1, 1).expect("a valid day");
    // Every day a record can hold is within ±2^31 days of 1970.
    i32::try_from((day - epoch).num_days()).unwrap_or(i32::MAX)
}

/// One column's array, being built.
enum Builder {
    Text(StringBuilder),
    Count(UInt64Builder),
    Date(Date32Builder),
    Flag(BooleanBuilder),
}

impl Builder {
    fn new(ty: ColumnType, rows: usize) -> Builder {
        match ty {
            ColumnType::Text => Builder::Text(StringBuilder::new()),
            ColumnType::Count => Builder::Count(UInt64Builder::with_capacity(rows)),
            ColumnType::Date => Builder::Date(Date32Builder::with_capacity(rows)),
            ColumnType::Flag => Builder::Flag(BooleanBuilder::with_capacity(rows)),
        }
    }

    /// Appends a value; a value of another type than the column's (which
    /// the row macro rules out) is a null.
    fn push(&mut self, value: Value<'_>) {
        match (self, value) {
            (Builder::Text(b), Value::Text(t)) => b.append_option(t),
            (Builder::Count(b), Value::Count(n)) => b.append_option(n),
            (Builder::Date(b), Value::Date(d)) => b.append_option(d.map(epoch_days)),
            (Builder::Flag(b), Value::Flag(f)) => b.append_option(f),
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Count(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::Flag(b), _) => b.append_null(),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Builder::Text(mut b) => Arc::new(b.finish()),
            Builder::Count(mut b) => Arc::new(b.finish()),
            Builder::Date(mut b) => Arc::new(b.finish()),
            Builder::Flag(mut b) => Arc::new(b.finish()),
        }
    }
}

/// The rows as one Arrow record batch, in [`schema`].
///
/// # Errors
///
/// [`ExportError::Parquet`] if Arrow refuses the arrays (it cannot: they
/// are built to the schema).
pub fn record_batch<R: Row>(rows: &[R]) -> Result<RecordBatch, ExportError> {
    let mut builders: Vec<Builder> = R::COLUMNS
        .iter()
        .map(|c| Builder::new(c.ty, rows.len()))
        .collect();
    for row in rows {
        for (b, v) in builders.iter_mut().zip(row.values()) {
            b.push(v);
        }
    }
    let columns: Vec<ArrayRef> = builders.into_iter().map(Builder::finish).collect();
    RecordBatch::try_new(Arc::new(schema::<R>()), columns)
        .map_err(|e| ExportError::Parquet(e.to_string()))
}

/// Writes the rows as a Parquet file (snappy-compressed), typed by their
/// columns; returns how many rows were written.
///
/// # Errors
///
/// [`ExportError::Parquet`] when the writer fails.
pub fn write_parquet<W: Write + Send, R: Row>(w: W, rows: &[R]) -> Result<usize, ExportError> {
    let batch = record_batch(rows)?;
    let failed = |e: parquet::errors::ParquetError| ExportError::Parquet(e.to_string());
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(w, batch.schema(), Some(properties)).map_err(failed)?;
    writer.write(&batch).map_err(failed)?;
    writer.close().map_err(failed)?;
    Ok(rows.len())
}
