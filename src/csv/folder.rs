//! Where a dataset's files come from — a folder on disk or texts in
//! memory — and the rule that a folder from someone else cannot make the
//! loader read outside it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::csv::error::ProblemKind;

/// The most bytes a source article may hold.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

/// How to load a data folder: which folders its articles may be read
/// from.
///
/// By default an article must lie inside the data folder itself, after
/// symbolic links are resolved: a `sources.csv` from someone else cannot
/// name `/etc/passwd`, `../../.ssh/id_rsa` or a link to either. A data
/// folder that keeps its articles beside it (this repository keeps them in
/// `seeds/`, next to `data/`) allows that folder explicitly:
///
/// ```
/// use troop_tracker::{Dataset, LoadOptions};
/// let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
/// // Refused: data/sources.csv names ../seeds/..., outside data/.
/// assert!(Dataset::from_dir(root.join("data")).is_err());
/// let options = LoadOptions::new().allow_articles_in(root.join("seeds"));
/// let data = Dataset::from_dir_with(root.join("data"), &options)?;
/// assert_eq!(data.sources().len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    article_folders: Vec<PathBuf>,
}

impl LoadOptions {
    /// Articles inside the data folder only.
    pub fn new() -> LoadOptions {
        LoadOptions::default()
    }

    /// Also reads articles inside `folder` (and its subfolders).
    #[must_use]
    pub fn allow_articles_in(mut self, folder: impl Into<PathBuf>) -> LoadOptions {
        self.article_folders.push(folder.into());
        self
    }

    /// The folders allowed besides the data folder.
    pub fn article_folders(&self) -> &[PathBuf] {
        &self.article_folders
    }
}

/// Where the loader gets file contents from.
pub(crate) trait Files {
    /// A reader over the table `name`, `Ok(None)` when there is no such
    /// file, `Err` with the system's message when it cannot be opened.
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String>;
    /// The text of the article at `path` (as written in `sources.csv`).
    fn article(&self, path: &str) -> Result<String, ProblemKind>;
    /// How to name `name` in messages.
    fn label(&self, name: &str) -> String;
}

/// Files held in memory: the bundled data, or texts a caller passes.
pub(crate) struct Texts<'a, T> {
    pub(crate) files: &'a [(&'a str, T)],
    pub(crate) prefix: &'a str,
}

impl<T: AsRef<[u8]>> Texts<'_, T> {
    fn bytes(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_ref())
    }
}

impl<T: AsRef<[u8]>> Files for Texts<'_, T> {
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String> {
        Ok(self.bytes(name).map(|b| Box::new(b) as Box<dyn Read + '_>))
    }

    fn article(&self, path: &str) -> Result<String, ProblemKind> {
        match self.bytes(path) {
            None => Err(io(format!("no source article at {}", self.label(path)))),
            Some(b) if b.len() as u64 > MAX_ARTICLE_BYTES => Err(too_big(&self.label(path))),
            Some(b) => String::from_utf8(b.to_vec())
                .map_err(|_| io(format!("{} is not valid UTF-8", self.label(path)))),
        }
    }

    fn label(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name)
    }
}

/// A data folder on disk, and the folders its articles may come from.
pub(crate) struct Dir {
    pub(crate) root: PathBuf,
    pub(crate) allowed: Vec<PathBuf>,
}

fn io(message: String) -> ProblemKind {
    ProblemKind::Io { message }
}

fn too_big(label: &str) -> ProblemKind {
    io(format!("{label} is larger than {MAX_ARTICLE_BYTES} bytes"))
}

impl Dir {
    /// The article's real path, if it is a regular file inside an allowed
    /// folder once every link is resolved.
    fn confine(&self, path: &str) -> Result<PathBuf, ProblemKind> {
        let outside = || ProblemKind::ArticleOutside {
            path: path.to_owned(),
            allowed: self
                .allowed
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" or "),
        };
        if Path::new(path).is_absolute() {
            return Err(outside());
        }
        let real = match self.root.join(path).canonicalize() {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(io(format!("no source article at {}", self.label(path))))
            }
            Err(e) => return Err(io(format!("{}: {e}", self.label(path)))),
        };
        let inside = self
            .allowed
            .iter()
            .filter_map(|a| a.canonicalize().ok())
            .any(|a| real.starts_with(a));
        if !inside {
            return Err(outside());
        }
        // Not a folder, device, pipe (which would block forever) or socket.
        let meta = std::fs::metadata(&real).map_err(|e| io(e.to_string()))?;
        if !meta.is_file() {
            return Err(ProblemKind::ArticleNotAFile {
                path: path.to_owned(),
            });
        }
        Ok(real)
    }
}

impl Files for Dir {
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String> {
        let path = self.root.join(name);
        // A table that is a pipe would block forever, a folder would fail
        // mid-read: only regular files (or links to them) are opened.
        match std::fs::metadata(&path) {
            Ok(meta) if !meta.is_file() => {
                return Err("expected a regular file, found a folder, pipe or device".into())
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        }
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        Ok(Some(Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            file,
        ))))
    }

    fn article(&self, path: &str) -> Result<String, ProblemKind> {
        let real = self.confine(path)?;
        let label = self.label(path);
        let file = std::fs::File::open(real).map_err(|e| io(format!("{label}: {e}")))?;
        let mut bytes = Vec::new();
        file.take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io(format!("{label}: {e}")))?;
        if bytes.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(too_big(&label));
        }
        String::from_utf8(bytes).map_err(|_| io(format!("{label} is not valid UTF-8")))
    }

    fn label(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }
}
