//! Replaying observations and relocations in date order: the engine under
//! both the consistency checks and the posture.

use std::collections::BTreeMap;

use crate::fasthash::FastMap as HashMap;

use chrono::NaiveDate;

use crate::dataset::Dataset;
use crate::deployment::{Deployment, Relative};
use crate::id::{MissionId, RecordId};
use crate::interval::Interval;
use crate::location::Location;
use crate::nation::NationCode;
use crate::relocation::Relocation;
use crate::strength::{Strength, StrengthKind};

/// What a figure in the ledger is about: whose troops, where, under which
/// mission.
///
/// `mission: None` is the nation's total across missions in that place, and
/// a country-wide place includes its areas, so keys nest: Canada's 500 in
/// Iraq (no mission) include its ~250 with NATO in Baghdad. `places` holds
/// more than one location only where a relocation sent troops to several
/// places with the split not given ("to Jordan and Kuwait").
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The nation, or `None` for contributors no source names.
    pub nation: Option<NationCode>,
    /// One place, or several holding the figure together.
    pub places: Vec<Location>,
    /// The mission, or `None` for the total across missions.
    pub mission: Option<MissionId>,
}

impl Key {
    pub(crate) fn of_deployment(d: &Deployment) -> Key {
        Key {
            nation: Some(d.nation()),
            places: vec![d.location().clone()],
            mission: d.mission().cloned(),
        }
    }

    fn origin(r: &Relocation) -> Key {
        Key {
            nation: r.nation(),
            places: vec![r.from().clone()],
            mission: r.from_mission().cloned(),
        }
    }

    fn destination(r: &Relocation) -> Key {
        let mut places = r.to().to_vec();
        places.sort();
        places.dedup();
        Key {
            nation: r.nation(),
            places,
            mission: r.to_mission().cloned(),
        }
    }

    /// The places written as `JOR+KWT`.
    pub fn places_label(&self) -> String {
        let names: Vec<String> = self.places.iter().map(ToString::to_string).collect();
        names.join("+")
    }

    /// The single country all places lie in, if they share one.
    pub fn country(&self) -> Option<NationCode> {
        let first = self.places.first()?.country();
        self.places
            .iter()
            .all(|p| p.country() == first)
            .then_some(first)
    }

    /// Whether every place is a whole country (no area).
    pub fn is_country_level(&self) -> bool {
        self.places.iter().all(|p| p.area().is_none())
    }
}

impl Key {
    /// The keys that could hold this one, narrowest first: the same mission
    /// in the whole country, all missions in the same place, all missions
    /// in the whole country. A joint destination holds nothing and is held
    /// by nothing.
    pub(crate) fn parent_candidates(&self) -> Vec<Key> {
        let [place] = self.places.as_slice() else {
            return Vec::new();
        };
        let country = place.to_country();
        let mut out = Vec::with_capacity(3);
        let key = |place: Location, mission: Option<MissionId>| Key {
            nation: self.nation,
            places: vec![place],
            mission,
        };
        if place.area().is_some() {
            out.push(key(country.clone(), self.mission.clone()));
        }
        if self.mission.is_some() {
            out.push(key(place.clone(), None));
            if place.area().is_some() {
                out.push(key(country, None));
            }
        }
        out
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.nation {
            Some(n) => write!(f, "{n}")?,
            None => f.write_str("unnamed contributors")?,
        }
        write!(f, " in {}", self.places_label())?;
        if let Some(m) = &self.mission {
            write!(f, " under {m}")?;
        }
        Ok(())
    }
}

/// How a ledger figure came to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Stated by a deployment record.
    Observed,
    /// An observation minus or plus relocations since.
    Replayed,
    /// Only arrivals are known: no earlier figure at the destination.
    ArrivalsOnly,
    /// A relocation left a place that had no figure.
    Unobserved,
    /// Derived from a share of the mission's reported total.
    Share,
    /// Two same-day observations that compete; the figure is what both
    /// allow.
    Competing,
}

impl Origin {
    /// `observed`, `replayed`, `arrivals_only`, `unobserved`, `share` or
    /// `competing`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Observed => "observed",
            Origin::Replayed => "replayed",
            Origin::ArrivalsOnly => "arrivals_only",
            Origin::Unobserved => "unobserved",
            Origin::Share => "share",
            Origin::Competing => "competing",
        }
    }
}

