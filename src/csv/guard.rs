//! The bytes between the file and the CSV parser: a byte order mark taken
//! off, line numbers counted here (the csv crate's own count is one short
//! per line on CRLF files, rust-csv issue 395), and a bound on how many
//! bytes one line and one record may hold, enforced while the bytes pass,
//! before the parser buffers them.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// The most bytes between two line breaks. Past this the loader stops
/// reading the file instead of buffering an endless line.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The most bytes one record may hold, line breaks inside quoted fields
/// included: a quote that is never closed runs to the end of the file, and
/// is stopped here rather than buffered whole.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Why the guard stopped a stream: a limit, or bytes no table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TooLong {
    Line,
    Record,
    /// The file ends inside a quoted field, opened on this line: its
    /// last record would otherwise be read cut short.
    OpenQuote {
        line: u64,
    },
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooLong::Line => write!(f, "line longer than {MAX_LINE_BYTES} bytes"),
            TooLong::Record => write!(f, "record longer than {MAX_RECORD_BYTES} bytes"),
            TooLong::OpenQuote { line } => {
                write!(
                    f,
                    "the file ends inside a quoted field opened on line {line}"
                )
            }
        }
    }
}

impl std::error::Error for TooLong {}

/// Where the parser is inside a record, as far as quoting goes. The same
/// states as the csv crate's (RFC 4180: a quote opens a field only at its
/// start; `""` inside a quoted field is a quote).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// What the guard has seen, shared with the reader that maps the parser's
/// byte positions back to lines.
#[derive(Default)]
pub(crate) struct Lines {
    /// (byte offset, line) of each record's first byte, for records the
    /// parser has not yet returned.
    starts: VecDeque<(u64, u64)>,
    /// Line ends seen so far.
    ended: u64,
    /// The line of the record being read, once it has a first byte.
    record_line: u64,
    /// Where a limit stopped the stream: the long line, or the first line
    /// of the long record.
    stopped_at: Option<u64>,
}

impl Lines {
    /// The line a record starting at `byte` (the csv crate's position,
    /// which may point at blank lines before the record) begins on.
    pub(crate) fn line_of(&mut self, byte: u64) -> Option<u64> {
        while self.starts.front().is_some_and(|&(b, _)| b < byte) {
            self.starts.pop_front();
        }
        self.starts.pop_front().map(|(_, line)| line)
    }

    /// Where the stream stopped: the line a limit was hit on (the first
    /// line of a record that grew too long), else the line being read.
    /// The line where the guard stopped the stream, if it did.
    pub(crate) fn stopped(&self) -> Option<u64> {
        self.stopped_at
    }

    pub(crate) fn stopped_at(&self) -> u64 {
        self.stopped_at.unwrap_or(self.ended + 1)
    }
}

/// Counts lines and record starts as bytes pass and refuses a line or a
/// record longer than the limits, so that memory stays bounded whatever
/// the input.
pub(crate) struct Guard<R> {
    inner: R,
    /// Bytes passed so far.
    offset: u64,
    /// Where the current line and the current record began.
    line_start: u64,
    record_start: u64,
    quoting: Quoting,
    at_record_start: bool,
    after_cr: bool,
    /// The line where the open quoted field began.
    quote_line: u64,
    lines: Rc<RefCell<Lines>>,
}

/// Whether a byte can change the state: a quote, a comma or a line end.
/// Every other byte only lengthens the line and the record, which the
/// offsets measure, so the scan skips runs of them.
const fn special(b: u8) -> bool {
    matches!(b, b'"' | b',' | b'\n' | b'\r')
}

impl<R: Read> Guard<R> {
    pub(crate) fn new(inner: R) -> (Guard<R>, Rc<RefCell<Lines>>) {
        let lines = Rc::new(RefCell::new(Lines::default()));
        let guard = Guard {
            inner,
            offset: 0,
            line_start: 0,
            record_start: 0,
            quoting: Quoting::FieldStart,
            at_record_start: true,
            after_cr: false,
            quote_line: 0,
            lines: lines.clone(),
        };
        (guard, lines)
    }

    /// Checks the current line and record against the limits at offset
    /// `at` (the bytes before it).
    fn within_limits(&self, at: u64, lines: &mut Lines) -> Result<(), TooLong> {
        if at - self.line_start > MAX_LINE_BYTES as u64 {
            lines.stopped_at = Some(lines.ended + 1);
            return Err(TooLong::Line);
        }
        if at - self.record_start > MAX_RECORD_BYTES as u64 {
            lines.stopped_at = Some(lines.record_line);
            return Err(TooLong::Record);
        }
        Ok(())
    }

