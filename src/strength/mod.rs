//! Head counts that know how uncertain they are.

mod json;

use std::fmt;

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::interval::Interval;

/// How a [`Strength`] was stated, which decides its interval.
///
/// The kind is kept beside the interval so that a vague figure is never
/// written back as an exact one: `~500` and `450..550` span the same counts
/// but say different things.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StrengthKind {
    /// A stated count, such as "120 soldiers" or "the 500-strong mission".
    Exact,
    /// "About N", "approximately N": `N ± 10%`, rounded outward.
    Approximate,
    /// A stated range, such as "a couple of hundred" (`200..300`).
    Range,
    /// "At least N": `[N, ∞)`.
    AtLeast,
    /// "More than N": `[N + 1, ∞)`.
    MoreThan,
    /// "Up to N", a ceiling such as an authorized cap: `[0, N]`.
    UpTo,
    /// "Some" (`[1, ∞)`) or "some of its N" (`[1, N - 1]`).
    Some,
    /// "Most" (`[1, ∞)`: more than half of a total not stated) or "most
    /// of N" (`[⌊N/2⌋ + 1, N]`: more than half, perhaps all).
    Most,
    /// Present, but the count is unknown: `[0, ∞)`.
    Unknown,
    /// The source gives no figure at all: `[0, ∞)`, kept apart from
    /// [`StrengthKind::Unknown`] so that silence is not read as a claim.
    NotReported,
}

impl StrengthKind {
    /// The lowercase name used in CSV exports (`exact`, `approximate`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            StrengthKind::Exact => "exact",
            StrengthKind::Approximate => "approximate",
            StrengthKind::Range => "range",
            StrengthKind::AtLeast => "at_least",
            StrengthKind::MoreThan => "more_than",
            StrengthKind::UpTo => "up_to",
            StrengthKind::Some => "some",
            StrengthKind::Most => "most",
            StrengthKind::Unknown => "unknown",
            StrengthKind::NotReported => "not_reported",
        }
    }
}

impl fmt::Display for StrengthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy)]
enum Repr {
    Exact(u64),
    Approximate(u64),
    Range(u64, u64),
    AtLeast(u64),
    MoreThan(u64),
    UpTo(u64),
    Some(Option<u64>),
    Most(Option<u64>),
    Unknown,
    NotReported,
}

/// A count of people that knows its uncertainty.
///
/// Every strength has a [`StrengthKind`] (how it was stated) and an
/// [`Interval`] (which true counts it allows). Its text notation, used in CSV
/// cells, round-trips through [`Display`](fmt::Display) and [`FromStr`]:
///
/// | notation  | kind          | interval        | words in a source                 |
/// |-----------|---------------|-----------------|-----------------------------------|
/// | `120`     | exact         | `[120, 120]`    | "120 soldiers", "500-strong"      |
/// | `~500`    | approximate   | `[450, 550]`    | "about 500", "approximately 250"  |
/// | `200..300` | range         | `[200, 300]`    | "a couple of hundred"             |
/// | `>=1`     | at least      | `[1, ∞)`        | "at least one"                    |
/// | `>120`    | more than     | `[121, ∞)`      | "more than 120"                   |
/// | `<=850`   | up to         | `[0, 850]`      | "up to 850"                       |
/// | `some`    | some          | `[1, ∞)`        | "some personnel"                  |
/// | `some<500`| some          | `[1, 499]`      | "some of its 500 troops"          |
/// | `most`    | most          | `[1, ∞)`        | "most members"                    |
/// | `most<=29`| most          | `[15, 29]`      | "most of its 29 members"          |
/// | `?`       | unknown       | `[0, ∞)`        | present, count not known          |
/// | `n/r`     | not reported  | `[0, ∞)`        | the source gives no figure        |
/// | `0`       | exact         | `[0, 0]`        | "no casualties"                   |
///
/// **The rule for "about N"**: the interval is `N ± ⌈N / 10⌉`, so `~500`
/// allows 450 to 550 and `~250` allows 225 to 275. Ten percent matches how
/// journalists round troop numbers to a leading digit or two.
///
/// `Strength` deliberately does not implement `PartialEq`: whether "about
/// 500" equals "450..550" depends on whether you mean the words or the
/// counts. Compare [`Strength::bounds`] for the counts, or
/// [`Strength::same_notation`] for the words.
///
/// ```
/// use troop_tracker::{Strength, StrengthKind};
///
/// let about: Strength = "~500".parse()?;
/// assert_eq!(about.kind(), StrengthKind::Approximate);
/// assert_eq!(about.bounds().low(), 450);
/// assert_eq!(about.bounds().high(), Some(550));
/// assert_eq!(about.to_string(), "~500");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Strength(Repr);

