//! Which cells hold troops before the records: the record is taken to be
//! complete about where a nation's troops are **not**. A cell whose first
//! record is an arrival — one that certainly comes before every report of
//! the cell and every move out of it — held none before it. Any other cell
//! (first reported, or first left, or with an arrival that may come after
//! a claim on it) held a number no record states.

use crate::date::Day;

/// A move into a cell: its last possible day, and which move (by its
/// row in `relocations.csv`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Arrival {
    pub(crate) last: Day,
    pub(crate) by: usize,
}

/// A record that says troops are in a cell: a report of a figure that
/// holds it, or a move out of one. `after`: the move it is placed right
/// after, for a report placed so.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Claim {
    pub(crate) first: Day,
    pub(crate) after: Option<usize>,
}

/// Arrivals tried as the first record of a cell, at most: the earliest
/// ones are the ones that can come first.
const MOST_TRIED: usize = 8;

/// Whether a cell starts empty: some arrival certainly comes before every
/// claim on it (on an earlier day, or with the claim placed right after
/// that very move).
pub(crate) fn starts_empty(arrivals: &mut [Arrival], claims: &[Claim]) -> bool {
    arrivals.sort_by_key(|a| a.last);
    arrivals.iter().take(MOST_TRIED).any(|a| {
        claims
            .iter()
            .all(|c| a.last < c.first || c.after == Some(a.by))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Day {
        chrono::NaiveDate::from_ymd_opt(2020, 1, d).expect("day")
    }

    #[test]
    fn a_cell_first_entered_starts_empty() {
        let mut arrivals = [Arrival {
            last: day(1),
            by: 0,
        }];
        // Left the next day: the arrival came first.
        let left = [Claim {
            first: day(2),
            after: None,
        }];
        assert!(starts_empty(&mut arrivals, &left));
        // Reported the same day, not placed after the move: it may have
        // come first, so the cell may have held troops.
        let same_day = [Claim {
            first: day(1),
            after: None,
        }];
        assert!(!starts_empty(&mut arrivals, &same_day));
        // Placed right after that very move: the arrival came first.
        let placed = [Claim {
            first: day(1),
            after: Some(0),
        }];
        assert!(starts_empty(&mut arrivals, &placed));
        // Placed after another move of the day: no.
        let other = [Claim {
            first: day(1),
            after: Some(7),
        }];
        assert!(!starts_empty(&mut arrivals, &other));
        // No arrival: unknown.
        assert!(!starts_empty(&mut [], &left));
        // No claim: empty.
        assert!(starts_empty(&mut arrivals, &[]));
    }
}
