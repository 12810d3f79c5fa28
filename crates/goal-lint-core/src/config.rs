//! Configuration: the `goal-lint.toml` schema and the per-file [`Settings`] it resolves to.
//!
//! The core only parses text it is given; finding the file is the CLI's and the server's job.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::meta::{RuleMeta, Severity};
use crate::model::DocumentOptions;
use crate::rules::{self, AllOptions};

/// An error in a configuration file: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ConfigError {
    /// 1-based line of the offending key or value, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl ConfigError {
    /// The error as `path:line: message`, for a configuration file at `path`.
    pub fn in_file(&self, path: &str) -> String {
        match self.line {
            Some(line) => format!("{path}:{line}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

/// `goal-lint.toml` as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to run (codes, names, code prefixes such as `GL1`, or `ALL`). Default: all.
    pub select: Option<Vec<String>>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule (`"error"`, `"warning"`, `"info"`, `"hint"` or `"off"`).
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Document kind of every file this configuration covers (opts them in as goal documents).
    pub kind: Option<String>,
    /// Globs (relative to the configuration file) the CLI skips when walking directories.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Skip files matching `exclude` even when they are named on the command line (as
    /// pre-commit names them), as `--force-exclude` does. Default: false, a named file is
    /// linted.
    #[serde(default)]
    pub force_exclude: bool,
    /// Each rule's options, `[rules.NAME]`: typed and defaulted by the rule (see
    /// [`AllOptions`]).
    #[serde(default)]
    pub rules: AllOptions,
    /// Document kinds: `[kinds.planning-review] required-sections = [...]`.
    #[serde(default)]
    pub kinds: BTreeMap<String, KindConfig>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Goal documents larger than this are not analysed (bytes, or a string such as
    /// `"20 MiB"`). Default: [`DEFAULT_MAX_FILE_SIZE`].
    pub max_file_size: Option<FileSize>,
    /// The template every file this configuration covers is a copy of (a path relative to the
    /// configuration file); `[[overrides]]` can give other files another.
    pub template: Option<String>,
    /// A folder of templates (relative to the configuration file): each file is matched
    /// against the Markdown files of that folder by its headings and labels, as against the
    /// built-in templates.
    pub templates: Option<String>,
}

/// Goal documents above this size are reported and skipped rather than analysed: linting costs
/// 80 to 110 bytes of memory per byte of goal document (peak RSS over 10 MB documents, the
/// more findings the more), and real goal documents are a few kilobytes. Ordinary Markdown of
/// any size is still checked (it needs no parse).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// A size in bytes, written as an integer or as a number with a unit (`B`, `KB`, `KiB`, `MB`,
/// `MiB`, `GB`, `GiB`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileSize(pub u64);

impl FileSize {
    pub fn parse(s: &str) -> Result<FileSize, String> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (number, unit) = s.split_at(split);
        let number: u64 = number.parse().map_err(|_| {
            format!("invalid size `{s}`: expected a number of bytes, or e.g. \"20 MiB\"")
        })?;
        let scale: u64 = match unit.trim() {
            "" | "B" => 1,
            "KB" | "kB" => 1000,
            "KiB" => 1 << 10,
            "MB" => 1_000_000,
            "MiB" => 1 << 20,
            "GB" => 1_000_000_000,
            "GiB" => 1 << 30,
            other => {
                return Err(format!(
                    "invalid size unit `{other}` in `{s}` (use B, KB, KiB, MB, MiB, GB or GiB)"
                ));
            }
        };
        number
            .checked_mul(scale)
            .map(FileSize)
            .ok_or_else(|| format!("size `{s}` is too large"))
    }
}

impl<'de> Deserialize<'de> for FileSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FileSize, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bytes(u64),
            Text(String),
        }
        match Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a size: a number of bytes, or e.g. \"20 MiB\"")
        })? {
            Raw::Bytes(n) => Ok(FileSize(n)),
            Raw::Text(s) => FileSize::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// A size for messages: `50.0 MiB`, `512 KiB`, `300 bytes`.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / (1u64 << 10) as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindConfig {
    /// Headings a document of this kind must have. `A/B/C` accepts any of A, B or C.
    #[serde(default)]
    pub required_sections: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs, relative to the configuration file.
    pub files: Vec<String>,
    pub kind: Option<String>,
    /// The template these files are copies of (a path relative to the configuration file).
    pub template: Option<String>,
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

/// The names a configuration file may have, in order of preference.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["goal-lint.toml", ".goal-lint.toml"];

/// The nearest configuration file at or above `dir`. File-system access is passed in
/// (`is_file`), so this crate stays free of I/O.
pub fn find_config_file(dir: &Path, is_file: impl Fn(&Path) -> bool) -> Option<std::path::PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| is_file(p))
}

