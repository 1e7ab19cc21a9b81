//! Outputs never overwrite inputs, never replace a file unasked, never
//! leave half a file; a closed pipe ends every command quietly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(args)
        .output()
        .expect("the tool runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("outputs-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// A copy of the bundled data and its articles: `ROOT/data`, `ROOT/seeds`.
fn copy_of_the_data(name: &str) -> PathBuf {
    let root = scratch(name);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for folder in ["data", "seeds"] {
        std::fs::create_dir_all(root.join(folder)).expect("mkdir");
        for entry in std::fs::read_dir(repo.join(folder)).expect("read") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(
                    &path,
                    root.join(folder).join(path.file_name().expect("name")),
                )
                .expect("copy");
            }
        }
    }
    root
}

fn refused(out: &Output, says: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
}

#[test]
fn export_refuses_a_folder_that_holds_or_lies_in_its_input() {
    let root = copy_of_the_data("inside");
    let data = root.join("data");
    let seeds = root.join("seeds");
    let before = std::fs::read(data.join("sources.csv")).expect("read");
    let load = ["--data", s(&data), "--articles", s(&seeds)];
    for out in [
        data.clone(),
        data.join("ledger"),
        root.clone(),
        seeds.join("out"),
    ] {
        let mut args = load.to_vec();
        args.extend(["export", "--force", "--out", s(&out)]);
        refused(&tool(&args), "which the data was read from");
    }
    // The same through a link to the data folder.
    let link = root.join("link");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&data, &link).expect("symlink");
        let mut args = load.to_vec();
        args.extend(["export", "--out", s(&link)]);
        refused(&tool(&args), "lies inside");
    }
    assert_eq!(
        std::fs::read(data.join("sources.csv")).expect("read"),
        before,
        "the input is untouched"
    );
    // A chart file is refused inside the data folder too.
    let mut args = load.to_vec();
    let target = data.join("events.csv");
    args.extend(["chart", "--nation", "DEU", "--out", s(&target)]);
    refused(&tool(&args), "which the data was read from");
    assert!(std::fs::read_to_string(&target)
        .expect("read")
        .starts_with("id,"));
}

#[test]
fn export_replaces_files_only_with_force_and_leaves_no_partial_file() {
    let dir = scratch("force");
    let args = ["export", "--out", s(&dir), "--as-of", "2020-01-10"];
    assert_eq!(tool(&args).status.code(), Some(0));
    let first = std::fs::read(dir.join("posture.csv")).expect("written");
    let again = tool(&args);
    refused(&again, "already exist");
    assert!(text(&again.stderr).contains("--force"));
    assert!(text(&again.stderr).contains("posture.csv"));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(tool(&forced).status.code(), Some(0));
    assert_eq!(std::fs::read(dir.join("posture.csv")).expect("read"), first);
    // Every file is renamed into place: no temporary name is left.
    let mut names = Vec::new();
    for entry in walk(&dir) {
        names.push(entry.display().to_string());
    }
    assert!(names.iter().all(|n| !n.contains(".partial-")), "{names:?}");
    let json = ["export", "--out", s(&dir), "--format", "json"];
    assert_eq!(tool(&json).status.code(), Some(0));
    refused(&tool(&json), "posture.json");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Runs the tool with its standard output closed before it writes.
fn closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    child.wait_with_output().expect("ends")
}

#[test]
fn every_output_to_a_closed_pipe_ends_quietly() {
    for args in [
        &["timeline", "--format", "csv"][..],
        &["timeline", "--format", "json"],
        &["timeline"],
        &["validate", "--format", "csv", "--min-severity", "note"],
        &["validate", "--format", "json"],
        &["validate", "--min-severity", "note"],
        &["summary", "--format", "csv", "--as-of", "2020-01-10"],
        &["summary", "--format", "json"],
        &["summary"],
        &["chart", "--nation", "DEU"],
        &["chart", "--nation", "DEU", "--format", "csv"],
        &["chart", "--nation", "DEU", "--format", "json"],
        &["chart", "--nation", "DEU", "--format", "table"],
    ] {
        let out = closed_pipe(args);
        assert_eq!(
            (out.status.code(), text(&out.stderr)),
            (Some(0), String::new()),
            "{args:?}"
        );
    }
}

