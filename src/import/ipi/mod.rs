//! The UN's monthly count of uniformed personnel by contributing country
//! and mission, November 2009 to August 2014, as compiled by the
//! International Peace Institute ("Providing for Peacekeeping",
//! `full_gender_data.csv`), read in place.
//!
//! Each row with a contributor's code and a mission becomes, when it
//! gives a troop figure (`Troops_Total`), that nation's deployment of
//! troops in that mission on that day, located in the mission's host
//! country ([`MISSIONS_TABLE`], curated, each row naming the resolution
//! that set the mission up). Police, formed police units and experts on
//! mission are counted as what they are and never added into troops: the
//! records hold troops only, and the counts say how many rows gave other
//! personnel alone. Rows whose mission is `all` are totals (a country over
//! its missions; with contributor `all` too, everything): they are checked
//! against their parts, as are male + female against each total, and a
//! row that repeats another is read once.
//!
//! What the table holds that cannot be right or cannot be read is a
//! [`Problem`] naming the file and line (or, for a habit of the export
//! repeated on thousands of rows, a count and the first lines): nothing is
//! dropped silently, counted twice, or invented from a malformed cell.

mod missions;
mod row;
mod total;
mod wholes;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::csv::read::{read_rows, Problems};
use crate::csv::{LoadError, Problem, ProblemKind};
use crate::dataset::Dataset;
use crate::date::Date;
use crate::deployment::Deployment;
use crate::id::{MissionId, RecordId, SourceId};
use crate::import::file::{csv_problems, read_table_file, refuse_nul, shape};
use crate::import::problem::{at_cell, at_row};
use crate::import::{Import, TableCounts};
use crate::location::Location;
use crate::nation::{Nation, NationCode};
use crate::source::{Citation, Source};
use crate::strength::Strength;

pub use missions::{MISSIONS_SOURCE, MISSIONS_TABLE};
use row::{read_row, Columns, Row};

/// The IPI's table of contributions by country, mission and month.
pub const FILE: &str = "full_gender_data.csv";
/// The source id of the table.
pub const SOURCE: &str = "ipi-peacekeeping";
/// The largest table read, in bytes.
pub const MAX_TABLE_BYTES: u64 = 256 << 20;
/// How many lines a problem found on many rows names (all are counted).
pub const LINES_SHOWN: usize = 5;

/// Imports [`FILE`] from a folder holding the IPI's files.
///
/// # Errors
///
/// [`LoadError`] when the file cannot be read, is too large, is not
/// UTF-8, lacks a needed column or is malformed CSV.
pub fn read_dir(dir: &Path) -> Result<Import, LoadError> {
    from_text(read_table_file(dir, FILE, MAX_TABLE_BYTES)?)
}

