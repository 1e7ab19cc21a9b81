//! `troop-tracker completions SHELL` and `troop-tracker man`: shell
//! completion scripts and manual pages, generated from the tool's own
//! argument definitions (the ones `--help` shows), without loading data.

use std::io::Write;
use std::path::PathBuf;

use clap_complete::Shell;
use clap_mangen::Man;

use crate::output::{self, cannot_write, Failure};

/// The name the scripts complete and the pages document.
const BIN: &str = "troop-tracker";

/// Print a completion script for a shell.
#[derive(Debug, clap::Args)]
#[command(after_help = "Bash, for example: troop-tracker completions bash > \
~/.local/share/bash-completion/completions/troop-tracker (then open a new shell). \
Zsh: write _troop-tracker into a folder on $fpath. Fish: write troop-tracker.fish \
into ~/.config/fish/completions.")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: Shell,
}

/// Print the manual page, or write one per command into a folder.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Read it with `troop-tracker man | man -l -`; install the pages \
with --out into a folder of $MANPATH (such as ~/.local/share/man/man1)."
)]
pub struct ManArgs {
    /// Write troop-tracker.1 and a page per subcommand
    /// (troop-tracker-summary.1, ...) into this folder, made if missing
    /// like `mkdir DIR`, instead of printing troop-tracker.1.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Prints the completion script of `cmd` (the whole tool) for the shell.
pub fn completions(mut cmd: clap::Command, args: &CompletionsArgs) -> Result<(), Failure> {
    // Generated into memory first: clap_complete panics on a write error,
    // and a closed pipe must end quietly.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, BIN, &mut script);
    let mut out = output::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// Prints the page of `cmd` (the whole tool), or writes it and one page
/// per subcommand into `--out`.
pub fn man(cmd: clap::Command, args: &ManArgs, inputs: &[PathBuf]) -> Result<(), Failure> {
    // As clap_mangen's own generate_to: no page for the `help`
    // subcommand, and a built command, whose subcommands carry their
    // display names (troop-tracker-summary) and the global options.
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = &args.out else {
        let mut page = Vec::new();
        Man::new(cmd)
            .render(&mut page)
            .map_err(|e| Failure::Usage(format!("cannot render the manual page: {e}")))?;
        let mut out = output::stdout();
        out.write_all(&page)?;
        out.flush()?;
        return Ok(());
    };
    // Like export: never into (or holding) a folder data is read from.
    crate::inputs::check_folder(dir, inputs)?;
    output::prepare_out_dir(dir, output::create_dirs())?;
    let subcommands: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut written = Vec::new();
    for page in std::iter::once(cmd).chain(subcommands).map(Man::new) {
        let path = dir.join(page.get_filename());
        // Through output::create: replaced whole, never half-written.
        let mut file = output::create(&path)?;
        page.render(&mut file)
            .map_err(|e| cannot_write(&path, &e))?;
        file.finish()?;
        written.push(path);
    }
    let mut out = output::stdout();
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    out.flush()?;
    Ok(())
}
