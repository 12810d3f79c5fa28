//! Judgements about the text of items, shared by the rules: is a statement vague, does it
//! state a measure, does it still hold template text.

mod document;
mod lexicon;
mod placeholder;
mod statement;

pub use document::{ARCHIVE_AFTER_DAYS, DocumentClass, Genre, Judgement, judge};
pub use placeholder::{Placeholder, PlaceholderKind, find_in_plain, find_item_placeholders};
pub use statement::{Statement, Vagueness, analyze_text};

use crate::model::Item;

/// The statement analysis of an item's text.
pub fn analyze(item: &Item, extra_vague_verbs: &[String]) -> Statement {
    analyze_text(&item.text.plain, &item.text.code, extra_vague_verbs)
}
