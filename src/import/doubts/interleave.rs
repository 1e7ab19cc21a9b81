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

/// How far away (in days) a neighbouring figure must at least be: 60. In
/// a monthly series the figures around a month are the same series'
/// months, and the UN's monthly counts swing every rotation.
pub const SERIES_GAP_DAYS: i64 = 60;

/// How far away (in days) a neighbouring figure may be: 400, a little
/// over a year, so that yearly series are each other's neighbours.
pub const NEIGHBOUR_DAYS: i64 = 400;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Above,
    Below,
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

/// The figures of one figure's counts (indices in date order) that stand
/// apart in a run, each with its neighbours.
fn runs(deployments: &[Deployment], counts: &[usize]) -> Vec<(usize, Vec<RecordId>)> {
    let get = |i: usize| deployments.get(i);
    // Each count's series and first day, computed once.
    let keys: Vec<Option<(&SourceId, u32, NaiveDate)>> = counts
        .iter()
        .map(|&i| {
            get(i).map(|d| {
                let (source, month) = series_of(d);
                (source, month, d.as_of().earliest())
            })
        })
        .collect();
    // The counts grouped by first day (they come in date order): a date
    // holds one month, so a neighbour is a whole group.
    let mut groups: Vec<(NaiveDate, u32, std::ops::Range<usize>)> = Vec::new();
    for (k, key) in keys.iter().enumerate() {
        let Some((_, month, day)) = key else { continue };
        match groups.last_mut() {
            Some((d, _, range)) if d == day => range.end = k + 1,
            _ => groups.push((*day, *month, k..k + 1)),
        }
    }
    // Each count's side and neighbours, if it stands apart.
    let mut apart: Vec<Option<(Side, Vec<usize>)>> = vec![None; counts.len()];
    for (g, (day, month, range)) in groups.iter().enumerate() {
        let before = nearest(&groups, counts, (0..g).rev(), (*month, *day));
        let after = nearest(&groups, counts, g + 1..groups.len(), (*month, *day));
        for k in range.clone() {
            let Some(d) = counts.get(k).and_then(|&i| get(i)) else {
                continue;
            };
            if let Some(slot) = apart.get_mut(k) {
                *slot = stands_apart(deployments, d, &before, &after)
                    .map(|side| (side, before.iter().chain(&after).copied().collect()));
            }
        }
    }
    // Runs within each series, in its own order.
    let mut out = Vec::new();
    let mut order: Vec<(usize, usize)> = counts.iter().copied().enumerate().collect();
    let series = |k: usize| keys.get(k).copied().flatten().map(|(s, m, _)| (s, m));
    order.sort_by(|x, y| series(x.0).cmp(&series(y.0)).then(x.0.cmp(&y.0)));
    for chunk in order.chunk_by(|x, y| series(x.0) == series(y.0)) {
        let mut start = 0;
        while start < chunk.len() {
            let side = chunk
                .get(start)
                .and_then(|&(k, _)| apart.get(k))
                .and_then(|a| a.as_ref())
                .map(|a| a.0);
            let Some(side) = side else {
                start += 1;
                continue;
            };
            let mut end = start;
            while chunk
                .get(end)
                .and_then(|&(k, _)| apart.get(k))
                .and_then(|a| a.as_ref())
                .is_some_and(|a| a.0 == side)
            {
                end += 1;
            }
            if end - start >= MIN_RUN {
                for &(k, i) in chunk.get(start..end).unwrap_or_default() {
                    let by = apart
                        .get(k)
                        .and_then(|a| a.as_ref())
                        .map(|a| {
                            a.1.iter()
                                .filter_map(|&j| get(j).map(|o| o.id().clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    out.push((i, by));
                }
            }
            start = end;
        }
    }
    out
}

/// The counts of the nearest date (walking the date groups at
/// `positions` away from a date of `month` on `day`) holding another
/// month's figures, within [`NEIGHBOUR_DAYS`]: the walk stops at the first
/// date too far away, so a long series costs its neighbours, not its
/// length.
fn nearest(
    groups: &[(NaiveDate, u32, std::ops::Range<usize>)],
    counts: &[usize],
    positions: impl Iterator<Item = usize>,
    (month, day): (u32, NaiveDate),
) -> Vec<usize> {
    for g in positions {
        let Some((d, m, range)) = groups.get(g) else {
            continue;
        };
        if (*d - day).num_days().abs() > NEIGHBOUR_DAYS {
            break;
        }
        if *m != month {
            // A month away is a monthly series: a figure that stands
            // apart from the months around it is a change (a rotation's
            // overlap), not another series.
            if (*d - day).num_days().abs() < SERIES_GAP_DAYS {
                return Vec::new();
            }
            return counts.get(range.clone()).unwrap_or_default().to_vec();
        }
    }
    Vec::new()
}

/// Whether `d` lies beyond every neighbour on both sides by more than
/// [`APART`], and on which side.
fn stands_apart(
    deployments: &[Deployment],
    d: &Deployment,
    before: &[usize],
    after: &[usize],
) -> Option<Side> {
    if before.is_empty() || after.is_empty() {
        return None;
    }
    let around = || {
        before
            .iter()
            .chain(after)
            .filter_map(|&j| deployments.get(j))
            .map(|o| o.strength().bounds())
    };
    let highest = around()
        .map(|b| b.high())
        .collect::<Option<Vec<u64>>>()?
        .into_iter()
        .max()?;
    let lowest = around().map(|b| b.low()).min()?;
    let own = d.strength().bounds();
    if own.low() as f64 > highest as f64 * (1.0 + APART) {
        Some(Side::Above)
    } else if (own.high()? as f64) < lowest as f64 * (1.0 - APART) {
        Some(Side::Below)
    } else {
        None
    }
}
