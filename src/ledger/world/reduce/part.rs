//! One independent part of a reduced program: its own small program, and
//! a dense simplex tableau kept across the objectives asked of it.

use std::sync::{Mutex, OnceLock};

use crate::fasthash::FastMap as HashMap;
use crate::ledger::world::reduce::scale;
use crate::ledger::world::simplex::{Stop, Tableau};
use crate::ledger::world::solve::{Infeasible, Program, Range, Var};

#[derive(Debug)]
pub(super) struct Part {
    /// The part as a program of its own (its unknowns renumbered).
    program: Program,
    /// Each unknown of the whole program that the part holds, by its
    /// index in the part.
    vars: Vec<Var>,
    /// Whether the narrowed bounds are the least and most (a tree of rows,
    /// narrowed to the end).
    exact: bool,
    feasible: OnceLock<bool>,
    /// The dense simplex's tableau, kept from one objective to the next;
    /// `None` once it has given up on the part.
    tableau: Mutex<Option<Tableau>>,
    /// Whether the tableau was tried.
    tried: OnceLock<()>,
    /// Rows of unit coefficients by their unknowns (see `row_over`).
    unit_rows: OnceLock<HashMap<Vec<Var>, (f64, f64)>>,
}

/// The most unknowns of a part solved as a program; a larger one is
/// answered by its narrowed bounds (see `Part::range`).
pub(crate) const MOST_SOLVED: usize = 1_500;

/// The most tableau entries the pivots for one set of programs (one
/// moment's, or one segment's questions) may update in all: about a
/// second of work on this machine. Past it, further questions get the
/// propagated bounds, so that a timeline asking thousands of questions
/// of a large, many-ordered part stays bounded in time.
const MOST_WORK: u64 = 2_000_000_000;

/// Work done on a set of programs' tableaus, against [`MOST_WORK`].
#[derive(Debug, Default)]
pub(crate) struct Budget(std::sync::atomic::AtomicU64);

impl Budget {
    fn spend(&self, work: u64) {
        self.0.fetch_add(work, std::sync::atomic::Ordering::Relaxed);
    }

    fn is_spent(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed) > MOST_WORK
    }
}

/// The most entries a dense tableau may hold (rows × columns).
const DENSE_CELLS: usize = 1_000_000;

impl Part {
    pub(super) fn new(program: Program, vars: Vec<Var>, exact: bool) -> Part {
        Part {
            program,
            vars,
            exact,
            feasible: OnceLock::new(),
            tableau: Mutex::new(None),
            tried: OnceLock::new(),
            unit_rows: OnceLock::new(),
        }
    }

    /// Whether a tableau was built (or tried) for the part: never for
    /// one that narrowing answers.
    #[cfg(test)]
    pub(super) fn was_solved(&self) -> bool {
        self.tried.get().is_some()
    }

    pub(super) fn is_feasible(&self) -> bool {
        *self.feasible.get_or_init(|| {
            // Narrowing found no empty range: a part too large to solve is
            // taken as met (an error needs proof).
            if self.exact || self.vars.len() > MOST_SOLVED {
                return true;
            }
            match self.tableau() {
                Some(Ok(true)) => true,
                Some(Err(Stop::Infeasible)) => false,
                // A point between whole numbers: branch on the tableau
                // for a whole one; past its budget, or with no tableau,
                // the whole-number program decides.
                Some(Ok(false)) => match self.whole_point() {
                    Some(found) => found,
                    None => self.program.feasible(),
                },
                _ => self.program.feasible(),
            }
        })
    }

    /// Whether branching on the tableau finds a whole point (`None`: it
    /// gave up).
    fn whole_point(&self) -> Option<bool> {
        let mut guard = self.tableau.lock().ok()?;
        let t = guard.as_mut()?;
        match t.whole_optimum(&[], false, MOST_NODES) {
            Ok(_) => Some(true),
            Err(Stop::Infeasible) => Some(false),
            Err(_) => None,
        }
    }

    /// Builds the tableau once; whether its first point is whole.
    fn tableau(&self) -> Option<Result<bool, Stop>> {
        let mut guard = self.tableau.lock().ok()?;
        if self.tried.get().is_some() {
            return guard.as_ref().map(|t| Ok(t.is_whole()));
        }
        let _ = self.tried.set(());
        // A dense tableau is for small parts: past this many cells the
        // sparse solver does better.
        let (vars, rows) = (self.vars.len(), self.program.rows().len());
        if rows * (vars + rows) > DENSE_CELLS {
            return None;
        }
        match Tableau::new(&self.program) {
            Ok(t) => {
                let whole = t.is_whole();
                *guard = Some(t);
                Some(Ok(whole))
            }
            Err(stop) => Some(Err(stop)),
        }
    }

