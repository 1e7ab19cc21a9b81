//! The interleaving check's thresholds: how far apart, how near a
//! neighbour, how long a run.

use super::*;

#[test]
fn a_series_stands_apart_only_beyond_the_margin_and_in_a_run() {
    // June at `june` times September, every year.
    let series = |june: f64, years: i32| {
        let mut rows = Vec::new();
        for y in 1960..1960 + years {
            rows.push(row("A", "JPN", (y, 6), (1000.0 * june).round() as u64));
            rows.push(row("A", "JPN", (y, 9), 1000));
        }
        rows.push(row(
            "A",
            "JPN",
            (1960 + years, 6),
            (1000.0 * june).round() as u64,
        ));
        read(&mut rows, Zeros::MayBeFiller);
        disputed(&rows)
    };
    // Junes 16% above the Septembers on each side stand apart above
    // (three of them have one on each side); Septembers stand apart below
    // only when under 85% of the Junes around them.
    assert_eq!(series(1.16, 4), MIN_RUN);
    assert_eq!(series(1.2, 4), MIN_RUN + 4);
    assert_eq!(series(1.14, 4), 0, "within APART (15%)");
    assert_eq!(series(1.15, 4), 0, "exactly 15% above is within");
    // Septembers exactly 85% of the Junes around them are within.
    let below = |september: u64| {
        let mut rows = Vec::new();
        for y in 1960..1964 {
            rows.push(row("A", "JPN", (y, 6), 2000));
            rows.push(row("A", "JPN", (y, 9), september));
        }
        rows.push(row("A", "JPN", (1964, 6), 2000));
        read(&mut rows, Zeros::MayBeFiller);
        disputed_in(&rows, 9)
    };
    assert_eq!(below(1699), 4);
    assert_eq!(below(1700), 0, "exactly 15% below is within");
    assert_eq!(series(1.5, 2), 0, "two Septembers are no run of three");
    assert!(series(1.5, 3) >= MIN_RUN);
}

#[test]
fn neighbours_more_than_a_year_away_are_not_neighbours() {
    let mut rows = Vec::new();
    for y in (1960..1972).step_by(2) {
        rows.push(row("A", "JPN", (y, 6), 3000));
        // Fourteen months later: beyond NEIGHBOUR_DAYS.
        rows.push(row("A", "JPN", (y + 1, 8), 1000));
    }
    read(&mut rows, Zeros::MayBeFiller);
    assert!(rows.iter().all(|d| d.doubts().is_empty()));
}

#[test]
fn a_monthly_series_has_no_other_series_around_it() {
    // Every July a rotation doubles the contingent for the month: a
    // monthly series, not two series.
    let mut rows = Vec::new();
    for y in 2010..2014 {
        for m in 1..=12 {
            let n = if m == 7 { 900 } else { 450 };
            rows.push(row("A", "LBN", (y, m), n));
        }
    }
    read(&mut rows, Zeros::MayBeFiller);
    assert!(rows.iter().all(|d| d.doubts().is_empty()));
}

#[test]
fn a_quarterly_season_is_the_troops_own() {
    // One source, four quarters a year, June always 25% up: an exercise,
    // not a second series.
    let mut rows = Vec::new();
    for y in 1990..1994 {
        for (m, n) in [(3, 1000), (6, 1250), (9, 1000), (12, 1000)] {
            rows.push(row("A", "ISL", (y, m), n));
        }
    }
    read(&mut rows, Zeros::MayBeFiller);
    assert!(rows.iter().all(|d| d.doubts().is_empty()));
}

#[test]
fn a_year_without_a_neighbour_does_not_break_a_run() {
    // June 1.6x September every year; every third September missing.
    let mut rows = Vec::new();
    for y in 1960..1972 {
        rows.push(row("A", "JPN", (y, 6), 1600));
        if y % 3 != 0 {
            rows.push(row("A", "JPN", (y, 9), 1000));
        }
    }
    read(&mut rows, Zeros::MayBeFiller);
    let junes = disputed_junes(&rows);
    assert!(junes >= MIN_RUN, "{junes} Junes disputed");
}

