//! Small programs against a brute force: every whole point of a small box
//! tried. Both solvers — the program's own branch and bound (`solve.rs`)
//! and the reduced form with its dense tableau (`reduce`, `simplex`) —
//! must give the least and most of the objective exactly, or no world.
//! Coefficients other than one (a row of `2x ≥ 4`, `-3y ≤ -5`) reach the
//! narrowing's divisions and the branching's second whole point, which
//! the engine's own programs (mostly `±1`) seldom do.
//!
//! The dense tableau is checked on its own as well: the reduced form
//! falls back to the program's solver wherever the tableau gives up, so
//! a tableau that gave up too often (or wrongly) would still answer right
//! through it. On these small programs it must never give up.

use proptest::prelude::*;

use crate::ledger::world::reduce::Reduced;
use crate::ledger::world::simplex::{Stop, Tableau};
use crate::ledger::world::solve::{Infeasible, Program, Range, Var};

#[derive(Clone, Debug)]
struct Case {
    boxes: Vec<(u64, u64)>,
    rows: Vec<(Vec<i32>, Option<i32>, Option<i32>)>,
    objective: Vec<i32>,
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=4).prop_flat_map(|n| {
        let boxes =
            proptest::collection::vec((0u64..=3, 0u64..=6).prop_map(|(l, w)| (l, l + w)), n);
        let row = (
            proptest::collection::vec(-5i32..=5, n),
            proptest::option::of(-10i32..=30),
            proptest::option::of(-10i32..=30),
        );
        let rows = proptest::collection::vec(row, 1..=4);
        let objective = proptest::collection::vec(-5i32..=5, n);
        (boxes, rows, objective).prop_map(|(boxes, rows, objective)| Case {
            boxes,
            rows,
            objective,
        })
    })
}

fn program(c: &Case) -> (Program, Vec<Var>) {
    let mut p = Program::default();
    let vars: Vec<Var> = c.boxes.iter().map(|&(l, h)| p.var(l, Some(h))).collect();
    for (coefs, low, high) in &c.rows {
        // An even coefficient is written as two halves of the same
        // unknown: a row may name an unknown twice, and counts it twice.
        let terms: Vec<(Var, f64)> = vars
            .iter()
            .zip(coefs)
            .filter(|(_, &k)| k != 0)
            .flat_map(|(&v, &k)| {
                let halves = k % 2 == 0;
                let each = if halves {
                    f64::from(k / 2)
                } else {
                    f64::from(k)
                };
                std::iter::repeat_n((v, each), if halves { 2 } else { 1 })
            })
            .collect();
        if !terms.is_empty() {
            p.row(terms, low.map(f64::from), high.map(f64::from));
        }
    }
    (p, vars)
}

/// Every whole point of the box, its rows checked: the least and most
/// of `objective`.
fn brute(c: &Case, objective: &[i32]) -> Result<Range, Infeasible> {
    let boxes: Vec<(i64, i64)> = c.boxes.iter().map(|&(l, h)| (l as i64, h as i64)).collect();
    let value = |coefs: &[i32], point: &[i64]| -> i64 {
        coefs
            .iter()
            .zip(point)
            .map(|(&k, &x)| i64::from(k) * x)
            .sum()
    };
    let mut point: Vec<i64> = boxes.iter().map(|&(l, _)| l).collect();
    let mut found: Option<(i128, i128)> = None;
    loop {
        let holds = c.rows.iter().all(|(coefs, low, high)| {
            let sum = value(coefs, &point);
            coefs.iter().all(|&k| k == 0)
                || (low.is_none_or(|l| sum >= i64::from(l))
                    && high.is_none_or(|h| sum <= i64::from(h)))
        });
        if holds {
            let v = i128::from(value(objective, &point));
            found = Some(found.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
        // The next point of the box (an odometer), or the end.
        let mut i = 0;
        loop {
            let Some(&(l, h)) = boxes.get(i) else {
                return found.map(|(lo, hi)| (Some(lo), Some(hi))).ok_or(Infeasible);
            };
            if point[i] < h {
                point[i] += 1;
                break;
            }
            point[i] = l;
            i += 1;
        }
    }
}

proptest! {
    // 512 cases (a few hundredths of a second), or `PROPTEST_CASES`.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512)
    ))]
    #[test]
    fn both_solvers_match_a_brute_force(c in case()) {
        let (p, vars) = program(&c);
        let objective: Vec<(Var, f64)> = vars
            .iter()
            .zip(&c.objective)
            .map(|(&v, &k)| (v, f64::from(k)))
            .collect();
        let truth = brute(&c, &c.objective);
        prop_assert_eq!(p.range(&objective), truth, "the program's branch and bound");
        prop_assert_eq!(Reduced::of(&p).range(&objective), truth, "the reduced form");
        prop_assert_eq!(p.feasible(), truth.is_ok());
        prop_assert_eq!(Reduced::of(&p).feasible(), truth.is_ok());
        // The tableau alone, from one basis to the next: the objective's
        // least and most, then the first unknown's.
        let first: Vec<i32> = (0..vars.len()).map(|i| i32::from(i == 0)).collect();
        let asked = [(objective, truth), (vec![(vars[0], 1.0)], brute(&c, &first))];
        match Tableau::new(&p) {
            Err(stop) => prop_assert_eq!((stop, truth), (Stop::Infeasible, Err(Infeasible))),
            Ok(mut t) => {
                for (objective, truth) in asked {
                    let least = t.whole_optimum(&objective, false, 100_000);
                    let most = t.whole_optimum(&objective, true, 100_000);
                    let found = match (least, most) {
                        (Ok(Some(l)), Ok(Some(h))) => Ok((Some(l), Some(h))),
                        (Err(Stop::Infeasible), Err(Stop::Infeasible)) => Err(Infeasible),
                        other => {
                            return Err(TestCaseError::fail(format!("the tableau: {other:?}")))
                        }
                    };
                    prop_assert_eq!(found, truth, "the tableau");
                }
            }
        }
    }
}
