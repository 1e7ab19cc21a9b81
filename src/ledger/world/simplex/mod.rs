//! A dense simplex for the small programs of one part: bounded unknowns,
//! ranged rows, and a basis kept from one objective to the next. A
//! posture asks a part for the least and most of a dozen sums; after the
//! first, each starts from where the last ended, a few pivots away.
//!
//! Bland's rule (lowest index first) keeps it from cycling; every pivot
//! is checked against a tolerance, and a program it cannot settle is left
//! to microlp (`solve.rs`), which answers it from scratch. Where an optimum
//! lies between whole numbers, branch and bound runs on copies of the
//! tableau, each a few pivots from its parent.

mod branch;

use crate::ledger::world::solve::{Program, Var};

/// How close to a bound counts as on it, and to zero as zero.
const EPS: f64 = 1e-9;

/// Pivots before the method gives up on a program (microlp then solves
/// it).
const MOST_PIVOTS: usize = 5_000;

/// Pivots by the steepest reduced cost before Bland's rule takes over
/// (the steepest rule is faster but can cycle on degenerate programs).
const BLAND_AFTER: usize = 200;

/// The tableau of a program: `x_B = −T·x_N` row by row, every unknown
/// (the program's, then one per row for the row's sum) within bounds.
#[derive(Clone, Debug)]
pub(crate) struct Tableau {
    /// `m × n` coefficients, by row.
    t: Vec<f64>,
    m: usize,
    n: usize,
    low: Vec<f64>,
    high: Vec<f64>,
    /// Every unknown's value.
    value: Vec<f64>,
    /// For each row, its basic unknown.
    basic: Vec<usize>,
    /// For each unknown, its row if basic.
    row_of: Vec<Option<usize>>,
    /// Pivots made so far, for a budget of work.
    pivots: u64,
}

/// Why no optimum was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// No assignment meets the rows.
    Infeasible,
    /// The objective has no bound that way.
    Unbounded,
    /// The pivot budget ran out, or a pivot was too small to trust.
    GaveUp,
}

impl Tableau {
    /// The tableau of `p`, at a feasible point; `Err` where none exists
    /// (or the method cannot find one).
    pub(crate) fn new(p: &Program) -> Result<Tableau, Stop> {
        let (mut low, mut high) = p.bounds();
        let rows = p.rows();
        let (k, m) = (low.len(), rows.len());
        let n = k + m;
        let mut t = vec![0.0; m * n];
        for (i, r) in rows.iter().enumerate() {
            // x_s = Σ a·x  ⇔  x_s − Σ a·x = 0, with x_s basic:
            // x_s = −T·x_N where T holds −a.
            for &(v, a) in &r.terms {
                if let Some(cell) = t.get_mut(i * n + v as usize) {
                    *cell -= a;
                }
            }
            low.push(r.low);
            high.push(r.high);
        }
        // A range that holds nothing (a row's low above its high) is met
        // by no point; phase one, which prices one side at a time, could
        // stop on either side of it.
        if low.iter().zip(&high).any(|(l, h)| l > h) {
            return Err(Stop::Infeasible);
        }
        let mut value = vec![0.0; n];
        for j in 0..k {
            value[j] = start_at(low[j], high[j]);
        }
        let basic: Vec<usize> = (k..n).collect();
        let mut row_of = vec![None; n];
        for (i, &b) in basic.iter().enumerate() {
            row_of[b] = Some(i);
        }
        let mut tab = Tableau {
            t,
            m,
            n,
            low,
            high,
            value,
            basic,
            row_of,
            pivots: 0,
        };
        tab.recompute();
        tab.phase_one()?;
        Ok(tab)
    }

    /// The tableau entries its pivots have updated so far.
    pub(crate) fn work(&self) -> u64 {
        self.pivots.saturating_mul((self.m * self.n) as u64)
    }

    /// Whether the current point is whole in every unknown.
    pub(crate) fn is_whole(&self) -> bool {
        self.value.iter().all(|x| (x - x.round()).abs() <= 1e-6)
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.t.get(i * self.n + j).copied().unwrap_or(0.0)
    }