/// Built-in document kinds and the sections they require.
pub const BUILTIN_KINDS: &[(&str, &[&str])] = &[
    ("goals", &[]),
    ("quarterly", &["Goals", "Actions"]),
    ("okr", &[]),
    ("career-plan", &[]),
    (
        "planning-review",
        &[
            "Retrospective",
            "Status",
            "Plans",
            "Success Metrics",
            "Risks/Open Questions/Needs",
            "Excluded",
        ],
    ),
];

/// Everything a lint run needs to know for one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Severity of each rule by registry index; `None` means off.
    severities: Vec<Option<Severity>>,
    /// Each rule's options (`[rules.NAME]`).
    pub options: AllOptions,
    /// Required sections per document kind (built-in kinds plus configured ones).
    pub kinds: BTreeMap<String, Vec<String>>,
    pub document: DocumentOptions,
    /// Goal documents larger than this (bytes) are not analysed; see [`Settings::too_large`].
    pub max_file_size: u64,
    /// The templates a file may be a copy of (the built-in ones, a team's own), or the one
    /// configuration gives it.
    pub templates: crate::analysis::TemplateSet,
    /// The model that weighs a document's kind; `None`: the one goal-lint ships
    /// (`analysis/kind_weights.tsv`). The evaluation gives each fold its own.
    pub kind_model: Option<std::sync::Arc<crate::analysis::kind::KindModel>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            severities: rules::registry()
                .iter()
                .map(|r| Some(r.meta().default_severity))
                .collect(),
            options: AllOptions::default(),
            kinds: BUILTIN_KINDS
                .iter()
                .map(|(k, s)| (k.to_string(), s.iter().map(|x| x.to_string()).collect()))
                .collect(),
            document: DocumentOptions::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            templates: crate::analysis::TemplateSet::builtin(),
            kind_model: None,
        }
    }
}

impl Settings {
    /// Why `text` should not be analysed: it may be a goal document and is larger than
    /// `max-file-size`. Ordinary Markdown of any size passes (it is recognised without a parse).
    pub fn too_large(&self, text: &str) -> Option<String> {
        let size = text.len() as u64;
        (size > self.max_file_size
            && crate::model::may_be_goal_document(text, &self.document))
        .then(|| {
            format!(
                "not linted: a goal document of {} is over the {} limit (raise `max-file-size` in goal-lint.toml)",
                human_size(size),
                human_size(self.max_file_size)
            )
        })
    }

    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severities.get(rule.index).copied().flatten()
    }

    pub fn set_severity(&mut self, rule: &RuleMeta, severity: Option<Severity>) {
        if let Some(slot) = self.severities.get_mut(rule.index) {
            *slot = severity;
        }
    }

    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.severity(rule).is_some()
    }

    /// Keep only the rules matched by `selectors` (the others are turned off).
    pub fn select(&mut self, selectors: &[RuleSelector]) {
        for rule in rules::registry() {
            let meta = rule.meta();
            if !selectors.iter().any(|s| s.matches(meta)) {
                self.set_severity(meta, None);
            }
        }
    }

    pub fn ignore(&mut self, selectors: &[RuleSelector]) {
        for rule in rules::registry() {
            let meta = rule.meta();
            if selectors.iter().any(|s| s.matches(meta)) {
                self.set_severity(meta, None);
            }
        }
    }

    /// Set the severity (or `None`: off) of every rule a selector matches.
    pub fn override_severity(&mut self, selector: &RuleSelector, severity: Option<Severity>) {
        for rule in rules::registry() {
            if selector.matches(rule.meta()) {
                self.set_severity(rule.meta(), severity);
            }
        }
    }
}

/// Which rules a `select` / `ignore` / severity key names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSelector {
    All,
    /// A code or a code prefix: `GL001`, `GL1`.
    Code(String),
    Name(String),
}

