//! The fewest records that cannot all be true (`Finding::contradiction`):
//! where an error's own records reproduce it, where only the part of the
//! history no world meets does, and where that part is too large to
//! search; and what a report after a move is compared with.

mod common;
mod world;

use troop_tracker::{Dataset, Finding, Rule, Severity};
use world::{between, fig, n, Count, Move, Place, Report, Spec, Status, When};

fn errors(data: &Dataset) -> Vec<Finding> {
    data.validate()
        .findings()
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .cloned()
        .collect()
}

fn sorted(ids: &[String]) -> Vec<String> {
    let mut v = ids.to_vec();
    v.sort();
    v
}

/// The area holds nothing on the 2nd while the whole country held nothing
/// on the 1st, yet two soldiers leave the area on the 2nd to 4th: the
/// within-country error names the two reports, but only with the move do
/// they contradict. `reports` more reports of the move's destination join
/// the part of the history no world meets.
fn area_left_empty(reports: u32) -> Dataset {
    let mut spec = Spec::default()
        .report(fig(&[Place::North], false), n(0), When::Day(2))
        .report(fig(&[Place::A], false), n(0), When::Day(1));
    spec.moves.push(Move {
        from: fig(&[Place::North], false),
        to: fig(&[Place::C], false),
        count: n(2),
        when: When::Span(2, 4),
        temporary: false,
        status: Status::CarriedOut,
    });
    for d in 0..reports {
        spec = spec.report(fig(&[Place::C], false), between(0, 100), When::Day(4 + d));
    }
    spec.load()
}

#[test]
fn an_error_its_own_records_do_not_reproduce_is_explained_by_its_part() {
    let data = area_left_empty(0);
    // Alone, the two reports it names are consistent.
    assert!(errors(&data.subset(&["D0", "D1"])).is_empty());
    let found = errors(&data);
    let within: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule() == Rule::WithinCountry)
        .collect();
    assert_eq!(within.len(), 1, "{found:?}");
    let f = within[0];
    // The move is named too, and the three cannot all be true.
    assert_eq!(sorted(f.records()), ["D0", "D1", "R0"]);
    let set = f.contradiction().expect("explained");
    assert_eq!(sorted(set), ["D0", "D1", "R0"]);
    assert!(
        f.message()
            .ends_with("these cannot all be true: D1, D0, R0"),
        "{}",
        f.message()
    );
    let ids: Vec<&str> = set.iter().map(String::as_str).collect();
    assert!(!errors(&data.subset(&ids)).is_empty());
}

/// When every finding is an error (no note or warning beside them), each
/// is still explained: two reports of the same day that disagree, in an
/// article published the day before them (so dating them is an error too,
/// and no note says the dates are in order).
#[test]
fn errors_alone_in_a_report_are_explained() {
    let spec = Spec::default()
        .report(fig(&[Place::A], false), n(5), When::Day(1))
        .report(fig(&[Place::A], false), n(7), When::Day(1));
    let files: Vec<(&str, String)> = spec
        .files()
        .into_iter()
        .map(|(name, text)| (name, text.replace(",2100-01-01,", ",2019-12-31,")))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let data = Dataset::from_texts(&refs).expect("loads");
    let report = data.validate();
    let rules: Vec<Rule> = report.findings().iter().map(Finding::rule).collect();
    assert!(rules.contains(&Rule::CompetingClaims), "{report}");
    assert!(rules.contains(&Rule::DateOrder), "{report}");
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.severity() == Severity::Error),
        "{report}"
    );
    for f in report.findings() {
        let set = f.contradiction().unwrap_or_else(|| panic!("{f}"));
        assert!(
            !set.is_empty() && set.iter().all(|id| f.records().contains(id)),
            "{f}"
        );
    }
    let claims = report
        .by_rule(Rule::CompetingClaims)
        .next()
        .expect("claims");
    assert_eq!(
        claims.contradiction().map(sorted),
        Some(vec!["D0".into(), "D1".into()])
    );
}

