//! One order of a component's events as a linear program over whole
//! numbers: a count per cell after each event, what each move takes and
//! where it puts it, what each temporary move sends back, and what each
//! report fixes.
//!
//! Clusters whose orders are too many to try one by one are *relaxed*:
//! their moves are applied together, and each report in them is held
//! only to what some order could give (between the counts before the
//! cluster less everything it takes, and plus everything it brings). That
//! admits every world any order admits, and some more: it loosens, it
//! never narrows.

use std::collections::HashSet;

use crate::fasthash::FastMap as HashMap;
use crate::ledger::world::events::{Act, Component, Move, Report};
use crate::ledger::world::order::{day_number, Item, Times};
use crate::ledger::world::solve::{Program, Var};

mod relaxed;

/// How one cluster's events are taken.
#[derive(Clone, Copy)]
pub(crate) enum Step<'a> {
    /// In this order.
    Exact(&'a [Item]),
    /// In any order (relaxed).
    Relaxed(&'a [Item]),
}

/// Where a program is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Glue {
    /// At the question's own moment (an item of its own), if any.
    Free,
    /// Right after every event's moment.
    Everywhere,
}

/// A built program, and where the question reads it.
pub(crate) struct Built {
    pub(crate) program: Program,
    /// Each cell's count at the question's moment.
    pub(crate) query: Vec<Var>,
    /// Each cell's count before any event.
    pub(crate) initial: Vec<Var>,
    /// Whether a report may have changed counts without a record: if not,
    /// all troops of the component at any moment are those of the start
    /// (moves and returns keep the sum).
    pub(crate) changed: bool,
    /// With [`Glue::Everywhere`], each cell's count right after each
    /// event.
    pub(crate) after: HashMap<u32, Vec<Var>>,
    /// Each move's count, by event.
    pub(crate) moved: HashMap<u32, Var>,
    /// A report or a move whose own records share no count: no world.
    pub(crate) contradictory: bool,
}

/// Moves whose day has not yet passed: (count, day).
type Waiting = Vec<(Var, i64)>;

/// Unknowns taken from (or added to) each cell a step touches.
type PerCell = HashMap<u32, Vec<Var>>;

/// What may come back along one temporary (origin, destination) pair.
#[derive(Default)]
struct Pool {
    /// What may come back now, as an unknown; `None` while nothing can.
    open: Option<Var>,
    /// Moves whose day has not yet passed.
    waiting: Waiting,
}

struct Builder<'c> {
    component: &'c Component,
    /// Where the question reads the program.
    glued: Glue,
    p: Program,
    cur: Vec<Var>,
    pools: Vec<Pool>,
    reported: HashSet<u32>,
    query: Vec<Var>,
    after: HashMap<u32, Vec<Var>>,
    moved: HashMap<u32, Var>,
    contradictory: bool,
    /// Each cell's count before any event.
    initial: Vec<Var>,
    /// Whether a report may have changed counts without a record.
    changed: bool,
}

