//! Suppression comments:
//!
//! - `<!-- goal-lint-disable RULE… -->` … `<!-- goal-lint-enable RULE… -->`: a region;
//! - `<!-- goal-lint-disable-next-line RULE… -->`: the next non-blank line;
//! - `<!-- goal-lint-disable-line RULE… -->`: the line the comment is on (the entry it ends);
//! - `<!-- goal-lint-disable-file RULE… -->`: the whole file.
//!
//! With no rule named, every rule. Rules are named by code, name or code prefix. Directives
//! that suppress nothing, name unknown rules, or enable what was never disabled are reported by
//! `unused-suppression`.

use crate::config::{RuleSelector, Settings};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::line_index::LineIndex;
use crate::meta::RuleMeta;
use crate::model::{DirectiveComment, GoalDocument};
use crate::rules;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Region,
    Enable,
    NextLine,
    Line,
    File,
}

struct Directive {
    range: TextRange,
    scope: Scope,
    /// Empty: all rules.
    rules: Vec<RuleSelector>,
    /// Lines covered (inclusive), for region/line scopes.
    lines: (usize, usize),
    used: bool,
}

impl Directive {
    fn covers(&self, rule: &RuleMeta) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|s| s.matches(rule))
    }
}

/// Remove suppressed diagnostics and add those of the rule of scope `Suppressions`
/// (`unused-suppression`), which only this pass can report.
pub fn apply(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let entry_start = |offset: usize| {
        doc.items
            .iter()
            .filter(|i| i.range.contains(offset))
            .min_by_key(|i| i.range.len())
            .map(|i| i.line.start)
    };
    apply_comments(&doc.directives, &entry_start, text, settings, diagnostics)
}

