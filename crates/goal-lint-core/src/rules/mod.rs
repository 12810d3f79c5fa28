//! The rule catalogue. One rule per file (its documentation, options and check: see
//! [`Rule`]), and one line per rule in the table below: code, name, scope, whether a comment
//! can silence it, default severity, fix kind, and the rule's type. The position in the table
//! is the rule's index; the table also declares the rule's module. [`registry`] lists them
//! all; the CLI's `rules` / `explain` commands, `docs/rules.md`, the server's hover text, the
//! `[rules.NAME]` tables of `goal-lint.toml` ([`AllOptions`]) and `goal-lint init` are
//! generated from it.
//!
//! Adding a rule: write `rules/<name>.rs` (copy a rule of the same shape), add its fixtures
//! under `tests/fixtures/rules/<CODE>/`, and add its line to the table.

use std::sync::LazyLock;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::meta::{FixKind, RuleDocs, RuleMeta, Scope};

mod context;

pub use context::{Check, Context, Conventions, Facts, NoOptions, Rule, RuleOptions, Run, excerpt};

/// The rule table's macro: from one line per rule, the rule's module, its [`RuleEntry`] in
/// [`registry`] (index = position), and its field in [`AllOptions`].
///
/// Columns: code, name, [`Scope`], the comment that silences a finding (`line`: a line,
/// next-line or region comment; `file`: only `goal-lint-disable-file RULE`), default
/// [`Severity`], [`FixKind`], and `module::Type` of the rule (its file is `rules/module.rs`).
macro_rules! rule_table {
    ($($code:literal $name:literal $scope:ident $comment:ident $severity:ident $fix:ident
        => $module:ident :: $rule:ident;)*) => {
        $(mod $module;)*

        static REGISTRY: &[RuleEntry] = &numbered([$(
            RuleEntry {
                meta: RuleMeta {
                    index: 0,
                    code: $code,
                    name: $name,
                    summary: <$module::$rule as Rule>::SUMMARY,
                    scope: Scope::$scope,
                    suppressible: rule_table!(@suppressible $comment),
                    default_severity: Severity::$severity,
                    fix: FixKind::$fix,
                    docs: <$module::$rule as Rule>::DOCS,
                },
                check: {
                    fn check(
                        run: &Run<'_>,
                        meta: &'static RuleMeta,
                        severity: Severity,
                        options: &AllOptions,
                        out: &mut Vec<Diagnostic>,
                    ) {
                        if let Some(check) = <$module::$rule as Rule>::CHECK {
                            context::run_check(run, meta, severity, out, check, &options.$module);
                        }
                    }
                    if <$module::$rule as Rule>::CHECK.is_some() {
                        Some(check as RunCheck)
                    } else {
                        None
                    }
                },
                judges_templates: <$module::$rule as Rule>::JUDGES_TEMPLATES,
                judges_roadmap_items: <$module::$rule as Rule>::JUDGES_ROADMAP_ITEMS,
            },
        )*]);

        /// Every rule's options, as `[rules.NAME]` in `goal-lint.toml` (a field per rule,
        /// named as its module; the rule's file declares the type and its defaults).
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct AllOptions {
            $(pub $module: <$module::$rule as Rule>::Options,)*
        }

        impl AllOptions {
            /// The `[rules.NAME]` keys: rules that have options, in table order.
            fn names() -> Vec<&'static str> {
                let mut names = Vec::new();
                $(if <<$module::$rule as Rule>::Options as RuleOptions>::CONFIGURABLE {
                    names.push($name);
                })*
                names
            }

            /// Deserialise the value of `[rules.NAME]` into that rule's options.
            fn set<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
                match name {
                    $($name => self.$module = map.next_value()?,)*
                    _ => return Err(de::Error::unknown_field(name, &CONFIGURABLE[..])),
                }
                Ok(())
            }

            /// Checks beyond the types (ranges): `Err((rule name, key, message))`.
            pub fn validate(&self) -> Result<(), (&'static str, &'static str, String)> {
                $(self.$module.validate().map_err(|(key, message)| ($name, key, message))?;)*
                Ok(())
            }

            /// The rules' parts of the file `goal-lint init` writes, in table order.
            pub fn init_snippets() -> Vec<&'static str> {
                [$(<<$module::$rule as Rule>::Options as RuleOptions>::INIT,)*]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect()
            }
        }
    };
    (@suppressible line) => { true };
    (@suppressible file) => { false };
}

