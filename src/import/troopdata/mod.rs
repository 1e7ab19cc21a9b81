//! The US record of troops abroad: the Defense Manpower Data Center's
//! quarterly counts by host country (1950–2025), as compiled by the
//! troopdata R package (`get_troopdata()`), read into deployments of
//! nation `USA`.
//!
//! Two tables, read in place (the package is GPL; nothing is copied):
//! [`QUARTERLY_FILE`], one row per country and quarter, and
//! [`REPORTS_FILE`], the DMDC reports as scraped. Each row with a country
//! code becomes a [`Deployment`] of active-duty troops (`troops_ad`) dated
//! by its month, citing its table, line and the row's own text. How a
//! figure is read depends on the row's `source` ([`Reading`]):
//!
//! | `source` | `troops_ad` | read as |
//! |---|---|---|
//! | a DMDC report (`June 2020`) | N | N, reported |
//! | `NA` | 0 | not reported (`n/r`): no report was published |
//! | `NA` | N > 0 | `~N`, an estimate inserted from an unnamed outside source |
//! | `Stepwise Imputation` | N | `~N`, imputed by the package |
//! | `Kane 2006` | N | N, from Tim Kane's earlier compilation |
//!
//! Reports rows come after the quarterly table's, so where both give a
//! figure for one quarter and they disagree (validation says so, quoting
//! both rows), a posture uses the raw report.

use crate::csv::read::{read_rows, Problems};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::csv::{LoadError, Position, Problem, ProblemKind};
use crate::dataset::Dataset;
use crate::date::{Date, Day};
use crate::deployment::Deployment;
use crate::id::{RecordId, SourceId};
use crate::import::file::{csv_problems, read_table_file, refuse_nul, shape};
use crate::import::problem::at_row;
use crate::location::Location;
use crate::nation::{Nation, NationCode};
use crate::source::{Citation, Source};

mod reading;
mod row;

pub use reading::Reading;
use row::{read_row, Columns, Row};

/// troopdata's country-year-quarter table.
pub const QUARTERLY_FILE: &str = "troopdata-rebuild-country-year-quarter-format.csv";
/// troopdata's table of the DMDC reports as scraped.
pub const REPORTS_FILE: &str = "troopdata-rebuild-reports.csv";
/// The source id of the quarterly table.
pub const QUARTERLY_SOURCE: &str = "troopdata-quarterly";
/// The source id of the reports table.
pub const REPORTS_SOURCE: &str = "troopdata-reports";
/// The largest table read, in bytes (the files are read whole).
pub const MAX_TABLE_BYTES: u64 = 256 << 20;

pub use crate::import::{Import, TableCounts};

/// Imports [`QUARTERLY_FILE`] and [`REPORTS_FILE`] from a folder holding
/// troopdata's `data-raw` files.
///
/// # Errors
///
/// [`LoadError`] when a file cannot be read, is too large, is not UTF-8,
/// lacks a needed column or is malformed CSV.
pub fn read_dir(dir: &Path) -> Result<Import, LoadError> {
    from_texts(
        read_table_file(dir, QUARTERLY_FILE, MAX_TABLE_BYTES)?,
        Some(read_table_file(dir, REPORTS_FILE, MAX_TABLE_BYTES)?),
    )
}

/// Imports the quarterly table and, if given, the reports, each as
/// `(file name, text)`.
///
/// # Errors
///
/// As [`read_dir`], for a missing column or malformed CSV.
pub fn from_texts(
    quarterly: (String, String),
    reports: Option<(String, String)>,
) -> Result<Import, LoadError> {
    let mut b = Builder::default();
    // The quarterly table copies the reports' rows: a row the report
    // itself labels as holding no figure is no figure in the copy either.
    if let Some((_, text)) = &reports {
        b.uncovered = reading::uncovered(text);
    }
    let mut sources = Vec::new();
    let mut counts = Vec::new();
    let tables = [
        (Table::Quarterly, Some(quarterly)),
        (Table::Reports, reports),
    ];
    for (table, given) in tables {
        let Some((file, text)) = given else { continue };
        // A NUL byte is no text a table holds (a binary or UTF-16 file):
        // refused where it is, never carried into a "verbatim" quote.
        refuse_nul(&file, &text)?;
        let source = Source::table(
            table.source_id(),
            file.clone(),
            table.title(),
            "US Defense Manpower Data Center, compiled by the troopdata R package",
            Date::year(1950).map_err(|_| no_date(&file))?,
            text,
        );
        let (count, latest) = b.table(table, &file, &source)?;
        let latest = latest.ok_or_else(|| no_date(&file))?;
        sources.push(source.published_on(
            latest,
            "the latest quarter in the table (it carries no date of its own)",
        ));
        counts.push(count);
    }
    // What the tables say about their own figures: zeros that are filler,
    // systematic errors, series that disagree.
    let learned = crate::import::doubts::read(
        &mut b.deployments,
        crate::import::doubts::Zeros::MayBeFiller,
    );
    let nations = b
        .nations
        .into_iter()
        .map(|(code, name)| Nation::new(code, name, None, None));
    let usa = Nation::new(usa(), "United States", None, None);
    let mut nations: Vec<Nation> = nations.filter(|n| n.code() != usa.code()).collect();
    nations.insert(0, usa);
    let dataset = Dataset::new(
        sources,
        nations,
        Vec::new(),
        b.deployments,
        Vec::new(),
        Vec::new(),
    );
    Ok(Import {
        dataset,
        problems: b.problems,
        counts,
        patterns: learned.patterns,
    })
}

