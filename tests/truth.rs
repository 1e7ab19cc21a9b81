//! Bounds contain the truth, for records written from a hidden world.
//!
//! A world is drawn first — troops in a country's area and its rest, under
//! a mission or none, and in two more countries, some counts in the
//! billions — and then lived day by day: moves between any figures (into
//! an area, out of a mission, to a joint destination), temporary moves
//! (some along the pair of one before) of which some part comes back days
//! later, sometimes before a later move out of where they came back to,
//! unrecorded changes shown by a figure reported again. Records are
//! written of what happened, each with a notation that contains the truth:
//! exact, ranges, "about", "at least", "some", "some of its N", "up to",
//! unknown, not reported; dated to the day, to the month or to a span;
//! reports placed before and after moves; competing reports of one moment;
//! moves announced that never happened.
//!
//! Every figure and total of every posture asked, at the start or end of
//! any day, must contain what the world held then; the records of a world
//! that happened validate without an error, and no figure is flagged as
//! contradicted.
//!
//! `PROPTEST_CASES=5000 cargo test --release --test truth` runs it deeper.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;
use troop_tracker::posture::Moment;
use troop_tracker::{Dataset, Ledger, PostureOptions, Severity};

/// Cells: Iraq's area under the mission, the area otherwise, the rest of
/// Iraq under the mission, the rest otherwise; Kuwait; Jordan.
const CELLS: usize = 6;

/// The figures records may name, with their cells.
const FIGURES: [(&str, &str, &[usize]); 7] = [
    ("HAA", "", &[0, 1, 2, 3]),
    ("HAA/North", "", &[0, 1]),
    ("HAA", "M1", &[0, 2]),
    ("HAA/North", "M1", &[0]),
    ("HAB", "", &[4]),
    ("HAC", "", &[5]),
    ("HAB;HAC", "", &[4, 5]),
];

/// A small random source, so that a case is one seed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A notation that contains `v`, vague in a random way.
fn notation(d: &mut Dice, v: u64) -> String {
    match d.below(9) {
        0 | 1 => v.to_string(),
        2 => format!("{}..{}", v.saturating_sub(d.below(5)), v + d.below(5)),
        3 => format!(">={}", v.saturating_sub(d.below(3))),
        4 => format!("<={}", v + d.below(4)),
        5 if v >= 10 => {
            // "About N" is N ± ceil(N/10): an N whose range holds v.
            let n = v;
            format!("~{n}")
        }
        6 if v >= 1 => "some".to_owned(),
        7 => "?".to_owned(),
        _ => v.to_string(),
    }
}

#[derive(Default)]
struct Written {
    deployments: String,
    relocations: String,
    reports: usize,
    moves: usize,
}

struct World {
    cells: [u64; CELLS],
    /// Each temporary move still open: (origin cells, destination cells,
    /// what may still come back, its day).
    away: Vec<(usize, usize, u64, u32)>,
    /// Each figure's last report: its day, its date notation.
    reported: BTreeMap<usize, (u32, String)>,
    /// Each figure's report dates so far: two reports of one figure for
    /// one span describe one moment, so a date is not used twice.
    spans: std::collections::BTreeSet<(usize, String)>,
    /// The truth at the end of each day.
    by_day: Vec<[u64; CELLS]>,
}

impl World {
    fn total(&self, f: usize) -> u64 {
        FIGURES[f].2.iter().map(|&c| self.cells[c]).sum()
    }

    /// Takes `n` from the figure's cells, at random; `false` when it is
    /// not there.
    fn take(&mut self, d: &mut Dice, f: usize, mut n: u64) -> bool {
        if self.total(f) < n {
            return false;
        }
        let cells = FIGURES[f].2;
        while n > 0 {
            let c = *d.pick(cells);
            let part = if self.cells[c] == 0 {
                0
            } else {
                1 + d.below(self.cells[c].min(n))
            };
            let part = part.min(n).min(self.cells[c]);
            self.cells[c] -= part;
            n -= part;
        }
        true
    }

    fn give(&mut self, d: &mut Dice, f: usize, mut n: u64) {
        let cells = FIGURES[f].2;
        while n > 0 {
            let c = *d.pick(cells);
            let part = 1 + d.below(n);
            self.cells[c] += part;
            n -= part;
        }
    }
}

