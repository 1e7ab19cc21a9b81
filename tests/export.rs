//! The CSV export: its column contract, spreadsheet safety, honest sums,
//! and export followed by import giving back the same records.

use std::collections::BTreeMap;

use proptest::prelude::*;
use troop_tracker::export::{self, ExportOptions};
use troop_tracker::{Dataset, PostureOptions};

const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

fn bundled() -> Dataset {
    Dataset::bundled().expect("bundled data loads")
}

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().expect("day")
}

/// Parses CSV text into its header and rows.
fn parse(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn posture_columns_come_first_in_the_documented_order() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let mut out = Vec::new();
    export::write_posture(
        &mut out,
        &ledger.posture(day("2020-01-10")),
        ExportOptions::default(),
    )
    .expect("write");
    let (header, rows) = parse(&out);
    let expected = [
        "as_of",
        "figure",
        "nation",
        "nation_name",
        "mission",
        "location",
        "area",
        "strength",
        "low",
        "high",
        "high_unbounded",
        "kind",
        "status",
        "sources",
    ];
    assert_eq!(&header[..expected.len()], expected);
    let germany = rows
        .iter()
        .find(|r| r[2] == "DEU" && r[5] == "IRQ" && r[6].is_empty())
        .expect("Germany in Iraq");
    assert_eq!(
        &germany[..14],
        [
            "2020-01-10",
            "DEU in IRQ",
            "DEU",
            "Germany",
            "",
            "IRQ",
            "",
            "90",
            "90",
            "90",
            "false",
            "exact",
            "present",
            "D-DEU-IRQ-2020-01-09;R-DEU-2020-01-09"
        ]
    );
    let kurdistan = rows
        .iter()
        .find(|r| r[6] == "Kurdistan region")
        .expect("area row");
    assert_eq!(kurdistan[7], ">=2");
    assert_eq!(kurdistan[11], "at_least");
    assert_eq!(kurdistan[10], "", "a part adds nothing to the sums");
    assert_eq!(
        kurdistan[14], "DEU in IRQ",
        "part_of names the enclosing figure"
    );
}

#[test]
fn the_other_files_keep_their_column_contracts() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let mut out = Vec::new();
    export::write_timeline(&mut out, &data, ExportOptions::default()).expect("write");
    let (header, rows) = parse(&out);
    for col in [
        "date",
        "nation",
        "mission",
        "location",
        "area",
        "change",
        "strength_after",
        "unit",
        "troops_low",
        "troops_high",
        "count_low",
        "count_high",
        "event_kind",
        "source",
    ] {
        assert!(header.iter().any(|h| h == col), "timeline.csv lacks {col}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    // Units apart: troop figures only in the troop columns, other counts
    // (bases, rockets, members) only in the count columns.
    let mut counts = 0;
    for r in &rows {
        let (troops, count) = (
            [&r[at("troops_low")], &r[at("troops_high")]],
            [&r[at("count_low")], &r[at("count_high")]],
        );
        if r[at("unit")] == "troops" {
            assert!(count.iter().all(|c| c.is_empty()), "{r:?}");
        } else {
            assert!(troops.iter().all(|c| c.is_empty()), "{r:?}");
            counts += usize::from(!count[0].is_empty());
        }
    }
    assert!(counts > 0, "some events count bases, rockets or members");
    // Every row has a first (or anchor) day; an open-ended date has no
    // last day, and a closed one has it.
    for r in &rows {
        assert!(!r[at("date")].is_empty(), "{r:?}");
        let open = r[at("date_precision")] == "on_or_after";
        assert_eq!(r[at("date_end")].is_empty(), open, "{r:?}");
    }
    assert!(rows
        .iter()
        .any(|r| r[at("date_precision")] == "on_or_after"));
    // The record kind of each row, by the record it comes from.
    let kind_of = |record: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r[at("record")] == record)
            .map(|r| r[at("event_kind")].as_str())
            .collect()
    };
    assert_eq!(kind_of("NMI"), ["launch"]);
    assert_eq!(kind_of("D-DEU-IRQ-2020-01-09"), ["observation"]);
    assert_eq!(kind_of("R-DEU-2020-01-09"), ["relocation_under_way"; 2]);
    assert!(rows.iter().any(|r| r[at("event_kind")] == "mission_total"));
    assert_eq!(kind_of("E-USA-IRQ-2003-invasion"), ["invasion"]);
    let dates: Vec<&String> = rows.iter().map(|r| &r[0]).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
    let deu = rows
        .iter()
        .find(|r| r[at("record")] == "R-DEU-2020-01-09" && r[at("location")] == "IRQ")
        .expect("Germany's origin row");
    assert_eq!(deu[at("change")], "moved out 30 to JOR+KWT");
    assert_eq!(
        [
            &deu[at("strength_after")],
            &deu[at("unit")],
            &deu[at("troops_low")],
            &deu[at("troops_high")],
            &deu[at("count_low")],
        ],
        ["90", "troops", "90", "90", ""]
    );

    let mut out = Vec::new();
    export::write_findings(&mut out, &data.validate(), ExportOptions::default()).expect("write");
    let (header, rows) = parse(&out);
    assert_eq!(
        header,
        [
            "rule",
            "severity",
            "records",
            "contradiction",
            "file",
            "line",
            "column",
            "message"
        ]
    );
    assert_eq!(rows.len(), data.validate().findings().len());
    assert!(rows
        .iter()
        .any(|r| r[0] == "conservation" && r[1] == "note"));

    let mut out = Vec::new();
    let p = ledger.posture(day("2020-01-10"));
    export::write_pivot(&mut out, &p, ExportOptions::default()).expect("write");
    let (header, rows) = parse(&out);
    assert_eq!(header.first().map(String::as_str), Some("nation"));
    assert_eq!(header.last().map(String::as_str), Some("total"));
    let last = rows.last().expect("totals row");
    assert_eq!(last[0], "total");
    assert_eq!(last.last().expect("grand total"), &p.total().to_string());
    let deu = rows.iter().find(|r| r[0] == "DEU").expect("Germany");
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(deu[col("IRQ")], "90");
    assert_eq!(deu[col("JOR+KWT")], "30");
    assert_eq!(deu[col("total")], "120");
}

