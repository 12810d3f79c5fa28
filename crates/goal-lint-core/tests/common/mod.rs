//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use goal_lint_core::fix::apply_edits;
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::{Date, Diagnostic, LintOptions};

/// Every file under `dir`, recursively, appended to `out` (nothing when `dir` is missing, as
/// `../shared` is on a user's machine).
pub fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A fixed "today" so that `overdue` is reproducible.
pub fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2025-07-01"),
    }
}

/// Diagnostics rendered for a snapshot: position, rule, message, the source line with a caret
/// under the range, help, and each fix as the lines it changes.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let start = index.position(text, d.range.start, PositionEncoding::Utf32);
        let end = index.position(text, d.range.end, PositionEncoding::Utf32);
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} ({}): {}\n",
            start.line + 1,
            start.character + 1,
            end.line + 1,
            end.character + 1,
            d.code(),
            d.name(),
            d.severity,
            d.message
        ));
        let (ls, le) = index.line_range(start.line as usize, text);
        let line = &text[ls..le];
        out.push_str(&format!("  | {line}\n"));
        let caret_end = if end.line == start.line {
            end.character
        } else {
            line.chars().count() as u32
        };
        let width = caret_end.saturating_sub(start.character).max(1);
        out.push_str(&format!(
            "  | {}{}\n",
            " ".repeat(start.character as usize),
            "^".repeat(width as usize)
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        for r in &d.related {
            let p = index.position(text, r.range.start, PositionEncoding::Utf32);
            out.push_str(&format!(
                "  = note {}:{}: {}\n",
                p.line + 1,
                p.character + 1,
                r.message
            ));
        }
        for fix in &d.fixes {
            out.push_str(&format!(
                "  = fix ({}): {}\n",
                fix.applicability.as_str(),
                fix.title
            ));
            let edits: Vec<_> = fix.edits.iter().collect();
            let (fixed, _) = apply_edits(text, &edits);
            out.push_str(&indent_diff(text, &fixed));
        }
    }
    out
}

/// The changed lines between two texts, as `-`/`+` lines.
pub fn indent_diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    for l in &a[prefix..a.len() - suffix] {
        out.push_str(&format!("    -{}\n", l.trim_end_matches(['\n', '\r'])));
    }
    for l in &b[prefix..b.len() - suffix] {
        out.push_str(&format!("    +{}\n", l.trim_end_matches(['\n', '\r'])));
    }
    out
}
