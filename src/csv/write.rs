//! Writing CSV: the options every written file shares (byte order mark,
//! line ends, the formula guard) and the data folder's own files, through
//! the same row structs the loader reads.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::csv::cell::neutralize;
use crate::csv::schema::{
    self, DeploymentRow, EventRow, File, MissionRow, MissionStrengthRow, NationRow, RelocationRow,
    SourceRow,
};
use crate::dataset::Dataset;
use crate::source::{Citation, SourceKind};

/// How to write the files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExportOptions {
    /// Start each file with a UTF-8 byte order mark, which Excel needs to
    /// read non-ASCII text correctly. The loader accepts it either way.
    pub bom: bool,
    /// End lines with CRLF instead of LF.
    pub crlf: bool,
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file or folder could not be created or written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The writer the caller passed failed.
    #[error("cannot write the CSV: {0}")]
    Write(#[source] std::io::Error),
    /// The data cites a table by line (an import), which the folder
    /// schema cannot hold: its quotes are checked against articles.
    #[error("the ledger of {source_id} cannot be written as a data folder: its records cite table rows by line, which the folder schema does not hold; read the table again with the importer instead")]
    TableSource {
        /// The table source.
        source_id: String,
    },
    /// The name given is not a file of the schema.
    #[error("expected one of the schema's files ({expected}), found {found:?}")]
    UnknownTable {
        /// The name given.
        found: String,
        /// The schema's file names.
        expected: String,
    },
    /// A Parquet file or an Arrow batch could not be written (the
    /// `parquet` feature).
    #[error("cannot write the Parquet file: {0}")]
    Parquet(String),
}

impl ExportError {
    /// The same error naming the file it happened in: a writer's failure
    /// becomes [`ExportError::Io`] with `path`; other errors are kept.
    pub fn at(self, path: &Path) -> ExportError {
        match self {
            ExportError::Write(source) => ExportError::Io {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        }
    }
}

impl From<::csv::Error> for ExportError {
    fn from(e: ::csv::Error) -> ExportError {
        // The system's own error, unwrapped, so that its kind survives (a
        // closed pipe must still read as one).
        if !e.is_io_error() {
            return ExportError::Write(std::io::Error::other(e));
        }
        match e.into_kind() {
            ::csv::ErrorKind::Io(io) => ExportError::Write(io),
            other => ExportError::Write(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

/// A CSV writer with the options applied and a row counter.
pub(crate) struct Sheet<W: Write> {
    csv: ::csv::Writer<W>,
    rows: usize,
}

impl<W: Write> Sheet<W> {
    pub(crate) fn new(
        mut w: W,
        options: ExportOptions,
        header: &[&str],
    ) -> Result<Sheet<W>, ExportError> {
        if options.bom {
            w.write_all(b"\xEF\xBB\xBF").map_err(ExportError::Write)?;
        }
        let terminator = if options.crlf {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        };
        let mut csv = ::csv::WriterBuilder::new()
            .terminator(terminator)
            .quote_style(::csv::QuoteStyle::Necessary)
            .has_headers(false)
            .from_writer(w);
        csv.write_record(header)?;
        Ok(Sheet { csv, rows: 0 })
    }

    /// A row of cells, already guarded where they are free text.
    pub(crate) fn record<I, S>(&mut self, cells: I) -> Result<(), ExportError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.csv.write_record(cells)?;
        self.rows += 1;
        Ok(())
    }

    /// A row struct of the schema.
    pub(crate) fn serialize(&mut self, row: impl Serialize) -> Result<(), ExportError> {
        self.csv.serialize(row)?;
        self.rows += 1;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<usize, ExportError> {
        self.csv.flush().map_err(ExportError::Write)?;
        Ok(self.rows)
    }
}

/// A value cell: a code, id, number, date or notation, which cannot start
/// a formula.
fn v(x: impl ToString) -> Cow<'static, str> {
    Cow::Owned(x.to_string())
}

fn o<T: ToString>(x: Option<T>) -> Cow<'static, str> {
    x.map_or(Cow::Borrowed(""), |x| v(x))
}

/// A free-text cell, guarded against formulas.
fn t(x: &str) -> Cow<'_, str> {
    neutralize(x)
}

fn ot(x: Option<&str>) -> Cow<'_, str> {
    x.map_or(Cow::Borrowed(""), neutralize)
}

fn yes_no(x: Option<bool>) -> Cow<'static, str> {
    Cow::Borrowed(match x {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    })
}

