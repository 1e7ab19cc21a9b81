//! Troops moved from one place or mission to others.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::id::{MissionId, RecordId};
use crate::location::Location;
use crate::nation::NationCode;
use crate::source::Citation;
use crate::strength::Strength;

/// Whether a relocation has happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelocationStatus {
    /// Decided, planned or promised, not yet begun ("the plan now is to
    /// move hundreds of trainers").
    Announced,
    /// Reported as happening ("is sending 30 of its 120 soldiers").
    UnderWay,
    /// Reported as done ("were moved out of Iraq").
    CarriedOut,
}

impl RelocationStatus {
    /// The CSV notation: `announced`, `under_way`, `carried_out`.
    pub fn as_str(&self) -> &'static str {
        match self {
            RelocationStatus::Announced => "announced",
            RelocationStatus::UnderWay => "under_way",
            RelocationStatus::CarriedOut => "carried_out",
        }
    }

    /// Whether troops have actually moved (under way or carried out).
    pub fn has_moved(&self) -> bool {
        !matches!(self, RelocationStatus::Announced)
    }
}

impl fmt::Display for RelocationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a relocation status could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected one of announced, under_way, carried_out, found {found:?}")]
pub struct StatusError {
    found: String,
}

impl FromStr for RelocationStatus {
    type Err = StatusError;
    fn from_str(s: &str) -> Result<RelocationStatus, StatusError> {
        match s {
            "announced" => Ok(RelocationStatus::Announced),
            "under_way" => Ok(RelocationStatus::UnderWay),
            "carried_out" => Ok(RelocationStatus::CarriedOut),
            _ => Err(StatusError {
                found: s.to_owned(),
            }),
        }
    }
}

/// Why a relocation could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RelocationError {
    /// No destination was given.
    #[error("expected at least one destination, found none")]
    NoDestination,
    /// The origin is not exactly one place.
    #[error("expected exactly one origin, found {found}")]
    OriginCount {
        /// How many origins were given.
        found: usize,
    },
    /// The move goes nowhere: same place and same mission.
    #[error("expected a destination or mission different from the origin, found the same place and mission")]
    NoMove,
}

/// Where troops leave from or go to: a place and, optionally, a mission.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Posting {
    /// The places (one origin; one or more destinations, split not given).
    pub locations: Vec<Location>,
    /// The mission they serve under there, if named.
    pub mission: Option<MissionId>,
}

/// A nation's troops moved from one place or mission to one or more
/// destinations: "Germany is sending 30 of its 120 soldiers in Iraq to
/// Jordan and Kuwait" (split not given), or trainers moving from the
/// coalition to the NATO mission in the same country (a move between
/// missions).
///
/// The nation is `None` when the source names no contributor ("hundreds of
/// trainers"). A row that reports a move already on file says so with
/// [`Relocation::same_as`], so the move is counted once.
#[derive(Clone, Debug, Serialize)]
pub struct Relocation {
    id: RecordId,
    nation: Option<NationCode>,
    date: Date,
    strength: Strength,
    from: Location,
    from_mission: Option<MissionId>,
    to: Vec<Location>,
    to_mission: Option<MissionId>,
    temporary: Option<bool>,
    status: RelocationStatus,
    same_as: Option<RecordId>,
    condition: Option<String>,
    citation: Citation,
}

impl Relocation {
    /// Whether `other` records the same thing, field by field, with
    /// strengths and dates compared by notation (`~500` is not `450..550`).
    pub fn same_record(&self, other: &Relocation) -> bool {
        self.id == other.id
            && self.nation == other.nation
            && self.date.same_notation(&other.date)
            && self.strength.same_notation(&other.strength)
            && self.from == other.from
            && self.from_mission == other.from_mission
            && self.to == other.to
            && self.to_mission == other.to_mission
            && self.temporary == other.temporary
            && self.status == other.status
            && self.same_as == other.same_as
            && self.condition == other.condition
            && self.citation == other.citation
    }

