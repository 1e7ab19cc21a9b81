//! A chart drawn as SVG by plotters' SVG backend: each series a step line
//! (a figure holds until the next record changes it) over a band from its
//! low to its high bound, open bands reaching the top of the plot,
//! planned steps dashed, and every point a circle whose `<title>` names
//! the day, the figure and its records.

use std::fmt::Write as _;

use chrono::Datelike;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::chart::marks::{escape, is_flagged, mark};
use crate::chart::series::{Chart, Point, Series};
use crate::date::Day;

/// The size [`render_svg`] is usually called with, in pixels.
pub const DEFAULT_SIZE: (u32, u32) = (960, 540);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The subject has no figure in the data.
    #[error("nothing to draw: {title} has no figure in the data")]
    Empty {
        /// The chart's title.
        title: String,
    },
    /// plotters could not lay the chart out (for example a size too small
    /// for its labels).
    #[error("could not draw the chart: {0}")]
    Drawing(String),
}

fn drawing(e: impl std::fmt::Display) -> ChartError {
    ChartError::Drawing(e.to_string())
}

/// The longest gap, in days, a series drawn apart is joined across: two
/// years.
const APART_GAP_DAYS: f64 = 731.0;

/// One colour per series, then again.
const COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

pub(super) type Plot<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The plot's extent: days on x (as days since the common era), troops on
/// y from 0 to `top`, which open bands reach.
struct Frame {
    x0: f64,
    x1: f64,
    top: f64,
}

pub(super) fn x_of(day: Day) -> f64 {
    f64::from(day.num_days_from_ce())
}

/// A tick's label: the day, or over a long span the month (over 3 years)
/// or the year (over 10), so that eight ticks stay distinct and readable.
fn day_label(x: f64, span: f64) -> String {
    // Axis ticks lie inside the frame, whose ends are real days.
    let Some(day) = Day::from_num_days_from_ce_opt(x.round() as i32) else {
        return String::new();
    };
    let format = match span {
        s if s > 3650.0 => "%Y",
        s if s > 1100.0 => "%Y-%m",
        _ => "%Y-%m-%d",
    };
    day.format(format).to_string()
}

fn frame(chart: &Chart) -> Frame {
    let points = || chart.series.iter().flat_map(|s| &s.points);
    let first = points().map(|p| x_of(p.day)).fold(f64::INFINITY, f64::min);
    let last = points()
        .map(|p| x_of(p.day))
        .fold(f64::NEG_INFINITY, f64::max);
    let pad = ((last - first) * 0.06).max(3.0);
    let finite = points()
        .map(|p| p.bounds.high().unwrap_or(p.bounds.low()))
        .max()
        .unwrap_or(0) as f64;
    // Open bands need room above the highest finite figure to read as
    // open.
    let open = points().any(|p| p.bounds.high().is_none());
    let headroom = if open { 1.3 } else { 1.1 };
    Frame {
        x0: first - pad,
        x1: last + pad,
        top: (finite * headroom).max(finite + 1.0),
    }
}

