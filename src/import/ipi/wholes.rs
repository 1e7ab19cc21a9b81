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

/// A country on a day.
type CountryDay = (NaiveDate, String);
/// The rows stating a whole: their lines and what they state (`None`:
/// `NA`).
type Stated = Vec<(usize, Option<u64>)>;
/// A part's least and most over its competing rows (`None`: `NA`).
type Part = Option<(u64, u64)>;

/// The parts and the wholes seen so far.
#[derive(Default)]
pub(super) struct Wholes {
    /// Each country and day: each mission's personnel, the least and the
    /// most its rows give (rows of one key with other figures are
    /// competing claims: either may be the part), `None` where a row
    /// gives none.
    parts: BTreeMap<CountryDay, BTreeMap<String, Part>>,
    /// Each country's `all` rows: their lines and personnel.
    countries: BTreeMap<CountryDay, Stated>,
    /// Each day's grand totals: their lines and personnel.
    grand: BTreeMap<NaiveDate, Stated>,
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
                // Counts are at most 10^15: their sum cannot wrap.
                if m + f != t {
                    problems.push(at_row(
                        file,
                        line,
                        ProblemKind::PartsAndWhole {
                            what: format!("{name}: male {m} + female {f}"),
                            parts: m + f,
                            whole: t,
                        },
                    ));
                }
            }
        }
    }

    /// A mission's row: part of its country's total.
    pub(super) fn part(&mut self, row: &Row<'_>) {
        let missions = self.parts.entry((row.day, row.iso.to_owned())).or_default();
        let given = row.total().total;
        let slot = missions
            .entry(row.mission.to_owned())
            .or_insert(given.map(|n| (n, n)));
        *slot = match (*slot, given) {
            (Some((low, high)), Some(n)) => Some((low.min(n), high.max(n))),
            _ => None,
        };
    }

    /// An `all` row: a country's total, or the grand total.
    pub(super) fn total(&mut self, line: usize, row: &Row<'_>) {
        let total = row.total().total;
        if row.is_grand_total() {
            self.grand.entry(row.day).or_default().push((line, total));
        } else {
            self.countries
                .entry((row.day, row.iso.to_owned()))
                .or_default()
                .push((line, total));
        }
    }

    /// Every whole the table states against its parts: a country's `all`
    /// rows against its missions, a day's grand totals against every
    /// mission row of the day. A whole or a part the table does not give
    /// (`NA`) checks nothing.
    pub(super) fn check(&self, file: &str, problems: &mut Vec<Problem>) {
        // Summed in 128 bits: counts are at most 10^15 each, but a table
        // of millions of rows could pass 2^64 together.
        fn sum<'a>(parts: impl Iterator<Item = &'a Part>) -> Option<(u128, u128)> {
            let mut out = (0u128, 0u128);
            for p in parts {
                let (l, h) = (*p)?;
                out = (out.0 + u128::from(l), out.1 + u128::from(h));
            }
            Some(out)
        }
        let mut check =
            |what: String, range: Option<(u128, u128)>, wholes: &[(usize, Option<u64>)]| {
                let Some((low, high)) = range else { return };
                for &(line, whole) in wholes {
                    let Some(whole) = whole else { continue };
                    let stated = u128::from(whole);
                    if stated < low || stated > high {
                        let what = if low == high {
                            what.clone()
                        } else {
                            format!("{what} (competing rows: {low} to {high})")
                        };
                        let nearest = if stated < low { low } else { high };
                        let parts = u64::try_from(nearest).unwrap_or(u64::MAX);
                        problems.push(at_row(
                            file,
                            line,
                            ProblemKind::PartsAndWhole { what, parts, whole },
                        ));
                    }
                }
            };
        for ((day, iso), wholes) in &self.countries {
            let missions = self.parts.get(&(*day, iso.clone()));
            let range = match missions {
                Some(m) => sum(m.values()),
                None => Some((0, 0)),
            };
            check(
                format!("{iso} on {day}: the personnel of its missions"),
                range,
                wholes,
            );
        }
        for (day, wholes) in &self.grand {
            let rows = self
                .parts
                .range((*day, String::new())..)
                .take_while(|((d, _), _)| d == day)
                .flat_map(|(_, m)| m.values());
            check(
                format!("all contributors on {day}: the personnel of every mission row"),
                sum(rows),
                wholes,
            );
        }
    }
}
