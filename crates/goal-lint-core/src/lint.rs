//! One lint pass: the rules of the table in order, then the suppression comments. Fixes are
//! as the rules offer them; [`crate::fix`] vets them (by linting the text a fix makes, with
//! this pass) and is what [`crate::lint()`] runs.

use crate::analysis::{DocumentClass, LineSource};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Edit};
use crate::memo::Memo;
use crate::meta::Scope;
use crate::model::{self, Date, DirectiveComment, GoalDocument};
use crate::rules::{self, Facts, Run};
use crate::suppression;
use crate::text::TextRange;

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
        let facts = Facts::new(&doc, text, &settings.templates, settings.kind_model.clone());
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

/// What goal-lint understood of a document, as data: [`outline`] for programs (`goal-lint
/// outline --format json`, the editor's outline command, the evaluation).
#[derive(Clone, Debug, serde::Serialize)]
pub struct OutlineReport {
    /// Whether the file holds goal content at all; when not, nothing else is filled in.
    pub goal_document: bool,
    /// The document's kind (`plan`, `pristine template`, `not a plan (guide)`…).
    pub kind: Option<&'static str>,
    /// The fitted model's probability of each of `plan`, `template` and `not a plan`, when the
    /// model decided (`None` when an exact signal did: a declared kind, a matched template).
    pub probabilities: Option<std::collections::BTreeMap<&'static str, f64>>,
    pub evidence: Vec<String>,
    /// The template the document is a copy of.
    pub template: Option<OutlineTemplate>,
    pub sections: Vec<OutlineSection>,
    pub entries: Vec<OutlineEntry>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct OutlineTemplate {
    pub name: String,
    /// Headings and labels of the template the document has, of `of`.
    pub matched: usize,
    pub of: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct OutlineSection {
    /// 1-based line of the heading.
    pub line: usize,
    pub level: u8,
    pub title: String,
    /// What the section holds (`Goals`, `Actions`, `NotGoals`…), its own or its parent's.
    pub role: String,
    /// Whether its entries are judged as goal content.
    pub goal_content: bool,
    /// A part of a roadmap read from its layout alone: its entries are the roadmap's items,
    /// and only rules that judge such items speak on them.
    pub roadmap_part: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct OutlineEntry {
    /// 1-based first and last lines.
    pub line: usize,
    pub end_line: usize,
    /// What the entry was read as (`goal`, `objective`, `key result`, `action`, `other`…).
    pub role: &'static str,
    pub label: Option<String>,
    pub text: String,
    /// `true` ticked, `false` open, `None` no checkbox.
    pub checkbox: Option<bool>,
    /// The line of the entry it stands under.
    pub parent_line: Option<usize>,
    /// In a copy of a template: `template`, `slot` or `author`.
    pub source: Option<&'static str>,
    /// For a goal, objective, key result, success criterion, action or capability: how sure
    /// the reading is, the probability (fitted on the corpus reviewers' roles) that a reviewer
    /// reads the entry so too (see [`crate::analysis::role`]).
    pub confidence: Option<f64>,
}

/// [`outline`] as data.
pub fn outline_report(text: &str, settings: &Settings) -> OutlineReport {
    let mut report = OutlineReport {
        goal_document: false,
        kind: None,
        probabilities: None,
        evidence: Vec::new(),
        template: None,
        sections: Vec::new(),
        entries: Vec::new(),
    };
    if !model::may_be_goal_document(text, &settings.document) {
        return report;
    }
    let doc = GoalDocument::parse(text, &settings.document);
    report.goal_document = doc.is_goal_document;
    if !doc.is_goal_document {
        return report;
    }
    let index = crate::line_index::LineIndex::new(text);
    let line = |offset: usize| index.line_of(offset) + 1;
    let facts = Facts::new(&doc, text, &settings.templates, settings.kind_model.clone());
    let judgement = facts.judgement(&doc, text);
    report.kind = Some(judgement.class.as_str());
    report.evidence = judgement.evidence.clone();
    if let Some(features) = &judgement.features {
        let model = settings
            .kind_model
            .clone()
            .unwrap_or_else(crate::analysis::kind::shipped_model);
        let p = model.probabilities(features);
        report.probabilities = Some(
            crate::analysis::kind::KINDS
                .iter()
                .zip(p)
                .map(|(k, p)| (*k, (p * 1000.0).round() / 1000.0))
                .collect(),
        );
    }
    if let Some(m) = &facts.template {
        report.template = Some(OutlineTemplate {
            name: m.template.name.clone(),
            matched: m.matched,
            of: m.of,
        });
    }
    for s in &doc.sections {
        if let Some(h) = &s.heading {
            report.sections.push(OutlineSection {
                line: line(h.range.start),
                level: h.level,
                title: h.text.plain.clone(),
                role: format!("{:?}", s.role),
                goal_content: s.goal_content,
                roadmap_part: s.roadmap_part,
            });
        }
    }
    let confidences = crate::analysis::role::confidences(&doc);
    for (item, confidence) in doc.items.iter().zip(confidences) {
        report.entries.push(OutlineEntry {
            line: line(item.line.start),
            end_line: line(item.range.end.saturating_sub(1).max(item.range.start)),
            role: item.kind.as_str(),
            label: item.label.as_ref().map(|l| l.text.clone()),
            text: item.text.plain.clone(),
            checkbox: item.checkbox,
            parent_line: item.parent.map(|p| line(doc.item(p).line.start)),
            source: facts
                .template
                .as_ref()
                .map(|m| m.source_at(item.line.start).as_str()),
            confidence: confidence.map(|p| (p * 100.0).round() / 100.0),
        });
    }
    report.entries.sort_by_key(|e| e.line);
    report
}

/// What the fitted kind model is given for `text` (see [`crate::analysis::kind`]): `None` when
/// the file holds no goal content, or an exact signal (a declared kind, a matched template)
/// decides its kind. `cargo xtask fit` fits the model to these.
pub fn kind_features(text: &str, settings: &Settings) -> Option<crate::analysis::kind::Features> {
    if !model::may_be_goal_document(text, &settings.document) {
        return None;
    }
    let doc = GoalDocument::parse(text, &settings.document);
    if !doc.is_goal_document {
        return None;
    }
    let facts = Facts::new(&doc, text, &settings.templates, settings.kind_model.clone());
    facts.judgement(&doc, text).features.clone()
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

thread_local! {
    /// Whole texts parsed and linted on this thread to vet fixes (see [`vetting_lints`]).
    static VETTING_LINTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many whole texts this thread has parsed and linted to vet fixes: the part of vetting
/// whose cost grows with the document. Tests read it to check that it does not grow with the
/// number of fixes vetted (a fix checked with [`findings_without_comments`] costs no parse and
/// is not counted).
#[doc(hidden)]
pub fn vetting_lints() -> usize {
    VETTING_LINTS.with(std::cell::Cell::get)
}

/// One pass over a text: its model, the rules' findings before suppression comments apply
/// (what a text that differs only by removed comments shares, see
/// [`findings_without_comments`]), and the findings after.
pub(crate) struct Pass {
    pub doc: GoalDocument,
    pub rule_findings: Vec<Diagnostic>,
    pub findings: Vec<Diagnostic>,
}

/// [`crate::lint()`] with the fixes as the rules offer them, unverified: a parse and a lint of
/// the whole text, counted by [`vetting_lints`].
pub(crate) fn lint_unverified(text: &str, settings: &Settings, options: &LintOptions) -> Pass {
    VETTING_LINTS.with(|n| n.set(n.get() + 1));
    let doc = GoalDocument::parse(text, &settings.document);
    let (rule_findings, findings) = if model::may_be_goal_document(text, &settings.document) {
        let raw = rule_findings(&doc, text, settings, options, &Memo::disabled());
        let out = finish(&doc, text, settings, raw.clone());
        (raw, out)
    } else {
        (Vec::new(), Vec::new())
    };
    Pass {
        doc,
        rule_findings,
        findings,
    }
}

/// The findings of every rule that applies to `doc`, before suppression comments apply.
pub(crate) fn rule_findings(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    memo: &Memo,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !doc.is_goal_document {
        return out;
    }
    let facts = Facts::new(doc, text, &settings.templates, settings.kind_model.clone());
    let run = Run {
        doc,
        text,
        today: options.today,
        kinds: &settings.kinds,
        extra_vague_verbs: settings.options.extra_vague_verbs(),
        facts: &facts,
        memo,
    };
    // Document-level judgement first: rules judge plans; a pristine template gets only the
    // notices of rules that judge templates (unfilled-placeholder); a guide, a process page or
    // a report gets nothing, but for a report's sections that plan what comes next.
    let judgement = facts.judgement_with(doc, text, memo);
    let class = judgement.class;
    let ahead = &judgement.sections_ahead;
    // A roadmap read from its layout alone (no heading names goals, see
    // `Section::roadmap_part`): only the rules that judge a roadmap's items speak.
    let roadmap_only = doc.sections.iter().any(|s| s.roadmap_part);
    for rule in rules::registry() {
        if roadmap_only && !rule.judges_roadmap_items {
            continue;
        }
        let applies = match class {
            DocumentClass::Plan => true,
            DocumentClass::PristineTemplate => rule.judges_templates,
            DocumentClass::NotAPlan(_) => !ahead.is_empty(),
        };
        if !applies {
            continue;
        }
        let Some(severity) = settings.severity(rule.meta()) else {
            continue;
        };
        rule.check(&run, severity, &settings.options, &mut out);
    }
    if matches!(class, DocumentClass::NotAPlan(_)) {
        out.retain(|d| {
            ahead
                .iter()
                .any(|r| r.start <= d.range.start && d.range.start < r.end)
        });
    }
    if let Some(m) = &facts.template {
        out.retain(|d| stands_in_copy(d, m.source_at(d.range.start)));
    }
    out
}

/// `rule_findings` less those suppression comments silence, plus the suppression pass's own;
/// sorted by place and rule.
pub(crate) fn finish(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    rule_findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    sorted(suppression::apply(doc, text, settings, rule_findings))
}

fn sorted(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.code).cmp(&(b.range.start, b.range.end, b.rule.code))
    });
    out.dedup_by(|a, b| a.range == b.range && a.rule.code == b.rule.code && a.message == b.message);
    out
}

/// The findings of `next`, the text of `doc` with suppression comments deleted by `removals`,
/// without parsing it: what such an edit can change, when the model of `next` is the model
/// of `text` less those comments (the caller knows it), is which comments apply. So the
/// rules' findings of `doc` are moved by the edits and the comments left are applied to them
/// again. `None` when an edit touches something other than a comment and the space around it
/// (a finding's text, an entry's first line): then only a whole lint can tell.
pub(crate) fn findings_without_comments(
    doc: &GoalDocument,
    rule_findings: &[Diagnostic],
    settings: &Settings,
    removals: &[&Edit],
    next: &str,
) -> Option<Vec<Diagnostic>> {
    if !removals.iter().all(|e| e.text.is_empty()) {
        return None;
    }
    let mut comments = Vec::with_capacity(doc.directives.len());
    for c in &doc.directives {
        if removals
            .iter()
            .any(|e| e.range.start <= c.range.start && c.range.end <= e.range.end)
        {
            continue;
        }
        comments.push(DirectiveComment {
            range: moved(removals, c.range)?,
            ..c.clone()
        });
    }
    if !doc.is_goal_document && comments.is_empty() {
        return Some(Vec::new());
    }
    let mut found = Vec::with_capacity(rule_findings.len());
    for d in rule_findings {
        found.push(Diagnostic {
            range: moved(removals, d.range)?,
            ..d.clone()
        });
    }
    // Entries in `next`: those of `text` moved (one a removed line was part of is shorter).
    let mut entries: Vec<(TextRange, usize)> = Vec::with_capacity(doc.items.len());
    for i in &doc.items {
        let at = |offset| moved(removals, TextRange::empty(offset)).map(|r| r.start);
        let range = TextRange::new(at(i.range.start)?, at(i.range.end)?);
        entries.push((range, at(i.line.start)?));
    }
    let entry_start = |offset: usize| {
        entries
            .iter()
            .filter(|(range, _)| range.contains(offset))
            .min_by_key(|(range, _)| range.len())
            .map(|&(_, line)| line)
    };
    Some(sorted(suppression::apply_comments(
        &comments,
        &entry_start,
        next,
        settings,
        found,
    )))
}

/// Where `range` is after the deletions `removals`; `None` if one cuts into it (an empty
/// range moves with the text after it unless a deletion covers it).
fn moved(removals: &[&Edit], range: TextRange) -> Option<TextRange> {
    let mut shift = 0;
    for e in removals {
        if e.range.end <= range.start {
            shift += e.range.len();
        } else if e.range.start < range.end || (range.is_empty() && e.range.start < range.start) {
            return None;
        }
    }
    Some(TextRange::new(range.start - shift, range.end - shift))
}
