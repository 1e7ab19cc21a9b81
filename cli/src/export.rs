//! `troop-tracker export`: files for spreadsheets (or JSON) in a folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use troop_tracker::export::{self, ExportError, ExportOptions};
use troop_tracker::{rows, Ledger};

use crate::args::DayArgs;
use crate::load::Loaded;
use crate::output::{self, cannot_write, create, Failure};

/// Write files for spreadsheets, notebooks and other tools.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Every format writes the same rows under the same column names: \
posture, totals, pivot, timeline and findings (.csv, .json, .jsonl or .parquet), and with CSV \
the ledger/ folder (the data in its own schema, with its articles). pivot.csv spreads the \
pivot's cells as nations by locations; the other formats keep one cell per row. Without \
--as-of the day is the latest any figure describes. Sum totals, not posture: see the README."
)]
pub struct Args {
    /// The folder to write into: made if missing, like `mkdir DIR`; a
    /// missing folder above it is refused unless --create-dirs is given.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    day: DayArgs,
    /// File format.
    #[arg(long, value_enum, default_value_t = Files::Csv)]
    format: Files,
    /// Start each CSV with a byte-order mark, for Excel.
    #[arg(long)]
    bom: bool,
    /// End CSV lines with CRLF.
    #[arg(long)]
    crlf: bool,
    /// Replace files that already exist in the folder.
    #[arg(long)]
    force: bool,
}

/// What files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Files {
    /// CSV files and the ledger folder.
    Csv,
    /// JSON files: each an array of rows.
    Json,
    /// JSON Lines files: a row per line.
    Jsonl,
    /// Parquet files, typed columns (a tool built with the `parquet`
    /// feature).
    Parquet,
}

impl Files {
    fn extension(self) -> &'static str {
        match self {
            Files::Csv => "csv",
            Files::Json => "json",
            Files::Jsonl => "jsonl",
            Files::Parquet => "parquet",
        }
    }
}

/// The answers every format writes, as rows.
struct Answers {
    posture: Vec<rows::PostureRow>,
    totals: Vec<rows::TotalRow>,
    pivot: Vec<rows::PivotCell>,
    timeline: Vec<rows::TimelineRow>,
    findings: Vec<rows::FindingRow>,
}

/// The files, in the order written.
const FILES: [&str; 5] = ["posture", "totals", "pivot", "timeline", "findings"];

pub fn run(loaded: &Loaded, inputs: &[PathBuf], args: &Args) -> Result<(), Failure> {
    let data = &loaded.data;
    if args.format == Files::Parquet && !cfg!(feature = "parquet") {
        return Err(Failure::Usage(
            "this troop-tracker was built without Parquet: install it with `cargo install --path cli --features parquet`".to_owned(),
        ));
    }
    // Nothing is written into (or over) a folder the data came from, and
    // nothing replaced without --force.
    crate::inputs::check_folder(&args.out, inputs)?;
    let mut planned: Vec<PathBuf> = FILES
        .iter()
        .map(|n| args.out.join(format!("{n}.{}", args.format.extension())))
        .collect();
    if args.format == Files::Csv {
        planned.push(args.out.join("ledger"));
    }
    crate::inputs::check_new(&planned, args.force)?;
    let day = args
        .day
        .as_of
        .or_else(|| data.latest_day())
        .ok_or_else(|| Failure::Usage("the data has no dated figure: give --as-of".to_owned()))?;
    output::prepare_out_dir(&args.out, output::create_dirs())?;
    let ledger = Ledger::new(data);
    let posture = ledger.posture_with(day, args.day.options());
    let answers = Answers {
        posture: rows::posture(&posture),
        totals: rows::totals(&posture),
        pivot: rows::pivot(&posture),
        timeline: rows::timeline(data, &troop_tracker::Subject::All),
        findings: loaded.report_with(&ledger).rows(),
    };
    let mut written = Written::new();
    let options = ExportOptions {
        bom: args.bom,
        crlf: args.crlf,
    };
    let ext = args.format.extension();
    let mut file = |name: &str, write: &dyn Fn(&mut dyn Write) -> Result<usize, Failure>| {
        let path = args.out.join(format!("{name}.{ext}"));
        let mut w = create(&path)?;
        let rows = write(&mut w).map_err(|e| match e {
            Failure::Usage(text) => Failure::Write(format!("{}: {text}", path.display())),
            other => other,
        })?;
        w.finish()?;
        written.push((path, Some(rows)));
        Ok::<(), Failure>(())
    };
    match args.format {
        Files::Csv => {
            let csv =
                |w: &mut dyn Write,
                 write: &dyn Fn(&mut dyn Write) -> Result<usize, ExportError>| {
                    write(w).map_err(|e| Failure::Usage(e.to_string()))
                };
            file("posture", &|w| {
                csv(w, &|w| export::write_rows(w, &answers.posture, options))
            })?;
            file("totals", &|w| {
                csv(w, &|w| export::write_rows(w, &answers.totals, options))
            })?;
            file("pivot", &|w| {
                csv(w, &|w| export::write_pivot(w, &posture, options))
            })?;
            file("timeline", &|w| {
                csv(w, &|w| export::write_rows(w, &answers.timeline, options))
            })?;
            file("findings", &|w| {
                csv(w, &|w| export::write_rows(w, &answers.findings, options))
            })?;
        }
        Files::Json | Files::Jsonl => {
            let lines = args.format == Files::Jsonl;
            file("posture", &|w| json(w, &answers.posture, lines))?;
            file("totals", &|w| json(w, &answers.totals, lines))?;
            file("pivot", &|w| json(w, &answers.pivot, lines))?;
            file("timeline", &|w| json(w, &answers.timeline, lines))?;
            file("findings", &|w| json(w, &answers.findings, lines))?;
        }
        Files::Parquet => parquet_files(&answers, &mut file)?,
    }
    if args.format == Files::Csv {
        ledger_folder(loaded, args, options, &mut written)?;
    }
    let mut out = output::stdout();
    for (path, rows) in written {
        match rows {
            Some(n) => writeln!(out, "{}  {n} rows", path.display())?,
            None => writeln!(out, "{}", path.display())?,
        }
    }
    out.flush()?;
    Ok(())
}

