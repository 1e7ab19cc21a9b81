//! What the `cli` fuzz target runs, shared with `cli/tests/fuzz_replay.rs`
//! so that every saved input is replayed by `cargo test`: arbitrary bytes
//! as the tool's arguments, run in this process against a fresh working
//! folder that holds a small data folder and both importers' tables.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;

/// The files the arguments may name, in a fresh folder: `d` a data folder,
/// `t` troopdata's two tables, `u` the UN's table.
const FILES: [(&str, &[u8]); 11] = [
    (
        "d/sources.csv",
        include_bytes!("../tests/fixture/sources.csv"),
    ),
    (
        "d/nations.csv",
        include_bytes!("../tests/fixture/nations.csv"),
    ),
    (
        "d/missions.csv",
        include_bytes!("../tests/fixture/missions.csv"),
    ),
    (
        "d/mission_strengths.csv",
        include_bytes!("../tests/fixture/mission_strengths.csv"),
    ),
    (
        "d/deployments.csv",
        include_bytes!("../tests/fixture/deployments.csv"),
    ),
    (
        "d/relocations.csv",
        include_bytes!("../tests/fixture/relocations.csv"),
    ),
    (
        "d/events.csv",
        include_bytes!("../tests/fixture/events.csv"),
    ),
    (
        "d/article.txt",
        include_bytes!("../tests/fixture/article.txt"),
    ),
    (
        "t/troopdata-rebuild-country-year-quarter-format.csv",
        include_bytes!("../tests/troopdata/troopdata-rebuild-country-year-quarter-format.csv"),
    ),
    (
        "t/troopdata-rebuild-reports.csv",
        include_bytes!("../tests/troopdata/troopdata-rebuild-reports.csv"),
    ),
    // The seed's first byte chooses the importer; the table follows it.
    ("u/full_gender_data.csv", include_bytes!("seeds/import/ipi")),
];

/// The arguments in `data`: split on NUL, the program's name put first.
/// `None` when an argument could name something outside the working
/// folder (a `/`, a `\` or a `..`): the tool writes where it is told, and
/// the fuzzer must not tell it to write anywhere else; or when one holds
/// `.partial-`, which would make a finished file look unfinished.
pub fn arguments(data: &[u8]) -> Option<Vec<OsString>> {
    let mut args = vec![OsString::from("troop-tracker")];
    for a in data.split(|b| *b == 0) {
        let outside = a.contains(&b'/') || a.contains(&b'\\') || a.windows(2).any(|w| w == b"..");
        let partial = a.windows(9).any(|w| w == b".partial-");
        if outside || partial {
            return None;
        }
        args.push(OsString::from_vec(a.to_vec()));
    }
    Some(args)
}

/// Runs the tool on the arguments in `data` (see [`arguments`]) in a
/// fresh working folder. The tool must return 0, 1 or 2 without
/// panicking, and leave no half-written file behind.
pub fn cli(data: &[u8]) {
    let Some(args) = arguments(data) else { return };
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (name, bytes) in FILES {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().expect("in a folder")).expect("mkdir");
        let bytes = if name.starts_with("u/") {
            &bytes[1..]
        } else {
            bytes
        };
        std::fs::write(path, bytes).expect("write");
    }
    let back = std::env::current_dir().expect("the working folder");
    std::env::set_current_dir(folder.path()).expect("cd");
    let status = troop_tracker_cli::run(args);
    std::env::set_current_dir(back).expect("cd back");
    assert!(status <= 2, "exit status {status}");
    let partial = partial_files(folder.path());
    assert!(partial.is_empty(), "left behind: {partial:?}");
}

/// Files whose names say they were being written and never finished.
fn partial_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.is_symlink() {
            found.extend(partial_files(&path));
        } else if path
            .file_name()
            .is_some_and(|n| n.as_bytes().windows(9).any(|w| w == b".partial-"))
        {
            found.push(path.display().to_string());
        }
    }
    found
}