    fn line_end(&mut self, b: u8, at: u64, lines: &mut Lines) -> Result<(), TooLong> {
        self.within_limits(at, lines)?;
        // CRLF is one line end; a lone CR (old Mac files) is one too.
        if !(b == b'\n' && self.after_cr) {
            lines.ended += 1;
        }
        self.after_cr = b == b'\r';
        self.line_start = at + 1;
        if self.quoting != Quoting::Quoted {
            self.quoting = Quoting::FieldStart;
            self.at_record_start = true;
            self.record_start = at + 1;
        }
        Ok(())
    }

    fn scan(&mut self, buf: &[u8], lines: &mut Lines) -> Result<(), TooLong> {
        let mut i = 0;
        while let Some(&b) = buf.get(i) {
            let at = self.offset + i as u64;
            if b == b'\n' || b == b'\r' {
                self.line_end(b, at, lines)?;
                i += 1;
                continue;
            }
            self.after_cr = false;
            if self.at_record_start {
                lines.starts.push_back((at, lines.ended + 1));
                lines.record_line = lines.ended + 1;
                self.record_start = at;
                self.at_record_start = false;
            }
            self.quoting = match (self.quoting, b) {
                (Quoting::FieldStart, b'"') => {
                    self.quote_line = lines.ended + 1;
                    Quoting::Quoted
                }
                (Quoting::FieldStart | Quoting::Unquoted | Quoting::QuoteInQuoted, b',') => {
                    Quoting::FieldStart
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                _ => Quoting::Unquoted,
            };
            i += 1;
            // Ordinary bytes change nothing but lengths, and leave a field
            // either quoted or plain text.
            let run = i;
            while buf.get(i).is_some_and(|&b| !special(b)) {
                i += 1;
            }
            if i > run && self.quoting != Quoting::Quoted {
                self.quoting = Quoting::Unquoted;
            }
        }
        self.within_limits(self.offset + buf.len() as u64, lines)
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let lines = self.lines.clone();
        let mut lines = lines.borrow_mut();
        if n == 0 && !buf.is_empty() && self.quoting == Quoting::Quoted {
            lines.stopped_at = Some(self.quote_line);
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                TooLong::OpenQuote {
                    line: self.quote_line,
                },
            ));
        }
        self.scan(buf.get(..n).unwrap_or_default(), &mut lines)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.offset += n as u64;
        Ok(n)
    }
}

/// The guard run over a text held in memory, fed block by block as it is
/// read: the record starts it finds are where a table may be cut into
/// pieces read on several cores (a line break inside quotes starts none).
pub(crate) struct Scanner(Guard<std::io::Empty>, Rc<RefCell<Lines>>);

impl Scanner {
    pub(crate) fn new() -> Scanner {
        let (guard, lines) = Guard::new(std::io::empty());
        Scanner(guard, lines)
    }

    /// Scans the next bytes; an error where the guard would stop the
    /// stream (a line or a record over its limit).
    pub(crate) fn feed(&mut self, bytes: &[u8]) -> Result<(), TooLong> {
        let lines = self.1.clone();
        let mut lines = lines.borrow_mut();
        self.0.scan(bytes, &mut lines)?;
        self.0.offset += bytes.len() as u64;
        Ok(())
    }

    /// The (byte, line) of every record's first byte, or `None` when the
    /// text ends inside a quoted field (which the guard refuses).
    pub(crate) fn finish(self) -> Option<Vec<(u64, u64)>> {
        if self.0.quoting == Quoting::Quoted {
            return None;
        }
        let starts = std::mem::take(&mut self.1.borrow_mut().starts);
        Some(starts.into())
    }
}

impl Lines {
    /// The lines of a piece of a text: its records' starts, as
    /// [`Scanner::finish`] gave them.
    pub(crate) fn of(starts: &[(u64, u64)]) -> Lines {
        Lines {
            starts: starts.iter().copied().collect(),
            ..Lines::default()
        }
    }
}

