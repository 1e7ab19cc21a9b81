//! Branch and bound on the tableau: where the least or most of a sum lies
//! between whole numbers, copies of the tableau narrowed on one unknown,
//! each a few pivots from its parent rather than a program solved anew.

use super::{Stop, Tableau, EPS};
use crate::ledger::world::solve::Var;

impl Tableau {
    /// Narrows unknown `v` to `[low, high]` and returns to a point within
    /// every bound from the current basis (a few pivots, not a new
    /// tableau).
    fn restrict(&mut self, v: usize, low: f64, high: f64) -> Result<(), Stop> {
        let (Some(l), Some(h)) = (self.low.get_mut(v), self.high.get_mut(v)) else {
            return Err(Stop::GaveUp);
        };
        *l = l.max(low);
        *h = h.min(high);
        if *l > *h + EPS {
            return Err(Stop::Infeasible);
        }
        if self.row_of[v].is_none() {
            let to = self.value[v].clamp(self.low[v], self.high[v]);
            let delta = to - self.value[v];
            if delta != 0.0 {
                self.value[v] = to;
                for i in 0..self.m {
                    let b = self.basic[i];
                    self.value[b] -= self.at(i, v) * delta;
                }
            }
        }
        self.phase_one()
    }

    /// The least (or most) of `Σ c·x` over whole-number points: the
    /// relaxation from the current basis, then branch and bound on
    /// copies of this tableau, each a few pivots from its parent.
    /// `Ok(None)`: no bound that way; `Err(GaveUp)` past `budget` nodes.
    ///
    /// The copies' pivots, and each copy (a pivot's worth of entries
    /// written), count in this tableau's [`work`](Tableau::work): a
    /// budget of work that missed them let one question on a large
    /// tableau cost seconds of copying unseen.
    pub(crate) fn whole_optimum(
        &mut self,
        objective: &[(Var, f64)],
        maximize: bool,
        budget: usize,
    ) -> Result<Option<i128>, Stop> {
        let mut copies = 0u64;
        let found = self.branch(objective, maximize, budget, &mut copies);
        self.pivots = self.pivots.saturating_add(copies);
        found
    }

