//! A chart's points: one row each.

use crate::chart::Chart;
use crate::date::Day;
use crate::rows::{joined, row};

row! {
    /// One point of a chart's series: the strength from its day until the
    /// series' next point.
    pub struct ChartPoint {
        /// What the series counts: `troops of DEU`, `reported total`.
        pub series: String,
        /// The day.
        pub day: Day,
        /// Where the line is drawn: the exact figure, the middle of a
        /// closed range (rounded down), or the lowest of an open one.
        pub line_at: u64,
        /// At least this many (the posture's tight bounds).
        pub low: u64,
        /// At most this many; empty when nothing bounds it.
        pub high: Option<u64>,
        /// Whether `high` is empty because nothing bounds it.
        pub high_unbounded: bool,
        /// Whether the point is where announced relocations would leave
        /// the figure, not what happened.
        pub planned: bool,
        /// Whether every record of the day says "not reported": the point
        /// repeats the last reported figure.
        pub not_reported: bool,
        /// What the series is to the chart: `whole` (the subject's own
        /// figure), `part` (a location of a nation's troops, a nation in a
        /// host country), `apart` (one source's disagreeing series, drawn
        /// apart).
        pub role: String,
        /// The records dated that day that changed the figure, joined by
        /// `;`.
        pub records: String,
        /// What the checks found about the figures behind the point,
        /// joined by `;`.
        pub flags: String,
    }
}

/// Every series' points, series by series.
pub fn chart_points(chart: &Chart) -> Vec<ChartPoint> {
    chart
        .series
        .iter()
        .flat_map(|s| {
            s.points.iter().map(move |p| ChartPoint {
                series: s.label.clone(),
                day: p.day,
                line_at: p.line_at(),
                low: p.bounds.low(),
                high: p.bounds.high(),
                high_unbounded: p.bounds.high().is_none(),
                planned: p.planned,
                not_reported: p.not_reported,
                role: s.role.as_str().to_owned(),
                records: joined(&p.records),
                flags: joined(&p.flags),
            })
        })
        .collect()
}
