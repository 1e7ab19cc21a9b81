//! What a chart shows: a subject's strength after each dated change, as
//! the posture of that day bounds it, split into its parts, and where
//! announced moves would take it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chart::days::{bound_days, change_days, drop_unchanged, planned_days, Days, Records};
use crate::chart::figures::{figures, part_word, whole_labels, Figure, Figures};
use crate::date::Day;
use crate::interval::Interval;
use crate::ledger::Ledger;
use crate::posture::{Posture, PostureOptions};
use crate::timeline::Subject;

/// The most parts a chart draws (the largest, by their highest drawn
/// figure); the whole still counts the others, and [`Chart::parts_left_out`]
/// says how many.
pub const MOST_PARTS: usize = 6;

/// A subject's strength over time: the whole, its parts, then the series
/// that disagree with each other, drawn apart.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// `Troops of Germany (DEU)`, `NATO Mission Iraq (NMI)`, `Troops in Iraq (IRQ)`.
    pub title: String,
    /// What is counted: `troops`.
    pub unit: &'static str,
    /// What the chart counts, in words: `troops of Germany (DEU), by
    /// location and in total`.
    pub counted: String,
    /// The sources of the records behind the points, by id, in order of
    /// first use.
    pub sources: Vec<String>,
    /// The days asked for ([`ChartOptions::from`], [`ChartOptions::to`]).
    pub from: Option<Day>,
    /// See [`Chart::from`].
    pub to: Option<Day>,
    /// The series: the whole (a mission's reported total and the sum of
    /// its national contributions), then its parts, then series apart.
    pub series: Vec<Series>,
    /// How many parts the whole counts that are not drawn (beyond
    /// [`MOST_PARTS`]).
    pub parts_left_out: usize,
    /// How many series that disagree (see [`Role::Apart`]) are not drawn:
    /// only a host country's or a mission's chart not split into parts
    /// draws them, at most [`MOST_PARTS`] (those with the most points).
    pub apart_left_out: usize,
}

/// What a series is to its chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The subject's own figure (for a mission: its reported total, or
    /// the sum of its contributions).
    Whole,
    /// One part of the whole: a location of a nation's troops, a nation
    /// in a host country or in the whole ledger.
    Part,
    /// One source's figures of one month of the year that disagree with
    /// another series of the same figure (see
    /// [`Doubt::Interleaved`](crate::Doubt::Interleaved)), drawn apart
    /// rather than as a step the posture holds: its line ends at its last
    /// point.
    Apart,
}

impl Role {
    /// `whole`, `part`, `apart`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Whole => "whole",
            Role::Part => "part",
            Role::Apart => "apart",
        }
    }
}

/// One line of a chart, with its band.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    /// What the series counts: `troops of DEU`, `in JOR+KWT`,
    /// `reported total`.
    pub label: String,
    /// What the series is to the chart.
    pub role: Role,
    /// Its points, actual ones by day, then planned ones by day.
    pub points: Vec<Point>,
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
    /// figure (the projected posture of its day), not what happened.
    pub planned: bool,
    /// The records dated that day that changed the figure; none on the
    /// first day asked for ([`ChartOptions::from`]), where the figure holds
    /// from before.
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

impl Point {
    /// Where the line is drawn: the exact figure, the middle of a closed
    /// range (rounded down), or the lowest figure of an open one (nothing
    /// bounds it above, so it has no middle).
    ///
    /// ```
    /// # use troop_tracker::{chart::Point, Interval};
    /// let at = |bounds| Point { day: "2020-02-13".parse().unwrap(), bounds, planned: false,
    ///     records: vec![], not_reported: false, flags: vec![] }.line_at();
    /// assert_eq!(at(Interval::new(450, 550).unwrap()), 500);
    /// assert_eq!(at(Interval::exactly(821)), 821);
    /// assert_eq!(at(Interval::at_least(651)), 651);
    /// ```
    pub fn line_at(&self) -> u64 {
        line_of(self.bounds)
    }

    /// Whether the point rests on a figure the checks doubt: disputed,
    /// suspect or contradicted.
    pub fn is_flagged(&self) -> bool {
        self.flags
            .iter()
            .any(|f| matches!(f.as_str(), "disputed" | "suspect" | "contradicted"))
    }
}

/// Which days a chart covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// The first day drawn: the figure holding on it (from before) is its
    /// first point. `None`: from the first record.
    pub from: Option<Day>,
    /// The last day drawn. `None`: to the last record (plans included).
    pub to: Option<Day>,
}

impl Chart {
    /// Whether no series has a point.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }

