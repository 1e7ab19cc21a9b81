//! Identifiers for records, sources and missions.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// Why an identifier could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected {what}: 1 to 64 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit, found {found:?}")]
pub struct IdError {
    what: &'static str,
    found: String,
}

fn check(what: &'static str, s: &str) -> Result<(), IdError> {
    // A leading letter or digit also keeps ids clear of the characters a
    // spreadsheet reads as the start of a formula.
    let ok = s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(IdError {
            what,
            found: s.to_owned(),
        })
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.hash(state);
            }
        }

        // Equal ids loaded from one file usually share storage, so the
        // pointer is compared before the text.
        impl PartialEq for $name {
            fn eq(&self, other: &$name) -> bool {
                Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
            }
        }

        impl Eq for $name {}

        impl $name {
            /// Validates and wraps an identifier.
            ///
            /// # Errors
            ///
            /// Returns [`IdError`] unless the text is 1 to 64 characters
            /// from `A-Z a-z 0-9 _ . -` starting with a letter or digit.
            pub fn new(s: &str) -> Result<$name, IdError> {
                check($what, s)?;
                Ok($name(Arc::from(s)))
            }

            /// Validates an identifier held in shared storage, so that a
            /// million rows naming one source share one string.
            // Record ids are unique per row, so only some id types use it.
            #[allow(dead_code)]
            pub(crate) fn from_shared(s: Arc<str>) -> Result<$name, IdError> {
                check($what, &s)?;
                Ok($name(s))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<$name, IdError> {
                $name::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        serde_via_str!($name);
    };
}

id_type!(
    /// The id of one record (a deployment, relocation, event or mission
    /// strength observation), unique across the whole dataset so that a
    /// finding can name it.
    RecordId,
    "a record id"
);

id_type!(
    /// The id of a source article, such as `ap-2020-02-13`.
    SourceId,
    "a source id"
);

id_type!(
    /// The short id of a mission, such as `NMI` for NATO Mission Iraq.
    MissionId,
    "a mission id"
);
