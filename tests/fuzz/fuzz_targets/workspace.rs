//! Fuzz target: decoding workspace bytes must give a workspace or an error value for any
//! input — never a panic, a hang or runaway memory.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rotation_lens_core::workspace::workspace_from_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(workspace) = workspace_from_bytes(data, Path::new("fuzz.json")) {
        for entry in &workspace.series {
            assert!(entry.series.dates().windows(2).all(|w| w[0] < w[1]));
        }
    }
});
