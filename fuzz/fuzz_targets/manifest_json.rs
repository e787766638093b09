//! See `roadbook::model::invariants::manifest_json` for what is checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| roadbook::model::invariants::manifest_json(data));