type Written = Vec<(PathBuf, Option<usize>)>;

/// Rows as one JSON array, or as JSON Lines.
fn json<R: serde::Serialize>(w: &mut dyn Write, rows: &[R], lines: bool) -> Result<usize, Failure> {
    let failed = |e: serde_json::Error| Failure::Usage(e.to_string());
    if lines {
        for row in rows {
            serde_json::to_writer(&mut *w, row).map_err(failed)?;
            w.write_all(b"\n")
                .map_err(|e| Failure::Usage(e.to_string()))?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *w, rows).map_err(failed)?;
        w.write_all(b"\n")
            .map_err(|e| Failure::Usage(e.to_string()))?;
    }
    Ok(rows.len())
}

type FileFn<'a> =
    dyn FnMut(&str, &dyn Fn(&mut dyn Write) -> Result<usize, Failure>) -> Result<(), Failure> + 'a;

#[cfg(feature = "parquet")]
fn parquet_files(answers: &Answers, file: &mut FileFn<'_>) -> Result<(), Failure> {
    fn parquet<R: rows::Row>(w: &mut dyn Write, rows: &[R]) -> Result<usize, Failure> {
        // The writer behind `w` is not `Send`, which arrow-rs asks for:
        // the file is made in memory, then written.
        let mut bytes = Vec::new();
        let n =
            export::write_parquet(&mut bytes, rows).map_err(|e| Failure::Usage(e.to_string()))?;
        w.write_all(&bytes)
            .map_err(|e| Failure::Usage(e.to_string()))?;
        Ok(n)
    }
    file("posture", &|w| parquet(w, &answers.posture))?;
    file("totals", &|w| parquet(w, &answers.totals))?;
    file("pivot", &|w| parquet(w, &answers.pivot))?;
    file("timeline", &|w| parquet(w, &answers.timeline))?;
    file("findings", &|w| parquet(w, &answers.findings))
}

#[cfg(not(feature = "parquet"))]
fn parquet_files(_: &Answers, _: &mut FileFn<'_>) -> Result<(), Failure> {
    Err(Failure::Usage("built without Parquet".to_owned()))
}

/// The data in its own schema, unless it came from imported tables.
fn ledger_folder(
    loaded: &Loaded,
    args: &Args,
    options: ExportOptions,
    written: &mut Written,
) -> Result<(), Failure> {
    let ledger_dir = args.out.join("ledger");
    if !loaded.tables.is_empty() {
        // Imported rows cite their table by line, which the folder schema
        // cannot hold: say so rather than write a folder that will not load.
        eprintln!(
            "note: ledger/ not written: the records cite the imported tables' rows by line; import the files again instead"
        );
        return Ok(());
    }
    for (path, rows) in export::write_ledger(&ledger_dir, &loaded.data, options)
        .map_err(|e| failed(&ledger_dir, e))?
    {
        let is_table = path.extension().is_some_and(|e| e == "csv");
        written.push((path, is_table.then_some(rows)));
    }
    Ok(())
}

fn failed(path: &Path, e: ExportError) -> Failure {
    match e {
        ExportError::Io { .. } => Failure::Write(e.to_string()),
        other => cannot_write(path, &other),
    }
}
