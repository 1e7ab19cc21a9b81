//! Typed, cited, uncertainty-aware records of who has how many troops
//! where, under which mission, as of which date, and on whose word.
//!
//! troop-tracker is for defence analysts, researchers and journalists who
//! must be able to cite every figure they publish and must not publish two
//! figures that contradict each other.
//!
//! # The model
//!
//! - **[`Strength`]**: a head count that knows how uncertain it is: `120`,
//!   `~500` ("about 500"), `200..300` ("a couple of hundred"), `>=1`,
//!   `<=850`, `some<500` ("some of its 500"), `?` (unknown) and `n/r` (not
//!   reported) are all different, and each has an [`Interval`].
//! - **[`Date`]**: a date only as precise as its source: a day, early/mid/
//!   late in a month, a month, a year, or a span between them.
//! - **[`Nation`]**: an ISO 3166-1 alpha-3 [`NationCode`] (Kosovo is `XKX`),
//!   a name and the day it joined NATO, if it did.
//! - **[`Location`]**: a host country and optionally an area inside it
//!   (`IRQ/Kurdistan region`); an area's troops count toward its country.
//! - **[`Mission`]**: a multinational mission (NATO Mission Iraq, the
//!   Global Coalition) with its lead nation, host, launch date, combat role
//!   and reported totals ([`MissionStrength`]).
//! - **[`Deployment`]**: one observation of a nation's strength in a
//!   location, under a mission or none named, as of a date.
//! - **[`Relocation`]**: troops moved from one place or mission to one or
//!   more others, announced, under way or carried out.
//! - **[`Event`]**: a dated happening: a mission launched or suspended, an
//!   attack on bases, the size of the alliance.
//! - **[`Total`]**: a whole a source states over many contributions (a
//!   nation's troops across the UN's missions, every nation's): not a
//!   figure of its own, so never added beside the figures it holds; a
//!   posture gives it beside their sum ([`Posture::stated_totals`]) and
//!   validation checks them against it.
//! - **[`Citation`]**: every record names its [`Source`] and quotes it
//!   verbatim; the loader checks the quote is in the article.
//!
//! A [`Dataset`] holds them all. [`Dataset::bundled`] is the dataset
//! curated from the five seed articles, compiled into the crate;
//! [`Dataset::from_dir`] loads your own folder in the same CSV schema
//! (see [`schema`]) and reports every bad cell by file, line and column.
//! Articles are read only from inside the data folder unless
//! [`LoadOptions`] allows another. Other people's tables are read by
//! [`import`] (troopdata's US troops abroad, the UN's contributions by
//! nation and mission), each row citing its line; a row an import cannot
//! use is a [`Problem`] with a [`Severity`], the loader's own type.
//!
//! [`Dataset::validate`] finds figures that cannot all be true: a
//! relocation moving more troops than were there, contributions above a
//! mission's reported total, two reports of one thing that cannot both
//! hold. Its [`Report`] gives each [`Finding`] a stable [`Rule`] id, a
//! [`Severity`] and the arithmetic, done on [`Interval`]s so that vague
//! figures stay vague.
//!
//! A [`Ledger`] replays the dataset's observations and relocations in date
//! order. [`Ledger::posture`] rebuilds who had how many troops where on any
//! day from the latest observations plus the relocations since, keeping
//! every figure's uncertainty and the records it rests on;
//! [`Dataset::timeline`] tells the dated history of a nation or a mission;
//! [`rows`] gives every answer as owned, flat rows with named, documented,
//! typed columns; [`export`] writes them for spreadsheets (CSV, and
//! Parquet with the `parquet` feature) and [`summary`] prints them as
//! tables (the default `tables` feature).
//!
//! # Layers
//!
//! Value types (`Strength`, `Interval`, `Date`, codes, places, citations)
//! → records (`Deployment`, `Relocation`, `Mission`, `Event`) → the
//! `Dataset` → reading and writing CSV → the [`ledger`] → analyses
//! ([`posture`], [`timeline`], [`validate`]) → outputs ([`rows`], [`export`],
//! [`summary`]). Each layer uses only the ones before it;
//! `ARCHITECTURE.md` in the repository says why.
//!
//! # Example
//!
//! ```
//! use troop_tracker::{Dataset, Ledger, StrengthKind};
//!
//! let data = Dataset::bundled()?;
//!
//! // Germany's soldiers in Iraq before it moved 30 of them to Jordan and
//! // Kuwait, and the words the figure was taken from.
//! let deu = "DEU".parse()?;
//! let before = data
//!     .deployments()
//!     .iter()
//!     .find(|d| d.nation() == deu && d.location().to_string() == "IRQ")
//!     .expect("the bundled data has Germany in Iraq");
//! assert_eq!(before.strength().to_string(), "120");
//! assert!(before.citation().quote().contains("30 of its 120 soldiers"));
//!
//! // The NATO mission's size, "about 500", is not an exact 500.
//! let nmi = data.mission(&"NMI".parse()?).expect("NATO Mission Iraq");
//! let about = nmi
//!     .totals()
//!     .iter()
//!     .find(|t| t.strength().kind() == StrengthKind::Approximate)
//!     .expect("an approximate total");
//! assert_eq!(about.strength().to_string(), "~500");
//! assert_eq!(about.strength().bounds().low(), 450);
//!
//! // The seeds contain no contradiction: 120 - 30 = 90 Germans stay.
//! let report = data.validate();
//! assert!(!report.has_errors());
//!
//! // The posture at the end of 9 January 2020, replayed from the ledger.
//! let ledger = Ledger::new(&data);
//! let posture = ledger.posture("2020-01-09".parse()?);
//! let germany = posture
//!     .by_nation()
//!     .into_iter()
//!     .find(|v| v.nation == Some(deu))
//!     .expect("Germany on that day");
//! let rows: Vec<String> = germany
//!     .entries
//!     .iter()
//!     .map(|e| format!("{} {}", e.key(), e.strength()))
//!     .collect();
//! assert_eq!(rows, ["DEU in IRQ 90", "DEU in IRQ/Kurdistan region >=2", "DEU in JOR+KWT 30"]);
//! assert_eq!(germany.total.to_string(), "120"); // the area is inside the 90
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Implements `Serialize` and `Deserialize` through `Display` and `FromStr`,
/// so that a type's CSV cell is its printed notation.
macro_rules! serde_via_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