/// A date notation for something that happened on `day` (of January
/// 2020): the day, or the month, or a span around it.
fn date(d: &mut Dice, day: u32, vague: bool) -> String {
    if !vague || d.chance(60) {
        return format!("2020-01-{day:02}");
    }
    if d.chance(50) {
        "2020-01".to_owned()
    } else {
        let a = day.saturating_sub(d.below(3) as u32).max(1);
        let b = (day + d.below(3) as u32).min(31);
        // One notation per span: a span of one day is written as the day.
        if a == b {
            format!("2020-01-{day:02}")
        } else {
            format!("2020-01-{a:02}..2020-01-{b:02}")
        }
    }
}

fn report_line(w: &mut Written, f: usize, when: &str, anchor: &str, strength: &str) {
    let (place, mission, _) = FIGURES[f];
    writeln!(
        w.deployments,
        "D{},NAA,{place},{mission},{when},{anchor},{strength},,,s1,q,",
        w.reports
    )
    .expect("write");
    w.reports += 1;
}

/// Draws a world from `seed`, lives it, and writes its records.
fn live(seed: u64) -> (Written, World) {
    let mut d = Dice(seed);
    let huge = d.chance(15);
    let mut world = World {
        cells: [0; CELLS],
        away: Vec::new(),
        reported: BTreeMap::new(),
        spans: std::collections::BTreeSet::new(),
        by_day: vec![[0; CELLS]],
    };
    for c in 0..CELLS {
        if d.chance(60) {
            world.cells[c] = if huge {
                200_000_000 + d.below(800_000_000)
            } else {
                1 + d.below(120)
            };
        }
    }
    // The troops were there before any record: the truth of every moment
    // before day 1's records.
    world.by_day = vec![world.cells];
    let mut w = Written::default();
    // Day 1: every occupied cell reported, so no troops were anywhere the
    // record is silent about.
    for f in [0usize, 4, 5] {
        if world.total(f) > 0 || d.chance(30) {
            let v = world.total(f);
            let when = date(&mut d, 1, true);
            let s = notation(&mut d, v);
            report_line(&mut w, f, &when, "", &s);
            world.spans.insert((f, when.clone()));
            // "Not reported" is no report: a later one is the first.
            if s != "n/r" {
                world.reported.insert(f, (1, when));
            }
        }
    }
    world.by_day.push(world.cells);
    for day in 2..=20u32 {
        for _ in 0..d.below(3) {
            // Troops that went temporarily may come back.
            if !world.away.is_empty() && d.chance(40) {
                let i = d.below(world.away.len() as u64) as usize;
                let (home, away, open, since) = world.away[i];
                if since < day && open > 0 {
                    let n = 1 + d.below(open.min(world.total(away)).max(1));
                    if world.take(&mut d, away, n) {
                        world.give(&mut d, home, n);
                        world.away[i].2 -= n;
                    }
                }
            }
            match d.below(10) {
                0..=4 => step_move(&mut d, &mut w, &mut world, day),
                5..=8 => step_report(&mut d, &mut w, &mut world, day),
                _ => {
                    // Announced and never carried out.
                    let (from, to) = (d.below(4) as usize, 4 + d.below(3) as usize);
                    let (fp, fm, _) = FIGURES[from];
                    let (tp, tm, _) = FIGURES[to];
                    writeln!(
                        w.relocations,
                        "R{},NAA,2020-01-{day:02},{},{fp},{fm},{tp},{tm},,announced,,,,s1,q,",
                        w.moves,
                        1 + d.below(50)
                    )
                    .expect("write");
                    w.moves += 1;
                }
            }
        }
        world.by_day.push(world.cells);
    }
    world.by_day.push(world.cells);
    (w, world)
}

fn step_report(d: &mut Dice, w: &mut Written, world: &mut World, day: u32) {
    let f = d.below(6) as usize;
    // "Not reported" is no report: it cannot show a change.
    let not_reported = d.chance(10);
    // A figure reported again, on a day after its last report, may show a
    // change no record explains.
    let again = world
        .reported
        .get(&f)
        .is_some_and(|(last, when)| *last < day && when.len() == 10);
    let vague = !world.reported.contains_key(&f) || d.chance(30);
    let mut when = date(d, day, vague);
    // Two reports of one figure for one span describe one moment: a
    // span already used for this figure is not used again.
    if world.spans.contains(&(f, when.clone())) {
        when = format!("2020-01-{day:02}");
        if world.spans.contains(&(f, when.clone())) {
            return;
        }
    }
    world.spans.insert((f, when.clone()));
    // Only a report that is written can show a change: the change is
    // made once the report is sure to be (a change made before a report
    // given up for its span would be shown by nothing).
    if again && !not_reported && d.chance(25) {
        for &c in FIGURES[f].2 {
            world.cells[c] = d.below(80);
        }
    }
    let v = world.total(f);
    let s = if not_reported {
        "n/r".to_owned()
    } else {
        notation(d, v)
    };
    report_line(w, f, &when, "", &s);
    if d.chance(20) {
        // A competing report of the same moment.
        let s = notation(d, v);
        report_line(w, f, &when, "", &s);
    }
    if when.len() == 10 && !not_reported {
        world.reported.insert(f, (day, when));
    }
}

