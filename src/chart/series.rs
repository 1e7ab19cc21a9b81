//! What a chart shows: a subject's strength after each dated change, as
//! the posture of that day bounds it, and where announced moves would
//! take it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Day;
use crate::interval::Interval;
use crate::ledger::Ledger;
use crate::posture::{Posture, PostureOptions};
use crate::timeline::{Subject, TimelineKind};

/// A subject's strength over time: one or more series of points, then
/// the series that disagree with each other, drawn apart.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// `Germany (DEU)`, `NATO Mission Iraq (NMI)`, `Iraq (IRQ)`.
    pub title: String,
    /// What is counted: `troops`.
    pub unit: &'static str,
    /// The series: one for a nation, a location or the whole ledger; a
    /// mission's reported total and the sum of its national contributions.
    pub series: Vec<Series>,
}

/// One line of a chart, with its band.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    /// What the series counts: `troops of DEU`, `reported total`.
    pub label: String,
    /// Its points, actual ones by day, then planned ones by day.
    pub points: Vec<Point>,
    /// Whether the series is one source's figures of one month of the
    /// year that disagree with another series of the same figure (see
    /// [`Doubt::Interleaved`](crate::Doubt::Interleaved)), drawn apart
    /// rather than as a step the posture holds: its line ends at its last
    /// point.
    pub apart: bool,
}

/// The strength from one day until the next point: the end-of-day
/// posture's tight bounds.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    /// The day (the last day of the records' dates).
    pub day: Day,
    /// As tight as the evidence allows; `high` is open where nothing
    /// bounds it.
    pub bounds: Interval,
    /// Whether the point is where announced relocations would leave the
    /// figure (a projected posture), not what happened.
    pub planned: bool,
    /// The records dated that day that changed the figure.
    pub records: Vec<String>,
    /// Whether every record of the day says the figure was not reported
    /// (a quarter without a report): the point repeats the last reported
    /// figure rather than a new count.
    pub not_reported: bool,
    /// What the checks found about the figures behind the point (the
    /// flags of its posture's figures: `disputed`, `suspect`, `contradicted`,
    /// `stale`, `not_reported`, `ended`), each once.
    pub flags: Vec<String>,
}

impl Chart {
    /// Whether no series has a point.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }
}

/// The chart of a subject's strength over time: a point on each day a
/// record observes, moves or totals the subject's troops (the end-of-day
/// posture's tight bounds), then the announced relocations as planned
/// points (the projected posture of their last day).
///
/// ```
/// use troop_tracker::{chart::chart, Dataset, Ledger, Subject};
/// let data = Dataset::bundled()?;
/// let iraq = chart(&Ledger::new(&data), &Subject::Location("IRQ".parse()?));
/// let first = &iraq.series[0].points[0];
/// assert_eq!((first.day.to_string(), first.bounds.to_string()), ("2020-01-09".into(), "91..589".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn chart(ledger: &Ledger<'_>, subject: &Subject) -> Chart {
    let (actual, planned) = change_days(ledger, subject);
    let labels = labels(subject);
    let mut series: Vec<Series> = labels
        .iter()
        .map(|l| Series {
            label: l.clone(),
            points: Vec::new(),
            apart: false,
        })
        .collect();
    let days: Vec<Day> = actual.keys().copied().collect();
    let postures = ledger.postures_over(&days, PostureOptions::default());
    for (posture, records) in postures.iter().zip(actual.values()) {
        add_points(&mut series, posture, subject, records, false);
    }
    for (day, records) in &planned {
        let posture = ledger.posture_with(*day, PostureOptions::projected());
        add_points(&mut series, &posture, subject, records, true);
    }
    series.extend(super::apart::disagreeing(ledger, subject));
    Chart {
        title: title(ledger, subject),
        unit: "troops",
        series,
    }
}

/// The days the subject's figures change (observations, moves made,
/// reported totals) and the days of its announced moves, each with its
/// records.
type Days = BTreeMap<Day, Records>;

/// A day's records, and whether all of them say "not reported".
#[derive(Default)]
struct Records {
    ids: Vec<String>,
    some_reported: bool,
}

