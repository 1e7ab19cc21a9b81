//! Reading one CSV file of the schema: header checks, the guarded stream,
//! each record deserialized into its row struct and handed to a parser,
//! every problem kept with its file, line and column.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read;

use ::csv::StringRecord;

use crate::csv::cell::{Cells, Shared};
use crate::csv::guard::{self, Guard, Lines, TooLong, MAX_LINE_BYTES, MAX_RECORD_BYTES};
use crate::csv::schema::{trimmed, File, Table};
use crate::csv::split::{self, Split};
use crate::csv::{LoadError, Position, Problem, ProblemKind};

/// The most bytes one field may hold. Quotes and notes are sentences; a
/// longer field is a broken file (a runaway quote, a pasted document).
pub const MAX_FIELD_BYTES: usize = 65_536;

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 50_000_000;

/// Problems found so far, capped at [`LoadError::MAX_PROBLEMS`].
pub(crate) struct Problems {
    pub(crate) list: Vec<Problem>,
    pub(crate) truncated: bool,
}

impl Problems {
    pub(crate) fn new() -> Problems {
        Problems {
            list: Vec::new(),
            truncated: false,
        }
    }

    pub(crate) fn push(&mut self, p: Problem) {
        if self.list.len() < LoadError::MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.truncated = true;
        }
    }

    // Skipped by `cargo mutants`: every problem here fails the load (importers keep row
    // warnings apart) and `push` drops those past the limit: stopping only saves time.
    #[cfg_attr(test, mutants::skip)]
    pub(crate) fn is_full(&self) -> bool {
        self.truncated
    }
}

/// One table being read: its label and header.
pub(crate) struct Reading<'l> {
    pub(crate) label: &'l str,
    pub(crate) header: &'l StringRecord,
    /// Whether the columns stand in the schema's order, so that a row can
    /// be deserialized by position instead of matching every cell's
    /// header name (the common case, and a sixth of the load time).
    pub(crate) in_order: bool,
}

/// Turns one row's cells into a record (a function of `csv::records`).
pub(crate) trait Parse<F: File, T>:
    Fn(&mut Cells<'_>, &F::Row<'_>) -> Option<T> + Sync
{
}

impl<F: File, T, P> Parse<F, T> for P where P: Fn(&mut Cells<'_>, &F::Row<'_>) -> Option<T> + Sync {}

/// Reads one table, deserializing each data row into its row struct and
/// calling `parse` on it. Rows that fail are reported, never skipped
/// silently: any problem fails the whole load. Returns each parsed record
/// with its line. A large table is read on every core (`split`), with the
/// same records and problems in the same order.
pub(crate) fn read_table<F: File, T: Send>(
    stream: Box<dyn Read + '_>,
    label: &str,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: impl Parse<F, T>,
) -> Vec<(u64, T)> {
    split::read_table::<F, T>(stream, label, problems, shared, &parse, Split::here())
}

/// [`read_table`] on one thread, from a stream.
pub(crate) fn read_table_stream<F: File, T>(
    stream: Box<dyn Read + '_>,
    label: &str,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: &impl Parse<F, T>,
) -> Vec<(u64, T)> {
    let mut out = Vec::new();
    let in_order = std::cell::Cell::new(false);
    read_rows(
        stream,
        label,
        problems,
        |header, problems| {
            let checked = header_of::<F>(label, header, problems);
            in_order.set(checked == Some(true));
            checked.is_some()
        },
        |line, header, record, problems| {
            let at = Reading {
                label,
                header,
                in_order: in_order.get(),
            };
            out.extend(table_row::<F, T>(
                &at, line, record, problems, shared, parse,
            ));
        },
    );
    out
}

/// Checks a table's header: `None` when it is not the table's (after
/// reporting why), else whether its columns stand in the schema's order.
pub(crate) fn header_of<F: File>(
    label: &str,
    header: &StringRecord,
    problems: &mut Problems,
) -> Option<bool> {
    let in_order = header.iter().eq(F::table().columns.iter().copied());
    header_ok(label, &F::table(), header, problems).then_some(in_order)
}

