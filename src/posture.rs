//! Who had how many troops where on a day, rebuilt from the ledger, and the
//! views analysts read it through: by nation, by mission, by location.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use crate::dataset::Dataset;
use crate::id::{MissionId, RecordId};
use crate::interval::Interval;
use crate::ledger::{Figure, Figures, Key, Ledger, Origin, State};
use crate::mission::MissionStrength;
use crate::nation::NationCode;
use crate::relocation::RelocationStatus;
use crate::strength::Strength;
use crate::validate::contributions;

/// How to build a posture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PostureOptions {
    /// Apply announced (not yet carried out) relocations too; the figures
    /// they touch are marked [`Status::Planned`].
    pub projected: bool,
    /// A figure last observed more than this many days before the posture's
    /// day is flagged stale rather than silently carried forward.
    pub stale_after_days: u32,
    /// Take the state at the start of the day: the day's relocations, and
    /// what is reported after them, are not yet applied. The end of the day
    /// is the default.
    pub start_of_day: bool,
}

impl Default for PostureOptions {
    fn default() -> PostureOptions {
        PostureOptions {
            projected: false,
            stale_after_days: 180,
            start_of_day: false,
        }
    }
}

/// Whether a posture figure is in place or only planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In place on the day, as far as the sources say.
    Present,
    /// Depends on an announced relocation not yet carried out (projected
    /// postures only).
    Planned,
}

impl Status {
    /// `present` or `planned`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Planned => "planned",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One figure of a posture: whose troops, where, under which mission, how
/// many (with the uncertainty kept), and on which records it rests.
#[derive(Clone, Debug)]
pub struct Entry<'d> {
    key: Cow<'d, Key>,
    figure: Cow<'d, Figure>,
    status: Status,
    stale: bool,
    inside: Option<usize>,
}

impl Entry<'_> {
    /// The nation, place(s) and mission.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The nation, or `None` for contributors no source names.
    pub fn nation(&self) -> Option<NationCode> {
        self.key.nation
    }

    /// The mission, or `None` for the nation's total across missions there.
    pub fn mission(&self) -> Option<&MissionId> {
        self.key.mission.as_ref()
    }

    /// The figure as a strength: the stated notation when it is one
    /// untouched observation (`~250`), else the derived interval (`90`,
    /// `1..500`).
    pub fn strength(&self) -> Strength {
        self.figure.strength()
    }

    /// The counts the figure allows.
    pub fn bounds(&self) -> Interval {
        self.figure.value
    }

    /// The records it rests on: observations, then relocations applied.
    pub fn basis(&self) -> &[RecordId] {
        &self.figure.basis
    }

    /// How the figure came to be (observed, replayed, competing, ...).
    pub fn origin(&self) -> &Origin {
        &self.figure.origin
    }

    /// The day the figure was last observed directly, if ever.
    pub fn last_observed(&self) -> Option<NaiveDate> {
        self.figure.observed_on
    }

    /// The day of the latest observation or relocation behind it.
    pub fn last_changed(&self) -> NaiveDate {
        self.figure.day
    }

    /// Present, or planned (depends on an announced relocation).
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether the figure is older than the posture's staleness threshold.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Whether the figure is part of another entry of the posture (an area
    /// of a country figure, or one mission of an all-missions figure), so
    /// that it must not be added to it.
    pub fn is_nested(&self) -> bool {
        self.inside.is_some()
    }

    /// The entry this one is part of, as an index into
    /// [`Posture::entries`].
    pub fn nested_in(&self) -> Option<usize> {
        self.inside
    }
}

/// A nation's figures on the day, and their honest sum.
#[derive(Clone, Debug)]
pub struct NationView<'p> {
    /// The nation, or `None` for unnamed contributors.
    pub nation: Option<NationCode>,
    /// Its entries: top-level figures, each followed by those nested in it.
    pub entries: Vec<&'p Entry<'p>>,
    /// The sum of its top-level figures.
    pub total: Interval,
}

/// A mission on the day: its reported total, the national contributions,
/// and what is left unattributed.
#[derive(Clone, Debug)]
pub struct MissionView<'p> {
    /// The mission.
    pub mission: MissionId,
    /// The latest reported total on or before the day.
    pub reported: Option<&'p MissionStrength>,
    /// The contributions that count toward it (areas are not added to
    /// their country).
    pub contributions: Vec<&'p Entry<'p>>,
    /// The sum of the contributions.
    pub attributed: Interval,
    /// Reported total minus the contributions, when a total is known.
    pub unattributed: Option<Interval>,
}

