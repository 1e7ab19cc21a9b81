//! Reading a data folder: CSV rows into typed records, with every problem
//! reported by file, line and column.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use std::io::Read;
use std::sync::Arc;

use csv::StringRecord;

use crate::fasthash::FastMap;

use crate::dataset::Dataset;
use crate::date::{parse_day, Date};
use crate::deployment::{Deployment, Relative, Share};
use crate::error::{FieldError, LoadError, Position, Problem, ProblemKind};
use crate::event::{Event, EventKind, Unit};
use crate::id::{MissionId, RecordId, SourceId};
use crate::location::Location;
use crate::mission::{Mission, MissionSpec, MissionStrength};
use crate::nation::{Nation, NationCode};
use crate::relocation::{Posting, Relocation, RelocationStatus};
use crate::source::{Citation, Source};
use crate::strength::Strength;

/// One CSV file of the schema: its name and its columns, in the order the
/// export writes them.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [&'static str],
}

pub(crate) const SOURCES: Table = Table {
    name: "sources.csv",
    columns: &["id", "file", "title", "outlet", "published", "date_basis"],
};
pub(crate) const NATIONS: Table = Table {
    name: "nations.csv",
    columns: &["code", "name", "nato_joined", "reference"],
};
pub(crate) const MISSIONS: Table = Table {
    name: "missions.csv",
    columns: &[
        "id",
        "name",
        "organization",
        "lead",
        "partners",
        "host",
        "launched",
        "combat_role",
        "source",
        "quote",
        "role_source",
        "role_quote",
    ],
};
pub(crate) const MISSION_STRENGTHS: Table = Table {
    name: "mission_strengths.csv",
    columns: &[
        "id", "mission", "as_of", "strength", "words", "source", "quote", "note",
    ],
};
pub(crate) const DEPLOYMENTS: Table = Table {
    name: "deployments.csv",
    columns: &[
        "id",
        "nation",
        "location",
        "mission",
        "as_of",
        "relative_to",
        "strength",
        "share",
        "words",
        "source",
        "quote",
        "note",
    ],
};
pub(crate) const RELOCATIONS: Table = Table {
    name: "relocations.csv",
    columns: &[
        "id",
        "nation",
        "date",
        "strength",
        "from",
        "from_mission",
        "to",
        "to_mission",
        "temporary",
        "status",
        "same_as",
        "words",
        "source",
        "quote",
        "note",
    ],
};
pub(crate) const EVENTS: Table = Table {
    name: "events.csv",
    columns: &[
        "id",
        "date",
        "kind",
        "organization",
        "mission",
        "nation",
        "location",
        "count",
        "unit",
        "same_as",
        "words",
        "source",
        "quote",
        "note",
    ],
};

/// Every table, in load order.
const TABLES: [&Table; 7] = [
    &SOURCES,
    &NATIONS,
    &MISSIONS,
    &MISSION_STRENGTHS,
    &DEPLOYMENTS,
    &RELOCATIONS,
    &EVENTS,
];

/// The data folder's schema: each CSV file's name and its columns, in the
/// order the loader documents and the exporter writes them. See
/// `data/README.md` for what each column holds.
///
/// ```
/// let schema = troop_tracker::schema();
/// let (name, columns) = schema[0];
/// assert_eq!(name, "sources.csv");
/// assert_eq!(columns[0], "id");
/// ```
pub fn schema() -> [(&'static str, &'static [&'static str]); 7] {
    TABLES.map(|t| (t.name, t.columns))
}

/// Where the loader gets file contents from: a folder on disk or the
/// texts embedded in the crate.
pub(crate) trait Files {
    /// A reader over `name` (a path relative to the data folder), `Ok(None)`
    /// when there is no such file, `Err` with the system's message when it
    /// exists but cannot be opened.
    fn open(&self, name: &str) -> Result<Option<Box<dyn Read + '_>>, String>;
    /// How to name `name` in messages.
    fn label(&self, name: &str) -> String;
}

/// The most bytes one field may hold. Quotes and notes are sentences; a
/// longer field is a broken file (a runaway quote, a pasted document).
pub const MAX_FIELD_BYTES: usize = 65_536;

/// The most bytes between two line breaks. Past this the loader stops
/// reading the file instead of buffering an endless line.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 50_000_000;

/// The most bytes a source article may hold.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

/// Counts lines as bytes pass and refuses a line longer than
/// [`MAX_LINE_BYTES`], so that memory stays bounded whatever the input.
struct LineGuard<R> {
    inner: R,
    since_newline: usize,
    lines: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for LineGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in buf.get(..n).unwrap_or_default() {
            if b == b'\n' {
                self.since_newline = 0;
                self.lines.set(self.lines.get() + 1);
            } else {
                self.since_newline += 1;
                if self.since_newline > MAX_LINE_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        LineTooLong,
                    ));
                }
            }
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line longer than {MAX_LINE_BYTES} bytes")
    }
}

