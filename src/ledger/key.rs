//! What a ledger figure is about ([`Key`]), what it is ([`Figure`]) and
//! how it came to be ([`Origin`]).

use std::fmt;

use crate::date::Day;

use crate::deployment::Deployment;
use crate::id::MissionId;
use crate::interval::Interval;
use crate::ledger::basis::Basis;
use crate::location::Location;
use crate::nation::NationCode;
use crate::relocation::Relocation;
use crate::strength::Strength;

/// What a figure in the ledger is about: whose troops, where, under which
/// mission.
///
/// `mission: None` is the nation's total across missions in that place, and
/// a country-wide place includes its areas, so keys nest: Canada's 500 in
/// Iraq (no mission) include its ~250 with NATO in Baghdad. `places` holds
/// more than one location only where a relocation sent troops to several
/// places with the split not given ("to Jordan and Kuwait"), and none
/// only for a timeline's event that names no place.
///
/// It prints as `NATION in PLACE+PLACE under MISSION` (`unnamed
/// contributors` for no nation; no ` in ` for no place).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The nation, or `None` for contributors no source names.
    pub nation: Option<NationCode>,
    /// One place, or several holding the figure together.
    pub places: Vec<Location>,
    /// The mission, or `None` for the total across missions.
    pub mission: Option<MissionId>,
}

impl Key {
    pub(crate) fn of_deployment(d: &Deployment) -> Key {
        Key {
            nation: Some(d.nation()),
            places: vec![d.location().clone()],
            mission: d.mission().cloned(),
        }
    }

    pub(crate) fn origin(r: &Relocation) -> Key {
        Key {
            nation: r.nation(),
            places: vec![r.from().clone()],
            mission: r.from_mission().cloned(),
        }
    }

    pub(crate) fn destination(r: &Relocation) -> Key {
        let mut places = r.to().to_vec();
        places.sort();
        places.dedup();
        Key {
            nation: r.nation(),
            places,
            mission: r.to_mission().cloned(),
        }
    }

    /// The places written as `JOR+KWT`.
    pub fn places_label(&self) -> String {
        let names: Vec<String> = self.places.iter().map(ToString::to_string).collect();
        names.join("+")
    }

    /// The single country all places lie in, if they share one.
    pub fn country(&self) -> Option<NationCode> {
        let first = self.places.first()?.country();
        self.places
            .iter()
            .all(|p| p.country() == first)
            .then_some(first)
    }

    /// Whether every place is a whole country (no area).
    pub fn is_country_level(&self) -> bool {
        self.places.iter().all(|p| p.area().is_none())
    }
}

impl Key {
    /// The keys that could hold this one, narrowest first: the same mission
    /// in the whole country, all missions in the same place, all missions
    /// in the whole country. A joint destination holds nothing and is held
    /// by nothing.
    pub(crate) fn parent_candidates(&self) -> Vec<Key> {
        let [place] = self.places.as_slice() else {
            return Vec::new();
        };
        let country = place.to_country();
        let mut out = Vec::with_capacity(3);
        let key = |place: Location, mission: Option<MissionId>| Key {
            nation: self.nation,
            places: vec![place],
            mission,
        };
        if place.area().is_some() {
            out.push(key(country.clone(), self.mission.clone()));
        }
        if self.mission.is_some() {
            out.push(key(place.clone(), None));
            if place.area().is_some() {
                out.push(key(country, None));
            }
        }
        out
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.nation {
            Some(n) => write!(f, "{n}")?,
            None => f.write_str("unnamed contributors")?,
        }
        // An event may name no place ("the U.S. strike"): no " in ".
        if !self.places.is_empty() {
            write!(f, " in {}", self.places_label())?;
        }
        if let Some(m) = &self.mission {
            write!(f, " under {m}")?;
        }
        Ok(())
    }
}

/// How a ledger figure came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// Stated by a deployment record.
    Observed,
    /// An observation minus or plus relocations since.
    Replayed,
    /// Only arrivals are known: no earlier figure at the destination.
    ArrivalsOnly,
    /// A relocation left a place that had no figure.
    Unobserved,
    /// Derived from a share of the mission's reported total.
    Share,
    /// Two same-day observations that compete; the figure is what both
    /// allow.
    Competing,
}

impl Origin {
    /// `observed`, `replayed`, `arrivals_only`, `unobserved`, `share` or
    /// `competing`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Observed => "observed",
            Origin::Replayed => "replayed",
            Origin::ArrivalsOnly => "arrivals_only",
            Origin::Unobserved => "unobserved",
            Origin::Share => "share",
            Origin::Competing => "competing",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One figure in the ledger, with what it rests on.
#[derive(Clone, Debug)]
pub struct Figure {
    /// The counts the figure allows.
    pub value: Interval,
    /// The strength as stated, when the figure is one observation.
    pub stated: Option<Strength>,
    /// The records it rests on: observations, then relocations applied.
    pub basis: Basis,
    /// The day of the latest observation or relocation behind it.
    pub day: Day,
    /// The day of the latest direct observation, if any.
    pub observed_on: Option<Day>,
    /// How it came to be.
    pub origin: Origin,
    /// The latest day a source said the figure was not reported, when
    /// that is after its latest observation: the figure is the last one
    /// reported, and the period since has none.
    pub not_reported: Option<Day>,
}

impl Figure {
    /// The figure as a strength: the stated one when untouched, else the
    /// derived interval.
    pub fn strength(&self) -> Strength {
        match (&self.origin, self.stated) {
            (Origin::Observed, Some(s)) => s,
            _ => Strength::derived(self.value),
        }
    }
}

/// Writes a key's fields into a serde struct: `key` (its label, unique
/// within a posture), `nation`, `mission` and `places`, so that every
/// JSON object about a figure names it the same way.
pub(crate) fn serialize_key<S: serde::ser::SerializeStruct>(
    s: &mut S,
    key: &Key,
) -> Result<(), S::Error> {
    s.serialize_field("key", &key.to_string())?;
    s.serialize_field("nation", &key.nation)?;
    s.serialize_field("mission", &key.mission)?;
    s.serialize_field("places", &key.places)
}
