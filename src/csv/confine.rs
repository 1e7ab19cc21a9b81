//! Opening a file so that what is read is what was checked.
//!
//! Every file the loader and the importers read — tables, articles,
//! imported tables — is opened here, once: the handle is opened first
//! (without blocking on a pipe), then the handle itself is checked — a
//! regular file, one name only, and its real path inside an allowed
//! folder — and the caller reads through that handle, within a byte
//! limit. Nothing is opened a second time by path, so swapping a file for
//! a link between the check and the read changes nothing: the check is of
//! the file that is read.
//!
//! The real path of an open file comes from the kernel
//! (`/proc/self/fd/N` on Linux). Where that is not available, the path is
//! resolved by name and the file found there must be the one that was
//! opened (same device and inode); a folder swapped for a link between
//! those two steps could then still mislead it, which Linux rules out.
//!
//! A file with more than one hard link is refused: a second name inside
//! the folder for a file that lives outside cannot be told apart from a
//! file of the folder (both names are equal), so a folder from someone
//! else could otherwise reach any file its author could link. Copy such a
//! file instead.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file was not opened.
#[derive(Debug)]
pub(crate) enum Refused {
    /// No file by that name.
    Missing,
    /// Its real path lies outside every allowed folder (or it changed
    /// while being opened).
    Outside,
    /// A folder, pipe, device or socket.
    NotAFile,
    /// More than one hard link.
    Linked(u64),
    /// The system refused (permissions, a link loop): its message.
    Io(String),
}

impl Refused {
    /// The reason in words, for a message that names the file.
    pub(crate) fn describe(&self, allowed: &[PathBuf]) -> String {
        match self {
            Refused::Missing => "no such file".to_owned(),
            Refused::Outside => format!(
                "it lies outside {} once links are resolved",
                folders(allowed)
            ),
            Refused::NotAFile => {
                "expected a regular file, found a folder, pipe, device or socket".to_owned()
            }
            Refused::Linked(n) => format!(
                "it has {n} hard links, and a hard link cannot be told apart from a file \
                 outside the folder: copy it instead"
            ),
            Refused::Io(m) => m.clone(),
        }
    }
}

/// The allowed folders in words: `A or B`.
pub(crate) fn folders(allowed: &[PathBuf]) -> String {
    allowed
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Opens `path` for reading if it is a regular file with one name whose
/// real path lies inside one of `allowed` (each resolved itself).
/// Returns the file and its size when opened.
pub(crate) fn open_inside(path: &Path, allowed: &[PathBuf]) -> Result<(File, u64), Refused> {
    let file = open_nonblocking(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refused::Missing,
        _ => Refused::Io(e.to_string()),
    })?;
    let meta = file.metadata().map_err(|e| Refused::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(Refused::NotAFile);
    }
    let links = link_count(&meta);
    if links > 1 {
        return Err(Refused::Linked(links));
    }
    let real = real_path(&file, path, &meta).ok_or(Refused::Outside)?;
    let inside = allowed
        .iter()
        .filter_map(|a| a.canonicalize().ok())
        .any(|a| real.starts_with(a));
    if !inside {
        return Err(Refused::Outside);
    }
    Ok((file, meta.len()))
}

/// Reads all of `file`, refusing more than `limit` bytes (`Err` holds the
/// limit). The limit is what `take` lets through, not what the file says
/// its size is: files of `/proc` report 0 and devices grow without end.
pub(crate) fn read_limited(file: File, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// Why reading an opened file failed.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// More bytes than the limit.
    TooLarge(u64),
    /// The system's message.
    Io(String),
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A pipe opened for reading blocks until a writer comes: opened
    // without blocking, it is refused by the check that follows instead.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn link_count(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &std::fs::Metadata) -> u64 {
    1
}

/// The real path of the open `file`: from the kernel where it says, else
/// `path` resolved, if the file there is the one opened.
fn real_path(file: &File, path: &Path, meta: &std::fs::Metadata) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let link = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        if let Ok(real) = std::fs::read_link(link) {
            return Some(real);
        }
    }
    let _ = file;
    let real = path.canonicalize().ok()?;
    let there = std::fs::metadata(&real).ok()?;
    same_file(meta, &there).then_some(real)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the kernel does not name an open file, its path resolved is
    /// taken only if it is the file opened: the same file by another path
    /// (a hard link) is, another with the same bytes is not.
    #[test]
    fn a_path_resolved_is_the_file_opened_or_nothing() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (a, b, link) = (
            dir.path().join("a.csv"),
            dir.path().join("b.csv"),
            dir.path().join("link.csv"),
        );
        std::fs::write(&a, "id\n").expect("written");
        std::fs::write(&b, "id\n").expect("written");
        std::fs::hard_link(&a, &link).expect("linked");
        let meta = |p: &Path| std::fs::metadata(p).expect("metadata");
        assert!(same_file(&meta(&a), &meta(&a)));
        assert!(same_file(&meta(&a), &meta(&link)));
        #[cfg(unix)]
        assert!(!same_file(&meta(&a), &meta(&b)));
        let file = File::open(&link).expect("opens");
        let real = real_path(&file, &link, &meta(&link)).expect("a real path");
        assert!(same_file(&meta(&real), &meta(&a)));
    }
}
