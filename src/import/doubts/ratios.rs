//! Systematic errors learned from overlaps: where two sources give one
//! figure for the same date, their ratio, by pattern.
//!
//! troopdata's quarterly table copies the DMDC reports, but for some
//! countries and months it gives twice (or three times) the report's
//! count, quarter after quarter: a row summed twice. Where the report
//! exists the posture takes the report; where it does not, the table's
//! figure of the same pattern is as likely doubled as the ones beside
//! it. Such a figure X is read as X / k to X: both readings, unless other
//! evidence decides.
//!
//! A pattern is a figure, a pair of sources, a month of the year and a
//! decade: errors of a compilation follow its sources (one report a year,
//! copied one way), and a decade is long enough to see a habit and short
//! enough to see it change.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

use crate::doubt::{Doubt, Pattern};
use crate::id::SourceId;
use crate::strength::{Strength, StrengthKind};

use super::{counted, figure, source, Deployment, Figure};

/// The least number of agreeing overlaps that makes a pattern: 3.
pub const MIN_OVERLAPS: usize = 3;

/// The least share of a pattern's overlaps that must agree: 0.8.
pub const AGREEING_SHARE: f64 = 0.8;

/// How far (as a share of the median) an overlap's ratio may be from the
/// pattern's and still agree: 3%, room for a count that moved a little
/// between the two sources' cut-off days.
pub const RATIO_TOLERANCE: f64 = 0.03;

/// The least ratio that is an error rather than two counts of one force:
/// 1.5. Sources that differ by less are competing claims, not a habit.
pub const MIN_RATIO: f64 = 1.5;

/// One source's stated count, as a number: the exact count, or the middle
/// of "about N".
fn value(d: &Deployment) -> Option<f64> {
    let kind = d.strength().kind();
    if !counted(d) || !matches!(kind, StrengthKind::Exact | StrengthKind::Approximate) {
        return None;
    }
    let b = d.strength().bounds();
    let high = b.high()?;
    Some((b.low() as f64 + high as f64) / 2.0)
}

/// A pattern's name within a figure: the k-times source, the other, the
/// month and the decade.
type Key<'d> = (&'d SourceId, &'d SourceId, u32, i32);

/// A date's days: its first and last.
type Span = (chrono::NaiveDate, chrono::NaiveDate);

fn span(d: &Deployment) -> Span {
    (d.as_of().earliest(), d.as_of().latest())
}

/// A date's pattern: its month of the year and the first year of its
/// decade.
fn month_and_decade(day: chrono::NaiveDate) -> (u32, i32) {
    (day.month(), day.year() - day.year().rem_euclid(10))
}

/// Learns every consistent pattern and marks its figures.
pub(super) fn read(deployments: &mut [Deployment], figures: &[Vec<usize>]) -> Vec<Arc<Pattern>> {
    let (marks, patterns) = learn(deployments, figures);
    for (i, doubt, widened) in marks {
        let Some(d) = deployments.get_mut(i) else {
            continue;
        };
        // A figure suspect under several patterns (three sources, each a
        // k-fold of the next) is read down to the lowest of their
        // readings: the largest k.
        let strength = match (widened, d.doubts().is_empty()) {
            (Some(w), true) => w,
            (Some(w), false) => {
                let (now, new) = (d.strength().bounds(), w.bounds());
                match (now.high(), new.high()) {
                    (Some(a), Some(b)) => {
                        Strength::range(now.low().min(new.low()), a.max(b)).unwrap_or(w)
                    }
                    _ => w,
                }
            }
            (None, _) => d.strength(),
        };
        d.add_doubt(doubt, strength);
    }
    patterns
}

/// A doubt to add to a deployment, with the strength it is widened to.
type Mark = (usize, Doubt, Option<Strength>);

