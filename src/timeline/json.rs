//! Changes between two days in JSON (or any serde format): each figure
//! named as in a posture (`key`, `nation`, `mission`, `places`), strengths
//! with their bounds as numbers. A timeline's lines are serialized as
//! their rows ([`crate::rows::TimelineRow`]).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::ledger::serialize_key;
use crate::timeline::{Change, Changes, Step};

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Step", 6)?;
        serialize_key(&mut s, &self.key)?;
        s.serialize_field("change", &self.change)?;
        s.serialize_field("after", &self.after)?;
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