#[test]
fn a_regular_series_is_one_whose_farther_neighbour_is_under_100_days() {
    // Junes 1.6x the figures of other months `gap` days before and after.
    let junes = |gap: u64| {
        let mut rows = Vec::new();
        for y in 1960..1965 {
            let june = chrono::NaiveDate::from_ymd_opt(y, 6, 1).expect("a day");
            let days = chrono::Days::new(gap);
            rows.push(on("A", "JPN", june - days, 1000));
            rows.push(on("A", "JPN", june, 1600));
            rows.push(on("A", "JPN", june + days, 1000));
        }
        read(&mut rows, Zeros::MayBeFiller);
        disputed_junes(&rows)
    };
    let gap = SERIES_GAP_DAYS.unsigned_abs();
    assert_eq!(junes(gap), 5, "neighbours 100 days away are another series");
    assert_eq!(junes(gap - 1), 0, "99 days away, a season of one series");
}

#[test]
fn a_neighbour_may_be_400_days_away_not_401() {
    // June 1.6x September, 1960-1962; the last June's only later
    // neighbour is `away` days after it.
    let junes = |away: u64| {
        let mut rows = Vec::new();
        for y in 1960..1963 {
            rows.push(row("A", "JPN", (y, 6), 1600));
            rows.push(row("A", "JPN", (y, 9), 1000));
        }
        let last = chrono::NaiveDate::from_ymd_opt(1963, 6, 1).expect("a day");
        rows.push(on("A", "JPN", last, 1600));
        rows.push(on("A", "JPN", last + chrono::Days::new(away), 1000));
        read(&mut rows, Zeros::MayBeFiller);
        disputed_junes(&rows)
    };
    let away = NEIGHBOUR_DAYS.unsigned_abs();
    assert_eq!(junes(away), MIN_RUN, "the last June is the third of a run");
    assert_eq!(junes(away + 1), 0, "two Junes are no run");
}

#[test]
fn a_disputed_figure_names_few_neighbours_however_many_rows_repeat() {
    let mut rows = Vec::new();
    for y in 1960..1965 {
        for _ in 0..50 {
            rows.push(row("A", "ISL", (y, 6), 2000));
            rows.push(row("A", "ISL", (y, 12), 1000));
        }
    }
    read(&mut rows, Zeros::MayBeFiller);
    let most = rows
        .iter()
        .flat_map(|d| d.doubts())
        .filter_map(|x| match x {
            Doubt::Interleaved { by } => Some(by.len()),
            _ => None,
        })
        .max();
    assert!(most.is_some_and(|n| n <= 2 * NEIGHBOURS_NAMED), "{most:?}");
}

/// A row without a count is no neighbour either: June's figures stand
/// apart from September's across a September the source did not report,
/// and both series' runs go on past it.
#[test]
fn a_row_without_a_count_does_not_break_a_run() {
    let mut rows = Vec::new();
    for y in 1960..=1966 {
        rows.push(row("A", "JPN", (y, 6), 130_000));
        let september = row("B", "JPN", (y, 9), 100_000);
        rows.push(if y == 1962 {
            stated(september, Strength::not_reported())
        } else {
            september
        });
    }
    read(&mut rows, Zeros::MayBeFiller);
    let disputed: Vec<&str> = rows
        .iter()
        .filter(|d| !d.doubts().is_empty())
        .map(|d| d.id().as_str())
        .collect();
    // June 1960 has no September before it, September 1966 none after;
    // June 1962 and 1963 have no September within a year on one side.
    assert_eq!(
        disputed,
        [
            "B-JPN-1960-09",
            "A-JPN-1961-06",
            "B-JPN-1961-09",
            "B-JPN-1963-09",
            "A-JPN-1964-06",
            "B-JPN-1964-09",
            "A-JPN-1965-06",
            "B-JPN-1965-09",
            "A-JPN-1966-06",
        ]
    );
}
