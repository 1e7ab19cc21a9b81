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
    let f = with_edit("deployments.csv", ",120,,its", ",99999999999,,its");
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
        "id,date,kind,organization,mission,nation,location,count,unit,same_as,words,source,quote,note\n",
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
