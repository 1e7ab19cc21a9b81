//! What changed between two days, and the dated history of a nation or a
//! mission.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::dataset::Dataset;
use crate::date::Date;
use crate::id::{MissionId, RecordId};
use crate::interval::Interval;
use crate::ledger::Key;
use crate::nation::NationCode;
use crate::posture::PostureOptions;
use crate::relocation::Relocation;
use crate::source::Citation;
use crate::strength::Strength;

/// A figure that differs between two postures.
#[derive(Clone, Debug)]
pub struct Change {
    /// Whose troops, where, under which mission.
    pub key: Key,
    /// The figure on the first day, if there was one.
    pub before: Option<Strength>,
    /// The figure on the second day, if there is one.
    pub after: Option<Strength>,
    /// The records the second day's figure rests on (or the first day's,
    /// when the figure is gone).
    pub basis: Vec<RecordId>,
}

/// What changed between two days: the relocations in between and every
/// figure that differs.
#[derive(Clone, Debug)]
pub struct Changes<'d> {
    /// The first day (its end).
    pub from: NaiveDate,
    /// The second day (its end).
    pub to: NaiveDate,
    /// Relocations dated after `from` and up to `to`, first reports only.
    pub moves: Vec<&'d Relocation>,
    /// Figures that appeared, disappeared or changed.
    pub figures: Vec<Change>,
}

/// Whose history a timeline tells.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A nation's troops.
    Nation(NationCode),
    /// A mission.
    Mission(MissionId),
}

/// What kind of entry a timeline line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimelineKind {
    /// A mission was launched (from the mission record).
    Launch,
    /// A strength was observed.
    Observed,
    /// A mission's total was reported.
    MissionTotal,
    /// Troops were (or are to be) relocated.
    Relocation,
    /// A dated event.
    Event,
}

impl TimelineKind {
    /// `launch`, `observed`, `mission_total`, `relocation` or `event`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimelineKind::Launch => "launch",
            TimelineKind::Observed => "observed",
            TimelineKind::MissionTotal => "mission_total",
            TimelineKind::Relocation => "relocation",
            TimelineKind::Event => "event",
        }
    }
}

/// One dated line of a timeline.
#[derive(Clone, Debug)]
pub struct TimelineItem<'d> {
    /// When.
    pub date: Date,
    /// What kind of line.
    pub kind: TimelineKind,
    /// The event kind or relocation status, as a word.
    pub what: String,
    /// One readable sentence.
    pub text: String,
    /// The figure the line is about, at the end of its day: the observed
    /// figure after replay, what is left at a relocation's origin, or a
    /// mission's reported total. `None` for events.
    pub strength_after: Option<Interval>,
    /// The record, or the mission id for a launch.
    pub record: String,
    /// Where it comes from.
    pub citation: &'d Citation,
}

