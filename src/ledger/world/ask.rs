//! One question to one component: which of its events bear on the moment
//! asked (a figure reported again over all its cells cuts the history in
//! two: what came before cannot reach what comes after), in which orders
//! they may come, and the programs of those orders, kept for every sum
//! asked at that moment.

use std::collections::HashSet;

use crate::ledger::world::events::{Act, Component, Event};
use crate::ledger::world::order::{clusters, day_number, orders, Item, Times};
use crate::ledger::world::program::{build, Built, Glue, Step};
use crate::ledger::world::reduce::{Budget, Reduced};
use crate::ledger::world::solve::{Infeasible, Var};
use crate::ledger::world::Range;

/// Orders of one component's events tried one by one, at most, per
/// question; beyond, the clusters farthest from the question are relaxed.
pub(crate) const MOST_ORDERS: usize = 64;

/// A question's term within a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Local {
    /// A cell at the question's moment.
    Cell(u32),
    /// A cell right after an event (questions everywhere in a segment).
    After(u32, u32),
    /// What a move moved.
    Moved(u32),
    /// Every cell of the component at the question's moment.
    Total,
}

/// The moment asked, within a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Moment {
    /// A time in half days.
    Time(i64),
    /// Right after every event of the segment that starts at this event
    /// (and ends at the next cut).
    Everywhere(u32),
}

