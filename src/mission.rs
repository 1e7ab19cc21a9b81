//! Missions and the total strengths reported for them.

use std::fmt;

use serde::Serialize;

use crate::date::Date;
use crate::id::{MissionId, RecordId};
use crate::nation::NationCode;
use crate::source::Citation;
use crate::strength::Strength;

/// A named multinational mission, such as NATO Mission Iraq.
///
/// Fields that the sources do not state (the coalition's launch date, the
/// Resolute Support lead nation) stay `None` rather than being filled in.
#[derive(Clone, Debug, Serialize)]
pub struct Mission {
    id: MissionId,
    name: String,
    organization: String,
    lead: Option<NationCode>,
    partners: Vec<NationCode>,
    host: NationCode,
    launched: Option<Date>,
    combat_role: Option<bool>,
    citation: Citation,
    role_citation: Option<Citation>,
    totals: Vec<MissionStrength>,
    /// The mission this one succeeded under a new name (MONUC for
    /// MONUSCO), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    predecessor: Option<MissionId>,
}

/// The attributes of a [`Mission`] that identify it; the rest is set with
/// the `with_` methods.
#[derive(Clone, Debug)]
pub struct MissionSpec {
    /// Short id, such as `NMI`.
    pub id: MissionId,
    /// Full name.
    pub name: String,
    /// The organization running it (NATO, the Global Coalition, ...).
    pub organization: String,
    /// The host country.
    pub host: NationCode,
    /// Where its description comes from.
    pub citation: Citation,
}

impl Mission {
    /// The mission with only the totals `keep` accepts.
    pub(crate) fn with_totals_where(&self, keep: impl Fn(&MissionStrength) -> bool) -> Mission {
        let mut m = self.clone();
        m.totals.retain(|t| keep(t));
        m
    }

    /// Whether `other` records the same thing, field by field, with
    /// strengths and dates compared by notation (`~500` is not `450..550`).
    pub fn same_record(&self, other: &Mission) -> bool {
        let launched = match (self.launched, other.launched) {
            (Some(a), Some(b)) => a.same_notation(&b),
            (None, None) => true,
            _ => false,
        };
        self.id == other.id
            && self.name == other.name
            && self.organization == other.organization
            && self.lead == other.lead
            && self.partners == other.partners
            && self.host == other.host
            && launched
            && self.combat_role == other.combat_role
            && self.citation == other.citation
            && self.role_citation == other.role_citation
            && self.predecessor == other.predecessor
            && self.totals.len() == other.totals.len()
            && self
                .totals
                .iter()
                .zip(&other.totals)
                .all(|(a, b)| a.same_record(b))
    }

    /// A mission with no lead, launch date, combat role or totals known.
    pub fn new(spec: MissionSpec) -> Mission {
        Mission {
            id: spec.id,
            name: spec.name,
            organization: spec.organization,
            lead: None,
            partners: Vec::new(),
            host: spec.host,
            launched: None,
            combat_role: None,
            citation: spec.citation,
            role_citation: None,
            totals: Vec::new(),
            predecessor: None,
        }
    }

    /// Links the mission this one succeeded under a new name (MONUC →
    /// MONUSCO, UNMIS → UNMISS), so that its history reads on across the
    /// change.
    pub fn with_predecessor(mut self, predecessor: Option<MissionId>) -> Mission {
        self.predecessor = predecessor;
        self
    }

    /// The mission this one succeeded under a new name, if any.
    pub fn predecessor(&self) -> Option<&MissionId> {
        self.predecessor.as_ref()
    }

    /// Sets the lead nation.
    pub fn with_lead(mut self, lead: Option<NationCode>) -> Mission {
        self.lead = lead;
        self
    }

    /// Sets the non-member partner nations the mission's organization
    /// accepts as contributors.
    pub fn with_partners(mut self, partners: Vec<NationCode>) -> Mission {
        self.partners = partners;
        self
    }

    /// Sets the launch date.
    pub fn with_launched(mut self, launched: Option<Date>) -> Mission {
        self.launched = launched;
        self
    }

    /// Sets whether the mission has a combat role, with the citation that
    /// says so (`None`: not stated).
    pub fn with_combat_role(mut self, combat_role: Option<(bool, Citation)>) -> Mission {
        match combat_role {
            Some((role, citation)) => {
                self.combat_role = Some(role);
                self.role_citation = Some(citation);
            }
            None => {
                self.combat_role = None;
                self.role_citation = None;
            }
        }
        self
    }

    /// The short id.
    pub fn id(&self) -> &MissionId {
        &self.id
    }

    /// The full name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The organization running the mission.
    pub fn organization(&self) -> &str {
        &self.organization
    }

    /// The lead nation, if stated.
    pub fn lead(&self) -> Option<NationCode> {
        self.lead
    }

    /// Nations outside the organization named as partners.
    pub fn partners(&self) -> &[NationCode] {
        &self.partners
    }

    /// The host country.
    pub fn host(&self) -> NationCode {
        self.host
    }

    /// When the mission was launched, if stated.
    pub fn launched(&self) -> Option<Date> {
        self.launched
    }

    /// Whether it has a combat role; `None` when no source says.
    pub fn combat_role(&self) -> Option<bool> {
        self.combat_role
    }

    /// Where the mission's description (name, lead, host, launch) comes
    /// from.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// Where the statement of its combat role comes from, when there is one.
    pub fn role_citation(&self) -> Option<&Citation> {
        self.role_citation.as_ref()
    }

    /// The reported total strengths, in file order.
    pub fn totals(&self) -> &[MissionStrength] {
        &self.totals
    }

    pub(crate) fn push_total(&mut self, total: MissionStrength) {
        self.totals.push(total);
    }
}

impl fmt::Display for Mission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {})", self.name, self.id, self.organization)
    }
}

/// One reported total strength of a mission: "the 500-strong NATO
/// mission" on 9 January 2020.
#[derive(Clone, Debug, Serialize)]
pub struct MissionStrength {
    id: RecordId,
    mission: MissionId,
    as_of: Date,
    strength: Strength,
    citation: Citation,
}

impl MissionStrength {
    /// Whether `other` records the same thing, field by field, with
    /// strengths and dates compared by notation (`~500` is not `450..550`).
    pub fn same_record(&self, other: &MissionStrength) -> bool {
        self.id == other.id
            && self.mission == other.mission
            && self.as_of.same_notation(&other.as_of)
            && self.strength.same_notation(&other.strength)
            && self.citation == other.citation
    }

    /// An observation of a mission's total.
    pub fn new(
        id: RecordId,
        mission: MissionId,
        as_of: Date,
        strength: Strength,
        citation: Citation,
    ) -> MissionStrength {
        MissionStrength {
            id,
            mission,
            as_of,
            strength,
            citation,
        }
    }

    /// The record id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// The mission.
    pub fn mission(&self) -> &MissionId {
        &self.mission
    }

    /// The date the figure describes.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The reported total.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Where it comes from.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }
}
