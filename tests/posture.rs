//! The posture gives back the seed figures on the seed dates, keeps
//! uncertainty and citations, flags stale figures, and prints as tables.

mod common;

use chrono::NaiveDate;
use troop_tracker::ledger::Origin;
use troop_tracker::posture::{Entry, MissionView, Status};
use troop_tracker::{summary, Dataset, Posture, PostureOptions, Subject};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a day")
}

fn bundled() -> Dataset {
    Dataset::bundled().expect("bundled data loads")
}

/// The entry whose key reads `key`.
fn entry<'p, 'd>(p: &'p Posture<'d>, key: &str) -> Option<&'p Entry<'d>> {
    p.entries().iter().find(|e| e.key().to_string() == key)
}

/// The strength notation of the entry whose key reads `key`.
fn figure(p: &Posture<'_>, key: &str) -> Option<String> {
    entry(p, key).map(|e| e.strength().to_string())
}

/// The fixture's quote, which every line a test adds to it cites.
const Q: &str = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";

/// The NATO mission's view in `p`.
fn nato_mission<'p>(p: &'p Posture<'_>) -> MissionView<'p> {
    p.by_mission()
        .into_iter()
        .find(|m| m.mission.as_str() == "NMI")
        .expect("NMI")
}

fn start_of_day() -> PostureOptions {
    PostureOptions {
        moment: troop_tracker::posture::Moment::StartOfDay,
        ..PostureOptions::default()
    }
}

#[test]
fn germany_before_and_after_its_relocation() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let before = ledger.posture_with(day("2020-01-09"), start_of_day());
    assert_eq!(figure(&before, "DEU in IRQ").as_deref(), Some("120"));
    assert_eq!(figure(&before, "DEU in JOR+KWT"), None);
    // "Others will remain" is reported after the move: not yet at the
    // start of its day.
    assert_eq!(figure(&before, "DEU in IRQ/Kurdistan region"), None);
    let after = ledger.posture(day("2020-01-09"));
    assert_eq!(figure(&after, "DEU in IRQ").as_deref(), Some("90"));
    assert_eq!(figure(&after, "DEU in JOR+KWT").as_deref(), Some("30"));
    assert_eq!(
        figure(&after, "DEU in IRQ/Kurdistan region").as_deref(),
        Some(">=2")
    );
    let deu = after
        .by_nation()
        .into_iter()
        .find(|v| v.nation.map(|n| n.to_string()).as_deref() == Some("DEU"))
        .expect("Germany");
    // 90 + 30: the Kurdistan figure is inside the 90 and is not added.
    assert_eq!(deu.total.to_string(), "120");
    let kurdistan = entry(&after, "DEU in IRQ/Kurdistan region").expect("area entry");
    assert!(kurdistan.is_nested());
    // Each figure keeps the records it rests on.
    let iraq = entry(&after, "DEU in IRQ").expect("entry");
    let basis: Vec<&str> = iraq.basis().iter().map(|b| b.as_str()).collect();
    assert_eq!(basis, ["D-DEU-IRQ-2020-01-09", "R-DEU-2020-01-09"]);
    // Its debug form lists them (what a failed assertion prints).
    assert_eq!(
        format!("{:?}", iraq.basis()),
        r#"[RecordId("D-DEU-IRQ-2020-01-09"), RecordId("R-DEU-2020-01-09")]"#
    );
    assert_eq!(iraq.last_observed(), Some(day("2020-01-09")));
}

/// A figure dated a day without saying whether it is from before or after
/// that day's moves is the day's news: the end of its day lists it, the
/// start does not (nothing then bounds Canada's troops under the NATO
/// mission but what the day before knew).
#[test]
fn a_figure_not_placed_before_a_move_is_not_at_the_start_of_its_day() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let nmi = "CAN in IRQ under NMI";
    let start = ledger.posture_with(day("2020-02-12"), start_of_day());
    assert_eq!(figure(&start, nmi), None);
    let end = figure(&ledger.posture(day("2020-02-12")), nmi);
    assert!(end.is_some(), "the end of its day lists {nmi}");
    // The day after, its start lists it as the day before ended: it is no
    // longer that day's news.
    let next = ledger.posture_with(day("2020-02-13"), start_of_day());
    assert_eq!(figure(&next, nmi), end);
}

