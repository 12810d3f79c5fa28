//! Which `goal-lint.toml` applies to a file, read and parsed: one resolver for the command
//! line and the language server. The nearest `goal-lint.toml` / `.goal-lint.toml` above the
//! file (or one given explicitly) is read safely ([`read`]), parsed once, and, for a long
//! running process, read again when its modification time or size changes.
//!
//! A crate of its own because it does I/O (which `goal-lint-core` must not) and both the CLI
//! and the server need it (the CLI depends on the server crate only to run it).
#![forbid(unsafe_code)]

pub mod edit;
pub mod read;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use goal_lint_core::analysis::{Template, TemplateSet, builtin_templates};
use goal_lint_core::config::find_config_file;
use goal_lint_core::{Config, Settings};

use crate::read::{io_message, read_regular};

/// Largest configuration file read.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// A configuration file that was found and parsed.
#[derive(Debug)]
pub struct LoadedConfig {
    pub path: PathBuf,
    /// The directory the file is in; override and exclude globs are relative to it.
    pub dir: PathBuf,
    pub config: Config,
    /// The templates it names (`template = "…"`), read, by the path as written.
    pub templates: HashMap<String, Arc<Template>>,
    /// The templates of its `templates` folder, matched by skeleton, then the built-in ones.
    pub candidates: Vec<Arc<Template>>,
}

impl LoadedConfig {
    /// `file`'s path relative to this configuration's directory (as given when it is not
    /// under it).
    pub fn relative<'a>(&self, file: &'a Path) -> std::borrow::Cow<'a, Path> {
        let abs = absolute(file);
        match abs.strip_prefix(&self.dir) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(file),
        }
    }

    /// The settings for `file` (`None`: a document with no path, such as an unsaved buffer).
    pub fn settings_for(&self, file: Option<&Path>) -> Settings {
        let relative = file.map(|f| self.relative(f));
        let mut settings = self.config.settings_for(relative.as_deref());
        settings.templates = TemplateSet {
            forced: self
                .config
                .template_for(relative.as_deref())
                .and_then(|t| self.templates.get(t).cloned()),
            candidates: self.candidates.clone(),
        };
        settings
    }
}

/// The outcome of looking for a file's configuration: `None` when no file applies.
pub type ConfigLookup = Result<Option<Arc<LoadedConfig>>, Arc<String>>;

/// What identifies one state of a file on disk: modification time and size (`None`: the file
/// is not there).
pub type Stamp = Option<(Option<SystemTime>, u64)>;

pub fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

/// When a configuration file already read is read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reload {
    /// Never: one run of the command line sees one state of the files.
    Never,
    /// When its stamp changes; the nearest file is looked for on every lookup too (one may
    /// have been created closer). For the language server, which runs for hours.
    WhenChanged,
}

/// Finds the configuration of each file: the one given explicitly, else the nearest
/// `goal-lint.toml` / `.goal-lint.toml` above it; parses each file once (per stamp).
pub struct ConfigResolver {
    explicit: Option<PathBuf>,
    disabled: bool,
    reload: Reload,
    /// The nearest configuration file from a directory ([`Reload::Never`] only).
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, (Stamp, ConfigLookup)>,
}

impl ConfigResolver {
    /// For one run of the command line: `explicit` is `--config`, `disabled` `--no-config`.
    pub fn new(explicit: Option<&Path>, disabled: bool) -> Self {
        ConfigResolver {
            explicit: explicit.map(Path::to_path_buf),
            disabled,
            reload: Reload::Never,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
        }
    }

    /// For a long-running process: files are looked for and stamped on every lookup, and
    /// read again when they changed.
    pub fn watching() -> Self {
        ConfigResolver {
            reload: Reload::WhenChanged,
            ..ConfigResolver::new(None, false)
        }
    }

    /// A configuration file for every document (an editor setting), or none.
    pub fn set_explicit(&mut self, explicit: Option<PathBuf>) {
        if self.explicit != explicit {
            self.explicit = explicit;
            self.nearest.clear();
        }
    }