impl Strength {
    /// An exact count.
    pub fn exact(n: u64) -> Strength {
        Strength(Repr::Exact(n))
    }

    /// "About N" (see the rule on [`Strength`]).
    pub fn approximately(n: u64) -> Strength {
        Strength(Repr::Approximate(n))
    }

    /// A stated range `[low, high]`.
    ///
    /// # Errors
    ///
    /// Returns [`StrengthError::LowAboveHigh`] when `low > high`.
    pub fn range(low: u64, high: u64) -> Result<Strength, StrengthError> {
        if low > high {
            return Err(StrengthError::LowAboveHigh { low, high });
        }
        Ok(Strength(Repr::Range(low, high)))
    }

    /// "At least N".
    pub fn at_least(n: u64) -> Strength {
        Strength(Repr::AtLeast(n))
    }

    /// "More than N".
    pub fn more_than(n: u64) -> Strength {
        Strength(Repr::MoreThan(n))
    }

    /// "Up to N", a ceiling.
    pub fn up_to(n: u64) -> Strength {
        Strength(Repr::UpTo(n))
    }

    /// "Some", with no stated total.
    pub fn some() -> Strength {
        Strength(Repr::Some(None))
    }

    /// "Some of its N": at least one and fewer than `total`.
    ///
    /// # Errors
    ///
    /// Returns [`StrengthError::EmptySome`] when `total < 2`, since no count
    /// is then both at least one and below the total.
    pub fn some_of(total: u64) -> Result<Strength, StrengthError> {
        if total < 2 {
            return Err(StrengthError::EmptySome { total });
        }
        Ok(Strength(Repr::Some(Some(total))))
    }

    /// "Most", of a total not stated: at least one.
    pub fn most() -> Strength {
        Strength(Repr::Most(None))
    }

    /// "Most of `total`": more than half of it, perhaps all.
    ///
    /// # Errors
    ///
    /// Returns [`StrengthError::EmptyMost`] when `total` is 0 (no count is
    /// most of nothing).
    pub fn most_of(total: u64) -> Result<Strength, StrengthError> {
        if total == 0 {
            return Err(StrengthError::EmptyMost);
        }
        Ok(Strength(Repr::Most(Some(total))))
    }

    /// Present, count unknown.
    pub fn unknown() -> Strength {
        Strength(Repr::Unknown)
    }

    /// The source gives no figure.
    pub fn not_reported() -> Strength {
        Strength(Repr::NotReported)
    }

    /// How the strength was stated.
    pub fn kind(&self) -> StrengthKind {
        match self.0 {
            Repr::Exact(_) => StrengthKind::Exact,
            Repr::Approximate(_) => StrengthKind::Approximate,
            Repr::Range(..) => StrengthKind::Range,
            Repr::AtLeast(_) => StrengthKind::AtLeast,
            Repr::MoreThan(_) => StrengthKind::MoreThan,
            Repr::UpTo(_) => StrengthKind::UpTo,
            Repr::Some(_) => StrengthKind::Some,
            Repr::Most(_) => StrengthKind::Most,
            Repr::Unknown => StrengthKind::Unknown,
            Repr::NotReported => StrengthKind::NotReported,
        }
    }

    /// The counts this strength allows.
    pub fn bounds(&self) -> Interval {
        match self.0 {
            Repr::Exact(n) => Interval::exactly(n),
            Repr::Approximate(n) => {
                let margin = n.div_ceil(10);
                Interval::bounded(n - margin, n.saturating_add(margin))
            }
            Repr::Range(l, h) => Interval::bounded(l, h),
            Repr::AtLeast(n) => Interval::at_least(n),
            Repr::MoreThan(n) => Interval::at_least(n.saturating_add(1)),
            Repr::UpTo(n) => Interval::bounded(0, n),
            Repr::Some(None) => Interval::at_least(1),
            Repr::Some(Some(total)) => Interval::bounded(1, total.saturating_sub(1)),
            Repr::Most(None) => Interval::at_least(1),
            Repr::Most(Some(total)) => Interval::bounded(total / 2 + 1, total),
            Repr::Unknown | Repr::NotReported => Interval::at_least(0),
        }
    }