impl Dataset {
    /// What changed between the end of `from` and the end of `to`.
    ///
    /// ```
    /// use troop_tracker::{Dataset, PostureOptions};
    /// let data = Dataset::bundled()?;
    /// let changes = data.changes("2020-01-08".parse()?, "2020-01-10".parse()?, PostureOptions::default());
    /// assert!(changes.moves.iter().any(|r| r.id().as_str() == "R-DEU-2020-01-09"));
    /// let moved = changes.figures.iter().find(|c| c.key.to_string() == "DEU in JOR+KWT").expect("arrivals");
    /// assert_eq!(moved.after.map(|s| s.to_string()).as_deref(), Some("30"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changes(&self, from: NaiveDate, to: NaiveDate, options: PostureOptions) -> Changes<'_> {
        let before = self.posture_with(from, options);
        let after = self.posture_with(to, options);
        let moves = self
            .relocations()
            .iter()
            .filter(|r| r.same_as().is_none())
            .filter(|r| options.projected || r.status().has_moved())
            .filter(|r| r.date().earliest() > from && r.date().earliest() <= to)
            .collect();
        let mut pairs: BTreeMap<
            Key,
            (
                Option<&crate::posture::Entry>,
                Option<&crate::posture::Entry>,
            ),
        > = BTreeMap::new();
        for e in before.entries() {
            pairs.entry(e.key().clone()).or_default().0 = Some(e);
        }
        for e in after.entries() {
            pairs.entry(e.key().clone()).or_default().1 = Some(e);
        }
        let figures = pairs
            .into_iter()
            .filter_map(|(key, (b, a))| {
                let same = match (b, a) {
                    (Some(b), Some(a)) => {
                        b.strength().same_notation(&a.strength()) && b.basis() == a.basis()
                    }
                    _ => false,
                };
                if same {
                    return None;
                }
                let basis = a.or(b).map(|e| e.basis().to_vec()).unwrap_or_default();
                Some(Change {
                    key,
                    before: b.map(|e| e.strength()),
                    after: a.map(|e| e.strength()),
                    basis,
                })
            })
            .collect();
        Changes {
            from,
            to,
            moves,
            figures,
        }
    }

    /// The dated history of a nation's troops or of a mission: observations,
    /// relocations, reported totals and events, oldest first, each with its
    /// citation and the subject's strength after it.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Subject};
    /// let data = Dataset::bundled()?;
    /// let germany = data.timeline(&Subject::Nation("DEU".parse()?));
    /// let texts: Vec<String> = germany.iter().map(|i| i.what.clone()).collect();
    /// assert_eq!(texts, ["observed", "under_way", "observed"]);
    /// // What is left in Iraq after the relocation line.
    /// assert_eq!(germany[1].strength_after.map(|s| s.to_string()).as_deref(), Some("90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline(&self, subject: &Subject) -> Vec<TimelineItem<'_>> {
        let (nation, mission) = match subject {
            Subject::Nation(code) => (Some(*code), None),
            Subject::Mission(id) => (None, Some(id)),
        };
        let about_nation = |n: Option<NationCode>| nation.is_some() && n == nation;
        let about_mission = |m: Option<&MissionId>| mission.is_some() && m == mission;
        let mut items = Vec::new();
        if let Some(m) = mission.and_then(|id| self.mission(id)) {
            if let Some(launched) = m.launched() {
                let text = format!("{} launched", m.name());
                items.push(item(
                    0,
                    launched,
                    TimelineKind::Launch,
                    "launched",
                    text,
                    m.id().as_str(),
                    m.citation(),
                ));
            }
            for t in m.totals() {
                let text = format!("reported total {}", t.strength());
                items.push(item(
                    2,
                    t.as_of(),
                    TimelineKind::MissionTotal,
                    "total",
                    text,
                    t.id().as_str(),
                    t.citation(),
                ));
            }
        }
        for d in self.deployments() {
            if about_nation(Some(d.nation())) || about_mission(d.mission()) {
                let mut text = format!("{} {} in {}", d.nation(), d.strength(), d.location());
                if let (Some(m), None) = (d.mission(), mission) {
                    text.push_str(&format!(" under {m}"));
                }
                if let Some(share) = d.share() {
                    text.push_str(&format!(" ({share} of the mission)"));
                }
                items.push(item(
                    rank(d),
                    d.as_of(),
                    TimelineKind::Observed,
                    "observed",
                    text,
                    d.id().as_str(),
                    d.citation(),
                ));
            }
        }
        for r in self.relocations() {
            if about_nation(r.nation())
                || about_mission(r.from_mission())
                || about_mission(r.to_mission())
            {
                let mut text = r.to_string();
                // The date, status and id have columns of their own.
                if let Some(cut) = text.rfind(", ") {
                    if let Some(cut) = text[..cut].rfind(", ") {
                        text.truncate(cut);
                    }
                }
                if r.temporary() == Some(true) {
                    text.push_str(", temporary");
                }
                items.push(item(
                    1,
                    r.date(),
                    TimelineKind::Relocation,
                    r.status().as_str(),
                    text,
                    r.id().as_str(),
                    r.citation(),
                ));
            }
        }
        for e in self.events() {
            if about_nation(e.nation()) || about_mission(e.mission()) {
                items.push(item(
                    2,
                    e.date(),
                    TimelineKind::Event,
                    e.kind().as_str(),
                    event_text(e, mission.is_some()),
                    e.id().as_str(),
                    e.citation(),
                ));
            }
        }
        // Same-day lines: figures placed before a relocation, then the
        // relocation, then the rest.
        items.sort_by_key(|(rank, i)| (i.date.earliest(), i.date.latest(), *rank));
        items
            .into_iter()
            .map(|(_, mut i)| {
                i.strength_after = self.figure_after(&i);
                i
            })
            .collect()
    }

    /// The figure a timeline line is about, at the end of its day.
    fn figure_after(&self, item: &TimelineItem<'_>) -> Option<Interval> {
        let day = item.date.latest();
        let key = match item.kind {
            TimelineKind::Observed => {
                let d = self
                    .deployments()
                    .iter()
                    .find(|d| d.id().as_str() == item.record)?;
                Key::of_deployment(d)
            }
            TimelineKind::Relocation => {
                let r = self
                    .relocations()
                    .iter()
                    .find(|r| r.id().as_str() == item.record)?;
                Key {
                    nation: r.nation(),
                    places: vec![r.from().clone()],
                    mission: r.from_mission().cloned(),
                }
            }
            TimelineKind::MissionTotal => {
                return self
                    .mission_strengths()
                    .find(|t| t.id().as_str() == item.record)
                    .map(|t| t.strength().bounds());
            }
            TimelineKind::Launch | TimelineKind::Event => return None,
        };
        let projected = PostureOptions {
            projected: true,
            ..PostureOptions::default()
        };
        self.posture_with(day, projected)
            .entries()
            .iter()
            .find(|e| e.key() == &key)
            .map(|e| e.bounds())
    }
}

/// An event in words, without the date, kind and id that have columns of
/// their own.
fn event_text(e: &crate::event::Event, in_mission_timeline: bool) -> String {
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
    if let Some((count, unit)) = e.count() {
        parts.push(format!("{count} {unit}"));
    }
    parts.join(" ")
}

fn rank(d: &crate::deployment::Deployment) -> u8 {
    match d.relative_to() {
        Some(crate::deployment::Relative::Before(_)) => 0,
        _ => 2,
    }
}

fn item<'d>(
    rank: u8,
    date: Date,
    kind: TimelineKind,
    what: &str,
    text: String,
    record: &str,
    citation: &'d Citation,
) -> (u8, TimelineItem<'d>) {
    (
        rank,
        TimelineItem {
            date,
            kind,
            what: what.to_owned(),
            text,
            strength_after: None,
            record: record.to_owned(),
            citation,
        },
    )
}