impl RuleSelector {
    /// Parse a selector, with a suggestion when it names no rule.
    pub fn parse(s: &str) -> Result<RuleSelector, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") {
            return Ok(RuleSelector::All);
        }
        let upper = s.to_ascii_uppercase();
        if upper.starts_with("GL")
            && rules::registry()
                .iter()
                .any(|r| r.meta().code.starts_with(&upper))
        {
            return Ok(RuleSelector::Code(upper));
        }
        let lower = s.to_ascii_lowercase();
        if rules::registry().iter().any(|r| r.meta().name == lower) {
            return Ok(RuleSelector::Name(lower));
        }
        let mut msg = format!("unknown rule `{s}`");
        if let Some(best) = rules::suggest(s) {
            msg.push_str(&format!(
                " (did you mean `{}` / `{}`?)",
                best.code, best.name
            ));
        } else {
            msg.push_str(" (run `goal-lint rules` to list them)");
        }
        Err(msg)
    }

    pub fn matches(&self, rule: &RuleMeta) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Code(prefix) => rule.code.starts_with(prefix.as_str()),
            RuleSelector::Name(name) => rule.name == name,
        }
    }
}

/// Parse a severity value: a level or `off`. `Ok(None)` is off.
pub fn parse_severity(s: &str) -> Result<Option<Severity>, String> {
    if matches!(
        s.to_ascii_lowercase().as_str(),
        "off" | "none" | "disable" | "disabled"
    ) {
        return Ok(None);
    }
    Severity::parse(s).map(Some).ok_or_else(|| {
        format!("invalid severity `{s}` (expected \"error\", \"warning\", \"info\", \"hint\" or \"off\")")
    })
}

impl Config {
    /// Parse and validate `goal-lint.toml` text.
    pub fn from_toml(source: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(source).map_err(|e| ConfigError {
            line: e.span().map(|span| line_of(source, span.start)),
            message: e.message().trim().to_string(),
        })?;
        config.validate(source)?;
        Ok(config)
    }

    /// Checks beyond the types. Each error points at the line of the offending key or array
    /// element, found by its path in the parsed document ([`line_at`]).
    fn validate(&self, source: &str) -> Result<(), ConfigError> {
        use Step::{Index, Key};
        let err = |path: &[Step<'_>], message: String| ConfigError {
            line: line_at(source, path),
            message,
        };
        let check_selectors = |at: &[Step<'_>], key: &str, list: &[String]| {
            for (i, s) in list.iter().enumerate() {
                RuleSelector::parse(s)
                    .map_err(|m| err(&[at, &[Key(key), Index(i)]].concat(), m))?;
            }
            Ok::<(), ConfigError>(())
        };
        let check_severities = |at: &[Step<'_>], map: &BTreeMap<String, String>| {
            for (rule, level) in map {
                let path = [at, &[Key("severity"), Key(rule)]].concat();
                RuleSelector::parse(rule).map_err(|m| err(&path, m))?;
                parse_severity(level).map_err(|m| err(&path, m))?;
            }
            Ok::<(), ConfigError>(())
        };
        check_selectors(&[], "select", self.select.as_deref().unwrap_or_default())?;
        check_selectors(&[], "ignore", &self.ignore)?;
        check_severities(&[], &self.severity)?;
        let known_kind =
            |k: &str| BUILTIN_KINDS.iter().any(|(b, _)| *b == k) || self.kinds.contains_key(k);
        let kind_error = |at: &[Step<'_>], k: &str| {
            let mut all: Vec<&str> = BUILTIN_KINDS.iter().map(|(b, _)| *b).collect();
            all.extend(self.kinds.keys().map(String::as_str));
            err(
                &[at, &[Key("kind")]].concat(),
                format!(
                    "unknown document kind `{k}` (known: {}; define more under [kinds.NAME])",
                    all.join(", ")
                ),
            )
        };
        if let Some(k) = &self.kind
            && !known_kind(k)
        {
            return Err(kind_error(&[], k));
        }
        for (i, o) in self.overrides.iter().enumerate() {
            let at = [Key("overrides"), Index(i)];
            if o.files.is_empty() {
                return Err(err(
                    &at,
                    "an [[overrides]] entry needs `files = [...]`".into(),
                ));
            }
            for (j, g) in o.files.iter().enumerate() {
                globset::Glob::new(g).map_err(|e| {
                    err(
                        &[&at[..], &[Key("files"), Index(j)]].concat(),
                        format!("invalid glob `{g}`: {}", e.kind()),
                    )
                })?;
            }
            check_selectors(&at, "select", o.select.as_deref().unwrap_or_default())?;
            check_selectors(&at, "ignore", &o.ignore)?;
            check_severities(&at, &o.severity)?;
            if let Some(k) = &o.kind
                && !known_kind(k)
            {
                return Err(kind_error(&at, k));
            }
        }
        for (j, g) in self.exclude.iter().enumerate() {
            globset::Glob::new(g).map_err(|e| {
                err(
                    &[Key("exclude"), Index(j)],
                    format!("invalid glob `{g}`: {}", e.kind()),
                )
            })?;
        }
        self.rules
            .validate()
            .map_err(|(rule, key, message)| err(&[Key("rules"), Key(rule), Key(key)], message))
    }

