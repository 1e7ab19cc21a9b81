//! A timeline: one row per figure each line changes (a relocation
//! carried out has a row for its origin and one for its destination).

use crate::dataset::Dataset;
use crate::date::Day;
use crate::rows::{joined, posture::place, row};
use crate::timeline::{Step, Subject, TimelineItem, TimelineKind};

row! {
    /// One figure a line of the timeline changes: when, whose, where,
    /// what happened, the figure after it, and the record and quote it
    /// comes from.
    pub struct TimelineRow {
        /// The first day of the line's date, or for a date with no start
        /// (`..2020-02-12`) the day it happened by: the order of the rows.
        pub date: Day,
        /// The last day of the line's date; empty for an open end
        /// (`2020-02-12..`).
        pub date_end: Option<Day>,
        /// How precise the date is: `day`, `month_part`, `month`, `year`,
        /// `span`, `on_or_before`, `on_or_after`.
        pub date_precision: String,
        /// The date as the source gives it (`2020-01`, `2020-01-early`).
        pub date_text: String,
        /// The figure changed, named as in a posture (`DEU in IRQ`).
        pub figure: String,
        /// The nation's code; empty for a mission's total, a launch, or
        /// contributors not named.
        pub nation: Option<String>,
        /// The mission's code, if any.
        pub mission: Option<String>,
        /// The host country's code, or `JOR+KWT` for places holding a
        /// figure together.
        pub location: String,
        /// The area inside the country, if any.
        pub area: Option<String>,
        /// What happened to the figure: `observed 120`, `moved out 30 to
        /// JOR+KWT`, `announced: …`.
        pub change: String,
        /// The figure right after the line, in notation, if the line sets
        /// one.
        pub strength_after: Option<String>,
        /// What the counts are of: `troops`, or an event's unit (`bases`,
        /// `rockets`, `members`); empty for an event with no count.
        pub unit: String,
        /// The troops after the line, at least (troop rows only, so a
        /// column sum never adds bases to soldiers).
        pub troops_low: Option<u64>,
        /// The troops after the line, at most (empty when unbounded).
        pub troops_high: Option<u64>,
        /// Another unit's count after the line, at least.
        pub count_low: Option<u64>,
        /// Another unit's count after the line, at most.
        pub count_high: Option<u64>,
        /// The kind of record: `observation`, `relocation_<status>`,
        /// `mission_total`, `launch`, or an event's kind.
        pub event_kind: String,
        /// The event kind or relocation status, as a word.
        pub what: String,
        /// The line as one readable sentence.
        pub detail: String,
        /// The record's id (a mission's id for a launch).
        pub record: String,
        /// The source the record cites.
        pub source: String,
        /// The source's words, verbatim.
        pub quote: String,
        /// The condition or intention the source attaches to a move or
        /// event, in its own words.
        pub condition: Option<String>,
        /// What the checks found about the record, joined by `;`:
        /// `disputed`, `suspect`, `not_reported`.
        pub flags: String,
    }
}

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

fn row(item: &TimelineItem<'_>, step: &Step) -> TimelineRow {
    let (location, area) = place(&step.key);
    let bounds = step.after.map(|s| s.bounds());
    let unit = match (item.unit, item.kind) {
        (Some(u), _) => u.to_string(),
        (None, TimelineKind::Event) => String::new(),
        (None, _) => "troops".into(),
    };
    let low = bounds.map(|b| b.low());
    let high = bounds.and_then(|b| b.high());
    let troops = unit == "troops";
    TimelineRow {
        date: item.date.anchor(),
        date_end: item.date.last_day(),
        date_precision: item.date.precision().to_string(),
        date_text: item.date.to_string(),
        figure: step.key.to_string(),
        nation: step.key.nation.map(|n| n.to_string()),
        mission: step.key.mission.as_ref().map(ToString::to_string),
        location,
        area,
        change: step.change.clone(),
        strength_after: step.after.map(|s| s.to_string()),
        unit,
        troops_low: if troops { low } else { None },
        troops_high: if troops { high } else { None },
        count_low: if troops { None } else { low },
        count_high: if troops { None } else { high },
        event_kind: record_kind(item),
        what: item.what.clone(),
        detail: item.text.clone(),
        record: item.record.clone(),
        source: item.citation.source().to_string(),
        quote: item.citation.quote().to_owned(),
        condition: item.condition().map(str::to_owned),
        flags: joined(item.flags.iter().map(|f| f.as_str())),
    }
}

/// One subject's timeline ([`Dataset::timeline`]), oldest first, a row
/// per figure each line changes: observations with the figure after
/// each, relocations with a row for the origin and (once under way) one
/// for the destination, announced relocations, launches, reported mission
/// totals, and events with their counts.
pub fn timeline(data: &Dataset, subject: &Subject) -> Vec<TimelineRow> {
    timeline_of(&data.timeline(subject))
}

/// The rows of timeline lines already computed.
pub(crate) fn timeline_of(items: &[TimelineItem<'_>]) -> Vec<TimelineRow> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(row(item, &item.step));
        if let Some(arrival) = &item.arrival {
            out.push(row(item, arrival));
        }
    }
    out
}
