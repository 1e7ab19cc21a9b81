//! Arbitrary bytes as each importer's table; see `harness::import`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::import(data));
