//! Each case where an independent check found the engine publishing a
//! range that excluded the truth (issue 18), with that truth: the world
//! the records came from. Places are written as the generated data folder
//! writes them — `HAA` for Iraq, `HAA/North` for an area of it (Baghdad,
//! the Kurdistan region), `HAB` for Kuwait, `HAC` for Jordan — and `M1`
//! for a mission.

mod world;

use world::{between, fig, n, Count, Figure, Place, Spec, When};

const IRAQ: Place = Place::A;
const AREA: Place = Place::North;
const KUWAIT: Place = Place::B;
const JORDAN: Place = Place::C;

fn at(p: Place) -> Figure {
    Figure::at(p)
}

/// The posture's figure for `key` at the end of day `d`: its bounds.
fn figure(spec: &Spec, d: u32, key: &str) -> String {
    let (figures, _) = spec.posture(d, true);
    match figures.get(&format!("NAA in {key}")) {
        Some((bounds, contradicted)) => {
            assert!(!contradicted, "{key} is flagged: {figures:?}");
            bounds.clone()
        }
        None => panic!("no figure {key} in {figures:?}"),
    }
}

fn total(spec: &Spec, d: u32) -> String {
    spec.posture(d, true).1
}

fn errors(spec: &Spec) -> usize {
    spec.load().validate().count(troop_tracker::Severity::Error)
}

