//! A dataset compiled into the world's terms: each figure's cells, each
//! record as a report or a move of a component, reports of one moment
//! merged, reports placed at their moves.

use crate::dataset::Dataset;
use crate::date::Day;
use crate::deployment::{Deployment, RelativeTo};
use crate::fasthash::FastMap as HashMap;
use crate::id::RecordId;
use crate::interval::Interval;
use crate::ledger::key::Key;
use crate::ledger::reports::Reports;
use crate::ledger::world::events::{
    Act, Compiled, Component, Event, Move, Pair, RecordRef, Report, Spot,
};
use crate::ledger::world::space::{CellId, Space};
use crate::ledger::world::start::{starts_empty, Arrival, Claim};
use crate::relocation::Relocation;
use crate::strength::StrengthKind;

/// A report's figure, dates and anchor: reports alike in all of them are
/// of one moment.
type MomentOf = (u32, Day, Day, Option<(usize, bool)>);

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

/// The total a move states at its origin: "some of its 500" says 500
/// were there.
pub(crate) fn stated_total(r: &Relocation) -> Option<u64> {
    let s = r.strength();
    if s.kind() != StrengthKind::Some {
        return None;
    }
    s.bounds().high().map(|h| h + 1)
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
        let mut intern = |k: Key| -> u32 {
            match key_id.get(&k) {
                Some(&i) => i,
                None => {
                    let i = id32(keys.len());
                    keys.push(k.clone());
                    key_id.insert(k, i);
                    i
                }
            }
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
                let from = intern(Key::origin(r));
                let to = intern(Key::destination(r));
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
        // Every deployment claims its figure held troops (even one whose
        // count was not reported).
        let mut claimed: Vec<(u32, Claim)> = Vec::new();
        for (n, d) in data.deployments().iter().enumerate() {
            let key = intern(Key::of_deployment(d));
            let anchor = d.relative_to().and_then(|rel| {
                let row = *row_of.get(rel.relocation())?;
                let root = same.root(row);
                move_of_root.get(&root)?;
                Some((root, matches!(rel, RelativeTo::After(_))))
            });
            let after = anchor.and_then(|(root, after)| after.then_some(root));
            claimed.push((
                key,
                Claim {
                    first: d.as_of().earliest(),
                    after,
                },
            ));
            let Some(bounds) = reported_bounds(data, d) else {
                continue;
            };
            pending.push(Pending {
                record: RecordRef::Deployment(id32(n)),
                key,
                bounds,
                first: d.as_of().earliest(),
                last: d.as_of().latest(),
                anchor,
            });
        }
        // "Some of its 500" also reports the origin: 500 just before.
        for &(i, from, _) in &moves {
            let Some(r) = data.relocations().get(i) else {
                continue;
            };
            let Some(total) = stated_total(r) else {
                continue;
            };
            pending.push(Pending {
                record: RecordRef::Relocation(id32(i)),
                key: from,
                bounds: Interval::exactly(total),
                first: r.date().earliest(),
                last: r.date().latest(),
                anchor: Some((i, false)),
            });
        }
        let space = Space::build(keys.iter());
        // Each key's cells, looked up once (a key is hashed once, not once
        // per record).
        let key_cells: Vec<&[CellId]> = keys
            .iter()
            .map(|key| space.cells(key).unwrap_or_default())
            .collect();
        let cells_of =
            |k: u32| -> &[CellId] { key_cells.get(k as usize).copied().unwrap_or_default() };
        // Which cells held troops before the records.
        let mut arrivals: Vec<Vec<Arrival>> = vec![Vec::new(); space.len()];
        let mut claims: Vec<Vec<Claim>> = vec![Vec::new(); space.len()];
        for &(i, from, to) in &moves {
            let Some(r) = data.relocations().get(i) else {
                continue;
            };
            for &c in cells_of(to) {
                if let Some(list) = arrivals.get_mut(c as usize) {
                    list.push(Arrival {
                        last: r.date().latest(),
                        by: i,
                    });
                }
            }
            for &c in cells_of(from) {
                if let Some(list) = claims.get_mut(c as usize) {
                    list.push(Claim {
                        first: r.date().earliest(),
                        after: None,
                    });
                }
            }
        }
        for (key, claim) in &claimed {
            for &c in cells_of(*key) {
                if let Some(list) = claims.get_mut(c as usize) {
                    list.push(*claim);
                }
            }
        }
        let unknown_start: Vec<bool> = arrivals
            .iter_mut()
            .zip(&claims)
            .map(|(a, c)| !starts_empty(a, c))
            .collect();
        // Components: cells linked by a report or a move.
        let mut parent: Vec<u32> = (0..id32(space.len())).collect();
        let mut link = |cells: &[CellId]| {
            if let Some((&first, rest)) = cells.split_first() {
                for &c in rest {
                    union(&mut parent, first, c);
                }
            }
        };
        let origin_of: HashMap<usize, u32> = moves.iter().map(|&(i, from, _)| (i, from)).collect();
        for p in &pending {
            // A report placed at a move is one event with it: one
            // component.
            match p.anchor.and_then(|(root, _)| origin_of.get(&root)) {
                Some(&from) => link(&[cells_of(p.key), cells_of(from)].concat()),
                None => link(cells_of(p.key)),
            }
        }
        for &(_, from, to) in &moves {
            link(&[cells_of(from), cells_of(to)].concat());
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
                component
                    .unknown_start
                    .push(unknown_start.get(c as usize).copied().unwrap_or(true));
                if let Some(slot) = cell_at.get_mut(c as usize) {
                    *slot = (comp, local);
                }
            }
        }
        // Each key's component and its cells there, once per key: the
        // reports of one figure share them.
        let locals: Vec<(u32, std::sync::Arc<[u32]>)> = (0..id32(keys.len()))
            .map(|k| {
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
                (comp, locals.into())
            })
            .collect();
        let local = |k: u32| -> (u32, std::sync::Arc<[u32]>) {
            locals
                .get(k as usize)
                .cloned()
                .unwrap_or_else(|| (u32::MAX, std::sync::Arc::from([])))
        };
        // Competing reports (one figure, one span, one anchor) are one
        // report of one moment.
        let mut merged: Vec<(Pending, Report)> = Vec::new();
        let mut at_moment: HashMap<MomentOf, usize> = HashMap::default();
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
        let mut tag_of: Vec<HashMap<Pair, u32>> = vec![HashMap::default(); components.len()];
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
                act: Act::Move(Box::new(Move {
                    from: from_cells,
                    to: to_cells,
                    bounds,
                    consistent,
                    tag,
                    records,
                    before: Vec::new(),
                    after: Vec::new(),
                })),
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
            for (i, e) in component.events.iter().enumerate() {
                for key in e.reported_keys() {
                    component.first_report.entry(key).or_insert(id32(i));
                }
            }
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
            components,
            cell_at,
            spots,
        }
    }
}
