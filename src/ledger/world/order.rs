//! In which orders the events of a component can happen: each at some
//! moment of its dates, so events whose dates overlap may come in any
//! order, and a question asked on a day falls before or after them.
//!
//! Times are in half days: an event dated `first..=last` spans
//! `2·first..=2·last`, and the end of day `D` is `2·D + 1` (after every
//! moment of `D`), its start `2·D − 1`. One event must come before
//! another only when its last day is before the other's first.

use crate::date::Day;
use crate::ledger::world::events::Component;

/// An event (by index in its component) or the question's moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Item {
    Event(u32),
    Query,
}

/// A day as a number, for half-day arithmetic.
pub(crate) fn day_number(d: Day) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce())
}

/// Each item's earliest and latest time, in half days.
pub(crate) struct Times<'c> {
    component: &'c Component,
    query: Option<i64>,
}

impl<'c> Times<'c> {
    /// `query`: the question's time in half days, when it is a moment of
    /// its own (not glued to an event).
    pub(crate) fn new(component: &'c Component, query: Option<i64>) -> Times<'c> {
        Times { component, query }
    }

    pub(crate) fn span(&self, item: Item) -> (i64, i64) {
        match item {
            Item::Query => {
                let t = self.query.unwrap_or(i64::MAX);
                (t, t)
            }
            Item::Event(e) => self
                .component
                .events
                .get(e as usize)
                .map_or((i64::MIN, i64::MAX), |ev| {
                    (2 * day_number(ev.first), 2 * day_number(ev.last))
                }),
        }
    }

    /// Whether `a` must come before `b`.
    pub(crate) fn before(&self, a: Item, b: Item) -> bool {
        self.span(a).1 < self.span(b).0
    }
}

/// The items in date order, cut into clusters: every item of a cluster
/// comes before every item of the next, and within a cluster the order
/// may be open.
pub(crate) fn clusters(times: &Times<'_>, items: &[Item]) -> Vec<Vec<Item>> {
    let mut sorted: Vec<Item> = items.to_vec();
    sorted.sort_by_key(|&i| times.span(i));
    let mut out: Vec<Vec<Item>> = Vec::new();
    let mut reach = i64::MIN;
    for item in sorted {
        let (first, last) = times.span(item);
        match out.last_mut() {
            Some(cluster) if first <= reach => {
                cluster.push(item);
                reach = reach.max(last);
            }
            _ => {
                out.push(vec![item]);
                reach = last;
            }
        }
    }
    out
}

/// The orders a cluster's items can come in, up to `cap` of them; `None`
/// when there are more. Orders that differ only by swapping neighbours
/// that touch no common cell give the same world and are listed once
/// (mostly: a few may repeat, which costs time, not truth).
pub(crate) fn orders(
    times: &Times<'_>,
    cluster: &[Item],
    dependent: &dyn Fn(Item, Item) -> bool,
    cap: usize,
) -> Option<Vec<Vec<Item>>> {
    let mut out = Vec::new();
    let mut placed = vec![false; cluster.len()];
    let mut path: Vec<usize> = Vec::with_capacity(cluster.len());
    let mut budget = WORK;
    let mut walker = Walker {
        times,
        cluster,
        dependent,
        cap,
        budget: &mut budget,
    };
    if walker.walk(&mut placed, &mut path, &mut out) {
        Some(out)
    } else {
        None
    }
}

/// Steps of the search for orders before a cluster is taken as having
/// too many.
const WORK: usize = 200_000;

struct Walker<'a, 't> {
    times: &'a Times<'t>,
    cluster: &'a [Item],
    dependent: &'a dyn Fn(Item, Item) -> bool,
    cap: usize,
    budget: &'a mut usize,
}

impl Walker<'_, '_> {
    /// Depth first over the items that may come next; false when the cap
    /// or the work budget is passed.
    fn walk(
        &mut self,
        placed: &mut [bool],
        path: &mut Vec<usize>,
        out: &mut Vec<Vec<Item>>,
    ) -> bool {
        let (times, cluster) = (self.times, self.cluster);
        if path.len() == cluster.len() {
            out.push(
                path.iter()
                    .filter_map(|&i| cluster.get(i).copied())
                    .collect(),
            );
            return out.len() <= self.cap;
        }
        for (i, &item) in cluster.iter().enumerate() {
            if placed.get(i).copied().unwrap_or(true) {
                continue;
            }
            *self.budget = self.budget.saturating_sub(cluster.len());
            if *self.budget == 0 {
                return false;
            }
            // Everything that must come before it is placed.
            let ready = cluster.iter().enumerate().all(|(j, &other)| {
                j == i || placed.get(j).copied().unwrap_or(true) || !times.before(other, item)
            });
            if !ready {
                continue;
            }
            // Independent neighbours are taken in index order only, where
            // either order is allowed.
            if let Some(&p) = path.last() {
                let prev = cluster.get(p).copied().unwrap_or(item);
                if i < p && !(self.dependent)(prev, item) && !times.before(prev, item) {
                    continue;
                }
            }
            if let Some(slot) = placed.get_mut(i) {
                *slot = true;
            }
            path.push(i);
            let ok = self.walk(placed, path, out);
            path.pop();
            if let Some(slot) = placed.get_mut(i) {
                *slot = false;
            }
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Interval;
    use crate::ledger::world::events::{Act, Event, Report};

    /// A component of `days.len()` reports of one cell, on those days of
    /// January 2020.
    fn component(days: &[u32]) -> Component {
        let day = |d: u32| Day::from_ymd_opt(2020, 1, d).expect("a day");
        Component {
            events: days
                .iter()
                .map(|&d| Event {
                    first: day(d),
                    last: day(d),
                    act: Act::Report(Report {
                        key: 0,
                        cells: std::sync::Arc::from(vec![0u32]),
                        bounds: Interval::exactly(1),
                        consistent: true,
                        records: Vec::new(),
                    }),
                })
                .collect(),
            ..Component::default()
        }
    }

    /// Five events of one day come in any of 5! = 120 orders when each
    /// touches the others' cells; when none does, every order gives the
    /// same world and one is listed (index order). Days apart leave one
    /// order either way.
    #[test]
    fn neighbours_that_touch_nothing_in_common_come_in_index_order() {
        let c = component(&[3, 3, 3, 3, 3]);
        let times = Times::new(&c, None);
        let cluster: Vec<Item> = (0..5).map(Item::Event).collect();
        let all = orders(&times, &cluster, &|_, _| true, 1000).expect("within the cap");
        assert_eq!(all.len(), 120);
        let distinct: std::collections::BTreeSet<&Vec<Item>> = all.iter().collect();
        assert_eq!(distinct.len(), 120);
        assert_eq!(orders(&times, &cluster, &|_, _| true, 64), None);
        assert_eq!(
            orders(&times, &cluster, &|_, _| false, 64),
            Some(vec![cluster.clone()])
        );
        let apart = component(&[5, 4, 3, 2, 1]);
        let times = Times::new(&apart, None);
        let late_first: Vec<Item> = (0..5).rev().map(Item::Event).collect();
        assert_eq!(
            orders(&times, &cluster, &|_, _| true, 64),
            Some(vec![late_first])
        );
    }
}
