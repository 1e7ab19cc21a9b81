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
use crate::id::RecordId;

use super::{by_figure, counted, doubt, source, Deployment};

/// How far beyond both neighbours (as a share of the nearer) a figure
/// must lie to stand apart: 15%.
pub const APART: f64 = 0.15;

/// The least number of a series' figures in a row that stand apart the
/// same way: 3.
pub const MIN_RUN: usize = 3;

/// How far away (in days) a neighbouring figure may be: 400, a little
/// over a year, so that yearly series are each other's neighbours.
pub const NEIGHBOUR_DAYS: i64 = 400;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Above,
    Below,
}

/// Marks the figures of every run of a series standing apart.
pub(super) fn read(deployments: &mut [Deployment]) {
    let mut marks: Vec<(usize, Vec<RecordId>)> = Vec::new();
    for series in by_figure(deployments).into_values() {
        let counts: Vec<usize> = series
            .into_iter()
            .filter(|&i| deployments.get(i).is_some_and(counted))
            .collect();
        marks.extend(runs(deployments, &counts));
    }
    for (i, by) in marks {
        doubt(deployments, i, Doubt::Interleaved { by });
    }
}

/// A series' name within a figure: its source and month of the year.
fn series_of(d: &Deployment) -> (&crate::id::SourceId, u32) {
    use chrono::Datelike;
    (source(d), d.as_of().earliest().month())
}

/// The figures of one figure's counts (indices in date order) that stand
/// apart in a run, each with its neighbours.
fn runs(deployments: &[Deployment], counts: &[usize]) -> Vec<(usize, Vec<RecordId>)> {
    let get = |i: usize| deployments.get(i);
    // Each count's side and neighbours, if it stands apart.
    let mut apart: Vec<Option<(Side, Vec<usize>)>> = Vec::with_capacity(counts.len());
    for (k, &i) in counts.iter().enumerate() {
        let Some(d) = get(i) else {
            apart.push(None);
            continue;
        };
        let day = d.as_of().earliest();
        // Another month's figures, of any source: the same month of
        // another source is an overlap, which `ratios` and the
        // same-day disputes weigh.
        let other = |j: &&usize| get(**j).is_some_and(|o| series_of(o).1 != series_of(d).1);
        // The nearest earlier and later dates holding another series.
        let before = nearest(
            deployments,
            counts
                .get(..k)
                .unwrap_or_default()
                .iter()
                .rev()
                .filter(other),
            day,
        );
        let after = nearest(
            deployments,
            counts.get(k + 1..).unwrap_or_default().iter().filter(other),
            day,
        );
        apart.push(
            stands_apart(deployments, d, &before, &after)
                .map(|side| (side, before.into_iter().chain(after).collect())),
        );
    }
    // Runs within each series, in its own order.
    let mut out = Vec::new();
    let mut keys: Vec<(usize, usize)> = counts.iter().copied().enumerate().collect();
    keys.sort_by(|x, y| {
        let sx = get(x.1).map(series_of);
        let sy = get(y.1).map(series_of);
        sx.cmp(&sy).then(x.0.cmp(&y.0))
    });
    for chunk in keys.chunk_by(|x, y| get(x.1).map(series_of) == get(y.1).map(series_of)) {
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

/// The counts of the nearest date among `candidates` (walking away from
/// `day`) within [`NEIGHBOUR_DAYS`].
fn nearest<'a>(
    deployments: &[Deployment],
    candidates: impl Iterator<Item = &'a usize>,
    day: chrono::NaiveDate,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = None;
    for &j in candidates {
        let Some(o) = deployments.get(j) else {
            continue;
        };
        let d = o.as_of().earliest();
        if d == day || (d - day).num_days().abs() > NEIGHBOUR_DAYS {
            if d == day {
                continue;
            }
            break;
        }
        match at {
            None => at = Some(d),
            Some(a) if a != d => break,
            Some(_) => {}
        }
        out.push(j);
    }
    out
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
