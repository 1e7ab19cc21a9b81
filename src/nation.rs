//! Nations, by ISO 3166-1 alpha-3 code.

use std::fmt;

use serde::Serialize;
use std::str::FromStr;

use crate::date::Day;

/// An ISO 3166-1 alpha-3 country code: three upper-case ASCII letters.
///
/// Kosovo, which has no ISO code, uses the user-assigned `XKX` that NATO,
/// the EU and the IMF use.
///
/// ```
/// use troop_tracker::NationCode;
/// let deu: NationCode = "DEU".parse()?;
/// assert_eq!(deu.as_str(), "DEU");
/// assert!("de".parse::<NationCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NationCode([u8; 3]);

/// Why a nation code could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected an ISO 3166-1 alpha-3 code of three capital letters such as \"DEU\", found {found:?}"
)]
pub struct NationCodeError {
    found: String,
}

impl NationCode {
    /// Validates a code.
    ///
    /// # Errors
    ///
    /// Returns [`NationCodeError`] unless the text is exactly three
    /// upper-case ASCII letters.
    pub fn new(s: &str) -> Result<NationCode, NationCodeError> {
        match s.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Ok(NationCode([*a, *b, *c]))
            }
            _ => Err(NationCodeError {
                found: s.to_owned(),
            }),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for NationCode {
    type Err = NationCodeError;
    fn from_str(s: &str) -> Result<NationCode, NationCodeError> {
        NationCode::new(s)
    }
}

impl fmt::Display for NationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for NationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationCode({})", self.as_str())
    }
}

serde_via_str!(NationCode);

/// A nation: its code, its English name, and when it joined NATO, if it did.
///
/// Accession dates are reference facts, not claims from the seed articles,
/// so each one carries the external reference it was taken from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Nation {
    code: NationCode,
    name: String,
    nato_joined: Option<Day>,
    reference: Option<String>,
}

impl Nation {
    /// A nation record.
    pub fn new(
        code: NationCode,
        name: impl Into<String>,
        nato_joined: Option<Day>,
        reference: Option<String>,
    ) -> Nation {
        Nation {
            code,
            name: name.into(),
            nato_joined,
            reference,
        }
    }

    /// The ISO code.
    pub fn code(&self) -> NationCode {
        self.code
    }

    /// The English name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The day the nation joined NATO, if it did.
    pub fn nato_joined(&self) -> Option<Day> {
        self.nato_joined
    }

    /// Where the accession date comes from.
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }

    /// Whether the nation was a NATO member on `day`.
    pub fn is_nato_member_on(&self, day: Day) -> bool {
        self.nato_joined.is_some_and(|j| j <= day)
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.code)
    }
}
