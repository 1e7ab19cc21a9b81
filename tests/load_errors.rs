//! Every kind of bad input gets a typed problem that names its position.

mod common;

use std::path::PathBuf;

use common::{first_error, load, with_edit, with_file, with_line};
use troop_tracker::{Dataset, FieldError, LoadError, ProblemKind, StrengthError};

fn problem(files: &[(String, String)]) -> troop_tracker::Problem {
    load(files)
        .expect_err("expected a load error")
        .first()
        .expect("a problem")
        .clone()
}

#[test]
fn the_fixture_itself_is_valid() {
    let d = load(&common::files()).expect("fixture loads");
    assert_eq!(d.deployments().len(), 1);
    assert_eq!(d.relocations().len(), 1);
    assert_eq!(d.mission_strengths().count(), 1);
}

#[test]
fn wrong_column_count_names_line_and_counts() {
    let f = with_line("deployments.csv", "D2,DEU,IRQ,,2020-01-09");
    let msg = first_error(&f);
    assert_eq!(
        msg,
        "deployments.csv line 3: expected 12 fields as in the header, found 5"
    );
}

#[test]
fn unparsable_number_names_the_cell() {
    let f = with_edit("deployments.csv", ",120,,its", ",12O,,its");
    let p = problem(&f);
    assert_eq!(p.position().line_number(), Some(2));
    assert_eq!(p.position().column(), Some("strength"));
    assert!(p
        .to_string()
        .starts_with("deployments.csv line 2, column strength: expected"));
    assert!(p.to_string().contains("\"12O\""));
}

#[test]
fn overflowing_number_is_reported_not_wrapped() {
    let f = with_edit("deployments.csv", ",120,,its", ",1000000000000001,,its");
    assert!(matches!(
        problem(&f).kind(),
        ProblemKind::Field(FieldError::Strength(StrengthError::Overflow { .. }))
    ));
}

#[test]
fn unparsable_and_impossible_dates() {
    let f = with_edit("deployments.csv", "IRQ,,2020-01-09", "IRQ,,9 Jan 2020");
    let msg = first_error(&f);
    assert!(
        msg.starts_with("deployments.csv line 2, column as_of: expected a date"),
        "{msg}"
    );
    let f = with_edit("relocations.csv", "DEU,2020-01-09", "DEU,2020-02-30");
    let msg = first_error(&f);
    assert_eq!(
        msg,
        "relocations.csv line 2, column date: expected a real calendar date, found \"2020-02-30\""
    );
    // An open date ("on or before") is for events: a figure needs both
    // ends of its date.
    let f = with_edit("deployments.csv", "IRQ,,2020-01-09", "IRQ,,..2020-01-09");
    let p = problem(&f);
    assert_eq!(p.code(), "inconsistent");
    assert_eq!(
        p.to_string(),
        "deployments.csv line 2, column as_of: expected a date with both ends (an open date \
         such as ..2020-02-12 is for events), found ..2020-01-09"
    );
}

#[test]
fn low_above_high() {
    let f = with_edit("relocations.csv", ",30,IRQ", ",300-200,IRQ");
    let p = problem(&f);
    assert_eq!(p.position().column(), Some("strength"));
    assert!(matches!(
        p.kind(),
        ProblemKind::Field(FieldError::Strength(StrengthError::LowAboveHigh {
            low: 300,
            high: 200
        }))
    ));
    assert!(p
        .to_string()
        .contains("relocations.csv line 2, column strength"));
}

#[test]
fn unknown_notation() {
    let f = with_edit(
        "mission_strengths.csv",
        ",500,500-strong",
        ",lots,500-strong",
    );
    let msg = first_error(&f);
    assert!(msg.starts_with("mission_strengths.csv line 2, column strength: expected a head count"));
    assert!(msg.contains("found \"lots\""));
}

#[test]
fn unknown_nation_reference() {
    let f = with_edit("deployments.csv", "D1,DEU", "D1,FRA");
    assert_eq!(
        first_error(&f),
        "deployments.csv line 2, column nation: expected a known nation, found \"FRA\""
    );
    let f = with_edit("relocations.csv", ",JOR,", ",JOR;KWT,");
    assert_eq!(
        first_error(&f),
        "relocations.csv line 2, column to: expected a known nation, found \"KWT\""
    );
}

