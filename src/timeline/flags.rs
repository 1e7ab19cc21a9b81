//! What the checks found about a timeline's observations, for their flags.

use std::collections::HashMap;

use crate::dataset::Dataset;
use crate::date::Day;
use crate::ledger::Key;

/// The observations (by index) that another observation of the same
/// figure and date cannot be true with.
pub(super) fn same_day_disputes(data: &Dataset) -> std::collections::HashSet<usize> {
    let mut groups: HashMap<(Key, Day, Day), Vec<usize>> = HashMap::new();
    for (i, d) in data.deployments().iter().enumerate() {
        if !d.is_not_reported() && d.relative_to().is_none() {
            groups
                .entry((
                    Key::of_deployment(d),
                    d.as_of().earliest(),
                    d.as_of().latest(),
                ))
                .or_default()
                .push(i);
        }
    }
    let bounds = |i: usize| data.deployments().get(i).map(|d| d.strength().bounds());
    let mut out = std::collections::HashSet::new();
    for group in groups.values().filter(|g| g.len() > 1) {
        for &i in group {
            let Some(own) = bounds(i) else { continue };
            if group
                .iter()
                .any(|&j| j != i && bounds(j).is_some_and(|o| !o.overlaps(&own)))
            {
                out.insert(i);
            }
        }
    }
    out
}
