//! Which files to lint, and which configuration applies to each.
//!
//! Directories are walked with the `ignore` crate: `.gitignore`, `.ignore` and git excludes are
//! respected, hidden files and directories are skipped, symbolic links are not followed (so a
//! link loop cannot trap the walk), and only `.md`, `.markdown` and `.txt` files are taken (plain
//! text notes are often Markdown; one without goal content yields nothing). MDX files
//! are not: their JSX is not Markdown. Files matching `exclude` in their configuration are
//! skipped by the walk. A file named explicitly is linted, unless it matches `exclude` and
//! exclusion is forced: by `--force-exclude`, or by `force-exclude = true` in its configuration
//! (pre-commit names every file it checks); `--no-force-exclude` overrides the configuration.
//!
//! A file reached under several names (spellings of one path, a walk and a name, a symbolic
//! link) is taken once, by its canonical path.
//!
//! Only regular files are read, named ones included (`goal_lint_config::read`), and the
//! configuration of each file comes from `goal_lint_config::ConfigResolver`, which the
//! language server uses too.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use goal_lint_config::ConfigResolver;
use goal_lint_config::read::{io_message, not_regular};

pub use goal_lint_core::config::CONFIG_FILE_NAMES as CONFIG_NAMES;
pub const EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Something to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// A problem with an input path: reported with the path, and the run ends with exit code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

/// Expand the command-line paths into files, in a stable order. Files named explicitly are
/// dropped too when they match `exclude` and `force_exclude` (the flags; `None`: each file's
/// configuration) forces exclusion.
pub fn discover(
    paths: &[PathBuf],
    configs: &mut ConfigResolver,
    force_exclude: Option<bool>,
) -> (Vec<Source>, Vec<PathError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    // One file named several ways (`dup.md ./dup.md /abs/dup.md`, a directory that holds a
    // file also named, a symbolic link) is linted and fixed once, under the first of its
    // names: linted in parallel under each, it would be counted twice and fixed twice, the
    // second fix finding the file "changed on disk".
    let mut seen = HashSet::new();
    let mut add = |sources: &mut Vec<Source>, path: &Path| {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(key) {
            sources.push(Source::File(path.to_path_buf()));
        }
    };
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let mut message = io_message(&e);
                // `goal-lint --no-config outline FILE`: options before a command make the
                // command a path.
                if let Some(command) = path.to_str().filter(|p| crate::args::COMMANDS.contains(p)) {
                    message.push_str(&format!(
                        " (`{command}` is a command: write it first, `goal-lint {command} …`)"
                    ));
                }
                errors.push(PathError {
                    path: path.display().to_string(),
                    message,
                });
                continue;
            }
        };
        if !meta.is_dir() {
            match not_regular(&meta) {
                None if configs.force_excludes(path, force_exclude) => {}
                None => add(&mut sources, path),
                Some(message) => errors.push(PathError {
                    path: path.display().to_string(),
                    message,
                }),
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(true)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let markdown = p
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
                    if is_file && markdown && !configs.excludes(p) {
                        add(&mut sources, p);
                    }
                }
                Err(e) => errors.push(PathError {
                    path: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
    }
    sources.sort();
    (sources, errors)
}