/// A ledger whose timeline is larger than a pipe's buffer (64 KiB): the
/// reader takes a few bytes and leaves mid-stream.
#[test]
fn a_pipe_closed_midway_through_a_large_output_ends_quietly() {
    let root = scratch("large");
    let data = root.join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let header = |name: &str| -> String {
        troop_tracker::schema()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.join(",") + "\n")
            .expect("a table")
    };
    let mut deployments = header("deployments.csv");
    for i in 0..3000 {
        deployments.push_str(&format!(
            "D{i},DEU,IRQ,,2019-{:02}-{:02},,{},,,s1,a quote,\n",
            1 + i % 12,
            1 + i % 28,
            100 + i
        ));
    }
    for (name, body) in [
        (
            "sources.csv",
            "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2900-01-01,stated\n"
                .to_owned(),
        ),
        (
            "nations.csv",
            "code,name,nato_joined,reference\nDEU,Germany,,\nIRQ,Iraq,,\n".to_owned(),
        ),
        ("missions.csv", header("missions.csv")),
        ("mission_strengths.csv", header("mission_strengths.csv")),
        ("deployments.csv", deployments),
        ("relocations.csv", header("relocations.csv")),
        ("events.csv", header("events.csv")),
        ("article.txt", "a quote".to_owned()),
    ] {
        std::fs::write(data.join(name), body).expect("write");
    }
    for format in ["csv", "json", "table"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
            .args([
                "--data",
                s(&data),
                "timeline",
                "--nation",
                "DEU",
                "--format",
                format,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("ends");
        assert_eq!(
            (out.status.code(), text(&out.stderr)),
            (Some(0), String::new()),
            "{format}"
        );
    }
    let full = tool(&["--data", s(&data), "timeline", "--format", "csv"]);
    assert!(full.stdout.len() > 1 << 16, "{} bytes", full.stdout.len());
}

/// `export --format csv`, `json` and `jsonl` write the same rows: the
/// same columns in the same order, and each cell the JSON value as the
/// CSV writes it (`true`/`false`, an empty cell for `null`).
#[test]
fn every_export_format_holds_the_same_rows() {
    let dir = scratch("formats");
    for format in ["csv", "json", "jsonl"] {
        let out = tool(&[
            "export",
            "--as-of",
            "2020-02-13",
            "--projected",
            "--format",
            format,
            "--out",
            s(&dir.join(format)),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let cell = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for name in ["posture", "totals", "timeline", "findings"] {
        let csv_text =
            std::fs::read_to_string(dir.join("csv").join(format!("{name}.csv"))).expect("the CSV");
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        let records: Vec<csv::StringRecord> =
            reader.records().map(|r| r.expect("a record")).collect();
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("json").join(format!("{name}.json")))
                .expect("the JSON"),
        )
        .expect("valid JSON");
        let lines: Vec<serde_json::Value> =
            std::fs::read_to_string(dir.join("jsonl").join(format!("{name}.jsonl")))
                .expect("the JSON Lines")
                .lines()
                .map(|l| serde_json::from_str(l).expect("a JSON line"))
                .collect();
        let array = json.as_array().expect("an array of rows");
        assert_eq!(array, &lines, "{name}: JSON and JSON Lines");
        assert_eq!(array.len(), records.len(), "{name}: rows");
        assert!(!records.is_empty(), "{name}");
        for (row, record) in array.iter().zip(&records) {
            let object = row.as_object().expect("an object");
            let keys: Vec<&String> = object.keys().collect();
            let mut sorted_header: Vec<&String> = header.iter().collect();
            sorted_header.sort();
            assert_eq!(keys, sorted_header, "{name}: the same columns");
            for (column, csv_cell) in header.iter().zip(record.iter()) {
                let restored = csv_cell
                    .strip_prefix('\'')
                    .filter(|rest| rest.starts_with(['=', '+', '-', '@']))
                    .unwrap_or(csv_cell);
                assert_eq!(cell(&object[column]), restored, "{name}.{column}");
            }
        }
    }
}

/// `chart -o -` writes the SVG to standard output, not to a file named
/// `-`.
#[test]
fn a_dash_for_the_chart_is_standard_output() {
    let dir = scratch("dash");
    let out = Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(["chart", "--nation", "DEU", "-o", "-"])
        .current_dir(&dir)
        .output()
        .expect("the tool runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("<svg"),
        "{}",
        text(&out.stdout)
    );
    assert!(!dir.join("-").exists(), "no file named -");
}
