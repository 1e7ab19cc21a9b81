//! The totals a source states over many contributions (a nation's troops
//! across the UN's missions, every nation's), beside the contributions
//! the posture holds.

use std::collections::BTreeMap;

use crate::interval::Interval;
use crate::ledger::contributions;
use crate::nation::NationCode;
use crate::posture::{Entry, Posture};
use crate::total::Total;

/// A stated total on the day, beside the contributions it holds.
#[derive(Clone, Debug)]
pub struct TotalView<'p> {
    /// The total, from its source's latest edition on or before the day.
    pub total: &'p Total,
    /// The contributions it holds: the nation's (or every nation's)
    /// figures under the organisation's missions, each counted once (an
    /// area is not added to its country), not those their own tables
    /// stopped listing.
    pub contributions: Vec<&'p Entry<'p>>,
    /// Their sum, as tight as the evidence allows.
    pub attributed: Interval,
    /// The stated total minus the contributions: what no recorded
    /// contribution accounts for. Where it cannot be above zero for
    /// certain, the contributions exceed the total (a contradiction
    /// validation names).
    pub unattributed: Interval,
    /// The whole, as tight as both allow: the stated total, and at least
    /// the contributions (which it holds). Empty bounds cannot be: where
    /// the two disagree, the stated total stands, and validation says so.
    pub whole: Interval,
}

impl Posture<'_> {
    /// The totals of each source's latest edition on or before the day
    /// (a total its source does not state again ends there, as a figure
    /// does), each beside the sum of the contributions it holds. None on a posture narrowed to a mission or
    /// a country (its entries are only part of any total); a posture
    /// narrowed to a nation has that nation's.
    ///
    /// ```
    /// use troop_tracker::{import::ipi, Ledger};
    ///
    /// let header = "Date,Contributor,Contributor_ISO-3,Mission,\
    ///     Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,\
    ///     Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,\
    ///     Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,\
    ///     Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total";
    /// // Ghana's troops in two missions, and its `all` row: 10 more than they.
    /// let row = |mission: &str, m: u64, f: u64| {
    ///     let n = m + f;
    ///     format!("2012-06-30,Ghana,GHA,{mission},NA,NA,NA,NA,NA,NA,NA,NA,NA,{m},{f},{n},{m},{f},{n}")
    /// };
    /// let table = [header.to_owned(), row("UNIFIL", 850, 20), row("UNMIL", 700, 10), row("all", 1560, 30)]
    ///     .join("\n");
    /// let import = ipi::from_text(("t.csv".into(), table.into()))?;
    /// let ledger = Ledger::new(&import.dataset);
    /// let posture = ledger.posture("2012-06-30".parse()?);
    /// let [ghana] = &posture.stated_totals()[..] else { panic!("one total") };
    /// assert_eq!(ghana.total.strength().to_string(), "1590");
    /// assert_eq!(ghana.attributed.to_string(), "1580");
    /// assert_eq!(ghana.unattributed.to_string(), "10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stated_totals(&self) -> Vec<TotalView<'_>> {
        let only = match self.narrowed {
            Some(None) => return Vec::new(),
            Some(Some(n)) => Some(n),
            None => None,
        };
        let day = self.day();
        // A total stands until its table's next edition (every day the
        // table has rows for, totals among them); one it does not state
        // again ends there, as a figure does when its table stops listing
        // it.
        let stands = |t: &Total| {
            let first = t.as_of().earliest();
            first <= day && self.world.latest_edition(t.citation().source(), day) == Some(first)
        };
        // Each organisation's contributions, by nation, found once for
        // all its totals.
        let mut by_organization: BTreeMap<&str, ByNation<'_>> = BTreeMap::new();
        let mut out = Vec::new();
        for t in self.dataset().totals() {
            if !stands(t) || only.is_some_and(|n| t.nation() != Some(n)) {
                continue;
            }
            let by_nation = by_organization
                .entry(t.organization())
                .or_insert_with(|| self.contributions_by_nation(t.organization()));
            let contributions: Vec<&Entry<'_>> = match t.nation() {
                Some(n) => by_nation.get(&Some(n)).cloned().unwrap_or_default(),
                None => by_nation.values().flatten().copied().collect(),
            };
            out.push(self.beside(t, contributions));
        }
        out
    }

    /// One total beside its contributions.
    fn beside<'p>(&'p self, total: &'p Total, contributions: Vec<&'p Entry<'p>>) -> TotalView<'p> {
        let attributed = self.sum(&contributions);
        let stated = total.strength().bounds();
        let unattributed = stated.minus(&attributed);
        let at_least = Interval::at_least(attributed.low());
        let whole = stated.intersect(&at_least).unwrap_or(stated);
        TotalView {
            total,
            contributions,
            attributed,
            unattributed,
            whole,
        }
    }

    /// The entries totals over an organisation's missions hold, by
    /// nation: for each of its missions, each nation's contributions,
    /// counted as a mission's are (an area not added to its country); not
    /// those their tables stopped listing.
    fn contributions_by_nation(&self, organization: &str) -> ByNation<'_> {
        let mut out: ByNation<'_> = BTreeMap::new();
        for m in self.dataset().missions() {
            if m.organization() != organization {
                continue;
            }
            let figures = self.entries().iter().map(|e| (&*e.key, &*e.figure));
            for (k, _) in contributions(figures, m.id(), m.host()) {
                let Ok(i) = self.entries().binary_search_by(|e| e.key().cmp(k)) else {
                    continue;
                };
                if let Some(e) = self.entries().get(i) {
                    if self.options.count_ended || e.ended.is_none() {
                        out.entry(e.nation()).or_default().push(e);
                    }
                }
            }
        }
        out
    }
}

/// Entries by nation (`None`: contributors no source names).
type ByNation<'p> = BTreeMap<Option<NationCode>, Vec<&'p Entry<'p>>>;
