//! JSON: postures, figures, views, intervals and strengths as numbers to
//! compute with (`high: null` when unbounded) with the notation alongside,
//! read back through `serde_json`.

use proptest::prelude::*;
use serde_json::Value;
use troop_tracker::{Dataset, Interval, Ledger, PostureOptions, Strength};

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().expect("day")
}

#[test]
fn a_posture_in_json_gives_its_numbers_through_its_rows() {
    use troop_tracker::rows;
    let data = Dataset::bundled().expect("bundled data loads");
    let ledger = Ledger::new(&data);
    let mut saw_open = false;
    let mut saw_part = false;
    for (d, options) in [
        ("2020-01-10", PostureOptions::default()),
        ("2020-02-13", PostureOptions::projected()),
    ] {
        let p = ledger.posture_with(day(d), options);
        let figures = rows::posture(&p);
        let v: Value = serde_json::to_value(&figures).expect("serialize");
        let entries = v.as_array().expect("a list of rows");
        assert_eq!(entries.len(), p.entries().len());
        for (j, e) in entries.iter().zip(p.entries()) {
            assert_eq!(j["as_of"].as_str(), Some(d));
            assert_eq!(j["figure"].as_str(), Some(e.key().to_string().as_str()));
            let s: Strength = serde_json::from_value(j["strength"].clone()).expect("a strength");
            assert!(s.same_notation(&e.strength()), "{}", j["strength"]);
            assert_eq!(j["status"].as_str(), Some(e.status().as_str()));
            assert_eq!(j["stale"].as_bool(), Some(e.is_stale()));
            assert_eq!(j["contradicted"].as_bool(), Some(e.is_contradicted()));
            let sources: Vec<String> = e.basis().iter().map(|r| r.to_string()).collect();
            assert_eq!(j["sources"].as_str(), Some(sources.join(";").as_str()));
            let (low, high) = match e.nested_in() {
                // A part of another figure gives its counts apart, so a
                // column sum never counts it twice.
                Some(i) => {
                    saw_part = true;
                    let parent = p.entries()[i].key().to_string();
                    assert_eq!(j["part_of"].as_str(), Some(parent.as_str()));
                    assert!(j["low"].is_null() && j["high"].is_null());
                    (&j["part_low"], &j["part_high"])
                }
                None => {
                    assert!(j["part_of"].is_null() && j["part_low"].is_null());
                    assert_eq!(
                        j["high_unbounded"].as_bool(),
                        Some(e.bounds().high().is_none())
                    );
                    (&j["low"], &j["high"])
                }
            };
            assert_eq!(low.as_u64(), Some(e.bounds().low()));
            match e.bounds().high() {
                Some(h) => assert_eq!(high.as_u64(), Some(h)),
                None => {
                    saw_open = true;
                    assert!(high.is_null(), "an open high is null: {j}");
                }
            }
        }
        let totals = serde_json::to_value(rows::totals(&p)).expect("serialize");
        let all = &totals[0];
        assert_eq!(all["scope"].as_str(), Some("all"));
        assert_eq!(all["low"].as_u64(), Some(p.total().low()));
        assert_eq!(all["high"].as_u64(), p.total().high());
        assert_eq!(
            all["high_unbounded"].as_bool(),
            Some(p.total().high().is_none())
        );
        let nations: Vec<&Value> = totals
            .as_array()
            .expect("rows")
            .iter()
            .filter(|t| t["scope"] == "nation")
            .collect();
        assert_eq!(nations.len(), p.by_nation().len());
        for (j, n) in nations.iter().zip(p.by_nation()) {
            assert_eq!(j["low"].as_u64(), Some(n.total.low()));
            assert_eq!(j["high"].as_u64(), n.total.high());
        }
    }
    assert!(saw_open, "an open-ended figure is among the cases");
    assert!(saw_part, "a figure part of another is among the cases");
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
fn a_strength_is_refused_when_any_one_of_its_numbers_disagrees() {
    // "~500" allows 450..=550 and is approximate. Each case gets exactly
    // one of kind, low and high wrong and the other two right (or left
    // out), so each of the three must be checked on its own.
    let right =
        serde_json::json!({"notation": "~500", "kind": "approximate", "low": 450, "high": 550});
    assert!(serde_json::from_value::<Strength>(right.clone()).is_ok());
    for (field, wrong) in [
        ("kind", serde_json::json!("exact")),
        ("low", serde_json::json!(400)),
        ("high", serde_json::json!(600)),
        ("high", serde_json::Value::Null),
    ] {
        let mut v = right.clone();
        v[field] = wrong.clone();
        assert!(
            serde_json::from_value::<Strength>(v).is_err(),
            "{field} = {wrong} is not what ~500 allows"
        );
        let mut alone = serde_json::json!({"notation": "~500"});
        alone[field] = wrong.clone();
        assert!(
            serde_json::from_value::<Strength>(alone).is_err(),
            "{field} = {wrong} alone is not what ~500 allows"
        );
    }
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
    use troop_tracker::{rows, Subject};
    let data = Dataset::bundled().expect("bundled data loads");
    let items = data.timeline(&Subject::All);
    let lines = rows::timeline(&data, &Subject::All);
    let v = serde_json::to_value(&lines).expect("serialize");
    let json = v.as_array().expect("a list");
    // A row per figure a line changes: an arrival adds one.
    let arrivals = items.iter().filter(|i| i.arrival.is_some()).count();
    assert_eq!(json.len(), items.len() + arrivals);
    let mut open = 0;
    let mut rows_of = json.iter();
    for item in &items {
        for step in std::iter::once(&item.step).chain(&item.arrival) {
            let j = rows_of.next().expect("a row per step");
            assert_eq!(j["record"].as_str(), Some(item.record.as_str()));
            assert_eq!(
                j["date_text"].as_str(),
                Some(item.date.to_string().as_str())
            );
            assert_eq!(
                j["date"].as_str(),
                Some(item.date.anchor().to_string().as_str())
            );
            assert_eq!(j["figure"].as_str(), Some(step.key.to_string().as_str()));
            // The step itself: its figure's key and parts, the change in
            // words, the figure after it.
            let s = serde_json::to_value(step).expect("a step");
            assert_eq!(s["key"].as_str(), Some(step.key.to_string().as_str()));
            assert_eq!(s["nation"], j["nation"]);
            assert_eq!(s["change"].as_str(), Some(step.change.as_str()));
            assert_eq!(s["after"].is_null(), step.after.is_none());
            match step.after {
                Some(s) => {
                    let back: Strength =
                        serde_json::from_value(j["strength_after"].clone()).expect("strength");
                    assert!(back.same_notation(&s));
                    let (low, high) = if j["unit"] == "troops" {
                        (&j["troops_low"], &j["troops_high"])
                    } else {
                        (&j["count_low"], &j["count_high"])
                    };
                    assert_eq!(low.as_u64(), Some(s.bounds().low()));
                    assert_eq!(high.as_u64(), s.bounds().high());
                }
                None => assert!(j["strength_after"].is_null()),
            }
            if j["date_end"].is_null() {
                open += 1;
                assert!(item.date.last_day().is_none(), "{}", item.date);
            }
        }
    }
    assert!(open > 0, "a date with no last day is among the lines");

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

/// Dates, codes, places, shares, ids and placements are written as their
/// notation and read back from it; a string that is no such notation is
/// an error, not a value.
#[test]
fn value_types_read_back_from_their_notation() {
    use troop_tracker::{Date, Location, MissionId, NationCode, RecordId, RelativeTo, Share};
    fn round<T>(text: &str) -> String
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Display,
    {
        let json = format!("\"{text}\"");
        let value: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(serde_json::to_string(&value).expect("json"), json);
        value.to_string()
    }
    assert_eq!(round::<Date>("mid 2024-03"), "mid 2024-03");
    assert_eq!(round::<NationCode>("DEU"), "DEU");
    assert_eq!(round::<Location>("IRQ/Baghdad"), "IRQ/Baghdad");
    assert_eq!(round::<Share>("1/2"), "1/2");
    assert_eq!(
        round::<RecordId>("D-DEU-IRQ-2020-01-09"),
        "D-DEU-IRQ-2020-01-09"
    );
    assert_eq!(round::<MissionId>("NMI"), "NMI");
    assert_eq!(round::<RelativeTo>("before:R1"), "before:R1");
    assert!(serde_json::from_str::<NationCode>("\"deu\"").is_err());
    assert!(serde_json::from_str::<Date>("\"2020-02-30\"").is_err());
    assert!(serde_json::from_str::<Share>("\"+1/2\"").is_err());
}
