//! A figure's note: in words, what keeps a reader from taking it at face
//! value (the summary's "Notes" column, and `note` in every format).

use crate::ledger::Origin;
use crate::posture::{Entry, Flag, Status};

/// Flags that keep a reader from taking a figure at face value, in words.
pub(crate) fn note(e: &Entry) -> String {
    let mut f: Vec<String> = Vec::new();
    if e.status() == Status::Planned {
        f.push("planned".into());
    }
    if e.is_stale() {
        f.push("stale".into());
    }
    if let (Some(day), Some(seen)) = (e.not_reported_since(), e.last_observed()) {
        f.push(format!("not reported {day} (last {seen})"));
    }
    match e.origin() {
        Origin::Competing => f.push("competing".into()),
        Origin::ArrivalsOnly => f.push("arrivals".into()),
        Origin::Unobserved => f.push("no prior figure".into()),
        Origin::Share => f.push("share".into()),
        _ => {}
    }
    if !e.disputed_by().is_empty() {
        let others: Vec<&str> = e.disputed_by().iter().map(|r| r.as_str()).collect();
        f.push(format!("disputed by {}", others.join(" ")));
    }
    if let Some(day) = e.ended() {
        f.push(format!("ended {day}: not in totals"));
    }
    if let Some((probably, pattern)) = e.probably() {
        f.push(format!(
            "suspect: probably {probably} ({} of {} overlaps: the {} in {} are {:.2}x {})",
            pattern.agreeing,
            pattern.overlaps,
            pattern.describe_dates(),
            pattern.source,
            pattern.ratio,
            pattern.other
        ));
    } else if e.flags().contains(&Flag::Suspect) {
        f.push("suspect".into());
    }
    if e.is_contradicted() {
        f.push("contradicted".into());
    } else if e.origin() == Origin::Observed && e.bounds() != e.own_bounds() {
        if e.is_within_stated() {
            // A stated figure the rest of the evidence narrows: `>=1`
            // inside a country figure of 90 is at most 90.
            f.push(format!("so {}", e.bounds()));
        } else if let Some(stated) = e.stated() {
            // The figure may have changed since its report (troops that
            // may have come back): say what the source said.
            f.push(format!("reported {stated}"));
        }
    }
    f.join(", ")
}
