//! The `troop-tracker` tool as a user runs it: help, subcommands on the
//! bundled data, formats, loose codes with suggestions, exit codes, a
//! closed pipe.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use troop_tracker::rows::{column_names, TimelineRow};

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(args)
        .output()
        .expect("the tool runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn ok(args: &[&str]) -> String {
    let out = tool(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).expect("valid JSON")
}

/// A scratch folder under the target directory, empty.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn help_lists_every_subcommand_and_each_has_its_own() {
    let help = ok(&["--help"]);
    for sub in ["summary", "validate", "timeline", "export", "chart"] {
        assert!(help.contains(sub), "{sub} in --help");
        let own = ok(&[sub, "--help"]);
        assert!(own.contains("Usage: troop-tracker"), "{sub} --help");
    }
    assert!(ok(&["validate", "--help"]).contains("--min-severity"));
}

#[test]
fn summary_prints_the_key_dates_and_the_validation_counts() {
    let out = ok(&["summary"]);
    for heading in [
        "== Before the first relocations ==",
        "== After them ==",
        "== After the latest announced decisions ==",
        "== Validation ==",
    ] {
        assert!(out.contains(heading), "{heading}");
    }
    assert!(out.contains("All troops recorded: 620"));
    // The counts close the summary; the findings are one flag away.
    assert!(out.contains("0 errors, 2 warnings, 42 notes (`summary --findings`"));
    assert!(!out.contains("warning ["));
    let listed = ok(&["summary", "--findings"]);
    assert!(listed.contains("warning [") && listed.contains("42 notes not shown"));
    // A dataset with no moves or plans is summarised on its latest day.
    let td = ok(&["--troopdata", &troopdata_dir(), "summary"]);
    assert!(
        td.contains("== On the latest day the data describes, "),
        "{td}"
    );
    // Narrowed to a host country: its timeline, then only its figures.
    let iraq = ok(&["summary", "--as-of", "2020-01-10", "--location", "iraq"]);
    assert!(iraq.starts_with("Timeline of Iraq (IRQ)"));
    assert!(iraq.contains("All troops recorded: 91..590"));
    assert!(
        !iraq.contains("JOR+KWT"),
        "a joint figure is in neither country"
    );
}

#[test]
fn codes_are_read_in_any_case_and_by_name() {
    let upper = ok(&["timeline", "--nation", "DEU"]);
    assert_eq!(ok(&["timeline", "--nation", "deu"]), upper);
    assert_eq!(ok(&["timeline", "--nation", "germany"]), upper);
    assert_eq!(
        ok(&["timeline", "--mission", "nmi"]),
        ok(&["timeline", "--mission", "NMI"])
    );
}

