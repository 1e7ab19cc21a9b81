//! The model of the world every bound comes from (see data/README.md,
//! "The model"): cells of troops per nation, place and mission; reports
//! that fix a figure at a moment; moves that take a count from some cells
//! and put it in others; temporary moves that may come back. A question —
//! the least and most of a sum of cells (and of moved counts) at a moment
//! — is answered per component of linked cells, over every order the
//! events' dates allow, as whole-number linear programs.

#[cfg(test)]
mod after;
mod ask;
mod compile;
mod cores;
#[cfg(test)]
mod drawn;
mod events;
#[cfg(test)]
mod fixture;
mod order;
mod program;
mod reduce;
mod simple;
mod simplex;
mod solve;
mod space;
mod start;

use std::collections::BTreeMap;

use crate::dataset::Dataset;
use crate::date::Day;
use crate::interval::Interval;
use crate::ledger::key::Key;
use crate::nation::NationCode;

pub(crate) use events::RecordRef;
pub(crate) use solve::Infeasible;
pub(crate) use space::CellId;

use std::sync::{Arc, Mutex};

use ask::{cuts, segment_of, Local, Moment, Prepared};
use cores::each;
use events::{Compiled, Spot};
use order::day_number;

/// When a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// After every moment of the day.
    End(Day),
    /// Before every moment of the day.
    Start(Day),
}

/// One term of a question's sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Term {
    /// The troops in a cell.
    Cell(CellId),
    /// The count a move moved (by any of its reports).
    Moved(RecordRef),
}

/// A sum asked of one component, in its own terms.
type Objective = Vec<(Local, f64)>;

/// The sums asked of one component (or part of one), each with its place
/// in the question.
type Asked = Vec<(usize, Objective)>;

/// A component and the first event of one of its stretches.
type Part = (u32, u32);

/// The least and most of a sum: whole numbers, `None` where unbounded.
pub(crate) type Range = (Option<i128>, Option<i128>);

/// The compiled world of a dataset, for one projection.
pub(crate) struct World {
    compiled: Compiled,
    /// Each component's cuts (see `ask::cuts`).
    cuts: Vec<Vec<u32>>,
    /// Each component that is one figure's reports and nothing else.
    simple: Vec<Option<simple::Simple>>,
    /// Questions prepared, by component and moment: a posture asks many
    /// sums of one moment.
    prepared: Mutex<crate::fasthash::FastMap<(u32, Moment), Arc<Prepared>>>,
    /// Which figures their own tables stopped listing.
    editions: crate::ledger::editions::Editions,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("components", &self.compiled.components.len())
            .finish_non_exhaustive()
    }
}

/// Prepared questions kept per world, at most: a timeline asks one per
/// record, which need not all stay.
const MOST_KEPT: usize = 65_536;

impl World {
    /// The world of `data`; announced moves only when `projected`.
    pub(crate) fn new(data: &Dataset, projected: bool) -> World {
        let compiled = Compiled::of(data, projected);
        // No parallel work here: a world is built inside a `OnceLock`, and
        // a thread waiting for its own parallel work may take up another
        // task that waits on the same cell (a deadlock). The programs asked
        // of a built world run in parallel instead.
        let cuts = compiled.components.iter().map(cuts).collect();
        let simple = compiled.components.iter().map(simple::Simple::of).collect();
        World {
            compiled,
            cuts,
            simple,
            prepared: Mutex::new(Default::default()),
            editions: crate::ledger::editions::Editions::of(data),
        }
    }

    /// When the tables that list the figure of `key` published their next
    /// edition after `seen` (see `ledger::editions`).
    pub(crate) fn next_edition(
        &self,
        key: &crate::ledger::Key,
        seen: crate::date::Day,
    ) -> Option<crate::date::Day> {
        self.editions.next_edition(key, seen)
    }

    /// The day the figure of `key` stopped being listed by the tables that
    /// listed it, if it has by `day` (see `ledger::editions`).
    pub(crate) fn ended(
        &self,
        key: &crate::ledger::Key,
        day: crate::date::Day,
    ) -> Option<crate::date::Day> {
        self.editions.ended(key, day)
    }

