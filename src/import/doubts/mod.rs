//! What a table says about its own figures: doubts learned from the
//! rows around a figure, read into its deployment before anything else
//! sees it (data/README.md, "What an import learns from the table").
//!
//! Three checks, in order, each on what the one before it read:
//!
//! 1. [`zeros`]: a run of at most [`MOST_ZERO_RUN`] exact zeros between
//!    two figures of at least [`SUBSTANTIAL_TROOPS`] in one source's
//!    series of one figure is a compilation's filler: read as not
//!    reported ([`Doubt::ZeroBetween`]).
//! 2. [`ratios`]: where two sources give one figure on the same date,
//!    their ratio is measured by pattern (the figure, the month of the
//!    year, the decade). A pattern in which one source is consistently k
//!    times the other ([`MIN_OVERLAPS`], [`AGREEING_SHARE`],
//!    [`RATIO_TOLERANCE`], [`MIN_RATIO`]) makes that source's figures of
//!    the pattern suspect ([`Doubt::Systematic`]): where no other source
//!    gives their date, a figure X is read as X / k to X.
//! 3. [`interleave`]: a series (a source's figures of one month of the
//!    year) that stands apart from the other series' figures around it,
//!    in one direction, [`MIN_RUN`] times in a row, disagrees with them:
//!    each such figure is disputed by its neighbours ([`Doubt::Interleaved`]).
//!
//! Nothing here names a country, a year or a month: the patterns come
//! from the table.

mod interleave;
mod ratios;
mod zeros;

use std::collections::BTreeMap;

use crate::deployment::Deployment;
use crate::doubt::{Doubt, Pattern};
use crate::id::{MissionId, SourceId};
use crate::location::Location;
use crate::nation::NationCode;

pub use interleave::{APART, MIN_RUN, NEIGHBOUR_DAYS};
pub use ratios::{AGREEING_SHARE, MIN_OVERLAPS, MIN_RATIO, RATIO_TOLERANCE};
pub use zeros::{MOST_ZERO_RUN, SUBSTANTIAL_TROOPS};

/// What the checks learned, beside the doubts they put on deployments.
#[derive(Clone, Debug, Default)]
pub struct Learned {
    /// Every pattern in which one source is consistently k times another,
    /// with its overlaps; the same patterns the doubts name.
    pub patterns: Vec<std::sync::Arc<Pattern>>,
}

/// Reads the checks' doubts into `deployments` (in place) and returns
/// the patterns learned.
pub fn read(deployments: &mut [Deployment]) -> Learned {
    zeros::read(deployments);
    let patterns = ratios::read(deployments);
    interleave::read(deployments);
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
/// index, the file order).
fn by_figure(deployments: &[Deployment]) -> BTreeMap<Figure<'_>, Vec<usize>> {
    let mut out: BTreeMap<Figure<'_>, Vec<usize>> = BTreeMap::new();
    for (i, d) in deployments.iter().enumerate() {
        if let Some(f) = figure(d) {
            out.entry(f).or_default().push(i);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|&i| deployments.get(i).map(|d| d.as_of().earliest()));
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
