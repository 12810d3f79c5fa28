//! The `lsp_edits` and `lsp_frames` fuzz targets' properties (`fuzz/src/lsp_checks.rs`,
//! included by path) run by `cargo test`: every input saved in `fuzz/regressions/lsp_*/`,
//! every rule fixture driven by edit scripts from a fixed-seed generator, and fixed-seed frame
//! scripts, so the checks run on each commit and not only when someone fuzzes.

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

fn check_frames(name: &str, input: &[u8]) {
    if let Err(panic) = std::panic::catch_unwind(|| lsp_checks::lsp_frames(input)) {
        eprintln!("lsp_frames failed on {name}");
        std::panic::resume_unwind(panic);
    }
}

fn saved(target: &str) -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/regressions")
            .join(target),
        &mut paths,
    );
    paths.sort();
    paths
}

#[test]
fn saved_inputs() {
    for path in saved("lsp_edits") {
        check(&path.display().to_string(), &fs::read(&path).unwrap());
    }
}

#[test]
fn saved_frame_inputs() {
    let paths = saved("lsp_frames");
    assert!(!paths.is_empty(), "fuzz/regressions/lsp_frames not found");
    for path in paths {
        check_frames(&path.display().to_string(), &fs::read(&path).unwrap());
    }
}

/// Frame scripts from the fixed-seed generator: every kind of piece, unframed runs up to
/// 16 KiB (past the header bound), reads of every size.
#[test]
fn generated_frame_scripts() {
    let mut rng = Lcg(0x2545_f491_4f6c_dd1d);
    for round in 0..300 {
        let len = 8 + usize::from(rng.next_byte()) * 2;
        let input: Vec<u8> = (0..len).map(|_| rng.next_byte()).collect();
        check_frames(&format!("frame script {round}"), &input);
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
