//! Fixes: applying edits, vetting the fixes rules offer, and fixing a text pass by pass.
//!
//! This sits above [`mod@crate::lint`]: a `Safe` fix is vetted by linting the text it makes, so the
//! lint a user sees ([`lint`], [`lint_document`]) is defined here, as the lint pass plus
//! `vet_fixes`. The edit helpers rules call to build fixes are in [`crate::edits`], below
//! the rules (re-exported here).
//!
//! Edits never touch bytes outside their ranges.

use std::collections::{HashMap, HashSet};

use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
pub use crate::edits::{
    Placement, append_to_line, field_template, keep_leading_symbols, line_end, line_start,
};
use crate::lint::{self as pass, LintOptions};
use crate::memo::Memo;
use crate::model::{self, GoalDocument};
use crate::text::TextRange;

/// Parse and lint `text`: the findings of every rule, with their fixes vetted.
pub fn lint(text: &str, settings: &Settings, options: &LintOptions) -> Vec<Diagnostic> {
    // Ordinary Markdown is recognised without a parse (most files a linter sees are).
    if !model::may_be_goal_document(text, &settings.document) {
        return Vec::new();
    }
    let doc = GoalDocument::parse(text, &settings.document);
    lint_document(&doc, text, settings, options)
}

/// Lint an already built model of `text` (the language server keeps one per open document).
///
/// A fix is `Safe` only when it is: each is tried, and one whose result would change the
/// document's outline or add a finding is offered as `Unsafe` instead; a fix that would join
/// or cut line breaks is not offered; a template keeps a leading emoji (see `vet_fixes`).
pub fn lint_document(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    lint_document_with(doc, text, settings, options, &Memo::disabled())
}

/// [`lint_document`] reusing what `memo` kept from earlier lints of the same document (the
/// language server keeps one per open document, beside the model it builds with
/// [`GoalDocument::build_with`]). The findings are the same as [`lint_document`]'s.
pub fn lint_document_with(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    memo: &Memo,
) -> Vec<Diagnostic> {
    let rule_findings = pass::rule_findings(doc, text, settings, options, memo);
    let mut out = pass::finish(doc, text, settings, rule_findings.clone());
    vet_fixes(doc, text, settings, options, &rule_findings, &mut out);
    out
}

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixMode {
    pub unsafe_fixes: bool,
    pub templates: bool,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::Template => self.templates,
        }
    }
}

