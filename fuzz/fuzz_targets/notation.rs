//! Arbitrary text to every notation parser; see `harness::notation`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::notation(data));
