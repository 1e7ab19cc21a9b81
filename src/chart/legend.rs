//! The chart's header (title and caption, wrapped to the width) and its
//! legend (below the plot, in rows), written as SVG beside what plotters
//! draws, so that no label is cut and the legend never hides a line.

use std::fmt::Write as _;

use plotters::style::RGBColor;

use crate::chart::marks::escape;
use crate::chart::series::{Chart, Role};
use crate::chart::svg::COLOURS;

/// Roughly the width of a character of 12-13 px sans-serif text
/// (DejaVu Sans, the widest of the usual ones), to wrap and flow text
/// before it is drawn.
const CHAR_WIDTH: f64 = 7.0;
/// The same for the title's 20 px bold.
const TITLE_CHAR_WIDTH: f64 = 13.0;
const TITLE_ROW: u32 = 26;
const LEGEND_ROW: u32 = 18;

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Swatch {
    Line(RGBColor, u32),
    Dashed(RGBColor),
    Dotted(RGBColor),
    Band,
    Diamond,
    Hollow,
    /// The rest of a label too long for one row.
    Blank,
}

/// Where the header and the legend go in a chart of a given size.
pub(super) struct Layout {
    width: u32,
    height: u32,
    /// The header's height: the title and the caption's lines.
    pub header: u32,
    /// The legend's height.
    pub legend: u32,
    title: Vec<String>,
    caption: Vec<String>,
    rows: Vec<Vec<(f64, Swatch, String)>>,
}

impl Layout {
    pub(super) fn new(chart: &Chart, (width, height): (u32, u32)) -> Layout {
        let columns = ((f64::from(width) - 32.0) / CHAR_WIDTH).max(20.0) as usize;
        let caption = wrap(&chart.caption(), columns);
        let title_columns = ((f64::from(width) - 32.0) / TITLE_CHAR_WIDTH).max(10.0) as usize;
        let title = wrap(&chart.title, title_columns);
        let rows = flow(entries(chart), f64::from(width) - 16.0);
        Layout {
            width,
            height,
            header: 30 + TITLE_ROW * title.len() as u32 + 16 * caption.len() as u32,
            legend: 8 + LEGEND_ROW * rows.len() as u32,
            title,
            caption,
            rows,
        }
    }

    /// How many rows the legend takes.
    pub(super) fn legend_rows(&self) -> usize {
        self.rows.len()
    }

    /// The height left to the plot itself (without its axis labels).
    pub(super) fn plot_height(&self) -> u32 {
        self.height
            .saturating_sub(self.header + self.legend + 6 + 30)
    }
}

/// Words in lines of at most `columns` characters; a word longer than a
/// line is cut into pieces of a line each (a name with no space must not
/// run off the picture).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let pieces = text.split_whitespace().flat_map(|word| {
        let chars: Vec<char> = word.chars().collect();
        chars
            .chunks(columns)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
    });
    for word in pieces {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    lines.extend(Some(line).filter(|l| !l.is_empty()));
    lines
}

/// The legend's entries: each series drawn (and its planned steps), then
/// what the band, open bands, flagged and hollow marks mean, where the
/// chart has them.
fn entries(chart: &Chart) -> Vec<(Swatch, String)> {
    let mut out = Vec::new();
    for (i, s) in chart.series.iter().enumerate() {
        if s.points.is_empty() {
            continue;
        }
        let colour = COLOURS[i % COLOURS.len()];
        let swatch = match s.role {
            Role::Whole => Swatch::Line(colour, 3),
            Role::Part => Swatch::Line(colour, 2),
            Role::Apart => Swatch::Dotted(colour),
        };
        out.push((swatch, s.label.clone()));
    }
    let points = || chart.series.iter().flat_map(|s| &s.points);
    if points().any(|p| p.planned) {
        out.push((
            Swatch::Dashed(RGBColor(85, 85, 85)),
            "dashed: planned (announced moves carried out)".to_owned(),
        ));
    }
    let parts = chart.series.iter().any(|s| s.role == Role::Part);
    out.push((
        Swatch::Line(RGBColor(85, 85, 85), 2),
        "line: the exact figure, or the middle of its range".to_owned(),
    ));
    out.push((
        Swatch::Band,
        format!(
            "band{}: lowest to highest the evidence allows",
            if parts { " (of the total)" } else { "" }
        ),
    ));
    if points().any(|p| p.bounds.high().is_none()) {
        out.push((
            Swatch::Band,
            "open ↑: no upper bound (the line at the lowest)".to_owned(),
        ));
    }
    if points().any(|p| p.is_flagged()) {
        out.push((
            Swatch::Diamond,
            "flagged: disputed, suspect or contradicted (hover for which)".to_owned(),
        ));
    }
    if points().any(|p| p.not_reported && !p.is_flagged()) {
        out.push((
            Swatch::Hollow,
            "not reported: the last reported figure stands".to_owned(),
        ));
    }
    out
}