// Value types: counts, dates, codes, places, citations.
mod date;
mod fasthash;
mod id;
mod interval;
mod location;
mod nation;
mod phrase;
mod severity;
mod share;
mod source;
mod strength;

// Records: what the sources say, one row each.
mod deployment;
mod doubt;
mod event;
mod mission;
mod relocation;
mod total;

// The dataset: the records, with lookups.
mod dataset;

// Reading and writing the data folder.
mod csv;
// Other people's tables read into records (troopdata).
pub mod import;

// The ledger: records replayed in date order.
pub mod ledger;

// Analyses: posture on a day, timelines, validation.
pub mod posture;
pub mod timeline;
pub mod validate;

// Outputs: CSV for spreadsheets, text tables.
#[cfg(feature = "chart")]
pub mod chart;
pub mod export;
#[cfg(feature = "chart")]
pub mod report;
pub mod rows;
#[cfg(feature = "tables")]
pub mod summary;

pub use crate::csv::{
    schema, FieldError, LoadError, LoadOptions, Position, Problem, ProblemKind, MAX_ARTICLES_BYTES,
    MAX_ARTICLE_BYTES, MAX_FIELD_BYTES, MAX_LINE_BYTES, MAX_RECORD_BYTES, MAX_ROWS,
};
pub use dataset::Dataset;
pub use date::{Date, DateError, Day, MonthPart, Precision};
pub use deployment::{Deployment, RelativeError, RelativeTo};
pub use doubt::{Doubt, Pattern};
pub use event::{Event, EventKind, EventKindError, EventUnit, UnitError};
pub use id::{IdError, MissionId, RecordId, SourceId};
pub use interval::{Interval, ReversedInterval, Truth};
pub use ledger::{Ledger, Projection};
pub use location::{Location, LocationError};
pub use mission::{Mission, MissionSpec, MissionStrength};
pub use nation::{Nation, NationCode, NationCodeError};
pub use posture::{Posture, PostureOptions};
pub use relocation::{Posting, Relocation, RelocationError, RelocationStatus, StatusError};
pub use share::{Share, ShareError};
pub use source::{Citation, Source, SourceKind};
pub use strength::{Strength, StrengthError, StrengthKind, MAX_COUNT};
pub use timeline::{Subject, TimelineItem};
pub use total::Total;
pub use validate::{Finding, Report, Rule, Severity, TOTAL_STABLE_DAYS};
