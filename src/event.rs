//! Dated, cited happenings: mission milestones, attacks, alliance size.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::id::{MissionId, RecordId};
use crate::location::Location;
use crate::nation::NationCode;
use crate::source::Citation;
use crate::strength::Strength;

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $err:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => $word:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The CSV notation.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Why a word could not be read as this enum.
        #[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
        #[error("expected {} ({}), found {found:?}", $what, $name::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "))]
        pub struct $err {
            found: String,
        }

        impl FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> Result<$name, $err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|k| k.as_str() == s)
                    .ok_or_else(|| $err { found: s.to_owned() })
            }
        }
    };
}

word_enum!(
    /// What happened. Kinds ending in `_planned` (and `meeting`) are dated
    /// when the plan is to be carried out; `_decided`, `_approved`,
    /// `_agreed` and `_ruled_out` when the decision was taken;
    /// `_intended`, `_requested`, `_pledged` and `_unwilling` when stated;
    /// `approval_pending`, `training_suspended` and `operations_suspended`
    /// record a state reported as in effect on the date.
    EventKind, EventKindError, "an event kind", {
        /// A mission began.
        Launched => "launched",
        /// A mission's training was suspended.
        TrainingSuspended => "training_suspended",
        /// A mission's operations were suspended.
        OperationsSuspended => "operations_suspended",
        /// The host government approved resuming a suspended mission.
        ResumptionApproved => "resumption_approved",
        /// A suspended mission is to resume, as its leaders say (often on
        /// a condition).
        ResumptionPlanned => "resumption_planned",
        /// The host government consented to new tasks.
        HostConsent => "host_consent",
        /// An expansion was decided.
        ExpansionDecided => "expansion_decided",
        /// An expansion step was planned.
        ExpansionPlanned => "expansion_planned",
        /// Activities were approved for transfer between missions.
        TransferApproved => "transfer_approved",
        /// A mandate change was planned.
        MandateChangePlanned => "mandate_change_planned",
        /// Personnel were moved out, with no nation or destination named.
        PersonnelMovedOut => "personnel_moved_out",
        /// A withdrawal was requested by the host.
        WithdrawalRequested => "withdrawal_requested",
        /// A withdrawal was planned.
        WithdrawalPlanned => "withdrawal_planned",
        /// A parliament voted to expel foreign forces.
        ExpulsionResolution => "expulsion_resolution",
        /// An attack on one or more bases.
        AttackOnBases => "attack_on_bases",
        /// A targeted strike.
        Strike => "strike",
        /// An invasion.
        Invasion => "invasion",
        /// People killed or wounded.
        Casualties => "casualties",
        /// The number of members of an alliance.
        MemberCount => "member_count",
        /// A meeting where a mission's future is decided.
        Meeting => "meeting",
        /// A request to hand activities or forces from one mission to
        /// another.
        TransferRequested => "transfer_requested",
        /// A statement that a move or transfer adds no troops: the force
        /// after it is no larger than before.
        NoAdditionalTroops => "no_additional_troops",
        /// Personnel moved to other places inside and outside the host
        /// country, not only out of it.
        PersonnelRepositioned => "personnel_repositioned",
        /// A stated intention to reduce or withdraw forces.
        ReductionIntended => "reduction_intended",
        /// A requirement, such as a parliamentary vote before deploying.
        ApprovalRequired => "approval_required",
        /// Troops or equipment sent to reinforce a place.
        Reinforcement => "reinforcement",
        /// An attempt to send more forces that the source does not say
        /// succeeded ("attempted to deploy more troops").
        ReinforcementAttempted => "reinforcement_attempted",
        /// A nation or an alliance's members ruled out adding to their
        /// forces (a refusal: "out of the question … to increase").
        IncreaseRuledOut => "increase_ruled_out",
        /// Reluctance to add troops, short of ruling it out ("little
        /// appetite … to deploy additional troops", "unwilling to put more
        /// troops in harm's way").
        IncreaseUnwilling => "increase_unwilling",
        /// A request that a force stay where it is ("asked the US
        /// administration to maintain its military engagement").
        StayRequested => "stay_requested",
        /// A request that an alliance or a nation do more, with no task or
        /// figure named.
        IncreaseRequested => "increase_requested",
        /// An agreement that an alliance or a force could do more, with no
        /// mission step decided.
        IncreaseAgreed => "increase_agreed",
        /// Pledges to do more, with no figure ("pledges from other NATO
        /// allies to do more").
        IncreasePledged => "increase_pledged",
        /// Leaders asked their military to consider what more a force
        /// could do: options, not a decision.
        OptionsRequested => "options_requested",
        /// A stated intention that a force stays where it is, often on a
        /// condition ("as long as we are welcome").
        StayIntended => "stay_intended",
        /// A decision that still awaits a government's approval on the
        /// date ("still need to be … approved by the government").
        ApprovalPending => "approval_pending",
        /// A nation confirmed moving some of its forces to a mission, with
        /// no origin stated.
        TransferConfirmed => "transfer_confirmed",
    }
);

word_enum!(
    /// What an event's count counts.
    EventUnit, UnitError, "a unit", {
        /// Military personnel.
        Troops => "troops",
        /// Bases.
        Bases => "bases",
        /// Rockets or missiles.
        Rockets => "rockets",
        /// Casualties.
        People => "people",
        /// Member states of an alliance.
        Members => "members",
        /// Nations, such as the countries of a mission that moved troops.
        Nations => "nations",
        /// Aircraft.
        Aircraft => "aircraft",
    }
);

