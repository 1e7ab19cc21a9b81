//! Series that disagree, drawn as one: two series of one figure that
//! alternate beyond their uncertainty, year after year.
//!
//! troopdata's quarterly table takes its June figures of 1957–1976 from
//! Kane 2006 and its September figures from the DMDC reports. For most
//! countries the two agree; for Japan, Kane's June figure is some 30,000
//! higher than the September one every year (Okinawa counted in one and
//! not the other), so a chart of the figure zigzags and a posture shows
//! whichever came last. A series here is one source's figures of one
//! month of the year; a figure *stands apart* when it lies beyond both
//! neighbouring figures of the other series ([`NEIGHBOUR_DAYS`] before
//! and after it) by more than [`APART`]. A troop level moves; it does not
//! swing out and back the same way [`MIN_RUN`] years running. Each figure
//! of such a run is disputed by its neighbours.
//!
//! Only series that alternate sparsely are compared: where both
//! neighbouring dates are less than [`SERIES_GAP_DAYS`] away, the figure
//! is one of a regular quarterly or monthly series, whose seasons are the
//! troops' own (a winter exercise every March, a rotation's overlap every
//! July), not another series. A figure with no neighbour on one side is
//! skipped, not a break in its series' run.

use crate::doubt::Doubt;
use chrono::NaiveDate;

use crate::id::{RecordId, SourceId};

use super::{counted, doubt, source, Deployment};

/// How far beyond both neighbours (as a share of the nearer) a figure
/// must lie to stand apart: 15%.
pub const APART: f64 = 0.15;

/// The least number of a series' figures in a row that stand apart the
/// same way: 3.
pub const MIN_RUN: usize = 3;

/// How far away (in days) the farther of a figure's two neighbours must
/// at least be: 100. In a quarterly or monthly series both are closer,
/// and a season is the troops' own.
pub const SERIES_GAP_DAYS: i64 = 100;

/// How far away (in days) a neighbouring figure may be: 400, a little
/// over a year, so that yearly series are each other's neighbours.
pub const NEIGHBOUR_DAYS: i64 = 400;

/// How many neighbours a disputed figure names, at most, per side.
pub const NEIGHBOURS_NAMED: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Above,
    Below,
}

/// What a figure is against its neighbours.
#[derive(Clone, Copy)]
enum Against {
    /// No neighbour of another month on one side (or a regular series):
    /// no evidence either way, and no break in its series' run.
    Nothing,
    /// Within the neighbours' reach.
    Within,
    /// Beyond both neighbours, on one side: the date groups before and
    /// after.
    Apart(Side, usize, usize),
}

/// The counts of one date: its day, month, the counts' positions, and
/// their lowest low and highest high (`None` if one is open).
struct Group {
    day: NaiveDate,
    month: u32,
    range: std::ops::Range<usize>,
    low: u64,
    high: Option<u64>,
}

/// Marks the figures of every run of a series standing apart.
pub(super) fn read(deployments: &mut [Deployment], figures: &[Vec<usize>]) {
    let mut marks: Vec<(usize, Vec<RecordId>)> = Vec::new();
    for series in figures {
        let counts: Vec<usize> = series
            .iter()
            .copied()
            .filter(|&i| deployments.get(i).is_some_and(counted))
            .collect();
        marks.extend(runs(deployments, &counts));
    }
    for (i, by) in marks {
        doubt(deployments, i, Doubt::Interleaved { by });
    }
}

/// A series' name within a figure: its source and month of the year.
fn series_of(d: &Deployment) -> (&SourceId, u32) {
    use chrono::Datelike;
    (source(d), d.as_of().earliest().month())
}

/// The counts (in date order) grouped by first day, each group's bounds
/// computed once: a date holds one month, so a neighbour is a whole group.
fn groups(deployments: &[Deployment], counts: &[usize]) -> Vec<Group> {
    use chrono::Datelike;
    let mut out: Vec<Group> = Vec::new();
    for (k, d) in counts.iter().enumerate() {
        let Some(d) = deployments.get(*d) else {
            continue;
        };
        let (day, b) = (d.as_of().earliest(), d.strength().bounds());
        match out.last_mut() {
            Some(g) if g.day == day => {
                g.range.end = k + 1;
                g.low = g.low.min(b.low());
                g.high = g.high.zip(b.high()).map(|(x, y)| x.max(y));
            }
            _ => out.push(Group {
                day,
                month: day.month(),
                range: k..k + 1,
                low: b.low(),
                high: b.high(),
            }),
        }
    }
    out
}

