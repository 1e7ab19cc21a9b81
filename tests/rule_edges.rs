//! The edges of the rules that `cargo mutants` found unpinned: each test
//! states a behaviour on both sides of a condition, so flipping the
//! condition fails one side.

mod common;

use common::{load, with_file, with_line};
use troop_tracker::{Report, Rule, Severity};

const DEP: &str = "deployments.csv";
const REL: &str = "relocations.csv";
const Q: &str = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";

fn report(files: &[(String, String)]) -> Report {
    load(files).expect("dataset loads").validate()
}

fn messages(r: &Report, rule: Rule, severity: Severity) -> Vec<String> {
    r.by_rule(rule)
        .filter(|f| f.severity() == severity)
        .map(|f| f.message().to_owned())
        .collect()
}

#[test]
fn date_order_counts_what_it_checked_and_says_nothing_of_nothing() {
    // The fixture's observation, total, move under way and launch.
    let notes = messages(&report(&common::files()), Rule::DateOrder, Severity::Note);
    assert!(
        notes.iter().any(|m| m.starts_with("all 4 observations")),
        "{notes:?}"
    );
    // With no dated record there is nothing to vouch for.
    let mut empty = common::files();
    for (name, header) in [
        (DEP, "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n"),
        (REL, "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n"),
        ("events.csv", "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n"),
        ("mission_strengths.csv", "id,mission,as_of,strength,words,source,quote,note\n"),
    ] {
        empty = common::with_file_in(&empty, name, header);
    }
    let r = report(&empty);
    assert!(
        !r.by_rule(Rule::DateOrder)
            .any(|f| f.message().starts_with("all ")),
        "{r}"
    );
}

#[test]
fn a_record_dated_after_its_report_leaves_no_note_that_all_are_in_order() {
    // The observation moved to the day after the article's publication.
    let late = common::with_edit(
        DEP,
        "D1,DEU,IRQ,,2020-01-09,before:R1",
        "D1,DEU,IRQ,,2020-01-10,",
    );
    let r = report(&late);
    let errors = messages(&r, Rule::DateOrder, Severity::Error);
    assert_eq!(errors.len(), 1, "{r}");
    assert!(
        errors[0].starts_with("D1: dated 2020-01-10, after s1"),
        "{errors:?}"
    );
    assert!(
        !r.by_rule(Rule::DateOrder)
            .any(|f| f.message().starts_with("all ")),
        "{r}"
    );
}

#[test]
fn a_figure_placed_after_a_move_may_be_dated_more_or_less_precisely() {
    let placed = |as_of: &str, moved: &str| {
        let f = with_file(
            REL,
            &format!(
                "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n\
                 R1,DEU,{moved},30,IRQ,,JOR,,,under_way,,,30,s1,{Q},\n"
            ),
        );
        let f = common::with_line_in(
            &f,
            DEP,
            &format!("D2,DEU,IRQ,,{as_of},after:R1,90,,,s1,{Q},"),
        );
        messages(&report(&f), Rule::References, Severity::Error)
    };
    // The figure's month holds the move's day, or the move's month holds
    // the figure's day: either may be the same day.
    assert_eq!(placed("2020-01", "2020-01-09"), Vec::<String>::new());
    assert_eq!(placed("2020-01-09", "2020-01"), Vec::<String>::new());
    // Neither holds the other: no day is both.
    let apart = placed("2020-02", "2020-01-09");
    assert!(
        apart
            .iter()
            .any(|m| m.starts_with("D2: dated 2020-02 but placed after:R1")),
        "{apart:?}"
    );
}

#[test]
fn a_figure_placed_before_a_move_is_at_its_origin() {
    let at = |place: &str, rel: &str| {
        let f = with_line(
            DEP,
            &format!("D2,DEU,{place},,2020-01-09,{rel},5,,,s1,{Q},"),
        );
        messages(&report(&f), Rule::References, Severity::Error)
    };
    assert_eq!(at("IRQ", "before:R1"), Vec::<String>::new());
    assert_eq!(at("JOR", "after:R1"), Vec::<String>::new());
    assert_eq!(at("IRQ", "after:R1"), Vec::<String>::new());
    let wrong = at("JOR", "before:R1");
    assert!(
        wrong
            .iter()
            .any(|m| m.contains("D2: in JOR but placed before")),
        "{wrong:?}"
    );
}

#[test]
fn reports_of_one_figure_on_one_day_compete_and_on_two_days_do_not() {
    use troop_tracker::{ledger::Origin, Ledger};
    // Two more reports of Germany's troops in Iraq, a day before the
    // fixture's: on one day they are one moment and their common range is
    // the figure; a day apart, the later one replaces the earlier.
    let with = |first: &str, second: &str| {
        let f = common::with_line(
            DEP,
            &format!("D2,DEU,IRQ,,{first},,100..150,,its 120,s1,{Q},"),
        );
        common::with_line_in(
            &f,
            DEP,
            &format!("D3,DEU,IRQ,,{second},,120..200,,its 120,s1,{Q},"),
        )
    };
    for (first, origin, bounds) in [
        ("2020-01-08", Origin::Competing, "120..150"),
        ("2020-01-07", Origin::Observed, "120..200"),
    ] {
        let data = load(&with(first, "2020-01-08")).expect("loads");
        let ledger = Ledger::new(&data);
        let p = ledger.posture("2020-01-08".parse().expect("day"));
        let e = p
            .entries()
            .iter()
            .find(|e| e.key().to_string() == "DEU in IRQ")
            .expect("Germany in Iraq");
        assert_eq!(e.origin(), origin, "first report on {first}");
        assert_eq!(e.bounds().to_string(), bounds, "first report on {first}");
    }
}

