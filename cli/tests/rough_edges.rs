//! Rough edges of the tool as a user meets them: a missing output folder
//! is refused unless --create-dirs asks for it; tables are as wide as the
//! terminal, $COLUMNS or --width say, and never cut a number; --help
//! lists the data options apart; completions, man pages and --version
//! come from the arguments alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The tool with `args`, $COLUMNS set to `columns` or (`None`) unset, so
/// that the caller's terminal never changes what a test sees.
fn tool_with_columns(args: &[&str], columns: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_troop-tracker"));
    command.args(args).env_remove("COLUMNS");
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    command.output().expect("the tool runs")
}

fn tool(args: &[&str]) -> Output {
    tool_with_columns(args, None)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn ok_with_columns(args: &[&str], columns: Option<&str>) -> String {
    let out = tool_with_columns(args, columns);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn ok(args: &[&str]) -> String {
    ok_with_columns(args, None)
}

/// A scratch folder under the target directory, empty.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rough-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Status 2, and a message naming `folder` and the way on.
fn refused_for_missing(out: &Output, folder: &Path) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("the folder {} does not exist", folder.display())),
        "{err}"
    );
    assert!(err.contains("create it, or pass --create-dirs"), "{err}");
}

/// The widest line, in characters (the tables' box drawing is one
/// column wide each).
fn widest(output: &str) -> usize {
    output.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn chart_refuses_a_missing_folder_unless_create_dirs() {
    let dir = scratch("chart");
    let file = dir.join("missing").join("dir").join("x.svg");
    let args = ["chart", "--nation", "DEU", "-o", s(&file)];
    refused_for_missing(&tool(&args), &dir.join("missing").join("dir"));
    assert!(!dir.join("missing").exists(), "nothing is created");
    let mut create = args.to_vec();
    create.push("--create-dirs");
    ok(&create);
    let svg = std::fs::read_to_string(&file).expect("written");
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
}

#[test]
fn export_makes_its_folder_but_refuses_a_missing_parent() {
    let dir = scratch("export");
    let missing = dir.join("missing");
    let args = ["export", "--format", "jsonl", "--out"];
    let deep = missing.join("out");
    refused_for_missing(&tool(&[&args[..], &[s(&deep)]].concat()), &missing);
    assert!(!missing.exists(), "nothing is created");
    // Its own folder is made, as `mkdir DIR` would.
    let own = dir.join("out");
    ok(&[&args[..], &[s(&own)]].concat());
    assert!(own.join("posture.jsonl").is_file());
    ok(&[&args[..], &[s(&deep), "--create-dirs"]].concat());
    assert!(deep.join("totals.jsonl").is_file());
}

#[test]
fn summary_tables_fit_columns_or_width() {
    let day = ["summary", "--as-of", "2020-02-13", "--projected"];
    let from_env = ok_with_columns(&day, Some("60"));
    assert!(widest(&from_env) <= 60, "{from_env}");
    // An explicit --width wins over $COLUMNS.
    let explicit = ok_with_columns(&[&day[..], &["--width", "60"]].concat(), Some("200"));
    assert_eq!(explicit, from_env);
    // Every moment of the default summary, and its findings, fit too.
    let all = ok_with_columns(&["summary", "--findings"], Some("60"));
    assert!(widest(&all) <= 60, "{all}");
}

#[test]
fn a_wide_terminal_gets_long_lines_and_a_pipe_whole_ones() {
    let wide = ok_with_columns(&["summary"], Some("200"));
    let longest = widest(&wide);
    assert!(longest > 80 && longest <= 200, "widest line {longest}");
    // No $COLUMNS and no terminal (a pipe): no wrapping at all.
    let piped = ok(&["summary"]);
    let sentence = "All troops recorded: 620 (an area or a single mission is not \
                    added to the country figure that holds it).";
    assert!(piped.lines().any(|l| l == sentence), "{piped}");
    // A $COLUMNS that is no width is ignored.
    assert_eq!(ok_with_columns(&["summary"], Some("wide")), piped);
}

#[test]
fn numbers_are_never_cut_across_lines() {
    for day in [
        &["--as-of", "2020-01-10"][..],
        &["--as-of", "2020-02-13", "--projected"],
    ] {
        let csv = ok(&[&["summary", "--format", "csv"], day].concat());
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let column = reader
            .headers()
            .expect("a header")
            .iter()
            .position(|h| h == "strength")
            .expect("a strength column");
        let strengths: Vec<String> = reader
            .records()
            .map(|r| r.expect("a row")[column].to_owned())
            .collect();
        assert!(!strengths.is_empty());
        // 50 columns cut `1..500` into `1..50` and `0` before numbers
        // were kept whole.
        for width in ["50", "60"] {
            let table = ok(&[&["summary", "--width", width], day].concat());
            let words: Vec<&str> = table
                .split(|c: char| c.is_whitespace() || c == '│' || c == '┆')
                .collect();
            for strength in &strengths {
                assert!(
                    words.contains(&strength.as_str()),
                    "{strength} whole at width {width}:\n{table}"
                );
            }
        }
    }
}

#[test]
fn help_lists_the_data_options_under_their_own_heading() {
    let help = ok(&["summary", "--help"]);
    let at = |needle: &str| {
        help.find(needle)
            .unwrap_or_else(|| panic!("{needle} in summary --help:\n{help}"))
    };
    let heading = at("\nData options:\n");
    assert!(at("\nOptions:\n") < heading);
    assert!(at("--as-of") < heading, "{help}");
    assert!(at("--troopdata") > heading, "{help}");
    assert!(at("--create-dirs") > heading, "{help}");
}

#[test]
fn completions_name_the_tool_and_its_subcommands_without_loading_data() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        // A data folder that does not exist: nothing is loaded.
        let script = ok(&["--data", "no-such-folder", "completions", shell]);
        for word in ["troop-tracker", "summary", "export", "completions"] {
            assert!(script.contains(word), "{word} in the {shell} script");
        }
    }
    let out = tool(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_prints_the_page_or_writes_one_per_command() {
    let page = ok(&["--data", "no-such-folder", "man"]);
    let first = page.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(".ie") || first.starts_with(".TH"),
        "{first}"
    );
    assert!(page.contains(".TH troop-tracker 1"), "{page}");
    assert!(page.contains("summary") && page.contains("completions"));
    let dir = scratch("man");
    let listed = ok(&["man", "--out", s(&dir.join("man1"))]);
    for name in [
        "troop-tracker.1",
        "troop-tracker-summary.1",
        "troop-tracker-export.1",
    ] {
        let path = dir.join("man1").join(name);
        assert!(listed.contains(s(&path)), "{name} listed:\n{listed}");
        let body = std::fs::read_to_string(&path).expect("written");
        assert!(body.contains(".TH troop-tracker"), "{name}");
    }
    let summary_page =
        std::fs::read_to_string(dir.join("man1").join("troop-tracker-summary.1")).expect("read");
    assert!(summary_page.contains("as\\-of"), "its own options");
    // The same folder rule as every output.
    let missing = dir.join("missing");
    refused_for_missing(&tool(&["man", "--out", s(&missing.join("man1"))]), &missing);
    assert!(!missing.exists());
    // Never into a folder data is read from (as export).
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("a folder");
    let out = tool(&["--data", s(&data), "man", "--out", s(&data.join("man1"))]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!data.join("man1").exists());
}

#[test]
fn version_is_the_tools_crate_version() {
    assert_eq!(
        ok(&["--version"]),
        format!("troop-tracker {}\n", env!("CARGO_PKG_VERSION"))
    );
}