    /// Settings for a file at `relative_path` (relative to the configuration file's directory;
    /// `None` when linting text with no path).
    pub fn settings_for(&self, relative_path: Option<&Path>) -> Settings {
        let mut settings = Settings::default();
        self.apply(
            &mut settings,
            self.select.as_deref(),
            &self.ignore,
            &self.severity,
        );
        settings.options = self.rules.clone();
        for (name, kind) in &self.kinds {
            settings
                .kinds
                .insert(name.clone(), kind.required_sections.clone());
        }
        if let Some(kind) = &self.kind {
            settings.document.kind = Some(kind.clone());
            settings.document.opt_in = true;
        }
        if let Some(FileSize(max)) = self.max_file_size {
            settings.max_file_size = max;
        }
        if let Some(path) = relative_path {
            for o in &self.overrides {
                if glob_matches(&o.files, path) {
                    self.apply(&mut settings, o.select.as_deref(), &o.ignore, &o.severity);
                    if let Some(kind) = &o.kind {
                        settings.document.kind = Some(kind.clone());
                        settings.document.opt_in = true;
                    }
                }
            }
        }
        settings
    }

    /// The template (as configured: a path relative to the configuration file) that a file at
    /// `relative_path` is a copy of: the last matching `[[overrides]]` entry's, else the
    /// top-level `template`.
    pub fn template_for(&self, relative_path: Option<&Path>) -> Option<&str> {
        let mut found = self.template.as_deref();
        if let Some(path) = relative_path {
            for o in &self.overrides {
                if let Some(t) = &o.template
                    && glob_matches(&o.files, path)
                {
                    found = Some(t);
                }
            }
        }
        found
    }

    /// Every template path the configuration names.
    pub fn template_paths(&self) -> impl Iterator<Item = &str> {
        self.template
            .iter()
            .chain(self.overrides.iter().filter_map(|o| o.template.as_ref()))
            .map(String::as_str)
    }

    /// Whether the CLI should skip `relative_path` when walking a directory.
    pub fn is_excluded(&self, relative_path: &Path) -> bool {
        glob_matches(&self.exclude, relative_path)
    }

    fn apply(
        &self,
        settings: &mut Settings,
        select: Option<&[String]>,
        ignore: &[String],
        severity: &BTreeMap<String, String>,
    ) {
        // Validated in `from_toml`; invalid entries (a hand-built Config) are skipped.
        let parse_all = |list: &[String]| -> Vec<RuleSelector> {
            list.iter()
                .filter_map(|s| RuleSelector::parse(s).ok())
                .collect()
        };
        if let Some(select) = select {
            settings.select(&parse_all(select));
        }
        settings.ignore(&parse_all(ignore));
        for (rule, level) in severity {
            if let (Ok(sel), Ok(level)) = (RuleSelector::parse(rule), parse_severity(level)) {
                settings.override_severity(&sel, level);
            }
        }
    }
}

fn glob_matches(globs: &[String], path: &Path) -> bool {
    let mut builder = globset::GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = globset::GlobBuilder::new(g)
            .literal_separator(false)
            .build()
        {
            builder.add(glob);
        }
    }
    builder.build().is_ok_and(|set| set.is_match(path))
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// One step of the path to a key or value of `goal-lint.toml`.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    /// An element of an array (of values, or of tables: `[[overrides]]`).
    Index(usize),
}

