//! The consistency checks: figures that cannot all be true are errors,
//! figures that may conflict given their uncertainty are warnings, and
//! every check that passes leaves a note with its arithmetic.
//!
//! One file per family of rules: `references` (a same-day figure and its
//! relocation agree), `replayed` (what the ledger replay shows: moving
//! more than was there, conservation, areas within their country),
//! `totals` (contributions within a mission's total, shares), `dates`
//! (things happen in order), `membership` (leads, members, the
//! alliance's size) and `claims` (two reports of one thing). The findings
//! and their rule ids are in `report`.

mod claims;
mod dates;
mod doubts;
mod membership;
mod minimal;
mod references;
mod replayed;
mod report;
mod series;
mod stated;
mod totals;

pub use report::{Finding, Report, Rule, Severity};
pub use series::{SPIKE_MIN_TROOPS, SPIKE_RATIO, SPIKE_RETURN};

use crate::fasthash::{FastMap as HashMap, FastSet as HashSet};
use std::sync::OnceLock;

use crate::dataset::Dataset;
use crate::deployment::Deployment;
use crate::event::Event;
use crate::id::MissionId;
use crate::interval::{Interval, Truth};
use crate::ledger::{Basis, Figure, RecordRef, World};
use crate::relocation::Relocation;
use crate::source::Citation;
use crate::strength::StrengthKind;

/// How long a mission's reported total is taken to describe the same force
/// when no relocation into or out of the mission is recorded in between.
pub const TOTAL_STABLE_DAYS: i64 = 60;

impl Dataset {
    /// Checks the dataset for figures that cannot all be true.
    ///
    /// Every [`Rule`] runs; each finding names its rule, severity, records
    /// and the arithmetic. The bundled dataset has no errors:
    ///
    /// ```
    /// use troop_tracker::{Dataset, Rule, Severity};
    /// let report = Dataset::bundled()?.validate();
    /// assert!(!report.has_errors());
    /// let germany = report
    ///     .by_rule(Rule::Conservation)
    ///     .find(|f| f.message().starts_with("DEU in IRQ"))
    ///     .expect("Germany's relocation is checked");
    /// assert!(germany.message().contains("120 before relocation R-DEU-2020-01-09, minus 30 moved = 90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Report {
        crate::ledger::Ledger::new(self).validate()
    }

    /// Every rule's findings, before errors are explained.
    fn checks(&self) -> Vec<Finding> {
        checks_and_unmet(&crate::ledger::Ledger::new(self)).0
    }
}

impl crate::ledger::Ledger<'_> {
    /// The report of [`Dataset::validate`], asked of this ledger: the
    /// models of the world it compiles for the checks stay with the
    /// ledger, so that postures asked after (or before) do not compile
    /// them again.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger};
    /// let data = Dataset::bundled()?;
    /// let ledger = Ledger::new(&data);
    /// let report = ledger.validate();
    /// assert_eq!(report, data.validate());
    /// let posture = ledger.posture("2020-01-10".parse()?);
    /// assert!(posture.total().low() > 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Report {
        let (findings, unmet) = checks_and_unmet(self);
        Report::new(minimal::explain(self.dataset(), findings, &unmet))
    }
}

/// Every rule's findings, and the records of each part of the history
/// that no world meets with what happened (found once, for the rules and
/// for explaining errors).
fn checks_and_unmet<'a>(
    ledger: &'a crate::ledger::Ledger<'a>,
) -> (Vec<Finding>, Vec<Vec<RecordRef>>) {
    let data = ledger.dataset();
    let mut c = Checks {
        data,
        out: Vec::new(),
        relocations: data
            .relocations()
            .iter()
            .map(|r| (r.id().as_str(), r))
            .collect(),
        events: data.events().iter().map(|e| (e.id().as_str(), e)).collect(),
        deployments: data
            .deployments()
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id().as_str(), i))
            .collect(),
        ledger,
        fits: OnceLock::new(),
        by_mission: {
            let mut map: HashMap<&MissionId, Vec<&Deployment>> = HashMap::default();
            for d in data.deployments() {
                if let Some(m) = d.mission() {
                    map.entry(m).or_default().push(d);
                }
            }
            map
        },
    };
    // The checks ask both models of the world (with what happened, and
    // with what was announced too): compiled side by side.
    ledger.build_worlds();
    c.references();
    c.replayed();
    c.mission_totals();
    c.stated_totals();
    c.shares();
    c.date_order();
    c.lead_contributes();
    c.membership();
    c.competing_claims();
    c.alliance_size();
    c.force_size();
    c.spikes();
    c.doubts();
    let unmet = c.against_the_model();
    (c.out, unmet)
}

