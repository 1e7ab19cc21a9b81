//! Dates stated only as precisely as the source states them.

use std::fmt;

use serde::{Deserialize, Serialize};

use chrono::{Datelike, NaiveDate};

mod notation;

pub use notation::DateError;
use notation::{check_year_month, parse_point};

/// A calendar day: the day a posture is taken on, the day a figure was
/// last observed. It is chrono's `NaiveDate`, named here so that a crate
/// using troop-tracker needs no dependency of its own to name a day;
/// parse one with `"2020-01-09".parse::<Day>()`.
///
/// A [`Date`] is something else: a date only as precise as its source
/// ("mid January 2020", "2018"), which covers a span of days from
/// [`Date::earliest`] to [`Date::latest`].
pub type Day = chrono::NaiveDate;

/// How precisely a [`Date`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A calendar day: `2020-01-09`.
    Day,
    /// A third of a month: `early 2020-01` (days 1-10), `mid 2020-01`
    /// (11-20), `late 2020-01` (21 to the end).
    PartOfMonth,
    /// A month: `2020-01`.
    Month,
    /// A year: `2018`.
    Year,
    /// A span between two stated dates: `2020-02-12..2020-02-13`.
    Range,
    /// On or before a date, with no earlier limit stated: `..2020-02-12`
    /// ("their activities were suspended", in an article of that day).
    OnOrBefore,
    /// On or after a date, with no later limit stated: `2020-02-12..`
    /// ("in the coming days").
    OnOrAfter,
    /// One of two dates, not both: `2020-01-07|2020-01-08` (a strike on
    /// "Tuesday night", which was the 8th where it hit).
    OneOf,
}

impl Precision {
    /// Every precision, in declaration order.
    pub const ALL: &'static [Precision] = &[
        Precision::Day,
        Precision::PartOfMonth,
        Precision::Month,
        Precision::Year,
        Precision::Range,
        Precision::OnOrBefore,
        Precision::OnOrAfter,
        Precision::OneOf,
    ];

    /// The lowercase name used in CSV exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::PartOfMonth => "part_of_month",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Range => "range",
            Precision::OnOrBefore => "on_or_before",
            Precision::OnOrAfter => "on_or_after",
            Precision::OneOf => "one_of",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A third of a month, for "early", "mid" and "late January".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonthPart {
    /// Days 1 to 10.
    Early,
    /// Days 11 to 20.
    Mid,
    /// Day 21 to the end of the month.
    Late,
}

