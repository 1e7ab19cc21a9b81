//! Replaying observations and relocations in date order: the engine under
//! the index, the timeline and the consistency checks.

use std::collections::BTreeMap;

use crate::date::Day;

use crate::dataset::Dataset;
use crate::deployment::{Deployment, RelativeTo};
use crate::fasthash::FastMap as HashMap;
use crate::id::RecordId;
use crate::interval::Interval;
use crate::ledger::basis::Basis;
use crate::ledger::form::{Form, Var, VarId};
use crate::ledger::key::{Figure, Key, Origin};
use crate::ledger::reports::Reports;
use crate::relocation::Relocation;
use crate::strength::StrengthKind;

/// What happened at one step of a replay, for the checks to inspect. Keys
/// are given by their id in the [`Replay`] ([`Replay::key`]).
///
/// New figures are lent from the replay's state rather than copied: a
/// consumer that keeps one clones it.
#[derive(Debug)]
pub(crate) enum Trace<'a, 's> {
    /// A deployment set a figure; `previous` is what the key held before.
    Observed {
        deployment: &'a Deployment,
        key: usize,
        previous: Option<Figure>,
        now: &'s Figure,
        /// The unknowns the figures' forms are written in, so far.
        vars: &'s [Var],
    },
    /// A relocation moved troops.
    Moved {
        relocation: &'a Relocation,
        moved: Interval,
        origin: usize,
        before: Option<Figure>,
        after: &'s Figure,
        destination: usize,
        arrived: &'s Figure,
    },
}

#[derive(Debug)]
enum Action<'a> {
    Observe(&'a Deployment, usize),
    Move {
        relocation: &'a Relocation,
        moved: Interval,
        basis: Vec<RecordId>,
        origin: usize,
        destination: usize,
    },
}

#[derive(Debug)]
struct Step<'a> {
    day: Day,
    order: (usize, u8, usize),
    action: Action<'a>,
}

/// The steps of a dataset in replay order, built once and replayed to any
/// day. Every key is numbered once here, so that replaying is indexing,
/// not searching.
#[derive(Debug)]
pub(crate) struct Replay<'a> {
    steps: Vec<Step<'a>>,
    data: &'a Dataset,
    keys: Vec<Key>,
    ids: HashMap<Key, usize>,
}

/// The figures at one moment of a replay, by key id, and the unknowns
/// their forms are written in.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    figures: Vec<Option<Figure>>,
    vars: Vec<Var>,
    /// Each move applied, by its first report's id: the count it moved,
    /// as a form.
    moved: HashMap<RecordId, Form>,
}

impl State {
    pub(crate) fn new() -> State {
        State::default()
    }

    pub(crate) fn get(&self, key: usize) -> Option<&Figure> {
        self.figures.get(key).and_then(Option::as_ref)
    }

    /// Takes the key's figure out, leaving none.
    pub(crate) fn take(&mut self, key: usize) -> Option<Figure> {
        self.figures.get_mut(key).and_then(Option::take)
    }

    pub(crate) fn insert(&mut self, key: usize, figure: Figure) {
        if key >= self.figures.len() {
            self.figures.resize(key + 1, None);
        }
        if let Some(slot) = self.figures.get_mut(key) {
            *slot = Some(figure);
        }
    }

    /// A new unknown.
    pub(crate) fn var(&mut self, var: Var) -> VarId {
        let id = VarId::try_from(self.vars.len()).unwrap_or(VarId::MAX);
        self.vars.push(var);
        id
    }

    /// The form of a figure known within `bounds`: a constant when the
    /// bounds are one count, else a new unknown.
    pub(crate) fn form_within(&mut self, bounds: Interval) -> Form {
        match bounds.high() {
            Some(h) if h == bounds.low() => Form::constant(i64::try_from(h).unwrap_or(i64::MAX)),
            _ => Form::var(self.var(Var::within(bounds))),
        }
    }

    /// The unknowns the figures' forms are written in.
    pub(crate) fn vars(&self) -> &[Var] {
        &self.vars
    }

    /// Takes the unknowns out (an index keeps them with its figures).
    pub(crate) fn take_vars(&mut self) -> Vec<Var> {
        std::mem::take(&mut self.vars)
    }

    /// The count each move applied so far moved, as a form.
    pub(crate) fn moved(&self) -> &HashMap<RecordId, Form> {
        &self.moved
    }

    /// Takes the moves out.
    pub(crate) fn take_moved(&mut self) -> HashMap<RecordId, Form> {
        std::mem::take(&mut self.moved)
    }