/// A figure stated with its share of the mission's total is an
/// observation of that figure: the share is checked against it, not put in
/// its place. Only a share stated without a figure is derived from the
/// total.
#[test]
fn a_figure_stated_with_its_share_is_observed_and_one_without_is_derived() {
    let origin = |strength: &str| {
        let row = format!("D2,CAN,IRQ,NMI,2020-01-10,,{strength},1/2,,s1,{Q},");
        let data = common::load(&common::with_line("deployments.csv", &row)).expect("loads");
        let ledger = troop_tracker::Ledger::new(&data);
        let p = ledger.posture(day("2020-01-10"));
        let e = entry(&p, "CAN in IRQ under NMI").expect("Canada's NMI figure");
        e.origin()
    };
    assert_eq!(origin("250"), Origin::Observed);
    assert_eq!(origin("n/r"), Origin::Share);
}

#[test]
fn the_nato_mission_and_canadas_share_of_it() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day("2020-02-13"));
    let nmi = nato_mission(&p);
    let reported = nmi.reported.expect("a reported total");
    assert_eq!(reported.strength().to_string(), "~500");
    let parts: Vec<String> = nmi
        .contributions
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.nation().map(|n| n.to_string()).unwrap_or_default(),
                e.strength()
            )
        })
        .collect();
    // "Approximately 250" on 12 February, but the troops Canada moved to
    // Kuwait "temporarily" on 9 January may have come back since, to any
    // of its places in Iraq (the NATO mission among them): at most the 500
    // it had.
    assert_eq!(parts, ["CAN 225..500"]);
    assert_eq!(nmi.attributed.to_string(), "225..500");
    assert_eq!(
        nmi.unattributed.map(|u| u.to_string()).as_deref(),
        Some("0..325")
    );
    // Canada's troops with the mission sit inside its Iraq-wide figure.
    let can_nmi = entry(&p, "CAN in IRQ under NMI").expect("entry");
    assert!(can_nmi.is_nested());
    assert_eq!(can_nmi.bounds().low(), 225);
}

#[test]
fn announced_moves_change_only_the_projected_posture() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let actual = ledger.posture(day("2020-02-13"));
    assert!(actual
        .entries()
        .iter()
        .all(|e| e.status() == Status::Present));
    assert_eq!(
        figure(&actual, "unnamed contributors in IRQ under NMI"),
        None
    );
    let projected = ledger.posture_with(
        day("2020-02-13"),
        PostureOptions {
            projection: troop_tracker::Projection::Projected,
            ..PostureOptions::default()
        },
    );
    let planned =
        entry(&projected, "unnamed contributors in IRQ under NMI").expect("the planned transfer");
    assert_eq!(planned.status(), Status::Planned);
    // "hundreds" and "a couple of hundred" compete: the move is what both allow.
    assert_eq!(planned.strength().to_string(), "200..300");
    let ids: Vec<&str> = planned.basis().iter().map(|b| b.as_str()).collect();
    assert_eq!(ids, ["R-GCDI-NMI-2020-02-13", "R-GCDI-NMI-2020-02-13-b"]);
    // Exactly the figures an announced move touches are planned: the rest
    // of the projected posture (Germany in Iraq, say) stays present.
    let announced: Vec<&str> = data
        .relocations()
        .iter()
        .filter(|r| r.status() == troop_tracker::RelocationStatus::Announced)
        .map(|r| r.id().as_str())
        .collect();
    let (touched, untouched): (Vec<_>, Vec<_>) = projected
        .entries()
        .iter()
        .partition(|e| e.basis().iter().any(|b| announced.contains(&b.as_str())));
    assert!(!touched.is_empty() && !untouched.is_empty());
    assert!(touched.iter().all(|e| e.status() == Status::Planned));
    assert!(untouched.iter().all(|e| e.status() == Status::Present));
    assert!(untouched
        .iter()
        .any(|e| e.key().to_string() == "DEU in IRQ"));
}

