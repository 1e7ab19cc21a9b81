//! Every format holds the same rows: for each row type, on the bundled
//! data (actual and projected postures, several days), an excerpt of
//! troopdata and one of the UN's table (stated totals, problems with
//! their lines), the CSV cells, the JSON keys and values (and Parquet's
//! typed columns, with the `parquet` feature) are the row's values under
//! its columns' names, in order; and the summary prints each figure's row.

mod common;

use std::collections::BTreeSet;

use serde_json::Value as Json;
use troop_tracker::import::{ipi, troopdata, Import};
use troop_tracker::rows::{self, ColumnType, Row, Value};
use troop_tracker::{export, Dataset, Day, Ledger, PostureOptions, Subject};

fn day(s: &str) -> Day {
    s.parse().expect("a day")
}

const IPI_HEADER: &str = "Date,Contributor,Contributor_ISO-3,Mission,Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total";

/// An excerpt of the UN's table: stated totals (one that its parts
/// exceed), a row with no code, a whole below its parts.
fn un_table() -> Import {
    let rows = [
        IPI_HEADER,
        "2010-06-30,all,all,all,NA,NA,NA,NA,NA,NA,NA,NA,NA,1400,60,1460,1400,60,1460",
        "2010-06-30,India,IND,all,NA,NA,NA,NA,NA,NA,NA,NA,NA,900,20,900,900,20,900",
        "2010-06-30,India,IND,UNIFIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,880,20,900,880,20,900",
        "2010-06-30,India,IND,MONUC,NA,NA,NA,NA,NA,NA,NA,NA,NA,100,0,100,100,0,100",
        "2010-06-30,Ghana,GHA,MONUC,NA,NA,NA,NA,NA,NA,NA,NA,NA,450,10,460,450,10,460",
        "2010-06-30,Nowhere,,MONUC,NA,NA,NA,NA,NA,NA,NA,NA,NA,5,0,5,5,0,5",
        "2010-07-31,Ghana,GHA,MONUSCO,NA,NA,NA,NA,NA,NA,NA,NA,NA,0,0,0,0,0,0",
    ];
    ipi::from_text(("un.csv".into(), rows.join("\n") + "\n")).expect("imports")
}

fn troopdata_excerpt() -> Import {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).expect("the excerpt");
        (name.to_owned(), text)
    };
    troopdata::from_texts(
        read("troopdata-rebuild-country-year-quarter-format.csv"),
        Some(read("troopdata-rebuild-reports.csv")),
    )
    .expect("imports")
}

/// A column's value as its CSV cell must say it (text before the
/// formula guard, which the loader's `restore` takes off).
fn csv_text(v: Value<'_>) -> String {
    match v {
        Value::Text(t) => t.unwrap_or_default().to_owned(),
        Value::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        Value::Flag(f) => f.map(|f| f.to_string()).unwrap_or_default(),
        _ => unreachable!("a new value type needs a CSV form"),
    }
}

/// A column's value as its JSON value must say it.
fn json_value(v: Value<'_>) -> Json {
    match v {
        Value::Text(t) => t.map_or(Json::Null, |t| Json::String(t.to_owned())),
        Value::Count(n) => n.map_or(Json::Null, Json::from),
        Value::Date(d) => d.map_or(Json::Null, |d| Json::String(d.to_string())),
        Value::Flag(f) => f.map_or(Json::Null, Json::Bool),
        _ => unreachable!("a new value type needs a JSON form"),
    }
}

/// The type a value must have in its column, and no null where the
/// column may not be empty.
fn fits(v: Value<'_>, ty: ColumnType, nullable: bool) -> bool {
    let (kind, none) = match v {
        Value::Text(t) => (ColumnType::Text, t.is_none()),
        Value::Count(n) => (ColumnType::Count, n.is_none()),
        Value::Date(d) => (ColumnType::Date, d.is_none()),
        Value::Flag(f) => (ColumnType::Flag, f.is_none()),
        _ => return false,
    };
    kind == ty && (nullable || !none)
}