    /// The caption: what is counted, how it is drawn, and from which
    /// sources (the first eight by id, then how many more).
    pub fn caption(&self) -> String {
        let mut sources = self.sources.iter().take(8).cloned().collect::<Vec<_>>();
        if self.sources.len() > 8 {
            sources.push(format!("and {} more", self.sources.len() - 8));
        }
        let left_out = match self.parts_left_out {
            0 => String::new(),
            n => format!(" ({n} smaller parts are counted in the total, not drawn)"),
        };
        let apart = match self.apart_left_out {
            0 => String::new(),
            n => format!(" {n} series of figures that disagree with each other are not drawn here (a host country's chart draws up to {MOST_PARTS} of its own)."),
        };
        format!(
            "Counted: {}{left_out}, at the end of each day a record changes them. Line: the exact figure or the middle of its range; band: lowest to highest the evidence allows.{apart} Source{}: {}.",
            self.counted,
            if self.sources.len() == 1 { "" } else { "s" },
            sources.join(", ")
        )
    }
}

/// The chart of a subject's strength over time, every day: see
/// [`chart_with`].
///
/// ```
/// use troop_tracker::{chart::chart, Dataset, Ledger, Subject};
/// let data = Dataset::bundled()?;
/// let iraq = chart(&Ledger::new(&data), &Subject::Location("IRQ".parse()?));
/// let first = &iraq.series[0].points[0];
/// assert_eq!((first.day.to_string(), first.bounds.to_string()), ("2020-01-09".into(), "91..588".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn chart(ledger: &Ledger<'_>, subject: &Subject) -> Chart {
    chart_with(ledger, subject, ChartOptions::default())
}

/// The chart of a subject's strength over the days asked for: a point on
/// each day a record observes, moves or totals the subject's troops (the
/// end-of-day posture's tight bounds), for the whole and for each of its
/// largest parts; then, from the first announced relocation on, planned
/// points: the projected posture of every later day a record changes the
/// figures or a plan is dated (so a plan is drawn on top of what happened
/// since, not left at the level it started from).
///
/// ```
/// use troop_tracker::chart::{chart_with, ChartOptions, Role};
/// use troop_tracker::{Dataset, Ledger, Subject};
/// let data = Dataset::bundled()?;
/// let options = ChartOptions { from: Some("2020-01-10".parse()?), to: None };
/// let germany = chart_with(&Ledger::new(&data), &Subject::Nation("DEU".parse()?), options);
/// let parts: Vec<&str> = germany.series.iter().filter(|s| s.role == Role::Part).map(|s| s.label.as_str()).collect();
/// assert_eq!(parts, ["in IRQ", "in JOR+KWT"]);
/// assert_eq!(germany.series[0].points[0].day.to_string(), "2020-01-10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn chart_with(ledger: &Ledger<'_>, subject: &Subject, options: ChartOptions) -> Chart {
    let (mut actual, mut planned) = change_days(ledger, subject);
    let within =
        |day: &Day| options.from.is_none_or(|f| *day >= f) && options.to.is_none_or(|t| *day <= t);
    let starts_before = |days: &Days| {
        options
            .from
            .filter(|from| days.keys().next().is_some_and(|first| first < from))
    };
    let (held_before, planned_before) = (starts_before(&actual), starts_before(&planned));
    // The bounds may change on days no record of the subject is dated:
    // where a vague date's days begin, the day after any record (a
    // temporary move may come back from then on), and through any record
    // of the data (the model couples figures). Each such day is a point;
    // the points that change nothing are dropped below.
    let first_record = actual.keys().next().copied();
    for day in bound_days(ledger.dataset()) {
        if first_record.is_some_and(|f| day > f) {
            actual.entry(day).or_insert_with(Records::unchanged);
        }
    }
    actual.retain(|day, _| within(day));
    planned.retain(|day, _| within(day));
    // (Unless the first day drawn is past the last: a library caller may
    // ask for that, and no day is drawn.)
    if let Some(from) = held_before.filter(within) {
        actual.entry(from).or_insert_with(Records::unchanged);
    }
    // A plan dated before the first day drawn still holds on it.
    if let Some(from) = planned_before.filter(within) {
        planned.entry(from).or_insert_with(Records::unchanged);
    }
    let planned_days = planned_days(&actual, &planned);
    let actual_days: Vec<Day> = actual.keys().copied().collect();
    let read = |postures: Vec<Posture<'_>>, days: &Days| -> Vec<Dated> {
        postures
            .iter()
            .zip(days.values())
            .map(|(p, r)| (p.day(), figures(p, subject), r.clone()))
            .collect()
    };
    let actual_figures = read(
        ledger.postures_over(&actual_days, PostureOptions::default()),
        &actual,
    );
    let planned_figures = read(
        ledger.postures_over(
            &planned_days.keys().copied().collect::<Vec<_>>(),
            PostureOptions::projected(),
        ),
        &planned_days,
    );
    let (parts, parts_left_out) = largest_parts(&actual_figures, &planned_figures);
    let mut series: Vec<Series> = whole_labels(subject)
        .into_iter()
        .map(|label| Series {
            label: if parts.is_empty() || matches!(subject, Subject::Mission(_)) {
                label
            } else {
                format!("{label} (total)")
            },
            role: Role::Whole,
            points: Vec::new(),
        })
        .chain(parts.iter().map(|label| Series {
            label: label.clone(),
            role: Role::Part,
            points: Vec::new(),
        }))
        .collect();
    for (planned, dated) in [(false, &actual_figures), (true, &planned_figures)] {
        for (day, figures, records) in dated {
            let point = |figure: &Figure| Point {
                day: *day,
                bounds: figure.bounds,
                planned,
                records: records.ids.clone(),
                not_reported: !records.some_reported,
                flags: figure.flags.clone(),
            };
            let wholes = figures.wholes.len();
            for (s, figure) in series.iter_mut().zip(&figures.wholes) {
                s.points.extend(figure.as_ref().map(point));
            }
            for (label, figure) in &figures.parts {
                if let Some(i) = parts.iter().position(|p| p == label) {
                    series[wholes + i].points.push(point(figure));
                }
            }
        }
    }
    for s in &mut series {
        drop_unchanged(&mut s.points);
    }
    let mut sources: Vec<String> = Vec::new();
    for records in actual.values().chain(planned.values()) {
        for s in &records.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let apart = super::apart::disagreeing(ledger, subject)
        .into_iter()
        .map(|mut s| {
            s.points.retain(|p| within(&p.day));
            s
        })
        .filter(|s| !s.points.is_empty());
    // Disagreeing series are drawn on the charts of one host country or
    // mission, at most MOST_PARTS of them (those with the most points):
    // the whole data's or a nation's chart, or one split into parts,
    // would draw hundreds (troopdata's has 293) and a legend taller than
    // the plot. The caption says how many are left out.
    let mut apart: Vec<Series> = apart.collect();
    let mut apart_left_out = apart.len();
    if parts.is_empty() && matches!(subject, Subject::Location(_) | Subject::Mission(_)) {
        apart.sort_by_key(|s| std::cmp::Reverse(s.points.len()));
        apart_left_out = apart.len().saturating_sub(MOST_PARTS);
        apart.truncate(MOST_PARTS);
        // Back in their order by label, as the legend lists them.
        apart.sort_by(|a, b| a.label.cmp(&b.label));
        series.extend(apart);
    }
    Chart {
        title: title(ledger, subject),
        unit: "troops",
        counted: counted(ledger, subject, !parts.is_empty()),
        sources,
        from: options.from,
        to: options.to,
        series,
        parts_left_out,
        apart_left_out,
    }
}