/// A dated, cited happening: a mission launched or suspended, an attack on
/// bases, the size of an alliance on a day.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    id: RecordId,
    date: Date,
    kind: EventKind,
    organization: Option<String>,
    mission: Option<MissionId>,
    nation: Option<NationCode>,
    location: Option<Location>,
    count: Option<(Strength, EventUnit)>,
    same_as: Option<RecordId>,
    condition: Option<String>,
    reported: Option<Date>,
    region: Option<String>,
    citation: Citation,
}

impl EventKind {
    /// Whether an article may date the event after its own publication:
    /// a plan, or a meeting it announces ("will meet on Friday"). Anything
    /// else is something a source saw, which cannot postdate its report.
    pub fn may_lie_ahead(self) -> bool {
        matches!(
            self,
            EventKind::ExpansionPlanned
                | EventKind::MandateChangePlanned
                | EventKind::WithdrawalPlanned
                | EventKind::ReductionIntended
                | EventKind::ResumptionPlanned
                | EventKind::Meeting
        )
    }
}

impl Event {
    /// Whether `other` records the same thing, field by field, with
    /// strengths and dates compared by notation (`~500` is not `450..550`).
    pub fn same_record(&self, other: &Event) -> bool {
        let count = match (&self.count, &other.count) {
            (Some((a, u)), Some((b, v))) => a.same_notation(b) && u == v,
            (None, None) => true,
            _ => false,
        };
        self.id == other.id
            && self.date.same_notation(&other.date)
            && self.kind == other.kind
            && self.organization == other.organization
            && self.mission == other.mission
            && self.nation == other.nation
            && self.location == other.location
            && count
            && self.same_as == other.same_as
            && self.condition == other.condition
            && self.region == other.region
            && match (self.reported, other.reported) {
                (Some(a), Some(b)) => a.same_notation(&b),
                (None, None) => true,
                _ => false,
            }
            && self.citation == other.citation
    }

    /// An event with no subject or count; set those with the `with_`
    /// methods.
    pub fn new(id: RecordId, date: Date, kind: EventKind, citation: Citation) -> Event {
        Event {
            id,
            date,
            kind,
            organization: None,
            mission: None,
            nation: None,
            location: None,
            count: None,
            same_as: None,
            condition: None,
            reported: None,
            region: None,
            citation,
        }
    }

    /// Sets the organization concerned (such as NATO for a member count).
    pub fn with_organization(mut self, organization: Option<String>) -> Event {
        self.organization = organization;
        self
    }

    /// Sets the mission concerned.
    pub fn with_mission(mut self, mission: Option<MissionId>) -> Event {
        self.mission = mission;
        self
    }

    /// Sets the nation that acted.
    pub fn with_nation(mut self, nation: Option<NationCode>) -> Event {
        self.nation = nation;
        self
    }

    /// Sets where it happened.
    pub fn with_location(mut self, location: Option<Location>) -> Event {
        self.location = location;
        self
    }

    /// Sets what was counted and how many.
    pub fn with_count(mut self, count: Option<(Strength, EventUnit)>) -> Event {
        self.count = count;
        self
    }

    /// Marks this row as another report of the event `id`.
    pub fn with_same_as(mut self, same_as: Option<RecordId>) -> Event {
        self.same_as = same_as;
        self
    }

    /// The condition or intention the source attaches, in its own words
    /// ("when the situation improves"): the event is stated as
    /// depending on it, not as certain.
    pub fn with_condition(mut self, condition: Option<String>) -> Event {
        self.condition = condition;
        self
    }

    /// When the source says the event was made known ("the alliance's
    /// chief said Thursday"), kept apart from when it happened: a
    /// resumption approved on or before the day it was announced.
    pub fn with_reported(mut self, reported: Option<Date>) -> Event {
        self.reported = reported;
        self
    }

    /// A place that is not one country, in the source's words ("the Gulf
    /// region"): where the event's location cannot be a country code.
    pub fn with_region(mut self, region: Option<String>) -> Event {
        self.region = region;
        self
    }

    /// The record id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// When it happened (or, for states, when it was reported in effect).
    pub fn date(&self) -> Date {
        self.date
    }

    /// What happened.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// The organization concerned, if any.
    pub fn organization(&self) -> Option<&str> {
        self.organization.as_deref()
    }

    /// The mission concerned, if any.
    pub fn mission(&self) -> Option<&MissionId> {
        self.mission.as_ref()
    }

    /// The nation that acted, if any.
    pub fn nation(&self) -> Option<NationCode> {
        self.nation
    }

    /// Where it happened, if stated.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// What was counted and how many, if stated.
    pub fn count(&self) -> Option<(Strength, EventUnit)> {
        self.count
    }

    /// The event this row reports again, if any.
    pub fn same_as(&self) -> Option<&RecordId> {
        self.same_as.as_ref()
    }

    /// The condition the source attaches, in its own words, if any.
    pub fn condition(&self) -> Option<&str> {
        self.condition.as_deref()
    }

    /// When the event was made known, if the source says so apart from
    /// when it happened.
    pub fn reported(&self) -> Option<Date> {
        self.reported
    }

    /// The region the event is in, when it is not one country.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Where it comes from.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, self.kind)?;
        if let Some(m) = &self.mission {
            write!(f, " {m}")?;
        }
        if let Some(n) = &self.nation {
            write!(f, " by {n}")?;
        }
        if let Some(l) = &self.location {
            write!(f, " in {l}")?;
        }
        if let Some((s, u)) = &self.count {
            write!(f, ": {s} {u}")?;
        }
        write!(f, " [{}]", self.id)
    }
}
