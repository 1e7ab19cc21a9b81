//! Axis ticks a reader expects: calendar days, months, quarters or years
//! by the span drawn (never odd years such as 1958, 1972, 1985), troops
//! on round steps (1, 2, 2.5 or 5 times a power of ten) with thousands
//! separators.

use chrono::{Datelike, NaiveDate};

use crate::date::Day;

/// A step between ticks on the time axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Days(u32),
    Months(u32),
    Years(i32),
}

/// From the finest step to the coarsest; the first that gives few enough
/// ticks is used.
const STEPS: [Step; 21] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(25),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(250),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2500),
    Step::Years(5000),
];

/// The ticks of the time axis from `first` to `last` (both included),
/// at most `most` of them (at least one step's worth), each with its
/// label: `2020-01-09` for days, `Jan 2020` for months, `Q1 2020` for
/// quarters, `2020` for years.
///
/// ```text
/// 2020-01-09 .. 2020-02-15  →  2020-01-09, 2020-01-16, …  (weekly)
/// 1950-01-01 .. 2025-12-31  →  1950, 1960, …, 2020        (every ten years)
/// ```
pub(super) fn day_ticks(first: Day, last: Day, most: usize) -> Vec<(Day, String)> {
    let most = most.max(2);
    let mut chosen = Vec::new();
    for step in STEPS {
        chosen = ticks_of(step, first, last, most + 1);
        if chosen.len() <= most {
            break;
        }
    }
    chosen
}

/// The ticks of one step in the span, stopping after `limit`.
fn ticks_of(step: Step, first: Day, last: Day, limit: usize) -> Vec<(Day, String)> {
    let mut out = Vec::new();
    // (Each walk below stops once this says no, so it is never called
    // with `limit` ticks already out.)
    let mut push = |day: Day, label: String| {
        if day >= first && day <= last {
            out.push((day, label));
        }
        out.len() < limit && day <= last
    };
    match step {
        Step::Days(n) => {
            let mut day = first;
            while push(day, day.format("%Y-%m-%d").to_string()) {
                let Some(next) = day.checked_add_days(chrono::Days::new(u64::from(n))) else {
                    break;
                };
                day = next;
            }
        }
        Step::Months(n) => {
            // The first of each month from `first`'s on, ticked where the
            // month's number (from 0) is a multiple of the step: quarters
            // start in January, April, July, October.
            let mut month = first.with_day(1);
            while let Some(day) = month {
                month = day.checked_add_months(chrono::Months::new(1));
                let m0 = day.month0();
                if m0 % n != 0 {
                    continue;
                }
                let label = match n {
                    3 => format!("Q{} {}", m0 / 3 + 1, day.year()),
                    _ => day.format("%b %Y").to_string(),
                };
                if !push(day, label) {
                    break;
                }
            }
        }
        Step::Years(n) => {
            let mut year = first.year().div_euclid(n) * n;
            while let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) {
                if !push(day, year.to_string()) {
                    break;
                }
                year += n;
            }
        }
    }
    out
}

/// The troop axis: round steps from 0 to the first step at or above
/// `top`, at most `most` steps, and that top.
pub(super) fn count_ticks(top: f64, most: usize) -> (Vec<f64>, f64) {
    let top = top.max(1.0);
    let raw = top / most.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    // `raw` is at least `power` and below ten times it: the first of
    // these steps at or above it, or else ten times `power`.
    let step = [1.0, 2.0, 2.5, 5.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
        // Troops are whole: no step below one.
        .max(1.0);
    let steps = (top / step).ceil();
    let ticks = (0..=steps as u64).map(|k| k as f64 * step).collect();
    (ticks, steps * step)
}

/// A whole number with thousands separators: `400,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().expect("a day")
    }

    fn labels(first: &str, last: &str, most: usize) -> Vec<String> {
        day_ticks(day(first), day(last), most)
            .into_iter()
            .map(|(_, l)| l)
            .collect()
    }

    #[test]
    fn long_spans_tick_on_round_years() {
        assert_eq!(
            labels("1950-03-31", "2025-06-30", 8),
            ["1960", "1970", "1980", "1990", "2000", "2010", "2020"]
        );
        assert_eq!(
            labels("2009-11-30", "2014-12-31", 8),
            ["2010", "2011", "2012", "2013", "2014"]
        );
        assert_eq!(
            labels("1958-06-30", "1972-09-30", 8),
            ["1960", "1962", "1964", "1966", "1968", "1970", "1972"]
        );
    }

    #[test]
    fn shorter_spans_tick_on_quarters_months_and_days() {
        assert_eq!(
            labels("2019-11-15", "2021-02-01", 8),
            ["Q1 2020", "Q2 2020", "Q3 2020", "Q4 2020", "Q1 2021"]
        );
        assert_eq!(
            labels("2020-01-09", "2020-06-15", 8),
            ["Feb 2020", "Mar 2020", "Apr 2020", "May 2020", "Jun 2020"]
        );
        assert_eq!(
            labels("2020-01-09", "2020-02-15", 8),
            [
                "2020-01-09",
                "2020-01-16",
                "2020-01-23",
                "2020-01-30",
                "2020-02-06",
                "2020-02-13"
            ]
        );
        assert_eq!(
            labels("2020-01-09", "2020-01-11", 8),
            ["2020-01-09", "2020-01-10", "2020-01-11"]
        );
        assert_eq!(labels("2020-01-09", "2020-01-09", 8), ["2020-01-09"]);
    }

    #[test]
    fn no_more_ticks_than_asked_and_all_inside() {
        for (first, last) in [
            ("2020-01-09", "2020-02-15"),
            ("1950-01-01", "2025-12-31"),
            ("2009-01-01", "2009-12-31"),
            ("0001-01-01", "9999-12-31"),
        ] {
            for most in [2, 3, 5, 8, 12] {
                let ticks = day_ticks(day(first), day(last), most);
                assert!(
                    !ticks.is_empty() && ticks.len() <= most,
                    "{first}..{last} {most}: {ticks:?}"
                );
                assert!(ticks
                    .iter()
                    .all(|(d, _)| *d >= day(first) && *d <= day(last)));
                assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
            }
        }
    }

    #[test]
    fn troop_ticks_are_round_and_reach_the_top() {
        assert_eq!(
            count_ticks(589.0, 6),
            (vec![0.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0], 600.0)
        );
        assert_eq!(count_ticks(1_074_754.0, 6).1, 1_200_000.0);
        assert_eq!(count_ticks(0.0, 6), (vec![0.0, 1.0], 1.0));
        assert_eq!(count_ticks(3.0, 6).0, [0.0, 1.0, 2.0, 3.0]);
        for top in [1.0, 7.0, 99.0, 101.0, 8_620.0, 34_674.0, 4_869_907.0] {
            let (ticks, end) = count_ticks(top, 6);
            assert!(
                end >= top && ticks.len() <= 7 && ticks.len() >= 2,
                "{top}: {ticks:?}"
            );
            assert_eq!(ticks.last().copied(), Some(end));
        }
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(400_000), "400,000");
        assert_eq!(thousands(1_074_754), "1,074,754");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }
}