/// Where a reader's records stand in their file: the file's label, and its
/// record starts, `offset` bytes ahead of the reader's positions (a piece
/// of a table starts that far into it).
pub(crate) struct Located<'a> {
    pub(crate) label: &'a str,
    pub(crate) lines: &'a RefCell<Lines>,
    pub(crate) offset: u64,
}

/// The one reading path of every table, a data folder's files and every
/// imported table alike: the byte order mark taken off, the guard's line
/// count (right on CRLF files) and byte limits, blank lines skipped, the
/// row limit, and every problem of the CSV itself kept with its file and
/// line. `header` sees the header row (trimmed) and says whether to go
/// on; `row` sees each data row with its line.
pub(crate) fn read_rows(
    stream: Box<dyn Read + '_>,
    label: &str,
    problems: &mut Problems,
    header: impl FnOnce(&StringRecord, &mut Problems) -> bool,
    mut row: impl FnMut(u64, &StringRecord, &StringRecord, &mut Problems),
) {
    let stream = match guard::skip_bom(stream) {
        Ok(s) => s,
        Err(e) => {
            let message = e.to_string();
            problems.push(Problem::new(
                Position::file(label),
                ProblemKind::Io { message },
            ));
            return;
        }
    };
    let (guarded, lines) = Guard::new(stream);
    let mut reader = csv_reader(guarded);
    let Some(head) = read_header(&mut reader, label, &lines, problems) else {
        return;
    };
    if !header(&head, problems) {
        return;
    }
    let at = Located {
        label,
        lines: &lines,
        offset: 0,
    };
    data_rows(&mut reader, &at, &head, problems, MAX_ROWS, &mut row);
}

/// The csv crate's reader as every table is read: no header of its own
/// (the header row is checked here), rows of any width (reported here).
pub(crate) fn csv_reader<R: Read>(bytes: R) -> ::csv::Reader<R> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
}

/// Every data row of a reader, with its line, until the rows run out, a
/// limit is hit or the problems are full.
pub(crate) fn data_rows<R: Read>(
    reader: &mut ::csv::Reader<R>,
    at: &Located<'_>,
    head: &StringRecord,
    problems: &mut Problems,
    most_rows: usize,
    row: &mut impl FnMut(u64, &StringRecord, &StringRecord, &mut Problems),
) {
    let mut record = StringRecord::new();
    let mut rows = 0usize;
    while !problems.is_full() {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let byte = record.position().map_or(0, |p| p.byte()) + at.offset;
                let line = at.lines.borrow_mut().line_of(byte).unwrap_or(0);
                if record.len() == 1 && record.get(0).is_some_and(str::is_empty) {
                    // A line holding only `""` is treated as blank, as the
                    // csv crate treats a truly blank line.
                    continue;
                }
                rows += 1;
                if rows > most_rows {
                    problems.push(Problem::new(
                        Position::line(at.label, line),
                        ProblemKind::Limit {
                            what: "data rows in one file",
                            limit: MAX_ROWS,
                        },
                    ));
                    break;
                }
                row(line, head, &record, problems);
            }
            Err(e) => {
                if !reading_failed(at, &e, problems) {
                    break;
                }
            }
        }
    }
}

/// Reports a record the csv reader could not read; whether reading can
/// go on after it.
fn reading_failed(at: &Located<'_>, e: &::csv::Error, problems: &mut Problems) -> bool {
    // An I/O error (a limit the guard enforced) has no record position: it
    // names where the stream stopped.
    let line = e
        .position()
        .and_then(|p| at.lines.borrow_mut().line_of(p.byte() + at.offset))
        .unwrap_or_else(|| at.lines.borrow().stopped_at());
    problems.push(csv_problem(at.label, line, e));
    // After a UTF-8 error the reader can go on with the next record; after
    // an I/O error it cannot.
    matches!(e.kind(), ::csv::ErrorKind::Utf8 { .. })
}

