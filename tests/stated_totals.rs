//! Stated totals against a hidden truth: a UN table generated from known
//! contributions (nations joining and leaving missions from month to
//! month, a renamed mission, huge counts, exact repeats, CRLF or LF), its
//! `all` rows stating the true sum or a sum off by some amount, or
//! missing. Whatever the table, the posture adds each troop once (a
//! total is never added beside its parts), and each total's check is an
//! error exactly when its contributions exceed it, a warning exactly when
//! they fall short, and a note exactly when they meet it.

use std::collections::BTreeMap;

use proptest::prelude::*;
use troop_tracker::import::ipi;
use troop_tracker::{Citation, Date, Ledger, Rule, Severity, Strength, Total};

const HEADER: &str = "Date,Contributor,Contributor_ISO-3,Mission,Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total";

const DAYS: [&str; 3] = ["2010-06-30", "2010-07-31", "2010-08-31"];
const NATIONS: [(&str, &str); 4] = [
    ("Ghana", "GHA"),
    ("India", "IND"),
    ("Nepal", "NPL"),
    ("Uruguay", "URY"),
];
/// MONUC until June 2010, MONUSCO after: the same mission renamed.
const MISSIONS: [&str; 4] = ["MONUC", "UNIFIL", "UNMIL", "MINUSTAH"];

/// One nation's troops in one mission on one day (`None`: not there).
type Truth = BTreeMap<(usize, usize, usize), u64>;

/// How a nation's `all` row of a day is written: missing, the true sum,
/// or off by an amount (up or down).
#[derive(Clone, Debug)]
enum Stated {
    Missing,
    True,
    Off(i64),
}

fn mission(m: usize, day: usize) -> &'static str {
    match (MISSIONS[m], day) {
        ("MONUC", d) if d > 0 => "MONUSCO",
        (name, _) => name,
    }
}

fn row(day: usize, n: usize, mission: &str, troops: u64) -> String {
    let (name, iso) = if n == usize::MAX {
        ("all", "all")
    } else {
        NATIONS[n]
    };
    // Troops split into men and women so that male + female = total.
    let women = troops / 10;
    let men = troops - women;
    format!(
        "{},{name},{iso},{mission},NA,NA,NA,NA,NA,NA,NA,NA,NA,{men},{women},{troops},{men},{women},{troops}",
        DAYS[day]
    )
}

fn truth() -> impl Strategy<Value = Truth> {
    let count = prop_oneof![
        3 => 0u64..2_000,
        1 => Just(0u64),
        1 => 100_000_000u64..2_000_000_000,
    ];
    prop::collection::btree_map(
        (0..DAYS.len(), 0..NATIONS.len(), 0..MISSIONS.len()),
        count,
        1..24,
    )
}

