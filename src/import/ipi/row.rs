//! One row of the UN's table: its cells read, or what is wrong with them.

use csv::StringRecord;

use crate::csv::LoadError;
use crate::import::file::column;
use crate::import::problem::BadCell;

/// The personnel types the table counts, by their column prefix.
pub(super) const TYPES: [&str; 5] = [
    "Individual_Police",
    "Formed_Police_Units",
    "Experts_on_Mission",
    "Troops",
    "Total",
];

/// The count columns of each of [`TYPES`]: male, female, total.
const COUNT_COLUMNS: [[&str; 3]; 5] = [
    [
        "Individual_Police_Male",
        "Individual_Police_Female",
        "Individual_Police_Total",
    ],
    [
        "Formed_Police_Units_Male",
        "Formed_Police_Units_Female",
        "Formed_Police_Units_Total",
    ],
    [
        "Experts_on_Mission_Male",
        "Experts_on_Mission_Female",
        "Experts_on_Mission_Total",
    ],
    ["Troops_Male", "Troops_Female", "Troops_Total"],
    ["Total_Male", "Total_Female", "Total_Total"],
];

/// Male, female and total of one personnel type (`None`: `NA`, no figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) struct Counts {
    pub(super) male: Option<u64>,
    pub(super) female: Option<u64>,
    pub(super) total: Option<u64>,
}

/// The columns an import reads, by position.
pub(super) struct Columns {
    date: usize,
    contributor: usize,
    iso: usize,
    mission: usize,
    /// For each of [`TYPES`]: male, female, total.
    counts: [[usize; 3]; 5],
}

impl Columns {
    pub(super) fn of(header: &StringRecord, file: &str) -> Result<Columns, LoadError> {
        let find = |name: &'static str| column(header, file, name);
        // The key columns first, in the table's order, so that the first
        // missing column named is the first a reader looks for.
        let (date, contributor, iso, mission) = (
            find("Date")?,
            find("Contributor")?,
            find("Contributor_ISO-3")?,
            find("Mission")?,
        );
        let mut counts = [[0usize; 3]; 5];
        for (slot, names) in counts.iter_mut().zip(COUNT_COLUMNS) {
            for (cell, name) in slot.iter_mut().zip(names) {
                *cell = find(name)?;
            }
        }
        Ok(Columns {
            date,
            contributor,
            iso,
            mission,
            counts,
        })
    }
}

/// A row's cells, read.
#[derive(Debug)]
pub(super) struct Row<'r> {
    pub(super) day: chrono::NaiveDate,
    /// The contributor's name and code, and the mission, as written
    /// (a stray apostrophe taken off, `stray` says which).
    pub(super) contributor: &'r str,
    pub(super) iso: &'r str,
    pub(super) mission: &'r str,
    /// The columns whose cell ended in a stray apostrophe.
    pub(super) stray: Vec<&'static str>,
    /// For each of [`TYPES`].
    pub(super) counts: [Counts; 5],
}

impl Row<'_> {
    /// Whether the row is a total over the contributor's missions (`all`).
    pub(super) fn is_total(&self) -> bool {
        self.mission == "all"
    }

    /// Whether the row is the grand total (contributor `all` too).
    pub(super) fn is_grand_total(&self) -> bool {
        self.is_total() && self.iso == "all"
    }

    pub(super) fn troops(&self) -> Counts {
        self.counts[3]
    }

    pub(super) fn total(&self) -> Counts {
        self.counts[4]
    }
}

use crate::import::problem::bad;

/// Reads a row's cells; a stray apostrophe at the end of a name or code
/// (the export's, in every row of 2014-03 to 2014-08) is taken off and
/// noted, anything else unreadable is a problem.
pub(super) fn read_row<'r>(record: &'r StringRecord, c: &Columns) -> Result<Row<'r>, BadCell> {
    let cell = |i: usize| record.get(i).unwrap_or_default().trim();
    let mut stray = Vec::new();
    let mut unquote = |column: &'static str, text: &'r str| match text.strip_suffix('\'') {
        Some(t) => {
            stray.push(column);
            t
        }
        None => text,
    };
    let contributor = unquote("Contributor", cell(c.contributor));
    let iso = unquote("Contributor_ISO-3", cell(c.iso));
    let mission = unquote("Mission", cell(c.mission));
    let date = cell(c.date);
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| bad("Date", "a day such as 2012-06-30", date))?;
    let code_ok = iso == "all" || (iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()));
    if !code_ok {
        return Err(bad(
            "Contributor_ISO-3",
            "an ISO 3166-1 alpha-3 code or all",
            iso,
        ));
    }
    if mission.is_empty() {
        return Err(bad("Mission", "a mission's acronym or all", mission));
    }
    let mut counts = [Counts::default(); 5];
    for ((slot, at), names) in counts.iter_mut().zip(c.counts).zip(COUNT_COLUMNS) {
        // Digits only (no sign), at most the largest count a figure may
        // hold, so that sums of figures never wrap or saturate.
        let number = |i: usize, column: &'static str| match cell(i) {
            "NA" => Ok(None),
            n => n
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| n.parse::<u64>().ok())
                .flatten()
                .filter(|&v| v <= crate::strength::MAX_COUNT)
                .map(Some)
                .ok_or_else(|| {
                    bad(
                        column,
                        "a whole number of personnel (at most 10^15) or NA",
                        n,
                    )
                }),
        };
        *slot = Counts {
            male: number(at[0], names[0])?,
            female: number(at[1], names[1])?,
            total: number(at[2], names[2])?,
        };
    }
    Ok(Row {
        day,
        contributor,
        iso,
        mission,
        stray,
        counts,
    })
}
