//! Which relocation first reports a move: rows marked `same_as` another
//! are reports of one move, counted once. A chain (C same as B, B same as
//! A) leads to its start; a loop (A same as B, B same as A) has no start,
//! so its first row in file order stands for it and the loop is reported.

use crate::fasthash::FastMap as HashMap;
use crate::id::RecordId;
use crate::relocation::Relocation;

/// For each relocation (by index), the relocation that stands for its
/// move, and the loops found.
#[derive(Debug, Default)]
pub(crate) struct Reports {
    root: Vec<usize>,
    loops: Vec<Vec<usize>>,
}

impl Reports {
    /// Follows every `same_as` chain once.
    pub(crate) fn of(relocations: &[Relocation]) -> Reports {
        let at: HashMap<&RecordId, usize> = relocations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id(), i))
            .collect();
        let target = |i: usize| {
            relocations
                .get(i)
                .and_then(Relocation::same_as)
                .and_then(|t| at.get(t).copied())
        };
        let mut root: Vec<Option<usize>> = vec![None; relocations.len()];
        // Each row's place on the path being followed, so that a loop is
        // found in one step, not by searching the path (a chain of 100k
        // links would otherwise cost 100k² steps).
        let mut on_path: Vec<Option<usize>> = vec![None; relocations.len()];
        let mut loops = Vec::new();
        for start in 0..relocations.len() {
            if root.get(start).copied().flatten().is_some() {
                continue;
            }
            let mut path = vec![start];
            if let Some(slot) = on_path.get_mut(start) {
                *slot = Some(0);
            }
            let found = loop {
                let here = *path.last().expect("the path starts with one row");
                let Some(next) = target(here) else { break here };
                if let Some(known) = root.get(next).copied().flatten() {
                    break known;
                }
                if let Some(pos) = on_path.get(next).copied().flatten() {
                    let members: Vec<usize> = path.get(pos..).unwrap_or_default().to_vec();
                    let first = members.iter().copied().min().unwrap_or(next);
                    loops.push(members);
                    break first;
                }
                if let Some(slot) = on_path.get_mut(next) {
                    *slot = Some(path.len());
                }
                path.push(next);
            };
            for p in path {
                if let Some(slot) = root.get_mut(p) {
                    *slot = Some(found);
                }
                if let Some(slot) = on_path.get_mut(p) {
                    *slot = None;
                }
            }
        }
        Reports {
            root: root
                .into_iter()
                .enumerate()
                .map(|(i, r)| r.unwrap_or(i))
                .collect(),
            loops,
        }
    }

    /// The relocation that stands for relocation `i`'s move.
    pub(crate) fn root(&self, i: usize) -> usize {
        self.root.get(i).copied().unwrap_or(i)
    }

    /// Whether relocation `i` stands for its own move.
    pub(crate) fn is_first(&self, i: usize) -> bool {
        self.root(i) == i
    }

    /// Each loop of `same_as` links, as relocation indices.
    pub(crate) fn loops(&self) -> &[Vec<usize>] {
        &self.loops
    }
}
