//! JSON: postures, figures, views, intervals and strengths as numbers to
//! compute with (`high: null` when unbounded) with the notation alongside,
//! read back through `serde_json`.

use proptest::prelude::*;
use serde_json::Value;
use troop_tracker::{Dataset, Interval, Ledger, PostureOptions, Strength};

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().expect("day")
}

/// What an interval's JSON must say.
fn check_interval(v: &Value, i: Interval, what: &str) {
    assert_eq!(v["low"].as_u64(), Some(i.low()), "{what}: {v}");
    match i.high() {
        Some(h) => assert_eq!(v["high"].as_u64(), Some(h), "{what}: {v}"),
        None => assert!(v["high"].is_null(), "{what}: an open high is null, {v}"),
    }
    assert_eq!(
        v["notation"].as_str(),
        Some(i.to_string().as_str()),
        "{what}"
    );
}

#[test]
fn a_posture_in_json_gives_its_numbers_and_reads_back() {
    let data = Dataset::bundled().expect("bundled data loads");
    let ledger = Ledger::new(&data);
    let mut saw_open = false;
    for (d, options) in [
        ("2020-01-10", PostureOptions::default()),
        ("2020-02-13", PostureOptions::projected()),
    ] {
        let p = ledger.posture_with(day(d), options);
        let text = serde_json::to_string_pretty(&p).expect("serialize");
        let v: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["as_of"].as_str(), Some(d));
        assert_eq!(v["projection"].as_str(), Some(options.projection.as_str()));
        check_interval(&v["total"], p.total(), "total");
        saw_open |= p.total().high().is_none();
        // The total reads back as the same interval.
        let total: Interval = serde_json::from_value(v["total"].clone()).expect("an interval");
        assert_eq!(total, p.total());
        let entries = v["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), p.entries().len());
        for (j, e) in entries.iter().zip(p.entries()) {
            assert_eq!(j["key"].as_str(), Some(e.key().to_string().as_str()));
            check_interval(&j["bounds"], e.bounds(), "bounds");
            let s: Strength = serde_json::from_value(j["strength"].clone()).expect("a strength");
            assert!(s.same_notation(&e.strength()), "{}", j["strength"]);
            assert_eq!(j["status"].as_str(), Some(e.status().as_str()));
            assert_eq!(j["stale"].as_bool(), Some(e.is_stale()));
            let sources: Vec<String> = e.basis().iter().map(|r| r.to_string()).collect();
            assert_eq!(
                j["sources"].as_array().map(|a| a.len()),
                Some(sources.len())
            );
            assert_eq!(j["nested_in"].as_u64(), e.nested_in().map(|n| n as u64));
        }
        let nations = v["by_nation"].as_array().expect("by_nation");
        assert_eq!(nations.len(), p.by_nation().len());
        for (j, n) in nations.iter().zip(p.by_nation()) {
            check_interval(&j["total"], n.total, "nation total");
            let keys: Vec<&str> = j["entries"]
                .as_array()
                .expect("keys")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let expected: Vec<String> = n.entries.iter().map(|e| e.key().to_string()).collect();
            assert_eq!(keys, expected);
        }
        let missions = v["by_mission"].as_array().expect("by_mission");
        for (j, m) in missions.iter().zip(p.by_mission()) {
            check_interval(&j["attributed"], m.attributed, "attributed");
            match m.unattributed {
                Some(u) => check_interval(&j["unattributed"], u, "unattributed"),
                None => assert!(j["unattributed"].is_null()),
            }
        }
        assert_eq!(
            v["by_location"].as_array().map(Vec::len),
            Some(p.by_location().len())
        );
    }
    assert!(saw_open, "an open-ended total is among the cases");
}

#[test]
fn a_strength_reads_from_its_notation_or_its_full_form() {
    let s: Strength = serde_json::from_str("\"~500\"").expect("a bare notation");
    assert_eq!((s.bounds().low(), s.bounds().high()), (450, Some(550)));
    let v = serde_json::to_value(s).expect("serialize");
    assert_eq!(
        v,
        serde_json::json!({"notation": "~500", "kind": "approximate", "low": 450, "high": 550})
    );
    let open = serde_json::to_value(Strength::at_least(3)).expect("serialize");
    assert!(open["high"].is_null());
    assert!(serde_json::from_value::<Strength>(open).is_ok());
    // Bounds that contradict the notation are refused.
    let wrong = serde_json::json!({"notation": "~500", "low": 500, "high": 500});
    let e = serde_json::from_value::<Strength>(wrong).expect_err("refused");
    assert!(e.to_string().contains("for the notation ~500"), "{e}");
    let wrong = serde_json::json!({"notation": ">=3", "high": 3});
    assert!(serde_json::from_value::<Strength>(wrong).is_err());
    assert!(serde_json::from_str::<Strength>("\"lots\"").is_err());
}