impl std::error::Error for LineTooLong {}

/// Skips a UTF-8 byte order mark at the start of a stream.
fn skip_bom(mut r: Box<dyn Read + '_>) -> std::io::Result<Box<dyn Read + '_>> {
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match r.read(head.get_mut(got..).unwrap_or_default())? {
            0 => break,
            n => got += n,
        }
    }
    let head = head.get(..got).unwrap_or_default().to_vec();
    if head == b"\xEF\xBB\xBF" {
        Ok(r)
    } else {
        Ok(Box::new(std::io::Cursor::new(head).chain(r)))
    }
}

struct Problems {
    list: Vec<Problem>,
    truncated: bool,
}

impl Problems {
    fn push(&mut self, p: Problem) {
        if self.list.len() < LoadError::MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.truncated = true;
        }
    }

    fn is_full(&self) -> bool {
        self.truncated
    }
}

/// Shared copies of strings that repeat across rows (source and mission
/// ids, quotes, notes, area names), so that a large ledger holds each once.
#[derive(Default)]
pub(crate) struct Shared(crate::fasthash::FastSet<Arc<str>>);

impl Shared {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }
}

/// A row being read, with what is needed to name a bad cell.
struct Row<'a> {
    file: &'a str,
    line: u64,
    columns: &'static [&'static str],
    map: &'a [usize],
    record: &'a StringRecord,
    shared: &'a std::cell::RefCell<Shared>,
}

impl Row<'_> {
    fn position(&self, column: &str) -> Position {
        Position::cell(self.file, self.line, column)
    }

    fn raw(&self, column: &str) -> &str {
        self.columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.map.get(i))
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }

    fn fail(&self, column: &str, e: impl Into<FieldError>) -> Problem {
        Problem::new(self.position(column), e.into())
    }

    fn opt_with<T, E: Into<FieldError>>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, Problem> {
        let text = self.raw(column).trim();
        if text.is_empty() {
            return Ok(None);
        }
        parse(text).map(Some).map_err(|e| self.fail(column, e))
    }

    fn opt<T: FromStr>(&self, column: &str) -> Result<Option<T>, Problem>
    where
        T::Err: Into<FieldError>,
    {
        self.opt_with(column, str::parse)
    }

    fn req<T: FromStr>(&self, column: &str) -> Result<T, Problem>
    where
        T::Err: Into<FieldError>,
    {
        self.opt(column)?
            .ok_or_else(|| self.fail(column, FieldError::Required))
    }

    /// A free-text cell, with the export's formula guard taken off.
    fn text(&self, column: &str) -> Result<String, Problem> {
        self.opt_text(column)
            .ok_or_else(|| self.fail(column, FieldError::Required))
    }

    fn opt_text(&self, column: &str) -> Option<String> {
        let t = self.raw(column);
        (!t.trim().is_empty()).then(|| crate::export::restore(t).into_owned())
    }

    fn yes_no(&self, column: &str) -> Result<Option<bool>, Problem> {
        self.opt_with(column, |t| match t {
            "yes" => Ok(true),
            "no" => Ok(false),
            _ => Err(FieldError::Bool {
                found: t.to_owned(),
            }),
        })
    }

    fn share(&self, s: &str) -> Arc<str> {
        self.shared.borrow_mut().get(s)
    }

    /// A free-text cell in shared storage.
    fn shared_text(&self, column: &str) -> Option<Arc<str>> {
        let t = self.raw(column);
        (!t.trim().is_empty()).then(|| self.share(&crate::export::restore(t)))
    }

    fn opt_source(&self, column: &str) -> Result<Option<SourceId>, Problem> {
        self.opt_with(column, |t| SourceId::from_shared(self.share(t)))
    }

    fn opt_mission(&self, column: &str) -> Result<Option<MissionId>, Problem> {
        self.opt_with(column, |t| MissionId::from_shared(self.share(t)))
    }

    fn opt_location(&self, column: &str) -> Result<Option<Location>, Problem> {
        Ok(self
            .opt::<Location>(column)?
            .map(|l| l.share_area(|a| self.share(a))))
    }

    fn location(&self, column: &str) -> Result<Location, Problem> {
        self.opt_location(column)?
            .ok_or_else(|| self.fail(column, FieldError::Required))
    }

    /// The citation in the `source`, `quote`, `words` and `note` columns
    /// (the last two where the table has them).
    fn citation(&self) -> Result<Citation, Problem> {
        let source = self
            .opt_source("source")?
            .ok_or_else(|| self.fail("source", FieldError::Required))?;
        let quote = self
            .shared_text("quote")
            .ok_or_else(|| self.fail("quote", FieldError::Required))?;
        Ok(Citation::new(source, quote, self.shared_text("words"))
            .with_note(self.shared_text("note")))
    }
}

