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