#[test]
fn unknown_mission_reference() {
    let f = with_edit("mission_strengths.csv", "T1,NMI", "T1,XYZ");
    assert_eq!(
        first_error(&f),
        "mission_strengths.csv line 2, column mission: expected a known mission, found \"XYZ\""
    );
}

#[test]
fn unknown_source_and_relocation_references() {
    let f = with_edit("events.csv", ",s1,was launched", ",s9,was launched");
    assert_eq!(
        first_error(&f),
        "events.csv line 2, column source: expected a known source, found \"s9\""
    );
    let f = with_edit("deployments.csv", "before:R1", "before:R9");
    assert_eq!(
        first_error(&f),
        "deployments.csv line 2, column relative_to: expected a known relocation, found \"R9\""
    );
}

#[test]
fn duplicate_ids_across_files() {
    let f = with_edit("events.csv", "E1,2018", "D1,2018");
    assert_eq!(
        first_error(&f),
        "events.csv line 2, column id: expected a unique id, found \"D1\" already used at deployments.csv line 2"
    );
}

#[test]
fn quote_not_in_its_source() {
    let f = with_edit("events.csv", "was launched in 2018", "was launched in 2019");
    let p = problem(&f);
    assert_eq!(p.position().column(), Some("quote"));
    assert!(matches!(p.kind(), ProblemKind::QuoteNotInSource { .. }));
    assert!(p
        .to_string()
        .starts_with("events.csv line 2, column quote: expected a verbatim quote from source s1"));
}

#[test]
fn figure_words_must_be_in_the_quote() {
    let f = with_edit("deployments.csv", "its 120", "its 121");
    assert_eq!(
        first_error(&f),
        "deployments.csv line 2, column words: expected words that appear in the quote, found \"its 121\""
    );
}

#[test]
fn header_problems() {
    let f = with_edit("deployments.csv", ",share,", ",portion,");
    let e = load(&f).expect_err("bad header");
    let msgs: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
    assert!(msgs
        .iter()
        .any(|m| m.starts_with("deployments.csv line 1: unexpected column \"portion\"")));
    assert!(msgs.contains(
        &"deployments.csv line 1: expected a column named \"share\" in the header, found none"
            .to_string()
    ));
    // A column named twice (here in place of another) is named, as is
    // the column it left out.
    let f = with_edit("deployments.csv", ",share,", ",note,");
    let msgs: Vec<String> = load(&f)
        .expect_err("a column twice")
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        msgs.contains(
            &"deployments.csv line 1: expected each column once, found \"note\" twice".to_string()
        ),
        "{msgs:?}"
    );
    assert!(msgs.contains(
        &"deployments.csv line 1: expected a column named \"share\" in the header, found none"
            .to_string()
    ));
}

#[test]
fn empty_and_missing_files() {
    let f = with_file("events.csv", "");
    assert_eq!(
        first_error(&f),
        "events.csv: expected a header row, found an empty file"
    );
    let mut f = common::files();
    f.retain(|(n, _)| n != "nations.csv");
    assert_eq!(
        first_error(&f),
        "nations.csv: expected this file in the data folder, found none"
    );
}

#[test]
fn a_header_only_file_is_an_empty_table() {
    let f = with_file(
        "events.csv",
        "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n",
    );
    assert!(load(&f).expect("loads").events().is_empty());
}

#[test]
fn many_problems_are_reported_together() {
    let mut f = common::files();
    let d = f
        .iter_mut()
        .find(|(n, _)| n == "deployments.csv")
        .expect("file");
    d.1.push_str("D2,DEU,IRQ,,2020-01-09,,lots,,,s1,Germany,\n");
    d.1.push_str("D3,DEU,IRQ,,2020-99-09,,1,,,s1,Germany,\n");
    let e = load(&f).expect_err("two bad rows");
    let msgs: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with("deployments.csv line 3, column strength"));
    assert!(msgs[1].starts_with("deployments.csv line 4, column as_of"));
    assert_eq!(e.to_string().lines().count(), 2);
}

