//! The common case, answered without a program: one figure, reported
//! again and again on dates that do not overlap, and nothing moving it.
//! Each report after the first may show any change, so the figure at a
//! moment is its latest report before (or, before any report, its first:
//! the count it reveals held since). Most of a large dataset's figures
//! are like this (troopdata's: one country a quarter).

use crate::interval::Interval;
use crate::ledger::world::events::{Act, Component};
use crate::ledger::world::order::day_number;

/// A component of one figure's reports, in order.
#[derive(Debug)]
pub(crate) struct Simple {
    /// Each report's time in half days: first and last.
    spans: Vec<(i64, i64)>,
    /// Each report's bounds; `None` where competing reports of its moment
    /// share no count.
    bounds: Vec<Option<Interval>>,
}

impl Simple {
    /// The component as a simple one, if it is.
    pub(crate) fn of(component: &Component) -> Option<Simple> {
        if component.cells.len() != 1 || !component.tags.is_empty() {
            return None;
        }
        let mut key = None;
        let mut spans: Vec<(i64, i64)> = Vec::with_capacity(component.events.len());
        let mut bounds = Vec::with_capacity(component.events.len());
        for e in &component.events {
            let Act::Report(r) = &e.act else {
                return None;
            };
            if key.is_some_and(|k| k != r.key) {
                return None;
            }
            key = Some(r.key);
            let span = (2 * day_number(e.first), 2 * day_number(e.last));
            // Dates that overlap leave the order open: not simple.
            if spans.last().is_some_and(|&(_, last)| last >= span.0) {
                return None;
            }
            spans.push(span);
            bounds.push(r.consistent.then_some(r.bounds));
        }
        Some(Simple { spans, bounds })
    }

    /// The figure at time `q` (half days): `Some(Ok)`, `Some(Err(()))`
    /// where its report's competitors share no count, `None` where `q`
    /// falls within a report's dates (the full way answers that).
    pub(crate) fn at(&self, q: i64) -> Option<Result<Interval, ()>> {
        let before = self.spans.partition_point(|&(_, last)| last < q);
        if self.spans.get(before).is_some_and(|&(first, _)| first <= q) {
            return None;
        }
        let i = before.saturating_sub(1);
        let b = self.bounds.get(i)?;
        Some(b.ok_or(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports on days 2, 4 and 6 (half days 4, 8, 12), the second with
    /// competitors that share no count: each moment between or after them
    /// reads the latest before it, one before them all the first, and a
    /// moment within a report's dates is left to the full way.
    #[test]
    fn a_moment_reads_the_latest_report_before_it() {
        let simple = Simple {
            spans: vec![(4, 4), (8, 8), (12, 14)],
            bounds: vec![
                Some(Interval::exactly(10)),
                None,
                Some(Interval::exactly(30)),
            ],
        };
        assert_eq!(simple.at(1), Some(Ok(Interval::exactly(10))));
        assert_eq!(simple.at(5), Some(Ok(Interval::exactly(10))));
        assert_eq!(simple.at(9), Some(Err(())));
        assert_eq!(simple.at(11), Some(Err(())));
        assert_eq!(simple.at(13), None);
        assert_eq!(simple.at(15), Some(Ok(Interval::exactly(30))));
    }

    /// In the world's fixture France's figure, reported twice and moved
    /// by nothing, is the one simple component; Germany's, moved, is not.
    #[test]
    fn one_figure_reported_again_is_simple() {
        let data = crate::ledger::world::fixture::data();
        let world = crate::ledger::world::World::new(&data, false);
        let simple: Vec<&Simple> = world.simple.iter().flatten().collect();
        assert_eq!(simple.len(), 1);
        assert_eq!(
            simple[0].bounds,
            [Some(Interval::exactly(50)), Some(Interval::exactly(60))]
        );
    }

    /// A simple figure asked with a coefficient answers at once, its
    /// bounds scaled: France's 50 in January taken twice, or taken away
    /// (a part subtracted from a total).
    #[test]
    fn a_simple_figure_scaled_or_taken_away() {
        use crate::ledger::world::{At, Term, World};
        let data = crate::ledger::world::fixture::data();
        let world = World::new(&data, false);
        let france = crate::ledger::world::fixture::figure(&world, &data, 1);
        let times = |c: f64| -> Vec<(Term, f64)> { france.iter().map(|&(t, _)| (t, c)).collect() };
        let day = |s: &str| At::End(s.parse().expect("a day"));
        let asked = world.ranges(day("2020-01-15"), &[times(2.0), times(-1.0)]);
        assert_eq!(
            asked,
            [Ok((Some(100), Some(100))), Ok((Some(-50), Some(-50)))]
        );
    }
}
