//! A chart drawn as SVG: plotters' SVG backend draws the plot (axes,
//! bands, step lines); the title, the caption, the legend and the point
//! marks are written here, so that their text wraps and nothing is cut.
//! Each series is a step line (a figure holds until the next record
//! changes it) at its figure or the middle of its range, over a band
//! from its low to its high bound; open bands reach the top of the plot,
//! planned steps are dashed, series apart dotted.

use std::fmt::Write as _;

use chrono::Datelike;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::legend::{header, legend, Layout};
use crate::chart::marks::{escape, mark};
use crate::chart::series::{Chart, Point, Role, Series};
use crate::chart::ticks::{count_ticks, day_ticks, thousands};
use crate::date::Day;

/// The size [`render_svg`] is usually called with, in pixels.
pub const DEFAULT_SIZE: (u32, u32) = (960, 540);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The subject has no figure in the data (or none in the days asked
    /// for).
    #[error("nothing to draw: {title} has no figure in the data{span}")]
    Empty {
        /// The chart's title.
        title: String,
        /// The days asked for, in words (` from 2020-01-10`), or empty.
        span: String,
    },
    /// The chart could not be laid out or rasterised (for example a size
    /// too small for its labels).
    #[error("could not draw the chart: {0}")]
    Drawing(String),
}

fn drawing(e: impl std::fmt::Display) -> ChartError {
    ChartError::Drawing(e.to_string())
}

/// The longest gap, in days, a series drawn apart is joined across: two
/// years.
const APART_GAP_DAYS: f64 = 731.0;

/// One colour per series (the whole first), then again.
pub(super) const COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

pub(super) type Plot<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The plot's extent: days on x (as days since the common era) from the
/// first day drawn to the last, troops on y from 0 to `top` (a round
/// step above the highest figure), which open bands reach.
pub(super) struct Frame {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
}

pub(super) fn x_of(day: Day) -> f64 {
    f64::from(day.num_days_from_ce())
}

/// The first and last day drawn: those asked for, else the points'.
fn span(chart: &Chart) -> Option<(Day, Day)> {
    let days = || chart.series.iter().flat_map(|s| &s.points).map(|p| p.day);
    let first = chart.from.or_else(|| days().min())?;
    let last = chart.to.or_else(|| days().max())?;
    Some((first, last.max(first)))
}

/// The highest figure drawn: the highest closed bound, or the lowest
/// bound of an open band (which reaches the top, above it).
fn highest(chart: &Chart) -> (f64, bool) {
    let points = || chart.series.iter().flat_map(|s| &s.points);
    let finite = points()
        .map(|p| p.bounds.high().unwrap_or(p.bounds.low()))
        .max()
        .unwrap_or(0) as f64;
    (finite, points().any(|p| p.bounds.high().is_none()))
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
/// [`ChartError::Drawing`] when the chart cannot be laid out at `size`.
pub fn render_svg(chart: &Chart, size: (u32, u32)) -> Result<String, ChartError> {
    let Some((first, last)) = span(chart).filter(|_| !chart.is_empty()) else {
        let span = match (chart.from, chart.to) {
            (Some(f), Some(t)) => format!(" from {f} to {t}"),
            (Some(f), None) => format!(" from {f}"),
            (None, Some(t)) => format!(" to {t}"),
            (None, None) => String::new(),
        };
        return Err(ChartError::Empty {
            title: chart.title.clone(),
            span,
        });
    };
    let layout = Layout::new(chart, size);
    if layout.plot_height() < 60 {
        return Err(ChartError::Drawing(format!(
            "{}x{} pixels leave no room for the plot under the title and caption ({} pixels) and above the legend ({} pixels, {} rows): a larger --size draws it",
            size.0,
            size.1,
            layout.header,
            layout.legend,
            layout.legend_rows()
        )));
    }
    // A day's room at each end at least, so a single day's marks are not
    // on the frame, and a little more after the last day, so that its
    // step shows; otherwise the axis ends at the data.
    let span_days = x_of(last) - x_of(first);
    // (At most a quarter after: decades of data do not run on for years.)
    let (before, after) = (
        (span_days * 0.01).clamp(1.0, 30.0),
        (span_days * 0.03).clamp(1.0, 92.0),
    );
    let (finite, open) = highest(chart);
    // Open bands need room above the highest finite figure to read as
    // open.
    let headroom = if open { 1.25 } else { 1.05 };
    let (y_ticks, top) = count_ticks(finite * headroom, 6);
    // The troop labels' room: the widest label at 8 pixels a character
    // (13 px digits are narrower), beside the axis' name.
    let widest = y_ticks
        .iter()
        .map(|y| thousands(y.round() as u64).len())
        .max()
        .unwrap_or(1) as u32;
    let label_area = (widest * 8 + 30).max(72);
    let plot_width = size.0.saturating_sub(label_area + 48);
    let x_ticks = day_ticks(first, last, (plot_width / 95).max(2) as usize);
    let frame = Frame {
        x0: x_of(first) - before,
        x1: x_of(last) + after,
        top,
    };
    let mut svg = String::new();
    let mut marks = String::new();
    let mut axes =
        String::from("<g class=\"ticks\" font-family=\"sans-serif\" font-size=\"13\">\n");
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let mut plot = ChartBuilder::on(&root)
            .margin_top(layout.header)
            .margin_bottom(layout.legend + 6)
            .margin_left(12)
            .margin_right(36)
            .x_label_area_size(30)
            .y_label_area_size(label_area)
            .build_cartesian_2d(frame.x0..frame.x1, 0f64..frame.top)
            .map_err(drawing)?;
        // The axes only: grid lines and labels at the ticks chosen here
        // are drawn below (plotters would pick its own).
        plot.configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .y_desc(chart.unit)
            .axis_desc_style(("sans-serif", 13))
            .draw()
            .map_err(drawing)?;
        let grid = RGBColor(225, 225, 225);
        for (day, label) in &x_ticks {
            let x = x_of(*day);
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, frame.top)],
                grid.stroke_width(1),
            )))
            .map_err(drawing)?;
            let (px, py) = plot.backend_coord(&(x, 0.0));
            let _ = writeln!(
                axes,
                "<text x=\"{px}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                py + 18,
                escape(label)
            );
        }
        for y in &y_ticks {
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(frame.x0, *y), (frame.x1, *y)],
                grid.stroke_width(1),
            )))
            .map_err(drawing)?;
            let (px, py) = plot.backend_coord(&(frame.x0, *y));
            let _ = writeln!(
                axes,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                px - 6,
                py + 4,
                thousands(y.round() as u64)
            );
        }
        for (i, series) in chart.series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            draw_series(&mut plot, series, (colour, i), &frame)?;
            for p in &series.points {
                mark(&mut marks, &plot, series, p, colour);
            }
        }
        root.present().map_err(drawing)?;
    }
    axes.push_str("</g>\n");
    let mut extra = header(&layout);
    extra.push_str(&axes);
    extra.push_str(&legend(&layout));
    Ok(with_titles(svg, &chart.title, &extra, &marks))
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