    /// The latest edition of the table `source` on or before `day` (see
    /// `ledger::editions`).
    pub(crate) fn latest_edition(
        &self,
        source: &crate::id::SourceId,
        day: crate::date::Day,
    ) -> Option<crate::date::Day> {
        self.editions.latest(source.as_str(), day)
    }

    /// The observations of `key` dated from `day` (deployment indices).
    pub(crate) fn claims(&self, key: &crate::ledger::Key, day: crate::date::Day) -> &[usize] {
        self.editions.claims(key, day)
    }

    /// The moment `at`, in half days.
    fn time(at: At) -> i64 {
        match at {
            At::End(d) => 2 * day_number(d) + 1,
            At::Start(d) => 2 * day_number(d) - 1,
        }
    }

    /// A simple component's answer, without a program; `None` where the
    /// component or the moment needs one.
    fn at_once(
        &self,
        comp: u32,
        at: At,
        objectives: &[Objective],
    ) -> Option<Result<Vec<Range>, Infeasible>> {
        let simple = self.simple.get(comp as usize)?.as_ref()?;
        let q = World::time(at);
        let Ok(b) = simple.at(q)? else {
            return Some(Err(Infeasible));
        };
        let (low, high) = (i128::from(b.low()), b.high().map(i128::from));
        let ranges = objectives
            .iter()
            .map(|terms| {
                let c: f64 = terms.iter().map(|(_, c)| *c).sum();
                let c = c.round() as i128;
                if c >= 0 {
                    (Some(c * low), high.map(|h| c * h))
                } else {
                    (high.map(|h| c * h), Some(c * low))
                }
            })
            .collect();
        Some(Ok(ranges))
    }

    /// The question `at` to component `comp`, prepared once.
    fn prepared(&self, comp: u32, at: At) -> Arc<Prepared> {
        let moment = Moment::Time(World::time(at));
        let key = (comp, moment);
        if let Ok(cache) = self.prepared.lock() {
            if let Some(p) = cache.get(&key) {
                return Arc::clone(p);
            }
        }
        let component = self.compiled.components.get(comp as usize);
        let cut_at = self
            .cuts
            .get(comp as usize)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let p = Arc::new(match component {
            Some(c) => Prepared::new(c, cut_at, moment),
            None => Prepared::empty(),
        });
        if let Ok(mut cache) = self.prepared.lock() {
            if cache.len() >= MOST_KEPT {
                cache.clear();
            }
            cache.insert(key, Arc::clone(&p));
        }
        p
    }

    /// How many events component `comp` has: the weight of its programs.
    // Skipped by `cargo mutants`: the weight only chooses between one
    // thread and both cores, whose answers are the same
    // (`tests/parallel.rs`); any count it returns changes only the time.
    #[cfg_attr(test, mutants::skip)]
    fn events_of(&self, comp: u32) -> usize {
        self.compiled
            .components
            .get(comp as usize)
            .map_or(0, |c| c.events.len())
    }

    /// A figure's cells; `None` when no record names it.
    pub(crate) fn cells(&self, key: &Key) -> Option<&[CellId]> {
        self.compiled.space.cells(key)
    }

    /// The countries a cell's troops may be in: one, or several for cells
    /// of different countries that no record tells apart.
    pub(crate) fn countries_of(&self, cell: CellId) -> &[NationCode] {
        self.compiled.space.countries(cell)
    }

