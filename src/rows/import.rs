//! What an import gave: rows read by how they were read, rows left out,
//! and what the checks of the rows found, per table.

use std::collections::BTreeMap;

use crate::csv::Problem;
use crate::import::TableCounts;
use crate::rows::row;

row! {
    /// One count of an imported table: how many of its rows were read one
    /// way (`reported`, `not_reported`, `estimate`, … for troopdata;
    /// `troops`, `not_troops`, `total` for the UN's table), left out
    /// (`left_out`), or drew a problem of one kind (`problem:bad-cell`).
    pub struct ImportCount {
        /// The table's file, as named to the importer.
        pub file: String,
        /// How the rows were read, `left_out`, or `problem:<code>`.
        pub reading: String,
        /// How many rows.
        pub rows: u64,
    }
}

/// Each table's counts: its readings, the rows it left out, then its
/// problems by code.
pub fn import_counts(tables: &[TableCounts], problems: &[Problem]) -> Vec<ImportCount> {
    let mut out = Vec::new();
    for t in tables {
        let count = |reading: String, rows: usize| ImportCount {
            file: t.file.clone(),
            reading,
            rows: rows as u64,
        };
        out.extend(t.by_reading.iter().map(|(r, n)| count(r.clone(), *n)));
        out.push(count("left_out".into(), t.rows.saturating_sub(t.imported)));
        let mut found: BTreeMap<&str, usize> = BTreeMap::new();
        for p in problems {
            if p.position().file_name() == t.file {
                *found.entry(p.code()).or_default() += 1;
            }
        }
        out.extend(
            found
                .into_iter()
                .map(|(code, n)| count(format!("problem:{code}"), n)),
        );
    }
    out
}
