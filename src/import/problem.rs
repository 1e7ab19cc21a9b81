//! What can go wrong in an import: a file that cannot be read at all
//! ([`ImportError`]), or a row that cannot become a record
//! ([`RowProblem`], reported and the import goes on).

use std::fmt;
use std::path::PathBuf;

/// Why a table could not be imported at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file is not one the import may read: outside the folder once
    /// links are resolved, not a regular file, or hard-linked. Its
    /// contents are not shown.
    #[error("{file}: refused: {reason}")]
    Refused {
        /// The file.
        file: String,
        /// Why, in words.
        reason: String,
    },
    /// The file is larger than [`troopdata::MAX_TABLE_BYTES`](crate::import::troopdata::MAX_TABLE_BYTES).
    #[error("{file} is larger than {limit} bytes")]
    TooLarge {
        /// The file.
        file: String,
        /// The limit.
        limit: u64,
    },
    /// The file holds a NUL byte.
    #[error("{file} line {line}: expected text, found a NUL byte at byte {column} of the line")]
    Nul {
        /// The file.
        file: String,
        /// The line.
        line: usize,
        /// The byte of the line (from 1).
        column: usize,
    },
    /// The file is not UTF-8.
    #[error("{file} line {line}: expected UTF-8 text, found a byte that is not")]
    NotUtf8 {
        /// The file.
        file: String,
        /// The line of the first bad byte.
        line: usize,
    },
    /// The header lacks a column the import needs.
    #[error("{file} line 1: expected a column {column:?} in the header")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column.
        column: &'static str,
    },
    /// The table has no row with a readable year and month, so it cannot
    /// be dated as a source.
    #[error("{file}: expected at least one row with a year and a month")]
    NoDatedRow {
        /// The file.
        file: String,
    },
    /// The CSV itself is malformed (a quote left open, a row with too
    /// many cells).
    #[error("{file} line {line}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The line.
        line: usize,
        /// What the CSV reader found.
        message: String,
    },
}

/// A row that did not become a record, or did with a caveat; the import
/// goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The file, as named to the importer.
    pub file: String,
    /// The row's line (the header is line 1).
    pub line: usize,
    /// What is wrong.
    pub kind: RowProblemKind,
}

/// What is wrong with a row.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowProblemKind {
    /// No ISO country code (`NA` or empty): the row names a place the
    /// records cannot hold (a territory, a former state, a region). Not
    /// imported.
    NoCountryCode {
        /// The place as the row names it.
        place: String,
    },
    /// A cell that cannot be read. Not imported.
    BadCell {
        /// The column.
        column: &'static str,
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// A name or code ending in a character that belongs to no name (the
    /// UN table's apostrophe after every name, code and mission of its
    /// 2014 months): read without it. Said once for all the rows.
    StrayCharacter {
        /// The column.
        column: &'static str,
        /// The character.
        character: char,
        /// How many rows.
        rows: usize,
        /// The first of their lines.
        first_lines: Vec<usize>,
    },
    /// A mission the reference table of missions does not hold. Not
    /// imported.
    UnknownMission {
        /// The mission as the row names it.
        mission: String,
    },
    /// Rows that repeat an earlier row cell for cell: read once. Said
    /// once for all of them.
    Repeated {
        /// How many rows.
        rows: usize,
        /// The first of them: (line, the line it repeats).
        first: Vec<(usize, usize)>,
        /// The line the first repeats.
        of: usize,
    },
    /// A whole the table states that its parts do not add up to (male +
    /// female against a total, a country's missions against its `all`
    /// row, the countries against the grand total). Imported as stated.
    PartsAndWhole {
        /// Which parts, of what.
        what: String,
        /// Their sum.
        parts: u64,
        /// The whole as stated.
        whole: u64,
        /// The whole's line.
        whole_line: usize,
    },
    /// A second row for a country and quarter already given by an earlier
    /// row of the same table. Imported (as a competing claim).
    DuplicateKey {
        /// The line of the first row.
        first_line: usize,
        /// Country and quarter: `RUS 1992-09`.
        key: String,
    },
}

impl RowProblem {
    /// Whether the row was left out of the records (else it was
    /// imported with the caveat).
    pub fn is_dropped(&self) -> bool {
        matches!(
            self.kind,
            RowProblemKind::NoCountryCode { .. }
                | RowProblemKind::BadCell { .. }
                | RowProblemKind::UnknownMission { .. }
                | RowProblemKind::Repeated { .. }
        )
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: ", self.file, self.line)?;
        match &self.kind {
            RowProblemKind::NoCountryCode { place } => write!(
                f,
                "no ISO country code for {place:?}; the row is not imported"
            ),
            RowProblemKind::BadCell {
                column,
                expected,
                found,
            } => write!(
                f,
                "column {column}: expected {expected}, found {found:?}; the row is not imported"
            ),
            RowProblemKind::DuplicateKey { first_line, key } => write!(
                f,
                "{key} is also given on line {first_line} of the same table; both are imported, as competing claims"
            ),
            RowProblemKind::StrayCharacter {
                column,
                character,
                rows,
                first_lines,
            } => write!(
                f,
                "column {column}: {rows} rows end in a stray {character:?} (lines {}); read without it",
                lines(first_lines.iter().copied(), *rows)
            ),
            RowProblemKind::UnknownMission { mission } => write!(
                f,
                "expected a mission of the reference table (data/un_missions.csv), found {mission:?}; the row is not imported"
            ),
            RowProblemKind::Repeated { rows, first, of } => write!(
                f,
                "{rows} rows repeat an earlier row cell for cell (this one repeats line {of}; lines {}); each is read once",
                lines(first.iter().map(|(l, _)| *l), *rows)
            ),
            RowProblemKind::PartsAndWhole {
                what,
                parts,
                whole,
                ..
            } => write!(
                f,
                "{what} add up to {parts}, but the table states {whole}; imported as stated"
            ),
        }
    }
}

/// `3, 5, 9, …` for the first lines of `total` rows.
fn lines(first: impl Iterator<Item = usize>, total: usize) -> String {
    let shown: Vec<String> = first.map(|l| l.to_string()).collect();
    let more = if total > shown.len() { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// A cell that cannot be read: which column, what was expected, what was
/// found.
pub(crate) fn bad(column: &'static str, expected: &'static str, found: &str) -> RowProblemKind {
    RowProblemKind::BadCell {
        column,
        expected,
        found: found.to_owned(),
    }
}
