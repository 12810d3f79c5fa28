//! The `lsp_edits` fuzz target's property (`fuzz/src/lsp_checks.rs`, included by path) run by
//! `cargo test`: every input saved in `fuzz/regressions/lsp_edits/`, and every rule fixture
//! driven by edit scripts from a fixed-seed generator, so the check runs on each commit and not
//! only when someone fuzzes.

#[path = "../../goal-lint-core/tests/common/mod.rs"]
mod common;
#[path = "../../../fuzz/src/lsp_checks.rs"]
mod lsp_checks;

use common::files;

use std::fs;
use std::path::Path;

fn check(name: &str, input: &[u8]) {
    if let Err(panic) = std::panic::catch_unwind(|| lsp_checks::lsp_edits(input)) {
        eprintln!("lsp_edits failed on {name}");
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn saved_inputs() {
    let mut paths = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/lsp_edits"),
        &mut paths,
    );
    paths.sort();
    for path in paths {
        check(&path.display().to_string(), &fs::read(&path).unwrap());
    }
}

/// A small linear congruential generator: the same scripts on every run and every machine.
struct Lcg(u64);

impl Lcg {
    fn next_byte(&mut self) -> u8 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 56) as u8
    }
}

#[test]
fn fixtures_under_generated_edit_scripts() {
    let mut paths = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../goal-lint-core/tests/fixtures"),
        &mut paths,
    );
    paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
    paths.sort();
    assert!(paths.len() >= 30, "fixtures not found ({})", paths.len());
    let mut rng = Lcg(0x9e37_79b9_7f4a_7c15);
    for path in paths {
        let text = fs::read(&path).unwrap();
        for round in 0..4 {
            let mut input = text.clone();
            input.push(0xFF);
            input.extend((0..400).map(|_| rng.next_byte()));
            check(&format!("{} (script {round})", path.display()), &input);
        }
    }
}
