//! Who had how many troops where on a day, rebuilt from the ledger, and the
//! views analysts read it through: by nation, by mission, by location.

mod disputes;
mod entry;
mod moments;
mod stated;
mod totals;
mod views;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::date::Day;

use crate::dataset::Dataset;
use crate::id::{MissionId, RecordId};
use crate::ledger::{
    interval, At, Figure, Figures, Key, Ledger, Projection, Replay, State, Term, World,
};
use crate::nation::NationCode;
use crate::relocation::RelocationStatus;

pub use entry::{Entry, Flag, Status};
pub use moments::{key_moments, KeyMoment};
pub use stated::TotalView;
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

/// How to build a posture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PostureOptions {
    /// Whether announced (not yet carried out) relocations are applied;
    /// the figures they touch are marked [`Status::Planned`].
    pub projection: Projection,
    /// A figure last observed more than this many days before the posture's
    /// day is flagged stale rather than silently carried forward. For a
    /// figure a periodic table lists, the days count from the table's next
    /// edition after the observation (its cadence), not from the
    /// observation itself.
    pub stale_after_days: u32,
    /// The start or the end of the day.
    pub moment: Moment,
    /// Whether totals count figures their own tables stopped listing
    /// ([`Entry::ended`]). By default they are left out of every total,
    /// and the posture says what it left out ([`Posture::left_out`]).
    pub count_ended: bool,
}

impl Default for PostureOptions {
    fn default() -> PostureOptions {
        PostureOptions {
            projection: Projection::Actual,
            stale_after_days: 180,
            moment: Moment::EndOfDay,
            count_ended: false,
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
    /// What the entries were narrowed to: `Some(None)` a mission or a
    /// country (no total over many missions can be read from them),
    /// `Some(Some(n))` one nation's figures; `None` when not narrowed.
    narrowed: Option<Option<NationCode>>,
    /// The host country the entries were narrowed to ([`Posture::in_country`]):
    /// a figure held jointly with other countries (`JOR+KWT`) is among its
    /// entries, and a sum counts its troops in this country: from none to
    /// all of them where nothing else bounds its part here.
    country: Option<NationCode>,
    /// The model of the world every bound comes from.
    world: &'d World,
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
        if options.moment == Moment::StartOfDay {
            // Which figures the start of a day lists depends on where each
            // stands relative to that day's relocations: replay.
            let data = self.dataset();
            let world = self.world(options.projection);
            let replay = Replay::new(data, options.projection.is_projected());
            let figures = replay.state_on(day, true);
            return Posture::from_state(data, world, day, options, &figures);
        }
        // The end of a day reads the index of figures by day.
        self.build(options.projection);
        Posture::from_index(self, day, options)
    }

    /// Postures at the end of each of `days`, each replaying only the steps
    /// since the previous day (or from the start, for a day before it): as
    /// [`Ledger::posture_with`] for each day.
    pub fn postures_over(&self, days: &[Day], options: PostureOptions) -> Vec<Posture<'_>> {
        let data = self.dataset();
        let world = self.world(options.projection);
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
                world,
                day,
                opts,
                &ledger.figures(&state),
            ));
        }
        out
    }
}