#[test]
fn a_part_of_more_than_32_records_is_not_searched() {
    // 27 more reports: a part of 30 records, and the error's own 2.
    let data = area_left_empty(27);
    let found = errors(&data);
    let f = found
        .iter()
        .find(|f| f.rule() == Rule::WithinCountry)
        .expect("the error");
    assert_eq!(
        f.contradiction().map(sorted),
        Some(vec!["D0".into(), "D1".into(), "R0".into()])
    );
    // One more: 33, past the most searched; the error stands, unexplained
    // and naming only its own records.
    let data = area_left_empty(28);
    let found = errors(&data);
    let f = found
        .iter()
        .find(|f| f.rule() == Rule::WithinCountry)
        .expect("the error stands");
    assert_eq!(f.contradiction(), None);
    assert_eq!(sorted(f.records()), ["D0", "D1"]);
    assert!(!f.message().contains("cannot all be true"));
}

/// A move of 2 from `HAA/North` to `to` on the 2nd, and a report placed
/// right after it; with `HAB` holding 1 the day before if `before`.
fn moved_then(
    before: bool,
    to: &[Place],
    to_mission: bool,
    at: Place,
    mission: bool,
    count: Count,
) -> Spec {
    let mut spec = Spec::default();
    if before {
        spec = spec.report(fig(&[Place::B], false), n(1), When::Day(1));
    }
    spec.moves.push(Move {
        from: fig(&[Place::North], false),
        to: fig(to, to_mission),
        count: n(2),
        when: When::Day(2),
        temporary: false,
        status: Status::CarriedOut,
    });
    spec.reports.push(Report {
        figure: fig(&[at], mission),
        count,
        when: When::Day(2),
        anchor: Some((0, true)),
    });
    spec
}

/// The conservation findings about the report of `moved_then` with
/// `HAB` holding 1 before: the severity and message of each.
fn after_move(
    to: &[Place],
    to_mission: bool,
    at: Place,
    mission: bool,
    count: Count,
) -> Vec<(Severity, String)> {
    moved_then(true, to, to_mission, at, mission, count)
        .load()
        .validate()
        .by_rule(Rule::Conservation)
        .filter(|f| f.records().iter().any(|r| r == "D1"))
        .map(|f| (f.severity(), f.message().to_owned()))
        .collect()
}

fn one(found: Vec<(Severity, String)>) -> (Severity, String) {
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().expect("one")
}

#[test]
fn a_report_at_the_origin_or_destination_is_compared_with_what_is_there() {
    let b = &[Place::B][..];
    // (report's place, under the mission, count): severity, message end.
    let cases = [
        // At the destination itself: 1 before and 2 arrived make 3.
        (
            (Place::B, false, n(1)),
            Severity::Error,
            "HAB now 3; recorded afterwards: 1 in HAB (D1) — contradiction",
        ),
        (
            (Place::B, false, n(3)),
            Severity::Note,
            "HAB now 3; recorded afterwards: 3 in HAB (D1) — consistent",
        ),
        // One mission's troops there: a part of every mission's 3.
        (
            (Place::B, true, n(4)),
            Severity::Error,
            "4 in HAB (D1), part of HAB, at most 3 — contradiction",
        ),
        (
            (Place::B, true, n(2)),
            Severity::Note,
            "2 in HAB (D1), part of HAB, at most 3 — consistent",
        ),
        // At the origin itself, which no report bounded before.
        (
            (Place::North, false, n(1)),
            Severity::Note,
            "1 in HAA/North (D1) — consistent",
        ),
    ];
    for ((at, mission, count), severity, end) in cases {
        let (s, m) = one(after_move(b, false, at, mission, count));
        assert_eq!(s, severity, "{m}");
        assert!(m.contains(end), "{m}");
    }
}

#[test]
fn a_report_elsewhere_or_holding_the_destination_is_not_compared_with_it() {
    // Another country, the origin's country (the move left its area) and
    // every mission at a destination under one: none is a part of the
    // origin's or the destination's figure, so neither bounds it. Before,
    // each was taken for a part of the destination ("0..9 in HAC, part of
    // HAB, at most 3 — may conflict").
    for (at, to_mission, mission) in [
        (Place::C, false, false),
        (Place::A, false, false),
        (Place::B, true, false),
    ] {
        let (s, m) = one(after_move(
            &[Place::B],
            to_mission,
            at,
            mission,
            between(0, 9),
        ));
        assert_eq!(s, Severity::Note, "{m}");
        assert!(
            m.contains(
                "neither the origin nor the destination nor a part of them — not compared here"
            ),
            "{m}"
        );
    }
}