fn sum(rows: &[Vec<String>], col: usize) -> (u64, bool) {
    let mut total = 0;
    let mut unbounded = false;
    for r in rows {
        match r[col].as_str() {
            "" if r[14].is_empty() => unbounded = true,
            "" => {}
            n => total += n.parse::<u64>().expect("a plain number"),
        }
    }
    (total, unbounded)
}

#[test]
fn posture_rows_bracket_the_totals_and_totals_csv_gives_them() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    for (d, projected) in [
        ("2020-01-08", false),
        ("2020-01-09", false),
        ("2020-02-13", false),
        ("2020-02-13", true),
        ("2020-12-31", false),
    ] {
        let p = ledger.posture_with(
            day(d),
            PostureOptions {
                projection: if projected {
                    troop_tracker::Projection::Projected
                } else {
                    troop_tracker::Projection::Actual
                },
                ..PostureOptions::default()
            },
        );
        let mut out = Vec::new();
        export::write_posture(&mut out, &p, ExportOptions::default()).expect("write");
        let (_, rows) = parse(&out);
        // Each row carries its own tightest bounds; rows are correlated
        // (what moved out of one is in another), so their sums are outer
        // bounds of the total, never inside it.
        let (low, _) = sum(&rows, 8);
        let (high, unbounded) = sum(&rows, 9);
        assert!(low <= p.total().low(), "{d}: {low} vs {}", p.total());
        match p.total().high() {
            Some(h) => assert!(unbounded || high >= h, "{d}: {high} vs {h}"),
            None => assert!(unbounded, "{d}"),
        }
        // totals.csv has the exact figure.
        let mut out = Vec::new();
        export::write_totals(&mut out, &p, ExportOptions::default()).expect("write");
        let (header, rows) = parse(&out);
        assert_eq!(
            header,
            [
                "as_of",
                "scope",
                "subject",
                "strength",
                "low",
                "high",
                "high_unbounded",
                "figures",
                "parts",
                "dated",
                "sources"
            ]
        );
        // The README's recipe: a total's high is the `high` cell, unless
        // `high_unbounded` says there is none.
        let read = |r: &Vec<String>| -> (u64, Option<u64>) {
            let low = r[4].parse().expect("a plain number");
            match r[6].as_str() {
                "true" => {
                    assert_eq!(r[5], "", "an unbounded high is an empty cell");
                    (low, None)
                }
                "false" => (low, Some(r[5].parse().expect("a plain number"))),
                other => panic!("high_unbounded is true or false, found {other:?}"),
            }
        };
        let bounds = |i: troop_tracker::Interval| (i.low(), i.high());
        let all: Vec<_> = rows.iter().filter(|r| r[1] == "all").collect();
        assert_eq!(all.len(), 1, "{d}");
        assert_eq!(read(all[0]), bounds(p.total()), "{d}");
        let nations: Vec<_> = rows.iter().filter(|r| r[1] == "nation").collect();
        assert_eq!(nations.len(), p.by_nation().len(), "{d}");
        for (r, v) in nations.iter().zip(p.by_nation()) {
            assert_eq!(read(r), bounds(v.total), "{d} {}", r[2]);
        }
        if (d, projected) == ("2020-02-13", true) {
            // The open-ended case the recipe must get right: Spain's
            // planned move has no upper bound.
            assert_eq!(p.total().high(), None, "{d} projected");
        }
        let all = all[0];
        assert_eq!(all[4], p.total().low().to_string(), "{d}");
        assert_eq!(
            all[5],
            p.total().high().map(|h| h.to_string()).unwrap_or_default(),
            "{d}"
        );
    }
}

