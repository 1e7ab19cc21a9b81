//! Figures that their own source stopped listing.
//!
//! A periodic table (a source of kind [`SourceKind::Table`], such as
//! troopdata's quarterly table) is a series of editions: each date it has
//! rows for is one. A figure it listed in one edition and left out of a
//! later one — not as "not reported", which is a row, but with no row at
//! all — is no longer current: the Marshall Islands' 1,989 of the 1955
//! report, listed by no later report, is not 1,989 troops there in 2023.
//! Such a figure has *ended* on the first edition that left it out, once
//! every table that listed it has left it out. Articles are not series:
//! a figure from an article never ends this way.
//!
//! Beside it, every observation of a figure by its day: what else was
//! said of a figure on the day its shown value was observed (a dispute).

use crate::fasthash::FastMap as HashMap;

use crate::dataset::Dataset;
use crate::date::Day;
use crate::ledger::key::Key;
use crate::source::SourceKind;

/// Each table's editions, and the days each figure has rows in each.
#[derive(Debug, Default)]
pub(crate) struct Editions {
    /// Each table source's edition days, sorted.
    editions: Vec<Vec<Day>>,
    /// Each table source's position in `editions`, by its id.
    tables: HashMap<String, usize>,
    /// For each figure, the tables listing it and its rows' days there,
    /// sorted.
    rows: HashMap<Key, Vec<(usize, Vec<Day>)>>,
    /// Every observation of each figure, by the first day of its date, as
    /// deployment indices: what else was said of a figure on its day.
    claims: HashMap<Key, HashMap<Day, Vec<usize>>>,
}

impl Editions {
    pub(crate) fn of(data: &Dataset) -> Editions {
        let mut claims: HashMap<Key, HashMap<Day, Vec<usize>>> = HashMap::default();
        for (i, d) in data.deployments().iter().enumerate() {
            claims
                .entry(Key::of_deployment(d))
                .or_default()
                .entry(d.as_of().earliest())
                .or_default()
                .push(i);
        }
        let mut table_of: HashMap<&str, usize> = HashMap::default();
        for s in data.sources() {
            if s.kind() == SourceKind::Table {
                let next = table_of.len();
                table_of.entry(s.id().as_str()).or_insert(next);
            }
        }
        if table_of.is_empty() {
            return Editions {
                claims,
                ..Editions::default()
            };
        }
        let mut editions: Vec<Vec<Day>> = vec![Vec::new(); table_of.len()];
        let mut rows: HashMap<Key, Vec<(usize, Vec<Day>)>> = HashMap::default();
        for d in data.deployments() {
            let Some(&t) = table_of.get(d.citation().source().as_str()) else {
                continue;
            };
            let day = d.as_of().earliest();
            if let Some(list) = editions.get_mut(t) {
                list.push(day);
            }
            let per_table = rows.entry(Key::of_deployment(d)).or_default();
            match per_table.iter_mut().find(|(x, _)| *x == t) {
                Some((_, days)) => days.push(day),
                None => per_table.push((t, vec![day])),
            }
        }
        // Every day the table has rows for is an edition, a figure or
        // not (a month of police rows or totals only lists none of the
        // troops it leaves out); and a day it states only totals for.
        for s in data.sources() {
            if let Some(list) = table_of
                .get(s.id().as_str())
                .and_then(|&t| editions.get_mut(t))
            {
                list.extend_from_slice(s.editions());
            }
        }
        for total in data.totals() {
            if let Some(list) = table_of
                .get(total.citation().source().as_str())
                .and_then(|&t| editions.get_mut(t))
            {
                list.push(total.as_of().earliest());
            }
        }
        for list in &mut editions {
            list.sort_unstable();
            list.dedup();
        }
        for per_table in rows.values_mut() {
            for (_, days) in per_table.iter_mut() {
                days.sort_unstable();
                days.dedup();
            }
        }
        let tables = table_of
            .into_iter()
            .map(|(id, t)| (id.to_owned(), t))
            .collect();
        Editions {
            editions,
            tables,
            rows,
            claims,
        }
    }

    /// The latest edition of the table `source` on or before `day`;
    /// `None` before its first, or for a source that is no table.
    pub(crate) fn latest(&self, source: &str, day: Day) -> Option<Day> {
        let editions = self.editions.get(*self.tables.get(source)?)?;
        editions
            .partition_point(|&e| e <= day)
            .checked_sub(1)
            .and_then(|i| editions.get(i))
            .copied()
    }

    /// The observations of `key` dated from `day` (deployment indices).
    pub(crate) fn claims(&self, key: &Key, day: Day) -> &[usize] {
        self.claims
            .get(key)
            .and_then(|by_day| by_day.get(&day))
            .map_or(&[], Vec::as_slice)
    }

    /// The first edition after `seen` of the tables that list the figure
    /// of `key` (the earliest among them): the day its source next spoke.
    /// A figure is as fresh as its source's cadence allows until then, so
    /// staleness counts from it: quarterly reports with gaps of two or
    /// three quarters do not make their figures stale after 180 days.
    pub(crate) fn next_edition(&self, key: &Key, seen: Day) -> Option<Day> {
        self.rows
            .get(key)?
            .iter()
            .filter_map(|(t, _)| {
                let editions = self.editions.get(*t)?;
                editions
                    .get(editions.partition_point(|&e| e <= seen))
                    .copied()
            })
            .min()
    }

    /// The day the figure of `key` stopped being listed, if by `day` every
    /// table that listed it has published an edition without it after its
    /// last row; `None` while it is current (or comes from no table).
    pub(crate) fn ended(&self, key: &Key, day: Day) -> Option<Day> {
        let per_table = self.rows.get(key)?;
        let mut ended: Option<Day> = None;
        let mut listed = false;
        for (t, days) in per_table {
            // Its last row on or before the day, in this table.
            let Some(&last) = days
                .partition_point(|&d| d <= day)
                .checked_sub(1)
                .and_then(|i| days.get(i))
            else {
                // Not listed by this table yet.
                continue;
            };
            listed = true;
            let editions = self.editions.get(*t)?;
            // The first edition after that row, if published by the day.
            let next = editions
                .get(editions.partition_point(|&e| e <= last))
                .copied()
                .filter(|&e| e <= day)?;
            ended = Some(ended.map_or(next, |e| e.max(next)));
        }
        ended.filter(|_| listed)
    }
}
