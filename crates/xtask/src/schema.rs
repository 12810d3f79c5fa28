//! `cargo xtask schema`: the JSON schema of `goal-lint.toml` (`schema/goal-lint.schema.json`),
//! for editors that complete and check TOML against a schema (Taplo, Even Better TOML).
//!
//! Generated from what the core declares: the rule table (codes, names and code prefixes for
//! `select`, `ignore` and `[severity]`; the rules that have options and, from the part each
//! writes for `goal-lint init`, their keys, types and defaults), the severities, the built-in
//! document kinds and the file size units. The top-level keys and the `[[overrides]]` and
//! `[kinds.NAME]` keys are written here with their descriptions; the tests check every key set
//! against the one the core's parser expects (its "expected one of" list), so a key added to
//! the core and not here fails them, as does a stale committed file.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use goal_lint_core::Config;
use goal_lint_core::config::BUILTIN_KINDS;
use goal_lint_core::meta::Severity;
use goal_lint_core::rules::{self, AllOptions};
use serde_json::{Map, Value, json};

/// Where the schema is committed, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/goal-lint.schema.json";

/// Where the schema is published (the committed file on the main branch), for `#:schema`.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/goal-lint/goal-lint/main/schema/goal-lint.schema.json";

/// The words `parse_severity` takes for "off", besides the levels.
const OFF_WORDS: [&str; 4] = ["off", "none", "disable", "disabled"];

/// The units a size may be written with (`FileSize::parse`).
const SIZE_UNITS: [&str; 7] = ["B", "KB", "kB", "KiB", "MB", "MiB", "GB"];
const SIZE_UNITS_MORE: [&str; 1] = ["GiB"];

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `cargo xtask schema`: write the schema.
pub fn run() -> Result<ExitCode, String> {
    let path = repo_root().join(SCHEMA_PATH);
    std::fs::create_dir_all(path.parent().expect("a file in a folder"))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, render()).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The committed file's text: the schema, pretty-printed, with a final newline.
pub fn render() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).expect("a JSON value");
    text.push('\n');
    text
}

/// The schema of `goal-lint.toml` (JSON Schema draft-07, which Taplo reads).
pub fn json_schema() -> Value {
    let string_list = |description: &str| json!({ "type": "array", "items": { "type": "string" }, "description": description });
    let properties = json!({
        "select": selectors(
            "Run only these rules: codes (`GL001`), names (`vague-goal`), code prefixes (`GL1`) or `ALL`. Default: all rules."
        ),
        "ignore": selectors("Rules not to run: codes, names or code prefixes (`GL1`)."),
        "severity": { "$ref": "#/definitions/severities" },
        "kind": kind(
            "Treat every file this configuration covers as a goal document of this kind (it opts them in): a built-in kind or one defined under `[kinds.NAME]`."
        ),
        "exclude": string_list(
            "Files not to lint: globs relative to this file. A directory walk skips them; a file named on the command line is linted unless `force-exclude` is set."
        ),
        "force-exclude": {
            "type": "boolean",
            "default": false,
            "description": "Skip files matching `exclude` even when they are named on the command line (as pre-commit names them), as `--force-exclude` does."
        },
        "rules": rule_options(),
        "kinds": {
            "type": "object",
            "description": "Document kinds of your own, `[kinds.NAME]`, and the sections a document of that kind must have.",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "required-sections": string_list(
                        "Headings a document of this kind must have. `A/B/C` accepts any of A, B or C."
                    )
                }
            }
        },
        "overrides": {
            "type": "array",
            "description": "Settings for some files only (`[[overrides]]`), applied in order after the top-level ones.",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["files"],
                "properties": {
                    "files": {
                        "type": "array",
                        "items": { "type": "string" },
                        "minItems": 1,
                        "description": "The files this entry applies to: globs relative to this file."
                    },
                    "kind": kind("The document kind of these files (it opts them in as goal documents)."),
                    "template": {
                        "type": "string",
                        "description": "The template these files are copies of (a path relative to this file)."
                    },
                    "select": selectors("Run only these rules on these files."),
                    "ignore": selectors("Rules not to run on these files."),
                    "severity": { "$ref": "#/definitions/severities" }
                }
            }
        },
        "max-file-size": {
            "description": "Goal documents larger than this are reported and not analysed (ordinary Markdown of any size is still checked): a number of bytes, or a number with a unit, e.g. \"20 MiB\". Default: \"10 MiB\".",
            "default": "10 MiB",
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": size_pattern() }
            ]
        },
        "template": {
            "type": "string",
            "description": "The template every file this configuration covers is a copy of (a path relative to this file); `[[overrides]]` can give other files another."
        },
        "templates": {
            "type": "string",
            "description": "A folder of templates (relative to this file): each file is matched against the Markdown files there by its headings and labels."
        }
    });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_URL,
        "title": "goal-lint.toml",
        "description": "Configuration of goal-lint, a linter for Markdown goal documents. Generated from the rule table by `cargo xtask schema`; do not edit by hand.",
        "x-taplo-info": {
            "patterns": ["^(.*(/|\\\\)\\.?goal-lint\\.toml|\\.?goal-lint\\.toml)$"]
        },
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "definitions": {
            "rule": selector(),
            "level": level(),
            "severities": severities()
        }
    })
}

