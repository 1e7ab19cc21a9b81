//! `posture.csv` and the pivot: a posture as rows, and as nations by
//! locations.

use std::io::Write;

use crate::export::{bounds, join, location_cells, opt, rows, text, value, yes_no, Cell};
use crate::export::{ExportError, ExportOptions};
use crate::interval::Interval;
use crate::posture::{Entry, Posture};

/// The columns of `posture.csv`, in order.
pub const POSTURE_COLUMNS: &[&str] = &[
    "as_of",
    "nation",
    "nation_name",
    "mission",
    "location",
    "area",
    "strength",
    "low",
    "high",
    "high_unbounded",
    "kind",
    "status",
    "sources",
    "part_of",
    "part_low",
    "part_high",
    "origin",
    "last_observed",
    "stale",
    "not_reported_since",
    "flags",
    "disputed_by",
    "ended",
    "probably",
];

/// Writes the posture, one row per nation, mission and location.
///
/// `low` and `high` are what each row adds to the totals, so summing them
/// gives outer bounds of [`Posture::total`] (the exact totals are in
/// [`write_totals`]); an empty `high` means no upper bound, and says so in
/// `high_unbounded` (`yes`), since a spreadsheet or pandas sums an empty
/// cell as nothing and would report a finite total. A row
/// that is part of another (an area of a country figure, one mission of an
/// all-missions figure) names it in `part_of` and gives its counts in
/// `part_low`/`part_high` instead, so nothing is counted twice.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_posture<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let data = posture.dataset();
    let mut out = Vec::with_capacity(posture.entries().len());
    for e in posture.entries() {
        let (location, area) = location_cells(e.key());
        let nation_name = match e.nation() {
            Some(n) => data
                .nation(n)
                .map_or(String::new(), |x| x.name().to_owned()),
            None => "contributors not named".to_owned(),
        };
        let parent = e.nested_in().and_then(|i| posture.entries().get(i));
        let ((low, high, unbounded), (part_low, part_high)) = match parent {
            Some(_) => ((value(""), value(""), value("")), bounds(e.bounds())),
            None => {
                let (low, high) = bounds(e.bounds());
                (
                    (low, high, unbounded_cell(e.bounds())),
                    (value(""), value("")),
                )
            }
        };
        out.push(vec![
            value(posture.day()),
            opt(e.nation()),
            text(nation_name),
            opt(e.mission()),
            location,
            area,
            value(e.strength()),
            low,
            high,
            unbounded,
            value(e.strength().kind()),
            value(e.status()),
            join(e.basis()),
            opt(parent.map(|p: &Entry| p.key().to_string())),
            part_low,
            part_high,
            value(e.origin()),
            opt(e.last_observed()),
            yes_no(Some(e.is_stale())),
            opt(e.not_reported_since()),
            text(
                e.flags()
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            text(
                e.disputed_by()
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            opt(e.ended()),
            opt(e.probably().map(|(n, _)| n)),
        ]);
    }
    rows(w, options, POSTURE_COLUMNS, out)
}

/// Writes nations as rows and locations as columns, each cell the
/// nation's strength there (its top-level figures, summed honestly), with
/// totals in the last row and the last column.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_pivot<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let locations = posture.by_location();
    let labels: Vec<String> = locations.iter().map(|l| l.label.clone()).collect();
    let mut header: Vec<&str> = vec!["nation"];
    header.extend(labels.iter().map(String::as_str));
    header.push("total");
    let mut out = Vec::new();
    let label_of = |e: &Entry| match e.key().places.as_slice() {
        [one] => one.country().to_string(),
        _ => e.key().places_label(),
    };
    for view in posture.by_nation() {
        let mut cells = vec![value(
            view.nation
                .map_or("(not named)".to_owned(), |n| n.to_string()),
        )];
        for label in &labels {
            let tops: Vec<&&Entry> = view
                .entries
                .iter()
                .filter(|e| !e.is_nested() && &label_of(e) == label)
                .collect();
            let cell = match tops.as_slice() {
                [] => String::new(),
                [one] => one.strength().to_string(),
                many => {
                    let parts: Vec<&Entry> = many.iter().map(|e| **e).collect();
                    posture.sum(&parts).to_string()
                }
            };
            cells.push(value(cell));
        }
        cells.push(value(view.total));
        out.push(cells);
    }
    let mut totals = vec![value("total")];
    totals.extend(locations.iter().map(|l| value(l.total)));
    totals.push(value(posture.total()));
    out.push(totals);
    rows(w, options, &header, out)
}

/// The columns of `totals.csv`, in order.
pub const TOTALS_COLUMNS: &[&str] = &[
    "as_of",
    "scope",
    "subject",
    "strength",
    "low",
    "high",
    "high_unbounded",
];

/// Writes the posture's totals, each as tight as the evidence allows: all
/// troops, each nation, each location, and each mission's contributions,
/// planned strength and unattributed remainder.
///
/// The rows of `posture.csv` each carry their own tightest bounds, but
/// figures are correlated (what a relocation took from one row arrived in
/// another), so adding their `low`s and `high`s gives only outer bounds
/// of a total; the exact totals are these. `high` is empty where there
/// is no upper bound, and `high_unbounded` then says `yes`.
///
/// # Errors
///
/// [`ExportError`] when the writer fails.
pub fn write_totals<W: Write>(
    w: W,
    posture: &Posture<'_>,
    options: ExportOptions,
) -> Result<usize, ExportError> {
    let day = posture.day();
    let row = |scope: &str, subject: String, total: Interval| -> Vec<Cell> {
        let (low, high) = bounds(total);
        vec![
            value(day),
            value(scope),
            text(subject),
            value(crate::strength::Strength::derived(total)),
            low,
            high,
            unbounded_cell(total),
        ]
    };
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
    // How much of the total rests on flagged figures.
    let (count, sum) = posture.flagged();
    if count > 0 {
        out.push(row(
            "flagged",
            format!("{count} figures in the total that are flagged (see posture.csv's flags)"),
            sum,
        ));
    }
    // What the totals above left out, and how much it came to.
    let (count, sum) = posture.left_out();
    if count > 0 {
        out.push(row(
            "left_out",
            format!("{count} figures their own tables stopped listing (not in the totals above)"),
            sum,
        ));
    }
    for v in posture.by_nation() {
        let who = v
            .nation
            .map_or("contributors not named".into(), |n| n.to_string());
        out.push(row("nation", who, v.total));
    }
    for v in posture.by_location() {
        out.push(row("location", v.label.clone(), v.total));
    }
    for v in posture.by_mission() {
        let m = v.mission.to_string();
        out.push(row("mission_contributions", m.clone(), v.attributed));
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
        out.push(row("stated", subject.clone(), t.strength().bounds()));
        out.push(row("stated_contributions", subject.clone(), v.attributed));
        out.push(row("stated_unattributed", subject, v.unattributed));
    }
    rows(w, options, TOTALS_COLUMNS, out)
}

/// `yes` where `high` has no upper bound (an empty cell), else `no`.
fn unbounded_cell(i: Interval) -> Cell {
    yes_no(Some(i.high().is_none()))
}