struct Checks<'a> {
    data: &'a Dataset,
    out: Vec<Finding>,
    relocations: HashMap<&'a str, &'a Relocation>,
    events: HashMap<&'a str, &'a Event>,
    /// Each deployment's row, by id.
    deployments: HashMap<&'a str, usize>,
    /// The ledger: the model of the world, actual and projected, built
    /// when asked, and the postures read from it.
    ledger: &'a crate::ledger::Ledger<'a>,
    /// Each area or mission report's figure right after it (by row), over
    /// every world; `None` where no world meets the records.
    fits: OnceLock<HashMap<usize, Option<Interval>>>,
    by_mission: HashMap<&'a MissionId, Vec<&'a Deployment>>,
}

fn ids<I: IntoIterator<Item = S>, S: ToString>(items: I) -> Vec<String> {
    items.into_iter().map(|s| s.to_string()).collect()
}

/// Where a citation comes from, without its words: a source, and the
/// line of a table.
fn from(c: &Citation) -> String {
    match c.line() {
        Some(n) => format!("{} line {n}", c.source()),
        None => c.source().to_string(),
    }
}

/// `source "words"` (or, for a table row, `source line N "row"`) for
/// messages that set two sources' words side by side.
fn words(c: &Citation) -> String {
    match c.line() {
        // A table row is quoted whole: the figure's cell alone would not
        // say which row, report or quarter it came from.
        Some(n) => format!("{} line {n} \"{}\"", c.source(), c.quote()),
        None => format!("{} \"{}\"", c.source(), c.words().unwrap_or(c.quote())),
    }
}

/// The severity of "`part` is at most `whole`": impossible is an error; a
/// possible excess is a warning only when `part` claims an upper bound
/// ("at least one" claims none, so it cannot contradict a total).
fn within(part: &Interval, whole: &Interval) -> (Severity, &'static str) {
    match part.at_most(whole) {
        Truth::Certainly => (Severity::Note, "consistent"),
        Truth::Possibly if part.high().is_none() => (Severity::Note, "consistent (open-ended)"),
        Truth::Possibly => (Severity::Warning, "may conflict"),
        Truth::CertainlyNot => (Severity::Error, "contradiction"),
    }
}

/// How many of a figure's records a finding names: the first (where the
/// chain starts) and the latest ones. A figure carried through thousands
/// of moves would otherwise make every finding about it as long as its
/// history, and the report quadratic in it.
const CHAIN_SHOWN: usize = 10;

/// The records of a figure a finding names: all of a short chain; the
/// first and the latest [`CHAIN_SHOWN`] of a long one.
fn chain_ids(b: &Basis) -> Vec<String> {
    if b.len() <= CHAIN_SHOWN + 1 {
        return ids(b);
    }
    let mut out: Vec<String> = b.first().map(ToString::to_string).into_iter().collect();
    out.extend(b.latest(CHAIN_SHOWN).into_iter().map(ToString::to_string));
    out
}

/// The records of a part no world meets, in words: at most the first
/// 2 × [`CHAIN_SHOWN`], and how many more there are.
fn listed(ids: &[String]) -> String {
    if ids.len() > CHAIN_SHOWN * 2 {
        format!(
            "{}, … {} more",
            ids.get(..CHAIN_SHOWN * 2).unwrap_or_default().join(", "),
            ids.len() - CHAIN_SHOWN * 2
        )
    } else {
        ids.join(", ")
    }
}

/// The records of a figure in words, a long chain cut in the middle.
fn chain_text(b: &Basis) -> String {
    let shown = chain_ids(b);
    if shown.len() == b.len() {
        return shown.join(", ");
    }
    let (first, rest) = shown
        .split_first()
        .map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
    format!(
        "{first}, … {} more …, {}",
        b.len() - shown.len(),
        rest.join(", ")
    )
}

fn describe(f: &Figure) -> String {
    format!("{} ({})", f.strength(), chain_text(&f.basis))
}

impl<'a> Checks<'a> {
    /// The model of the world, actual or `projected`.
    fn world(&self, projected: bool) -> &World {
        self.ledger.world(if projected {
            crate::ledger::Projection::Projected
        } else {
            crate::ledger::Projection::Actual
        })
    }

