//! Conversions between the core's byte ranges and diagnostics and the protocol's types.

use goal_lint_core::diagnostic::Edit;
use goal_lint_core::line_index::{LineIndex, Position, PositionEncoding};
use goal_lint_core::{Severity, TextRange};
use tower_lsp_server::ls_types as lsp;

pub fn to_lsp_position(p: Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

pub fn from_lsp_position(p: lsp::Position) -> Position {
    Position::new(p.line, p.character)
}

pub fn range(text: &str, index: &LineIndex, r: TextRange, enc: PositionEncoding) -> lsp::Range {
    lsp::Range::new(
        to_lsp_position(index.position(text, r.start, enc)),
        to_lsp_position(index.position(text, r.end, enc)),
    )
}

pub fn offset(text: &str, index: &LineIndex, p: lsp::Position, enc: PositionEncoding) -> usize {
    index.offset(text, from_lsp_position(p), enc)
}

pub fn text_range(
    text: &str,
    index: &LineIndex,
    r: lsp::Range,
    enc: PositionEncoding,
) -> TextRange {
    let a = offset(text, index, r.start, enc);
    let b = offset(text, index, r.end, enc);
    TextRange::new(a.min(b), a.max(b))
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(
    uri: &lsp::Uri,
    text: &str,
    index: &LineIndex,
    d: &goal_lint_core::Diagnostic,
    enc: PositionEncoding,
) -> lsp::Diagnostic {
    // One short line: editors show it inline (virtual text). The help is in hover, and
    // `codeDescription` links to the rule's docs.
    let message = d.message.lines().next().unwrap_or_default().to_string();
    let related = (!d.related.is_empty()).then(|| {
        d.related
            .iter()
            .map(|r| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), range(text, index, r.range, enc)),
                message: r.message.clone(),
            })
            .collect()
    });
    lsp::Diagnostic {
        range: range(text, index, d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code().to_string())),
        code_description: d
            .rule
            .url()
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("goal-lint".to_string()),
        message,
        related_information: related,
        tags: None,
        data: Some(serde_json::json!({ "rule": d.name() })),
    }
}

pub fn text_edit(text: &str, index: &LineIndex, e: &Edit, enc: PositionEncoding) -> lsp::TextEdit {
    lsp::TextEdit::new(range(text, index, e.range, enc), e.text.clone())
}

/// The smallest single edit turning `before` into `after` (common prefix and suffix kept).
pub fn minimal_edit(before: &str, after: &str) -> Edit {
    let prefix = before
        .char_indices()
        .zip(after.chars())
        .find(|((_, a), b)| a != b)
        .map_or(before.len().min(after.len()), |((i, _), _)| i);
    let prefix = floor_boundary(before, floor_boundary(after, prefix));
    let max_suffix = (before.len() - prefix).min(after.len() - prefix);
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0
        && !(before.is_char_boundary(before.len() - suffix)
            && after.is_char_boundary(after.len() - suffix))
    {
        suffix -= 1;
    }
    Edit::replace(
        TextRange::new(prefix, before.len() - suffix),
        &after[prefix..after.len() - suffix],
    )
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edits() {
        for (a, b) in [
            ("- Work on payments\n", "- Ship payments\n"),
            ("abc", "abc"),
            ("", "x"),
            ("x", ""),
            ("⭐️ a ✅", "⭐️ b ✅"),
            ("aaa", "aa"),
        ] {
            let e = minimal_edit(a, b);
            let mut s = a.to_string();
            s.replace_range(e.range.as_range(), &e.text);
            assert_eq!(s, b, "{a:?} -> {b:?}");
        }
        assert_eq!(
            minimal_edit("- Work on payments\n", "- Ship payments\n").range,
            TextRange::new(2, 9)
        );
    }

    #[test]
    fn positions_round_trip_through_the_protocol() {
        let text = "- ⭐️ Work on payments ✅\r\n- 中文 goal\n";
        let index = LineIndex::new(text);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            for (i, _) in text.char_indices() {
                // Between a CR and its LF is not a position.
                if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                    continue;
                }
                let r = range(text, &index, TextRange::new(i, i), enc);
                assert_eq!(offset(text, &index, r.start, enc), i, "{enc:?} at {i}");
            }
        }
        let work = text.find("Work").unwrap();
        let r = range(
            text,
            &index,
            TextRange::new(work, work + 4),
            PositionEncoding::Utf16,
        );
        assert_eq!(
            (r.start.line, r.start.character, r.end.character),
            (0, 5, 9)
        );
    }
}
