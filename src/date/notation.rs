//! Reading a date's notation: the forms of `data/README.md`, each refused
//! with the form it should have taken.

use std::str::FromStr;

use chrono::NaiveDate;

use super::{Date, MonthPart, Point, Repr};

/// Why a date notation could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is none of the notations.
    #[error("expected a date such as \"2020-01-09\", \"2020-01\", \"2018\", \"early 2020-01\", \"2020-02-12..2020-02-13\", \"..2020-02-12\", \"2020-02-12..\" or \"2020-01-07|2020-01-08\", found {found:?}")]
    Notation {
        /// The text that was found.
        found: String,
    },
    /// The notation is right but no such day exists (2020-02-30).
    #[error("expected a real calendar date, found {found:?}")]
    Invalid {
        /// The text that was found.
        found: String,
    },
    /// A range whose end lies before its start, or two alternatives
    /// (`a|b`) with the later first.
    #[error("expected a range whose end is not before its start, found {found:?}")]
    Reversed {
        /// The text that was found.
        found: String,
    },
    /// Two alternatives (`a|b`) that share a day, such as
    /// "2020-01|2020-01-15": "one or the other" needs two times apart.
    #[error("expected two dates apart, the second after the first has ended, found {found:?}")]
    Overlapping {
        /// The text that was found.
        found: String,
    },
}

pub(super) fn check_year_month(year: i32, month: u32) -> Result<(), DateError> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
        return Err(DateError::Invalid {
            found: format!("{year:04}-{month:02}"),
        });
    }
    Ok(())
}

fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

pub(super) fn parse_point(s: &str, whole: &str) -> Result<Point, DateError> {
    let notation = || DateError::Notation {
        found: whole.to_owned(),
    };
    let invalid = || DateError::Invalid {
        found: whole.to_owned(),
    };
    if let Some((word, rest)) = s.split_once(' ') {
        let part = match word {
            "early" => MonthPart::Early,
            "mid" => MonthPart::Mid,
            "late" => MonthPart::Late,
            _ => return Err(notation()),
        };
        return match parse_point(rest, whole)? {
            Point::Month(y, m) => Ok(Point::Part(y, m, part)),
            _ => Err(notation()),
        };
    }
    let fields: Vec<&str> = s.split('-').collect();
    let year = |f: &str| -> Result<i32, DateError> {
        let y = digits(f, 4).ok_or_else(notation)?;
        let y = i32::try_from(y).map_err(|_| notation())?;
        if y == 0 {
            return Err(invalid());
        }
        Ok(y)
    };
    match fields.as_slice() {
        [y] => Ok(Point::Year(year(y)?)),
        [y, m] => {
            let (y, m) = (year(y)?, digits(m, 2).ok_or_else(notation)?);
            check_year_month(y, m).map_err(|_| invalid())?;
            Ok(Point::Month(y, m))
        }
        [y, m, d] => {
            let y = year(y)?;
            let m = digits(m, 2).ok_or_else(notation)?;
            let d = digits(d, 2).ok_or_else(notation)?;
            NaiveDate::from_ymd_opt(y, m, d)
                .map(Point::Day)
                .ok_or_else(invalid)
        }
        _ => Err(notation()),
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        if let Some((a, b)) = t.split_once('|') {
            let (first, second) = (parse_point(a, t)?, parse_point(b, t)?);
            // Two alternatives name two different times, the earlier
            // first: a second that starts before the first has ended is
            // either reversed or overlaps it.
            if second.latest() < first.earliest() {
                return Err(DateError::Reversed {
                    found: t.to_owned(),
                });
            }
            if second.earliest() <= first.latest() {
                return Err(DateError::Overlapping {
                    found: t.to_owned(),
                });
            }
            return Ok(Date(Repr::OneOf(first, second)));
        }
        if let Some(end) = t.strip_prefix("..") {
            return parse_point(end, t).map(|p| Date(Repr::OnOrBefore(p)));
        }
        if let Some(start) = t.strip_suffix("..") {
            return parse_point(start, t).map(|p| Date(Repr::OnOrAfter(p)));
        }
        if let Some((a, b)) = t.split_once("..") {
            let start = parse_point(a, t)?;
            let end = parse_point(b, t)?;
            if matches!(start, Point::Part(..)) || matches!(end, Point::Part(..)) {
                return Err(DateError::Notation {
                    found: t.to_owned(),
                });
            }
            if end.latest() < start.earliest() {
                return Err(DateError::Reversed {
                    found: t.to_owned(),
                });
            }
            return Ok(Date(Repr::Range(start, end)));
        }
        parse_point(t, t).map(|p| Date(Repr::Single(p)))
    }
}