/// The keys of a JSON object in the order written.
fn keys_in_order(text: &str, names: &[&str]) -> bool {
    let mut at = 0;
    for name in names {
        let key = format!("\"{name}\":");
        match text[at..].find(&key) {
            Some(i) => at += i + key.len(),
            None => return false,
        }
    }
    true
}

/// Checks one set of rows in every format; returns how many were seen.
fn formats_agree<R: Row>(what: &str, rows: &[R]) -> usize {
    let names = rows::column_names::<R>();
    // The columns: unique, documented, snake_case.
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "{what}: a column named twice");
    for c in R::COLUMNS {
        assert!(!c.doc.trim().is_empty(), "{what}.{}: undocumented", c.name);
        assert!(
            c.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
            "{what}.{}",
            c.name
        );
    }
    // CSV: the header, then each row's values as cells.
    let mut out = Vec::new();
    let written = export::write_rows(&mut out, rows, Default::default()).expect("writes");
    assert_eq!(written, rows.len());
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, names, "{what}: CSV header");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), rows.len(), "{what}: CSV rows");
    for (row, record) in rows.iter().zip(&records) {
        let values = row.values();
        assert_eq!(values.len(), names.len(), "{what}: a value per column");
        for ((v, cell), c) in values.iter().zip(record.iter()).zip(R::COLUMNS) {
            assert!(fits(*v, c.ty, c.nullable), "{what}.{}: {v:?}", c.name);
            assert_eq!(
                export::restore(cell),
                csv_text(*v),
                "{what}.{}: CSV cell",
                c.name
            );
        }
        // JSON: one flat object, the columns as keys, in order, with the
        // same values.
        let text = serde_json::to_string(row).expect("serializes");
        assert!(keys_in_order(&text, &names), "{what}: JSON keys {text}");
        let json: Json = serde_json::from_str(&text).expect("valid JSON");
        let object = json.as_object().expect("an object");
        assert_eq!(object.len(), names.len(), "{what}: {text}");
        for (v, c) in values.iter().zip(R::COLUMNS) {
            assert_eq!(object[c.name], json_value(*v), "{what}.{}: JSON", c.name);
        }
    }
    #[cfg(feature = "parquet")]
    parquet::agree(what, rows);
    rows.len()
}

#[cfg(feature = "parquet")]
mod parquet {
    use troop_tracker::export;
    use troop_tracker::export::arrow::array::{
        Array, BooleanArray, Date32Array, StringArray, UInt64Array,
    };
    use troop_tracker::export::arrow::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use troop_tracker::export::arrow::schema::DataType;
    use troop_tracker::rows::{ColumnType, Row, Value};

    /// Parquet's typed columns hold the rows' values, and read back the
    /// same.
    pub fn agree<R: Row>(what: &str, rows: &[R]) {
        let batch = export::record_batch(rows).expect("a batch");
        // Tests run in parallel threads of one process: a file each.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "troop-tracker-rows-{}-{n}-{what}.parquet",
            std::process::id()
        ));
        let file = std::fs::File::create(&path).expect("a file");
        export::write_parquet(file, rows).expect("writes");
        let back: Vec<_> =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).expect("written"))
                .expect("a Parquet file")
                .build()
                .expect("a reader")
                .collect::<Result<_, _>>()
                .expect("batches");
        let rows_back: usize = back.iter().map(|b| b.num_rows()).sum();
        assert_eq!(rows_back, rows.len(), "{what}: Parquet rows");
        if let Some(first) = back.first() {
            assert_eq!(first.schema().fields().len(), R::COLUMNS.len());
        }
        for (i, c) in R::COLUMNS.iter().enumerate() {
            let field = batch.schema().field(i).clone();
            assert_eq!(field.name(), c.name);
            let expected = match c.ty {
                ColumnType::Text => DataType::Utf8,
                ColumnType::Count => DataType::UInt64,
                ColumnType::Date => DataType::Date32,
                ColumnType::Flag => DataType::Boolean,
                _ => unreachable!("a new column type needs a Parquet type"),
            };
            assert_eq!(field.data_type(), &expected, "{what}.{}", c.name);
            let column = batch.column(i);
            for (r, row) in rows.iter().enumerate() {
                let v = row.values()[i];
                let null = column.is_null(r);
                match v {
                    Value::Text(t) => {
                        let a = column.as_any().downcast_ref::<StringArray>().expect("text");
                        assert_eq!(t, (!null).then(|| a.value(r)), "{what}.{}", c.name);
                    }
                    Value::Count(n) => {
                        let a = column
                            .as_any()
                            .downcast_ref::<UInt64Array>()
                            .expect("counts");
                        assert_eq!(n, (!null).then(|| a.value(r)), "{what}.{}", c.name);
                    }
                    Value::Date(d) => {
                        let a = column.as_any().downcast_ref::<Date32Array>().expect("days");
                        let got = (!null).then(|| a.value_as_date(r)).flatten();
                        assert_eq!(d, got, "{what}.{}", c.name);
                    }
                    Value::Flag(f) => {
                        let a = column
                            .as_any()
                            .downcast_ref::<BooleanArray>()
                            .expect("flags");
                        assert_eq!(f, (!null).then(|| a.value(r)), "{what}.{}", c.name);
                    }
                    _ => unreachable!("a new value type"),
                }
            }
        }
        // Read back, the file is the batch.
        let mut offset = 0;
        for b in &back {
            let part = batch.slice(offset, b.num_rows());
            assert_eq!(part.columns(), b.columns(), "{what}: Parquet read back");
            offset += b.num_rows();
        }
        std::fs::remove_file(&path).expect("removed");
    }
}