fn step_move(d: &mut Dice, w: &mut Written, world: &mut World, day: u32) {
    // Sometimes again along the pair of an earlier temporary move, some
    // of whose troops may not be back yet: what may come back is then
    // what is left of the first and all of this one.
    let again = (!world.away.is_empty() && d.chance(30))
        .then(|| *d.pick(&world.away))
        .map(|(home, away, _, _)| (home, away));
    let (from, to) = again.unwrap_or_else(|| (d.below(6) as usize, d.below(7) as usize));
    if from == to || world.total(from) == 0 {
        return;
    }
    let have = world.total(from);
    let n = d.below(have + 1);
    let temporary = again.is_some() || d.chance(35);
    let when = date(d, day, !temporary);
    let j = w.moves;
    if d.chance(25) && FIGURES[from].0.len() <= 9 {
        let s = notation(d, have);
        report_line(w, from, &when, &format!("before:R{j}"), &s);
    }
    let strength = if n >= 1 && n < have && have >= 2 && d.chance(20) {
        format!("some<{have}")
    } else {
        notation(d, n)
    };
    let ok = world.take(d, from, n);
    assert!(ok, "there are {have}");
    world.give(d, to, n);
    let (fp, fm, _) = FIGURES[from];
    let (tp, tm, _) = FIGURES[to];
    writeln!(
        w.relocations,
        "R{j},NAA,{when},{strength},{fp},{fm},{tp},{tm},{},carried_out,,,,s1,q,",
        if temporary { "yes" } else { "" }
    )
    .expect("write");
    w.moves += 1;
    if temporary {
        world.away.push((from, to, n, day));
    }
    // A figure placed after a move is of its origin or its destination.
    let placed = if d.chance(50) { from } else { to };
    if d.chance(25) && placed < 6 {
        let v = world.total(placed);
        let s = notation(d, v);
        report_line(w, placed, &when, &format!("after:R{j}"), &s);
    }
}