/// One figure in the ledger, with what it rests on.
#[derive(Clone, Debug)]
pub struct Figure {
    /// The counts the figure allows.
    pub value: Interval,
    /// The strength as stated, when the figure is one observation.
    pub stated: Option<Strength>,
    /// The records it rests on: observations, then relocations applied.
    pub basis: Vec<RecordId>,
    /// The day of the latest observation or relocation behind it.
    pub day: NaiveDate,
    /// The day of the latest direct observation, if any.
    pub observed_on: Option<NaiveDate>,
    /// How it came to be.
    pub origin: Origin,
}

impl Figure {
    /// The figure as a strength: the stated one when untouched, else the
    /// derived interval.
    pub fn strength(&self) -> Strength {
        match (&self.origin, self.stated) {
            (Origin::Observed, Some(s)) => s,
            _ => self.value.to_strength(),
        }
    }
}

/// What happened at one step of a replay, for the checks to inspect. Keys
/// are given by their id in the [`Ledger`] ([`Ledger::key`]).
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
    day: NaiveDate,
    order: (usize, u8, usize),
    action: Action<'a>,
}

/// The steps of a dataset in replay order, built once and replayed to any
/// day. Every key is numbered once here, so that replaying is indexing,
/// not searching.
#[derive(Debug)]
pub(crate) struct Ledger<'a> {
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