/// A total's `figures` and `parts` are posture rows: a nation's (or a
/// location's) total adds its top-level figures still listed (or all of
/// them, when every one has ended or ended ones are counted), a
/// mission's contributions are the figures its `parts` name, and the
/// `flagged` and `left_out` rows count the figures they stand for.
fn totals_name_their_figures(
    figures: &[rows::PostureRow],
    totals: &[rows::TotalRow],
    count_ended: bool,
) {
    for t in totals {
        match t.scope.as_str() {
            "nation" | "location" => {
                let whose = |f: &rows::PostureRow| match t.scope.as_str() {
                    "nation" => {
                        f.nation.as_deref().unwrap_or("contributors not named") == t.subject
                    }
                    _ => f.location == t.subject,
                };
                let tops: Vec<&rows::PostureRow> = figures
                    .iter()
                    .filter(|f| f.part_of.is_none() && whose(f))
                    .collect();
                let all_ended = tops.iter().all(|f| f.ended.is_some());
                let added = tops
                    .iter()
                    .filter(|f| count_ended || all_ended || f.ended.is_none())
                    .count();
                assert_eq!(t.figures, Some(added as u64), "{}", t.subject);
            }
            "mission_contributions" | "stated_contributions" => {
                let parts: Vec<&str> = t.parts.split(';').filter(|p| !p.is_empty()).collect();
                assert_eq!(t.figures, Some(parts.len() as u64), "{}", t.subject);
                for part in parts {
                    assert!(
                        figures.iter().any(|f| f.figure == part),
                        "{}: {part} is no posture figure",
                        t.subject
                    );
                }
            }
            _ => {}
        }
    }
    // The `flagged` and `left_out` rows count the top-level figures they
    // name, and appear only when there is one to count.
    let tops = || figures.iter().filter(|f| f.part_of.is_none());
    let flagged = tops()
        .filter(|f| (count_ended || f.ended.is_none()) && !f.flags.is_empty())
        .count();
    let left_out = if count_ended {
        0
    } else {
        tops().filter(|f| f.ended.is_some()).count()
    };
    for (scope, n) in [("flagged", flagged), ("left_out", left_out)] {
        let rows: Vec<&rows::TotalRow> = totals.iter().filter(|t| t.scope == scope).collect();
        if n == 0 {
            assert!(rows.is_empty(), "a {scope} row with nothing to count");
        } else {
            assert_eq!(rows.len(), 1, "{scope}");
            assert_eq!(rows[0].figures, Some(n as u64), "{scope}");
        }
    }
}

