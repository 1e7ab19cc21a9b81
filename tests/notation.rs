//! Text notations round-trip: what is printed parses back to the same thing.

use proptest::prelude::*;
use troop_tracker::{Date, Location, Strength, MAX_COUNT};

/// A count: small ones (where `~0`, `5..5`, `some<2` and `most<=1` live)
/// as often as any, and the largest a figure may be.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..=12, 0..=MAX_COUNT, Just(MAX_COUNT)]
}

/// A range, its ends drawn alike, so that `n..n` comes up.
fn range() -> impl Strategy<Value = Strength> {
    (count(), prop_oneof![Just(0u64), 0u64..=3, count()]).prop_map(|(a, d)| {
        let (low, high) = (a, a.saturating_add(d).min(MAX_COUNT));
        Strength::range(low, high).expect("low <= high by construction")
    })
}

/// Every kind of strength a user can write.
fn strength() -> impl Strategy<Value = Strength> {
    prop_oneof![
        count().prop_map(Strength::exact),
        count().prop_map(Strength::approximately),
        range(),
        count().prop_map(Strength::at_least),
        count().prop_map(|n| Strength::more_than(n.min(MAX_COUNT - 1))),
        count().prop_map(Strength::up_to),
        Just(Strength::some()),
        count().prop_map(|t| Strength::some_of(t.max(2)).expect("t >= 2")),
        Just(Strength::most()),
        count().prop_map(|t| Strength::most_of(t.max(1)).expect("t >= 1")),
        Just(Strength::unknown()),
        Just(Strength::not_reported()),
    ]
}

prop_compose! {
    fn day()(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28) -> String {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        day(),
        (1900i32..2100, 1u32..=12).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        (1900i32..2100).prop_map(|y| format!("{y:04}")),
        (
            prop::sample::select(vec!["early", "mid", "late"]),
            1900i32..2100,
            1u32..=12
        )
            .prop_map(|(p, y, m)| format!("{p} {y:04}-{m:02}")),
        (1900i32..2000, 2000i32..2100).prop_map(|(a, b)| format!("{a:04}..{b:04}-06")),
    ]
}

proptest! {
    #[test]
    fn strength_notation_round_trips(s in strength()) {
        let text = s.to_string();
        let back: Strength = text.parse().expect("printed notation parses");
        prop_assert!(back.same_notation(&s), "{} became {}", text, back);
        prop_assert_eq!(back.kind(), s.kind());
        prop_assert_eq!(back.bounds(), s.bounds());
    }

    #[test]
    fn strength_bounds_are_ordered(s in strength()) {
        let b = s.bounds();
        if let Some(h) = b.high() {
            prop_assert!(b.low() <= h);
        }
        // Only an exact figure has a single-point interval that says so.
        if s.is_exact() {
            prop_assert_eq!(Some(b.low()), b.high());
        }
        // An exact figure is the one written as a bare number; `~0` or
        // `5..5` has a single point too, but is not written as exact.
        let bare = s.to_string().bytes().all(|c| c.is_ascii_digit());
        prop_assert_eq!(s.is_exact(), bare, "{}", s);
    }

    #[test]
    fn strength_serde_gives_the_notation_and_its_bounds(s in strength()) {
        // A csv record flattens the strength into its four fields.
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(vec![]);
        w.serialize((s,)).expect("serialize");
        let bytes = w.into_inner().expect("flush");
        let text = String::from_utf8(bytes).expect("utf-8");
        let b = s.bounds();
        let high = b.high().map(|h| h.to_string()).unwrap_or_default();
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let record = r.records().next().expect("a record").expect("valid");
        let low = b.low().to_string();
        let notation = s.to_string();
        prop_assert_eq!(
            record.iter().collect::<Vec<_>>(),
            vec![notation.as_str(), s.kind().as_str(), low.as_str(), high.as_str()]
        );
        // Read back from its notation alone.
        let notation: Strength = serde_json::from_value(serde_json::Value::String(s.to_string())).expect("a notation");
        prop_assert!(notation.same_notation(&s));
    }

    #[test]
    fn date_notation_round_trips(text in date_text()) {
        let d: Date = text.parse().expect("generated notation parses");
        prop_assert_eq!(d.to_string(), text);
        prop_assert!(d.earliest() <= d.latest());
    }

    #[test]
    fn location_round_trips(c in "[A-Z]{3}", area in proptest::option::of("[A-Za-z][A-Za-z ]{0,20}[a-z]")) {
        let text = match &area {
            Some(a) => format!("{c}/{a}"),
            None => c.clone(),
        };
        let l: Location = text.parse().expect("parses");
        prop_assert_eq!(l.to_string(), text);
        prop_assert_eq!(l.area(), area.as_deref());
    }

    #[test]
    fn strength_parser_never_panics(s in "\\PC{0,12}") {
        let _ = s.parse::<Strength>();
        let _ = Strength::from_phrase(&s);
        let _ = s.parse::<Date>();
    }
}