#[test]
fn the_bundled_ledger_round_trips_through_a_folder() {
    let data = bundled();
    let dir = std::env::temp_dir().join(format!("troop-tracker-ledger-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let options = ExportOptions {
        bom: true,
        crlf: true,
    };
    let written = export::write_ledger(&dir, &data, options).expect("write ledger");
    assert_eq!(
        written
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "csv"))
            .count(),
        7
    );
    // Each table's count is its data rows as written, and each article
    // counts as one.
    for (path, rows) in &written {
        let bytes = std::fs::read(path).expect("written");
        let want = match path.extension() {
            Some(e) if e == "csv" => parse(&bytes).1.len(),
            _ => 1,
        };
        assert_eq!(*rows, want, "{}", path.display());
    }
    assert!(written.iter().any(|(_, rows)| *rows > 1));
    let back = Dataset::from_dir(&dir).expect("exported ledger loads");
    assert!(back.same_records(&data));
    assert_eq!(back.validate(), data.validate());
    // UTF-8 survives, and the BOM is there for Excel.
    let article = std::fs::read(dir.join("sources/cbc-2020-01-11.txt")).expect("article");
    assert!(String::from_utf8(article)
        .expect("utf-8")
        .contains("François-Philippe Champagne"));
    let nations = std::fs::read(dir.join("nations.csv")).expect("nations");
    assert!(nations.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&nations).contains("Türkiye"));
    assert!(nations.windows(2).any(|w| w == b"\r\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn same_records_notices_a_changed_figure() {
    let data = bundled();
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for (name, _) in troop_tracker::schema() {
        let mut out = Vec::new();
        export::write_table(&mut out, &data, name, ExportOptions::default()).expect("write");
        files.insert(name.to_string(), String::from_utf8(out).expect("utf-8"));
    }
    for s in data.sources() {
        files.insert(
            format!("sources/{}.txt", s.id()),
            s.text().expect("text").to_owned(),
        );
    }
    let load = |files: &BTreeMap<String, String>| {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        Dataset::from_texts(&refs).expect("loads")
    };
    assert!(load(&files).same_records(&data));
    let deps = files.get_mut("deployments.csv").expect("file");
    *deps = deps.replacen(",~250,", ",~260,", 1);
    assert!(!load(&files).same_records(&data));
}

#[test]
fn formula_characters_are_neutralized_and_restored() {
    use troop_tracker::export::{neutralize, restore};
    for t in [
        "=HYPERLINK(\"x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\nx",
        "'=x",
        "''",
        "'x",
        "x=1",
        "",
        "'",
        "x;=1+1",
        "a;;@b;'c;''",
        "x\0;-y",
    ] {
        let n = neutralize(t);
        // In a locale whose list separator is `;`, every part is a cell.
        for part in n.split(';') {
            assert!(!part.starts_with(TRIGGERS), "{t:?} -> {n:?}");
        }
        assert!(!n.contains('\0'), "{t:?} -> {n:?}");
        if t.contains('\0') {
            continue;
        }
        assert_eq!(restore(&n), t);
    }
}

// Free text a spreadsheet would choke on: formula starts, quotes, commas,
// line breaks, tabs, apostrophes and non-ASCII letters.
fn hostile() -> impl Strategy<Value = String> {
    let head = prop::sample::select(vec![
        "", "=", "+", "-", "@", "\t", "\r", "\n", "'", "''", "'=", "\"", ",", " ",
    ]);
    let body = "[a-zA-Z0-9 ,;\"'=+@éüñ漢\\-\t\n]{0,12}";
    (head, "[a-zA-Zé漢]", body).prop_map(|(h, letter, b)| format!("{h}{letter}{b}"))
}

fn csv_cell(s: &str) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(vec![]);
    w.write_record([s]).expect("write");
    let bytes = w.into_inner().expect("flush");
    String::from_utf8(bytes)
        .expect("utf-8")
        .trim_end_matches('\n')
        .to_owned()
}

