//! A posture's totals, each as tight as the evidence allows: one row each.

use crate::date::Day;
use crate::interval::Interval;
use crate::posture::{Entry, Posture};
use crate::rows::{joined, row};
use crate::strength::Strength;

row! {
    /// One total of a posture: all troops, abroad, at home, each nation,
    /// each location, each mission's reported, contributed, planned and
    /// unattributed strength, and each total a source states beside the
    /// contributions it holds.
    ///
    /// The rows of `posture.csv` each carry their own tightest bounds, but
    /// figures are correlated (what a relocation took from one row arrived
    /// in another), so adding their `low`s and `high`s gives only outer
    /// bounds of a total; these are the exact totals.
    pub struct TotalRow {
        /// The day of the posture.
        pub as_of: Day,
        /// What is summed: `all`, `abroad`, `at_home`, `flagged` (the part
        /// of `all` resting on flagged figures), `left_out` (figures their
        /// own tables stopped listing, not in the totals), `nation`,
        /// `location`, `mission_reported`, `mission_contributions`,
        /// `mission_planned`, `mission_unattributed`, `stated`,
        /// `stated_contributions`, `stated_unattributed`, `stated_whole`.
        pub scope: String,
        /// Whose: a nation's or a country's code (`JOR+KWT` for places
        /// holding a figure together), a mission's code, a stated total's
        /// record and whose troops it counts, or a description.
        pub subject: String,
        /// The total in notation: `120`, `~500`, `450..550`, `>=1`.
        pub strength: String,
        /// At least this many.
        pub low: u64,
        /// At most this many; empty when nothing bounds it.
        pub high: Option<u64>,
        /// Whether `high` is empty because nothing bounds it.
        pub high_unbounded: bool,
        /// How many posture figures the total adds, for a sum of figures
        /// (a figure its own tables stopped listing is not added, unless
        /// the posture counts ended figures or every figure of the
        /// subject has ended).
        pub figures: Option<u64>,
        /// For `mission_contributions` and `stated_contributions`: the
        /// posture figures added (by `figure`), joined by `;`. A nation's
        /// or a location's figures are the posture rows of that nation or
        /// location.
        pub parts: String,
        /// For a figure a source states (`mission_reported`, `stated`):
        /// the date it describes, as precise as the source (`2020-01`).
        pub dated: Option<String>,
        /// For a figure a source states: the record that states it.
        pub sources: String,
    }
}

/// A total's row, with no parts, date or source.
fn sum(day: Day, scope: &str, subject: String, total: Interval) -> TotalRow {
    TotalRow {
        as_of: day,
        scope: scope.to_owned(),
        subject,
        strength: Strength::derived(total).to_string(),
        low: total.low(),
        high: total.high(),
        high_unbounded: total.high().is_none(),
        figures: None,
        parts: String::new(),
        dated: None,
        sources: String::new(),
    }
}

/// The sum of some figures: how many, and (for contributions) which.
fn of(mut row: TotalRow, figures: &[&Entry<'_>], named: bool) -> TotalRow {
    row.figures = Some(figures.len() as u64);
    if named {
        row.parts = joined(figures.iter().map(|e| e.key()));
    }
    row
}

/// The posture's totals: all, abroad, at home, flagged, left out, each
/// nation, each location, each mission, each stated total.
pub fn totals(posture: &Posture<'_>) -> Vec<TotalRow> {
    let day = posture.day();
    let row = |scope: &str, subject: String, total: Interval| sum(day, scope, subject, total);
    let mut out = vec![
        row("all", "all troops recorded".into(), posture.total()),
        row(
            "abroad",
            "troops outside their own nation".into(),
            posture.abroad(),
        ),
        row(
            "at_home",
            "troops in their own nation".into(),
            posture.at_home(),
        ),
    ];
    let (count, total) = posture.flagged();
    if count > 0 {
        let mut r = row(
            "flagged",
            "figures in the total that are flagged (see the posture's flags)".into(),
            total,
        );
        r.figures = Some(count as u64);
        out.push(r);
    }
    let (count, total) = posture.left_out();
    if count > 0 {
        let mut r = row(
            "left_out",
            "figures their own tables stopped listing (not in the totals above)".into(),
            total,
        );
        r.figures = Some(count as u64);
        out.push(r);
    }
    for v in posture.by_nation() {
        let who = v
            .nation
            .map_or("contributors not named".into(), |n| n.to_string());
        let tops = posture.current(
            v.entries
                .iter()
                .copied()
                .filter(|e| !e.is_nested())
                .collect(),
        );
        out.push(of(row("nation", who, v.total), &tops, false));
    }
    for v in posture.by_location() {
        let tops = posture.current(
            v.entries
                .iter()
                .copied()
                .filter(|e| !e.is_nested())
                .collect(),
        );
        out.push(of(row("location", v.label.clone(), v.total), &tops, false));
    }
    for v in posture.by_mission() {
        let m = v.mission.to_string();
        if let Some(r) = v.reported {
            let mut reported = row("mission_reported", m.clone(), r.strength().bounds());
            reported.strength = r.strength().to_string();
            reported.dated = Some(r.as_of().to_string());
            reported.sources = r.id().to_string();
            out.push(reported);
        }
        out.push(of(
            row("mission_contributions", m.clone(), v.attributed),
            &v.contributions,
            true,
        ));
        if let Some(p) = v.planned {
            out.push(row("mission_planned", m.clone(), p));
        }
        if let Some(u) = v.unattributed {
            out.push(row("mission_unattributed", m, u));
        }
    }
    for v in posture.stated_totals() {
        let t = v.total;
        let whose = t
            .nation()
            .map_or("every contributor".to_owned(), |n| n.to_string());
        let subject = format!("{whose} across {} missions ({})", t.organization(), t.id());
        let mut stated = row("stated", subject.clone(), t.strength().bounds());
        stated.strength = t.strength().to_string();
        stated.dated = Some(t.as_of().to_string());
        stated.sources = t.id().to_string();
        out.push(stated);
        out.push(of(
            row("stated_contributions", subject.clone(), v.attributed),
            &v.contributions,
            true,
        ));
        out.push(row("stated_unattributed", subject.clone(), v.unattributed));
        out.push(row("stated_whole", subject, v.whole));
    }
    out
}
