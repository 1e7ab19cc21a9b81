//! `troop-tracker chart`: strength over time as SVG, or its series.

use std::io::Write;
use std::path::PathBuf;

use troop_tracker::chart::{chart, render_svg};
use troop_tracker::rows::{chart_points, ChartPoint};
use troop_tracker::{export, Dataset, Interval, Ledger, Subject};

use crate::args::{print_json, print_json_lines, SubjectArgs};
use crate::codes;
use crate::output::{self, cannot_write, create, Failure};
use crate::summary::from_export;

/// Draw strength over time.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The band runs from the lowest to the highest figure the evidence \
allows; an open band reaches the top (no upper bound); dashed steps are where announced \
relocations would take the figure; hover a point for its records."
)]
pub struct Args {
    #[command(flatten)]
    subject: SubjectArgs,
    /// Write the SVG here (default, or `-`: standard output).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// svg draws the chart; table, csv, json and jsonl print its points.
    #[arg(long, value_enum, default_value_t = Picture::Svg)]
    format: Picture,
    /// Width and height in pixels.
    #[arg(long, value_name = "WxH", default_value = "960x540", value_parser = size)]
    size: (u32, u32),
}

/// What to write.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Picture {
    /// The chart, as SVG.
    Svg,
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
    let subject = codes::subject(data, &args.subject)?.unwrap_or(Subject::All);
    let series = chart(&Ledger::new(data), &subject);
    match args.format {
        Picture::Svg => {
            let svg = render_svg(&series, args.size).map_err(|e| Failure::Usage(e.to_string()))?;
            match out_file {
                Some(path) => {
                    let mut w = create(path)?;
                    w.write_all(svg.as_bytes())
                        .map_err(|e| cannot_write(path, &e))?;
                    w.finish()
                }
                None => output::print(&svg),
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