#[test]
fn one_place_of_a_joint_destination_is_left_to_the_model() {
    // HAB held 1 before and may have received both: 3 is possible, though
    // the joint figure only gained 2. Before, a warning said it may
    // conflict.
    let (s, m) = one(after_move(
        &[Place::B, Place::C],
        false,
        Place::B,
        false,
        n(3),
    ));
    assert_eq!(s, Severity::Note, "{m}");
    assert!(
        m.contains("one place of a joint destination — not compared here"),
        "{m}"
    );
    // HAC held nothing: 3 cannot be there, and the model says so.
    let spec = moved_then(false, &[Place::B, Place::C], false, Place::C, false, n(3));
    let found = errors(&spec.load());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].contradiction().map(sorted),
        Some(vec!["D0".into(), "R0".into()])
    );
}

#[test]
fn a_record_the_error_names_but_does_not_need_is_left_out() {
    // Germany's 120 in Iraq, 30 moved out, and 200 of them with the NATO
    // mission on the same day: more than Iraq holds before the move or
    // after it. The error names the move (the figure it compares with
    // rests on it), but the two reports alone cannot both be true.
    let q = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let f = common::with_line(
        "deployments.csv",
        &format!("D2,DEU,IRQ,NMI,2020-01-09,,>120,,its 120,s1,{q},"),
    );
    let data = common::load(&f).expect("loads");
    let found = errors(&data);
    let f = found
        .iter()
        .find(|f| f.rule() == Rule::WithinCountry)
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(f.records().iter().any(|r| r == "R1"), "{f:?}");
    assert_eq!(
        f.contradiction().map(sorted),
        Some(vec!["D1".into(), "D2".into()])
    );
}

#[test]
fn the_first_200_errors_are_explained_and_no_more() {
    // 201 reports dated the day after the article that reports them: an
    // error each, each explained by its report alone, up to 200.
    let q = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let mut rows = String::from(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
    );
    for i in 0..201 {
        rows.push_str(&format!("L{i},DEU,IRQ,,2020-01-10,,120,,its 120,s1,{q},\n"));
    }
    let data = common::load(&common::with_file("deployments.csv", &rows)).expect("loads");
    let late: Vec<Finding> = errors(&data)
        .into_iter()
        .filter(|f| f.rule() == Rule::DateOrder)
        .collect();
    assert_eq!(late.len(), 201);
    let explained = late.iter().filter(|f| f.contradiction().is_some()).count();
    assert_eq!(explained, 200);
    assert_eq!(late[0].contradiction().map(sorted), Some(vec!["L0".into()]));
    assert_eq!(late[200].contradiction(), None);
}

/// The country `HAA` holds nothing just before 2 of the mission's troops
/// leave it. No rule of its own sees it (the mission's troops in `HAA` have
/// no figure of their own before the move); only the model of the world
/// does, since the mission's troops there are a part of the country's 0.
fn mission_leaves_an_empty_country(status: Status) -> Dataset {
    let mut spec = Spec::default();
    spec.moves.push(Move {
        from: fig(&[Place::A], true),
        to: fig(&[Place::B], false),
        count: n(2),
        when: When::Day(1),
        temporary: false,
        status,
    });
    spec.reports.push(Report {
        figure: fig(&[Place::A], false),
        count: n(0),
        when: When::Day(1),
        anchor: Some((0, false)),
    });
    spec.load()
}

