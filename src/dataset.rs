//! The dataset: every record of a data folder, with lookups. A plain
//! container: loading lives in the CSV layer, analyses above it.

use std::collections::HashMap;

use crate::date::Day;
use crate::deployment::Deployment;
use crate::event::Event;
use crate::id::{MissionId, SourceId};
use crate::mission::{Mission, MissionStrength};
use crate::nation::{Nation, NationCode};
use crate::relocation::Relocation;
use crate::source::Source;
use crate::total::Total;

/// Every record of a data folder: sources, nations, missions (with their
/// reported totals), deployments, relocations and events, after the loader
/// has checked that ids are unique, references resolve and quotes are
/// verbatim.
///
/// ```
/// use troop_tracker::Dataset;
/// let data = Dataset::bundled()?;
/// let germany = data.nation("DEU".parse()?).expect("Germany is in the bundled data");
/// assert_eq!(germany.name(), "Germany");
/// assert!(data.deployments().iter().any(|d| d.nation() == germany.code()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    sources: Vec<Source>,
    nations: Vec<Nation>,
    missions: Vec<Mission>,
    deployments: Vec<Deployment>,
    relocations: Vec<Relocation>,
    events: Vec<Event>,
    totals: Vec<Total>,
    nation_index: HashMap<NationCode, usize>,
    mission_index: HashMap<MissionId, usize>,
    source_index: HashMap<SourceId, usize>,
}

impl Dataset {
    /// A dataset of records the loader has checked: ids unique,
    /// references resolved, quotes verbatim.
    pub(crate) fn new(
        sources: Vec<Source>,
        nations: Vec<Nation>,
        missions: Vec<Mission>,
        deployments: Vec<Deployment>,
        relocations: Vec<Relocation>,
        events: Vec<Event>,
    ) -> Dataset {
        let mut ds = Dataset {
            sources,
            nations,
            missions,
            deployments,
            relocations,
            events,
            ..Dataset::default()
        };
        ds.reindex();
        ds
    }