mod date_spans {
    use troop_tracker::{Date, DateError, Precision};

    #[test]
    fn spans_follow_precision() {
        let cases = [
            ("2020-01-09", "2020-01-09", "2020-01-09", Precision::Day),
            ("2020-02", "2020-02-01", "2020-02-29", Precision::Month),
            ("2018", "2018-01-01", "2018-12-31", Precision::Year),
            (
                "late 2020-02",
                "2020-02-21",
                "2020-02-29",
                Precision::PartOfMonth,
            ),
            (
                "mid 2019-12",
                "2019-12-11",
                "2019-12-20",
                Precision::PartOfMonth,
            ),
            (
                "2020-06..2020-08",
                "2020-06-01",
                "2020-08-31",
                Precision::Range,
            ),
        ];
        for (text, first, last, precision) in cases {
            let d: Date = text.parse().unwrap();
            assert_eq!(d.earliest().to_string(), first, "{text}");
            assert_eq!(d.latest().to_string(), last, "{text}");
            assert_eq!(d.precision(), precision, "{text}");
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(matches!(
            "2020-02-30".parse::<Date>(),
            Err(DateError::Invalid { .. })
        ));
        assert!(matches!(
            "2020-13".parse::<Date>(),
            Err(DateError::Invalid { .. })
        ));
        assert!(matches!(
            "2020-03..2020-01".parse::<Date>(),
            Err(DateError::Reversed { .. })
        ));
        // A range may end on the day it starts: only an end wholly before
        // the start is reversed.
        for touching in [
            "2020-02-12..2020-02-12",
            "2020-01-31..2020-01",
            "2020..2020-01-01",
        ] {
            let d: Date = touching
                .parse()
                .unwrap_or_else(|e| panic!("{touching}: {e}"));
            assert_eq!(d.to_string(), touching);
        }
        assert!(matches!(
            "2020-02-12..2020-02-11".parse::<Date>(),
            Err(DateError::Reversed { .. })
        ));
        for bad in [
            "",
            "20-1-9",
            "Jan 2020",
            "early 2020",
            "2020-1-09",
            "early 2020-01..2020-02",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Notation { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn ordering_is_certain_only_when_spans_do_not_touch() {
        let jan: Date = "2020-01".parse().unwrap();
        let jan9: Date = "2020-01-09".parse().unwrap();
        let feb: Date = "2020-02-13".parse().unwrap();
        assert!(jan.certainly_before(&feb));
        assert!(!jan.certainly_before(&jan9));
        assert!(jan9.may_be_on_or_before(&jan));
        assert!(jan.covers(jan9.earliest()));
    }

    #[test]
    fn open_ended_and_one_of_two_dates() {
        let before: Date = "..2020-02-12".parse().unwrap();
        assert_eq!(before.precision(), Precision::OnOrBefore);
        assert_eq!(before.latest().to_string(), "2020-02-12");
        assert_eq!(before.anchor().to_string(), "2020-02-12");
        assert!(before.is_open() && before.covers("2019-05-01".parse().unwrap()));
        let after: Date = "2020-02-12..".parse().unwrap();
        assert_eq!(after.precision(), Precision::OnOrAfter);
        assert_eq!(after.earliest().to_string(), "2020-02-12");
        assert!(after.covers("2031-01-01".parse().unwrap()));
        let either: Date = "2020-01-07|2020-01-08".parse().unwrap();
        assert_eq!(either.precision(), Precision::OneOf);
        assert_eq!(
            (either.earliest().to_string(), either.latest().to_string()),
            ("2020-01-07".to_owned(), "2020-01-08".to_owned())
        );
        assert!(!either.is_open());
        for text in [
            "..2020-02-12",
            "2020-02..",
            "2020-01-07|2020-01-08",
            "..2018",
        ] {
            let d: Date = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
        }
        assert!(matches!(
            "2020-01-08|2020-01-07".parse::<Date>(),
            Err(DateError::Reversed { .. })
        ));
        // Alternatives that share a day are not reversed: they overlap.
        for text in [
            "2020-01|2020-01",
            "2020-01|2020-01-31",
            "2020-01-31|2020-01",
        ] {
            let err = text.parse::<Date>().unwrap_err();
            assert!(
                matches!(err, DateError::Overlapping { .. }),
                "{text}: {err}"
            );
            assert!(err.to_string().contains("apart"), "{err}");
        }
        // The next day is apart.
        assert!("2020-01|2020-02-01".parse::<Date>().is_ok());
        assert!(matches!(
            "..".parse::<Date>(),
            Err(DateError::Notation { .. })
        ));
    }
}

#[test]
fn most_is_more_than_half_perhaps_all() {
    let most: Strength = "most<=29".parse().expect("notation");
    assert_eq!(most.bounds().to_string(), "15..29");
    assert_eq!(most.to_string(), "most<=29");
    let even: Strength = "most<=30".parse().expect("notation");
    assert_eq!(even.bounds().to_string(), "16..30");
    let bare: Strength = "most".parse().expect("notation");
    assert_eq!(bare.bounds().to_string(), ">=1");
    assert!("most<=0".parse::<Strength>().is_err());
    assert_eq!(
        Strength::most_of(1)
            .map(|s| s.bounds().to_string())
            .ok()
            .as_deref(),
        Some("1")
    );
}

mod strength_rules {
    use troop_tracker::{Interval, Strength, StrengthError};

    #[test]
    fn about_rule_rounds_outward() {
        let b = Strength::approximately(5).bounds();
        assert_eq!((b.low(), b.high()), (4, Some(6)));
        let b = Strength::approximately(250).bounds();
        assert_eq!((b.low(), b.high()), (225, Some(275)));
    }

    #[test]
    fn zero_unknown_and_not_reported_differ() {
        let zero: Strength = "0".parse().unwrap();
        let unknown: Strength = "?".parse().unwrap();
        let nr: Strength = "n/r".parse().unwrap();
        assert_eq!(zero.bounds(), Interval::exactly(0));
        assert_ne!(zero.kind(), unknown.kind());
        assert_ne!(unknown.kind(), nr.kind());
        assert!(!unknown.same_notation(&nr));
    }

    #[test]
    fn rejects_bad_notation() {
        assert_eq!("".parse::<Strength>().unwrap_err(), StrengthError::Empty);
        assert!(matches!(
            "300-200".parse::<Strength>(),
            Err(StrengthError::LowAboveHigh {
                low: 300,
                high: 200
            })
        ));
        assert!(matches!(
            "lots".parse::<Strength>(),
            Err(StrengthError::UnknownNotation { .. })
        ));
        assert!(matches!(
            "-5".parse::<Strength>(),
            Err(StrengthError::Negative { .. })
        ));
        assert!(matches!(
            "1000000000000001".parse::<Strength>(),
            Err(StrengthError::Overflow { .. })
        ));
        assert!(matches!(
            "some<1".parse::<Strength>(),
            Err(StrengthError::EmptySome { total: 1 })
        ));
        assert!(matches!(
            ">1000000000000000".parse::<Strength>(),
            Err(StrengthError::MoreThanMax { .. })
        ));
    }

    /// A cell with `..` or `-` in it is a range only when a number comes
    /// before it: words around a range, a date or a range with no low
    /// end are an unknown notation, and the error names the whole cell
    /// (with the notations it could have been), not a fragment of it.
    #[test]
    fn only_a_number_before_the_dash_makes_a_range() {
        for cell in [
            "about 500-600",
            "..300",
            "-..",
            "mid-2020",
            "five..ten",
            "c. 200..300",
        ] {
            assert_eq!(
                cell.parse::<Strength>().err(),
                Some(StrengthError::UnknownNotation {
                    found: cell.to_owned()
                }),
                "{cell}"
            );
        }
        let b = "200-300".parse::<Strength>().unwrap().bounds();
        assert_eq!((b.low(), b.high()), (200, Some(300)));
    }

    /// A count after a prefix is digits and nothing else: a sign Rust's
    /// own number parser takes (`+5`), a letter or nothing at all is a bad
    /// number, named as such, not a count too large.
    #[test]
    fn a_count_after_a_prefix_is_digits_only() {
        for text in [
            "~+5", "some<+5", ">=+5", "<=+5", "~12a", "most<=x", "~", "some<", ">=",
        ] {
            let got = text.parse::<Strength>();
            assert!(
                matches!(got, Err(StrengthError::BadNumber { .. })),
                "{text:?} read as {got:?}"
            );
        }
    }
}

/// Counts in 64 bits end to end: a notation of billions and the bounds
/// it gives agree, and anything derived from them prints what it holds.
#[test]
fn large_counts_keep_notation_and_bounds_together() {
    use troop_tracker::Interval;
    let about: Strength = "~4294967295".parse().expect("a count in 64 bits");
    let b = about.bounds();
    assert_eq!((b.low(), b.high()), (3_865_470_565, Some(4_724_464_025)));
    let less = b.minus(&Interval::exactly(30));
    let shown = Strength::derived(less);
    assert_eq!(shown.to_string(), "3865470535..4724463995");
    assert_eq!(shown.bounds(), less);
    let sum = Strength::derived(b.plus(&b).plus(&b));
    assert_eq!(sum.to_string(), "11596411695..14173392075");
    // The largest count reads; one more is an error, not a clamped count.
    let max = MAX_COUNT.to_string();
    assert_eq!(
        max.parse::<Strength>().map(|s| s.bounds().low()),
        Ok(MAX_COUNT)
    );
    let over = (MAX_COUNT + 1).to_string();
    let err = over.parse::<Strength>().expect_err("above the limit");
    assert!(
        err.to_string().contains("at most 1000000000000000"),
        "{err}"
    );
    assert!(format!(">{max}").parse::<Strength>().is_err());
    assert!("99999999999999999999999".parse::<Strength>().is_err());
}

/// A value's debug form (what a failed `assert_eq!` prints) names its
/// type and shows its notation, so that `~500` and `450..550` (equal
/// bounds, different words) are told apart in a test's message.
#[test]
fn debug_forms_name_the_type_and_show_the_notation() {
    use troop_tracker::{MissionId, NationCode, RecordId, RelativeTo};
    let about: Strength = "~500".parse().expect("strength");
    let range: Strength = "450..550".parse().expect("strength");
    assert_eq!(format!("{about:?}"), "Strength(~500)");
    assert_eq!(format!("{range:?}"), "Strength(450..550)");
    let date: Date = "mid 2024-03".parse().expect("date");
    assert_eq!(format!("{date:?}"), "Date(mid 2024-03)");
    let code: NationCode = "DEU".parse().expect("code");
    assert_eq!(format!("{code:?}"), "NationCode(DEU)");
    let place: Location = "IRQ/Erbil".parse().expect("location");
    assert_eq!(format!("{place:?}"), "Location(IRQ/Erbil)");
    let before: RelativeTo = "before:DEP-1".parse().expect("relative");
    assert_eq!(format!("{before:?}"), "RelativeTo(before:DEP-1)");
    let id: RecordId = "DEP-1".parse().expect("id");
    assert_eq!(format!("{id:?}"), "RecordId(\"DEP-1\")");
    let mission: MissionId = "NMI".parse().expect("id");
    assert_eq!(format!("{mission:?}"), "MissionId(\"NMI\")");
}

/// A share is two whole numbers written in digits: `u32`'s own reading
/// would take a sign, which no share is written with.
#[test]
fn a_share_is_digits_over_digits() {
    use troop_tracker::Share;
    let third: Share = "1/3".parse().expect("share");
    assert_eq!((third.numerator(), third.denominator()), (1, 3));
    for bad in [
        "+1/2", "1/+2", "/2", "1/", " 1/2", "1/2 ", "1.0/2", "3/2", "0/0", "1-2",
    ] {
        let err = bad.parse::<Share>().expect_err(bad);
        assert!(err.to_string().contains(bad), "{bad}: {err}");
    }
}

/// A sum of two strengths holds every sum of their counts; a share of a
/// strength, that share of each; a day is a date of that day.
#[test]
fn sums_shares_and_days_as_the_notation_reads_them() {
    let s = |t: &str| t.parse::<Strength>().expect("a strength");
    let share = |t: &str| t.parse::<troop_tracker::Share>().expect("a share");
    assert_eq!(s("10..20").plus(&s("5")).to_string(), "15..25");
    assert_eq!(s(">=2").plus(&s("3")).to_string(), ">=5");
    assert_eq!(s("16000").share(share("1/2")).to_string(), "8000");
    assert_eq!(s("9..12").share(share("1/3")).to_string(), "3..4");
    let day: chrono::NaiveDate = "2020-01-09".parse().expect("a day");
    let date = Date::from(day);
    assert_eq!(date.to_string(), "2020-01-09");
    assert_eq!((date.earliest(), date.last_day()), (day, Some(day)));
}
