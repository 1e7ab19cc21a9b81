//! What an import learns from its own tables (`import::doubts`), tested
//! against a hidden truth: tables in troopdata's format are generated from
//! a true troop level per country and quarter, with one of four plants per
//! country — nothing, a k-fold error of the quarterly table's September
//! rows, a June series that disagrees with the September one by a factor
//! that changes every year, or compilation zeros — and the checks must
//! find each plant, read it honestly (every figure they change still
//! contains the truth) and find nothing where nothing was planted.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use troop_tracker::import::doubts::{MIN_OVERLAPS, MOST_ZERO_RUN, RATIO_TOLERANCE};
use troop_tracker::import::troopdata::{self, Import};
use troop_tracker::{Deployment, Doubt, Ledger, Rule, StrengthKind};

mod common;

const QUARTERLY: &str = "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n";
const REPORTS: &str = "ccode,countryname,year,month,source,Location,iso3c,troops_ad\n";
const CODES: [&str; 4] = ["DEU", "JPN", "KOR", "ITA"];

/// What is planted in a country's rows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Plant {
    Nothing,
    /// The quarterly table's September rows are k times the truth.
    KFold(u64),
    /// The June rows are the truth times a factor drawn per year from
    /// 1.4 to 1.9: no consistent ratio.
    Interleaved,
    /// These years' September rows (in both tables) are 0.
    Zeros,
}

#[derive(Clone, Debug)]
struct Country {
    code: &'static str,
    plant: Plant,
    /// The true level each June and September, year by year.
    june: Vec<u64>,
    september: Vec<u64>,
    /// Whether the year has a DMDC report (the reports table's row).
    reported: Vec<bool>,
    /// The per-year factor of an interleaved June.
    factor: Vec<f64>,
    /// The years (by index) whose September is a planted 0.
    zero: Vec<bool>,
}

#[derive(Clone, Debug)]
struct World {
    first_year: i32,
    countries: Vec<Country>,
}

fn country(code: &'static str, years: usize) -> impl Strategy<Value = Country> {
    let plant = prop_oneof![
        Just(Plant::Nothing),
        (2u64..=3).prop_map(Plant::KFold),
        Just(Plant::Interleaved),
        Just(Plant::Zeros),
    ];
    (
        plant,
        100u64..500_000,
        proptest::collection::vec((0.95f64..1.05, 0.95f64..1.05), years),
        proptest::collection::vec(prop::bool::weighted(0.7), years),
        proptest::collection::vec(1.4f64..1.9, years),
        proptest::collection::vec(prop::bool::weighted(0.2), years),
    )
        .prop_map(move |(plant, base, steps, reported, factor, zero)| {
            // A slow random walk, never below 100 troops (substantial).
            let mut level = base as f64;
            let (mut june, mut september) = (Vec::new(), Vec::new());
            for (a, b) in steps {
                level = (level * a).max(100.0);
                june.push(level.round() as u64);
                level = (level * b).max(100.0);
                september.push(level.round() as u64);
            }
            // Zeros only inside the series, at most one in a row, so that
            // each is framed by substantial figures.
            let n = zero.len();
            let mut zero: Vec<bool> = zero
                .iter()
                .enumerate()
                .map(|(i, z)| *z && i > 0 && i + 1 < n)
                .collect();
            for i in 1..n {
                if zero[i - 1] {
                    zero[i] = false;
                }
            }
            Country {
                code,
                plant,
                june,
                september,
                reported,
                factor,
                zero,
            }
        })
}

fn world() -> impl Strategy<Value = World> {
    (1950i32..2010, 6usize..18, 1usize..=4).prop_flat_map(|(first_year, years, n)| {
        let countries: Vec<_> = CODES.iter().take(n).map(|c| country(c, years)).collect();
        countries.prop_map(move |countries| World {
            first_year,
            countries,
        })
    })
}

