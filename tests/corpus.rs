//! Bad input never breaks the loader: every case of `tests/corpus/` gets a
//! typed problem naming its position, and arbitrary or mutated input gives
//! `Ok` or `Err`, never a panic.
//!
//! Each corpus case is a folder holding one file that replaces its
//! namesake in the valid fixture (`tests/fixture/`); `tests/corpus/cases.csv`
//! names the problem kind expected and the start of its message.

mod common;

use std::path::Path;

use proptest::prelude::*;
use troop_tracker::{Dataset, LoadError, ProblemKind};

fn load_with(replace: &str, bytes: Vec<u8>) -> Result<Dataset, LoadError> {
    let mut files: Vec<(String, Vec<u8>)> = common::FIXTURE
        .iter()
        .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
        .collect();
    match files.iter_mut().find(|(n, _)| n == replace) {
        Some(entry) => entry.1 = bytes,
        None => files.push((replace.to_owned(), bytes)),
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    Dataset::from_texts(&refs)
}

fn kind_name(k: &ProblemKind) -> String {
    let debug = format!("{k:?}");
    debug
        .split([' ', '{', '('])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_corpus_case_gets_its_problem_at_its_position() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut reader = csv::Reader::from_path(root.join("cases.csv")).expect("cases.csv");
    let mut seen = 0;
    for row in reader.records() {
        let row = row.expect("a case");
        let (case, file, kind, expect) = (&row[0], &row[1], &row[2], &row[3]);
        let bytes = std::fs::read(root.join(case).join(file)).expect("case file");
        let result = load_with(file, bytes);
        seen += 1;
        if kind == "ok" {
            assert!(
                result.is_ok(),
                "{case}: expected to load, got {:?}",
                result.err().map(|e| e.to_string())
            );
            continue;
        }
        let err = result
            .err()
            .unwrap_or_else(|| panic!("{case}: expected {kind}, but it loaded"));
        let first = err
            .first()
            .unwrap_or_else(|| panic!("{case}: an error with no problem"));
        assert_eq!(kind_name(first.kind()), kind, "{case}: {first}");
        let text = first.to_string();
        assert!(
            text.starts_with(expect),
            "{case}:\n  got      {text}\n  expected {expect}…"
        );
        assert!(
            first.position().file_name().ends_with(file),
            "{case}: position names {}",
            first.position()
        );
        for p in err.problems() {
            assert!(
                !p.to_string().contains('\n'),
                "{case}: a problem spans lines: {p}"
            );
        }
    }
    assert!(seen >= 35, "the corpus has {seen} cases");
}

#[test]
fn a_one_megabyte_field_is_refused_with_its_position() {
    let big = "x".repeat(1_000_000);
    let text = format!(
        "{}D2,DEU,IRQ,,2020-01-10,,5,,,s1,{big},\n",
        common::FIXTURE[4].1
    );
    let err = load_with("deployments.csv", text.into_bytes()).expect_err("too long");
    let first = err.first().expect("problem").to_string();
    assert_eq!(first, "deployments.csv line 3, column quote: expected at most 65536 bytes in one field, found more");
}

#[test]
fn a_very_long_line_stops_the_file_with_its_line() {
    // Two megabytes of fields without a line break.
    let long = "1,".repeat(1 << 20);
    let text = format!("{}{long}\n", common::FIXTURE[4].1);
    let err = load_with("deployments.csv", text.into_bytes()).expect_err("too long");
    let first = err.first().expect("problem").to_string();
    assert_eq!(
        first,
        "deployments.csv line 3: expected at most 1048576 bytes in one line, found more"
    );
}

#[test]
fn many_problems_are_reported_together_up_to_a_limit() {
    let mut text = common::FIXTURE[4].1.to_owned();
    for i in 0..150 {
        text.push_str(&format!("D{},DEU,IRQ,,2020-01-10,,lots,,,s1,x,\n", i + 2));
    }
    let err = load_with("deployments.csv", text.into_bytes()).expect_err("bad rows");
    assert_eq!(err.problems().len(), LoadError::MAX_PROBLEMS);
    assert!(err.is_truncated());
    assert!(err
        .to_string()
        .ends_with("(stopped after 100 problems; fix these and load again)"));
    let lines: Vec<u64> = err
        .problems()
        .iter()
        .filter_map(|p| p.position().line_number())
        .collect();
    assert_eq!(lines.first(), Some(&3));
    assert_eq!(lines.last(), Some(&102));
    // As many problems as the limit, or one: nothing left out, and the
    // message does not say so.
    for bad in [LoadError::MAX_PROBLEMS, 1] {
        let mut text = common::FIXTURE[4].1.to_owned();
        for i in 0..bad {
            text.push_str(&format!("D{},DEU,IRQ,,2020-01-10,,lots,,,s1,x,\n", i + 2));
        }
        let err = load_with("deployments.csv", text.into_bytes()).expect_err("bad rows");
        assert_eq!(err.problems().len(), bad);
        assert!(!err.is_truncated(), "{bad} problems");
        assert!(!err.to_string().contains("stopped after"));
    }
}

const TABLES: [&str; 8] = [
    "sources.csv",
    "nations.csv",
    "missions.csv",
    "mission_strengths.csv",
    "deployments.csv",
    "relocations.csv",
    "events.csv",
    "article.txt",
];

proptest! {
    #[test]
    fn arbitrary_bytes_in_any_file_never_panic(which in 0..TABLES.len(), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = load_with(TABLES[which], bytes);
    }

    #[test]
    fn near_valid_rows_never_panic(which in 0..7usize, field in 0usize..16, value in "\\PC{0,24}|[0-9.<>=~?/-]{0,10}") {
        let name = TABLES[which];
        let text = common::FIXTURE.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_default();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if let Some(row) = lines.get_mut(1) {
            let mut record: Vec<String> = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(row.as_bytes())
                .records()
                .next()
                .and_then(Result::ok)
                .map(|r| r.iter().map(str::to_owned).collect())
                .unwrap_or_default();
            let at = field % record.len().max(1);
            if let Some(cell) = record.get_mut(at) {
                *cell = value.clone();
            }
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(vec![]);
            w.write_record(&record).expect("write");
            *row = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8").trim_end().to_owned();
        }
        let mutated = lines.join("\n") + "\n";
        if let Ok(d) = load_with(name, mutated.into_bytes()) {
            // Whatever loads must also validate, replay and print.
            let _ = d.validate();
            let ledger = troop_tracker::Ledger::new(&d);
            let _ = troop_tracker::summary::posture_tables(&ledger.posture(chrono::NaiveDate::MAX), 80);
        }
    }
}

/// A data folder on disk, `ROOT/data`, holding the fixture with the
/// `file` cell of `sources.csv` replaced, and `ROOT/outside.txt`, a copy
/// of the article outside the data folder: if the loader read it, the
/// quotes would check out, so a refusal is the confinement at work.
struct Folder(std::path::PathBuf);

impl Folder {
    fn new(case: &str, file_cell: &str, setup: &str) -> Folder {
        let root = std::env::temp_dir().join(format!(
            "troop-tracker-articles-{}-{case}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let data = root.join("data");
        std::fs::create_dir_all(&data).expect("mkdir");
        let article = common::FIXTURE[7].1;
        let outside = root.join("outside.txt");
        let cell = file_cell.replace("OUTSIDE_ABSOLUTE", &outside.display().to_string());
        for (name, text) in common::FIXTURE {
            let text = if name == "sources.csv" {
                text.replace(",article.txt,", &format!(",{cell},"))
            } else {
                text.to_owned()
            };
            std::fs::write(data.join(name), text).expect("write");
        }
        if setup.starts_with("outside_file") || setup == "symlink_to_outside" {
            std::fs::write(&outside, article).expect("write outside");
        }
        match setup {
            "symlink_to_outside" => {
                std::os::unix::fs::symlink(&outside, data.join("link.txt")).expect("symlink")
            }
            "symlink_inside" => {
                std::os::unix::fs::symlink(data.join("article.txt"), data.join("link.txt"))
                    .expect("symlink")
            }
            "fifo" => {
                let made = std::process::Command::new("mkfifo")
                    .arg(data.join("pipe.txt"))
                    .status()
                    .expect("mkfifo runs");
                assert!(made.success(), "mkfifo failed");
            }
            "folder" => std::fs::create_dir_all(data.join("sub")).expect("mkdir sub"),
            _ => {}
        }
        Folder(root)
    }

    fn load(&self, setup: &str) -> Result<Dataset, LoadError> {
        let mut options = troop_tracker::LoadOptions::new();
        if setup == "outside_file_allowed" {
            options = options.allow_articles_in(&self.0);
        }
        Dataset::from_dir_with(self.0.join("data"), &options)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn articles_are_read_only_from_allowed_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut reader = csv::Reader::from_path(root.join("articles.csv")).expect("articles.csv");
    let mut seen = 0;
    for row in reader.records() {
        let row = row.expect("a case");
        let (case, cell, setup, kind, expect) = (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let folder = Folder::new(case, cell, setup);
        let result = folder.load(setup);
        seen += 1;
        if kind == "ok" {
            let d = result.unwrap_or_else(|e| panic!("{case}: expected to load, got {e}"));
            assert!(d.sources()[0].text().is_some(), "{case}: article read");
            continue;
        }
        let err = result
            .err()
            .unwrap_or_else(|| panic!("{case}: expected {kind}, but it loaded"));
        let first = err.first().expect("a problem");
        assert_eq!(kind_name(first.kind()), kind, "{case}: {first}");
        let text = first.to_string();
        let at = text.find("sources.csv").unwrap_or(0);
        assert!(
            text[at..].starts_with(expect),
            "{case}:\n  got      {text}\n  expected …{expect}…"
        );
        if case == "through_a_file" {
            // Not "no article": the system's own reason.
            assert!(text.contains("Not a directory"), "{case}: {text}");
        }
        if kind == "ArticleOutside" {
            assert!(
                text.contains("allow_articles_in") && text.contains("--articles"),
                "{case}: the message says how to allow a folder: {text}"
            );
        }
    }
    assert_eq!(seen, 12);
}