    fn reindex(&mut self) {
        self.nation_index = self
            .nations
            .iter()
            .enumerate()
            .map(|(i, n)| (n.code(), i))
            .collect();
        self.mission_index = self
            .missions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id().clone(), i))
            .collect();
        self.source_index = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id().clone(), i))
            .collect();
    }

    /// The source articles.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The nations, with NATO accession dates.
    pub fn nations(&self) -> &[Nation] {
        &self.nations
    }

    /// The missions, each with its reported totals.
    pub fn missions(&self) -> &[Mission] {
        &self.missions
    }

    /// Every reported mission total, mission by mission.
    pub fn mission_strengths(&self) -> impl Iterator<Item = &MissionStrength> {
        self.missions.iter().flat_map(|m| m.totals())
    }

    /// The deployment observations, in file order.
    pub fn deployments(&self) -> &[Deployment] {
        &self.deployments
    }

    /// The relocations, in file order.
    pub fn relocations(&self) -> &[Relocation] {
        &self.relocations
    }

    /// The events, in file order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Every stated total over many contributions (an imported table's
    /// `all` rows), in the order read. A data folder holds none.
    pub fn totals(&self) -> &[Total] {
        &self.totals
    }

    /// The same dataset with these stated totals.
    pub(crate) fn with_totals(mut self, totals: Vec<Total>) -> Dataset {
        self.totals = totals;
        self
    }

    /// The latest day a figure describes: the last day of the latest
    /// observation, relocation or reported mission total (events, which
    /// may lie ahead, are not counted). `None` for a dataset without one.
    ///
    /// ```
    /// let data = troop_tracker::Dataset::bundled()?;
    /// assert_eq!(data.latest_day().map(|d| d.to_string()).as_deref(), Some("2020-02-15"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn latest_day(&self) -> Option<Day> {
        self.deployments
            .iter()
            .map(|d| d.as_of().latest())
            .chain(self.relocations.iter().map(|r| r.date().latest()))
            .chain(self.mission_strengths().map(|t| t.as_of().latest()))
            .max()
    }

    /// The nation with this code.
    pub fn nation(&self, code: NationCode) -> Option<&Nation> {
        self.nation_index
            .get(&code)
            .and_then(|&i| self.nations.get(i))
    }

    /// The mission and those it succeeded under earlier names, newest
    /// first: `[MONUSCO, MONUC]`. A loop of successions is followed once.
    pub fn lineage<'d>(&'d self, id: &'d MissionId) -> Vec<&'d MissionId> {
        let mut out = vec![id];
        let mut at = id;
        while let Some(p) = self.mission(at).and_then(Mission::predecessor) {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            at = p;
        }
        out
    }

    /// The mission with this id.
    pub fn mission(&self, id: &MissionId) -> Option<&Mission> {
        self.mission_index
            .get(id)
            .and_then(|&i| self.missions.get(i))
    }

    /// The mission's reported total that applies on `day`: the latest whose
    /// date begins on or before it.
    pub fn mission_total_on(&self, mission: &MissionId, day: Day) -> Option<&MissionStrength> {
        self.mission(mission)?
            .totals()
            .iter()
            .filter(|t| t.as_of().earliest() <= day)
            .max_by_key(|t| t.as_of().earliest())
    }

    /// The citation of the record with this id (a deployment, relocation,
    /// event, mission total or stated total), or of the mission with this
    /// id.
    pub fn citation_of(&self, id: &str) -> Option<&crate::source::Citation> {
        self.deployments
            .iter()
            .find(|d| d.id().as_str() == id)
            .map(|d| d.citation())
            .or_else(|| {
                self.relocations
                    .iter()
                    .find(|r| r.id().as_str() == id)
                    .map(|r| r.citation())
            })
            .or_else(|| {
                self.events
                    .iter()
                    .find(|e| e.id().as_str() == id)
                    .map(|e| e.citation())
            })
            .or_else(|| {
                self.mission_strengths()
                    .find(|t| t.id().as_str() == id)
                    .map(|t| t.citation())
            })
            .or_else(|| {
                self.totals
                    .iter()
                    .find(|t| t.id().as_str() == id)
                    .map(|t| t.citation())
            })
            .or_else(|| {
                self.missions
                    .iter()
                    .find(|m| m.id().as_str() == id)
                    .map(|m| m.citation())
            })
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }

    /// Whether two datasets hold the same records: every source, nation,
    /// mission (with its totals), deployment, relocation, event and stated
    /// total, field
    /// by field and in order, with strengths and dates compared by
    /// notation. A source's article path is not compared (an export
    /// rewrites it); its text is. Export followed by import keeps this
    /// true.
    pub fn same_records(&self, other: &Dataset) -> bool {
        fn all<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        all(&self.sources, &other.sources, Source::same_record)
            && all(&self.nations, &other.nations, |a, b| a == b)
            && all(&self.missions, &other.missions, Mission::same_record)
            && all(
                &self.deployments,
                &other.deployments,
                Deployment::same_record,
            )
            && all(
                &self.relocations,
                &other.relocations,
                Relocation::same_record,
            )
            && all(&self.events, &other.events, Event::same_record)
            && all(&self.totals, &other.totals, Total::same_record)
    }

    /// Where each record is, by id: built once for many
    /// [`Dataset::subset_at`].
    pub(crate) fn positions(&self) -> Positions<'_> {
        let mut at = Positions::default();
        at.extend(
            self.deployments
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id().as_str(), (Table::Deployment, i))),
        );
        at.extend(
            self.relocations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id().as_str(), (Table::Relocation, i))),
        );
        at.extend(
            self.events
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id().as_str(), (Table::Event, i))),
        );
        at.extend(
            self.mission_strengths()
                .map(|t| (t.id().as_str(), (Table::MissionTotal, 0))),
        );
        at
    }

    /// The dataset with only the deployments, relocations, events and
    /// mission totals whose ids are in `keep`; every source, nation and
    /// mission stays. Ids that name no such record are ignored.
    ///
    /// What a [`Finding::contradiction`](crate::Finding::contradiction)
    /// claims can be checked with it: those records alone still give the
    /// error, and leaving out any one of them takes it away.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Rule};
    /// let data = Dataset::bundled()?;
    /// let germany = data.subset(&["D-DEU-IRQ-2020-01-09", "R-DEU-2020-01-09"]);
    /// assert_eq!(germany.deployments().len(), 1);
    /// assert_eq!(germany.relocations().len(), 1);
    /// assert_eq!(germany.nations().len(), data.nations().len());
    /// let report = germany.validate();
    /// assert!(report.by_rule(Rule::RelocationExceedsOrigin).count() > 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subset(&self, keep: &[&str]) -> Dataset {
        self.subset_at(keep, &self.positions())
    }

    /// The dataset with only the deployments, relocations, events and
    /// mission totals named in `keep` (a handful); every source, nation and
    /// mission stays. What validation uses to find the fewest records that
    /// still contradict each other; `positions` finds them without a scan
    /// of every record.
    pub(crate) fn subset_at(&self, keep: &[&str], positions: &Positions<'_>) -> Dataset {
        let mut picked: Vec<(Table, usize)> = keep
            .iter()
            .filter_map(|id| positions.get(id).copied())
            .collect();
        picked.sort_unstable();
        let of = |table: Table| picked.iter().filter(move |p| p.0 == table).map(|p| p.1);
        let missions = self
            .missions
            .iter()
            .map(|m| m.with_totals_where(|t| keep.contains(&t.id().as_str())))
            .collect();
        Dataset::new(
            self.sources.clone(),
            self.nations.clone(),
            missions,
            of(Table::Deployment)
                .filter_map(|i| self.deployments.get(i).cloned())
                .collect(),
            of(Table::Relocation)
                .filter_map(|i| self.relocations.get(i).cloned())
                .collect(),
            of(Table::Event)
                .filter_map(|i| self.events.get(i).cloned())
                .collect(),
        )
    }
}

/// The kinds of record a [`Positions`] map points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Table {
    Deployment,
    Relocation,
    Event,
    MissionTotal,
}

/// Each record's table and index, by id.
pub(crate) type Positions<'d> = crate::fasthash::FastMap<&'d str, (Table, usize)>;