#[test]
fn old_figures_are_flagged_stale_with_a_configurable_threshold() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let late = ledger.posture(day("2020-12-31"));
    let deu = entry(&late, "DEU in IRQ").expect("entry");
    assert!(deu.is_stale());
    let early = ledger.posture(day("2020-02-13"));
    assert!(early.entries().iter().all(|e| !e.is_stale()));
    let lenient = ledger.posture_with(
        day("2020-12-31"),
        PostureOptions {
            stale_after_days: 400,
            ..PostureOptions::default()
        },
    );
    assert!(lenient.entries().iter().all(|e| !e.is_stale()));
    // Germany's figure in Iraq rests on the 9 January report: 357 days
    // before 31 December. Stale past the threshold, not at it.
    let age = (day("2020-12-31") - day("2020-01-09")).num_days();
    for (after, stale) in [(age - 1, true), (age, false)] {
        let p = ledger.posture_with(
            day("2020-12-31"),
            PostureOptions {
                stale_after_days: u32::try_from(after).expect("days"),
                ..PostureOptions::default()
            },
        );
        let deu = entry(&p, "DEU in IRQ").expect("entry");
        assert_eq!(deu.is_stale(), stale, "stale after {after} days");
    }
}

#[test]
fn competing_same_day_observations_use_what_both_allow() {
    let mut f = common::files();
    let d = f
        .iter_mut()
        .find(|(n, _)| n == "deployments.csv")
        .expect("file");
    d.1.push_str(&format!("D2,CAN,IRQ,,2020-01-05,,~100,,,s1,{Q},\n"));
    d.1.push_str(&format!("D3,CAN,IRQ,,2020-01-05,,100..150,,,s1,{Q},\n"));
    let data = common::load(&f).expect("loads");
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day("2020-01-05"));
    let can = entry(&p, "CAN in IRQ").expect("entry");
    assert_eq!(can.origin(), Origin::Competing);
    assert_eq!(can.bounds().to_string(), "100..110");
}

#[test]
fn totals_sum_intervals_honestly() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day("2020-01-09"));
    let by_nation: Vec<_> = p.by_nation();
    let sum_low: u64 = by_nation.iter().map(|v| v.total.low()).sum();
    assert_eq!(p.total().low(), sum_low);
    let can = by_nation
        .iter()
        .find(|v| v.nation.map(|n| n.to_string()).as_deref() == Some("CAN"))
        .expect("Canada");
    // Whatever "some" moved to Kuwait left Iraq: 500 in all.
    assert_eq!(can.total.to_string(), "500");
    let iraq = p
        .by_location()
        .into_iter()
        .find(|v| v.label == "IRQ")
        .expect("Iraq");
    // 500 minus 2..499 moved out, plus Germany's 90.
    assert_eq!(iraq.total.to_string(), "91..588");
}

#[test]
fn changes_between_two_days_name_the_moves() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let c = ledger.changes(
        day("2020-01-08"),
        day("2020-01-09"),
        PostureOptions::default(),
    );
    let moves: Vec<&str> = c.moves.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(moves, ["R-DEU-2020-01-09", "R-CAN-2020-01-09"]);
    let iraq = c
        .figures
        .iter()
        .find(|x| x.key.to_string() == "DEU in IRQ")
        .expect("change");
    assert!(iraq.before.is_none());
    assert_eq!(iraq.after.map(|s| s.to_string()).as_deref(), Some("90"));
    let text = summary::changes_table(&data, &c, 80);
    assert!(text.contains("DEU move 30 from IRQ to JOR and KWT"));
    // The moves of the 9th are in the posture at its end: from then to the
    // end of the 10th nothing moves, even with the plans of 13 February
    // counted (they lie after the 10th).
    let next = ledger.changes(
        day("2020-01-09"),
        day("2020-01-10"),
        PostureOptions::projected(),
    );
    assert!(next.moves.is_empty(), "{:?}", next.moves);
    // Up to the 13th the plans are among the moves, the 9th's still not.
    let plans = ledger.changes(
        day("2020-01-09"),
        day("2020-02-13"),
        PostureOptions::projected(),
    );
    let moves: Vec<&str> = plans.moves.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(moves, ["R-GCDI-NMI-2020-02-13"]);
}

