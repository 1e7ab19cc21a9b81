//! The data folder's schema, written once: one flat row struct per CSV
//! file. Reading deserializes each record into its row (cells borrowed from
//! the record, no allocation per cell) and writing serializes the same
//! struct, so a column's name exists in exactly one place: the field.
//!
//! Every field is text (`Cow<str>`) on purpose: the loader parses each cell
//! itself so that a row with three bad cells reports all three, each with
//! its column, instead of stopping at the first as a typed field would.

use std::borrow::Cow;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Declares a row struct: every field a text cell borrowed from the
/// record it is read from (`Cow::Borrowed`), or owned text when written.
macro_rules! row {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, Deserialize, Serialize)]
        pub(crate) struct $name<'a> {
            $(
                #[serde(borrow)]
                pub(crate) $field: Cow<'a, str>,
            )*
        }
    };
}

row! {
    /// `sources.csv`: the articles.
    SourceRow { id, file, title, outlet, published, date_basis }
}

row! {
    /// `nations.csv`: the reference table of nations.
    NationRow { code, name, nato_joined, reference }
}

row! {
    /// `missions.csv`: the missions.
    MissionRow {
        id, name, organization, lead, partners, host, launched, combat_role, source, quote,
        role_source, role_quote,
    }
}

row! {
    /// `mission_strengths.csv`: reported mission totals.
    MissionStrengthRow { id, mission, as_of, strength, words, source, quote, note }
}

row! {
    /// `deployments.csv`: observations of a nation's strength somewhere.
    DeploymentRow {
        id, nation, location, mission, as_of, relative_to, strength, share, words, source, quote,
        note,
    }
}

row! {
    /// `relocations.csv`: troops moved, or to be moved.
    RelocationRow {
        id, nation, date, strength, from, from_mission, to, to_mission, temporary, status, same_as,
        condition, words, source, quote, note,
    }
}

row! {
    /// `events.csv`: dated happenings.
    EventRow {
        id, date, reported, kind, organization, mission, nation, location, region, count, unit,
        same_as, condition, words, source, quote, note,
    }
}

/// One file of the schema: its name and its columns, taken from the row
/// struct's fields.
#[derive(Clone, Copy)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [&'static str],
}

/// A file of the schema, implemented by its row struct: the file's name
/// and the row type at any borrow of the record it is read from.
pub(crate) trait File {
    /// The file's name in the data folder.
    const NAME: &'static str;
    /// The row, borrowing its cells from a record that lives for `'r`.
    type Row<'r>: Deserialize<'r> + Serialize;

    /// The file's name and columns.
    fn table() -> Table {
        Table {
            name: Self::NAME,
            columns: columns::<Self::Row<'static>>(),
        }
    }
}

macro_rules! file {
    ($row:ident, $name:literal) => {
        impl File for $row<'static> {
            const NAME: &'static str = $name;
            type Row<'r> = $row<'r>;
        }
    };
}

file!(SourceRow, "sources.csv");
file!(NationRow, "nations.csv");
file!(MissionRow, "missions.csv");
file!(MissionStrengthRow, "mission_strengths.csv");
file!(DeploymentRow, "deployments.csv");
file!(RelocationRow, "relocations.csv");
file!(EventRow, "events.csv");

/// The file names, for matching a name to its table.
pub(crate) const SOURCES: &str = Sources::NAME;
pub(crate) const NATIONS: &str = Nations::NAME;
pub(crate) const MISSIONS: &str = Missions::NAME;
pub(crate) const MISSION_STRENGTHS: &str = MissionStrengths::NAME;
pub(crate) const DEPLOYMENTS: &str = Deployments::NAME;
pub(crate) const RELOCATIONS: &str = Relocations::NAME;
pub(crate) const EVENTS: &str = Events::NAME;

/// The sources file (read first: the others cite it).
pub(crate) type Sources = SourceRow<'static>;
/// The nations file.
pub(crate) type Nations = NationRow<'static>;
/// The missions file.
pub(crate) type Missions = MissionRow<'static>;
/// The mission totals file.
pub(crate) type MissionStrengths = MissionStrengthRow<'static>;
/// The deployments file.
pub(crate) type Deployments = DeploymentRow<'static>;
/// The relocations file.
pub(crate) type Relocations = RelocationRow<'static>;
/// The events file.
pub(crate) type Events = EventRow<'static>;

/// Every table, in load order.
pub(crate) fn tables() -> [Table; 7] {
    [
        Sources::table(),
        Nations::table(),
        Missions::table(),
        MissionStrengths::table(),
        Deployments::table(),
        Relocations::table(),
        Events::table(),
    ]
}

/// The data folder's schema: each CSV file's name and its columns, in the
/// order the loader documents and the writer writes them. See
/// `data/README.md` for what each column holds.
///
/// ```
/// let schema = troop_tracker::schema();
/// let (name, columns) = schema[0];
/// assert_eq!(name, "sources.csv");
/// assert_eq!(columns[0], "id");
/// ```
pub fn schema() -> [(&'static str, &'static [&'static str]); 7] {
    tables().map(|t| (t.name, t.columns))
}

/// The field names of a row struct, as serde's derive lists them: the
/// struct is asked to deserialize itself from a deserializer that only
/// notes the names it is handed and stops there.
pub(crate) fn columns<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut names = FieldNames(&[]);
    // The deserializer always stops with an error once it has the names;
    // the error carries nothing.
    let _ = T::deserialize(&mut names);
    names.0
}

struct FieldNames(&'static [&'static str]);

impl<'de> Deserializer<'de> for &mut FieldNames {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only structs list their fields"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("field names taken"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// A header's names as matched (spaces around one are not part of it),
/// for both reading paths: one thread, and a table split in pieces.
pub(crate) fn trimmed(header: &::csv::StringRecord) -> ::csv::StringRecord {
    header.iter().map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_from_the_row_fields_in_order() {
        let [sources, .., events] = tables();
        assert_eq!(
            sources.columns,
            ["id", "file", "title", "outlet", "published", "date_basis"]
        );
        assert_eq!(events.columns.first(), Some(&"id"));
        assert_eq!(events.columns.last(), Some(&"note"));
        assert_eq!(events.columns.len(), 17);
    }
}