/// Reads one table, calling `parse` on each data row. Rows that fail are
/// reported, never skipped silently: any problem fails the whole load.
fn read_table<T>(
    files: &dyn Files,
    table: &Table,
    problems: &mut Problems,
    shared: &std::cell::RefCell<Shared>,
    mut parse: impl FnMut(&Row<'_>) -> Result<T, Problem>,
) -> Vec<(u64, T)> {
    let label = files.label(table.name);
    let stream = match files.open(table.name) {
        Ok(Some(r)) => r,
        Ok(None) => {
            problems.push(Problem::new(
                Position::file(&label),
                ProblemKind::MissingFile,
            ));
            return Vec::new();
        }
        Err(message) => {
            problems.push(Problem::new(
                Position::file(&label),
                ProblemKind::Io { message },
            ));
            return Vec::new();
        }
    };
    let stream = match skip_bom(stream) {
        Ok(s) => s,
        Err(e) => {
            let message = e.to_string();
            problems.push(Problem::new(
                Position::file(&label),
                ProblemKind::Io { message },
            ));
            return Vec::new();
        }
    };
    let lines = std::rc::Rc::new(std::cell::Cell::new(0));
    let guard = LineGuard {
        inner: stream,
        since_newline: 0,
        lines: lines.clone(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(guard);
    let mut record = StringRecord::new();
    let header = match reader.read_record(&mut record) {
        Ok(true) => record.clone(),
        Ok(false) => {
            problems.push(Problem::new(Position::file(&label), ProblemKind::Empty));
            return Vec::new();
        }
        Err(e) => {
            problems.push(csv_problem(&label, lines.get() + 1, &e));
            return Vec::new();
        }
    };
    let Some(map) = header_map(&label, table, &header, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut rows = 0usize;
    loop {
        if problems.is_full() {
            break;
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() == 1 && record.get(0).is_some_and(str::is_empty) {
                    // A blank line: the csv crate already skips these, but
                    // a line holding only `""` is also treated as blank.
                    continue;
                }
                rows += 1;
                if rows > MAX_ROWS {
                    problems.push(Problem::new(
                        Position::line(&label, line),
                        ProblemKind::Limit {
                            what: "data rows in one file",
                            limit: MAX_ROWS,
                        },
                    ));
                    break;
                }
                if record.len() != header.len() {
                    // A field holding line breaks in a row of the wrong
                    // width is the mark of a quote that was never closed.
                    let runaway = record.iter().any(|f| f.contains('\n'));
                    problems.push(Problem::new(
                        Position::line(&label, line),
                        ProblemKind::ColumnCount {
                            expected: header.len(),
                            found: record.len(),
                            runaway_quote: runaway,
                        },
                    ));
                    continue;
                }
                if let Some(i) = record.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
                    let column = header.get(i).unwrap_or("?").trim().to_owned();
                    problems.push(Problem::new(
                        Position::cell(&label, line, &column),
                        ProblemKind::Limit {
                            what: "bytes in one field",
                            limit: MAX_FIELD_BYTES,
                        },
                    ));
                    continue;
                }
                let row = Row {
                    file: &label,
                    line,
                    columns: table.columns,
                    map: &map,
                    record: &record,
                    shared,
                };
                match parse(&row) {
                    Ok(t) => out.push((line, t)),
                    Err(p) => problems.push(p),
                }
            }
            Err(e) => {
                let line = e.position().map_or(lines.get() + 1, |p| p.line());
                problems.push(csv_problem(&label, line, &e));
                // After a UTF-8 error the reader can go on with the next
                // record; after an I/O error it cannot.
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    out
}

fn csv_problem(label: &str, line: u64, e: &csv::Error) -> Problem {
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8 (save the file as UTF-8, not Latin-1 or Windows-1252)",
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) => {
            return Problem::new(
                Position::line(label, line),
                match io
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<LineTooLong>())
                {
                    Some(_) => ProblemKind::Limit {
                        what: "bytes in one line",
                        limit: MAX_LINE_BYTES,
                    },
                    None => ProblemKind::Io {
                        message: io.to_string(),
                    },
                },
            )
        }
        _ => e.to_string(),
    };
    Problem::new(Position::line(label, line), ProblemKind::Csv { message })
}

/// Maps each schema column to its index in the header.
fn header_map(
    label: &str,
    table: &Table,
    header: &StringRecord,
    problems: &mut Problems,
) -> Option<Vec<usize>> {
    if !header.iter().any(|h| table.columns.contains(&h.trim())) {
        problems.push(Problem::new(
            Position::line(label, 1),
            ProblemKind::MissingHeader {
                expected: table.columns.join(","),
                found: header.iter().take(4).collect::<Vec<_>>().join(","),
            },
        ));
        return None;
    }
    let mut ok = true;
    let mut seen = HashSet::new();
    for name in header.iter() {
        let name = name.trim();
        if !seen.insert(name) {
            ok = false;
            problems.push(Problem::new(
                Position::line(label, 1),
                ProblemKind::DuplicateColumn {
                    column: name.to_owned(),
                },
            ));
        } else if !table.columns.contains(&name) {
            ok = false;
            problems.push(Problem::new(
                Position::line(label, 1),
                ProblemKind::UnexpectedColumn {
                    column: name.to_owned(),
                    expected: table.columns.join(", "),
                },
            ));
        }
    }
    let mut map = Vec::with_capacity(table.columns.len());
    for column in table.columns {
        match header.iter().position(|h| h.trim() == *column) {
            Some(i) => map.push(i),
            None => {
                ok = false;
                problems.push(Problem::new(
                    Position::line(label, 1),
                    ProblemKind::MissingColumn {
                        column: (*column).to_owned(),
                    },
                ));
            }
        }
    }
    ok.then_some(map)
}

/// The `combat_role` cell with the `role_source` and `role_quote` that
/// support it: all three present or all three empty.
fn combat_role(r: &Row<'_>) -> Result<Option<(bool, Citation)>, Problem> {
    let role = r.yes_no("combat_role")?;
    let source: Option<SourceId> = r.opt("role_source")?;
    let quote = r.opt_text("role_quote");
    match (role, source, quote) {
        (None, None, None) => Ok(None),
        (Some(role), Some(source), Some(quote)) => {
            Ok(Some((role, Citation::new(source, quote, None::<Arc<str>>))))
        }
        (role, source, _) => {
            let missing = if role.is_none() {
                "combat_role"
            } else if source.is_none() {
                "role_source"
            } else {
                "role_quote"
            };
            Err(Problem::new(
                r.position(missing),
                ProblemKind::Inconsistent {
                    expected: "combat_role, role_source and role_quote all filled or all empty"
                        .into(),
                    found: "an empty cell".into(),
                },
            ))
        }
    }
}

fn nation_codes(text: &str) -> Result<Vec<NationCode>, FieldError> {
    text.split(';')
        .map(|part| part.trim().parse().map_err(FieldError::from))
        .collect()
}

fn locations(text: &str) -> Result<Vec<Location>, FieldError> {
    text.split(';')
        .map(|part| part.trim().parse().map_err(FieldError::from))
        .collect()
}

/// Loads and checks a whole dataset.
pub(crate) fn load(files: &dyn Files) -> Result<Dataset, LoadError> {
    let mut problems = Problems {
        list: Vec::new(),
        truncated: false,
    };
    let p = &mut problems;
    let shared = std::cell::RefCell::new(Shared::default());

    let mut sources = read_table(files, &SOURCES, p, &shared, |r| {
        Ok(Source::new(
            r.req("id")?,
            r.opt_text("file"),
            r.text("title")?,
            r.text("outlet")?,
            r.req("published")?,
            r.text("date_basis")?,
        ))
    });
    let sources_label = files.label(SOURCES.name);
    for (line, source) in &mut sources {
        let Some(file) = source.file().map(str::to_owned) else {
            continue;
        };
        let at = Position::cell(&sources_label, *line, "file");
        let read = files.open(&file).and_then(|r| match r {
            None => Ok(None),
            Some(r) => {
                let mut bytes = Vec::new();
                r.take(MAX_ARTICLE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
                if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                    return Err(format!(
                        "{} is larger than {MAX_ARTICLE_BYTES} bytes",
                        files.label(&file)
                    ));
                }
                Ok(Some(bytes))
            }
        });
        match read {
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => source.set_text(text),
                Err(_) => p.push(Problem::new(
                    at,
                    ProblemKind::Io {
                        message: format!("{} is not valid UTF-8", files.label(&file)),
                    },
                )),
            },
            Ok(None) => p.push(Problem::new(
                at,
                ProblemKind::Io {
                    message: format!("no source article at {}", files.label(&file)),
                },
            )),
            Err(message) => p.push(Problem::new(at, ProblemKind::Io { message })),
        }
    }

    let nations = read_table(files, &NATIONS, p, &shared, |r| {
        let joined = r.opt_with("nato_joined", parse_day)?;
        let reference = r.opt_text("reference");
        if joined.is_some() && reference.is_none() {
            return Err(Problem::new(
                r.position("reference"),
                ProblemKind::Inconsistent {
                    expected: "an external reference for the accession date".into(),
                    found: "an empty cell".into(),
                },
            ));
        }
        Ok(Nation::new(
            r.req("code")?,
            r.text("name")?,
            joined,
            reference,
        ))
    });

    let missions = read_table(files, &MISSIONS, p, &shared, |r| {
        Ok(Mission::new(MissionSpec {
            id: r.req("id")?,
            name: r.text("name")?,
            organization: r.text("organization")?,
            host: r.req("host")?,
            citation: r.citation()?,
        })
        .with_lead(r.opt("lead")?)
        .with_partners(r.opt_with("partners", nation_codes)?.unwrap_or_default())
        .with_launched(r.opt("launched")?)
        .with_combat_role(combat_role(r)?))
    });

    let totals = read_table(files, &MISSION_STRENGTHS, p, &shared, |r| {
        Ok(MissionStrength::new(
            r.req("id")?,
            r.opt_mission("mission")?
                .ok_or_else(|| r.fail("mission", FieldError::Required))?,
            r.req("as_of")?,
            r.req("strength")?,
            r.citation()?,
        ))
    });

    let deployments = read_table(files, &DEPLOYMENTS, p, &shared, |r| {
        let mission: Option<MissionId> = r.opt_mission("mission")?;
        let share: Option<Share> = r.opt("share")?;
        if share.is_some() && mission.is_none() {
            return Err(Problem::new(
                r.position("share"),
                ProblemKind::Inconsistent {
                    expected: "a mission whose total the share is of".into(),
                    found: "a share with an empty mission cell".into(),
                },
            ));
        }
        Ok(Deployment::new(
            r.req("id")?,
            r.req("nation")?,
            r.location("location")?,
            r.req("as_of")?,
            r.req("strength")?,
            r.citation()?,
        )
        .with_mission(mission)
        .with_relative_to(r.opt::<Relative>("relative_to")?)
        .with_share(share))
    });

    let relocations = read_table(files, &RELOCATIONS, p, &shared, |r| {
        let from = Posting {
            locations: vec![r.location("from")?],
            mission: r.opt_mission("from_mission")?,
        };
        let to = Posting {
            locations: r.opt_with("to", locations)?.unwrap_or_default(),
            mission: r.opt_mission("to_mission")?,
        };
        let status: RelocationStatus = r.req("status")?;
        Relocation::new(
            r.req("id")?,
            r.req("date")?,
            r.req("strength")?,
            from,
            to,
            status,
            r.citation()?,
        )
        .map_err(|e| Problem::new(r.position("to"), e))
        .and_then(|reloc| {
            Ok(reloc
                .with_nation(r.opt("nation")?)
                .with_temporary(r.yes_no("temporary")?)
                .with_same_as(r.opt("same_as")?))
        })
    });

    let events = read_table(files, &EVENTS, p, &shared, |r| {
        let count: Option<Strength> = r.opt("count")?;
        let unit: Option<Unit> = r.opt("unit")?;
        let count = match (count, unit) {
            (Some(c), Some(u)) => Some((c, u)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(Problem::new(
                    r.position("unit"),
                    ProblemKind::Inconsistent {
                        expected: "a unit for the count".into(),
                        found: "an empty cell".into(),
                    },
                ))
            }
            (None, Some(_)) => {
                return Err(Problem::new(
                    r.position("count"),
                    ProblemKind::Inconsistent {
                        expected: "a count for the unit".into(),
                        found: "an empty cell".into(),
                    },
                ))
            }
        };
        let date: Date = r.req("date")?;
        let kind: EventKind = r.req("kind")?;
        Ok(Event::new(r.req("id")?, date, kind, r.citation()?)
            .with_organization(r.opt_text("organization"))
            .with_mission(r.opt_mission("mission")?)
            .with_nation(r.opt("nation")?)
            .with_location(r.opt_location("location")?)
            .with_count(count)
            .with_same_as(r.opt("same_as")?))
    });

    let mut ds = Dataset::default();
    cross_check(
        p,
        &Parsed {
            labels: [
                files.label(SOURCES.name),
                files.label(NATIONS.name),
                files.label(MISSIONS.name),
                files.label(MISSION_STRENGTHS.name),
                files.label(DEPLOYMENTS.name),
                files.label(RELOCATIONS.name),
                files.label(EVENTS.name),
            ],
            sources: &sources,
            nations: &nations,
            missions: &missions,
            totals: &totals,
            deployments: &deployments,
            relocations: &relocations,
            events: &events,
        },
    );
    if !problems.list.is_empty() {
        return Err(LoadError::new(problems.list, problems.truncated));
    }
    ds.sources = sources.into_iter().map(|(_, s)| s).collect();
    ds.nations = nations.into_iter().map(|(_, n)| n).collect();
    ds.missions = missions.into_iter().map(|(_, m)| m).collect();
    for (_, t) in totals {
        if let Some(m) = ds.missions.iter_mut().find(|m| m.id() == t.mission()) {
            m.push_total(t);
        }
    }
    ds.deployments = deployments.into_iter().map(|(_, d)| d).collect();
    ds.relocations = relocations.into_iter().map(|(_, r)| r).collect();
    ds.events = events.into_iter().map(|(_, e)| e).collect();
    ds.reindex();
    Ok(ds)
}

struct Parsed<'a> {
    labels: [String; 7],
    sources: &'a [(u64, Source)],
    nations: &'a [(u64, Nation)],
    missions: &'a [(u64, Mission)],
    totals: &'a [(u64, MissionStrength)],
    deployments: &'a [(u64, Deployment)],
    relocations: &'a [(u64, Relocation)],
    events: &'a [(u64, Event)],
}

