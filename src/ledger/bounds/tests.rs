//! The bounds against every whole-number assignment, tried one by one.

use super::*;
use proptest::prelude::*;

/// A small system: unknowns with finite bounds (some of them parts of
/// a move that may have come back), forms of ±1 terms, rows `a <= b`.
#[derive(Clone, Debug)]
struct Case {
    vars: Vec<Var>,
    rows: Vec<(Form, Form)>,
    target: Form,
    day: Day,
}

fn form(terms: &[(u8, bool)], constant: i64, n: usize) -> Form {
    let mut f = Form::constant(constant);
    for &(v, plus) in terms {
        let v = VarId::from(v) % n as VarId;
        f = if plus { f.plus(v) } else { f.minus(v) };
    }
    f
}

prop_compose! {
    fn case()(
        bounds in proptest::collection::vec((0u64..4, 0u64..4), 1..5),
        capped in proptest::collection::vec(any::<bool>(), 4),
        rows in proptest::collection::vec(
            (proptest::collection::vec((any::<u8>(), any::<bool>()), 1..3), -3i64..4,
             proptest::collection::vec((any::<u8>(), any::<bool>()), 1..3), -3i64..4),
            0..3),
        target in proptest::collection::vec((any::<u8>(), any::<bool>()), 1..4),
        constant in 0i64..6,
        late in any::<bool>(),
    ) -> Case {
        let day: Day = "2020-01-10".parse().expect("day");
        let n = bounds.len();
        let mut vars: Vec<Var> = bounds
            .iter()
            .map(|&(lo, w)| Var { low: lo, high: Some(lo + w), returns_after: None, at_most: None })
            .collect();
        // Some unknowns are returns, bounded by an earlier unknown (the
        // move), and zero on the move's day.
        for i in 1..n {
            if capped.get(i).copied().unwrap_or(false) {
                let moved_on: Day = if late { "2020-01-09" } else { "2020-01-10" }.parse().expect("day");
                if let Some(v) = vars.get_mut(i) {
                    v.low = 0;
                    v.at_most = Some((i - 1) as VarId);
                    v.returns_after = Some(moved_on);
                }
            }
        }
        let rows = rows
            .into_iter()
            .map(|(a, ca, b, cb)| (form(&a, ca, n), form(&b, cb, n)))
            .collect();
        Case { vars, rows, target: form(&target, constant, n), day }
    }
}

/// Every whole-number assignment within the unknowns' bounds that meets
/// every row, every cap, and keeps the target non-negative.
fn assignments(c: &Case) -> Vec<Vec<i64>> {
    let domains: Vec<(i64, i64)> = c
        .vars
        .iter()
        .map(|v| {
            let (lo, hi) = v.on(c.day);
            (lo as i64, hi.unwrap_or(lo) as i64)
        })
        .collect();
    let value = |f: &Form, x: &[i64]| -> i64 {
        f.constant_part() + f.terms().map(|(v, s)| s * x[v as usize]).sum::<i64>()
    };
    let mut out = Vec::new();
    let mut x: Vec<i64> = domains.iter().map(|d| d.0).collect();
    loop {
        let caps = c.vars.iter().enumerate().all(|(i, v)| match v.at_most {
            Some(m) => x[i] <= x[m as usize],
            None => true,
        });
        let rows = c.rows.iter().all(|(a, b)| value(a, &x) <= value(b, &x));
        if caps && rows && value(&c.target, &x) >= 0 {
            out.push(x.clone());
        }
        // Next assignment, odometer style.
        let mut i = 0;
        loop {
            if i == x.len() {
                return out;
            }
            if x[i] < domains[i].1 {
                x[i] += 1;
                break;
            }
            x[i] = domains[i].0;
            i += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Sound and tight: the bounds are exactly the least and the most
    /// the target takes over every assignment that meets the
    /// constraints (so each bound is attained by one of them), found by
    /// trying them all.
    #[test]
    fn bounds_are_the_least_and_most_over_every_valid_assignment(c in case()) {
        let all = assignments(&c);
        let value = |x: &[i64]| -> i64 {
            c.target.constant_part()
                + c.target.terms().map(|(v, s)| s * x[v as usize]).sum::<i64>()
        };
        let mut system = System::new(c.day);
        for (a, b) in &c.rows {
            system.register(&c.vars, a);
            system.register(&c.vars, b);
            system.at_most(&c.vars, a, b);
        }
        system.register(&c.vars, &c.target);
        system.non_negative(&c.vars, &c.target);
        system.freeze();
        match system.bounds(&c.vars, &[&c.target]) {
            Err(Infeasible) => prop_assert!(all.is_empty(), "infeasible, but {:?} meets all", all.first()),
            // Contradictions are local: rows the target's unknowns are
            // not linked to cannot change its bounds, so a system that
            // fails only elsewhere still bounds the target.
            Ok(_) if all.is_empty() => {}
            Ok(b) => {
                let least = all.iter().map(|x| value(x)).min().expect("some");
                let most = all.iter().map(|x| value(x)).max().expect("some");
                prop_assert_eq!(b.low() as i64, least, "{:?}", c);
                prop_assert_eq!(b.high(), Some(most as u64), "{:?}", c);
            }
        }
    }
}
