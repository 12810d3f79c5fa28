//! What an editor offers for one finding, beyond the finding itself: its fixes as the edits to
//! apply, and a comment that silences it. The language server turns these into code actions;
//! it decides nothing about where a comment goes or what a fix keeps.

use crate::diagnostic::{Diagnostic, Edit};
use crate::meta::{RuleMeta, Scope};
use crate::model::GoalDocument;
use crate::text::TextRange;
use crate::text::{line_end, line_start};

/// Whether the actions of a finding at `finding` are offered for a request at `requested`
/// (a selection, or the cursor): the two overlap or touch, or they share a line (the cursor
/// anywhere on a flagged line, at its list marker say).
pub fn applies_to(text: &str, finding: TextRange, requested: TextRange) -> bool {
    let lines = |r: TextRange| TextRange::new(line_start(text, r.start), line_end(text, r.end));
    let (flagged, asked) = (lines(finding), lines(requested));
    finding.intersects(requested)
        || finding.contains(requested.start)
        || requested.contains(finding.start)
        || finding.start == requested.start
        || flagged.intersects(asked)
        || flagged.contains(asked.start)
        || asked.contains(flagged.start)
}

/// Where a comment that silences a rule's findings can go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionScope {
    /// `<!-- goal-lint-disable-line RULE -->` at the end of the finding's line.
    Line,
    /// `<!-- goal-lint-disable-file RULE -->` at the end of the document.
    File,
}

impl SuppressionScope {
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionScope::Line => "line",
            SuppressionScope::File => "file",
        }
    }
}

/// Where a comment silencing `rule` can go, wherever its finding is, from the rule's declared
/// scope; `None` when it is not offered: `unused-suppression` is about a suppression comment,
/// and another comment next to it would only hide the stale one.
pub fn suppression_scope(rule: &RuleMeta) -> Option<SuppressionScope> {
    match rule.scope {
        Scope::Suppressions => None,
        Scope::Document => Some(SuppressionScope::File),
        Scope::Item => Some(SuppressionScope::Line),
    }
}

/// An edit that silences one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub title: String,
    pub scope: SuppressionScope,
    pub edit: Edit,
}

/// The comment that silences `diag` in `text` (whose model is `doc`): a `disable-line`
/// comment at the end of its line, or a `disable-file` comment at the end of the document for
/// a finding about the whole document or in its front matter (a comment there would be YAML).
/// `None` in a code block (a comment there would be code) and for rules that are not silenced
/// by comments ([`suppression_scope`]).
pub fn suppression(doc: &GoalDocument, text: &str, diag: &Diagnostic) -> Option<Suppression> {
    let in_front_matter = doc
        .front_matter
        .as_ref()
        .is_some_and(|f| f.range.contains(diag.range.start));
    let scope = match suppression_scope(diag.rule)? {
        _ if in_front_matter => SuppressionScope::File,
        SuppressionScope::Line if doc.in_code_block(diag.range.start) => return None,
        scope => scope,
    };
    let edit = match scope {
        SuppressionScope::File => {
            let eol = doc.line_ending.as_str();
            let lead = if text.is_empty() || text.ends_with(['\n', '\r']) {
                ""
            } else {
                eol
            };
            Edit::insert(
                text.len(),
                format!("{lead}<!-- goal-lint-disable-file {} -->{eol}", diag.code()),
            )
        }
        SuppressionScope::Line => {
            let end = line_end(text, diag.range.start);
            let at = line_start(text, end) + text[line_start(text, end)..end].trim_end().len();
            Edit::insert(
                at,
                format!(" <!-- goal-lint-disable-line {} -->", diag.code()),
            )
        }
    };
    Some(Suppression {
        title: format!(
            "Disable {} ({}) for this {}",
            diag.code(),
            diag.name(),
            scope.as_str()
        ),
        scope,
        edit,
    })
}