    /// The least and most of each sum at `at`; `Err` for a sum over cells
    /// whose records no world meets.
    pub(crate) fn ranges(
        &self,
        at: At,
        sums: &[Vec<(Term, f64)>],
    ) -> Vec<Result<Range, Infeasible>> {
        // Each sum's terms by component, in component-local terms.
        let mut by_component: BTreeMap<u32, Vec<(usize, Objective)>> = BTreeMap::new();
        for (s, sum) in sums.iter().enumerate() {
            let mut parts: BTreeMap<u32, Vec<(Local, f64)>> = BTreeMap::new();
            for &(term, c) in sum {
                if let Some((comp, local)) = self.local(term) {
                    parts.entry(comp).or_default().push((local, c));
                }
            }
            for (comp, terms) in parts {
                by_component.entry(comp).or_default().push((s, terms));
            }
        }
        let mut out: Vec<Result<Range, Infeasible>> = vec![Ok((Some(0), Some(0))); sums.len()];
        // A simple component is answered at once, here; the components
        // that need a program are solved on both cores (a thread per tiny
        // answer would cost more than the answer). The answers are added
        // up in component order, as on one thread.
        let by_component: Vec<(u32, Asked)> = by_component.into_iter().collect();
        let objectives: Vec<Vec<Objective>> = by_component
            .iter()
            .map(|(_, asked)| asked.iter().map(|(_, t)| t.clone()).collect())
            .collect();
        let at_once: Vec<Option<Result<Vec<Range>, Infeasible>>> = by_component
            .iter()
            .zip(&objectives)
            .map(|((comp, _), objectives)| self.at_once(*comp, at, objectives))
            .collect();
        let programs: Vec<(u32, &Vec<Objective>)> = by_component
            .iter()
            .zip(&objectives)
            .zip(&at_once)
            .filter(|(_, answer)| answer.is_none())
            .map(|(((comp, _), objectives), _)| (*comp, objectives))
            .collect();
        let solved = each(
            &programs,
            |(comp, _)| self.events_of(*comp),
            |(comp, objectives)| self.prepared(*comp, at).answer(objectives),
        );
        let mut solved = solved.into_iter();
        let answers = at_once
            .into_iter()
            .map(|answer| answer.or_else(|| solved.next()).unwrap_or(Err(Infeasible)));
        for ((_, asked), answer) in by_component.iter().zip(answers) {
            for (k, (s, _)) in asked.iter().enumerate() {
                let Some(slot) = out.get_mut(*s) else {
                    continue;
                };
                let part = match &answer {
                    Ok(ranges) => ranges.get(k).copied().ok_or(Infeasible),
                    Err(e) => Err(*e),
                };
                *slot = match (&*slot, part) {
                    (Ok((lo, hi)), Ok((l, h))) => {
                        Ok((lo.zip(l).map(|(a, b)| a + b), hi.zip(h).map(|(a, b)| a + b)))
                    }
                    _ => Err(Infeasible),
                };
            }
        }
        out
    }

    /// The least and most of each sum right after its record's moment
    /// (the sums' cells, at that moment). Asked together, each part of
    /// each component is prepared once for all of them.
    pub(crate) fn ranges_after(
        &self,
        asks: &[(RecordRef, Vec<(Term, f64)>)],
    ) -> Vec<Result<Range, Infeasible>> {
        let mut out: Vec<Result<Range, Infeasible>> = vec![Ok((Some(0), Some(0))); asks.len()];
        // By component and segment: the objectives, in local terms.
        let mut by_part: BTreeMap<(u32, u32), Vec<(usize, Objective)>> = BTreeMap::new();
        for (k, (record, sum)) in asks.iter().enumerate() {
            // "Right after the record" is a moment of the record's own
            // history only. The callers ask of the record's own figure or
            // its move's ends, which compiling links into the record's
            // component; a record the world leaves out (a move only
            // announced, in the actual world), or a sum that reaches past
            // its component, is given no bounds rather than another
            // moment's.
            let own = self
                .compiled
                .spots
                .get(record)
                .and_then(|spot| Some((spot, self.terms_after(spot, sum)?)));
            let Some((spot, terms)) = own else {
                if let (Some(slot), false) = (out.get_mut(k), sum.is_empty()) {
                    *slot = Ok((None, None));
                }
                continue;
            };
            let cut_at = self
                .cuts
                .get(spot.component as usize)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let start = segment_of(cut_at, spot.event);
            by_part
                .entry((spot.component, start))
                .or_default()
                .push((k, terms));
        }
        // Each part on both cores, written back in order.
        let by_part: Vec<(Part, Asked)> = by_part.into_iter().collect();
        let answers = each(
            &by_part,
            |((comp, _), _)| self.events_of(*comp),
            |((comp, start), asked)| {
                let component = self.compiled.components.get(*comp as usize)?;
                let cut_at = self
                    .cuts
                    .get(*comp as usize)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let prepared = Prepared::new(component, cut_at, Moment::Everywhere(*start));
                let objectives: Vec<Objective> = asked.iter().map(|(_, t)| t.clone()).collect();
                Some(prepared.answer(&objectives))
            },
        );
        for ((_, asked), answer) in by_part.iter().zip(answers) {
            let Some(answer) = answer else { continue };
            for (i, (k, _)) in asked.iter().enumerate() {
                if let Some(slot) = out.get_mut(*k) {
                    *slot = match &answer {
                        Ok(ranges) => ranges.get(i).copied().ok_or(Infeasible),
                        Err(e) => Err(*e),
                    };
                }
            }
        }
        out
    }