/// The line's points: each point's day and where its line is drawn.
fn line(points: &[&Point]) -> Vec<(f64, f64)> {
    points
        .iter()
        .map(|p| (x_of(p.day), p.line_at() as f64))
        .collect()
}

fn draw_series<'a, 'b: 'a>(
    plot: &mut Plot<'a, 'b>,
    series: &Series,
    (colour, row): (RGBColor, usize),
    frame: &Frame,
) -> Result<(), ChartError> {
    if series.role == Role::Apart {
        // A series apart: its own figures joined point to point, dotted,
        // ending at its last point (it is not a level the posture holds),
        // and broken where two years or more pass without a figure.
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for p in &series.points {
            let at = (x_of(p.day), p.line_at() as f64);
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|l| at.0 - l.0 <= APART_GAP_DAYS) => {
                    run.push(at)
                }
                _ => runs.push(vec![at]),
            }
        }
        for run in runs {
            plot.draw_series(DashedLineSeries::new(run, 2, 3, colour.stroke_width(2)))
                .map_err(drawing)?;
        }
        return Ok(());
    }
    // A part's line has no band: the bands of a total and its parts
    // overlap into one shade (each part's range is in its marks' titles
    // and the points' rows).
    let (opacity, width) = match series.role {
        Role::Whole => (0.18, 3),
        _ => (0.0, 2),
    };
    let actual: Vec<&Point> = series.points.iter().filter(|p| !p.planned).collect();
    let planned: Vec<&Point> = series.points.iter().filter(|p| p.planned).collect();
    draw_band(plot, &actual, (colour, opacity, row), frame)?;
    plot.draw_series(LineSeries::new(
        steps(&line(&actual), frame.x1),
        colour.stroke_width(width),
    ))
    .map_err(drawing)?;
    if !planned.is_empty() {
        draw_band(plot, &planned, (colour, opacity / 2.0, row), frame)?;
        // Dashed steps from the actual figure on the day of the first
        // plan.
        let start = x_of(planned[0].day);
        let before = actual.iter().rfind(|p| x_of(p.day) <= start);
        let mut at: Vec<(f64, f64)> = before
            .map(|p| vec![(start, p.line_at() as f64)])
            .unwrap_or_default();
        at.extend(line(&planned));
        plot.draw_series(DashedLineSeries::new(
            steps(&at, frame.x1),
            6,
            4,
            colour.stroke_width(width),
        ))
        .map_err(drawing)?;
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
    if opacity <= 0.0 {
        return Ok(());
    }
    let mut labelled = false;
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
        // One label per run of open bands.
        let open = p.bounds.high().is_none();
        if open && !labelled {
            let y = frame.top * (0.97 - 0.04 * (row % 8) as f64);
            // Near the right end the label ends at its band's start
            // rather than running off the plot.
            let right = x > frame.x0 + 0.85 * (frame.x1 - frame.x0);
            let anchor = if right { HPos::Right } else { HPos::Left };
            let font = ("sans-serif", 12)
                .into_font()
                .color(&colour)
                .pos(Pos::new(anchor, VPos::Top));
            let text = Text::new("open ↑", (x, y), font);
            plot.draw_series(std::iter::once(text)).map_err(drawing)?;
        }
        labelled = open;
    }
    Ok(())
}