fn join<T: ToString>(items: impl IntoIterator<Item = T>) -> Cow<'static, str> {
    let parts: Vec<String> = items.into_iter().map(|x| x.to_string()).collect();
    Cow::Owned(parts.join(";"))
}

/// The four citation cells: source, quote, words, note.
fn cite(c: &Citation) -> [Cow<'_, str>; 4] {
    [v(c.source()), t(c.quote()), ot(c.words()), ot(c.note())]
}

fn write_rows<'r, W: Write, F: File>(
    w: W,
    options: ExportOptions,
    rows: impl Iterator<Item = F::Row<'r>>,
) -> Result<usize, ExportError> {
    let mut sheet = Sheet::new(w, options, F::table().columns)?;
    for row in rows {
        sheet.serialize(row)?;
    }
    sheet.finish()
}

fn write_sources<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Sources>(
        w,
        options,
        data.sources().iter().map(|s| SourceRow {
            id: v(s.id()),
            file: o(s.text().map(|_| format!("sources/{}.txt", s.id()))),
            title: t(s.title()),
            outlet: t(s.outlet()),
            published: v(s.published()),
            date_basis: t(s.date_basis()),
        }),
    )
}

fn write_nations<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Nations>(
        w,
        options,
        data.nations().iter().map(|n| NationRow {
            code: v(n.code()),
            name: t(n.name()),
            nato_joined: o(n.nato_joined()),
            reference: ot(n.reference()),
        }),
    )
}

fn write_missions<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Missions>(
        w,
        options,
        data.missions().iter().map(|m| {
            let [source, quote, _, _] = cite(m.citation());
            let role = m.role_citation();
            MissionRow {
                id: v(m.id()),
                name: t(m.name()),
                organization: t(m.organization()),
                lead: o(m.lead()),
                partners: join(m.partners()),
                host: v(m.host()),
                launched: o(m.launched()),
                combat_role: yes_no(m.combat_role()),
                source,
                quote,
                role_source: o(role.map(|c| c.source())),
                role_quote: ot(role.map(|c| c.quote())),
            }
        }),
    )
}

fn write_mission_strengths<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::MissionStrengths>(
        w,
        options,
        data.mission_strengths().map(|x| {
            let [source, quote, words, note] = cite(x.citation());
            MissionStrengthRow {
                id: v(x.id()),
                mission: v(x.mission()),
                as_of: v(x.as_of()),
                strength: v(x.strength()),
                words,
                source,
                quote,
                note,
            }
        }),
    )
}

fn write_deployments<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Deployments>(
        w,
        options,
        data.deployments().iter().map(|d| {
            let [source, quote, words, note] = cite(d.citation());
            DeploymentRow {
                id: v(d.id()),
                nation: v(d.nation()),
                location: v(d.location()),
                mission: o(d.mission()),
                as_of: v(d.as_of()),
                relative_to: o(d.relative_to()),
                strength: v(d.strength()),
                share: o(d.share()),
                words,
                source,
                quote,
                note,
            }
        }),
    )
}

fn write_relocations<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Relocations>(
        w,
        options,
        data.relocations().iter().map(|r| {
            let [source, quote, words, note] = cite(r.citation());
            RelocationRow {
                id: v(r.id()),
                nation: o(r.nation()),
                date: v(r.date()),
                strength: v(r.strength()),
                from: v(r.from()),
                from_mission: o(r.from_mission()),
                to: join(r.to()),
                to_mission: o(r.to_mission()),
                temporary: yes_no(r.temporary()),
                status: v(r.status()),
                same_as: o(r.same_as()),
                condition: ot(r.condition()),
                words,
                source,
                quote,
                note,
            }
        }),
    )
}

