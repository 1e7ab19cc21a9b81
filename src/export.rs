//! CSV files for spreadsheets: the posture, the timeline, the findings, a
//! nation-by-location pivot, and the whole ledger in the input schema.
//!
//! Every file is UTF-8 with RFC 4180 quoting, ISO 8601 dates and plain
//! numbers. A text cell that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-`, `@`, a tab, a carriage return or a line
//! feed) is written with a leading `'`, as OWASP recommends; the loader
//! takes it off again, so an exported ledger loads back unchanged.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::dataset::Dataset;
use crate::date::Date;
use crate::interval::Interval;
use crate::ledger::{Key, Ledger, State, Trace};
use crate::load;
use crate::posture::{Entry, Posture};
use crate::report::Report;
use crate::source::Citation;
use crate::strength::Strength;

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
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The system's error.
        source: std::io::Error,
    },
    /// The CSV writer failed (it wraps write errors of the target).
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl From<std::io::Error> for ExportError {
    fn from(source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: "the output".into(),
            source,
        }
    }
}

const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Guards a text cell against formula injection: text starting with `=`,
/// `+`, `-`, `@`, tab, CR or LF gets a leading `'`, and so does text that
/// already starts with `'` followed by one of those or by another `'`, so
/// that [`restore`] can always undo it exactly.
///
/// ```
/// use troop_tracker::export::{neutralize, restore};
/// assert_eq!(neutralize("=1+2"), "'=1+2");
/// assert_eq!(neutralize("'Good luck'"), "'Good luck'");
/// assert_eq!(restore(&neutralize("'=x")), "'=x");
/// ```
pub fn neutralize(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars();
    let first = chars.next();
    let needs = match first {
        Some(c) if TRIGGERS.contains(&c) => true,
        Some('\'') => chars
            .next()
            .is_some_and(|c| c == '\'' || TRIGGERS.contains(&c)),
        _ => false,
    };
    if needs {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`neutralize`]: a cell starting with `'` followed by a formula
/// character or another `'` loses the first `'`; anything else is kept.
pub fn restore(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c == '\'' || TRIGGERS.contains(&c)) => {
            Cow::Borrowed(rest)
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A CSV writer with the options applied and a row counter.
struct Sheet<W: Write> {
    csv: csv::Writer<W>,
    rows: usize,
}

impl<W: Write> Sheet<W> {
    fn new(mut w: W, options: ExportOptions, header: &[&str]) -> Result<Sheet<W>, ExportError> {
        if options.bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        let terminator = if options.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut csv = csv::WriterBuilder::new()
            .terminator(terminator)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(w);
        csv.write_record(header)?;
        Ok(Sheet { csv, rows: 0 })
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        self.csv
            .write_record(cells.iter().map(|c| c.text().into_owned()))?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<usize, ExportError> {
        self.csv.flush()?;
        Ok(self.rows)
    }
}

/// A cell: free text (guarded against formulas) or a value whose notation
/// cannot start a formula (codes, ids, numbers, dates, notations).
enum Cell {
    Text(String),
    Value(String),
}

impl Cell {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => neutralize(t),
            Cell::Value(v) => Cow::Borrowed(v),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn value(s: impl ToString) -> Cell {
    Cell::Value(s.to_string())
}

fn opt<T: ToString>(v: Option<T>) -> Cell {
    Cell::Value(v.map(|x| x.to_string()).unwrap_or_default())
}

fn opt_text(v: Option<&str>) -> Cell {
    Cell::Text(v.unwrap_or_default().to_owned())
}

fn yes_no(v: Option<bool>) -> Cell {
    value(match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    })
}

fn join<T: ToString>(items: impl IntoIterator<Item = T>) -> Cell {
    value(
        items
            .into_iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(";"),
    )
}

/// The columns of `posture.csv`, in order.
pub const POSTURE_COLUMNS: &[&str] = &[
    "as_of",
    "nation",
    "nation_name",
    "mission",
    "location",
    "area",
    "strength",
    "low",
    "high",
    "kind",
    "status",
    "sources",
    "part_of",
    "part_low",
    "part_high",
    "origin",
    "last_observed",
    "stale",
];

fn location_cells(key: &Key) -> (Cell, Cell) {
    match key.places.as_slice() {
        [one] => (value(one.country()), opt_text(one.area())),
        _ => (value(key.places_label()), value("")),
    }
}

fn bounds(i: Interval) -> (Cell, Cell) {
    (value(i.low()), opt(i.high()))
}

/// Writes the posture, one row per nation, mission and location.
///
/// `low` and `high` are what each row adds to the totals, so summing them
/// gives [`Posture::total`]; an empty `high` means no upper bound. A row
/// that is part of another (an area of a country figure, one mission of an
/// all-missions figure) names it in `part_of` and gives its counts in
/// `part_low`/`part_high` instead, so nothing is counted twice.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_posture<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let data = posture.dataset();
    let mut sheet = Sheet::new(w, options, POSTURE_COLUMNS)?;
    for e in posture.entries() {
        let (location, area) = location_cells(e.key());
        let nation_name = match e.nation() {
            Some(n) => data
                .nation(n)
                .map_or(String::new(), |x| x.name().to_owned()),
            None => "contributors not named".to_owned(),
        };
        let parent = e.nested_in().and_then(|i| posture.entries().get(i));
        let ((low, high), (part_low, part_high)) = match parent {
            Some(_) => ((value(""), value("")), bounds(e.bounds())),
            None => (bounds(e.bounds()), (value(""), value(""))),
        };
        sheet.row(&[
            value(posture.day()),
            opt(e.nation()),
            text(nation_name),
            opt(e.mission()),
            location,
            area,
            value(e.strength()),
            low,
            high,
            value(e.strength().kind()),
            value(e.status()),
            join(e.basis()),
            opt(parent.map(|p: &Entry| p.key().to_string())),
            part_low,
            part_high,
            value(e.origin().as_str()),
            opt(e.last_observed()),
            yes_no(Some(e.is_stale())),
        ])?;
    }
    sheet.finish()
}

/// The columns of `timeline.csv`, in order.
pub const TIMELINE_COLUMNS: &[&str] = &[
    "date",
    "date_end",
    "date_precision",
    "nation",
    "mission",
    "location",
    "area",
    "change",
    "strength_after",
    "low",
    "high",
    "unit",
    "event_kind",
    "record",
    "source",
    "quote",
];

struct TimelineRow {
    day: chrono::NaiveDate,
    seq: usize,
    cells: Vec<Cell>,
}

fn date_cells(d: Date) -> [Cell; 3] {
    [value(d.earliest()), value(d.latest()), value(d.precision())]
}

#[allow(clippy::too_many_arguments)]
fn timeline_row(
    date: Date,
    key: Option<&Key>,
    change: String,
    after: Option<Strength>,
    unit: &str,
    kind: &str,
    record: &str,
    citation: &Citation,
) -> Vec<Cell> {
    let (location, area) = key.map_or((value(""), value("")), location_cells);
    let (low, high) = after.map_or((value(""), value("")), |s| bounds(s.bounds()));
    let [d0, d1, dp] = date_cells(date);
    vec![
        d0,
        d1,
        dp,
        opt(key.and_then(|k| k.nation)),
        opt(key.and_then(|k| k.mission.as_ref())),
        location,
        area,
        text(change),
        opt(after),
        low,
        high,
        value(unit),
        value(kind),
        value(record),
        value(citation.source()),
        text(citation.quote()),
    ]
}

/// Writes every dated change of the ledger, oldest first: observations
/// and relocations with the figure after each (relocations give a row for
/// the origin and one for the destination), announced relocations,
/// reported mission totals, and events with their counts.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_timeline<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let mut rows: Vec<TimelineRow> = Vec::new();
    let mut push = |day, cells| {
        let seq = rows.len();
        rows.push(TimelineRow { day, seq, cells });
    };
    let ledger = Ledger::new(data, false);
    let key_of = |id: usize| ledger.key(id).cloned().unwrap_or_default();
    ledger.replay(
        &mut State::new(),
        None,
        chrono::NaiveDate::MAX,
        false,
        &mut |t| match t {
            Trace::Observed {
                deployment: d,
                key,
                now,
                ..
            } => {
                let key = key_of(key);
                let mut change = format!("observed {}", d.strength());
                if let Some(share) = d.share() {
                    change.push_str(&format!(" ({share} of the mission total)"));
                }
                let cells = timeline_row(
                    d.as_of(),
                    Some(&key),
                    change,
                    Some(now.strength()),
                    "troops",
                    "observation",
                    d.id().as_str(),
                    d.citation(),
                );
                push(now.day, cells);
            }
            Trace::Moved {
                relocation: r,
                moved,
                origin,
                after,
                destination,
                arrived,
                ..
            } => {
                let (origin, destination) = (key_of(origin), key_of(destination));
                let kind = format!("relocation_{}", r.status());
                let out = format!("moved out {} to {}", moved, destination.places_label());
                let cells = timeline_row(
                    r.date(),
                    Some(&origin),
                    out,
                    Some(after.strength()),
                    "troops",
                    &kind,
                    r.id().as_str(),
                    r.citation(),
                );
                push(after.day, cells);
                let arrive = format!("moved in {} from {}", moved, origin.places_label());
                let cells = timeline_row(
                    r.date(),
                    Some(&destination),
                    arrive,
                    Some(arrived.strength()),
                    "troops",
                    &kind,
                    r.id().as_str(),
                    r.citation(),
                );
                push(arrived.day, cells);
            }
        },
    );
    for r in data.relocations() {
        if r.status().has_moved() && r.same_as().is_none() {
            continue;
        }
        let key = Key {
            nation: r.nation(),
            places: vec![r.from().clone()],
            mission: r.from_mission().cloned(),
        };
        let to: Vec<String> = r.to().iter().map(ToString::to_string).collect();
        let change = match r.same_as() {
            Some(first) => format!("reported again as {} (same move as {first})", r.strength()),
            None => format!(
                "announced: {} to move to {}{}",
                r.strength(),
                to.join("+"),
                r.to_mission()
                    .map(|m| format!(" under {m}"))
                    .unwrap_or_default()
            ),
        };
        let kind = format!("relocation_{}", r.status());
        push(
            r.date().earliest(),
            timeline_row(
                r.date(),
                Some(&key),
                change,
                None,
                "troops",
                &kind,
                r.id().as_str(),
                r.citation(),
            ),
        );
    }
    for m in data.missions() {
        for t in m.totals() {
            let key = Key {
                nation: None,
                places: vec![crate::location::Location::country_wide(m.host())],
                mission: Some(m.id().clone()),
            };
            let change = format!("reported total {}", t.strength());
            let mut cells = timeline_row(
                t.as_of(),
                Some(&key),
                change,
                Some(t.strength()),
                "troops",
                "mission_total",
                t.id().as_str(),
                t.citation(),
            );
            // A total is the whole mission's, not unnamed contributors'.
            if let Some(c) = cells.get_mut(3) {
                *c = value("");
            }
            push(t.as_of().earliest(), cells);
        }
    }
    for e in data.events() {
        let key = Key {
            nation: e.nation(),
            places: e.location().into_iter().cloned().collect(),
            mission: e.mission().cloned(),
        };
        let (count, unit) = match e.count() {
            Some((c, u)) => (Some(c), u.as_str()),
            None => (None, ""),
        };
        let mut what = e.kind().as_str().replace('_', " ");
        if let Some(o) = e.organization() {
            what.push_str(&format!(" ({o})"));
        }
        let key_ref = (!key.places.is_empty()).then_some(&key);
        let mut cells = timeline_row(
            e.date(),
            key_ref,
            what,
            count,
            unit,
            e.kind().as_str(),
            e.id().as_str(),
            e.citation(),
        );
        if key_ref.is_none() {
            if let (Some(n), Some(m)) = (cells.get_mut(3), e.nation()) {
                *n = value(m);
            }
            if let (Some(c), Some(m)) = (cells.get_mut(4), e.mission()) {
                *c = value(m);
            }
        }
        push(e.date().earliest(), cells);
    }
    rows.sort_by_key(|r| (r.day, r.seq));
    let mut sheet = Sheet::new(w, options, TIMELINE_COLUMNS)?;
    for r in &rows {
        sheet.row(&r.cells)?;
    }
    sheet.finish()
}

/// The columns of `findings.csv`, in order.
pub const FINDINGS_COLUMNS: &[&str] = &["rule", "severity", "records", "message"];

/// Writes a validation report, one finding per row.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_findings<W: Write>(
    w: W,
    report: &Report,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let mut sheet = Sheet::new(w, options, FINDINGS_COLUMNS)?;
    for f in report.findings() {
        sheet.row(&[
            value(f.rule()),
            value(f.severity().as_str()),
            join(f.records()),
            text(f.message()),
        ])?;
    }
    sheet.finish()
}