/// Draws a chart as an SVG document of `size` pixels.
///
/// ```
/// use troop_tracker::chart::{chart, render_svg, DEFAULT_SIZE};
/// use troop_tracker::{Dataset, Ledger, Subject};
/// let data = Dataset::bundled()?;
/// let svg = render_svg(&chart(&Ledger::new(&data), &Subject::Nation("DEU".parse()?)), DEFAULT_SIZE)?;
/// assert!(svg.starts_with("<svg") && svg.contains("R-DEU-2020-01-09"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] when no series has a point;
/// [`ChartError::Drawing`] when plotters cannot lay it out.
pub fn render_svg(chart: &Chart, size: (u32, u32)) -> Result<String, ChartError> {
    if chart.is_empty() {
        return Err(ChartError::Empty {
            title: chart.title.clone(),
        });
    }
    let frame = frame(chart);
    let mut svg = String::new();
    let mut marks = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let mut plot = ChartBuilder::on(&root)
            .caption(&chart.title, ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(70)
            .build_cartesian_2d(frame.x0..frame.x1, 0f64..frame.top)
            .map_err(drawing)?;
        plot.configure_mesh()
            .x_labels(8)
            .light_line_style(WHITE)
            .x_label_formatter(&|x| day_label(*x, frame.x1 - frame.x0))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc(chart.unit)
            .x_desc("each step holds until the next record; shaded: low to high")
            .draw()
            .map_err(drawing)?;
        for (i, series) in chart.series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            draw_series(&mut plot, series, (colour, i), &frame)?;
            for p in &series.points {
                mark(&mut marks, &plot, series, p, colour);
            }
        }
        if chart.series.iter().flat_map(|s| &s.points).any(is_flagged) {
            // The legend names the flagged points' mark (drawn with the
            // marks, above everything).
            plot.draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                .map_err(drawing)?
                .label("flagged: disputed, suspect or contradicted (hover for which)")
                .legend(|(x, y)| {
                    Polygon::new(
                        vec![(x + 10, y - 6), (x + 16, y), (x + 10, y + 6), (x + 4, y)],
                        BLACK.filled(),
                    )
                });
        }
        plot.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(with_titles(svg, &chart.title, &marks))
}

/// A step line through `(day, value)`: each value holds until the next
/// day, the last until `end`.
fn steps(points: &[(f64, f64)], end: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (k, &(x, y)) in points.iter().enumerate() {
        let next = points.get(k + 1).map_or(end, |p| p.0);
        out.push((x, y));
        out.push((next, y));
    }
    out
}

/// The runs of points with an upper bound, as `(x, high)`, split where
/// the bound is open (no line is drawn there: the band is open).
fn bounded_runs(points: &[&Point], end: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (k, p) in points.iter().enumerate() {
        let next = points.get(k + 1).map_or(end, |q| x_of(q.day));
        match p.bounds.high() {
            Some(h) => {
                run.push((x_of(p.day), h as f64));
                run.push((next, h as f64));
            }
            None => runs.extend(Some(std::mem::take(&mut run)).filter(|r| !r.is_empty())),
        }
    }
    runs.extend(Some(run).filter(|r| !r.is_empty()));
    runs
}

fn draw_series<'a, 'b: 'a>(
    plot: &mut Plot<'a, 'b>,
    series: &Series,
    (colour, row): (RGBColor, usize),
    frame: &Frame,
) -> Result<(), ChartError> {
    if series.apart {
        // A series apart: its own figures joined point to point, dotted,
        // ending at its last point (it is not a level the posture holds),
        // and broken where two years or more pass without a figure.
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for p in &series.points {
            let at = (x_of(p.day), p.bounds.low() as f64);
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|l| at.0 - l.0 <= APART_GAP_DAYS) => {
                    run.push(at)
                }
                _ => runs.push(vec![at]),
            }
        }
        for (k, run) in runs.into_iter().enumerate() {
            let drawn = plot
                .draw_series(DashedLineSeries::new(run, 2, 3, colour.stroke_width(2)))
                .map_err(drawing)?;
            if k == 0 {
                drawn.label(series.label.clone()).legend(move |(x, y)| {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (3, 0)], colour.stroke_width(2))
                        + PathElement::new(vec![(8, 0), (11, 0)], colour.stroke_width(2))
                        + PathElement::new(vec![(16, 0), (19, 0)], colour.stroke_width(2))
                });
            }
        }
        return Ok(());
    }
    let actual: Vec<&Point> = series.points.iter().filter(|p| !p.planned).collect();
    let planned: Vec<&Point> = series.points.iter().filter(|p| p.planned).collect();
    draw_band(plot, &actual, (colour, 0.18, row), frame)?;
    let lows: Vec<(f64, f64)> = actual
        .iter()
        .map(|p| (x_of(p.day), p.bounds.low() as f64))
        .collect();
    plot.draw_series(LineSeries::new(
        steps(&lows, frame.x1),
        colour.stroke_width(2),
    ))
    .map_err(drawing)?
    .label(series.label.clone())
    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
    for run in bounded_runs(&actual, frame.x1) {
        plot.draw_series(LineSeries::new(run, colour.stroke_width(1)))
            .map_err(drawing)?;
    }
    if !planned.is_empty() {
        draw_planned(plot, series, &planned, (colour, row), frame)?;
    }
    Ok(())
}

