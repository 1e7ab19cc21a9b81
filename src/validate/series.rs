//! A figure's series over time: a one-period spike.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::deployment::Deployment;
use crate::fasthash::FastMap;
use crate::ledger::Key;
use crate::strength::StrengthKind;
use crate::validate::{ids, Checks, Rule, Severity};

/// How many times the figures before and after it an observation must be
/// to be a spike: 1.8, "roughly double" with room for the neighbours'
/// own drift.
pub const SPIKE_RATIO: f64 = 1.8;

/// How far apart (as a share of the larger) the figures before and after
/// a spike may be and still count as a return: 20%.
pub const SPIKE_RETURN: f64 = 0.2;

/// The least excess, in troops, that counts: a jump from 2 to 4 is no
/// spike worth a finding.
pub const SPIKE_MIN_TROOPS: u64 = 50;

/// One period's bounded observations of a key.
type Period<'d> = Vec<&'d Deployment>;

impl<'a> Checks<'a> {
    /// Each key's observations by period (their date's first and last
    /// day), oldest first; an observation that is at least
    /// [`SPIKE_RATIO`] times every figure of the periods before and after
    /// it, when those agree within [`SPIKE_RETURN`], is a warning.
    pub(super) fn spikes(&mut self) {
        let data = self.data;
        let mut series: FastMap<Key, BTreeMap<(NaiveDate, NaiveDate), Period<'a>>> =
            FastMap::default();
        for d in data.deployments() {
            let counted = d.strength().bounds().high().is_some()
                && d.strength().kind() != StrengthKind::NotReported
                && d.relative_to().is_none();
            if counted {
                let span = (d.as_of().earliest(), d.as_of().latest());
                series
                    .entry(Key::of_deployment(d))
                    .or_default()
                    .entry(span)
                    .or_default()
                    .push(d);
            }
        }
        let mut keys: Vec<_> = series.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, periods) in keys {
            let periods: Vec<&Period<'a>> = periods.values().collect();
            for w in periods.windows(3) {
                let [before, now, after] = w else { continue };
                for d in now.iter() {
                    self.spike(&key, before, d, after);
                }
            }
        }
    }

    fn spike(&mut self, key: &Key, before: &Period<'_>, d: &Deployment, after: &Period<'_>) {
        let around = || {
            before
                .iter()
                .chain(after.iter())
                .map(|n| n.strength().bounds())
        };
        let Some(highest) = around().filter_map(|b| b.high()).max() else {
            return;
        };
        let lowest = around().map(|b| b.low()).min().unwrap_or(0);
        let low = d.strength().bounds().low();
        let returns = lowest as f64 >= (1.0 - SPIKE_RETURN) * highest as f64;
        let jumps = low as f64 >= SPIKE_RATIO * highest as f64;
        if !(returns && jumps && low.saturating_sub(highest) >= SPIKE_MIN_TROOPS) {
            return;
        }
        let name = |p: &Period<'_>| {
            p.iter()
                .map(|n| format!("{} ({})", n.strength(), n.id()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let msg = format!(
            "{key}: {} on {} ({}) is {:.1} times the figures before and after it — {} on {}, then {} on {} — and they agree within {:.0}%: a one-period spike, more likely an error of the table than troops that came and went",
            d.strength(),
            d.as_of(),
            d.id(),
            low as f64 / highest as f64,
            name(before),
            before.first().map_or(String::new(), |n| n.as_of().to_string()),
            name(after),
            after.first().map_or(String::new(), |n| n.as_of().to_string()),
            SPIKE_RETURN * 100.0
        );
        let recs = ids(before
            .iter()
            .map(|n| n.id())
            .chain([d.id()])
            .chain(after.iter().map(|n| n.id())));
        self.push(Rule::Spike, Severity::Warning, recs, msg);
    }
}
