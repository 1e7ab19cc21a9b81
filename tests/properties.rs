//! Property tests of the consistency engine: sound interval arithmetic,
//! conservation under replay, and relocations that move more than is
//! present always reported.
//!
//! Case counts are modest so `cargo test` stays fast; raise them with
//! `PROPTEST_CASES=5000 cargo test --release --test properties`.

use std::collections::BTreeMap;

use proptest::prelude::*;
use troop_tracker::{Dataset, Interval, Rule, Severity, Share, Strength, Truth};

prop_compose! {
    fn interval()(low in 0u64..10_000, width in proptest::option::of(0u64..10_000)) -> Interval {
        match width {
            Some(w) => Interval::new(low, low + w).expect("low <= high by construction"),
            None => Interval::at_least(low),
        }
    }
}

prop_compose! {
    /// An interval and a value inside it.
    fn with_value()(i in interval())(v in i.low()..=i.high().unwrap_or(i.low() + 50_000), i in Just(i)) -> (Interval, u64) {
        (i, v)
    }
}

proptest! {
    #[test]
    fn arithmetic_is_sound((a, x) in with_value(), (b, y) in with_value()) {
        prop_assert!(a.plus(&b).contains(x + y));
        prop_assert!(a.minus(&b).contains(x.saturating_sub(y)));
        match a.at_most(&b) {
            Truth::Certainly => prop_assert!(x <= y),
            Truth::CertainlyNot => prop_assert!(x > y),
            Truth::Possibly => {}
        }
        match a.equals(&b) {
            Truth::Certainly => prop_assert_eq!(x, y),
            Truth::CertainlyNot => prop_assert_ne!(x, y),
            Truth::Possibly => {}
        }
        if let Some(both) = a.intersect(&b) {
            prop_assert!(a.overlaps(&b));
            if x == y { prop_assert!(both.contains(x)); }
        } else {
            prop_assert_ne!(x, y);
        }
    }

    #[test]
    fn shares_are_sound((a, x) in with_value(), d in 1u32..20, n in 0u32..20) {
        let n = n.min(d);
        let share = Share::new(n, d).expect("n <= d");
        let s = a.share(share);
        let exact = u128::from(x) * u128::from(n);
        let (floor, ceil) = (exact / u128::from(d), exact.div_ceil(u128::from(d)));
        prop_assert!(s.contains(u64::try_from(floor).expect("fits")));
        prop_assert!(s.contains(u64::try_from(ceil).expect("fits")));
    }

    #[test]
    fn strength_comparisons_never_say_certainly_wrongly(a in 0u32..2000, b in 0u32..2000, pick in 0u64..1000) {
        let about = Strength::approximately(a.into());
        let exact = Strength::exact(b.into());
        let ab = about.bounds();
        let x = ab.low() + pick % (ab.high().unwrap_or(ab.low()) - ab.low() + 1);
        if about.certainly_exceeds(&exact) { prop_assert!(x > u64::from(b)); }
        if !about.may_exceed(&exact) { prop_assert!(x <= u64::from(b)); }
        // And they are as sharp as the bounds: "may" whenever some value
        // in the range is larger, "certainly" whenever every value is.
        let b64 = u64::from(b);
        prop_assert_eq!(about.may_exceed(&exact), ab.high().is_none_or(|h| h > b64));
        prop_assert_eq!(about.certainly_exceeds(&exact), ab.low() > b64);
        // "About a" minus an exact b is never shown as exact unless a is 0.
        let rest = about.minus(&exact);
        if a >= 10 && rest.high() != Some(0) { prop_assert!(!rest.is_exact()); }
    }
}

/// A random ledger that is valid by construction: nations start with exact
/// strengths in a few countries and then move at most what they have.
/// Each move is carried out or under way (both move troops in the actual
/// posture); announced moves, which move none, are drawn by
/// `tests/model.rs` against its brute force.
#[derive(Clone, Debug)]
struct Ledger {
    deployments: Vec<(usize, usize, u32)>,
    moves: Vec<(usize, usize, Vec<usize>, u32)>,
    days: Vec<u32>,
    under_way: Vec<bool>,
}

const NATIONS: [&str; 4] = ["NAA", "NAB", "NAC", "NAD"];
const PLACES: [&str; 5] = ["HAA", "HAB", "HAC", "HAD", "HAE"];

