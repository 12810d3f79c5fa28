//! The fuzz targets' properties (`fuzz/src/core_checks.rs`, included by path) run by
//! `cargo test` over every rule fixture, the plain-Markdown fixtures and every input a fuzzer
//! ever found a bug with (`fuzz/regressions/<target>/`). A crash found by `cargo fuzz` is fixed
//! and its input added there; from then on it is a test like any other.

mod common;
#[allow(dead_code)]
#[path = "../../../fuzz/src/core_checks.rs"]
mod core_checks;

use common::files;

use std::fs;
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
    let before = paths.len();
    files(
        &root.join("../../fuzz/regressions").join(target),
        &mut paths,
    );
    assert!(before >= 30, "fixtures not found ({before})");
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Runs `check` on each input, naming the input that fails.
fn run(target: &str, check: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        if let Err(panic) = std::panic::catch_unwind(|| check(&bytes)) {
            eprintln!("{target} failed on {}", path.display());
            std::panic::resume_unwind(panic);
        }
    }
}

#[test]
fn parse_lint() {
    run("parse_lint", core_checks::parse_lint);
}

#[test]
fn fixes() {
    run("fixes", core_checks::fixes);
}

/// The regression inputs must still show what they were saved for: without the fix, this
/// input made the pre-check skip a document with goal content.
#[test]
fn the_saved_crash_still_exercises_the_pre_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes =
        fs::read(root.join("../../fuzz/regressions/parse_lint/precheck-multiline-setext")).unwrap();
    let text = core_checks::text_of(&bytes);
    let doc = goal_lint_core::GoalDocument::parse(&text, &Default::default());
    assert!(doc.is_goal_document);
    assert!(goal_lint_core::model::may_be_goal_document(
        &text,
        &Default::default()
    ));
}