/// One country (or several holding a figure together) on the day.
#[derive(Clone, Debug)]
pub struct LocationView<'p> {
    /// `IRQ`, or `JOR+KWT` for a figure whose split is not known.
    pub label: String,
    /// The country, when the view is one country.
    pub country: Option<NationCode>,
    /// Country-wide entries first, then areas, by nation.
    pub entries: Vec<&'p Entry<'p>>,
    /// The sum of its top-level figures.
    pub total: Interval,
}

/// The force posture on a day, rebuilt from the latest observations on or
/// before it plus the relocations carried out since.
///
/// ```
/// use troop_tracker::{Dataset, PostureOptions};
/// let data = Dataset::bundled()?;
/// let before = data.posture_with("2020-01-09".parse()?, PostureOptions {
///     start_of_day: true,
///     ..PostureOptions::default()
/// });
/// let after = data.posture("2020-01-09".parse()?);
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
    day: NaiveDate,
    options: PostureOptions,
    entries: Vec<Entry<'d>>,
    mission_focus: Option<MissionId>,
}

impl Dataset {
    /// The posture at the end of `day`, with the default options.
    pub fn posture(&self, day: NaiveDate) -> Posture<'_> {
        self.posture_with(day, PostureOptions::default())
    }

    /// The posture on `day` with the given options.
    pub fn posture_with(&self, day: NaiveDate, options: PostureOptions) -> Posture<'_> {
        if options.start_of_day {
            // The start of a day depends on where each figure stands
            // relative to that day's relocations: replay.
            let ledger = Ledger::new(self, options.projected);
            return Posture::from_state(self, day, options, &ledger.state_on(day, true));
        }
        Posture::from_index(self, day, options)
    }

    /// Postures at the end of each of `days` (ascending), computed
    /// incrementally: each replays only the steps since the previous day.
    /// The result equals calling [`Dataset::posture_with`] for each day.
    pub fn postures_over(&self, days: &[NaiveDate], options: PostureOptions) -> Vec<Posture<'_>> {
        let ledger = Ledger::new(self, options.projected);
        let mut state = State::new();
        let mut last: Option<NaiveDate> = None;
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
            opts.start_of_day = false;
            out.push(Posture::from_state(
                self,
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
        day: NaiveDate,
        options: PostureOptions,
        state: &Figures,
    ) -> Posture<'d> {
        let figures = state
            .iter()
            .map(|(k, f)| (Cow::Owned(k.clone()), Cow::Owned(f.clone())));
        let mut p = Posture::from_figures(data, day, options, figures);
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
        p
    }

    fn from_index(data: &'d Dataset, day: NaiveDate, options: PostureOptions) -> Posture<'d> {
        let index = data.index(options.projected);
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
        let mut p = Posture::from_figures(data, day, options, figures);
        for (entry, (k, _)) in p.entries.iter_mut().zip(&present) {
            entry.inside = index
                .parents
                .get(*k)
                .and_then(|cands| cands.iter().find_map(|c| slot.get(*c).copied().flatten()));
        }
        p
    }

    /// Entries for figures in key order, with status and staleness; the
    /// caller sets nesting.
    fn from_figures(
        data: &'d Dataset,
        day: NaiveDate,
        options: PostureOptions,
        figures: impl Iterator<Item = (Cow<'d, Key>, Cow<'d, Figure>)>,
    ) -> Posture<'d> {
        let planned: HashSet<&RecordId> = if options.projected {
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
                let status = if figure.basis.iter().any(|b| planned.contains(b)) {
                    Status::Planned
                } else {
                    Status::Present
                };
                let seen = figure.observed_on.unwrap_or(figure.day);
                let stale = (day - seen).num_days() > i64::from(options.stale_after_days);
                Entry {
                    key,
                    figure,
                    status,
                    stale,
                    inside: None,
                }
            })
            .collect();
        Posture {
            data,
            day,
            options,
            entries,
            mission_focus: None,
        }
    }

    /// The same posture narrowed to one nation and/or one mission: only
    /// their figures remain, and [`Posture::by_mission`] shows only that
    /// mission.
    ///
    /// ```
    /// use troop_tracker::Dataset;
    /// let data = Dataset::bundled()?;
    /// let p = data.posture("2020-02-13".parse()?).focus(None, Some(&"NMI".parse()?));
    /// assert!(p.entries().iter().all(|e| e.mission().map(|m| m.as_str()) == Some("NMI")));
    /// assert_eq!(p.by_mission().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn focus(&self, nation: Option<NationCode>, mission: Option<&MissionId>) -> Posture<'d> {
        let state: Figures = self
            .entries
            .iter()
            .filter(|e| nation.is_none_or(|n| e.key.nation == Some(n)))
            .filter(|e| mission.is_none_or(|m| e.key.mission.as_ref() == Some(m)))
            .map(|e| (e.key.clone().into_owned(), e.figure.clone().into_owned()))
            .collect();
        let mut p = Posture::from_state(self.data, self.day, self.options, &state);
        p.mission_focus = mission.cloned().or_else(|| self.mission_focus.clone());
        p
    }

    /// The dataset the posture was built from.
    pub fn dataset(&self) -> &'d Dataset {
        self.data
    }

    /// The day of the posture.
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// The options it was built with.
    pub fn options(&self) -> PostureOptions {
        self.options
    }

    /// Whether announced relocations were applied.
    pub fn is_projected(&self) -> bool {
        self.options.projected
    }

    /// Every figure, ordered by nation, place and mission.
    pub fn entries(&self) -> &[Entry<'d>] {
        &self.entries
    }

    /// The sum of every top-level figure: all troops on the day.
    pub fn total(&self) -> Interval {
        Interval::sum(
            self.entries
                .iter()
                .filter(|e| !e.is_nested())
                .map(|e| &e.figure.value),
        )
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

    /// The posture by nation, with each nation's honest total.
    pub fn by_nation(&self) -> Vec<NationView<'_>> {
        let mut nations: BTreeMap<Option<NationCode>, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if !e.is_nested() {
                nations.entry(e.key.nation).or_default().push(i);
            }
        }
        nations
            .into_iter()
            .map(|(nation, roots)| {
                let total = Interval::sum(
                    roots
                        .iter()
                        .filter_map(|&i| self.entries.get(i))
                        .map(|e| &e.figure.value),
                );
                NationView {
                    nation,
                    entries: self.tree(roots.into_iter()),
                    total,
                }
            })
            .collect()
    }

    /// The posture by mission: reported total, contributions, remainder.
    /// Missions with neither a reported total nor a contribution by the
    /// day are left out.
    pub fn by_mission(&self) -> Vec<MissionView<'_>> {
        let mut out = Vec::new();
        for m in self.data.missions() {
            if self.mission_focus.as_ref().is_some_and(|f| f != m.id()) {
                continue;
            }
            let reported = self.data.mission_total_on(m.id(), self.day);
            let figures = self.entries.iter().map(|e| (&*e.key, &*e.figure));
            let parts = contributions(figures, m.id(), m.host());
            let contributions: Vec<&Entry> = parts
                .iter()
                .filter_map(|(k, _)| {
                    // Entries come from an ordered map, so they are sorted by key.
                    let i = self.entries.binary_search_by(|e| (*e.key).cmp(k)).ok()?;
                    self.entries.get(i)
                })
                .collect();
            if reported.is_none() && contributions.is_empty() {
                continue;
            }
            let attributed = Interval::sum(contributions.iter().map(|e| &e.figure.value));
            let unattributed = reported.map(|t| t.strength().bounds().minus(&attributed));
            out.push(MissionView {
                mission: m.id().clone(),
                reported,
                contributions,
                attributed,
                unattributed,
            });
        }
        out
    }

    /// The posture by location: each country with its areas nested, and
    /// joint destinations (`JOR+KWT`) on their own.
    pub fn by_location(&self) -> Vec<LocationView<'_>> {
        let mut groups: BTreeMap<String, (Option<NationCode>, Vec<usize>)> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let (label, country) = match e.key.places.as_slice() {
                [one] => (one.country().to_string(), Some(one.country())),
                _ => (e.key.places_label(), None),
            };
            groups
                .entry(label)
                .or_insert((country, Vec::new()))
                .1
                .push(i);
        }
        groups
            .into_iter()
            .map(|(label, (country, members))| {
                let roots: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| {
                        // Top-level within this location: not nested in
                        // another entry of the same location.
                        self.entries
                            .get(i)
                            .and_then(|e| e.inside)
                            .is_none_or(|o| !members.contains(&o))
                    })
                    .collect();
                let total = Interval::sum(
                    roots
                        .iter()
                        .filter_map(|&i| self.entries.get(i))
                        .map(|e| &e.figure.value),
                );
                let entries = self.tree(roots.into_iter());
                LocationView {
                    label,
                    country,
                    entries,
                    total,
                }
            })
            .collect()
    }
}
