//! A nation's troops in a place, as of a date, on a source's word.

use std::fmt;

use serde::Serialize;
use std::str::FromStr;

use crate::date::Date;
use crate::doubt::Doubt;
use crate::id::{IdError, MissionId, RecordId};
use crate::location::Location;
use crate::nation::NationCode;
use crate::share::Share;
use crate::source::Citation;
use crate::strength::{Strength, StrengthKind};

/// Places an observation before or after a relocation reported on the same
/// day: Germany's "120 soldiers" describe the force before it sent 30 away,
/// and "others will remain" the force after.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum RelativeTo {
    /// The figure describes the force just before the relocation.
    Before(RecordId),
    /// The figure describes the force just after the relocation.
    After(RecordId),
}

impl RelativeTo {
    /// The relocation it refers to.
    pub fn relocation(&self) -> &RecordId {
        match self {
            RelativeTo::Before(r) | RelativeTo::After(r) => r,
        }
    }
}

/// Why a `before:ID` / `after:ID` cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RelativeError {
    /// Neither `before:` nor `after:`.
    #[error("expected \"before:ID\" or \"after:ID\" naming a relocation, found {found:?}")]
    Notation {
        /// The text that was found.
        found: String,
    },
    /// The id after the colon is malformed.
    #[error(transparent)]
    Id(#[from] IdError),
}

impl FromStr for RelativeTo {
    type Err = RelativeError;
    fn from_str(s: &str) -> Result<RelativeTo, RelativeError> {
        if let Some(id) = s.strip_prefix("before:") {
            Ok(RelativeTo::Before(id.parse()?))
        } else if let Some(id) = s.strip_prefix("after:") {
            Ok(RelativeTo::After(id.parse()?))
        } else {
            Err(RelativeError::Notation {
                found: s.to_owned(),
            })
        }
    }
}

impl fmt::Display for RelativeTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelativeTo::Before(r) => write!(f, "before:{r}"),
            RelativeTo::After(r) => write!(f, "after:{r}"),
        }
    }
}

impl fmt::Debug for RelativeTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RelativeTo({self})")
    }
}

serde_via_str!(RelativeTo);

/// One observation of a nation's strength in a location, under a mission
/// or under none named, as of the date the figure describes, on a cited
/// source's word.
///
/// Canada's "500 troops in Iraq" name no mission: they span the NATO
/// mission and the coalition. Two sources reporting the same figure are
/// two deployments; both are kept.
#[derive(Clone, Debug, Serialize)]
pub struct Deployment {
    id: RecordId,
    nation: NationCode,
    location: Location,
    mission: Option<MissionId>,
    as_of: Date,
    relative_to: Option<RelativeTo>,
    strength: Strength,
    share: Option<Share>,
    citation: Citation,
    /// What an import learned about the figure from the rest of its
    /// table (empty for a curated record).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    doubts: Vec<Doubt>,
}

impl Deployment {
    /// Whether `other` records the same thing, field by field, with
    /// strengths and dates compared by notation (`~500` is not `450..550`).
    pub fn same_record(&self, other: &Deployment) -> bool {
        self.id == other.id
            && self.nation == other.nation
            && self.location == other.location
            && self.mission == other.mission
            && self.as_of.same_notation(&other.as_of)
            && self.relative_to == other.relative_to
            && self.strength.same_notation(&other.strength)
            && self.share == other.share
            && self.citation == other.citation
    }

    /// An observation under no named mission; set the rest with the
    /// `with_` methods.
    pub fn new(
        id: RecordId,
        nation: NationCode,
        location: Location,
        as_of: Date,
        strength: Strength,
        citation: Citation,
    ) -> Deployment {
        Deployment {
            id,
            nation,
            location,
            mission: None,
            as_of,
            relative_to: None,
            strength,
            share: None,
            citation,
            doubts: Vec::new(),
        }
    }

    /// Adds what a check of its table found: a figure read otherwise than
    /// printed (`strength`, which the doubt explains) or disputed by
    /// another series. Doubts are not part of the record's content:
    /// [`Deployment::same_record`] ignores them.
    pub fn with_doubt(mut self, doubt: Doubt, strength: Strength) -> Deployment {
        self.add_doubt(doubt, strength);
        self
    }

    /// [`Deployment::with_doubt`] in place.
    pub(crate) fn add_doubt(&mut self, doubt: Doubt, strength: Strength) {
        self.doubts.push(doubt);
        self.strength = strength;
    }

    /// What an import learned about the figure from the rest of its
    /// table: why it is read otherwise than printed, or which figures of
    /// another series dispute it.
    pub fn doubts(&self) -> &[Doubt] {
        &self.doubts
    }

    /// Sets the mission the troops serve under.
    pub fn with_mission(mut self, mission: Option<MissionId>) -> Deployment {
        self.mission = mission;
        self
    }

    /// Places the observation before or after a same-day relocation.
    pub fn with_relative_to(mut self, relative_to: Option<RelativeTo>) -> Deployment {
        self.relative_to = relative_to;
        self
    }

    /// Records that the figure was stated as a share of the mission's total.
    pub fn with_share(mut self, share: Option<Share>) -> Deployment {
        self.share = share;
        self
    }

    /// The record id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// The contributing nation.
    pub fn nation(&self) -> NationCode {
        self.nation
    }

    /// Where the troops are.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The mission, if one is named.
    pub fn mission(&self) -> Option<&MissionId> {
        self.mission.as_ref()
    }

    /// The date the figure describes (not always the publication date).
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Whether the figure describes the force just before or after a
    /// same-day relocation.
    pub fn relative_to(&self) -> Option<&RelativeTo> {
        self.relative_to.as_ref()
    }

    /// The strength as stated (`n/r` when only a share is given).
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// The share of the mission's total, when the source states one.
    pub fn share(&self) -> Option<Share> {
        self.share
    }

    /// Whether the observation only says the figure was not reported (a
    /// quarter without a report), with no share of a mission total to
    /// derive it from: it leaves the last reported figure standing.
    pub fn is_not_reported(&self) -> bool {
        self.strength.kind() == StrengthKind::NotReported && self.share.is_none()
    }

    /// Where the figure comes from.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }
}

impl fmt::Display for Deployment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} in {}", self.nation, self.strength, self.location)?;
        if let Some(m) = &self.mission {
            write!(f, " under {m}")?;
        }
        if let Some(s) = &self.share {
            write!(f, " ({s} of the mission)")?;
        }
        write!(f, " as of {} [{}]", self.as_of, self.id)
    }
}