fn ledger(over_move: bool) -> impl Strategy<Value = (Ledger, Option<usize>)> {
    let start =
        proptest::collection::btree_map((0..NATIONS.len(), 0..PLACES.len()), 0u32..500, 1..8);
    let steps = proptest::collection::vec(
        (
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            0u32..=100,
            any::<bool>(),
            any::<bool>(),
        ),
        0..12,
    );
    (start, steps, any::<prop::sample::Index>()).prop_map(move |(start, steps, bad)| {
        let mut present: BTreeMap<(usize, usize), u32> = start.clone();
        let deployments = start.iter().map(|(&(n, p), &s)| (n, p, s)).collect();
        let mut moves = Vec::new();
        let mut under_way = Vec::new();
        for (which, dest, dest2, percent, two, going) in steps {
            let keys: Vec<(usize, usize)> = present
                .iter()
                .filter(|(_, &v)| v > 0)
                .map(|(k, _)| *k)
                .collect();
            if keys.is_empty() {
                break;
            }
            let (n, p) = *which.get(&keys);
            let have = present.get(&(n, p)).copied().unwrap_or(0);
            let count = have * percent / 100;
            let others: Vec<usize> = (0..PLACES.len()).filter(|&q| q != p).collect();
            let d1 = *dest.get(&others);
            let mut to = vec![d1];
            if two {
                let d2 = *dest2.get(&others);
                if d2 != d1 {
                    to.push(d2);
                }
            }
            to.sort_unstable();
            present.insert((n, p), have - count);
            if to.len() == 1 {
                *present.entry((n, d1)).or_insert(0) += count;
            }
            // Joint destinations hold their figure together and are never
            // an origin again.
            moves.push((n, p, to, count));
            under_way.push(going);
        }
        let days = (0..moves.len() as u32).collect();
        let mut l = Ledger {
            deployments,
            moves,
            days,
            under_way,
        };
        let mut bad_move = None;
        if over_move && !l.moves.is_empty() {
            // Replace one move's count by more than the origin then held.
            let i = bad.index(l.moves.len());
            let (n, p, _, _) = l.moves[i].clone();
            let mut held: i64 = l
                .deployments
                .iter()
                .filter(|d| d.0 == n && d.1 == p)
                .map(|d| i64::from(d.2))
                .sum();
            for (j, (mn, mp, to, c)) in l.moves.iter().enumerate() {
                if j == i {
                    break;
                }
                if *mn == n && *mp == p {
                    held -= i64::from(*c);
                }
                // A joint destination's count may all be in any of its
                // places: count it as the most that could be there.
                if *mn == n && to.contains(&p) {
                    held += i64::from(*c);
                }
            }
            l.moves[i].3 = u32::try_from(held.max(0)).expect("non-negative") + 1;
            bad_move = Some(i);
        }
        (l, bad_move)
    })
}

fn dataset(l: &Ledger) -> Dataset {
    let q = "a quote";
    let mut nations = String::from("code,name,nato_joined,reference\n");
    for c in NATIONS.iter().chain(PLACES.iter()) {
        nations.push_str(&format!("{c},Nation {c},,\n"));
    }
    let mut deps = String::from(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
    );
    for (i, (n, p, s)) in l.deployments.iter().enumerate() {
        deps.push_str(&format!(
            "D{i},{},{},,2000-01-01,,{s},,,s1,{q},\n",
            NATIONS[*n], PLACES[*p]
        ));
    }
    let mut rels = String::from("id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n");
    for (i, (((n, p, to, c), day), going)) in
        l.moves.iter().zip(&l.days).zip(&l.under_way).enumerate()
    {
        let status = if *going { "under_way" } else { "carried_out" };
        let to: Vec<&str> = to.iter().map(|t| PLACES[*t]).collect();
        let date = chrono::NaiveDate::from_ymd_opt(2000, 1, 2).expect("date")
            + chrono::Days::new(u64::from(*day));
        rels.push_str(&format!(
            "R{i},{},{date},{c},{},,{},,,{status},,,,s1,{q},\n",
            NATIONS[*n],
            PLACES[*p],
            to.join(";")
        ));
    }
    let header = |cols: &[&str]| cols.join(",") + "\n";
    let schema = troop_tracker::schema();
    let files: Vec<(String, String)> = schema
        .iter()
        .map(|(name, cols)| {
            let text = match *name {
                "sources.csv" => "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2100-01-01,stated\n".to_string(),
                "nations.csv" => nations.clone(),
                "deployments.csv" => deps.clone(),
                "relocations.csv" => rels.clone(),
                _ => header(cols),
            };
            (name.to_string(), text)
        })
        .chain([("article.txt".to_string(), q.to_string())])
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Dataset::from_texts(&refs).expect("generated dataset loads")
}