/// A figure's note names how it was reached when that is not a report
/// (`competing`, `arrivals`, `no prior figure`, `share`), and only then;
/// a report the rest of the evidence narrows (`so …`) or that may have
/// changed since (`reported …`) is said only of an observed figure.
fn notes_say_how_each_figure_was_reached(figures: &[rows::PostureRow]) {
    for f in figures {
        let parts: Vec<&str> = f.note.split(", ").collect();
        for (origin, word) in [
            ("competing", "competing"),
            ("arrivals_only", "arrivals"),
            ("unobserved", "no prior figure"),
            ("share", "share"),
        ] {
            assert_eq!(
                parts.contains(&word),
                f.origin == origin,
                "{}: origin {} and note {:?}",
                f.figure,
                f.origin,
                f.note
            );
        }
        if parts
            .iter()
            .any(|p| p.starts_with("so ") || p.starts_with("reported "))
        {
            assert_eq!(f.origin, "observed", "{}: {:?}", f.figure, f.note);
        }
        assert_eq!(
            parts.contains(&"planned"),
            f.status == "planned",
            "{}",
            f.figure
        );
        assert_eq!(parts.contains(&"stale"), f.stale, "{}", f.figure);
        assert_eq!(
            parts.contains(&"contradicted"),
            f.contradicted,
            "{}",
            f.figure
        );
    }
}

/// Every answer of a dataset, on these days, in every format.
fn every_answer(data: &Dataset, problems: &[troop_tracker::Problem], days: &[&str]) -> [usize; 6] {
    let ledger = Ledger::new(data);
    let mut seen = [0; 6];
    for d in days {
        for options in [PostureOptions::default(), PostureOptions::projected()] {
            let p = ledger.posture_with(day(d), options);
            let figures = rows::posture(&p);
            let totals = rows::totals(&p);
            notes_say_how_each_figure_was_reached(&figures);
            totals_name_their_figures(&figures, &totals, options.count_ended);
            seen[0] += formats_agree("PostureRow", &figures);
            seen[1] += formats_agree("TotalRow", &totals);
            seen[2] += formats_agree("PivotCell", &rows::pivot(&p));
        }
    }
    seen[3] += formats_agree("TimelineRow", &rows::timeline(data, &Subject::All));
    seen[4] += formats_agree("FindingRow", &rows::findings(problems, &data.validate()));
    seen
}

#[test]
fn every_format_holds_the_same_rows_of_the_bundled_data() {
    let data = Dataset::bundled().expect("bundled data loads");
    let seen = every_answer(
        &data,
        &[],
        &["2020-01-08", "2020-01-10", "2020-02-13", "2020-02-20"],
    );
    assert!(seen[..5].iter().all(|&n| n > 0), "{seen:?}");
}

#[test]
fn every_format_holds_the_same_rows_of_imported_tables() {
    for import in [troopdata_excerpt(), un_table()] {
        let seen = every_answer(
            &import.dataset,
            &import.problems,
            &["1960-12-31", "2010-06-30", "2010-07-31", "2020-06-30"],
        );
        assert!(seen[0] > 0 && seen[3] > 0, "{seen:?}");
        let counts = rows::import_counts(&import.counts, &import.problems);
        assert!(formats_agree("ImportCount", &counts) > 0);
        // Each table's problems, counted by code.
        for c in counts.iter().filter(|c| c.reading.starts_with("problem:")) {
            let code = c.reading.trim_start_matches("problem:");
            let found = import
                .problems
                .iter()
                .filter(|p| p.code() == code && p.position().file_name() == c.file)
                .count();
            assert_eq!(c.rows, found as u64, "{} {}", c.file, c.reading);
        }
        let problem_rows: u64 = counts
            .iter()
            .filter(|c| c.reading.starts_with("problem:"))
            .map(|c| c.rows)
            .sum();
        assert_eq!(problem_rows, import.problems.len() as u64);
    }
    // The UN's excerpt reaches what the bundled data does not: stated
    // totals, problems with their file, line and column.
    let un = un_table();
    let counts = rows::import_counts(&un.counts, &un.problems);
    let bad = counts
        .iter()
        .find(|c| c.reading == "problem:bad-cell")
        .expect("the row with no code is counted");
    assert_eq!(bad.rows, 1);
    let findings = rows::findings(&un.problems, &un.dataset.validate());
    assert!(findings
        .iter()
        .any(|f| f.file.is_some() && f.line.is_some()));
    let ledger = Ledger::new(&un.dataset);
    let p = ledger.posture(day("2010-06-30"));
    let totals = rows::totals(&p);
    let stated: Vec<&rows::TotalRow> = totals.iter().filter(|t| t.scope == "stated").collect();
    assert!(!stated.is_empty());
    assert!(stated
        .iter()
        .all(|t| t.dated.as_deref() == Some("2010-06-30")));
}