/// Apply `edits` to `text`. Edits are sorted; an edit that overlaps one already taken is
/// skipped. Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .copied()
        .filter(|e| {
            e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        })
        .collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    let mut applied = 0;
    let mut last_insert_at = None;
    for e in sorted {
        if e.range.start < pos || (e.range.is_empty() && last_insert_at == Some(e.range.start)) {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.text);
        pos = e.range.end;
        if e.range.is_empty() {
            last_insert_at = Some(e.range.start);
        }
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Whether `edit` leaves every line break outside it as it is: it does not cut a CRLF in two,
/// and does not bring a lone `\r` next to a `\n` (which would make one line of two).
pub fn keeps_line_breaks(text: &str, edit: &Edit) -> bool {
    let b = text.as_bytes();
    let (start, end) = (edit.range.start, edit.range.end);
    let cr_before = start > 0 && b.get(start - 1) == Some(&b'\r');
    let lf_after = b.get(end) == Some(&b'\n');
    let splits_start = cr_before && b.get(start) == Some(&b'\n');
    let splits_end = end > 0 && b.get(end - 1) == Some(&b'\r') && lf_after;
    if splits_start || splits_end {
        return false;
    }
    match edit.text.as_bytes() {
        [] => !(cr_before && lf_after),
        t => {
            let joins_before = cr_before && t[0] == b'\n';
            let joins_after = t[t.len() - 1] == b'\r' && lf_after;
            !(joins_before || joins_after)
        }
    }
}

/// Line breaks in `text` (`\r\n`, a lone `\r` or `\n`).
fn line_breaks(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Apply `fixes` whole, or `None`: an edit clashes with another, or the result joins line
/// breaks that were apart (two edits next to each other can, where each alone does not).
fn apply_fixes(text: &str, fixes: &[&Fix]) -> Option<String> {
    let edits: Vec<&Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
    if !edits.iter().all(|e| keeps_line_breaks(text, e)) {
        return None;
    }
    let (next, applied) = apply_edits(text, &edits);
    if applied != edits.len() {
        return None;
    }
    // No edit cuts a CRLF, so the breaks outside the edits plus those inserted are all there
    // are, unless two pieces were joined.
    let removed: usize = edits
        .iter()
        .map(|e| line_breaks(&text[e.range.as_range()]))
        .sum();
    let added: usize = edits.iter().map(|e| line_breaks(&e.text)).sum();
    (line_breaks(&next) + removed == line_breaks(text) + added).then_some(next)
}

/// What a finding is, wherever it is: its rule, message and the text it points at.
type FindingKey = (&'static str, String, String);

fn finding_key(text: &str, d: &Diagnostic) -> FindingKey {
    (
        d.code(),
        d.message.clone(),
        text.get(d.range.as_range()).unwrap_or_default().to_string(),
    )
}

fn count_findings(text: &str, diagnostics: &[Diagnostic]) -> HashMap<FindingKey, usize> {
    let mut counts = HashMap::new();
    for d in diagnostics {
        *counts.entry(finding_key(text, d)).or_insert(0) += 1;
    }
    counts
}

/// The document's outline without line numbers and suppression comments: what a safe fix
/// must leave as it is.
fn shape(doc: &GoalDocument, text: &str) -> String {
    let mut out = String::new();
    for line in doc.outline(text).lines() {
        if line.starts_with("directive ") {
            continue;
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        for (i, word) in body.split(' ').enumerate() {
            // The second word of a section or item line is its line number.
            if i == 1 && !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.push('\n');
    }
    out
}

/// Most safe fixes vetted with a whole lint each (those the lint of all together cannot vouch
/// for), and most re-tried one by one when those kept fail together. The rest are offered as
/// unsafe this time: `--fix` takes them in a later pass, once those before them are gone.
const MAX_TRIED: usize = 8;

/// Whether each fix (its edits) stands apart from the others, so that when removing all
/// together leaves the model as it was, removing it alone does too (one removal cannot undo
/// what another did): a fix of one edit with a line between it and the next that ends what a
/// removal can reach ([`stopped_between`]), or, side by side with it, whole comment lines of
/// the same indentation (a run of comments, each an HTML block of its own line: one gone
/// leaves the others where they were).
fn apart(text: &str, fixes: &[&[Edit]]) -> Vec<bool> {
    let mut ok: Vec<bool> = fixes.iter().map(|edits| edits.len() == 1).collect();
    let mut order: Vec<usize> = (0..fixes.len()).filter(|&k| ok[k]).collect();
    order.sort_by_key(|&k| fixes[k][0].range.start);
    // A whole line of one comment: its indentation. Lines ended by `\n` or `\r\n` only
    // (tree-sitter-md reads a lone `\r` its own way).
    let line_of_its_own = |e: &Edit| -> Option<&str> {
        let removed = &text[e.range.as_range()];
        let starts_line = e.range.start == 0 || text[..e.range.start].ends_with('\n');
        let body = removed
            .strip_suffix('\n')
            .map(|b| b.strip_suffix('\r').unwrap_or(b))
            .unwrap_or(removed);
        let one_line = !body.contains(['\n', '\r'])
            && (body.len() < removed.len() || e.range.end == text.len());
        let indent = &body[..body.len() - body.trim_start_matches([' ', '\t']).len()];
        let comment = body[indent.len()..].trim_end_matches([' ', '\t']);
        (starts_line
            && one_line
            && comment.starts_with("<!--")
            && comment.ends_with("-->")
            && comment.matches("-->").count() == 1)
            .then_some(indent)
    };
    for pair in order.windows(2) {
        let (a, b) = (&fixes[pair[0]][0], &fixes[pair[1]][0]);
        let apart = if b.range.start < a.range.end {
            false
        } else if text[a.range.end..b.range.start].trim().is_empty() {
            matches!((line_of_its_own(a), line_of_its_own(b)), (Some(x), Some(y)) if x == y)
        } else {
            stopped_between(text, a.range.end, b.range.start)
        };
        if !apart {
            ok[pair[0]] = false;
            ok[pair[1]] = false;
        }
    }
    ok
}

/// Whether a line starting between `from` and `to` ends what a removal before it can reach (a
/// paragraph going on, a setext underline, a lazy line): a blank line, or one that opens an
/// entry or a heading (the line of the removal at `to` too, up to it).
fn stopped_between(text: &str, from: usize, to: usize) -> bool {
    let at_line_start = |i: usize| i == 0 || text[..i].ends_with(['\n', '\r']);
    let mut lines: Vec<(&str, bool)> = text[from..to]
        .split(['\n', '\r'])
        .map(|line| (line, true))
        .collect();
    // The line `to` is on, up to it: it may open an entry, but it is not blank.
    if let Some(last) = lines.last_mut() {
        last.1 = false;
        if at_line_start(to) {
            lines.pop();
        }
    }
    // The rest of the line `from` is on does not start between.
    if !at_line_start(from) && !lines.is_empty() {
        lines.remove(0);
    }
    lines.iter().any(|&(line, whole)| {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let opens_entry = rest.starts_with(['-', '*', '+']) && rest[1..].starts_with(' ')
            || (1..=9).contains(&digits)
                && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") "));
        (whole && line.trim().is_empty()) || (indent <= 3 && (opens_entry || rest.starts_with('#')))
    })
}

/// Vet the fixes the rules offer in `diagnostics` (`rule_findings`: the rules' findings of
/// `text` before suppression comments apply):
/// - a fix that would cut a CRLF in two or bring a lone `\r` next to a `\n` (a template
///   inserted after a lone `\r` in a document with mixed line endings) is not offered;
/// - every `Safe` fix is tried: one whose result changes the document's outline (sections,
///   items, their kinds, labels, nesting) or adds a finding is offered as `Unsafe` instead.
///   Safe fixes are tried all together (as `--fix` applies them) and each alone (as an editor
///   does); if all together fail, those safe alone are kept as long as they are safe together.
///
/// All together is one parse and lint of the result. Each alone re-checks only what its edit
/// can change: when all together leave the model as it was (the outline and the rules'
/// findings; a fix that removes a suppression comment usually does) and the fix stands apart
/// from the others ([`apart`]), removing its comment alone leaves the model as it was too, and
/// what is left to see is which comments apply: the suppression pass runs again on the rules'
/// findings, moved by the edit, with no parse. Only a fix that cannot be judged so is tried
/// with a whole lint, at most [`MAX_TRIED`] of them; so the whole lints a vetting runs do not
/// grow with the number of fixes (`crate::lint::vetting_lints` counts them).
fn vet_fixes(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    rule_findings: &[Diagnostic],
    diagnostics: &mut [Diagnostic],
) {
    for d in diagnostics.iter_mut() {
        d.fixes
            .retain(|f| f.edits.iter().all(|e| keeps_line_breaks(text, e)));
        // A template rewriting an entry's words keeps what the author put in front of them
        // (an emoji such as ⭐️), for every front end alike.
        for f in &mut d.fixes {
            if f.applicability == Applicability::Template {
                for e in &mut f.edits {
                    *e = keep_leading_symbols(text, e);
                }
            }
        }
    }
    // (diagnostic, fix) of each safe fix, the first per diagnostic, as `fix_text` takes them.
    let safe: Vec<(usize, usize)> = diagnostics
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let j = d
                .fixes
                .iter()
                .position(|f| f.applicability == Applicability::Safe)?;
            Some((i, j))
        })
        .collect();
    if safe.is_empty() {
        return;
    }
    let outline = shape(doc, text);
    let findings = count_findings(text, diagnostics);
    let rules_before = count_findings(text, rule_findings);
    let diagnostics_ref: &[Diagnostic] = diagnostics;
    let fix_of = |(i, j): (usize, usize)| &diagnostics_ref[i].fixes[j];
    // `after`, the findings of `next` (`text` with `fixes` applied), has no finding that
    // `text` did not have, less those the fixes resolve.
    let adds_nothing = |fixes: &[(usize, usize)], next: &str, after: &[Diagnostic]| {
        let mut expected = findings.clone();
        for &(i, _) in fixes {
            if let Some(n) = expected.get_mut(&finding_key(text, &diagnostics_ref[i])) {
                *n = n.saturating_sub(1);
            }
        }
        after
            .iter()
            .all(|d| match expected.get_mut(&finding_key(next, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
    };
    // A whole lint of the text `fixes` make: whether they are safe, and whether the model is
    // as it was (the outline and the rules' findings before suppression comments apply).
    let lint_whole = |fixes: &[(usize, usize)]| -> (bool, bool) {
        let chosen: Vec<&Fix> = fixes.iter().map(|&f| fix_of(f)).collect();
        let Some(next) = apply_fixes(text, &chosen) else {
            return (false, false);
        };
        let after = pass::lint_unverified(&next, settings, options);
        if shape(&after.doc, &next) != outline {
            return (false, false);
        }
        let same_model = count_findings(&next, &after.rule_findings) == rules_before;
        (adds_nothing(fixes, &next, &after.findings), same_model)
    };
    // One fix alone when the model stays as it was: which comments apply, without a parse.
    // `None` when its edits touch more than comments.
    let without_parse = |fix: (usize, usize)| -> Option<bool> {
        let Some(next) = apply_fixes(text, &[fix_of(fix)]) else {
            return Some(false);
        };
        let edits: Vec<&Edit> = fix_of(fix).edits.iter().collect();
        let after = pass::findings_without_comments(doc, rule_findings, settings, &edits, &next)?;
        Some(adds_nothing(&[fix], &next, &after))
    };
    let (all_together, same_model) = lint_whole(&safe);
    let kept = if safe.len() == 1 {
        if all_together {
            safe.clone()
        } else {
            Vec::new()
        }
    } else {
        let edits: Vec<&[Edit]> = safe.iter().map(|&f| fix_of(f).edits.as_slice()).collect();
        let judged_apart = if same_model {
            apart(text, &edits)
        } else {
            vec![false; safe.len()]
        };
        let mut tried = 0;
        let mut alone = Vec::new();
        for (&fix, apart) in safe.iter().zip(judged_apart) {
            let verdict = if apart { without_parse(fix) } else { None };
            let safe_alone = verdict.unwrap_or_else(|| {
                tried += 1;
                tried <= MAX_TRIED && lint_whole(&[fix]).0
            });
            if safe_alone {
                alone.push(fix);
            }
        }
        // Each alone (the editor applies one at a time), and all together (as `--fix` does).
        // Neither implies the other: removing one of two comments that close an HTML block is
        // harmless, removing both is not.
        if (alone.len() == safe.len() && all_together) || alone.len() <= 1 || lint_whole(&alone).0 {
            alone
        } else {
            // Each with those kept before it.
            let mut kept = Vec::new();
            for &fix in alone.iter().take(MAX_TRIED) {
                kept.push(fix);
                if !lint_whole(&kept).0 {
                    kept.pop();
                }
            }
            kept
        }
    };
    let demoted: Vec<(usize, usize)> = safe.into_iter().filter(|f| !kept.contains(f)).collect();
    for (i, j) in demoted {
        diagnostics[i].fixes[j].applicability = Applicability::Unsafe;
    }
}

/// The result of fixing a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixResult {
    pub text: String,
    /// Fixes applied, over all passes.
    pub applied: usize,
    /// Diagnostics left after fixing.
    pub remaining: Vec<Diagnostic>,
}

/// Where `offset` is after `edits` are applied (text inserted at it goes before it); `None` if
/// an edit replaced it.
fn map_offset(edits: &[&Edit], offset: usize) -> Option<usize> {
    let mut shift: isize = 0;
    for e in edits {
        if e.range.contains(offset) {
            return None;
        }
        if e.range.end <= offset {
            shift += e.text.len() as isize - e.range.len() as isize;
        }
    }
    offset.checked_add_signed(shift)
}

/// Most passes of [`fix_text`].
const MAX_PASSES: usize = 8;

/// Apply every fix `mode` allows, re-linting between passes until none applies (at most 8
/// passes; each fix is applied whole or not at all). Safe fixes are safe as offered (see
/// `vet_fixes`). A fix after which its finding is still there (a template inserted
/// where Markdown hides it, inside an unclosed `<!--`) is taken back and not tried again, so
/// fixing converges: a second run changes nothing.
pub fn fix_text(
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    mode: FixMode,
) -> FixResult {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut diagnostics = lint(&current, settings, options);
    let mut futile: HashSet<FindingKey> = HashSet::new();
    for _ in 0..MAX_PASSES {
        let mut taken: Vec<(&Diagnostic, &Fix)> = Vec::new();
        let mut taken_ranges: Vec<TextRange> = Vec::new();
        for d in &diagnostics {
            let Some(fix) = d.fixes.iter().find(|f| mode.allows(f.applicability)) else {
                continue;
            };
            if futile.contains(&finding_key(&current, d))
                || !fix.edits.iter().all(|e| keeps_line_breaks(&current, e))
            {
                continue;
            }
            let clashes = fix.edits.iter().any(|e| {
                taken_ranges
                    .iter()
                    .any(|r| r.intersects(e.range) || (r.start == e.range.start))
            });
            if clashes {
                continue;
            }
            taken_ranges.extend(fix.edits.iter().map(|e| e.range));
            taken.push((d, fix));
        }
        // Two edits side by side may join line breaks: then those that go together without,
        // in order, this pass.
        let fixes: Vec<&Fix> = taken.iter().map(|(_, f)| *f).collect();
        let (next, taken) = match apply_fixes(&current, &fixes) {
            Some(next) => (next, taken),
            None => {
                let mut together: Vec<(&Diagnostic, &Fix)> = Vec::new();
                let mut next = None;
                for &one in &taken {
                    together.push(one);
                    let fixes: Vec<&Fix> = together.iter().map(|(_, f)| *f).collect();
                    match apply_fixes(&current, &fixes) {
                        Some(text) => next = Some(text),
                        None => {
                            together.pop();
                        }
                    }
                }
                match next {
                    Some(next) => (next, together),
                    None => break,
                }
            }
        };
        if next == current {
            break;
        }
        let after = lint(&next, settings, options);
        // A finding still there after its fix, where it was: the fix was futile; take the pass
        // back and leave that finding alone from now on.
        let edits: Vec<&Edit> = taken.iter().flat_map(|(_, f)| &f.edits).collect();
        let stuck: Vec<FindingKey> = taken
            .iter()
            .filter_map(|(d, _)| {
                let key = finding_key(&current, d);
                let at = map_offset(&edits, d.range.start)?;
                after
                    .iter()
                    .any(|a| a.range.start == at && finding_key(&next, a) == key)
                    .then_some(key)
            })
            .collect();
        if !stuck.is_empty() {
            futile.extend(stuck);
            continue;
        }
        applied += taken.len();
        current = next;
        diagnostics = after;
    }
    FixResult {
        text: current,
        applied,
        remaining: diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Part;

    #[test]
    fn applies_sorted_and_skips_overlaps() {
        let text = "abcdef";
        let a = Edit::replace(TextRange::new(1, 3), "X");
        let b = Edit::replace(TextRange::new(2, 4), "Y");
        let c = Edit::insert(6, "!");
        let (out, n) = apply_edits(text, &[&c, &b, &a]);
        assert_eq!(out, "aXdef!");
        assert_eq!(n, 2);
    }

    #[test]
    fn a_rewrite_keeps_a_leading_emoji() {
        let text = "- ⭐️ Work on payments\n";
        let start = text.find('⭐').unwrap();
        let edit = Edit::template(
            TextRange::new(start, text.len() - 1),
            &[Part::Slot("[verb]"), Part::Literal(" payments")],
        );
        let kept = keep_leading_symbols(text, &edit);
        let (out, _) = apply_edits(text, &[&kept]);
        assert_eq!(out, "- ⭐️ [verb] payments\n");
        assert_eq!(kept.placeholders, edit.placeholders);
        // Words only, or a rewrite that keeps the emoji itself: unchanged.
        let plain = Edit::replace(TextRange::new(2, 6), "Ship");
        assert_eq!(keep_leading_symbols("- Work", &plain), plain);
        let same = Edit::replace(TextRange::new(start, start + 7), "⭐️ Ship");
        assert_eq!(keep_leading_symbols(text, &same), same);
    }

    #[test]
    fn a_week_range_template_has_two_slots() {
        let text = "## Goals\n\n1. **Goal:** Ship payments v2 to 100% of transactions by Week 8\n   - **Why it matters:** carts\n\n## Actions This Quarter\n\n- Migrate Stripe\n";
        let found = crate::lint(
            text,
            &crate::Settings::default(),
            &crate::LintOptions::default(),
        );
        let diag = found
            .iter()
            .find(|d| d.name() == "missing-week-range")
            .expect("missing-week-range");
        let edit = &diag.fixes[0].edits[0];
        assert_eq!(edit.snippet(1), " (Week ${1:X}-${2:Y})");
        assert_eq!(edit.text, " (Week X-Y)");
    }

    #[test]
    fn rejects_edits_off_char_boundaries() {
        let text = "⭐x";
        let bad = Edit::replace(TextRange::new(1, 2), "y");
        assert_eq!(apply_edits(text, &[&bad]), (text.to_string(), 0));
    }
}
