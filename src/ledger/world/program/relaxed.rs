//! A cluster whose orders are too many to try one by one, relaxed: its
//! moves (and what may come back) are applied together, and each report
//! in it is held only to what some order could give — between the counts
//! before the cluster less everything it takes, and plus everything it
//! brings. That admits every world any order admits, and some more: it
//! loosens, it never narrows.

use crate::fasthash::FastMap as HashMap;
use crate::fasthash::FastSet as HashSet;
use crate::ledger::world::events::{Act, Report};
use crate::ledger::world::order::{day_number, Item};
use crate::ledger::world::program::{Builder, Glue, PerCell};
use crate::ledger::world::solve::Var;

impl Builder<'_> {
    /// A cluster in any order: its moves (and what may come back) applied
    /// together; each report held to what some order could give; the
    /// question, if asked inside, read the same way.
    pub(super) fn relaxed(&mut self, items: &[Item], latest: i64) {
        let before = self.cur.clone();
        // Returns and moves as changes per cell: taken (down) and added
        // (up).
        let n = self.cur.len();
        let mut down = PerCell::default();
        let mut up = PerCell::default();
        for t in 0..self.pools.len() {
            self.open_pool(t, latest.div_euclid(2));
            let Some(open) = self.pools.get(t).and_then(|p| p.open) else {
                continue;
            };
            let Some((home, away)) = self.component.tags.get(t).cloned() else {
                continue;
            };
            let back = self.p.var(0, None);
            let left = self.p.var(0, None);
            self.p.zero(vec![(left, 1.0), (open, -1.0), (back, 1.0)]);
            if let Some(pool) = self.pools.get_mut(t) {
                pool.open = Some(left);
            }
            self.parts(back, &away, &mut down);
            self.parts(back, &home, &mut up);
        }
        let mut reports: Vec<&Report> = Vec::new();
        // Reports placed after a move show no change of their own.
        let mut placed_after: Vec<&Report> = Vec::new();
        let mut glued_here = false;
        for &item in items {
            let Item::Event(e) = item else { continue };
            let Some(event) = self.component.events.get(e as usize) else {
                continue;
            };
            glued_here |= self.glued == Glue::Everywhere;
            match &event.act {
                Act::Report(r) => reports.push(r),
                Act::Move(m) => {
                    reports.extend(m.before.iter());
                    placed_after.extend(m.after.iter());
                    if !m.consistent {
                        self.contradictory = true;
                    }
                    let count = self.p.var(m.bounds.low(), m.bounds.high());
                    self.moved.insert(e, count);
                    self.parts(count, &m.from, &mut down);
                    self.parts(count, &m.to, &mut up);
                    if let Some(pool) = m.tag.and_then(|t| self.pools.get_mut(t as usize)) {
                        pool.waiting.push((count, day_number(event.first)));
                    }
                }
            }
        }
        // Cells a report in the cluster may have changed without a record:
        // a figure reported before, or twice in it.
        let mut seen: HashMap<u32, usize> = HashMap::default();
        for r in reports.iter().chain(&placed_after) {
            *seen.entry(r.key).or_default() += 1;
        }
        let mut jumped: HashSet<u32> = HashSet::default();
        for r in &reports {
            let again =
                self.reported.contains(&r.key) || seen.get(&r.key).copied().unwrap_or(0) > 1;
            if again {
                self.changed = true;
                jumped.extend(r.cells.iter().copied());
            }
        }
        let hull = |cells: &[u32], sign: &PerCell, before: &[Var]| -> Vec<(Var, f64)> {
            let mut terms = Vec::new();
            for &c in cells {
                if let Some(&b) = before.get(c as usize) {
                    terms.push((b, 1.0));
                }
                for &v in sign.get(&c).map(Vec::as_slice).unwrap_or_default() {
                    terms.push((v, 1.0));
                }
            }
            terms
        };
        for r in reports.iter().chain(&placed_after) {
            if !r.consistent {
                self.contradictory = true;
            }
            if r.cells.iter().any(|c| jumped.contains(c)) {
                continue;
            }
            // Least it can be: before, less all it loses. Most: before,
            // plus all it gains.
            let mut least = hull(&r.cells, &PerCell::default(), &before);
            for &c in r.cells.iter() {
                for &v in down.get(&c).map(Vec::as_slice).unwrap_or_default() {
                    least.push((v, -1.0));
                }
            }
            let most = hull(&r.cells, &up, &before);
            if let Some(h) = r.bounds.high() {
                self.p.row(least, None, Some(h as f64));
            }
            self.p.row(most, Some(r.bounds.low() as f64), None);
        }
        for r in reports.iter().chain(&placed_after) {
            self.reported.insert(r.key);
        }
        let asked_inside = glued_here || items.contains(&Item::Query);
        if asked_inside {
            // The question's count of each cell lies between the least
            // and the most any order could leave there.
            let mut q = Vec::with_capacity(n);
            for c in 0..n {
                let v = self.p.var(0, None);
                let cell = u32::try_from(c).unwrap_or(u32::MAX);
                if !jumped.contains(&cell) {
                    if let Some(&b) = before.get(c) {
                        let mut least = vec![(v, 1.0), (b, -1.0)];
                        least.extend(
                            down.get(&cell)
                                .map(Vec::as_slice)
                                .unwrap_or_default()
                                .iter()
                                .map(|&d| (d, 1.0)),
                        );
                        self.p.row(least, Some(0.0), None);
                        let mut most = vec![(v, 1.0), (b, -1.0)];
                        most.extend(
                            up.get(&cell)
                                .map(Vec::as_slice)
                                .unwrap_or_default()
                                .iter()
                                .map(|&u| (u, -1.0)),
                        );
                        self.p.row(most, None, Some(0.0));
                    }
                }
                q.push(v);
            }
            if self.glued == Glue::Everywhere {
                // Right after any event of the cluster, each cell lies
                // within what any order could leave there.
                for &item in items {
                    if let Item::Event(e) = item {
                        self.after.insert(e, q.clone());
                    }
                }
            } else {
                self.query = q;
            }
        }
        // After the cluster: every change applied; jumped cells anew.
        let mut jumped: Vec<u32> = jumped.into_iter().collect();
        jumped.sort_unstable();
        for &c in &jumped {
            let fresh = self.p.var(0, None);
            if let Some(slot) = self.cur.get_mut(c as usize) {
                *slot = fresh;
            }
            down.remove(&c);
            up.remove(&c);
        }
        self.apply_changes(&down, &up);
    }
}
