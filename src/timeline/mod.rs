//! The dated history of the ledger — every observation, relocation,
//! reported total, launch and event, oldest first, each with its citation
//! and the figure after it — and what changed between two days.
//!
//! There is one timeline, built here: [`Dataset::timeline`] with
//! [`Subject::All`] is what `timeline.csv` writes, and a nation's or a
//! mission's timeline is the same lines filtered to it.

mod changes;
mod flags;
mod json;
mod lines;

use std::collections::HashMap;

use crate::date::Day;

use crate::dataset::Dataset;
use crate::date::Date;
use crate::deployment::{Deployment, RelativeTo};
use crate::doubt::Doubt;
use crate::event::{Event, EventUnit};
use crate::id::MissionId;
use crate::interval::Interval;
use crate::ledger::{At, Key, RecordRef, Replay, State, Term, Trace, World};
use crate::mission::Mission;
use crate::nation::NationCode;
use crate::posture::Flag;
use crate::relocation::Relocation;
use crate::source::Citation;
use crate::strength::Strength;

pub use changes::{Change, Changes};

use lines::{event_line, event_text, mission_lines, observation_text, relocation_line};

/// Whose history a timeline tells.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// A nation's troops.
    Nation(NationCode),
    /// A mission.
    Mission(MissionId),
    /// Whatever happens in a host country (its areas included): troops
    /// observed there, moved in or out, missions it hosts, events there.
    Location(NationCode),
    /// Everything in the ledger.
    All,
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

impl std::fmt::Display for TimelineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A figure a timeline line changes: whose troops where, what happened to
/// them in words, and the figure right after.
#[derive(Clone, Debug)]
pub struct Step {
    /// Whose troops, where, under which mission. For an event, its nation,
    /// location (if any) and mission; for a mission's total or launch, the
    /// mission in its host country with no nation.
    pub key: Key,
    /// What happened to the figure: `observed 120`, `moved out 30 to
    /// JOR+KWT`, `announced: ...`.
    pub change: String,
    /// The figure right after the line (as stated when untouched), if the
    /// line sets one.
    pub after: Option<Strength>,
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
    /// The counts of the figure the line is about, right after it: the
    /// observed figure after replay, what is left at a relocation's
    /// origin, or a mission's reported total. `None` for events and
    /// announced moves.
    pub strength_after: Option<Interval>,
    /// The figure the line changes (at the origin, for a relocation).
    pub step: Step,
    /// For a relocation carried out or under way, the figure at its
    /// destination.
    pub arrival: Option<Step>,
    /// What the line's count is of: troops, or an event's unit.
    pub unit: Option<EventUnit>,
    /// The record, or the mission id for a launch.
    pub record: String,
    /// Where it comes from.
    pub citation: &'d Citation,
    /// What the checks found about the line's record: `disputed` (another
    /// observation of the same figure and date disagrees, or another
    /// series alternates with it), `suspect` (its source is
    /// systematically k times another in its pattern), `not_reported`.
    pub flags: Vec<Flag>,
    about: About<'d>,
    /// Same-day order: figures placed before a relocation, then the
    /// relocation, then the rest.
    rank: u8,
}