#[test]
fn share_needs_a_mission() {
    let f = with_edit("deployments.csv", "before:R1,120,,", "before:R1,120,1/2,");
    assert_eq!(
        first_error(&f),
        "deployments.csv line 2, column share: expected a mission whose total the share is of, found a share with an empty mission cell"
    );
}

#[test]
fn nato_accession_needs_a_reference() {
    let f = with_edit(
        "nations.csv",
        "1955-05-06,NATO member countries",
        "1955-05-06,",
    );
    assert!(first_error(&f)
        .starts_with("nations.csv line 2, column reference: expected an external reference"));
}

#[test]
fn bad_nation_code_and_location() {
    let f = with_edit("nations.csv", "JOR,Jordan", "jor,Jordan");
    assert!(first_error(&f)
        .starts_with("nations.csv line 5, column code: expected an ISO 3166-1 alpha-3 code"));
    let f = with_edit("deployments.csv", "D1,DEU,IRQ,", "D1,DEU,IRQ/,");
    assert!(first_error(&f)
        .starts_with("deployments.csv line 2, column location: expected an area name"));
}

#[test]
fn errors_are_send_and_sync() {
    fn check<T: Send + Sync + std::error::Error + 'static>() {}
    check::<LoadError>();
    check::<troop_tracker::Problem>();
    check::<StrengthError>();
    check::<troop_tracker::DateError>();
}

/// A scratch copy of the fixture on disk, for byte-level cases.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("troop-tracker-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for (n, t) in common::files() {
            std::fs::write(dir.join(n), t).expect("write fixture");
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).expect("write");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn bom_and_crlf_load_fine_from_disk() {
    let s = Scratch::new("bom");
    let text = common::files()
        .into_iter()
        .find(|(n, _)| n == "deployments.csv")
        .expect("file")
        .1
        .replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    s.write("deployments.csv", &bytes);
    let d = Dataset::from_dir(&s.0).expect("BOM and CRLF load");
    assert_eq!(d.deployments()[0].strength().to_string(), "120");
    assert_eq!(d.deployments()[0].id().as_str(), "D1");
}

#[test]
fn latin1_bytes_are_a_csv_error_with_line() {
    let s = Scratch::new("latin1");
    s.write(
        "nations.csv",
        b"code,name,nato_joined,reference\nDEU,Germany,1955-05-06,x\nCAN,Canada,1949-08-24,x\nIRQ,Iraq,,\nJOR,Jordan,,\nCIV,C\xf4te d'Ivoire,,\n",
    );
    let e = Dataset::from_dir(&s.0).expect_err("latin-1");
    let msg = e.first().expect("problem").to_string();
    assert!(
        msg.contains("nations.csv line 6: expected well-formed UTF-8 CSV"),
        "{msg}"
    );
    assert!(msg.contains("field 2 is not valid UTF-8"), "{msg}");
}

#[test]
fn from_dir_names_the_path_of_a_missing_folder_file() {
    let s = Scratch::new("missing");
    std::fs::remove_file(s.0.join("events.csv")).expect("remove");
    let msg = Dataset::from_dir(&s.0).expect_err("missing").to_string();
    assert!(
        msg.contains("events.csv: expected this file in the data folder"),
        "{msg}"
    );
    assert!(msg.contains(&s.0.display().to_string()), "{msg}");
}

