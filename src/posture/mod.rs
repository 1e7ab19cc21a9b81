//! Who had how many troops where on a day, rebuilt from the ledger, and the
//! views analysts read it through: by nation, by mission, by location.

mod entry;
mod json;
mod moments;
mod views;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::date::Day;

use crate::dataset::Dataset;
use crate::id::{MissionId, RecordId};
use crate::interval::Interval;
use crate::ledger::{
    Figure, Figures, Form, History, Infeasible, Key, Ledger, Projection, Replay, State, System,
    Var, VarId,
};
use crate::nation::NationCode;
use crate::relocation::RelocationStatus;

pub use entry::{Entry, Status};
pub use moments::{key_moments, KeyMoment};
pub use views::{LocationView, MissionView, NationView};

/// Which moment of the posture's day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Moment {
    /// After everything dated that day: the default.
    #[default]
    EndOfDay,
    /// Before the day's relocations, and before what is reported after
    /// them. Sources often report a move and the figures before and after
    /// it on the same day.
    StartOfDay,
}

impl Moment {
    /// `end_of_day` or `start_of_day`.
    pub fn as_str(self) -> &'static str {
        match self {
            Moment::EndOfDay => "end_of_day",
            Moment::StartOfDay => "start_of_day",
        }
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What each move applied moved, as a form, by its first report's id.
type Moved = crate::fasthash::FastMap<RecordId, Form>;

/// The unknowns a posture's forms are written in, what each move moved,
/// and what held at earlier moments.
type Unknowns<'d> = (Cow<'d, [Var]>, Cow<'d, Moved>, Cow<'d, History>);

/// How to build a posture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PostureOptions {
    /// Whether announced (not yet carried out) relocations are applied;
    /// the figures they touch are marked [`Status::Planned`].
    pub projection: Projection,
    /// A figure last observed more than this many days before the posture's
    /// day is flagged stale rather than silently carried forward.
    pub stale_after_days: u32,
    /// The start or the end of the day.
    pub moment: Moment,
}

impl Default for PostureOptions {
    fn default() -> PostureOptions {
        PostureOptions {
            projection: Projection::Actual,
            stale_after_days: 180,
            moment: Moment::EndOfDay,
        }
    }
}

impl PostureOptions {
    /// The default options with announced relocations applied.
    pub fn projected() -> PostureOptions {
        PostureOptions {
            projection: Projection::Projected,
            ..PostureOptions::default()
        }
    }
}

/// The force posture on a day, rebuilt from the latest observations on or
/// before it plus the relocations carried out since.
///
/// ```
/// use troop_tracker::{Dataset, Ledger, PostureOptions};
/// use troop_tracker::posture::Moment;
/// let data = Dataset::bundled()?;
/// let ledger = Ledger::new(&data);
/// let before = ledger.posture_with("2020-01-09".parse()?, PostureOptions {
///     moment: Moment::StartOfDay,
///     ..PostureOptions::default()
/// });
/// let after = ledger.posture("2020-01-09".parse()?);
/// let germany_in_iraq = |p: &troop_tracker::Posture| {
///     p.entries()
///         .iter()
///         .find(|e| e.key().to_string() == "DEU in IRQ")
///         .map(|e| e.strength().to_string())
/// };
/// assert_eq!(germany_in_iraq(&before).as_deref(), Some("120"));
/// assert_eq!(germany_in_iraq(&after).as_deref(), Some("90"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Posture<'d> {
    data: &'d Dataset,
    day: Day,
    options: PostureOptions,
    entries: Vec<Entry<'d>>,
    mission_focus: Option<MissionId>,
    /// The unknowns the entries' forms are written in.
    vars: Cow<'d, [Var]>,
    /// What each move applied moved, as a form, by its first report's id.
    moved: Cow<'d, Moved>,
    /// What held at earlier moments, by unknown.
    history: Cow<'d, History>,
    /// The evidence as constraints: nesting, non-negative counts, moves
    /// that may have come back.
    system: System,
}

