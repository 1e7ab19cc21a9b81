//! The pieces against one reader, on every kind of row.
use super::*;
use crate::csv::records;
use crate::csv::schema::Nations;

type Read = (Vec<String>, Vec<crate::csv::Problem>, bool);

/// A table read by one reader, or by `split` (the pieces, where they
/// can read it), with the records, problems and whether they were cut.
fn read(text: &[u8], split: Option<Split>) -> Read {
    read_boxed(Box::new(text), split)
}

fn read_boxed(stream: Box<dyn std::io::Read + '_>, split: Option<Split>) -> Read {
    let mut problems = Problems::new();
    let mut shared = Shared::default();
    let rows = match split {
        None => read_table_stream::<Nations, _>(
            stream,
            "nations.csv",
            &mut problems,
            &mut shared,
            &records::nation,
        ),
        Some(split) => read_table::<Nations, _>(
            stream,
            "nations.csv",
            &mut problems,
            &mut shared,
            &records::nation,
            split,
        ),
    };
    // Past the most problems a load reports, it fails and keeps no row:
    // which rows were read before it stopped does not matter.
    let rows = if problems.truncated {
        Vec::new()
    } else {
        rows.iter().map(|r| format!("{r:?}")).collect()
    };
    (rows, problems.list, problems.truncated)
}

/// Reading in `pieces` from the first byte on, up to [`MAX_ROWS`]
/// records, as tables are read.
fn splits(pieces: usize) -> Split {
    Split {
        least_bytes: 0,
        pieces,
        most_records: MAX_ROWS,
    }
}

/// Whether `pieces` pieces read `text` themselves.
fn read_in_pieces(text: &[u8], pieces: usize) -> bool {
    read_in(text, splits(pieces))
}

/// Whether the pieces read `text` themselves under `split`, rather than
/// handing it to one reader.
fn read_in(text: &[u8], split: Split) -> bool {
    match take(Box::new(text), 0) {
        Taken::Whole(whole) => in_pieces::<Nations, _>(
            &whole,
            "nations.csv",
            &mut Problems::new(),
            &records::nation,
            split,
        )
        .is_some(),
        Taken::Stream(_) => false,
    }
}

const HEADER: &str = "code,name,nato_joined,reference";

#[test]
fn pieces_read_what_one_reader_reads_quoted_line_breaks_included() {
    let mut text = format!("\u{feff}{HEADER}\r\n").into_bytes();
    for i in 0..60 {
        let row = match i % 7 {
            0 => format!("GBR,\"United\nKingdom {i}\",1949-04-04,\"NATO\r\nsite\"\r\n"),
            1 => format!("\u{feff}FRA,France {i},,\n"),
            2 => "usa?,\"a,\"\"b\"\"\",not a date,\n\n".to_owned(),
            3 => "\"\"\n".to_owned(),
            4 => format!("DEU,Germany {i},1955-05-09\r"),
            5 => format!("\"ITA\",\"Italy\n\n{i}\",1949-04-04,x\n"),
            _ => format!("ESP,Spain {i},1982-05-30,ref\n"),
        };
        text.extend_from_slice(row.as_bytes());
    }
    text.extend_from_slice(b"POL,\"Poland\xff\",,\n");
    let one = read(&text, None);
    assert!(!one.0.is_empty() && !one.1.is_empty() && !one.2);
    for pieces in [1, 2, 3, 7, 64] {
        assert!(read_in_pieces(&text, pieces), "{pieces} pieces");
        let split = splits(pieces);
        let split = read(&text, Some(split));
        assert!(split == one, "{pieces} pieces differ");
    }
}

#[test]
fn a_cut_never_falls_inside_a_quote_or_before_a_byte_order_mark() {
    let data = b"h\n\"a\nb\"\n\xEF\xBB\xBFc\nd\n";
    let mut scanner = Scanner::new();
    scanner.feed(data).expect("within limits");
    let starts = scanner.finish().expect("no open quote");
    // Rows start at bytes 2 ("a), 8 (the mark) and 13 (d).
    assert_eq!(starts, [(0, 1), (2, 2), (8, 4), (13, 5)]);
    for pieces in 2..6 {
        let cuts = cuts(data, &starts, pieces);
        assert!(!cuts.contains(&2), "{pieces}: {cuts:?}");
        assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{cuts:?}");
    }
    assert_eq!(cuts(data, &starts, 3), [0, 3]);
    assert_eq!(cuts(data, &starts, 8), [0, 1, 3]);
}