/// Imports the table given as `(file name, text)`.
///
/// # Errors
///
/// As [`read_dir`], for a missing column or malformed CSV.
pub fn from_text((file, text): (String, String)) -> Result<Import, LoadError> {
    refuse_nul(&file, &text)?;
    let missions = missions::missions();
    let source_id: SourceId = SOURCE.parse().expect("a well-formed source id");
    let source = Source::table(
        source_id.clone(),
        file.clone(),
        "UN peacekeeping contributions by country, mission and month (IPI Providing for Peacekeeping)",
        "UN Department of Peacekeeping Operations, compiled by the International Peace Institute",
        Date::year(2014).expect("a year"),
        text,
    );
    let mut b = Builder {
        file: file.clone(),
        source_id,
        counts: TableCounts {
            file: file.clone(),
            ..TableCounts::default()
        },
        deployments: Vec::new(),
        problems: Vec::new(),
        totals: Vec::new(),
        nations: BTreeMap::new(),
        missions_named: std::collections::BTreeSet::new(),
        latest: None,
        days: std::collections::BTreeSet::new(),
        seen: HashMap::new(),
        repeats: Vec::new(),
        stray: BTreeMap::new(),
        wholes: wholes::Wholes::default(),
    };
    let columns: std::cell::OnceCell<Result<Columns, LoadError>> = std::cell::OnceCell::new();
    let mut problems = Problems::new();
    read_rows(
        Box::new(source.text().unwrap_or_default().as_bytes()),
        &file,
        &mut problems,
        |header, _| columns.get_or_init(|| Columns::of(header, &file)).is_ok(),
        |line, header, record, _| {
            let Some(Ok(columns)) = columns.get() else {
                return;
            };
            let line = usize::try_from(line).unwrap_or(usize::MAX);
            b.counts.rows += 1;
            if let Some(problem) = shape(&file, line, header, record) {
                b.problems.push(problem);
                return;
            }
            match read_row(record, columns) {
                Ok(row) => b.row(line, &row, &source, &missions),
                Err(bad) => b.problems.push(bad.at(&file, line)),
            }
        },
    );
    csv_problems(problems)?;
    if let Some(Err(e)) = columns.into_inner() {
        return Err(e);
    }
    let latest = b.latest.ok_or_else(|| {
        LoadError::one(Problem::new(
            crate::csv::Position::file(&file),
            ProblemKind::NoDatedRow,
        ))
    })?;
    b.finish_problems();
    let named: Vec<&str> = b.missions_named.iter().map(String::as_str).collect();
    let mut nations: Vec<Nation> = b
        .nations
        .iter()
        .map(|(code, name)| Nation::new(*code, name.clone(), None, None))
        .collect();
    for host in missions.hosts(named.iter().copied()) {
        if !nations.iter().any(|n| n.code() == host.code()) {
            nations.push(host);
        }
    }
    // The missions named, and those they succeeded.
    let mut kept: Vec<crate::mission::Mission> = Vec::new();
    let mut wanted: Vec<String> = b.missions_named.iter().cloned().collect();
    while let Some(id) = wanted.pop() {
        let Some(m) = missions.by_id.get(&id) else {
            continue;
        };
        if kept.iter().any(|k| k.id() == m.mission.id()) {
            continue;
        }
        if let Some(p) = m.mission.predecessor() {
            wanted.push(p.to_string());
        }
        kept.push(m.mission.clone());
    }
    kept.sort_by(|a, b| a.id().cmp(b.id()));
    // What the table says about its own figures, as for every import.
    let learned =
        crate::import::doubts::read(&mut b.deployments, crate::import::doubts::Zeros::AreCounts);
    let source = source
        .published_on(
            Date::day(latest),
            "the latest month in the table (it carries no date of its own)",
        )
        .with_editions(std::mem::take(&mut b.days).into_iter().collect());
    let dataset = Dataset::new(
        vec![source, missions.source],
        nations,
        kept,
        b.deployments,
        Vec::new(),
        Vec::new(),
    )
    .with_totals(b.totals);
    Ok(Import {
        dataset,
        problems: b.problems,
        counts: vec![b.counts],
        patterns: learned.patterns,
    })
}

/// A row's key: its day, contributor code and mission.
type RowKey = (chrono::NaiveDate, String, String);

/// What the rows gave so far.
struct Builder {
    file: String,
    source_id: SourceId,
    counts: TableCounts,
    deployments: Vec<Deployment>,
    problems: Vec<Problem>,
    totals: Vec<crate::total::Total>,
    nations: BTreeMap<NationCode, String>,
    missions_named: std::collections::BTreeSet<String>,
    latest: Option<chrono::NaiveDate>,
    /// Every day the table has a row for: its editions.
    days: std::collections::BTreeSet<chrono::NaiveDate>,
    /// Each (day, contributor, mission) seen: each different row of it,
    /// with its line, name and counts.
    seen: HashMap<RowKey, Vec<(usize, String, [row::Counts; 5])>>,
    /// Exact repeats of a row already read: (line, first line).
    repeats: Vec<(usize, usize)>,
    /// Lines whose cells ended in a stray apostrophe, by column.
    stray: BTreeMap<&'static str, Vec<usize>>,
    /// What the parts-and-wholes checks need.
    wholes: wholes::Wholes,
}

impl Builder {
    fn row(&mut self, line: usize, row: &Row<'_>, source: &Source, missions: &missions::Missions) {
        for column in &row.stray {
            self.stray.entry(column).or_default().push(line);
        }
        self.latest = self.latest.max(Some(row.day));
        self.days.insert(row.day);
        let key = (row.day, row.iso.to_owned(), row.mission.to_owned());
        let variants = self.seen.entry(key).or_default();
        let same = |(_, name, counts): &&(usize, String, [row::Counts; 5])| {
            *counts == row.counts && name == row.contributor
        };
        if let Some((first, _, _)) = variants.iter().find(same) {
            // The same row again (the 2014 months are listed two or
            // three times over): read once.
            self.repeats.push((line, *first));
            return;
        }
        // Another row of the key with other figures: a competing claim,
        // named against the key's first row.
        let repeated_key = variants.first().map(|(first, _, _)| *first);
        variants.push((line, row.contributor.to_owned(), row.counts));
        self.wholes
            .sum_of_parts(&self.file, line, row, &mut self.problems);
        if row.is_total() {
            self.total(line, row, source, repeated_key);
            return;
        }
        let Some(mission) = missions.by_id.get(row.mission) else {
            self.problems.push(at_cell(
                &self.file,
                line,
                "Mission",
                ProblemKind::UnknownMission {
                    mission: row.mission.to_owned(),
                },
            ));
            return;
        };
        let Ok(code) = NationCode::new(row.iso) else {
            self.problems.push(at_cell(
                &self.file,
                line,
                "Contributor_ISO-3",
                ProblemKind::BadCell {
                    expected: "an ISO 3166-1 alpha-3 code",
                    found: row.iso.to_owned(),
                },
            ));
            return;
        };
        self.name_duplicate(line, row, repeated_key);
        self.wholes.part(row);
        self.counts.imported += 1;
        self.nations
            .entry(code)
            .or_insert_with(|| row.contributor.to_owned());
        self.missions_named.insert(row.mission.to_owned());
        let Some(_) = row.troops().total else {
            *self
                .counts
                .by_reading
                .entry("not_troops".to_owned())
                .or_default() += 1;
            return;
        };
        *self
            .counts
            .by_reading
            .entry("troops".to_owned())
            .or_default() += 1;
        self.deployments.push(self.deployment(
            line,
            row,
            code,
            &mission.mission,
            source,
            repeated_key.is_some(),
        ));
    }