/// A posture's day, the subject's figures in it, and the day's records.
type Dated = (Day, Figures, Records);

/// The labels of the parts to draw, the largest first (by the highest
/// line drawn), and how many are left out. A whole with one part has none
/// to draw (the part is the whole).
fn largest_parts(actual: &[Dated], planned: &[Dated]) -> (Vec<String>, usize) {
    let mut largest: BTreeMap<&str, u64> = BTreeMap::new();
    for (_, figures, _) in actual.iter().chain(planned) {
        for (label, figure) in &figures.parts {
            let at = line_of(figure.bounds);
            let top = largest.entry(label.as_str()).or_default();
            *top = (*top).max(at);
        }
    }
    if largest.len() < 2 {
        return (Vec::new(), 0);
    }
    let mut by_size: Vec<(&str, u64)> = largest.into_iter().collect();
    // The largest first; equal ones by label, so the order is stable.
    by_size.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let left_out = by_size.len().saturating_sub(MOST_PARTS);
    let drawn = by_size
        .into_iter()
        .take(MOST_PARTS)
        .map(|(label, _)| label.to_owned())
        .collect();
    (drawn, left_out)
}

/// [`Point::line_at`] of bounds.
fn line_of(bounds: Interval) -> u64 {
    let low = bounds.low();
    bounds.high().map_or(low, |high| low + (high - low) / 2)
}

fn name(ledger: &Ledger<'_>, code: crate::nation::NationCode) -> String {
    ledger
        .dataset()
        .nation(code)
        .map_or(code.to_string(), |n| format!("{} ({code})", n.name()))
}

fn title(ledger: &Ledger<'_>, subject: &Subject) -> String {
    match subject {
        Subject::Nation(code) => format!("Troops of {}", name(ledger, *code)),
        Subject::Location(code) => format!("Troops in {}", name(ledger, *code)),
        Subject::Mission(id) => ledger
            .dataset()
            .mission(id)
            .map_or(id.to_string(), |m| format!("{} ({id})", m.name())),
        _ => "All troops recorded".to_owned(),
    }
}

/// What the chart counts, in words.
fn counted(ledger: &Ledger<'_>, subject: &Subject, split: bool) -> String {
    let by = match (split, part_word(subject)) {
        (true, Some(word)) => format!(", by {word} and in total"),
        _ => String::new(),
    };
    match subject {
        Subject::Nation(code) => format!("troops of {}{by}", name(ledger, *code)),
        Subject::Location(code) => format!("troops in {}{by}", name(ledger, *code)),
        Subject::Mission(_) => format!(
            "troops of {}: its reported total and the sum of its national contributions",
            title(ledger, subject)
        ),
        _ => format!("all troops recorded{by}"),
    }
}