/// Where a component's history may be cut: reports of a figure that
/// holds every cell, made again (so everything may change just before),
/// at a moment no other event's dates overlap. A component with
/// temporary moves is never cut: what may come back crosses any cut.
pub(crate) fn cuts(component: &Component) -> Vec<u32> {
    if !component.tags.is_empty() {
        return Vec::new();
    }
    let n = component.cells.len();
    let mut out = Vec::new();
    let mut reach = i64::MIN;
    let mut seen: HashSet<u32> = HashSet::new();
    let events = &component.events;
    for (i, e) in events.iter().enumerate() {
        let (first, last) = (day_number(e.first), day_number(e.last));
        let next_first = events.get(i + 1).map(|x| day_number(x.first));
        if let Act::Report(r) = &e.act {
            let whole = r.cells.len() == n;
            let again = seen.contains(&r.key);
            let alone = reach < first && next_first.is_none_or(|f| f > last);
            if whole && again && alone {
                out.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        // A figure counts as reported before a later event only if its
        // report certainly comes first: here, events are in order of
        // their first day, and `seen` is read only by events whose first
        // day is after every earlier event's last (`alone`).
        match &e.act {
            Act::Report(r) => {
                seen.insert(r.key);
            }
            Act::Move(m) => seen.extend(m.before.iter().chain(&m.after).map(|r| r.key)),
        }
        reach = reach.max(last);
    }
    out
}

/// A question prepared: the programs of every order its events may come
/// in (none: no order admits a world).
pub(crate) struct Prepared {
    solved: Vec<(Built, Reduced)>,
    /// The solving work of every question to these programs, bounded.
    budget: Budget,
}

impl Prepared {
    /// The programs for `moment`, over the events between the cuts around
    /// it.
    pub(crate) fn new(component: &Component, cut_at: &[u32], moment: Moment) -> Prepared {
        match moment {
            Moment::Time(t) => {
                let (start, end) = segment(component, cut_at, t);
                Prepared::of_segment(component, start, end, Some(t), Glue::Free)
            }
            Moment::Everywhere(start) => {
                let end = cut_at
                    .get(cut_at.partition_point(|&c| c <= start))
                    .map_or(component.events.len(), |&c| c as usize);
                Prepared::of_segment(component, start as usize, end, None, Glue::Everywhere)
            }
        }
    }

    /// The programs of the events `start..end`.
    pub(crate) fn of_segment(
        component: &Component,
        start: usize,
        end: usize,
        query_time: Option<i64>,
        glued: Glue,
    ) -> Prepared {
        let times = Times::new(component, query_time);
        let mut items: Vec<Item> = (start..end)
            .map(|e| Item::Event(u32::try_from(e).unwrap_or(u32::MAX)))
            .collect();
        if query_time.is_some() {
            items.push(Item::Query);
        }
        // Figures of the segment reported before it.
        let reported: HashSet<u32> = component
            .events
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .flat_map(Event::reported_keys)
            .filter(|k| {
                component
                    .first_report
                    .get(k)
                    .is_some_and(|&f| (f as usize) < start)
            })
            .collect();
        let touch = Touch::new(component, start..end);
        let dependent = |a: Item, b: Item| touch.dependent(a, b);
        let groups = clusters(&times, &items);
        let plan = plan(&times, &groups, &dependent, query_time);
        let mut solved = Vec::new();
        for steps in combos(&plan) {
            let built = build(component, &times, &steps, glued, &reported);
            if built.contradictory {
                continue;
            }
            let reduced = Reduced::of(&built.program);
            if reduced.feasible() {
                solved.push((built, reduced));
            }
        }
        Prepared {
            solved,
            budget: Budget::default(),
        }
    }

    /// A question to a component the world does not have (never asked:
    /// every component number comes from compiling the records): no order
    /// prepared, so nothing is claimed feasible.
    pub(crate) fn empty() -> Prepared {
        Prepared {
            solved: Vec::new(),
            budget: Budget::default(),
        }
    }

    /// Whether some order admits a world.
    pub(crate) fn feasible(&self) -> bool {
        !self.solved.is_empty()
    }

    /// The least and most of each objective, over every order.
    pub(crate) fn answer(
        &self,
        objectives: &[Vec<(Local, f64)>],
    ) -> Result<Vec<Range>, Infeasible> {
        let mut answer: Option<Vec<Range>> = None;
        for (built, reduced) in &self.solved {
            let var_of = |l: &Local| -> Option<Var> {
                match l {
                    Local::Cell(c) => built.query.get(*c as usize).copied(),
                    Local::After(e, c) => {
                        built.after.get(e).and_then(|v| v.get(*c as usize)).copied()
                    }
                    Local::Moved(e) => built.moved.get(e).copied(),
                    Local::Total => None,
                }
            };
            let cells = built.query.len();
            let mut ranges = Vec::with_capacity(objectives.len());
            for objective in objectives {
                let objective = &whole(objective, cells);
                let terms: Vec<(Var, f64)> = if objective == &[(Local::Total, 1.0)] {
                    // All troops of the component: those of the start when
                    // nothing changed them without a record (the sum then
                    // needs none of the moves between).
                    let vars = if built.changed {
                        &built.query
                    } else {
                        &built.initial
                    };
                    vars.iter().map(|&v| (v, 1.0)).collect()
                } else {
                    objective
                        .iter()
                        .filter_map(|(l, c)| var_of(l).map(|v| (v, *c)))
                        .collect()
                };
                ranges.push(reduced.range_within(&terms, &self.budget)?);
            }
            answer = Some(match answer {
                None => ranges,
                Some(prev) => prev
                    .into_iter()
                    .zip(ranges)
                    .map(|((l1, h1), (l2, h2))| {
                        (
                            l1.zip(l2).map(|(a, b)| a.min(b)),
                            h1.zip(h2).map(|(a, b)| a.max(b)),
                        )
                    })
                    .collect(),
            });
        }
        answer.ok_or(Infeasible)
    }
}

/// The events between the last cut certainly before the moment and the
/// first cut certainly after it.
fn segment(component: &Component, cut_at: &[u32], q: i64) -> (usize, usize) {
    let n = component.events.len();
    let span = |e: u32| {
        component
            .events
            .get(e as usize)
            .map_or((i64::MIN, i64::MAX), |ev| {
                (2 * day_number(ev.first), 2 * day_number(ev.last))
            })
    };
    let before = |c: u32| span(c).1 < q;
    let after = |c: u32| span(c).0 > q;
    // Events are sorted by their first day: a cut that begins after the
    // moment lies at or past this point, and one that ends before it,
    // before. The searches start there rather than at an end (a component
    // cut at each of 100k reports would otherwise be scanned whole for
    // each question).
    let split = cut_at.partition_point(|&c| span(c).0 <= q);
    let (earlier, later) = cut_at.split_at(split.min(cut_at.len()));
    let start = earlier
        .iter()
        .rev()
        .find(|&&c| before(c))
        .map_or(0, |&c| c as usize);
    let end = later.iter().find(|&&c| after(c)).map_or(n, |&c| c as usize);
    (start, end.max(start))
}

/// Which cells each item touches, widened to both ends of any temporary
/// pair it touches (what comes back links them).
struct Touch {
    /// From the first event of the segment on.
    first: usize,
    events: Vec<Vec<u32>>,
}

impl Touch {
    fn new(component: &Component, events: std::ops::Range<usize>) -> Touch {
        let widen = |mut cells: Vec<u32>| -> Vec<u32> {
            for (home, away) in &component.tags {
                if cells.iter().any(|c| home.contains(c) || away.contains(c)) {
                    cells.extend(home.iter().chain(away.iter()).copied());
                }
            }
            cells.sort_unstable();
            cells.dedup();
            cells
        };
        Touch {
            first: events.start,
            events: component
                .events
                .get(events)
                .unwrap_or_default()
                .iter()
                .map(|e| widen(e.cells()))
                .collect(),
        }
    }

    /// Whether the order of two items can matter. The question reads
    /// every cell (so that one set of orders serves every sum asked).
    fn dependent(&self, a: Item, b: Item) -> bool {
        let (Item::Event(x), Item::Event(y)) = (a, b) else {
            return true;
        };
        let cells = |e: u32| {
            (e as usize)
                .checked_sub(self.first)
                .and_then(|i| self.events.get(i))
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        let (x, y) = (cells(x), cells(y));
        x.iter().any(|c| y.binary_search(c).is_ok())
    }
}

/// How each cluster is taken: its orders, or relaxed. Clusters are given
/// orders nearest the question first, while their product stays within
/// [`MOST_ORDERS`].
enum Plan {
    Orders(Vec<Vec<Item>>),
    Relaxed(Vec<Item>),
}

fn plan(
    times: &Times<'_>,
    groups: &[Vec<Item>],
    dependent: &dyn Fn(Item, Item) -> bool,
    query: Option<i64>,
) -> Vec<Plan> {
    let listed: Vec<Option<Vec<Vec<Item>>>> = groups
        .iter()
        .map(|g| {
            if g.len() == 1 {
                Some(vec![g.clone()])
            } else {
                orders(times, g, dependent, MOST_ORDERS)
            }
        })
        .collect();
    // Nearest the question first.
    let mut by_distance: Vec<usize> = (0..groups.len()).collect();
    let distance = |g: &Vec<Item>| -> i64 {
        let Some(q) = query else { return 0 };
        g.iter()
            .map(|&i| {
                let (a, b) = times.span(i);
                if q < a {
                    a - q
                } else if q > b {
                    q - b
                } else {
                    0
                }
            })
            .min()
            .unwrap_or(i64::MAX)
    };
    by_distance.sort_by_key(|&i| groups.get(i).map_or(i64::MAX, distance));
    let mut exact = vec![false; groups.len()];
    let mut product: usize = 1;
    for i in by_distance {
        if let Some(Some(list)) = listed.get(i) {
            if let Some(p) = product
                .checked_mul(list.len())
                .filter(|&p| p <= MOST_ORDERS)
            {
                product = p;
                if let Some(e) = exact.get_mut(i) {
                    *e = true;
                }
            }
        }
    }
    groups
        .iter()
        .zip(listed)
        .zip(exact)
        .map(|((g, list), exact)| match (exact, list) {
            (true, Some(list)) => Plan::Orders(list),
            _ => Plan::Relaxed(g.clone()),
        })
        .collect()
}

/// Every combination of one order per cluster.
fn combos(plan: &[Plan]) -> Vec<Vec<Step<'_>>> {
    let mut out: Vec<Vec<Step<'_>>> = vec![Vec::new()];
    for p in plan {
        match p {
            Plan::Relaxed(items) => {
                for steps in &mut out {
                    steps.push(Step::Relaxed(items));
                }
            }
            // One order: extended in place (cloning every prefix at each
            // of a long chain's clusters made a plan quadratic).
            Plan::Orders(list) if list.len() == 1 => {
                for steps in &mut out {
                    steps.push(Step::Exact(&list[0]));
                }
            }
            Plan::Orders(list) => {
                let mut next = Vec::with_capacity(out.len() * list.len());
                for steps in &out {
                    for order in list {
                        let mut s: Vec<Step<'_>> = steps.clone();
                        s.push(Step::Exact(order));
                        next.push(s);
                    }
                }
                out = next;
            }
        }
    }
    out
}

/// The segment (between cuts) an event lies in: its first event.
pub(crate) fn segment_of(cut_at: &[u32], event: u32) -> u32 {
    // Cuts are in ascending order: the last at or before the event.
    match cut_at.partition_point(|&c| c <= event) {
        0 => 0,
        k => cut_at.get(k - 1).copied().unwrap_or(0),
    }
}

/// A sum of every cell of the component once, at the question's moment,
/// as the component's total (one unknown); any other sum as it is.
fn whole(objective: &[(Local, f64)], cells: usize) -> Vec<(Local, f64)> {
    // Only a sum of as many terms as cells can be the whole (checked
    // first: most questions are of one figure in a large component).
    if cells < 2 || objective.len() != cells {
        return objective.to_vec();
    }
    let mut seen = vec![false; cells];
    let mut count = 0;
    for (l, c) in objective {
        match l {
            Local::Cell(i) if *c == 1.0 => {
                if let Some(s) = seen.get_mut(*i as usize) {
                    if !*s {
                        *s = true;
                        count += 1;
                    } else {
                        return objective.to_vec();
                    }
                }
            }
            _ => return objective.to_vec(),
        }
    }
    if count == cells {
        vec![(Local::Total, 1.0)]
    } else {
        objective.to_vec()
    }
}
