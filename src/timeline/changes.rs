//! What changed between two days: the relocations in between and every
//! figure that differs.

use std::collections::BTreeMap;

use crate::date::Day;

use crate::id::RecordId;
use crate::ledger::{Key, Ledger, Reports};
use crate::posture::{Entry, PostureOptions};
use crate::relocation::Relocation;
use crate::strength::Strength;

/// A figure that differs between two postures.
#[derive(Clone, Debug)]
pub struct Change {
    /// Whose troops, where, under which mission.
    pub key: Key,
    /// The figure on the first day, if there was one.
    pub before: Option<Strength>,
    /// The figure on the second day, if there is one.
    pub after: Option<Strength>,
    /// The records the second day's figure rests on (or the first day's,
    /// when the figure is gone).
    pub basis: Vec<RecordId>,
}

/// What changed between two days: the relocations in between and every
/// figure that differs.
#[derive(Clone, Debug)]
pub struct Changes<'d> {
    /// The first day (its end).
    pub from: Day,
    /// The second day (its end).
    pub to: Day,
    /// Relocations dated after `from` and up to `to`, first reports only.
    pub moves: Vec<&'d Relocation>,
    /// Figures that appeared, disappeared or changed.
    pub figures: Vec<Change>,
}

impl<'d> Ledger<'d> {
    /// What changed between the end of `from` and the end of `to`.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Ledger, PostureOptions};
    /// let data = Dataset::bundled()?;
    /// let changes = Ledger::new(&data).changes("2020-01-08".parse()?, "2020-01-10".parse()?, PostureOptions::default());
    /// assert!(changes.moves.iter().any(|r| r.id().as_str() == "R-DEU-2020-01-09"));
    /// let moved = changes.figures.iter().find(|c| c.key.to_string() == "DEU in JOR+KWT").expect("arrivals");
    /// assert_eq!(moved.after.map(|s| s.to_string()).as_deref(), Some("30"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changes(&self, from: Day, to: Day, options: PostureOptions) -> Changes<'d> {
        let before = self.posture_with(from, options);
        let after = self.posture_with(to, options);
        let same = Reports::of(self.dataset().relocations());
        let moves = self
            .dataset()
            .relocations()
            .iter()
            .enumerate()
            .filter(|(i, _)| same.is_first(*i))
            .map(|(_, r)| r)
            .filter(|r| options.projection.is_projected() || r.status().has_moved())
            .filter(|r| r.date().earliest() > from && r.date().earliest() <= to)
            .collect();
        let mut pairs: BTreeMap<Key, (Option<&Entry>, Option<&Entry>)> = BTreeMap::new();
        for e in before.entries() {
            pairs.entry(e.key().clone()).or_default().0 = Some(e);
        }
        for e in after.entries() {
            pairs.entry(e.key().clone()).or_default().1 = Some(e);
        }
        let figures = pairs
            .into_iter()
            .filter_map(|(key, (b, a))| {
                let same = match (b, a) {
                    (Some(b), Some(a)) => {
                        b.strength().same_notation(&a.strength()) && b.basis() == a.basis()
                    }
                    _ => false,
                };
                if same {
                    return None;
                }
                let basis = a.or(b).map(|e| e.basis().to_vec()).unwrap_or_default();
                Some(Change {
                    key,
                    before: b.map(|e| e.strength()),
                    after: a.map(|e| e.strength()),
                    basis,
                })
            })
            .collect();
        Changes {
            from,
            to,
            moves,
            figures,
        }
    }
}
