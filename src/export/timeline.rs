//! `timeline.csv`: the ledger's one timeline, a row per figure it
//! changes.

use std::io::Write;

use crate::dataset::Dataset;
use crate::export::{bounds, location_cells, opt, rows, text, value, Cell};
use crate::export::{ExportError, ExportOptions};
use crate::timeline::{Step, Subject, TimelineItem, TimelineKind};

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
    "unit",
    "troops_low",
    "troops_high",
    "count_low",
    "count_high",
    "event_kind",
    "record",
    "source",
    "quote",
    "condition",
    "flags",
];

/// The `event_kind` cell: what kind of record the row comes from.
fn record_kind(item: &TimelineItem<'_>) -> String {
    match item.kind {
        TimelineKind::Observed => "observation".into(),
        TimelineKind::Relocation => format!("relocation_{}", item.what),
        TimelineKind::MissionTotal => "mission_total".into(),
        TimelineKind::Launch => "launch".into(),
        _ => item.what.clone(),
    }
}

fn row(item: &TimelineItem<'_>, step: &Step) -> Vec<Cell> {
    let (location, area) = location_cells(&step.key);
    let (low, high) = step
        .after
        .map_or((value(""), value("")), |s| bounds(s.bounds()));
    let unit = match (item.unit, item.kind) {
        (Some(u), _) => u.to_string(),
        (None, TimelineKind::Event) => String::new(),
        (None, _) => "troops".into(),
    };
    // Troops in their own columns, any other unit (bases, rockets,
    // members) in the count columns: a column sum never adds bases to
    // soldiers.
    let empty = || (value(""), value(""));
    let (troops, count) = if unit == "troops" {
        ((low, high), empty())
    } else {
        (empty(), (low, high))
    };
    vec![
        // The first day, or for a date with no start (`on_or_before`) the
        // day it happened by: the column the rows are ordered by.
        value(item.date.anchor()),
        // Empty for an open end (`2020-02-12..`; `date_precision` says so).
        opt(item.date.last_day()),
        value(item.date.precision()),
        opt(step.key.nation),
        opt(step.key.mission.as_ref()),
        location,
        area,
        text(step.change.as_str()),
        opt(step.after),
        value(unit),
        troops.0,
        troops.1,
        count.0,
        count.1,
        value(record_kind(item)),
        value(&item.record),
        value(item.citation.source()),
        text(item.citation.quote()),
        text(item.condition().unwrap_or_default()),
        text(
            item.flags
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        ),
    ]
}

/// Writes the ledger's timeline ([`Dataset::timeline`] of
/// [`Subject::All`]), oldest first: observations with the figure after
/// each, relocations with a row for the origin and one for the
/// destination, announced relocations, launches, reported mission totals,
/// and events with their counts.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_timeline<W: Write>(
    w: W,
    data: &Dataset,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    write_timeline_of(w, data, &Subject::All, options)
}

/// Writes one subject's timeline ([`Dataset::timeline`]) in the columns of
/// [`write_timeline`].
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_timeline_of<W: Write>(
    w: W,
    data: &Dataset,
    subject: &Subject,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let items = data.timeline(subject);
    let out = items.iter().flat_map(|item| {
        let mut lines = vec![row(item, &item.step)];
        if let Some(arrival) = &item.arrival {
            lines.push(row(item, arrival));
        }
        lines
    });
    rows(w, options, TIMELINE_COLUMNS, out)
}
