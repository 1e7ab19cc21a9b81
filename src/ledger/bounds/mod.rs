//! The tightest bounds the evidence allows: each figure, and each sum of
//! figures, minimized and maximized over every assignment of the unknowns
//! that meets the constraints.
//!
//! Unknowns that no constraint couples are bounded by interval
//! arithmetic, which is exact for them (each appears once, with ±1).
//! Unknowns that constraints couple — a part of a temporary move that may
//! have come back and the move itself, an area inside its country, a
//! figure that cannot be negative — are grouped into connected
//! components, and each component touched is solved as a small linear
//! program. Counts are whole numbers, so a program's optimum is rounded
//! inward.

use std::collections::{BTreeMap, HashMap};

use crate::date::Day;
use crate::interval::Interval;
use crate::ledger::form::{Form, Var, VarId};

/// The constraints of a posture: `terms + constant <= 0`.
#[derive(Clone, Debug)]
struct Row {
    terms: Vec<(VarId, i64)>,
    constant: i64,
}

/// The evidence as linear constraints over a replay's unknowns, on one
/// day.
#[derive(Clone, Debug)]
pub(crate) struct System {
    day: Day,
    rows: Vec<Row>,
    /// Union-find over the variables that appear in a row.
    parent: HashMap<VarId, VarId>,
    /// Each component's variables (sorted) and rows, by root; rebuilt
    /// after rows are added.
    components: Option<HashMap<VarId, Component>>,
}

#[derive(Clone, Debug, Default)]
struct Component {
    members: Vec<VarId>,
    rows: Vec<usize>,
}

/// The constraints cannot all hold: the records behind them contradict
/// each other (validation says which).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Infeasible;

/// How far a program's optimum may sit from a whole number and still be
/// taken as it.
const ROUNDING: f64 = 1e-6;

impl System {
    pub(crate) fn new(day: Day) -> System {
        System {
            day,
            rows: Vec::new(),
            parent: HashMap::new(),
            components: None,
        }
    }

    /// `a <= b`.
    pub(crate) fn at_most(&mut self, vars: &[Var], a: &Form, b: &Form) {
        let mut terms: BTreeMap<VarId, i64> = BTreeMap::new();
        for (v, s) in a.terms() {
            *terms.entry(v).or_default() += s;
        }
        for (v, s) in b.terms() {
            *terms.entry(v).or_default() -= s;
        }
        let constant = a.constant_part() - b.constant_part();
        self.row(vars, terms, constant);
    }

    /// `a <= b` at an earlier moment. A part of a temporary move that may
    /// have come back is counted up to the posture's day; at the earlier
    /// moment any part of it, down to none, may have come back. So where
    /// it would tighten the row it is taken at none (dropped), and where it
    /// loosens the row at its full count: the row then holds whenever some
    /// earlier return makes it hold.
    pub(crate) fn at_most_earlier(&mut self, vars: &[Var], a: &Form, b: &Form) {
        let mut terms: BTreeMap<VarId, i64> = BTreeMap::new();
        for (v, s) in a.terms() {
            *terms.entry(v).or_default() += s;
        }
        for (v, s) in b.terms() {
            *terms.entry(v).or_default() -= s;
        }
        terms.retain(|v, c| {
            let returns = vars
                .get(*v as usize)
                .is_some_and(|var| var.returns_after.is_some());
            !(returns && *c > 0)
        });
        let constant = a.constant_part() - b.constant_part();
        self.row(vars, terms, constant);
    }

    /// `f >= 0`: a count is never negative.
    pub(crate) fn non_negative(&mut self, vars: &[Var], f: &Form) {
        // Only a form with something subtracted can go below zero.
        if f.constant_part() >= 0 && f.terms().all(|(_, s)| s > 0) {
            return;
        }
        let mut terms: BTreeMap<VarId, i64> = BTreeMap::new();
        for (v, s) in f.terms() {
            *terms.entry(v).or_default() -= s;
        }
        self.row(vars, terms, -f.constant_part());
    }