#[test]
fn crlf_files_count_lines_like_lf_files() {
    // What Excel and Python's csv module write. The csv crate's own line
    // count is one short per line on CRLF files; the loader counts itself.
    let lf = common::FIXTURE[4].1.to_owned()
        + "D2,DEU,IRQ,,2020-01-10,,5,,,s1,x,\n"
        + "D3,DEU,IRQ,,2020-01-11,,lots,,,s1,x,\n";
    let crlf = lf.replace('\n', "\r\n");
    for text in [&lf, &crlf] {
        let f = with_file("deployments.csv", text);
        assert!(
            first_error(&f).starts_with("deployments.csv line 4, column strength:"),
            "{}",
            first_error(&f)
        );
    }
    // A quoted field over three lines: the next record starts on line 5.
    let quoted = common::FIXTURE[4].1.to_owned()
        + "D2,DEU,IRQ,,2020-01-10,,5,,,s1,\"a\r\nquote over\r\nlines\",\r\n"
        + "D3,DEU,IRQ,,2020-01-11,,lots,,,s1,x,\r\n";
    let f = with_file("deployments.csv", &quoted);
    let e = load(&f).expect_err("bad strength");
    let lines: Vec<Option<u64>> = e
        .problems()
        .iter()
        .map(|p| p.position().line_number())
        .collect();
    assert!(lines.contains(&Some(6)), "{e}");
}

#[test]
fn every_bad_cell_of_a_row_is_reported_in_column_order() {
    let f = with_line("deployments.csv", "D2,GERMANY,IRQ,,9 Jan,,lots,,,s1,x,");
    let e = load(&f).expect_err("three bad cells");
    let at: Vec<(Option<u64>, Option<String>)> = e
        .problems()
        .iter()
        .map(|p| {
            (
                p.position().line_number(),
                p.position().column().map(str::to_owned),
            )
        })
        .collect();
    let line = Some(3);
    assert_eq!(
        at,
        [
            (line, Some("nation".to_owned())),
            (line, Some("as_of".to_owned())),
            (line, Some("strength".to_owned())),
        ],
        "{e}"
    );
}

#[test]
fn a_mistyped_folder_is_one_problem() {
    let missing =
        std::env::temp_dir().join(format!("troop-tracker-no-such-{}", std::process::id()));
    let e = Dataset::from_dir(&missing).expect_err("no folder");
    assert_eq!(e.problems().len(), 1, "{e}");
    let p = e.first().expect("problem");
    assert!(matches!(p.kind(), ProblemKind::NoSuchFolder));
    assert_eq!(
        p.to_string(),
        format!(
            "{}: expected a data folder, found no such folder",
            missing.display()
        )
    );
}

#[test]
fn a_bad_header_is_reported_on_line_1() {
    // A Latin-1 byte in the header, with enough rows after it that the
    // reader has read ahead.
    let mut bytes = b"code,name,nato_joined,r\xe9ference\n".to_vec();
    for _ in 0..2000 {
        bytes.extend_from_slice(b"DEU,Germany,1955-05-06,x\n");
    }
    let s = Scratch::new("header-latin1");
    s.write("nations.csv", &bytes);
    let e = Dataset::from_dir(&s.0).expect_err("latin-1 header");
    let first = e.first().expect("problem");
    assert_eq!(first.position().line_number(), Some(1), "{first}");
    // A UTF-16 file (what some Windows tools save) fails on line 1 too.
    let utf16: Vec<u8> = "\u{feff}code,name,nato_joined,reference\r\nDEU,Germany,,\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    s.write("nations.csv", &utf16);
    let e = Dataset::from_dir(&s.0).expect_err("utf-16");
    let first = e.first().expect("problem");
    assert_eq!(first.position().line_number(), Some(1), "{first}");
    assert!(first
        .to_string()
        .starts_with(&format!("{} line 1:", s.0.join("nations.csv").display())));
}

#[test]
fn an_unclosed_quote_stops_at_the_record_limit() {
    // An unclosed quote on line 3 followed by 4 MB of short lines: the
    // loader stops at 1 MiB of the record instead of buffering it all.
    let mut text = common::FIXTURE[4].1.to_owned();
    text.push_str("D2,DEU,IRQ,,2020-01-10,,5,,,s1,\"never closed,\n");
    text.push_str(&"ab,cd\n".repeat(700_000));
    let s = Scratch::new("runaway");
    s.write("deployments.csv", text.as_bytes());
    let e = Dataset::from_dir(&s.0).expect_err("runaway quote");
    let first = e.first().expect("problem").to_string();
    assert!(
        first.contains("deployments.csv line 3: expected at most 1048576 bytes in one record"),
        "{first}"
    );
}

