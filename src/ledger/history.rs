//! What held at earlier moments, kept as rows over the unknowns, and found
//! again by the unknowns a posture's figures still carry.

use std::collections::HashSet;

use crate::fasthash::FastMap as HashMap;
use crate::ledger::form::{Form, VarId};

/// Rows `a <= b` from earlier moments of a replay, indexed by unknown.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    rows: Vec<(Form, Form)>,
    /// For each unknown, the rows it appears in.
    by_var: HashMap<VarId, Vec<usize>>,
}

impl History {
    pub(crate) fn new(rows: Vec<(Form, Form)>) -> History {
        let mut by_var: HashMap<VarId, Vec<usize>> = HashMap::default();
        for (i, (a, b)) in rows.iter().enumerate() {
            for (v, _) in a.terms().chain(b.terms()) {
                let list = by_var.entry(v).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        History { rows, by_var }
    }

    /// The rows every unknown of which is still `alive`: facts about the
    /// figures a posture holds. Rows about unknowns a later observation
    /// replaced no longer bear on anything.
    pub(crate) fn relevant(&self, alive: &HashSet<VarId>) -> Vec<&(Form, Form)> {
        let mut seen: HashSet<usize> = HashSet::new();
        let mut out = Vec::new();
        for v in alive {
            for &i in self.by_var.get(v).map(Vec::as_slice).unwrap_or_default() {
                if !seen.insert(i) {
                    continue;
                }
                let Some(row) = self.rows.get(i) else {
                    continue;
                };
                let live = row
                    .0
                    .terms()
                    .chain(row.1.terms())
                    .all(|(u, _)| alive.contains(&u));
                if live {
                    out.push(row);
                }
            }
        }
        out
    }
}