impl<'d> Posture<'d> {
    fn from_state(
        data: &'d Dataset,
        world: &'d World,
        day: Day,
        options: PostureOptions,
        state: &Figures,
    ) -> Posture<'d> {
        let figures = state
            .iter()
            .map(|(k, f)| (Cow::Owned(k.clone()), Cow::Owned(f.clone())));
        let mut p = Posture::from_figures(data, world, day, options, figures);
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
        let world = ledger.world(options.projection);
        let mut p = Posture::from_figures(data, world, day, options, figures);
        for (entry, (k, _)) in p.entries.iter_mut().zip(&present) {
            entry.inside = index
                .parents
                .get(*k)
                .and_then(|cands| cands.iter().find_map(|c| slot.get(*c).copied().flatten()));
        }
        p.tighten();
        p
    }

    /// When the posture's figures are asked for.
    pub(crate) fn at(&self) -> At {
        match self.options.moment {
            Moment::StartOfDay => At::Start(self.day),
            _ => At::End(self.day),
        }
    }

    /// The world the posture's bounds come from.
    pub(crate) fn world(&self) -> &'d World {
        self.world
    }

    /// The cells of these entries' figures, each once, as a sum.
    pub(crate) fn cells_of<'e>(
        &self,
        entries: impl IntoIterator<Item = &'e Entry<'e>>,
    ) -> Vec<(Term, f64)>
    where
        'd: 'e,
    {
        let mut cells: Vec<crate::ledger::CellId> = entries
            .into_iter()
            .flat_map(|e| self.world.cells(&e.key).unwrap_or_default().iter().copied())
            .collect();
        cells.sort_unstable();
        cells.dedup();
        cells.into_iter().map(|c| (Term::Cell(c), 1.0)).collect()
    }

    /// Each entry's least and most over every world that meets every
    /// record; where none does, its own records' bounds, marked.
    fn tighten(&mut self) {
        let sums: Vec<Vec<(Term, f64)>> = self
            .entries
            .iter()
            .map(|e| self.cells_of(std::iter::once(e)))
            .collect();
        let ranges = self.world.ranges(self.at(), &sums);
        for (e, r) in self.entries.iter_mut().zip(ranges) {
            match r {
                Ok(range) => e.bounds = interval(range),
                Err(_) => {
                    e.contradicted = true;
                    e.bounds = e.figure.value;
                }
            }
        }
    }

    /// Entries for figures in key order, with status and staleness; the
    /// caller sets nesting.
    fn from_figures(
        data: &'d Dataset,
        world: &'d World,
        day: Day,
        options: PostureOptions,
        figures: impl Iterator<Item = (Cow<'d, Key>, Cow<'d, Figure>)>,
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
                // A table's figure is as fresh as its cadence allows until
                // the table's next edition: staleness counts from there.
                let due = world
                    .next_edition(&key, seen)
                    .map_or(seen, |next| next.max(seen));
                let stale = (day - due).num_days() > i64::from(options.stale_after_days);
                let ended = world.ended(&key, day);
                let (disputed_by, doubts) = disputes::of(data, world, &key, &figure);
                Entry {
                    ended,
                    disputed_by,
                    doubts,
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
            narrowed: None,
            country: None,
            world,
        }
    }

    /// The same posture narrowed to the figures that may be in one host
    /// country: those inside it (its areas included), and those held
    /// jointly with other countries (`JOR+KWT`), whose troops may be here
    /// in any part (a location view of its own in [`Posture::by_location`]).
    /// Its [`total`](Posture::total) counts what of a joint figure may be
    /// here: none to all where nothing says how it is split (Kuwait on
    /// 2020-01-10: `0..529`, Canada's 0..499 and up to all of Germany's 30
    /// in Jordan and Kuwait), no more than a report of the country allows.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger};
    /// let data = Dataset::bundled()?;
    /// let ledger = Ledger::new(&data);
    /// let p = ledger.posture("2020-01-10".parse()?).in_country("IRQ".parse()?);
    /// assert!(p.entries().iter().all(|e| e.key().places.iter().all(|l| l.country().as_str() == "IRQ")));
    /// assert_eq!(p.by_location().len(), 1);
    /// let kuwait = ledger.posture("2020-01-10".parse()?).in_country("KWT".parse()?);
    /// assert_eq!(kuwait.total().to_string(), "0..529");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_country(&self, country: NationCode) -> Posture<'d> {
        // A joint figure (Germany's 30 in Jordan and Kuwait) is kept: sums
        // count its troops here (`Posture::sum`).
        let mut p = self.only(|e| e.key.places.iter().any(|l| l.country() == country));
        p.narrowed = Some(None);
        p.country = Some(country);
        p
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
        let mut p = Posture::from_state(self.data, self.world, self.day, self.options, &state);
        p.country = self.country;
        p
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
        p.narrowed = match (self.narrowed, nation, mission) {
            (Some(None), _, _) | (_, _, Some(_)) => Some(None),
            (_, Some(n), None) => Some(Some(n)),
            (before, None, None) => before,
        };
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
