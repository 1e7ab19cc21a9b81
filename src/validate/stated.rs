//! Contributions within the totals a source states over them (a nation's
//! troops across the UN's missions, every nation's), read through the
//! engine: the posture of the total's day.

use std::collections::BTreeSet;

use crate::date::Day;
use crate::interval::Interval;
use crate::posture::TotalView;
use crate::validate::{chain_ids, within, Checks};
use crate::validate::{Finding, Rule, Severity};

/// How many contributions a finding names with their records; the rest
/// are counted.
const LISTED: usize = 12;

impl Checks<'_> {
    pub(super) fn stated_totals(&mut self) {
        let data = self.data;
        if data.totals().is_empty() {
            return;
        }
        // Each day a total is stated, once.
        let days: BTreeSet<Day> = data.totals().iter().map(|t| t.as_of().earliest()).collect();
        let mut found = Vec::new();
        for day in days {
            let posture = self.ledger.posture(day);
            for view in posture.stated_totals() {
                if view.total.as_of().earliest() == day {
                    let claims = self.every_claim(&view);
                    found.push(finding(&view, &claims));
                }
            }
        }
        self.out.extend(found);
    }
}

impl Checks<'_> {
    /// The contributions' sum over every claim of their day: where rows
    /// of one day disagree on a part (competing claims, one shown and
    /// flagged disputed), the sum could be any of theirs, so that the
    /// verdict never depends on which row came last.
    fn every_claim(&self, view: &TotalView<'_>) -> Interval {
        let (mut low, mut high) = (view.attributed.low(), view.attributed.high());
        for e in &view.contributions {
            let observed = e.last_observed();
            let others: Vec<Interval> = e
                .disputed_by()
                .iter()
                .filter_map(|id| self.deployments.get(id.as_str()))
                .filter_map(|&i| self.data.deployments().get(i))
                .filter(|d| Some(d.as_of().earliest()) == observed)
                .map(|d| d.strength().bounds())
                .collect();
            if others.is_empty() {
                continue;
            }
            let own = e.bounds();
            let least = others.iter().map(Interval::low).fold(own.low(), u64::min);
            low = low.saturating_sub(own.low()).saturating_add(least);
            let most = others
                .iter()
                .map(Interval::high)
                .try_fold(0u64, |m, h| h.map(|h| m.max(h)));
            high = match (high, own.high(), most) {
                (Some(h), Some(o), Some(m)) => h.saturating_sub(o).checked_add(m.max(o)),
                _ => None,
            };
        }
        match high {
            Some(h) => Interval::new(low, h).unwrap_or(view.attributed),
            None => Interval::at_least(low),
        }
    }
}

/// The finding for one stated total against the contributions it holds
/// (`claims`: their sum over every claim of the day).
fn finding(view: &TotalView<'_>, claims: &Interval) -> Finding {
    let t = view.total;
    let stated = t.strength().bounds();
    let (mut severity, mut verdict) = within(claims, &stated);
    let short = claims.high().is_some_and(|h| h < stated.low());
    if severity == Severity::Note && short && t.lists_every_part() {
        // The source lists every part: what they leave is the source
        // disagreeing with itself (or a row the import left out).
        severity = Severity::Warning;
        verdict = "its own parts fall short (a row left out by the import, or a row listing the nation without a troop figure, counts here too)";
    }
    let mut records = vec![t.id().to_string()];
    for e in view.contributions.iter().take(LISTED) {
        records.extend(chain_ids(e.basis()));
    }
    let mut listed: Vec<String> = view
        .contributions
        .iter()
        .take(LISTED)
        .map(|e| {
            let who = e.nation().map_or("unnamed".to_owned(), |n| n.to_string());
            let under = e.mission().map_or(String::new(), |m| format!(" in {m}"));
            format!("{who}{under} {}", e.strength())
        })
        .collect();
    if view.contributions.len() > LISTED {
        listed.push(format!("{} more", view.contributions.len() - LISTED));
    }
    let whose = t
        .nation()
        .map_or("every contributor".to_owned(), |n| n.to_string());
    let message = format!(
        "{whose} across the {} missions on {}: stated {} ({}); contributions {} = {}{}; unattributed remainder {} — {verdict}",
        t.organization(),
        t.as_of(),
        t.strength(),
        t.id(),
        if listed.is_empty() {
            "none recorded".to_owned()
        } else {
            listed.join(" + ")
        },
        view.attributed,
        if claims == &view.attributed {
            String::new()
        } else {
            format!(" ({claims} over the rows of the day that disagree)")
        },
        view.unattributed,
    );
    Finding::new(Rule::ContributionTotal, severity, records, message)
}
