//! The days a chart has points on: the days the subject's records are
//! dated (with their records), every day a bound may change on without
//! one, and the days of planned points; and the points that change
//! nothing, dropped.

use crate::chart::series::Point;
use crate::date::Day;
use crate::interval::Interval;
use crate::ledger::Ledger;
use crate::timeline::{Subject, TimelineKind};
use std::collections::BTreeMap;

/// The days the subject's figures change (observations, moves made,
/// reported totals) or its moves are announced, each with its records.
pub(super) type Days = BTreeMap<Day, Records>;

/// A day's records, their sources, and whether any of them reports a
/// figure (rather than saying "not reported").
#[derive(Clone, Default)]
pub(super) struct Records {
    pub ids: Vec<String>,
    pub sources: Vec<String>,
    pub some_reported: bool,
}

impl Records {
    /// No record: a day the bounds may change on without one of the
    /// subject's records (or the first day drawn).
    pub(super) fn unchanged() -> Records {
        Records {
            some_reported: true,
            ..Records::default()
        }
    }

    fn add(&mut self, other: &Records) {
        self.some_reported |= other.some_reported;
        for id in &other.ids {
            if !self.ids.contains(id) {
                self.ids.push(id.clone());
            }
        }
        for s in &other.sources {
            if !self.sources.contains(s) {
                self.sources.push(s.clone());
            }
        }
    }
}

pub(super) fn change_days(ledger: &Ledger<'_>, subject: &Subject) -> (Days, Days) {
    let mut actual = Days::new();
    let mut planned = Days::new();
    for item in ledger.dataset().timeline(subject) {
        let counts = matches!(
            item.kind,
            TimelineKind::Observed | TimelineKind::MissionTotal | TimelineKind::Relocation
        );
        // A figure's date is never open-ended (the loader refuses it), so
        // only a malformed plan would be skipped here.
        let Some(day) = item.date.last_day() else {
            continue;
        };
        if !counts {
            continue;
        }
        let into = if item.is_announced() {
            &mut planned
        } else {
            &mut actual
        };
        into.entry(day).or_default().add(&Records {
            ids: vec![item.record.clone()],
            sources: vec![item.citation.source().to_string()],
            some_reported: !item.is_not_reported(),
        });
    }
    (actual, planned)
}

/// Every day a bound may change on: for each dated record of the data,
/// the first day its date can mean (a vague date's days begin), its last
/// day, and the day after (a temporary move may come back from then on).
pub(super) fn bound_days(data: &crate::dataset::Dataset) -> std::collections::BTreeSet<Day> {
    let dates = data
        .deployments()
        .iter()
        .map(|d| d.as_of())
        .chain(data.relocations().iter().map(|r| r.date()))
        .chain(data.mission_strengths().map(|m| m.as_of()))
        .chain(data.totals().iter().map(|t| t.as_of()));
    let mut days = std::collections::BTreeSet::new();
    for date in dates {
        days.extend(date.first_day());
        if let Some(last) = date.last_day() {
            days.insert(last);
            days.extend(last.succ_opt());
        }
    }
    days
}

/// Drops the points that repeat the point before them (actual after
/// actual, planned after planned) with no record of their own: a day the
/// bounds could have changed on and did not.
pub(super) fn drop_unchanged(points: &mut Vec<Point>) {
    let mut last: [Option<(Interval, Vec<String>)>; 2] = [None, None];
    points.retain(|p| {
        let slot = &mut last[usize::from(p.planned)];
        let same = slot
            .as_ref()
            .is_some_and(|(b, f)| *b == p.bounds && *f == p.flags);
        let keep = !same || !p.records.is_empty();
        if keep {
            *slot = Some((p.bounds, p.flags.clone()));
        }
        keep
    });
}

/// The days of planned points: every announced move's day, and every day
/// a record changes the figures after the first of them.
pub(super) fn planned_days(actual: &Days, planned: &Days) -> Days {
    let Some(first) = planned.keys().next() else {
        return Days::new();
    };
    let mut days: Days = actual
        .range(first..)
        .map(|(d, r)| (*d, r.clone()))
        .collect();
    for (day, records) in planned {
        days.entry(*day).or_default().add(records);
    }
    days
}