/// Skips a UTF-8 byte order mark at the start of a stream.
pub(crate) fn skip_bom<'r>(mut r: Box<dyn Read + 'r>) -> std::io::Result<Box<dyn Read + 'r>> {
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match r.read(head.get_mut(got..).unwrap_or_default())? {
            0 => break,
            n => got += n,
        }
    }
    let head = head.get(..got).unwrap_or_default().to_vec();
    if head == b"\xEF\xBB\xBF" {
        Ok(r)
    } else {
        Ok(Box::new(std::io::Cursor::new(head).chain(r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &[u8]) -> Vec<(u64, u64)> {
        let (mut g, lines) = Guard::new(text);
        let mut sink = Vec::new();
        g.read_to_end(&mut sink).expect("within limits");
        let l = lines.borrow();
        l.starts.iter().copied().collect()
    }

    /// What `skip_bom` leaves to read, from a reader that hands out at
    /// most `step` bytes a call.
    fn after_bom(text: &[u8], step: usize) -> Vec<u8> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        skip_bom(Box::new(Trickle(text, step)))
            .expect("reads")
            .read_to_end(&mut out)
            .expect("reads");
        out
    }

    /// The mark is taken off before the guard counts the first line (the
    /// csv crate would drop it too, but only after the guard has counted
    /// it), however the reader hands out the first three bytes; anything
    /// else is read back whole.
    #[test]
    fn the_byte_order_mark_is_taken_off_and_nothing_else() {
        for step in 1..=4 {
            assert_eq!(after_bom(b"\xEF\xBB\xBFid,x\n", step), b"id,x\n", "{step}");
            assert_eq!(after_bom(b"\xEF\xBB\xBF", step), b"", "{step}");
            assert_eq!(after_bom(b"\xEF\xBBid", step), b"\xEF\xBBid", "{step}");
            assert_eq!(
                after_bom(b"id,\xEF\xBB\xBF", step),
                b"id,\xEF\xBB\xBF",
                "{step}"
            );
            assert_eq!(after_bom(b"i", step), b"i", "{step}");
            assert_eq!(after_bom(b"", step), b"", "{step}");
        }
    }

    /// No byte is asked for past the three looked at: a stream that has
    /// sent three bytes and nothing more yet is not read again.
    #[test]
    fn no_byte_past_the_three_is_asked_for() {
        struct Dry(&'static [u8]);
        impl Read for Dry {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(std::io::ErrorKind::WouldBlock.into()),
                    n => Ok(n),
                }
            }
        }
        for head in [&b"\xEF\xBB\xBF"[..], b"abc"] {
            assert!(skip_bom(Box::new(Dry(head))).is_ok());
        }
    }

    #[test]
    fn crlf_and_lf_count_the_same_lines() {
        assert_eq!(starts(b"a,b\nc,d\n"), [(0, 1), (4, 2)]);
        assert_eq!(starts(b"a,b\r\nc,d\r\n"), [(0, 1), (5, 2)]);
        assert_eq!(starts(b"a\r\rb"), [(0, 1), (3, 3)]);
    }

    #[test]
    fn a_quoted_line_break_does_not_start_a_record() {
        assert_eq!(starts(b"a,\"x\ny\"\nb\n"), [(0, 1), (8, 3)]);
        // A quote inside an unquoted field is text, not an opening quote.
        assert_eq!(starts(b"a\"b\nc\n"), [(0, 1), (4, 2)]);
        // An escaped quote keeps the field open.
        assert_eq!(starts(b"\"a\"\"\nb\"\nc"), [(0, 1), (8, 3)]);
        // Text after a closing quote is plain: a later quote is a
        // character, not an opening one.
        assert_eq!(starts(b"\"a\"b\"\nc\n"), [(0, 1), (6, 2)]);
        assert_eq!(starts(b"x,\"a\nb\",y\nc"), [(0, 1), (10, 3)]);
    }

    #[test]
    fn a_line_and_a_record_of_exactly_the_limit_pass() {
        let mut line = vec![b'x'; MAX_LINE_BYTES];
        line.extend_from_slice(b"\ny\n");
        let (mut g, lines) = Guard::new(line.as_slice());
        g.read_to_end(&mut Vec::new()).expect("at the limit");
        assert_eq!(
            lines.borrow().starts.iter().copied().collect::<Vec<_>>(),
            [(0, 1), (MAX_LINE_BYTES as u64 + 1, 2)]
        );
        // A later line of exactly the limit too: a line starts after the
        // line end before it.
        let mut later = b"y\n".to_vec();
        later.extend(vec![b'x'; MAX_LINE_BYTES]);
        later.extend_from_slice(b"\nz\n");
        let (mut g, _) = Guard::new(later.as_slice());
        g.read_to_end(&mut Vec::new())
            .expect("a later line at the limit");
        // A quoted record of exactly the limit over several lines.
        let mut record = b"\"".to_vec();
        while record.len() < MAX_RECORD_BYTES - 1 {
            record.extend_from_slice(b"ab\n");
        }
        record.truncate(MAX_RECORD_BYTES - 1);
        record.push(b'"');
        assert_eq!(record.len(), MAX_RECORD_BYTES);
        record.extend_from_slice(b"\nz\n");
        let (mut g, _) = Guard::new(record.as_slice());
        g.read_to_end(&mut Vec::new()).expect("at the limit");
        // And after another record: a record starts after the line end
        // before it.
        let mut second = b"y\n".to_vec();
        second.extend_from_slice(&record);
        let (mut g, _) = Guard::new(second.as_slice());
        g.read_to_end(&mut Vec::new())
            .expect("a later record at the limit");
    }

    #[test]
    fn a_stream_not_stopped_by_a_limit_stands_at_its_next_line() {
        let (mut g, lines) = Guard::new(&b"a\nb\n"[..]);
        g.read_to_end(&mut Vec::new()).expect("within limits");
        assert_eq!(lines.borrow().stopped_at(), 3);
    }

    #[test]
    fn blank_lines_start_no_record() {
        assert_eq!(starts(b"\n\na\n\nb"), [(2, 3), (5, 5)]);
    }

    #[test]
    fn long_records_are_refused_while_read() {
        let mut text = b"\"".to_vec();
        text.extend(std::iter::repeat_n(b"ab\n".as_slice(), MAX_RECORD_BYTES / 3 + 2).flatten());
        let (mut g, _) = Guard::new(text.as_slice());
        let err = g.read_to_end(&mut Vec::new()).expect_err("too long");
        assert_eq!(err.to_string(), "record longer than 1048576 bytes");
        let line = vec![b'x'; MAX_LINE_BYTES + 1];
        let (mut g, _) = Guard::new(line.as_slice());
        let err = g.read_to_end(&mut Vec::new()).expect_err("too long");
        assert_eq!(err.to_string(), "line longer than 1048576 bytes");
    }

    #[test]
    fn a_quote_left_open_stops_the_stream_at_its_line() {
        let (mut g, lines) = Guard::new(b"a,b\nc,\"d\ne\nf".as_slice());
        let err = g.read_to_end(&mut Vec::new()).expect_err("an open quote");
        assert_eq!(
            err.to_string(),
            "the file ends inside a quoted field opened on line 2"
        );
        assert_eq!(lines.borrow().stopped_at(), 2);
        // Closed at the very end: fine.
        let (mut g, _) = Guard::new(b"a,\"b\nc\"".as_slice());
        assert!(g.read_to_end(&mut Vec::new()).is_ok());
    }

    proptest::proptest! {
        /// On LF files, where the csv crate counts lines right, the guard
        /// gives every record the line the csv crate gives it, whatever
        /// the quoting.
        #[test]
        fn record_lines_agree_with_the_csv_crate(text in "[a\",\n]{0,40}") {
            let (mut g, lines) = Guard::new(text.as_bytes());
            let mut sink = Vec::new();
            if let Err(e) = g.read_to_end(&mut sink) {
                // Only a text that ends inside a quoted field is refused.
                proptest::prop_assert!(
                    e.to_string().starts_with("the file ends inside a quoted field"),
                    "{:?}: {}", text, e
                );
                return Ok(());
            }
            let mut r = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut record = ::csv::ByteRecord::new();
            while r.read_byte_record(&mut record).expect("bytes always read") {
                let pos = record.position().expect("a position").clone();
                let ours = lines.borrow_mut().line_of(pos.byte());
                // The csv crate's line is where its scan stood; the record
                // starts on the first line with content from there.
                let theirs = text.as_bytes()[pos.byte() as usize..]
                    .iter()
                    .take_while(|b| **b == b'\n')
                    .count() as u64
                    + pos.line();
                proptest::prop_assert_eq!(ours, Some(theirs), "{:?} at byte {}", text, pos.byte());
            }
        }
    }
}