/// The figures of one figure's counts (indices in date order) that stand
/// apart in a run, each with its neighbours.
fn runs(deployments: &[Deployment], counts: &[usize]) -> Vec<(usize, Vec<RecordId>)> {
    let get = |i: usize| deployments.get(i);
    let groups = groups(deployments, counts);
    let mut against: Vec<Against> = vec![Against::Nothing; counts.len()];
    for (g, group) in groups.iter().enumerate() {
        let before = nearest(&groups, (0..g).rev(), group);
        let after = nearest(&groups, g + 1..groups.len(), group);
        let (Some(b), Some(a)) = (before, after) else {
            continue;
        };
        let gap = |x: usize| {
            groups
                .get(x)
                .map_or(0, |n| (n.day - group.day).num_days().abs())
        };
        if gap(b).max(gap(a)) < SERIES_GAP_DAYS {
            continue;
        }
        for k in group.range.clone() {
            let Some(d) = counts.get(k).and_then(|&i| get(i)) else {
                continue;
            };
            if let Some(slot) = against.get_mut(k) {
                *slot = match stands_apart(d, groups.get(b), groups.get(a)) {
                    Some(side) => Against::Apart(side, b, a),
                    None => Against::Within,
                };
            }
        }
    }
    // Runs within each series, in its own order; a figure with no
    // evidence is passed over.
    let series = |k: usize| counts.get(k).and_then(|&i| get(i)).map(series_of);
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|x, y| series(*x).cmp(&series(*y)).then(x.cmp(y)));
    let mut out = Vec::new();
    for chunk in order.chunk_by(|x, y| series(*x) == series(*y)) {
        let mut run: Vec<(usize, usize, usize)> = Vec::new();
        let mut side: Option<Side> = None;
        let mut flush = |run: &mut Vec<(usize, usize, usize)>| {
            if run.len() >= MIN_RUN {
                for &(k, b, a) in run.iter() {
                    let named = |g: usize, from_end: bool| {
                        let r = groups.get(g).map(|g| g.range.clone()).unwrap_or_default();
                        let ids: Vec<usize> = r.filter_map(|j| counts.get(j).copied()).collect();
                        let take: Vec<usize> = if from_end {
                            ids.iter()
                                .rev()
                                .take(NEIGHBOURS_NAMED)
                                .rev()
                                .copied()
                                .collect()
                        } else {
                            ids.iter().take(NEIGHBOURS_NAMED).copied().collect()
                        };
                        take
                    };
                    let by = named(b, true)
                        .into_iter()
                        .chain(named(a, false))
                        .filter_map(|j| get(j).map(|o| o.id().clone()))
                        .collect();
                    if let Some(&i) = counts.get(k) {
                        out.push((i, by));
                    }
                }
            }
            run.clear();
        };
        for &k in chunk {
            match against.get(k).copied().unwrap_or(Against::Nothing) {
                Against::Nothing => {}
                Against::Within => {
                    flush(&mut run);
                    side = None;
                }
                Against::Apart(s, b, a) => {
                    if side != Some(s) {
                        flush(&mut run);
                        side = Some(s);
                    }
                    run.push((k, b, a));
                }
            }
        }
        flush(&mut run);
    }
    out
}

/// The nearest date group (walking `positions` away from `of`) holding
/// another month's figures, within [`NEIGHBOUR_DAYS`]: the walk stops at
/// the first group too far away, so a long series costs its neighbours,
/// not its length.
fn nearest(groups: &[Group], positions: impl Iterator<Item = usize>, of: &Group) -> Option<usize> {
    for g in positions {
        let Some(n) = groups.get(g) else { continue };
        if (n.day - of.day).num_days().abs() > NEIGHBOUR_DAYS {
            return None;
        }
        if n.month != of.month {
            return Some(g);
        }
    }
    None
}

/// Whether `d` lies beyond both neighbouring groups by more than
/// [`APART`], and on which side.
fn stands_apart(d: &Deployment, before: Option<&Group>, after: Option<&Group>) -> Option<Side> {
    let (b, a) = (before?, after?);
    let highest = b.high?.max(a.high?);
    let lowest = b.low.min(a.low);
    let own = d.strength().bounds();
    if own.low() as f64 > highest as f64 * (1.0 + APART) {
        Some(Side::Above)
    } else if (own.high()? as f64) < lowest as f64 * (1.0 - APART) {
        Some(Side::Below)
    } else {
        None
    }
}