#[test]
fn an_article_over_the_limit_is_refused_and_one_at_it_loads() {
    let quote = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let limit = troop_tracker::MAX_ARTICLE_BYTES as usize;
    let mut at_limit = common::FIXTURE[7].1.to_owned();
    at_limit.push_str(&" ".repeat(limit - at_limit.len()));
    assert!(at_limit.contains(quote));
    let f = with_file("article.txt", &at_limit);
    assert!(load(&f).is_ok(), "an article of exactly the limit loads");
    at_limit.push(' ');
    let f = with_file("article.txt", &at_limit);
    let msg = first_error(&f);
    assert!(
        msg.starts_with("sources.csv line 2, column file: cannot read the file: article.txt is larger than 16777216 bytes"),
        "{msg}"
    );
}

#[test]
fn a_table_that_is_not_a_regular_file_is_named() {
    let s = Scratch::new("table-folder");
    std::fs::remove_file(s.0.join("events.csv")).expect("remove");
    std::fs::create_dir(s.0.join("events.csv")).expect("a folder in its place");
    let msg = Dataset::from_dir(&s.0).expect_err("a folder").to_string();
    assert!(
        msg.contains("events.csv: cannot read the file: expected a regular file"),
        "{msg}"
    );
    // A link that loops is the system's error, not a missing file.
    std::fs::remove_dir(s.0.join("events.csv")).expect("remove");
    std::os::unix::fs::symlink(s.0.join("events.csv"), s.0.join("events.csv")).expect("loop");
    let msg = Dataset::from_dir(&s.0).expect_err("a loop").to_string();
    assert!(msg.contains("events.csv: cannot read the file:"), "{msg}");
    assert!(!msg.contains("found none"), "{msg}");
}

#[test]
fn an_article_on_disk_over_the_limit_is_refused_and_one_at_it_loads() {
    let s = Scratch::new("article-limit");
    let limit = troop_tracker::MAX_ARTICLE_BYTES as usize;
    let mut text = common::FIXTURE[7].1.to_owned();
    text.push_str(&" ".repeat(limit - text.len()));
    s.write("article.txt", text.as_bytes());
    assert!(
        Dataset::from_dir(&s.0).is_ok(),
        "an article of exactly the limit loads"
    );
    text.push(' ');
    s.write("article.txt", text.as_bytes());
    let msg = Dataset::from_dir(&s.0).expect_err("too big").to_string();
    assert!(
        msg.contains("article.txt is larger than 16777216 bytes"),
        "{msg}"
    );
}

#[test]
fn a_byte_order_mark_does_not_shift_line_numbers() {
    let s = Scratch::new("bom-lines");
    let text = common::FIXTURE[4].1.to_owned() + "D2,DEU,IRQ,,2020-01-10,,lots,,,s1,x,\n";
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    s.write("deployments.csv", &bytes);
    let e = Dataset::from_dir(&s.0).expect_err("bad strength");
    let first = e.first().expect("problem");
    assert_eq!(first.position().line_number(), Some(3), "{first}");
}

#[test]
fn a_line_of_only_an_empty_quoted_field_is_blank() {
    let text = common::FIXTURE[4].1.to_owned() + "\"\"\n";
    let f = with_file("deployments.csv", &text);
    let d = load(&f).expect("the blank line is skipped");
    assert_eq!(d.deployments().len(), 1);
    // A line with one non-empty field is a row, of the wrong width.
    let text = common::FIXTURE[4].1.to_owned() + "x\n";
    let f = with_file("deployments.csv", &text);
    assert!(first_error(&f).starts_with("deployments.csv line 3: expected 12 fields"));
}