/// The document with its title first, then what plotters drew, the
/// header and legend, and the point marks last (above everything).
fn with_titles(svg: String, title: &str, extra: &str, marks: &str) -> String {
    let open_end = svg.find('>').map_or(0, |i| i + 1);
    let close = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut out = String::with_capacity(svg.len() + extra.len() + marks.len() + 64);
    out.push_str(&svg[..open_end]);
    let _ = write!(out, "\n<title>{}</title>", escape(title));
    out.push_str(&svg[open_end..close]);
    out.push_str(extra);
    let _ = write!(out, "<g class=\"points\">\n{marks}</g>\n");
    out.push_str(&svg[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().expect("a day")
    }

    #[test]
    fn days_map_to_x() {
        let d = day("2020-01-09");
        assert_eq!(x_of(d), 737_433.0);
        assert_eq!(x_of(day("2020-01-10")) - x_of(d), 1.0);
    }

    #[test]
    fn steps_hold_each_value_until_the_next_day() {
        let got = steps(&[(1.0, 10.0), (4.0, 20.0)], 9.0);
        assert_eq!(got, [(1.0, 10.0), (4.0, 10.0), (4.0, 20.0), (9.0, 20.0)]);
        assert!(steps(&[], 9.0).is_empty());
    }

    /// The plot is as tall as the layout leaves it (the check refusing a
    /// size too small for a plot reads the layout's figure): the time
    /// axis is `plot_height` pixels below the header, where the troop
    /// axis begins.
    #[test]
    fn the_plot_is_as_tall_as_the_layout_leaves_it() {
        let point = |d: &str, n| Point {
            day: day(d),
            bounds: crate::interval::Interval::exactly(n),
            planned: false,
            records: vec!["R".into()],
            not_reported: false,
            flags: Vec::new(),
        };
        let chart = Chart {
            title: "T".into(),
            unit: "troops",
            counted: "troops".into(),
            sources: vec!["s".into()],
            from: None,
            to: None,
            series: vec![Series {
                label: "L".into(),
                role: Role::Whole,
                points: vec![point("2020-01-09", 10), point("2021-03-01", 40)],
            }],
            parts_left_out: 0,
            apart_left_out: 0,
        };
        for size in [(960, 600), (640, 480), (400, 300)] {
            let layout = Layout::new(&chart, size);
            let svg = render_svg(&chart, size).expect("draws");
            // The axes are plotters' black lines.
            let axes: Vec<Vec<(f64, f64)>> = svg
                .lines()
                .filter(|l| l.starts_with("<polyline") && l.contains("stroke=\"#000000\""))
                .map(|l| {
                    let points = l.split("points=\"").nth(1).expect("points");
                    points
                        .split('"')
                        .next()
                        .expect("quoted")
                        .split_whitespace()
                        .map(|xy| {
                            let (x, y) = xy.split_once(',').expect("x,y");
                            (x.parse().expect("x"), y.parse().expect("y"))
                        })
                        .collect()
                })
                .collect();
            let troops = axes.iter().find(|a| a[0].0 == a[1].0).expect("troop axis");
            let time = axes.iter().find(|a| a[0].1 == a[1].1).expect("time axis");
            let top = troops[0].1.min(troops[1].1);
            let header = f64::from(layout.header);
            let height = f64::from(layout.plot_height());
            assert!((top - header).abs() <= 1.0, "{size:?}: top {top}");
            assert!(
                (time[0].1 - (header + height)).abs() <= 2.0,
                "{size:?}: time axis at {} for {header} + {height}",
                time[0].1
            );
        }
    }

    #[test]
    fn titles_go_first_and_marks_last() {
        let out = with_titles(
            "<svg a=\"1\">\n<rect/>\n</svg>\n".into(),
            "A & <B>",
            "<text/>\n",
            "<circle/>\n",
        );
        assert_eq!(
            out,
            "<svg a=\"1\">\n<title>A &amp; &lt;B&gt;</title>\n<rect/>\n<text/>\n<g class=\"points\">\n<circle/>\n</g>\n</svg>\n"
        );
        assert_eq!(escape("\"x\""), "&quot;x&quot;");
    }
}
