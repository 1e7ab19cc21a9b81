//! Timelines and changes in JSON (or any serde format): each figure named
//! as in a posture (`key`, `nation`, `mission`, `places`), strengths with
//! their bounds as numbers, and dates as their notation plus first and
//! last day (`null` for an open end).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::date::Date;
use crate::ledger::serialize_key;
use crate::timeline::{Change, Changes, Step, TimelineItem};

/// The date's fields: its notation, and its first and last day.
fn serialize_date<S: SerializeStruct>(s: &mut S, date: &Date) -> Result<(), S::Error> {
    s.serialize_field("date", date)?;
    s.serialize_field("first_day", &date.first_day())?;
    s.serialize_field("last_day", &date.last_day())
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Step", 6)?;
        serialize_key(&mut s, &self.key)?;
        s.serialize_field("change", &self.change)?;
        s.serialize_field("after", &self.after)?;
        s.end()
    }
}

impl Serialize for TimelineItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("TimelineItem", 15)?;
        serialize_date(&mut s, &self.date)?;
        s.serialize_field("kind", self.kind.as_str())?;
        s.serialize_field("what", &self.what)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("strength_after", &self.strength_after)?;
        s.serialize_field("unit", &self.unit)?;
        s.serialize_field("step", &self.step)?;
        s.serialize_field("arrival", &self.arrival)?;
        s.serialize_field("record", &self.record)?;
        s.serialize_field("citation", self.citation)?;
        s.serialize_field("condition", &self.condition())?;
        s.serialize_field(
            "flags",
            &self.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        )?;
        s.end()
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Change", 7)?;
        serialize_key(&mut s, &self.key)?;
        s.serialize_field("before", &self.before)?;
        s.serialize_field("after", &self.after)?;
        s.serialize_field("sources", &self.basis)?;
        s.end()
    }
}

impl Serialize for Changes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Changes", 4)?;
        s.serialize_field("from", &self.from)?;
        s.serialize_field("to", &self.to)?;
        s.serialize_field("moves", &self.moves)?;
        s.serialize_field("figures", &self.figures)?;
        s.end()
    }
}