/// The patterns, and the doubts they put on figures: one figure at a
/// time, since a pattern is of one figure.
fn learn(deployments: &[Deployment], figures: &[Vec<usize>]) -> (Vec<Mark>, Vec<Arc<Pattern>>) {
    let mut marks: Vec<Mark> = Vec::new();
    let mut patterns = Vec::new();
    for series in figures {
        let Some(figure) = series
            .first()
            .and_then(|&i| deployments.get(i))
            .and_then(figure)
        else {
            continue;
        };
        // Each date's counts per source.
        let mut by_date: BTreeMap<Span, BTreeMap<&SourceId, Vec<f64>>> = BTreeMap::new();
        for d in series.iter().filter_map(|&i| deployments.get(i)) {
            if let Some(v) = value(d) {
                by_date
                    .entry(span(d))
                    .or_default()
                    .entry(source(d))
                    .or_default()
                    .push(v);
            }
        }
        let mut ratios: BTreeMap<Key<'_>, Vec<(f64, Span)>> = BTreeMap::new();
        for (date, sources) in by_date.iter().filter(|(_, s)| s.len() > 1) {
            let (month, decade) = month_and_decade(date.0);
            for (a, va) in sources {
                for (b, vb) in sources {
                    let (Some(&x), Some(&y)) = (only(va), only(vb)) else {
                        continue;
                    };
                    if a != b && x > 0.0 && y > 0.0 {
                        ratios
                            .entry((a, b, month, decade))
                            .or_default()
                            .push((x / y, *date));
                    }
                }
            }
        }
        for (key, mut found) in ratios {
            let Some(pattern) = consistent(figure, &key, &mut found).map(Arc::new) else {
                continue;
            };
            // The figures the pattern makes suspect: the k-times source's
            // counts of the pattern's month and decade.
            let (a, _, month, decade) = key;
            for &i in series {
                let Some(d) = deployments.get(i) else {
                    continue;
                };
                if source(d) != a
                    || !counted(d)
                    || month_and_decade(d.as_of().earliest()) != (month, decade)
                {
                    continue;
                }
                let bounds = d.strength().bounds();
                let Some(high) = bounds.high().filter(|&h| h > 0) else {
                    continue;
                };
                let stated = value(d).map_or(high, |v| v.round() as u64);
                // Read as both readings, X / k to X, whether or not the
                // other source gives the date: where it does, the two
                // readings meet at its figure and it decides, whichever
                // table is read first.
                let widened =
                    Strength::range((bounds.low() as f64 / pattern.largest).floor() as u64, high)
                        .ok();
                let doubt = Doubt::Systematic {
                    pattern: Arc::clone(&pattern),
                    stated,
                    widened: widened.is_some(),
                };
                marks.push((i, doubt, widened));
            }
            patterns.push(pattern);
        }
    }
    (marks, patterns)
}

fn only(values: &[f64]) -> Option<&f64> {
    match values {
        [v] => Some(v),
        _ => None,
    }
}

/// The pattern the ratios make, if they agree on one of at least
/// [`MIN_RATIO`].
fn consistent(figure: Figure<'_>, key: &Key<'_>, found: &mut [(f64, Span)]) -> Option<Pattern> {
    let first = found.iter().map(|f| f.1 .0).min()?;
    let last = found.iter().map(|f| f.1 .0).max()?;
    let mut found: Vec<f64> = found.iter().map(|f| f.0).collect();
    found.sort_by(f64::total_cmp);
    let median = *found.get(found.len() / 2)?;
    if median < MIN_RATIO {
        return None;
    }
    let agreeing: Vec<f64> = found
        .iter()
        .copied()
        .filter(|r| (r / median - 1.0).abs() <= RATIO_TOLERANCE)
        .collect();
    let share = agreeing.len() as f64 / found.len() as f64;
    if agreeing.len() < MIN_OVERLAPS || share < AGREEING_SHARE {
        return None;
    }
    let (nation, location, mission) = figure;
    let (a, b, month, decade) = key;
    let under = mission.map(|m| format!(" under {m}")).unwrap_or_default();
    Some(Pattern {
        figure: format!("{nation} in {location}{under}"),
        source: (*a).clone(),
        other: (*b).clone(),
        month: *month,
        decade: *decade,
        first,
        last,
        ratio: *agreeing.get(agreeing.len() / 2)?,
        largest: agreeing.iter().copied().fold(f64::MIN, f64::max),
        agreeing: agreeing.len(),
        overlaps: found.len(),
    })
}
