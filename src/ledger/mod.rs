//! The ledger layer: the dataset's observations and relocations replayed
//! in date order into figures per nation, place and mission.
//!
//! [`Ledger`] is the handle the analyses work through. It borrows a
//! [`Dataset`] and builds, on first use, an index of every key's figures
//! after each step, so that the state on any day costs a binary search per
//! key. Build one `Ledger` per dataset and ask it for as many postures as
//! you like; the dataset itself caches nothing.

mod basis;
mod contributions;
mod editions;
mod index;
mod key;
mod moves;
mod replay;
mod reports;
mod world;

use std::sync::OnceLock;

use crate::date::Day;

use crate::dataset::Dataset;

pub use basis::Basis;
pub(crate) use contributions::contributions;
pub(crate) use index::Index;
pub(crate) use key::serialize_key;
pub use key::{Figure, Key, Origin};
pub(crate) use replay::{Figures, Replay, State, Trace};
pub(crate) use reports::Reports;
pub(crate) use world::{interval, At, CellId, RecordRef, Term, World};

/// Which relocations a replay applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Projection {
    /// Relocations carried out or under way: what the sources say has
    /// happened.
    #[default]
    Actual,
    /// Announced relocations too, as if carried out: what is planned.
    Projected,
}

impl Projection {
    /// Whether announced relocations are applied.
    pub fn is_projected(self) -> bool {
        self == Projection::Projected
    }

    /// `actual` or `projected`.
    pub fn as_str(self) -> &'static str {
        match self {
            Projection::Actual => "actual",
            Projection::Projected => "projected",
        }
    }
}

impl std::fmt::Display for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dataset's ledger: the handle postures and changes are asked of.
///
/// ```
/// use troop_tracker::{Dataset, Ledger, Projection};
/// let data = Dataset::bundled()?;
/// let ledger = Ledger::new(&data);
/// let figures = ledger.figures_on("2020-01-10".parse()?, Projection::Actual);
/// let germany_in_iraq = figures
///     .iter()
///     .find(|(k, _)| k.to_string() == "DEU in IRQ")
///     .map(|(_, f)| f.value.to_string());
/// assert_eq!(germany_in_iraq.as_deref(), Some("90"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Ledger<'d> {
    data: &'d Dataset,
    actual: OnceLock<Index>,
    projected: OnceLock<Index>,
    worlds: [OnceLock<World>; 2],
    /// Whether some relocation is only announced: without one, the
    /// projected ledger is the actual one, and is not built twice.
    plans: bool,
}

impl<'d> Ledger<'d> {
    /// The ledger of `data`. Nothing is computed until it is asked for.
    pub fn new(data: &'d Dataset) -> Ledger<'d> {
        Ledger {
            data,
            actual: OnceLock::new(),
            projected: OnceLock::new(),
            worlds: [OnceLock::new(), OnceLock::new()],
            plans: data.relocations().iter().any(|r| !r.status().has_moved()),
        }
    }

    /// The dataset it replays.
    pub fn dataset(&self) -> &'d Dataset {
        self.data
    }

    /// The index for `projection`, built on first use and kept: the
    /// records never change under a borrow.
    pub(crate) fn index(&self, projection: Projection) -> &Index {
        let (cell, _, projected) = self.cells(projection);
        cell.get_or_init(|| Index::build(self.data, projected))
    }

    /// The projection whose index and world answer for `projection`: the
    /// actual one when no relocation is only announced (both would
    /// compile the same records).
    fn effective(&self, projection: Projection) -> Projection {
        if self.plans {
            projection
        } else {
            Projection::Actual
        }
    }

    /// Builds both worlds, actual and projected, side by side when they
    /// differ. (Where they are one, one thread builds it: a second waiting
    /// on the same cell could be a thread the first one's own parallel
    /// work needs, and rayon would deadlock.)
    // Skipped by `cargo mutants`: it only builds ahead what `world` builds
    // on first use anyway, to the same answer; only the time differs.
    #[cfg_attr(test, mutants::skip)]
    pub(crate) fn build_worlds(&self) {
        if self.plans {
            rayon::join(
                || self.world(Projection::Actual),
                || self.world(Projection::Projected),
            );
        } else {
            self.world(Projection::Actual);
        }
    }

    /// Builds the index and the world of `projection` side by side, unless
    /// both are built: a first end-of-day posture needs the two.
    // Skipped by `cargo mutants`: each is built on first use either way, to
    // the same answer; only the time differs.
    #[cfg_attr(test, mutants::skip)]
    pub(crate) fn build(&self, projection: Projection) {
        let (index, world, _) = self.cells(projection);
        if index.get().is_none() || world.get().is_none() {
            rayon::join(|| self.world(projection), || self.index(projection));
        }
    }

    /// The model of the world for `projection`, compiled on first use and
    /// kept: every bound is asked of it.
    pub(crate) fn world(&self, projection: Projection) -> &World {
        let (_, cell, projected) = self.cells(projection);
        cell.get_or_init(|| World::new(self.data, projected))
    }

    /// Where the index and the world of `projection` are kept, and whether
    /// they apply announced moves (see [`Ledger::effective`]).
    fn cells(&self, projection: Projection) -> (&OnceLock<Index>, &OnceLock<World>, bool) {
        match self.effective(projection) {
            Projection::Actual => (&self.actual, &self.worlds[0], false),
            Projection::Projected => (&self.projected, &self.worlds[1], true),
        }
    }

    /// The replayed figures at the end of `day`: for every nation, place
    /// and mission, the latest observation on or before `day` minus or plus
    /// the relocations applied since.
    ///
    /// This is the raw ledger under the consistency checks; the keys nest
    /// (a country-wide figure includes its areas' figures, and a figure
    /// under no mission includes the mission figures), so do not add them
    /// up blindly: a [`Posture`](crate::Posture) does that honestly.
    pub fn figures_on(&self, day: Day, projection: Projection) -> Vec<(Key, Figure)> {
        Replay::new(self.data, projection.is_projected())
            .state_on(day, false)
            .into_iter()
            .collect()
    }
}