    /// Makes the unknowns of `f` known to the system, with the moves that
    /// bound the parts of them that may have come back.
    pub(crate) fn register(&mut self, vars: &[Var], f: &Form) {
        for (v, _) in f.terms() {
            if vars
                .get(v as usize)
                .is_some_and(|var| var.at_most.is_some())
            {
                self.link(vars, v);
            }
        }
    }

    fn row(&mut self, vars: &[Var], terms: BTreeMap<VarId, i64>, constant: i64) {
        let terms: Vec<(VarId, i64)> = terms.into_iter().filter(|(_, c)| *c != 0).collect();
        // A row that holds for every value its unknowns' own bounds allow
        // constrains nothing: no need to couple them (and no program to
        // solve for them). Most nested figures fit their whole this way.
        let most = terms.iter().try_fold(constant as f64, |acc, &(v, c)| {
            let (lo, hi) = self.var_bounds(vars, v);
            scale(c, lo, hi).1.map(|h| acc + h)
        });
        if most.is_some_and(|m| m <= 0.0) {
            return;
        }
        for &(v, _) in &terms {
            self.link(vars, v);
        }
        if let Some((&(first, _), rest)) = terms.split_first() {
            for &(v, _) in rest {
                self.union(first, v);
            }
        }
        self.rows.push(Row { terms, constant });
        self.components = None;
    }

    /// Registers `v`, with the variable it cannot exceed when the day
    /// makes that bind.
    fn link(&mut self, vars: &[Var], v: VarId) {
        if self.parent.contains_key(&v) {
            return;
        }
        self.parent.insert(v, v);
        let Some(var) = vars.get(v as usize) else {
            return;
        };
        if let (Some(cap), (_, Some(high))) = (var.at_most, var.on(self.day)) {
            if high > 0 {
                self.link(vars, cap);
                self.union(v, cap);
                self.rows.push(Row {
                    terms: vec![(v, 1), (cap, -1)],
                    constant: 0,
                });
                self.components = None;
            }
        }
    }

    fn find(&self, v: VarId) -> VarId {
        let mut root = v;
        while let Some(&p) = self.parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        root
    }

