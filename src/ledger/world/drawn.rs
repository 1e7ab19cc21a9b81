//! Small whole-number programs drawn at random, with every whole point's
//! value counted one by one: the brute force the solver's unit tests
//! (`solve.rs`, `simplex/branch.rs`) compare it with.

use super::solve::{Program, Var};

/// A xorshift stream: the same draws on every run, no dependency.
pub(crate) struct Draw(u64);

impl Draw {
    pub(crate) fn new(seed: u64) -> Draw {
        Draw(seed)
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A row as drawn: its terms and its least and most.
pub(crate) type Row = (Vec<(Var, f64)>, f64, f64);

/// Adds `row` to `p` and keeps it for the brute force.
pub(crate) fn add_row(p: &mut Program, rows: &mut Vec<Row>, row: Row) {
    p.row(row.0.clone(), Some(row.1), Some(row.2));
    rows.push(row);
}

/// The objective's value at every whole point from `lows` to `highs`
/// (unknown `k` is `Var` `k`) that meets every row.
pub(crate) fn whole_values(
    lows: &[u64],
    highs: &[u64],
    rows: &[Row],
    objective: &[(Var, f64)],
) -> Vec<i128> {
    let mut x: Vec<u64> = lows.to_vec();
    let mut out = Vec::new();
    loop {
        let value = |terms: &[(Var, f64)]| -> f64 {
            terms.iter().map(|&(v, k)| k * x[v as usize] as f64).sum()
        };
        if rows
            .iter()
            .all(|(t, lo, hi)| (*lo..=*hi).contains(&value(t)))
        {
            out.push(value(objective) as i128);
        }
        // The next point, the first unknown fastest.
        let mut k = 0;
        loop {
            let Some(v) = x.get_mut(k) else {
                return out;
            };
            if *v < highs[k] {
                *v += 1;
                break;
            }
            *v = lows[k];
            k += 1;
        }
    }
}
