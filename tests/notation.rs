//! Text notations round-trip: what is printed parses back to the same thing.

use proptest::prelude::*;
use troop_tracker::{Date, Location, Strength};

prop_compose! {
    fn range()(low in 0u32..100_000)(low in Just(low), high in low..=200_000) -> Strength {
        Strength::range(low, high).expect("low <= high by construction")
    }
}

fn strength() -> impl Strategy<Value = Strength> {
    prop_oneof![
        any::<u32>().prop_map(Strength::exact),
        any::<u32>().prop_map(Strength::approximately),
        range(),
        any::<u32>().prop_map(Strength::at_least),
        (0u32..u32::MAX).prop_map(Strength::more_than),
        any::<u32>().prop_map(Strength::up_to),
        Just(Strength::some()),
        (2u32..).prop_map(|t| Strength::some_of(t).expect("t >= 2")),
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
    }

    #[test]
    fn strength_serde_uses_the_notation(s in strength()) {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(vec![]);
        w.serialize((s,)).expect("serialize");
        let bytes = w.into_inner().expect("flush");
        let text = String::from_utf8(bytes).expect("utf-8");
        prop_assert_eq!(text.trim_end(), s.to_string());
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