/// The record a line comes from, to tell whose timeline it belongs to.
#[derive(Clone, Copy, Debug)]
enum About<'d> {
    Launch(&'d Mission),
    Total(&'d Mission),
    Observed(&'d Deployment),
    Moved(&'d Relocation),
    Event(&'d Event),
}

impl TimelineItem<'_> {
    /// The condition or intention the source attaches to the line's move
    /// or event, in its own words.
    pub fn condition(&self) -> Option<&str> {
        match self.about {
            About::Moved(r) => r.condition(),
            About::Event(e) => e.condition(),
            _ => None,
        }
    }

    /// Whether the line is an observation that says the figure was not
    /// reported (a quarter without a report), which leaves the last
    /// reported figure standing.
    pub fn is_not_reported(&self) -> bool {
        matches!(self.about, About::Observed(d) if d.is_not_reported())
    }

    /// Whether the line is a relocation announced but not (yet) carried
    /// out: a plan, not a change in the figures.
    pub fn is_announced(&self) -> bool {
        matches!(self.about, About::Moved(r) if !r.status().has_moved())
    }

    fn concerns(&self, subject: &Subject) -> bool {
        let (nation, mission) = match subject {
            Subject::All => return true,
            Subject::Location(country) => return self.happens_in(*country),
            Subject::Nation(code) => (Some(*code), None),
            Subject::Mission(id) => (None, Some(id)),
        };
        let about_nation = |n: Option<NationCode>| nation.is_some() && n == nation;
        let about_mission = |m: Option<&MissionId>| mission.is_some() && m == mission;
        match self.about {
            About::Launch(m) | About::Total(m) => about_mission(Some(m.id())),
            About::Observed(d) => about_nation(Some(d.nation())) || about_mission(d.mission()),
            About::Moved(r) => {
                about_nation(r.nation())
                    || about_mission(r.from_mission())
                    || about_mission(r.to_mission())
            }
            About::Event(e) => about_nation(e.nation()) || about_mission(e.mission()),
        }
    }

    /// Whether the line is about a place in `country`: an observation
    /// there, a move from or to it, a mission it hosts, an event there.
    fn happens_in(&self, country: NationCode) -> bool {
        match self.about {
            About::Launch(m) | About::Total(m) => m.host() == country,
            About::Observed(d) => d.location().country() == country,
            About::Moved(r) => {
                r.from().country() == country || r.to().iter().any(|l| l.country() == country)
            }
            About::Event(e) => e.location().is_some_and(|l| l.country() == country),
        }
    }

    /// The readable sentence as the subject's timeline shows it: within a
    /// mission's timeline an observation does not repeat the mission, nor
    /// an event its organization and mission.
    fn text_for(&self, subject: &Subject) -> String {
        let in_mission = matches!(subject, Subject::Mission(_));
        match self.about {
            About::Observed(d) => observation_text(d, in_mission),
            About::Event(e) => event_text(e, in_mission),
            _ => self.text.clone(),
        }
    }
}

impl Dataset {
    /// The dated history of a nation's troops, of a mission, or of
    /// everything: observations, relocations, reported totals, launches and
    /// events, oldest first, each with its citation and the figure after
    /// it.
    ///
    /// ```
    /// use troop_tracker::{Dataset, Subject};
    /// let data = Dataset::bundled()?;
    /// let germany = data.timeline(&Subject::Nation("DEU".parse()?));
    /// let texts: Vec<String> = germany.iter().map(|i| i.what.clone()).collect();
    /// assert_eq!(texts, ["observed", "under_way", "observed", "increase_ruled_out"]);
    /// // What is left in Iraq after the relocation line.
    /// assert_eq!(germany[1].strength_after.map(|s| s.to_string()).as_deref(), Some("90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline(&self, subject: &Subject) -> Vec<TimelineItem<'_>> {
        // A mission's timeline reads on across a change of name (MONUC's
        // lines, then MONUSCO's).
        let lineage: Vec<Subject> = match subject {
            Subject::Mission(id) => self
                .lineage(id)
                .into_iter()
                .map(|m| Subject::Mission(m.clone()))
                .collect(),
            other => vec![other.clone()],
        };
        let mut items: Vec<TimelineItem<'_>> = build(self)
            .into_iter()
            .filter(|i| lineage.iter().any(|s| i.concerns(s)))
            .collect();
        for i in &mut items {
            i.text = i.text_for(subject);
        }
        items
    }
}

/// The figures each deployment and relocation left, from one replay.
#[derive(Default)]
struct Replayed {
    observed: HashMap<usize, Step>,
    moved: HashMap<usize, (Step, Step)>,
}

fn replayed(data: &Dataset) -> Replayed {
    let replay = Replay::new(data, false);
    let world = World::new(data, false);
    let key = |id: usize| {
        replay
            .key(id)
            .cloned()
            .expect("a trace names only keys its replay numbered")
    };
    // Record ids are unique across the dataset (the loader checks).
    let deployment_at: HashMap<&str, usize> = data
        .deployments()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id().as_str(), i))
        .collect();
    let relocation_at: HashMap<&str, usize> = data
        .relocations()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id().as_str(), i))
        .collect();
    // Each figure right after a record, as tight as every record allows
    // (asked of the world all at once, after the replay); the figure's
    // own where no world meets them.
    let cells_of = |k: &Key| -> Vec<(Term, f64)> {
        world
            .cells(k)
            .unwrap_or_default()
            .iter()
            .map(|&c| (Term::Cell(c), 1.0))
            .collect()
    };
    // (which step, which end of a move, the record, its key, its own
    // figure, its stated strength)
    type Ask = (
        Slot,
        Option<RecordRef>,
        Key,
        Strength,
        Option<Strength>,
        Option<Day>,
    );
    let mut asks: Vec<Ask> = Vec::new();
    let mut out = Replayed::default();
    replay.replay(&mut State::new(), None, Day::MAX, false, &mut |t| match t {
        Trace::Observed {
            deployment: d,
            key: k,
            now,
            ..
        } => {
            let mut change = format!("observed {}", d.strength());
            if let Some(share) = d.share() {
                change.push_str(&format!(" ({share} of the mission total)"));
            } else if d.is_not_reported() && now.not_reported.is_some() {
                // The ledger kept the last figure: say so rather than
                // "observed n/r" beside a count.
                change = "not reported (the last reported figure stands)".to_owned();
            }
            let Some(&i) = deployment_at.get(d.id().as_str()) else {
                return;
            };
            let record = RecordRef::Deployment(u32::try_from(i).unwrap_or(u32::MAX));
            // Not a report: the figure at the end of its day.
            let (at, end) = if d.is_not_reported() && d.share().is_none() {
                (None, Some(d.as_of().latest()))
            } else {
                (Some(record), None)
            };
            let stated = (now.origin == crate::ledger::Origin::Observed).then_some(d.strength());
            let k = key(k);
            asks.push((
                Slot::Observed(i),
                at,
                k.clone(),
                now.strength(),
                stated,
                end,
            ));
            let step = Step {
                key: k,
                change,
                after: None,
            };
            out.observed.insert(i, step);
        }
        Trace::Moved {
            relocation: r,
            moved,
            origin,
            after: left,
            destination,
            arrived,
            ..
        } => {
            let Some(&i) = relocation_at.get(r.id().as_str()) else {
                return;
            };
            let record = RecordRef::Relocation(u32::try_from(i).unwrap_or(u32::MAX));
            let (origin, destination) = (key(origin), key(destination));
            asks.push((
                Slot::Left(i),
                Some(record),
                origin.clone(),
                left.strength(),
                None,
                None,
            ));
            asks.push((
                Slot::Arrived(i),
                Some(record),
                destination.clone(),
                arrived.strength(),
                None,
                None,
            ));
            let out_step = Step {
                change: format!("moved out {} to {}", moved, destination.places_label()),
                after: None,
                key: origin.clone(),
            };
            let in_step = Step {
                change: format!("moved in {} from {}", moved, origin.places_label()),
                after: None,
                key: destination,
            };
            out.moved.insert(i, (out_step, in_step));
        }
    });
    // Right after each record, all at once; at the end of a day for rows
    // that report nothing.
    let after: Vec<(RecordRef, Vec<(Term, f64)>)> = asks
        .iter()
        .filter_map(|(_, r, k, ..)| r.map(|r| (r, cells_of(k))))
        .collect();
    let mut answers = world.ranges_after(&after).into_iter();
    for (slot, record, k, own, stated, end) in asks {
        let range = match (record, end) {
            (Some(_), _) => answers.next(),
            (None, Some(day)) => world.ranges(At::End(day), &[cells_of(&k)]).pop(),
            (None, None) => None,
        };
        let figure = match range {
            Some(Ok(range)) => {
                let b = crate::ledger::interval(range);
                match stated {
                    Some(s) if s.bounds() == b => s,
                    _ => Strength::derived(b),
                }
            }
            _ => own,
        };
        let step = match slot {
            Slot::Observed(i) => out.observed.get_mut(&i),
            Slot::Left(i) => out.moved.get_mut(&i).map(|(o, _)| o),
            Slot::Arrived(i) => out.moved.get_mut(&i).map(|(_, a)| a),
        };
        if let Some(step) = step {
            step.after = Some(figure);
        }
    }
    out
}