    /// Whether the strength names a single count.
    pub fn is_exact(&self) -> bool {
        matches!(self.0, Repr::Exact(_))
    }

    /// The sum of the two counts, as an interval.
    pub fn plus(&self, other: &Strength) -> Interval {
        self.bounds().plus(&other.bounds())
    }

    /// What is left when `other` is taken away (never below zero).
    pub fn minus(&self, other: &Strength) -> Interval {
        self.bounds().minus(&other.bounds())
    }

    /// A stated share of this count ("half of the 16,000").
    pub fn share(&self, share: crate::share::Share) -> Interval {
        self.bounds().share(share)
    }

    /// Whether this count is larger than `other` whatever the true values.
    pub fn certainly_exceeds(&self, other: &Strength) -> bool {
        self.bounds().at_most(&other.bounds()) == crate::Truth::CertainlyNot
    }

    /// Whether this count can be larger than `other` for some true values.
    pub fn may_exceed(&self, other: &Strength) -> bool {
        self.bounds().at_most(&other.bounds()) != crate::Truth::Certainly
    }

    /// Whether the two strengths are written the same way (same kind and
    /// same numbers). `~500` and `450..550` are not.
    pub fn same_notation(&self, other: &Strength) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Strength {
    /// The notation for a count derived by arithmetic: `90`, `200..300`,
    /// `>=1`, or `?` for `[0, ∞)`. Derived counts are shown as ranges, never
    /// as "about", so they claim no more than the arithmetic gives.
    ///
    /// ```
    /// use troop_tracker::{Interval, Strength};
    /// assert_eq!(Strength::derived(Interval::new(200, 300)?).to_string(), "200..300");
    /// assert_eq!(Strength::derived(Interval::at_least(1)).to_string(), ">=1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn derived(bounds: Interval) -> Strength {
        // Every count of an interval is a count a strength can state: the
        // notation and the bounds agree at any size.
        match bounds.high() {
            Some(h) if h == bounds.low() => Strength::exact(h),
            Some(h) => Strength::range(bounds.low(), h)
                .unwrap_or_else(|_| Strength::at_least(bounds.low())),
            None if bounds.low() == 0 => Strength::unknown(),
            None => Strength::at_least(bounds.low()),
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Exact(n) => write!(f, "{n}"),
            Repr::Approximate(n) => write!(f, "~{n}"),
            Repr::Range(l, h) => write!(f, "{l}..{h}"),
            Repr::AtLeast(n) => write!(f, ">={n}"),
            Repr::MoreThan(n) => write!(f, ">{n}"),
            Repr::UpTo(n) => write!(f, "<={n}"),
            Repr::Some(None) => f.write_str("some"),
            Repr::Some(Some(t)) => write!(f, "some<{t}"),
            Repr::Most(None) => f.write_str("most"),
            Repr::Most(Some(t)) => write!(f, "most<={t}"),
            Repr::Unknown => f.write_str("?"),
            Repr::NotReported => f.write_str("n/r"),
        }
    }
}

impl fmt::Debug for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Strength({self})")
    }
}

