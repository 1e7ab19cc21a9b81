//! What can be wrong with the input, without where: a cell that cannot
//! be read ([`FieldError`]), and every kind of problem ([`ProblemKind`]).

use crate::date::DateError;
use crate::deployment::RelativeError;
use crate::event::{EventKindError, UnitError};
use crate::id::IdError;
use crate::location::LocationError;
use crate::nation::NationCodeError;
use crate::relocation::{RelocationError, StatusError};
use crate::share::ShareError;
use crate::strength::StrengthError;

/// Why a cell's text could not be read as its column's type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// A required cell is empty.
    #[error("expected a value, found an empty cell")]
    Required,
    /// A head-count notation.
    #[error(transparent)]
    Strength(#[from] StrengthError),
    /// A date notation.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A nation code.
    #[error(transparent)]
    Nation(#[from] NationCodeError),
    /// A location.
    #[error(transparent)]
    Location(#[from] LocationError),
    /// An identifier.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A share such as `1/2`.
    #[error(transparent)]
    Share(#[from] ShareError),
    /// A `before:ID` / `after:ID` cell.
    #[error(transparent)]
    RelativeTo(#[from] RelativeError),
    /// A relocation status.
    #[error(transparent)]
    Status(#[from] StatusError),
    /// An event kind.
    #[error(transparent)]
    EventKind(#[from] EventKindError),
    /// A unit.
    #[error(transparent)]
    EventUnit(#[from] UnitError),
    /// Free text holding a NUL byte, which no spreadsheet or article
    /// holds and which several programs cut text at.
    #[error("expected text without NUL bytes, found one after {before} characters")]
    Nul {
        /// How many characters come before the first NUL byte.
        before: usize,
    },
    /// A yes/no cell.
    #[error("expected yes, no or an empty cell (not stated), found {found:?}")]
    Bool {
        /// The text that was found.
        found: String,
    },
}

/// What is wrong, without where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A file could not be read.
    #[error("cannot read the file: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
    /// A required file is missing.
    #[error("expected this file in the data folder, found none")]
    MissingFile,
    /// The file has no header row.
    #[error("expected a header row, found an empty file")]
    Empty,
    /// The header lacks a required column.
    #[error("expected a column named {column:?} in the header, found none")]
    MissingColumn {
        /// The missing column.
        column: String,
    },
    /// The header has a column the schema does not know.
    #[error("unexpected column {column:?}: expected only {expected}")]
    UnexpectedColumn {
        /// The column that was found.
        column: String,
        /// The schema's columns.
        expected: String,
    },
    /// The header names a column twice.
    #[error("expected each column once, found {column:?} twice")]
    DuplicateColumn {
        /// The repeated column.
        column: String,
    },
    /// The first row names none of the schema's columns.
    #[error(
        "expected a header row naming the columns ({expected}), found a row starting {found:?}"
    )]
    MissingHeader {
        /// The schema's columns.
        expected: String,
        /// The start of the row that was found.
        found: String,
    },
    /// A row has the wrong number of fields.
    #[error("expected {expected} fields as in the header, found {found}{}", if *runaway_quote { " (a field runs across lines: a quote is probably not closed)" } else { "" })]
    ColumnCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
        /// Whether a field spans several lines, the mark of an unclosed
        /// quote.
        runaway_quote: bool,
    },
    /// The CSV itself is malformed (bad UTF-8, say).
    #[error("expected well-formed UTF-8 CSV: {message}")]
    Csv {
        /// The CSV reader's message.
        message: String,
    },
    /// A cell could not be read.
    #[error(transparent)]
    Field(#[from] FieldError),
    /// A relocation's cells contradict each other.
    #[error(transparent)]
    Relocation(#[from] RelocationError),
    /// The data folder itself is missing.
    #[error("expected a data folder, found no such folder")]
    NoSuchFolder,
    /// An article path that leaves the folders articles may be read from.
    #[error("expected an article inside {allowed}, found {path:?}, which is outside; to read articles kept elsewhere, allow their folder (LoadOptions::allow_articles_in, or --articles DIR in the examples)")]
    ArticleOutside {
        /// The path as written in `sources.csv`.
        path: String,
        /// The folders articles may be read from.
        allowed: String,
    },
    /// An article path that names a folder, a device, a pipe or a socket.
    #[error("expected an article that is a regular file, found {path:?}, which is not")]
    ArticleNotAFile {
        /// The path as written in `sources.csv`.
        path: String,
    },
    /// A cell names something that does not exist.
    #[error("expected a known {kind}, found {found:?}")]
    UnknownReference {
        /// What kind of thing (`nation`, `mission`, `source`, `relocation`,
        /// `event`).
        kind: &'static str,
        /// The text that was found.
        found: String,
    },
    /// An id already used elsewhere in the dataset.
    #[error("expected a unique id, found {id:?} already used at {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first used.
        first: String,
    },
    /// A quote that is not a verbatim substring of its source.
    #[error("expected a verbatim quote from source {source_id}, found text that is not in it: {quote:?}")]
    QuoteNotInSource {
        /// The cited source.
        source_id: String,
        /// The quote.
        quote: String,
    },
    /// Figure words that are not part of the quote.
    #[error("expected words that appear in the quote, found {words:?}")]
    WordsNotInQuote {
        /// The words.
        words: String,
    },
    /// A row that breaks a rule linking its cells.
    #[error("expected {expected}, found {found}")]
    Inconsistent {
        /// What the schema requires.
        expected: String,
        /// What the row has.
        found: String,
    },
    /// A limit of the loader was reached.
    #[error("expected at most {limit} {what}, found more")]
    Limit {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A NUL byte in a table (a binary or UTF-16 file): refused, so that
    /// no "verbatim" quote ever carries one.
    #[error("expected text, found a NUL byte at byte {byte} of the line")]
    NulByte {
        /// The byte of the line (from 1).
        byte: usize,
    },
    /// An imported table with no row whose date can be read, so that the
    /// table cannot be dated as a source.
    #[error("expected at least one row with a year and a month, found none")]
    NoDatedRow,
    /// A row of an imported table without an ISO country code (`NA` or
    /// empty): it names a place the records cannot hold (a territory, a
    /// former state, a region). Not imported.
    #[error("expected an ISO country code, found none for {place:?}; the row is not imported")]
    NoCountryCode {
        /// The place as the row names it.
        place: String,
    },
    /// A cell of an imported table that cannot be read (the position
    /// names its column). Not imported.
    #[error("expected {expected}, found {found:?}; the row is not imported")]
    BadCell {
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// Names or codes of an imported table ending in a character that
    /// belongs to no name (the UN table's apostrophe after every name,
    /// code and mission of its 2014 months): read without it. Said once
    /// for all the rows, at the first.
    #[error("{rows} rows end in a stray {character:?} (lines {}); read without it", lines(first_lines.iter().copied(), *rows))]
    StrayCharacter {
        /// The character.
        character: char,
        /// How many rows.
        rows: usize,
        /// The first of their lines.
        first_lines: Vec<usize>,
    },
    /// A mission the reference table of missions does not hold. Not
    /// imported.
    #[error("expected a mission of the reference table (data/un_missions.csv), found {mission:?}; the row is not imported")]
    UnknownMission {
        /// The mission as the row names it.
        mission: String,
    },
    /// Rows that repeat an earlier row cell for cell: each read once.
    /// Said once for all of them, at the first.
    #[error("{rows} rows repeat an earlier row cell for cell (this one repeats line {of}; lines {}); each is read once", lines(first.iter().map(|(l, _)| *l), *rows))]
    Repeated {
        /// How many rows.
        rows: usize,
        /// The first of them: (line, the line it repeats).
        first: Vec<(usize, usize)>,
        /// The line the first repeats.
        of: usize,
    },
    /// A whole a row states that its own parts do not add up to (male +
    /// female against a total). Imported as stated.
    #[error("{what} add up to {parts}, but the table states {whole}; imported as stated")]
    PartsAndWhole {
        /// Which parts, of what.
        what: String,
        /// Their sum.
        parts: u64,
        /// The whole as stated.
        whole: u64,
    },
    /// A second row of an imported table for a key (a country and
    /// quarter, a contributor, mission and month) an earlier row already
    /// gave, with other figures. Imported, as a competing claim.
    #[error("{key} is also given on line {first_line} of the same table; both are imported, as competing claims")]
    DuplicateKey {
        /// The line of the first row.
        first_line: usize,
        /// The key: `RUS 1992-09`.
        key: String,
    },
}

impl ProblemKind {
    /// A stable id of the kind, for exports and filters:
    /// `no-country-code`, `bad-cell`, `column-count`, …
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::Io { .. } => "io",
            ProblemKind::MissingFile => "missing-file",
            ProblemKind::Empty => "empty",
            ProblemKind::MissingColumn { .. } => "missing-column",
            ProblemKind::UnexpectedColumn { .. } => "unexpected-column",
            ProblemKind::DuplicateColumn { .. } => "duplicate-column",
            ProblemKind::MissingHeader { .. } => "missing-header",
            ProblemKind::ColumnCount { .. } => "column-count",
            ProblemKind::Csv { .. } => "malformed-csv",
            ProblemKind::Field(_) => "bad-field",
            ProblemKind::Relocation(_) => "bad-relocation",
            ProblemKind::NoSuchFolder => "no-such-folder",
            ProblemKind::ArticleOutside { .. } => "article-outside",
            ProblemKind::ArticleNotAFile { .. } => "article-not-a-file",
            ProblemKind::UnknownReference { .. } => "unknown-reference",
            ProblemKind::DuplicateId { .. } => "duplicate-id",
            ProblemKind::QuoteNotInSource { .. } => "quote-not-in-source",
            ProblemKind::WordsNotInQuote { .. } => "words-not-in-quote",
            ProblemKind::Inconsistent { .. } => "inconsistent",
            ProblemKind::Limit { .. } => "limit",
            ProblemKind::NulByte { .. } => "nul-byte",
            ProblemKind::NoDatedRow => "no-dated-row",
            ProblemKind::NoCountryCode { .. } => "no-country-code",
            ProblemKind::BadCell { .. } => "bad-cell",
            ProblemKind::StrayCharacter { .. } => "stray-character",
            ProblemKind::UnknownMission { .. } => "unknown-mission",
            ProblemKind::Repeated { .. } => "repeated-row",
            ProblemKind::PartsAndWhole { .. } => "parts-and-whole",
            ProblemKind::DuplicateKey { .. } => "duplicate-key",
        }
    }
}

/// `3, 5, 9, …` for the first lines of `total` rows.
fn lines(first: impl Iterator<Item = usize>, total: usize) -> String {
    let shown: Vec<String> = first.map(|l| l.to_string()).collect();
    let more = if total > shown.len() { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}
