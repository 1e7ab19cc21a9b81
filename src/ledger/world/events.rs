//! The records as events of the world: reports and moves, each at some
//! moment of its dates, grouped by the cells they link (a component: no
//! record of one bears on another's figures).

use crate::date::Day;
use crate::fasthash::FastMap as HashMap;
use crate::interval::Interval;
use crate::ledger::world::space::{CellId, Space};

/// A record of a dataset, by its table and row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum RecordRef {
    /// A row of `deployments.csv` (a report).
    Deployment(u32),
    /// A row of `relocations.csv` (a move).
    Relocation(u32),
}

/// A figure's count at one moment lies within bounds.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    /// The figure, by its index in the world.
    pub(crate) key: u32,
    /// Its cells, as indices within the component.
    pub(crate) cells: std::sync::Arc<[u32]>,
    pub(crate) bounds: Interval,
    /// False when competing reports of the moment share no count.
    pub(crate) consistent: bool,
    pub(crate) records: Vec<RecordRef>,
}

/// A count taken from some cells and added to others.
#[derive(Clone, Debug)]
pub(crate) struct Move {
    pub(crate) from: std::sync::Arc<[u32]>,
    pub(crate) to: std::sync::Arc<[u32]>,
    pub(crate) bounds: Interval,
    /// False when the reports of the move share no count.
    pub(crate) consistent: bool,
    /// For a temporary move, the index of its (origin, destination) pair
    /// in the component: what may come back, and where.
    pub(crate) tag: Option<u32>,
    /// Its reports, the first (`same_as` root) first.
    pub(crate) records: Vec<RecordRef>,
    /// Reports placed just before and just after it.
    pub(crate) before: Vec<Report>,
    pub(crate) after: Vec<Report>,
}

/// What an event does.
#[derive(Clone, Debug)]
pub(crate) enum Act {
    Report(Report),
    Move(Box<Move>),
}

/// A report or a move, at some moment of the days `first..=last`.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub(crate) first: Day,
    pub(crate) last: Day,
    pub(crate) act: Act,
}

impl Event {
    /// The figures it reports (standing alone, or placed at its move).
    pub(crate) fn reported_keys(&self) -> Vec<u32> {
        match &self.act {
            Act::Report(r) => vec![r.key],
            Act::Move(m) => m.before.iter().chain(&m.after).map(|r| r.key).collect(),
        }
    }

    /// The cells it reads or changes.
    pub(crate) fn cells(&self) -> Vec<u32> {
        let mut out: Vec<u32> = match &self.act {
            Act::Report(r) => r.cells.to_vec(),
            Act::Move(m) => {
                let mut v: Vec<u32> = m.from.iter().chain(m.to.iter()).copied().collect();
                for r in m.before.iter().chain(&m.after) {
                    v.extend(r.cells.iter().copied());
                }
                v
            }
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every record behind it.
    pub(crate) fn records(&self) -> Vec<RecordRef> {
        match &self.act {
            Act::Report(r) => r.records.clone(),
            Act::Move(m) => {
                let mut v = m.records.clone();
                for r in m.before.iter().chain(&m.after) {
                    v.extend(r.records.iter().copied());
                }
                v
            }
        }
    }
}

/// A temporary move's origin and destination cells.
pub(crate) type Pair = (std::sync::Arc<[u32]>, std::sync::Arc<[u32]>);

/// A set of cells linked by records, with the events that link them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Component {
    /// The cells, by index within the component.
    pub(crate) cells: Vec<CellId>,
    /// Whether each starts with a count no record states.
    pub(crate) unknown_start: Vec<bool>,
    /// In order of their first day, then their last.
    pub(crate) events: Vec<Event>,
    /// Each temporary (origin, destination) pair: where troops may come
    /// back to, and from.
    pub(crate) tags: Vec<Pair>,
    /// Each figure's first event that reports it.
    pub(crate) first_report: HashMap<u32, u32>,
}

/// Where a record sits: its component, its event, and its place there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spot {
    pub(crate) component: u32,
    pub(crate) event: u32,
}

/// The compiled world: figures, cells, components.
#[derive(Debug, Default)]
pub(crate) struct Compiled {
    pub(crate) space: Space,
    pub(crate) components: Vec<Component>,
    /// For each cell, its component and its index there.
    pub(crate) cell_at: Vec<(u32, u32)>,
    pub(crate) spots: HashMap<RecordRef, Spot>,
}