rule_table! {
    // code  name                            scope        comment severity fix      => module::Rule
    "GL001" "vague-goal"                    Item         line    Warning  Template => vague_goal::VagueGoal;
    "GL002" "missing-success-metric"        Item         line    Warning  Template => missing_success_metric::MissingSuccessMetric;
    "GL003" "unmeasurable-success-metric"   Item         line    Warning  None     => unmeasurable_success_metric::UnmeasurableSuccessMetric;
    "GL004" "missing-why"                   Item         line    Info     Template => missing_why::MissingWhy;
    "GL005" "too-many-goals"                Item         line    Warning  None     => too_many_goals::TooManyGoals;
    "GL101" "missing-week-range"            Item         line    Warning  Template => missing_week_range::MissingWeekRange;
    "GL102" "invalid-week-range"            Item         line    Error    Unsafe   => invalid_week_range::InvalidWeekRange;
    "GL201" "unfilled-placeholder"          Item         line    Error    None     => unfilled_placeholder::UnfilledPlaceholder;
    "GL301" "objective-without-key-results" Item         line    Warning  Template => objective_without_key_results::ObjectiveWithoutKeyResults;
    "GL302" "too-many-key-results"          Item         line    Warning  None     => too_many_key_results::TooManyKeyResults;
    "GL401" "vague-support-request"         Item         line    Warning  None     => vague_support_request::VagueSupportRequest;
    "GL402" "vague-capability"              Item         line    Warning  None     => vague_capability::VagueCapability;
    "GL501" "overdue"                       Item         line    Warning  None     => overdue::Overdue;
    "GL601" "missing-required-section"      Document     line    Warning  Template => missing_required_section::MissingRequiredSection;
    "GL901" "unused-suppression"            Suppressions file    Warning  Safe     => unused_suppression::UnusedSuppression;
}

/// How the lint pass runs one rule: its check with its options, reporting at `severity`.
type RunCheck = fn(&Run<'_>, &'static RuleMeta, Severity, &AllOptions, &mut Vec<Diagnostic>);

/// A rule as the table declares it.
pub struct RuleEntry {
    meta: RuleMeta,
    /// `None` for a rule the suppression pass reports.
    check: Option<RunCheck>,
    /// Runs on a pristine template (see [`Rule::JUDGES_TEMPLATES`]).
    pub judges_templates: bool,
    /// Speaks on a roadmap's items read from its layout (see [`Rule::JUDGES_ROADMAP_ITEMS`]).
    pub judges_roadmap_items: bool,
}

impl RuleEntry {
    pub fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Run the rule's check (nothing for a rule the suppression pass reports).
    pub(crate) fn check(
        &'static self,
        run: &Run<'_>,
        severity: Severity,
        options: &AllOptions,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(check) = self.check {
            check(run, &self.meta, severity, options, out);
        }
    }
}

/// The table with each rule's index set to its position.
const fn numbered<const N: usize>(mut rules: [RuleEntry; N]) -> [RuleEntry; N] {
    let mut i = 0;
    while i < N {
        rules[i].meta.index = i;
        i += 1;
    }
    rules
}

/// The rule the suppression pass reports (scope [`Scope::Suppressions`]).
pub fn suppressions_rule() -> &'static RuleMeta {
    REGISTRY
        .iter()
        .map(RuleEntry::meta)
        .find(|m| m.scope == Scope::Suppressions)
        .expect("the table has a rule of scope Suppressions")
}

static CONFIGURABLE: LazyLock<Vec<&'static str>> = LazyLock::new(AllOptions::names);

impl AllOptions {
    /// `[rules.vague-goal] extra-vague-verbs`, lowercased: the statement analysis every rule
    /// reads takes them.
    pub fn extra_vague_verbs(&self) -> &[String] {
        &self.vague_goal.extra_vague_verbs
    }
}

impl<'de> Deserialize<'de> for AllOptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OptionsVisitor)
    }
}

struct OptionsVisitor;

