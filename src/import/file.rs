//! An imported table's file, read once: it must lie in the folder the
//! user named (opened once and checked as opened, see `csv::confine`),
//! be at most a given size, and be UTF-8.

use std::path::Path;

use crate::csv::confine::{open_inside, read_limited, ReadError, Refused};
use crate::import::ImportError;

/// Reads `name` from `dir` as `(label, text)`: the label is the path as
/// shown in every problem and citation.
///
/// # Errors
///
/// [`ImportError`] when the file is missing, outside `dir` once links are
/// resolved, not a regular file, larger than `max_bytes` or not UTF-8.
pub(crate) fn read_table_file(
    dir: &Path,
    name: &str,
    max_bytes: u64,
) -> Result<(String, String), ImportError> {
    let allowed = [dir.to_path_buf()];
    let path = dir.join(name);
    let label = path.display().to_string();
    let (file, _) = open_inside(&path, &allowed).map_err(|refused| match refused {
        Refused::Missing => ImportError::Io {
            path: path.clone(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        },
        other => ImportError::Refused {
            file: label.clone(),
            reason: other.describe(&allowed),
        },
    })?;
    let bytes = read_limited(file, max_bytes).map_err(|e| match e {
        ReadError::TooLarge(limit) => ImportError::TooLarge {
            file: label.clone(),
            limit,
        },
        ReadError::Io(reason) => ImportError::Refused {
            file: label.clone(),
            reason,
        },
    })?;
    let text = utf8(&label, bytes)?;
    Ok((label, text))
}

fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|e| {
        let upto = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count();
        ImportError::NotUtf8 {
            file: file.to_owned(),
            line,
        }
    })
}

/// Refuses a text holding a NUL byte (a binary or UTF-16 file), naming
/// where, so that no "verbatim" quote ever carries one.
pub(crate) fn refuse_nul(file: &str, text: &str) -> Result<(), ImportError> {
    let Some(at) = text.find('\0') else {
        return Ok(());
    };
    let before = text.get(..at).unwrap_or_default();
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    Err(ImportError::Nul {
        file: file.to_owned(),
        line,
        column,
    })
}

/// The first problem the reading path found in the CSV itself (a quote
/// never closed, a line over the limit), as the import's error.
pub(crate) fn csv_problems(
    file: &str,
    problems: &crate::csv::read::Problems,
) -> Result<(), ImportError> {
    let Some(p) = problems.list.first() else {
        return Ok(());
    };
    Err(ImportError::Csv {
        file: file.to_owned(),
        line: p
            .position()
            .line_number()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(1),
        message: p.kind().to_string(),
    })
}
