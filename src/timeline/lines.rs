//! Each record as a timeline line: its date, kind, words, the figure it
//! changes and the record it comes from.

use crate::deployment::Deployment;
use crate::event::Event;
use crate::ledger::Key;
use crate::location::Location;
use crate::mission::{Mission, MissionStrength};
use crate::relocation::Relocation;
use crate::timeline::{About, Step, TimelineItem, TimelineKind};

pub(super) fn mission_lines(m: &Mission) -> Vec<TimelineItem<'_>> {
    let key = Key {
        nation: None,
        places: vec![Location::country_wide(m.host())],
        mission: Some(m.id().clone()),
    };
    let mut out = Vec::new();
    if let Some(launched) = m.launched() {
        out.push(TimelineItem {
            date: launched,
            kind: TimelineKind::Launch,
            what: "launched".into(),
            text: format!("{} launched", m.name()),
            strength_after: None,
            step: Step {
                key: key.clone(),
                change: "launched".into(),
                after: None,
            },
            arrival: None,
            unit: None,
            record: m.id().to_string(),
            citation: m.citation(),
            about: About::Launch(m),
            flags: Vec::new(),
            rank: 0,
        });
    }
    for t in m.totals() {
        out.push(total_line(m, t, key.clone()));
    }
    out
}

pub(super) fn total_line<'d>(m: &'d Mission, t: &'d MissionStrength, key: Key) -> TimelineItem<'d> {
    let text = format!("reported total {}", t.strength());
    TimelineItem {
        date: t.as_of(),
        kind: TimelineKind::MissionTotal,
        what: "total".into(),
        strength_after: Some(t.strength().bounds()),
        step: Step {
            key,
            change: text.clone(),
            after: Some(t.strength()),
        },
        text,
        arrival: None,
        unit: None,
        record: t.id().to_string(),
        citation: t.citation(),
        about: About::Total(m),
        flags: Vec::new(),
        rank: 2,
    }
}

pub(super) fn relocation_line(r: &Relocation, moved: Option<(Step, Step)>) -> TimelineItem<'_> {
    let mut text = r.to_string();
    // The date, status and id have columns of their own.
    if let Some(cut) = text.rfind(", ") {
        if let Some(cut) = text.get(..cut).and_then(|t| t.rfind(", ")) {
            text.truncate(cut);
        }
    }
    if r.temporary() == Some(true) {
        text.push_str(", temporary");
    }
    if let Some(c) = r.condition() {
        text.push_str(&format!(" (on condition: {c})"));
    }
    let (step, arrival) = match moved {
        Some((out, arrived)) => (out, Some(arrived)),
        None => {
            let to: Vec<String> = r.to().iter().map(ToString::to_string).collect();
            let change = match r.same_as() {
                Some(first) => {
                    format!("reported again as {} (same move as {first})", r.strength())
                }
                None => format!(
                    "announced: {} to move to {}{}",
                    r.strength(),
                    to.join("+"),
                    r.to_mission()
                        .map(|m| format!(" under {m}"))
                        .unwrap_or_default()
                ),
            };
            let step = Step {
                key: Key::origin(r),
                change,
                after: None,
            };
            (step, None)
        }
    };
    TimelineItem {
        date: r.date(),
        kind: TimelineKind::Relocation,
        what: r.status().as_str().into(),
        text,
        strength_after: step.after.map(|s| s.bounds()),
        step,
        arrival,
        unit: None,
        record: r.id().to_string(),
        citation: r.citation(),
        about: About::Moved(r),
        flags: Vec::new(),
        rank: 1,
    }
}

pub(super) fn event_line(e: &Event) -> TimelineItem<'_> {
    let mut what = e.kind().as_str().replace('_', " ");
    if let Some(o) = e.organization() {
        what.push_str(&format!(" ({o})"));
    }
    TimelineItem {
        date: e.date(),
        kind: TimelineKind::Event,
        what: e.kind().as_str().into(),
        text: event_text(e, false),
        strength_after: None,
        step: Step {
            key: Key {
                nation: e.nation(),
                places: e.location().into_iter().cloned().collect(),
                mission: e.mission().cloned(),
            },
            change: what,
            after: e.count().map(|(c, _)| c),
        },
        arrival: None,
        unit: e.count().map(|(_, u)| u),
        record: e.id().to_string(),
        citation: e.citation(),
        about: About::Event(e),
        flags: Vec::new(),
        rank: 2,
    }
}

pub(super) fn observation_text(d: &Deployment, in_mission_timeline: bool) -> String {
    let mut text = format!("{} {} in {}", d.nation(), d.strength(), d.location());
    if let (Some(m), false) = (d.mission(), in_mission_timeline) {
        text.push_str(&format!(" under {m}"));
    }
    if let Some(share) = d.share() {
        text.push_str(&format!(" ({share} of the mission)"));
    }
    text
}

/// An event in words, without the date, kind and id that have columns of
/// their own.
pub(super) fn event_text(e: &Event, in_mission_timeline: bool) -> String {
    let mut parts = Vec::new();
    if !in_mission_timeline {
        if let Some(o) = e.organization() {
            parts.push(o.to_owned());
        }
        if let Some(m) = e.mission() {
            parts.push(m.to_string());
        }
    }
    if let Some(n) = e.nation() {
        parts.push(format!("by {n}"));
    }
    if let Some(l) = e.location() {
        parts.push(format!("in {l}"));
    }
    if let Some(r) = e.region() {
        parts.push(format!("in {r}"));
    }
    if let Some((count, unit)) = e.count() {
        parts.push(format!("{count} {unit}"));
    }
    if let Some(c) = e.condition() {
        parts.push(format!("(on condition: {c})"));
    }
    if let Some(r) = e.reported() {
        parts.push(format!("(made known {r})"));
    }
    parts.join(" ")
}
