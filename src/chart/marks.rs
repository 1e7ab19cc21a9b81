//! The marks drawn at each point, above everything plotters drew: a
//! circle at the line whose `<title>` (shown on hover) names the day, the
//! figure, its records and flags; hollow where no new count was
//! reported; a black-edged diamond where the figure rests on a record
//! the checks doubt.

use std::fmt::Write as _;

use plotters::prelude::*;

use crate::chart::series::{Point, Series};
use crate::chart::svg::{x_of, Plot};

/// Text made safe inside an SVG element or a quoted attribute: markup
/// escaped, and the characters XML 1.0 does not allow at all (control
/// characters but tab, line feed and carriage return; U+FFFE, U+FFFF)
/// replaced by U+FFFD, so that a name with a stray control byte still
/// makes a well-formed document (and a PNG).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// What hovering a point says: the day, the series and its figure, the
/// records and the flags.
fn hover(series: &Series, p: &Point) -> String {
    let planned = if p.planned { " (planned)" } else { "" };
    let unreported = if p.not_reported {
        " (not reported: the last reported figure stands)"
    } else {
        ""
    };
    let records = if p.records.is_empty() {
        "none that day (the figure holds from before)".to_owned()
    } else {
        p.records.join(", ")
    };
    let text = format!(
        "{}: {} {}{planned}{unreported}; records: {records}",
        p.day, series.label, p.bounds
    );
    if p.flags.is_empty() {
        text
    } else {
        format!("{text}; flags: {}", p.flags.join(", "))
    }
}

/// A mark at the point's line whose `<title>` (shown on hover) gives the
/// day, the figure and the records.
pub(super) fn mark(
    out: &mut String,
    plot: &Plot<'_, '_>,
    series: &Series,
    p: &Point,
    colour: RGBColor,
) {
    let (cx, cy) = plot.backend_coord(&(x_of(p.day), p.line_at() as f64));
    let RGBColor(r, g, b) = colour;
    let text = escape(&hover(series, p));
    if p.is_flagged() {
        // A black-edged diamond: the figure rests on a record the checks
        // doubt (the legend says so).
        let (cx, cy) = (f64::from(cx), f64::from(cy));
        let _ = writeln!(
            out,
            "<polygon class=\"point flagged\" points=\"{},{cy} {cx},{} {},{cy} {cx},{}\" fill=\"rgb({r},{g},{b})\" stroke=\"black\" stroke-width=\"1.5\"><title>{text}</title></polygon>",
            cx - 6.0,
            cy - 6.0,
            cx + 6.0,
            cy + 6.0,
        );
        return;
    }
    // A hollow circle where no new count was reported.
    let fill = if p.not_reported {
        format!("white\" stroke=\"rgb({r},{g},{b})")
    } else {
        format!("rgb({r},{g},{b})")
    };
    let _ = writeln!(
        out,
        "<circle class=\"point\" cx=\"{cx}\" cy=\"{cy}\" r=\"4\" fill=\"{fill}\"><title>{text}</title></circle>"
    );
}