fn change_days(ledger: &Ledger<'_>, subject: &Subject) -> (Days, Days) {
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
        let records = into.entry(day).or_default();
        records.some_reported |= !item.is_not_reported();
        if !records.ids.contains(&item.record) {
            records.ids.push(item.record.clone());
        }
    }
    (actual, planned)
}

fn add_points(
    series: &mut [Series],
    posture: &Posture<'_>,
    subject: &Subject,
    records: &Records,
    planned: bool,
) {
    let flags = flags_of(posture, subject);
    for (s, bounds) in series.iter_mut().zip(values(posture, subject)) {
        if let Some(bounds) = bounds {
            s.points.push(Point {
                day: posture.day(),
                bounds,
                planned,
                records: records.ids.clone(),
                not_reported: !records.some_reported,
                flags: flags.clone(),
            });
        }
    }
}

/// The flags of the subject's figures in a posture, each once, in order.
fn flags_of(posture: &Posture<'_>, subject: &Subject) -> Vec<String> {
    let entries: Vec<&crate::posture::Entry<'_>> = match subject {
        Subject::Nation(code) => posture
            .entries()
            .iter()
            .filter(|e| e.nation() == Some(*code))
            .collect(),
        Subject::Location(code) => posture
            .entries()
            .iter()
            .filter(|e| e.key().places.iter().any(|p| p.country() == *code))
            .collect(),
        Subject::Mission(id) => posture
            .entries()
            .iter()
            .filter(|e| e.mission() == Some(id))
            .collect(),
        _ => posture.entries().iter().collect(),
    };
    let mut flags: Vec<crate::posture::Flag> = entries.iter().flat_map(|e| e.flags()).collect();
    flags.sort_unstable();
    flags.dedup();
    flags.iter().map(|f| f.as_str().to_owned()).collect()
}

/// The subject's figures in a posture, one per series; `None` where the
/// posture has none (a nation not yet observed, a mission with no total).
fn values(posture: &Posture<'_>, subject: &Subject) -> Vec<Option<Interval>> {
    match subject {
        Subject::Nation(code) => vec![posture
            .by_nation()
            .into_iter()
            .find(|v| v.nation == Some(*code))
            .map(|v| v.total)],
        Subject::Location(code) => vec![posture
            .by_location()
            .into_iter()
            .find(|v| v.country == Some(*code))
            .map(|v| v.total)],
        Subject::Mission(id) => {
            // The mission, or before its change of name the mission it
            // succeeded (MONUC's contributions on MONUSCO's chart).
            let lineage = posture.dataset().lineage(id);
            let views = posture.by_mission();
            let view = views
                .iter()
                .find(|v| v.mission == *id)
                .cloned()
                .or_else(|| {
                    lineage.iter().skip(1).find_map(|m| {
                        views
                            .iter()
                            .find(|v| v.mission == **m && !v.contributions.is_empty())
                            .cloned()
                    })
                });
            let total = view.as_ref().and_then(|v| {
                v.planned
                    .or_else(|| v.reported.map(|r| r.strength().bounds()))
            });
            let attributed = view
                .filter(|v| !v.contributions.is_empty())
                .map(|v| v.attributed);
            vec![total, attributed]
        }
        _ => vec![Some(posture.total())],
    }
}

fn labels(subject: &Subject) -> Vec<String> {
    match subject {
        Subject::Nation(code) => vec![format!("troops of {code}")],
        Subject::Location(code) => vec![format!("troops in {code}")],
        Subject::Mission(_) => vec![
            "reported total".to_owned(),
            "national contributions (sum)".to_owned(),
        ],
        _ => vec!["all troops recorded".to_owned()],
    }
}

fn title(ledger: &Ledger<'_>, subject: &Subject) -> String {
    let data = ledger.dataset();
    let nation = |code| {
        data.nation(code)
            .map_or(code.to_string(), |n| format!("{} ({code})", n.name()))
    };
    match subject {
        Subject::Nation(code) => format!("Troops of {}", nation(*code)),
        Subject::Location(code) => format!("Troops in {}", nation(*code)),
        Subject::Mission(id) => data
            .mission(id)
            .map_or(id.to_string(), |m| format!("{} ({id})", m.name())),
        _ => "All troops recorded".to_owned(),
    }
}