/// A string matched without regard to ASCII case, as an ECMA-262 pattern (no flags there).
fn case_insensitive(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// Every way to name rules: `ALL`, each code and each code prefix (`GL`, `GL1`, `GL10`), each
/// name. The core takes codes and `ALL` in any case and names in any case too.
fn selector_words() -> Vec<String> {
    let mut words = vec!["ALL".to_string()];
    let mut prefixes = BTreeSet::new();
    for rule in rules::registry() {
        let code = rule.meta().code;
        for end in 2..code.len() {
            prefixes.insert(code[..end].to_string());
        }
    }
    words.extend(prefixes);
    words.extend(rules::registry().iter().map(|r| r.meta().code.to_string()));
    words.extend(rules::registry().iter().map(|r| r.meta().name.to_string()));
    words
}

fn selector() -> Value {
    let words = selector_words();
    let pattern = any_case(&words);
    json!({
        "type": "string",
        "anyOf": [{ "enum": words }, { "pattern": pattern }]
    })
}

/// A pattern matching exactly one of `words`, in any case.
fn any_case(words: &[impl AsRef<str>]) -> String {
    format!(
        "^({})$",
        words
            .iter()
            .map(|w| case_insensitive(w.as_ref()))
            .collect::<Vec<_>>()
            .join("|")
    )
}

fn selectors(description: &str) -> Value {
    json!({ "type": "array", "description": description, "items": { "$ref": "#/definitions/rule" } })
}

fn severity_words() -> Vec<&'static str> {
    let mut words: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
    words.extend(OFF_WORDS);
    words
}

/// A severity: a level or a word for off, in any case.
fn level() -> Value {
    let levels: Vec<&str> = Severity::ALL
        .iter()
        .map(|s| s.as_str())
        .chain(["off"])
        .collect();
    let pattern = any_case(&severity_words());
    json!({
        "type": "string",
        "anyOf": [{ "enum": levels }, { "pattern": pattern }]
    })
}

/// `[severity]`: a level per rule selector.
fn severities() -> Value {
    // Each rule's code and name as a property, for completion (with its summary); any selector
    // is a valid key.
    let rules: Map<String, Value> = rules::registry()
        .iter()
        .flat_map(|r| {
            let m = r.meta();
            let described = json!({
                "description": format!("{} {}: {} (default: {}).", m.code, m.name, m.summary, m.default_severity),
                "allOf": [{ "$ref": "#/definitions/level" }]
            });
            [
                (m.code.to_string(), described.clone()),
                (m.name.to_string(), described),
            ]
        })
        .collect();
    json!({
        "type": "object",
        "description": "Severity per rule (a code, name or code prefix): \"error\", \"warning\", \"info\", \"hint\" or \"off\". Problems at \"error\" fail a run.",
        "propertyNames": { "$ref": "#/definitions/rule" },
        "properties": rules,
        "additionalProperties": { "$ref": "#/definitions/level" }
    })
}

fn kind(description: &str) -> Value {
    let builtin: Vec<&str> = BUILTIN_KINDS.iter().map(|(k, _)| *k).collect();
    json!({
        "type": "string",
        "description": description,
        "anyOf": [{ "enum": builtin }, { "type": "string" }]
    })
}

fn size_pattern() -> String {
    let units: Vec<&str> = SIZE_UNITS.iter().chain(&SIZE_UNITS_MORE).copied().collect();
    format!("^\\s*[0-9]+\\s*({})?\\s*$", units.join("|"))
}

/// One key of a rule's `[rules.NAME]` table, read from the part the rule writes for
/// `goal-lint init` (`key = value`, or `# key = value` for an example that is not the default).
struct OptionKey {
    key: String,
    value: toml::Value,
    /// Written uncommented: the value is the default.
    is_default: bool,
}

/// A rule's table as its `goal-lint init` part writes it: the table's name, its keys, and the
/// comment lines that explain them.
struct OptionTable {
    name: String,
    keys: Vec<OptionKey>,
    prose: Vec<String>,
}