fn no_date(file: &str) -> LoadError {
    LoadError::one(Problem::new(Position::file(file), ProblemKind::NoDatedRow))
}

fn usa() -> NationCode {
    NationCode::new("USA").expect("USA is a well-formed code")
}

/// Which table a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Table {
    Quarterly,
    Reports,
}

impl Table {
    fn source_id(self) -> SourceId {
        let id = match self {
            Table::Quarterly => QUARTERLY_SOURCE,
            Table::Reports => REPORTS_SOURCE,
        };
        id.parse().expect("the source ids are well-formed")
    }

    fn title(self) -> &'static str {
        match self {
            Table::Quarterly => "US military personnel by host country and quarter (troopdata)",
            Table::Reports => "DMDC quarterly reports as scraped, one row per location (troopdata)",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Table::Quarterly => "TDQ",
            Table::Reports => "TDR",
        }
    }
}

#[derive(Default)]
struct Builder {
    deployments: Vec<Deployment>,
    problems: Vec<Problem>,
    nations: BTreeMap<NationCode, String>,
    seen: HashMap<(Table, NationCode, Day), usize>,
    /// The reports' rows labelled as holding no figure, by country and
    /// month, with their label.
    uncovered: HashMap<(NationCode, Day), String>,
}

impl Builder {
    /// Reads one table's rows through the loader's one reading path (the
    /// guard's line count, right on CRLF files, its byte limits, every
    /// problem of the CSV with its line); returns its counts and its
    /// latest date.
    fn table(
        &mut self,
        table: Table,
        file: &str,
        source: &Source,
    ) -> Result<(TableCounts, Option<Date>), LoadError> {
        let text = source.text().unwrap_or_default();
        let mut counts = TableCounts {
            file: file.to_owned(),
            ..TableCounts::default()
        };
        let mut latest: Option<Date> = None;
        // Set by the header, read by every row.
        let columns: std::cell::OnceCell<Result<Columns, LoadError>> = std::cell::OnceCell::new();
        let mut problems = Problems::new();
        read_rows(
            Box::new(text.as_bytes()),
            file,
            &mut problems,
            |header, _| columns.get_or_init(|| Columns::of(header, file)).is_ok(),
            |line, header, record, _| {
                let Some(Ok(columns)) = columns.get() else {
                    return;
                };
                counts.rows += 1;
                let line = usize::try_from(line).unwrap_or(usize::MAX);
                if let Some(problem) = shape(file, line, header, record) {
                    self.problems.push(problem);
                    return;
                }
                let row = match read_row(record, columns) {
                    Ok(row) => row,
                    Err(bad) => {
                        self.problems.push(bad.at(file, line));
                        return;
                    }
                };
                if latest.is_none_or(|l| row.date.latest() > l.latest()) {
                    latest = Some(row.date);
                }
                let quote = source.line(line).unwrap_or_default();
                let reading = self.add(table, file, line, quote, &row);
                counts.imported += 1;
                *counts
                    .by_reading
                    .entry(reading.as_str().to_owned())
                    .or_default() += 1;
            },
        );
        csv_problems(problems)?;
        match columns.into_inner() {
            Some(Err(e)) => Err(e),
            // No header at all: the reading path named it above; a header
            // that was read has its columns.
            _ => Ok((counts, latest)),
        }
    }

    /// Adds a row's deployment, naming a duplicated key.
    fn add(
        &mut self,
        table: Table,
        file: &str,
        line: usize,
        quote: &str,
        row: &Row<'_>,
    ) -> Reading {
        // A quarterly row copying a report's row that says it has no
        // figure reads by that row's label.
        let copied = match table {
            Table::Quarterly => self
                .uncovered
                .get(&(row.code, row.date.earliest()))
                .map(String::as_str),
            Table::Reports => None,
        };
        let label = copied.unwrap_or(row.label);
        let (reading, strength) = Reading::of(row.source, row.count, label);
        let mut id = format!("{}-{}-{}", table.prefix(), row.code, row.date);
        match self.seen.get(&(table, row.code, row.date.earliest())) {
            Some(&first_line) => {
                self.problems.push(at_row(
                    file,
                    line,
                    ProblemKind::DuplicateKey {
                        first_line,
                        key: format!("{} {}", row.code, row.date),
                    },
                ));
                id.push_str(&format!("-L{line}"));
            }
            None => {
                self.seen
                    .insert((table, row.code, row.date.earliest()), line);
            }
        }
        self.nations
            .entry(row.code)
            .or_insert_with(|| row.place.to_owned());
        let note = format!("{}; {}", reading.note(row.source, label), row.place);
        let citation = Citation::new(table.source_id(), quote, Some(row.troops))
            .with_note(Some(note))
            .at_line(line);
        let id: RecordId = id
            .parse()
            .expect("prefix, code and date make a well-formed id");
        self.deployments.push(Deployment::new(
            id,
            usa(),
            Location::country_wide(row.code),
            row.date,
            strength,
            citation,
        ));
        reading
    }
}