/// Two reports of one figure on one day that cannot both be true: the
/// posture takes one side and names the other as disputing it, and the
/// timeline flags both. A figure relative to a move is another moment of
/// the day, and a report beside it is not disputed by it.
#[test]
fn same_day_reports_that_cannot_both_be_true_dispute_each_other() {
    use troop_tracker::{rows, Ledger, Subject};
    let f = common::with_line(
        DEP,
        &format!("D2,DEU,IRQ,,2020-01-08,,100,,its 120,s1,{Q},"),
    );
    let f = common::with_line_in(
        &f,
        DEP,
        &format!("D3,DEU,IRQ,,2020-01-08,,200,,its 120,s1,{Q},"),
    );
    // Beside D1 ("before R1", 120) on the 9th: another moment.
    let f = common::with_line_in(
        &f,
        DEP,
        &format!("D4,DEU,IRQ,,2020-01-09,,200,,its 120,s1,{Q},"),
    );
    let data = load(&f).expect("loads");
    let ledger = Ledger::new(&data);
    let p = ledger.posture("2020-01-08".parse().expect("day"));
    let e = p
        .entries()
        .iter()
        .find(|e| e.key().to_string() == "DEU in IRQ")
        .expect("Germany in Iraq");
    let basis: Vec<String> = e.basis().iter().map(ToString::to_string).collect();
    let by: Vec<String> = e.disputed_by().iter().map(ToString::to_string).collect();
    assert_eq!(basis.len(), 1, "{basis:?}");
    let other = if basis[0] == "D2" { "D3" } else { "D2" };
    assert_eq!(by, [other], "basis {basis:?}");
    let flags = |id: &str| {
        rows::timeline(&data, &Subject::All)
            .into_iter()
            .find(|r| r.record == id)
            .map(|r| r.flags)
            .expect("a line")
    };
    assert!(flags("D2").contains("disputed") && flags("D3").contains("disputed"));
    assert!(!flags("D4").contains("disputed"), "{}", flags("D4"));
    assert!(!flags("D1").contains("disputed"), "{}", flags("D1"));
}

/// A figure whose value stays while the record it rests on changes is a
/// change: a new report confirms it, and the reader sees on whose word.
#[test]
fn a_figure_confirmed_by_a_new_report_is_a_change() {
    use troop_tracker::{Ledger, PostureOptions};
    let f = common::with_line(
        DEP,
        &format!("D2,DEU,IRQ,,2020-01-06,,120,,its 120,s1,{Q},"),
    );
    let f = common::with_line_in(
        &f,
        DEP,
        &format!("D3,DEU,IRQ,,2020-01-07,,120,,its 120,s1,{Q},"),
    );
    let data = load(&f).expect("loads");
    let ledger = Ledger::new(&data);
    let day = |s: &str| s.parse().expect("day");
    let changes = ledger.changes(
        day("2020-01-06"),
        day("2020-01-07"),
        PostureOptions::default(),
    );
    let c = changes
        .figures
        .iter()
        .find(|c| c.key.to_string() == "DEU in IRQ")
        .expect("the confirmed figure is listed");
    let notation = |s: Option<troop_tracker::Strength>| s.map(|s| s.to_string());
    assert_eq!(notation(c.before), Some("120".to_owned()));
    assert_eq!(notation(c.after), Some("120".to_owned()));
    assert_eq!(
        c.basis.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["D3"]
    );
    // Nothing new between the 7th and the 8th: no change.
    let none = ledger.changes(
        day("2020-01-07"),
        day("2020-01-08"),
        PostureOptions::default(),
    );
    assert!(none
        .figures
        .iter()
        .all(|c| c.key.to_string() != "DEU in IRQ"));
}

/// Two reports of one event (`same_as`) whose dates share no day compete,
/// whichever comes first; dates that share a day (a year and a month in
/// it) agree; a state (a suspension) may be reported in effect on any
/// day of it.
#[test]
fn reports_of_one_event_on_days_apart_compete() {
    const EV: &str = "events.csv";
    let warned = |kind: &str, first: &str, second: &str| {
        let f = with_line(
            EV,
            &format!("E2,{first},,{kind},NATO,NMI,,IRQ,,,,,,,s1,was launched in 2018,"),
        );
        let f = common::with_line_in(
            &f,
            EV,
            &format!("E3,{second},,{kind},NATO,NMI,,IRQ,,,,E2,,,s1,was launched in 2018,"),
        );
        messages(&report(&f), Rule::CompetingClaims, Severity::Warning)
            .into_iter()
            .filter(|m| m.contains("on different dates"))
            .collect::<Vec<_>>()
    };
    let apart = warned("launched", "2018", "2019");
    assert_eq!(
        apart,
        ["E2 (2018) and E3 (2019) report the same launched on different dates"]
    );
    assert_eq!(warned("launched", "2019", "2018").len(), 1);
    assert_eq!(warned("launched", "2018", "2018-05"), Vec::<String>::new());
    assert_eq!(warned("launched", "2018-05", "2018"), Vec::<String>::new());
    assert_eq!(
        warned("training_suspended", "2020-01-09", "2020-02-01"),
        Vec::<String>::new()
    );
}