    pub(super) fn range(
        &self,
        terms: &[(Var, f64)],
        low: &[f64],
        high: &[f64],
        budget: &Budget,
    ) -> Result<Range, Infeasible> {
        // One unknown of a tree: its narrowed bounds.
        if let [(v, c)] = terms {
            if self.exact {
                let (l, h) = (
                    low.get(*v as usize).copied().unwrap_or(0.0),
                    high.get(*v as usize).copied().unwrap_or(f64::INFINITY),
                );
                let (a, b) = scale(*c, l, h);
                return Ok((a.map(|x| x.round() as i128), b.map(|x| x.round() as i128)));
            }
        }
        if self.vars.len() > MOST_SOLVED || budget.is_spent() {
            return Ok(self.propagated(terms, low, high));
        }
        let local: Vec<(Var, f64)> = terms
            .iter()
            .filter_map(|(v, c)| {
                let i = self.vars.binary_search(v).ok()?;
                Some((Var::try_from(i).unwrap_or(Var::MAX), *c))
            })
            .collect();
        if let Some(r) = self.by_tableau(&local, budget) {
            return Ok(r);
        }
        self.program.range(&local)
    }

    /// Too large a part to solve in time, or one whose work budget is
    /// spent: the narrowed bounds, added term by term. They hold in every
    /// world (narrowing never cuts one off) but may be wider than the
    /// least and most.
    fn propagated(&self, terms: &[(Var, f64)], low: &[f64], high: &[f64]) -> Range {
        let (mut lo, mut hi) = (Some(0.0), Some(0.0));
        for &(v, c) in terms {
            let (l, h) = (
                low.get(v as usize).copied().unwrap_or(0.0),
                high.get(v as usize).copied().unwrap_or(f64::INFINITY),
            );
            let (a, b) = scale(c, l, h);
            lo = lo.zip(a).map(|(x, y)| x + y);
            hi = hi.zip(b).map(|(x, y)| x + y);
        }
        // A row over exactly these unknowns bounds their sum too.
        if let Some((l, h)) = self.row_over(terms) {
            lo = Some(lo.map_or(l, |x| x.max(l)));
            hi = Some(hi.map_or(h, |x| x.min(h)));
        }
        (lo.map(|x| x.round() as i128), hi.map(|x| x.round() as i128))
    }

    /// The bounds of a row whose terms are exactly `terms` (each with
    /// coefficient one), if the part has one.
    fn row_over(&self, terms: &[(Var, f64)]) -> Option<(f64, f64)> {
        if terms.iter().any(|&(_, c)| c != 1.0) {
            return None;
        }
        let mut want: Vec<Var> = terms
            .iter()
            .filter_map(|(v, _)| self.vars.binary_search(v).ok())
            .filter_map(|i| Var::try_from(i).ok())
            .collect();
        want.sort_unstable();
        if want.len() != terms.len() {
            return None;
        }
        self.unit_rows
            .get_or_init(|| {
                // Rows of unit coefficients, by their sorted unknowns,
                // indexed once: a part asked thousands of questions
                // would otherwise scan every row for each.
                let mut index: HashMap<Vec<Var>, (f64, f64)> = HashMap::default();
                for r in self.program.rows() {
                    if r.terms.iter().all(|&(_, c)| c == 1.0) {
                        let mut have: Vec<Var> = r.terms.iter().map(|&(v, _)| v).collect();
                        have.sort_unstable();
                        let slot = index.entry(have).or_insert((r.low, r.high));
                        *slot = (slot.0.max(r.low), slot.1.min(r.high));
                    }
                }
                index
            })
            .get(&want)
            .copied()
    }

    /// Both whole-number optima by the kept tableau (branching on copies
    /// of it where a relaxation lands between whole numbers); `None` to
    /// let the whole-number program answer.
    fn by_tableau(&self, objective: &[(Var, f64)], budget: &Budget) -> Option<Range> {
        self.tableau()?.ok()?;
        let mut guard = self.tableau.lock().ok()?;
        let t = guard.as_mut()?;
        let before = t.work();
        let low = t.whole_optimum(objective, false, MOST_NODES);
        let high = t.whole_optimum(objective, true, MOST_NODES);
        budget.spend(t.work().saturating_sub(before));
        Some((low.ok()?, high.ok()?))
    }
}

