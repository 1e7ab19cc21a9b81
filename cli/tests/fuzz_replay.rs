//! Replays the `cli` fuzz target's seeds and every input it ever found
//! (`tests/corpus/fuzz/cli/`) through the target's own code, so a fixed
//! crash stays fixed.

#[path = "../../fuzz/cli_harness.rs"]
mod cli_harness;

use std::path::Path;

fn inputs(dir: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let path = entry.expect("entry").path();
        if path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        found.push(std::fs::read(&path).expect("input"));
    }
    found
}

/// The inputs run in a child process (this test again, told so by the
/// environment), whose standard output is discarded: the tool writes its
/// answers straight to the process's standard output, past the test
/// harness's capture, and changes the working folder.
#[test]
fn cli_seeds_and_regressions_replay_cleanly() {
    const INNER: &str = "TROOP_TRACKER_CLI_REPLAY";
    if std::env::var_os(INNER).is_some() {
        let seeds = inputs("fuzz/seeds/cli");
        // The seeds name every command, and only places inside the folder.
        assert!(seeds.len() >= 20, "{} seeds", seeds.len());
        assert!(seeds.iter().all(|s| cli_harness::arguments(s).is_some()));
        for input in seeds.iter().chain(&inputs("tests/corpus/fuzz/cli")) {
            cli_harness::cli(input);
        }
        return;
    }
    let child = std::process::Command::new(std::env::current_exe().expect("this test"))
        .args([
            "cli_seeds_and_regressions_replay_cleanly",
            "--exact",
            "--nocapture",
        ])
        .env(INNER, "1")
        .stdout(std::process::Stdio::null())
        .output()
        .expect("the replay runs");
    assert!(
        child.status.success(),
        "the replay failed:\n{}",
        String::from_utf8_lossy(&child.stderr)
    );
    // The inputs did run: the seed naming a missing folder was refused.
    let said = String::from_utf8_lossy(&child.stderr);
    assert!(
        said.contains("error: the data could not be loaded"),
        "{said}"
    );
}

#[test]
fn arguments_that_could_leave_the_folder_are_not_run() {
    for outside in [
        &b"export\0--out\0/tmp"[..],
        b"chart\0-o\0..",
        b"--data\0..\\d\0summary",
        b"report\0-o\0x.partial-1",
    ] {
        assert!(cli_harness::arguments(outside).is_none(), "{outside:?}");
    }
    let args = cli_harness::arguments(b"summary\x00--as-of\x002020-01-10").expect("inside");
    assert_eq!(args.len(), 4);
}
