//! A posture read by nation, by mission and by location, each with its
//! honest total.

use std::collections::BTreeMap;

use crate::id::MissionId;
use crate::interval::Interval;
use crate::ledger::contributions;
use crate::mission::MissionStrength;
use crate::nation::NationCode;
use crate::posture::{Entry, Posture};

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

impl<'d> Posture<'d> {
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
