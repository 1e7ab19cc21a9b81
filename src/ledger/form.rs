//! Figures as sums of unknowns, so that what a relocation takes from one
//! place is seen to arrive at the other.
//!
//! Every uncertain quantity of the ledger is a [`Var`] with its own
//! bounds: a figure stated as `~500`, the count a relocation moves, the
//! part of a temporary move that may since have come back, the troops at
//! an origin no one had counted. A figure is a [`Form`]: a constant plus
//! and minus some of them (every coefficient is ±1). Two figures that share
//! a variable are correlated: Canada's troops in Iraq (`500 - m + t`) and
//! in Kuwait (`m - t`) always add up to 500, whatever `m` and `t` are.

use std::sync::Arc;

use crate::date::Day;
use crate::interval::Interval;

/// The index of a [`Var`] in its replay's table.
pub(crate) type VarId = u32;

/// An uncertain quantity: a whole number within `[low, high]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Var {
    pub(crate) low: u64,
    /// `None`: no upper bound.
    pub(crate) high: Option<u64>,
    /// A part of a temporary move that may have come back: zero on the
    /// day of the move itself, and at most the moved count (`at_most`)
    /// from the next day on.
    pub(crate) returns_after: Option<Day>,
    /// Another variable this one cannot exceed.
    pub(crate) at_most: Option<VarId>,
}

impl Var {
    /// A quantity within `bounds`.
    pub(crate) fn within(bounds: Interval) -> Var {
        Var {
            low: bounds.low(),
            high: bounds.high(),
            returns_after: None,
            at_most: None,
        }
    }

    /// Its bounds on `day`.
    pub(crate) fn on(&self, day: Day) -> (u64, Option<u64>) {
        match self.returns_after {
            Some(moved) if day <= moved => (0, Some(0)),
            _ => (self.low, self.high),
        }
    }
}

/// A constant plus or minus some variables, shared between the figures of
/// successive steps: adding a term is O(1) and copies nothing.
#[derive(Clone, Default)]
pub(crate) struct Form {
    constant: i64,
    terms: Option<Arc<Term>>,
}

struct Term {
    var: VarId,
    sign: i8,
    next: Option<Arc<Term>>,
}

impl Drop for Term {
    // Freed iteratively: a figure moved thousands of times has as many
    // terms.
    fn drop(&mut self) {
        let mut next = self.next.take();
        while let Some(term) = next {
            match Arc::try_unwrap(term) {
                Ok(mut owned) => next = owned.next.take(),
                Err(_) => break,
            }
        }
    }
}

impl Form {
    /// The constant `c`.
    pub(crate) fn constant(c: i64) -> Form {
        Form {
            constant: c,
            terms: None,
        }
    }

    /// One variable.
    pub(crate) fn var(v: VarId) -> Form {
        Form::default().plus(v)
    }

    /// This form plus `v`.
    pub(crate) fn plus(&self, v: VarId) -> Form {
        self.with(v, 1)
    }

    /// This form minus `v`.
    pub(crate) fn minus(&self, v: VarId) -> Form {
        self.with(v, -1)
    }

    /// This form plus `c`.
    pub(crate) fn add(&self, c: i64) -> Form {
        Form {
            constant: self.constant.saturating_add(c),
            terms: self.terms.clone(),
        }
    }

    fn with(&self, var: VarId, sign: i8) -> Form {
        Form {
            constant: self.constant,
            terms: Some(Arc::new(Term {
                var,
                sign,
                next: self.terms.clone(),
            })),
        }
    }

    /// The constant part.
    pub(crate) fn constant_part(&self) -> i64 {
        self.constant
    }

    /// Each term as (variable, ±1), newest first.
    pub(crate) fn terms(&self) -> impl Iterator<Item = (VarId, i64)> + '_ {
        std::iter::successors(self.terms.as_deref(), |t| t.next.as_deref())
            .map(|t| (t.var, i64::from(t.sign)))
    }
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.constant)?;
        for (v, s) in self.terms() {
            write!(f, " {} x{v}", if s > 0 { '+' } else { '-' })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_share_their_terms_and_keep_signs() {
        let a = Form::constant(500).minus(0).plus(1);
        let b = Form::var(0).minus(1);
        assert_eq!(format!("{a:?}"), "500 + x1 - x0");
        assert_eq!(format!("{b:?}"), "0 - x1 + x0");
        assert_eq!(a.add(-10).constant_part(), 490);
        assert_eq!(Form::constant(3).terms().count(), 0);
    }

    #[test]
    fn a_return_is_zero_on_the_day_of_its_move() {
        let day: Day = "2020-01-09".parse().expect("day");
        let t = Var {
            low: 0,
            high: Some(499),
            returns_after: Some(day),
            at_most: Some(0),
        };
        assert_eq!(t.on(day), (0, Some(0)));
        assert_eq!(t.on(day.succ_opt().expect("next")), (0, Some(499)));
    }
}