/// The band from low to high under each step; an open band reaches the
/// top of the plot, paler, with `open ↑` written at its top (one row down
/// per series, so that labels of series opening on one day do not
/// overlap).
fn draw_band(
    plot: &mut Plot<'_, '_>,
    points: &[&Point],
    (colour, opacity, row): (RGBColor, f64, usize),
    frame: &Frame,
) -> Result<(), ChartError> {
    for (k, p) in points.iter().enumerate() {
        let x = x_of(p.day);
        let next = points.get(k + 1).map_or(frame.x1, |q| x_of(q.day));
        let low = p.bounds.low() as f64;
        let (high, fill) = match p.bounds.high() {
            Some(h) => (h as f64, colour.mix(opacity)),
            None => (frame.top, colour.mix(opacity / 2.5)),
        };
        plot.draw_series(std::iter::once(Rectangle::new(
            [(x, low), (next, high)],
            fill.filled(),
        )))
        .map_err(drawing)?;
        if p.bounds.high().is_none() {
            let y = frame.top * (1.0 - 0.04 * row as f64);
            let font = ("sans-serif", 13).into_font().color(&colour);
            let text = Text::new("open ↑", (x, y), font);
            plot.draw_series(std::iter::once(text)).map_err(drawing)?;
        }
    }
    Ok(())
}

/// Planned points: dashed steps from the actual figure on the day of the
/// first plan, over a paler band.
fn draw_planned<'a, 'b: 'a>(
    plot: &mut Plot<'a, 'b>,
    series: &Series,
    planned: &[&Point],
    (colour, row): (RGBColor, usize),
    frame: &Frame,
) -> Result<(), ChartError> {
    draw_band(plot, planned, (colour, 0.08, row), frame)?;
    let start = x_of(planned[0].day);
    let before = series
        .points
        .iter()
        .rfind(|p| !p.planned && x_of(p.day) <= start);
    let mut lows: Vec<(f64, f64)> = before
        .map(|p| vec![(start, p.bounds.low() as f64)])
        .unwrap_or_default();
    lows.extend(planned.iter().map(|p| (x_of(p.day), p.bounds.low() as f64)));
    let dashed =
        |points: Vec<(f64, f64)>| DashedLineSeries::new(points, 6, 4, colour.stroke_width(2));
    plot.draw_series(dashed(steps(&lows, frame.x1)))
        .map_err(drawing)?
        .label(format!("{}, planned", series.label))
        .legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(vec![(0, 0), (7, 0)], colour.stroke_width(2))
                + PathElement::new(vec![(12, 0), (19, 0)], colour.stroke_width(2))
        });
    for run in bounded_runs(planned, frame.x1) {
        plot.draw_series(DashedLineSeries::new(run, 6, 4, colour.stroke_width(1)))
            .map_err(drawing)?;
    }
    Ok(())
}