#[test]
fn timelines_of_a_mission_and_a_nation() {
    let data = bundled();
    let nmi = data.timeline(&Subject::Mission("NMI".parse().expect("id")));
    let first = nmi.first().expect("items");
    assert_eq!(first.what, "launched");
    assert_eq!(first.date.to_string(), "2018");
    let kinds: Vec<&str> = nmi.iter().map(|i| i.what.as_str()).collect();
    let suspended = kinds
        .iter()
        .position(|k| *k == "training_suspended")
        .expect("suspension");
    let resumed = kinds
        .iter()
        .position(|k| *k == "resumption_approved")
        .expect("resumption");
    assert!(suspended < resumed);
    let total = nmi
        .iter()
        .find(|i| i.record == "T-NMI-2020-02-13")
        .expect("total");
    assert_eq!(
        total.strength_after.map(|s| s.to_string()).as_deref(),
        Some("450..550")
    );
    let can = data.timeline(&Subject::Nation("CAN".parse().expect("code")));
    assert!(can.iter().all(|i| i.citation.quote().contains("Canada")));
    // A move the source calls temporary says so in its line; one it does
    // not ("not said to be temporary") does not.
    let line = |subject: &str, record: &str| {
        data.timeline(&Subject::Nation(subject.parse().expect("code")))
            .into_iter()
            .find(|i| i.record == record)
            .unwrap_or_else(|| panic!("{record} in the timeline"))
            .text
    };
    assert!(line("CAN", "R-CAN-2020-01-09").ends_with(", temporary"));
    assert!(!line("DEU", "R-DEU-2020-01-09").contains("temporary"));
    // On the day of a move, the force as it was before the move comes
    // first, then the move, then the force as it is after.
    let deu: Vec<String> = data
        .timeline(&Subject::Nation("DEU".parse().expect("code")))
        .into_iter()
        .filter(|i| i.date.to_string() == "2020-01-09")
        .map(|i| i.record)
        .collect();
    assert_eq!(
        deu,
        [
            "D-DEU-IRQ-2020-01-09",
            "R-DEU-2020-01-09",
            "D-DEU-KRD-2020-01-09"
        ]
    );
}

#[test]
fn summary_snapshot_for_the_day_of_the_january_relocations() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let text = summary::posture_tables(&ledger.posture(day("2020-01-09")), summary::DEFAULT_WIDTH);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/posture_2020-01-09.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).expect("write snapshot");
    }
    let expected =
        std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(text, expected);
}

/// Troops in their own nation's territory are not deployed abroad: the
/// totals give "abroad" and "at home" apart, in every output.
#[test]
fn home_and_abroad_are_totalled_apart() {
    let deployments =
        common::FIXTURE[4].1.to_owned() + &format!("D2,DEU,DEU,,2020-01-09,,~1000,,,s1,{Q},\n");
    let files = common::with_file("deployments.csv", &deployments);
    let nations = files
        .iter()
        .find(|(n, _)| n == "nations.csv")
        .expect("nations")
        .1
        .clone();
    assert!(
        nations.contains("DEU,"),
        "Germany is a nation of the fixture"
    );
    let data = common::load(&files).expect("loads");
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day("2020-01-09"));
    let home = entry(&p, "DEU in DEU").expect("Germany at home");
    assert!(home.is_at_home());
    assert!(p.entries().iter().filter(|e| e.is_at_home()).count() == 1);
    assert_eq!(p.at_home().to_string(), "900..1100");
    // Abroad: Germany's 120 of Iraq (some now in Jordan).
    assert_eq!(p.abroad().to_string(), "120");
    assert_eq!(p.total().low(), p.abroad().low() + p.at_home().low());
    assert_eq!(p.total().high(), Some(120 + 1100));
    // totals.csv, JSON and the summary say it.
    let mut csv = Vec::new();
    troop_tracker::export::write_totals(&mut csv, &p, Default::default()).expect("writes");
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(
        csv.contains(",at_home,troops in their own nation,900..1100,900,1100,false,"),
        "{csv}"
    );
    assert!(
        csv.contains(",abroad,troops outside their own nation,"),
        "{csv}"
    );
    let json = serde_json::to_value(troop_tracker::rows::totals(&p)).expect("JSON");
    let home = json
        .as_array()
        .expect("rows")
        .iter()
        .find(|t| t["scope"] == "at_home")
        .expect("at home");
    assert_eq!(home["strength"], "900..1100");
    assert_eq!(
        (home["low"].as_u64(), home["high"].as_u64()),
        (Some(900), Some(1100))
    );
    let text = summary::posture_tables(&p, 100);
    assert!(text.contains("in their own nation: 900..1100"), "{text}");
}