    /// Forget every file read (the process was told they changed).
    pub fn forget(&mut self) {
        self.nearest.clear();
        self.loaded.clear();
    }

    /// The configuration file that applies to `file` (`None`: a document with no path),
    /// without reading it.
    pub fn file_for(&mut self, file: Option<&Path>) -> Option<PathBuf> {
        if self.disabled {
            return None;
        }
        if let Some(explicit) = &self.explicit {
            return Some(explicit.clone());
        }
        let abs = absolute(file?);
        let start = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if self.reload == Reload::WhenChanged {
            return find_config_file(&start, Path::is_file);
        }
        self.nearest
            .entry(start)
            .or_insert_with_key(|start| find_config_file(start, Path::is_file))
            .clone()
    }

    /// The configuration file at `path`, parsed; `stamp` is its state on disk (see
    /// [`stamp`]), read again when it differs from the one last read ([`Reload::WhenChanged`]).
    pub fn load(&mut self, path: &Path, stamp: Stamp) -> ConfigLookup {
        match self.loaded.get(path) {
            Some((seen, lookup)) if self.reload == Reload::Never || *seen == stamp => {
                lookup.clone()
            }
            _ => {
                let lookup = load(path);
                self.loaded
                    .insert(path.to_path_buf(), (stamp, lookup.clone()));
                lookup
            }
        }
    }

    /// The configuration for a file (or, for standard input, for a file at this path).
    pub fn for_path(&mut self, file: &Path) -> ConfigLookup {
        let Some(config_file) = self.file_for(Some(file)) else {
            return Ok(None);
        };
        let stamp = match self.reload {
            Reload::Never => None,
            Reload::WhenChanged => stamp(&config_file),
        };
        self.load(&config_file, stamp)
    }

    /// The settings for a file: its configuration's, or the defaults when none applies.
    pub fn settings_for(&mut self, file: &Path) -> Result<Settings, Arc<String>> {
        Ok(match self.for_path(file)? {
            Some(c) => c.settings_for(Some(file)),
            None => Settings::default(),
        })
    }

    /// A file matches the `exclude` globs of its configuration (what a directory walk skips).
    pub fn excludes(&mut self, file: &Path) -> bool {
        match self.for_path(file) {
            Ok(Some(c)) => c.config.is_excluded(&c.relative(file)),
            _ => false,
        }
    }

    /// A file named explicitly (on the command line, as pre-commit names files) is skipped:
    /// it matches the `exclude` globs of its configuration and exclusion is forced, by
    /// `force` when given (`--force-exclude`, `--no-force-exclude`), else by `force-exclude`
    /// in that configuration.
    pub fn force_excludes(&mut self, file: &Path, force: Option<bool>) -> bool {
        match self.for_path(file) {
            Ok(Some(c)) => {
                force.unwrap_or(c.config.force_exclude) && c.config.is_excluded(&c.relative(file))
            }
            _ => false,
        }
    }
}

/// Read and parse one configuration file. Errors name the file (and, for a parse error, the
/// line) and say what is wrong.
pub fn load(path: &Path) -> ConfigLookup {
    let shown = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| Arc::new(format!("{shown}: {}", io_message(&e))))?;
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
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let (templates, candidates) =
        load_templates(&config, &dir).map_err(|e| Arc::new(format!("{shown}: {e}")))?;
    Ok(Some(Arc::new(LoadedConfig {
        dir,
        path: path.to_path_buf(),
        config,
        templates,
        candidates,
    })))
}

/// Largest template file read.
pub const MAX_TEMPLATE_SIZE: u64 = 1024 * 1024;

/// Most templates read from a `templates` folder.
pub const MAX_FOLDER_TEMPLATES: usize = 100;

/// Read the template a document names in its front matter (`template: ../templates/1on1.md`,
/// relative to the document's folder) into `settings`: it applies whatever the document looks
/// like, as a configured `template` does, and over it. `file` is the document's path (`None`
/// for text with no file, where a relative path means nothing: an error). The error names the
/// template as written and says what is wrong; the caller names the document.
pub fn apply_front_matter_template(
    settings: &mut Settings,
    file: Option<&Path>,
    text: &str,
) -> Result<(), String> {
    let Some(named) = goal_lint_core::model::front_matter_template(text) else {
        return Ok(());
    };
    apply_named_template(settings, file, &named)
}

