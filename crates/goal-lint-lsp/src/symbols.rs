//! The document outline: sections, and in them goals, objectives, key results, actions.

use goal_lint_core::GoalDocument;
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::model::{ItemId, SectionId};
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use crate::convert::range;
use crate::server::outline_kind;

const MAX_NAME: usize = 80;

fn name(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return "(empty)".to_string();
    }
    if t.chars().count() <= MAX_NAME {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(MAX_NAME - 1).collect::<String>())
    }
}

pub fn outline(
    doc: &GoalDocument,
    text: &str,
    index: &LineIndex,
    enc: PositionEncoding,
) -> Vec<DocumentSymbol> {
    section_children(doc, SectionId(0), text, index, enc)
}

fn section_children(
    doc: &GoalDocument,
    id: SectionId,
    text: &str,
    index: &LineIndex,
    enc: PositionEncoding,
) -> Vec<DocumentSymbol> {
    let section = doc.section(id);
    let mut out: Vec<DocumentSymbol> = Vec::new();
    if let Some(item) = section.heading.as_ref().and_then(|h| h.item) {
        out.extend(item_symbols(doc, item, text, index, enc));
    }
    for &item in &section.items {
        if section.heading.as_ref().and_then(|h| h.item) != Some(item) {
            out.extend(item_symbols(doc, item, text, index, enc));
        }
    }
    for child in doc.sections.iter().filter(|s| s.parent == Some(id)) {
        let Some(h) = &child.heading else { continue };
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name: name(&h.text.plain),
            detail: None,
            kind: SymbolKind::MODULE,
            tags: None,
            deprecated: None,
            range: range(text, index, child.range, enc),
            selection_range: range(text, index, h.range, enc),
            children: Some(section_children(doc, child.id, text, index, enc)),
        });
    }
    out
}

/// An item and its children; items of kinds not shown pass their children up.
fn item_symbols(
    doc: &GoalDocument,
    id: ItemId,
    text: &str,
    index: &LineIndex,
    enc: PositionEncoding,
) -> Vec<DocumentSymbol> {
    let item = doc.item(id);
    let children: Vec<DocumentSymbol> = item
        .children
        .iter()
        .flat_map(|c| item_symbols(doc, *c, text, index, enc))
        .collect();
    match outline_kind(item.kind) {
        Some(kind) => {
            #[allow(deprecated)]
            let symbol = DocumentSymbol {
                name: name(&item.text.plain),
                detail: Some(item.kind.as_str().replace('-', " ")),
                kind,
                tags: None,
                deprecated: None,
                range: range(text, index, item.range.cover(item.line), enc),
                selection_range: range(text, index, item.line, enc),
                children: (!children.is_empty()).then_some(children),
            };
            vec![symbol]
        }
        None => children,
    }
}