/// Within a mission's timeline a line does not repeat the mission, nor an
/// event its organization; in everyone's timeline (and a nation's) it
/// names them.
#[test]
fn a_missions_timeline_does_not_repeat_the_mission() {
    let data = bundled();
    let text = |subject: Subject, record: &str| {
        data.timeline(&subject)
            .into_iter()
            .find(|i| i.record == record)
            .unwrap_or_else(|| panic!("{record} in the timeline"))
            .text
    };
    let nmi = || Subject::Mission("NMI".parse().expect("id"));
    let event = "E-NMI-2020-01-07-moved-out";
    let all = text(Subject::All, event);
    let within = text(nmi(), event);
    assert!(all.contains("NATO") && all.contains("NMI"), "{all}");
    assert!(
        !within.contains("NATO") && !within.contains("NMI"),
        "{within}"
    );
    assert!(all.ends_with(&within), "{all} / {within}");
    let observed = "D-CAN-NMI-2020-02-12";
    let all = text(Subject::All, observed);
    let of_canada = text(Subject::Nation("CAN".parse().expect("code")), observed);
    let within = text(nmi(), observed);
    assert_eq!(all, of_canada);
    assert!(all.contains("under NMI"), "{all}");
    assert!(!within.contains("NMI"), "{within}");
    assert!(all.starts_with(&within), "{all} / {within}");
}

/// A mission counts each nation's country-wide figure under it where
/// there is one, and its area figures only where there is none: an
/// area's troops are part of the country's, never added to them.
#[test]
fn a_mission_counts_the_country_wide_figure_not_its_areas_too() {
    let country = format!("D2,CAN,IRQ,NMI,2020-01-09,,120,,its 120,s1,{Q},");
    let area = format!("D3,CAN,IRQ/Kurdistan region,NMI,2020-01-09,,30,,30,s1,{Q},");
    let counted = |lines: &[&str]| {
        let mut files = common::files();
        for line in lines {
            files = common::with_line_in(&files, "deployments.csv", line);
        }
        let data = common::load(&files).expect("loads");
        let ledger = troop_tracker::Ledger::new(&data);
        let p = ledger.posture(day("2020-01-10"));
        let nmi = nato_mission(&p);
        let keys: Vec<String> = nmi
            .contributions
            .iter()
            .map(|e| e.key().to_string())
            .collect();
        (keys, nmi.attributed.to_string())
    };
    assert_eq!(
        counted(&[&country, &area]),
        (vec!["CAN in IRQ under NMI".to_owned()], "120".to_owned())
    );
    assert_eq!(
        counted(&[&area]),
        (
            vec!["CAN in IRQ/Kurdistan region under NMI".to_owned()],
            "30".to_owned()
        )
    );
}