    fn union(&mut self, a: VarId, b: VarId) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(ra.max(rb), ra.min(rb));
        }
    }

    fn var_bounds(&self, vars: &[Var], v: VarId) -> (u64, Option<u64>) {
        vars.get(v as usize)
            .map_or((0, None), |var| var.on(self.day))
    }

    /// The tightest bounds of the sum of `forms`.
    pub(crate) fn bounds(&self, vars: &[Var], forms: &[&Form]) -> Result<Interval, Infeasible> {
        let signed: Vec<(&Form, i64)> = forms.iter().map(|f| (*f, 1)).collect();
        let (low, high) = self.range(vars, &signed)?;
        let low = (low - ROUNDING).ceil().max(0.0) as u64;
        Ok(match high {
            Some(h) => {
                let h = (h + ROUNDING).floor().max(0.0) as u64;
                Interval::bounded(low.min(h), h)
            }
            None => Interval::at_least(low),
        })
    }

    /// The lowest and highest value of `Σ sign × form`, which may be
    /// negative; `None` as the high for no upper bound.
    pub(crate) fn range(
        &self,
        vars: &[Var],
        forms: &[(&Form, i64)],
    ) -> Result<(f64, Option<f64>), Infeasible> {
        if self.components.is_none() {
            let mut frozen = self.clone();
            frozen.freeze();
            return frozen.range(vars, forms);
        }
        // Most figures are one observation: a constant, or one unknown no
        // constraint touches. Their bounds are the unknown's own.
        if let [(f, sign)] = forms {
            let mut terms = f.terms();
            match (terms.next(), terms.next()) {
                (None, _) => {
                    let c = (sign * f.constant_part()) as f64;
                    return Ok((c, Some(c)));
                }
                (Some((v, s)), None) if !self.parent.contains_key(&v) => {
                    let (lo, hi) = self.var_bounds(vars, v);
                    let (l, h) = scale(sign * s, lo, hi);
                    let c = (sign * f.constant_part()) as f64;
                    return Ok((c + l, h.map(|h| c + h)));
                }
                _ => {}
            }
        }
        let mut constant: i64 = 0;
        let mut terms: Vec<(VarId, i64)> = Vec::new();
        for (f, sign) in forms {
            constant = constant.saturating_add(sign * f.constant_part());
            terms.extend(f.terms().map(|(v, s)| (v, sign * s)));
        }
        // Merge repeated unknowns: what leaves one place and arrives at
        // another cancels in their sum.
        terms.sort_unstable_by_key(|&(v, _)| v);
        terms.dedup_by(|later, kept| {
            if later.0 == kept.0 {
                kept.1 += later.1;
                true
            } else {
                false
            }
        });
        let mut low = constant as f64;
        let mut high = Some(constant as f64);
        let mut coupled: Vec<(VarId, VarId, i64)> = Vec::new();
        for &(v, c) in &terms {
            if c == 0 {
                continue;
            }
            if self.parent.contains_key(&v) {
                coupled.push((self.find(v), v, c));
            } else {
                let (lo, hi) = self.var_bounds(vars, v);
                let (add_low, add_high) = scale(c, lo, hi);
                low += add_low;
                high = high.zip(add_high).map(|(h, a)| h + a);
            }
        }
        coupled.sort_unstable();
        let mut by_component: Vec<(VarId, Vec<(VarId, i64)>)> = Vec::new();
        for (root, v, c) in coupled {
            match by_component.last_mut() {
                Some((r, objective)) if *r == root => objective.push((v, c)),
                _ => by_component.push((root, vec![(v, c)])),
            }
        }
        for (root, objective) in by_component {
            let (lo, hi) = self.solve(vars, root, &objective)?;
            low += lo;
            high = high.zip(hi).map(|(h, a)| h + a);
        }
        Ok((low, high))
    }

    /// Groups the variables and rows by component; call once every row is
    /// in, before asking for bounds.
    pub(crate) fn freeze(&mut self) {
        if self.components.is_some() {
            return;
        }
        let mut out: HashMap<VarId, Component> = HashMap::new();
        let keys: Vec<VarId> = self.parent.keys().copied().collect();
        for v in keys {
            let root = self.find(v);
            out.entry(root).or_default().members.push(v);
        }
        for (i, r) in self.rows.iter().enumerate() {
            if let Some(&(v, _)) = r.terms.first() {
                let mut root = v;
                while let Some(&p) = self.parent.get(&root) {
                    if p == root {
                        break;
                    }
                    root = p;
                }
                out.entry(root).or_default().rows.push(i);
            }
        }
        for c in out.values_mut() {
            c.members.sort_unstable();
        }
        self.components = Some(out);
    }

    /// One linear (or, with `whole`, integer) program over `component`:
    /// its optimum in `direction` and whether the optimum is a whole
    /// point; `None` where no finite optimum can be vouched for.
    fn run_program(
        &self,
        vars: &[Var],
        component: &Component,
        objective: &[(VarId, i64)],
        direction: microlp::OptimizationDirection,
        whole: bool,
    ) -> Result<Option<(f64, bool)>, Infeasible> {
        let mut p = microlp::Problem::new(direction);
        let mut at = HashMap::with_capacity(component.members.len());
        for &v in &component.members {
            let (lo, hi) = self.var_bounds(vars, v);
            let c = objective
                .iter()
                .find(|(o, _)| *o == v)
                .map_or(0.0, |(_, c)| *c as f64);
            let x = if whole {
                let clamp = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
                p.add_integer_var(c, (clamp(lo), hi.map_or(i32::MAX, clamp)))
            } else {
                p.add_var(c, (lo as f64, hi.map_or(f64::INFINITY, |h| h as f64)))
            };
            at.insert(v, x);
        }
        for &i in &component.rows {
            let Some(r) = self.rows.get(i) else { continue };
            let expr: Vec<(microlp::Variable, f64)> = r
                .terms
                .iter()
                .filter_map(|(v, c)| at.get(v).map(|x| (*x, *c as f64)))
                .collect();
            p.add_constraint(expr, microlp::ComparisonOp::Le, -(r.constant as f64));
        }
        match p.solve() {
            Ok(outcome) => match outcome.into_solution() {
                Ok(s) => {
                    let whole_point = at
                        .values()
                        .all(|x| (s.var_value(*x) - s.var_value(*x).round()).abs() <= ROUNDING);
                    Ok(Some((s.objective(), whole_point)))
                }
                Err(_) => Ok(None),
            },
            Err(microlp::Error::Infeasible) => Err(Infeasible),
            // Unbounded, or a numerical failure: no finite optimum
            // that can be vouched for.
            Err(_) => Ok(None),
        }
    }

    /// The minimum and maximum of `objective` over one component.
    fn solve(
        &self,
        vars: &[Var],
        root: VarId,
        objective: &[(VarId, i64)],
    ) -> Result<(f64, Option<f64>), Infeasible> {
        let empty = Component::default();
        let component = self
            .components
            .as_ref()
            .and_then(|c| c.get(&root))
            .unwrap_or(&empty);
        let run = |direction, whole| self.run_program(vars, component, objective, direction, whole);
        // The linear program first; where its optimum falls between two
        // whole numbers (a coupling the relaxation cannot follow), the
        // integer program, since counts are whole.
        let optimum =
            |direction: microlp::OptimizationDirection| -> Result<Option<f64>, Infeasible> {
                match run(direction, false)? {
                    Some((relaxed, false)) => {
                        // A fractional optimum the integer program may improve:
                        // counts are whole. The relaxation's optimum still
                        // bounds it if the integer program gives no answer.
                        Ok(Some(run(direction, true)?.map_or(relaxed, |(x, _)| x)))
                    }
                    other => Ok(other.map(|(x, _)| x)),
                }
            };
        let low = optimum(microlp::OptimizationDirection::Minimize)?;
        let high = if objective.is_empty() {
            Some(0.0)
        } else {
            optimum(microlp::OptimizationDirection::Maximize)?
        };
        let low = match low {
            Some(l) => l,
            // A minimum that cannot be vouched for: the sum of the lowest
            // each term allows, which no assignment undercuts.
            None => objective
                .iter()
                .map(|&(v, c)| {
                    let (lo, hi) = self.var_bounds(vars, v);
                    scale(c, lo, hi).0
                })
                .sum(),
        };
        Ok((low, high))
    }
}

/// The tightest bounds of one figure on `day` from its own unknowns alone
/// (their bounds, the caps on what may have come back, and that a count is
/// never negative); `None` where they contradict each other.
pub(crate) fn bounds_on(vars: &[Var], form: &Form, day: Day) -> Option<Interval> {
    let mut system = System::new(day);
    system.register(vars, form);
    system.non_negative(vars, form);
    system.freeze();
    system.bounds(vars, &[form]).ok()
}

/// `c * [lo, hi]` as (low, high) in floating point, `None` for no upper
/// bound.
fn scale(c: i64, lo: u64, hi: Option<u64>) -> (f64, Option<f64>) {
    let c = c as f64;
    let lo = lo as f64;
    let hi = hi.map(|h| h as f64);
    if c >= 0.0 {
        (c * lo, hi.map(|h| c * h))
    } else {
        (hi.map_or(f64::NEG_INFINITY, |h| c * h), Some(c * lo))
    }
}

#[cfg(test)]
mod tests;