/// The entries in rows of at most `width` pixels, each with its x; a
/// label too long for a row goes on over the next rows.
fn flow(entries: Vec<(Swatch, String)>, width: f64) -> Vec<Vec<(f64, Swatch, String)>> {
    let columns = ((width - 16.0 - 46.0) / CHAR_WIDTH).max(10.0) as usize;
    let lines = entries.into_iter().flat_map(|(swatch, label)| {
        let lines = wrap(&label, columns);
        let n = lines.len();
        lines.into_iter().enumerate().map(move |(k, line)| {
            let swatch = if k == 0 { swatch } else { Swatch::Blank };
            (swatch, line, n > 1)
        })
    });
    let mut rows: Vec<Vec<(f64, Swatch, String)>> = Vec::new();
    let mut x = 16.0;
    for (swatch, label, alone) in lines {
        let w = 30.0 + label.chars().count() as f64 * CHAR_WIDTH + 16.0;
        if rows.is_empty() || alone || x + w > width {
            rows.push(Vec::new());
            x = 16.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, swatch, label));
        }
        // A wrapped label's lines each have a row of their own.
        x = if alone { width } else { x + w };
    }
    rows
}

/// The title and the caption, at the top.
pub(super) fn header(layout: &Layout) -> String {
    let mut out = String::from("<g class=\"header\" font-family=\"sans-serif\">\n");
    let centre = layout.width / 2;
    for (k, line) in layout.title.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"title\" x=\"{centre}\" y=\"{}\" font-size=\"20\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
            30 + TITLE_ROW as usize * k,
            escape(line)
        );
    }
    let below = 26 + TITLE_ROW as usize * layout.title.len();
    for (k, line) in layout.caption.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"caption\" x=\"16\" y=\"{}\" font-size=\"12\" fill=\"#333\">{}</text>",
            below + 16 * k,
            escape(line)
        );
    }
    out.push_str("</g>\n");
    out
}

/// The legend, below the plot.
pub(super) fn legend(layout: &Layout) -> String {
    let mut out =
        String::from("<g class=\"legend\" font-family=\"sans-serif\" font-size=\"12\">\n");
    let top = layout.height.saturating_sub(layout.legend) + 4;
    for (r, row) in layout.rows.iter().enumerate() {
        let y = f64::from(top + LEGEND_ROW * r as u32) + 9.0;
        for (x, swatch, label) in row {
            swatch_svg(&mut out, *swatch, *x, y);
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                x + 30.0,
                y + 4.0,
                escape(label)
            );
        }
    }
    out.push_str("</g>\n");
    out
}

fn rgb(RGBColor(r, g, b): RGBColor) -> String {
    format!("rgb({r},{g},{b})")
}

