//! The `troop-tracker` binary: the library's [`run`] on this process's
//! arguments, its status as the exit code.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use troop_tracker_cli::run;

fn main() -> ExitCode {
    ExitCode::from(run(std::env::args_os()))
}
