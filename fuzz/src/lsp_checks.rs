//! (c) Incremental edits as the language server applies them.
//!
//! Input: the initial text, then (after a `0xFF` byte, which UTF-8 never contains) an edit
//! script. The server's document must hold the same text as a naive model that recomputes
//! lines from scratch and splices a `String`, and the diagnostics of its incrementally
//! reparsed tree must equal a fresh lint of the same text.

use goal_lint_core::line_index::{Position, PositionEncoding};
use goal_lint_core::{LintOptions, Settings, lint};
use goal_lint_lsp::document::{Change, Document};

/// Pieces inserted by the script: Markdown structure, goal vocabulary and characters that
/// stress the position conversions.
const PIECES: &[&str] = &[
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "⭐️",
    "✅",
    "🎯",
    "中文",
    "e\u{301}",
    "- ",
    "* ",
    "1. ",
    "## Goals\n",
    "# Q3 2025 Goals\n",
    "**Goal:** ",
    "**Why it matters:** ",
    "**Success looks like:** ",
    "Week 3",
    "Weeks 2-5",
    "by March 3",
    "Work on payments",
    "Ship payments v2",
    "TODO",
    "Q[X] 20XX",
    "[ ] ",
    "[x] ",
    "`",
    "*",
    "> ",
    "---\n",
    "```\n",
    "<!--",
    "-->",
    "<!-- goal-lint-disable GL001 -->",
    "    ",
    "\t",
    "|",
    "KR: ",
    "Objective: ",
    "Increase NPS from 30 to 45",
];

/// Reads the script one byte at a time; runs out gracefully.
struct Script<'a> {
    bytes: &'a [u8],
}

impl Script<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
}

/// Offset of `position` computed the slow, obvious way (lines end at `\n`, `\r\n`, `\r`; a
/// column past the end clamps to the line end; one inside a character rounds down).
pub fn naive_offset(text: &str, position: Position, encoding: PositionEncoding) -> usize {
    let mut line_starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let crlf_head = c == '\r' && chars.get(k + 1).map(|&(_, n)| n) == Some('\n');
        if (c == '\n') || (c == '\r' && !crlf_head) {
            line_starts.push(i + 1);
        }
    }
    let Some(&start) = line_starts.get(position.line as usize) else {
        return text.len();
    };
    let mut units = 0usize;
    for (i, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            return start + i;
        }
        let width = match encoding {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        };
        if units + width > position.character as usize {
            return start + i;
        }
        units += width;
    }
    text.len()
}

pub fn lsp_edits(data: &[u8]) {
    let (initial, script) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut naive = String::from_utf8_lossy(initial).into_owned();
    let mut doc = Document::new(naive.clone(), 0);
    let settings = Settings::default();
    let options = LintOptions::default();
    let mut script = Script { bytes: script };
    let mut version = 0;
    let mut steps = 0;
    while let Some(op) = script.byte() {
        steps += 1;
        if steps > 200 {
            break;
        }
        let encoding = match op % 3 {
            0 => PositionEncoding::Utf8,
            1 => PositionEncoding::Utf16,
            _ => PositionEncoding::Utf32,
        };
        let lines = naive.matches('\n').count() as u32 + 2;
        let mut changes = Vec::new();
        let n = 1 + (op >> 6) as usize; // 1..=4 changes in one notification
        for _ in 0..n {
            let (Some(l1), Some(c1), Some(dl), Some(c2), Some(k)) = (
                script.byte(),
                script.byte(),
                script.byte(),
                script.byte(),
                script.byte(),
            ) else {
                break;
            };
            let start = Position::new(u32::from(l1) % lines, u32::from(c1));
            let end = Position::new(start.line + u32::from(dl % 3), u32::from(c2));
            let mut inserted = String::new();
            for _ in 0..(k % 4) {
                let p = script.byte().unwrap_or(0) as usize;
                inserted.push_str(PIECES[p % PIECES.len()]);
            }
            let full = op & 0x38 == 0x38 && k & 0x80 != 0;
            changes.push(Change {
                range: (!full).then_some((start, end)),
                text: inserted,
            });
        }
        for change in &changes {
            match change.range {
                None => naive = change.text.clone(),
                Some((start, end)) => {
                    let a = naive_offset(&naive, start, encoding);
                    let b = naive_offset(&naive, end, encoding);
                    naive.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
        }
        version += 1;
        doc.apply(&changes, version, encoding);
        assert_eq!(doc.text, naive, "stored text differs after step {steps}");
        // Lint every few steps (the server lints after each debounce, not each keystroke), so
        // the tree sees several edits between parses.
        if op & 0x04 != 0 {
            assert_lint_is_fresh(
                &mut doc,
                &settings,
                &options,
                &format!("after step {steps}"),
            );
        }
    }
    assert_lint_is_fresh(&mut doc, &settings, &options, "at the end");
}

/// The diagnostics of the document's incrementally reparsed tree equal a fresh `lint`.
fn assert_lint_is_fresh(
    doc: &mut Document,
    settings: &Settings,
    options: &LintOptions,
    when: &str,
) {
    let incremental = doc.lint(settings, options);
    assert_eq!(
        incremental.diagnostics,
        lint(&doc.text, settings, options),
        "incremental lint differs {when} on {:?}",
        doc.text
    );
}
