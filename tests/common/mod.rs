//! A small, valid dataset (`tests/fixture/`) that tests break one cell at
//! a time.
#![allow(dead_code)]

use troop_tracker::{Dataset, LoadError};

/// The fixture's files, as committed under `tests/fixture/`.
pub const FIXTURE: [(&str, &str); 8] = [
    ("sources.csv", include_str!("../fixture/sources.csv")),
    ("nations.csv", include_str!("../fixture/nations.csv")),
    ("missions.csv", include_str!("../fixture/missions.csv")),
    (
        "mission_strengths.csv",
        include_str!("../fixture/mission_strengths.csv"),
    ),
    (
        "deployments.csv",
        include_str!("../fixture/deployments.csv"),
    ),
    (
        "relocations.csv",
        include_str!("../fixture/relocations.csv"),
    ),
    ("events.csv", include_str!("../fixture/events.csv")),
    ("article.txt", include_str!("../fixture/article.txt")),
];

/// The files of a minimal valid dataset, by name.
pub fn files() -> Vec<(String, String)> {
    FIXTURE
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect()
}

/// Replaces the whole text of one file.
pub fn with_file(name: &str, text: &str) -> Vec<(String, String)> {
    let mut f = files();
    match f.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = text.to_owned(),
        None => f.push((name.to_owned(), text.to_owned())),
    }
    f
}

/// Replaces `from` by `to` in one file; panics if `from` is absent, so a
/// test cannot silently stop testing anything.
pub fn with_edit(name: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let mut f = files();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    assert!(entry.1.contains(from), "{from:?} not in {name}");
    entry.1 = entry.1.replacen(from, to, 1);
    f
}

/// Adds a line to the end of one file.
pub fn with_line(name: &str, line: &str) -> Vec<(String, String)> {
    let mut f = files();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    entry.1.push_str(line);
    entry.1.push('\n');
    f
}

pub fn load(files: &[(String, String)]) -> Result<Dataset, LoadError> {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Dataset::from_texts(&refs)
}

/// Loads, expects failure, and returns the first problem's message.
pub fn first_error(files: &[(String, String)]) -> String {
    match load(files) {
        Ok(_) => panic!("expected a load error"),
        Err(e) => e.first().expect("at least one problem").to_string(),
    }
}

/// Adds a line to the end of one file of an edited set.
pub fn with_line_in(files: &[(String, String)], name: &str, line: &str) -> Vec<(String, String)> {
    let mut f = files.to_vec();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    entry.1.push_str(line);
    entry.1.push('\n');
    f
}

/// Replaces the whole text of one file of an edited set.
pub fn with_file_in(files: &[(String, String)], name: &str, text: &str) -> Vec<(String, String)> {
    let mut f = files.to_vec();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    entry.1 = text.to_owned();
    f
}

/// Rows of troopdata's quarterly table for Japan, 1961–1966, in the
/// column order of `troopdata-rebuild-country-year-quarter-format.csv`
/// (`ccode` first): a June series (Kane 2006) well above September's, by a
/// factor that changes from year to year, so the June figures stand apart.
/// The chart and the doubts tests plant the same series.
pub fn japan_june_apart(ccode: &str) -> String {
    let mut rows = String::new();
    for (k, year) in (1961..=1966u64).enumerate() {
        let june = 80_000 + 3_000 * (k as u64 % 3);
        let september = 45_000 + 500 * k as u64;
        rows.push_str(&format!(
            "{ccode},JPN,Japan,{year},June,2,Kane 2006,{june}\n\
             {ccode},JPN,Japan,{year},September,3,September {year},{september}\n"
        ));
    }
    rows
}
