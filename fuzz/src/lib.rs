//! The properties the fuzz targets check. They live in a library so that `cargo test` can run
//! the same checks over the seed corpus and every input the fuzzer ever found a bug with
//! (`crates/goal-lint-core/tests/fuzz_regressions.rs`, `crates/goal-lint-lsp/tests/fuzz_regressions.rs`
//! include these files by path).

pub mod core_checks;
pub mod lsp_checks;