impl Country {
    fn printed_june(&self, y: usize) -> u64 {
        match self.plant {
            Plant::Interleaved => (self.june[y] as f64 * self.factor[y]).round() as u64,
            _ => self.june[y],
        }
    }

    fn printed_september(&self, y: usize) -> (u64, u64) {
        let truth = self.september[y];
        match self.plant {
            Plant::KFold(k) => (truth * k, truth),
            Plant::Zeros if self.zero[y] => (0, 0),
            _ => (truth, truth),
        }
    }
}

/// The two tables the world prints: (quarterly, reports).
fn tables(w: &World) -> (String, String) {
    let (mut q, mut r) = (QUARTERLY.to_owned(), REPORTS.to_owned());
    for c in &w.countries {
        for y in 0..c.june.len() {
            let year = w.first_year + y as i32;
            let (table, report) = c.printed_september(y);
            q.push_str(&format!(
                "1,{0},{0},{year},June,2,Kane 2006,{1}\n",
                c.code,
                c.printed_june(y)
            ));
            q.push_str(&format!(
                "1,{0},{0},{year},September,3,September {year},{table}\n",
                c.code
            ));
            if c.reported[y] {
                r.push_str(&format!(
                    "1,{0},{year},September,September {year},{0},{0},{report}\n",
                    c.code
                ));
            }
        }
    }
    (q, r)
}

fn import(w: &World) -> Import {
    let (q, r) = tables(w);
    troopdata::from_texts(("q.csv".into(), q), Some(("r.csv".into(), r))).expect("imports")
}

fn find<'i>(import: &'i Import, id: &str) -> &'i Deployment {
    import
        .dataset
        .deployments()
        .iter()
        .find(|d| d.id().as_str() == id)
        .unwrap_or_else(|| panic!("{id}"))
}

fn has(d: &Deployment, pred: impl Fn(&Doubt) -> bool) -> bool {
    d.doubts().iter().any(pred)
}

fn systematic(d: &Doubt) -> bool {
    matches!(d, Doubt::Systematic { .. })
}

fn interleaved(d: &Doubt) -> bool {
    matches!(d, Doubt::Interleaved { .. })
}

fn zero(d: &Doubt) -> bool {
    matches!(d, Doubt::ZeroBetween { .. })
}

/// The truth of a row, by id.
fn truth(w: &World, id: &str) -> Option<u64> {
    let (_, rest) = id.split_once('-')?;
    let (code, date) = rest.split_once('-')?;
    let (year, month) = date.split_once('-')?;
    let c = w.countries.iter().find(|c| c.code == code)?;
    let y = usize::try_from(year.parse::<i32>().ok()? - w.first_year).ok()?;
    match month {
        "06" => c.june.get(y).copied(),
        _ => c.september.get(y).copied(),
    }
}