fn load(w: &Written) -> Dataset {
    let header = |name: &str| -> String {
        troop_tracker::schema()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.join(",") + "\n")
            .unwrap_or_default()
    };
    let deployments = header("deployments.csv") + &w.deployments;
    let relocations = header("relocations.csv") + &w.relocations;
    let missions = header("missions.csv") + "M1,Mission One,An alliance,,,HAA,,,s1,q,,\n";
    let files = [
        (
            "sources.csv",
            "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2100-01-01,stated\n"
                .to_owned(),
        ),
        (
            "nations.csv",
            "code,name,nato_joined,reference\nNAA,A,,\nHAA,I,,\nHAB,K,,\nHAC,J,,\n".to_owned(),
        ),
        ("missions.csv", missions),
        ("mission_strengths.csv", header("mission_strengths.csv")),
        ("deployments.csv", deployments),
        ("relocations.csv", relocations),
        ("events.csv", header("events.csv")),
        ("article.txt", "q".to_owned()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    match Dataset::from_texts(&refs) {
        Ok(data) => data,
        Err(e) => panic!("{e}\n{}\n{}", w.deployments, w.relocations),
    }
}

/// A figure's cells, from its key as a posture writes it.
fn cells_of(e: &troop_tracker::posture::Entry<'_>) -> Vec<usize> {
    let mission = e.mission().is_some();
    let mut out: Vec<usize> = Vec::new();
    for place in &e.key().places {
        let name = place.to_string();
        let f = FIGURES
            .iter()
            .find(|(p, m, _)| *p == name && (*m == "M1") == mission)
            .map(|(_, _, c)| *c)
            .unwrap_or_default();
        out.extend(f);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn check(seed: u64) -> Result<(), TestCaseError> {
    if std::env::var_os("TRUTH_TRACE").is_some() {
        eprintln!("seed {seed}");
    }
    let (w, world) = live(seed);
    if std::env::var_os("TRUTH_CELLS").is_some() {
        for (day, cells) in world.by_day.iter().enumerate() {
            eprintln!("day {day}: {cells:?}");
        }
    }
    let data = load(&w);
    let shown = || format!("seed {seed}\n{}\n{}", w.deployments, w.relocations);
    let t0 = std::time::Instant::now();
    let report = data.validate();
    if std::env::var_os("TRUTH_TRACE").is_some() {
        eprintln!("validate {:?}", t0.elapsed());
    }
    prop_assert!(
        !report.has_errors(),
        "a world that happened has errors:\n{}\n{}",
        report.at_least(Severity::Error),
        shown()
    );
    let ledger = Ledger::new(&data);
    for day in [1u32, 2, 3, 5, 8, 12, 16, 20, 21] {
        for end in [true, false] {
            let truth = if end {
                world.by_day[day as usize]
            } else {
                world.by_day[day as usize - 1]
            };
            let options = PostureOptions {
                moment: if end {
                    Moment::EndOfDay
                } else {
                    Moment::StartOfDay
                },
                ..PostureOptions::default()
            };
            let d = chrono::NaiveDate::from_ymd_opt(2020, 1, day).expect("day");
            let t0 = std::time::Instant::now();
            let p = ledger.posture_with(d, options);
            if std::env::var_os("TRUTH_TRACE").is_some() {
                eprintln!("posture {day} {end} {:?}", t0.elapsed());
            }
            let sum = |cells: &[usize]| cells.iter().map(|&c| truth[c]).sum::<u64>();
            let mut all: Vec<usize> = Vec::new();
            for e in p.entries() {
                let cells = cells_of(e);
                prop_assert!(
                    !e.is_contradicted(),
                    "{} flagged on {} ({})\n{}",
                    e.key(),
                    day,
                    end,
                    shown()
                );
                let t = sum(&cells);
                prop_assert!(
                    e.bounds().contains(t),
                    "{} on {} (end {}): truth {} outside {}\n{}",
                    e.key(),
                    day,
                    end,
                    t,
                    e.bounds(),
                    shown()
                );
                all.extend(cells);
            }
            all.sort_unstable();
            all.dedup();
            let t = sum(&all);
            prop_assert!(
                p.total().contains(t),
                "total on {} (end {}): truth {} outside {}\n{}",
                day,
                end,
                t,
                p.total(),
                shown()
            );
            for v in p.by_location() {
                let mut cells: Vec<usize> = v
                    .entries
                    .iter()
                    .filter(|e| !e.is_nested())
                    .flat_map(|e| cells_of(e))
                    .collect();
                cells.sort_unstable();
                cells.dedup();
                let t = sum(&cells);
                prop_assert!(
                    v.total.contains(t),
                    "{} on {}: truth {} outside {}\n{}",
                    v.label,
                    day,
                    t,
                    v.total,
                    shown()
                );
            }
            // Each country's total: its figures' cells that lie in it (of
            // the joint destination, its part there).
            for (code, inside) in [("HAA", &[0, 1, 2, 3][..]), ("HAB", &[4]), ("HAC", &[5])] {
                let narrowed = p.in_country(code.parse().expect("a code"));
                let mut cells: Vec<usize> = narrowed
                    .entries()
                    .iter()
                    .flat_map(cells_of)
                    .filter(|c| inside.contains(c))
                    .collect();
                cells.sort_unstable();
                cells.dedup();
                let t = sum(&cells);
                prop_assert!(
                    narrowed.total().contains(t),
                    "{} total on {} (end {}): truth {} outside {}\n{}",
                    code,
                    day,
                    end,
                    t,
                    narrowed.total(),
                    shown()
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48)
    ))]

    #[test]
    fn every_bound_contains_the_hidden_truth(seed in any::<u64>()) {
        check(seed)?;
    }
}

/// `TRUTH_SEED=... cargo test --test truth one_seed -- --nocapture` runs
/// one world again (the seed a failure prints).
#[test]
fn one_seed() {
    if let Some(seed) = std::env::var("TRUTH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        let started = std::time::Instant::now();
        if let Err(e) = check(seed) {
            panic!("{e}");
        }
        eprintln!("seed {seed}: {:?}", started.elapsed());
    }
}
