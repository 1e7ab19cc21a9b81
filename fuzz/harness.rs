//! What the fuzz targets run, shared with `tests/fuzz_replay.rs` so that
//! every saved input is replayed by `cargo test`.

use troop_tracker::export::{self, ExportOptions};
use troop_tracker::posture::Moment;
use troop_tracker::{
    summary, Dataset, Date, Day, Ledger, Location, NationCode, PostureOptions, Projection,
    RelativeTo, Share, Strength, Subject,
};

/// Arbitrary bytes as the files of a data folder: split on 0xFF into the
/// seven tables and one source article, in schema order.
pub fn files_of(data: &[u8]) -> Vec<(&'static str, &[u8])> {
    let mut parts = data.split(|b| *b == 0xFF);
    let mut files: Vec<(&'static str, &[u8])> = troop_tracker::schema()
        .iter()
        .map(|(name, _)| (*name, parts.next().unwrap_or_default()))
        .collect();
    files.push(("article.txt", parts.next().unwrap_or_default()));
    files
}

/// Arbitrary bytes as a whole data folder: split on 0xFF into the seven
/// tables and one source article, in schema order; whatever loads is
/// validated, replayed on three days, summarized and exported.
pub fn load(data: &[u8]) {
    let Ok(d) = Dataset::from_texts(&files_of(data)) else {
        return;
    };
    let report = d.validate();
    let _ = summary::report_text(&report, 80);
    let mut sink = Vec::new();
    let ledger = Ledger::new(&d);
    for day in [
        chrono::NaiveDate::MIN,
        chrono::NaiveDate::from_ymd_opt(2020, 1, 9).unwrap_or_default(),
        chrono::NaiveDate::MAX,
    ] {
        let p = ledger.posture(day);
        let _ = summary::posture_tables(&p, 80);
        let _ = export::write_posture(&mut sink, &p, ExportOptions::default());
        let _ = export::write_pivot(&mut sink, &p, ExportOptions::default());
    }
    let _ = export::write_timeline(&mut sink, &d, ExportOptions::default());
    for (name, _) in troop_tracker::schema() {
        let _ = export::write_table(&mut sink, &d, name, ExportOptions::default());
    }
}

fn round_trip<T: std::str::FromStr + std::fmt::Display>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        let printed = v.to_string();
        match printed.parse::<T>() {
            Ok(again) => assert_eq!(again.to_string(), printed, "{s:?}"),
            Err(_) => panic!("{s:?} printed as {printed:?}, which does not parse"),
        }
    }
}

/// Arbitrary text to every notation parser: whatever parses prints back to
/// text that parses to the same notation, and intervals are ordered.
pub fn notation(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<Strength>(s);
    round_trip::<Date>(s);
    round_trip::<Location>(s);
    round_trip::<NationCode>(s);
    round_trip::<Share>(s);
    round_trip::<RelativeTo>(s);
    if let Ok(st) = Strength::from_phrase(s) {
        round_trip::<Strength>(&st.to_string());
    }
    if let Ok(st) = s.parse::<Strength>() {
        let b = st.bounds();
        if let Some(h) = b.high() {
            assert!(b.low() <= h, "{s:?}");
        }
    }
    if let Ok(d) = s.parse::<Date>() {
        assert!(d.earliest() <= d.latest(), "{s:?}");
    }
    // The guard is undone exactly, except that a NUL byte, which has no
    // place in a spreadsheet cell, is written as U+FFFD on purpose.
    let written = export::neutralize(s);
    assert!(!written.contains('\0'), "{s:?}");
    assert_eq!(
        export::restore(&written),
        s.replace('\0', "\u{FFFD}"),
        "{s:?}"
    );
}

/// Every day a posture may be asked for: the days the records name, one
/// day on either side, and the ends of the calendar.
fn days_of(d: &Dataset, pick: u8) -> Vec<Day> {
    let mut days: Vec<Day> = d
        .deployments()
        .iter()
        .map(|x| x.as_of().earliest())
        .chain(d.relocations().iter().map(|r| r.date().latest()))
        .collect();
    days.sort_unstable();
    days.dedup();
    let mut asked = vec![Day::MIN, Day::MAX];
    if !days.is_empty() {
        let day = days[usize::from(pick) % days.len()];
        asked.extend(day.pred_opt());
        asked.push(day);
        asked.extend(day.succ_opt());
    }
    asked
}