/// A row of one of the tables: which table (in load order) and its line.
/// Kept instead of a full [`Position`] so that a million rows do not carry
/// a million copies of the file name.
#[derive(Clone, Copy)]
struct RowAt {
    table: usize,
    line: u64,
}

impl Parsed<'_> {
    fn at(&self, row: RowAt, column: &str) -> Position {
        let label = self.labels.get(row.table).map_or("", String::as_str);
        Position::cell(label, row.line, column)
    }

    fn row_label(&self, row: RowAt) -> String {
        let label = self.labels.get(row.table).map_or("", String::as_str);
        Position::line(label, row.line).to_string()
    }
}

/// Checks what no single row can: unique ids, references that resolve,
/// quotes that are in their sources.
/// Checks citations against their sources.
struct Cites<'a> {
    sources: HashMap<&'a SourceId, &'a Source>,
    /// Quotes repeat across rows; each distinct (source, quote) pair is
    /// searched for once.
    searched: FastMap<(&'a SourceId, &'a str), bool>,
}

impl<'a> Cites<'a> {
    fn check(
        &mut self,
        p: &mut Problems,
        d: &Parsed<'_>,
        pos: RowAt,
        c: &'a Citation,
        prefix: &str,
    ) {
        match self.sources.get(c.source()) {
            None => p.push(Problem::new(
                d.at(pos, &format!("{prefix}source")),
                ProblemKind::UnknownReference {
                    kind: "source",
                    found: c.source().to_string(),
                },
            )),
            Some(s) => {
                if let Some(text) = s.text() {
                    let inside = *self
                        .searched
                        .entry((c.source(), c.quote()))
                        .or_insert_with(|| text.contains(c.quote()));
                    if !inside {
                        p.push(Problem::new(
                            d.at(pos, &format!("{prefix}quote")),
                            ProblemKind::QuoteNotInSource {
                                source_id: c.source().to_string(),
                                quote: c.quote().to_owned(),
                            },
                        ));
                    }
                }
            }
        }
        if let Some(w) = c.words() {
            if !c.quote().contains(w) {
                p.push(Problem::new(
                    d.at(pos, "words"),
                    ProblemKind::WordsNotInQuote {
                        words: w.to_owned(),
                    },
                ));
            }
        }
    }
}

