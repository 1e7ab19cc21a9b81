//! A strength in JSON (and any serde format): the notation with the
//! bounds it allows as numbers.

use crate::strength::Strength;

/// In JSON (and any serde format), a strength is `{"notation": "~500",
/// "kind": "approximate", "low": 450, "high": 550}` (`"high": null` when
/// unbounded): the notation as the source's words were recorded, and the
/// bounds it allows as numbers. Reading one back takes the notation (a
/// bare notation string is accepted too); bounds given with it must be
/// the ones it allows.
impl serde::Serialize for Strength {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let bounds = self.bounds();
        let mut s = serializer.serialize_struct("Strength", 4)?;
        s.serialize_field("notation", &self.to_string())?;
        s.serialize_field("kind", self.kind().as_str())?;
        s.serialize_field("low", &bounds.low())?;
        s.serialize_field("high", &bounds.high())?;
        s.end()
    }
}

impl<'de> serde::Deserialize<'de> for Strength {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Strength, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            notation: String,
            #[serde(default)]
            kind: Option<String>,
            #[serde(default)]
            low: Option<u64>,
            #[serde(default, deserialize_with = "present")]
            high: Option<Option<u64>>,
        }
        /// `high: null` is a stated absence of an upper bound, not a
        /// missing field.
        fn present<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Option<u64>>, D::Error> {
            <Option<u64> as serde::Deserialize>::deserialize(d).map(Some)
        }
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Form {
            Notation(String),
            Full(Full),
        }
        let full = match Form::deserialize(deserializer)? {
            Form::Notation(notation) => Full {
                notation,
                kind: None,
                low: None,
                high: None,
            },
            Form::Full(f) => f,
        };
        let strength: Strength = full.notation.parse().map_err(serde::de::Error::custom)?;
        let bounds = strength.bounds();
        let agrees = full
            .kind
            .as_deref()
            .is_none_or(|k| k == strength.kind().as_str())
            && full.low.is_none_or(|l| l == bounds.low())
            && full.high.is_none_or(|h| h == bounds.high());
        if agrees {
            Ok(strength)
        } else {
            Err(serde::de::Error::custom(format!(
                "expected kind {}, low {} and high {:?} for the notation {strength}",
                strength.kind(),
                bounds.low(),
                bounds.high()
            )))
        }
    }
}
