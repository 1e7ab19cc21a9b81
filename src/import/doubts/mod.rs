//! What a table says about its own figures: doubts learned from the
//! rows around a figure, read into its deployment before anything else
//! sees it (data/README.md, "What an import learns from the table").
//!
//! Three checks, in order, each on what the one before it read:
//!
//! 1. zeros (`zeros.rs`): a run of at most [`MOST_ZERO_RUN`] exact zeros
//!    between two figures of at least [`SUBSTANTIAL_TROOPS`], at most
//!    [`MOST_ZERO_SPAN_DAYS`] apart, in one source's series of one figure
//!    is a compilation's filler: read as not reported
//!    ([`Doubt::ZeroBetween`]).
//! 2. ratios (`ratios.rs`): where two sources give one figure on the same date,
//!    their ratio is measured by pattern (the figure, the month of the
//!    year, the decade). A pattern in which one source is consistently k
//!    times the other ([`MIN_OVERLAPS`], [`AGREEING_SHARE`],
//!    [`RATIO_TOLERANCE`], [`MIN_RATIO`]) makes that source's figures of
//!    the pattern suspect ([`Doubt::Systematic`]): a figure X is read as
//!    X / k to X (the largest k of its patterns), so that where the other
//!    source gives the date, its figure decides.
//! 3. interleaving (`interleave.rs`): a series (a source's figures of one month of the
//!    year) that stands apart from the other series' figures around it,
//!    in one direction, [`MIN_RUN`] times in a row, disagrees with them:
//!    each such figure is disputed by its neighbours ([`Doubt::Interleaved`]).
//!
//! Nothing here names a country, a year or a month: the patterns come
//! from the table.

mod interleave;
mod ratios;
mod zeros;

use crate::deployment::Deployment;
use crate::doubt::{Doubt, Pattern};
use crate::fasthash::FastMap;
use crate::id::{MissionId, SourceId};
use crate::location::Location;
use crate::nation::NationCode;

pub use interleave::{APART, MIN_RUN, NEIGHBOURS_NAMED, NEIGHBOUR_DAYS, SERIES_GAP_DAYS};
pub use ratios::{AGREEING_SHARE, MIN_OVERLAPS, MIN_RATIO, RATIO_TOLERANCE};
pub use zeros::{MOST_ZERO_RUN, MOST_ZERO_SPAN_DAYS, SUBSTANTIAL_TROOPS};

/// What the checks learned, beside the doubts they put on deployments.
#[derive(Clone, Debug, Default)]
pub struct Learned {
    /// Every pattern in which one source is consistently k times another,
    /// with its overlaps; the same patterns the doubts name.
    pub patterns: Vec<std::sync::Arc<Pattern>>,
}

/// What an exact 0 of a table may be, as its makers write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zeros {
    /// A compilation's filler where no report was found (troopdata's
    /// README: a 0 may mean no report): a short run of zeros between
    /// substantial figures is read as not reported.
    MayBeFiller,
    /// A count: the UN's summaries list a row only for a contribution
    /// that exists, and its 0 troops beside police or experts is no
    /// troops. The zeros check is not run.
    AreCounts,
}

/// Reads the checks' doubts into `deployments` (in place) and returns
/// the patterns learned. Call it once per import: the readings it makes
/// (a zero as not reported, a figure widened) are what a second call
/// would see.
pub fn read(deployments: &mut [Deployment], zeros: Zeros) -> Learned {
    // Reading changes strengths, never a figure or a date: the groups
    // hold for all three checks.
    let figures = by_figure(deployments);
    if zeros == Zeros::MayBeFiller {
        zeros::read(deployments, &figures);
    }
    let patterns = ratios::read(deployments, &figures);
    interleave::read(deployments, &figures);
    Learned { patterns }
}

/// One figure: whose troops, where, under which mission.
type Figure<'d> = (NationCode, &'d Location, Option<&'d MissionId>);

/// The figure a deployment gives, if it is one of a series: a figure
/// stated before or after a move, or as a share, is not.
fn figure(d: &Deployment) -> Option<Figure<'_>> {
    (d.relative_to().is_none() && d.share().is_none())
        .then(|| (d.nation(), d.location(), d.mission()))
}

/// The deployments of each figure, by index, ordered by date (then by
/// index, the file order); the figures in the order of their first
/// deployment.
fn by_figure(deployments: &[Deployment]) -> Vec<Vec<usize>> {
    let mut at: FastMap<Figure<'_>, usize> = FastMap::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, d) in deployments.iter().enumerate() {
        if let Some(f) = figure(d) {
            let k = *at.entry(f).or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            if let Some(list) = out.get_mut(k) {
                list.push(i);
            }
        }
    }
    for list in &mut out {
        list.sort_by_cached_key(|&i| deployments.get(i).map(|d| d.as_of().earliest()));
    }
    out
}

/// The source of a deployment.
fn source(d: &Deployment) -> &SourceId {
    d.citation().source()
}

/// Whether a deployment states a count (not "not reported", not open).
fn counted(d: &Deployment) -> bool {
    !d.is_not_reported() && d.strength().bounds().high().is_some()
}

/// Adds a doubt to the deployment at `i`, keeping its strength.
fn doubt(deployments: &mut [Deployment], i: usize, doubt: Doubt) {
    if let Some(d) = deployments.get_mut(i) {
        let strength = d.strength();
        d.add_doubt(doubt, strength);
    }
}

#[cfg(test)]
mod tests;
