//! One row of a troopdata table: the columns an import reads, and each
//! row's cells read, or what is wrong with them.

use csv::StringRecord;

use crate::csv::{LoadError, ProblemKind};
use crate::date::Date;
use crate::import::file::column;
use crate::import::problem::BadCell;
use crate::nation::NationCode;

/// The columns an import reads, by position.
pub(super) struct Columns {
    iso: usize,
    place: usize,
    year: usize,
    month: usize,
    source: usize,
    troops: usize,
    /// The reports' own label of the row (`Location`), when the table has
    /// one: it may say the row has no figure.
    label: Option<usize>,
}

impl Columns {
    pub(super) fn of(headers: &StringRecord, file: &str) -> Result<Columns, LoadError> {
        let find = |name: &'static str| column(headers, file, name);
        Ok(Columns {
            iso: find("iso3c")?,
            place: find("countryname")?,
            year: find("year")?,
            month: find("month")?,
            source: find("source")?,
            troops: find("troops_ad")?,
            label: find("Location").ok(),
        })
    }
}

/// A row's cells, read; or what is wrong with it.
pub(super) struct Row<'r> {
    pub(super) code: NationCode,
    pub(super) place: &'r str,
    pub(super) date: Date,
    pub(super) source: &'r str,
    pub(super) troops: &'r str,
    pub(super) count: Option<u32>,
    /// The row's own label (the reports' `Location`), or empty.
    pub(super) label: &'r str,
}

use crate::import::problem::bad;

pub(super) fn read_row<'r>(record: &'r StringRecord, c: &Columns) -> Result<Row<'r>, BadCell> {
    let cell = |i: usize| record.get(i).unwrap_or_default().trim();
    let iso = cell(c.iso);
    if iso.is_empty() || iso == "NA" {
        return Err(BadCell::row(ProblemKind::NoCountryCode {
            place: cell(c.place).to_owned(),
        }));
    }
    let code = NationCode::new(iso).map_err(|_| bad("iso3c", "an ISO 3166-1 alpha-3 code", iso))?;
    let year: i32 = cell(c.year)
        .parse()
        .map_err(|_| bad("year", "a year such as 2020", cell(c.year)))?;
    let month = month_number(cell(c.month)).ok_or_else(|| {
        bad(
            "month",
            "a month's English name such as June",
            cell(c.month),
        )
    })?;
    let date =
        Date::month(year, month).map_err(|_| bad("year", "a year such as 2020", cell(c.year)))?;
    let troops = cell(c.troops);
    let count = match troops {
        "NA" | "" => None,
        n => Some(
            n.parse::<u32>()
                .map_err(|_| bad("troops_ad", "a whole number of troops or NA", n))?,
        ),
    };
    Ok(Row {
        code,
        place: cell(c.place),
        date,
        source: cell(c.source),
        troops,
        count,
        label: c.label.map_or("", cell),
    })
}

/// `June` → 6; also `Jun`, any case.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&name))
        .and_then(|i| u32::try_from(i + 1).ok())
}
