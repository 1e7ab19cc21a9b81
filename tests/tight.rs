//! Bounds are honest: for ledgers written from a hidden truth — true
//! counts observed with vague notations that contain them, true moves
//! reported vaguely (carried out, under way, or only announced and so not
//! made), temporary moves of which some part really came back — every
//! figure and every total contains the truth. And moving
//! troops never changes a nation's total.
//!
//! (That each bound is also attained, never wider than the evidence
//! forces, is checked where the bounds are computed: every bound equals
//! the least or most over all whole-number assignments that meet the
//! constraints, found by trying them all; see `src/ledger/bounds.rs`.)

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;
use troop_tracker::{Dataset, Ledger, Posture};

const NATIONS: [&str; 2] = ["NAA", "NAB"];
const COUNTRIES: [&str; 3] = ["HAA", "HAB", "HAC"];
const QUOTE: &str = "a quote";

/// A notation that contains `truth`, vague in the way `how` picks.
fn notation(truth: u32, how: u8, spread: u32) -> String {
    match how % 4 {
        0 => truth.to_string(),
        1 => format!("{}..{}", truth.saturating_sub(spread), truth + spread),
        2 => format!(">={}", truth.saturating_sub(spread)),
        _ => format!("<={}", truth + spread),
    }
}

#[derive(Clone, Debug)]
struct Move {
    nation: usize,
    from: usize,
    to: usize,
    /// Percent of what can move.
    share: u32,
    how: u8,
    spread: u32,
    temporary: bool,
    /// Percent of the moved count that truly came back later.
    back: u32,
    /// 0: announced (nothing moved yet: the truth stays); 1: under way;
    /// 2: carried out (both moved the troops).
    status: u8,
}

#[derive(Clone, Debug)]
struct World {
    start: BTreeMap<(usize, usize), (u32, u8, u32)>,
    /// Nation 0's troops in an area of the first country: observed once,
    /// never moved, so always part of that country's figure.
    area: (u32, u8, u32),
    moves: Vec<Move>,
}

fn world() -> impl Strategy<Value = World> {
    let start = proptest::collection::btree_map(
        (0..NATIONS.len(), 0..COUNTRIES.len()),
        (20u32..200, any::<u8>(), 0u32..30),
        1..6,
    );
    let moves = proptest::collection::vec(
        (
            0..NATIONS.len(),
            0..COUNTRIES.len(),
            0..COUNTRIES.len(),
            0u32..=100,
            any::<u8>(),
            0u32..20,
            any::<bool>(),
            0u32..=100,
            0u8..3,
        )
            .prop_map(
                |(nation, from, to, share, how, spread, temporary, back, status)| Move {
                    nation,
                    from,
                    to,
                    share,
                    how,
                    spread,
                    temporary,
                    back,
                    status,
                },
            ),
        0..8,
    );
    (start, (0u32..15, any::<u8>(), 0u32..10), moves).prop_map(|(mut start, area, moves)| {
        // Nation 0 is in the first country, holding the area.
        start.entry((0, 0)).or_insert((40, 0, 0));
        World { start, area, moves }
    })
}

/// The data folder of the world, and the truth at the end: each
/// (nation, country)'s count, and the area's.
/// A (nation, country) pair; (9, 9) stands for the area.
type Place = (usize, usize);

/// The files of a data folder, by name.
type Files = Vec<(&'static str, String)>;

fn write(w: &World) -> (Files, BTreeMap<Place, u64>) {
    let mut truth: BTreeMap<(usize, usize), u64> = w
        .start
        .iter()
        .map(|(&k, &(t, _, _))| (k, u64::from(t)))
        .collect();
    let area = u64::from(w.area.0.min(w.start.get(&(0, 0)).map_or(0, |s| s.0)));
    let mut deployments = String::from(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
    );
    for (i, (&(n, c), &(t, how, spread))) in w.start.iter().enumerate() {
        let s = notation(t, how, spread);
        writeln!(
            deployments,
            "D{i},{},{},,2000-01-01,,{s},,,s1,{QUOTE},",
            NATIONS[n], COUNTRIES[c]
        )
        .expect("write");
    }
    let (_, how, spread) = w.area;
    let s = notation(area as u32, how, spread);
    writeln!(
        deployments,
        "DA,NAA,HAA/North,,2000-01-01,,{s},,,s1,{QUOTE},"
    )
    .expect("write");
    let mut relocations = String::from("id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n");
    let mut returns: Vec<(Place, Place, u64)> = Vec::new();
    for (i, m) in w.moves.iter().enumerate() {
        let (from, to) = ((m.nation, m.from), (m.nation, m.to));
        if m.from == m.to || !truth.contains_key(&from) || !truth.contains_key(&to) {
            continue;
        }
        // The area's troops never move: keep them in the first country.
        let reserve = if from == (0, 0) { area } else { 0 };
        let have = truth
            .get(&from)
            .copied()
            .unwrap_or(0)
            .saturating_sub(reserve);
        let moved = have * u64::from(m.share) / 100;
        let s = notation(moved as u32, m.how, m.spread);
        let day =
            chrono::NaiveDate::from_ymd_opt(2000, 1, 2).expect("day") + chrono::Days::new(i as u64);
        let temporary = if m.temporary { "yes" } else { "" };
        let status = ["announced", "under_way", "carried_out"][usize::from(m.status % 3)];
        writeln!(
            relocations,
            "R{i},{},{day},{s},{},,{},,{temporary},{status},,,,s1,{QUOTE},",
            NATIONS[m.nation], COUNTRIES[m.from], COUNTRIES[m.to]
        )
        .expect("write");
        if status == "announced" {
            // Only said: in the actual posture nothing has moved.
            continue;
        }
        *truth.entry(from).or_default() -= moved;
        *truth.entry(to).or_default() += moved;
        if m.temporary {
            returns.push((from, to, moved * u64::from(m.back) / 100));
        }
    }
    // Some of each temporary move came back, after its day.
    for (home, away, back) in returns {
        // The area's troops stay where they are.
        let reserve = if away == (0, 0) { area } else { 0 };
        let there = truth
            .get(&away)
            .copied()
            .unwrap_or(0)
            .saturating_sub(reserve);
        let back = back.min(there);
        *truth.entry(away).or_default() -= back;
        *truth.entry(home).or_default() += back;
    }
    let header = |name: &str| -> String {
        troop_tracker::schema()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.join(",") + "\n")
            .unwrap_or_default()
    };
    let mut nations = String::from("code,name,nato_joined,reference\n");
    for c in NATIONS.iter().chain(COUNTRIES.iter()) {
        writeln!(nations, "{c},Nation {c},,").expect("write");
    }
    let files = vec![
        (
            "sources.csv",
            "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2100-01-01,stated\n"
                .to_owned(),
        ),
        ("nations.csv", nations),
        ("missions.csv", header("missions.csv")),
        ("mission_strengths.csv", header("mission_strengths.csv")),
        ("deployments.csv", deployments),
        ("relocations.csv", relocations),
        ("events.csv", header("events.csv")),
        ("article.txt", QUOTE.to_owned()),
    ];
    let mut truth_with_area = truth;
    truth_with_area.insert((9, 9), area);
    (files, truth_with_area)
}