#[test]
fn what_the_pieces_cannot_read_goes_to_one_reader() {
    // Ends inside a quote; a line over the limit; nothing at all.
    let open = format!("{HEADER}\nGBR,\"x\n").into_bytes();
    let mut long = format!("{HEADER}\nGBR,").into_bytes();
    long.extend(std::iter::repeat_n(b'x', crate::csv::MAX_LINE_BYTES + 1));
    for text in [open, long, Vec::new()] {
        assert!(!read_in_pieces(&text, 2));
        let split = splits(2);
        let one = read(&text, None);
        assert!(!one.1.is_empty());
        assert_eq!(read(&text, Some(split)), one);
    }
    // A header the table does not have is reported once.
    let wrong = b"code,name,flag\nGBR,x,y\n";
    let split = splits(2);
    assert!(read_in_pieces(wrong, 2));
    assert_eq!(read(wrong, Some(split)), read(wrong, None));
}

/// Cells of every kind: good and bad values, quotes holding commas,
/// quotes and line breaks, byte order marks, bytes that are not UTF-8.
fn cell() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    proptest::sample::select(vec![
        b"GBR".to_vec(),
        b"usa".to_vec(),
        b"".to_vec(),
        b"United Kingdom".to_vec(),
        b"\"a\nb\"".to_vec(),
        b"\"a\r\nb,\"\"c\"\"\"".to_vec(),
        b"1949-04-04".to_vec(),
        b"1949-13-04".to_vec(),
        b"\xEF\xBB\xBFFRA".to_vec(),
        b"x\xffy".to_vec(),
        b"a\"b".to_vec(),
        b"=1+1".to_vec(),
    ])
}

fn row() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let ends = proptest::sample::select(vec![
        b"\n".to_vec(),
        b"\r\n".to_vec(),
        b"\r".to_vec(),
        b"\n\n".to_vec(),
        b"\n\"\"\n".to_vec(),
    ]);
    (proptest::collection::vec(cell(), 3..=5), ends).prop_map(|(cells, end)| {
        let mut row = cells.join(&b","[..]);
        row.extend(end);
        row
    })
}

proptest::proptest! {
    // 256 cases, or `PROPTEST_CASES`.
    #![proptest_config(proptest::prelude::ProptestConfig::default())]
    /// Any table, cut into any number of pieces, reads as one reader
    /// reads it: the same records and problems in the same order.
    #[test]
    fn pieces_agree_with_one_reader(
        bom in proptest::bool::ANY,
        header in proptest::sample::select(vec![
            HEADER,
            "name,code,reference,nato_joined",
            "code,name",
        ]),
        rows in proptest::collection::vec(row(), 0..80),
        open_quote in proptest::bool::weighted(0.05),
        pieces in 1usize..9,
    ) {
        let mut text = if bom { BOM.to_vec() } else { Vec::new() };
        text.extend_from_slice(header.as_bytes());
        text.push(b'\n');
        for r in &rows {
            text.extend_from_slice(r);
        }
        if open_quote {
            text.extend_from_slice(b"GBR,\"x");
        }
        let split = splits(pieces);
        let (split, one) = (read(&text, Some(split)), read(&text, None));
        proptest::prop_assert!(split == one, "{:?}\n{:?}\n{:?}", text, split, one);
    }
}

/// A file whose reading fails after `at` bytes, as a disk or a network
/// share may.
struct FailsAfter<'a> {
    text: &'a [u8],
    at: usize,
}

impl std::io::Read for FailsAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == 0 {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = buf.len().min(self.at).min(self.text.len());
        buf[..n].copy_from_slice(&self.text[..n]);
        self.text = &self.text[n..];
        self.at -= n;
        Ok(n)
    }
}

