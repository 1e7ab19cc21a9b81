//! A large table read on every core. The file is read whole while the
//! guard scans it (the same limits as the one-thread path, so a runaway
//! line stops the reading); the guard's record starts cut it into one
//! piece per thread, never inside a quoted field; each piece is parsed by
//! its own reader with its own shared strings; and the rows and problems
//! are put back in file order. Whatever the pieces cannot read exactly as
//! one reader would — a file the guard stops, one ending inside a quote,
//! a header the reader refuses, more rows than the limit — is read by the
//! one-thread path instead, from the bytes already read, so the answer is
//! the same either way (`tests` below compare the two on every kind of
//! row, quoted line breaks included).

use std::cell::RefCell;
use std::io::{Cursor, Read};

use ::csv::StringRecord;
use rayon::prelude::*;

use crate::csv::cell::Shared;
use crate::csv::guard::{Lines, Scanner};
use crate::csv::read::{
    csv_reader, data_rows, header_of, read_table_stream, table_row, Located, Parse, Problems,
    Reading, MAX_ROWS,
};
use crate::csv::schema::{trimmed, File};

/// A table smaller than this is read on one thread: below it, starting
/// threads costs more than the parsing they share (measured in
/// BENCHMARKS.md; the bundled tables are all far below it).
pub(crate) const PARALLEL_BYTES: usize = 4 << 20;

/// How much is read between two scans of the guard.
const BLOCK: u64 = 8 << 20;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a table is to be read: from how many bytes on in pieces, in how
/// many, and up to how many records (the header's among them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Split {
    pub(crate) least_bytes: usize,
    pub(crate) pieces: usize,
    /// Past this many records one reader reads the table: the pieces do
    /// not count rows, and one reader counts them against [`MAX_ROWS`].
    pub(crate) most_records: usize,
}

impl Split {
    /// One piece per thread of rayon's pool, past [`PARALLEL_BYTES`], up
    /// to [`MAX_ROWS`] records.
    pub(crate) fn here() -> Split {
        Split {
            least_bytes: PARALLEL_BYTES,
            pieces: rayon::current_num_threads(),
            most_records: MAX_ROWS,
        }
    }
}

/// A table read whole: its bytes, how long its byte order mark is, and
/// its record starts (byte past the mark, line).
struct Whole {
    raw: Vec<u8>,
    bom: usize,
    starts: Vec<(u64, u64)>,
}

/// What reading ahead found: a table to read in pieces, or a stream for
/// the one-thread path (a small table, or one the pieces cannot read),
/// which gives back every byte read so far, then the rest.
enum Taken<'r> {
    Whole(Whole),
    Stream(Box<dyn Read + 'r>),
}

/// An I/O error met while reading ahead, handed to the one-thread path
/// at the same byte it was met at.
struct Failed(Option<std::io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

fn replay<'r>(raw: Vec<u8>, rest: impl Read + 'r) -> Taken<'r> {
    Taken::Stream(Box::new(Cursor::new(raw).chain(rest)))
}

/// Reads ahead: the whole table if it holds at least `least` bytes and
/// the guard lets every block pass.
fn take(mut stream: Box<dyn Read + '_>, least: usize) -> Taken<'_> {
    let mut raw = Vec::new();
    let first = (least as u64).max(BOM.len() as u64 + 1);
    if let Err(e) = (&mut stream).take(first).read_to_end(&mut raw) {
        return replay(raw, Failed(Some(e)));
    }
    if (raw.len() as u64) < first {
        return replay(raw, std::io::empty());
    }
    let bom = if raw.starts_with(BOM) { BOM.len() } else { 0 };
    let mut scanner = Scanner::new();
    let mut scanned = bom;
    loop {
        if scanner
            .feed(raw.get(scanned..).unwrap_or_default())
            .is_err()
        {
            return replay(raw, stream);
        }
        scanned = raw.len();
        match (&mut stream).take(BLOCK).read_to_end(&mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return replay(raw, Failed(Some(e))),
        }
    }
    match scanner.finish() {
        Some(starts) => Taken::Whole(Whole { raw, bom, starts }),
        None => replay(raw, std::io::empty()),
    }
}

/// Reads one table as `read::read_table` describes, in pieces where it
/// is large enough.
pub(crate) fn read_table<F: File, T: Send>(
    stream: Box<dyn Read + '_>,
    label: &str,
    problems: &mut Problems,
    shared: &mut Shared,
    parse: &impl Parse<F, T>,
    split: Split,
) -> Vec<(u64, T)> {
    let stream = match take(stream, split.least_bytes) {
        Taken::Stream(stream) => stream,
        Taken::Whole(whole) => match in_pieces::<F, T>(&whole, label, problems, parse, split) {
            Some(pieces) => {
                // The bytes are no longer needed: free them before the
                // pieces' rows are put together.
                drop(whole);
                return put_together(pieces, problems);
            }
            None => Box::new(Cursor::new(whole.raw)),
        },
    };
    read_table_stream::<F, T>(stream, label, problems, shared, parse)
}

/// The pieces' rows as one table, and their problems as one reader
/// reports them: in file order, up to the most a load reports.
fn put_together<T>(pieces: Pieces<T>, problems: &mut Problems) -> Vec<(u64, T)> {
    let total: usize = pieces.iter().map(|(rows, _)| rows.len()).sum();
    let mut out = Vec::new();
    for (rows, found) in pieces {
        for p in found.list {
            problems.push(p);
        }
        if found.truncated {
            problems.truncated = true;
        }
        if problems.is_full() {
            // One reader stops here: the load fails, with these problems,
            // and no row of this table is kept.
            return Vec::new();
        }
        if out.is_empty() {
            // The first piece's rows are grown in place (a large block is
            // remapped, not copied) and each later piece freed once
            // appended: the rows are held about one and a half times at
            // most, not twice. Exact: an amortized reserve could double
            // the first piece's room, more than the rest can fill.
            out = rows;
            out.reserve_exact(total - out.len());
        } else {
            out.extend(rows);
        }
    }
    out
}

/// The header row as the one-thread path reads it, or `None` where that
/// path should read the table (no rows, or a header it refuses).
fn header(data: &[u8]) -> Option<StringRecord> {
    let mut reader = csv_reader(data);
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Some(trimmed(&record)),
        _ => None,
    }
}

