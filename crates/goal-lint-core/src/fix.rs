//! Fixes: applying edits, vetting the fixes rules offer, and fixing a text pass by pass.
//!
//! This sits above [`mod@crate::lint`]: a `Safe` fix is vetted by linting the text it makes, so the
//! lint a user sees ([`lint`], [`lint_document`]) is defined here, as the lint pass plus
//! [`vet_fixes`]. The edit helpers rules call to build fixes are in [`crate::edits`], below
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
/// or cut line breaks is not offered; a template keeps a leading emoji (see [`vet_fixes`]).
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
    let mut out = pass::findings(doc, text, settings, options, memo);
    vet_fixes(doc, text, settings, options, &mut out);
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

/// Most safe fixes tried one by one in a lint. When there are more: if all together are safe,
/// all stay safe; if not, those beyond are offered as unsafe (`--fix` takes them in a later
/// pass).
const MAX_TRIED: usize = 32;

/// Vet the fixes the rules offer in `diagnostics`:
/// - a fix that would cut a CRLF in two or bring a lone `\r` next to a `\n` (a template
///   inserted after a lone `\r` in a document with mixed line endings) is not offered;
/// - every `Safe` fix is tried: one whose result changes the document's outline (sections,
///   items, their kinds, labels, nesting) or adds a finding is offered as `Unsafe` instead.
///   Safe fixes are tried all together (as `--fix` applies them) and each alone (as an editor
///   does); if all together fail, those safe alone are kept as long as they are safe together.
///   Each try is a parse and lint of the result, so at most 32 are tried alone.
pub fn vet_fixes(
    doc: &GoalDocument,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
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
    let is_safe = |fixes: &[(usize, usize)], diagnostics: &[Diagnostic]| -> bool {
        let chosen: Vec<&Fix> = fixes
            .iter()
            .map(|&(i, j)| &diagnostics[i].fixes[j])
            .collect();
        let Some(next) = apply_fixes(text, &chosen) else {
            return false;
        };
        let (next_doc, after) = pass::lint_unverified(&next, settings, options);
        if shape(&next_doc, &next) != outline {
            return false;
        }
        let mut expected = findings.clone();
        for &(i, _) in fixes {
            if let Some(n) = expected.get_mut(&finding_key(text, &diagnostics[i])) {
                *n = n.saturating_sub(1);
            }
        }
        after
            .iter()
            .all(|d| match expected.get_mut(&finding_key(&next, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
    };
    // Each alone (the editor applies one at a time), and all together (as `--fix` does).
    // Neither implies the other: removing one of two comments that close an HTML block is
    // harmless, removing both is not.
    let all_together = is_safe(&safe, diagnostics);
    if all_together && (safe.len() == 1 || safe.len() > MAX_TRIED) {
        // Beyond MAX_TRIED, trying each alone would cost a lint each: all together is what
        // `--fix` applies, and is safe.
        return;
    }
    let alone: Vec<(usize, usize)> = safe
        .iter()
        .take(if safe.len() == 1 { 0 } else { MAX_TRIED })
        .copied()
        .filter(|&fix| is_safe(&[fix], diagnostics))
        .collect();
    let kept = if alone.len() == safe.len() && all_together {
        return;
    } else if alone.len() <= 1 || is_safe(&alone, diagnostics) {
        alone
    } else {
        // Each with those kept before it.
        let mut kept = Vec::new();
        for &fix in &alone {
            kept.push(fix);
            if !is_safe(&kept, diagnostics) {
                kept.pop();
            }
        }
        kept
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
/// [`vet_fixes`]). A fix after which its finding is still there (a template inserted
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
        // Two edits side by side may join line breaks: then one fix per pass.
        let fixes: Vec<&Fix> = taken.iter().map(|(_, f)| *f).collect();
        let (next, taken) = match apply_fixes(&current, &fixes) {
            Some(next) => (next, taken),
            None => match taken.first().and_then(|first| {
                apply_fixes(&current, &[first.1]).map(|next| (next, vec![*first]))
            }) {
                Some(one) => one,
                None => break,
            },
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
