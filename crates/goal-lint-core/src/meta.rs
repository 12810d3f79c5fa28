//! What every layer says about a rule: its severity, the kind of fix it offers, where its
//! findings point, and its documentation. Nothing here knows a document or a rule's check, so
//! [`crate::diagnostic`], [`crate::rules`] and [`crate::config`] all build on it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is. Ordered: `Hint < Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of fix a rule can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    Template,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "no",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::Template => "template",
        }
    }
}

/// What a rule's findings are about, and so who reports them and how a comment silences them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An entry, a heading or a line: reported by the rule's check; a
    /// `goal-lint-disable-line` comment on that line silences it.
    Item,
    /// The document as a whole (a section it lacks): reported by the rule's check; a
    /// `goal-lint-disable-file` comment silences it.
    Document,
    /// The suppression comments themselves: reported by the suppression pass
    /// ([`crate::suppression`]), which alone knows which comments silenced something. The
    /// rule has no check of its own.
    Suppressions,
}

/// A rule's documentation, in sections (rendered by `goal-lint explain` and `docs/rules.md`).
#[derive(Debug, PartialEq, Eq)]
pub struct RuleDocs {
    pub what: &'static str,
    pub why: &'static str,
    /// A goal document this rule flags (tested: it must fire).
    pub bad: &'static str,
    /// The same document written well (tested: it must not fire).
    pub good: &'static str,
    pub fix: &'static str,
    pub options: &'static str,
}

/// One row of the rule table (`rules/mod.rs`) with the summary and docs from the rule's file.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Position in the rule table, filled in from it (never written by hand).
    pub index: usize,
    pub code: &'static str,
    pub name: &'static str,
    /// One line, for tables.
    pub summary: &'static str,
    pub scope: Scope,
    /// Whether a line, next-line or region comment can silence a finding. `false` for a
    /// finding about the comments themselves: only `goal-lint-disable-file RULE` or the
    /// configuration turns such a rule off.
    pub suppressible: bool,
    pub default_severity: Severity,
    pub fix: FixKind,
    pub docs: RuleDocs,
}

impl RuleMeta {
    /// Where the rule's documentation is published (used for LSP `codeDescription`).
    pub fn url(&self) -> String {
        format!(
            "https://github.com/goal-lint/goal-lint/blob/main/docs/rules.md#{}-{}",
            self.code.to_lowercase(),
            self.name
        )
    }

    /// The rule's documentation as Markdown.
    pub fn markdown(&self) -> String {
        let d = &self.docs;
        let mut s = format!(
            "## {} {}\n\n{}\n\nDefault severity: **{}**. Fix: **{}**.\n\n### What it does\n{}\n\n### Why it matters\n{}\n\n### Example\n```markdown\n{}```\n\nUse instead:\n```markdown\n{}```\n",
            self.code,
            self.name,
            self.summary,
            self.default_severity,
            self.fix.as_str(),
            d.what.trim(),
            d.why.trim(),
            d.bad,
            d.good
        );
        if !d.fix.is_empty() {
            s.push_str(&format!("\n### Fix\n{}\n", d.fix.trim()));
        }
        if !d.options.is_empty() {
            s.push_str(&format!("\n### Options\n{}\n", d.options.trim()));
        }
        s
    }
}