#[test]
fn an_error_while_reading_ahead_is_reported_where_one_reader_meets_it() {
    let mut text = format!("{HEADER}\n").into_bytes();
    for i in 0..40 {
        text.extend_from_slice(format!("GBR,Name {i},,\n").as_bytes());
    }
    for at in [0, 10, 200, text.len() - 3] {
        let split = splits(2);
        let fails = || Box::new(FailsAfter { text: &text, at });
        let one = read_boxed(fails(), None);
        assert!(
            one.1
                .iter()
                .any(|p| p.to_string().contains("the disk went away")),
            "{at}: {:?}",
            one.1
        );
        assert_eq!(
            read_boxed(fails(), Some(split)),
            one,
            "failing at byte {at}"
        );
    }
}

#[test]
fn a_table_is_read_in_pieces_from_its_least_size_on() {
    let text = |n: usize| {
        let mut t = format!("{HEADER}\n").into_bytes();
        while t.len() < n {
            t.extend_from_slice(b"GBR,United Kingdom,,\n");
        }
        t.truncate(n);
        t
    };
    let whole = |t: &[u8], least| matches!(take(Box::new(t), least), Taken::Whole(_));
    assert!(!whole(&text(PARALLEL_BYTES - 1), PARALLEL_BYTES));
    assert!(whole(&text(PARALLEL_BYTES), PARALLEL_BYTES));
    assert!(whole(&text(5 << 20), Split::here().least_bytes));
    assert!(!whole(&text(3 << 20), Split::here().least_bytes));
    // Too short to hold a byte order mark and a byte: one reader.
    assert!(!whole(b"a\nb", 0));
    assert!(whole(b"a\nbc", 0));
}

#[test]
fn a_piece_begins_at_the_first_row_from_its_share_of_the_bytes() {
    // Rows at bytes 2, 5 and 8 of 11: two pieces share at byte 5, a row
    // starts exactly there, and the second piece begins with it.
    let data = b"h\nab\ncd\nef\n";
    let mut scanner = Scanner::new();
    scanner.feed(data).expect("within limits");
    let starts = scanner.finish().expect("no open quote");
    assert_eq!(starts, [(0, 1), (2, 2), (5, 3), (8, 4)]);
    assert_eq!(cuts(data, &starts, 2), [0, 2]);
    assert_eq!(cuts(data, &starts, 4), [0, 1, 2, 3]);
}

#[test]
fn the_pieces_rows_are_put_together_in_order_with_no_room_to_spare() {
    for sizes in [[3, 4, 5], [10, 1, 0], [0, 10, 2], [0, 0, 0]] {
        let pieces: Pieces<(usize, usize)> = sizes
            .iter()
            .enumerate()
            .map(|(k, &n)| {
                let mut rows = Vec::with_capacity(n);
                rows.extend((0..n).map(|r| (r as u64, (k, r))));
                (rows, Problems::new())
            })
            .collect();
        let total: usize = sizes.iter().sum();
        let out = put_together(pieces, &mut Problems::new());
        let want: Vec<(usize, usize)> = (0..3)
            .flat_map(|k| (0..sizes[k]).map(move |r| (k, r)))
            .collect();
        assert_eq!(out.iter().map(|r| r.1).collect::<Vec<_>>(), want);
        // Each piece's rows were made with no room to spare, and the
        // table is grown to hold them and no further.
        assert_eq!(out.capacity(), total, "{sizes:?}");
    }
}

/// Past the most records the pieces read (the header's among them), one
/// reader reads the table and counts its rows; up to it, the pieces do.
#[test]
fn a_table_of_more_records_than_the_pieces_read_goes_to_one_reader() {
    let text = format!("{HEADER}\nGBR,a,,\nFRA,b,,\n\"\"\nESP,c,,\n").into_bytes();
    // Five records: the header, three rows and a `""` line.
    for (most_records, pieces) in [(4, false), (5, true), (6, true)] {
        let split = Split {
            most_records,
            ..splits(2)
        };
        assert_eq!(read_in(&text, split), pieces, "{most_records}");
        assert_eq!(read(&text, Some(split)), read(&text, None));
    }
}