/// A projected posture plans a mission's strength from its reported total
/// and the moves announced since: what moves in adds, what moves out
/// takes away.
#[test]
fn an_announced_move_out_of_a_mission_lowers_its_planned_strength() {
    let planned = |from_mission: &str, to_mission: &str| {
        let files = common::with_line(
            "deployments.csv",
            &format!("D2,CAN,IRQ,NMI,2020-01-09,,120,,its 120,s1,{Q},"),
        );
        let files = common::with_line_in(
            &files,
            "relocations.csv",
            &format!(
                "R2,CAN,2020-01-10,30,IRQ,{from_mission},IRQ,{to_mission},,announced,,,30,s1,{Q},"
            ),
        );
        let data = common::load(&files).expect("loads");
        let ledger = troop_tracker::Ledger::new(&data);
        let p = ledger.posture_with(day("2020-01-10"), PostureOptions::projected());
        let nmi = nato_mission(&p);
        nmi.planned.map(|b| b.to_string())
    };
    // The 500-strong mission loses the 30 that leave it...
    assert_eq!(planned("NMI", "").as_deref(), Some("470"));
    // ...and the same move the other way would bring it to 530.
    assert_eq!(planned("", "NMI").as_deref(), Some("530"));
}

/// The day a posture is asked of when none is given (the tool's
/// `--as-of`): the last day of the latest observation, relocation or
/// mission total, never of an event, which may lie ahead.
#[test]
fn the_latest_day_is_that_of_the_latest_figure() {
    let latest = |files: &[(String, String)]| {
        common::load(files)
            .expect("loads")
            .latest_day()
            .map(|d| d.to_string())
    };
    // The seeds' last figure: Canada's troops on 15 February 2020.
    assert_eq!(
        bundled().latest_day().map(|d| d.to_string()).as_deref(),
        Some("2020-02-15")
    );
    assert_eq!(latest(&common::files()).as_deref(), Some("2020-01-09"));
    // A month ends on its last day; a later mission total or relocation
    // moves the day on, a later event does not.
    let t = common::with_edit(
        "mission_strengths.csv",
        "T1,NMI,2020-01-09",
        "T1,NMI,2020-03",
    );
    assert_eq!(latest(&t).as_deref(), Some("2020-03-31"));
    let e = common::with_edit("events.csv", "E1,2018,", "E1,2024,");
    assert_eq!(latest(&e).as_deref(), Some("2020-01-09"));
    let d = common::with_line(
        "deployments.csv",
        &format!("D2,DEU,JOR,,2020-02-02,,30,,30,s1,{Q},"),
    );
    assert_eq!(latest(&d).as_deref(), Some("2020-02-02"));
    let r = common::with_line(
        "relocations.csv",
        &format!("R2,DEU,2020-02-20,30,JOR,,IRQ,,,under_way,,,30,s1,{Q},"),
    );
    assert_eq!(latest(&r).as_deref(), Some("2020-02-20"));
    // No figure at all: no day.
    let mut none = common::files();
    for (name, text) in &mut none {
        if [
            "deployments.csv",
            "relocations.csv",
            "mission_strengths.csv",
        ]
        .contains(&name.as_str())
        {
            *text = text.lines().next().unwrap_or_default().to_owned() + "\n";
        }
    }
    assert_eq!(latest(&none), None);
}

/// Focused on a mission, a posture keeps that mission's figures and no
/// other; on a nation, that nation's; on both, what both name.
#[test]
fn a_focused_posture_keeps_only_its_nation_and_mission() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture(day("2020-02-13"));
    let keys = |q: &Posture<'_>| -> Vec<String> {
        q.entries().iter().map(|e| e.key().to_string()).collect()
    };
    let nmi = "NMI".parse().expect("a mission id");
    let can = "CAN".parse().expect("a nation code");
    let all = keys(&p);
    let under = |k: &String| k.ends_with(" under NMI");
    let expected: Vec<String> = all.iter().filter(|k| under(k)).cloned().collect();
    assert!(
        !expected.is_empty() && expected.len() < all.len(),
        "{all:?}"
    );
    assert_eq!(keys(&p.focus(None, Some(&nmi))), expected);
    let canada: Vec<String> = all
        .iter()
        .filter(|k| k.starts_with("CAN "))
        .cloned()
        .collect();
    assert!(canada.len() > 1 && canada.len() < all.len(), "{all:?}");
    assert_eq!(keys(&p.focus(Some(can), None)), canada);
    let both: Vec<String> = canada.iter().filter(|k| under(k)).cloned().collect();
    assert_eq!(keys(&p.focus(Some(can), Some(&nmi))), both);
    assert_eq!(keys(&p.focus(None, None)), all);
}

