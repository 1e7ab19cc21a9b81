//! A chart drawn as SVG by plotters' SVG backend: each series a step line
//! (a figure holds until the next record changes it) over a band from its
//! low to its high bound, open bands reaching the top of the plot,
//! planned steps dashed, and every point a circle whose `<title>` names
//! the day, the figure and its records.

use std::fmt::Write as _;

use chrono::Datelike;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

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

/// One colour per series, then again.
const COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The plot's extent: days on x (as days since the common era), troops on
/// y from 0 to `top`, which open bands reach.
struct Frame {
    x0: f64,
    x1: f64,
    top: f64,
}

fn x_of(day: Day) -> f64 {
    f64::from(day.num_days_from_ce())
}

fn day_label(x: f64) -> String {
    // Axis ticks lie inside the frame, whose ends are real days.
    Day::from_num_days_from_ce_opt(x.round() as i32).map_or_else(String::new, |d| d.to_string())
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
            .x_label_formatter(&|x| day_label(*x))
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A circle at the point's low figure whose `<title>` (shown on hover)
/// gives the day, the figure and the records.
fn mark(out: &mut String, plot: &Plot<'_, '_>, series: &Series, p: &Point, colour: RGBColor) {
    let (cx, cy) = plot.backend_coord(&(x_of(p.day), p.bounds.low() as f64));
    let planned = if p.planned { " (planned)" } else { "" };
    let text = format!(
        "{}: {} {}{planned}; records: {}",
        p.day,
        series.label,
        p.bounds,
        p.records.join(", ")
    );
    let RGBColor(r, g, b) = colour;
    let _ = writeln!(
        out,
        "<circle class=\"point\" cx=\"{cx}\" cy=\"{cy}\" r=\"4\" fill=\"rgb({r},{g},{b})\"><title>{}</title></circle>",
        escape(&text)
    );
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