#[cfg(feature = "chart")]
#[test]
fn a_charts_points_hold_in_every_format() {
    let data = Dataset::bundled().expect("bundled data loads");
    let ledger = Ledger::new(&data);
    for subject in [
        Subject::All,
        Subject::Mission("NMI".parse().expect("an id")),
        Subject::Location("IRQ".parse().expect("a code")),
    ] {
        let chart = troop_tracker::chart::chart(&ledger, &subject);
        let points = rows::chart_points(&chart);
        let expected: usize = chart.series.iter().map(|s| s.points.len()).sum();
        assert_eq!(formats_agree("ChartPoint", &points), expected);
    }
}

/// The summary's tables print each figure of the posture from its row:
/// its strength, and its note (wrapped, so by its first word).
#[test]
#[cfg(feature = "tables")]
fn the_summary_prints_each_figures_row() {
    let data = Dataset::bundled().expect("bundled data loads");
    let ledger = Ledger::new(&data);
    for (d, options) in [
        ("2020-01-10", PostureOptions::default()),
        ("2020-02-13", PostureOptions::projected()),
    ] {
        let p = ledger.posture_with(day(d), options);
        let text = troop_tracker::summary::posture_tables(&p, 200);
        for row in rows::posture(&p) {
            let place = match (&row.area, row.part_of.is_some()) {
                (Some(area), true) => format!("└ {}/{area}", row.location),
                (Some(area), false) => format!("{}/{area}", row.location),
                (None, true) => format!("└ {}", row.location),
                (None, false) => row.location.clone(),
            };
            let line = text
                .lines()
                .find(|l| {
                    l.contains(&format!(" {place} "))
                        && l.contains(&format!(" {} ", row.strength))
                        && l.contains(row.note.split(',').next().unwrap_or_default())
                })
                .unwrap_or_else(|| panic!("{d}: no line for {} ({place}) in\n{text}", row.figure));
            assert!(!line.is_empty());
        }
    }
}

