//! Before any linear program is solved: each unknown's bounds narrowed by
//! the rows (every unknown is a whole count, so bounds round inward),
//! rows that hold whatever the unknowns are within their bounds dropped,
//! and the rest split into independent parts. Most parts are then a
//! single unknown, or a tree of rows (no two rows share more than one
//! unknown, and no cycle runs through them), where the narrowed bounds
//! are already the least and most: propagating bounds along a tree of
//! sums with unit coefficients loses nothing. Only the other parts are
//! solved as programs.

use crate::ledger::world::solve::{Infeasible, Program, Range, Var};

mod part;

pub(crate) use part::Budget;
use part::Part;

/// How far a bound may move before it counts as moved.
const MOVED: f64 = 1e-9;

/// Narrowings of one unknown's bounds before propagation stops trying
/// (a pair of rows can narrow each other by one at a time for ever).
const MOST_NARROWINGS: usize = 64;

/// A program after narrowing: its independent parts.
#[derive(Debug)]
pub(crate) struct Reduced {
    low: Vec<f64>,
    high: Vec<f64>,
    /// No whole-number assignment meets every row.
    infeasible: bool,
    /// Each unknown's part, `None` for an unknown no remaining row holds.
    part_of: Vec<Option<u32>>,
    parts: Vec<Part>,
}

