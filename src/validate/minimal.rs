//! The fewest records that cannot all be true. For each error, its own
//! records are validated alone (with every source, nation and mission);
//! if they still give the error, each is dropped in turn and left out if
//! the error stays (a deletion filter). What is left is irreducible: the
//! error needs every one of them.

use std::collections::HashMap;

use crate::dataset::{Dataset, Positions};
use crate::ledger::RecordRef;
use crate::validate::{Finding, Rule, Severity};

/// The parts of the history no world meets, and each record's part.
type Unmet = (Vec<Vec<String>>, HashMap<String, usize>);

/// Errors explained per report, at most: each costs a few validations of
/// a handful of records.
const MOST_EXPLAINED: usize = 200;

/// Records one error may name and still be explained.
const MOST_RECORDS: usize = 32;

/// `findings` with each error's minimal set of records added where its
/// records alone reproduce it.
pub(super) fn explain(
    data: &Dataset,
    findings: Vec<Finding>,
    unmet: &[Vec<RecordRef>],
) -> Vec<Finding> {
    use rayon::prelude::*;
    if !findings.iter().any(|f| f.severity() == Severity::Error) {
        return findings;
    }
    let records = data.positions();
    // The first errors, up to the most explained, in order.
    let explained: Vec<bool> = findings
        .iter()
        .scan(0usize, |n, f| {
            let explain = f.severity() == Severity::Error && *n < MOST_EXPLAINED;
            *n += usize::from(explain);
            Some(explain)
        })
        .collect();
    // The parts of the history no world meets, and each record's part,
    // found once when a finding needs them.
    let parts_by_id: std::sync::OnceLock<Unmet> = std::sync::OnceLock::new();
    // Each error is explained on its own (a few validations of a handful
    // of records), on both cores; the findings keep their order.
    findings
        .into_par_iter()
        .zip(explained)
        .map(|(f, explain)| {
            if !explain {
                return f;
            }
            let own: Vec<&str> = f.records().iter().map(String::as_str).collect();
            if let Some(set) = minimal(data, &records, &own, f.rule()) {
                return f.with_contradiction(set);
            }
            // Its own records are not enough: the part of the history no
            // world meets that they belong to.
            let (parts, part_of) = parts_by_id.get_or_init(|| {
                let parts = unmet_parts(data, unmet);
                let part_of = parts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, p)| p.iter().map(move |r| (r.clone(), i)))
                    .collect();
                (parts, part_of)
            });
            let mut touched: Vec<usize> = own
                .iter()
                .filter_map(|r| part_of.get(*r).copied())
                .collect();
            touched.sort_unstable();
            touched.dedup();
            let size: usize = touched
                .iter()
                .filter_map(|&i| parts.get(i))
                .map(Vec::len)
                .sum();
            if size + own.len() > MOST_RECORDS {
                return f;
            }
            let wider: Vec<&str> = touched
                .iter()
                .filter_map(|&i| parts.get(i))
                .flatten()
                .map(String::as_str)
                .chain(own.iter().copied())
                .collect();
            match minimal(data, &records, &wider, f.rule()) {
                Some(set) => f.naming(&set).with_contradiction(set),
                None => f,
            }
        })
        .collect()
}

/// The records of each part of the history no world meets (with what
/// happened: announced moves are plans), by id.
fn unmet_parts(data: &Dataset, unmet: &[Vec<RecordRef>]) -> Vec<Vec<String>> {
    let id = |r: &RecordRef| match *r {
        RecordRef::Deployment(i) => data
            .deployments()
            .get(i as usize)
            .map(|d| d.id().to_string()),
        RecordRef::Relocation(i) => data
            .relocations()
            .get(i as usize)
            .map(|x| x.id().to_string()),
    };
    unmet
        .iter()
        .map(|part| part.iter().filter_map(id).collect())
        .collect()
}

/// Whether the records `keep` alone give an error of `rule`.
fn still_errs(data: &Dataset, records: &Positions<'_>, keep: &[&str], rule: Rule) -> bool {
    data.subset_at(keep, records)
        .checks()
        .iter()
        .any(|f| f.rule() == rule && f.severity() == Severity::Error)
}

fn minimal(
    data: &Dataset,
    records: &Positions<'_>,
    candidates: &[&str],
    rule: Rule,
) -> Option<Vec<String>> {
    let mut set: Vec<&str> = Vec::new();
    for &r in candidates {
        if records.contains_key(r) && !set.contains(&r) {
            set.push(r);
            // Past the most explained, stop collecting (a loop of 100k
            // links would otherwise be searched 100k² times).
            if set.len() > MOST_RECORDS {
                return None;
            }
        }
    }
    // (The loop above has returned if the set grew past the most.)
    if set.is_empty() || !still_errs(data, records, &set, rule) {
        return None;
    }
    let mut i = 0;
    while i < set.len() {
        let mut without = set.clone();
        without.remove(i);
        if !without.is_empty() && still_errs(data, records, &without, rule) {
            set = without;
        } else {
            i += 1;
        }
    }
    Some(set.into_iter().map(str::to_owned).collect())
}
