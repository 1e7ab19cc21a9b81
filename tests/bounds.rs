//! Tight, honest bounds on the bundled data: every figure and every sum is
//! the tightest range all the recorded evidence allows. What a relocation
//! takes from one place arrives at the other, an area's figure bounds its
//! country's, and a temporary move may have come back — without losing the
//! troops on the way.

use troop_tracker::{Dataset, Ledger, Posture, PostureOptions, Rule, Severity};

fn day(s: &str) -> troop_tracker::Day {
    s.parse().expect("a day")
}

fn figure(p: &Posture<'_>, key: &str) -> String {
    p.entries()
        .iter()
        .find(|e| e.key().to_string() == key)
        .map(|e| e.bounds().to_string())
        .unwrap_or_else(|| panic!("no {key} on {}", p.day()))
}

fn nation_total(p: &Posture<'_>, code: &str) -> String {
    p.by_nation()
        .into_iter()
        .find(|v| v.nation.map(|n| n.to_string()).as_deref() == Some(code))
        .map(|v| v.total.to_string())
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn the_january_relocations_move_troops_without_losing_them() {
    let data = Dataset::bundled().expect("bundled");
    let ledger = Ledger::new(&data);
    let p = ledger.posture(day("2020-01-09"));
    // Canada moved "some of its 500 troops" to Kuwait: two at least (a
    // plural), not all, and the nation still has 500.
    assert_eq!(nation_total(&p, "CAN"), "500");
    assert_eq!(figure(&p, "CAN in KWT"), "2..499");
    assert_eq!(figure(&p, "CAN in IRQ"), "1..498");
    // Germany: 120 - 30 = 90 in Iraq, 30 in Jordan and Kuwait, 120 in all.
    assert_eq!(figure(&p, "DEU in IRQ"), "90");
    assert_eq!(figure(&p, "DEU in JOR+KWT"), "30");
    assert_eq!(nation_total(&p, "DEU"), "120");
    // Germany's "others" in Kurdistan (two at least) are part of its 90
    // in Iraq.
    assert_eq!(figure(&p, "DEU in IRQ/Kurdistan region"), "2..90");
    assert_eq!(p.total().to_string(), "620");

    // The next day, whatever the temporary move may since have returned,
    // the totals stay.
    let p = ledger.posture(day("2020-01-10"));
    assert_eq!(nation_total(&p, "CAN"), "500");
    assert_eq!(figure(&p, "CAN in KWT"), "0..499");
    assert_eq!(figure(&p, "CAN in IRQ"), "1..500");
    assert_eq!(nation_total(&p, "DEU"), "120");
    assert_eq!(p.total().to_string(), "620");
}

#[test]
fn canadas_troops_with_nato_bound_its_troops_in_iraq() {
    let data = Dataset::bundled().expect("bundled");
    let ledger = Ledger::new(&data);
    let p = ledger.posture(day("2020-02-13"));
    // ~250 assigned to the NATO mission are part of Canada in Iraq...
    assert_eq!(figure(&p, "CAN in IRQ"), "225..500");
    // ...so at most 275 of its 500 can be in Kuwait.
    assert_eq!(figure(&p, "CAN in KWT"), "0..275");
    assert_eq!(nation_total(&p, "CAN"), "500");
    // And validation does not warn that the mission's share may exceed
    // Canada's troops in Iraq.
    let report = data.validate();
    let with_nato: Vec<_> = report
        .by_rule(Rule::WithinCountry)
        .filter(|f| f.message().contains("CAN in IRQ under NMI"))
        .collect();
    assert!(!with_nato.is_empty(), "the check runs");
    assert!(
        with_nato.iter().all(|f| f.severity() == Severity::Note),
        "{report}"
    );
}

#[test]
fn announced_transfers_add_to_the_mission_they_join() {
    let data = Dataset::bundled().expect("bundled");
    let ledger = Ledger::new(&data);
    let p = ledger.posture_with(day("2020-02-13"), PostureOptions::projected());
    let nmi = p
        .by_mission()
        .into_iter()
        .find(|v| v.mission.as_str() == "NMI")
        .expect("NMI");
    let reported = nmi.reported.expect("a reported total").strength().bounds();
    assert_eq!(reported.to_string(), "450..550");
    let planned = nmi.planned.expect("a planned strength");
    // About 500, plus "a couple of hundred" trainers from the coalition:
    // on top of, not inside, ~500. (Spain's "portion" names no origin, so
    // it is an event, not a move that adds to the mission.)
    assert_eq!(planned.to_string(), "650..850");
    assert!(planned.low() > reported.high().expect("bounded"));
    // The transfers are also among the contributions, so they cancel in
    // what is left unattributed: ~500 minus Canada's 225..500 (its ~250,
    // plus what may have come back from Kuwait since).
    assert_eq!(
        nmi.unattributed.map(|u| u.to_string()).as_deref(),
        Some("0..325")
    );
    // Without projection there is no planned strength.
    let actual = ledger.posture(day("2020-02-13"));
    let nmi = actual
        .by_mission()
        .into_iter()
        .find(|v| v.mission.as_str() == "NMI")
        .expect("NMI");
    assert_eq!(nmi.planned, None);
}

#[test]
fn the_timeline_gives_each_move_its_tight_figure_on_the_day() {
    let data = Dataset::bundled().expect("bundled");
    let canada = data.timeline(&troop_tracker::Subject::Nation(
        "CAN".parse().expect("code"),
    ));
    let moved = canada
        .iter()
        .find(|i| i.record == "R-CAN-2020-01-09")
        .expect("Canada's move");
    // On the day of the move none of it has come back yet: Iraq keeps
    // 1..498, not the 1..500 that holds on any later day.
    assert_eq!(
        moved.strength_after.map(|s| s.to_string()).as_deref(),
        Some("1..498")
    );
    let arrived = moved.arrival.as_ref().and_then(|a| a.after);
    assert_eq!(arrived.map(|s| s.to_string()).as_deref(), Some("2..499"));
}

/// A report's own figure stands after its line as the source wrote it
/// ("about 250", not the range it allows) when nothing else on the day
/// narrows it.
#[test]
fn the_timeline_keeps_a_reports_own_words_when_they_are_the_figure() {
    let data = Dataset::bundled().expect("bundled");
    let canada = data.timeline(&troop_tracker::Subject::Nation(
        "CAN".parse().expect("code"),
    ));
    let observed = canada
        .iter()
        .find(|i| i.record == "D-CAN-NMI-2020-02-12")
        .expect("Canada's ~250 in NATO Mission Iraq");
    assert_eq!(observed.step.change, "observed ~250");
    assert_eq!(
        observed.step.after.map(|s| s.to_string()).as_deref(),
        Some("~250")
    );
    // Its bounds are the rule's for "about 250".
    assert_eq!(
        observed.strength_after.map(|s| s.to_string()).as_deref(),
        Some("225..275")
    );
}