fn parse_snippet(snippet: &str) -> OptionTable {
    let mut table = OptionTable {
        name: String::new(),
        keys: Vec::new(),
        prose: Vec::new(),
    };
    for line in snippet.lines() {
        let commented = line.trim_start().starts_with('#');
        let code = line.trim_start().trim_start_matches('#').trim();
        if let Some(name) = code
            .strip_prefix("[rules.")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            table.name = name.to_string();
        } else if let Some((key, value)) = code.split_once('=').filter(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }) && let Ok(parsed) =
            toml::from_str::<toml::Table>(&format!("v = {}", value.trim()))
        {
            table.keys.push(OptionKey {
                key: key.trim().to_string(),
                value: parsed["v"].clone(),
                is_default: !commented,
            });
        } else if commented && !code.is_empty() {
            table.prose.push(code.to_string());
        }
    }
    table
}

/// Whether the core takes `key = value` in `[rules.NAME]`.
fn core_accepts(name: &str, key: &str, value: &str) -> bool {
    Config::from_toml(&format!("[rules.{name}]\n{key} = {value}\n")).is_ok()
}

/// The schema of one option value, from its example and what the core accepts.
fn option_schema(name: &str, option: &OptionKey) -> Value {
    let mut schema = match &option.value {
        toml::Value::Integer(_) => {
            let mut schema = json!({ "type": "integer" });
            // The smallest value the core takes (unsigned options start at 0; some at 1).
            if let Some(min) = [-1i64, 0, 1]
                .into_iter()
                .find(|v| core_accepts(name, &option.key, &v.to_string()))
                && min >= 0
            {
                schema["minimum"] = json!(min);
            }
            schema
        }
        toml::Value::Array(items) => {
            let item = match items.first() {
                Some(first) => toml_type(first),
                None if core_accepts(name, &option.key, "[\"x\"]") => "string",
                None => "integer",
            };
            json!({ "type": "array", "items": { "type": item } })
        }
        other => json!({ "type": toml_type(other) }),
    };
    let value = serde_json::to_value(&option.value).expect("a TOML value is JSON");
    if option.is_default {
        schema["default"] = value;
    } else {
        schema["examples"] = json!([value]);
    }
    schema
}

fn toml_type(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::Integer(_) => "integer",
        toml::Value::Float(_) => "number",
        toml::Value::Boolean(_) => "boolean",
        toml::Value::Array(_) => "array",
        toml::Value::Table(_) => "object",
        _ => "string",
    }
}