#[test]
fn reading_goes_on_after_a_bad_byte() {
    let mut bytes = common::FIXTURE[1].1.as_bytes().to_vec();
    bytes.extend_from_slice(b"CIV,C\xf4te d'Ivoire,,\nSAU,Saudi Arabia,,\nPER,P\xe9ru,,\n");
    let s = Scratch::new("two-latin1");
    s.write("nations.csv", &bytes);
    let e = Dataset::from_dir(&s.0).expect_err("latin-1");
    let lines: Vec<Option<u64>> = e
        .problems()
        .iter()
        .filter(|p| p.to_string().contains("not valid UTF-8"))
        .map(|p| p.position().line_number())
        .collect();
    let base = common::FIXTURE[1].1.lines().count() as u64;
    assert_eq!(lines, [Some(base + 1), Some(base + 3)], "{e}");
}

#[test]
fn columns_in_another_order_load_the_same() {
    let text = common::FIXTURE[4].1;
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let row: Vec<String> = reader
        .records()
        .next()
        .expect("a row")
        .expect("valid")
        .iter()
        .map(str::to_owned)
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header.iter().rev()).expect("header");
    w.write_record(row.iter().rev()).expect("row");
    let reversed = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
    let d = load(&with_file("deployments.csv", &reversed)).expect("reversed columns load");
    let original = load(&common::files()).expect("fixture");
    assert!(d.same_records(&original));
}

#[test]
fn problems_come_in_column_order_not_parsing_order() {
    // The role citation is parsed before the mission's own citation, but
    // `source` stands before `role_source` in the file.
    let f = with_edit("missions.csv", "no,s1,The 500", "no,,The 500");
    let f = common::with_line_in(&f, "missions.csv", "");
    let text = f
        .iter()
        .find(|(n, _)| n == "missions.csv")
        .map(|(_, t)| t.replace(",s1,does not", ",bad id!,does not"))
        .expect("missions");
    let f = with_file("missions.csv", &text);
    let e = load(&f).expect_err("two bad cells");
    let columns: Vec<Option<&str>> = e.problems().iter().map(|p| p.position().column()).collect();
    assert_eq!(
        columns.get(..2),
        Some(&[Some("source"), Some("role_source")][..]),
        "{e}"
    );
}

#[test]
fn a_field_of_exactly_the_limit_loads() {
    let limit = troop_tracker::MAX_FIELD_BYTES;
    let note = "n".repeat(limit);
    let text = common::FIXTURE[4].1.trim_end().to_owned() + &note + "\n";
    let f = with_file("deployments.csv", &text);
    let d = load(&f).expect("a note of exactly the limit");
    assert_eq!(
        d.deployments()[0].citation().note().map(str::len),
        Some(limit)
    );
    let text = common::FIXTURE[4].1.trim_end().to_owned() + &note + "n\n";
    let f = with_file("deployments.csv", &text);
    assert!(first_error(&f).contains("column note: expected at most 65536 bytes in one field"));
}

#[test]
fn nul_byte_in_text_is_rejected_once_with_its_place() {
    let f = with_edit("deployments.csv", "to Jordan.,", "to Jordan.,a\0b");
    let errors = load(&f).expect_err("a NUL byte is bad input");
    let problems = errors.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.position().line_number(), Some(2));
    assert_eq!(p.position().column(), Some("note"));
    assert!(matches!(
        p.kind(),
        ProblemKind::Field(FieldError::Nul { before: 1 })
    ));
    assert_eq!(
        p.to_string(),
        "deployments.csv line 2, column note: expected text without NUL bytes, found one after 1 characters"
    );
    // In a required cell it is the NUL that is reported, not an empty cell.
    let f = with_edit("deployments.csv", "to Jordan.,", "to Jordan\0.,");
    let errors = load(&f).expect_err("a NUL byte is bad input");
    let problems = errors.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].position().column(), Some("quote"));
}

#[test]
fn sources_naming_one_article_share_one_copy() {
    let f = with_line(
        "sources.csv",
        "s2,article.txt,Another headline,Another outlet,2020-01-09,stated",
    );
    let d = load(&f).expect("two sources, one article");
    let [a, b] = d.sources() else {
        panic!("two sources")
    };
    let (a, b) = (a.text().expect("read"), b.text().expect("read"));
    assert!(std::ptr::eq(a, b), "one copy of the article");
}