fn stated() -> impl Strategy<Value = Stated> {
    prop_oneof![
        4 => Just(Stated::True),
        1 => Just(Stated::Missing),
        2 => (-500i64..500).prop_filter("off", |d| *d != 0).prop_map(Stated::Off),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 48 },
        ..ProptestConfig::default()
    })]

    #[test]
    fn totals_are_checked_and_never_added_twice(
        truth in truth(),
        stated in prop::collection::vec(stated(), DAYS.len() * NATIONS.len() + DAYS.len()),
        repeats in prop::collection::vec(any::<bool>(), 24),
        crlf in any::<bool>(),
    ) {
        let mut rows = vec![HEADER.to_owned()];
        // Each nation's `all` row as written, by (day, nation): what it states.
        let mut totals: BTreeMap<(usize, usize), (u64, u64)> = BTreeMap::new();
        let mut grand: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
        for (i, (&(day, n, m), &troops)) in truth.iter().enumerate() {
            rows.push(row(day, n, mission(m, day), troops));
            if repeats.get(i).copied().unwrap_or(false) {
                // The same row again, cell for cell: read once.
                rows.push(row(day, n, mission(m, day), troops));
            }
        }
        for day in 0..DAYS.len() {
            let mut day_sum = 0u64;
            for n in 0..NATIONS.len() {
                let parts: u64 = truth
                    .iter()
                    .filter(|(&(d, nn, _), _)| d == day && nn == n)
                    .map(|(_, &t)| t)
                    .sum();
                let present = truth.keys().any(|&(d, nn, _)| d == day && nn == n);
                day_sum += parts;
                let how = &stated[day * NATIONS.len() + n];
                let whole = match how {
                    Stated::Missing => continue,
                    Stated::True => parts,
                    Stated::Off(d) => parts.saturating_add_signed(*d),
                };
                if !present && whole == 0 {
                    continue;
                }
                rows.push(row(day, n, "all", whole));
                totals.insert((day, n), (parts, whole));
            }
            let how = &stated[DAYS.len() * NATIONS.len() + day];
            let whole = match how {
                Stated::Missing => continue,
                Stated::True => day_sum,
                Stated::Off(d) => day_sum.saturating_add_signed(*d),
            };
            if truth.keys().any(|&(d, _, _)| d == day) {
                rows.push(row(day, usize::MAX, "all", whole));
                grand.insert(day, (day_sum, whole));
            }
        }
        let eol = if crlf { "\r\n" } else { "\n" };
        let text = rows.join(eol) + eol;
        let import = ipi::from_text(("t.csv".into(), text)).expect("imports");
        let data = &import.dataset;
        prop_assert_eq!(data.totals().len(), totals.len() + grand.len());

        // The posture of each day: every troop once, totals beside.
        let ledger = Ledger::new(data);
        for (day, &(sum, whole)) in &grand {
            let p = ledger.posture(DAYS[*day].parse().expect("day"));
            prop_assert_eq!(p.total().low(), sum);
            prop_assert_eq!(p.total().high(), Some(sum));
            let views = p.stated_totals();
            let g = views.iter().find(|v| v.total.nation().is_none()).expect("the grand total");
            prop_assert_eq!(g.attributed.low(), sum);
            prop_assert_eq!(g.total.strength().bounds().low(), whole);
            prop_assert_eq!(g.unattributed.low(), whole.saturating_sub(sum));
            prop_assert!(g.whole.contains(whole));
        }

        // Each total's check, against what the hidden truth says it is.
        let report = data.validate();
        let found: BTreeMap<String, Severity> = report
            .by_rule(Rule::ContributionTotal)
            .map(|f| (f.records()[0].clone(), f.severity()))
            .collect();
        let expect = |parts: u64, whole: u64| match parts.cmp(&whole) {
            std::cmp::Ordering::Greater => Severity::Error,
            std::cmp::Ordering::Less => Severity::Warning,
            std::cmp::Ordering::Equal => Severity::Note,
        };
        for (&(day, n), &(parts, whole)) in &totals {
            let id = format!("IPI-{}-all-{}", NATIONS[n].1, DAYS[day]);
            prop_assert_eq!(found.get(&id).copied(), Some(expect(parts, whole)), "{}", id);
        }
        for (&day, &(parts, whole)) in &grand {
            let id = format!("IPI-all-{}", DAYS[day]);
            prop_assert_eq!(found.get(&id).copied(), Some(expect(parts, whole)), "{}", id);
        }
        prop_assert_eq!(found.len(), totals.len() + grand.len());
    }
}

/// `Dataset::same_records` compares stated totals too (a data folder holds
/// none, so only an import has them): a table read twice holds the same
/// records, and one whose `all` row splits the same troops otherwise
/// between men and women (the same id, day and count, another quoted line
/// in another source text) does not. The source texts differ there too, so
/// this alone would not notice a total compared carelessly:
/// `a_total_is_the_same_record_only_if_every_field_is` below pins that.
#[test]
fn same_records_compares_each_stated_totals_citation() {
    let table = |all: &str| {
        let text = format!("{HEADER}\n{}\n{all}\n", row(0, 0, "UNIFIL", 100));
        ipi::from_text(("t.csv".into(), text))
            .expect("imports")
            .dataset
    };
    let stated = row(0, 0, "all", 100);
    let first = table(&stated);
    assert_eq!(first.totals().len(), 1);
    assert!(first.same_records(&table(&stated)));
    let resplit = stated.replacen(",90,10,100,", ",80,20,100,", 1);
    assert_ne!(resplit, stated);
    let other = table(&resplit);
    assert_eq!(
        other.totals()[0].strength().to_string(),
        first.totals()[0].strength().to_string()
    );
    assert_eq!(other.totals()[0].id(), first.totals()[0].id());
    assert!(!first.same_records(&other));
}

