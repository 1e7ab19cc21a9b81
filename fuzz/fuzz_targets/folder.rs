//! A data folder written to disk, odd files and all, loaded through the
//! public folder API; see `harness::folder`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::folder(data));
