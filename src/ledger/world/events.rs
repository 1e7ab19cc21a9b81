//! The records as events of the world: reports and moves, each at some
//! moment of its dates, grouped by the cells they link (a component: no
//! record of one bears on another's figures).

use crate::dataset::Dataset;
use crate::date::Day;
use crate::deployment::{Deployment, RelativeTo};
use crate::fasthash::FastMap as HashMap;
use crate::id::RecordId;
use crate::interval::Interval;
use crate::ledger::key::Key;
use crate::ledger::reports::Reports;
use crate::ledger::world::order::day_number;
use crate::ledger::world::space::{CellId, Firsts, Role, Space};
use crate::relocation::Relocation;
use crate::strength::StrengthKind;

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
    pub(crate) cells: Box<[u32]>,
    pub(crate) bounds: Interval,
    /// False when competing reports of the moment share no count.
    pub(crate) consistent: bool,
    pub(crate) records: Vec<RecordRef>,
}

/// A count taken from some cells and added to others.
#[derive(Clone, Debug)]
pub(crate) struct Move {
    pub(crate) from: Box<[u32]>,
    pub(crate) to: Box<[u32]>,
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
    Move(Move),
}

/// A report or a move, at some moment of the days `first..=last`.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub(crate) first: Day,
    pub(crate) last: Day,
    pub(crate) act: Act,
}

impl Event {
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
    pub(crate) tags: Vec<(Box<[u32]>, Box<[u32]>)>,
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
    pub(crate) keys: Vec<Key>,
    pub(crate) key_id: HashMap<Key, u32>,
    pub(crate) components: Vec<Component>,
    /// For each cell, its component and its index there.
    pub(crate) cell_at: Vec<(u32, u32)>,
    pub(crate) spots: HashMap<RecordRef, Spot>,
}

/// A report before it is placed: its record, figure, bounds, dates and
/// anchor.
struct Pending {
    record: RecordRef,
    key: u32,
    bounds: Interval,
    first: Day,
    last: Day,
    /// The move it is placed at (by the move's root row), and whether
    /// after it.
    anchor: Option<(usize, bool)>,
}

/// A report's bounds: its strength, or its share of the mission's total;
/// `None` when it states nothing ("not reported").
fn reported_bounds(data: &Dataset, d: &Deployment) -> Option<Interval> {
    if let (Some(share), Some(mission)) = (d.share(), d.mission()) {
        if d.strength().kind() == StrengthKind::NotReported {
            let total = data.mission_total_on(mission, d.as_of().latest())?;
            return Some(total.strength().bounds().share(share));
        }
    }
    if d.is_not_reported() {
        return None;
    }
    Some(d.strength().bounds())
}

fn id32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Union-find over cells.
fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while let Some(&p) = parent.get(x as usize) {
        if p == x {
            break;
        }
        let grand = parent.get(p as usize).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x as usize) {
            *slot = grand;
        }
        x = grand;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        if let Some(slot) = parent.get_mut(ra.max(rb) as usize) {
            *slot = ra.min(rb);
        }
    }
}