fn swatch_svg(out: &mut String, swatch: Swatch, x: f64, y: f64) {
    let line = |colour: RGBColor, width: u32, dash: &str| {
        format!(
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"{width}\"{dash}/>\n",
            x + 24.0,
            rgb(colour)
        )
    };
    let text = match swatch {
        Swatch::Line(c, w) => line(c, w, ""),
        Swatch::Dashed(c) => line(c, 2, " stroke-dasharray=\"6 4\""),
        Swatch::Dotted(c) => line(c, 2, " stroke-dasharray=\"2 3\""),
        Swatch::Band => format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"24\" height=\"12\" fill=\"rgb(31,119,180)\" fill-opacity=\"0.18\"/>\n{}",
            y - 6.0,
            line(RGBColor(31, 119, 180), 2, "")
        ),
        Swatch::Diamond => format!(
            "<polygon points=\"{},{y} {},{} {},{y} {},{}\" fill=\"#888\" stroke=\"black\" stroke-width=\"1.5\"/>\n",
            x + 6.0,
            x + 12.0,
            y - 6.0,
            x + 18.0,
            x + 12.0,
            y + 6.0
        ),
        Swatch::Hollow => format!(
            "<circle cx=\"{}\" cy=\"{y}\" r=\"4\" fill=\"white\" stroke=\"#555\"/>\n",
            x + 12.0
        ),
        Swatch::Blank => String::new(),
    };
    out.push_str(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::chart::series::{Point, Series};
    use crate::interval::Interval;

    /// A point of a test chart: whether it is not reported, its flags.
    type Mark<'a> = (bool, Vec<&'a str>);

    /// Entries share a row while they fit its width exactly (each is 30
    /// pixels of swatch, 7 a character, 16 of gap, from x = 16); one pixel
    /// less and the second goes on the next row.
    #[test]
    fn entries_share_a_row_up_to_its_last_pixel() {
        let entries = || {
            vec![
                (Swatch::Diamond, "aaaa".to_owned()),
                (Swatch::Band, "bbbb".to_owned()),
            ]
        };
        let xs = |rows: Vec<Vec<(f64, Swatch, String)>>| -> Vec<Vec<f64>> {
            rows.iter()
                .map(|row| row.iter().map(|(x, _, _)| *x).collect())
                .collect()
        };
        assert_eq!(xs(flow(entries(), 164.0)), [vec![16.0, 90.0]]);
        assert_eq!(xs(flow(entries(), 163.0)), [vec![16.0], vec![16.0]]);
        // At the narrowest, a wrapped label's lines each have a row too.
        let long = vec![(Swatch::Diamond, "aaaa ".repeat(6))];
        assert_eq!(xs(flow(long, 16.0)), vec![vec![16.0]; 3]);
    }

    fn chart_of(series: Vec<(Role, Vec<Mark<'_>>)>) -> Chart {
        Chart {
            title: "T".into(),
            unit: "troops",
            counted: "troops".into(),
            sources: vec!["s".into()],
            from: None,
            to: None,
            series: series
                .into_iter()
                .enumerate()
                .map(|(i, (role, points))| Series {
                    label: format!("series {i}"),
                    role,
                    points: points
                        .into_iter()
                        .map(|(not_reported, flags)| Point {
                            day: "2020-01-09".parse().expect("a day"),
                            bounds: Interval::exactly(5),
                            planned: false,
                            records: vec!["R".into()],
                            not_reported,
                            flags: flags.into_iter().map(String::from).collect(),
                        })
                        .collect(),
                })
                .collect(),
            parts_left_out: 0,
            apart_left_out: 0,
        }
    }

    #[test]
    fn each_series_has_its_colour_and_marks_their_meaning() {
        let c = chart_of(vec![
            (Role::Whole, vec![(false, vec![])]),
            (Role::Part, vec![(true, vec![])]),
            (Role::Apart, vec![(false, vec!["disputed"])]),
        ]);
        let got = entries(&c);
        assert_eq!(got[0], (Swatch::Line(COLOURS[0], 3), "series 0".to_owned()));
        assert_eq!(got[1], (Swatch::Line(COLOURS[1], 2), "series 1".to_owned()));
        assert_eq!(got[2], (Swatch::Dotted(COLOURS[2]), "series 2".to_owned()));
        let swatches: Vec<Swatch> = got.iter().map(|e| e.0).collect();
        assert!(swatches.contains(&Swatch::Diamond));
        assert!(swatches.contains(&Swatch::Hollow));
        // A point not reported and flagged is drawn as a diamond: no
        // hollow mark to explain.
        let flagged = chart_of(vec![(Role::Whole, vec![(true, vec!["suspect"])])]);
        let swatches: Vec<Swatch> = entries(&flagged).iter().map(|e| e.0).collect();
        assert!(swatches.contains(&Swatch::Diamond));
        assert!(!swatches.contains(&Swatch::Hollow));
        let plain = chart_of(vec![(Role::Whole, vec![(false, vec!["stale"])])]);
        let swatches: Vec<Swatch> = entries(&plain).iter().map(|e| e.0).collect();
        assert!(!swatches.contains(&Swatch::Diamond) && !swatches.contains(&Swatch::Hollow));
    }

    /// The header's lines from top to bottom: each title line a title
    /// row below the one before, the caption under the last of them (a
    /// 12 px line under a 20 px one: 16 px apart at least), all within the
    /// header's height, whatever the number of title lines.
    #[test]
    fn the_caption_lies_under_the_last_title_line() {
        let layout_of = |words: usize| {
            let mut c = chart_of(vec![(Role::Whole, vec![(false, vec![])])]);
            c.title = vec!["Deployment"; words].join(" ");
            Layout::new(&c, (640, 480))
        };
        // The words make titles of one to several lines.
        assert_eq!(layout_of(1).title.len(), 1);
        assert!(layout_of(30).title.len() >= 3);
        for words in [1, 8, 16, 30] {
            let layout = layout_of(words);
            let n = layout.title.len();
            assert!(!layout.caption.is_empty());
            let svg = header(&layout);
            let ys: Vec<(bool, f64)> = svg
                .split("<text ")
                .skip(1)
                .map(|tag| {
                    let y = tag
                        .split("y=\"")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .and_then(|y| y.parse().ok())
                        .expect("a y");
                    (tag.starts_with("class=\"title\""), y)
                })
                .collect();
            assert_eq!(ys.len(), n + layout.caption.len(), "{svg}");
            assert!(ys.iter().take(n).all(|t| t.0) && ys.iter().skip(n).all(|t| !t.0));
            for pair in ys.windows(2).take(n - 1) {
                assert_eq!(pair[1].1 - pair[0].1, f64::from(TITLE_ROW), "{svg}");
            }
            let (last_title, first_caption) = (ys[n - 1].1, ys[n].1);
            assert!(
                first_caption - last_title >= 16.0,
                "{words} words, {n} title lines: caption at {first_caption}, title at {last_title}"
            );
            let last = ys.last().expect("a caption").1;
            assert!(
                last <= f64::from(layout.header),
                "{last} in {}",
                layout.header
            );
        }
    }

    #[test]
    fn words_wrap_within_the_columns() {
        // A line of exactly the columns stays one line.
        assert_eq!(wrap("ab cd", 5), ["ab cd"]);
        assert_eq!(wrap("ab cd", 4), ["ab", "cd"]);
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("toolongword x", 4), ["tool", "ongw", "ord", "x"]);
        assert!(wrap("   ", 10).is_empty());
        let text =
            "Counted: troops of Germany (DEU), by location and in total, at the end of each day";
        for line in wrap(text, 30) {
            assert!(line.chars().count() <= 30, "{line}");
        }
        assert_eq!(wrap(text, 30).join(" "), text);
    }

    #[test]
    fn entries_flow_into_rows_within_the_width() {
        let entries: Vec<(Swatch, String)> = (0..6)
            .map(|i| (Swatch::Band, format!("entry {i} of the legend")))
            .collect();
        let rows = flow(entries.clone(), 500.0);
        assert!(rows.len() > 1);
        let w = |label: &str| 30.0 + label.chars().count() as f64 * CHAR_WIDTH + 16.0;
        for row in &rows {
            assert_eq!(row[0].0, 16.0);
            let (x, _, label) = row.last().expect("an entry");
            assert!(x + w(label) <= 500.0 || row.len() == 1);
        }
        assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), 6);
        assert_eq!(flow(entries, 10_000.0).len(), 1);
        // A label longer than a row goes on over rows of its own, the
        // swatch on its first.
        let long = "a label far too long to fit in one row of a narrow legend".to_owned();
        let rows = flow(
            vec![
                (Swatch::Band, "short".to_owned()),
                (Swatch::Diamond, long.clone()),
            ],
            250.0,
        );
        let lines: Vec<&str> = rows.iter().flatten().map(|(_, _, l)| l.as_str()).collect();
        assert_eq!(lines[0], "short");
        assert_eq!(lines[1..].join(" "), long);
        assert!(rows.iter().skip(1).all(|r| r.len() == 1 && r[0].0 == 16.0));
        assert_eq!(rows[1][0].1, Swatch::Diamond);
        assert!(rows[2..].iter().all(|r| r[0].1 == Swatch::Blank));
        // The entry after a wrapped label starts a row of its own, even
        // where it would fit beside the label's short last line.
        let rows = flow(
            vec![
                (Swatch::Diamond, long.clone()),
                (Swatch::Band, "after".to_owned()),
            ],
            250.0,
        );
        let tail: Vec<&str> = rows[rows.len() - 2]
            .iter()
            .map(|(_, _, l)| l.as_str())
            .collect();
        assert_eq!(tail, ["legend"]);
        let last = rows.last().expect("a row");
        assert_eq!(
            (last.len(), last[0].0, last[0].2.as_str()),
            (1, 16.0, "after")
        );
        for row in &rows {
            let (x, _, label) = row.last().expect("an entry");
            assert!(
                x + 30.0 + label.chars().count() as f64 * CHAR_WIDTH <= 250.0,
                "{label}"
            );
        }
    }
}