/// "Disable this rule for this file": a `goal-lint-disable-file` comment at the end of the
/// document, for a finding whose own comment ([`suppression`]) is a line comment (for the
/// others that comment is already the file's). `None` when the rule is not silenced by
/// comments.
pub fn file_suppression(doc: &GoalDocument, text: &str, diag: &Diagnostic) -> Option<Suppression> {
    suppression_scope(diag.rule)?;
    if suppression(doc, text, diag).is_some_and(|s| s.scope == SuppressionScope::File) {
        return None;
    }
    let eol = doc.line_ending.as_str();
    let lead = if text.is_empty() || text.ends_with(['\n', '\r']) {
        ""
    } else {
        eol
    };
    Some(Suppression {
        title: format!("Disable {} ({}) for this file", diag.code(), diag.name()),
        scope: SuppressionScope::File,
        edit: Edit::insert(
            text.len(),
            format!("{lead}<!-- goal-lint-disable-file {} -->{eol}", diag.code()),
        ),
    })
}

/// "This file is not a goal document": `goal-lint: off` in the front matter (`goal-lint =
/// "off"` in TOML front matter), replacing the value of a `goal-lint` key there, added as the
/// first key of one there is, or in new front matter at the top of the file; in the
/// document's line endings, after a byte-order mark.
pub fn not_a_goal_document(doc: &GoalDocument, text: &str) -> Edit {
    let eol = doc.line_ending.as_str();
    let Some(front) = &doc.front_matter else {
        let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
        return Edit::insert(at, format!("---{eol}goal-lint: off{eol}---{eol}"));
    };
    let block = &text[front.range.as_range()];
    let toml = block.starts_with("+++");
    let value = if toml {
        "goal-lint = \"off\""
    } else {
        "goal-lint: off"
    };
    // The lines of the block, with their offsets, the opening delimiter first.
    let mut lines = Vec::new();
    let mut at = front.range.start;
    for line in block.split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let sep = if toml { '=' } else { ':' };
    for &(start, line) in lines.iter().skip(1) {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with("---") || content.starts_with("+++") {
            break;
        }
        if let Some((key, _)) = content.split_once(sep)
            && !content.starts_with([' ', '\t', '#', '-'])
            && key.trim().eq_ignore_ascii_case("goal-lint")
        {
            return Edit::replace(TextRange::new(start, start + content.len()), value);
        }
    }
    let after_opening = lines
        .first()
        .map_or(front.range.start, |(s, l)| s + l.len());
    // An opening line without a break (front matter of one line) is not front matter the
    // parser reads; the new line goes after it all the same.
    let lead = if lines.first().is_some_and(|(_, l)| !l.ends_with('\n')) {
        eol
    } else {
        ""
    };
    Edit::insert(after_opening, format!("{lead}{value}{eol}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LintOptions, Settings, lint};

    fn first(text: &str, code: &str) -> (GoalDocument, Diagnostic) {
        let settings = Settings::default();
        let doc = GoalDocument::parse(text, &settings.document);
        let diag = lint(text, &settings, &LintOptions::default())
            .into_iter()
            .find(|d| d.code() == code)
            .unwrap_or_else(|| panic!("no {code} in {text:?}"));
        (doc, diag)
    }

    fn applied(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range.as_range(), &edit.text);
        out
    }

    #[test]
    fn a_line_comment_after_the_findings_line_without_its_trailing_space() {
        let text = "## Goals\n\n- Work on payments  \n- Ship it\n";
        let (doc, diag) = first(text, "GL001");
        let s = suppression(&doc, text, &diag).unwrap();
        assert_eq!(s.scope, SuppressionScope::Line);
        assert_eq!(s.title, "Disable GL001 (vague-goal) for this line");
        assert_eq!(
            applied(text, &s.edit),
            "## Goals\n\n- Work on payments <!-- goal-lint-disable-line GL001 -->  \n- Ship it\n"
        );
        // The comment silences the finding (and only it: "Ship it" is vague too).
        let after = applied(text, &s.edit);
        let left: Vec<_> = lint(&after, &Settings::default(), &LintOptions::default())
            .into_iter()
            .filter(|d| d.code() == "GL001")
            .map(|d| d.range.start)
            .collect();
        assert_eq!(left, [after.find("Ship it").unwrap()]);
    }

    #[test]
    fn a_finding_about_the_document_is_silenced_for_the_file() {
        let text = include_str!("../tests/fixtures/rules/GL601/fires.md");
        let (doc, diag) = first(text, "GL601");
        let s = suppression(&doc, text, &diag).unwrap();
        assert_eq!(s.scope, SuppressionScope::File);
        assert!(s.title.ends_with("for this file"), "{}", s.title);
        let after = applied(text, &s.edit);
        assert!(
            after.ends_with("%\n<!-- goal-lint-disable-file GL601 -->\n"),
            "{after:?}"
        );
        assert!(
            !lint(&after, &Settings::default(), &LintOptions::default())
                .iter()
                .any(|d| d.code() == "GL601")
        );
    }

    #[test]
    fn a_file_comment_starts_on_its_own_line_with_the_documents_line_endings() {
        let text = "## Goals\r\n\r\n- Work on payments";
        let settings = Settings::default();
        let doc = GoalDocument::parse(text, &settings.document);
        let mut diag = lint(text, &settings, &LintOptions::default()).remove(0);
        diag.rule = crate::rules::lookup("missing-required-section").unwrap();
        let s = suppression(&doc, text, &diag).unwrap();
        assert_eq!(
            applied(text, &s.edit),
            "## Goals\r\n\r\n- Work on payments\r\n<!-- goal-lint-disable-file GL601 -->\r\n"
        );
    }

    #[test]
    fn where_each_rule_can_be_silenced() {
        let by_name = |n| suppression_scope(crate::rules::lookup(n).unwrap());
        assert_eq!(by_name("unused-suppression"), None);
        assert_eq!(
            by_name("missing-required-section"),
            Some(SuppressionScope::File)
        );
        assert_eq!(by_name("vague-goal"), Some(SuppressionScope::Line));
    }

    #[test]
    fn no_comment_for_a_stale_comment_or_inside_code() {
        let text = include_str!("../tests/fixtures/rules/GL901/fires.md");
        let (doc, diag) = first(text, "GL901");
        assert_eq!(suppression(&doc, text, &diag), None);
        let text = "## Goals\n\n```\n- Work on payments\n```\n- Work on payments\n";
        let (doc, mut diag) = first(text, "GL001");
        diag.range = TextRange::new(14, 30);
        assert!(doc.in_code_block(14));
        assert_eq!(suppression(&doc, text, &diag), None);
    }

    #[test]
    fn actions_apply_on_the_findings_lines() {
        let text = "## Goals\n\n- Work on payments\n- Ship it\n";
        let finding = TextRange::new(12, 28);
        // The cursor at the list marker, at the end of the line, a selection across it.
        assert!(applies_to(text, finding, TextRange::empty(10)));
        assert!(applies_to(text, finding, TextRange::empty(28)));
        assert!(applies_to(text, finding, TextRange::new(0, 40)));
        // The next line, the heading.
        assert!(!applies_to(text, finding, TextRange::empty(31)));
        assert!(!applies_to(text, finding, TextRange::empty(3)));
    }

    #[test]
    fn a_template_from_lint_keeps_the_entrys_leading_emoji() {
        let text = "## Goals\n\n- ⭐️ Work on payments\n";
        let diags = crate::lint(
            text,
            &crate::config::Settings::default(),
            &crate::LintOptions::default(),
        );
        let fix = diags
            .iter()
            .find(|d| d.code() == "GL001")
            .and_then(|d| d.fixes.first())
            .expect("a template");
        assert_eq!(
            fix.applicability,
            crate::diagnostic::Applicability::Template
        );
        let (out, _) = crate::fix::apply_edits(text, &fix.edits.iter().collect::<Vec<_>>());
        assert!(out.starts_with("## Goals\n\n- ⭐️ [verb] payments"), "{out}");
    }

    fn codes(text: &str) -> Vec<&'static str> {
        lint(text, &Settings::default(), &LintOptions::default())
            .iter()
            .map(|d| d.code())
            .collect()
    }

    #[test]
    fn a_rule_disabled_for_the_file_is_silenced_everywhere_in_it() {
        let text = "## Goals\n\n- Work on payments\n- Work on search";
        assert_eq!(codes(text), ["GL001", "GL001"]);
        let (doc, diag) = first(text, "GL001");
        let s = file_suppression(&doc, text, &diag).unwrap();
        assert_eq!(s.title, "Disable GL001 (vague-goal) for this file");
        let after = applied(text, &s.edit);
        assert_eq!(
            after,
            "## Goals\n\n- Work on payments\n- Work on search\n<!-- goal-lint-disable-file GL001 -->\n"
        );
        assert!(codes(&after).is_empty(), "{:?}", codes(&after));
    }

    #[test]
    fn no_second_file_comment_where_the_rules_comment_is_already_the_files() {
        let text = include_str!("../tests/fixtures/rules/GL601/fires.md");
        let (doc, diag) = first(text, "GL601");
        assert_eq!(
            suppression(&doc, text, &diag).unwrap().scope,
            SuppressionScope::File
        );
        assert_eq!(file_suppression(&doc, text, &diag), None);
    }

    fn not_a_goal(text: &str) -> String {
        let doc = GoalDocument::parse(text, &Settings::default().document);
        applied(text, &not_a_goal_document(&doc, text))
    }

    #[test]
    fn not_a_goal_document_adds_front_matter_in_the_files_line_endings() {
        let text = "## Goals\r\n\r\n- Work on payments\r\n";
        assert_eq!(codes(text), ["GL001"]);
        let after = not_a_goal(text);
        assert_eq!(
            after,
            "---\r\ngoal-lint: off\r\n---\r\n## Goals\r\n\r\n- Work on payments\r\n"
        );
        assert!(codes(&after).is_empty());
        // After a byte-order mark.
        let bom = format!("\u{feff}{text}");
        assert!(not_a_goal(&bom).starts_with("\u{feff}---\r\ngoal-lint: off\r\n---\r\n"));
        assert!(codes(&not_a_goal(&bom)).is_empty());
    }

    #[test]
    fn not_a_goal_document_extends_or_corrects_front_matter() {
        let text = "---\ntitle: Payments\n---\n## Goals\n\n- Work on payments\n";
        let after = not_a_goal(text);
        assert_eq!(
            after,
            "---\ngoal-lint: off\ntitle: Payments\n---\n## Goals\n\n- Work on payments\n"
        );
        assert!(codes(&after).is_empty());
        let declared =
            "---\ntitle: Payments\ngoal-lint: quarterly\n---\n## Goals\n\n- Work on payments\n";
        assert!(codes(declared).contains(&"GL001"));
        let after = not_a_goal(declared);
        assert_eq!(
            after,
            "---\ntitle: Payments\ngoal-lint: off\n---\n## Goals\n\n- Work on payments\n"
        );
        assert!(codes(&after).is_empty());
        let toml = "+++\r\ntitle = \"Payments\"\r\n+++\r\n## Goals\r\n\r\n- Work on payments\r\n";
        let after = not_a_goal(toml);
        assert_eq!(
            after,
            "+++\r\ngoal-lint = \"off\"\r\ntitle = \"Payments\"\r\n+++\r\n## Goals\r\n\r\n- Work on payments\r\n"
        );
        assert!(codes(&after).is_empty(), "{:?}", codes(&after));
    }
}