/// Postures are asked of a [`Ledger`], which keeps the index that makes a
/// posture on a new day cost a binary search per key.
impl<'d> Ledger<'d> {
    /// The posture at the end of `day`, with the default options.
    pub fn posture(&self, day: Day) -> Posture<'_> {
        self.posture_with(day, PostureOptions::default())
    }

    /// The posture on `day` with the given options.
    pub fn posture_with(&self, day: Day, options: PostureOptions) -> Posture<'_> {
        let data = self.dataset();
        if options.moment == Moment::StartOfDay {
            // The start of a day depends on where each figure stands
            // relative to that day's relocations: replay.
            let replay = Replay::new(data, options.projection.is_projected());
            let (figures, mut state) = replay.state_with_vars_on(day, true);
            let unknowns = (
                Cow::Owned(state.take_vars()),
                Cow::Owned(state.take_moved()),
                Cow::Owned(History::new(state.take_history())),
            );
            return Posture::from_state(data, day, options, &figures, unknowns);
        }
        Posture::from_index(self, day, options)
    }

    /// Postures at the end of each of `days` (ascending), computed
    /// incrementally: each replays only the steps since the previous day.
    /// The result equals calling [`Ledger::posture_with`] for each day.
    pub fn postures_over(&self, days: &[Day], options: PostureOptions) -> Vec<Posture<'_>> {
        let data = self.dataset();
        let ledger = Replay::new(data, options.projection.is_projected());
        let mut state = State::new();
        let mut last: Option<Day> = None;
        let mut out = Vec::with_capacity(days.len());
        for &day in days {
            if last.is_some_and(|l| day < l) {
                // Out of order: start again rather than replay backwards.
                state = State::new();
                last = None;
            }
            ledger.replay(&mut state, last, day, false, &mut |_| {});
            last = Some(day);
            let mut opts = options;
            opts.moment = Moment::EndOfDay;
            out.push(Posture::from_state(
                data,
                day,
                opts,
                &ledger.figures(&state),
                (
                    Cow::Owned(state.vars().to_vec()),
                    Cow::Owned(state.moved().clone()),
                    Cow::Owned(History::new(state.history().to_vec())),
                ),
            ));
        }
        out
    }
}