/// The 1-based line of the key (or array element) at `path`, from the spans the TOML parser
/// gives: the offending key itself, never an earlier comment or table that holds its text.
/// Only called on text that parsed.
fn line_at(source: &str, path: &[Step<'_>]) -> Option<usize> {
    let doc = toml::de::DeTable::parse(source).ok()?;
    let mut table = Some(doc.get_ref());
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    let mut start = None;
    for step in path {
        let value = match *step {
            Step::Key(key) => {
                let (k, v) = table?.iter().find(|(k, _)| k.get_ref() == key)?;
                start = Some(k.span().start);
                v
            }
            Step::Index(i) => {
                let v = array?.get(i)?;
                start = Some(v.span().start);
                v
            }
        };
        table = value.get_ref().as_table();
        array = value.get_ref().as_array();
    }
    start.map(|offset| line_of(source, offset))
}

/// A commented default configuration, as written by `goal-lint init`: the keys of the file,
/// then each rule's `[rules.NAME]` part (from the rule's options, in table order).
pub static DEFAULT_CONFIG: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{CONFIG_HEAD}{}\n{CONFIG_TAIL}",
        AllOptions::init_snippets().join("\n")
    )
});

const CONFIG_HEAD: &str = r#"# goal-lint configuration. Every key is optional; the values below are the defaults.
# Rules can be named by code (GL001), by name (vague-goal) or by code prefix (GL1).

# Run only these rules (default: all).
# select = ["ALL"]

# Turn rules off.
ignore = []

# Severity per rule: "error", "warning", "info", "hint" or "off".
# Problems at "error" fail the run (exit code 1); warnings fail it only with --max-warnings.
[severity]
# vague-goal = "error"

# Treat every file this config covers as a goal document of this kind
# (goals, quarterly, okr, career-plan, planning-review, or one defined under [kinds]).
# kind = "quarterly"

# Goal documents larger than this are reported and not analysed (ordinary Markdown of any
# size is still checked). A number of bytes, or e.g. "20 MiB".
# max-file-size = "10 MiB"

# Files not to lint (globs relative to this file): a directory walk skips them.
# exclude = ["archive/**", "drafts/*.md"]

# Skip files matching `exclude` even when they are named on the command line, as pre-commit
# names them (what --force-exclude does; the pre-commit hooks pass it).
# force-exclude = false

"#;

const CONFIG_TAIL: &str = r#"# A document kind of your own:
# [kinds.team-plan]
# required-sections = ["Goals", "Risks/Open Questions", "Support Needed"]

# Your team's templates (paths relative to this file). A file copied from one is read against
# it: the template's guidance and examples are never judged, slots left as they were are
# reported, and what the author wrote is judged in the slot's role.
# templates = "templates"              # every Markdown file there, matched by headings and labels
# template = "templates/quarterly.md"  # or one template for every file