/// Branch-and-bound nodes on the tableau before the whole-number program
/// (`solve.rs`) is asked instead.
const MOST_NODES: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the tableau's first point lies between whole numbers,
    /// branching on it answers whether a whole point exists (the program
    /// is not asked): 3x + 2y = 7 has one (x = 1, y = 2), 2x + 2y = 3
    /// none.
    #[test]
    fn branching_on_the_tableau_finds_a_whole_point_or_none() {
        for ((a, b, total), whole) in [((3.0, 2.0, 7.0), true), ((2.0, 2.0, 3.0), false)] {
            let mut p = Program::default();
            let (x, y) = (p.var(0, Some(5)), p.var(0, Some(5)));
            p.row(vec![(x, a), (y, b)], Some(total), Some(total));
            let part = Part::new(p, vec![0, 1], false);
            assert_eq!(
                part.tableau(),
                Some(Ok(false)),
                "a point between whole numbers"
            );
            assert_eq!(part.whole_point(), Some(whole), "{a}x + {b}y = {total}");
            assert_eq!(part.is_feasible(), whole);
        }
    }

    /// The dense tableau is for parts of at most `DENSE_CELLS` entries
    /// (rows × (unknowns + rows)); a larger part is left to the sparse
    /// solver, with no tableau built. Rows of two unknowns, each met at
    /// the start (every unknown at 0), so building costs no pivots.
    #[test]
    fn a_dense_tableau_is_built_only_up_to_its_most_cells() {
        let part_of = |vars: usize, rows: usize| {
            let mut p = Program::default();
            let xs: Vec<Var> = (0..vars).map(|_| p.var(0, Some(5))).collect();
            for i in 0..rows {
                let (a, b) = (xs[i % vars], xs[(i + 1) % vars]);
                p.row(vec![(a, 1.0), (b, 1.0)], None, Some(10.0));
            }
            let ids = (0..vars).map(|i| Var::try_from(i).unwrap()).collect();
            Part::new(p, ids, false)
        };
        // 500 × (1,500 + 500) is exactly the most; 100 × (101 + 100) is
        // well below it (though 100 × 101 × 100 is not); 1,000 × (2 +
        // 1,000) is past it (though 1,000 + 1,002 is not).
        for (vars, rows, built) in [(1_500, 500, true), (101, 100, true), (2, 1_000, false)] {
            assert_eq!(rows * (vars + rows) <= DENSE_CELLS, built);
            let part = part_of(vars, rows);
            let answer = part.tableau();
            assert_eq!(answer.is_some(), built, "{rows} rows over {vars} unknowns");
            assert!(part.tried.get().is_some(), "the tableau was tried");
            assert!(part.is_feasible(), "every unknown at 0 meets every row");
        }
    }

    /// Work adds up across the programs that share a budget: spent once
    /// past the most, not before.
    #[test]
    fn a_budget_is_spent_past_the_most_work() {
        let budget = Budget::default();
        budget.spend(MOST_WORK / 2);
        budget.spend(MOST_WORK / 2);
        assert!(!budget.is_spent());
        budget.spend(1);
        assert!(budget.is_spent());
    }

    /// A part that narrowing answers exactly (a tree of unit rows at its
    /// fixpoint) is feasible without a tableau: none is built for it.
    #[test]
    fn an_exact_part_is_not_solved() {
        let mut p = Program::default();
        let (a, b) = (p.var(6, Some(9)), p.var(3, Some(4)));
        p.row(vec![(a, 1.0), (b, 1.0)], Some(10.0), Some(12.0));
        let part = Part::new(p, vec![0, 1], true);
        assert!(part.is_feasible());
        assert!(part.tried.get().is_none(), "no tableau was tried");
    }

    /// Once the work budget is spent a part answers with its narrowed
    /// bounds, term by term, tightened by any row over exactly the terms
    /// asked: they hold every answer the program gives, and are no wider
    /// than the rows say.
    #[test]
    fn a_spent_budget_answers_with_the_bounds_and_unit_rows() {
        // Unknowns 5 and 9 of the whole program are the part's 0 and 1:
        // x + y in 30..=40 and in 35..=50 (the same unknowns, listed the
        // other way round), 2x - y <= 50.
        let mut p = Program::default();
        let (x, y) = (p.var(0, Some(100)), p.var(0, Some(100)));
        p.row(vec![(x, 1.0), (y, 1.0)], Some(30.0), Some(40.0));
        p.row(vec![(y, 1.0), (x, 1.0)], Some(35.0), Some(50.0));
        p.row(vec![(x, 2.0), (y, -1.0)], None, Some(50.0));
        let part = Part::new(p, vec![5, 9], false);
        let (mut low, mut high) = (vec![0.0; 10], vec![f64::INFINITY; 10]);
        (high[5], high[9]) = (100.0, 100.0);
        let spent = Budget(std::sync::atomic::AtomicU64::new(MOST_WORK + 1));
        let fresh = Budget::default();
        for (terms, bounded) in [
            (vec![(5, 1.0), (9, 1.0)], (Some(35), Some(40))),
            (vec![(9, 1.0), (5, 1.0)], (Some(35), Some(40))),
            (vec![(5, 1.0)], (Some(0), Some(100))),
            (vec![(5, 2.0), (9, 1.0)], (Some(0), Some(300))),
        ] {
            let answer = part.range(&terms, &low, &high, &spent);
            assert_eq!(answer, Ok(bounded), "{terms:?}");
            let (Ok((Some(l), Some(h))), (Some(bl), Some(bh))) =
                (part.range(&terms, &low, &high, &fresh), bounded)
            else {
                panic!("{terms:?}: the program bounds both ends");
            };
            assert!(bl <= l && h <= bh, "{terms:?}: {l}..{h} outside {bl}..{bh}");
        }
        // The narrowed bounds are read, not the program's own.
        low[5] = 20.0;
        assert_eq!(
            part.range(&[(5, 1.0)], &low, &high, &spent),
            Ok((Some(20), Some(100)))
        );
    }
}
