//! Intervals of head counts and arithmetic that never pretends to know more
//! than its operands.

use std::fmt;

use crate::share::Share;

/// A closed interval of head counts, `[low, high]`, where `high` may be
/// unbounded ("at least 1" has no upper end).
///
/// Arithmetic is sound: for any true values inside the operands, the true
/// result lies inside the computed interval. `about 500 - 250` is
/// `[450, 550] - [250, 250] = [200, 300]`, never a bare 250.
///
/// ```
/// use troop_tracker::{Interval, Strength, Truth};
/// let nmi: Strength = "~500".parse()?;
/// let canada: Strength = "~250".parse()?;
/// let rest = nmi.bounds().minus(&canada.bounds());
/// assert_eq!(rest.to_string(), "175..325");
/// assert_eq!(canada.bounds().at_most(&nmi.bounds()), Truth::Certainly);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Equality is plain: two intervals are equal when both ends are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    low: u64,
    high: Option<u64>,
}

/// Two ends given the wrong way round: `low` above `high`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("expected low <= high, found low {low} above high {high}")]
pub struct ReversedInterval {
    /// The low end that was given.
    pub low: u64,
    /// The high end that was given.
    pub high: u64,
}

/// The answer to a comparison between uncertain counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    /// True for every pair of values the intervals allow.
    Certainly,
    /// True for some pairs and false for others.
    Possibly,
    /// False for every pair of values the intervals allow.
    CertainlyNot,
}

impl fmt::Display for Truth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Truth::Certainly => "certainly",
            Truth::Possibly => "possibly",
            Truth::CertainlyNot => "certainly not",
        })
    }
}

impl Interval {
    /// The interval `[low, high]`.
    ///
    /// # Errors
    ///
    /// Returns [`ReversedInterval`] when `low > high`.
    pub fn new(low: u64, high: u64) -> Result<Interval, ReversedInterval> {
        if low > high {
            return Err(ReversedInterval { low, high });
        }
        Ok(Interval::bounded(low, high))
    }

    /// `[low, high]` for callers that have ordered the ends already; a
    /// reversed pair is swapped rather than trusted.
    pub(crate) fn bounded(low: u64, high: u64) -> Interval {
        Interval {
            low: low.min(high),
            high: Some(high.max(low)),
        }
    }

    /// The unbounded interval `[low, ∞)`.
    pub fn at_least(low: u64) -> Interval {
        Interval { low, high: None }
    }

    /// The single value `[n, n]`.
    pub fn exactly(n: u64) -> Interval {
        Interval {
            low: n,
            high: Some(n),
        }
    }

    /// `[0, ∞)`: nothing is known.
    pub fn unknown() -> Interval {
        Interval::at_least(0)
    }

    /// The lowest count the interval allows.
    pub fn low(&self) -> u64 {
        self.low
    }

    /// The highest count the interval allows, or `None` when unbounded.
    pub fn high(&self) -> Option<u64> {
        self.high
    }

    /// Whether the interval allows exactly one count.
    pub fn is_exact(&self) -> bool {
        self.high == Some(self.low)
    }

    /// Whether `n` lies inside the interval.
    pub fn contains(&self, n: u64) -> bool {
        n >= self.low && self.high.is_none_or(|h| n <= h)
    }

    /// Whether the two intervals share at least one value, so that both
    /// figures can be true at once.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.intersect(other).is_some()
    }

    /// The values both intervals allow, or `None` when they cannot both be
    /// true.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let low = self.low.max(other.low);
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match high {
            Some(h) if h < low => None,
            _ => Some(Interval { low, high }),
        }
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval {
            low: self.low.min(other.low),
            high: match (self.high, other.high) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            },
        }
    }

    /// The sum: `[a.low + b.low, a.high + b.high]`, saturating at
    /// `u64::MAX` rather than wrapping.
    pub fn plus(&self, other: &Interval) -> Interval {
        Interval {
            low: self.low.saturating_add(other.low),
            high: match (self.high, other.high) {
                (Some(a), Some(b)) => a.checked_add(b),
                _ => None,
            },
        }
    }

    /// The sum of many intervals; the empty sum is exactly 0.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Interval>) -> Interval {
        items
            .into_iter()
            .fold(Interval::exactly(0), |acc, i| acc.plus(i))
    }

    /// What is left when a count in `other` is taken from a count in
    /// `self`, never below zero: the interval holds `max(0, x - y)` for
    /// every `x` in `self` and `y` in `other`.
    pub fn minus(&self, other: &Interval) -> Interval {
        let low = match other.high {
            Some(h) => self.low.saturating_sub(h),
            None => 0,
        };
        let high = self.high.map(|h| h.saturating_sub(other.low));
        Interval { low, high }
    }

    /// A stated share of a total ("half of the 16,000"): holds both
    /// `floor(x * n / d)` and `ceil(x * n / d)` for every `x` in `self`.
    pub fn share(&self, share: Share) -> Interval {
        let (n, d) = (
            u128::from(share.numerator()),
            u128::from(share.denominator()).max(1),
        );
        let scale = |x: u64, up: bool| -> Option<u64> {
            let p = u128::from(x) * n;
            let q = if up { p.div_ceil(d) } else { p / d };
            u64::try_from(q).ok()
        };
        Interval {
            low: scale(self.low, false).unwrap_or(u64::MAX),
            high: self.high.and_then(|h| scale(h, true)),
        }
    }

    /// Whether every count here is at most every count in `other`
    /// (`Certainly`), none is (`CertainlyNot`), or it depends.
    pub fn at_most(&self, other: &Interval) -> Truth {
        if self.high.is_some_and(|h| other.low >= h) {
            Truth::Certainly
        } else if other.high.is_some_and(|h| self.low > h) {
            Truth::CertainlyNot
        } else {
            Truth::Possibly
        }
    }

    /// Whether the true counts are certainly, possibly or certainly not
    /// equal.
    pub fn equals(&self, other: &Interval) -> Truth {
        if !self.overlaps(other) {
            Truth::CertainlyNot
        } else if self.is_exact() && other.is_exact() {
            Truth::Certainly
        } else {
            Truth::Possibly
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.high {
            Some(h) if h == self.low => write!(f, "{h}"),
            Some(h) => write!(f, "{}..{}", self.low, h),
            None if self.low == 0 => f.write_str("?"),
            None => write!(f, ">={}", self.low),
        }
    }
}