# Settings for some files only (globs relative to this file):
# [[overrides]]
# files = ["okrs/**/*.md"]
# kind = "okr"
# template = "templates/okr.md"
# ignore = ["missing-why"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_config_file() {
        let existing = [
            Path::new("/a/goal-lint.toml"),
            Path::new("/a/b/.goal-lint.toml"),
        ];
        let is_file = |p: &Path| existing.contains(&p);
        assert_eq!(
            find_config_file(Path::new("/a/b/c"), is_file).unwrap(),
            Path::new("/a/b/.goal-lint.toml")
        );
        assert_eq!(
            find_config_file(Path::new("/a/x"), is_file).unwrap(),
            Path::new("/a/goal-lint.toml")
        );
        assert_eq!(find_config_file(Path::new("/z"), is_file), None);
    }

    #[test]
    fn default_config_parses() {
        let config = Config::from_toml(&DEFAULT_CONFIG).unwrap();
        assert_eq!(config.settings_for(None), Settings::default());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err =
            Config::from_toml("ignore = []\n\n[rules.too-many-goals]\nmaximum = 4\n").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("maximum"), "{err}");
    }

    #[test]
    fn file_sizes() {
        for (text, bytes) in [
            ("max-file-size = 1000\n", 1000),
            ("max-file-size = \"20 MiB\"\n", 20 << 20),
            ("max-file-size = \"512KiB\"\n", 512 << 10),
            ("max-file-size = \"2 MB\"\n", 2_000_000),
        ] {
            let config = Config::from_toml(text).unwrap();
            assert_eq!(config.settings_for(None).max_file_size, bytes, "{text}");
        }
        for bad in [
            "max-file-size = \"20 parsecs\"\n",
            "max-file-size = -1\n",
            "max-file-size = \"99999999999999999999 GiB\"\n",
        ] {
            let err = Config::from_toml(bad).unwrap_err();
            assert_eq!(err.line, Some(1), "{bad}");
            assert!(err.message.contains("size"), "{bad}: {err}");
        }
    }

    #[test]
    fn only_large_goal_documents_are_too_large() {
        let settings = Settings {
            max_file_size: 100,
            ..Settings::default()
        };
        let goals = format!(
            "## Goals\n\n- Ship payments v2 by Week 3\n{}",
            "x".repeat(200)
        );
        let plain = format!("# Install\n\n{}", "x".repeat(200));
        let message = settings.too_large(&goals).unwrap();
        assert!(message.contains("over the 100 bytes limit"), "{message}");
        assert_eq!(settings.too_large(&plain), None);
        assert_eq!(settings.too_large(&goals[..60]), None);
    }

    #[test]
    fn a_plan_has_at_least_one_week_and_month() {
        for key in ["max-week", "max-month"] {
            let err =
                Config::from_toml(&format!("[rules.invalid-week-range]\n{key} = 0\n")).unwrap_err();
            assert_eq!(err.line, Some(2), "{key}");
            assert!(
                err.message.contains(&format!("`{key}` must be at least 1")),
                "{err}"
            );
        }
        let one = Config::from_toml("[rules.invalid-week-range]\nmax-week = 1\n").unwrap();
        assert_eq!(
            one.settings_for(None).options.invalid_week_range.max_week,
            Some(1)
        );
    }

    /// `[rules.NAME]` for a rule without options, or no rule: the key is named, with the rules
    /// that have options (in table order).
    #[test]
    fn rule_tables_name_rules_with_options() {
        let err =
            Config::from_toml("ignore = []\n[rules.vague-capability]\nmax = 1\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(
            err.message,
            "unknown field `vague-capability`, expected one of `vague-goal`, `too-many-goals`, \
             `invalid-week-range`, `too-many-key-results`"
        );
        let err = Config::from_toml("rules = 3\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("a table of rule options"), "{err}");
    }

    /// Every key is optional (as the file `goal-lint init` writes says): a rule's table with a
    /// key left out takes the rule's default.
    #[test]
    fn rule_options_default_per_key() {
        let settings = Config::from_toml("[rules.too-many-key-results]\n[rules.vague-goal]\n")
            .unwrap()
            .settings_for(None);
        assert_eq!(settings, Settings::default());
        let settings = Config::from_toml(
            "[rules.too-many-goals]\nmax = 3\n[rules.vague-goal]\nextra-vague-verbs = [\"Tackle\"]\n",
        )
        .unwrap()
        .settings_for(None);
        assert_eq!(settings.options.too_many_goals.max, Some(3));
        assert_eq!(settings.options.too_many_key_results.max, 5);
        assert_eq!(settings.options.extra_vague_verbs(), ["tackle"]);
    }

    #[test]
    fn wrong_type_names_line() {
        let err = Config::from_toml("[rules.too-many-goals]\nmax = \"three\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn unknown_rule_suggests() {
        let err = Config::from_toml("ignore = [\"vauge-goal\"]\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("vague-goal"), "{err}");
    }

    #[test]
    fn bad_severity_and_kind() {
        assert!(
            Config::from_toml("[severity]\nGL001 = \"loud\"\n")
                .unwrap_err()
                .message
                .contains("loud")
        );
        assert!(
            Config::from_toml("kind = \"weekly\"\n")
                .unwrap_err()
                .message
                .contains("weekly")
        );
    }

    #[test]
    fn selectors_and_overrides_resolve() {
        let config = Config::from_toml(
            "ignore = [\"GL1\"]\n[severity]\nvague-goal = \"error\"\nmissing-why = \"off\"\n\
             [[overrides]]\nfiles = [\"okrs/*.md\"]\nkind = \"okr\"\nignore = [\"GL001\"]\n",
        )
        .unwrap();
        let base = config.settings_for(Some(Path::new("notes.md")));
        let vague = rules::by_code("GL001").unwrap();
        assert_eq!(base.severity(vague), Some(Severity::Error));
        assert!(!base.is_enabled(rules::by_code("GL101").unwrap()));
        assert!(!base.is_enabled(rules::by_name("missing-why").unwrap()));
        assert!(!base.document.opt_in);
        let okr = config.settings_for(Some(Path::new("okrs/q3.md")));
        assert!(!okr.is_enabled(vague));
        assert_eq!(okr.document.kind.as_deref(), Some("okr"));
    }
}