#[test]
fn quotes_are_found_in_one_pass_whatever_they_overlap() {
    // Three more rows citing overlapping passages, one of them not in the
    // article: exactly that one is reported, at its row.
    let mut f = common::files();
    for (id, quote) in [
        ("D2", "30 of its 120"),
        ("D3", "of its 120 soldiers in Iraq"),
        ("D4", "30 of its 121"),
        ("D5", "Germany is sending 30"),
    ] {
        f = common::with_line_in(
            &f,
            "deployments.csv",
            &format!("{id},DEU,IRQ,,2020-01-09,,120,,,s1,{quote},"),
        );
    }
    let err = load(&f).expect_err("one quote is not in the article");
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].position().line_number(), Some(5));
    assert!(matches!(
        problems[0].kind(),
        ProblemKind::QuoteNotInSource { quote, .. } if quote == "30 of its 121"
    ));
}

/// The fixture's one event, with its `nation`, `location`, `region`,
/// `same_as` and `condition` cells set.
fn event_with(
    nation: &str,
    location: &str,
    region: &str,
    same_as: &str,
    condition: &str,
) -> Vec<(String, String)> {
    with_edit(
        "events.csv",
        "E1,2018,,launched,NATO,NMI,,IRQ,,,,,,,s1,was launched in 2018,",
        &format!(
            "E1,2018,,launched,NATO,NMI,{nation},{location},{region},,,{same_as},{condition},,s1,was launched in 2018,"
        ),
    )
}

#[test]
fn an_event_is_checked_against_the_other_files_and_its_quote() {
    // Words from the quote, and known references: the event loads.
    let ok = event_with("CAN", "IRQ", "in 2018", "", "was launched");
    let d = load(&ok).expect("an event whose cells all check out");
    assert_eq!(d.events().len(), 1);
    let cases = [
        (event_with("XYZ", "IRQ", "", "", ""), "column nation: expected a known nation"),
        (event_with("", "XYZ", "", "", ""), "column location: expected a known nation"),
        (
            event_with("", "IRQ", "Kurdistan", "", ""),
            "column region: expected words that appear in the quote, found \"Kurdistan\"",
        ),
        (event_with("", "IRQ", "", "E1", ""), "column same_as: expected a known other event"),
        (event_with("", "IRQ", "", "E9", ""), "column same_as: expected a known other event"),
        (
            event_with("", "IRQ", "", "", "if the host agrees"),
            "column condition: expected words that appear in the quote, found \"if the host agrees\"",
        ),
    ];
    for (files, expected) in cases {
        let found = first_error(&files);
        assert!(
            found.starts_with("events.csv line 2, ") && found.contains(expected),
            "{found}"
        );
    }
}

#[test]
fn a_relocations_condition_is_the_quotes_own_words() {
    let quoted = with_edit("relocations.csv", ",under_way,,,", ",under_way,,to Jordan,");
    load(&quoted).expect("a condition in the quote's words");
    let f = with_edit(
        "relocations.csv",
        ",under_way,,,",
        ",under_way,,if Jordan agrees,",
    );
    let found = first_error(&f);
    assert!(
        found.starts_with(
            "relocations.csv line 2, column condition: expected words that appear in the quote"
        ),
        "{found}"
    );
    let f = with_edit("relocations.csv", ",under_way,,,", ",under_way,R1,,");
    let found = first_error(&f);
    assert!(found.contains("column same_as"), "{found}");
}