/// A small dataset whose free text is hostile, built as CSV text the way a
/// user (or Excel) would write it: with cells that start like formulas
/// guarded by `'`, as the export writes them.
fn hostile_dataset(texts: &[String]) -> Vec<(String, String)> {
    let t = |i: usize| texts[i % texts.len()].clone();
    let cell = |s: String| csv_cell(&export::neutralize(&s));
    let quotes: Vec<String> = (0..4).map(|i| t(10 + i)).collect();
    let article = quotes.join(" | ");
    // Words: the first few characters of a quote, when they are not blank.
    let words = |q: &str| -> String {
        let w: String = q.chars().take(3).collect();
        if w.trim().is_empty() {
            String::new()
        } else {
            cell(w)
        }
    };
    // An area name has no `/` or `;` and no surrounding spaces.
    let area: String = t(9)
        .chars()
        .filter(|c| !matches!(c, '/' | ';'))
        .collect::<String>()
        .trim()
        .to_owned();
    let area = csv_cell(&format!(
        "BBB/{}",
        if area.is_empty() { "x" } else { &area }
    ));
    let files = vec![
        ("sources.csv".into(), format!("id,file,title,outlet,published,date_basis\ns1,art.txt,{},{},2020-01-09,{}\n", cell(t(0)), cell(t(1)), cell(t(2)))),
        ("nations.csv".into(), format!("code,name,nato_joined,reference\nAAA,{},1949-08-24,{}\nBBB,{},,\n", cell(t(3)), cell(t(4)), cell(t(5)))),
        ("missions.csv".into(), format!(
            "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\nM1,{},{},AAA,,BBB,2018,no,s1,{},s1,{}\n",
            cell(t(6)), cell(t(7)), cell(quotes[0].clone()), cell(quotes[1].clone())
        )),
        ("mission_strengths.csv".into(), format!("id,mission,as_of,strength,words,source,quote,note\nT1,M1,2020-01-09,~500,{},s1,{},{}\n", words(&quotes[0]), cell(quotes[0].clone()), cell(t(8)))),
        ("deployments.csv".into(), format!(
            "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\nD1,AAA,{},M1,2020-01-09,,200..300,,{},s1,{},{}\n",
            area, words(&quotes[2]), cell(quotes[2].clone()), cell(t(5)))),
        ("relocations.csv".into(), format!(
            "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\nR1,AAA,2020-01-10,some,BBB,M1,AAA,,yes,carried_out,,,{},s1,{},{}\n",
            words(&quotes[3]), cell(quotes[3].clone()), cell(t(6)))),
        ("events.csv".into(), format!(
            "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\nE1,early 2020-01,,attack_on_bases,{},M1,AAA,BBB,,2,bases,,,,s1,{},{}\n",
            cell(t(7)), cell(quotes[1].clone()), cell(t(8)))),
        ("art.txt".into(), article),
    ];
    files
}

fn load(files: &[(String, String)]) -> Result<Dataset, troop_tracker::LoadError> {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Dataset::from_texts(&refs)
}

