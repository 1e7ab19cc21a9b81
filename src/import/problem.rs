//! An import's problems are the loader's [`Problem`]s: one type with a
//! position and a severity. A file that cannot be read at all is a
//! [`LoadError`](crate::LoadError) (nothing is imported); a row that
//! cannot become a record is a warning, one read with a caveat a note,
//! and the import goes on.

use crate::csv::{Position, Problem, ProblemKind};
use crate::severity::Severity;

/// How bad a row's problem is: a row left out, or a whole that does not
/// fit its parts, is a warning (a figure is missing or in question); a
/// row read with a caveat (a duplicate read as a competing claim, a
/// stray character taken off) is a note.
fn severity(kind: &ProblemKind) -> Severity {
    match kind {
        ProblemKind::DuplicateKey { .. }
        | ProblemKind::Repeated { .. }
        | ProblemKind::StrayCharacter { .. } => Severity::Note,
        _ => Severity::Warning,
    }
}

/// A problem of a row of `file`, at `line`.
pub(crate) fn at_row(file: &str, line: usize, kind: ProblemKind) -> Problem {
    let severity = severity(&kind);
    Problem::new(Position::line(file, line as u64), kind).with_severity(severity)
}

/// A problem of one cell: its row and column.
pub(crate) fn at_cell(file: &str, line: usize, column: &str, kind: ProblemKind) -> Problem {
    let severity = severity(&kind);
    Problem::new(Position::cell(file, line as u64, column), kind).with_severity(severity)
}

/// A cell that cannot be read: which column, what was expected, what was
/// found.
pub(crate) fn bad(column: &'static str, expected: &'static str, found: &str) -> BadCell {
    BadCell {
        column,
        kind: ProblemKind::BadCell {
            expected,
            found: found.to_owned(),
        },
    }
}

/// Why a row could not be read: a problem, and the column it is in (if
/// one), placed at a line by [`BadCell::at`].
#[derive(Debug)]
pub(crate) struct BadCell {
    /// The column, or empty for the row as a whole.
    pub(crate) column: &'static str,
    /// What is wrong.
    pub(crate) kind: ProblemKind,
}

impl BadCell {
    /// The row's problem for the whole row (no column).
    pub(crate) fn row(kind: ProblemKind) -> BadCell {
        BadCell { column: "", kind }
    }

    /// The problem, at its line.
    pub(crate) fn at(self, file: &str, line: usize) -> Problem {
        if self.column.is_empty() {
            at_row(file, line, self.kind)
        } else {
            at_cell(file, line, self.column, self.kind)
        }
    }
}