/// Writes rows as CSV and reads them back: one record per row, each as
/// wide as the columns; and as JSON, one object per row.
fn written<R: troop_tracker::rows::Row>(rows: &[R]) {
    let mut csv_out = Vec::new();
    let n = export::write_rows(&mut csv_out, rows, ExportOptions::default()).expect("to memory");
    assert_eq!(n, rows.len());
    let columns = troop_tracker::rows::column_names::<R>().len();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv_out.as_slice());
    let mut records = 0;
    for record in reader.records() {
        let record = record.expect("the tool's own CSV reads back");
        assert_eq!(record.len(), columns);
        records += 1;
    }
    assert_eq!(records, rows.len());
    let json = serde_json::to_value(rows).expect("rows serialize");
    assert_eq!(json.as_array().map(Vec::len), Some(rows.len()));
    #[cfg(feature = "parquet")]
    {
        let mut file = Vec::new();
        let n = export::write_parquet(&mut file, rows).expect("to memory");
        assert_eq!(n, rows.len());
    }
}

/// A posture's figures and totals are intervals that hold (low at most
/// high), and every answer is written in every format.
fn asked(p: &troop_tracker::Posture<'_>) {
    let total = p.total();
    if let Some(high) = total.high() {
        assert!(total.low() <= high, "{total:?}");
    }
    let rows = troop_tracker::rows::posture(p);
    for r in &rows {
        if let (Some(low), Some(high)) = (r.low, r.high) {
            assert!(low <= high, "{r:?}");
        }
        if let (Some(low), Some(high)) = (r.part_low, r.part_high) {
            assert!(low <= high, "{r:?}");
        }
    }
    written(&rows);
    written(&troop_tracker::rows::totals(p));
    written(&troop_tracker::rows::pivot(p));
    let _ = summary::posture_tables(p, 60);
}

/// The first three bytes choose a day and the options; the rest is a data
/// folder as in [`load`]. Whatever loads is asked every kind of question
/// — postures actual and projected, at the start and the end of the day,
/// with ended figures counted or not and any staleness; the changes
/// between two days; the timeline and chart of every subject — and every
/// answer is written as CSV, JSON and (with the feature) Parquet, the
/// charts as SVG.
pub fn answers(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(3));
    let pick = |i: usize| head.get(i).copied().unwrap_or(0);
    let Ok(d) = Dataset::from_texts(&files_of(rest)) else {
        return;
    };
    let ledger = Ledger::new(&d);
    let days = days_of(&d, pick(0));
    for &day in &days {
        for projection in [Projection::Actual, Projection::Projected] {
            for moment in [Moment::EndOfDay, Moment::StartOfDay] {
                let options = PostureOptions {
                    projection,
                    moment,
                    stale_after_days: u32::from(pick(1)) * 30,
                    count_ended: pick(2) & 1 == 1,
                };
                asked(&ledger.posture_with(day, options));
            }
        }
    }
    if let (Some(&from), Some(&to)) = (days.get(2), days.last()) {
        let changes = ledger.changes(from, to, PostureOptions::projected());
        for c in &changes.figures {
            // A change is a figure that differs: never the same on both days.
            assert!(c.before.is_some() || c.after.is_some());
        }
    }
    let mut subjects = vec![Subject::All];
    subjects.extend(d.nations().iter().map(|n| Subject::Nation(n.code())));
    subjects.extend(d.nations().iter().map(|n| Subject::Location(n.code())));
    subjects.extend(
        d.missions()
            .iter()
            .map(|m| Subject::Mission(m.id().clone())),
    );
    for subject in subjects.iter().take(8) {
        written(&troop_tracker::rows::timeline(&d, subject));
    }
    // A chart asks a posture on every day a bound may change: one subject
    // of a small ledger keeps an execution within the fuzzer's budget.
    #[cfg(feature = "chart")]
    if d.deployments().len() + d.relocations().len() <= 120 {
        if let Some(subject) = subjects.get(usize::from(pick(2)) % subjects.len()) {
            let chart = troop_tracker::chart::chart(&ledger, subject);
            written(&troop_tracker::rows::chart_points(&chart));
            if let Ok(svg) = troop_tracker::chart::render_svg(&chart, (640, 400)) {
                assert!(
                    svg.starts_with("<svg") || svg.starts_with("<?xml"),
                    "{svg:.40}"
                );
            }
        }
    }
}