/// The header row, trimmed, or `None` after reporting why there is none.
fn read_header<R: Read>(
    reader: &mut ::csv::Reader<R>,
    label: &str,
    lines: &RefCell<Lines>,
    problems: &mut Problems,
) -> Option<StringRecord> {
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {
            let byte = record.position().map_or(0, |p| p.byte());
            lines.borrow_mut().line_of(byte);
            Some(trimmed(&record))
        }
        Ok(false) => {
            problems.push(Problem::new(Position::file(label), ProblemKind::Empty));
            None
        }
        Err(e) => {
            // Where the guard stopped the stream (it scans ahead of the
            // parser); otherwise it went wrong in the header: the first
            // line that has anything on it.
            let stopped = lines.borrow().stopped();
            let line = stopped.unwrap_or_else(|| lines.borrow_mut().line_of(0).unwrap_or(1));
            problems.push(csv_problem(label, line, &e));
            None
        }
    }
}

/// One data row: its shape checked, deserialized into its row struct and
/// parsed, every bad cell reported in the order of the columns; the record
/// with its line, or `None` after its problems are reported.
pub(crate) fn table_row<F: File, T>(
    at: &Reading<'_>,
    line: u64,
    record: &StringRecord,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: &impl Parse<F, T>,
) -> Option<(u64, T)> {
    if let Some(p) = shape_problem(at.label, line, at.header, record) {
        problems.push(p);
        return None;
    }
    let names = (!at.in_order).then_some(at.header);
    let row: F::Row<'_> = match record.deserialize(names) {
        Ok(row) => row,
        Err(e) => {
            problems.push(csv_problem(at.label, line, &e));
            return None;
        }
    };
    let mut cells = Cells {
        file: at.label,
        line,
        shared,
        problems: Vec::new(),
    };
    let parsed = parse(&mut cells, &row);
    let mut found = cells.problems;
    found.sort_by_key(|p| {
        p.position()
            .column()
            .and_then(|c| at.header.iter().position(|h| h == c))
    });
    let failed = !found.is_empty();
    for p in found {
        problems.push(p);
    }
    parsed.filter(|_| !failed).map(|t| (line, t))
}

/// A row of the wrong width, or with a field over the limit.
pub(crate) fn shape_problem(
    label: &str,
    line: u64,
    header: &StringRecord,
    record: &StringRecord,
) -> Option<Problem> {
    if record.len() != header.len() {
        // A field holding line breaks in a row of the wrong width is the
        // mark of a quote that was never closed.
        let runaway = record.iter().any(|f| f.contains('\n'));
        return Some(Problem::new(
            Position::line(label, line),
            ProblemKind::ColumnCount {
                expected: header.len(),
                found: record.len(),
                runaway_quote: runaway,
            },
        ));
    }
    let i = record.iter().position(|f| f.len() > MAX_FIELD_BYTES)?;
    let column = header.get(i).unwrap_or("?");
    Some(Problem::new(
        Position::cell(label, line, column),
        ProblemKind::Limit {
            what: "bytes in one field",
            limit: MAX_FIELD_BYTES,
        },
    ))
}

fn csv_problem(label: &str, line: u64, e: &::csv::Error) -> Problem {
    let message = match e.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8 (save the file as UTF-8, not Latin-1 or Windows-1252)",
            err.field() + 1
        ),
        ::csv::ErrorKind::Io(io) => {
            let limit = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<TooLong>());
            let kind = match limit {
                Some(TooLong::Line) => ProblemKind::Limit {
                    what: "bytes in one line",
                    limit: MAX_LINE_BYTES,
                },
                Some(TooLong::Record) => ProblemKind::Limit {
                    what: "bytes in one record (a quote is probably not closed)",
                    limit: MAX_RECORD_BYTES,
                },
                Some(TooLong::OpenQuote { line }) => ProblemKind::Csv {
                    message: format!(
                        "the quoted field opened on line {line} is never closed: \
                         the file ends inside it (a truncated file?)"
                    ),
                },
                None => ProblemKind::Io {
                    message: io.to_string(),
                },
            };
            return Problem::new(Position::line(label, line), kind);
        }
        _ => e.to_string(),
    };
    Problem::new(Position::line(label, line), ProblemKind::Csv { message })
}