/// 64 cases by default (each builds and validates a dataset);
/// `PROPTEST_CASES` overrides.
fn ledger_config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    c
}

fn totals(d: &Dataset, day: &str) -> BTreeMap<String, (u64, Option<u64>)> {
    let mut out: BTreeMap<String, (u64, Option<u64>)> = BTreeMap::new();
    for (key, figure) in troop_tracker::Ledger::new(d)
        .figures_on(day.parse().expect("day"), troop_tracker::Projection::Actual)
    {
        let nation = key.nation.map(|n| n.to_string()).unwrap_or_default();
        let e = out.entry(nation).or_insert((0, Some(0)));
        e.0 += figure.value.low();
        e.1 = e.1.zip(figure.value.high()).map(|(a, b)| a + b);
    }
    out
}

proptest! {
    #![proptest_config(ledger_config())]

    #[test]
    fn replay_conserves_each_nations_total((l, _) in ledger(false)) {
        let d = dataset(&l);
        let before = totals(&d, "2000-01-01");
        let after = totals(&d, "2001-01-01");
        // On the first day the ledger holds the starting strengths, each
        // nation's exactly (so the check below is not of two empty maps).
        let mut start: BTreeMap<String, (u64, Option<u64>)> = BTreeMap::new();
        for (n, _, s) in &l.deployments {
            let e = start.entry(NATIONS[*n].to_string()).or_insert((0, Some(0)));
            e.0 += u64::from(*s);
            e.1 = e.1.map(|h| h + u64::from(*s));
        }
        prop_assert_eq!(&before, &start);
        for (nation, (low, high)) in &before {
            // Exact starts and exact moves keep every total exact.
            prop_assert_eq!(Some(*low), *high);
            prop_assert_eq!(after.get(nation), Some(&(*low, *high)), "nation {}", nation);
        }
    }

    #[test]
    fn valid_ledgers_produce_no_errors((l, _) in ledger(false)) {
        let r = dataset(&l).validate();
        prop_assert!(!r.has_errors(), "{}", r);
    }

    #[test]
    fn moving_more_than_is_present_is_an_error((l, bad) in ledger(true)) {
        let Some(i) = bad else { return Ok(()) };
        let r = dataset(&l).validate();
        let id = format!("R{i}");
        let flagged = r
            .by_rule(Rule::RelocationExceedsOrigin)
            .any(|f| f.severity() == Severity::Error && f.records().contains(&id));
        prop_assert!(flagged, "R{} not flagged in\n{}", i, r);
    }
}

proptest! {
    #![proptest_config(ledger_config())]

    #[test]
    fn incremental_postures_equal_postures_from_scratch((l, _) in ledger(false), step in 1u64..4) {
        let d = dataset(&l);
        let ledger = troop_tracker::Ledger::new(&d);
        let start = chrono::NaiveDate::from_ymd_opt(1999, 12, 31).expect("date");
        let mut days: Vec<chrono::NaiveDate> = (0..16u64).map(|i| start + chrono::Days::new(i * step)).collect();
        // Then back (replayed from the start), the same day twice, and on.
        days.extend([3, 0, 0, 15].map(|i| start + chrono::Days::new(i * step)));
        let options = troop_tracker::PostureOptions::default();
        let incremental = ledger.postures_over(&days, options);
        prop_assert_eq!(incremental.len(), days.len());
        for (p, day) in incremental.iter().zip(&days) {
            let scratch = ledger.posture_with(*day, options);
            let show = |p: &troop_tracker::Posture<'_>| -> Vec<String> {
                p.entries()
                    .iter()
                    .map(|e| format!("{} = {} {:?} {:?}", e.key(), e.strength(), e.basis(), e.is_nested()))
                    .collect()
            };
            prop_assert_eq!(show(p), show(&scratch), "on {}", day);
            prop_assert_eq!(p.total(), scratch.total());
        }
    }
}