impl<'d> Posture<'d> {
    fn from_state(
        data: &'d Dataset,
        day: Day,
        options: PostureOptions,
        state: &Figures,
        unknowns: Unknowns<'d>,
    ) -> Posture<'d> {
        let figures = state
            .iter()
            .map(|(k, f)| (Cow::Owned(k.clone()), Cow::Owned(f.clone())));
        let mut p = Posture::from_figures(data, day, options, figures, unknowns);
        let at: HashMap<&Key, usize> = p
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (&*e.key, i))
            .collect();
        let parents: Vec<Option<usize>> = p
            .entries
            .iter()
            .map(|e| {
                e.key
                    .parent_candidates()
                    .iter()
                    .find_map(|c| at.get(c).copied())
            })
            .collect();
        for (entry, parent) in p.entries.iter_mut().zip(parents) {
            entry.inside = parent;
        }
        p.tighten();
        p
    }

    fn from_index(ledger: &'d Ledger<'_>, day: Day, options: PostureOptions) -> Posture<'d> {
        let data = ledger.dataset();
        let index = ledger.index(options.projection);
        let present: Vec<(usize, &Figure)> = index.on(day).collect();
        // Where each key's entry is, to find parents without hashing keys.
        let mut slot: Vec<Option<usize>> = vec![None; index.keys.len()];
        for (e, (k, _)) in present.iter().enumerate() {
            if let Some(s) = slot.get_mut(*k) {
                *s = Some(e);
            }
        }
        let figures = present.iter().filter_map(|(k, f)| {
            index
                .keys
                .get(*k)
                .map(|key| (Cow::Borrowed(key), Cow::Borrowed(*f)))
        });
        let unknowns = (
            Cow::Borrowed(index.vars.as_slice()),
            Cow::Borrowed(&index.moved),
            Cow::Borrowed(&index.history),
        );
        let mut p = Posture::from_figures(data, day, options, figures, unknowns);
        for (entry, (k, _)) in p.entries.iter_mut().zip(&present) {
            entry.inside = index
                .parents
                .get(*k)
                .and_then(|cands| cands.iter().find_map(|c| slot.get(*c).copied().flatten()));
        }
        p.tighten();
        p
    }

    /// The evidence as constraints, and each entry's tightest bounds.
    fn tighten(&mut self) {
        let vars: &[Var] = &self.vars;
        let mut system = System::new(self.day);
        for e in &self.entries {
            system.register(vars, &e.figure.form);
            system.non_negative(vars, &e.figure.form);
        }
        for e in &self.entries {
            if let Some(parent) = e.inside.and_then(|i| self.entries.get(i)) {
                system.at_most(vars, &e.figure.form, &parent.figure.form);
            }
        }
        // What held earlier about the unknowns these figures still carry.
        let alive: HashSet<VarId> = self
            .entries
            .iter()
            .flat_map(|e| e.figure.form.terms().map(|(v, _)| v))
            .collect();
        for (a, b) in self.history.relevant(&alive) {
            system.at_most_earlier(vars, a, b);
        }
        system.freeze();
        // A part that cannot fit in its whole, whatever the unknowns are.
        let misfits: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let parent = self.entries.get(e.inside?)?;
                let excess = system.range(vars, &[(&e.figure.form, 1), (&parent.figure.form, -1)]);
                let fits = excess.is_ok_and(|(low, _)| low <= 0.5);
                (!fits).then_some(i)
            })
            .collect();
        for e in &mut self.entries {
            match system.bounds(vars, &[&e.figure.form]) {
                Ok(b) => e.bounds = b,
                Err(Infeasible) => e.contradicted = true,
            }
        }
        for i in misfits {
            let parent = self.entries.get(i).and_then(|e| e.inside);
            for j in std::iter::once(i).chain(parent) {
                if let Some(e) = self.entries.get_mut(j) {
                    e.contradicted = true;
                    e.bounds = e.figure.value;
                }
            }
        }
        self.system = system;
    }

    /// The tightest bounds of the sum of some entries; their own bounds
    /// summed where the evidence around them contradicts itself.
    pub(crate) fn sum(&self, entries: &[&Entry<'_>]) -> Interval {
        let forms: Vec<&Form> = entries.iter().map(|e| &e.figure.form).collect();
        let own = Interval::sum(entries.iter().map(|e| &e.bounds));
        match self.system.bounds(&self.vars, &forms) {
            // Each entry's bounds hold on their own too; their sum never
            // needs to be wider than theirs added.
            Ok(b) => b.intersect(&own).unwrap_or(b),
            Err(Infeasible) => own,
        }
    }

    /// Entries for figures in key order, with status and staleness; the
    /// caller sets nesting.
    fn from_figures(
        data: &'d Dataset,
        day: Day,
        options: PostureOptions,
        figures: impl Iterator<Item = (Cow<'d, Key>, Cow<'d, Figure>)>,
        (vars, moved, history): Unknowns<'d>,
    ) -> Posture<'d> {
        let planned: HashSet<&RecordId> = if options.projection.is_projected() {
            data.relocations()
                .iter()
                .filter(|r| r.status() == RelocationStatus::Announced)
                .map(|r| r.id())
                .collect()
        } else {
            HashSet::new()
        };
        let entries = figures
            .map(|(key, figure)| {
                let status = if !planned.is_empty() && figure.basis.any(|b| planned.contains(b)) {
                    Status::Planned
                } else {
                    Status::Present
                };
                let seen = figure.observed_on.unwrap_or(figure.day);
                let stale = (day - seen).num_days() > i64::from(options.stale_after_days);
                Entry {
                    bounds: figure.value,
                    key,
                    figure,
                    status,
                    stale,
                    inside: None,
                    contradicted: false,
                }
            })
            .collect();
        Posture {
            data,
            day,
            options,
            entries,
            mission_focus: None,
            vars,
            moved,
            history,
            system: System::new(day),
        }
    }

    /// The same posture narrowed to the figures inside one host country
    /// (its areas included; a figure held jointly with another country,
    /// `JOR+KWT`, is not inside either).
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger};
    /// let data = Dataset::bundled()?;
    /// let ledger = Ledger::new(&data);
    /// let p = ledger.posture("2020-01-10".parse()?).in_country("IRQ".parse()?);
    /// assert!(p.entries().iter().all(|e| e.key().places.iter().all(|l| l.country().as_str() == "IRQ")));
    /// assert_eq!(p.by_location().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_country(&self, country: NationCode) -> Posture<'d> {
        self.only(|e| e.key.places.iter().all(|l| l.country() == country))
    }

    /// The posture rebuilt from the entries `keep` accepts, with the same
    /// unknowns (so their bounds stay tight together).
    fn only(&self, keep: impl Fn(&Entry<'d>) -> bool) -> Posture<'d> {
        let state: Figures = self
            .entries
            .iter()
            .filter(|e| keep(e))
            .map(|e| (e.key.clone().into_owned(), e.figure.clone().into_owned()))
            .collect();
        let unknowns = (self.vars.clone(), self.moved.clone(), self.history.clone());
        Posture::from_state(self.data, self.day, self.options, &state, unknowns)
    }

    /// The same posture narrowed to one nation and/or one mission: only
    /// their figures remain, and [`Posture::by_mission`] shows only that
    /// mission.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger};
    /// let data = Dataset::bundled()?;
    /// let ledger = Ledger::new(&data);
    /// let p = ledger.posture("2020-02-13".parse()?).focus(None, Some(&"NMI".parse()?));
    /// assert!(p.entries().iter().all(|e| e.mission().map(|m| m.as_str()) == Some("NMI")));
    /// assert_eq!(p.by_mission().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn focus(&self, nation: Option<NationCode>, mission: Option<&MissionId>) -> Posture<'d> {
        let mut p = self.only(|e| {
            nation.is_none_or(|n| e.key.nation == Some(n))
                && mission.is_none_or(|m| e.key.mission.as_ref() == Some(m))
        });
        p.mission_focus = mission.cloned().or_else(|| self.mission_focus.clone());
        p
    }

    /// The dataset the posture was built from.
    pub fn dataset(&self) -> &'d Dataset {
        self.data
    }

    /// The day of the posture.
    pub fn day(&self) -> Day {
        self.day
    }

    /// The options it was built with.
    pub fn options(&self) -> PostureOptions {
        self.options
    }

    /// Whether announced relocations were applied.
    pub fn is_projected(&self) -> bool {
        self.options.projection.is_projected()
    }

    /// Every figure, ordered by nation, place and mission.
    pub fn entries(&self) -> &[Entry<'d>] {
        &self.entries
    }

    /// All troops on the day: the sum of every top-level figure, with the
    /// tightest bounds the evidence allows (what a relocation took from one
    /// place is counted where it arrived, not lost or counted twice).
    pub fn total(&self) -> Interval {
        let tops: Vec<&Entry<'_>> = self.entries.iter().filter(|e| !e.is_nested()).collect();
        self.sum(&tops)
    }

    /// Entries ordered so that each top-level entry is followed by the
    /// entries nested in it.
    fn tree(&self, roots: impl Iterator<Item = usize>) -> Vec<&Entry<'d>> {
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.entries.len()];
        for (j, e) in self.entries.iter().enumerate() {
            if let Some(list) = e.inside.and_then(|i| children.get_mut(i)) {
                list.push(j);
            }
        }
        let mut out = Vec::new();
        // Depth-first without recursion: nesting is at most three deep, but
        // a stack keeps that from mattering.
        let mut stack: Vec<usize> = Vec::new();
        for root in roots {
            stack.push(root);
            while let Some(i) = stack.pop() {
                if let Some(e) = self.entries.get(i) {
                    out.push(e);
                }
                if let Some(kids) = children.get(i) {
                    stack.extend(kids.iter().rev());
                }
            }
        }
        out
    }
}
