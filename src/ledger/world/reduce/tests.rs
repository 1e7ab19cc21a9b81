//! The narrowing and the parts it leaves, on programs written out: which
//! parts narrowing answers alone, and that it always stops.

use super::*;

#[test]
fn a_chain_of_exact_moves_needs_no_program() {
    // x0 = 1000; x1 = x0 - 10; x2 = x1 + 10 ... Its rows in either
    // order: listed last to first, each narrowing reaches the rows
    // before it only by being queued again.
    for backwards in [false, true] {
        let mut p = Program::default();
        let mut prev = p.var(1000, Some(1000));
        let mut rows = Vec::new();
        for i in 0..50 {
            let next = p.var(0, None);
            let sign = if i % 2 == 0 { -10.0 } else { 10.0 };
            rows.push((vec![(next, 1.0), (prev, -1.0)], sign));
            prev = next;
        }
        if backwards {
            rows.reverse();
        }
        for (terms, sign) in rows {
            p.row(terms, Some(sign), Some(sign));
        }
        let r = Reduced::of(&p);
        assert!(r.feasible());
        assert!(
            r.parts.is_empty(),
            "every row is redundant once narrowed (backwards: {backwards})"
        );
        assert_eq!(r.range(&[(prev, 1.0)]), Ok((Some(1000), Some(1000))));
    }
}

/// Narrowing alone answers a tree of unit rows (a + b in 10..12 and
/// b + c in 5..6: no tableau is built), not a cycle (x + y = 10 and
/// x - y = 1: the same two unknowns under two rows) nor a tree of
/// other coefficients (2x + 2y + 2z = 3, each between 0 and 5, and
/// the row negated), where the narrowed bounds hold a whole point for
/// each unknown but no whole point meets the rows: no world.
#[test]
fn only_a_tree_of_unit_rows_is_answered_by_narrowing() {
    let mut p = Program::default();
    let (a, b, c) = (p.var(0, Some(20)), p.var(3, Some(4)), p.var(0, None));
    p.row(vec![(a, 1.0), (b, 1.0)], Some(10.0), Some(12.0));
    p.row(vec![(b, 1.0), (c, 1.0)], Some(5.0), Some(6.0));
    let r = Reduced::of(&p);
    assert!(r.feasible());
    assert_eq!(r.range(&[(a, 1.0)]), Ok((Some(6), Some(9))));
    assert_eq!(r.range(&[(c, 1.0)]), Ok((Some(1), Some(3))));
    assert_eq!(r.parts.len(), 1);
    assert!(r.parts.iter().all(|part| !part.was_solved()));

    let mut cycle = Program::default();
    let (x, y) = (cycle.var(0, Some(10)), cycle.var(0, Some(10)));
    cycle.row(vec![(x, 1.0), (y, 1.0)], Some(10.0), Some(10.0));
    cycle.row(vec![(x, 1.0), (y, -1.0)], Some(1.0), Some(1.0));
    assert!(!Reduced::of(&cycle).feasible(), "x = 5.5 is no world");

    // The same row negated narrows the same way.
    for k in [2.0, -2.0] {
        let mut scaled = Program::default();
        let xyz: Vec<Var> = (0..3).map(|_| scaled.var(0, Some(5))).collect();
        let total = 1.5 * k;
        scaled.row(
            xyz.iter().map(|&v| (v, k)).collect(),
            Some(total),
            Some(total),
        );
        let r = Reduced::of(&scaled);
        for &v in &xyz {
            assert_eq!((r.low[v as usize], r.high[v as usize]), (0.0, 1.0), "{k}");
        }
        assert!(
            !r.feasible(),
            "{k}x + {k}y + {k}z = {total} has no whole point"
        );
    }
}

/// Rows that push each other's unknowns up one at a time for ever
/// (x >= y + 1 and y >= x + 1, nothing bounded above; each written
/// twice, as two records may say one thing, so that an unknown is
/// narrowed again after its last propagation) stop narrowing once an
/// unknown has been narrowed MOST_NARROWINGS times, and stay stopped
/// however often it is narrowed again; the program then finds no
/// world. (Without the stop the narrowing would not end: the test
/// fails rather than hangs.)
#[test]
fn rows_that_narrow_each_other_for_ever_stop() {
    let (done, waited) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut p = Program::default();
        let (x, y) = (p.var(0, None), p.var(0, None));
        for _ in 0..2 {
            p.row(vec![(x, 1.0), (y, -1.0)], Some(1.0), None);
            p.row(vec![(y, 1.0), (x, -1.0)], Some(1.0), None);
        }
        let _ = done.send(Reduced::of(&p).feasible());
    });
    let feasible = waited.recv_timeout(std::time::Duration::from_secs(60));
    assert_eq!(
        feasible,
        Ok(false),
        "the narrowing stops, and finds no world"
    );
}

#[test]
fn a_tree_of_sums_is_exact_and_a_cycle_is_solved() {
    // a + b in [10, 12], a in [0, 20], b in [3, 4]: a is 6..9.
    let mut p = Program::default();
    let a = p.var(0, Some(20));
    let b = p.var(3, Some(4));
    p.row(vec![(a, 1.0), (b, 1.0)], Some(10.0), Some(12.0));
    let r = Reduced::of(&p);
    assert_eq!(r.range(&[(a, 1.0)]), Ok((Some(6), Some(9))));
    // The sum of both needs the program: 10..12, not 9..13.
    assert_eq!(r.range(&[(a, 1.0), (b, 1.0)]), Ok((Some(10), Some(12))));
    // Crossing bounds: no world.
    let mut q = Program::default();
    let x = q.var(5, Some(6));
    q.row(vec![(x, 1.0)], Some(7.0), None);
    assert!(!Reduced::of(&q).feasible());
    assert_eq!(Reduced::of(&q).range(&[(x, 1.0)]), Err(Infeasible));
    // A row whose bounds cross: no world either.
    let mut c = Program::default();
    let (x, y) = (c.var(0, Some(3)), c.var(0, Some(3)));
    c.row(vec![(x, 2.0), (y, 2.0)], Some(8.0), Some(4.0));
    assert!(!Reduced::of(&c).feasible());
    assert_eq!(Reduced::of(&c).range(&[(x, 1.0)]), Err(Infeasible));
}

/// Rows over disjoint unknowns make independent parts, each a tree
/// answered by narrowing alone (no tableau is built for either).
#[test]
fn rows_over_disjoint_unknowns_are_independent_parts() {
    let mut p = Program::default();
    let (a, b) = (p.var(0, Some(20)), p.var(3, Some(4)));
    let (c, d) = (p.var(0, Some(20)), p.var(1, Some(2)));
    p.row(vec![(a, 1.0), (b, 1.0)], Some(10.0), Some(12.0));
    p.row(vec![(c, 1.0), (d, 1.0)], Some(5.0), Some(6.0));
    let r = Reduced::of(&p);
    assert_eq!(r.parts.len(), 2);
    assert_eq!(r.range(&[(a, 1.0)]), Ok((Some(6), Some(9))));
    assert_eq!(r.range(&[(c, 1.0)]), Ok((Some(3), Some(5))));
    assert!(r.parts.iter().all(|part| !part.was_solved()));
}