/// Why a strength notation or phrase could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StrengthError {
    /// The cell was empty; write `n/r` when the source gives no figure.
    #[error("expected a head count such as \"120\", \"~500\" or \"200..300\", found an empty cell (write n/r when the source gives no figure)")]
    Empty,
    /// The text is none of the notations.
    #[error("expected a head count such as \"120\", \"~500\", \"200..300\", \">=1\", \"<=850\", \"some<500\", \"?\" or \"n/r\", found {found:?}")]
    UnknownNotation {
        /// The text that was found.
        found: String,
    },
    /// A number in the notation is not a plain non-negative integer.
    #[error("expected a whole number of people (digits only), found {found:?}")]
    BadNumber {
        /// The text that was found.
        found: String,
    },
    /// A negative number: a head count is never below zero.
    #[error("expected a count of zero or more people, found the negative {found:?}")]
    Negative {
        /// The text that was found.
        found: String,
    },
    /// A number is larger than [`MAX_COUNT`].
    #[error("expected a count of at most 1000000000000000 (10^15), found {found:?}")]
    Overflow {
        /// The text that was found.
        found: String,
    },
    /// A range whose low end is above its high end.
    #[error("expected low <= high in a range, found low {low} above high {high}")]
    LowAboveHigh {
        /// The low end.
        low: u64,
        /// The high end.
        high: u64,
    },
    /// "Some of N" with N below 2 allows no count at all.
    #[error("expected some<N with N of at least 2, found some<{total}")]
    EmptySome {
        /// The stated total.
        total: u64,
    },
    /// "Most of 0" allows no count at all.
    #[error("expected most<=N with N of at least 1, found most<=0")]
    EmptyMost,
    /// "More than [`MAX_COUNT`]" states a count above the largest.
    #[error("expected a more-than bound below 1000000000000000 (10^15), found >{n}")]
    MoreThanMax {
        /// The stated bound.
        n: u64,
    },
    /// A phrase that [`Strength::from_phrase`] does not know.
    #[error("expected a phrase such as \"about 500\", \"a couple of hundred\" or \"some of its 500\", found {found:?}")]
    UnknownPhrase {
        /// The phrase that was found.
        found: String,
    },
}

/// The largest count a strength may state: 10^15. Far above any force
/// (the figures are troops), and low enough that a sum of a million such
/// counts, and every bound the engine computes from them, stays exact in
/// 64 bits and in its linear programs (`f64` is exact to 2^53 ≈ 9·10^15
/// for each figure's own rows). A larger count is an error, not a
/// clamped figure.
pub const MAX_COUNT: u64 = 1_000_000_000_000_000;

pub(crate) fn parse_count(s: &str) -> Result<u64, StrengthError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StrengthError::BadNumber {
            found: s.to_owned(),
        });
    }
    match s.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => Ok(n),
        _ => Err(StrengthError::Overflow {
            found: s.to_owned(),
        }),
    }
}

impl FromStr for Strength {
    type Err = StrengthError;

    fn from_str(s: &str) -> Result<Strength, StrengthError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(StrengthError::Empty);
        }
        if s == "?" {
            return Ok(Strength::unknown());
        }
        if s.strip_prefix('-')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            return Err(StrengthError::Negative {
                found: s.to_owned(),
            });
        }
        if s == "n/r" {
            return Ok(Strength::not_reported());
        }
        if s == "some" {
            return Ok(Strength::some());
        }
        if let Some(rest) = s.strip_prefix("some<") {
            return Strength::some_of(parse_count(rest)?);
        }
        if s == "most" {
            return Ok(Strength::most());
        }
        if let Some(rest) = s.strip_prefix("most<=") {
            return Strength::most_of(parse_count(rest)?);
        }
        if let Some(rest) = s.strip_prefix(">=") {
            return Ok(Strength::at_least(parse_count(rest)?));
        }
        if let Some(rest) = s.strip_prefix("<=") {
            return Ok(Strength::up_to(parse_count(rest)?));
        }
        if let Some(rest) = s.strip_prefix('>') {
            let n = parse_count(rest)?;
            if n == MAX_COUNT {
                return Err(StrengthError::MoreThanMax { n });
            }
            return Ok(Strength::more_than(n));
        }
        if let Some(rest) = s.strip_prefix('~') {
            return Ok(Strength::approximately(parse_count(rest)?));
        }
        // `200..300` is the notation; `200-300` is read too, but a
        // spreadsheet may turn a cell like `1-12` into a date, so it is
        // never written.
        let split = s.split_once("..").or_else(|| s.split_once('-'));
        if let Some((l, h)) = split {
            if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) {
                return Strength::range(parse_count(l)?, parse_count(h)?);
            }
        }
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Strength::exact(parse_count(s)?));
        }
        Err(StrengthError::UnknownNotation {
            found: s.to_owned(),
        })
    }
}
