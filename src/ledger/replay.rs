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
use crate::ledger::key::{Figure, Key, Origin};
use crate::ledger::moves::apply_move;
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

/// The figures at one moment of a replay, by key id.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    figures: Vec<Option<Figure>>,
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

/// Each move's later reports, by the id of its first.
fn later_reports<'r>(
    relocations: &'r [Relocation],
    same: &Reports,
) -> HashMap<&'r RecordId, Vec<&'r Relocation>> {
    let mut reports: HashMap<&RecordId, Vec<&Relocation>> = HashMap::default();
    for (i, other) in relocations.iter().enumerate() {
        if !same.is_first(i) {
            if let Some(first) = relocations.get(same.root(i)) {
                reports.entry(first.id()).or_default().push(other);
            }
        }
    }
    reports
}

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
        let reports = later_reports(data.relocations(), &same);
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
        let mut state = State::new();
        self.replay(&mut state, None, day, start_of_day, &mut |_| {});
        self.figures(&state)
    }

    /// A "not reported" observation of a key that has a figure: the
    /// figure stays the last one reported, marked as not reported since
    /// (a table's 0 for a quarter without a report is not a count of 0).
    /// `None` when the key has no figure yet: then nothing bounds it and
    /// the observation stands as an unknown.
    fn not_reported(
        &self,
        state: &State,
        d: &'a Deployment,
        key: usize,
        day: Day,
    ) -> Option<Figure> {
        let mut kept = state.get(key)?.clone();
        // The figure now rests on this record too: it changes on this
        // day (a posture from here on says "not reported"), though it was
        // last observed before.
        kept.day = day;
        kept.not_reported = Some(day);
        kept.basis = kept.basis.then([d.id().clone()]);
        Some(kept)
    }

    fn observe(
        &self,
        state: &mut State,
        d: &'a Deployment,
        key: usize,
        day: Day,
        trace: &mut dyn FnMut(Trace<'a, '_>),
    ) {
        if d.is_not_reported() {
            if let Some(kept) = self.not_reported(state, d, key, day) {
                let previous = state.take(key);
                settle(state, d, key, (previous, kept), trace);
                return;
            }
        }
        let mut now = Figure {
            value: d.strength().bounds(),
            stated: Some(d.strength()),
            basis: Basis::of([d.id().clone()]),
            day,
            observed_on: Some(day),
            origin: Origin::Observed,
            not_reported: None,
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
        settle(state, d, key, (previous, now), trace);
    }
}

/// Puts an observation's figure in place of the previous one and tells
/// the trace.
fn settle<'a>(
    state: &mut State,
    d: &'a Deployment,
    key: usize,
    (previous, now): (Option<Figure>, Figure),
    trace: &mut dyn FnMut(Trace<'a, '_>),
) {
    state.insert(key, now);
    if let Some(now) = state.get(key) {
        trace(Trace::Observed {
            deployment: d,
            key,
            previous,
            now,
        });
    }
}