fn export_all(data: &Dataset, options: ExportOptions) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, _) in troop_tracker::schema() {
        let mut bytes = Vec::new();
        export::write_table(&mut bytes, data, name, options).expect("write");
        out.push((name.to_string(), bytes));
    }
    for s in data.sources() {
        out.push((
            format!("sources/{}.txt", s.id()),
            s.text().unwrap_or_default().as_bytes().to_vec(),
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 64 }, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_records(texts in prop::collection::vec(hostile(), 14), bom in any::<bool>(), crlf in any::<bool>()) {
        let data = match load(&hostile_dataset(&texts)) {
            Ok(d) => d,
            Err(e) => return Err(TestCaseError::fail(format!("generated data must load: {e}"))),
        };
        let options = ExportOptions { bom, crlf };
        let files = export_all(&data, options);
        let strings: Vec<(String, String)> = files
            .iter()
            .map(|(n, b)| {
                let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
                (n.clone(), String::from_utf8(b.to_vec()).expect("utf-8"))
            })
            .collect();
        let back = load(&strings).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(back.same_records(&data));
    }

    #[test]
    fn no_exported_text_cell_starts_with_a_formula_character(texts in prop::collection::vec(hostile(), 14)) {
        let data = load(&hostile_dataset(&texts)).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let ledger = troop_tracker::Ledger::new(&data);
        let mut files: Vec<(String, Vec<u8>)> = export_all(&data, ExportOptions::default())
            .into_iter()
            .filter(|(n, _)| n.ends_with(".csv"))
            .collect();
        let p = ledger.posture(day("2020-01-31"));
        let mut b = Vec::new();
        export::write_posture(&mut b, &p, ExportOptions::default()).expect("write");
        files.push(("posture.csv".into(), b));
        let mut b = Vec::new();
        export::write_timeline(&mut b, &data, ExportOptions::default()).expect("write");
        files.push(("timeline.csv".into(), b));
        let mut b = Vec::new();
        export::write_findings(&mut b, &data.validate(), ExportOptions::default()).expect("write");
        files.push(("findings.csv".into(), b));
        let mut b = Vec::new();
        export::write_pivot(&mut b, &p, ExportOptions::default()).expect("write");
        files.push(("pivot.csv".into(), b));
        for (name, bytes) in &files {
            let (header, rows) = parse(bytes);
            for row in &rows {
                for (col, cell) in header.iter().zip(row) {
                    // A `;`-separator locale splits the cell at every `;`.
                    for part in cell.split(';') {
                        prop_assert!(!part.starts_with(TRIGGERS), "{} column {} has a part starting with a formula character: {:?}", name, col, cell);
                    }
                }
            }
        }
    }
}

/// A writer that refuses every byte.
struct Refusing;

impl std::io::Write for Refusing {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk full"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A writer's failure is an error of the CSV; `at` names the file it
/// was for, and leaves any other error as it was.
#[test]
fn a_writers_failure_names_its_file_when_asked() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let posture = ledger.posture(day("2020-01-09"));
    let e = export::write_posture(Refusing, &posture, ExportOptions::default())
        .expect_err("the writer refuses");
    assert!(matches!(e, export::ExportError::Write(_)), "{e:?}");
    assert_eq!(e.to_string(), "cannot write the CSV: disk full");
    let e = e.at(std::path::Path::new("out/posture.csv"));
    assert!(
        matches!(&e, export::ExportError::Io { path, .. } if path.ends_with("out/posture.csv")),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "cannot write out/posture.csv: disk full");
    let other = export::ExportError::TableSource {
        source_id: "troopdata-quarterly".into(),
    }
    .at(std::path::Path::new("out"));
    assert!(
        matches!(&other, export::ExportError::TableSource { source_id } if source_id == "troopdata-quarterly"),
        "{other:?}"
    );
}

/// A table the schema does not have is named with the ones it has; an
/// imported dataset (its records cite table lines, not articles) is not
/// written as a data folder, and nothing is created for it.
#[test]
fn an_unknown_table_or_an_imported_ledger_is_refused() {
    let data = bundled();
    let e = export::write_table(Vec::new(), &data, "troops.csv", ExportOptions::default())
        .expect_err("no such table");
    assert_eq!(
        e.to_string(),
        "expected one of the schema's files (sources.csv, nations.csv, missions.csv, \
         mission_strengths.csv, deployments.csv, relocations.csv, events.csv), found \"troops.csv\""
    );
    let quarterly = "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n\
                     255,DEU,Germany,2020,June,2,June 2020,100\n";
    let import =
        troop_tracker::import::troopdata::from_texts(("q.csv".into(), quarterly.into()), None)
            .expect("imports");
    let dir = std::env::temp_dir().join(format!(
        "troop-tracker-imported-ledger-{}",
        std::process::id()
    ));
    let e = export::write_ledger(&dir, &import.dataset, ExportOptions::default())
        .expect_err("an imported ledger");
    assert!(
        matches!(&e, export::ExportError::TableSource { source_id } if source_id == "troopdata-quarterly"),
        "{e:?}"
    );
    assert!(!dir.exists(), "nothing written");
}
