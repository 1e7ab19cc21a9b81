//! Reading a data folder: CSV rows into typed records, with every problem
//! reported by file, line and column.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use csv::StringRecord;

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
    /// The bytes of `name` (a path relative to the data folder), `Ok(None)`
    /// when there is no such file, `Err` with the system's message when it
    /// exists but cannot be read.
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String>;
    /// How to name `name` in messages.
    fn label(&self, name: &str) -> String;
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

/// A row being read, with what is needed to name a bad cell.
struct Row<'a> {
    file: &'a str,
    line: u64,
    columns: &'static [&'static str],
    map: &'a [usize],
    record: &'a StringRecord,
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

    /// The citation in the `source`, `quote`, `words` and `note` columns
    /// (the last two where the table has them).
    fn citation(&self) -> Result<Citation, Problem> {
        let source = self.req("source")?;
        let quote = self.text("quote")?;
        Ok(Citation::new(source, quote, self.opt_text("words")).with_note(self.opt_text("note")))
    }
}

/// Reads one table, calling `parse` on each data row. Rows that fail are
/// reported, never skipped silently: any problem fails the whole load.
fn read_table<T>(
    files: &dyn Files,
    table: &Table,
    problems: &mut Problems,
    mut parse: impl FnMut(&Row<'_>) -> Result<T, Problem>,
) -> Vec<(Position, T)> {
    let label = files.label(table.name);
    let bytes = match files.read(table.name) {
        Ok(Some(b)) => b,
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
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = StringRecord::new();
    let header = match reader.read_record(&mut record) {
        Ok(true) => record.clone(),
        Ok(false) => {
            problems.push(Problem::new(Position::file(&label), ProblemKind::Empty));
            return Vec::new();
        }
        Err(e) => {
            problems.push(csv_problem(&label, 1, &e));
            return Vec::new();
        }
    };
    let Some(map) = header_map(&label, table, &header, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
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
                if record.len() != header.len() {
                    problems.push(Problem::new(
                        Position::line(&label, line),
                        ProblemKind::ColumnCount {
                            expected: header.len(),
                            found: record.len(),
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
                };
                match parse(&row) {
                    Ok(t) => out.push((Position::line(&label, line), t)),
                    Err(p) => problems.push(p),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
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
            Ok(Some((role, Citation::new(source, quote, None))))
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

    let mut sources = read_table(files, &SOURCES, p, |r| {
        Ok(Source::new(
            r.req("id")?,
            r.opt_text("file"),
            r.text("title")?,
            r.text("outlet")?,
            r.req("published")?,
            r.text("date_basis")?,
        ))
    });
    for (pos, source) in &mut sources {
        let Some(file) = source.file().map(str::to_owned) else {
            continue;
        };
        let at = Position::cell(pos.file_name(), pos.line_number().unwrap_or(0), "file");
        match files.read(&file) {
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

    let nations = read_table(files, &NATIONS, p, |r| {
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

    let missions = read_table(files, &MISSIONS, p, |r| {
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

    let totals = read_table(files, &MISSION_STRENGTHS, p, |r| {
        Ok(MissionStrength::new(
            r.req("id")?,
            r.req("mission")?,
            r.req("as_of")?,
            r.req("strength")?,
            r.citation()?,
        ))
    });

    let deployments = read_table(files, &DEPLOYMENTS, p, |r| {
        let mission: Option<MissionId> = r.opt("mission")?;
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
            r.req("location")?,
            r.req("as_of")?,
            r.req("strength")?,
            r.citation()?,
        )
        .with_mission(mission)
        .with_relative_to(r.opt::<Relative>("relative_to")?)
        .with_share(share))
    });

    let relocations = read_table(files, &RELOCATIONS, p, |r| {
        let from = Posting {
            locations: vec![r.req("from")?],
            mission: r.opt("from_mission")?,
        };
        let to = Posting {
            locations: r.opt_with("to", locations)?.unwrap_or_default(),
            mission: r.opt("to_mission")?,
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

    let events = read_table(files, &EVENTS, p, |r| {
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
            .with_mission(r.opt("mission")?)
            .with_nation(r.opt("nation")?)
            .with_location(r.opt("location")?)
            .with_count(count)
            .with_same_as(r.opt("same_as")?))
    });

    let mut ds = Dataset::default();
    cross_check(
        p,
        &Parsed {
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
    sources: &'a [(Position, Source)],
    nations: &'a [(Position, Nation)],
    missions: &'a [(Position, Mission)],
    totals: &'a [(Position, MissionStrength)],
    deployments: &'a [(Position, Deployment)],
    relocations: &'a [(Position, Relocation)],
    events: &'a [(Position, Event)],
}

fn at(pos: &Position, column: &str) -> Position {
    Position::cell(pos.file_name(), pos.line_number().unwrap_or(0), column)
}

/// Checks what no single row can: unique ids, references that resolve,
/// quotes that are in their sources.
fn cross_check(p: &mut Problems, d: &Parsed<'_>) {
    fn unique<'k>(
        p: &mut Problems,
        seen: &mut HashMap<String, Position>,
        column: &str,
        items: impl Iterator<Item = (&'k Position, String)>,
    ) {
        for (pos, id) in items {
            if let Some(first) = seen.get(&id) {
                p.push(Problem::new(
                    at(pos, column),
                    ProblemKind::DuplicateId {
                        id,
                        first: first.to_string(),
                    },
                ));
            } else {
                seen.insert(id, pos.clone());
            }
        }
    }
    unique(
        p,
        &mut HashMap::new(),
        "id",
        d.sources.iter().map(|(pos, s)| (pos, s.id().to_string())),
    );
    unique(
        p,
        &mut HashMap::new(),
        "code",
        d.nations.iter().map(|(pos, n)| (pos, n.code().to_string())),
    );
    unique(
        p,
        &mut HashMap::new(),
        "id",
        d.missions.iter().map(|(pos, m)| (pos, m.id().to_string())),
    );
    let mut records = HashMap::new();
    unique(
        p,
        &mut records,
        "id",
        d.totals.iter().map(|(pos, t)| (pos, t.id().to_string())),
    );
    unique(
        p,
        &mut records,
        "id",
        d.deployments
            .iter()
            .map(|(pos, x)| (pos, x.id().to_string())),
    );
    unique(
        p,
        &mut records,
        "id",
        d.relocations
            .iter()
            .map(|(pos, x)| (pos, x.id().to_string())),
    );
    unique(
        p,
        &mut records,
        "id",
        d.events.iter().map(|(pos, x)| (pos, x.id().to_string())),
    );

    let nations: HashSet<NationCode> = d.nations.iter().map(|(_, n)| n.code()).collect();
    let missions: HashSet<&MissionId> = d.missions.iter().map(|(_, m)| m.id()).collect();
    let sources: HashMap<&SourceId, &Source> = d.sources.iter().map(|(_, s)| (s.id(), s)).collect();
    let relocations: HashSet<&RecordId> = d.relocations.iter().map(|(_, r)| r.id()).collect();
    let events: HashSet<&RecordId> = d.events.iter().map(|(_, e)| e.id()).collect();

    fn reference(
        p: &mut Problems,
        pos: &Position,
        column: &str,
        kind: &'static str,
        found: String,
        ok: bool,
    ) {
        if !ok {
            p.push(Problem::new(
                at(pos, column),
                ProblemKind::UnknownReference { kind, found },
            ));
        }
    }
    let nation = |n: NationCode| nations.contains(&n);
    let cite = |p: &mut Problems, pos: &Position, c: &Citation, prefix: &str| {
        match sources.get(c.source()) {
            None => p.push(Problem::new(
                at(pos, &format!("{prefix}source")),
                ProblemKind::UnknownReference {
                    kind: "source",
                    found: c.source().to_string(),
                },
            )),
            Some(s) => {
                if let Some(text) = s.text() {
                    if !text.contains(c.quote()) {
                        p.push(Problem::new(
                            at(pos, &format!("{prefix}quote")),
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
                    at(pos, "words"),
                    ProblemKind::WordsNotInQuote {
                        words: w.to_owned(),
                    },
                ));
            }
        }
    };

    for (pos, m) in d.missions {
        if let Some(lead) = m.lead() {
            reference(p, pos, "lead", "nation", lead.to_string(), nation(lead));
        }
        for partner in m.partners() {
            let ok = nation(*partner);
            reference(p, pos, "partners", "nation", partner.to_string(), ok);
        }
        reference(
            p,
            pos,
            "host",
            "nation",
            m.host().to_string(),
            nation(m.host()),
        );
        cite(p, pos, m.citation(), "");
        if let Some(c) = m.role_citation() {
            cite(p, pos, c, "role_");
        }
    }
    for (pos, t) in d.totals {
        let ok = missions.contains(t.mission());
        reference(p, pos, "mission", "mission", t.mission().to_string(), ok);
        cite(p, pos, t.citation(), "");
    }
    for (pos, x) in d.deployments {
        reference(
            p,
            pos,
            "nation",
            "nation",
            x.nation().to_string(),
            nation(x.nation()),
        );
        let country = x.location().country();
        reference(
            p,
            pos,
            "location",
            "nation",
            country.to_string(),
            nation(country),
        );
        if let Some(m) = x.mission() {
            reference(
                p,
                pos,
                "mission",
                "mission",
                m.to_string(),
                missions.contains(m),
            );
        }
        if let Some(rel) = x.relative_to() {
            let r = rel.relocation();
            let ok = relocations.contains(r);
            reference(p, pos, "relative_to", "relocation", r.to_string(), ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (pos, x) in d.relocations {
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", n.to_string(), nation(n));
        }
        let from = x.from().country();
        reference(p, pos, "from", "nation", from.to_string(), nation(from));
        for to in x.to() {
            let c = to.country();
            reference(p, pos, "to", "nation", c.to_string(), nation(c));
        }
        for (column, m) in [
            ("from_mission", x.from_mission()),
            ("to_mission", x.to_mission()),
        ] {
            if let Some(m) = m {
                reference(
                    p,
                    pos,
                    column,
                    "mission",
                    m.to_string(),
                    missions.contains(m),
                );
            }
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && relocations.contains(s);
            reference(p, pos, "same_as", "other relocation", s.to_string(), ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (pos, x) in d.events {
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", n.to_string(), nation(n));
        }
        if let Some(l) = x.location() {
            let c = l.country();
            reference(p, pos, "location", "nation", c.to_string(), nation(c));
        }
        if let Some(m) = x.mission() {
            reference(
                p,
                pos,
                "mission",
                "mission",
                m.to_string(),
                missions.contains(m),
            );
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && events.contains(s);
            reference(p, pos, "same_as", "other event", s.to_string(), ok);
        }
        cite(p, pos, x.citation(), "");
    }
}