/// [`apply`] with the comments and entries given apart from a model: fix vetting applies the
/// comments a fix leaves to the findings of a text it did not parse again
/// ([`crate::lint`]). `entry_start(offset)` is where the line of the smallest entry holding
/// `offset` starts (a `-disable-line` comment ending a wrapped entry covers all of it).
pub(crate) fn apply_comments(
    comments: &[DirectiveComment],
    entry_start: &dyn Fn(usize) -> Option<usize>,
    text: &str,
    settings: &Settings,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if comments.is_empty() {
        return diagnostics;
    }
    let index = LineIndex::new(text);
    let mut problems: Vec<(TextRange, String, bool)> = Vec::new();
    let mut directives: Vec<Directive> = Vec::new();
    for comment in comments {
        let body = comment.body.trim();
        let (keyword, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let scope = match keyword {
            "goal-lint-disable" => Scope::Region,
            "goal-lint-enable" => Scope::Enable,
            "goal-lint-disable-next-line" => Scope::NextLine,
            "goal-lint-disable-line" => Scope::Line,
            "goal-lint-disable-file" => Scope::File,
            other => {
                problems.push((comment.range, format!("unknown directive `{other}` (expected goal-lint-disable, -enable, -disable-line, -disable-next-line or -disable-file)"), false));
                continue;
            }
        };
        let mut selectors = Vec::new();
        let mut unknown = false;
        for name in rest.split([' ', ',', '\t']).filter(|s| !s.is_empty()) {
            match RuleSelector::parse(name) {
                Ok(s) => selectors.push(s),
                Err(msg) => {
                    unknown = true;
                    problems.push((
                        comment.range,
                        format!("{msg} in suppression comment"),
                        false,
                    ));
                }
            }
        }
        // Naming only unknown rules must not silence every rule.
        if unknown && selectors.is_empty() {
            continue;
        }
        let line = index.line_of(comment.range.start);
        let end_line = index.line_of(comment.range.end);
        let lines = match scope {
            Scope::NextLine => {
                let mut next = end_line + 1;
                while next < index.line_count() {
                    let (s, e) = index.line_range(next, text);
                    if !text[s..e].trim().is_empty() {
                        break;
                    }
                    next += 1;
                }
                (next, next)
            }
            Scope::Line => {
                // The comment ends an entry that may wrap over several lines: cover all of it.
                let first = entry_start(comment.range.start).map_or(line, |at| index.line_of(at));
                (first.min(line), end_line)
            }
            Scope::Region => (end_line, usize::MAX),
            Scope::File => (0, usize::MAX),
            Scope::Enable => (line, line),
        };
        if scope == Scope::Enable {
            // Close the matching open regions.
            let mut matched = false;
            for d in directives.iter_mut().rev() {
                if d.scope == Scope::Region && d.lines.1 == usize::MAX {
                    let same = selectors.is_empty() || d.rules.is_empty() || d.rules == selectors;
                    if same {
                        d.lines.1 = line;
                        matched = true;
                    }
                }
            }
            if !matched {
                problems.push((
                    comment.range,
                    "`goal-lint-enable` with no `goal-lint-disable` before it".to_string(),
                    true,
                ));
            }
            continue;
        }
        directives.push(Directive {
            range: comment.range,
            scope,
            rules: selectors,
            lines,
            used: false,
        });
    }

    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let start = index.line_of(d.range.start);
        let end = index.line_of(d.range.end.max(d.range.start));
        let mut suppressed = false;
        for dir in directives.iter_mut() {
            let hit = match dir.scope {
                Scope::Line => start <= dir.lines.1 && end >= dir.lines.0,
                Scope::NextLine => start == dir.lines.0,
                Scope::Region | Scope::File => start >= dir.lines.0 && start <= dir.lines.1,
                Scope::Enable => false,
            };
            if hit && d.rule.suppressible && dir.covers(d.rule) {
                dir.used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(d);
        }
    }

    let meta = rules::suppressions_rule();
    let Some(severity) = settings.severity(meta) else {
        return kept;
    };
    let file_off = directives
        .iter()
        .any(|d| d.scope == Scope::File && !d.rules.is_empty() && d.covers(meta));
    if file_off {
        return kept;
    }
    for dir in &directives {
        // A directive for rules that are switched off in the configuration is not reported.
        let all_off = !dir.rules.is_empty()
            && rules::registry()
                .iter()
                .filter(|r| dir.covers(r.meta()))
                .all(|r| !settings.is_enabled(r.meta()));
        if !dir.used && !all_off {
            problems.push((
                dir.range,
                "suppression comment suppresses nothing".to_string(),
                true,
            ));
        }
    }
    for (range, message, removable) in problems {
        let mut fixes = Vec::new();
        if removable {
            fixes.push(Fix::new(
                "Remove the suppression comment",
                Applicability::Safe,
                vec![removal(text, range)],
            ));
        }
        kept.push(Diagnostic {
            rule: meta,
            severity,
            range,
            message,
            help: Some("Remove the comment, or name the rule it should silence (`<!-- goal-lint-disable-line GL001 -->`).".into()),
            fixes,
            related: Vec::new(),
        });
    }
    kept
}

/// Delete a comment: its whole line when it stands alone, else the comment and the space
/// before it.
fn removal(text: &str, range: TextRange) -> Edit {
    let line_start = crate::text::line_start(text, range.start);
    let line_end = crate::text::line_end(text, range.end);
    if text[line_start..range.start].trim().is_empty()
        && text[range.end..line_end].trim().is_empty()
    {
        let mut end = line_end;
        if text[end..].starts_with("\r\n") {
            end += 2;
        } else if end < text.len() {
            end += 1;
        }
        if text[..line_start].ends_with('\r') && text[end..].starts_with('\n') {
            // Between a lone `\r` and a `\n`: deleting the line would join them into one
            // CRLF (two lines into one). Delete the `\r` before it instead of its own break.
            return Edit::delete(TextRange::new(line_start - 1, line_end));
        }
        return Edit::delete(TextRange::new(line_start, end));
    }
    let mut start = range.start;
    while start > line_start && text.as_bytes()[start - 1] == b' ' {
        start -= 1;
    }
    Edit::delete(TextRange::new(start, range.end))
}
