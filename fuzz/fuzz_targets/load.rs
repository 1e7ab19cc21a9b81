//! Arbitrary bytes as a whole data folder; see `harness::load`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::load(data));
