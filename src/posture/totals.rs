//! A posture's sums (each cell once; of a joint destination, what may be
//! in the country) and totals: all troops, abroad, at home, and
//! what the totals leave out (figures their own tables stopped listing).

use crate::interval::Interval;
use crate::ledger::Term;
use crate::posture::{interval, Entry, Posture};

impl Posture<'_> {
    /// The tightest bounds of the sum of some entries (each cell once);
    /// their own bounds summed where no world meets the records around
    /// them.
    pub(crate) fn sum(&self, entries: &[&Entry<'_>]) -> Interval {
        let sum = self.cells_of(entries.iter().copied());
        let whole: Vec<&Entry<'_>> = entries
            .iter()
            .copied()
            .filter(|e| !self.partly_elsewhere(e))
            .collect();
        if whole.len() == entries.len() {
            return match self.world.ranges(self.at(), &[sum]).pop() {
                Some(Ok(range)) => interval(range),
                _ => Interval::sum(entries.iter().map(|e| &e.bounds)),
            };
        }
        // Narrowed to a country, with figures held jointly with other
        // countries: their troops in this country. At least what the cells
        // wholly here must hold, at most all of every cell that may be
        // here: a cell no record splits between countries (a joint
        // destination neither of whose countries is reported alone) may be
        // here in any part, while a country reported alone bounds what of
        // a joint figure is in it.
        let countries = |t: &(Term, f64)| match t.0 {
            Term::Cell(c) => self.world.countries_of(c),
            Term::Moved(_) => &[],
        };
        let here = |t: &&(Term, f64)| countries(t) == self.country.as_slice();
        let maybe = |t: &&(Term, f64)| self.country.is_some_and(|c| countries(t).contains(&c));
        let inside: Vec<(Term, f64)> = sum.iter().filter(here).copied().collect();
        let sum: Vec<(Term, f64)> = sum.iter().filter(maybe).copied().collect();
        let mut ranges = self.world.ranges(self.at(), &[inside, sum]).into_iter();
        match (ranges.next(), ranges.next()) {
            (Some(Ok(low)), Some(Ok(high))) => {
                let (low, high) = (interval(low), interval(high));
                high.high().map_or(Interval::at_least(low.low()), |h| {
                    Interval::new(low.low(), h.max(low.low())).unwrap_or(high)
                })
            }
            _ => {
                let low = Interval::sum(whole.iter().map(|e| &e.bounds)).low();
                let high = Interval::sum(entries.iter().map(|e| &e.bounds));
                high.high().map_or(Interval::at_least(low), |h| {
                    Interval::new(low, h.max(low)).unwrap_or(high)
                })
            }
        }
    }

    /// Whether a figure lies partly outside the country the posture was
    /// narrowed to (a joint destination).
    fn partly_elsewhere(&self, e: &Entry<'_>) -> bool {
        self.country
            .is_some_and(|c| e.key.places.iter().any(|l| l.country() != c))
    }

    /// All troops on the day: the sum of every top-level figure, with the
    /// tightest bounds the evidence allows (what a relocation took from one
    /// place is counted where it arrived, not lost or counted twice).
    pub fn total(&self) -> Interval {
        let tops: Vec<&Entry<'_>> = self.entries.iter().filter(|e| self.counts(e)).collect();
        self.sum(&tops)
    }

    /// Whether a figure is added into totals: a top-level figure, not one
    /// its tables stopped listing (unless the options count those).
    pub(crate) fn counts(&self, e: &Entry<'_>) -> bool {
        !e.is_nested() && (self.options.count_ended || e.ended.is_none())
    }

    /// The top-level figures left out of every total because their own
    /// tables stopped listing them, and their sum (as it stood when they
    /// were last listed); none when the options count them.
    pub fn left_out(&self) -> (usize, Interval) {
        if self.options.count_ended {
            return (0, Interval::exactly(0));
        }
        let ended: Vec<&Entry<'_>> = self
            .entries
            .iter()
            .filter(|e| !e.is_nested() && e.ended.is_some())
            .collect();
        (ended.len(), self.sum(&ended))
    }

    /// Troops outside their own nation's territory: the sum of every
    /// top-level figure not [at home](Entry::is_at_home), as tight as the
    /// evidence allows. "All US troops abroad" is this one number.
    pub fn abroad(&self) -> Interval {
        let tops: Vec<&Entry<'_>> = self
            .entries
            .iter()
            .filter(|e| self.counts(e) && !e.is_at_home())
            .collect();
        self.sum(&tops)
    }

    /// Troops in their own nation's territory (the US in the United
    /// States): not a deployment abroad, so given apart from
    /// [`Posture::abroad`].
    pub fn at_home(&self) -> Interval {
        let tops: Vec<&Entry<'_>> = self
            .entries
            .iter()
            .filter(|e| self.counts(e) && e.is_at_home())
            .collect();
        self.sum(&tops)
    }

    /// How much of the total rests on flagged figures: the figures it adds
    /// that are disputed, contradicted, stale or carried past a "not
    /// reported", and their sum. A reader quoting the total can say how
    /// much of it is in question.
    pub fn flagged(&self) -> (usize, Interval) {
        let flagged: Vec<&Entry<'_>> = self
            .entries
            .iter()
            .filter(|e| self.counts(e) && !e.flags().is_empty())
            .collect();
        (flagged.len(), self.sum(&flagged))
    }
}
