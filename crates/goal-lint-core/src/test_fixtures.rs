//! The documents the tests lint (`tests/fixtures`), for unit tests that compare a shortcut
//! with what it replaces on every one of them.

use std::path::{Path, PathBuf};

/// Every file under `tests/fixtures` that reads as text, with its path.
pub(crate) fn fixture_texts() -> Vec<(PathBuf, String)> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path, text));
            }
        }
    }
    out
}
