//! Writes CSV files for spreadsheets: the posture on a day, the timeline,
//! the validation findings, a nation-by-location pivot, and the whole
//! ledger in the input schema.
//!
//! ```text
//! cargo run --example export_csv -- --as-of 2020-01-10 --out DIR [--projected] [--bom] [--crlf] [--data DIR]
//! ```
//!
//! Without `--as-of` the day is the latest any record describes; without
//! `--out` the files go to `target/troop-tracker-export`.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use troop_tracker::export::{self, ExportError, ExportOptions};
use troop_tracker::{Dataset, Ledger, LoadOptions, PostureOptions};

const USAGE: &str = "usage: export_csv [--as-of YYYY-MM-DD] [--out DIR] [--projected] [--bom] [--crlf] [--data DIR [--articles DIR]]";

struct Args {
    as_of: Option<NaiveDate>,
    out: PathBuf,
    data: Option<String>,
    articles: LoadOptions,
    projected: bool,
    options: ExportOptions,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        as_of: None,
        out: PathBuf::from("target/troop-tracker-export"),
        data: None,
        articles: LoadOptions::new(),
        projected: false,
        options: ExportOptions::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--as-of" => {
                let v = value("--as-of")?;
                args.as_of = Some(
                    v.parse()
                        .map_err(|_| format!("--as-of expects YYYY-MM-DD, found {v:?}"))?,
                );
            }
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--data" => args.data = Some(value("--data")?),
            "--articles" => {
                let dir = value("--articles")?;
                args.articles = std::mem::take(&mut args.articles).allow_articles_in(dir);
            }
            "--projected" => args.projected = true,
            "--bom" => args.options.bom = true,
            "--crlf" => args.options.crlf = true,
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn create(path: &Path) -> Result<BufWriter<File>, ExportError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
}

fn run(args: &Args, data: &Dataset) -> Result<Vec<(PathBuf, usize)>, ExportError> {
    let latest = data
        .deployments()
        .iter()
        .map(|d| d.as_of().latest())
        .chain(data.relocations().iter().map(|r| r.date().latest()))
        .chain(data.mission_strengths().map(|t| t.as_of().latest()))
        .max();
    let day = args.as_of.or(latest).unwrap_or(NaiveDate::MIN);
    std::fs::create_dir_all(&args.out).map_err(|source| ExportError::Io {
        path: args.out.clone(),
        source,
    })?;
    let options = if args.projected {
        PostureOptions::projected()
    } else {
        PostureOptions::default()
    };
    let ledger = Ledger::new(data);
    let posture = ledger.posture_with(day, options);
    let mut written = Vec::new();
    let path = args.out.join("posture.csv");
    written.push((
        path.clone(),
        export::write_posture(create(&path)?, &posture, args.options).map_err(|e| e.at(&path))?,
    ));
    let path = args.out.join("timeline.csv");
    written.push((
        path.clone(),
        export::write_timeline(create(&path)?, data, args.options).map_err(|e| e.at(&path))?,
    ));
    let path = args.out.join("findings.csv");
    written.push((
        path.clone(),
        export::write_findings(create(&path)?, &data.validate(), args.options)
            .map_err(|e| e.at(&path))?,
    ));
    let path = args.out.join("totals.csv");
    written.push((
        path.clone(),
        export::write_totals(create(&path)?, &posture, args.options).map_err(|e| e.at(&path))?,
    ));
    let path = args.out.join("pivot.csv");
    written.push((
        path.clone(),
        export::write_pivot(create(&path)?, &posture, args.options).map_err(|e| e.at(&path))?,
    ));
    written.extend(export::write_ledger(
        &args.out.join("ledger"),
        data,
        args.options,
    )?);
    Ok(written)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let loaded = match &args.data {
        Some(dir) => Dataset::from_dir_with(dir, &args.articles),
        None => Dataset::bundled(),
    };
    let data = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the data could not be loaded:\n{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args, &data) {
        Ok(written) => {
            for (path, rows) in written {
                let what = if path.extension().is_some_and(|e| e == "txt") {
                    "article"
                } else {
                    "rows"
                };
                if what == "article" {
                    println!("{}  (source article)", path.display());
                } else {
                    println!("{}  {rows} {what}", path.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
