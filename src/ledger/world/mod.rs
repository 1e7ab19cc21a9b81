//! The model of the world every bound comes from (see data/README.md,
//! "The model"): cells of troops per nation, place and mission; reports
//! that fix a figure at a moment; moves that take a count from some cells
//! and put it in others; temporary moves that may come back. A question —
//! the least and most of a sum of cells (and of moved counts) at a moment
//! — is answered per component of linked cells, over every order the
//! events' dates allow, as whole-number linear programs.

mod events;
mod order;
mod program;
mod reduce;
mod solve;
mod space;

use std::collections::BTreeMap;

use crate::dataset::Dataset;
use crate::date::Day;
use crate::ledger::key::Key;

pub(crate) use events::RecordRef;
pub(crate) use solve::Infeasible;
pub(crate) use space::CellId;

use events::{Compiled, Component};
use order::{clusters, day_number, orders, Item, Times};
use program::{build, Step};
use reduce::Reduced;
use solve::Var;

/// Orders of one component's events tried one by one, at most, per
/// question; beyond, the clusters farthest from the question are relaxed.
const MOST_ORDERS: usize = 256;

/// When a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// After every moment of the day.
    End(Day),
    /// Before every moment of the day.
    Start(Day),
    /// Right after a record's moment.
    After(RecordRef),
}

/// One term of a question's sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Term {
    /// The troops in a cell.
    Cell(CellId),
    /// The count a move moved (by any of its reports).
    Moved(RecordRef),
}

/// The least and most of a sum: whole numbers, `None` where unbounded.
pub(crate) type Range = (Option<i128>, Option<i128>);

/// The compiled world of a dataset, for one projection.
#[derive(Debug)]
pub(crate) struct World {
    compiled: Compiled,
}

impl World {
    /// The world of `data`; announced moves only when `projected`.
    pub(crate) fn new(data: &Dataset, projected: bool) -> World {
        World {
            compiled: Compiled::of(data, projected),
        }
    }

    /// A figure's cells; `None` when no record names it.
    pub(crate) fn cells(&self, key: &Key) -> Option<&[CellId]> {
        self.compiled.space.cells(key)
    }

    /// A cell's nation and country.
    pub(crate) fn place_of(
        &self,
        cell: CellId,
    ) -> (
        Option<crate::nation::NationCode>,
        Option<crate::nation::NationCode>,
    ) {
        let space = &self.compiled.space;
        (space.nation(cell), space.country(cell))
    }

