//! One lint pass: the rules of the table in order, then the suppression comments. Fixes are
//! as the rules offer them; [`crate::fix`] vets them (by linting the text a fix makes, with
//! this pass) and is what [`crate::lint()`] runs.

use crate::analysis::{DocumentClass, LineSource};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::memo::Memo;
use crate::meta::Scope;
use crate::model::{self, Date, GoalDocument};
use crate::rules::{self, Facts, Run};
use crate::suppression;

/// Inputs to a lint run besides the text and settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// "Today", for `overdue`. `None` turns that rule off (tests and reproducible runs pass a
    /// fixed date; the CLI and the server pass the system date).
    pub today: Option<Date>,
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
    let mut template = None;
    if doc.is_goal_document {
        let facts = Facts::new(&doc, text, &settings.templates);
        let judgement = facts.judgement(&doc, text);
        let _ = writeln!(out, "kind: {}", judgement.class.as_str());
        for e in &judgement.evidence {
            let _ = writeln!(out, "  evidence: {e}");
        }
        template = facts.template;
    }
    out.push_str(&doc.outline(text));
    if let Some(m) = template {
        let _ = writeln!(
            out,
            "template: {} ({} of {} headings and labels)",
            m.template.name, m.matched, m.of
        );
        // Runs of lines from one source: "  lines 3-9: template".
        let mut runs: Vec<(usize, usize, LineSource)> = Vec::new();
        for (n, (_, source)) in m.sources().iter().enumerate() {
            match runs.last_mut() {
                Some((_, end, s)) if s == source => *end = n + 1,
                _ => runs.push((n + 1, n + 1, *source)),
            }
        }
        for (start, end, source) in runs {
            let _ = if start == end {
                writeln!(out, "  line {start}: {}", source.as_str())
            } else {
                writeln!(out, "  lines {start}-{end}: {}", source.as_str())
            };
        }
    }
    out
}

/// Whether a finding stands on the line it is on in a copy of a template: the template's own
/// text (guidance, examples) is never judged, and a slot left as it was is reported as
/// unfilled and for nothing else. Findings about a section or the whole document (too many
/// goals under a heading the template gave, a section missing) stand wherever they are.
fn stands_in_copy(d: &Diagnostic, source: LineSource) -> bool {
    let about_section = d.rule.scope != Scope::Item || d.rule.name == "too-many-goals";
    match source {
        LineSource::Author => true,
        LineSource::Slot => about_section || d.rule.name == "unfilled-placeholder",
        LineSource::Template => about_section,
    }
}

/// [`crate::lint()`] with the fixes as the rules offer them, unverified.
pub(crate) fn lint_unverified(
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> (GoalDocument, Vec<Diagnostic>) {
    let doc = GoalDocument::parse(text, &settings.document);
    let out = if model::may_be_goal_document(text, &settings.document) {
        findings(&doc, text, settings, options, &Memo::disabled())
    } else {
        Vec::new()
    };
    (doc, out)
}

/// The findings of every rule on `doc`, less those suppression comments silence, plus the
/// suppression pass's own; sorted by place and rule.
pub(crate) fn findings(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    memo: &Memo,
) -> Vec<Diagnostic> {
    if !doc.is_goal_document && doc.directives.is_empty() {
        return Vec::new();
    }
    let facts = Facts::new(doc, text, &settings.templates);
    let run = Run {
        doc,
        text,
        today: options.today,
        kinds: &settings.kinds,
        extra_vague_verbs: settings.options.extra_vague_verbs(),
        facts: &facts,
        memo,
    };
    let mut out = Vec::new();
    if doc.is_goal_document {
        // Document-level judgement first: rules judge plans; a pristine template gets only
        // the notices of rules that judge templates (unfilled-placeholder); a guide, a process
        // page or a report gets nothing.
        let class = facts.judgement_with(doc, text, memo).class;
        for rule in rules::registry() {
            let applies = match class {
                DocumentClass::Plan => true,
                DocumentClass::PristineTemplate => rule.judges_templates,
                DocumentClass::NotAPlan(_) => false,
            };
            if !applies {
                continue;
            }
            let Some(severity) = settings.severity(rule.meta()) else {
                continue;
            };
            rule.check(&run, severity, &settings.options, &mut out);
        }
    }
    if let Some(m) = &facts.template {
        out.retain(|d| stands_in_copy(d, m.source_at(d.range.start)));
    }
    let mut out = suppression::apply(doc, text, settings, out);
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.code).cmp(&(b.range.start, b.range.end, b.rule.code))
    });
    out.dedup_by(|a, b| a.range == b.range && a.rule.code == b.rule.code && a.message == b.message);
    out
}
