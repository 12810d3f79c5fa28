//! goal-lint-core: a linter for Markdown goal documents (quarterly goals, OKRs, 1:1 plans,
//! planning reviews, career plans).
//!
//! Pure library: no I/O, no async. Text goes in, diagnostics come out:
//!
//! ```
//! use goal_lint_core::{lint, LintOptions, config::Settings};
//!
//! let text = "## Q3 Goals\n\n- Work on payments\n";
//! let diagnostics = lint(text, &Settings::default(), &LintOptions::default());
//! assert_eq!(diagnostics[0].code(), "GL001");
//! assert_eq!(&text[diagnostics[0].range.as_range()], "Work on payments");
//! ```
//!
//! The pipeline: [`syntax`] (tree-sitter-md) → [`model`] (the goal document) → [`rules`]
//! (reading the model, never the Markdown) → [`suppression`] → [`Diagnostic`]s with byte ranges
//! and [`fix`]es.
#![forbid(unsafe_code)]

pub mod actions;
pub mod analysis;
pub mod completion;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod line_index;
mod locate;
pub mod model;
pub(crate) mod re;
pub mod rules;
pub mod snippets;
pub mod suppression;
pub mod syntax;
pub mod templates;
pub mod text;

pub use config::{Config, ConfigError, Settings};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use model::{Date, GoalDocument};
pub use text::TextRange;

/// Inputs to a lint run besides the text and settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// "Today", for `overdue`. `None` turns that rule off (tests and reproducible runs pass a
    /// fixed date; the CLI and the server pass the system date).
    pub today: Option<Date>,
}

/// Parse and lint `text`.
pub fn lint(text: &str, settings: &Settings, options: &LintOptions) -> Vec<Diagnostic> {
    // Ordinary Markdown is recognised without a parse (most files a linter sees are).
    if !model::may_be_goal_document(text, &settings.document) {
        return Vec::new();
    }
    let doc = GoalDocument::parse(text, &settings.document);
    lint_document(&doc, text, settings, options)
}

/// What goal-lint understood of `text`: the document's kind with the evidence for it, then
/// its outline (sections, goals, objectives, key results, criteria, actions, fields) with line
/// numbers. Behind `goal-lint outline FILE`.
pub fn outline(text: &str, settings: &Settings) -> String {
    use std::fmt::Write as _;
    if !model::may_be_goal_document(text, &settings.document) {
        return "goal document: false (no goal headings, labels or opt-in)\n".to_string();
    }
    let doc = GoalDocument::parse(text, &settings.document);
    let mut out = String::new();
    if doc.is_goal_document {
        let facts = rules::Facts::new(&doc);
        let judgement = facts.judgement(&doc, text);
        let _ = writeln!(out, "kind: {}", judgement.class.as_str());
        for e in &judgement.evidence {
            let _ = writeln!(out, "  evidence: {e}");
        }
    }
    out.push_str(&doc.outline(text));
    out
}

/// Lint an already built model of `text` (the language server keeps one per open document).
///
/// A fix is `Safe` only when it is: each is tried, and one whose result would change the
/// document's outline or add a finding is offered as `Unsafe` instead; a fix that would join
/// or cut line breaks is not offered (see [`fix::vet_fixes`]).
pub fn lint_document(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let mut out = findings(doc, text, settings, options);
    fix::vet_fixes(doc, text, settings, options, &mut out);
    out
}

/// [`lint`] with the fixes as the rules offer them, unverified.
pub(crate) fn lint_unverified(
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> (GoalDocument, Vec<Diagnostic>) {
    let doc = GoalDocument::parse(text, &settings.document);
    let out = if model::may_be_goal_document(text, &settings.document) {
        findings(&doc, text, settings, options)
    } else {
        Vec::new()
    };
    (doc, out)
}

fn findings(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    if !doc.is_goal_document && doc.directives.is_empty() {
        return Vec::new();
    }
    let facts = rules::Facts::new(doc);
    let run = rules::Run {
        doc,
        text,
        settings,
        today: options.today,
        facts: &facts,
    };
    let mut out = Vec::new();
    if doc.is_goal_document {
        // Document-level judgement first: rules judge plans; a pristine template gets one
        // notice (from unfilled-placeholder); a guide, a process page or a report gets nothing.
        let class = facts.judgement(doc, text).class;
        for rule in rules::registry() {
            let meta = rule.meta();
            if meta.code == rules::UnusedSuppression::CODE {
                continue;
            }
            let applies = match class {
                analysis::DocumentClass::Plan => true,
                analysis::DocumentClass::PristineTemplate => {
                    meta.code == rules::UnfilledPlaceholder::CODE
                }
                analysis::DocumentClass::NotAPlan(_) => false,
            };
            if !applies {
                continue;
            }
            let Some(severity) = settings.severity(meta) else {
                continue;
            };
            let mut cx = rules::Context::new(&run, meta, severity, &mut out);
            rule.check(&mut cx);
        }
    }
    let mut out = suppression::apply(doc, text, settings, out);
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.code).cmp(&(b.range.start, b.range.end, b.rule.code))
    });
    out.dedup_by(|a, b| a.range == b.range && a.rule.code == b.rule.code && a.message == b.message);
    out
}
