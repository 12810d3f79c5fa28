//! Which files to lint, and which configuration applies to each.
//!
//! Directories are walked with the `ignore` crate: `.gitignore`, `.ignore` and git excludes are
//! respected, hidden files and directories are skipped, symbolic links are not followed (so a
//! link loop cannot trap the walk), and only `.md`, `.markdown` and `.txt` files are taken (plain
//! text notes are often Markdown; one without goal content yields nothing). MDX files
//! are not: their JSX is not Markdown. Files matching `exclude` in their configuration are
//! skipped by the walk. A file named explicitly is always linted, unless `--force-exclude`
//! is given and it matches `exclude` (pre-commit names every file it checks).
//!
//! Only regular files are read, named ones included: a named pipe would block the run and a
//! device such as `/dev/zero` never ends. Each read is bounded: the size is checked before
//! reading (and the read stops there, should the file grow meanwhile).

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use goal_lint_core::Config;
use goal_lint_core::config::find_config_file;

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

/// Expand the command-line paths into files, in a stable order. With `force_exclude`, files
/// named explicitly are dropped too when they match `exclude`.
pub fn discover(
    paths: &[PathBuf],
    configs: &mut ConfigResolver,
    force_exclude: bool,
) -> (Vec<Source>, Vec<PathError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
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
                errors.push(PathError {
                    path: path.display().to_string(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            match not_regular(&meta) {
                None if force_exclude && configs.excludes(path) => {}
                None => sources.push(Source::File(path.clone())),
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
                        sources.push(Source::File(p.to_path_buf()));
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
    sources.dedup();
    (sources, errors)
}

/// Why a path with this metadata (symbolic links followed) is not read: it is not a regular file.
pub fn not_regular(meta: &fs::Metadata) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("is a directory".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let what = if t.is_fifo() {
            "a named pipe"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        Some(format!(
            "not a regular file ({what}); goal-lint reads only regular files"
        ))
    }
    #[cfg(not(unix))]
    Some("not a regular file; goal-lint reads only regular files".to_string())
}

/// Read a regular file of at most `limit` bytes. The type and size are checked before reading
/// (opening a named pipe would wait for a writer), and again on the opened file.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
    }
    let too_large = |size: u64| {
        format!(
            "not read: {} is over the {} a file may have",
            goal_lint_core::config::human_size(size),
            goal_lint_core::config::human_size(limit)
        )
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
    }
    read_bounded(file, limit).map_err(|e| match e {
        Bounded::Io(e) => io_message(&e),
        Bounded::TooLarge => too_large(limit + 1),
    })
}

pub enum Bounded {
    Io(std::io::Error),
    /// More than the limit.
    TooLarge,
}

/// Read everything, but not more than `limit` bytes.
pub fn read_bounded(input: impl Read, limit: u64) -> Result<Vec<u8>, Bounded> {
    let mut buf = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(Bounded::Io)?;
    if buf.len() as u64 > limit {
        return Err(Bounded::TooLarge);
    }
    Ok(buf)
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

/// A configuration file that was found and parsed.
#[derive(Debug)]
pub struct LoadedConfig {
    pub path: PathBuf,
    /// The directory the file is in; override and exclude globs are relative to it.
    pub dir: PathBuf,
    pub config: Config,
}

impl LoadedConfig {
    /// `file`'s path relative to this configuration's directory.
    pub fn relative<'a>(&self, file: &'a Path) -> std::borrow::Cow<'a, Path> {
        let abs = absolute(file);
        match abs.strip_prefix(&self.dir) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(file),
        }
    }
}

/// The outcome of looking for a file's configuration.
pub type ConfigLookup = Result<Option<Arc<LoadedConfig>>, Arc<String>>;

/// Finds the nearest `goal-lint.toml` / `.goal-lint.toml` for each file (or one given with
/// `--config`), parsing each file once.
pub struct ConfigResolver {
    explicit: Option<ConfigLookup>,
    disabled: bool,
    by_dir: HashMap<PathBuf, ConfigLookup>,
    by_file: HashMap<PathBuf, ConfigLookup>,
}

impl ConfigResolver {
    pub fn new(explicit: Option<&Path>, disabled: bool) -> Self {
        ConfigResolver {
            explicit: explicit.map(load),
            disabled,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        }
    }

    /// The configuration for a file (or, for standard input, for a file at this path).
    pub fn for_path(&mut self, file: &Path) -> ConfigLookup {
        if self.disabled {
            return Ok(None);
        }
        if let Some(explicit) = &self.explicit {
            return explicit.clone();
        }
        let abs = absolute(file);
        let start = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if let Some(hit) = self.by_dir.get(&start) {
            return hit.clone();
        }
        let found = match find_config_file(&start, Path::is_file) {
            Some(path) => self
                .by_file
                .entry(path.clone())
                .or_insert_with(|| load(&path))
                .clone(),
            None => Ok(None),
        };
        self.by_dir.insert(start, found.clone());
        found
    }

    /// A walked file matches the `exclude` globs of its configuration.
    fn excludes(&mut self, file: &Path) -> bool {
        match self.for_path(file) {
            Ok(Some(c)) => c.config.is_excluded(&c.relative(file)),
            _ => false,
        }
    }
}

/// Largest configuration file read.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

fn load(path: &Path) -> ConfigLookup {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| Arc::new(format!("{shown}: {}", io_message(&e))))?;
    if meta.is_dir() {
        return Err(Arc::new(format!(
            "{shown}: is a directory, not a configuration file"
        )));
    }
    let bytes =
        read_regular(path, MAX_CONFIG_SIZE).map_err(|e| Arc::new(format!("{shown}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Arc::new(format!(
            "{shown}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let config = Config::from_toml(&text).map_err(|e| Arc::new(e.in_file(&shown)))?;
    let abs = absolute(path);
    Ok(Some(Arc::new(LoadedConfig {
        dir: abs.parent().map(Path::to_path_buf).unwrap_or_default(),
        path: path.to_path_buf(),
        config,
    })))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
