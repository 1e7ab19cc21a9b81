//! An imported table's file, read once: it must lie in the folder the
//! user named (opened once and checked as opened, see `csv::confine`),
//! be at most a given size, and be UTF-8.

use std::path::Path;

use crate::csv::confine::{open_inside, read_limited, ReadError, Refused};
use crate::csv::{LoadError, Position, Problem, ProblemKind};

/// Reads `name` from `dir` as `(label, text)`: the label is the path as
/// shown in every problem and citation.
///
/// # Errors
///
/// [`LoadError`] when the file is missing, outside `dir` once links are
/// resolved, not a regular file, larger than `max_bytes` or not UTF-8.
pub(crate) fn read_table_file(
    dir: &Path,
    name: &str,
    max_bytes: u64,
) -> Result<(String, String), LoadError> {
    let allowed = [dir.to_path_buf()];
    let path = dir.join(name);
    let label = path.display().to_string();
    let fail = |kind: ProblemKind| LoadError::one(Problem::new(Position::file(&label), kind));
    let io = |message: String| fail(ProblemKind::Io { message });
    let (file, _) = open_inside(&path, &allowed).map_err(|refused| match refused {
        Refused::Missing => io("no such file".to_owned()),
        other => io(format!("refused: {}", other.describe(&allowed))),
    })?;
    let bytes = read_limited(file, max_bytes).map_err(|e| match e {
        ReadError::TooLarge(limit) => fail(ProblemKind::Limit {
            what: "bytes",
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
        }),
        ReadError::Io(reason) => io(reason),
    })?;
    let text = utf8(&label, bytes)?;
    Ok((label, text))
}

fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let upto = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count();
        LoadError::one(Problem::new(
            Position::line(file, line as u64),
            ProblemKind::Csv {
                message: "found a byte that is not UTF-8".to_owned(),
            },
        ))
    })
}

/// Refuses a text holding a NUL byte (a binary or UTF-16 file), naming
/// where, so that no "verbatim" quote ever carries one.
pub(crate) fn refuse_nul(file: &str, text: &str) -> Result<(), LoadError> {
    let Some(at) = text.find('\0') else {
        return Ok(());
    };
    let before = text.get(..at).unwrap_or_default();
    let line = 1 + before.matches('\n').count();
    let byte = 1 + before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    Err(LoadError::one(Problem::new(
        Position::line(file, line as u64),
        ProblemKind::NulByte { byte },
    )))
}

/// The problems the reading path found in the CSV itself (a quote never
/// closed, a line over the limit), as the import's error.
pub(crate) fn csv_problems(problems: crate::csv::read::Problems) -> Result<(), LoadError> {
    if problems.list.is_empty() {
        return Ok(());
    }
    Err(LoadError::new(problems.list, problems.truncated))
}

/// The position of a column the importer needs: an error naming the
/// header when it lacks the column, or names it twice (which of the two
/// is meant cannot be known).
pub(crate) fn column(
    header: &csv::StringRecord,
    file: &str,
    name: &str,
) -> Result<usize, LoadError> {
    let mut at = header.iter().enumerate().filter(|(_, h)| *h == name);
    let problem = |kind: ProblemKind| LoadError::one(Problem::new(Position::line(file, 1), kind));
    match (at.next(), at.next()) {
        (Some((i, _)), None) => Ok(i),
        (None, _) => Err(problem(ProblemKind::MissingColumn {
            column: name.to_owned(),
        })),
        (Some(_), Some(_)) => Err(problem(ProblemKind::DuplicateColumn {
            column: name.to_owned(),
        })),
    }
}

/// A row whose width is not the header's (a quote never closed, a cell
/// too many or too few) or with a cell over the limit: left out, with a
/// warning naming its line.
pub(crate) fn shape(
    file: &str,
    line: usize,
    header: &csv::StringRecord,
    record: &csv::StringRecord,
) -> Option<Problem> {
    crate::csv::read::shape_problem(file, line as u64, header, record)
        .map(|p| p.with_severity(crate::severity::Severity::Warning))
}
