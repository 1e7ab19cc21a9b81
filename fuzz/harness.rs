//! What the fuzz targets run, shared with `tests/fuzz_replay.rs` so that
//! every saved input is replayed by `cargo test`.

use troop_tracker::export::{self, ExportOptions};
use troop_tracker::{
    summary, Dataset, Date, Ledger, Location, NationCode, RelativeTo, Share, Strength,
};

/// Arbitrary bytes as a whole data folder: split on 0xFF into the seven
/// tables and one source article, in schema order; whatever loads is
/// validated, replayed on three days, summarized and exported.
pub fn load(data: &[u8]) {
    let mut parts = data.split(|b| *b == 0xFF);
    let mut files: Vec<(&str, &[u8])> = troop_tracker::schema()
        .iter()
        .map(|(name, _)| (*name, parts.next().unwrap_or_default()))
        .collect();
    files.push(("article.txt", parts.next().unwrap_or_default()));
    let Ok(d) = Dataset::from_texts(&files) else {
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
    assert_eq!(export::restore(&export::neutralize(s)), s);
}
