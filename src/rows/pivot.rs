//! Nations by locations: one cell per nation and location it holds
//! troops in, with each nation's, each location's and the grand total.

use crate::date::Day;
use crate::interval::Interval;
use crate::posture::{Entry, Posture};
use crate::rows::{posture::place, row};

row! {
    /// One cell of the nations-by-locations table: a nation's strength in
    /// a location (its top-level figures there, summed honestly), or a
    /// total (`location` = `total` for a nation's, `nation` = `total` for
    /// a location's, both for all troops). `pivot.csv` spreads the cells
    /// as nations by locations.
    pub struct PivotCell {
        /// The day of the posture.
        pub as_of: Day,
        /// The nation's code, `(not named)`, or `total`.
        pub nation: String,
        /// The location's label (`IRQ`, `JOR+KWT`), or `total`.
        pub location: String,
        /// The strength in notation.
        pub strength: String,
        /// At least this many.
        pub low: u64,
        /// At most this many; empty when nothing bounds it.
        pub high: Option<u64>,
        /// Whether `high` is empty because nothing bounds it.
        pub high_unbounded: bool,
    }
}

/// The posture's cells: for each nation (in the order of
/// [`Posture::by_nation`]) its locations in the order of
/// [`Posture::by_location`] then its total; then each location's total
/// and the grand total.
pub fn pivot(posture: &Posture<'_>) -> Vec<PivotCell> {
    let day = posture.day();
    let cell = |nation: String, location: String, total: Interval, strength: String| PivotCell {
        as_of: day,
        nation,
        location,
        strength,
        low: total.low(),
        high: total.high(),
        high_unbounded: total.high().is_none(),
    };
    let sum = |nation: String, location: String, total: Interval| {
        cell(nation, location, total, total.to_string())
    };
    let locations = posture.by_location();
    let mut out = Vec::new();
    for view in posture.by_nation() {
        let who = view
            .nation
            .map_or("(not named)".to_owned(), |n| n.to_string());
        for l in &locations {
            let tops: Vec<&Entry> = view
                .entries
                .iter()
                .copied()
                .filter(|e| !e.is_nested() && place(e.key()).0 == l.label)
                .collect();
            match tops.as_slice() {
                [] => {}
                // One figure keeps its notation (`~500`, not `450..550`).
                [one] => out.push(cell(
                    who.clone(),
                    l.label.clone(),
                    one.bounds(),
                    one.strength().to_string(),
                )),
                many => out.push(sum(who.clone(), l.label.clone(), posture.sum(many))),
            }
        }
        out.push(sum(who, "total".into(), view.total));
    }
    for l in &locations {
        out.push(sum("total".into(), l.label.clone(), l.total));
    }
    out.push(sum("total".into(), "total".into(), posture.total()));
    out
}