impl<'a> Ledger<'a> {
    /// Orders the dataset's deployments and relocations. With `projected`,
    /// announced relocations are included as if carried out.
    pub(crate) fn new(data: &'a Dataset, projected: bool) -> Ledger<'a> {
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
        let moves: Vec<&Relocation> = data
            .relocations()
            .iter()
            .filter(|r| r.same_as().is_none() && (projected || r.status().has_moved()))
            .collect();
        let position: HashMap<&RecordId, usize> =
            moves.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
        let mut reports: HashMap<&RecordId, Vec<&Relocation>> = HashMap::default();
        for other in data.relocations() {
            if let Some(first) = other.same_as() {
                reports.entry(first).or_default().push(other);
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
                    Relative::Before(_) => 0,
                    Relative::After(_) => 2,
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
        Ledger {
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
        from: Option<NaiveDate>,
        until: NaiveDate,
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
    pub(crate) fn state_on(&self, day: NaiveDate, start_of_day: bool) -> Figures {
        let mut state = State::new();
        self.replay(&mut state, None, day, start_of_day, &mut |_| {});
        self.figures(&state)
    }

    fn observe(
        &self,
        state: &mut State,
        d: &'a Deployment,
        key: usize,
        day: NaiveDate,
        trace: &mut dyn FnMut(Trace<'a, '_>),
    ) {
        let mut now = Figure {
            value: d.strength().bounds(),
            stated: Some(d.strength()),
            basis: vec![d.id().clone()],
            day,
            observed_on: Some(day),
            origin: Origin::Observed,
        };
        if let (Some(share), Some(mission)) = (d.share(), d.mission()) {
            if d.strength().kind() == StrengthKind::NotReported {
                if let Some(total) = self.data.mission_total_on(mission, d.as_of().latest()) {
                    now.value = total.strength().bounds().share(share);
                    now.basis.push(total.id().clone());
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
                    let mut basis = prev.basis.clone();
                    basis.extend(now.basis);
                    now.basis = basis;
                }
            }
        }
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
}

fn apply_move<'a>(
    state: &mut State,
    r: &'a Relocation,
    moved: Interval,
    basis: &[RecordId],
    (origin, destination): (usize, usize),
    day: NaiveDate,
    trace: &mut dyn FnMut(Trace<'a, '_>),
) {
    let before = state.take(origin);
    // After a temporary move the troops may have come back at any time, so
    // the origin holds anything from what was left to what was there, and
    // the destination anything from what it had to what it gained.
    let temporary = r.temporary() == Some(true);
    let settle = |was: Interval, now: Interval| if temporary { now.hull(&was) } else { now };
    // A figure carried through the move: the old one's records plus the
    // move's, or only the move's when there was no figure.
    let carry = |old: Option<&Figure>, value: Interval, fresh: Origin| match old {
        Some(f) => {
            let mut b = f.basis.clone();
            b.extend(basis.iter().cloned());
            Figure {
                value,
                stated: None,
                basis: b,
                day,
                observed_on: f.observed_on,
                origin: Origin::Replayed,
            }
        }
        None => Figure {
            value,
            stated: None,
            basis: basis.to_vec(),
            day,
            observed_on: None,
            origin: fresh,
        },
    };
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

/// Every key's figures after each step that touched it, built by one
/// replay, so that the state on any day is a binary search per key rather
/// than a replay of the whole ledger.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// The keys, sorted.
    pub(crate) keys: Vec<Key>,
    /// For each key, its figures in replay order (each carries its day).
    pub(crate) figures: Vec<Vec<Figure>>,
    /// For each key, the indices of the keys that could hold it, narrowest
    /// first.
    pub(crate) parents: Vec<Vec<usize>>,
}

impl Index {
    pub(crate) fn build(data: &Dataset, projected: bool) -> Index {
        let ledger = Ledger::new(data, projected);
        let mut by_id: Vec<Vec<Figure>> = vec![Vec::new(); ledger.key_count()];
        let mut push = |id: usize, f: Figure| {
            if let Some(list) = by_id.get_mut(id) {
                list.push(f);
            }
        };
        ledger.replay(
            &mut State::new(),
            None,
            NaiveDate::MAX,
            false,
            &mut |t| match t {
                Trace::Observed { key, now, .. } => push(key, now.clone()),
                Trace::Moved {
                    origin,
                    after,
                    destination,
                    arrived,
                    ..
                } => {
                    push(origin, after.clone());
                    push(destination, arrived.clone());
                }
            },
        );
        // Postures list entries in key order.
        let mut order: Vec<usize> = (0..ledger.key_count()).collect();
        order.sort_unstable_by(|a, b| ledger.key(*a).cmp(&ledger.key(*b)));
        let mut slots: Vec<Option<Vec<Figure>>> = by_id.into_iter().map(Some).collect();
        let keys: Vec<Key> = order
            .iter()
            .filter_map(|&i| ledger.key(i).cloned())
            .collect();
        let figures: Vec<Vec<Figure>> = order
            .iter()
            .map(|&i| slots.get_mut(i).and_then(Option::take).unwrap_or_default())
            .collect();
        let position: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let parents = keys
            .iter()
            .map(|k| {
                k.parent_candidates()
                    .iter()
                    .filter_map(|c| position.get(c).copied())
                    .collect()
            })
            .collect();
        Index {
            keys,
            figures,
            parents,
        }
    }

    /// For each key, its figure at the end of `day`, if it has one yet.
    pub(crate) fn on(&self, day: NaiveDate) -> impl Iterator<Item = (usize, &Figure)> + '_ {
        self.figures
            .iter()
            .enumerate()
            .filter_map(move |(i, figs)| {
                let n = figs.partition_point(|f| f.day <= day);
                figs.get(n.checked_sub(1)?).map(|f| (i, f))
            })
    }
}

impl Dataset {
    /// The replayed figures on `day`: for every nation, place and mission,
    /// the latest observation on or before `day` minus or plus the
    /// relocations carried out (or under way) since. With `projected`,
    /// announced relocations count as carried out.
    ///
    /// This is the raw ledger under the consistency checks; the keys nest
    /// (a country-wide figure includes its areas' figures, and a figure
    /// under no mission includes the mission figures), so do not add them
    /// up blindly.
    ///
    /// ```
    /// use troop_tracker::Dataset;
    /// let data = Dataset::bundled()?;
    /// let figures = data.ledger_on("2020-01-10".parse()?, false);
    /// let germany_in_iraq = figures
    ///     .iter()
    ///     .find(|(k, _)| k.to_string() == "DEU in IRQ")
    ///     .map(|(_, f)| f.value.to_string());
    /// assert_eq!(germany_in_iraq.as_deref(), Some("90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger_on(&self, day: NaiveDate, projected: bool) -> Vec<(Key, Figure)> {
        Ledger::new(self, projected)
            .state_on(day, false)
            .into_iter()
            .collect()
    }
}