/// Where the template a document names (`template:` in its front matter) is: relative to the
/// document's folder. `None` for a relative path of a document with no path.
pub fn named_template_path(file: Option<&Path>, named: &str) -> Option<PathBuf> {
    let path = Path::new(named);
    if path.is_absolute() {
        Some(path.to_path_buf())
    } else {
        file.and_then(Path::parent).map(|dir| dir.join(path))
    }
}

/// [`apply_front_matter_template`] with the template's path as the document names it.
pub fn apply_named_template(
    settings: &mut Settings,
    file: Option<&Path>,
    named: &str,
) -> Result<(), String> {
    let path = Path::new(named);
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let Some(dir) = file.and_then(Path::parent) else {
            return Err(format!(
                "template {named} (front matter): a relative path needs the document's own path"
            ));
        };
        dir.join(path)
    };
    // Many documents name one template: each state of the file is read once.
    type ReadTemplates = std::sync::Mutex<HashMap<(PathBuf, Stamp), Arc<Template>>>;
    static READ: std::sync::LazyLock<ReadTemplates> = std::sync::LazyLock::new(Default::default);
    let key = (absolute(&full), stamp(&full));
    let cached = READ
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&key)
        .cloned();
    let template = match cached {
        Some(t) => t,
        None => {
            let t = read_template(&full, named)?;
            let mut read = READ
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if read.len() >= 256 {
                read.clear();
            }
            read.insert(key, t.clone());
            t
        }
    };
    settings.templates.forced = Some(template);
    Ok(())
}

/// Read one template file; errors name it and say what is wrong.
fn read_template(path: &Path, shown: &str) -> Result<Arc<Template>, String> {
    let bytes =
        read_regular(path, MAX_TEMPLATE_SIZE).map_err(|e| format!("template {shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "template {shown}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })?;
    Template::parse(shown, &text)
        .map(Arc::new)
        .map_err(|e| format!("template {e}"))
}

/// Templates by the path a configuration names them with.
type NamedTemplates = HashMap<String, Arc<Template>>;

