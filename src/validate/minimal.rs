//! The fewest records that cannot all be true. For each error, its own
//! records are validated alone (with every source, nation and mission);
//! if they still give the error, each is dropped in turn and left out if
//! the error stays (a deletion filter). What is left is irreducible: the
//! error needs every one of them.

use crate::dataset::{Dataset, Positions};
use crate::validate::{Finding, Rule, Severity};

/// Errors explained per report, at most: each costs a few validations of
/// a handful of records.
const MOST_EXPLAINED: usize = 200;

/// Records one error may name and still be explained.
const MOST_RECORDS: usize = 16;

/// `findings` with each error's minimal set of records added where its
/// records alone reproduce it.
pub(super) fn explain(data: &Dataset, findings: Vec<Finding>) -> Vec<Finding> {
    if !findings.iter().any(|f| f.severity() == Severity::Error) {
        return findings;
    }
    let records = data.positions();
    let mut explained = 0;
    findings
        .into_iter()
        .map(|f| {
            if f.severity() != Severity::Error || explained >= MOST_EXPLAINED {
                return f;
            }
            explained += 1;
            match minimal(data, &records, &f) {
                Some(set) => f.with_contradiction(set),
                None => f,
            }
        })
        .collect()
}

/// Whether the records `keep` alone give an error of `rule`.
fn still_errs(data: &Dataset, records: &Positions<'_>, keep: &[&str], rule: Rule) -> bool {
    data.subset_at(keep, records)
        .checks()
        .iter()
        .any(|f| f.rule() == rule && f.severity() == Severity::Error)
}

fn minimal(data: &Dataset, records: &Positions<'_>, f: &Finding) -> Option<Vec<String>> {
    let mut set: Vec<&str> = Vec::new();
    for r in f.records() {
        if records.contains_key(r.as_str()) && !set.contains(&r.as_str()) {
            set.push(r);
        }
    }
    if set.is_empty() || set.len() > MOST_RECORDS || !still_errs(data, records, &set, f.rule()) {
        return None;
    }
    let mut i = 0;
    while i < set.len() {
        let mut without = set.clone();
        without.remove(i);
        if !without.is_empty() && still_errs(data, records, &without, f.rule()) {
            set = without;
        } else {
            i += 1;
        }
    }
    Some(set.into_iter().map(str::to_owned).collect())
}