#[test]
fn a_move_out_of_an_area_leaves_its_country() {
    // Canada 100 in Iraq; 30 leave Baghdad for Kuwait: Iraq 70, total 100.
    let s = Spec::default()
        .report(at(IRAQ), n(100), When::Day(1))
        .moved(at(AREA), at(KUWAIT), n(30), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA"), "70");
    assert_eq!(figure(&s, 3, "HAB"), "30");
    assert_eq!(total(&s, 3), "100");
    assert_eq!(errors(&s), 0);
}

#[test]
fn a_move_into_an_area_of_the_same_country_stays_in_it() {
    // Germany 120 in Iraq; 30 move into the Kurdistan region: Iraq 120.
    let s = Spec::default()
        .report(at(IRAQ), n(120), When::Day(1))
        .moved(at(IRAQ), at(AREA), n(30), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA"), "120");
    assert_eq!(figure(&s, 3, "HAA/North"), "30..120");
}

#[test]
fn a_move_from_abroad_into_an_area_adds_to_its_country() {
    // 40 move from Kuwait into Baghdad: Iraq 140.
    let s = Spec::default()
        .report(at(IRAQ), n(100), When::Day(1))
        .report(at(KUWAIT), n(50), When::Day(1))
        .moved(at(KUWAIT), at(AREA), n(40), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA"), "140");
    assert_eq!(total(&s, 3), "150");
}

#[test]
fn a_missions_troops_moving_abroad_leave_the_all_missions_figure() {
    let s = Spec::default()
        .report(at(IRAQ), n(100), When::Day(1))
        .moved(fig(&[IRAQ], true), at(KUWAIT), n(20), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA"), "80");
    assert_eq!(figure(&s, 3, "HAA under M1"), "0..80");
    assert_eq!(total(&s, 3), "100");
}

#[test]
fn a_move_out_of_a_country_takes_from_its_area() {
    // Iraq 100 and Baghdad 100; 30 leave Iraq: Baghdad 70, no
    // contradiction.
    let s = Spec::default()
        .report(at(IRAQ), n(100), When::Day(1))
        .report(at(AREA), n(100), When::Day(1))
        .moved(at(IRAQ), at(KUWAIT), n(30), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA/North"), "70");
    assert_eq!(figure(&s, 3, "HAA"), "70");
    assert_eq!(errors(&s), 0);
}

#[test]
fn arrivals_into_a_country_whose_area_alone_was_counted_add_to_it() {
    // Baghdad 50; 20 arrive into Iraq: Iraq 70, and the area stays in the
    // totals.
    let s = Spec::default()
        .report(at(AREA), n(50), When::Day(1))
        .report(at(KUWAIT), n(20), When::Day(1))
        .moved(at(KUWAIT), at(IRAQ), n(20), When::Day(2), false);
    assert_eq!(figure(&s, 3, "HAA"), "70");
    assert_eq!(figure(&s, 3, "HAA/North"), "50..70");
    assert_eq!(total(&s, 3), "70");
}

#[test]
fn a_joint_destination_is_counted_once() {
    // Germany 120; 30 to Jordan and Kuwait; then Kuwait reported, and 10
    // leave it: 120 in all, and no error.
    let s = Spec::default()
        .report(at(IRAQ), n(120), When::Day(1))
        .moved(
            at(IRAQ),
            fig(&[KUWAIT, JORDAN], false),
            n(30),
            When::Day(2),
            false,
        )
        .report(at(KUWAIT), n(20), When::Day(3))
        .moved(at(KUWAIT), at(IRAQ), n(10), When::Day(4), false);
    assert_eq!(total(&s, 5), "120");
    assert_eq!(figure(&s, 5, "HAB"), "10");
    assert_eq!(figure(&s, 5, "HAB+HAC"), "20");
    assert_eq!(figure(&s, 5, "HAA"), "100");
    assert_eq!(errors(&s), 0);
}

#[test]
fn a_report_made_again_does_not_hide_later_returns() {
    // Iraq 100, Kuwait 40; 60 go to Kuwait temporarily; Kuwait reported
    // at 100; they come back later (truth: Kuwait 40).
    let s = Spec::default()
        .report(at(IRAQ), n(100), When::Day(1))
        .report(at(KUWAIT), n(40), When::Day(1))
        .moved(at(IRAQ), at(KUWAIT), n(60), When::Day(2), true)
        .report(at(KUWAIT), n(100), When::Day(3));
    assert_eq!(figure(&s, 6, "HAB"), "40..100");
    assert_eq!(figure(&s, 6, "HAA"), "40..100");
    // Some may have come back before Kuwait's second report, which then
    // counts a Kuwait refilled from outside the record: up to 60 more.
    assert_eq!(total(&s, 6), "140..200");
}

#[test]
fn a_later_move_does_not_make_a_return_happen_early() {
    // Kuwait's 100 leave temporarily for Iraq on day 2; 60 come back on
    // day 4; 60 leave Kuwait for Jordan on day 5. On day 3: Kuwait 0,
    // Iraq 100 (truth).
    let s = Spec::default()
        .report(at(KUWAIT), n(100), When::Day(1))
        .moved(at(KUWAIT), at(IRAQ), n(100), When::Day(2), true)
        .moved(at(KUWAIT), at(JORDAN), n(60), When::Day(5), false);
    assert_eq!(figure(&s, 2, "HAB"), "0");
    assert_eq!(figure(&s, 3, "HAB"), "0..100");
    assert_eq!(figure(&s, 3, "HAA"), "0..100");
    // By day 5, at least 60 came back.
    assert_eq!(figure(&s, 5, "HAA"), "0..40");
    assert_eq!(errors(&s), 0);
}

#[test]
fn a_figure_of_a_month_is_at_some_moment_of_it() {
    // 500 "in January", 100 moved on the 10th: on the 20th 400 or 500.
    let s = Spec::default().report(at(IRAQ), n(500), When::Month).moved(
        at(IRAQ),
        at(KUWAIT),
        n(100),
        When::Day(10),
        false,
    );
    assert_eq!(figure(&s, 20, "HAA"), "400..500");
    assert_eq!(figure(&s, 31, "HAA"), "400..500");
    // Before the move: 500 or 600.
    assert_eq!(figure(&s, 9, "HAA"), "500..600");
}

#[test]
fn counts_above_two_to_the_31_are_exact() {
    let s = Spec::default()
        .report(at(IRAQ), n(3_500_000_000), When::Day(1))
        .report(
            at(AREA),
            between(2_700_000_000, 3_300_000_000),
            When::Day(1),
        )
        .moved(at(IRAQ), at(KUWAIT), n(300_000_000), When::Day(2), false);
    assert_eq!(figure(&s, 1, "HAA/North"), "2700000000..3300000000");
    // The area keeps no more than is left in its country.
    assert_eq!(figure(&s, 3, "HAA/North"), "2400000000..3200000000");
    assert_eq!(total(&s, 3), "3500000000");
}

#[test]
fn arrivals_into_an_area_then_departures_from_its_country_are_true() {
    let s = Spec::default()
        .report(at(KUWAIT), n(50), When::Day(1))
        .moved(at(KUWAIT), at(AREA), n(30), When::Day(2), false)
        .moved(at(IRAQ), at(JORDAN), n(20), When::Day(3), false);
    assert_eq!(errors(&s), 0);
    // The move out of Iraq says troops were there; the record does not
    // say none were outside the area before: at least 10.
    assert_eq!(figure(&s, 4, "HAA"), ">=10");
    assert_eq!(total(&s, 4), ">=50");
}

#[test]
fn a_move_beyond_a_fixed_origin_is_flagged_everywhere() {
    let s = Spec::default().report(at(IRAQ), n(10), When::Day(1)).moved(
        at(IRAQ),
        at(KUWAIT),
        n(15),
        When::Day(2),
        false,
    );
    let (figures, _) = s.posture(3, true);
    assert!(
        figures.values().all(|(_, contradicted)| *contradicted),
        "{figures:?}"
    );
    assert!(errors(&s) > 0);
}

#[test]
fn an_area_within_its_country_holds_between_their_reports() {
    // Baghdad 9 on day 1, Iraq 5..11 on day 2, nothing moves: Iraq is at
    // least 9.
    let s = Spec::default().report(at(AREA), n(9), When::Day(1)).report(
        at(IRAQ),
        between(5, 11),
        When::Day(2),
    );
    assert_eq!(figure(&s, 3, "HAA"), "9..11");
}

#[test]
fn after_a_temporary_move_the_origin_keeps_its_bound() {
    // Iraq 4; at most one goes to Kuwait temporarily: Iraq 3..4 after.
    let s = Spec::default().report(at(IRAQ), n(4), When::Day(1)).moved(
        at(IRAQ),
        at(KUWAIT),
        Count {
            low: 0,
            high: Some(1),
        },
        When::Day(2),
        true,
    );
    assert_eq!(figure(&s, 3, "HAA"), "3..4");
    assert_eq!(figure(&s, 3, "HAB"), "0..1");
}
