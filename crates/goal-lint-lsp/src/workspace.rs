//! The Markdown files of a workspace, for `workspace/diagnostic`: a walk of the workspace
//! folders that skips hidden directories and build output, follows no symbolic links and
//! stops at a limit (and says so: the server warns the user), and the bounded reading of one
//! file.

use std::path::{Path, PathBuf};

/// Most files looked at in one workspace pull.
pub const MAX_FILES: usize = 20_000;

/// Directories never entered: hidden ones (`.git`) and dependency or build output.
fn skipped(name: &str) -> bool {
    name.starts_with('.')
        || matches!(
            name,
            "node_modules" | "target" | "vendor" | "dist" | "build"
        )
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// What a walk of the workspace found.
pub struct Found {
    /// The Markdown files, sorted.
    pub files: Vec<PathBuf>,
    /// There were more than the limit: the walk stopped, and the rest are not in `files`.
    pub stopped: bool,
}

/// The Markdown files under `roots` (regular files only), sorted, at most `limit`
/// ([`MAX_FILES`] for a workspace pull): past it the walk stops and says so.
pub fn markdown_files(roots: &[PathBuf], limit: usize) -> Found {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    let mut stopped = false;
    'walk: while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() && !skipped(&name) {
                stack.push(path);
            } else if kind.is_file() && is_markdown(&path) {
                if files.len() == limit {
                    stopped = true;
                    break 'walk;
                }
                files.push(path);
            }
        }
    }
    files.sort();
    Found { files, stopped }
}

/// A file's text, when it is a regular UTF-8 file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Option<String> {
    String::from_utf8(goal_lint_config::read::read_regular(path, limit).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_markdown_files_and_skips_hidden_and_build_directories() {
        let root = std::env::temp_dir().join(format!("goal-lint-walk-{}", std::process::id()));
        for dir in ["a/b", ".git", "node_modules/x", "target"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for file in [
            "goals.md",
            "a/b/okr.MD",
            "a/notes.txt",
            ".git/x.md",
            "node_modules/x/r.md",
            "target/t.md",
        ] {
            std::fs::write(root.join(file), "## Goals\n").unwrap();
        }
        let walk = markdown_files(std::slice::from_ref(&root), MAX_FILES);
        assert!(!walk.stopped);
        let found: Vec<_> = walk
            .files
            .into_iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(found, ["a/b/okr.MD", "goals.md"]);
        // At the limit the walk is complete; one file more, and it says it stopped.
        assert!(!markdown_files(std::slice::from_ref(&root), 2).stopped);
        let short = markdown_files(std::slice::from_ref(&root), 1);
        assert!(short.stopped);
        assert_eq!(short.files.len(), 1);
        assert_eq!(
            read_text(&root.join("goals.md"), 100).as_deref(),
            Some("## Goals\n")
        );
        assert_eq!(read_text(&root.join("goals.md"), 3), None);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
