//! Judgements about the text of items, shared by the rules: is a statement vague, does it
//! state a measure, does it still hold template text.

mod document;
mod fitted;
pub mod kind;
mod phrases;
mod placeholder;
pub mod role;
mod statement;
mod template;

pub use document::{ARCHIVE_AFTER_DAYS, DocumentClass, Genre, Judgement, judge, judge_with};
pub use placeholder::{
    Placeholder, PlaceholderKind, find_in_plain, find_in_plain_memo, find_item_placeholders,
    find_item_placeholders_with, note_for_missing_text,
};
pub use statement::{Statement, Vagueness, analyze_text};
pub use template::{
    Field, LineSource, Schema, Template, TemplateMatch, TemplateSet, builtin_templates,
    normalise as normalise_line,
};

use crate::memo::Memo;
use crate::model::Item;

/// The statement analysis of an item's text.
pub fn analyze(item: &Item, extra_vague_verbs: &[String]) -> Statement {
    analyze_text(&item.text.plain, &item.text.code, extra_vague_verbs)
}

/// [`analyze`], looked up in `memo` when the same text (and code spans) was analysed before.
pub fn analyze_with(item: &Item, extra_vague_verbs: &[String], memo: &Memo) -> Statement {
    // Analyses made with other extra verbs are dropped.
    memo.set_context(extra_vague_verbs);
    #[derive(Clone)]
    struct Analysed(Statement);
    memo.get(&item.text.plain, &item.text.code, || {
        Analysed(analyze(item, extra_vague_verbs))
    })
    .0
}
