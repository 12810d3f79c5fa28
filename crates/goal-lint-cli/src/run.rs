//! Linting (and fixing) the discovered files, in parallel, with results in a stable order.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use goal_lint_core::config::{RuleSelector, Settings, parse_severity};
use goal_lint_core::fix::{FixMode, fix_text};
use goal_lint_core::{Diagnostic, LintOptions, lint};
use rayon::prelude::*;

use goal_lint_config::ConfigResolver;
use goal_lint_config::read::{Bounded, io_message, open_regular, read_bounded, read_regular};

use crate::discover::Source;

/// A file larger than this (or than `max-file-size`, if that is higher) is not read at all.
/// Below it, ordinary Markdown is checked whatever its size and a goal document over
/// `max-file-size` is refused after the pre-check (`Settings::too_large`).
pub const READ_LIMIT: u64 = 256 * 1024 * 1024;

fn read_limit(settings: &Result<Settings, String>) -> u64 {
    settings
        .as_ref()
        .map_or(READ_LIMIT, |s| s.max_file_size.max(READ_LIMIT))
}

/// Command-line settings layered over each file's configuration.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub select: Vec<RuleSelector>,
    pub ignore: Vec<RuleSelector>,
    pub severity: Vec<(RuleSelector, Option<goal_lint_core::Severity>)>,
}

impl Overrides {
    /// Parse `--select`, `--ignore` and `--severity RULE=LEVEL`; any bad value is a usage error.
    pub fn parse(
        select: &[String],
        ignore: &[String],
        severity: &[String],
    ) -> Result<Overrides, String> {
        let sel = |v: &[String], flag: &str| -> Result<Vec<RuleSelector>, String> {
            v.iter()
                .map(|s| RuleSelector::parse(s).map_err(|m| format!("{flag}: {m}")))
                .collect()
        };
        let mut o = Overrides {
            select: sel(select, "--select")?,
            ignore: sel(ignore, "--ignore")?,
            severity: Vec::new(),
        };
        for pair in severity {
            let (rule, level) = pair
                .split_once('=')
                .ok_or_else(|| format!("--severity: expected RULE=LEVEL, got `{pair}`"))?;
            let selector = RuleSelector::parse(rule).map_err(|m| format!("--severity: {m}"))?;
            let level = parse_severity(level.trim()).map_err(|m| format!("--severity: {m}"))?;
            o.severity.push((selector, level));
        }
        Ok(o)
    }

    fn apply(&self, settings: &mut Settings) {
        if !self.select.is_empty() {
            settings.select(&self.select);
        }
        settings.ignore(&self.ignore);
        for (sel, level) in &self.severity {
            settings.override_severity(sel, *level);
        }
    }
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown in reports.
    pub display: String,
    pub source: Source,
    /// The text that the diagnostics refer to (after fixing, when fixes were applied).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be linted (or fixed).
    pub error: Option<String>,
    /// Whether the file was linted at all (`false`: unreadable, invalid, too large).
    pub linted: bool,
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixed: usize,
    /// With `--diff`: the unified diff of the changes.
    pub diff: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAction {
    None,
    Write(FixMode),
    Diff(FixMode),
}

pub struct Job<'a> {
    pub overrides: &'a Overrides,
    pub options: LintOptions,
    pub action: FixAction,
    pub stdin_filename: Option<&'a Path>,
}