#[test]
fn an_unknown_code_is_refused_with_a_suggestion() {
    let out = tool(&["summary", "--nation", "GER"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("no nation \"GER\" in the data"), "{err}");
    assert!(err.contains("did you mean DEU (Germany)"), "{err}");
    // A location is a host country, and says so.
    let out = tool(&["summary", "--location", "XYZ"]);
    assert_eq!(out.status.code(), Some(2));
    let place = text(&out.stderr);
    assert!(
        place.contains("no host country \"XYZ\" in the data"),
        "{place}"
    );
    let out = tool(&["timeline", "--location", "XYZ"]);
    assert!(text(&out.stderr).contains("no host country \"XYZ\""));
    let out = tool(&["chart", "--mission", "NMO"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean NMI"),
        "{}",
        text(&out.stderr)
    );
    let out = tool(&["timeline", "--nation", "Atlantis"]);
    assert!(
        text(&out.stderr).contains("the data has: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_arguments_exit_2_with_the_reason() {
    let out = tool(&["summary", "--as-of", "2020-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--as-of"));
    let out = tool(&["timeline", "--nation", "DEU", "--mission", "NMI"]);
    assert_eq!(out.status.code(), Some(2), "one subject at a time");
    let out = tool(&["summary", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give --as-of"));
}

#[test]
fn validate_counts_notes_without_printing_them_unless_asked() {
    let out = ok(&["validate"]);
    assert!(
        out.contains("0 errors, 2 warnings, 42 notes (42 notes not shown)"),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("note")));
    let all = ok(&["validate", "--min-severity", "note"]);
    assert_eq!(all.lines().filter(|l| l.starts_with("note")).count(), 42);
    let errors = ok(&["validate", "--min-severity", "error"]);
    assert!(!errors.contains("warning ["));
    assert!(errors.contains("(2 warnings and 42 notes not shown)"));
}

/// Everything shown, the counts line counts what is printed above it, one
/// line per finding or import problem, each by its own severity.
#[test]
fn validate_counts_the_import_problems_it_prints() {
    let dir = troopdata_dir();
    let out = tool(&["--troopdata", &dir, "validate", "--min-severity", "note"]);
    let out = text(&out.stdout);
    let printed = |severity: &str| {
        out.lines()
            .filter(|l| l.split_whitespace().next() == Some(severity))
            .count()
    };
    let (e, w, n) = (printed("error"), printed("warning"), printed("note"));
    assert!(e > 0 && w > 0 && n > 0, "{out}");
    assert!(
        out.lines().any(|l| l.contains("[no-country-code]")),
        "an import problem is among them: {out}"
    );
    assert_eq!(
        out.lines().last(),
        Some(format!("{e} errors, {w} warnings, {n} notes").as_str()),
        "{out}"
    );
}

#[test]
fn validate_exits_1_on_contradictions_and_2_when_nothing_loads() {
    let dir = scratch("broken");
    // The library's data folder and seeds, beside this crate.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let data = dir.join("data");
    // The data's sources name their articles in ../seeds.
    for (from, ext) in [("data", "csv"), ("seeds", "txt")] {
        std::fs::create_dir_all(dir.join(from)).expect("folder");
        for entry in std::fs::read_dir(src.join(from)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == ext) {
                let to = dir.join(from).join(path.file_name().expect("name"));
                std::fs::copy(&path, to).expect("copy");
            }
        }
    }
    let relocations = data.join("relocations.csv");
    let text_before = std::fs::read_to_string(&relocations).expect("read");
    let broken = text_before.replace("2020-01-09,30,IRQ", "2020-01-09,130,IRQ");
    assert_ne!(broken, text_before, "the edit applies");
    std::fs::write(&relocations, broken).expect("write");
    let seeds = dir.join("seeds");
    let args = [
        "--data",
        data.to_str().expect("path"),
        "--articles",
        seeds.to_str().expect("path"),
    ];
    let out = tool(&[&args[..], &["validate", "--min-severity", "error"]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("relocation-exceeds-origin"));
    let missing = dir.join("no-such-folder");
    let out = tool(&["--data", missing.to_str().expect("path"), "validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no such folder"));
    // Articles outside the folder are refused unless allowed.
    let out = tool(&["--data", data.to_str().expect("path"), "validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected an article inside"));
}

#[test]
fn every_subcommand_writes_json() {
    let summary = json(&["summary", "--format", "json"]);
    assert_eq!(summary["moments"].as_array().map(Vec::len), Some(3));
    assert_eq!(summary["moments"][1]["totals"][0]["scope"], "all");
    assert_eq!(summary["moments"][1]["totals"][0]["low"], 620);
    assert_eq!(summary["findings"].as_array().map(Vec::len), Some(44));
    let validation = json(&["validate", "--format", "json"]);
    assert_eq!(validation["counts"]["notes"], 42);
    assert_eq!(validation["findings"].as_array().map(Vec::len), Some(2));
    let timeline = json(&["timeline", "--nation", "DEU", "--format", "json"]);
    // Four lines, one a move carried out: a row for each end.
    assert_eq!(timeline.as_array().map(Vec::len), Some(5));
    assert!(timeline[0]["event_kind"].is_string());
    let chart = json(&["chart", "--location", "IRQ", "--format", "json"]);
    assert_eq!(
        (&chart["points"][0]["low"], &chart["points"][0]["high"]),
        (&serde_json::json!(91), &serde_json::json!(588))
    );
    let dir = scratch("json");
    let out = ok(&[
        "export",
        "--out",
        dir.to_str().expect("path"),
        "--format",
        "json",
    ]);
    for file in [
        "posture.json",
        "totals.json",
        "pivot.json",
        "timeline.json",
        "findings.json",
    ] {
        assert!(out.contains(file));
        let body = std::fs::read_to_string(dir.join(file)).expect("written");
        serde_json::from_str::<serde_json::Value>(&body).expect("valid JSON");
    }
}

#[test]
fn csv_output_has_the_exports_columns() {
    let timeline = ok(&["timeline", "--location", "JOR", "--format", "csv"]);
    let mut lines = timeline.lines();
    assert_eq!(
        lines.next(),
        Some(column_names::<TimelineRow>().join(",").as_str())
    );
    assert!(lines.all(|l| l.contains("JOR")));
    let chart = ok(&["chart", "--mission", "NMI", "--format", "csv"]);
    let header = column_names::<troop_tracker::rows::ChartPoint>().join(",");
    assert!(chart.starts_with(&format!("{header}\n")), "{chart}");
    assert!(
        chart.contains("reported total,2020-02-13,750,650,850,false,true,false,whole,"),
        "{chart}"
    );
    // An open figure: no high, and a flag that says so.
    let chart = ok(&["chart", "--location", "IRQ", "--format", "csv"]);
    assert!(
        chart.contains("troops in IRQ (total),2020-02-13,515,515,,true,true,false,whole,"),
        "{chart}"
    );
    let summary = ok(&["summary", "--as-of", "2020-01-10", "--format", "csv"]);
    let header = column_names::<troop_tracker::rows::PostureRow>().join(",");
    assert!(summary.starts_with(&format!("{header}\n")));
}

#[test]
fn export_writes_the_files_it_lists() {
    let dir = scratch("csv");
    let out = ok(&[
        "export",
        "--out",
        dir.to_str().expect("path"),
        "--as-of",
        "2020-01-10",
        "--bom",
    ]);
    for file in [
        "posture.csv",
        "totals.csv",
        "pivot.csv",
        "timeline.csv",
        "findings.csv",
    ] {
        let path = dir.join(file);
        assert!(
            out.contains(&format!("{}  ", path.display())),
            "{file} listed"
        );
        let bytes = std::fs::read(&path).expect("written");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file} has the BOM");
    }
    // The exported ledger is a data folder that loads and validates.
    let ledger = dir.join("ledger");
    ok(&["--data", ledger.to_str().expect("path"), "validate"]);
}

#[test]
fn chart_writes_an_svg_file_or_to_standard_output() {
    let dir = scratch("chart");
    let file = dir.join("deu.svg");
    let listed = ok(&[
        "chart",
        "--nation",
        "deu",
        "--out",
        file.to_str().expect("path"),
    ]);
    assert!(listed.is_empty());
    let svg = std::fs::read_to_string(&file).expect("written");
    assert!(svg.starts_with("<svg") && svg.contains("<title>Troops of Germany (DEU)</title>"));
    assert_eq!(ok(&["chart", "--nation", "DEU"]), svg);
    let out = tool(&["chart", "--location", "ESP"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nothing to draw"));
    let out = tool(&["chart", "--nation", "DEU", "--size", "20x20"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(["timeline", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // Close the reading end before the tool has written anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "", "no panic, no message");
}

fn troopdata_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/troopdata")
        .display()
        .to_string()
}

#[test]
fn import_says_what_troopdata_gave() {
    let dir = troopdata_dir();
    let out = ok(&["--troopdata", &dir, "import"]);
    assert!(out.contains("21 rows, 20 imported: 1 estimate 1 imputed 1 kane 5 not_reported 12 reported; 1 left out"), "{out}");
    assert!(out.contains("no ISO code for \"Yemen\": line 22"), "{out}");
    assert!(out.contains("2  competing-claims error"), "{out}");
    assert!(out.contains("2  spike warning"), "{out}");
    let json = json(&["--troopdata", &dir, "import", "--format", "json"]);
    let counts = json["counts"].as_array().expect("counts");
    let not_reported = counts
        .iter()
        .find(|c| c["reading"] == "not_reported")
        .expect("a count of rows not reported");
    assert_eq!(not_reported["rows"], 5);
    let left_out = counts
        .iter()
        .find(|c| c["reading"] == "left_out")
        .expect("left out");
    assert_eq!(left_out["rows"], 1);
    let problems: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"].is_string())
        .collect();
    assert_eq!(
        problems.len(),
        2,
        "the row left out and the row read with a caveat"
    );
    assert!(problems.iter().all(|p| p["line"].is_u64()));
    let out = tool(&["import"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give --troopdata DIR"));
}

#[test]
fn the_other_commands_read_troopdata_too() {
    let dir = troopdata_dir();
    let timeline = ok(&[
        "--troopdata",
        &dir,
        "timeline",
        "--location",
        "deu",
        "--format",
        "csv",
    ]);
    let march = timeline
        .lines()
        .find(|l| l.contains("TDQ-DEU-2020-03"))
        .expect("the March 2020 row");
    assert!(
        march.starts_with(
            "2020-03-01,2020-03-31,month,2020-03,USA in DEU,USA,,DEU,,observed 34674,34674,troops,34674,34674"
        ),
        "{march}"
    );
    assert!(march.contains("troopdata-quarterly,\"260,DEU,Germany,2020,March,1,March 2020,34674\""));
    let summary = ok(&[
        "--troopdata",
        &dir,
        "summary",
        "--as-of",
        "2023-03-31",
        "--width",
        "200",
    ]);
    let germany = summary
        .lines()
        .find(|l| l.contains(" DEU ") && l.contains("35781"))
        .expect("Germany's row");
    assert!(
        germany.contains("not reported 2023-03-01 (last 2022-09-01)") && !germany.contains("stale"),
        "{germany}"
    );
    let chart = ok(&["--troopdata", &dir, "chart", "--location", "Germany"]);
    assert!(chart.contains("<title>Troops in Germany (DEU)</title>"));
    let out = tool(&["--troopdata", &dir, "validate"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the tables contradict each other"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("[no-country-code]") && stdout.contains("[spike]"));
    // The ledger of table rows is not written as a folder, and says so.
    let scratch = scratch("troopdata-export");
    let out = tool(&[
        "--troopdata",
        &dir,
        "export",
        "--out",
        scratch.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("ledger/ not written"));
    assert!(scratch.join("totals.csv").exists() && !scratch.join("ledger").exists());
    let out = tool(&["--troopdata", &dir, "--data", "data", "validate"]);
    assert_eq!(out.status.code(), Some(2), "one source of data at a time");
}
