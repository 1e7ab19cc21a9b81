//! Contributions within the totals a source states over them (a nation's
//! troops across the UN's missions, every nation's), read through the
//! engine: the posture of the total's day.

use std::collections::BTreeMap;

use crate::date::Day;
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
        let mut days: BTreeMap<Day, usize> = BTreeMap::new();
        for t in data.totals() {
            *days.entry(t.as_of().earliest()).or_default() += 1;
        }
        let mut found = Vec::new();
        for day in days.into_keys() {
            let posture = self.ledger.posture(day);
            for view in posture.stated_totals() {
                if view.total.as_of().earliest() == day {
                    found.push(finding(&view));
                }
            }
        }
        self.out.extend(found);
    }
}

/// The finding for one stated total against the contributions it holds.
fn finding(view: &TotalView<'_>) -> Finding {
    let t = view.total;
    let stated = t.strength().bounds();
    let (mut severity, mut verdict) = within(&view.attributed, &stated);
    let short = view.attributed.high().is_some_and(|h| h < stated.low());
    if severity == Severity::Note && short && t.lists_every_part() {
        // The source lists every part: what they leave is the source
        // disagreeing with itself (or a row the import left out).
        severity = Severity::Warning;
        verdict = "its own parts fall short (a row left out by the import counts here too)";
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
        "{whose} across the {} missions on {}: stated {} ({}); contributions {} = {}; unattributed remainder {} — {verdict}",
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
        view.unattributed,
    );
    Finding::new(Rule::ContributionTotal, severity, records, message)
}