/// Which step an asked figure belongs to.
#[derive(Clone, Copy)]
enum Slot {
    Observed(usize),
    Left(usize),
    Arrived(usize),
}

/// Every line of the ledger's timeline, in order.
fn build(data: &Dataset) -> Vec<TimelineItem<'_>> {
    let mut figures = replayed(data);
    let mut items = Vec::new();
    for m in data.missions() {
        items.extend(mission_lines(m));
    }
    let disputed = flags::same_day_disputes(data);
    for (i, d) in data.deployments().iter().enumerate() {
        let mut flags = Vec::new();
        if disputed.contains(&i)
            || d.doubts()
                .iter()
                .any(|x| matches!(x, Doubt::Interleaved { .. }))
        {
            flags.push(Flag::Disputed);
        }
        if d.doubts()
            .iter()
            .any(|x| matches!(x, Doubt::Systematic { .. }))
        {
            flags.push(Flag::Suspect);
        }
        if d.is_not_reported() {
            flags.push(Flag::NotReported);
        }
        let step = figures.observed.remove(&i).unwrap_or_else(|| Step {
            key: Key::of_deployment(d),
            change: format!("observed {}", d.strength()),
            after: None,
        });
        items.push(TimelineItem {
            date: d.as_of(),
            kind: TimelineKind::Observed,
            what: "observed".into(),
            text: observation_text(d, false),
            strength_after: step.after.map(|s| s.bounds()),
            step,
            arrival: None,
            unit: None,
            record: d.id().to_string(),
            citation: d.citation(),
            flags,
            about: About::Observed(d),
            rank: match d.relative_to() {
                Some(RelativeTo::Before(_)) => 0,
                _ => 2,
            },
        });
    }
    for (i, r) in data.relocations().iter().enumerate() {
        let moved = figures.moved.remove(&i);
        items.push(relocation_line(r, moved));
    }
    for e in data.events() {
        items.push(event_line(e));
    }
    // A stable sort keeps file order among equals.
    items.sort_by_key(|i| (i.date.anchor(), i.date.latest(), i.rank));
    items
}
