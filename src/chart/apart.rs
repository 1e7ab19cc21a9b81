//! Series that disagree, drawn apart: where the import found two series
//! of one figure alternating beyond their uncertainty
//! ([`Doubt::Interleaved`]), each series' own figures become a line of
//! their own, so the chart shows two levels instead of one zigzag.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::chart::series::{Point, Role, Series};
use crate::doubt::{month_name, Doubt};
use crate::ledger::Ledger;
use crate::timeline::{Subject, TimelineKind};

/// The subject's disagreeing series: one per figure, source and month of
/// the year, each point an observation of that series (its own figure,
/// as read), flagged disputed.
pub(super) fn disagreeing(ledger: &Ledger<'_>, subject: &Subject) -> Vec<Series> {
    let data = ledger.dataset();
    let mut groups: BTreeMap<(String, String, u32), Vec<Point>> = BTreeMap::new();
    let disputed: std::collections::HashMap<&str, &crate::deployment::Deployment> = data
        .deployments()
        .iter()
        .filter(|d| {
            d.doubts()
                .iter()
                .any(|x| matches!(x, Doubt::Interleaved { .. }))
        })
        .map(|d| (d.id().as_str(), d))
        .collect();
    if disputed.is_empty() {
        return Vec::new();
    }
    let timeline = data.timeline(subject);
    for item in timeline.iter().filter(|i| i.kind == TimelineKind::Observed) {
        let Some(d) = disputed.get(item.record.as_str()) else {
            continue;
        };
        let Some(day) = item.date.last_day() else {
            continue;
        };
        let figure = item.step.key.to_string();
        let source = d.citation().source().to_string();
        groups
            .entry((figure, source, d.as_of().earliest().month()))
            .or_default()
            .push(Point {
                day,
                bounds: d.strength().bounds(),
                planned: false,
                records: vec![item.record.clone()],
                not_reported: false,
                flags: item.flags.iter().map(|f| f.as_str().to_owned()).collect(),
            });
    }
    groups
        .into_iter()
        .map(|((figure, source, month), points)| Series {
            label: format!(
                "{figure}: {source}, {} figures (disagreeing)",
                month_name(month)
            ),
            role: Role::Apart,
            points,
        })
        .collect()
}