    /// Basic values from the nonbasic ones.
    fn recompute(&mut self) {
        for i in 0..self.m {
            let mut v = 0.0;
            for j in 0..self.n {
                if self.row_of[j].is_none() {
                    v -= self.at(i, j) * self.value[j];
                }
            }
            let b = self.basic[i];
            self.value[b] = v;
        }
    }

    /// Reaches a point within every bound, by lowering the sum of what
    /// basic unknowns stand outside theirs.
    fn phase_one(&mut self) -> Result<(), Stop> {
        for _ in 0..MOST_PIVOTS {
            // The cost of each basic unknown: −1 below its low (raise
            // it), +1 above its high.
            let cost: Vec<f64> = (0..self.m)
                .map(|i| {
                    let b = self.basic[i];
                    if self.value[b] < self.low[b] - EPS {
                        -1.0
                    } else if self.value[b] > self.high[b] + EPS {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect();
            if cost.iter().all(|&c| c == 0.0) {
                return Ok(());
            }
            // d_j = −Σ c_i·(−T_ij) … moving x_j by +1 moves x_B by −T_·j.
            let costed: Vec<(usize, f64)> = cost
                .iter()
                .enumerate()
                .filter(|(_, c)| **c != 0.0)
                .map(|(i, c)| (i, *c))
                .collect();
            let entering = (0..self.n).find_map(|j| {
                if self.row_of[j].is_some() {
                    return None;
                }
                let d: f64 = costed.iter().map(|&(i, ci)| ci * -self.at(i, j)).sum();
                self.direction(j, d)
            });
            let Some((j, dir)) = entering else {
                return Err(Stop::Infeasible);
            };
            self.step(j, dir, true)?;
        }
        Err(Stop::GaveUp)
    }

    /// The way to move nonbasic `j` to lower a cost whose reduced cost is
    /// `d`, if it can move that way.
    fn direction(&self, j: usize, d: f64) -> Option<(usize, f64)> {
        let v = self.value[j];
        if d < -EPS && v < self.high[j] - EPS {
            Some((j, 1.0))
        } else if d > EPS && v > self.low[j] + EPS {
            Some((j, -1.0))
        } else {
            None
        }
    }

    /// Moves nonbasic `j` in direction `dir` as far as bounds allow
    /// (in phase one, an infeasible basic unknown may move toward its
    /// bound and stop there); pivots if a basic unknown stops it.
    fn step(&mut self, j: usize, dir: f64, phase_one: bool) -> Result<(), Stop> {
        let mut limit = if dir > 0.0 {
            self.high[j] - self.value[j]
        } else {
            self.value[j] - self.low[j]
        };
        let mut leaving: Option<(usize, f64)> = None;
        for i in 0..self.m {
            let rate = -self.at(i, j) * dir;
            if rate.abs() <= EPS {
                continue;
            }
            let b = self.basic[i];
            let v = self.value[b];
            let (lo, hi) = (self.low[b], self.high[b]);
            let room = if rate > 0.0 {
                if phase_one && v < lo - EPS {
                    // Below its low: may rise to it (and then to its
                    // high, but stop at the low to re-price).
                    (lo - v) / rate
                } else if v > hi + EPS {
                    continue;
                } else {
                    (hi - v) / rate
                }
            } else if phase_one && v > hi + EPS {
                (v - hi) / -rate
            } else if v < lo - EPS {
                continue;
            } else {
                (v - lo) / -rate
            };
            let room = room.max(0.0);
            // Bland: the smallest ratio, ties to the lowest index.
            let better = room < limit - EPS
                || (room <= limit + EPS && leaving.is_none_or(|(li, _)| b < self.basic[li]));
            if better {
                limit = room;
                let bound = if rate > 0.0 {
                    if phase_one && v < lo - EPS {
                        lo
                    } else {
                        hi
                    }
                } else if phase_one && v > hi + EPS {
                    hi
                } else {
                    lo
                };
                leaving = Some((i, bound));
            }
        }
        if limit.is_infinite() {
            return Err(Stop::Unbounded);
        }
        // Move.
        self.value[j] += dir * limit;
        for i in 0..self.m {
            let b = self.basic[i];
            self.value[b] += -self.at(i, j) * dir * limit;
        }
        if let Some((i, bound)) = leaving {
            let b = self.basic[i];
            self.value[b] = bound;
            self.pivot(i, j)?;
        }
        Ok(())
    }

    /// Makes `j` basic in row `r`.
    fn pivot(&mut self, r: usize, j: usize) -> Result<(), Stop> {
        let n = self.n;
        let p = self.at(r, j);
        if p.abs() < 1e-12 {
            return Err(Stop::GaveUp);
        }
        let leaving = self.basic[r];
        // Row r: x_leave = −Σ T_rk x_k → x_j = (−x_leave − Σ_{k≠j} T_rk x_k)/T_rj,
        // i.e. new row r has T'_rk = T_rk/p for k ≠ j and T'_r,leave = 1/p.
        let mut row: Vec<f64> = self.t[r * n..(r + 1) * n].to_vec();
        row[j] = 0.0;
        row[leaving] = 1.0;
        for x in &mut row {
            *x /= p;
        }
        for i in 0..self.m {
            if i == r {
                continue;
            }
            let f = self.at(i, j);
            if f == 0.0 {
                continue;
            }
            let base = i * n;
            if let Some(target) = self.t.get_mut(base..base + n) {
                for (x, &rk) in target.iter_mut().zip(&row) {
                    if rk != 0.0 {
                        *x -= f * rk;
                    }
                }
                if let Some(x) = target.get_mut(j) {
                    *x = 0.0;
                }
            }
        }
        self.t[r * n..(r + 1) * n].copy_from_slice(&row);
        self.basic[r] = j;
        self.pivots += 1;
        self.row_of[j] = Some(r);
        self.row_of[leaving] = None;
        Ok(())
    }

    /// The least (or, with `maximize`, the most) of `Σ c·x`, from the
    /// current basis; the point that attains it.
    pub(crate) fn optimize(
        &mut self,
        objective: &[(Var, f64)],
        maximize: bool,
    ) -> Result<(f64, Vec<f64>), Stop> {
        let sign = if maximize { -1.0 } else { 1.0 };
        let mut c = vec![0.0; self.n];
        for &(v, a) in objective {
            if let Some(x) = c.get_mut(v as usize) {
                *x += sign * a;
            }
        }
        for pivots in 0..MOST_PIVOTS {
            // Rows whose basic unknown has a cost: the only ones pricing
            // needs.
            let costed: Vec<(usize, f64)> = (0..self.m)
                .map(|i| (i, c[self.basic[i]]))
                .filter(|(_, ci)| *ci != 0.0)
                .collect();
            let reduced = |j: usize| -> f64 {
                c[j] - costed
                    .iter()
                    .map(|&(i, ci)| ci * self.at(i, j))
                    .sum::<f64>()
            };
            let entering = if pivots < BLAND_AFTER {
                // The steepest first (Dantzig), while it makes progress.
                (0..self.n)
                    .filter(|&j| self.row_of[j].is_none())
                    .filter_map(|j| {
                        let d = reduced(j);
                        self.direction(j, d).map(|m| (m, d.abs()))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(m, _)| m)
            } else {
                // Then Bland's rule, which cannot cycle.
                (0..self.n).find_map(|j| {
                    if self.row_of[j].is_some() {
                        return None;
                    }
                    self.direction(j, reduced(j))
                })
            };
            let Some((j, dir)) = entering else {
                let z: f64 = (0..self.n).map(|k| c[k] * self.value[k]).sum();
                let k = self.n - self.m;
                return Ok((sign * z, self.value[..k].to_vec()));
            };
            self.step(j, dir, false)?;
        }
        Err(Stop::GaveUp)
    }
}

/// Where a nonbasic unknown starts: its low, else its high, else zero.
fn start_at(low: f64, high: f64) -> f64 {
    if low.is_finite() {
        low
    } else if high.is_finite() {
        high
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optima_from_one_basis_to_the_next() {
        // x + y = 5, x <= 2, y in [0, 10], z = x - y free of rows.
        let mut p = Program::default();
        let x = p.var(0, Some(2));
        let y = p.var(0, Some(10));
        p.row(vec![(x, 1.0), (y, 1.0)], Some(5.0), Some(5.0));
        let mut t = Tableau::new(&p).expect("feasible");
        assert_eq!(t.optimize(&[(y, 1.0)], false).map(|r| r.0), Ok(3.0));
        assert_eq!(t.optimize(&[(y, 1.0)], true).map(|r| r.0), Ok(5.0));
        assert_eq!(
            t.optimize(&[(x, 1.0), (y, -1.0)], true).map(|r| r.0),
            Ok(-1.0)
        );
        let mut q = Program::default();
        let a = q.var(3, Some(4));
        q.row(vec![(a, 1.0)], Some(5.0), None);
        assert_eq!(Tableau::new(&q).err(), Some(Stop::Infeasible));
        let mut u = Program::default();
        let b = u.var(1, None);
        let mut t = Tableau::new(&u).expect("feasible");
        assert_eq!(t.optimize(&[(b, 1.0)], true).err(), Some(Stop::Unbounded));
        assert_eq!(t.optimize(&[(b, 1.0)], false).map(|r| r.0), Ok(1.0));
    }

    /// The steepest reduced cost enters first: the most of 1·x0 + … +
    /// 6·x5 with x0 + … + x5 <= 1 takes one pivot (x5 enters), where the
    /// lowest index first (Bland's rule) would walk through each unknown.
    #[test]
    fn the_steepest_unknown_enters_first() {
        let mut p = Program::default();
        let xs: Vec<Var> = (0..6).map(|_| p.var(0, Some(2))).collect();
        p.row(xs.iter().map(|&x| (x, 1.0)).collect(), None, Some(1.0));
        let mut t = Tableau::new(&p).expect("feasible");
        let (before, work) = (t.pivots, t.work());
        let objective: Vec<(Var, f64)> = xs.iter().map(|&x| (x, f64::from(x + 1))).collect();
        let (most, point) = t.optimize(&objective, true).expect("bounded");
        assert_eq!((most, point), (6.0, vec![0.0, 0.0, 0.0, 0.0, 0.0, 1.0]));
        assert_eq!(t.pivots - before, 1);
        // The pivot rewrites the tableau's 1 × 7 entries (six unknowns and
        // the row's sum): the work a budget counts.
        assert_eq!(t.work() - work, 7);
    }

    /// Phase one may raise an unknown that takes a row further above its
    /// high, to bring another up to its low: the row above gives no limit
    /// to that step (its own turn comes next), and stopping there at its
    /// high would leave the values off their rows. x in [4, 5] starts at
    /// 4, x - y <= 3 is 1 above, 3x >= 15 is 3 below: x enters (the
    /// steeper), then y; the least y is 2, at x = 5.
    #[test]
    fn phase_one_steps_past_a_row_already_above_its_high() {
        let mut p = Program::default();
        let x = p.var(4, Some(5));
        let y = p.var(0, Some(5));
        p.row(vec![(x, 1.0), (y, -1.0)], None, Some(3.0));
        p.row(vec![(x, 3.0)], Some(15.0), None);
        let mut t = Tableau::new(&p).expect("feasible");
        let (least, point) = t.optimize(&[(y, 1.0)], false).expect("bounded");
        assert_eq!((least, point), (2.0, vec![5.0, 2.0]));
        let (most, point) = t.optimize(&[(x, 1.0), (y, -1.0)], true).expect("bounded");
        assert_eq!((most, point), (3.0, vec![5.0, 2.0]));
    }
}