#[test]
fn a_part_no_rule_names_is_reported_by_the_model_itself() {
    // Carried out: no world meets the two records — an error, and the
    // message says so.
    let done = mission_leaves_an_empty_country(Status::CarriedOut).validate();
    let own: Vec<&Finding> = done
        .by_rule(Rule::Conservation)
        .filter(|f| f.severity() != Severity::Note)
        .collect();
    assert_eq!(own.len(), 1, "{done}");
    let f = own[0];
    assert_eq!(f.severity(), Severity::Error, "{done}");
    assert_eq!(sorted(f.records()), ["D0", "R0"]);
    assert!(
        f.message()
            .starts_with("no world meets these records together")
            && f.message().contains("(D0, R0) — contradiction"),
        "{}",
        f.message()
    );
    // Only announced: the move may yet not happen as stated — a warning
    // that says the moves cannot all be carried out, never a contradiction.
    let planned = mission_leaves_an_empty_country(Status::Announced).validate();
    assert_eq!(planned.count(Severity::Error), 0, "{planned}");
    let own: Vec<&Finding> = planned
        .by_rule(Rule::Conservation)
        .filter(|f| f.severity() == Severity::Warning)
        .collect();
    assert_eq!(own.len(), 1, "{planned}");
    let m = own[0].message();
    assert!(
        m.starts_with("the announced moves cannot all be carried out")
            && m.contains("(D0, R0) — may conflict")
            && !m.contains("contradiction"),
        "{m}"
    );
}

/// NATO Mission Iraq, reported at 500 on the 3rd, against 100 from each
/// of `single` nations (one report each) and 110 from Germany and from
/// Canada (100, then ten arrivals of 1 on the 2nd: a figure resting on
/// eleven records): one mission-total error naming the total and every
/// record of every contribution, though six reports and the total are
/// enough.
fn mission_above_its_total(single: usize) -> Finding {
    let q = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    let codes: Vec<String> = (0..single)
        .map(|i| format!("NA{}", char::from(b'A' + i as u8)))
        .collect();
    let mut nations = String::from("code,name,nato_joined,reference\n");
    let mut deployments = String::from(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
    );
    let mut relocations = String::from("id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n");
    for c in ["DEU", "CAN", "IRQ", "JOR"]
        .into_iter()
        .chain(codes.iter().map(String::as_str))
    {
        nations.push_str(&format!(
            "{c},Nation {c},1955-05-06,NATO member countries\n"
        ));
    }
    for c in ["DEU", "CAN"]
        .into_iter()
        .chain(codes.iter().map(String::as_str))
    {
        deployments.push_str(&format!(
            "D{c},{c},IRQ,NMI,2020-01-01,,100,,its 120,s1,{q},\n"
        ));
    }
    for c in ["DEU", "CAN"] {
        for k in 0..10 {
            relocations.push_str(&format!(
                "R{c}{k},{c},2020-01-02,1,JOR,,IRQ,NMI,,carried_out,,,30,s1,{q},\n"
            ));
        }
    }
    let totals = "id,mission,as_of,strength,words,source,quote,note\n\
                  T1,NMI,2020-01-03,500,500-strong,s1,The 500-strong NATO mission,\n";
    let mut files = common::with_file("nations.csv", &nations);
    for (name, text) in [
        ("deployments.csv", deployments.as_str()),
        ("relocations.csv", relocations.as_str()),
        ("mission_strengths.csv", totals),
    ] {
        files = common::with_file_in(&files, name, text);
    }
    let data = common::load(&files).expect("loads");
    let found = errors(&data);
    let total: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule() == Rule::MissionTotal)
        .collect();
    assert_eq!(total.len(), 1, "{found:?}");
    total[0].clone()
}

/// An error naming 32 records of its own is searched; one naming 33 is
/// past the most searched and stands unexplained.
#[test]
fn an_error_naming_32_records_is_searched_and_33_is_not() {
    let f = mission_above_its_total(9);
    assert_eq!(f.records().len(), 32, "{f:?}");
    let set = f.contradiction().unwrap_or_else(|| panic!("{f:?}"));
    assert!(set.len() < 32 && set.contains(&"T1".to_owned()), "{set:?}");
    assert!(set.iter().all(|id| f.records().contains(id)), "{set:?}");
    let f = mission_above_its_total(10);
    assert_eq!(f.records().len(), 33, "{f:?}");
    assert_eq!(f.contradiction(), None);
}