fn check(w: &World) {
    let import = import(w);
    for c in &w.countries {
        let rows: Vec<&Deployment> = import
            .dataset
            .deployments()
            .iter()
            .filter(|d| d.location().country().as_str() == c.code)
            .collect();
        let learned: Vec<_> = import
            .patterns
            .iter()
            .filter(|p| p.figure == format!("USA in {}", c.code))
            .collect();
        match c.plant {
            Plant::Nothing => {
                assert!(
                    learned.is_empty(),
                    "{}: nothing planted: {learned:?}",
                    c.code
                );
                for d in &rows {
                    assert!(
                        d.doubts().is_empty(),
                        "nothing planted in {}: {:?}",
                        d.id(),
                        d.doubts()
                    );
                }
            }
            Plant::KFold(k) => {
                // Every decade with enough overlaps learns k.
                let mut overlaps: std::collections::BTreeMap<i32, usize> = Default::default();
                for (y, &r) in c.reported.iter().enumerate() {
                    let year = w.first_year + y as i32;
                    if r {
                        *overlaps.entry(year - year.rem_euclid(10)).or_default() += 1;
                    }
                }
                for (decade, n) in overlaps {
                    let found = learned.iter().find(|p| p.decade == decade && p.month == 9);
                    if n >= MIN_OVERLAPS {
                        let p = found.unwrap_or_else(|| {
                            panic!(
                                "{}: {k}x in the {decade}s ({n} overlaps) not learned",
                                c.code
                            )
                        });
                        assert!((p.ratio / k as f64 - 1.0).abs() <= RATIO_TOLERANCE, "{p:?}");
                        assert_eq!((p.agreeing, p.overlaps), (n, n));
                        assert_eq!(p.source.as_str(), troopdata::QUARTERLY_SOURCE);
                    } else {
                        assert!(found.is_none(), "{decade}s: {n} overlaps are too few");
                    }
                }
                for d in &rows {
                    let id = d.id().as_str();
                    let orphan = id.starts_with("TDQ") && id.ends_with("-09") && {
                        let t = truth(w, id).expect("a truth");
                        d.strength().kind() == StrengthKind::Range
                            && d.strength().bounds().contains(t)
                    };
                    if has(d, |x| matches!(x, Doubt::Systematic { widened: true, .. })) {
                        assert!(
                            orphan,
                            "{id} widened must be a quarterly September row holding the truth: {}",
                            d.strength()
                        );
                    }
                    if id.starts_with("TDQ") && id.ends_with("-09") {
                        // In a decade with a learned pattern, a row without
                        // its report is widened.
                        let year: i32 = id[8..12].parse().expect("a year");
                        let inside = learned
                            .iter()
                            .any(|p| p.decade == year - year.rem_euclid(10));
                        let reported = import
                            .dataset
                            .deployments()
                            .iter()
                            .any(|o| o.id().as_str() == id.replacen("TDQ", "TDR", 1));
                        if inside && !reported {
                            assert!(
                                has(d, |x| matches!(x, Doubt::Systematic { widened: true, .. })),
                                "{id}"
                            );
                        }
                    } else {
                        assert!(
                            !has(d, systematic),
                            "{id}: only the September rows of the table are suspect"
                        );
                    }
                }
            }
            Plant::Interleaved => {
                assert!(learned.is_empty(), "{learned:?}");
                // Each June with a September on both sides stands apart.
                let junes: Vec<&&Deployment> = rows
                    .iter()
                    .filter(|d| d.id().as_str().ends_with("-06"))
                    .collect();
                if junes.len() >= 4 {
                    for d in junes.iter().skip(1) {
                        assert!(has(d, interleaved), "{} should be disputed", d.id());
                    }
                }
                // The posture shows a figure with its other side.
                let ledger = Ledger::new(&import.dataset);
                if let Some(d) = junes.get(2).filter(|d| has(d, interleaved)) {
                    let day = d.as_of().latest();
                    let p = ledger.posture(day);
                    let e = p
                        .entries()
                        .iter()
                        .find(|e| e.key().to_string() == format!("USA in {}", c.code))
                        .expect("the figure");
                    assert!(!e.disputed_by().is_empty(), "{} on {day}", d.id());
                    assert!(e.flags().contains(&troop_tracker::posture::Flag::Disputed));
                }
            }
            Plant::Zeros => {
                for d in &rows {
                    let id = d.id().as_str();
                    let y = usize::try_from(
                        d.as_of()
                            .earliest()
                            .format("%Y")
                            .to_string()
                            .parse::<i32>()
                            .unwrap_or(0)
                            - w.first_year,
                    )
                    .unwrap_or(usize::MAX);
                    // A planted 0 is framed when its own table has a
                    // figure (not 0) before and after its run of zeros,
                    // the run is at most MOST_ZERO_RUN long, and the
                    // framing figures are at most MOST_ZERO_SPAN_DAYS
                    // apart (the reports table has rows only for reported
                    // years, so its zeros may follow each other and its
                    // figures be years apart; the quarterly table's are
                    // framed by the Junes around them).
                    let quarterly = id.starts_with("TDQ");
                    let in_table = |k: &usize| quarterly || c.reported[*k];
                    let side = |range: Box<dyn Iterator<Item = usize>>| {
                        // How many zeros come before the first figure,
                        // and that figure's year.
                        range
                            .filter(in_table)
                            .enumerate()
                            .find(|&(_, k)| !c.zero[k])
                    };
                    let run = side(Box::new((0..y).rev()))
                        .zip(side(Box::new(y + 1..c.zero.len())))
                        .filter(|((_, before), (_, after))| quarterly || after - before <= 2)
                        .map(|((a, _), (b, _))| a + b + 1);
                    let planted = id.ends_with("-09")
                        && c.zero.get(y).copied().unwrap_or(false)
                        && run.is_some_and(|n| n <= MOST_ZERO_RUN);
                    if planted {
                        assert!(
                            has(d, zero),
                            "{id}: a planted 0 between substantial figures"
                        );
                        assert!(d.is_not_reported(), "{id} read as not reported");
                    } else {
                        assert!(!has(d, zero), "{id}: not a planted 0");
                    }
                    // A 0 the checks leave standing (no figure of its own
                    // table before or after it) may disagree with the
                    // other months' figures around it; nothing else may.
                    let standing_zero = d.strength().bounds().high() == Some(0);
                    assert!(
                        !has(d, systematic) && (standing_zero || !has(d, interleaved)),
                        "{id}: {:?}",
                        d.doubts()
                    );
                }
            }
        }
    }
    // Validation names each plant once, by its rule.
    let report = import.dataset.validate();
    let planted = |p: fn(&Plant) -> bool| w.countries.iter().any(|c| p(&c.plant));
    if !planted(|p| matches!(p, Plant::Zeros)) {
        assert_eq!(report.by_rule(Rule::UnreportedZero).count(), 0);
    }
    if !planted(|p| matches!(p, Plant::KFold(_))) {
        assert_eq!(report.by_rule(Rule::Systematic).count(), 0);
    }
    assert_eq!(
        report.by_rule(Rule::Systematic).count(),
        import.patterns.len()
    );
    // One interleaving finding per run: a run's figures (one figure, one
    // source, one month of the year) follow each other by at most two
    // years, and two runs of one series are further apart than that.
    let mut runs: std::collections::BTreeMap<_, Vec<(NaiveDate, NaiveDate)>> =
        std::collections::BTreeMap::new();
    for f in report.by_rule(Rule::Interleaved) {
        let days: Vec<NaiveDate> = f
            .records()
            .iter()
            .map(|id| find(&import, id).as_of().earliest())
            .collect();
        for pair in days.windows(2) {
            assert!(
                pair[1] > pair[0] && (pair[1] - pair[0]).num_days() <= 731,
                "{f}"
            );
        }
        let first = find(&import, &f.records()[0]);
        let series = (
            format!("{} in {}", first.nation(), first.location()),
            first.citation().source().to_string(),
            days[0].month(),
        );
        runs.entry(series)
            .or_default()
            .push((days[0], days[days.len() - 1]));
    }
    for spans in runs.values_mut() {
        spans.sort();
        for pair in spans.windows(2) {
            assert!((pair[1].0 - pair[0].1).num_days() > 731, "{spans:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 48 },
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_checks_find_what_was_planted_and_nothing_else(w in world()) {
        check(&w);
    }
}

/// The planted doubling of the issue, by hand: a table whose September
/// rows are twice the report's in three quarters of a decade, and one
/// without a report between them, read as a range with its likely figure.
#[test]
fn a_planted_doubling_is_found_and_read_as_a_range() {
    let mut q = QUARTERLY.to_owned();
    let mut r = REPORTS.to_owned();
    for (year, truth) in [
        (1961, 57_694u64),
        (1962, 60_947),
        (1963, 56_910),
        (1964, 62_596),
    ] {
        q.push_str(&format!(
            "1,KOR,Korea,{year},September,3,September {year},{}\n",
            2 * truth
        ));
        if year != 1962 {
            r.push_str(&format!(
                "1,Korea,{year},September,September {year},Korea,KOR,{truth}\n"
            ));
        }
    }
    let import =
        troopdata::from_texts(("q.csv".into(), q), Some(("r.csv".into(), r))).expect("imports");
    let [pattern] = import.patterns.as_slice() else {
        panic!("one pattern: {:?}", import.patterns);
    };
    assert_eq!(
        (pattern.ratio, pattern.agreeing, pattern.overlaps),
        (2.0, 3, 3)
    );
    assert_eq!(
        pattern.to_string(),
        "for USA in KOR, in 3 of 3 dates where both exist (1961-09 to 1964-09), the September figures of the 1960s in troopdata-quarterly are 2.00x those in troopdata-reports"
    );
    let orphan = find(&import, "TDQ-KOR-1962-09");
    assert_eq!(orphan.strength().to_string(), "60947..121894");
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture("1962-12-31".parse().expect("day"));
    let e = &p.entries()[0];
    assert_eq!(e.probably().map(|(n, _)| n), Some(60_947));
    assert!(e.flags().contains(&troop_tracker::posture::Flag::Suspect));
    // Where the report exists, the table's range meets it there and the
    // report decides: no competing claim left, the figure flagged as
    // resting on a suspect row, and no likely reading needed.
    let p = ledger.posture("1963-12-31".parse().expect("day"));
    let e = &p.entries()[0];
    assert_eq!(e.bounds().to_string(), "56910");
    assert!(e.disputed_by().is_empty());
    assert!(e.flags().contains(&troop_tracker::posture::Flag::Suspect));
    assert!(e.probably().is_none());
    assert_eq!(
        import
            .dataset
            .validate()
            .by_rule(Rule::CompetingClaims)
            .filter(|f| f.severity() == troop_tracker::Severity::Error)
            .count(),
        0
    );
    let report = import.dataset.validate();
    let finding = report.by_rule(Rule::Systematic).next().expect("a finding");
    assert!(
        finding.message().contains("the ratio learned is 2.00"),
        "{}",
        finding.message()
    );
}

/// A compilation's 0 between two substantial figures is no report; a 0
/// at the end of a series, or a long run of them, is what the source says.
#[test]
fn a_compilation_zero_is_not_reported_and_a_withdrawal_stays() {
    let mut q = QUARTERLY.to_owned();
    let rows = [
        ("AFG", 2003, 9_700u64),
        ("AFG", 2004, 0),
        ("AFG", 2005, 19_500),
        ("IRQ", 2009, 130_000),
        ("IRQ", 2010, 0),
        ("IRQ", 2011, 0),
        ("IRQ", 2012, 0),
        ("IRQ", 2013, 0),
        ("IRQ", 2014, 0),
        ("IRQ", 2015, 3_500),
        ("HTI", 2009, 1_000),
        ("HTI", 2010, 0),
    ];
    for (code, year, n) in rows {
        q.push_str(&format!("1,{code},{code},{year},June,2,June {year},{n}\n"));
    }
    let import = troopdata::from_texts(("q.csv".into(), q), None).expect("imports");
    let afg = find(&import, "TDQ-AFG-2004-06");
    assert!(afg.is_not_reported());
    assert!(
        matches!(&afg.doubts()[0], Doubt::ZeroBetween { before, after } if before.as_str() == "TDQ-AFG-2003-06" && after.as_str() == "TDQ-AFG-2005-06")
    );
    // Five zeros in a row are longer than a year of quarters: kept.
    assert!(find(&import, "TDQ-IRQ-2012-06").doubts().is_empty());
    assert_eq!(find(&import, "TDQ-IRQ-2012-06").strength().to_string(), "0");
    // A 0 with nothing after it is a withdrawal, as far as the table says.
    assert_eq!(find(&import, "TDQ-HTI-2010-06").strength().to_string(), "0");
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture("2004-12-31".parse().expect("day"));
    let e = p
        .entries()
        .iter()
        .find(|e| e.key().to_string() == "USA in AFG")
        .expect("AFG");
    assert_eq!(
        e.strength().to_string(),
        "9700",
        "the last figure stands, not 0"
    );
    assert!(e
        .flags()
        .contains(&troop_tracker::posture::Flag::NotReported));
    let report = import.dataset.validate();
    let findings: Vec<_> = report.by_rule(Rule::UnreportedZero).collect();
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].records(),
        ["TDQ-AFG-2003-06", "TDQ-AFG-2004-06", "TDQ-AFG-2005-06"]
    );
    // The spike rule does not blame the figures around the zero.
    assert_eq!(report.by_rule(Rule::Spike).count(), 0);
}

/// A table with a planted doubling (Korea) and a disagreeing June series
/// (Japan), as every output shows them: posture.csv and JSON, the
/// timeline, the chart's points and its drawing.
#[test]
fn every_output_carries_the_doubts() {
    let mut q = QUARTERLY.to_owned();
    let mut r = REPORTS.to_owned();
    for (k, year) in (1961..=1966).enumerate() {
        let truth = 50_000 + 1_000 * k as u64;
        q.push_str(&format!(
            "1,KOR,Korea,{year},September,3,September {year},{}\n",
            2 * truth
        ));
        if year != 1963 {
            r.push_str(&format!(
                "1,Korea,{year},September,September {year},Korea,KOR,{truth}\n"
            ));
        }
    }
    // Japan: June well above September, by a factor that changes.
    q.push_str(&common::japan_june_apart("1"));
    let import =
        troopdata::from_texts(("q.csv".into(), q), Some(("r.csv".into(), r))).expect("imports");
    let data = &import.dataset;
    let ledger = Ledger::new(data);
    // posture.csv: the suspect figure with its likely reading, the
    // disputed one with its other side.
    let posture = ledger.posture("1963-12-31".parse().expect("day"));
    let mut csv = Vec::new();
    troop_tracker::export::write_posture(&mut csv, &posture, Default::default()).expect("csv");
    let csv = String::from_utf8(csv).expect("utf-8");
    let korea = csv.lines().find(|l| l.contains(",KOR,")).expect("Korea");
    assert!(
        korea.contains(",suspect,,,52000,suspect: probably 52000 ("),
        "{korea}"
    );
    let japan = csv.lines().find(|l| l.contains(",JPN,")).expect("Japan");
    assert!(
        japan.contains(",disputed,TDQ-JPN-1963-06;TDQ-JPN-1964-06,"),
        "{japan}"
    );
    // The posture's own entries: the doubts behind each figure, in words,
    // and the day of the September observation they rest on.
    let entry = |code: &str| {
        posture
            .entries()
            .iter()
            .find(|e| e.key().to_string() == format!("USA in {code}"))
            .unwrap_or_else(|| panic!("{code}"))
    };
    let words = |code: &str| -> Vec<String> {
        entry(code).doubts().iter().map(|d| d.to_string()).collect()
    };
    assert_eq!(
        words("KOR"),
        [
            "printed 104000, read as a range: probably 52000, since for USA in KOR, \
          in 5 of 5 dates where both exist (1961-09 to 1966-09), the September figures \
          of the 1960s in troopdata-quarterly are 2.00x those in troopdata-reports"
        ]
    );
    assert_eq!(
        words("JPN"),
        [
            "alternates with another series of the same figure, beyond their uncertainty, \
          year after year (TDQ-JPN-1963-06, TDQ-JPN-1964-06)"
        ]
    );
    for code in ["KOR", "JPN"] {
        assert_eq!(entry(code).last_changed().to_string(), "1963-09-01");
    }
    // JSON: the same, with the doubts themselves.
    let json = serde_json::to_value(troop_tracker::rows::posture(&posture)).expect("json");
    let entries = json.as_array().expect("rows");
    let kor = entries
        .iter()
        .find(|e| e["figure"] == "USA in KOR")
        .expect("KOR");
    assert_eq!(kor["probably"], 52000);
    assert_eq!(kor["flags"], "suspect");
    // The pattern, in words: its ratio and its sources.
    let note = kor["note"].as_str().expect("a note");
    assert!(note.starts_with("suspect: probably 52000 ("), "{note}");
    assert!(note.contains("2.00x"), "{note}");
    // The timeline: each observation's flags.
    let mut timeline = Vec::new();
    troop_tracker::export::write_timeline(&mut timeline, data, Default::default())
        .expect("timeline");
    let timeline = String::from_utf8(timeline).expect("utf-8");
    let line = |id: &str| {
        timeline
            .lines()
            .find(|l| l.contains(&format!(",{id},")))
            .unwrap_or_else(|| panic!("{id}"))
            .to_owned()
    };
    assert!(line("TDQ-KOR-1963-09").ends_with(",suspect"));
    // With its report beside it, the table's row is read as a range that
    // holds the report's figure: suspect, no longer disputed.
    assert!(line("TDQ-KOR-1964-09").ends_with(",suspect"));
    assert!(line("TDR-KOR-1964-09").ends_with(","));
    assert!(line("TDQ-JPN-1964-06").ends_with(",disputed"));
    // (Charts are the `chart` feature's.)
    #[cfg(feature = "chart")]
    {
        // The chart of Japan: its posture line, then each disagreeing series
        // apart; flagged points drawn as diamonds, named in the legend.
        let japan = troop_tracker::chart::chart(
            &ledger,
            &troop_tracker::Subject::Location("JPN".parse().expect("code")),
        );
        let labels: Vec<(&str, bool)> = japan
            .series
            .iter()
            .map(|s| {
                (
                    s.label.as_str(),
                    s.role == troop_tracker::chart::Role::Apart,
                )
            })
            .collect();
        assert_eq!(
            labels,
            [
                ("troops in JPN", false),
                (
                    "USA in JPN: troopdata-quarterly, June figures (disagreeing)",
                    true
                ),
                (
                    "USA in JPN: troopdata-quarterly, September figures (disagreeing)",
                    true
                ),
            ]
        );
        assert!(japan.series[0]
            .points
            .iter()
            .any(|p| p.flags.contains(&"disputed".to_owned())));
        let svg = troop_tracker::chart::render_svg(&japan, troop_tracker::chart::DEFAULT_SIZE)
            .expect("svg");
        assert!(svg.contains("class=\"point flagged\""));
        assert!(svg.contains("flagged: disputed, suspect or contradicted"));
        assert!(svg.contains("flags: disputed"));
        // The whole data's chart and the nation's leave them out (they
        // would draw every host's), and count them.
        for subject in [
            troop_tracker::Subject::All,
            troop_tracker::Subject::Nation("USA".parse().expect("code")),
        ] {
            let c = troop_tracker::chart::chart(&ledger, &subject);
            assert!(
                c.series
                    .iter()
                    .all(|s| s.role != troop_tracker::chart::Role::Apart),
                "{}",
                c.title
            );
            assert_eq!(c.apart_left_out, 2, "{}", c.title);
        }
    }
}

/// Whichever table is read later, the source that is k times the other
/// is read as a range that the other's figure decides: here the reports
/// are twice the quarterly table, and the posture shows the table's
/// figure, the truth.
#[test]
fn the_other_source_decides_whichever_is_read_last() {
    let mut q = QUARTERLY.to_owned();
    let mut r = REPORTS.to_owned();
    for (year, truth) in [
        (1961, 50_000u64),
        (1962, 51_000),
        (1963, 52_000),
        (1964, 53_000),
    ] {
        q.push_str(&format!(
            "1,KOR,Korea,{year},September,3,September {year},{truth}\n"
        ));
        r.push_str(&format!(
            "1,Korea,{year},September,September {year},Korea,KOR,{}\n",
            2 * truth
        ));
    }
    let import =
        troopdata::from_texts(("q.csv".into(), q), Some(("r.csv".into(), r))).expect("imports");
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture("1963-12-31".parse().expect("day"));
    assert_eq!(p.entries()[0].bounds().to_string(), "52000");
    assert_eq!(
        import.patterns[0].source.as_str(),
        troopdata::REPORTS_SOURCE
    );
}

/// Japan's June figures (Kane) stand apart from the September ones two
/// years above, then two years below: two runs of two, each shorter than
/// [`MIN_RUN`](troop_tracker::import::doubts), so no figure is disputed;
/// three years the same way are a run, and each of its figures is.
#[test]
fn a_run_stands_apart_on_one_side_only() {
    let tables = |june: &[u64]| {
        let mut q = QUARTERLY.to_owned();
        for (y, &j) in june.iter().enumerate() {
            let year = 1960 + y;
            q.push_str(&format!("1,JPN,Japan,{year},June,2,Kane 2006,{j}\n"));
            q.push_str(&format!(
                "1,JPN,Japan,{year},September,3,September {year},1000\n"
            ));
        }
        troopdata::from_texts(("q.csv".into(), q), None).expect("imports")
    };
    let disputed = |import: &Import| -> Vec<String> {
        import
            .dataset
            .deployments()
            .iter()
            .filter(|d| has(d, interleaved))
            .map(|d| d.as_of().to_string())
            .collect()
    };
    let zigzag = tables(&[1000, 1500, 1500, 500, 500, 1000]);
    assert_eq!(disputed(&zigzag), Vec::<String>::new());
    let run = tables(&[1000, 1500, 1500, 1500, 500, 1000]);
    assert_eq!(disputed(&run), ["1961-06", "1962-06", "1963-06"]);
}

/// A neighbouring date may hold two counts (September in the quarterly
/// table and in the reports, agreeing): a disputed figure names both, on
/// each side, and neither September is disputed.
#[test]
fn a_disputed_figure_names_every_count_of_its_neighbouring_dates() {
    let (mut q, mut r) = (QUARTERLY.to_owned(), REPORTS.to_owned());
    for (y, june) in [1000u64, 1500, 1500, 1500, 1000].into_iter().enumerate() {
        let year = 1960 + y;
        q.push_str(&format!("1,JPN,Japan,{year},June,2,Kane 2006,{june}\n"));
        q.push_str(&format!(
            "1,JPN,Japan,{year},September,3,September {year},1000\n"
        ));
        r.push_str(&format!(
            "1,Japan,{year},September,September {year},Japan,JPN,1000\n"
        ));
    }
    let import =
        troopdata::from_texts(("q.csv".into(), q), Some(("r.csv".into(), r))).expect("imports");
    let mut disputed = 0;
    for d in import.dataset.deployments() {
        let by = d.doubts().iter().find_map(|x| match x {
            Doubt::Interleaved { by } => Some(by),
            _ => None,
        });
        let Some(by) = by else { continue };
        disputed += 1;
        assert!(d.as_of().to_string().ends_with("-06"), "{}", d.id());
        let year: i32 = d.as_of().to_string()[..4].parse().expect("year");
        let mut named: Vec<String> = by
            .iter()
            .map(|id| find(&import, id.as_str()).as_of().to_string())
            .collect();
        named.sort();
        assert_eq!(
            named,
            [
                format!("{}-09", year - 1),
                format!("{}-09", year - 1),
                format!("{year}-09"),
                format!("{year}-09"),
            ],
            "{}: {by:?}",
            d.id()
        );
    }
    assert_eq!(disputed, 3);
}
