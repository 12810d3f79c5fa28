//! Applying fixes, and building the template edits rules offer.
//!
//! Edits never touch bytes outside their ranges. Inserted text uses the document's line ending
//! and the indentation and list markers of the place it goes.

use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Part};
use crate::model::{GoalDocument, Item, Origin};
use crate::text::TextRange;
use crate::{LintOptions, lint};

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

/// The result of fixing a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixResult {
    pub text: String,
    /// Fixes applied, over all passes.
    pub applied: usize,
    /// Diagnostics left after fixing.
    pub remaining: Vec<Diagnostic>,
}

/// Apply every fix `mode` allows, re-linting between passes until none applies (at most 8
/// passes; each fix is applied whole or not at all).
pub fn fix_text(
    text: &str,
    settings: &Settings,
    options: &LintOptions,
    mode: FixMode,
) -> FixResult {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..8 {
        let diagnostics = lint(&current, settings, options);
        let mut taken: Vec<&Edit> = Vec::new();
        let mut taken_ranges: Vec<TextRange> = Vec::new();
        let mut fixes = 0;
        for d in &diagnostics {
            let Some(fix) = d.fixes.iter().find(|f| mode.allows(f.applicability)) else {
                continue;
            };
            let clashes = fix.edits.iter().any(|e| {
                taken_ranges
                    .iter()
                    .any(|r| r.intersects(e.range) || (r.start == e.range.start))
            });
            if clashes {
                continue;
            }
            taken_ranges.extend(fix.edits.iter().map(|e| e.range));
            taken.extend(fix.edits.iter());
            fixes += 1;
        }
        if fixes == 0 {
            return FixResult {
                text: current,
                applied,
                remaining: diagnostics,
            };
        }
        let (next, _) = apply_edits(&current, &taken);
        if next == current {
            return FixResult {
                text: current,
                applied,
                remaining: diagnostics,
            };
        }
        applied += fixes;
        current = next;
    }
    let remaining = lint(&current, settings, options);
    FixResult {
        text: current,
        applied,
        remaining,
    }
}

/// End of the line containing `offset` (before its line ending).
pub fn line_end(text: &str, offset: usize) -> usize {
    text[offset.min(text.len())..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i)
}

/// Start of the line containing `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1)
}

/// Where a new field goes relative to an item's existing children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Right after the item's own text, before its children.
    First,
    /// After everything the item holds.
    Last,
}

/// A template edit adding `- **{label}:** {slot}` under `item`, as a sub-bullet of a list item
/// (matching the indentation and marker of existing sub-bullets) or as a paragraph after a
/// paragraph or heading goal.
pub fn field_template(
    doc: &GoalDocument,
    text: &str,
    item: &Item,
    label: &str,
    slot: &str,
    placement: Placement,
) -> Option<Edit> {
    let eol = doc.line_ending.as_str();
    let field = format!("**{label}:** ");
    match item.origin {
        Origin::ListItem => {
            let list = item.list.as_ref()?;
            let sibling_child = doc
                .children(item.id)
                .find(|c| c.origin == Origin::ListItem && c.list.is_some());
            let prefix = match sibling_child {
                Some(child) => {
                    let start = line_start(text, child.range.start);
                    let content = child.line.start.max(start);
                    // Indentation and marker of the existing child, without its checkbox or label.
                    let marker = child.list.as_ref().map_or("-", |l| l.marker.as_str());
                    let indent: String = text[start..content]
                        .chars()
                        .take_while(|c| c.is_whitespace())
                        .collect();
                    let marker = if marker.ends_with(['.', ')']) {
                        "1."
                    } else {
                        marker
                    };
                    format!("{indent}{marker} ")
                }
                None => {
                    let marker = if list.ordered {
                        "-"
                    } else {
                        list.marker.as_str()
                    };
                    format!("{}{marker} ", " ".repeat(list.content_column))
                }
            };
            let anchor = match placement {
                Placement::First => item.line.end,
                Placement::Last => item.range.end,
            };
            let at = line_end(text, anchor);
            let head = format!("{eol}{prefix}{field}");
            Some(Edit::template(
                TextRange::empty(at),
                &[Part::Literal(&head), Part::Slot(slot)],
            ))
        }
        Origin::Paragraph | Origin::Heading => {
            let at = line_end(text, item.range.end);
            let head = format!("{eol}{eol}{field}");
            Some(Edit::template(
                TextRange::empty(at),
                &[Part::Literal(&head), Part::Slot(slot)],
            ))
        }
        Origin::Line => None,
    }
}

/// A template edit appending `suffix_slot` (e.g. `Week X-Y`) in parentheses at the end of an
/// item's first line.
pub fn append_to_line(text: &str, item: &Item, slot: &str) -> Edit {
    let end = line_end(text, item.line.end);
    let trimmed = line_start(text, end) + text[line_start(text, end)..end].trim_end().len();
    let at = trimmed.max(item.line.end.min(end));
    Edit::template(
        TextRange::empty(at),
        &[Part::Literal(" ("), Part::Slot(slot), Part::Literal(")")],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn rejects_edits_off_char_boundaries() {
        let text = "⭐x";
        let bad = Edit::replace(TextRange::new(1, 2), "y");
        assert_eq!(apply_edits(text, &[&bad]), (text.to_string(), 0));
    }
}