    /// A relocation from `from` to the destinations in `to`.
    ///
    /// # Errors
    ///
    /// [`RelocationError::OriginCount`] unless `from.locations` holds exactly
    /// one place; [`RelocationError::NoDestination`] when `to.locations` is
    /// empty;
    /// [`RelocationError::NoMove`] when the only destination and the mission
    /// equal the origin's.
    pub fn new(
        id: RecordId,
        date: Date,
        strength: Strength,
        from: Posting,
        to: Posting,
        status: RelocationStatus,
        citation: Citation,
    ) -> Result<Relocation, RelocationError> {
        let origin = match from.locations.as_slice() {
            [one] => one.clone(),
            _ => {
                return Err(RelocationError::OriginCount {
                    found: from.locations.len(),
                })
            }
        };
        if to.locations.is_empty() {
            return Err(RelocationError::NoDestination);
        }
        if to.locations == [origin.clone()] && to.mission == from.mission {
            return Err(RelocationError::NoMove);
        }
        Ok(Relocation {
            id,
            nation: None,
            date,
            strength,
            from: origin,
            from_mission: from.mission,
            to: to.locations,
            to_mission: to.mission,
            temporary: None,
            status,
            same_as: None,
            condition: None,
            citation,
        })
    }

    /// Sets the nation whose troops move.
    pub fn with_nation(mut self, nation: Option<NationCode>) -> Relocation {
        self.nation = nation;
        self
    }

    /// Sets whether the move is temporary (`None`: not stated).
    pub fn with_temporary(mut self, temporary: Option<bool>) -> Relocation {
        self.temporary = temporary;
        self
    }

    /// Marks this row as another report of the relocation `id`.
    pub fn with_same_as(mut self, same_as: Option<RecordId>) -> Relocation {
        self.same_as = same_as;
        self
    }

    /// The condition or intention the source attaches, in its own words
    /// ("when the situation improves"): the relocation is stated as
    /// depending on it, not as certain.
    pub fn with_condition(mut self, condition: Option<String>) -> Relocation {
        self.condition = condition;
        self
    }

    /// The record id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// The nation whose troops move, if named.
    pub fn nation(&self) -> Option<NationCode> {
        self.nation
    }

    /// When the move was reported to happen.
    pub fn date(&self) -> Date {
        self.date
    }

    /// How many move.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Where they leave from.
    pub fn from(&self) -> &Location {
        &self.from
    }

    /// The mission they leave, if named.
    pub fn from_mission(&self) -> Option<&MissionId> {
        self.from_mission.as_ref()
    }

    /// Where they go; with several, the split is not known.
    pub fn to(&self) -> &[Location] {
        &self.to
    }

    /// The mission they join, if named.
    pub fn to_mission(&self) -> Option<&MissionId> {
        self.to_mission.as_ref()
    }

    /// Whether the move is temporary; `None` when not stated.
    pub fn temporary(&self) -> Option<bool> {
        self.temporary
    }

    /// Announced, under way or carried out.
    pub fn status(&self) -> RelocationStatus {
        self.status
    }

    /// The relocation this row reports again, if any.
    pub fn same_as(&self) -> Option<&RecordId> {
        self.same_as.as_ref()
    }

    /// The condition the source attaches, in its own words, if any.
    pub fn condition(&self) -> Option<&str> {
        self.condition.as_deref()
    }

    /// Where it comes from.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }
}

impl fmt::Display for Relocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.nation {
            Some(n) => write!(f, "{n} ")?,
            None => f.write_str("unnamed contributors ")?,
        }
        write!(f, "move {} from {}", self.strength, self.from)?;
        if let Some(m) = &self.from_mission {
            write!(f, " ({m})")?;
        }
        let to: Vec<String> = self.to.iter().map(ToString::to_string).collect();
        write!(f, " to {}", to.join(" and "))?;
        if let Some(m) = &self.to_mission {
            write!(f, " ({m})")?;
        }
        write!(f, ", {}, {} [{}]", self.date, self.status, self.id)
    }
}
