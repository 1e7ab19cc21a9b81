//! One relocation applied to the replay's state: what it takes from the
//! origin arrives at the destination, as intervals for the checks and as
//! forms for tight bounds.

use crate::date::Day;
use crate::id::RecordId;
use crate::interval::Interval;
use crate::ledger::basis::Basis;
use crate::ledger::bounds::System;
use crate::ledger::form::{Form, Var, VarId};
use crate::ledger::key::{Figure, Origin};
use crate::ledger::replay::{State, Trace};
use crate::relocation::Relocation;

/// Applies one move to `state` and reports it to `trace`.
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
    // As forms: the origin loses `m` and the destination gains it; after a
    // temporary move's day, `t` of it (at most `m`) may have come back.
    let m = state.form_within(moved);
    state.moved.insert(r.id().clone(), m.clone());
    let back = temporary.then(|| {
        let cap = m.terms().next().map(|(v, _)| v);
        state.var(Var {
            low: 0,
            high: moved.high(),
            returns_after: Some(day),
            at_most: cap,
        })
    });
    let shift = |f: &Form, sign: i64| shift(f, &m, back, sign);
    let origin_form = match &before {
        Some(f) => f.form.clone(),
        // No one had counted the origin: an unknown, at least the move.
        None => Form::var(state.var(Var::within(Interval::unknown()))),
    };
    let destination_form = |had: Option<&Figure>| had.map_or(Form::constant(0), |f| f.form.clone());
    let carry =
        |old: Option<&Figure>, value, fresh, form| carry(old, value, fresh, form, basis, day);
    let left = before.as_ref().map_or(Interval::unknown(), |f| {
        settle(f.value, f.value.minus(&moved))
    });
    let left_form = shift(&origin_form, -1);
    let left = at_any_time(&state.vars, &left_form).unwrap_or(left);
    let after = carry(before.as_ref(), left, Origin::Unobserved, left_form);
    // What is left where the troops came from is never below zero, also
    // after later moves into it.
    state.history.push((Form::constant(0), after.form.clone()));
    state.insert(origin, after);
    let had = state.take(destination);
    let gained = match &had {
        Some(f) => settle(f.value, f.value.plus(&moved)),
        None => settle(Interval::exactly(0), moved),
    };
    let arrived_form = shift(&destination_form(had.as_ref()), 1);
    let gained = at_any_time(&state.vars, &arrived_form).unwrap_or(gained);
    let arrived = carry(had.as_ref(), gained, Origin::ArrivalsOnly, arrived_form);
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
            vars: &state.vars,
        });
    }
}

/// `f` with the move `m` taken away (`sign` < 0) or added (`sign` > 0);
/// `back`, the part of a temporary move that may have come back, goes the
/// other way.
fn shift(f: &Form, m: &Form, back: Option<VarId>, sign: i64) -> Form {
    let mut out = f.add(sign * m.constant_part());
    for (v, _) in m.terms() {
        out = if sign > 0 { out.plus(v) } else { out.minus(v) };
    }
    match back {
        Some(t) if sign > 0 => out.minus(t),
        Some(t) => out.plus(t),
        None => out,
    }
}

/// A figure carried through a move: the old one's records plus the
/// move's, or only the move's when there was no figure.
fn carry(
    old: Option<&Figure>,
    value: Interval,
    fresh: Origin,
    form: Form,
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
            form,
        },
        None => Figure {
            value,
            stated: None,
            basis: Basis::of(basis.iter().cloned()),
            day,
            observed_on: None,
            origin: fresh,
            not_reported: None,
            form,
        },
    }
}

/// The bounds of a figure that carries a part of a temporary move that
/// may have come back: what it can be at any moment from now on, whenever
/// the troops came back, even after later moves. `None` when it carries no
/// such part (its interval arithmetic is then exact enough).
///
/// The widening at the move itself (origin between what was left and what
/// was there) is not enough once other moves follow: troops that come back
/// after a later move leave a place that the later move already emptied.
fn at_any_time(vars: &[Var], form: &Form) -> Option<Interval> {
    let returns = form.terms().any(|(v, _)| {
        vars.get(v as usize)
            .is_some_and(|var| var.returns_after.is_some())
    });
    if !returns {
        return None;
    }
    let mut system = System::new(Day::MAX);
    system.register(vars, form);
    system.freeze();
    system.bounds(vars, &[form]).ok()
}