fn write_events<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_rows::<W, schema::Events>(
        w,
        options,
        data.events().iter().map(|e| {
            let [source, quote, words, note] = cite(e.citation());
            EventRow {
                id: v(e.id()),
                date: v(e.date()),
                reported: o(e.reported()),
                kind: v(e.kind()),
                organization: ot(e.organization()),
                mission: o(e.mission()),
                nation: o(e.nation()),
                location: o(e.location()),
                region: ot(e.region()),
                count: o(e.count().map(|(c, _)| c)),
                unit: o(e.count().map(|(_, u)| u)),
                same_as: o(e.same_as()),
                condition: ot(e.condition()),
                words,
                source,
                quote,
                note,
            }
        }),
    )
}

/// Writes one file of the ledger (`deployments.csv`, ...) in the input
/// schema, so that [`Dataset::from_dir`] reads it back. In `sources.csv`
/// each article's path becomes `sources/ID.txt`, where [`write_ledger`]
/// puts the text.
///
/// # Errors
///
/// [`ExportError::Write`] when the writer fails;
/// [`ExportError::UnknownTable`] when `name` is not a file of the schema.
pub fn write_table<W: Write>(
    w: W,
    data: &Dataset,
    name: &str,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    match name {
        schema::SOURCES => write_sources(w, data, options),
        schema::NATIONS => write_nations(w, data, options),
        schema::MISSIONS => write_missions(w, data, options),
        schema::MISSION_STRENGTHS => write_mission_strengths(w, data, options),
        schema::DEPLOYMENTS => write_deployments(w, data, options),
        schema::RELOCATIONS => write_relocations(w, data, options),
        schema::EVENTS => write_events(w, data, options),
        _ => Err(ExportError::UnknownTable {
            found: name.to_owned(),
            expected: schema::tables().map(|t| t.name).join(", "),
        }),
    }
}

/// Writes the whole ledger to `dir` (created if missing) in the input
/// schema, with each source's article as `sources/ID.txt`, so that
/// [`Dataset::from_dir`] on `dir` gives back the same records. Returns each
/// file written with its row count.
///
/// # Errors
///
/// [`ExportError::Io`] naming the path that could not be created or
/// written.
pub fn write_ledger(
    dir: &Path,
    data: &Dataset,
    options: ExportOptions,
) -> Result<Vec<(PathBuf, usize)>, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    if let Some(table) = data
        .sources()
        .iter()
        .find(|s| s.kind() == SourceKind::Table)
    {
        return Err(ExportError::TableSource {
            source_id: table.id().to_string(),
        });
    }
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).map_err(io(&sources))?;
    let mut written = Vec::new();
    for table in schema::tables() {
        let path = dir.join(table.name);
        let rows = replace_file(&path, |w| write_table(w, data, table.name, options))?;
        written.push((path, rows));
    }
    for s in data.sources() {
        if let Some(body) = s.text() {
            let path = sources.join(format!("{}.txt", s.id()));
            replace_file(&path, |w| {
                w.write_all(body.as_bytes())
                    .map_err(|source| ExportError::Io {
                        path: path.clone(),
                        source,
                    })
            })?;
            written.push((path, 1));
        }
    }
    Ok(written)
}

/// Writes `path` through `write` under a temporary name beside it, then
/// renames it into place: an interrupted export leaves the old file whole
/// (or none), never half of a new one.
fn replace_file<T>(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    let temporary = path.with_file_name(name);
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&temporary).map_err(io)?);
        let value = write(&mut w).map_err(|e| e.at(path))?;
        w.flush().map_err(io)?;
        std::fs::rename(&temporary, path).map_err(io)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