/// The document with its title first and the point marks last (above
/// everything plotters drew).
fn with_titles(svg: String, title: &str, marks: &str) -> String {
    let open_end = svg.find('>').map_or(0, |i| i + 1);
    let close = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut out = String::with_capacity(svg.len() + marks.len() + 64);
    out.push_str(&svg[..open_end]);
    let _ = write!(out, "\n<title>{}</title>", escape(title));
    out.push_str(&svg[open_end..close]);
    let _ = write!(out, "<g class=\"points\">\n{marks}</g>\n");
    out.push_str(&svg[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Interval;

    fn day(s: &str) -> Day {
        s.parse().expect("a day")
    }

    fn point(d: &str, low: u64, high: Option<u64>) -> Point {
        Point {
            day: day(d),
            bounds: high.map_or(Interval::at_least(low), |h| {
                Interval::new(low, h).expect("ordered")
            }),
            planned: false,
            records: vec!["R-1".to_owned()],
            not_reported: false,
            flags: Vec::new(),
        }
    }

    #[test]
    fn days_map_to_x_and_back() {
        let d = day("2020-01-09");
        assert_eq!(x_of(d), 737_433.0);
        assert_eq!(x_of(day("2020-01-10")) - x_of(d), 1.0);
        assert_eq!(day_label(x_of(d), 30.0), "2020-01-09");
        assert_eq!(day_label(x_of(d) + 0.4, 30.0), "2020-01-09");
        assert_eq!(day_label(x_of(d), 2000.0), "2020-01");
        assert_eq!(day_label(x_of(d), 20_000.0), "2020");
        assert_eq!(day_label(f64::MAX, 30.0), "");
    }

    #[test]
    fn steps_hold_each_value_until_the_next_day() {
        let got = steps(&[(1.0, 10.0), (4.0, 20.0)], 9.0);
        assert_eq!(got, [(1.0, 10.0), (4.0, 10.0), (4.0, 20.0), (9.0, 20.0)]);
        assert!(steps(&[], 9.0).is_empty());
    }

    #[test]
    fn an_open_bound_splits_the_upper_line() {
        let points = [
            point("2020-01-01", 1, Some(5)),
            point("2020-01-03", 2, None),
            point("2020-01-06", 3, Some(4)),
        ];
        let refs: Vec<&Point> = points.iter().collect();
        let x = |d: &str| x_of(day(d));
        let runs = bounded_runs(&refs, x("2020-01-09"));
        assert_eq!(
            runs,
            [
                vec![(x("2020-01-01"), 5.0), (x("2020-01-03"), 5.0)],
                vec![(x("2020-01-06"), 4.0), (x("2020-01-09"), 4.0)]
            ]
        );
        assert!(bounded_runs(&refs[1..2], 0.0).is_empty());
    }

    fn chart_of(points: Vec<Point>) -> Chart {
        Chart {
            title: "T".into(),
            unit: "troops",
            series: vec![Series {
                apart: false,
                label: "s".into(),
                points,
            }],
        }
    }

    #[test]
    fn the_frame_pads_the_days_and_leaves_room_above() {
        let closed = chart_of(vec![
            point("2020-01-01", 10, Some(100)),
            point("2020-03-01", 20, Some(50)),
        ]);
        let f = frame(&closed);
        let (first, last) = (x_of(day("2020-01-01")), x_of(day("2020-03-01")));
        let pad = ((last - first) * 0.06).max(3.0);
        assert_eq!((f.x0, f.x1), (first - pad, last + pad));
        assert!((f.top - 110.0).abs() < 1e-9, "{}", f.top);
        let open = chart_of(vec![
            point("2020-01-01", 10, None),
            point("2020-01-02", 20, Some(50)),
        ]);
        let f = frame(&open);
        assert_eq!(
            (f.x0, f.x1),
            (x_of(day("2020-01-01")) - 3.0, x_of(day("2020-01-02")) + 3.0)
        );
        assert!((f.top - 65.0).abs() < 1e-9, "{}", f.top);
        // A chart of zeros still has a height.
        assert_eq!(
            frame(&chart_of(vec![point("2020-01-01", 0, Some(0))])).top,
            1.0
        );
    }

    #[test]
    fn titles_go_first_and_marks_last() {
        let out = with_titles(
            "<svg a=\"1\">\n<rect/>\n</svg>\n".into(),
            "A & <B>",
            "<circle/>\n",
        );
        assert_eq!(
            out,
            "<svg a=\"1\">\n<title>A &amp; &lt;B&gt;</title>\n<rect/>\n<g class=\"points\">\n<circle/>\n</g>\n</svg>\n"
        );
        assert_eq!(escape("\"x\""), "&quot;x&quot;");
    }
}