impl Compiled {
    /// Compiles a dataset: announced moves only when `projected`.
    pub(crate) fn of(data: &Dataset, projected: bool) -> Compiled {
        let mut keys: Vec<Key> = Vec::new();
        let mut key_id: HashMap<Key, u32> = HashMap::default();
        let mut firsts: Vec<Firsts> = Vec::new();
        let mut intern = |k: Key, role: Role, first: Day, last: Day| -> u32 {
            let i = match key_id.get(&k) {
                Some(&i) => i,
                None => {
                    let i = id32(keys.len());
                    keys.push(k.clone());
                    key_id.insert(k, i);
                    firsts.push(Firsts::default());
                    i
                }
            };
            if let Some(f) = firsts.get_mut(i as usize) {
                f.note(role, day_number(first), day_number(last));
            }
            i
        };
        // The moves: one per `same_as` group, applied per the projection.
        let same = Reports::of(data.relocations());
        let mut group: HashMap<usize, Vec<usize>> = HashMap::default();
        for i in 0..data.relocations().len() {
            group.entry(same.root(i)).or_default().push(i);
        }
        let applied = |r: &Relocation| projected || r.status().has_moved();
        let moves: Vec<(usize, u32, u32)> = data
            .relocations()
            .iter()
            .enumerate()
            .filter(|(i, r)| same.is_first(*i) && applied(r))
            .map(|(i, r)| {
                let (first, last) = (r.date().earliest(), r.date().latest());
                let from = intern(Key::origin(r), Role::Left, first, last);
                let to = intern(Key::destination(r), Role::Entered, first, last);
                (i, from, to)
            })
            .collect();
        let move_of_root: HashMap<usize, usize> = moves
            .iter()
            .enumerate()
            .map(|(m, (i, _, _))| (*i, m))
            .collect();
        let row_of: HashMap<&RecordId, usize> = data
            .relocations()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id(), i))
            .collect();
        // The reports.
        let mut pending: Vec<Pending> = Vec::new();
        for (n, d) in data.deployments().iter().enumerate() {
            let key = intern(
                Key::of_deployment(d),
                Role::Reported,
                d.as_of().earliest(),
                d.as_of().latest(),
            );
            let Some(bounds) = reported_bounds(data, d) else {
                continue;
            };
            let anchor = d.relative_to().and_then(|rel| {
                let row = *row_of.get(rel.relocation())?;
                let root = same.root(row);
                move_of_root.get(&root)?;
                Some((root, matches!(rel, RelativeTo::After(_))))
            });
            pending.push(Pending {
                record: RecordRef::Deployment(id32(n)),
                key,
                bounds,
                first: d.as_of().earliest(),
                last: d.as_of().latest(),
                anchor,
            });
        }
        let space = Space::build(keys.iter().zip(firsts.iter().copied()));
        let cells_of = |k: u32| -> Vec<CellId> {
            keys.get(k as usize)
                .and_then(|key| space.cells(key))
                .map(<[CellId]>::to_vec)
                .unwrap_or_default()
        };
        // Components: cells linked by a report or a move.
        let mut parent: Vec<u32> = (0..id32(space.len())).collect();
        let mut link = |cells: &[CellId]| {
            if let Some((&first, rest)) = cells.split_first() {
                for &c in rest {
                    union(&mut parent, first, c);
                }
            }
        };
        for p in &pending {
            link(&cells_of(p.key));
        }
        for &(_, from, to) in &moves {
            let mut both = cells_of(from);
            both.extend(cells_of(to));
            link(&both);
        }
        let mut cell_at: Vec<(u32, u32)> = vec![(u32::MAX, 0); space.len()];
        let mut components: Vec<Component> = Vec::new();
        let mut component_of_root: HashMap<u32, u32> = HashMap::default();
        for c in 0..id32(space.len()) {
            let root = find(&mut parent, c);
            let comp = *component_of_root.entry(root).or_insert_with(|| {
                components.push(Component::default());
                id32(components.len() - 1)
            });
            if let Some(component) = components.get_mut(comp as usize) {
                let local = id32(component.cells.len());
                component.cells.push(c);
                component.unknown_start.push(space.unknown_start(c));
                if let Some(slot) = cell_at.get_mut(c as usize) {
                    *slot = (comp, local);
                }
            }
        }
        let local = |k: u32| -> (u32, Box<[u32]>) {
            let cells = cells_of(k);
            let comp = cells
                .first()
                .and_then(|c| cell_at.get(*c as usize))
                .map_or(u32::MAX, |(comp, _)| *comp);
            let mut locals: Vec<u32> = cells
                .iter()
                .filter_map(|c| cell_at.get(*c as usize).map(|(_, l)| *l))
                .collect();
            locals.sort_unstable();
            (comp, locals.into_boxed_slice())
        };
        // Competing reports (one figure, one span, one anchor) are one
        // report of one moment.
        let mut merged: Vec<(Pending, Report)> = Vec::new();
        let mut at_moment: HashMap<(u32, Day, Day, Option<(usize, bool)>), usize> =
            HashMap::default();
        for p in pending {
            let moment = (p.key, p.first, p.last, p.anchor);
            if let Some(&i) = at_moment.get(&moment) {
                if let Some((_, r)) = merged.get_mut(i) {
                    match r.bounds.intersect(&p.bounds) {
                        Some(both) => r.bounds = both,
                        None => r.consistent = false,
                    }
                    r.records.push(p.record);
                }
                continue;
            }
            let (_, cells) = local(p.key);
            let report = Report {
                key: p.key,
                cells,
                bounds: p.bounds,
                consistent: true,
                records: vec![p.record],
            };
            at_moment.insert(moment, merged.len());
            merged.push((p, report));
        }
        let mut spots: HashMap<RecordRef, Spot> = HashMap::default();
        // Moves become events, with the reports placed at them.
        let mut move_event: HashMap<usize, (u32, u32)> = HashMap::default();
        let mut tag_of: Vec<HashMap<(Box<[u32]>, Box<[u32]>), u32>> =
            vec![HashMap::default(); components.len()];
        for &(i, from, to) in &moves {
            let Some(r) = data.relocations().get(i) else {
                continue;
            };
            let (comp, from_cells) = local(from);
            let (_, to_cells) = local(to);
            let rows = group.get(&i).cloned().unwrap_or_else(|| vec![i]);
            let mut bounds = r.strength().bounds();
            let mut consistent = true;
            let mut records = vec![RecordRef::Relocation(id32(i))];
            for &o in rows.iter().filter(|&&o| o != i) {
                if let Some(other) = data.relocations().get(o) {
                    match bounds.intersect(&other.strength().bounds()) {
                        Some(both) => bounds = both,
                        None => consistent = false,
                    }
                    records.push(RecordRef::Relocation(id32(o)));
                }
            }
            let Some(component) = components.get_mut(comp as usize) else {
                continue;
            };
            let tag = (r.temporary() == Some(true)).then(|| {
                let tags = &mut component.tags;
                let pair = (from_cells.clone(), to_cells.clone());
                let map = tag_of.get_mut(comp as usize);
                match map {
                    Some(map) => *map.entry(pair.clone()).or_insert_with(|| {
                        tags.push(pair);
                        id32(tags.len() - 1)
                    }),
                    None => 0,
                }
            });
            let e = id32(component.events.len());
            for rec in &records {
                spots.insert(
                    *rec,
                    Spot {
                        component: comp,
                        event: e,
                    },
                );
            }
            component.events.push(Event {
                first: r.date().earliest(),
                last: r.date().latest(),
                act: Act::Move(Move {
                    from: from_cells,
                    to: to_cells,
                    bounds,
                    consistent,
                    tag,
                    records,
                    before: Vec::new(),
                    after: Vec::new(),
                }),
            });
            move_event.insert(i, (comp, e));
        }
        for (p, report) in merged {
            let (comp, _) = local(p.key);
            let placed = p.anchor.and_then(|(root, after)| {
                let &(mc, me) = move_event.get(&root)?;
                (mc == comp).then_some((me, after))
            });
            let Some(component) = components.get_mut(comp as usize) else {
                continue;
            };
            if let Some((me, after)) = placed {
                if let Some(Event {
                    act: Act::Move(m), ..
                }) = component.events.get_mut(me as usize)
                {
                    for rec in &report.records {
                        spots.insert(
                            *rec,
                            Spot {
                                component: comp,
                                event: me,
                            },
                        );
                    }
                    if after {
                        m.after.push(report);
                    } else {
                        m.before.push(report);
                    }
                    continue;
                }
            }
            let e = id32(component.events.len());
            for rec in &report.records {
                spots.insert(
                    *rec,
                    Spot {
                        component: comp,
                        event: e,
                    },
                );
            }
            component.events.push(Event {
                first: p.first,
                last: p.last,
                act: Act::Report(report),
            });
        }
        // Events in order of their dates; spots follow.
        let mut renumber: Vec<Vec<u32>> = Vec::with_capacity(components.len());
        for component in &mut components {
            let mut order: Vec<u32> = (0..id32(component.events.len())).collect();
            order.sort_by_key(|&e| {
                component
                    .events
                    .get(e as usize)
                    .map(|ev| (ev.first, ev.last))
            });
            let mut new_index = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                if let Some(slot) = new_index.get_mut(old as usize) {
                    *slot = id32(new);
                }
            }
            let mut events: Vec<Option<Event>> = std::mem::take(&mut component.events)
                .into_iter()
                .map(Some)
                .collect();
            component.events = order
                .iter()
                .filter_map(|&o| events.get_mut(o as usize).and_then(Option::take))
                .collect();
            renumber.push(new_index);
        }
        for spot in spots.values_mut() {
            if let Some(new) = renumber
                .get(spot.component as usize)
                .and_then(|n| n.get(spot.event as usize))
            {
                spot.event = *new;
            }
        }
        Compiled {
            space,
            keys,
            key_id,
            components,
            cell_at,
            spots,
        }
    }
}