/// Writes nations as rows and locations as columns, each cell the
/// nation's strength there (its top-level figures, summed honestly), with
/// totals in the last row and the last column.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_pivot<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let locations = posture.by_location();
    let labels: Vec<String> = locations.iter().map(|l| l.label.clone()).collect();
    let mut header: Vec<&str> = vec!["nation"];
    header.extend(labels.iter().map(String::as_str));
    header.push("total");
    let mut sheet = Sheet::new(w, options, &header)?;
    let label_of = |e: &Entry| match e.key().places.as_slice() {
        [one] => one.country().to_string(),
        _ => e.key().places_label(),
    };
    for view in posture.by_nation() {
        let mut cells = vec![value(
            view.nation
                .map_or("(not named)".to_owned(), |n| n.to_string()),
        )];
        for label in &labels {
            let tops: Vec<&&Entry> = view
                .entries
                .iter()
                .filter(|e| !e.is_nested() && &label_of(e) == label)
                .collect();
            let cell = match tops.as_slice() {
                [] => String::new(),
                [one] => one.strength().to_string(),
                many => {
                    let parts: Vec<Interval> = many.iter().map(|e| e.bounds()).collect();
                    Interval::sum(&parts).to_string()
                }
            };
            cells.push(value(cell));
        }
        cells.push(value(view.total));
        sheet.row(&cells)?;
    }
    let mut totals = vec![value("total")];
    totals.extend(locations.iter().map(|l| value(l.total)));
    totals.push(value(posture.total()));
    sheet.row(&totals)?;
    sheet.finish()
}

