//! Charts and reports from the command line: PNG by name or by format,
//! `--from`/`--to`, the HTML report to a file or standard output, and
//! its output folder refused when missing.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troop-tracker"))
        .args(args)
        .env_remove("COLUMNS")
        .output()
        .expect("the tool runs")
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = tool(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pictures-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

#[test]
fn a_png_is_written_for_a_png_name_or_format() {
    let dir = scratch("png");
    let file = dir.join("nmi.png");
    let path = file.to_str().expect("path");
    ok(&["chart", "--mission", "NMI", "--out", path]);
    let png = std::fs::read(&file).expect("written");
    assert!(png.starts_with(PNG));
    // The size asked for, in the PNG's header.
    ok(&[
        "chart",
        "--mission",
        "NMI",
        "--size",
        "640x400",
        "--out",
        path,
    ]);
    let png = std::fs::read(&file).expect("written");
    assert_eq!(&png[16..24], &[0, 0, 2, 128, 0, 0, 1, 144]);
    // To standard output with --format png; an explicit format wins over
    // the name.
    assert!(ok(&["chart", "--mission", "NMI", "--format", "png"]).starts_with(PNG));
    let svg_named_png = dir.join("really-svg.png");
    ok(&[
        "chart",
        "--mission",
        "NMI",
        "--format",
        "svg",
        "--out",
        svg_named_png.to_str().expect("path"),
    ]);
    assert!(std::fs::read(&svg_named_png)
        .expect("written")
        .starts_with(b"<svg"));
}

#[test]
fn from_and_to_choose_the_days() {
    let csv = String::from_utf8(ok(&[
        "chart",
        "--location",
        "IRQ",
        "--from",
        "2020-02-01",
        "--to",
        "2020-02-12",
        "--format",
        "csv",
    ]))
    .expect("UTF-8");
    let days: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("troops in IRQ (total),"))
        .map(|l| l.split(',').nth(1).expect("a day"))
        .collect();
    assert_eq!(days, ["2020-02-01", "2020-02-12"]);
    let out = tool(&[
        "chart",
        "--location",
        "IRQ",
        "--from",
        "2020-03-01",
        "--to",
        "2020-02-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--from 2020-03-01 is after --to 2020-02-01")
    );
    let out = tool(&["chart", "--location", "IRQ", "--to", "2019-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no figure in the data to 2019-01-01"));
}

#[test]
fn the_report_is_one_html_file_with_the_summarys_figures() {
    let dir = scratch("report");
    let file = dir.join("report.html");
    let path = file.to_str().expect("path");
    ok(&["report", "--as-of", "2020-01-10", "--out", path]);
    let page = std::fs::read_to_string(&file).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Troops as of 2020-01-10</title>"));
    assert!(page.contains("Data: the bundled dataset"));
    // Every figure and strength the summary gives that day is in the page.
    let summary = String::from_utf8(ok(&["summary", "--as-of", "2020-01-10", "--format", "csv"]))
        .expect("UTF-8");
    for line in summary.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (figure, strength) = (cells[1], cells[7]);
        assert!(
            page.contains(&format!(
                "data-column=\"figure\">{}</td>",
                figure.replace('>', "&gt;")
            )),
            "{figure}"
        );
        assert!(
            page.contains(&format!(
                "data-column=\"strength\">{}</td>",
                strength.replace('>', "&gt;")
            )),
            "{strength}"
        );
    }
    // To standard output, the same page; a subject narrows it.
    assert_eq!(
        String::from_utf8(ok(&["report", "--as-of", "2020-01-10", "-o", "-"])).expect("UTF-8"),
        page
    );
    let germany = String::from_utf8(ok(&[
        "report",
        "--as-of",
        "2020-01-10",
        "--nation",
        "deu",
        "-o",
        "-",
    ]))
    .expect("UTF-8");
    assert!(germany.contains("Subject: troops of Germany"));
    assert!(!germany.contains("data-column=\"figure\">CAN in"));
    let projected = String::from_utf8(ok(&[
        "report",
        "--as-of",
        "2020-02-13",
        "--projected",
        "-o",
        "-",
    ]))
    .expect("UTF-8");
    assert!(projected.contains("(projected: announced relocations counted as done)"));
}

#[test]
fn the_reports_folder_must_exist_unless_asked_for() {
    let dir = scratch("report-folder");
    let file = dir.join("missing/deeper/report.html");
    let path = file.to_str().expect("path");
    let out = tool(&["report", "--as-of", "2020-01-10", "--out", path]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("does not exist") && message.contains("--create-dirs"),
        "{message}"
    );
    assert!(!dir.join("missing").exists(), "nothing is created");
    ok(&[
        "report",
        "--as-of",
        "2020-01-10",
        "--out",
        path,
        "--create-dirs",
    ]);
    assert!(file.exists());
}