    /// The least and most of each sum at `at`; `Err` for a sum over cells
    /// whose records no world meets.
    pub(crate) fn ranges(
        &self,
        at: At,
        sums: &[Vec<(Term, f64)>],
    ) -> Vec<Result<Range, Infeasible>> {
        // Each sum's terms by component, in component-local terms.
        let mut by_component: BTreeMap<u32, Vec<(usize, Vec<(Local, f64)>)>> = BTreeMap::new();
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
        for (comp, asked) in by_component {
            let Some(component) = self.compiled.components.get(comp as usize) else {
                continue;
            };
            let objectives: Vec<Vec<(Local, f64)>> = asked.iter().map(|(_, t)| t.clone()).collect();
            let answer = self.solve(comp, component, at, &objectives);
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

    /// Each component whose records no world meets, with its records.
    pub(crate) fn contradictions(&self) -> Vec<Vec<RecordRef>> {
        let mut out = Vec::new();
        for (i, component) in self.compiled.components.iter().enumerate() {
            if component.events.is_empty() {
                continue;
            }
            let comp = u32::try_from(i).unwrap_or(u32::MAX);
            let at = At::End(Day::MAX);
            if self.solve(comp, component, at, &[]).is_err() {
                out.push(component.events.iter().flat_map(|e| e.records()).collect());
            }
        }
        out
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

    /// The least and most of each objective over one component, over
    /// every order its events may come in.
    fn solve(
        &self,
        _comp: u32,
        component: &Component,
        at: At,
        objectives: &[Vec<(Local, f64)>],
    ) -> Result<Vec<Range>, Infeasible> {
        let (query_time, glued) = match at {
            At::End(d) => (Some(2 * day_number(d) + 1), None),
            At::Start(d) => (Some(2 * day_number(d) - 1), None),
            At::After(r) => (None, self.compiled.spots.get(&r).map(|s| s.event)),
        };
        let times = Times::new(component, query_time);
        let mut items: Vec<Item> = (0..component.events.len())
            .map(|e| Item::Event(u32::try_from(e).unwrap_or(u32::MAX)))
            .collect();
        if query_time.is_some() {
            items.push(Item::Query);
        }
        let asked: Vec<u32> = objectives
            .iter()
            .flatten()
            .filter_map(|(l, _)| match l {
                Local::Cell(c) => Some(*c),
                Local::Moved(_) => None,
            })
            .collect();
        let touch = Touch::new(component, &asked);
        let dependent = |a: Item, b: Item| touch.dependent(a, b);
        let groups = clusters(&times, &items);
        let plan = plan(&times, &groups, &dependent, query_time);
        let mut answer: Option<Vec<Range>> = None;
        for steps in combos(&plan) {
            let built = build(component, &times, &steps, glued);
            if built.contradictory {
                continue;
            }
            let var_of = |l: &Local| -> Option<Var> {
                match l {
                    Local::Cell(c) => built.query.get(*c as usize).copied(),
                    Local::Moved(e) => built.moved.get(e).copied(),
                }
            };
            let reduced = Reduced::of(&built.program);
            if objectives.is_empty() {
                if reduced.feasible() {
                    answer = Some(Vec::new());
                    break;
                }
                continue;
            }
            let mut ranges = Vec::with_capacity(objectives.len());
            let mut feasible = true;
            for objective in objectives {
                let terms: Vec<(Var, f64)> = objective
                    .iter()
                    .filter_map(|(l, c)| var_of(l).map(|v| (v, *c)))
                    .collect();
                match reduced.range(&terms) {
                    Ok(r) => ranges.push(r),
                    Err(Infeasible) => {
                        feasible = false;
                        break;
                    }
                }
            }
            if !feasible {
                continue;
            }
            answer = Some(match answer {
                None => ranges,
                Some(prev) => prev
                    .into_iter()
                    .zip(ranges)
                    .map(|((l1, h1), (l2, h2))| {
                        (
                            l1.zip(l2).map(|(a, b)| a.min(b)),
                            h1.zip(h2).map(|(a, b)| a.max(b)),
                        )
                    })
                    .collect(),
            });
        }
        answer.ok_or(Infeasible)
    }
}

/// A question's term within a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Local {
    Cell(u32),
    Moved(u32),
}

/// Which cells each item touches, widened to both ends of any temporary
/// pair it touches (what comes back links them).
struct Touch {
    events: Vec<Vec<u32>>,
    query: Vec<u32>,
}

impl Touch {
    fn new(component: &Component, asked: &[u32]) -> Touch {
        let widen = |mut cells: Vec<u32>| -> Vec<u32> {
            for (home, away) in &component.tags {
                if cells.iter().any(|c| home.contains(c) || away.contains(c)) {
                    cells.extend(home.iter().chain(away.iter()).copied());
                }
            }
            cells.sort_unstable();
            cells.dedup();
            cells
        };
        Touch {
            events: component.events.iter().map(|e| widen(e.cells())).collect(),
            query: widen(asked.to_vec()),
        }
    }

    fn cells(&self, item: Item) -> &[u32] {
        match item {
            Item::Query => &self.query,
            Item::Event(e) => self
                .events
                .get(e as usize)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        }
    }

    fn dependent(&self, a: Item, b: Item) -> bool {
        let (x, y) = (self.cells(a), self.cells(b));
        x.iter().any(|c| y.binary_search(c).is_ok())
    }
}

/// How each cluster is taken: its orders, or relaxed. Clusters are given
/// orders nearest the question first, while their product stays within
/// [`MOST_ORDERS`].
enum Plan {
    Orders(Vec<Vec<Item>>),
    Relaxed(Vec<Item>),
}

fn plan(
    times: &Times<'_>,
    groups: &[Vec<Item>],
    dependent: &dyn Fn(Item, Item) -> bool,
    query: Option<i64>,
) -> Vec<Plan> {
    let listed: Vec<Option<Vec<Vec<Item>>>> = groups
        .iter()
        .map(|g| {
            if g.len() == 1 {
                Some(vec![g.clone()])
            } else {
                orders(times, g, dependent, MOST_ORDERS)
            }
        })
        .collect();
    // Nearest the question first.
    let mut by_distance: Vec<usize> = (0..groups.len()).collect();
    let distance = |g: &Vec<Item>| -> i64 {
        let Some(q) = query else { return 0 };
        g.iter()
            .map(|&i| {
                let (a, b) = times.span(i);
                if q < a {
                    a - q
                } else if q > b {
                    q - b
                } else {
                    0
                }
            })
            .min()
            .unwrap_or(i64::MAX)
    };
    by_distance.sort_by_key(|&i| groups.get(i).map_or(i64::MAX, distance));
    let mut exact = vec![false; groups.len()];
    let mut product: usize = 1;
    for i in by_distance {
        if let Some(Some(list)) = listed.get(i) {
            if let Some(p) = product
                .checked_mul(list.len())
                .filter(|&p| p <= MOST_ORDERS)
            {
                product = p;
                if let Some(e) = exact.get_mut(i) {
                    *e = true;
                }
            }
        }
    }
    groups
        .iter()
        .zip(listed)
        .zip(exact)
        .map(|((g, list), exact)| match (exact, list) {
            (true, Some(list)) => Plan::Orders(list),
            _ => Plan::Relaxed(g.clone()),
        })
        .collect()
}

/// Every combination of one order per cluster.
fn combos(plan: &[Plan]) -> Vec<Vec<Step<'_>>> {
    let mut out: Vec<Vec<Step<'_>>> = vec![Vec::new()];
    for p in plan {
        match p {
            Plan::Relaxed(items) => {
                for steps in &mut out {
                    steps.push(Step::Relaxed(items));
                }
            }
            Plan::Orders(list) => {
                let mut next = Vec::with_capacity(out.len() * list.len());
                for steps in &out {
                    for order in list {
                        let mut s: Vec<Step<'_>> = steps.clone();
                        s.push(Step::Exact(order));
                        next.push(s);
                    }
                }
                out = next;
            }
        }
    }
    out
}
