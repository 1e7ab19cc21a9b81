//! An `all` row as what it is: a stated total over a country's missions,
//! or over every contributor's (the grand total), not a figure of its
//! own.

use crate::csv::{Problem, ProblemKind};
use crate::date::Date;
use crate::id::{RecordId, SourceId};
use crate::import::problem::at_cell;
use crate::nation::NationCode;
use crate::source::{Citation, Source};
use crate::strength::Strength;
use crate::total::Total;

use super::missions::ORGANIZATION;
use super::row::Row;

/// The total an `all` row states, citing its line; `None` when the row
/// gives no troop figure (a total of police alone says nothing of
/// troops). `duplicate` when an earlier row gave the same key with other
/// figures: its id then names its line.
///
/// # Errors
///
/// A country's `all` row whose code is no ISO 3166-1 alpha-3 code: left
/// out, never a nation invented from a malformed cell.
pub(super) fn of_row(
    line: usize,
    row: &Row<'_>,
    source: &Source,
    source_id: &SourceId,
    duplicate: bool,
) -> Result<Option<Total>, Box<Problem>> {
    let Some(troops) = row.troops().total else {
        return Ok(None);
    };
    let (nation, id, whose) = if row.is_grand_total() {
        (
            None,
            format!("IPI-all-{}", row.day),
            "every contributor's troops across the UN's missions (the table's grand total)"
                .to_owned(),
        )
    } else {
        let code = NationCode::new(row.iso).map_err(|_| {
            Box::new(at_cell(
                source.file().unwrap_or_default(),
                line,
                "Contributor_ISO-3",
                ProblemKind::BadCell {
                    expected: "an ISO 3166-1 alpha-3 code or all",
                    found: row.iso.to_owned(),
                },
            ))
        })?;
        (
            Some(code),
            format!("IPI-{}-all-{}", row.iso, row.day),
            format!(
                "{}'s troops across its UN missions (the table's all row)",
                row.contributor
            ),
        )
    };
    let id = if duplicate {
        format!("{id}-L{line}")
    } else {
        id
    };
    let id: RecordId = id.parse().unwrap_or_else(|_| {
        format!("IPI-L{line}")
            .parse()
            .expect("a line number makes a well-formed id")
    });
    let quote = source.line(line).unwrap_or_default();
    // The cell held the digits of the count, so they are its words.
    let citation = Citation::new(source_id.clone(), quote, Some(troops.to_string()))
        .with_note(Some(whose))
        .at_line(line);
    Ok(Some(
        Total::new(
            id,
            nation,
            ORGANIZATION,
            Date::day(row.day),
            Strength::exact(troops),
            citation,
        )
        .listing_every_part(),
    ))
}