/// Read, lint and (maybe) fix every source. Configuration is resolved up front (it is
/// cached and not thread-safe); the linting itself runs in parallel.
pub fn run(sources: &[Source], configs: &mut ConfigResolver, job: &Job<'_>) -> Vec<FileReport> {
    let prepared: Vec<(Source, String, Result<Settings, String>)> = sources
        .iter()
        .map(|s| {
            let (display, lookup_path) = match s {
                Source::File(p) => (p.display().to_string(), p.clone()),
                Source::Stdin => match job.stdin_filename {
                    Some(p) => (p.display().to_string(), p.to_path_buf()),
                    None => ("<stdin>".to_string(), PathBuf::from("<stdin>")),
                },
            };
            let settings = match configs.settings_for(&lookup_path) {
                Ok(mut settings) => {
                    job.overrides.apply(&mut settings);
                    Ok(settings)
                }
                Err(e) => Err(format!("invalid configuration: {e}")),
            };
            (s.clone(), display, settings)
        })
        .collect();
    let stdin_text = prepared
        .iter()
        .find(|(source, _, _)| *source == Source::Stdin)
        .map(|(_, _, settings)| {
            let limit = read_limit(settings);
            read_bounded(std::io::stdin().lock(), limit).map_err(|e| match e {
                Bounded::Io(e) => io_message(&e),
                Bounded::TooLarge => format!(
                    "not read: standard input is over the {} a file may have",
                    goal_lint_core::config::human_size(limit)
                ),
            })
        });
    prepared
        .into_par_iter()
        .map(|(source, display, settings)| {
            let bytes = match &source {
                Source::File(p) => read_regular(p, read_limit(&settings)),
                Source::Stdin => stdin_text.clone().unwrap_or_else(|| Ok(Vec::new())),
            };
            let (for_error, name) = (source.clone(), display.clone());
            guarded(for_error, name, || {
                lint_one(source, display, bytes, settings, job)
            })
        })
        .collect()
}

/// Run `lint` for one file; a panic in it (a bug) becomes that file's error, naming the file,
/// so the other files are still linted and reported. Nothing is written for that file: a fix
/// is written only after it has been made in full.
fn guarded(source: Source, display: String, lint: impl FnOnce() -> FileReport) -> FileReport {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(lint)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        failed(
            source,
            display,
            format!("internal error, a bug in goal-lint (please report it with this file): {what}"),
        )
    })
}

fn failed(source: Source, display: String, error: String) -> FileReport {
    FileReport {
        display,
        source,
        text: String::new(),
        diagnostics: Vec::new(),
        error: Some(error),
        linted: false,
        fixed: 0,
        diff: None,
    }
}

fn lint_one(
    source: Source,
    display: String,
    bytes: Result<Vec<u8>, String>,
    settings: Result<Settings, String>,
    job: &Job<'_>,
) -> FileReport {
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return failed(source, display, e),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return failed(source, display, e),
    };
    let text = match String::from_utf8(bytes.clone()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return failed(source, display, format!("invalid UTF-8 at byte {at}"));
        }
    };
    if let Some(message) = settings.too_large(&text) {
        return failed(source, display, message);
    }
    // The template the document names in its front matter, read beside it.
    let mut settings = settings;
    let file = match &source {
        Source::File(p) => Some(p.as_path()),
        Source::Stdin => job.stdin_filename,
    };
    if let Err(e) = goal_lint_config::apply_front_matter_template(&mut settings, file, &text) {
        return failed(source, display, e);
    }
    let mode = match job.action {
        FixAction::None => None,
        FixAction::Write(m) | FixAction::Diff(m) => Some(m),
    };
    let Some(mode) = mode else {
        let diagnostics = lint(&text, &settings, &job.options);
        return FileReport {
            display,
            source,
            text,
            diagnostics,
            error: None,
            linted: true,
            fixed: 0,
            diff: None,
        };
    };
    let result = fix_text(&text, &settings, &job.options, mode);
    let changed = result.text != text;
    let mut report = FileReport {
        display: display.clone(),
        source: source.clone(),
        text: result.text.clone(),
        diagnostics: result.remaining,
        error: None,
        linted: true,
        fixed: result.applied,
        diff: None,
    };
    if !changed {
        return report;
    }
    match (job.action, &source) {
        (FixAction::Diff(_), _) => {
            // Nothing is written: the problems reported are the file's own, where they are
            // in it, not those of the fixed text (templates inserted by `--templates` are
            // placeholders to fill in).
            report.diff = Some(unified_diff(&display, &text, &result.text));
            report.diagnostics = lint(&text, &settings, &job.options);
            report.text = text.clone();
        }
        (FixAction::Write(_), Source::File(path)) => {
            if let Err(e) = write_atomic(path, &bytes, &result.text) {
                // Nothing was written: report the original text's problems.
                report.text = text.clone();
                report.diagnostics = lint(&text, &settings, &job.options);
                report.fixed = 0;
                report.error = Some(e);
            }
        }
        (FixAction::Write(_), Source::Stdin) => {}
        (FixAction::None, _) => {}
    }
    report
}