#[test]
fn an_interval_refuses_reversed_ends_and_a_wrong_notation() {
    assert!(serde_json::from_str::<Interval>(r#"{"low": 5, "high": 4}"#).is_err());
    assert!(serde_json::from_str::<Interval>(r#"{"low": 4, "high": 5, "notation": "4"}"#).is_err());
    let open: Interval = serde_json::from_str(r#"{"low": 4, "high": null}"#).expect("open");
    assert_eq!(open, Interval::at_least(4));
}

proptest! {
    #[test]
    fn intervals_round_trip(low in 0u64..1_000_000, width in proptest::option::of(0u64..1_000_000)) {
        let i = match width {
            Some(w) => Interval::new(low, low + w).expect("ordered"),
            None => Interval::at_least(low),
        };
        let text = serde_json::to_string(&i).expect("serialize");
        let back: Interval = serde_json::from_str(&text).expect("deserialize");
        prop_assert_eq!(back, i);
    }

    #[test]
    fn strengths_round_trip(n in 1u64..100_000, m in 0u64..1000, pick in 0usize..6) {
        let s = match pick {
            0 => Strength::exact(n),
            1 => Strength::approximately(n),
            2 => Strength::range(n, n + m).expect("ordered"),
            3 => Strength::at_least(n),
            4 => Strength::up_to(n),
            _ => Strength::some_of(n).expect("a total"),
        };
        let text = serde_json::to_string(&s).expect("serialize");
        let back: Strength = serde_json::from_str(&text).expect("deserialize");
        prop_assert!(back.same_notation(&s), "{} -> {}", s, back);
    }
}

#[test]
fn a_deployment_gives_its_strength_as_numbers() {
    let data = Dataset::bundled().expect("bundled data loads");
    for d in data.deployments() {
        let v = serde_json::to_value(d).expect("serialize");
        let b = d.strength().bounds();
        assert_eq!(v["strength"]["low"].as_u64(), Some(b.low()), "{v}");
        assert_eq!(v["strength"]["high"].as_u64(), b.high(), "{v}");
        assert_eq!(
            v["strength"]["notation"].as_str(),
            Some(d.strength().to_string().as_str())
        );
    }
}

#[test]
fn a_timeline_and_changes_in_json_keep_their_figures_and_dates() {
    use troop_tracker::Subject;
    let data = Dataset::bundled().expect("bundled data loads");
    let items = data.timeline(&Subject::All);
    let v = serde_json::to_value(&items).expect("serialize");
    let lines = v.as_array().expect("a list");
    assert_eq!(lines.len(), items.len());
    let mut open = 0;
    for (j, item) in lines.iter().zip(&items) {
        assert_eq!(j["record"].as_str(), Some(item.record.as_str()));
        assert_eq!(j["kind"].as_str(), Some(item.kind.as_str()));
        assert_eq!(j["date"].as_str(), Some(item.date.to_string().as_str()));
        assert_eq!(
            j["step"]["key"].as_str(),
            Some(item.step.key.to_string().as_str())
        );
        match item.strength_after {
            Some(i) => check_interval(&j["strength_after"], i, "strength_after"),
            None => assert!(j["strength_after"].is_null()),
        }
        assert_eq!(j["arrival"].is_null(), item.arrival.is_none());
        if j["first_day"].is_null() {
            open += 1;
            assert!(item.date.to_string().starts_with(".."), "{}", item.date);
        } else {
            assert_eq!(
                j["first_day"].as_str(),
                Some(item.date.earliest().to_string().as_str())
            );
        }
    }
    assert!(open > 0, "a date with no first day is among the lines");

    let ledger = Ledger::new(&data);
    let changes = ledger.changes(
        day("2020-01-08"),
        day("2020-01-10"),
        PostureOptions::default(),
    );
    let v = serde_json::to_value(&changes).expect("serialize");
    assert_eq!(v["from"].as_str(), Some("2020-01-08"));
    let figures = v["figures"].as_array().expect("figures");
    assert_eq!(figures.len(), changes.figures.len());
    assert!(!figures.is_empty());
    for (j, c) in figures.iter().zip(&changes.figures) {
        assert_eq!(j["key"].as_str(), Some(c.key.to_string().as_str()));
        for (field, s) in [("before", c.before), ("after", c.after)] {
            match s {
                Some(s) => {
                    let back: Strength =
                        serde_json::from_value(j[field].clone()).expect("strength");
                    assert!(back.same_notation(&s));
                }
                None => assert!(j[field].is_null()),
            }
        }
    }
    assert_eq!(
        v["moves"].as_array().map(Vec::len),
        Some(changes.moves.len())
    );
}

#[test]
fn a_validation_report_round_trips() {
    let data = Dataset::bundled().expect("bundled data loads");
    let report = data.validate();
    let text = serde_json::to_string(&report).expect("serialize");
    let back: troop_tracker::Report = serde_json::from_str(&text).expect("deserialize");
    assert_eq!(back, report);
    assert!(!report.findings().is_empty());
}
