//! Zeros that mean "no figure": a source's 0 between substantial figures
//! of its own series.
//!
//! A compilation writes 0 where it has no figure (troopdata's Kane 2006
//! rows for a war zone it left out, a report's row for a place it did not
//! cover). Read as 0 troops, the figure falls to nothing for a quarter
//! and comes back, which troops rarely do. A short run of zeros between
//! two substantial figures of the same source is read as not reported:
//! the posture keeps the last figure, marked, and the spike rule does not
//! blame the figures around it.

use crate::doubt::Doubt;
use crate::strength::Strength;

use super::{counted, source, Deployment};

/// The least count, on both sides, that makes a zero between them filler
/// rather than a withdrawal and a return: 100 troops.
pub const SUBSTANTIAL_TROOPS: u64 = 100;

/// The longest run of zeros read as filler: 4 observations (a year of
/// quarters). A longer absence is read as the source says.
pub const MOST_ZERO_RUN: usize = 4;

/// The longest time, in days, between the figures that frame a run of
/// zeros: two years. A sparse series with zeros years apart (a report of
/// 1961 and one of 1975) is an absence, not a gap in the filing.
pub const MOST_ZERO_SPAN_DAYS: i64 = 731;

fn is_zero(d: &Deployment) -> bool {
    let b = d.strength().bounds();
    b.low() == 0 && b.high() == Some(0)
}

fn substantial(d: &Deployment) -> bool {
    d.strength().bounds().low() >= SUBSTANTIAL_TROOPS
}

/// Reads every run of zeros between substantial figures as not reported.
pub(super) fn read(deployments: &mut [Deployment], figures: &[Vec<usize>]) {
    let mut runs: Vec<(Vec<usize>, usize, usize)> = Vec::new();
    for series in figures {
        // One source's counted figures at a time, in date order.
        let mut sources: Vec<_> = series
            .iter()
            .filter_map(|&i| deployments.get(i).map(|d| (source(d), i)))
            .filter(|&(_, i)| deployments.get(i).is_some_and(counted))
            .collect();
        sources.sort_by(|a, b| a.0.cmp(b.0));
        for chunk in sources.chunk_by(|a, b| a.0 == b.0) {
            let own: Vec<usize> = chunk.iter().map(|&(_, i)| i).collect();
            runs.extend(zero_runs(deployments, &own));
        }
    }
    for (zeros, before, after) in runs {
        let (Some(b), Some(a)) = (deployments.get(before), deployments.get(after)) else {
            continue;
        };
        let (before, after) = (b.id().clone(), a.id().clone());
        for z in zeros {
            if let Some(d) = deployments.get_mut(z) {
                d.add_doubt(
                    Doubt::ZeroBetween {
                        before: before.clone(),
                        after: after.clone(),
                    },
                    Strength::not_reported(),
                );
            }
        }
    }
}

/// The runs of zeros in one series (indices in date order) with the
/// substantial figures before and after each.
fn zero_runs(deployments: &[Deployment], series: &[usize]) -> Vec<(Vec<usize>, usize, usize)> {
    let at = |k: usize| series.get(k).and_then(|&i| deployments.get(i));
    let mut out = Vec::new();
    let mut k = 0;
    while k < series.len() {
        if !at(k).is_some_and(is_zero) {
            k += 1;
            continue;
        }
        let start = k;
        while at(k).is_some_and(is_zero) {
            k += 1;
        }
        // series[start..k] are zeros; series[k] is the figure after them.
        let before = start.checked_sub(1);
        let close = match (before.and_then(at), at(k)) {
            (Some(b), Some(a)) => {
                (a.as_of().earliest() - b.as_of().latest()).num_days() <= MOST_ZERO_SPAN_DAYS
            }
            _ => false,
        };
        let framed =
            close && before.and_then(at).is_some_and(substantial) && at(k).is_some_and(substantial);
        if framed && k - start <= MOST_ZERO_RUN {
            if let (Some(b), Some(&a)) = (before.and_then(|b| series.get(b)), series.get(k)) {
                out.push((series.get(start..k).unwrap_or_default().to_vec(), *b, a));
            }
        }
    }
    out
}