impl Reduced {
    pub(crate) fn of(program: &Program) -> Reduced {
        let (mut low, mut high) = program.bounds();
        let rows = program.rows();
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); low.len()];
        for (r, row) in rows.iter().enumerate() {
            for &(v, _) in &row.terms {
                if let Some(list) = rows_of.get_mut(v as usize) {
                    if list.last() != Some(&r) {
                        list.push(r);
                    }
                }
            }
        }
        let mut narrowed = vec![0usize; low.len()];
        let mut queued = vec![true; rows.len()];
        let mut queue: std::collections::VecDeque<usize> = (0..rows.len()).collect();
        let mut fixpoint = true;
        // A row whose least passes its most holds for no assignment. The
        // narrowing visits a row once per change of another's bounds and
        // the tableau takes a row's bounds as given, so neither would see
        // it (8 <= 2x + 2y <= 4 was solved as x = y = 1).
        let mut infeasible = rows.iter().any(|row| row.low > row.high + MOVED);
        while let Some(r) = queue.pop_front() {
            if infeasible {
                break;
            }
            if let Some(q) = queued.get_mut(r) {
                *q = false;
            }
            let Some(row) = rows.get(r) else { continue };
            let changed = narrow(row, &mut low, &mut high);
            for v in changed {
                let i = v as usize;
                if low.get(i).zip(high.get(i)).is_some_and(|(l, h)| l > h) {
                    infeasible = true;
                }
                let Some(n) = narrowed.get_mut(i) else {
                    continue;
                };
                *n += 1;
                if *n > MOST_NARROWINGS {
                    fixpoint = false;
                    continue;
                }
                for &other in rows_of.get(i).map(Vec::as_slice).unwrap_or_default() {
                    if other != r && !queued.get(other).copied().unwrap_or(true) {
                        if let Some(q) = queued.get_mut(other) {
                            *q = true;
                        }
                        queue.push_back(other);
                    }
                }
            }
            if infeasible {
                break;
            }
        }
        if infeasible {
            return Reduced {
                low,
                high,
                infeasible,
                part_of: Vec::new(),
                parts: Vec::new(),
            };
        }
        // Rows that still bind, and the parts they link.
        let active: Vec<usize> = (0..rows.len())
            .filter(|&r| rows.get(r).is_some_and(|row| !redundant(row, &low, &high)))
            .collect();
        let mut parent: Vec<u32> = (0..u32::try_from(low.len()).unwrap_or(u32::MAX)).collect();
        let mut held = vec![false; low.len()];
        for &r in &active {
            let Some(row) = rows.get(r) else { continue };
            for &(v, _) in &row.terms {
                if let Some(h) = held.get_mut(v as usize) {
                    *h = true;
                }
            }
            if let Some((&(first, _), rest)) = row.terms.split_first() {
                for &(v, _) in rest {
                    union(&mut parent, first, v);
                }
            }
        }
        let mut part_of: Vec<Option<u32>> = vec![None; low.len()];
        let mut part_at: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        let mut members: Vec<Vec<Var>> = Vec::new();
        for v in 0..low.len() {
            if !held.get(v).copied().unwrap_or(false) {
                continue;
            }
            let var = Var::try_from(v).unwrap_or(Var::MAX);
            let root = find(&mut parent, var);
            let p = *part_at.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                u32::try_from(members.len() - 1).unwrap_or(u32::MAX)
            });
            if let Some(list) = members.get_mut(p as usize) {
                list.push(var);
            }
            if let Some(slot) = part_of.get_mut(v) {
                *slot = Some(p);
            }
        }
        let mut part_rows: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
        for &r in &active {
            let first = rows
                .get(r)
                .and_then(|row| row.terms.first())
                .and_then(|&(v, _)| part_of.get(v as usize).copied().flatten());
            if let Some(list) = first.and_then(|p| part_rows.get_mut(p as usize)) {
                list.push(r);
            }
        }
        let parts = members
            .into_iter()
            .zip(part_rows)
            .map(|(vars, rs)| {
                let mut index = std::collections::HashMap::with_capacity(vars.len());
                let mut program = Program::default();
                for &v in &vars {
                    let (l, h) = (
                        low.get(v as usize).copied().unwrap_or(0.0),
                        high.get(v as usize).copied().unwrap_or(f64::INFINITY),
                    );
                    index.insert(v, program.var_f(l, h));
                }
                let mut incidences = 0;
                for &r in &rs {
                    let Some(row) = rows.get(r) else { continue };
                    let terms: Vec<(Var, f64)> = row
                        .terms
                        .iter()
                        .filter_map(|(v, c)| index.get(v).map(|&x| (x, *c)))
                        .collect();
                    incidences += terms.len();
                    program.row_f(terms, row.low, row.high);
                }
                // A tree: as many incidences as unknowns and rows less one.
                let tree = incidences + 1 == vars.len() + rs.len();
                let unit = rs.iter().all(|&r| {
                    rows.get(r)
                        .is_some_and(|row| row.terms.iter().all(|(_, c)| c.abs() == 1.0))
                });
                Part::new(program, vars, fixpoint && tree && unit)
            })
            .collect();
        Reduced {
            low,
            high,
            infeasible,
            part_of,
            parts,
        }
    }

    /// Whether some whole-number assignment meets every row.
    pub(crate) fn feasible(&self) -> bool {
        !self.infeasible && self.parts.iter().all(Part::is_feasible)
    }

    /// The least and most of `Σ c·x` over whole-number assignments.
    #[cfg(test)]
    pub(crate) fn range(&self, objective: &[(Var, f64)]) -> Result<Range, Infeasible> {
        self.range_within(objective, &Budget::default())
    }

    /// [`Reduced::range`], its solving work counted against `budget`.
    pub(crate) fn range_within(
        &self,
        objective: &[(Var, f64)],
        budget: &Budget,
    ) -> Result<Range, Infeasible> {
        if !self.feasible() {
            return Err(Infeasible);
        }
        let mut low: Option<f64> = Some(0.0);
        let mut high: Option<f64> = Some(0.0);
        let mut per_part: std::collections::BTreeMap<u32, Vec<(Var, f64)>> =
            std::collections::BTreeMap::new();
        for &(v, c) in objective {
            match self.part_of.get(v as usize).copied().flatten() {
                Some(p) => per_part.entry(p).or_default().push((v, c)),
                None => {
                    let (l, h) = (
                        self.low.get(v as usize).copied().unwrap_or(0.0),
                        self.high.get(v as usize).copied().unwrap_or(f64::INFINITY),
                    );
                    let (a, b) = scale(c, l, h);
                    low = low.zip(a).map(|(x, y)| x + y);
                    high = high.zip(b).map(|(x, y)| x + y);
                }
            }
        }
        for (p, terms) in per_part {
            let Some(part) = self.parts.get(p as usize) else {
                continue;
            };
            let (a, b) = part.range(&terms, &self.low, &self.high, budget)?;
            low = low.zip(a).map(|(x, y)| x + y as f64);
            high = high.zip(b).map(|(x, y)| x + y as f64);
        }
        Ok((
            low.map(|l| l.round() as i128),
            high.map(|h| h.round() as i128),
        ))
    }
}