    /// An `all` row: a stated total, checked against its parts by
    /// validation (its troops) and here (its other personnel).
    fn total(&mut self, line: usize, row: &Row<'_>, source: &Source, repeated: Option<usize>) {
        match total::of_row(line, row, source, &self.source_id, repeated.is_some()) {
            Err(problem) => {
                self.problems.push(*problem);
                return;
            }
            Ok(total) => {
                if let Some(code) = total.as_ref().and_then(|t| t.nation()) {
                    self.nations
                        .entry(code)
                        .or_insert_with(|| row.contributor.to_owned());
                }
                self.totals.extend(total);
            }
        }
        self.name_duplicate(line, row, repeated);
        self.wholes.total(line, row);
        *self
            .counts
            .by_reading
            .entry("total".to_owned())
            .or_default() += 1;
        self.counts.imported += 1;
    }

    /// A row for a key an earlier row gave with other figures: named,
    /// and both imported as competing claims.
    fn name_duplicate(&mut self, line: usize, row: &Row<'_>, first: Option<usize>) {
        if let Some(first_line) = first {
            self.problems.push(at_row(
                &self.file,
                line,
                ProblemKind::DuplicateKey {
                    first_line,
                    key: format!("{} {} {}", row.iso, row.mission, row.day),
                },
            ));
        }
    }

    fn deployment(
        &self,
        line: usize,
        row: &Row<'_>,
        code: NationCode,
        mission: &crate::mission::Mission,
        source: &Source,
        duplicate: bool,
    ) -> Deployment {
        let troops = row.troops().total.unwrap_or(0);
        let others = |i: usize| {
            row.counts
                .get(i)
                .and_then(|c| c.total)
                .map_or("none".to_owned(), |n| n.to_string())
        };
        let note = format!(
            "{}'s troops in {} (the UN's monthly summary by country); not counted as troops: individual police {}, formed police units {}, experts on mission {}",
            row.contributor,
            row.mission,
            others(0),
            others(1),
            others(2)
        );
        let quote = source.line(line).unwrap_or_default();
        // The cell held the digits of the count, so they are its words.
        let citation = Citation::new(self.source_id.clone(), quote, Some(troops.to_string()))
            .with_note(Some(note))
            .at_line(line);
        let mut id = format!("IPI-{}-{}-{}", row.iso, row.mission, row.day);
        if duplicate {
            id.push_str(&format!("-L{line}"));
        }
        let id: RecordId = id.parse().unwrap_or_else(|_| {
            format!("IPI-L{line}")
                .parse()
                .expect("a line number makes a well-formed id")
        });
        let mission_id: MissionId = mission.id().clone();
        Deployment::new(
            id,
            code,
            Location::country_wide(mission.host()),
            Date::day(row.day),
            Strength::exact(troops),
            citation,
        )
        .with_mission(Some(mission_id))
    }

    /// The problems found on many rows, each said once with a count and
    /// the first lines; then the parts checked against their wholes.
    fn finish_problems(&mut self) {
        for (column, lines) in std::mem::take(&mut self.stray) {
            let Some(&first) = lines.first() else {
                continue;
            };
            self.problems.push(at_cell(
                &self.file,
                first,
                column,
                ProblemKind::StrayCharacter {
                    character: '\'',
                    rows: lines.len(),
                    first_lines: lines.iter().take(LINES_SHOWN).copied().collect(),
                },
            ));
        }
        if let Some(&(first, of)) = self.repeats.first() {
            self.problems.push(at_row(
                &self.file,
                first,
                ProblemKind::Repeated {
                    rows: self.repeats.len(),
                    first: self.repeats.iter().take(LINES_SHOWN).copied().collect(),
                    of,
                },
            ));
        }
        let file = self.file.clone();
        self.wholes.check(&file, &mut self.problems);
    }
}
