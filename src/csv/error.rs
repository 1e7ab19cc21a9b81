//! Load errors that say where the problem is and what was expected.

use std::fmt;

use crate::date::DateError;
use crate::deployment::RelativeError;
use crate::event::{EventKindError, UnitError};
use crate::id::IdError;
use crate::location::LocationError;
use crate::nation::NationCodeError;
use crate::relocation::{RelocationError, StatusError};
use crate::share::ShareError;
use crate::strength::StrengthError;

/// Where a problem is: a file, and when known a line and a column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    file: String,
    line: Option<u64>,
    column: Option<String>,
}

impl Position {
    pub(crate) fn file(file: &str) -> Position {
        Position {
            file: file.to_owned(),
            line: None,
            column: None,
        }
    }

    pub(crate) fn line(file: &str, line: u64) -> Position {
        Position {
            file: file.to_owned(),
            line: Some(line),
            column: None,
        }
    }

    pub(crate) fn cell(file: &str, line: u64, column: &str) -> Position {
        Position {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column.to_owned()),
        }
    }

    /// The file, as named in the data folder (`deployments.csv`) or with the
    /// folder's path when loaded from disk.
    pub fn file_name(&self) -> &str {
        &self.file
    }

    /// The 1-based line, when the problem is in a row.
    pub fn line_number(&self) -> Option<u64> {
        self.line
    }

    /// The column's header name, when the problem is in a cell.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, " line {l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        Ok(())
    }
}

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
}

/// One problem in the input: where, and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {kind}")]
pub struct Problem {
    position: Position,
    kind: ProblemKind,
}

impl Problem {
    pub(crate) fn new(position: Position, kind: impl Into<ProblemKind>) -> Problem {
        Problem {
            position,
            kind: kind.into(),
        }
    }

    /// Where the problem is.
    pub fn position(&self) -> &Position {
        &self.position
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }
}

/// A dataset that could not be loaded, with every problem found (up to
/// [`LoadError::MAX_PROBLEMS`]), one per line when displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
    truncated: bool,
}

impl LoadError {
    /// How many problems are collected before loading stops.
    pub const MAX_PROBLEMS: usize = 100;

    pub(crate) fn new(problems: Vec<Problem>, truncated: bool) -> LoadError {
        LoadError {
            problems,
            truncated,
        }
    }

    /// The problems, in the order found (file by file, line by line).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The first problem.
    pub fn first(&self) -> Option<&Problem> {
        self.problems.first()
    }

    /// Whether more problems existed than were collected.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if self.truncated {
            write!(
                f,
                "\n(stopped after {} problems; fix these and load again)",
                self.problems.len()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