/// Builds the program of `steps` (every cluster of the component, in
/// order), read where `glued` says.
pub(crate) fn build(
    component: &Component,
    times: &Times<'_>,
    steps: &[Step<'_>],
    glued: Glue,
    reported: &HashSet<u32>,
) -> Built {
    let mut p = Program::default();
    let cur: Vec<Var> = component
        .unknown_start
        .iter()
        .map(|&unknown| p.var(0, if unknown { None } else { Some(0) }))
        .collect();
    let mut b = Builder {
        component,
        glued,
        p,
        initial: cur.clone(),
        changed: false,
        cur,
        pools: component.tags.iter().map(|_| Pool::default()).collect(),
        reported: reported.clone(),
        query: Vec::new(),
        after: HashMap::default(),
        moved: HashMap::default(),
        contradictory: false,
    };
    // What may come back before an item comes at a moment no later than
    // it, nor than anything after it: the latest such moment, per step.
    let latest: Vec<i64> = steps
        .iter()
        .map(|s| match s {
            Step::Exact(items) | Step::Relaxed(items) => items
                .iter()
                .map(|&i| times.span(i).1)
                .max()
                .unwrap_or(i64::MAX),
        })
        .collect();
    let mut after: Vec<i64> = vec![i64::MAX; steps.len() + 1];
    for k in (0..steps.len()).rev() {
        let own = match steps.get(k) {
            Some(Step::Exact(items)) => items.iter().map(|&i| times.span(i).1).min(),
            Some(Step::Relaxed(_)) => latest.get(k).copied(),
            None => None,
        };
        let next = after.get(k + 1).copied().unwrap_or(i64::MAX);
        if let Some(slot) = after.get_mut(k) {
            *slot = own.unwrap_or(i64::MAX).min(next);
        }
    }
    for (k, step) in steps.iter().enumerate() {
        let later = after.get(k + 1).copied().unwrap_or(i64::MAX);
        match step {
            Step::Exact(items) => {
                // The latest of each item and all after it.
                let mut bound = vec![later; items.len() + 1];
                for (j, &item) in items.iter().enumerate().rev() {
                    let next = bound.get(j + 1).copied().unwrap_or(later);
                    if let Some(slot) = bound.get_mut(j) {
                        *slot = times.span(item).1.min(next);
                    }
                }
                for (j, &item) in items.iter().enumerate() {
                    b.returns(bound.get(j).copied().unwrap_or(later));
                    b.item(item);
                }
            }
            Step::Relaxed(items) => {
                let own = latest.get(k).copied().unwrap_or(i64::MAX);
                b.relaxed(items, own.min(later));
            }
        }
    }
    if b.query.is_empty() {
        b.query = b.cur.clone();
    }
    Built {
        program: b.p,
        query: b.query,
        initial: b.initial,
        changed: b.changed,
        after: b.after,
        moved: b.moved,
        contradictory: b.contradictory,
    }
}

impl Builder<'_> {
    /// A cell's count after `changes` (each an unknown, +1 added or −1
    /// taken): a new unknown, never below zero.
    fn shifted(&mut self, cell: u32, changes: &[(Var, f64)]) {
        let Some(&old) = self.cur.get(cell as usize) else {
            return;
        };
        let new = self.p.var(0, None);
        let mut row = vec![(new, 1.0), (old, -1.0)];
        row.extend(changes.iter().map(|&(v, c)| (v, -c)));
        self.p.zero(row);
        if let Some(slot) = self.cur.get_mut(cell as usize) {
            *slot = new;
        }
    }

    /// Temporary moves whose day has passed by `latest` (half days) may
    /// send troops back, before the next event.
    fn returns(&mut self, latest: i64) {
        let day = latest.div_euclid(2);
        // Returns between two events may come in any order: all of them
        // are taken from the counts before, and no count is below zero
        // after (a net flow with that property can always be sequenced).
        let mut down = PerCell::default();
        let mut up = PerCell::default();
        let mut any = false;
        for t in 0..self.pools.len() {
            self.open_pool(t, day);
            let Some(open) = self.pools.get(t).and_then(|p| p.open) else {
                continue;
            };
            let Some((home, away)) = self.component.tags.get(t).cloned() else {
                continue;
            };
            // What comes back, taken from the destination's cells and
            // put in the origin's.
            let back = self.p.var(0, None);
            let left = self.p.var(0, None);
            self.p.zero(vec![(left, 1.0), (open, -1.0), (back, 1.0)]);
            if let Some(pool) = self.pools.get_mut(t) {
                pool.open = Some(left);
            }
            self.parts(back, &away, &mut down);
            self.parts(back, &home, &mut up);
            any = true;
        }
        if any {
            self.apply_changes(&down, &up);
        }
    }

    /// Every cell's count after what `down` takes and `up` adds, in cell
    /// order (only the cells they touch: a step costs what it changes,
    /// not the size of the component).
    fn apply_changes(&mut self, down: &PerCell, up: &PerCell) {
        let mut touched: Vec<u32> = down.keys().chain(up.keys()).copied().collect();
        touched.sort_unstable();
        touched.dedup();
        for c in touched {
            let mut changes: Vec<(Var, f64)> = Vec::new();
            for &d in down.get(&c).map(Vec::as_slice).unwrap_or_default() {
                changes.push((d, -1.0));
            }
            for &u in up.get(&c).map(Vec::as_slice).unwrap_or_default() {
                changes.push((u, 1.0));
            }
            if !changes.is_empty() {
                self.shifted(c, &changes);
            }
        }
    }

    fn open_pool(&mut self, t: usize, day: i64) {
        let Some(pool) = self.pools.get_mut(t) else {
            return;
        };
        let (ready, waiting): (Waiting, Waiting) =
            pool.waiting.drain(..).partition(|&(_, d)| d < day);
        pool.waiting = waiting;
        if ready.is_empty() {
            return;
        }
        let was = pool.open;
        let now = self.p.var(0, None);
        let mut row = vec![(now, 1.0)];
        if let Some(w) = was {
            row.push((w, -1.0));
        }
        row.extend(ready.iter().map(|&(m, _)| (m, -1.0)));
        self.p.zero(row);
        if let Some(pool) = self.pools.get_mut(t) {
            pool.open = Some(now);
        }
    }

    /// `amount` taken from (−1) or added to (+1) some of `cells`, split
    /// in any way.
    fn spread(&mut self, amount: Var, cells: &[u32], sign: f64) {
        if let [one] = cells {
            self.shifted(*one, &[(amount, sign)]);
            return;
        }
        let parts: Vec<Var> = cells.iter().map(|_| self.p.var(0, None)).collect();
        let mut row: Vec<(Var, f64)> = parts.iter().map(|&v| (v, 1.0)).collect();
        row.push((amount, -1.0));
        self.p.zero(row);
        for (&cell, &part) in cells.iter().zip(&parts) {
            self.shifted(cell, &[(part, sign)]);
        }
    }

    fn item(&mut self, item: Item) {
        match item {
            Item::Query => self.query = self.cur.clone(),
            Item::Event(e) => {
                let Some(event) = self.component.events.get(e as usize) else {
                    return;
                };
                match &event.act {
                    Act::Report(r) => self.reports(std::slice::from_ref(r), true),
                    Act::Move(m) => {
                        self.reports(&m.before, true);
                        let first = 2 * day_number(event.first);
                        self.apply(e, m, first);
                        // What changed at the move's moment is the move:
                        // a figure placed after it shows no other change.
                        self.reports(&m.after, false);
                    }
                }
                if self.glued == Glue::Everywhere {
                    self.after.insert(e, self.cur.clone());
                }
            }
        }
    }

    /// Reports of one moment: the figures reported before may have
    /// changed just before it (where `may_change`); then each holds its
    /// bounds.
    fn reports(&mut self, reports: &[Report], may_change: bool) {
        for r in reports {
            if may_change && self.reported.contains(&r.key) {
                self.changed = true;
                for &c in r.cells.iter() {
                    let fresh = self.p.var(0, None);
                    if let Some(slot) = self.cur.get_mut(c as usize) {
                        *slot = fresh;
                    }
                }
            }
        }
        for r in reports {
            self.reported.insert(r.key);
            if !r.consistent {
                self.contradictory = true;
            }
            let terms: Vec<(Var, f64)> = r
                .cells
                .iter()
                .filter_map(|&c| self.cur.get(c as usize).map(|&v| (v, 1.0)))
                .collect();
            self.p.row(
                terms,
                Some(r.bounds.low() as f64),
                r.bounds.high().map(|h| h as f64),
            );
        }
    }

    /// A move: its count, taken from the origin's cells and put in the
    /// destination's.
    fn apply(&mut self, e: u32, m: &Move, first: i64) {
        if !m.consistent {
            self.contradictory = true;
        }
        let count = self.p.var(m.bounds.low(), m.bounds.high());
        self.moved.insert(e, count);
        self.spread(count, &m.from, -1.0);
        self.spread(count, &m.to, 1.0);
        if let Some(pool) = m.tag.and_then(|t| self.pools.get_mut(t as usize)) {
            pool.waiting.push((count, first.div_euclid(2)));
        }
    }

    /// `amount` split among `cells`, each part recorded in `into`.
    fn parts(&mut self, amount: Var, cells: &[u32], into: &mut PerCell) {
        if let [one] = cells {
            into.entry(*one).or_default().push(amount);
            return;
        }
        let parts: Vec<Var> = cells.iter().map(|_| self.p.var(0, None)).collect();
        let mut row: Vec<(Var, f64)> = parts.iter().map(|&v| (v, 1.0)).collect();
        row.push((amount, -1.0));
        self.p.zero(row);
        for (&cell, &part) in cells.iter().zip(&parts) {
            into.entry(cell).or_default().push(part);
        }
    }
}