impl MonthPart {
    fn word(self) -> &'static str {
        match self {
            MonthPart::Early => "early",
            MonthPart::Mid => "mid",
            MonthPart::Late => "late",
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Point {
    Day(NaiveDate),
    Part(i32, u32, MonthPart),
    Month(i32, u32),
    Year(i32),
}

impl Point {
    fn earliest(self) -> NaiveDate {
        match self {
            Point::Day(d) => d,
            Point::Part(y, m, p) => {
                let day = match p {
                    MonthPart::Early => 1,
                    MonthPart::Mid => 11,
                    MonthPart::Late => 21,
                };
                first_of(y, m).with_day(day).unwrap_or(first_of(y, m))
            }
            Point::Month(y, m) => first_of(y, m),
            Point::Year(y) => first_of(y, 1),
        }
    }

    fn latest(self) -> NaiveDate {
        match self {
            Point::Day(d) => d,
            Point::Part(y, m, MonthPart::Early) => {
                first_of(y, m).with_day(10).unwrap_or(first_of(y, m))
            }
            Point::Part(y, m, MonthPart::Mid) => {
                first_of(y, m).with_day(20).unwrap_or(first_of(y, m))
            }
            Point::Part(y, m, MonthPart::Late) | Point::Month(y, m) => last_of(y, m),
            Point::Year(y) => last_of(y, 12),
        }
    }
}

// Callers only pass months 1..=12 and years that `parse_point` accepted,
// so the fallbacks below are never reached; they avoid a panic path all
// the same.
fn first_of(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN)
}

fn last_of(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Point::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Point::Part(y, m, p) => write!(f, "{} {y:04}-{m:02}", p.word()),
            Point::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Point::Year(y) => write!(f, "{y:04}"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Repr {
    Single(Point),
    Range(Point, Point),
    OnOrBefore(Point),
    OnOrAfter(Point),
    OneOf(Point, Point),
}

/// A date as precisely as a source gives it: a day, part of a month, a
/// month, a year, or a span between two of those.
///
/// A source that says "in 2018" gives [`Date::year`], never a fake
/// 1 January. Every date covers the days from [`Date::earliest`] to
/// [`Date::latest`].
///
/// Like [`Strength`](crate::Strength), `Date` does not implement
/// `PartialEq`: `2020-01` and `2020-01-01..2020-01-31` cover the same days
/// but are stated differently. Use [`Date::same_notation`] or compare the
/// ends.
///
/// Notation (round-trips through `Display` and `FromStr`):
/// `2020-01-09`, `early 2020-01`, `mid 2020-01`, `late 2020-01`, `2020-01`,
/// `2018`, `START..END` where each end is a day, month or year, `..END`
/// (on or before), `START..` (on or after) and `A|B` (one of two dates).
/// An open end is the earliest or latest day there is: such a date is for
/// events, whose day a source may leave open, not for figures.
///
/// ```
/// use troop_tracker::{Date, Precision};
/// let d: Date = "early 2020-01".parse()?;
/// assert_eq!(d.precision(), Precision::PartOfMonth);
/// assert_eq!(d.earliest().to_string(), "2020-01-01");
/// assert_eq!(d.latest().to_string(), "2020-01-10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Date(Repr);

impl Date {
    /// A calendar day.
    pub fn day(date: Day) -> Date {
        Date(Repr::Single(Point::Day(date)))
    }

    /// A month of a year.
    ///
    /// # Errors
    ///
    /// Returns [`DateError::Invalid`] when the month is not 1 to 12 or the
    /// year is out of range.
    pub fn month(year: i32, month: u32) -> Result<Date, DateError> {
        check_year_month(year, month)?;
        Ok(Date(Repr::Single(Point::Month(year, month))))
    }

    /// A whole year.
    ///
    /// # Errors
    ///
    /// Returns [`DateError::Invalid`] when the year is outside 1..=9999.
    pub fn year(year: i32) -> Result<Date, DateError> {
        check_year_month(year, 1)?;
        Ok(Date(Repr::Single(Point::Year(year))))
    }

    /// The precision the source gave.
    pub fn precision(&self) -> Precision {
        match self.0 {
            Repr::Single(Point::Day(_)) => Precision::Day,
            Repr::Single(Point::Part(..)) => Precision::PartOfMonth,
            Repr::Single(Point::Month(..)) => Precision::Month,
            Repr::Single(Point::Year(_)) => Precision::Year,
            Repr::Range(..) => Precision::Range,
            Repr::OnOrBefore(_) => Precision::OnOrBefore,
            Repr::OnOrAfter(_) => Precision::OnOrAfter,
            Repr::OneOf(..) => Precision::OneOf,
        }
    }

    /// The first day the date can mean.
    pub fn earliest(&self) -> Day {
        match self.0 {
            Repr::Single(p) | Repr::Range(p, _) | Repr::OnOrAfter(p) | Repr::OneOf(p, _) => {
                p.earliest()
            }
            Repr::OnOrBefore(_) => NaiveDate::MIN,
        }
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> Day {
        match self.0 {
            Repr::Single(p) | Repr::Range(_, p) | Repr::OnOrBefore(p) | Repr::OneOf(_, p) => {
                p.latest()
            }
            Repr::OnOrAfter(_) => NaiveDate::MAX,
        }
    }

    /// The first day the date can mean, or `None` when its start is open
    /// (`..2020-02-12`).
    ///
    /// ```
    /// use troop_tracker::Date;
    /// let open: Date = "..2020-02-12".parse()?;
    /// assert_eq!(open.first_day(), None);
    /// assert_eq!(open.last_day().map(|d| d.to_string()), Some("2020-02-12".into()));
    /// let month: Date = "2020-02".parse()?;
    /// assert_eq!(month.first_day().map(|d| d.to_string()), Some("2020-02-01".into()));
    /// let after: Date = "2020-02-12..".parse()?;
    /// assert_eq!(after.last_day(), None);
    /// assert_eq!(after.first_day().map(|d| d.to_string()), Some("2020-02-12".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_day(&self) -> Option<Day> {
        Some(self.earliest()).filter(|_| !matches!(self.0, Repr::OnOrBefore(_)))
    }

    /// The last day the date can mean, or `None` when its end is open
    /// (`2020-02-12..`).
    pub fn last_day(&self) -> Option<Day> {
        Some(self.latest()).filter(|_| !matches!(self.0, Repr::OnOrAfter(_)))
    }

    /// Whether every day this date can mean lies before every day `other`
    /// can mean.
    pub fn certainly_before(&self, other: &Date) -> bool {
        self.latest() < other.earliest()
    }

    /// Whether some day this date can mean lies on or before some day
    /// `other` can mean.
    pub fn may_be_on_or_before(&self, other: &Date) -> bool {
        self.earliest() <= other.latest()
    }

    /// Whether `day` is one of the days this date can mean.
    pub fn covers(&self, day: Day) -> bool {
        self.earliest() <= day && day <= self.latest()
    }

    /// Whether the date leaves its start or its end open (`..2020-02-12`,
    /// `2020-02-12..`).
    pub fn is_open(&self) -> bool {
        matches!(self.0, Repr::OnOrBefore(_) | Repr::OnOrAfter(_))
    }

    /// The day to place the date at in a sequence: its earliest day, or
    /// its stated end when it has no start.
    pub fn anchor(&self) -> Day {
        match self.0 {
            Repr::OnOrBefore(p) => p.latest(),
            _ => self.earliest(),
        }
    }

    /// Whether the two dates are written the same way.
    pub fn same_notation(&self, other: &Date) -> bool {
        self.to_string() == other.to_string()
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Date {
        Date::day(d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Single(p) => write!(f, "{p}"),
            Repr::Range(a, b) => write!(f, "{a}..{b}"),
            Repr::OnOrBefore(p) => write!(f, "..{p}"),
            Repr::OnOrAfter(p) => write!(f, "{p}.."),
            Repr::OneOf(a, b) => write!(f, "{a}|{b}"),
        }
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

serde_via_str!(Date);

/// Parses a plain ISO day (`2020-01-09`), as used for exact reference dates
/// such as NATO accessions.
pub(crate) fn parse_day(s: &str) -> Result<NaiveDate, DateError> {
    match parse_point(s.trim(), s.trim())? {
        Point::Day(d) => Ok(d),
        _ => Err(DateError::Notation {
            found: s.trim().to_owned(),
        }),
    }
}