/// `c·[l, h]`, `None` for an unbounded side.
pub(super) fn scale(c: f64, l: f64, h: f64) -> (Option<f64>, Option<f64>) {
    let finite = |x: f64| x.is_finite().then_some(x);
    if c >= 0.0 {
        (finite(c * l), finite(c * h))
    } else {
        (finite(c * h), finite(c * l))
    }
}

/// The least and most a row's sum can be, with how many terms are
/// unbounded each way.
fn activity(terms: &[(Var, f64)], low: &[f64], high: &[f64]) -> ((f64, usize), (f64, usize)) {
    let (mut min, mut min_inf, mut max, mut max_inf) = (0.0, 0, 0.0, 0);
    for &(v, c) in terms {
        let (l, h) = (
            low.get(v as usize).copied().unwrap_or(0.0),
            high.get(v as usize).copied().unwrap_or(f64::INFINITY),
        );
        let (lo, hi) = if c >= 0.0 {
            (c * l, c * h)
        } else {
            (c * h, c * l)
        };
        if lo.is_finite() {
            min += lo;
        } else {
            min_inf += 1;
        }
        if hi.is_finite() {
            max += hi;
        } else {
            max_inf += 1;
        }
    }
    ((min, min_inf), (max, max_inf))
}

/// Whether a row holds whatever its unknowns are within their bounds.
fn redundant(row: &crate::ledger::world::solve::Row, low: &[f64], high: &[f64]) -> bool {
    let ((min, min_inf), (max, max_inf)) = activity(&row.terms, low, high);
    let above = row.low == f64::NEG_INFINITY || (min_inf == 0 && min >= row.low - MOVED);
    let below = row.high == f64::INFINITY || (max_inf == 0 && max <= row.high + MOVED);
    above && below
}

/// Narrows the bounds of a row's unknowns; returns those it moved.
fn narrow(row: &crate::ledger::world::solve::Row, low: &mut [f64], high: &mut [f64]) -> Vec<Var> {
    let ((min, min_inf), (max, max_inf)) = activity(&row.terms, low, high);
    let mut moved = Vec::new();
    for &(v, c) in &row.terms {
        let i = v as usize;
        let (Some(&l), Some(&h)) = (low.get(i), high.get(i)) else {
            continue;
        };
        let (lo, hi) = if c >= 0.0 {
            (c * l, c * h)
        } else {
            (c * h, c * l)
        };
        // The rest of the row, without this term.
        let rest_min = if lo.is_finite() {
            (min_inf == 0).then_some(min - lo)
        } else {
            (min_inf == 1).then_some(min)
        };
        let rest_max = if hi.is_finite() {
            (max_inf == 0).then_some(max - hi)
        } else {
            (max_inf == 1).then_some(max)
        };
        // row.low <= c·x + rest <= row.high.
        let mut term_lo = f64::NEG_INFINITY;
        let mut term_hi = f64::INFINITY;
        if let Some(rm) = rest_max {
            if row.low.is_finite() {
                term_lo = row.low - rm;
            }
        }
        if let Some(rm) = rest_min {
            if row.high.is_finite() {
                term_hi = row.high - rm;
            }
        }
        let (new_l, new_h) = if c >= 0.0 {
            (term_lo / c, term_hi / c)
        } else {
            (term_hi / c, term_lo / c)
        };
        let new_l = (new_l - MOVED).ceil();
        let new_h = (new_h + MOVED).floor();
        let mut changed = false;
        if new_l > l + MOVED {
            if let Some(slot) = low.get_mut(i) {
                *slot = new_l;
            }
            changed = true;
        }
        if new_h < h - MOVED {
            if let Some(slot) = high.get_mut(i) {
                *slot = new_h;
            }
            changed = true;
        }
        if changed {
            moved.push(v);
        }
    }
    moved
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while let Some(&p) = parent.get(x as usize) {
        if p == x {
            break;
        }
        let grand = parent.get(p as usize).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x as usize) {
            *slot = grand;
        }
        x = grand;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        if let Some(slot) = parent.get_mut(ra.max(rb) as usize) {
            *slot = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod brute;

#[cfg(test)]
mod tests;
