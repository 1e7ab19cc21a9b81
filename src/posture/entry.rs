//! One figure of a posture, and whether it is in place or planned.

use std::borrow::Cow;

use crate::date::Day;
use crate::doubt::{Doubt, Pattern};

use crate::id::{MissionId, RecordId};
use crate::interval::Interval;
use crate::ledger::{Basis, Figure, Key, Origin};
use crate::nation::NationCode;
use crate::strength::Strength;

/// Whether a posture figure is in place or only planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// In place on the day, as far as the sources say.
    Present,
    /// Depends on an announced relocation not yet carried out (projected
    /// postures only).
    Planned,
}

impl Status {
    /// `present` or `planned`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Planned => "planned",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Something the checks found about a figure of a posture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Flag {
    /// Another observation of its day disagrees ([`Entry::disputed_by`]).
    Disputed,
    /// It rests on a figure of a source that is systematically k times
    /// another in its pattern ([`Doubt::Systematic`]).
    Suspect,
    /// The records around it cannot all be true.
    Contradicted,
    /// Last observed longer ago than the options allow.
    Stale,
    /// Its source said "not reported" after its last report.
    NotReported,
    /// Its own tables stopped listing it ([`Entry::ended`]).
    Ended,
}

impl Flag {
    /// `disputed`, `suspect`, `contradicted`, `stale`, `not_reported` or
    /// `ended`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Disputed => "disputed",
            Flag::Suspect => "suspect",
            Flag::Contradicted => "contradicted",
            Flag::Stale => "stale",
            Flag::NotReported => "not_reported",
            Flag::Ended => "ended",
        }
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One figure of a posture: whose troops, where, under which mission, how
/// many (with the uncertainty kept), and on which records it rests.
#[derive(Clone, Debug)]
pub struct Entry<'d> {
    pub(super) key: Cow<'d, Key>,
    pub(super) figure: Cow<'d, Figure>,
    pub(super) status: Status,
    pub(super) stale: bool,
    pub(super) inside: Option<usize>,
    /// The tightest bounds the posture's evidence allows.
    pub(super) bounds: Interval,
    /// Whether the constraints around this figure cannot all hold.
    pub(super) contradicted: bool,
    /// The day its own tables stopped listing it, if they have.
    pub(super) ended: Option<Day>,
    /// Observations that disagree with it.
    pub(super) disputed_by: Vec<RecordId>,
    /// The doubts of the records its shown value rests on.
    pub(super) doubts: Vec<&'d Doubt>,
}

impl<'d> Entry<'d> {
    /// The first edition of its own tables that no longer listed the
    /// figure (no row at all, not even "not reported"), if every table
    /// that listed it has published one by the posture's day. Such a
    /// figure is shown, flagged, but left out of totals by default
    /// (`PostureOptions::count_ended`).
    pub fn ended(&self) -> Option<Day> {
        self.ended
    }

    /// Observations that cannot be true with the figure: those of the day
    /// its value was observed that it does not rest on (the quarterly
    /// table's 68,094 for Germany in June 2020 against the report's
    /// 34,146 shown), then the neighbouring figures of another series its
    /// own records alternate with ([`Doubt::Interleaved`]: Kane's June
    /// figures for Japan against the DMDC's September ones). The figure
    /// is disputed, and these are the other side.
    pub fn disputed_by(&self) -> &[RecordId] {
        &self.disputed_by
    }

    /// What the import learned about the records the shown value rests
    /// on ([`Deployment::doubts`](crate::Deployment::doubts)): a figure
    /// read as a range because its source is systematically k times
    /// another, a zero read as not reported, another series that
    /// disputes it.
    pub fn doubts(&self) -> &[&'d Doubt] {
        &self.doubts
    }