/// Writes one file of the ledger (`deployments.csv`, ...) in the input
/// schema, so that [`Dataset::from_dir`] reads it back. In `sources.csv`
/// each article's path becomes `sources/ID.txt`, where [`write_ledger`]
/// puts the text.
///
/// # Errors
///
/// [`ExportError`] when the writer fails, or an I/O error naming the file
/// when `name` is not one of the schema's files.
pub fn write_table<W: Write>(
    w: W,
    data: &Dataset,
    name: &str,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let Some((_, columns)) = load::schema().into_iter().find(|(n, _)| *n == name) else {
        return Err(ExportError::Io {
            path: name.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a file of the schema",
            ),
        });
    };
    let mut sheet = Sheet::new(w, options, columns)?;
    let cite = |c: &Citation| [value(c.source()), text(c.quote())];
    let words_note = |c: &Citation| [opt_text(c.words()), opt_text(c.note())];
    match name {
        "sources.csv" => {
            for s in data.sources() {
                let file = s.text().map(|_| format!("sources/{}.txt", s.id()));
                sheet.row(&[
                    value(s.id()),
                    opt_text(file.as_deref()),
                    text(s.title()),
                    text(s.outlet()),
                    value(s.published()),
                    text(s.date_basis()),
                ])?;
            }
        }
        "nations.csv" => {
            for n in data.nations() {
                sheet.row(&[
                    value(n.code()),
                    text(n.name()),
                    opt(n.nato_joined()),
                    opt_text(n.reference()),
                ])?;
            }
        }
        "missions.csv" => {
            for m in data.missions() {
                let [source, quote] = cite(m.citation());
                let (role_source, role_quote) = match m.role_citation() {
                    Some(c) => (value(c.source()), text(c.quote())),
                    None => (value(""), value("")),
                };
                sheet.row(&[
                    value(m.id()),
                    text(m.name()),
                    text(m.organization()),
                    opt(m.lead()),
                    join(m.partners()),
                    value(m.host()),
                    opt(m.launched()),
                    yes_no(m.combat_role()),
                    source,
                    quote,
                    role_source,
                    role_quote,
                ])?;
            }
        }
        "mission_strengths.csv" => {
            for t in data.mission_strengths() {
                let [source, quote] = cite(t.citation());
                let [words, note] = words_note(t.citation());
                sheet.row(&[
                    value(t.id()),
                    value(t.mission()),
                    value(t.as_of()),
                    value(t.strength()),
                    words,
                    source,
                    quote,
                    note,
                ])?;
            }
        }
        "deployments.csv" => {
            for d in data.deployments() {
                let [source, quote] = cite(d.citation());
                let [words, note] = words_note(d.citation());
                sheet.row(&[
                    value(d.id()),
                    value(d.nation()),
                    value(d.location()),
                    opt(d.mission()),
                    value(d.as_of()),
                    opt(d.relative_to()),
                    value(d.strength()),
                    opt(d.share()),
                    words,
                    source,
                    quote,
                    note,
                ])?;
            }
        }
        "relocations.csv" => {
            for r in data.relocations() {
                let [source, quote] = cite(r.citation());
                let [words, note] = words_note(r.citation());
                sheet.row(&[
                    value(r.id()),
                    opt(r.nation()),
                    value(r.date()),
                    value(r.strength()),
                    value(r.from()),
                    opt(r.from_mission()),
                    join(r.to()),
                    opt(r.to_mission()),
                    yes_no(r.temporary()),
                    value(r.status()),
                    opt(r.same_as()),
                    words,
                    source,
                    quote,
                    note,
                ])?;
            }
        }
        _ => {
            for e in data.events() {
                let [source, quote] = cite(e.citation());
                let [words, note] = words_note(e.citation());
                let (count, unit) = match e.count() {
                    Some((c, u)) => (value(c), value(u)),
                    None => (value(""), value("")),
                };
                sheet.row(&[
                    value(e.id()),
                    value(e.date()),
                    value(e.kind()),
                    opt_text(e.organization()),
                    opt(e.mission()),
                    opt(e.nation()),
                    opt(e.location()),
                    count,
                    unit,
                    opt(e.same_as()),
                    words,
                    source,
                    quote,
                    note,
                ])?;
            }
        }
    }
    sheet.finish()
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
        let path = path.display().to_string();
        move |source| ExportError::Io { path, source }
    };
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).map_err(io(&sources))?;
    let mut written = Vec::new();
    for (name, _) in load::schema() {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).map_err(io(&path))?;
        let rows = write_table(std::io::BufWriter::new(file), data, name, options)?;
        written.push((path, rows));
    }
    for s in data.sources() {
        if let Some(body) = s.text() {
            let path = sources.join(format!("{}.txt", s.id()));
            std::fs::write(&path, body).map_err(io(&path))?;
            written.push((path, 1));
        }
    }
    Ok(written)
}

impl Dataset {
    /// Whether two datasets hold the same records: every source (id,
    /// title, outlet, date, basis and article text, but not the article's
    /// path), nation, mission, total, deployment, relocation and event,
    /// field by field and in order, with strengths and dates compared by
    /// notation. Export followed by import keeps this true.
    pub fn same_records(&self, other: &Dataset) -> bool {
        fn show<T: std::fmt::Debug>(items: &[T]) -> Vec<String> {
            items.iter().map(|x| format!("{x:?}")).collect()
        }
        let sources = |d: &Dataset| -> Vec<String> {
            d.sources()
                .iter()
                .map(|s| {
                    format!(
                        "{} {:?} {:?} {} {:?} {:?}",
                        s.id(),
                        s.title(),
                        s.outlet(),
                        s.published(),
                        s.date_basis(),
                        s.text()
                    )
                })
                .collect()
        };
        sources(self) == sources(other)
            && show(self.nations()) == show(other.nations())
            && show(self.missions()) == show(other.missions())
            && show(self.deployments()) == show(other.deployments())
            && show(self.relocations()) == show(other.relocations())
            && show(self.events()) == show(other.events())
    }
}