/// Replace `path`'s contents with `new`, atomically: a temporary file in the same directory
/// with the original's permissions, owner and group, then a rename over the original.
///
/// Refuses, writing nothing, when:
/// - the file is read-only, or the user may not write it (checked by opening it for writing,
///   as the user, so the kernel decides: a writable directory is not enough);
/// - it has several hard links: a rename would leave the other names with the old text, and
///   writing in place would not be atomic (and would change every copy sharing the file, as
///   backups made with hard links do);
/// - its owner cannot be kept (a user fixing someone else's group-writable file): the new
///   file would be the user's;
/// - it changed on disk since it was read. This is checked again right before the rename, so
///   an edit can only be lost if it lands between that last read and the rename.
pub fn write_atomic(path: &Path, original: &[u8], new: &str) -> Result<(), String> {
    let not_fixed = |e: std::io::Error| format!("not fixed: {}", io_message(&e));
    // Write through a symbolic link to its target, keeping the link.
    let target = fs::canonicalize(path).map_err(not_fixed)?;
    let meta = fs::metadata(&target).map_err(not_fixed)?;
    if meta.permissions().readonly() {
        return Err("not fixed: the file is read-only".to_string());
    }
    // The access check, as the user: nothing is written through this handle. Opened as
    // every read is, so a named pipe swapped in since the read is refused, not waited on.
    open_regular(&target, fs::OpenOptions::new().write(true)).map_err(|e| {
        if e.starts_with("not a regular file") || e == "is a directory" {
            format!("not fixed: {e}")
        } else {
            format!("not fixed: you may not write this file ({e})")
        }
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "not fixed: the file has {} hard links, and replacing it would leave the others with the old text",
                meta.nlink()
            ));
        }
    }
    let dir = target
        .parent()
        .ok_or("not fixed: the file has no directory")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".goal-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "not fixed: cannot create a temporary file: {}",
                io_message(&e)
            )
        })?;
    tmp.write_all(new.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(not_fixed)?;
    keep_owner(tmp.as_file(), &meta)?;
    fs::set_permissions(tmp.path(), meta.permissions()).map_err(not_fixed)?;
    let current =
        read_regular(&target, original.len() as u64 + 1).map_err(|e| format!("not fixed: {e}"))?;
    if current != original {
        return Err("not fixed: the file changed on disk after it was read".to_string());
    }
    tmp.persist(&target).map_err(|e| not_fixed(e.error))?;
    Ok(())
}

/// Give the new file the original's owner and group. The group alone may be settable (a
/// group the user is in); a file that would change owner is not replaced.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, fchown};
    let mine = file
        .metadata()
        .map_err(|e| format!("not fixed: {}", io_message(&e)))?;
    if (mine.uid(), mine.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    if fchown(file, Some(original.uid()), Some(original.gid())).is_ok() {
        return Ok(());
    }
    if mine.uid() != original.uid() {
        return Err(
            "not fixed: the file belongs to another user, and replacing it would make it yours"
                .to_string(),
        );
    }
    // Same owner, another group: keep the group if the user may, else the file's group
    // becomes the user's (as with any editor that saves by renaming).
    let _ = fchown(file, None, Some(original.gid()));
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _original: &fs::Metadata) -> Result<(), String> {
    Ok(())
}