/// The templates a configuration names (by the path as written) and the candidates a file is
/// matched against: the Markdown files of its `templates` folder (in name order), then the
/// built-in templates.
fn load_templates(
    config: &Config,
    dir: &Path,
) -> Result<(NamedTemplates, Vec<Arc<Template>>), String> {
    let mut named = HashMap::new();
    for t in config.template_paths() {
        if !named.contains_key(t) {
            named.insert(t.to_string(), read_template(&dir.join(t), t)?);
        }
    }
    let mut candidates = Vec::new();
    if let Some(folder) = &config.templates {
        let entries = std::fs::read_dir(dir.join(folder))
            .map_err(|e| format!("templates folder {folder}: {}", io_message(&e)))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
            .collect();
        files.sort();
        if files.len() > MAX_FOLDER_TEMPLATES {
            return Err(format!(
                "templates folder {folder}: {} Markdown files, more than the {MAX_FOLDER_TEMPLATES} read",
                files.len()
            ));
        }
        for f in files {
            let shown = Path::new(folder)
                .join(f.file_name().unwrap_or_default())
                .display()
                .to_string();
            candidates.push(read_template(&f, &shown)?);
        }
    }
    candidates.extend(builtin_templates());
    Ok((named, candidates))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_nearest_file_wins_and_an_explicit_one_wins_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("team");
        std::fs::create_dir(&sub).unwrap();
        write(&dir.path().join("goal-lint.toml"), "");
        write(&sub.join(".goal-lint.toml"), "");
        let mut r = ConfigResolver::new(None, false);
        let found = r.for_path(&sub.join("q3.md")).unwrap().unwrap();
        assert_eq!(found.path, sub.join(".goal-lint.toml"));
        let top = r.for_path(&dir.path().join("q3.md")).unwrap().unwrap();
        assert_eq!(top.path, dir.path().join("goal-lint.toml"));
        let explicit = dir.path().join("goal-lint.toml");
        let mut r = ConfigResolver::new(Some(&explicit), false);
        assert_eq!(r.file_for(Some(&sub.join("q3.md"))), Some(explicit.clone()));
        assert_eq!(r.file_for(None), Some(explicit));
        assert!(matches!(
            ConfigResolver::new(None, true).for_path(&sub.join("q3.md")),
            Ok(None)
        ));
    }

    #[test]
    fn a_watching_resolver_reads_a_changed_or_new_file_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("q3.md");
        let config = dir.path().join("goal-lint.toml");
        let mut watching = ConfigResolver::watching();
        let mut once = ConfigResolver::new(None, false);
        assert!(matches!(watching.for_path(&file), Ok(None)));
        assert!(matches!(once.for_path(&file), Ok(None)));
        write(&config, "ignore = [\"vague-goal\"]\n");
        assert!(watching.for_path(&file).unwrap().is_some());
        // One run of the command line sees the files as they were first found.
        assert!(matches!(once.for_path(&file), Ok(None)));
        write(&config, "ignore = [\n");
        let e = watching.for_path(&file).unwrap_err();
        assert!(e.contains("goal-lint.toml"), "{e}");
        write(&config, "");
        assert!(watching.for_path(&file).unwrap().is_some());
    }

    #[test]
    fn force_exclude_comes_from_the_flag_else_from_the_files_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let forced = dir.path().join("forced");
        let plain = dir.path().join("plain");
        std::fs::create_dir(&forced).unwrap();
        std::fs::create_dir(&plain).unwrap();
        write(
            &forced.join("goal-lint.toml"),
            "exclude = [\"old.md\"]\nforce-exclude = true\n",
        );
        write(&plain.join("goal-lint.toml"), "exclude = [\"old.md\"]\n");
        let mut r = ConfigResolver::new(None, false);
        for (file, flag, skipped) in [
            (forced.join("old.md"), None, true),
            (forced.join("old.md"), Some(false), false),
            (forced.join("new.md"), None, false),
            (forced.join("new.md"), Some(true), false),
            (plain.join("old.md"), None, false),
            (plain.join("old.md"), Some(true), true),
            (dir.path().join("old.md"), Some(true), false),
        ] {
            assert_eq!(
                r.force_excludes(&file, flag),
                skipped,
                "{} {flag:?}",
                file.display()
            );
        }
        // A configuration that does not parse skips nothing (it is reported on its own).
        write(&plain.join("goal-lint.toml"), "force-exclude = \"yes\"\n");
        let e = load(&plain.join("goal-lint.toml")).unwrap_err();
        assert!(e.contains(":1:"), "{e}");
    }

    /// An error points at the line of the offending key or value, not at the first place its
    /// text appears (a comment, another table, a longer key).
    #[test]
    fn errors_point_at_the_offending_key_or_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("goal-lint.toml");
        let shown = path.display().to_string();
        for (text, line, what) in [
            (
                "# Say why each goal matters.\n# why = \"error\" would be a mistake\nignore = []\n\n[severity]\nwhy = \"error\"\n",
                6,
                "unknown rule `why`",
            ),
            (
                "# loud is not a level\n[severity]\nGL001 = \"loud\"\n",
                3,
                "invalid severity `loud`",
            ),
            (
                "# nope\nselect = [\"GL001\",\n  \"nope\"]\n",
                3,
                "unknown rule `nope`",
            ),
            (
                "ignore = [\"x-ray\"]\n[[overrides]]\nfiles = [\"x-ray\"]\n[[overrides]]\nfiles = [\"a.md\"]\nignore = [\"x-ray\"]\n",
                1,
                "unknown rule `x-ray`",
            ),
            (
                "[[overrides]]\nfiles = [\"x-ray\"]\n[[overrides]]\nfiles = [\"a.md\"]\nignore = [\"x-ray\"]\n",
                5,
                "unknown rule `x-ray`",
            ),
            (
                "max-file-size = 1000\n# max-week = 0 would be wrong\n[rules.invalid-week-range]\nmax-week = 0\n",
                4,
                "`max-week` must be at least 1",
            ),
            (
                "# kind = \"weekly\"?\nexclude = [\"weekly\"]\nkind = \"weekly\"\n",
                3,
                "unknown document kind `weekly`",
            ),
        ] {
            write(&path, text);
            let e = load(&path).unwrap_err();
            assert!(
                e.starts_with(&format!("{shown}:{line}: {what}")),
                "{text:?}: {e}"
            );
        }
    }

    /// "Did you mean" only for a near miss: a word that is not a rule's name or code at all
    /// gets the list of rules instead.
    #[test]
    fn suggestions_only_for_near_misses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("goal-lint.toml");
        for (name, suggested) in [
            ("why", None),
            ("x", None),
            ("nope", None),
            ("qq", None),
            ("vauge-goal", Some("vague-goal")),
            ("missing-sucess-metric", Some("missing-success-metric")),
            ("GL0001", Some("GL001")),
            ("too-many-goal", Some("too-many-goals")),
        ] {
            write(&path, &format!("ignore = [\"{name}\"]\n"));
            let e = load(&path).unwrap_err();
            match suggested {
                Some(s) => assert!(e.contains("did you mean") && e.contains(s), "{name}: {e}"),
                None => assert!(
                    !e.contains("did you mean") && e.contains("goal-lint rules"),
                    "{name}: {e}"
                ),
            }
        }
    }

    #[test]
    fn errors_name_the_file_and_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("team.toml");
        let e = load(&missing).unwrap_err();
        assert!(e.ends_with("team.toml: no such file or directory"), "{e}");
        let e = load(dir.path()).unwrap_err();
        assert!(
            e.ends_with("is a directory, not a configuration file"),
            "{e}"
        );
        let big = dir.path().join("big.toml");
        write(&big, &"#".repeat(MAX_CONFIG_SIZE as usize + 1));
        let e = load(&big).unwrap_err();
        assert!(e.contains("is over the"), "{e}");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"ignore = [\"\xff\"]").unwrap();
        assert!(load(&bad).unwrap_err().contains("invalid UTF-8 at byte"));
    }

    #[test]
    fn templates_are_read_from_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        let plan = "# Goals for [team]\n\n## Goals\n\n- **Goal:** [outcome]\n  - **Owner:** [name]\n  - **Measure:** [number]\n";
        write(&dir.path().join("templates/plan.md"), plan);
        write(&dir.path().join("one.md"), plan);
        let config = dir.path().join("goal-lint.toml");
        write(
            &config,
            "templates = \"templates\"\n[[overrides]]\nfiles = [\"okr/*.md\"]\ntemplate = \"one.md\"\n",
        );
        let loaded = load(&config).unwrap().unwrap();
        let in_folder = loaded.settings_for(Some(&dir.path().join("team/q1.md")));
        assert!(in_folder.templates.forced.is_none());
        assert_eq!(in_folder.templates.candidates[0].name, "templates/plan.md");
        let forced = loaded.settings_for(Some(&dir.path().join("okr/q1.md")));
        assert_eq!(forced.templates.forced.as_ref().unwrap().name, "one.md");
    }

    #[test]
    fn a_template_without_slots_or_missing_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("plain.md"), "# Plan\n\nWe ship things.\n");
        let config = dir.path().join("goal-lint.toml");
        write(&config, "template = \"plain.md\"\n");
        let e = load(&config).unwrap_err();
        assert!(
            e.contains("goal-lint.toml: template plain.md: the template has no slot"),
            "{e}"
        );
        write(&config, "template = \"gone.md\"\n");
        let e = load(&config).unwrap_err();
        assert!(
            e.contains("template gone.md: no such file or directory"),
            "{e}"
        );
        write(&config, "templates = \"nowhere\"\n");
        let e = load(&config).unwrap_err();
        assert!(
            e.contains("templates folder nowhere: no such file or directory"),
            "{e}"
        );
    }
}
