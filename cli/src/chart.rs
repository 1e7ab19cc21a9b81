//! `troop-tracker chart`: strength over time as SVG, or its series.

use std::io::Write;
use std::path::PathBuf;

use troop_tracker::chart::{chart_with, render_png, render_svg, ChartOptions};
use troop_tracker::rows::{chart_points, ChartPoint};
use troop_tracker::{export, Dataset, Day, Interval, Ledger, Subject};

use crate::args::{print_json, print_json_lines, SubjectArgs};
use crate::codes;
use crate::output::{self, cannot_write, create, Failure};
use crate::summary::from_export;

/// Draw strength over time.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The line is at the exact figure, or the middle of its range; the band \
runs from the lowest to the highest figure the evidence allows; an open band reaches the \
top (no upper bound); dashed steps are where announced relocations would take the \
figure; diamonds are flagged figures; a nation is drawn by location with its total, a host \
country by nation; hover a point (SVG) for its records."
)]
pub struct Args {
    #[command(flatten)]
    subject: SubjectArgs,
    /// Write the chart here (default, or `-`: standard output). A name
    /// ending in `.png` writes PNG unless --format says otherwise.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// svg or png draw the chart; table, csv, json and jsonl print its
    /// points (default: svg, or png for `--out NAME.png`).
    #[arg(long, value_enum)]
    format: Option<Picture>,
    /// The first day drawn: the figure holding on it is the first point.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<Day>,
    /// The last day drawn.
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<Day>,
    /// Width and height in pixels.
    #[arg(long, value_name = "WxH", default_value = "960x540", value_parser = size)]
    size: (u32, u32),
}

/// What to write.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Picture {
    /// The chart, as SVG (hover a point for its records).
    Svg,
    /// The chart, as a PNG image.
    Png,
    /// Its points as a text table.
    Table,
    /// Its points as CSV.
    Csv,
    /// Its title and points as JSON.
    Json,
    /// Its points as JSON Lines.
    Jsonl,
}

/// A chart's title and its points, as `chart --format csv` writes them.
#[derive(serde::Serialize)]
struct Points<'c> {
    title: &'c str,
    points: Vec<ChartPoint>,
}

fn size(text: &str) -> Result<(u32, u32), String> {
    let parsed = text
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
    match parsed {
        Some((w, h)) if (200..=10_000).contains(&w) && (150..=10_000).contains(&h) => Ok((w, h)),
        _ => Err(format!(
            "expected WIDTHxHEIGHT in pixels, 200x150 to 10000x10000, found {text:?}"
        )),
    }
}

pub fn run(data: &Dataset, inputs: &[std::path::PathBuf], args: &Args) -> Result<(), Failure> {
    // `-o -` is standard output, as for most tools: not a file named `-`.
    let out_file = args.out.as_ref().filter(|p| p.as_os_str() != "-");
    if let Some(out) = out_file {
        crate::inputs::check_file(out, inputs)?;
    }
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            return Err(Failure::Usage(format!(
                "--from {from} is after --to {to}: nothing to draw"
            )));
        }
    }
    let subject = codes::subject(data, &args.subject)?.unwrap_or(Subject::All);
    let options = ChartOptions {
        from: args.from,
        to: args.to,
    };
    let series = chart_with(&Ledger::new(data), &subject, options);
    let png_named =
        out_file.is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("png")));
    let format = args.format.unwrap_or(if png_named {
        Picture::Png
    } else {
        Picture::Svg
    });
    match format {
        Picture::Svg | Picture::Png => {
            let drawn = if matches!(format, Picture::Png) {
                render_png(&series, args.size)
            } else {
                render_svg(&series, args.size).map(String::into_bytes)
            };
            let bytes = drawn.map_err(|e| Failure::Usage(e.to_string()))?;
            match out_file {
                Some(path) => {
                    let mut w = create(path)?;
                    w.write_all(&bytes).map_err(|e| cannot_write(path, &e))?;
                    w.finish()
                }
                None => {
                    let mut out = output::stdout();
                    out.write_all(&bytes)?;
                    out.flush()?;
                    Ok(())
                }
            }
        }
        Picture::Json => print_json(&Points {
            title: &series.title,
            points: chart_points(&series),
        }),
        Picture::Jsonl => print_json_lines(&chart_points(&series)),
        Picture::Csv => export::write_rows(
            output::stdout(),
            &chart_points(&series),
            export::ExportOptions::default(),
        )
        .map(|_| ())
        .map_err(from_export),
        Picture::Table => output::print(&points_table(&series.title, &chart_points(&series))),
    }
}

/// The points as a text table, from their rows.
fn points_table(title: &str, points: &[ChartPoint]) -> String {
    let mut out = format!("{title}\n\n");
    let mut series: Option<&str> = None;
    for p in points {
        if series != Some(p.series.as_str()) {
            out.push_str(&format!("{}:\n", p.series));
            series = Some(&p.series);
        }
        let planned = if p.planned { " (planned)" } else { "" };
        let bounds = match p.high {
            Some(high) => {
                Interval::new(p.low, high).map_or_else(|_| "?".to_owned(), |b| b.to_string())
            }
            None => Interval::at_least(p.low).to_string(),
        };
        out.push_str(&format!(
            "  {}  {bounds}{planned}  [{}]\n",
            p.day,
            p.records.replace(';', ", ")
        ));
    }
    out
}
