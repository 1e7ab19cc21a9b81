//! The parts and wholes the table states, checked against each other:
//! male + female against each total, a country's missions against its
//! `all` row, and every country's `all` row against the grand total.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::row::{Counts, Row, TYPES};
use crate::csv::{Problem, ProblemKind};
use crate::import::problem::at_row;

/// The sums of the parts and the wholes seen so far.
#[derive(Default)]
pub(super) struct Wholes {
    /// Each country and day: the sum of its missions' troops and totals.
    parts: BTreeMap<(NaiveDate, String), (u64, u64)>,
    /// Each country's `all` row: its line, troops and total.
    countries: BTreeMap<(NaiveDate, String), (usize, u64, u64)>,
    /// Each day's grand total: its line, troops and total.
    grand: BTreeMap<NaiveDate, (usize, u64, u64)>,
}

fn troops_and_total(row: &Row<'_>) -> (u64, u64) {
    (
        row.troops().total.unwrap_or(0),
        row.total().total.unwrap_or(0),
    )
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
        let (troops, total) = troops_and_total(row);
        let sums = self.parts.entry((row.day, row.iso.to_owned())).or_default();
        sums.0 = sums.0.saturating_add(troops);
        sums.1 = sums.1.saturating_add(total);
    }

    /// An `all` row: a country's total, or the grand total.
    pub(super) fn total(&mut self, line: usize, row: &Row<'_>) {
        let (troops, total) = troops_and_total(row);
        if row.is_grand_total() {
            self.grand.entry(row.day).or_insert((line, troops, total));
        } else {
            self.countries
                .entry((row.day, row.iso.to_owned()))
                .or_insert((line, troops, total));
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
        let mut by_day: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
        for ((day, iso), &(line, troops, total)) in &self.countries {
            let (p_troops, p_total) = self
                .parts
                .get(&(*day, iso.clone()))
                .copied()
                .unwrap_or((0, 0));
            if p_troops != troops {
                problems.push(mismatch(
                    format!("{iso} on {day}: the troops of its missions"),
                    p_troops,
                    troops,
                    line,
                ));
            }
            if p_total != total {
                problems.push(mismatch(
                    format!("{iso} on {day}: the personnel of its missions"),
                    p_total,
                    total,
                    line,
                ));
            }
            let sums = by_day.entry(*day).or_default();
            sums.0 = sums.0.saturating_add(troops);
            sums.1 = sums.1.saturating_add(total);
        }
        for (day, &(line, troops, total)) in &self.grand {
            let (c_troops, c_total) = by_day.get(day).copied().unwrap_or((0, 0));
            if c_troops != troops {
                problems.push(mismatch(
                    format!("all contributors on {day}: the troops of every country's total"),
                    c_troops,
                    troops,
                    line,
                ));
            }
            if c_total != total {
                problems.push(mismatch(
                    format!("all contributors on {day}: the personnel of every country's total"),
                    c_total,
                    total,
                    line,
                ));
            }
        }
    }
}