    /// [`whole_optimum`](Tableau::whole_optimum), counting in `copies` the
    /// copies made and the pivots they took.
    fn branch(
        &mut self,
        objective: &[(Var, f64)],
        maximize: bool,
        budget: usize,
        copies: &mut u64,
    ) -> Result<Option<i128>, Stop> {
        let (value, point) = match self.optimize(objective, maximize) {
            Ok(found) => found,
            Err(Stop::Unbounded) => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(first) = fractional(&point) else {
            return Ok(Some(value.round() as i128));
        };
        // Whole coefficients: every whole point's value is whole, so a
        // relaxation worth less than one past the best is done.
        let integral = objective.iter().all(|&(_, c)| c == c.round());
        let reach = |v: f64| match (integral, maximize) {
            (false, _) => v,
            (true, true) => (v + 1e-6).floor(),
            (true, false) => (v - 1e-6).ceil(),
        };
        let mut best: Option<f64> = None;
        let mut stack: Vec<(Tableau, usize, f64)> = vec![(self.clone(), first, point[first])];
        *copies += 1;
        let mut nodes = 0;
        while let Some((parent, i, x)) = stack.pop() {
            for (low, high) in [(x.ceil(), f64::INFINITY), (f64::NEG_INFINITY, x.floor())] {
                nodes += 1;
                if nodes > budget {
                    return Err(Stop::GaveUp);
                }
                let mut child = parent.clone();
                *copies += 1;
                let narrowed = child.restrict(i, low, high);
                let optimum = narrowed.and_then(|()| child.optimize(objective, maximize));
                *copies += child.pivots.saturating_sub(parent.pivots);
                let (v, point) = match optimum {
                    Ok(found) => found,
                    Err(Stop::Infeasible) => continue,
                    Err(Stop::GaveUp) | Err(Stop::Unbounded) if narrowed.is_ok() => {
                        return Err(Stop::GaveUp)
                    }
                    Err(e) => return Err(e),
                };
                if let Some(b) = best {
                    let r = reach(v);
                    if (maximize && r <= b + 1e-6) || (!maximize && r >= b - 1e-6) {
                        continue;
                    }
                }
                match fractional(&point) {
                    None => best = Some(v.round()),
                    Some(j) => {
                        let at = point[j];
                        stack.push((child, j, at));
                    }
                }
            }
        }
        // Every node settled: the best whole point, or none at all.
        best.map(|b| Some(b as i128)).ok_or(Stop::Infeasible)
    }
}

/// The first unknown of a point that is not whole.
fn fractional(point: &[f64]) -> Option<usize> {
    point.iter().position(|x| (x - x.round()).abs() > 1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::world::solve::Program;

    #[test]
    fn whole_optima_branch_past_half_points() {
        // x = y, x + y >= 1, x <= 3: the relaxation's least is 1 at
        // (0.5, 0.5); the least whole sum is 2 at (1, 1).
        let mut p = Program::default();
        let x = p.var(0, Some(3));
        let y = p.var(0, None);
        p.row(vec![(x, 1.0), (y, -1.0)], Some(0.0), Some(0.0));
        p.row(vec![(x, 1.0), (y, 1.0)], Some(1.0), None);
        let mut t = Tableau::new(&p).expect("feasible");
        let sum = [(x, 1.0), (y, 1.0)];
        assert_eq!(t.optimize(&sum, false).map(|r| r.0), Ok(1.0));
        // Branching copies the tableau (the root, then a child each way at
        // least): each copy counts as a pivot's worth of work.
        let before = t.work();
        assert_eq!(t.whole_optimum(&sum, false, 50), Ok(Some(2)));
        let cells = (t.m * t.n) as u64;
        assert!(
            t.work() >= before + 3 * cells,
            "{} after {before}",
            t.work()
        );
        assert_eq!(t.whole_optimum(&sum, true, 50), Ok(Some(6)));
        assert_eq!(t.whole_optimum(&[(y, 1.0)], true, 50), Ok(Some(3)));
        // The budget is kept: no branching allowed, no answer.
        assert_eq!(t.whole_optimum(&sum, false, 0), Err(Stop::GaveUp));
        // 2z = 1 has a point, but no whole one.
        let mut q = Program::default();
        let z = q.var(0, Some(5));
        q.row(vec![(z, 2.0)], Some(1.0), Some(1.0));
        let mut t = Tableau::new(&q).expect("feasible relaxation");
        assert_eq!(
            t.whole_optimum(&[(z, 1.0)], true, 50),
            Err(Stop::Infeasible)
        );
        // Unbounded stays unbounded.
        let mut u = Program::default();
        let w = u.var(0, None);
        let v = u.var(0, None);
        u.row(vec![(w, 2.0), (v, -2.0)], Some(1.0), Some(1.0));
        let mut t = Tableau::new(&u).expect("feasible");
        assert_eq!(t.whole_optimum(&[(w, 1.0)], true, 50), Ok(None));
    }

    /// An unknown whose bound lies between whole numbers (a reduced
    /// program's, `var_f`) rests on it outside the basis: narrowing it
    /// to the whole number below moves each row through it by as much.
    /// x in [0, 2.5], y in [0, 10], x + y <= 3.5: the most of x rests at
    /// 2.5; narrowed to 2, the row is at 2 (not at 4, past its 3.5), and
    /// the whole most is 2 (of x + y, 3).
    #[test]
    fn narrowing_an_unknown_outside_the_basis_moves_its_rows() {
        let mut p = Program::default();
        let x = p.var_f(0.0, 2.5);
        let y = p.var(0, Some(10));
        p.row(vec![(x, 1.0), (y, 1.0)], None, Some(3.5));
        let mut t = Tableau::new(&p).expect("feasible");
        assert_eq!(t.optimize(&[(x, 1.0)], true).map(|r| r.0), Ok(2.5));
        assert_eq!(t.row_of[x as usize], None, "x rests on its bound");
        let mut narrowed = t.clone();
        assert_eq!(
            narrowed.restrict(x as usize, f64::NEG_INFINITY, 2.0),
            Ok(())
        );
        let row = narrowed.basic[0];
        assert_eq!(
            (narrowed.value[x as usize], narrowed.value[row]),
            (2.0, 2.0)
        );
        assert_eq!(t.whole_optimum(&[(x, 1.0)], true, 50), Ok(Some(2)));
        assert_eq!(
            t.whole_optimum(&[(x, 1.0), (y, 1.0)], true, 50),
            Ok(Some(3))
        );
    }

    /// Programs drawn at random whose relaxations often reach a whole
    /// value at a point that is not whole (rows with even coefficients and
    /// half bounds, sums of unknowns to optimise): a node as good as the
    /// best whole point found so far may still hold a better one, and is
    /// searched; every answer is the brute-force optimum.
    #[test]
    fn a_node_worth_a_whole_value_is_searched_for_its_whole_points() {
        use crate::ledger::world::drawn::{add_row, whole_values, Draw};
        let mut draw = Draw::new(0x9E37_79B9_7F4A_7C15);
        let mut compared = 0;
        for _ in 0..3000 {
            let mut p = Program::default();
            let highs: Vec<u64> = (0..3).map(|_| 1 + draw.below(3)).collect();
            let vars: Vec<Var> = highs.iter().map(|&h| p.var(0, Some(h))).collect();
            let mut rows = Vec::new();
            for _ in 0..=draw.below(2) {
                let terms: Vec<(Var, f64)> = vars
                    .iter()
                    .map(|&v| (v, draw.below(5) as f64 - 2.0))
                    .collect();
                let low = draw.below(9) as f64 / 2.0 - 2.0;
                let high = low + draw.below(4) as f64 / 2.0;
                add_row(&mut p, &mut rows, (terms, low, high));
            }
            let objective: Vec<(Var, f64)> =
                vars.iter().map(|&v| (v, draw.below(2) as f64)).collect();
            let values = whole_values(&[0, 0, 0], &highs, &rows, &objective);
            let Ok(mut t) = Tableau::new(&p) else {
                assert!(values.is_empty(), "{p:?}");
                continue;
            };
            for (maximize, truth) in [(false, values.iter().min()), (true, values.iter().max())] {
                let found = t.whole_optimum(&objective, maximize, 10_000);
                match truth {
                    Some(&v) => assert_eq!(found, Ok(Some(v)), "{p:?} {objective:?} {maximize}"),
                    None => assert_eq!(found, Err(Stop::Infeasible), "{p:?}"),
                }
                compared += 1;
            }
        }
        assert!(compared > 3000, "{compared}");
    }
}
