//! A fraction of a whole, as in "half of the 16,000".

use std::fmt;
use std::str::FromStr;

/// A fraction of a mission's total, as in "half of the 16,000": `1/2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Share {
    numerator: u32,
    denominator: u32,
}

/// Why a share could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a fraction N/D with 0 <= N <= D and D > 0, such as \"1/2\", found {found:?}")]
pub struct ShareError {
    found: String,
}

impl Share {
    /// The fraction `numerator / denominator`.
    ///
    /// # Errors
    ///
    /// Returns [`ShareError`] when the denominator is 0 or the fraction
    /// exceeds 1.
    pub fn new(numerator: u32, denominator: u32) -> Result<Share, ShareError> {
        if denominator == 0 || numerator > denominator {
            return Err(ShareError {
                found: format!("{numerator}/{denominator}"),
            });
        }
        Ok(Share {
            numerator,
            denominator,
        })
    }

    /// The numerator.
    pub fn numerator(&self) -> u32 {
        self.numerator
    }

    /// The denominator.
    pub fn denominator(&self) -> u32 {
        self.denominator
    }
}

impl FromStr for Share {
    type Err = ShareError;
    fn from_str(s: &str) -> Result<Share, ShareError> {
        let err = || ShareError {
            found: s.to_owned(),
        };
        let (n, d) = s.split_once('/').ok_or_else(err)?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(n) || !all_digits(d) {
            return Err(err());
        }
        let n = n.parse().map_err(|_| err())?;
        let d = d.parse().map_err(|_| err())?;
        Share::new(n, d).map_err(|_| err())
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

serde_via_str!(Share);
