//! Every key's figures after each step, from one replay: the state on any
//! day is then a binary search per key.

use crate::date::Day;

use crate::dataset::Dataset;
use crate::fasthash::FastMap as HashMap;
use crate::ledger::key::{Figure, Key};
use crate::ledger::replay::{Replay, State, Trace};

/// Every key's figures after each step that touched it, built by one
/// replay, so that the state on any day is a binary search per key rather
/// than a replay of the whole ledger.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// The keys, sorted.
    pub(crate) keys: Vec<Key>,
    /// For each key, its figures in replay order (each carries its day).
    pub(crate) figures: Vec<Vec<Figure>>,
    /// For each key, its figures' days, apart: a posture on a new day
    /// searches these (four bytes each, side by side) rather than the
    /// figures themselves (a cache miss per step).
    days: Vec<Vec<Day>>,
    /// For each key, the indices of the keys that could hold it, narrowest
    /// first.
    pub(crate) parents: Vec<Vec<usize>>,
}

impl Index {
    pub(crate) fn build(data: &Dataset, projected: bool) -> Index {
        let ledger = Replay::new(data, projected);
        let mut by_id: Vec<Vec<Figure>> = vec![Vec::new(); ledger.key_count()];
        let mut push = |id: usize, f: Figure| {
            if let Some(list) = by_id.get_mut(id) {
                list.push(f);
            }
        };
        let mut state = State::new();
        ledger.replay(&mut state, None, Day::MAX, false, &mut |t| match t {
            Trace::Observed { key, now, .. } => push(key, now.clone()),
            Trace::Moved {
                origin,
                after,
                destination,
                arrived,
                ..
            } => {
                push(origin, after.clone());
                push(destination, arrived.clone());
            }
        });
        // Postures list entries in key order.
        let mut order: Vec<usize> = (0..ledger.key_count()).collect();
        order.sort_unstable_by(|a, b| ledger.key(*a).cmp(&ledger.key(*b)));
        let mut slots: Vec<Option<Vec<Figure>>> = by_id.into_iter().map(Some).collect();
        let keys: Vec<Key> = order
            .iter()
            .map(|&i| {
                ledger
                    .key(i)
                    .cloned()
                    .expect("order holds the replay's own key ids")
            })
            .collect();
        let figures: Vec<Vec<Figure>> = order
            .iter()
            .map(|&i| slots.get_mut(i).and_then(Option::take).unwrap_or_default())
            .collect();
        let position: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let parents = keys
            .iter()
            .map(|k| {
                k.parent_candidates()
                    .iter()
                    .filter_map(|c| position.get(c).copied())
                    .collect()
            })
            .collect();
        let days = figures
            .iter()
            .map(|list| list.iter().map(|f| f.day).collect())
            .collect();
        Index {
            keys,
            figures,
            days,
            parents,
        }
    }

    /// For each key, its figure at the end of `day`, if it has one yet.
    pub(crate) fn on(&self, day: Day) -> impl Iterator<Item = (usize, &Figure)> + '_ {
        self.figures
            .iter()
            .zip(&self.days)
            .enumerate()
            .filter_map(move |(i, (figs, days))| {
                let n = days.partition_point(|d| *d <= day);
                figs.get(n.checked_sub(1)?).map(|f| (i, f))
            })
    }
}