/// Checks the header against the table's columns: every column present,
/// none unknown, none twice.
fn header_ok(label: &str, table: &Table, header: &StringRecord, problems: &mut Problems) -> bool {
    let at = || Position::line(label, 1);
    if !header.iter().any(|h| table.columns.contains(&h)) {
        problems.push(Problem::new(
            at(),
            ProblemKind::MissingHeader {
                expected: table.columns.join(","),
                found: header.iter().take(4).collect::<Vec<_>>().join(","),
            },
        ));
        return false;
    }
    let mut ok = true;
    let mut seen = HashSet::new();
    for name in header.iter() {
        if !seen.insert(name) {
            ok = false;
            problems.push(Problem::new(
                at(),
                ProblemKind::DuplicateColumn {
                    column: name.to_owned(),
                },
            ));
        } else if !table.columns.contains(&name) {
            ok = false;
            problems.push(Problem::new(
                at(),
                ProblemKind::UnexpectedColumn {
                    column: name.to_owned(),
                    expected: table.columns.join(", "),
                },
            ));
        }
    }
    for column in table.columns {
        if !header.iter().any(|h| h == *column) {
            ok = false;
            problems.push(Problem::new(
                at(),
                ProblemKind::MissingColumn {
                    column: (*column).to_owned(),
                },
            ));
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows `data_rows` hands on from `text` (no header), with at most
    /// `most` rows, and the problems it found.
    fn rows_of(text: &str, most: usize) -> (Vec<u64>, Vec<Problem>) {
        let mut reader = csv_reader(text.as_bytes());
        let (mut guard, lines) = Guard::new(text.as_bytes());
        std::io::copy(&mut guard, &mut std::io::sink()).expect("within limits");
        let at = Located {
            label: "t.csv",
            lines: &lines,
            offset: 0,
        };
        let mut problems = Problems::new();
        let mut seen = Vec::new();
        let head = StringRecord::from(vec!["a"]);
        data_rows(
            &mut reader,
            &at,
            &head,
            &mut problems,
            most,
            &mut |line, _, _, _| {
                seen.push(line);
            },
        );
        (seen, problems.list)
    }

    #[test]
    fn the_row_limit_allows_exactly_its_number_of_rows() {
        let text = "x\n\n\"\"\ny\nz\n";
        // Blank lines and `""` lines are not rows.
        assert_eq!(rows_of(text, 3), (vec![1, 4, 5], vec![]));
        let (seen, problems) = rows_of(text, 2);
        assert_eq!(seen, [1, 4]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            Problem::new(
                Position::line("t.csv", 5),
                ProblemKind::Limit {
                    what: "data rows in one file",
                    limit: MAX_ROWS,
                },
            )
            .to_string()
        );
    }

    #[test]
    fn a_field_of_exactly_the_limit_passes() {
        let header = StringRecord::from(vec!["a", "b"]);
        let at_limit = StringRecord::from(vec!["x".repeat(MAX_FIELD_BYTES), String::new()]);
        assert_eq!(shape_problem("t.csv", 2, &header, &at_limit), None);
        let over = StringRecord::from(vec![String::new(), "x".repeat(MAX_FIELD_BYTES + 1)]);
        let p = shape_problem("t.csv", 2, &header, &over).expect("over the limit");
        assert_eq!(p.position().column(), Some("b"));
    }
}
