//! A problem of the input with its place and severity ([`Problem`], the
//! one type of the loader and of every import), and a load that failed
//! with its problems ([`LoadError`]).

use std::fmt;

use crate::csv::error::ProblemKind;
use crate::severity::Severity;

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

/// One problem in the input: where, what, and how bad. The one type of
/// the loader (every problem an error: nothing is loaded) and of every
/// import (an error stops it; a row left out is a warning; a row read
/// with a caveat, a note).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {kind}")]
pub struct Problem {
    position: Position,
    kind: ProblemKind,
    severity: Severity,
}

impl Problem {
    /// An error: the input cannot be loaded.
    pub(crate) fn new(position: Position, kind: impl Into<ProblemKind>) -> Problem {
        Problem {
            position,
            kind: kind.into(),
            severity: Severity::Error,
        }
    }

    /// The same problem with another severity.
    pub(crate) fn with_severity(mut self, severity: Severity) -> Problem {
        self.severity = severity;
        self
    }

    /// How bad it is: an error stopped the load or the import; a warning
    /// or a note is a row an import left out or read with a caveat.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The stable id of its kind ([`ProblemKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Whether the rows it names were left out of the records (an import
    /// goes on without them); else they were imported as the message
    /// says, or, for an error, nothing was.
    pub fn leaves_out_rows(&self) -> bool {
        self.severity != Severity::Error
            && matches!(
                self.kind,
                ProblemKind::NoCountryCode { .. }
                    | ProblemKind::BadCell { .. }
                    | ProblemKind::UnknownMission { .. }
                    | ProblemKind::Repeated { .. }
                    | ProblemKind::ColumnCount { .. }
                    | ProblemKind::Limit { .. }
            )
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

/// A problem in JSON: `{"severity", "code", "file", "line", "column",
/// "message"}`, the line and column `null` where the problem has none,
/// the message the problem's words without its position.
impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Problem", 6)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("file", self.position.file_name())?;
        out.serialize_field("line", &self.position.line_number())?;
        out.serialize_field("column", &self.position.column())?;
        out.serialize_field("message", &self.kind.to_string())?;
        out.end()
    }
}

/// A dataset (a data folder, or an imported table) that could not be
/// loaded, with every problem found (up to
/// [`LoadError::MAX_PROBLEMS`]), one per line when displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
    truncated: bool,
}

impl LoadError {
    /// How many problems are collected before loading stops.
    pub const MAX_PROBLEMS: usize = 100;

    /// The error of one problem.
    pub(crate) fn one(problem: Problem) -> LoadError {
        LoadError::new(vec![problem], false)
    }

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
