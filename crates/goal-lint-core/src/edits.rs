//! The edits rules offer as fixes: where a line starts and ends, a field added under an item,
//! a slot appended to a line. Inserted text uses the document's line ending and the indentation
//! and list markers of the place it goes.
//!
//! Below the rules (which call these) and apart from applying fixes ([`crate::fix`]).

use crate::diagnostic::{Edit, Part};
use crate::model::{GoalDocument, Item, Origin};
use crate::text::TextRange;
pub use crate::text::{line_end, line_start};

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
        Origin::Line | Origin::TableRow | Origin::TableCell => None,
    }
}

/// A template edit appending `suffix_slot` (e.g. `Week X-Y`) in parentheses at the end of an
/// item's first line (for a table row, at the end of the row's own text, inside its cell).
pub fn append_to_line(text: &str, item: &Item, slot: &str) -> Edit {
    let at = if matches!(item.origin, Origin::TableRow | Origin::TableCell) {
        item.text.trimmed_range().end
    } else {
        let end = line_end(text, item.line.end);
        let trimmed = line_start(text, end) + text[line_start(text, end)..end].trim_end().len();
        trimmed.max(item.line.end.min(end))
    };
    // A week range is two slots, so that typing the first week keeps the word and the dash.
    if let Some(("X", "Y")) = slot.strip_prefix("Week ").and_then(|r| r.split_once('-')) {
        return Edit::template(
            TextRange::empty(at),
            &[
                Part::Literal(" (Week "),
                Part::Slot("X"),
                Part::Literal("-"),
                Part::Slot("Y"),
                Part::Literal(")"),
            ],
        );
    }
    Edit::template(
        TextRange::empty(at),
        &[Part::Literal(" ("), Part::Slot(slot), Part::Literal(")")],
    )
}

/// A rewrite of an item's words keeps what the author put in front of them (an emoji such
/// as ⭐️, a symbol): the edit then starts after that prefix, when its new text does not
/// begin with it. Other edits are returned as they are.
pub fn keep_leading_symbols(text: &str, edit: &Edit) -> Edit {
    let Some(replaced) = text.get(edit.range.as_range()) else {
        return edit.clone();
    };
    let prefix: usize = replaced
        .chars()
        .take_while(|c| c.is_whitespace() || (!c.is_ascii() && !c.is_alphanumeric()))
        .map(char::len_utf8)
        .sum();
    let symbols = &replaced[..prefix];
    if symbols.trim().is_empty() || prefix == replaced.len() || edit.text.starts_with(symbols) {
        return edit.clone();
    }
    Edit {
        range: TextRange::new(edit.range.start + prefix, edit.range.end),
        ..edit.clone()
    }
}
