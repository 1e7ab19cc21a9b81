//! Where troops are: a host country and, optionally, an area inside it.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::nation::{NationCode, NationCodeError};

/// A host country plus an optional sub-national area: `IRQ`,
/// `IRQ/Kurdistan region`, `IRQ/Baghdad`.
///
/// An area lies inside its country, so a figure for the area counts toward
/// the country ([`Location::contains`]).
///
/// ```
/// use troop_tracker::Location;
/// let iraq: Location = "IRQ".parse()?;
/// let kurdistan: Location = "IRQ/Kurdistan region".parse()?;
/// assert!(iraq.contains(&kurdistan));
/// assert!(!kurdistan.contains(&iraq));
/// assert_eq!(kurdistan.area(), Some("Kurdistan region"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialOrd, Ord)]
pub struct Location {
    country: NationCode,
    area: Option<Arc<str>>,
}

/// Why a location could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LocationError {
    /// The country part is not a nation code.
    #[error("expected a location such as \"IRQ\" or \"IRQ/Baghdad\": {0}")]
    Country(#[from] NationCodeError),
    /// The area after `/` is empty, padded, or contains a `/` or `;`.
    #[error("expected an area name after \"/\" without \"/\", \";\" or surrounding spaces, found {found:?}")]
    Area {
        /// The text that was found.
        found: String,
    },
}

impl Location {
    /// A whole country.
    pub fn country_wide(country: NationCode) -> Location {
        Location {
            country,
            area: None,
        }
    }

    /// An area inside a country.
    ///
    /// # Errors
    ///
    /// Returns [`LocationError::Area`] when the area is empty, has
    /// surrounding spaces, or contains `/` or `;`.
    pub fn area_of(country: NationCode, area: &str) -> Result<Location, LocationError> {
        if area.is_empty() || area.trim() != area || area.contains(['/', ';']) {
            return Err(LocationError::Area {
                found: area.to_owned(),
            });
        }
        Ok(Location {
            country,
            area: Some(Arc::from(area)),
        })
    }

    /// The host country.
    pub fn country(&self) -> NationCode {
        self.country
    }

    /// The area inside the country, if one is named.
    pub fn area(&self) -> Option<&str> {
        self.area.as_deref()
    }

    /// The same location with its area name taken from shared storage
    /// (equal text), so that repeated areas share one string.
    pub(crate) fn share_area(self, shared: impl FnOnce(&str) -> Arc<str>) -> Location {
        match &self.area {
            Some(a) => Location {
                area: Some(shared(a)),
                ..self
            },
            None => self,
        }
    }

    /// The whole country this location lies in.
    pub fn to_country(&self) -> Location {
        Location::country_wide(self.country)
    }

    /// Whether `other` lies inside this location: the same place, or an
    /// area of this country.
    pub fn contains(&self, other: &Location) -> bool {
        self.country == other.country && (self.area.is_none() || self.area == other.area)
    }
}

// Areas loaded from one file share storage, so the pointer is compared
// before the text.
impl PartialEq for Location {
    fn eq(&self, other: &Location) -> bool {
        self.country == other.country
            && match (&self.area, &other.area) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                (None, None) => true,
                _ => false,
            }
    }
}

impl Eq for Location {}

impl std::hash::Hash for Location {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.country.hash(state);
        self.area.hash(state);
    }
}

impl FromStr for Location {
    type Err = LocationError;
    fn from_str(s: &str) -> Result<Location, LocationError> {
        match s.split_once('/') {
            Some((c, a)) => Location::area_of(c.parse()?, a),
            None => Ok(Location::country_wide(s.parse()?)),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.area {
            Some(a) => write!(f, "{}/{}", self.country, a),
            None => write!(f, "{}", self.country),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({self})")
    }
}

serde_via_str!(Location);

#[cfg(test)]
mod tests {
    use super::*;

    /// Sharing keeps the text and takes the shared string's storage, so a
    /// folder of many rows in one area holds its name once.
    #[test]
    fn share_area_takes_the_shared_storage() {
        let shared: Arc<str> = Arc::from("Erbil");
        let place: Location = "IRQ/Erbil".parse().expect("a location");
        let kept = place.clone().share_area(|_| Arc::clone(&shared));
        assert_eq!(kept, place);
        let area = kept.area().expect("an area");
        assert!(std::ptr::eq(area.as_ptr(), shared.as_ptr()));
        let country: Location = "IRQ".parse().expect("a location");
        assert_eq!(country.clone().share_area(|_| unreachable!()), country);
    }

    /// Equal locations hash alike whether or not their areas share
    /// storage (the contract with `PartialEq`), and the hash tells
    /// locations apart — a country from its areas, areas from each other,
    /// countries from each other — so that maps keyed by place do not
    /// fall into one bucket.
    #[test]
    fn a_location_hashes_by_its_country_and_area() {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash =
            |place: &Location| BuildHasherDefault::<DefaultHasher>::default().hash_one(place);
        let place: Location = "IRQ/Erbil".parse().expect("a location");
        let shared = place.clone().share_area(|a| Arc::from(a.to_owned()));
        assert_eq!(hash(&shared), hash(&place));
        let places = ["IRQ", "IRQ/Erbil", "IRQ/Baghdad", "KWT", "KWT/Erbil", "JOR"];
        let hashes: std::collections::HashSet<u64> = places
            .iter()
            .map(|p| hash(&p.parse().expect("a location")))
            .collect();
        assert_eq!(hashes.len(), places.len());
    }

    /// Each of the documented refusals refuses on its own: an empty area,
    /// one with a space before or after (and nothing else wrong), one
    /// holding `/` or `;` (and nothing else wrong); the text is kept.
    #[test]
    fn each_bad_area_is_refused_by_itself() {
        let iraq: NationCode = "IRQ".parse().expect("a code");
        for bad in ["", " Erbil", "Erbil ", "Erbil/North", "Erbil;Baghdad"] {
            match Location::area_of(iraq, bad) {
                Err(LocationError::Area { found }) => assert_eq!(found, bad),
                other => panic!("{bad:?}: {other:?}"),
            }
            let written = format!("IRQ/{bad}");
            assert!(
                matches!(written.parse::<Location>(), Err(LocationError::Area { .. })),
                "{written:?}"
            );
        }
        for good in ["Erbil", "Camp Arifjan", "Al-Asad Air Base"] {
            let place = Location::area_of(iraq, good).expect("an area");
            assert_eq!(place.area(), Some(good));
            assert_eq!(place.to_string().parse::<Location>(), Ok(place));
        }
    }
}
