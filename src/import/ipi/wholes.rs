//! The parts and wholes of the table that are not records, checked
//! against each other: male + female against each total, and the
//! personnel of a country's missions (police, experts and troops
//! together) against its `all` row, and every country's against the
//! grand total. The troops of the `all` rows are records
//! ([`Total`](crate::Total)s), checked against their contributions by
//! validation, through the engine.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::row::{Counts, Row, TYPES};
use crate::csv::{Problem, ProblemKind};
use crate::import::problem::at_row;

/// The sums of the parts and the wholes seen so far.
#[derive(Default)]
pub(super) struct Wholes {
    /// Each country and day: the sum of its missions' personnel.
    parts: BTreeMap<(NaiveDate, String), u64>,
    /// Each country's `all` row: its line and personnel.
    countries: BTreeMap<(NaiveDate, String), (usize, u64)>,
    /// Each day's grand total: its line and personnel.
    grand: BTreeMap<NaiveDate, (usize, u64)>,
}

fn personnel(row: &Row<'_>) -> u64 {
    row.total().total.unwrap_or(0)
}

impl Wholes {
    /// Male + female against the total of each personnel type.
    pub(super) fn sum_of_parts(
        &self,
        file: &str,
        line: usize,
        row: &Row<'_>,
        problems: &mut Vec<Problem>,
    ) {
        for (name, c) in TYPES.iter().zip(row.counts) {
            if let Counts {
                male: Some(m),
                female: Some(f),
                total: Some(t),
            } = c
            {
                if m.saturating_add(f) != t {
                    problems.push(at_row(
                        file,
                        line,
                        ProblemKind::PartsAndWhole {
                            what: format!("{name}: male {m} + female {f}"),
                            parts: m.saturating_add(f),
                            whole: t,
                        },
                    ));
                }
            }
        }
    }

    /// A mission's row: part of its country's total.
    pub(super) fn part(&mut self, _line: usize, row: &Row<'_>) {
        let sum = self.parts.entry((row.day, row.iso.to_owned())).or_default();
        *sum = sum.saturating_add(personnel(row));
    }

    /// An `all` row: a country's total, or the grand total.
    pub(super) fn total(&mut self, line: usize, row: &Row<'_>) {
        let total = personnel(row);
        if row.is_grand_total() {
            self.grand.entry(row.day).or_insert((line, total));
        } else {
            self.countries
                .entry((row.day, row.iso.to_owned()))
                .or_insert((line, total));
        }
    }

    /// Every whole against its parts.
    pub(super) fn check(&self, file: &str, problems: &mut Vec<Problem>) {
        let mismatch = |what: String, parts: u64, whole: u64, line: usize| {
            at_row(
                file,
                line,
                ProblemKind::PartsAndWhole { what, parts, whole },
            )
        };
        let mut by_day: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        for ((day, iso), &(line, total)) in &self.countries {
            let parts = self.parts.get(&(*day, iso.clone())).copied().unwrap_or(0);
            if parts != total {
                problems.push(mismatch(
                    format!("{iso} on {day}: the personnel of its missions"),
                    parts,
                    total,
                    line,
                ));
            }
            let sum = by_day.entry(*day).or_default();
            *sum = sum.saturating_add(total);
        }
        for (day, &(line, total)) in &self.grand {
            let countries = by_day.get(day).copied().unwrap_or(0);
            if countries != total {
                problems.push(mismatch(
                    format!("all contributors on {day}: the personnel of every country's total"),
                    countries,
                    total,
                    line,
                ));
            }
        }
    }
}