/// Arbitrary bytes as one of the importers' tables: the first byte
/// chooses troopdata's quarterly table (alone, or with the rest split on
/// 0xFF into it and its reports) or the UN's table. An import either
/// fails with problems, or gives a dataset that validates and answers.
pub fn import(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Some(import) = imported(which, rest) else {
        return;
    };
    let d = &import.dataset;
    let ledger = Ledger::new(d);
    let report = ledger.validate();
    written(&troop_tracker::rows::findings(&import.problems, &report));
    for day in days_of(d, which) {
        asked(&ledger.posture(day));
    }
}

/// Whether bytes in [`import`]'s shape import.
pub fn imports(data: &[u8]) -> bool {
    data.split_first()
        .and_then(|(&which, rest)| imported(which, rest))
        .is_some()
}

fn imported(which: u8, rest: &[u8]) -> Option<troop_tracker::import::Import> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let imported = match which % 3 {
        0 => {
            troop_tracker::import::troopdata::from_texts(("quarterly.csv".into(), text(rest)), None)
        }
        1 => {
            let mut parts = rest.splitn(2, |b| *b == 0xFF);
            let quarterly = text(parts.next().unwrap_or_default());
            let reports = text(parts.next().unwrap_or_default());
            troop_tracker::import::troopdata::from_texts(
                ("quarterly.csv".into(), quarterly),
                Some(("reports.csv".into(), reports)),
            )
        }
        _ => troop_tracker::import::ipi::from_text(("ipi.csv".into(), text(rest))),
    };
    imported.ok()
}

/// Arbitrary bytes as a data folder on disk: the files of [`load`]
/// written to a fresh folder, and the first byte's bits turning some of
/// them into odd files — a table that is a folder, an article that is a
/// link out of the folder, a table that is a link to another table, a
/// hard link. A folder of plain files loads exactly as the same texts
/// do; a folder with an odd file never loads.
pub fn folder(data: &[u8]) {
    let Some((&odd, rest)) = data.split_first() else {
        return;
    };
    let files = files_of(rest);
    let Ok(root) = tempfile::tempdir() else {
        return;
    };
    let dir = root.path().join("data");
    let outside = root.path().join("outside.txt");
    if std::fs::create_dir(&dir).is_err() || std::fs::write(&outside, b"secret").is_err() {
        return;
    }
    for (i, (name, bytes)) in files.iter().enumerate() {
        let path = dir.join(name);
        let made = match (odd >> (i % 8)) & 1 == 1 && odd & 0x80 == 0x80 {
            false => std::fs::write(&path, bytes),
            true => match i % 4 {
                0 => std::fs::create_dir(&path),
                1 => std::os::unix::fs::symlink(&outside, &path),
                2 => std::fs::write(root.path().join("elsewhere"), bytes).and_then(|()| {
                    std::os::unix::fs::symlink(root.path().join("elsewhere"), &path)
                }),
                _ => std::fs::write(root.path().join(format!("hard{i}")), bytes)
                    .and_then(|()| std::fs::hard_link(root.path().join(format!("hard{i}")), &path)),
            },
        };
        if made.is_err() {
            return;
        }
    }
    let from_dir = Dataset::from_dir(&dir);
    if odd & 0x80 == 0x80 && (0..files.len()).any(|i| (odd >> (i % 8)) & 1 == 1) {
        assert!(from_dir.is_err(), "a folder with an odd file loaded");
        return;
    }
    let from_texts = Dataset::from_texts(&files);
    match (from_dir, from_texts) {
        (Ok(a), Ok(b)) => assert_eq!(
            format!("{:?}{:?}{:?}", a.deployments(), a.relocations(), a.events()),
            format!("{:?}{:?}{:?}", b.deployments(), b.relocations(), b.events())
        ),
        (Err(a), Err(b)) => assert_eq!(a.problems().len(), b.problems().len()),
        (a, b) => panic!("from_dir {:?} but from_texts {:?}", a.is_ok(), b.is_ok()),
    }
}
