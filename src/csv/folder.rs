//! Where a dataset's files come from — a folder on disk or texts in
//! memory — and the rule that a folder from someone else cannot make the
//! loader read outside it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::csv::confine::{folders, open_inside, read_limited, ReadError, Refused};
use crate::csv::error::ProblemKind;

/// The most bytes a source article may hold.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

/// The most bytes all the articles of one dataset may hold together (each
/// read once however many sources name it): sixteen of the longest.
pub const MAX_ARTICLES_BYTES: u64 = 16 * MAX_ARTICLE_BYTES;

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
    /// Opens `path` (relative to the data folder) if it is confined to
    /// the allowed folders (see `confine`).
    fn open_confined(&self, path: &str) -> Result<(std::fs::File, u64), Refused> {
        if Path::new(path).is_absolute() {
            return Err(Refused::Outside);
        }
        open_inside(&self.root.join(path), &self.allowed)
    }
}

impl Files for Dir {
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String> {
        // Tables are confined to the data folder itself.
        let root = std::slice::from_ref(&self.root);
        match open_inside(&self.root.join(name), root) {
            // Read no more than the file held when it was opened.
            Ok((file, len)) => Ok(Some(Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                file.take(len),
            )))),
            Err(Refused::Missing) => Ok(None),
            Err(refused) => Err(refused.describe(root)),
        }
    }

    fn article(&self, path: &str) -> Result<String, ProblemKind> {
        let label = self.label(path);
        let (file, _) = self.open_confined(path).map_err(|refused| match refused {
            Refused::Outside => ProblemKind::ArticleOutside {
                path: path.to_owned(),
                allowed: folders(&self.allowed),
            },
            Refused::NotAFile => ProblemKind::ArticleNotAFile {
                path: path.to_owned(),
            },
            Refused::Missing => io(format!("no source article at {label}")),
            other => io(format!("{label}: {}", other.describe(&self.allowed))),
        })?;
        let bytes = read_limited(file, MAX_ARTICLE_BYTES).map_err(|e| match e {
            ReadError::TooLarge(_) => too_big(&label),
            ReadError::Io(m) => io(format!("{label}: {m}")),
        })?;
        String::from_utf8(bytes).map_err(|_| io(format!("{label} is not valid UTF-8")))
    }

    fn label(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }
}