    /// The records of each part of the history that no world meets: a
    /// component, or the stretch of it between two cuts.
    pub(crate) fn contradictions(&self) -> Vec<Vec<RecordRef>> {
        // Every stretch to test, in order: tested on both cores, and
        // collected in this order, so that the list is the same as on one.
        let mut stretches: Vec<(&events::Component, usize, usize)> = Vec::new();
        let mut out = Vec::new();
        for ((component, cut_at), simple) in self
            .compiled
            .components
            .iter()
            .zip(&self.cuts)
            .zip(&self.simple)
        {
            if simple.is_some() {
                // One figure's reports, each a part of its own: only a
                // report whose competitors share no count is unmet.
                for e in &component.events {
                    if let events::Act::Report(r) = &e.act {
                        if !r.consistent {
                            out.push((stretches.len(), r.records.clone()));
                        }
                    }
                }
                continue;
            }
            let n = component.events.len();
            let mut bounds: Vec<usize> = std::iter::once(0)
                .chain(cut_at.iter().map(|&c| c as usize))
                .chain(std::iter::once(n))
                .collect();
            bounds.dedup();
            for pair in bounds.windows(2) {
                if let [start, end] = pair {
                    if start != end {
                        stretches.push((component, *start, *end));
                    }
                }
            }
        }
        let unmet: Vec<Option<Vec<RecordRef>>> = each(
            &stretches,
            |&(_, start, end)| end - start,
            |&(component, start, end)| {
                let met = Prepared::of_segment(component, start, end, None, program::Glue::Free)
                    .feasible();
                (!met).then(|| {
                    component
                        .events
                        .get(start..end)
                        .unwrap_or_default()
                        .iter()
                        .flat_map(|e| e.records())
                        .collect()
                })
            },
        );
        // The simple components' reports go where they were found: before
        // the stretches that came after them.
        let mut merged = Vec::with_capacity(out.len() + unmet.len());
        let mut simple = out.into_iter().peekable();
        for (i, records) in unmet.into_iter().enumerate() {
            while let Some((_, r)) = simple.next_if(|(at, _)| *at <= i) {
                merged.push(r);
            }
            merged.extend(records);
        }
        merged.extend(simple.map(|(_, r)| r));
        merged
    }

    /// `sum` right after the event at `spot`, in its component's terms;
    /// `None` if a term lies in another component.
    fn terms_after(&self, spot: &Spot, sum: &[(Term, f64)]) -> Option<Objective> {
        sum.iter()
            .map(|&(term, c)| match self.local(term)? {
                (comp, Local::Cell(cell)) if comp == spot.component => {
                    Some((Local::After(spot.event, cell), c))
                }
                (comp, Local::Moved(e)) if comp == spot.component => Some((Local::Moved(e), c)),
                _ => None,
            })
            .collect()
    }

    fn local(&self, term: Term) -> Option<(u32, Local)> {
        match term {
            Term::Cell(c) => {
                let &(comp, local) = self.compiled.cell_at.get(c as usize)?;
                Some((comp, Local::Cell(local)))
            }
            Term::Moved(r) => {
                let spot = self.compiled.spots.get(&r)?;
                Some((spot.component, Local::Moved(spot.event)))
            }
        }
    }
}

/// A range of whole numbers as an interval of counts (never below zero).
pub(crate) fn interval((low, high): Range) -> Interval {
    let low = low.map_or(0, |l| u64::try_from(l.max(0)).unwrap_or(u64::MAX));
    match high {
        Some(h) => {
            let h = u64::try_from(h.max(0)).unwrap_or(u64::MAX);
            Interval::bounded(low.min(h), h)
        }
        None => Interval::at_least(low),
    }
}