/// The summary shows each stated total beside the contributions it holds
/// and what is left unattributed; a posture without one shows no such
/// table.
#[test]
#[cfg(feature = "tables")]
fn the_summary_shows_a_stated_total_beside_its_contributions() {
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row(0, 0, "UNIFIL", 100),
        row(0, 0, "UNMIL", 50),
        row(0, 0, "all", 170)
    );
    let data = ipi::from_text(("t.csv".into(), text))
        .expect("imports")
        .dataset;
    let day = DAYS[0].parse().expect("a day");
    let summary = troop_tracker::summary::posture_tables(&Ledger::new(&data).posture(day), 120);
    let (_, stated) = summary
        .split_once("Stated totals")
        .expect("a stated totals table");
    let line = stated
        .lines()
        .find(|l| l.contains("GHA, United Nations missions"))
        .expect("Ghana's total");
    let cells: Vec<&str> = line
        .split('┆')
        .map(|c| c.trim_matches(|c: char| c.is_whitespace() || c == '│'))
        .collect();
    assert_eq!(
        cells.get(1..4),
        Some(&["170 (2010-06-30)", "150 in 2", "20"][..]),
        "stated 170, contributions 150 in two missions, 20 unattributed: {line}"
    );
    let none = format!("{HEADER}\n{}\n", row(0, 0, "UNIFIL", 100));
    let data = ipi::from_text(("t.csv".into(), none))
        .expect("imports")
        .dataset;
    let summary = troop_tracker::summary::posture_tables(&Ledger::new(&data).posture(day), 120);
    assert!(!summary.contains("Stated totals"), "{summary}");
}

/// `Total::same_record` compares every field, the date and the strength by
/// notation: a total built twice alike is the same record, and changing
/// any one field (the id, the nation, every contributor instead of one,
/// the organisation, a month instead of its last day, `~7018` instead of
/// `7018`, another count, the quote, the source, the figure's words, or
/// whether the source lists every part) makes it another. A total says it
/// lists every part exactly when built with `listing_every_part`.
#[test]
fn a_total_is_the_same_record_only_if_every_field_is() {
    struct Fields {
        id: &'static str,
        nation: Option<&'static str>,
        organization: &'static str,
        as_of: Date,
        strength: Strength,
        source: &'static str,
        quote: &'static str,
        words: Option<&'static str>,
        complete: bool,
    }
    let build = |f: &Fields| {
        let total = Total::new(
            f.id.parse().expect("an id"),
            f.nation.map(|n| n.parse().expect("a nation")),
            f.organization,
            f.as_of,
            f.strength,
            Citation::new(f.source.parse().expect("a source id"), f.quote, f.words),
        );
        if f.complete {
            total.listing_every_part()
        } else {
            total
        }
    };
    let base = || Fields {
        id: "IPI-IND-all-2012-06-30",
        nation: Some("IND"),
        organization: "United Nations",
        as_of: Date::day("2012-06-30".parse().expect("a day")),
        strength: Strength::exact(7018),
        source: "ipi-peacekeeping",
        quote: "2012-06-30,India,IND,all,7018",
        words: Some("7018"),
        complete: true,
    };
    let original = build(&base());
    assert!(original.same_record(&build(&base())));
    // Each change sets one field to another value.
    type Change = (&'static str, fn(&mut Fields));
    let changes: [Change; 11] = [
        ("id", |f| f.id = "IPI-IND-all-2012-07-31"),
        ("nation", |f| f.nation = Some("NPL")),
        ("every contributor", |f| f.nation = None),
        ("organization", |f| f.organization = "NATO"),
        ("as_of", |f| {
            f.as_of = Date::month(2012, 6).expect("a month")
        }),
        ("strength notation", |f| {
            f.strength = Strength::approximately(7018)
        }),
        ("strength", |f| f.strength = Strength::exact(7019)),
        ("quote", |f| f.quote = "2012-06-30,India,IND,all,7019"),
        ("source", |f| f.source = "ipi-peacekeeping-2"),
        ("words", |f| f.words = None),
        ("complete", |f| f.complete = false),
    ];
    for (what, change) in changes {
        let mut fields = base();
        change(&mut fields);
        let changed = build(&fields);
        assert!(!original.same_record(&changed), "{what} was not compared");
        assert!(!changed.same_record(&original), "{what} was not compared");
        // A total lists every part only when built so.
        assert_eq!(changed.lists_every_part(), fields.complete, "{what}");
    }
}
