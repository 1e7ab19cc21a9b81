//! Outputs never overwrite inputs: the folders the data was read from,
//! and the checks every output path passes before anything is written.

use std::path::{Path, PathBuf};

use crate::args::DataArgs;
use crate::output::Failure;

/// The folders the data was read from (the data folder, article folders,
/// troopdata's folder), resolved; none for the bundled data.
pub fn folders(args: &DataArgs) -> Vec<PathBuf> {
    args.data
        .iter()
        .chain(&args.troopdata)
        .chain(&args.ipi)
        .chain(&args.articles)
        .filter_map(|p| p.canonicalize().ok())
        .collect()
}

/// `path` with every link resolved, for as much of it as exists (the rest
/// appended as written).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuses an output folder that lies inside, or holds, a folder the data
/// was read from: writing there could replace the input.
pub fn check_folder(out: &Path, inputs: &[PathBuf]) -> Result<(), Failure> {
    let real = resolved(out);
    for input in inputs {
        if real.starts_with(input) || input.starts_with(&real) {
            return Err(Failure::Usage(format!(
                "--out {}: refused: it {} {}, which the data was read from; \
                 writing there could replace the input. Choose another folder",
                out.display(),
                if real.starts_with(input) {
                    "lies inside"
                } else {
                    "holds"
                },
                input.display()
            )));
        }
    }
    Ok(())
}

/// Refuses an output file inside a folder the data was read from.
pub fn check_file(out: &Path, inputs: &[PathBuf]) -> Result<(), Failure> {
    let real = resolved(out);
    match inputs.iter().find(|input| real.starts_with(input)) {
        Some(input) => Err(Failure::Usage(format!(
            "--out {}: refused: it lies inside {}, which the data was read from; \
             writing there could replace an input. Choose another place",
            out.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// Refuses to replace files that exist, unless `force`.
pub fn check_new(paths: &[PathBuf], force: bool) -> Result<(), Failure> {
    if force {
        return Ok(());
    }
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(Failure::Usage(format!(
        "{} already exist{}: give --force to replace {}",
        existing.join(", "),
        if existing.len() == 1 { "s" } else { "" },
        if existing.len() == 1 { "it" } else { "them" }
    )))
}
