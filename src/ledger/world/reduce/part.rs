//! One independent part of a reduced program: its own small program, and
//! a dense simplex tableau kept across the objectives asked of it.

use std::sync::{Mutex, OnceLock};

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
}

impl Part {
    pub(super) fn new(program: Program, vars: Vec<Var>, exact: bool) -> Part {
        Part {
            program,
            vars,
            exact,
            feasible: OnceLock::new(),
            tableau: Mutex::new(None),
            tried: OnceLock::new(),
        }
    }

    pub(super) fn is_feasible(&self) -> bool {
        *self.feasible.get_or_init(|| {
            if self.exact {
                return true;
            }
            match self.tableau() {
                Some(Ok(true)) => true,
                Some(Err(Stop::Infeasible)) => false,
                // A point between whole numbers, or no answer: the
                // whole-number program decides.
                _ => self.program.feasible(),
            }
        })
    }

    /// Builds the tableau once; whether its first point is whole.
    fn tableau(&self) -> Option<Result<bool, Stop>> {
        let mut guard = self.tableau.lock().ok()?;
        if self.tried.get().is_some() {
            return guard.as_ref().map(|t| Ok(t.is_whole()));
        }
        let _ = self.tried.set(());
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
        let local: Vec<(Var, f64)> = terms
            .iter()
            .filter_map(|(v, c)| {
                let i = self.vars.binary_search(v).ok()?;
                Some((Var::try_from(i).unwrap_or(Var::MAX), *c))
            })
            .collect();
        if let Some(r) = self.by_tableau(&local) {
            return Ok(r);
        }
        self.program.range(&local)
    }

    /// Both optima by the kept tableau, when each lands on a whole point;
    /// `None` to let the whole-number program answer.
    fn by_tableau(&self, objective: &[(Var, f64)]) -> Option<Range> {
        self.tableau()?.ok()?;
        let mut guard = self.tableau.lock().ok()?;
        let t = guard.as_mut()?;
        let mut side = |maximize: bool| -> Option<Option<i128>> {
            match t.optimize(objective, maximize) {
                Ok((value, point)) => {
                    let whole = point.iter().all(|x| (x - x.round()).abs() <= 1e-6);
                    whole.then(|| Some(value.round() as i128))
                }
                Err(Stop::Unbounded) => Some(None),
                Err(_) => None,
            }
        };
        let low = side(false)?;
        let high = side(true)?;
        Some((low, high))
    }
}