fn load(files: &[(&'static str, String)]) -> Dataset {
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::from_texts(&refs).expect("the world loads")
}

fn key_truth(p: &Posture<'_>, truth: &BTreeMap<(usize, usize), u64>) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for e in p.entries() {
        let key = e.key().to_string();
        if key == "NAA in HAA/North" {
            out.push((key, truth.get(&(9, 9)).copied().unwrap_or(0)));
            continue;
        }
        for (n, nation) in NATIONS.iter().enumerate() {
            for (c, country) in COUNTRIES.iter().enumerate() {
                if key == format!("{nation} in {country}") {
                    out.push((key.clone(), truth.get(&(n, c)).copied().unwrap_or(0)));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn every_bound_contains_the_hidden_truth(w in world()) {
        let (files, truth) = write(&w);
        let data = load(&files);
        let ledger = Ledger::new(&data);
        let p = ledger.posture("2050-01-01".parse().expect("day"));
        for (key, t) in key_truth(&p, &truth) {
            let e = p.entries().iter().find(|e| e.key().to_string() == key).expect("entry");
            prop_assert!(e.bounds().contains(t), "{}: truth {} outside {}", key, t, e.bounds());
        }
        let all: u64 = truth.iter().filter(|(k, _)| **k != (9, 9)).map(|(_, v)| v).sum();
        prop_assert!(p.total().contains(all), "all troops: truth {} outside {}", all, p.total());
        for v in p.by_nation() {
            let code = v.nation.map(|n| n.to_string()).unwrap_or_default();
            let n = NATIONS.iter().position(|x| *x == code).expect("a nation");
            let t: u64 = truth.iter().filter(|((m, _), _)| *m == n).map(|(_, v)| v).sum();
            prop_assert!(v.total.contains(t), "{}: truth {} outside {}", code, t, v.total);
        }
        for v in p.by_location() {
            let c = COUNTRIES.iter().position(|x| *x == v.label).expect("a country");
            let t: u64 = truth.iter().filter(|((_, d), _)| *d == c).map(|(_, v)| v).sum();
            prop_assert!(v.total.contains(t), "{}: truth {} outside {}", v.label, t, v.total);
        }
    }

    /// A world that happened finds no contradiction in its records: the
    /// checks are sound too, whenever the temporary moves came back.
    #[test]
    fn a_world_that_happened_validates_without_errors(w in world()) {
        let (files, _) = write(&w);
        let report = load(&files).validate();
        prop_assert!(!report.has_errors(), "{}", report);
    }

    /// A move takes from one place what it gives another: a nation's total
    /// after its moves is the total before, narrowed only by what the moves
    /// say about the places they left (moving 10 means at least 10 were
    /// there). With exact starting figures it is the same.
    #[test]
    fn moving_troops_never_changes_a_nations_total(w in world()) {
        let (files, _) = write(&w);
        let data = load(&files);
        let ledger = Ledger::new(&data);
        let totals = |p: &Posture<'_>| -> BTreeMap<String, troop_tracker::Interval> {
            p.by_nation()
                .into_iter()
                .map(|v| (v.nation.map(|n| n.to_string()).unwrap_or_default(), v.total))
                .collect()
        };
        let before = ledger.posture("2000-01-01".parse().expect("day"));
        let after = ledger.posture("2050-01-01".parse().expect("day"));
        let (b, a) = (totals(&before), totals(&after));
        prop_assert_eq!(b.keys().collect::<Vec<_>>(), a.keys().collect::<Vec<_>>());
        let exact = w.start.values().all(|&(_, how, _)| how % 4 == 0) && w.area.1 % 4 == 0;
        for (nation, was) in &b {
            let now = a[nation];
            prop_assert!(
                now.low() >= was.low() && was.high().is_none_or(|h| now.high().is_some_and(|n| n <= h)),
                "{}: {} after its moves is not within {} before", nation, now, was
            );
            if exact {
                prop_assert_eq!(&now, was, "{}", nation);
            }
        }
    }
}
