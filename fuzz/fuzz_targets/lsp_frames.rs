#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| goal_lint_fuzz::lsp_checks::lsp_frames(data));
