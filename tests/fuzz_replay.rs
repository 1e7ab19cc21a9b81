//! Replays the fuzz seeds and every input the fuzzers ever found
//! (`tests/corpus/fuzz/`) through the fuzz targets' own code, so a fixed
//! crash stays fixed.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(dir: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut n = 0;
    for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let path = entry.expect("entry").path();
        if path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        run(&std::fs::read(&path).expect("input"));
        n += 1;
    }
    n
}

#[test]
fn load_seeds_and_regressions_replay_cleanly() {
    assert!(replay("fuzz/seeds/load", harness::load) >= 1);
    replay("tests/corpus/fuzz/load", harness::load);
}

#[test]
fn notation_seeds_and_regressions_replay_cleanly() {
    assert!(replay("fuzz/seeds/notation", harness::notation) >= 20);
    replay("tests/corpus/fuzz/notation", harness::notation);
}

#[test]
fn answers_seeds_and_regressions_replay_cleanly() {
    assert!(replay("fuzz/seeds/answers", harness::answers) >= 5);
    replay("tests/corpus/fuzz/answers", harness::answers);
}

#[test]
fn import_seeds_and_regressions_replay_cleanly() {
    assert!(replay("fuzz/seeds/import", harness::import) >= 3);
    replay("tests/corpus/fuzz/import", harness::import);
}

#[test]
fn folder_seeds_and_regressions_replay_cleanly() {
    assert!(replay("fuzz/seeds/folder", harness::folder) >= 8);
    replay("tests/corpus/fuzz/folder", harness::folder);
}

/// The seeds are worth fuzzing from: the drawn ledgers load (so the
/// fuzzer starts inside the engine, not at the loader's first refusal)
/// and find contradictions to explain; the importers' excerpts import.
#[test]
fn the_seeds_reach_past_the_loader() {
    for name in ["drawn0", "drawn1", "drawn2"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/load");
        let data = std::fs::read(root.join(name)).expect("a seed");
        let loaded = troop_tracker::Dataset::from_texts(&harness::files_of(&data));
        let d = loaded.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            d.deployments().len() > 10 && d.relocations().len() > 5,
            "{name}"
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/import");
    for name in ["troopdata-quarterly", "troopdata-both", "ipi"] {
        let data = std::fs::read(root.join(name)).expect("a seed");
        assert!(harness::imports(&data), "{name} does not import");
    }
}

/// The statements seeds load, and their validation reaches the checks of
/// statements against each other: a plan to strengthen a mission against
/// "no more troops", an approval against the wait for it, and the
/// alliance's size — so the fuzzer mutates inputs already inside those
/// checks.
#[test]
fn the_statements_seeds_reach_the_checks_between_statements() {
    use troop_tracker::validate::{Report, Rule};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    // `answers` reads three option bytes before the tables.
    let loaded = |path: &str, options: usize| -> troop_tracker::Dataset {
        let data = std::fs::read(root.join(path)).expect("a seed");
        let files = harness::files_of(&data[options..]);
        troop_tracker::Dataset::from_texts(&files).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let d = loaded("load/statements", 0);
    let kinds: std::collections::BTreeSet<_> = d.events().iter().map(|e| e.kind()).collect();
    assert_eq!(
        kinds.len(),
        troop_tracker::EventKind::ALL.len(),
        "{kinds:?}"
    );
    let report: Report = d.validate();
    let says = |rule: Rule, part: &str| report.by_rule(rule).any(|f| f.message().contains(part));
    assert!(
        says(Rule::ForceSize, "says no more troops are deployed"),
        "{report}"
    );
    assert!(says(Rule::DateOrder, "awaiting approval"), "{report}");
    assert!(
        report.by_rule(Rule::AllianceSize).next().is_some(),
        "{report}"
    );
    // The small one is for questions: it loads, with events among its moves.
    let small = loaded("answers/statements", 3);
    assert!(small.events().len() >= 30 && !small.relocations().is_empty());
}