/// README's table of files lists each file's columns in the row type's
/// order: the documentation cannot drift from the rows either.
#[test]
fn readme_lists_each_files_columns_in_order() {
    let readme = include_str!("../README.md");
    let check = |file: &str, names: Vec<&str>| {
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{file}` |")))
            .unwrap_or_else(|| panic!("README has no row for {file}"));
        let listed = line
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or_default();
        assert_eq!(listed.trim(), names.join(", "), "{file}");
    };
    check("posture.csv", rows::column_names::<rows::PostureRow>());
    check("totals.csv", rows::column_names::<rows::TotalRow>());
    check("pivot.csv", rows::column_names::<rows::PivotCell>());
    check("timeline.csv", rows::column_names::<rows::TimelineRow>());
    check("findings.csv", rows::column_names::<rows::FindingRow>());
}

/// `pivot.csv` spreads the pivot's cells: a column per location once, in
/// the cells' order, then `total`; a line per nation, then `total`; each
/// cell the strength of the cell of its nation and location, empty where
/// the nation has none there.
#[test]
fn pivot_csv_spreads_the_pivot_cells() {
    let data = Dataset::bundled().expect("bundled data loads");
    let ledger = Ledger::new(&data);
    for (d, options) in [
        ("2020-01-10", PostureOptions::default()),
        ("2020-02-13", PostureOptions::projected()),
    ] {
        let p = ledger.posture_with(day(d), options);
        let cells = rows::pivot(&p);
        let mut out = Vec::new();
        export::write_pivot(&mut out, &p, Default::default()).expect("writes");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        let mut locations: Vec<String> = Vec::new();
        for c in &cells {
            if c.location != "total" && !locations.contains(&c.location) {
                locations.push(c.location.clone());
            }
        }
        let mut expected = vec!["nation".to_owned()];
        expected.extend(locations.iter().cloned());
        expected.push("total".to_owned());
        assert_eq!(header, expected, "{d}");
        let mut nations: Vec<String> = Vec::new();
        for c in &cells {
            if !nations.contains(&c.nation) {
                nations.push(c.nation.clone());
            }
        }
        let lines: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a line")).collect();
        assert_eq!(lines.len(), nations.len(), "{d}");
        for (line, nation) in lines.iter().zip(&nations) {
            assert_eq!(&line[0], nation.as_str());
            for (location, cell) in header[1..].iter().zip(line.iter().skip(1)) {
                let expected = cells
                    .iter()
                    .find(|c| &c.nation == nation && &c.location == location)
                    .map_or("", |c| c.strength.as_str());
                assert_eq!(cell, expected, "{d}: {nation} in {location}");
            }
        }
    }
}

/// A timeline row carries its move's or event's condition, and no other
/// row has one: the bundled data's conditions, each on its record's rows.
#[test]
fn timeline_rows_carry_each_records_condition() {
    let data = Dataset::bundled().expect("bundled");
    let mut conditions: std::collections::HashMap<String, Option<String>> = data
        .events()
        .iter()
        .map(|e| (e.id().to_string(), e.condition().map(str::to_owned)))
        .collect();
    for r in data.relocations() {
        conditions.insert(r.id().to_string(), r.condition().map(str::to_owned));
    }
    let rows = rows::timeline(&data, &Subject::All);
    for row in &rows {
        let expected = conditions.get(&row.record).cloned().flatten();
        assert_eq!(row.condition, expected, "{}", row.record);
    }
    // (The bundled moves state no condition; its events do.)
    let with = rows.iter().filter(|r| r.condition.is_some()).count();
    assert!(with >= 3, "{with}");
}

/// A column type's name is what the documentation and the Python frames
/// (`python/troop_tracker/__init__.py`, which picks each column's type
/// by it) say.
#[test]
fn column_types_are_named_as_documented() {
    use troop_tracker::rows::ColumnType;
    for (ty, name) in [
        (ColumnType::Text, "text"),
        (ColumnType::Count, "count"),
        (ColumnType::Date, "date"),
        (ColumnType::Flag, "flag"),
    ] {
        assert_eq!(ty.as_str(), name);
    }
}

/// A move's condition reaches its timeline rows (the bundled moves state
/// none): a move made "as long as the danger lasts" carries those words
/// in the rows of the origin and the destination, and a figure's row
/// carries none.
#[test]
fn a_moves_condition_reaches_its_timeline_rows() {
    let lead = "As long as the danger lasts, ";
    let quote = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let files = common::with_file("relocations.csv", &format!(
        "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n\
         R1,DEU,2020-01-09,30,IRQ,,JOR,,,under_way,,As long as the danger lasts,30,s1,\"{lead}{quote}\",\n"
    ));
    let article = format!("{lead}{}", common::FIXTURE[7].1);
    let files = common::with_file_in(&files, "article.txt", &article);
    let data = common::load(&files).expect("loads");
    let rows = rows::timeline(&data, &Subject::Nation("DEU".parse().expect("code")));
    let of_move: Vec<_> = rows.iter().filter(|r| r.record == "R1").collect();
    assert_eq!(of_move.len(), 2, "{rows:?}");
    for r in of_move {
        assert_eq!(r.condition.as_deref(), Some("As long as the danger lasts"));
    }
    let observed = rows.iter().find(|r| r.record == "D1").expect("D1's row");
    assert_eq!(observed.condition, None);
}

/// A report that may have changed since (troops of a temporary move that
/// may have gone back after it) keeps its own figure in the note:
/// `reported 2` beside bounds of 0..2.
#[test]
fn a_report_that_may_have_changed_since_says_what_was_reported() {
    let rel = "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n\
               R1,DEU,2020-01-09,2,IRQ,,JOR,,yes,carried_out,,,,s1,Germany is sending 30 of its 120 soldiers in Iraq to Jordan.,\n";
    let dep = common::with_line(
        "deployments.csv",
        "D2,DEU,JOR,,2020-01-10,,2,,,s1,Germany is sending 30 of its 120 soldiers in Iraq to Jordan.,",
    );
    let files: Vec<(String, String)> = dep
        .into_iter()
        .map(|(n, t)| {
            if n == "relocations.csv" {
                (n, rel.to_owned())
            } else {
                (n, t)
            }
        })
        .collect();
    let data = common::load(&files).expect("loads");
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-01-20".parse().expect("day"));
    let figures = rows::posture(&posture);
    let jordan = figures
        .iter()
        .find(|f| f.figure == "DEU in JOR")
        .unwrap_or_else(|| panic!("{figures:#?}"));
    assert_eq!(jordan.origin, "observed");
    assert!(
        jordan.note.split(", ").any(|p| p == "reported 2"),
        "{jordan:#?}"
    );
}

/// The timeline's table prints each record once, in order (a move's lines
/// at its destinations are told by the line at its origin), with the date
/// as the source gives it, what happened, the figure after it and a
/// numbered source; the sources below name each record by its number.
#[test]
#[cfg(feature = "tables")]
fn the_timeline_table_prints_each_record_once_with_its_numbered_source() {
    let data = Dataset::bundled().expect("the bundled data loads");
    let deu = Subject::Nation("DEU".parse().expect("a code"));
    let lines = rows::timeline(&data, &deu);
    let text = troop_tracker::summary::timeline_table(&data, &lines, 200);
    let body: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.starts_with('│') && !l.contains("Date"))
        .map(|l| l.trim_matches('│').split('┆').map(str::trim).collect())
        .collect();
    // One line per record: the move to Jordan and Kuwait has a row at
    // each end but one line.
    let mut records: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l.record.as_str(), l.date_text.as_str()))
        .collect();
    records.dedup();
    assert!(records.len() < lines.len(), "a move has rows at both ends");
    assert_eq!(body.len(), records.len(), "{text}");
    let mut shown = lines.iter().filter(|l| {
        let first = lines
            .iter()
            .position(|m| m.record == l.record && m.date_text == l.date_text);
        first.is_some_and(|i| std::ptr::eq(&lines[i], *l))
    });
    for (n, cells) in body.iter().enumerate() {
        let line = shown.next().expect("a row for each line");
        let after = line.strength_after.clone().unwrap_or_default();
        assert_eq!(
            cells[..],
            [
                line.date_text.as_str(),
                line.what.as_str(),
                line.detail.as_str(),
                after.as_str(),
                (n + 1).to_string().as_str()
            ],
            "{text}"
        );
        assert!(
            text.contains(&format!("[{}] {} ", n + 1, line.record)),
            "source {} names {}: {text}",
            n + 1,
            line.record
        );
    }
}

/// A validation report's text is every finding, most severe first, then
/// the counts; nothing is left out at the least severity.
#[test]
#[cfg(feature = "tables")]
fn a_reports_text_lists_every_finding_then_the_counts() {
    let data = Dataset::bundled().expect("the bundled data loads");
    let report = data.validate();
    // Wide enough that no message is wrapped.
    let text = troop_tracker::summary::report_text(&report, 4000);
    let at_least =
        troop_tracker::summary::report_text_at_least(&report, troop_tracker::Severity::Note, 4000);
    assert_eq!(text, at_least, "report_text shows everything");
    let errors =
        troop_tracker::summary::report_text_at_least(&report, troop_tracker::Severity::Error, 4000);
    assert_ne!(text, errors, "the bundled data has findings below errors");
    for f in report.findings() {
        assert!(
            text.contains(f.message()),
            "{} missing:\n{text}",
            f.message()
        );
    }
}