fn cross_check<'a>(p: &mut Problems, d: &Parsed<'a>) {
    /// Reports ids seen before; `seen` maps each id to its first row.
    fn unique<'k>(
        p: &mut Problems,
        d: &Parsed<'_>,
        seen: &mut FastMap<&'k str, RowAt>,
        column: &str,
        table: usize,
        items: impl Iterator<Item = (u64, &'k str)>,
    ) {
        for (line, id) in items {
            let here = RowAt { table, line };
            if let Some(first) = seen.get(id) {
                p.push(Problem::new(
                    d.at(here, column),
                    ProblemKind::DuplicateId {
                        id: id.to_owned(),
                        first: d.row_label(*first),
                    },
                ));
            } else {
                seen.insert(id, here);
            }
        }
    }
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "id",
        0,
        d.sources.iter().map(|(l, s)| (*l, s.id().as_str())),
    );
    let codes: Vec<(u64, String)> = d
        .nations
        .iter()
        .map(|(l, n)| (*l, n.code().to_string()))
        .collect();
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "code",
        1,
        codes.iter().map(|(l, c)| (*l, c.as_str())),
    );
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "id",
        2,
        d.missions.iter().map(|(l, m)| (*l, m.id().as_str())),
    );
    let mut records = FastMap::with_capacity_and_hasher(
        d.totals.len() + d.deployments.len() + d.relocations.len() + d.events.len(),
        Default::default(),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        3,
        d.totals.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        4,
        d.deployments.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        5,
        d.relocations.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        6,
        d.events.iter().map(|(l, x)| (*l, x.id().as_str())),
    );

    let nations: HashSet<NationCode> = d.nations.iter().map(|(_, n)| n.code()).collect();
    let missions: HashSet<&MissionId> = d.missions.iter().map(|(_, m)| m.id()).collect();
    let sources: HashMap<&SourceId, &Source> = d.sources.iter().map(|(_, s)| (s.id(), s)).collect();
    let relocations: HashSet<&RecordId> = d.relocations.iter().map(|(_, r)| r.id()).collect();
    let events: HashSet<&RecordId> = d.events.iter().map(|(_, e)| e.id()).collect();

    let reference = |p: &mut Problems,
                     pos: RowAt,
                     column: &str,
                     kind: &'static str,
                     found: &dyn std::fmt::Display,
                     ok: bool| {
        if !ok {
            p.push(Problem::new(
                d.at(pos, column),
                ProblemKind::UnknownReference {
                    kind,
                    found: found.to_string(),
                },
            ));
        }
    };
    let nation = |n: NationCode| nations.contains(&n);
    let mut cites = Cites {
        sources,
        searched: FastMap::default(),
    };
    let mut cite = |p: &mut Problems, pos: RowAt, c: &'a Citation, prefix: &str| {
        cites.check(p, d, pos, c, prefix)
    };

    for (line, m) in d.missions {
        let pos = RowAt {
            table: 2,
            line: *line,
        };
        if let Some(lead) = m.lead() {
            reference(p, pos, "lead", "nation", &lead, nation(lead));
        }
        for partner in m.partners() {
            let ok = nation(*partner);
            reference(p, pos, "partners", "nation", &partner, ok);
        }
        reference(p, pos, "host", "nation", &m.host(), nation(m.host()));
        cite(p, pos, m.citation(), "");
        if let Some(c) = m.role_citation() {
            cite(p, pos, c, "role_");
        }
    }
    for (line, t) in d.totals {
        let pos = RowAt {
            table: 3,
            line: *line,
        };
        let ok = missions.contains(t.mission());
        reference(p, pos, "mission", "mission", &t.mission(), ok);
        cite(p, pos, t.citation(), "");
    }
    for (line, x) in d.deployments {
        let pos = RowAt {
            table: 4,
            line: *line,
        };
        reference(p, pos, "nation", "nation", &x.nation(), nation(x.nation()));
        let country = x.location().country();
        reference(p, pos, "location", "nation", &country, nation(country));
        if let Some(m) = x.mission() {
            reference(p, pos, "mission", "mission", &m, missions.contains(m));
        }
        if let Some(rel) = x.relative_to() {
            let r = rel.relocation();
            let ok = relocations.contains(r);
            reference(p, pos, "relative_to", "relocation", &r, ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (line, x) in d.relocations {
        let pos = RowAt {
            table: 5,
            line: *line,
        };
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", &n, nation(n));
        }
        let from = x.from().country();
        reference(p, pos, "from", "nation", &from, nation(from));
        for to in x.to() {
            let c = to.country();
            reference(p, pos, "to", "nation", &c, nation(c));
        }
        for (column, m) in [
            ("from_mission", x.from_mission()),
            ("to_mission", x.to_mission()),
        ] {
            if let Some(m) = m {
                reference(p, pos, column, "mission", &m, missions.contains(m));
            }
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && relocations.contains(s);
            reference(p, pos, "same_as", "other relocation", &s, ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (line, x) in d.events {
        let pos = RowAt {
            table: 6,
            line: *line,
        };
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", &n, nation(n));
        }
        if let Some(l) = x.location() {
            let c = l.country();
            reference(p, pos, "location", "nation", &c, nation(c));
        }
        if let Some(m) = x.mission() {
            reference(p, pos, "mission", "mission", &m, missions.contains(m));
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && events.contains(s);
            reference(p, pos, "same_as", "other event", &s, ok);
        }
        cite(p, pos, x.citation(), "");
    }
}