/// All the articles together may hold sixteen of the longest: at exactly
/// that they load; a byte more is refused at the source row whose
/// article crosses it. An article named by two sources is read (and
/// counted) once.
#[test]
fn the_articles_together_hold_sixteen_of_the_longest_and_no_more() {
    let longest = troop_tracker::MAX_ARTICLE_BYTES as usize;
    let all = troop_tracker::MAX_ARTICLES_BYTES as usize;
    assert_eq!(all, 16 * longest);
    let article = common::FIXTURE[7].1;
    let full = " ".repeat(longest);
    // The fixture's article, fifteen of the longest, and one that fills
    // what is left.
    let rest = " ".repeat(all - 15 * longest - article.len());
    let over = format!("{rest} ");
    let load_with = |last: &str, twice: bool| {
        let mut sources = common::FIXTURE[0].1.trim_end().to_owned();
        assert!(sources.starts_with("id,file,"), "{sources}");
        for i in 1..=16 {
            sources.push_str(&format!(
                "\nf{i},f{i}.txt,Filler,Test outlet,2020-01-09,stated"
            ));
        }
        if twice {
            sources.push_str("\nf17,f1.txt,Filler again,Test outlet,2020-01-09,stated");
        }
        sources.push('\n');
        let names: Vec<String> = (1..=16).map(|i| format!("f{i}.txt")).collect();
        let mut files: Vec<(&str, &str)> = common::FIXTURE
            .iter()
            .map(|(n, t)| {
                if *n == "sources.csv" {
                    (*n, sources.as_str())
                } else {
                    (*n, *t)
                }
            })
            .collect();
        for (i, name) in names.iter().enumerate() {
            files.push((name, if i == 15 { last } else { full.as_str() }));
        }
        Dataset::from_texts(&files)
    };
    assert!(load_with(&rest, false).is_ok(), "exactly the limit loads");
    assert!(
        load_with(&rest, true).is_ok(),
        "an article named twice counts once"
    );
    let e = load_with(&over, false).expect_err("a byte over the limit");
    let first = e.first().expect("a problem");
    assert!(
        matches!(first.kind(), ProblemKind::Limit { limit, .. } if *limit == all),
        "{first}"
    );
    assert_eq!(first.position().line_number(), Some(18), "{first}");
    assert_eq!(first.position().column(), Some("file"), "{first}");
}

/// Each problem a data folder can have carries its stable code (for the
/// tool's exports and for filtering), whatever its message says.
#[test]
fn each_kind_of_problem_has_its_stable_code() {
    let mut without_nations = common::files();
    without_nations.retain(|(n, _)| n != "nations.csv");
    let quote = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let cases: Vec<(&str, Vec<(String, String)>)> = vec![
        ("missing-file", without_nations),
        ("empty", with_file("events.csv", "")),
        (
            "missing-column",
            with_edit("deployments.csv", ",share,", ",portion,"),
        ),
        (
            "unexpected-column",
            with_edit("deployments.csv", ",share,", ",portion,"),
        ),
        (
            "duplicate-column",
            with_edit("deployments.csv", ",share,", ",note,"),
        ),
        ("missing-header", with_file("events.csv", "a,b\n1,2\n")),
        (
            "column-count",
            with_line("deployments.csv", "D2,DEU,IRQ,,2020-01-09"),
        ),
        (
            "malformed-csv",
            with_line("deployments.csv", "D2,DEU,IRQ,,2020-01-09,,1,,\"1,s1,x,"),
        ),
        (
            "bad-field",
            with_edit("deployments.csv", ",120,,its", ",12O,,its"),
        ),
        (
            "unknown-reference",
            with_edit("deployments.csv", ",s1,", ",s9,"),
        ),
        (
            "duplicate-id",
            with_line(
                "deployments.csv",
                &format!("D1,DEU,IRQ,,2020-01-09,,120,,its 120,s1,{quote},"),
            ),
        ),
        (
            "quote-not-in-source",
            with_edit("deployments.csv", "Germany is sending", "Germany sends"),
        ),
        (
            "words-not-in-quote",
            with_edit("deployments.csv", ",its 120,", ",its 121,"),
        ),
        (
            "inconsistent",
            with_edit("deployments.csv", "IRQ,,2020-01-09", "IRQ,,..2020-01-09"),
        ),
    ];
    for (code, files) in cases {
        let e = load(&files).expect_err(code);
        assert!(
            e.problems().iter().any(|p| p.code() == code),
            "{code}: {:?}",
            e.problems()
                .iter()
                .map(|p| (p.code(), p.to_string()))
                .collect::<Vec<_>>()
        );
    }
    let e = Dataset::from_dir(std::path::Path::new("/no/such/troop-tracker/folder"))
        .expect_err("no folder");
    assert_eq!(e.first().map(|p| p.code()), Some("no-such-folder"));
}
