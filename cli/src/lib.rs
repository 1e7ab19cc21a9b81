//! `troop-tracker`: force summaries, validation, timelines, exports and
//! charts of a deployment dataset, from the command line.
//!
//! Exit status: 0 when done (and, for `validate`, no figures contradict
//! each other), 1 when `validate` finds contradictions, 2 when the
//! arguments are wrong or the data cannot be loaded or written.
//!
//! The tool is a library with one entry point, [`run`], so that the
//! binary (`src/main.rs`) and the command-line fuzz target
//! (`fuzz/fuzz_targets/cli.rs`) run the same code: any arguments, parsed
//! and answered in this process.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod args;
mod chart;
mod codes;
mod docs;
mod export;
mod import;
mod inputs;
mod load;
mod output;
mod report;
mod summary;
mod timeline;
mod validate;

use std::ffi::OsString;

use clap::{CommandFactory, Parser, Subcommand};

use crate::args::{DataArgs, OutputArgs};

/// Who has how many troops where, under which mission, as of which date,
/// on whose word: summaries, checks, timelines, exports and charts of a
/// deployment dataset (the bundled one unless --data names a folder,
/// --troopdata the US record of troops abroad or --ipi the UN's
/// peacekeeping contributions).
#[derive(Debug, Parser)]
#[command(name = "troop-tracker", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 done, 1 contradictions found (validate), \
2 bad arguments or data that cannot be loaded or written."
)]
struct Cli {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Who had how many troops where: on the data's key dates, or on --as-of.
    Summary(summary::Args),
    /// Check the data for figures that cannot all be true.
    Validate(validate::Args),
    /// The dated history of a nation's troops, a mission or a location.
    Timeline(timeline::Args),
    /// Write the posture, totals, pivot, timeline and findings as files
    /// (CSV with the ledger, JSON, JSON Lines or Parquet).
    Export(export::Args),
    /// Draw strength over time as an SVG chart (or print its series).
    Chart(chart::Args),
    /// Write one self-contained HTML report of the posture on a day:
    /// totals, charts, figures with their sources' quotes, findings and
    /// the timeline.
    Report(report::Args),
    /// Import the tables (--troopdata DIR, --ipi DIR) and say what they
    /// gave: rows by reading, rows left out, and the checks' counts.
    Import(import::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish,
    /// powershell).
    Completions(docs::CompletionsArgs),
    /// Print the manual page (roff), or write a page per command with --out.
    Man(docs::ManArgs),
}

/// Runs the tool on `args` (the program's name first, as from
/// [`std::env::args_os`]) and returns its exit status: 0 done, 1
/// contradictions found by `validate`, 2 bad arguments or data that cannot
/// be loaded or written. Help and the version print and return 0.
///
/// Results go to standard output and files the arguments name; messages
/// to standard error. Nothing else is read or written.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and the version are "errors" that exit 0; a closed
            // standard error must not panic here either.
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(2);
        }
    };
    output::set_create_dirs(cli.output.create_dirs);
    // Completions and the manual are answered from the arguments alone:
    // no data is loaded, so they work (and are quick) even where the data
    // would not load. Every other command loads first.
    let folders = || inputs::folders(&cli.data);
    let result = match &cli.command {
        Command::Completions(a) => docs::completions(Cli::command(), a),
        Command::Man(a) => docs::man(Cli::command(), a, &folders()),
        Command::Summary(a) => load::load(&cli.data).and_then(|l| summary::run(&l, a)),
        Command::Validate(a) => load::load(&cli.data).and_then(|l| validate::run(&l, a)),
        Command::Timeline(a) => load::load(&cli.data).and_then(|l| timeline::run(&l.data, a)),
        Command::Export(a) => load::load(&cli.data).and_then(|l| export::run(&l, &folders(), a)),
        Command::Chart(a) => load::load(&cli.data).and_then(|l| chart::run(&l.data, &folders(), a)),
        Command::Import(a) => load::load(&cli.data).and_then(|l| import::run(&l, a)),
        Command::Report(a) => load::load(&cli.data).and_then(|l| report::run(&l, &cli.data, a)),
    };
    output::exit(result)
}
