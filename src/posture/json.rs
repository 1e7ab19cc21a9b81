//! Postures, their figures and their views in JSON (or any serde format):
//! numbers to compute with (`low`, and `high` as `null` when unbounded),
//! with the notation alongside to print.
//!
//! A view lists its figures by their keys (`"DEU in IRQ"`), which are
//! unique within a posture, rather than repeating them; the posture's
//! `entries` hold each figure once.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::ledger::serialize_key;
use crate::posture::{Entry, LocationView, MissionView, NationView, Posture, TotalView};

/// The keys of a view's figures.
fn keys(entries: &[&Entry<'_>]) -> Vec<String> {
    entries.iter().map(|e| e.key().to_string()).collect()
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Entry", 19)?;
        serialize_key(&mut s, self.key())?;
        s.serialize_field("strength", &self.strength())?;
        s.serialize_field("bounds", &self.bounds())?;
        s.serialize_field("status", self.status().as_str())?;
        s.serialize_field("origin", self.origin().as_str())?;
        s.serialize_field("sources", &self.basis().iter().collect::<Vec<_>>())?;
        s.serialize_field("last_observed", &self.last_observed())?;
        s.serialize_field("stale", &self.is_stale())?;
        s.serialize_field("not_reported_since", &self.not_reported_since())?;
        s.serialize_field("nested_in", &self.nested_in())?;
        s.serialize_field("contradicted", &self.is_contradicted())?;
        s.serialize_field("ended", &self.ended())?;
        s.serialize_field(
            "flags",
            &self.flags().iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        )?;
        s.serialize_field(
            "disputed_by",
            &self
                .disputed_by()
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>(),
        )?;
        s.serialize_field("probably", &self.probably().map(|(n, _)| n))?;
        s.serialize_field("doubts", self.doubts())?;
        s.end()
    }
}

impl Serialize for NationView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NationView", 3)?;
        s.serialize_field("nation", &self.nation)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("entries", &keys(&self.entries))?;
        s.end()
    }
}

impl Serialize for MissionView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("MissionView", 6)?;
        s.serialize_field("mission", &self.mission)?;
        s.serialize_field("reported", &self.reported)?;
        s.serialize_field("contributions", &keys(&self.contributions))?;
        s.serialize_field("attributed", &self.attributed)?;
        s.serialize_field("planned", &self.planned)?;
        s.serialize_field("unattributed", &self.unattributed)?;
        s.end()
    }
}

impl Serialize for LocationView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("LocationView", 4)?;
        s.serialize_field("label", &self.label)?;
        s.serialize_field("country", &self.country)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("entries", &keys(&self.entries))?;
        s.end()
    }
}

/// A stated total: the record, and its contributions by key with their
/// sum, the remainder and the whole.
impl Serialize for TotalView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("TotalView", 5)?;
        s.serialize_field("total", self.total)?;
        s.serialize_field("contributions", &keys(&self.contributions))?;
        s.serialize_field("attributed", &self.attributed)?;
        s.serialize_field("unattributed", &self.unattributed)?;
        s.serialize_field("whole", &self.whole)?;
        s.end()
    }
}

/// A posture: its day and options, its total, each figure once, and the
/// views by nation, mission and location.
impl Serialize for Posture<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let options = self.options();
        let mut s = serializer.serialize_struct("Posture", 16)?;
        s.serialize_field("as_of", &self.day())?;
        s.serialize_field("projection", options.projection.as_str())?;
        s.serialize_field("moment", options.moment.as_str())?;
        s.serialize_field("stale_after_days", &options.stale_after_days)?;
        s.serialize_field("count_ended", &options.count_ended)?;
        s.serialize_field("total", &self.total())?;
        s.serialize_field("abroad", &self.abroad())?;
        s.serialize_field("at_home", &self.at_home())?;
        let (count, sum) = self.left_out();
        s.serialize_field(
            "left_out",
            &LeftOut {
                figures: count,
                sum,
            },
        )?;
        s.serialize_field("entries", self.entries())?;
        s.serialize_field("by_nation", &self.by_nation())?;
        s.serialize_field("by_mission", &self.by_mission())?;
        s.serialize_field("by_location", &self.by_location())?;
        s.serialize_field("stated_totals", &self.stated_totals())?;
        s.end()
    }
}

/// Some of a posture's figures (left out of its totals, or flagged), and
/// their sum.
#[derive(serde::Serialize)]
struct LeftOut {
    figures: usize,
    sum: crate::interval::Interval,
}
