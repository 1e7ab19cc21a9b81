//! The command line's argument handling: arbitrary bytes as the tool's
//! arguments, run in a fresh working folder; see `cli_harness::cli`.
#![no_main]

#[path = "../cli_harness.rs"]
mod cli_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cli_harness::cli(data));