    /// The reading the overlaps favour for a figure widened by a
    /// systematic error: its printed figure divided by the pattern's
    /// ratio (`probably 58,625` for the table's 117,250 when the table is
    /// 2.00x the reports), with the pattern.
    pub fn probably(&self) -> Option<(u64, &'d Pattern)> {
        // An exact figure needs no likely reading (another source gave the
        // date and decided it).
        if self.bounds.is_exact() {
            return None;
        }
        // Of several patterns, the one seen on the most overlaps.
        self.doubts
            .iter()
            .filter_map(|d| match d {
                Doubt::Systematic {
                    pattern,
                    stated,
                    widened: true,
                } => Some((pattern.probably(*stated), &**pattern)),
                _ => None,
            })
            .max_by(|a, b| {
                (a.1.agreeing, a.1.ratio)
                    .partial_cmp(&(b.1.agreeing, b.1.ratio))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    }

    /// What the checks found about the figure, as flags: disputed,
    /// contradicted, stale, not reported since its last report, ended.
    pub fn flags(&self) -> Vec<Flag> {
        let mut out = Vec::new();
        if !self.disputed_by.is_empty() {
            out.push(Flag::Disputed);
        }
        if self
            .doubts
            .iter()
            .any(|d| matches!(d, Doubt::Systematic { .. }))
        {
            out.push(Flag::Suspect);
        }
        if self.contradicted {
            out.push(Flag::Contradicted);
        }
        if self.stale {
            out.push(Flag::Stale);
        }
        if self.figure.not_reported.is_some() {
            out.push(Flag::NotReported);
        }
        if self.ended.is_some() {
            out.push(Flag::Ended);
        }
        out
    }

    /// Whether the figure is of troops in their own nation's territory:
    /// every place it names lies in the nation's own country. A figure
    /// with no named nation, or naming any place abroad, is not.
    pub fn is_at_home(&self) -> bool {
        self.key.nation.is_some_and(|n| {
            !self.key.places.is_empty() && self.key.places.iter().all(|p| p.country() == n)
        })
    }

    /// The nation, place(s) and mission.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The nation, or `None` for contributors no source names.
    pub fn nation(&self) -> Option<NationCode> {
        self.key.nation
    }

    /// The mission, or `None` for the nation's total across missions there.
    pub fn mission(&self) -> Option<&MissionId> {
        self.key.mission.as_ref()
    }

    /// The figure as a strength: the stated notation when it is one
    /// untouched observation (`~250`), else its tightest bounds (`90`,
    /// `225..500`).
    pub fn strength(&self) -> Strength {
        match (self.figure.origin, self.figure.stated) {
            // The source's words where the figure is still what it said
            // (narrowed, perhaps, by the rest of the evidence).
            (Origin::Observed, Some(s)) if self.is_within_stated() => s,
            _ => Strength::derived(self.bounds),
        }
    }

    /// Whether the bounds lie within what the figure's own records state:
    /// false where the figure may have changed since its report (troops
    /// that may have come back, say).
    pub fn is_within_stated(&self) -> bool {
        let (own, b) = (self.figure.value, self.bounds);
        b.low() >= own.low() && own.high().is_none_or(|h| b.high().is_some_and(|x| x <= h))
    }

    /// The tightest bounds all the posture's evidence allows: what the
    /// figure's own records say, narrowed by the figures it is part of or
    /// holds, and by what relocations moved between it and others.
    ///
    /// An area's observed `>=1` inside a country figure of 90 is `1..90`.
    pub fn bounds(&self) -> Interval {
        self.bounds
    }

    /// The bounds of the figure's own records alone, before the rest of
    /// the posture's evidence narrowed them.
    pub fn own_bounds(&self) -> Interval {
        self.figure.value
    }

    /// The strength its latest report states, when the figure is one
    /// report not changed since by a recorded move.
    pub fn stated(&self) -> Option<Strength> {
        match self.figure.origin {
            Origin::Observed => self.figure.stated,
            _ => None,
        }
    }

    /// Whether the evidence around this figure cannot all be true (an
    /// area holding more than its country, say): its bounds are then its
    /// own, and validation names the records.
    pub fn is_contradicted(&self) -> bool {
        self.contradicted
    }

    /// The records it rests on: observations, then relocations applied.
    pub fn basis(&self) -> &Basis {
        &self.figure.basis
    }

    /// How the figure came to be (observed, replayed, competing, ...).
    pub fn origin(&self) -> Origin {
        self.figure.origin
    }

    /// The day the figure was last observed directly, if ever.
    pub fn last_observed(&self) -> Option<Day> {
        self.figure.observed_on
    }

    /// The latest day a source said the figure was not reported, if that
    /// came after its last observation (a quarter without a report): the
    /// figure is then the last one reported, [`Entry::last_observed`].
    pub fn not_reported_since(&self) -> Option<Day> {
        self.figure.not_reported
    }

    /// The day of the latest observation or relocation behind it.
    pub fn last_changed(&self) -> Day {
        self.figure.day
    }

    /// Present, or planned (depends on an announced relocation).
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether the figure is older than the posture's staleness threshold.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Whether the figure is part of another entry of the posture (an area
    /// of a country figure, or one mission of an all-missions figure), so
    /// that it must not be added to it.
    pub fn is_nested(&self) -> bool {
        self.inside.is_some()
    }

    /// The entry this one is part of, as an index into
    /// [`Posture::entries`](crate::Posture::entries).
    pub fn nested_in(&self) -> Option<usize> {
        self.inside
    }
}
