//! A data folder asked every question with every option, every answer
//! written in every format; see `harness::answers`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::answers(data));