/// In JSON (and any serde format), an interval is `{"low": 200, "high":
/// 300, "notation": "200..300"}`, with `"high": null` when there is no
/// upper bound, so that a reader gets numbers to compute with and the
/// notation to print. Reading one back takes `low` and `high` (the
/// notation, if present, must agree with them).
impl serde::Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Interval", 3)?;
        s.serialize_field("low", &self.low)?;
        s.serialize_field("high", &self.high)?;
        s.serialize_field("notation", &self.to_string())?;
        s.end()
    }
}

impl<'de> serde::Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Interval, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Ends {
            low: u64,
            high: Option<u64>,
            #[serde(default)]
            notation: Option<String>,
        }
        let ends = Ends::deserialize(deserializer)?;
        let interval = match ends.high {
            Some(high) => Interval::new(ends.low, high).map_err(serde::de::Error::custom)?,
            None => Interval::at_least(ends.low),
        };
        match ends.notation {
            Some(n) if n != interval.to_string() => Err(serde::de::Error::custom(format!(
                "expected the notation {interval} for low {} and high {:?}, found {n:?}",
                ends.low, ends.high
            ))),
            _ => Ok(interval),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strength::Strength;

    fn iv(l: u64, h: u64) -> Interval {
        Interval::new(l, h).unwrap()
    }

    #[test]
    fn about_500_minus_250_is_a_range() {
        let about = Strength::approximately(500).bounds();
        assert_eq!(about.minus(&Interval::exactly(250)), iv(200, 300));
        assert_eq!(iv(120, 120).minus(&iv(30, 30)), Interval::exactly(90));
    }

    #[test]
    fn minus_never_goes_negative_and_respects_unbounded() {
        assert_eq!(iv(10, 20).minus(&iv(15, 30)), iv(0, 5));
        assert_eq!(iv(10, 20).minus(&Interval::at_least(1)), iv(0, 19));
        assert_eq!(
            Interval::at_least(5).minus(&iv(1, 2)),
            Interval::at_least(3)
        );
    }

    #[test]
    fn half_of_16000() {
        let half = Share::new(1, 2).unwrap();
        assert_eq!(
            Interval::exactly(16000).share(half),
            Interval::exactly(8000)
        );
        assert_eq!(iv(15, 15).share(half), iv(7, 8));
    }

    #[test]
    fn comparisons() {
        assert_eq!(iv(225, 275).at_most(&iv(450, 550)), Truth::Certainly);
        assert_eq!(iv(225, 275).at_most(&iv(1, 499)), Truth::Possibly);
        assert_eq!(iv(600, 700).at_most(&iv(450, 550)), Truth::CertainlyNot);
        assert_eq!(Interval::at_least(1).at_most(&iv(90, 90)), Truth::Possibly);
        assert_eq!(iv(2, 2).equals(&iv(1, 1)), Truth::CertainlyNot);
        assert_eq!(iv(200, 999).intersect(&iv(200, 300)), Some(iv(200, 300)));
    }

    #[test]
    fn boundaries_of_membership_and_comparison() {
        let a = iv(5, 10);
        assert!(a.contains(5) && a.contains(10));
        assert!(!a.contains(4) && !a.contains(11));
        assert!(!Interval::at_least(3).contains(2) && Interval::at_least(3).contains(1000));
        assert!(Interval::exactly(5).is_exact());
        assert!(!a.is_exact() && !Interval::at_least(5).is_exact());
        // Touching ends can be equal, so neither side is certain.
        assert_eq!(iv(5, 8).at_most(&iv(2, 5)), Truth::Possibly);
        assert_eq!(iv(6, 8).at_most(&iv(2, 5)), Truth::CertainlyNot);
        assert_eq!(iv(5, 5).equals(&iv(4, 6)), Truth::Possibly);
        assert_eq!(iv(5, 5).equals(&iv(5, 5)), Truth::Certainly);
        assert_eq!(Truth::Certainly.to_string(), "certainly");
        assert_eq!(Truth::Possibly.to_string(), "possibly");
        assert_eq!(Truth::CertainlyNot.to_string(), "certainly not");
    }

    #[test]
    fn open_ended_intervals_become_open_ended_strengths() {
        assert_eq!(Strength::derived(Interval::at_least(0)).to_string(), "?");
        assert_eq!(Strength::derived(Interval::at_least(3)).to_string(), ">=3");
        assert_eq!(Strength::derived(Interval::exactly(7)).to_string(), "7");
    }

    #[test]
    fn display_is_the_derived_notation() {
        assert_eq!(Interval::exactly(90).to_string(), "90");
        assert_eq!(iv(175, 325).to_string(), "175..325");
        assert_eq!(Interval::at_least(1).to_string(), ">=1");
        assert_eq!(Interval::unknown().to_string(), "?");
        assert_eq!(Strength::derived(iv(1, 499)).to_string(), "1..499");
    }
}
