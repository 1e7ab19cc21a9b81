//! Where results go, and how a failure becomes an exit status: a closed
//! pipe (`troop-tracker timeline | head`) ends quietly.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// The arguments do not fit the data (an unknown nation, a format a
    /// command cannot write): status 2.
    Usage(String),
    /// The data could not be loaded: status 2.
    Load(String),
    /// A file could not be written: status 2.
    Write(String),
    /// Standard output failed; a closed pipe is not an error.
    Stdout(io::Error),
    /// `validate` found figures that cannot all be true: status 1 (the
    /// report is already printed).
    Contradictions,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Stdout(e)
    }
}

/// Buffered standard output; every command writes through it and
/// returns its error, so that a closed pipe stops the command quietly.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// A file being written: under a temporary name beside it until
/// [`Replacing::finish`] renames it into place, so that an interrupted
/// write leaves the old file (if any) whole and never half a new one.
pub struct Replacing {
    path: PathBuf,
    temporary: PathBuf,
    writer: BufWriter<File>,
}

impl Replacing {
    /// Flushes and renames the file into place.
    pub fn finish(mut self) -> Result<(), Failure> {
        self.writer
            .flush()
            .map_err(|e| cannot_write(&self.path, &e))?;
        std::fs::rename(&self.temporary, &self.path).map_err(|e| cannot_write(&self.path, &e))
    }
}

impl Write for Replacing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl Drop for Replacing {
    fn drop(&mut self) {
        // Not finished (an error on the way): the partial file goes.
        let _ = std::fs::remove_file(&self.temporary);
    }
}

/// Whether `--create-dirs` was given: set once by `main` from the global
/// flag, so that every command opening files through [`create`] follows
/// it without threading it through each command's arguments.
static CREATE_DIRS: AtomicBool = AtomicBool::new(false);

/// Records the global `--create-dirs` flag for [`create`] and
/// [`create_dirs`].
pub fn set_create_dirs(create: bool) {
    CREATE_DIRS.store(create, Ordering::Relaxed);
}

/// Whether missing folders of --out are to be created (`--create-dirs`).
pub fn create_dirs() -> bool {
    CREATE_DIRS.load(Ordering::Relaxed)
}

/// The one rule for a folder that files are written into: it must
/// exist, unless `create` (`--create-dirs`) asks for it and every
/// missing folder above it to be made. A missing folder is refused
/// (status 2) rather than made silently, so that a mistyped path is not
/// quietly turned into new folders; the message names it and says how
/// to go on. An empty path is the current folder.
pub fn prepare_folder(folder: &Path, create: bool) -> Result<(), Failure> {
    if folder.as_os_str().is_empty() || folder.is_dir() {
        return Ok(());
    }
    if folder.exists() {
        return Err(Failure::Write(format!(
            "cannot write into {}: it is not a folder",
            folder.display()
        )));
    }
    if !create {
        return Err(Failure::Usage(format!(
            "the folder {} does not exist: create it, or pass --create-dirs",
            folder.display()
        )));
    }
    std::fs::create_dir_all(folder).map_err(|e| cannot_write(folder, &e))
}

/// A folder that is itself the output (`export --out DIR`, `man --out
/// DIR`): made like `mkdir DIR` when its parent exists; a missing parent
/// follows [`prepare_folder`].
pub fn prepare_out_dir(dir: &Path, create: bool) -> Result<(), Failure> {
    prepare_folder(dir.parent().unwrap_or(Path::new("")), create)?;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir(dir).map_err(|e| cannot_write(dir, &e))
}

/// A file to write to, its folder made only with the global
/// `--create-dirs` (see [`prepare_folder`]); see [`Replacing`].
pub fn create(path: &Path) -> Result<Replacing, Failure> {
    create_file(path, create_dirs())
}

/// [`create`] with the choice for a missing folder given: `create_dirs`
/// makes it, otherwise it is refused.
pub fn create_file(path: &Path, create_dirs: bool) -> Result<Replacing, Failure> {
    prepare_folder(path.parent().unwrap_or(Path::new("")), create_dirs)?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    let temporary = path.with_file_name(name);
    let file = File::create(&temporary).map_err(|e| cannot_write(path, &e))?;
    Ok(Replacing {
        path: path.to_path_buf(),
        temporary,
        writer: BufWriter::new(file),
    })
}

/// The failure for a file that cannot be written.
pub fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> Failure {
    Failure::Write(format!("cannot write {}: {e}", path.display()))
}

/// The exit status for a command's result, after saying what went wrong.
pub fn exit(result: Result<(), Failure>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(Failure::Contradictions) => 1,
        Err(Failure::Stdout(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(Failure::Stdout(e)) => {
            eprintln!("error: cannot write to standard output: {e}");
            2
        }
        Err(Failure::Usage(m)) | Err(Failure::Write(m)) => {
            eprintln!("error: {m}");
            2
        }
        Err(Failure::Load(m)) => {
            eprintln!("error: the data could not be loaded:\n{m}");
            2
        }
    }
}

/// Writes `text` to standard output, then flushes.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
