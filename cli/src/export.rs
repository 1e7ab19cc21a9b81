//! `troop-tracker export`: files for spreadsheets (or JSON) in a folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use troop_tracker::export::{self, ExportError, ExportOptions};
use troop_tracker::{Day, Ledger};

use crate::args::DayArgs;
use crate::load::Loaded;
use crate::output::{self, cannot_write, create, Failure};

/// Write files for spreadsheets.
#[derive(Debug, clap::Args)]
#[command(after_help = "CSV: posture.csv, totals.csv, pivot.csv, timeline.csv, \
findings.csv and ledger/ (the data in its own schema, with its articles). JSON: \
posture.json, timeline.json, findings.json. Without --as-of the day is the latest \
any figure describes. Sum totals.csv, not posture.csv: see the README.")]
pub struct Args {
    /// The folder to write into (created if missing).
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
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Files {
    /// CSV files and the ledger folder.
    Csv,
    /// JSON files.
    Json,
}

pub fn run(loaded: &Loaded, inputs: &[PathBuf], args: &Args) -> Result<(), Failure> {
    let data = &loaded.data;
    // Nothing is written into (or over) a folder the data came from, and
    // nothing replaced without --force.
    crate::inputs::check_folder(&args.out, inputs)?;
    let names: &[&str] = match args.format {
        Files::Csv => &[
            "posture.csv",
            "totals.csv",
            "pivot.csv",
            "timeline.csv",
            "findings.csv",
            "ledger",
        ],
        Files::Json => &["posture.json", "timeline.json", "findings.json"],
    };
    let planned: Vec<PathBuf> = names.iter().map(|n| args.out.join(n)).collect();
    crate::inputs::check_new(&planned, args.force)?;
    let day = args
        .day
        .as_of
        .or_else(|| data.latest_day())
        .ok_or_else(|| Failure::Usage("the data has no dated figure: give --as-of".to_owned()))?;
    std::fs::create_dir_all(&args.out).map_err(|e| cannot_write(&args.out, &e))?;
    let written = match args.format {
        Files::Csv => csv_files(loaded, day, args)?,
        Files::Json => json_files(loaded, day, args)?,
    };
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

fn csv_files(loaded: &Loaded, day: Day, args: &Args) -> Result<Written, Failure> {
    let data = &loaded.data;
    let options = ExportOptions {
        bom: args.bom,
        crlf: args.crlf,
    };
    let ledger = Ledger::new(data);
    let posture = ledger.posture_with(day, args.day.options());
    let report = loaded.report();
    let mut written = Written::new();
    let mut file = |name: &str, write: &dyn Fn(&mut dyn Write) -> Result<usize, ExportError>| {
        let path = args.out.join(name);
        let mut w = create(&path)?;
        let rows = write(&mut w).map_err(|e| failed(&path, e.at(&path)))?;
        w.finish()?;
        written.push((path, Some(rows)));
        Ok::<(), Failure>(())
    };
    file("posture.csv", &|w| {
        export::write_posture(w, &posture, options)
    })?;
    file("totals.csv", &|w| {
        export::write_totals(w, &posture, options)
    })?;
    file("pivot.csv", &|w| export::write_pivot(w, &posture, options))?;
    file("timeline.csv", &|w| {
        export::write_timeline(w, data, options)
    })?;
    file("findings.csv", &|w| {
        export::write_checks(w, report.problems, &report.report, options)
    })?;
    let ledger_dir = args.out.join("ledger");
    if !loaded.tables.is_empty() {
        // Imported rows cite their table by line, which the folder schema
        // cannot hold: say so rather than write a folder that will not load.
        eprintln!(
            "note: ledger/ not written: the records cite the imported tables' rows by line; import the files again instead"
        );
        return Ok(written);
    }
    for (path, rows) in
        export::write_ledger(&ledger_dir, data, options).map_err(|e| failed(&ledger_dir, e))?
    {
        let is_table = path.extension().is_some_and(|e| e == "csv");
        written.push((path, is_table.then_some(rows)));
    }
    Ok(written)
}

fn json_files(loaded: &Loaded, day: Day, args: &Args) -> Result<Written, Failure> {
    let data = &loaded.data;
    let ledger = Ledger::new(data);
    let posture = ledger.posture_with(day, args.day.options());
    let timeline = data.timeline(&troop_tracker::Subject::All);
    let report = loaded.report();
    let mut written = Written::new();
    let mut file = |name: &str, value: &dyn erased::Json| {
        let path = args.out.join(name);
        let mut w = create(&path)?;
        value.write(&mut w).map_err(|e| cannot_write(&path, &e))?;
        w.finish()?;
        written.push((path, None));
        Ok::<(), Failure>(())
    };
    file("posture.json", &posture)?;
    file("timeline.json", &timeline)?;
    file("findings.json", &report)?;
    Ok(written)
}

fn failed(path: &Path, e: ExportError) -> Failure {
    match e {
        ExportError::Io { .. } => Failure::Write(e.to_string()),
        other => cannot_write(path, &other),
    }
}

/// Serializable values behind one object-safe trait, so one closure
/// writes every JSON file.
mod erased {
    use std::io::Write;

    pub trait Json {
        fn write(&self, w: &mut dyn Write) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Json for T {
        fn write(&self, mut w: &mut dyn Write) -> serde_json::Result<()> {
            serde_json::to_writer_pretty(&mut w, self)?;
            w.write_all(b"\n").map_err(serde_json::Error::io)
        }
    }
}
