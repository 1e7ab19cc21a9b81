//! Reading one CSV file of the schema: header checks, the guarded stream,
//! each record deserialized into its row struct and handed to a parser,
//! every problem kept with its file, line and column.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read;

use ::csv::StringRecord;

use crate::csv::cell::{Cells, Shared};
use crate::csv::guard::{self, Guard, Lines, TooLong, MAX_LINE_BYTES, MAX_RECORD_BYTES};
use crate::csv::schema::{File, Table};
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

    pub(crate) fn is_full(&self) -> bool {
        self.truncated
    }
}

/// One table being read: its label and header.
struct Reading<'l> {
    label: &'l str,
    header: &'l StringRecord,
    /// Whether the columns stand in the schema's order, so that a row can
    /// be deserialized by position instead of matching every cell's
    /// header name (the common case, and a sixth of the load time).
    in_order: bool,
}

/// Reads one table, deserializing each data row into its row struct and
/// calling `parse` on it. Rows that fail are reported, never skipped
/// silently: any problem fails the whole load. Returns each parsed record
/// with its line.
pub(crate) fn read_table<F: File, T>(
    stream: Box<dyn Read + '_>,
    label: &str,
    problems: &mut Problems,
    shared: &mut Shared,
    mut parse: impl FnMut(&mut Cells<'_>, &F::Row<'_>) -> Option<T>,
) -> Vec<(u64, T)> {
    let mut out = Vec::new();
    let in_order = std::cell::Cell::new(false);
    read_rows(
        stream,
        label,
        problems,
        |header, problems| {
            in_order.set(header.iter().eq(F::table().columns.iter().copied()));
            header_ok(label, &F::table(), header, problems)
        },
        |line, header, record, problems| {
            if let Some(p) = shape_problem(label, line, header, record) {
                problems.push(p);
                return;
            }
            let at = Reading {
                label,
                header,
                in_order: in_order.get(),
            };
            let parsed = read_row::<F, T>(&at, line, record, problems, shared, &mut parse);
            out.extend(parsed.map(|t| (line, t)));
        },
    );
    out
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
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(guarded);
    let Some(head) = read_header(&mut reader, label, &lines, problems) else {
        return;
    };
    if !header(&head, problems) {
        return;
    }
    let mut record = StringRecord::new();
    let mut rows = 0usize;
    while !problems.is_full() {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let byte = record.position().map_or(0, |p| p.byte());
                let line = lines.borrow_mut().line_of(byte).unwrap_or(0);
                if record.len() == 1 && record.get(0).is_some_and(str::is_empty) {
                    // A line holding only `""` is treated as blank, as the
                    // csv crate treats a truly blank line.
                    continue;
                }
                rows += 1;
                if rows > MAX_ROWS {
                    problems.push(Problem::new(
                        Position::line(label, line),
                        ProblemKind::Limit {
                            what: "data rows in one file",
                            limit: MAX_ROWS,
                        },
                    ));
                    break;
                }
                row(line, &head, &record, problems);
            }
            Err(e) => {
                if !reading_failed(label, &lines, &e, problems) {
                    break;
                }
            }
        }
    }
}

/// Reports a record the csv reader could not read; whether reading can
/// go on after it.
fn reading_failed(
    label: &str,
    lines: &RefCell<Lines>,
    e: &::csv::Error,
    problems: &mut Problems,
) -> bool {
    // An I/O error (a limit the guard enforced) has no record position: it
    // names where the stream stopped.
    let line = e
        .position()
        .and_then(|p| lines.borrow_mut().line_of(p.byte()))
        .unwrap_or_else(|| lines.borrow().stopped_at());
    problems.push(csv_problem(label, line, e));
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
            Some(record.iter().map(str::trim).collect())
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
/// parsed, every bad cell reported in the order of the columns.
fn read_row<F: File, T>(
    at: &Reading<'_>,
    line: u64,
    record: &StringRecord,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: &mut impl FnMut(&mut Cells<'_>, &F::Row<'_>) -> Option<T>,
) -> Option<T> {
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
    parsed.filter(|_| !failed)
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