/// The unified diff of a file's fix, as `patch` applies it. Lines are what `patch` reads as
/// lines, ended by a line feed (a file with lone carriage returns is one line, with the
/// carriage returns in it), and one without a final line feed is followed by the `\ No
/// newline at end of file` marker: every line of the diff ends with a line feed. (`similar`'s
/// own unified diff ends a line at a lone carriage return too, and prints it without a line
/// feed.) The file name is cleaned: a line break in it would end the header; the lines are
/// the file's own, exactly.
pub fn unified_diff(display: &str, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let diff = similar::TextDiff::from_slices(&old, &new);
    let display = crate::output::clean(display);
    let mut out = format!("--- a/{display}\n+++ b/{display}\n");
    for hunk in diff.grouped_ops(2) {
        out.push_str(&similar::udiff::UnifiedHunkHeader::new(&hunk).to_string());
        out.push('\n');
        for change in hunk.iter().flat_map(|op| diff.iter_changes(op)) {
            out.push(match change.tag() {
                similar::ChangeTag::Equal => ' ',
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
            });
            out.push_str(change.value());
            if !change.value().ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bug that panics while one file is linted is that file's error: named, with the
    /// panic's message, and the run goes on.
    #[test]
    fn a_panic_while_linting_is_the_files_error() {
        let report = guarded(Source::Stdin, "plan.md".to_string(), || {
            panic!("index out of range")
        });
        assert!(!report.linted);
        assert_eq!(report.display, "plan.md");
        let error = report.error.expect("an error");
        assert!(error.contains("internal error"), "{error}");
        assert!(error.contains("index out of range"), "{error}");
        let formatted = guarded(Source::Stdin, "b.md".to_string(), || {
            panic!("bad offset {}", 7)
        });
        assert!(formatted.error.expect("an error").contains("bad offset 7"));
    }

    const VAGUE: &str = "## Q3 Goals\n\n- Work on payments\n";
    const UNUSED: &str =
        "## Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n";

    fn job(overrides: &Overrides, action: FixAction) -> Job<'_> {
        Job {
            overrides,
            options: LintOptions::default(),
            action,
            stdin_filename: None,
        }
    }

    /// A file found by the directory walk and deleted before it is read: an error naming it,
    /// and the other files still linted.
    #[test]
    fn a_file_that_vanishes_after_discovery() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.md");
        let gone = dir.path().join("gone.md");
        fs::write(&kept, VAGUE).unwrap();
        fs::write(&gone, VAGUE).unwrap();
        let sources = vec![Source::File(gone.clone()), Source::File(kept)];
        fs::remove_file(&gone).unwrap();
        let overrides = Overrides::default();
        let reports = run(
            &sources,
            &mut ConfigResolver::new(None, true),
            &job(&overrides, FixAction::None),
        );
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0].display, gone.display().to_string());
        assert_eq!(
            reports[0].error.as_deref(),
            Some("no such file or directory")
        );
        assert!(reports[1].error.is_none());
        assert_eq!(reports[1].diagnostics.len(), 1);
    }

    /// For a file whose lines end with line feeds, the diff is `similar`'s own, byte for byte.
    #[test]
    fn diffs_of_ordinary_files_are_unchanged() {
        let after = "## Goals\n\n- Ship payments v2 by Week 8\n";
        for (before, after) in [
            (UNUSED, after),
            (VAGUE, after),
            ("a\nb\nc\nd\ne\nf\ng\nh", "a\nB\nc\nd\ne\nf\ng\nH"),
            ("a\r\nb\r\n", "a\r\nc\r\n"),
        ] {
            let theirs = similar::TextDiff::from_lines(before, after)
                .unified_diff()
                .context_radius(2)
                .header("a/plan.md", "b/plan.md")
                .to_string();
            assert_eq!(unified_diff("plan.md", before, after), theirs);
        }
    }

    /// Swapped for a named pipe between the read and the write: `--fix` refuses at once,
    /// rather than wait for the pipe's other end.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_named_pipe_before_the_fix_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(write_atomic(&path, UNUSED.as_bytes(), "fixed\n"));
        });
        let result = finished
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the write waited on a named pipe");
        let err = result.unwrap_err();
        assert!(err.contains("not a regular file (a named pipe)"), "{err}");
    }

    /// Deleted or rewritten between the read and the write: `--fix` writes nothing.
    #[test]
    fn a_file_that_vanishes_or_changes_before_the_fix_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        let fixed = "## Goals\n\n- Ship payments v2 by Week 8\n";
        let err = write_atomic(&path, UNUSED.as_bytes(), fixed).unwrap_err();
        assert_eq!(err, "not fixed: no such file or directory");
        assert!(!path.exists(), "nothing was created");
        fs::write(&path, "someone else's edit\n").unwrap();
        let err = write_atomic(&path, UNUSED.as_bytes(), fixed).unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "someone else's edit\n");
        fs::write(&path, UNUSED).unwrap();
        write_atomic(&path, UNUSED.as_bytes(), fixed).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
