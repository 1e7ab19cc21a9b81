//! `troop-tracker chart`: strength over time as SVG, or its series.

use std::io::Write;
use std::path::PathBuf;

use troop_tracker::chart::{chart, render_svg, Chart};
use troop_tracker::{Dataset, Ledger, Subject};

use crate::args::{print_json, SubjectArgs};
use crate::codes;
use crate::output::{self, cannot_write, create, Failure};

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
    /// Write the SVG here (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// svg draws the chart; table, csv and json print its points.
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
    /// Its series as JSON.
    Json,
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
    if let Some(out) = &args.out {
        crate::inputs::check_file(out, inputs)?;
    }
    let subject = codes::subject(data, &args.subject)?.unwrap_or(Subject::All);
    let series = chart(&Ledger::new(data), &subject);
    match args.format {
        Picture::Svg => {
            let svg = render_svg(&series, args.size).map_err(|e| Failure::Usage(e.to_string()))?;
            match &args.out {
                Some(path) => {
                    let mut w = create(path)?;
                    w.write_all(svg.as_bytes())
                        .map_err(|e| cannot_write(path, &e))?;
                    w.finish()
                }
                None => output::print(&svg),
            }
        }
        Picture::Json => print_json(&series),
        Picture::Csv => output::print(&points_csv(&series)?),
        Picture::Table => output::print(&points_table(&series)),
    }
}

/// One row per point: `series, day, low, high, high_unbounded, planned,
/// records` (records joined by `;`), `high` empty when unbounded.
fn points_csv(series: &Chart) -> Result<String, Failure> {
    let header = [
        "series",
        "day",
        "low",
        "high",
        "high_unbounded",
        "planned",
        "records",
        "flags",
    ];
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let rows = series.series.iter().flat_map(|s| {
        s.points.iter().map(move |p| {
            vec![
                s.label.clone(),
                p.day.to_string(),
                p.bounds.low().to_string(),
                p.bounds.high().map_or(String::new(), |h| h.to_string()),
                yes_no(p.bounds.high().is_none()),
                yes_no(p.planned),
                p.records.join(";"),
                p.flags.join(";"),
            ]
        })
    });
    output::csv_text(&header, rows)
}

fn points_table(series: &Chart) -> String {
    let mut out = format!("{}\n\n", series.title);
    for s in &series.series {
        out.push_str(&format!("{}:\n", s.label));
        for p in &s.points {
            let planned = if p.planned { " (planned)" } else { "" };
            out.push_str(&format!(
                "  {}  {}{planned}  [{}]\n",
                p.day,
                p.bounds,
                p.records.join(", ")
            ));
        }
    }
    out
}