/// Where the pieces begin: indexes into the records' starts (the
/// header's first), the first piece at the header, each next one at the
/// first row past an equal share of the bytes. A piece never begins with
/// a byte order mark, which a reader would take off at its start and the
/// one-thread path keeps in the field.
fn cuts(data: &[u8], starts: &[(u64, u64)], pieces: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for k in 1..pieces as u64 {
        let target = data.len() as u64 * k / pieces as u64;
        let mut i = starts.partition_point(|&(b, _)| b < target).max(1);
        while starts
            .get(i)
            .is_some_and(|&(b, _)| data.get(b as usize..).is_some_and(|r| r.starts_with(BOM)))
        {
            i += 1;
        }
        if i < starts.len() && cuts.last().is_some_and(|&last| i > last) {
            cuts.push(i);
        }
    }
    cuts
}

/// Each piece's rows and problems, in file order.
type Pieces<T> = Vec<(Vec<(u64, T)>, Problems)>;

/// The table read in pieces on rayon's pool, or `None` where the
/// one-thread path must read it (nothing has been reported then).
fn in_pieces<F: File, T: Send>(
    whole: &Whole,
    label: &str,
    problems: &mut Problems,
    parse: &impl Parse<F, T>,
    split: Split,
) -> Option<Pieces<T>> {
    let data = whole.raw.get(whole.bom..)?;
    let starts = &whole.starts;
    // Records of `""` count as blank lines, not rows: more starts than the
    // limit may still be few enough rows, which one thread then counts.
    if starts.len() > split.most_records {
        return None;
    }
    let head = header(data)?;
    let Some(in_order) = header_of::<F>(label, &head, problems) else {
        // Its problems are reported: no row is read, as on one thread.
        return Some(Vec::new());
    };
    let cuts = cuts(data, starts, split.pieces.max(1));
    let read: Vec<_> = (0..cuts.len())
        .into_par_iter()
        .map(|k| {
            let from = cuts.get(k).copied().unwrap_or_default();
            let to = cuts.get(k + 1).copied().unwrap_or(starts.len());
            // The first piece is read from the first byte, header and all,
            // as one reader reads it (blank lines and a mark included).
            let begin = if k == 0 {
                0
            } else {
                starts.get(from).map_or(0, |s| s.0)
            };
            let end = starts.get(to).map_or(data.len() as u64, |&(b, _)| b);
            let piece = data.get(begin as usize..end as usize).unwrap_or_default();
            let lines = Lines::of(starts.get(from..to).unwrap_or_default());
            let at = Piece {
                bytes: piece,
                offset: begin,
                lines,
                header: k == 0,
            };
            piece_rows::<F, T>(at, label, (&head, in_order), parse)
        })
        .collect();
    Some(read)
}

/// A piece of a table (`split`): its bytes, how far into the table they
/// begin, the starts of its records, and whether it begins with the
/// header (read and passed over).
struct Piece<'a> {
    bytes: &'a [u8],
    offset: u64,
    lines: Lines,
    header: bool,
}

/// Reads the data rows of a piece of a table, parsed into records with
/// their own shared strings and problems.
fn piece_rows<F: File, T>(
    piece: Piece<'_>,
    label: &str,
    (header, in_order): (&StringRecord, bool),
    parse: &impl Parse<F, T>,
) -> (Vec<(u64, T)>, Problems) {
    let mut problems = Problems::new();
    let mut shared = Shared::default();
    let mut out = Vec::new();
    let at = Reading {
        label,
        header,
        in_order,
    };
    let mut reader = csv_reader(piece.bytes);
    let lines = RefCell::new(piece.lines);
    let at_line = Located {
        label,
        lines: &lines,
        offset: piece.offset,
    };
    if piece.header {
        // The header was read and checked before the pieces were cut.
        let mut head = StringRecord::new();
        if reader.read_record(&mut head).is_ok() {
            let byte = head.position().map_or(0, |p| p.byte());
            lines.borrow_mut().line_of(byte);
        }
    }
    data_rows(
        &mut reader,
        &at_line,
        header,
        &mut problems,
        usize::MAX,
        &mut |line, _, record, problems| {
            out.extend(table_row::<F, T>(
                &at,
                line,
                record,
                problems,
                &mut shared,
                parse,
            ));
        },
    );
    (out, problems)
}

#[cfg(test)]
mod tests;