/// `[rules.NAME]`: one table per rule that has options, in table order.
fn rule_options() -> Value {
    let mut properties = Map::new();
    for snippet in AllOptions::init_snippets() {
        let table = parse_snippet(snippet);
        let meta = rules::by_name(&table.name)
            .unwrap_or_else(|| panic!("an init snippet names no rule: {snippet}"));
        let mut description = format!("{} {}: {}", meta.code, meta.name, meta.docs.options);
        if !description.ends_with('.') {
            description.push('.');
        }
        if !table.prose.is_empty() {
            description.push(' ');
            description.push_str(&table.prose.join(" "));
        }
        let keys: Map<String, Value> = table
            .keys
            .iter()
            .map(|k| (k.key.clone(), option_schema(&table.name, k)))
            .collect();
        properties.insert(
            table.name.clone(),
            json!({
                "type": "object",
                "description": description,
                "additionalProperties": false,
                "properties": keys
            }),
        );
    }
    json!({
        "type": "object",
        "description": "Each rule's options, `[rules.NAME]` (only rules that have options).",
        "additionalProperties": false,
        "properties": properties
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn committed() -> String {
        std::fs::read_to_string(repo_root().join(SCHEMA_PATH)).unwrap_or_default()
    }

    #[test]
    fn committed_schema_is_up_to_date() {
        assert!(
            committed() == render(),
            "{SCHEMA_PATH} is out of date: run `cargo xtask schema` and commit the result"
        );
    }

    /// The committed schema, compiled by an independent validator (boon).
    fn validator() -> (boon::Schemas, boon::SchemaIndex) {
        let schema: Value =
            serde_json::from_str(&committed()).expect("the committed schema is JSON");
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        compiler
            .add_resource("goal-lint.schema.json", schema)
            .unwrap();
        let index = compiler
            .compile("goal-lint.schema.json", &mut schemas)
            .expect("the schema compiles");
        (schemas, index)
    }

    /// Validate TOML text against the committed schema: `Err` with the validator's message.
    fn check(text: &str) -> Result<(), String> {
        let value: toml::Table = toml::from_str(text).map_err(|e| format!("not TOML: {e}"))?;
        let json = serde_json::to_value(value).unwrap();
        let (schemas, index) = validator();
        schemas.validate(&json, index).map_err(|e| format!("{e:#}"))
    }

    /// The `toml` code blocks of a Markdown file that hold a goal-lint configuration.
    fn toml_blocks(markdown: &str) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut current: Option<String> = None;
        for line in markdown.lines() {
            match (&mut current, line.trim_start()) {
                (None, "```toml") => current = Some(String::new()),
                (Some(block), "```") => {
                    blocks.push(std::mem::take(block));
                    current = None;
                }
                (Some(block), _) => {
                    block.push_str(line);
                    block.push('\n');
                }
                (None, _) => {}
            }
        }
        blocks
    }

    /// A configuration that sets every key the schema knows, as a user may write it.
    const EVERY_KEY: &str = r#"
select = ["ALL"]
ignore = ["GL1", "missing-why", "gl004", "Vague-Goal"]
exclude = ["archive/**"]
force-exclude = true
kind = "team-plan"
max-file-size = "20 MiB"
template = "templates/quarterly.md"
templates = "templates"

[severity]
vague-goal = "error"
GL5 = "off"
missing-why = "Hint"
overdue = "disabled"

[rules.vague-goal]
extra-vague-verbs = ["tackle"]

[rules.too-many-goals]
max = 3

[rules.invalid-week-range]
max-week = 13
max-month = 3

[rules.too-many-key-results]
max = 4

[kinds.team-plan]
required-sections = ["Goals", "Risks/Open Questions", "Support Needed"]

[[overrides]]
files = ["okrs/**/*.md"]
kind = "okr"
template = "templates/okr.md"
select = ["GL0", "GL3"]
ignore = ["missing-why"]

[overrides.severity]
GL001 = "warning"
"#;

    #[test]
    fn accepts_the_repository_example_configs() {
        let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
        let configuration = readme
            .split("\n## Configuration\n")
            .nth(1)
            .expect("README has a Configuration section");
        let configuration = configuration.split("\n## ").next().unwrap();
        // Its goal-lint.toml examples (not the `.taplo.toml` one, which names the schema).
        let blocks = toml_blocks(configuration);
        let taplo: Vec<&String> = blocks.iter().filter(|b| b.contains("[[rule]]")).collect();
        assert_eq!(taplo.len(), 1, "the README's .taplo.toml example");
        assert!(
            taplo[0].contains(SCHEMA_URL),
            "the README's .taplo.toml names {SCHEMA_URL}"
        );
        assert!(
            configuration.contains(&format!("#:schema {SCHEMA_URL}")),
            "the README shows the #:schema comment"
        );
        let mut examples: Vec<(String, String)> = blocks
            .iter()
            .filter(|b| !b.contains("[[rule]]"))
            .enumerate()
            .map(|(i, b)| {
                (
                    format!("README.md, Configuration, example {}", i + 1),
                    b.clone(),
                )
            })
            .collect();
        assert_eq!(examples.len(), 2, "the README's goal-lint.toml examples");
        examples.push((
            "goal-lint init".into(),
            goal_lint_core::config::DEFAULT_CONFIG.clone(),
        ));
        examples.push(("every key".into(), EVERY_KEY.into()));
        examples.push(("an empty file".into(), String::new()));
        examples.push((
            "max-file-size in bytes".into(),
            "max-file-size = 1000\n".into(),
        ));
        for (name, text) in &examples {
            Config::from_toml(text).unwrap_or_else(|e| panic!("{name}: goal-lint rejects it: {e}"));
            check(text).unwrap_or_else(|e| panic!("{name}: the schema rejects it: {e}"));
        }
    }

    /// Misspelled keys and wrong values: the schema rejects each, as goal-lint does.
    #[test]
    fn rejects_misspelled_keys_and_wrong_values() {
        for bad in [
            "ignor = [\"GL001\"]\n",
            "force_exclude = true\n",
            "[severity]\nvauge-goal = \"error\"\n",
            "[severity]\nvague-goal = \"loud\"\n",
            "ignore = [\"vauge-goal\"]\n",
            "select = [\"GL7\"]\n",
            "select = \"GL001\"\n",
            "[rules.too-many-goals]\nmaximum = 3\n",
            "[rules.too-many-goals]\nmax = \"three\"\n",
            "[rules.too-many-goals]\nmax = -1\n",
            "[rules.invalid-week-range]\nmax-week = 0\n",
            "[rules.vague-capability]\nmax = 1\n",
            "[rules.vague-goal]\nextra-vague-verb = [\"tackle\"]\n",
            "[kinds.team-plan]\nrequired_sections = [\"Goals\"]\n",
            "[[overrides]]\nfile = [\"okrs/*.md\"]\n",
            "[[overrides]]\nfiles = []\n",
            "[[overrides]]\nfiles = [\"a.md\"]\nkinds = \"okr\"\n",
            "max-file-size = \"20 parsecs\"\n",
            "max-file-size = -1\n",
            "documents = [\"*.md\"]\n",
        ] {
            assert!(
                Config::from_toml(bad).is_err(),
                "goal-lint takes what the test says it rejects: {bad}"
            );
            assert!(check(bad).is_err(), "the schema accepts {bad:?}");
        }
    }

    /// The keys the core's parser expects where `zz-unknown` is written (from its "unknown
    /// field `zz-unknown`, expected one of `a`, `b`" message).
    fn core_keys(text: &str) -> BTreeSet<String> {
        let message = Config::from_toml(text).unwrap_err().message;
        let expected = message
            .split_once("expected")
            .unwrap_or_else(|| panic!("no expected keys in {message:?}"))
            .1;
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    fn schema_keys(schema: &Value) -> BTreeSet<String> {
        schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    /// Every table of the schema has exactly the keys the core reads there.
    #[test]
    fn keys_are_the_ones_goal_lint_reads() {
        let schema = json_schema();
        let p = &schema["properties"];
        assert_eq!(
            schema_keys(&schema),
            core_keys("zz-unknown = 1\n"),
            "top level"
        );
        assert_eq!(
            schema_keys(&p["overrides"]["items"]),
            core_keys("[[overrides]]\nfiles = [\"a.md\"]\nzz-unknown = 1\n"),
            "[[overrides]]"
        );
        assert_eq!(
            p["kinds"]["additionalProperties"]["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<BTreeSet<_>>(),
            core_keys("[kinds.x]\nzz-unknown = 1\n"),
            "[kinds.NAME]"
        );
        assert_eq!(
            schema_keys(&p["rules"]),
            core_keys("[rules.zz-unknown]\n"),
            "[rules]"
        );
        for name in schema_keys(&p["rules"]) {
            assert_eq!(
                schema_keys(&p["rules"]["properties"][&name]),
                core_keys(&format!("[rules.{name}]\nzz-unknown = 1\n")),
                "[rules.{name}]"
            );
        }
    }

    /// Every way the schema lets a rule or a severity be written is one goal-lint takes, and
    /// near misses are refused by both.
    #[test]
    fn selectors_and_severities_agree_with_goal_lint() {
        for word in selector_words() {
            for written in [word.clone(), word.to_lowercase(), word.to_uppercase()] {
                let text =
                    format!("ignore = [\"{written}\"]\n[severity]\n\"{written}\" = \"warning\"\n");
                Config::from_toml(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
                check(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
            }
        }
        for level in severity_words() {
            for written in [level.to_string(), level.to_uppercase()] {
                let text = format!("[severity]\nvague-goal = \"{written}\"\n");
                Config::from_toml(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
                check(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
            }
        }
        for bad in ["G", "GL2000", "GL0011", "vague", "all-rules", "vague-goals"] {
            let text = format!("ignore = [\"{bad}\"]\n");
            assert!(Config::from_toml(&text).is_err(), "{bad}");
            assert!(check(&text).is_err(), "{bad}");
        }
        for bad in ["warn", "errors", "disabled!", ""] {
            let text = format!("[severity]\nvague-goal = \"{bad}\"\n");
            assert!(Config::from_toml(&text).is_err(), "{bad}");
            assert!(check(&text).is_err(), "{bad}");
        }
    }

    #[test]
    fn file_sizes_agree_with_goal_lint() {
        for unit in SIZE_UNITS.iter().chain(&SIZE_UNITS_MORE) {
            for text in [format!("\"2 {unit}\""), format!("\"2{unit}\"")] {
                let config = format!("max-file-size = {text}\n");
                Config::from_toml(&config).unwrap_or_else(|e| panic!("{text}: {e}"));
                check(&config).unwrap_or_else(|e| panic!("{text}: {e}"));
            }
        }
        for bad in ["\"2 mb\"", "\"MiB\"", "\"2.5 MiB\"", "true"] {
            let config = format!("max-file-size = {bad}\n");
            assert!(Config::from_toml(&config).is_err(), "{bad}");
            assert!(check(&config).is_err(), "{bad}");
        }
    }
}
