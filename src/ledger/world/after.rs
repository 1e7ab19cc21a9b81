//! Questions asked right after a record (`World::ranges_after`): of the
//! record's own figure the answer is the count its moment leaves; of a
//! sum that reaches past the record's history, or of a record the world
//! leaves out, no bounds at all rather than an answer for another moment.

use super::fixture::{data, figure};
use super::{RecordRef, Term, World};

#[test]
fn right_after_each_move_the_origin_holds_what_it_left() {
    let data = data();
    let world = World::new(&data, false);
    let iraq = figure(&world, &data, 0);
    let asks = [
        (RecordRef::Deployment(0), iraq.clone()),
        (RecordRef::Relocation(0), iraq.clone()),
        (RecordRef::Relocation(1), iraq),
    ];
    let answers: Vec<_> = world.ranges_after(&asks).into_iter().collect();
    assert_eq!(
        answers,
        [
            Ok((Some(100), Some(100))),
            Ok((Some(90), Some(90))),
            Ok((Some(70), Some(70)))
        ]
    );
}

#[test]
fn a_sum_past_the_records_history_or_a_record_left_out_has_no_bounds() {
    let data = data();
    let world = World::new(&data, false);
    let iraq = figure(&world, &data, 0);
    let both: Vec<(Term, f64)> = iraq
        .iter()
        .copied()
        .chain(figure(&world, &data, 1))
        .collect();
    let asks = [
        // Germany's move says nothing of France's moment.
        (RecordRef::Relocation(0), both),
        // Only announced: not a move of the actual world.
        (RecordRef::Relocation(2), iraq.clone()),
        // Nothing asked: nothing counted.
        (RecordRef::Relocation(2), Vec::new()),
        (RecordRef::Relocation(1), iraq.clone()),
    ];
    assert_eq!(
        world.ranges_after(&asks),
        [
            Ok((None, None)),
            Ok((None, None)),
            Ok((Some(0), Some(0))),
            Ok((Some(70), Some(70)))
        ]
    );
    // In the projected world the announced move is made: Iraq keeps 40.
    let projected = World::new(&data, true);
    let iraq = figure(&projected, &data, 0);
    assert_eq!(
        projected.ranges_after(&[(RecordRef::Relocation(2), iraq)]),
        [Ok((Some(40), Some(40)))]
    );
}

/// What a move moved is asked right after any record of its own history
/// (Iraq after Kuwait's 20 left, with Jordan's 10 added back: 80); asked
/// right after a record of another history (France's), it has no bounds.
#[test]
fn a_moves_count_is_asked_within_its_own_history_only() {
    let data = data();
    let world = World::new(&data, false);
    let moved = |row: u32| (Term::Moved(RecordRef::Relocation(row)), 1.0);
    let mut iraq_and_jordans = figure(&world, &data, 0);
    iraq_and_jordans.push(moved(0));
    let asks = [
        (RecordRef::Relocation(1), vec![moved(1)]),
        (RecordRef::Relocation(1), iraq_and_jordans),
        (RecordRef::Deployment(1), vec![moved(0)]),
    ];
    assert_eq!(
        world.ranges_after(&asks),
        [
            Ok((Some(20), Some(20))),
            Ok((Some(80), Some(80))),
            Ok((None, None))
        ]
    );
}