impl<'de> Visitor<'de> for OptionsVisitor {
    type Value = AllOptions;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a table of rule options (`[rules.NAME]`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AllOptions, A::Error> {
        let mut options = AllOptions::default();
        while let Some(name) = map.next_key_seed(RuleName)? {
            options.set(name, &mut map)?;
        }
        Ok(options)
    }
}

/// A `[rules.NAME]` key: the name of a rule that has options. An error names the key (and so
/// its line).
struct RuleName;

impl<'de> DeserializeSeed<'de> for RuleName {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'static str, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for RuleName {
    type Value = &'static str;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a rule name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<&'static str, E> {
        CONFIGURABLE
            .iter()
            .find(|n| **n == name)
            .copied()
            .ok_or_else(|| E::unknown_field(name, &CONFIGURABLE[..]))
    }
}

/// The rules reference (`docs/rules.md`), generated from the registry.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the rule registry by `cargo xtask docs`; do not edit by hand. -->\n\n\
         # goal-lint rules\n\n\
         Rules can be named by code or name in configuration, on the command line and in \
         suppression comments (`<!-- goal-lint-disable-line vague-goal -->`).\n\n\
         | code | name | default severity | fix | summary |\n|---|---|---|---|---|\n",
    );
    for rule in registry() {
        let m = rule.meta();
        out.push_str(&format!(
            "| [{}](#{}-{}) | `{}` | {} | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.name,
            m.default_severity,
            m.fix.as_str(),
            m.summary
        ));
    }
    for rule in registry() {
        out.push('\n');
        out.push_str(&rule.meta().markdown());
    }
    out
}

/// Every rule, in code order.
pub fn registry() -> &'static [RuleEntry] {
    REGISTRY
}

pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .find(|m| m.name.eq_ignore_ascii_case(name))
}

/// A rule by code or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleMeta> {
    by_code(code_or_name.trim()).or_else(|| by_name(code_or_name.trim()))
}

/// The rule whose code or name is closest to `s` (for "did you mean"), when it is a near
/// miss: at most one edit in three of the longer of `s` and that code or name. Each is
/// measured against itself (a short word is as far from every five-letter code as it is
/// long, which a long name's threshold would have let through: `why` offered GL002).
pub fn suggest(s: &str) -> Option<&'static RuleMeta> {
    let s = s.to_ascii_lowercase();
    let near = |candidate: &str| {
        let d = edit_distance(&s, candidate);
        (3 * d <= s.chars().count().max(candidate.chars().count())).then_some(d)
    };
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter_map(|m| {
            let d = [near(m.name), near(&m.code.to_ascii_lowercase())]
                .into_iter()
                .flatten()
                .min()?;
            Some((d, m))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_indices_codes_and_names_are_consistent() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for (i, rule) in registry().iter().enumerate() {
            let m = rule.meta();
            assert_eq!(m.index, i, "{} has index {}", m.code, m.index);
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(m.code.starts_with("GL") && m.code.len() == 5, "{}", m.code);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
            assert!(!m.summary.is_empty() && !m.docs.what.is_empty() && !m.docs.why.is_empty());
        }
        let sorted: Vec<_> = registry().iter().map(|r| r.meta().code).collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected, "registry is in code order");
    }

    /// What the table says of a rule agrees with its file: only the rule of scope
    /// `Suppressions` lacks a check (the suppression pass reports it), and only its findings
    /// a line comment cannot silence.
    #[test]
    fn scopes_agree_with_checks() {
        let mut by_suppression_pass = Vec::new();
        for rule in registry() {
            let m = rule.meta();
            let reported_by_pass = m.scope == Scope::Suppressions;
            assert_eq!(rule.check.is_none(), reported_by_pass, "{}", m.code);
            assert_eq!(m.suppressible, !reported_by_pass, "{}", m.code);
            if reported_by_pass {
                by_suppression_pass.push(m.code);
            }
        }
        assert_eq!(by_suppression_pass, ["GL901"]);
        assert_eq!(suppressions_rule().name, "unused-suppression");
    }

    /// A rule with options documents them, and `goal-lint init` writes its table.
    #[test]
    fn options_are_documented_and_written_by_init() {
        let snippets = AllOptions::init_snippets();
        assert_eq!(snippets.len(), CONFIGURABLE.len());
        for name in CONFIGURABLE.iter() {
            let meta = by_name(name).unwrap();
            let table = format!("[rules.{name}]");
            assert!(
                meta.docs.options.contains(&table),
                "{name}: options not documented"
            );
            assert_eq!(
                snippets.iter().filter(|s| s.contains(&table)).count(),
                1,
                "{name}: no init snippet"
            );
        }
    }

    #[test]
    fn lookup_by_code_name_and_suggestion() {
        assert_eq!(lookup("gl001").unwrap().name, "vague-goal");
        assert_eq!(lookup("vague-goal").unwrap().code, "GL001");
        assert_eq!(suggest("vauge-goal").unwrap().code, "GL001");
        assert!(suggest("completely-different").is_none());
    }
}