    /// Errors of the rules that read the replay stand only where no world
    /// meets the records (the model decides, not the interval arithmetic
    /// of one replay); and every part of the history that no world meets
    /// has an error, whichever rule saw it or none. Returns the records of
    /// each part no world meets with what happened, for explaining errors.
    fn against_the_model(&mut self) -> Vec<Vec<RecordRef>> {
        // Parts of the history no world meets: with what happened, an
        // error; only with what was announced as well, a plan that cannot
        // be carried out as stated, a warning.
        let unmet = self.world(false).contradictions();
        let ids_of = |found: &[Vec<RecordRef>]| -> Vec<Vec<String>> {
            found
                .iter()
                .map(|records| {
                    let mut ids: Vec<String> =
                        records.iter().filter_map(|r| self.record_id(*r)).collect();
                    ids.sort();
                    ids.dedup();
                    ids
                })
                .collect()
        };
        let actual = ids_of(&unmet);
        // Without announced moves both are one world: nothing is only
        // planned.
        let planned: Vec<Vec<String>> = if std::ptr::eq(self.world(false), self.world(true)) {
            Vec::new()
        } else {
            let known: HashSet<&Vec<String>> = actual.iter().collect();
            ids_of(&self.world(true).contradictions())
                .into_iter()
                .filter(|p| !known.contains(p))
                .collect()
        };
        let bad: HashSet<&str> = actual.iter().flatten().map(String::as_str).collect();
        let modelled = [
            Rule::RelocationExceedsOrigin,
            Rule::Conservation,
            Rule::WithinCountry,
        ];
        let out = std::mem::take(&mut self.out);
        self.out = out
            .into_iter()
            .map(|f| {
                let about = f.records().iter().any(|r| bad.contains(r.as_str()));
                if f.severity() == Severity::Error && modelled.contains(&f.rule()) && !about {
                    f.possible("with every other record, some world meets them")
                } else {
                    f
                }
            })
            .collect();
        // Each record named by a finding, with the gravest severity that
        // names it.
        let mut named: HashMap<String, Severity> = HashMap::default();
        for f in &self.out {
            for r in f.records() {
                let s = named.entry(r.clone()).or_insert(f.severity());
                *s = (*s).min(f.severity());
            }
        }
        for (ids, severity) in actual
            .into_iter()
            .map(|p| (p, Severity::Error))
            .chain(planned.into_iter().map(|p| (p, Severity::Warning)))
        {
            let covered = ids
                .iter()
                .any(|r| named.get(r).is_some_and(|&s| s <= severity));
            if covered {
                continue;
            }
            let shown = listed(&ids);
            let msg = if severity == Severity::Error {
                format!("no world meets these records together: a move, a return or a report leaves some figure below zero or outside what another report says ({shown}) — contradiction")
            } else {
                format!("the announced moves cannot all be carried out as stated with the figures recorded ({shown}) — may conflict")
            };
            self.push(Rule::Conservation, severity, ids, msg);
        }
        unmet
    }

    /// A record's id.
    fn record_id(&self, r: RecordRef) -> Option<String> {
        match r {
            RecordRef::Deployment(i) => self
                .data
                .deployments()
                .get(i as usize)
                .map(|d| d.id().to_string()),
            RecordRef::Relocation(i) => self
                .data
                .relocations()
                .get(i as usize)
                .map(|x| x.id().to_string()),
        }
    }

    fn push(&mut self, rule: Rule, severity: Severity, records: Vec<String>, message: String) {
        self.out
            .push(Finding::new(rule, severity, records, message));
    }

    fn relocation(&self, id: &crate::id::RecordId) -> Option<&'a Relocation> {
        self.relocations.get(id.as_str()).copied()
    }

    fn deployments_of(&self, mission: &MissionId) -> &[&'a Deployment] {
        self.by_mission
            .get(mission)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    fn event(&self, id: &crate::id::RecordId) -> Option<&'a Event> {
        self.events.get(id.as_str()).copied()
    }
}

/// `30`, or `some<500 (1..499)` where the notation hides the interval.
fn stated_and_bounds(stated: crate::strength::Strength, bounds: Interval) -> String {
    if stated.to_string() == bounds.to_string() {
        bounds.to_string()
    } else {
        format!("{stated} ({bounds})")
    }
}

/// "Some of its 500" states the total at the origin as well as the count
/// moved.
fn stated_total(r: &Relocation) -> Option<u64> {
    let s = r.strength();
    if s.kind() != StrengthKind::Some {
        return None;
    }
    s.bounds().high().map(|h| h + 1)
}

#[cfg(test)]
mod tests {
    use super::listed;

    #[test]
    fn a_part_no_world_meets_lists_twenty_records_and_counts_the_rest() {
        let ids = |n: usize| (0..n).map(|i| format!("R{i}")).collect::<Vec<String>>();
        let twenty = ids(20).join(", ");
        assert_eq!(listed(&ids(2)), "R0, R1");
        assert_eq!(listed(&ids(13)), ids(13).join(", "));
        assert_eq!(listed(&ids(20)), twenty);
        assert_eq!(listed(&ids(21)), format!("{twenty}, … 1 more"));
        assert_eq!(listed(&ids(500)), format!("{twenty}, … 480 more"));
    }
}
