//! How bad a finding or a problem of the input is: one scale for the
//! consistency checks, the loader and every import.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding, or a problem of the input, is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The figures cannot all be true; or the input cannot be read at
    /// all (nothing is loaded).
    Error,
    /// The figures may conflict, given their uncertainty; or a row of an
    /// imported table was left out, or a whole it states does not fit its
    /// parts.
    Warning,
    /// A check that passed, or a fact worth knowing (an unattributed
    /// remainder, a row read once that the table repeats), with its
    /// arithmetic.
    Note,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