/// The projection's name, as the tool's JSON gives it (`"projection"`).
#[test]
fn a_projection_reads_as_its_name() {
    use troop_tracker::Projection;
    for (p, name) in [
        (Projection::Actual, "actual"),
        (Projection::Projected, "projected"),
    ] {
        assert_eq!(p.as_str(), name);
        assert_eq!(p.to_string(), name);
    }
}

/// A ledger's debug form shows how many components its world has once
/// built, not the world's inner tables (a posture builds it).
#[test]
fn a_ledgers_debug_form_counts_the_worlds_components() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let unbuilt = format!("{ledger:?}");
    assert!(!unbuilt.contains("World"), "no world before a question");
    ledger.posture(day("2020-01-09"));
    let built = format!("{ledger:?}");
    let at = built.find("World { components: ").expect("the world");
    let count: String = built[at + "World { components: ".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(count.parse::<usize>().is_ok_and(|n| n > 0), "{count}");
    assert!(built[at..].starts_with(&format!("World {{ components: {count}, .. }}")));
}

#[test]
fn a_posture_keeps_its_options_and_its_title_says_which_moment() {
    use troop_tracker::posture::Moment;
    use troop_tracker::Projection;
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    for moment in [Moment::StartOfDay, Moment::EndOfDay] {
        for projection in [Projection::Actual, Projection::Projected] {
            for (stale_after_days, count_ended) in [(30, true), (400, false)] {
                let options = PostureOptions {
                    projection,
                    stale_after_days,
                    moment,
                    count_ended,
                };
                let p = ledger.posture_with(day("2020-02-13"), options);
                assert_eq!(p.options(), options);
                let text = summary::posture_tables(&p, summary::DEFAULT_WIDTH);
                let when = if moment == Moment::StartOfDay {
                    "start of"
                } else {
                    "end of"
                };
                assert!(
                    text.starts_with(&format!("Force posture, {when} 2020-02-13")),
                    "{options:?}: {}",
                    &text[..80]
                );
            }
        }
    }
}

/// The tables by nation and by location add a total under a nation or a
/// place only when it has more than one top-level figure (an area is
/// inside its country's figure, so a country and its area make no sum).
#[test]
fn a_nation_or_place_with_one_figure_gets_no_total_row() {
    let data = bundled();
    let ledger = troop_tracker::Ledger::new(&data);
    let tops = |entries: &[&troop_tracker::posture::Entry<'_>]| {
        entries.iter().filter(|e| !e.is_nested()).count()
    };
    // The rows whose second cell is "total".
    let totals = |table: &str| {
        table
            .lines()
            .filter(|l| l.split('┆').nth(1).is_some_and(|c| c.trim() == "total"))
            .count()
    };
    let (mut single_nation, mut single_place) = (0, 0);
    for d in [
        "2020-01-02",
        "2020-01-08",
        "2020-01-09",
        "2020-02-13",
        "2020-06-30",
    ] {
        let p = ledger.posture(day(d));
        let text = summary::posture_tables(&p, 200);
        let by_nation = text.split("\nBy mission\n").next().expect("by nation");
        let by_location = text
            .split("\nBy location\n")
            .nth(1)
            .and_then(|t| t.split("\n\n").next())
            .expect("by location");
        // A table's "total" rows are its groups with more than one
        // top-level figure; the groups with one are counted.
        let singles = |table: &str, groups: &[&Vec<&troop_tracker::posture::Entry<'_>>]| {
            let summed = groups.iter().filter(|e| tops(e) > 1).count();
            assert_eq!(totals(table), summed, "{d}: {text}");
            groups.len() - summed
        };
        let nations = p.by_nation();
        let groups: Vec<_> = nations.iter().map(|v| &v.entries).collect();
        single_nation += singles(by_nation, &groups);
        let places = p.by_location();
        let groups: Vec<_> = places.iter().map(|v| &v.entries).collect();
        single_place += singles(by_location, &groups);
    }
    assert!(single_nation > 0, "some day has a nation with one figure");
    assert!(single_place > 0, "some day has a place with one figure");
}
