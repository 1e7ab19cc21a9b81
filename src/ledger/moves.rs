//! One relocation applied to the replay's state: what it takes from the
//! origin arrives at the destination, as intervals for the checks'
//! messages and the figures' provenance.

use crate::date::Day;
use crate::id::RecordId;
use crate::interval::Interval;
use crate::ledger::basis::Basis;
use crate::ledger::key::{Figure, Origin};
use crate::ledger::replay::{State, Trace};
use crate::relocation::Relocation;

/// Applies one move to `state` and reports it to `trace`: the figures'
/// own intervals (what the move's records say, by interval arithmetic),
/// not their bounds (the world model gives those).
pub(super) fn apply_move<'a>(
    state: &mut State,
    r: &'a Relocation,
    moved: Interval,
    basis: &[RecordId],
    (origin, destination): (usize, usize),
    day: Day,
    trace: &mut dyn FnMut(Trace<'a, '_>),
) {
    let before = state.take(origin);
    // After a temporary move the troops may have come back at any time, so
    // the origin holds anything from what was left to what was there, and
    // the destination anything from what it had to what it gained.
    let temporary = r.temporary() == Some(true);
    let settle = |was: Interval, now: Interval| if temporary { now.hull(&was) } else { now };
    let carry = |old: Option<&Figure>, value, fresh| carry(old, value, fresh, basis, day);
    let left = before.as_ref().map_or(Interval::unknown(), |f| {
        settle(f.value, f.value.minus(&moved))
    });
    let after = carry(before.as_ref(), left, Origin::Unobserved);
    state.insert(origin, after);
    let had = state.take(destination);
    let gained = match &had {
        Some(f) => settle(f.value, f.value.plus(&moved)),
        None => settle(Interval::exactly(0), moved),
    };
    let arrived = carry(had.as_ref(), gained, Origin::ArrivalsOnly);
    state.insert(destination, arrived);
    if let (Some(after), Some(arrived)) = (state.get(origin), state.get(destination)) {
        trace(Trace::Moved {
            relocation: r,
            moved,
            origin,
            before,
            after,
            destination,
            arrived,
        });
    }
}

/// A figure carried through a move: the old one's records plus the
/// move's, or only the move's when there was no figure.
fn carry(
    old: Option<&Figure>,
    value: Interval,
    fresh: Origin,
    basis: &[RecordId],
    day: Day,
) -> Figure {
    match old {
        Some(f) => Figure {
            value,
            stated: None,
            basis: f.basis.then(basis.iter().cloned()),
            day,
            observed_on: f.observed_on,
            origin: Origin::Replayed,
            not_reported: f.not_reported,
        },
        None => Figure {
            value,
            stated: None,
            basis: Basis::of(basis.iter().cloned()),
            day,
            observed_on: None,
            origin: fresh,
            not_reported: None,
        },
    }
}