    /// Every key id with its figure.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &Figure)> {
        self.figures
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_ref().map(|f| (i, f)))
    }
}

/// Figures by key, in key order: what postures are built from.
pub(crate) type Figures = BTreeMap<Key, Figure>;

impl<'a> Replay<'a> {
    /// Orders the dataset's deployments and relocations. With `projected`,
    /// announced relocations are included as if carried out.
    pub(crate) fn new(data: &'a Dataset, projected: bool) -> Replay<'a> {
        let mut ids: HashMap<Key, usize> = HashMap::default();
        let mut keys: Vec<Key> = Vec::new();
        let mut id_of = |k: Key| -> usize {
            if let Some(&i) = ids.get(&k) {
                return i;
            }
            let i = keys.len();
            keys.push(k.clone());
            ids.insert(k, i);
            i
        };
        // One step per move, however many rows report it.
        let same = Reports::of(data.relocations());
        let moves: Vec<&Relocation> = data
            .relocations()
            .iter()
            .enumerate()
            .filter(|(i, r)| same.is_first(*i) && (projected || r.status().has_moved()))
            .map(|(_, r)| r)
            .collect();
        let position: HashMap<&RecordId, usize> =
            moves.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
        let mut reports: HashMap<&RecordId, Vec<&Relocation>> = HashMap::default();
        for (i, other) in data.relocations().iter().enumerate() {
            if !same.is_first(i) {
                if let Some(first) = data.relocations().get(same.root(i)) {
                    reports.entry(first.id()).or_default().push(other);
                }
            }
        }
        let mut steps = Vec::with_capacity(moves.len() + data.deployments().len());
        for (i, r) in moves.iter().enumerate() {
            // Reports of the same move compete: the move is what all allow.
            let mut moved = r.strength().bounds();
            let mut basis = vec![r.id().clone()];
            for other in reports.get(r.id()).into_iter().flatten() {
                if let Some(both) = moved.intersect(&other.strength().bounds()) {
                    moved = both;
                }
                basis.push(other.id().clone());
            }
            steps.push(Step {
                day: r.date().earliest(),
                order: (i, 1, 0),
                action: Action::Move {
                    relocation: r,
                    moved,
                    basis,
                    origin: id_of(Key::origin(r)),
                    destination: id_of(Key::destination(r)),
                },
            });
        }
        for (n, d) in data.deployments().iter().enumerate() {
            let anchored = d.relative_to().and_then(|rel| {
                let i = *position.get(rel.relocation())?;
                let r = moves.get(i)?;
                let rank = match rel {
                    RelativeTo::Before(_) => 0,
                    RelativeTo::After(_) => 2,
                };
                Some((r.date().earliest(), (i, rank, n)))
            });
            let (day, order) = anchored.unwrap_or((d.as_of().earliest(), (usize::MAX, 0, n)));
            steps.push(Step {
                day,
                order,
                action: Action::Observe(d, id_of(Key::of_deployment(d))),
            });
        }
        steps.sort_unstable_by_key(|a| (a.day, a.order));
        Replay {
            steps,
            data,
            keys,
            ids,
        }
    }

    /// The key with this id.
    pub(crate) fn key(&self, id: usize) -> Option<&Key> {
        self.keys.get(id)
    }

    /// The id of a key, if any step touches it.
    pub(crate) fn id_of(&self, key: &Key) -> Option<usize> {
        self.ids.get(key).copied()
    }

    /// How many keys the steps touch.
    pub(crate) fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// A replay state as figures by key, in key order.
    pub(crate) fn figures(&self, state: &State) -> Figures {
        state
            .iter()
            .filter_map(|(i, f)| Some((self.keys.get(i)?.clone(), f.clone())))
            .collect()
    }

    /// Replays every step up to and including `until` into `state`,
    /// starting after `from` (exclusive) when given, and reports each step
    /// to `trace`. With `start_of_day`, the last day contributes only the
    /// figures placed before its relocations.
    pub(crate) fn replay(
        &self,
        state: &mut State,
        from: Option<Day>,
        until: Day,
        start_of_day: bool,
        trace: &mut dyn FnMut(Trace<'a, '_>),
    ) {
        // Steps are in day order: skip to the first after `from`.
        let start = from.map_or(0, |f| self.steps.partition_point(|s| s.day <= f));
        for step in self.steps.get(start..).unwrap_or_default() {
            if step.day > until {
                break;
            }
            let placed_before = matches!(step.action, Action::Observe(..))
                && step.order.0 != usize::MAX
                && step.order.1 == 0;
            if start_of_day && step.day == until && !placed_before {
                continue;
            }
            match &step.action {
                Action::Observe(d, key) => self.observe(state, d, *key, step.day, trace),
                Action::Move {
                    relocation,
                    moved,
                    basis,
                    origin,
                    destination,
                } => {
                    let keys = (*origin, *destination);
                    apply_move(state, relocation, *moved, basis, keys, step.day, trace);
                }
            }
        }
    }

    /// The figures at the end of `day` (or its start), from scratch.
    pub(crate) fn state_on(&self, day: Day, start_of_day: bool) -> Figures {
        self.state_with_vars_on(day, start_of_day).0
    }

    /// The figures at the end of `day` (or its start), from scratch, with
    /// the unknowns their forms are written in.
    pub(crate) fn state_with_vars_on(&self, day: Day, start_of_day: bool) -> (Figures, State) {
        let mut state = State::new();
        self.replay(&mut state, None, day, start_of_day, &mut |_| {});
        (self.figures(&state), state)
    }

    fn observe(
        &self,
        state: &mut State,
        d: &'a Deployment,
        key: usize,
        day: Day,
        trace: &mut dyn FnMut(Trace<'a, '_>),
    ) {
        let mut now = Figure {
            value: d.strength().bounds(),
            stated: Some(d.strength()),
            basis: Basis::of([d.id().clone()]),
            day,
            observed_on: Some(day),
            origin: Origin::Observed,
            form: Form::default(),
        };
        if let (Some(share), Some(mission)) = (d.share(), d.mission()) {
            if d.strength().kind() == StrengthKind::NotReported {
                if let Some(total) = self.data.mission_total_on(mission, d.as_of().latest()) {
                    now.value = total.strength().bounds().share(share);
                    now.basis = now.basis.then([total.id().clone()]);
                    now.origin = Origin::Share;
                }
            }
        }
        let previous = state.take(key);
        if let Some(prev) = &previous {
            let same_day = prev.observed_on == Some(day) && prev.origin == Origin::Observed;
            if same_day && !prev.basis.contains(d.id()) {
                if let Some(both) = prev.value.intersect(&now.value) {
                    now.value = both;
                    now.origin = Origin::Competing;
                    now.basis = prev.basis.joined(&now.basis);
                }
            }
        }
        // A new observation cuts the figure's history: its form is a
        // fresh unknown within what was seen.
        now.form = state.form_within(now.value);
        state.insert(key, now);
        if let Some(now) = state.get(key) {
            trace(Trace::Observed {
                deployment: d,
                key,
                previous,
                now,
                vars: &state.vars,
            });
        }
    }
}

fn apply_move<'a>(
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
    let shift = |f: &Form, sign: i64| -> Form {
        let mut out = f.add(sign * m.constant_part());
        for (v, _) in m.terms() {
            out = if sign > 0 { out.plus(v) } else { out.minus(v) };
        }
        match back {
            Some(t) if sign > 0 => out.minus(t),
            Some(t) => out.plus(t),
            None => out,
        }
    };
    let origin_form = match &before {
        Some(f) => f.form.clone(),
        // No one had counted the origin: an unknown, at least the move.
        None => Form::var(state.var(Var::within(Interval::unknown()))),
    };
    let destination_form = |had: Option<&Figure>| had.map_or(Form::constant(0), |f| f.form.clone());
    // A figure carried through the move: the old one's records plus the
    // move's, or only the move's when there was no figure.
    let carry = |old: Option<&Figure>, value: Interval, fresh: Origin, form: Form| match old {
        Some(f) => {
            let b = f.basis.then(basis.iter().cloned());
            Figure {
                value,
                stated: None,
                basis: b,
                day,
                observed_on: f.observed_on,
                origin: Origin::Replayed,
                form,
            }
        }
        None => Figure {
            value,
            stated: None,
            basis: Basis::of(basis.iter().cloned()),
            day,
            observed_on: None,
            origin: fresh,
            form,
        },
    };
    let left = before.as_ref().map_or(Interval::unknown(), |f| {
        settle(f.value, f.value.minus(&moved))
    });
    let after = carry(
        before.as_ref(),
        left,
        Origin::Unobserved,
        shift(&origin_form, -1),
    );
    state.insert(origin, after);
    let had = state.take(destination);
    let gained = match &had {
        Some(f) => settle(f.value, f.value.plus(&moved)),
        None => settle(Interval::exactly(0), moved),
    };
    let arrived_form = shift(&destination_form(had.as_ref()), 1);
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
        });
    }
}
