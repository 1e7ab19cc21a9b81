//! A posture read by nation, by mission and by location, each with its
//! honest total.

use std::collections::BTreeMap;

use crate::id::MissionId;
use crate::interval::Interval;
use crate::ledger::{contributions, RecordRef, Reports, Term};
use crate::mission::MissionStrength;
use crate::nation::NationCode;
use crate::posture::{Entry, Posture};
use crate::relocation::RelocationStatus;

/// A nation's figures on the day, and their honest sum.
#[derive(Clone, Debug)]
pub struct NationView<'p> {
    /// The nation, or `None` for unnamed contributors.
    pub nation: Option<NationCode>,
    /// Its entries: top-level figures, each followed by those nested in it.
    pub entries: Vec<&'p Entry<'p>>,
    /// The sum of its top-level figures, as tight as the evidence allows.
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
    /// In a projected posture, the reported total plus what announced
    /// relocations dated since it bring into the mission (minus what they
    /// take out of it): the transferred trainers on top of "about 500".
    /// `None` in an actual posture, or when no announced move touches the
    /// mission.
    pub planned: Option<Interval>,
    /// The planned (else the reported) total minus the contributions, when
    /// a total is known.
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
                let tops: Vec<&Entry<'_>> =
                    roots.iter().filter_map(|&i| self.entries.get(i)).collect();
                let total = self.sum(&self.current(tops));
                NationView {
                    nation,
                    entries: self.tree(roots.into_iter()),
                    total,
                }
            })
            .collect()
    }

    /// The `n` nations with the most troops, most first (by the least
    /// their evidence allows, then the most): the largest contributors to
    /// a mission in a posture narrowed to it, or of all the records.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger};
    /// let data = Dataset::bundled()?;
    /// let ledger = Ledger::new(&data);
    /// let p = ledger.posture("2020-01-10".parse()?);
    /// let top = p.largest(2);
    /// assert_eq!(top.len(), 2);
    /// assert!(top[0].total.low() >= top[1].total.low());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn largest(&self, n: usize) -> Vec<NationView<'_>> {
        let mut views = self.by_nation();
        views.sort_by(|a, b| {
            let high = |v: &NationView<'_>| v.total.high().unwrap_or(u64::MAX);
            b.total
                .low()
                .cmp(&a.total.low())
                .then(high(b).cmp(&high(a)))
                .then(a.nation.cmp(&b.nation))
        });
        views.truncate(n);
        views
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
            let attributed = self.sum(&contributions);
            let moves = reported
                .map(|t| self.announced(m.id(), t))
                .unwrap_or_default();
            let planned = reported
                .filter(|_| !moves.is_empty())
                .map(|t| self.plus_moves(t.strength().bounds(), &moves, &[]));
            let unattributed =
                reported.map(|t| self.plus_moves(t.strength().bounds(), &moves, &contributions));
            out.push(MissionView {
                mission: m.id().clone(),
                reported,
                contributions,
                attributed,
                planned,
                unattributed,
            });
        }
        out
    }

    /// The announced moves into a mission (+1) and out of it (-1), dated
    /// from its reported total's day to the posture's, each counted once
    /// however many rows report it, with what they move as forms;
    /// projected postures only.
    fn announced(&self, mission: &MissionId, total: &MissionStrength) -> Vec<(Term, f64)> {
        if !self.is_projected() {
            return Vec::new();
        }
        let relocations = self.data.relocations();
        let same = Reports::of(relocations);
        let mut out = Vec::new();
        for (i, r) in relocations.iter().enumerate() {
            let dated =
                r.date().earliest() >= total.as_of().earliest() && r.date().earliest() <= self.day;
            if !same.is_first(i) || r.status() != RelocationStatus::Announced || !dated {
                continue;
            }
            let sign = match (
                r.from_mission() == Some(mission),
                r.to_mission() == Some(mission),
            ) {
                (false, true) => 1.0,
                (true, false) => -1.0,
                _ => continue,
            };
            // The projected world applied the move: its count.
            let row = u32::try_from(i).unwrap_or(u32::MAX);
            out.push((Term::Moved(RecordRef::Relocation(row)), sign));
        }
        out
    }

    /// `total` plus the moves, minus `parts`, with the tightest bounds the
    /// evidence allows (what a move brings in is also counted among the
    /// contributions it joins, so the two cancel), never below zero.
    fn plus_moves(&self, total: Interval, moves: &[(Term, f64)], parts: &[&Entry<'_>]) -> Interval {
        let mut signed: Vec<(Term, f64)> = moves.to_vec();
        signed.extend(
            self.cells_of(parts.iter().copied())
                .into_iter()
                .map(|(t, _)| (t, -1.0)),
        );
        let Some(Ok((low, high))) = self.world().ranges(self.at(), &[signed]).pop() else {
            // Contradictory evidence: the plain interval arithmetic.
            let parts = Interval::sum(parts.iter().map(|e| &e.bounds));
            return total.minus(&parts);
        };
        let low = low.map_or(0, |l| (i128::from(total.low()) + l).max(0));
        let low = u64::try_from(low).unwrap_or(u64::MAX);
        match (total.high(), high) {
            (Some(t), Some(h)) => {
                let h = u64::try_from((i128::from(t) + h).max(0)).unwrap_or(u64::MAX);
                Interval::bounded(low.min(h), h)
            }
            _ => Interval::at_least(low),
        }
    }

    /// The figures of a view that its total adds: those still listed by
    /// their tables (all, when the options count ended figures). A view
    /// of ended figures only keeps them: its total is what they were when
    /// last listed, flagged on each figure, rather than a 0 that reads as
    /// no troops; the posture's own totals leave them out.
    pub(crate) fn current<'e>(&self, tops: Vec<&'e Entry<'d>>) -> Vec<&'e Entry<'d>> {
        if self.options.count_ended || tops.iter().all(|e| e.ended.is_some()) {
            return tops;
        }
        tops.into_iter().filter(|e| e.ended.is_none()).collect()
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
                let tops: Vec<&Entry<'_>> =
                    roots.iter().filter_map(|&i| self.entries.get(i)).collect();
                let total = self.sum(&self.current(tops));
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
