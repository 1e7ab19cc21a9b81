//! A column of a row type: its name, its documentation and its type, and
//! the one macro that declares a row type so that the struct's fields and
//! its [`Row::COLUMNS`](crate::rows::Row::COLUMNS) can never disagree.

use crate::date::Day;

/// The type of a column's values, the same in every format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnType {
    /// Free text or a notation (`~500`, `DEU in IRQ`): a string.
    Text,
    /// A head count or another whole number: an unsigned 64-bit integer.
    Count,
    /// A calendar day: ISO 8601 text in CSV and JSON, a date in Parquet
    /// and data frames.
    Date,
    /// Yes or no: `true`/`false` in CSV and JSON, a boolean in Parquet
    /// and data frames.
    Flag,
}

impl ColumnType {
    /// The type's name in the documentation: `text`, `count`, `date`,
    /// `flag`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Count => "count",
            ColumnType::Date => "date",
            ColumnType::Flag => "flag",
        }
    }
}

/// A column: its name (in every format), what it means, its type and
/// whether a row may leave it empty (`null` in JSON and Parquet, an
/// empty cell in CSV).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The name, the same in CSV headers, JSON keys, Parquet fields and
    /// data frame columns.
    pub name: &'static str,
    /// What a value of the column means (the field's documentation).
    pub doc: &'static str,
    /// The type of its values.
    pub ty: ColumnType,
    /// Whether a row may have no value.
    pub nullable: bool,
}

/// One cell of a row, typed, borrowed from the row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// Text, or none.
    Text(Option<&'a str>),
    /// A whole number, or none.
    Count(Option<u64>),
    /// A day, or none.
    Date(Option<Day>),
    /// A yes or no, or none.
    Flag(Option<bool>),
}

/// A Rust type a row's field may have, with its column type.
pub trait Field {
    /// The column's type.
    const TYPE: ColumnType;
    /// Whether the field may hold no value.
    const NULLABLE: bool;
    /// The field's value as a typed cell.
    fn value(&self) -> Value<'_>;
}

impl Field for String {
    const TYPE: ColumnType = ColumnType::Text;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Text(Some(self))
    }
}

impl Field for Option<String> {
    const TYPE: ColumnType = ColumnType::Text;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Text(self.as_deref())
    }
}

impl Field for u64 {
    const TYPE: ColumnType = ColumnType::Count;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Count(Some(*self))
    }
}

impl Field for Option<u64> {
    const TYPE: ColumnType = ColumnType::Count;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Count(*self)
    }
}

impl Field for Day {
    const TYPE: ColumnType = ColumnType::Date;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Date(Some(*self))
    }
}

impl Field for Option<Day> {
    const TYPE: ColumnType = ColumnType::Date;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Date(*self)
    }
}

impl Field for bool {
    const TYPE: ColumnType = ColumnType::Flag;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Flag(Some(*self))
    }
}

impl Field for Option<bool> {
    const TYPE: ColumnType = ColumnType::Flag;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Flag(*self)
    }
}

/// Declares a row type: the struct (owned, `Serialize`, each field
/// documented) and its [`Row`](crate::rows::Row) implementation, whose
/// columns are the fields in order with their documentation: a column is
/// named once, here.
macro_rules! row {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $( $(#[doc = $doc:literal])+ pub $field:ident : $ty:ty, )+
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        pub struct $name {
            $( $(#[doc = $doc])+ pub $field: $ty, )+
        }

        impl $crate::rows::Row for $name {
            const COLUMNS: &'static [$crate::rows::Column] = &[
                $( $crate::rows::Column {
                    name: stringify!($field),
                    doc: concat!($($doc, "\n"),+),
                    ty: <$ty as $crate::rows::Field>::TYPE,
                    nullable: <$ty as $crate::rows::Field>::NULLABLE,
                }, )+
            ];

            fn values(&self) -> Vec<$crate::rows::Value<'_>> {
                vec![ $( $crate::rows::Field::value(&self.$field), )+ ]
            }
        }
    };
}
pub(crate) use row;
