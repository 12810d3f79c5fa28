//! Report formats.
//!
//! Positions are 1-based lines and 1-based columns counted in Unicode scalar values (the same
//! column an editor shows for text without wide characters); an end position is exclusive.

use std::fmt::Write as _;

use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::rules::registry;
use goal_lint_core::{Diagnostic, Severity, TextRange};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

use crate::run::FileReport;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

pub fn pos(text: &str, index: &LineIndex, offset: usize) -> Pos {
    let p = index.position(text, offset, PositionEncoding::Utf32);
    Pos {
        line: p.line + 1,
        column: p.character + 1,
    }
}

fn pos_json(p: Pos) -> Value {
    json!({ "line": p.line, "column": p.column })
}

/// One diagnostic as the JSON formats show it.
pub fn diagnostic_json(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .map(|f| {
            json!({
                "title": f.title,
                "applicability": f.applicability.as_str(),
                "edits": f.edits.iter().map(|e| json!({
                    "start": pos_json(pos(text, index, e.range.start)),
                    "end": pos_json(pos(text, index, e.range.end)),
                    "text": e.text,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "path": path,
        "code": d.code(),
        "rule": d.name(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "start": pos_json(pos(text, index, d.range.start)),
        "end": pos_json(pos(text, index, d.range.end)),
        "fixes": fixes,
    })
}

/// One diagnostic of a report as the JSON formats show it. A path that is not valid UTF-8 is
/// shown in `path` with U+FFFD in place of the bytes that are not, and given exactly, as its
/// bytes, in `path_bytes` (present only then), so that a tool can find the file again.
fn report_json(r: &FileReport, index: &LineIndex, d: &Diagnostic) -> Value {
    let mut value = diagnostic_json(&r.display, &r.text, index, d);
    if let (Some(bytes), Some(obj)) = (raw_path(r), value.as_object_mut()) {
        obj.insert("path_bytes".to_string(), json!(bytes));
    }
    value
}

/// The bytes of a file's path, when it is not valid UTF-8.
fn raw_path(r: &FileReport) -> Option<Vec<u8>> {
    let crate::discover::Source::File(path) = &r.source else {
        return None;
    };
    if path.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    #[cfg(not(unix))]
    None
}

pub fn json(reports: &[FileReport]) -> String {
    let all: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            let index = LineIndex::new(&r.text);
            r.diagnostics
                .iter()
                .map(|d| report_json(r, &index, d))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&all).expect("JSON values serialise");
    s.push('\n');
    s
}

pub fn json_lines(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let index = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            out.push_str(&report_json(r, &index, d).to_string());
            out.push('\n');
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A relative path as a URI reference: forward slashes, reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out.trim_start_matches("./").to_string()
}

pub fn sarif(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = registry()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.docs.what },
                "help": { "text": format!("{}\n\n{}", m.docs.what, m.docs.why), "markdown": m.markdown() },
                "helpUri": m.url(),
                "defaultConfiguration": { "level": sarif_level(m.default_severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let index = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            let start = pos(&r.text, &index, d.range.start);
            let end = pos(&r.text, &index, d.range.end);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message = format!("{message}. {help}");
            }
            results.push(json!({
                "ruleId": d.code(),
                "ruleIndex": d.rule.index,
                "level": sarif_level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.display) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "goal-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/goal-lint/goal-lint",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    s.push('\n');
    s
}

/// A workflow command's message: [`clean`] (no line break is left to end the command and
/// start another), then GitHub's escape of `%`.
fn escape_data(s: &str) -> String {
    clean(s).replace('%', "%25")
}

/// A workflow command's property: its message's escapes, and those of `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: an annotation per diagnostic.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let index = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            let start = pos(&r.text, &index, d.range.start);
            let end = pos(&r.text, &index, d.range.end);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let _ = writeln!(
                out,
                "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&r.display),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.code(), d.name())),
                escape_data(&d.message)
            );
        }
    }
    out
}

/// Text in a JUnit report: [`clean`], then XML's escapes, with U+FFFD for each character
/// XML 1.0 cannot hold at all (its `Char` production: no control character but tab, line
/// feed and carriage return, no U+FFFE or U+FFFF; surrogates cannot be in a `str`), which no
/// escape can carry either: one of them and the report is not well-formed.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn junit(reports: &[FileReport]) -> String {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"goal-lint\" tests=\"{total}\" failures=\"{failures}\">"
    );
    for r in reports {
        let index = LineIndex::new(&r.text);
        let n = r.diagnostics.len();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{n}\">",
            xml(&r.display),
            n.max(1)
        );
        if n == 0 {
            let _ = writeln!(
                out,
                "    <testcase name=\"goal-lint\" classname=\"{}\"/>",
                xml(&r.display)
            );
        }
        for d in &r.diagnostics {
            let p = pos(&r.text, &index, d.range.start);
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at {}:{}\" classname=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} {}</failure>\n    </testcase>",
                d.code(),
                d.name(),
                p.line,
                p.column,
                xml(&r.display),
                d.severity,
                xml(&d.message),
                xml(&r.display),
                p.line,
                p.column,
                d.code(),
                xml(&d.message)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// FNV-1a, for stable fingerprints without a hashing dependency.
fn fnv1a(data: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// GitLab Code Quality report. Fingerprints hash the path, rule and source line (not the line
/// number), so they survive unrelated edits above.
pub fn gitlab(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for r in reports {
        let index = LineIndex::new(&r.text);
        let mut seen = std::collections::HashMap::new();
        for d in &r.diagnostics {
            let start = pos(&r.text, &index, d.range.start);
            let end = pos(&r.text, &index, d.range.end);
            let (ls, le) = index.line_range(start.line as usize - 1, &r.text);
            let key = format!("{}\0{}\0{}", r.display, d.code(), r.text[ls..le].trim());
            let n: &mut u32 = seen.entry(key.clone()).or_default();
            *n += 1;
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info | Severity::Hint => "info",
            };
            issues.push(json!({
                "description": format!("{} {}: {}", d.code(), d.name(), d.message),
                "check_name": d.name(),
                "fingerprint": format!("{:016x}{:08x}", fnv1a(&key), n),
                "severity": severity,
                "location": { "path": r.display.trim_start_matches("./"), "lines": { "begin": start.line, "end": end.line } },
            }));
        }
    }
    let mut s = serde_json::to_string_pretty(&Value::Array(issues)).expect("JSON values serialise");
    s.push('\n');
    s
}

/// ANSI styling, on or off.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(self, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(code, sev.as_str())
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
    fn blue(self, s: &str) -> String {
        self.paint("1;34", s)
    }
}

/// A character no report shows as it is: a control character (an escape or a bell that
/// would drive the terminal, a line break that would start a line of its own: a GitHub
/// workflow command, a forged report line), a Unicode line or paragraph separator, or a
/// bidirectional embedding, override or isolate (which reorders what follows it on screen).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from outside goal-lint (a document, a file name, a path or a value on the command
/// line, a configuration file) as every human and CI report shows it: each character that
/// [`is_unsafe`] as U+FFFD. The one escaping function of the reports: the human report, the
/// messages on standard error, `--format github` (before its `%` escapes) and `--format junit`
/// (before its XML escapes) go through it; the JSON formats escape control characters already.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// How a character is shown in a snippet: tabs expanded to 4 columns, others as [`clean`]
/// shows them.
fn shown_char(c: char, out: &mut String) {
    match c {
        '\t' => out.push_str("    "),
        c if is_unsafe(c) => out.push('\u{FFFD}'),
        c => out.push(c),
    }
}

/// Display width of a character as [`shown_char`] shows it.
fn char_width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if is_unsafe(c) => 1,
        c => c.width().unwrap_or(0),
    }
}

/// Display width of a text as a terminal shows it.
fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Source lines wider than this are shown as a window around the diagnostic, with `…` where
/// the line goes on: a 1 MB line must not flood the terminal.
const MAX_SNIPPET_WIDTH: usize = 120;
/// Columns of context kept before the diagnostic when the line is cut.
const SNIPPET_CONTEXT: usize = 40;

/// The source line with a caret line under `range` (clipped to the first line, and to a
/// window of [`MAX_SNIPPET_WIDTH`] columns).
fn snippet(text: &str, index: &LineIndex, range: TextRange, style: Style) -> (String, String) {
    let line = index.line_of(range.start);
    let (ls, le) = index.line_range(line, text);
    let start = range.start.clamp(ls, le);
    let end = range.end.clamp(start, le);
    let (mut ws, mut we) = (ls, le);
    if width(&text[ls..le]) > MAX_SNIPPET_WIDTH {
        // Back up from the start by the context, then run forward to the width budget.
        let mut budget = SNIPPET_CONTEXT;
        ws = start;
        for (i, c) in text[ls..start].char_indices().rev() {
            let w = char_width(c);
            if w > budget {
                break;
            }
            budget -= w;
            ws = ls + i;
        }
        let mut used = width(&text[ws..start]);
        we = start;
        for (i, c) in text[start..le].char_indices() {
            let w = char_width(c);
            if used + w > MAX_SNIPPET_WIDTH {
                break;
            }
            used += w;
            we = start + i + c.len_utf8();
        }
    }
    let mut shown = String::new();
    if ws > ls {
        shown.push('…');
    }
    for c in text[ws..we].chars() {
        shown_char(c, &mut shown);
    }
    if we < le {
        shown.push('…');
    }
    let pad = usize::from(ws > ls) + width(&text[ws..start]);
    let len = width(&text[start..end.min(we)]).max(1);
    (
        shown,
        format!(
            "{}{}",
            " ".repeat(pad),
            style.paint("1;33", &"^".repeat(len))
        ),
    )
}

/// The human report of one diagnostic.
pub fn human_diagnostic(
    path: &str,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    style: Style,
) -> String {
    let p = pos(text, index, d.range.start);
    let gutter = p.line.to_string().len();
    let (line, caret) = snippet(text, index, d.range, style);
    let bar = style.blue("|");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} {}",
        style.severity(d.severity),
        style.bold(&format!("[{} {}]:", d.code(), d.name())),
        style.bold(&clean(&d.message))
    );
    let _ = writeln!(
        out,
        "{}{} {}:{}:{}",
        " ".repeat(gutter),
        style.blue("-->"),
        clean(path),
        p.line,
        p.column
    );
    let _ = writeln!(out, "{} {bar}", " ".repeat(gutter));
    let _ = writeln!(out, "{} {bar} {line}", style.blue(&p.line.to_string()));
    let _ = writeln!(out, "{} {bar} {caret}", " ".repeat(gutter));
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{} {} {}: {}",
            " ".repeat(gutter),
            style.blue("="),
            style.bold("help"),
            clean(help)
        );
    }
    for fix in &d.fixes {
        let how = match fix.applicability {
            goal_lint_core::Applicability::Safe => "goal-lint --fix",
            goal_lint_core::Applicability::Unsafe => "goal-lint --fix --unsafe-fixes",
            goal_lint_core::Applicability::Template => "goal-lint --fix --templates",
        };
        let _ = writeln!(
            out,
            "{} {} {}: {} ({how})",
            " ".repeat(gutter),
            style.blue("="),
            style.bold("fix"),
            clean(&fix.title)
        );
    }
    out
}

/// Counts for the summary line.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    pub files_with_problems: usize,
    /// Files linted.
    pub files: usize,
    /// Files that could not be linted (their errors are reported on stderr).
    pub not_linted: usize,
    pub fixable: usize,
    pub fixed: usize,
    pub fixed_files: usize,
}

impl Tally {
    pub fn of(reports: &[FileReport]) -> Tally {
        let mut t = Tally::default();
        for r in reports {
            if !r.linted {
                t.not_linted += 1;
                continue;
            }
            t.files += 1;
            if !r.diagnostics.is_empty() {
                t.files_with_problems += 1;
            }
            if r.fixed > 0 {
                t.fixed += r.fixed;
                t.fixed_files += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => t.errors += 1,
                    Severity::Warning => t.warnings += 1,
                    Severity::Info => t.infos += 1,
                    Severity::Hint => t.hints += 1,
                }
                if d.fixes
                    .iter()
                    .any(|f| f.applicability == goal_lint_core::Applicability::Safe)
                {
                    t.fixable += 1;
                }
            }
        }
        t
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 problems (1 error, 2 warnings) in 2 files", or "No problems found in 4 files."
pub fn summary(t: &Tally, style: Style, diff_mode: bool) -> String {
    let mut out = String::new();
    if t.fixed > 0 && !diff_mode {
        let _ = writeln!(
            out,
            "Fixed {} in {}.",
            plural(t.fixed, "problem", "problems"),
            plural(t.fixed_files, "file", "files")
        );
    }
    if t.fixed > 0 && diff_mode {
        let _ = writeln!(
            out,
            "Would fix {} in {}.",
            plural(t.fixed, "problem", "problems"),
            plural(t.fixed_files, "file", "files")
        );
    }
    if t.files == 0 && t.not_linted > 0 {
        // Nothing was linted: "No problems found" would read as a pass.
        let _ = writeln!(
            out,
            "{} could not be linted.",
            plural(t.not_linted, "file", "files")
        );
        return out;
    }
    let not_linted = match t.not_linted {
        0 => String::new(),
        n => format!("; {} could not be linted", plural(n, "file", "files")),
    };
    if t.problems() == 0 {
        let _ = writeln!(
            out,
            "No problems found in {}{not_linted}.",
            plural(t.files, "file", "files")
        );
        return out;
    }
    let mut parts = Vec::new();
    for (n, one, many) in [
        (t.errors, "error", "errors"),
        (t.warnings, "warning", "warnings"),
        (t.infos, "info", "infos"),
        (t.hints, "hint", "hints"),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    let line = format!(
        "{} ({}) in {}",
        plural(t.problems(), "problem", "problems"),
        parts.join(", "),
        plural(t.files_with_problems, "file", "files")
    );
    let _ = writeln!(out, "{}{not_linted}", style.bold(&line));
    if t.fixable > 0 {
        let _ = writeln!(
            out,
            "{} fixable with `goal-lint --fix`.",
            plural(t.fixable, "problem is", "problems are")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25\u{FFFD}");
        assert_eq!(uri("./docs/q 3.md"), "docs/q%203.md");
        assert_eq!(
            xml("<a & \"b\">\u{1}\u{FFFE}\u{FFFF}\u{1b}"),
            "&lt;a &amp; &quot;b&quot;&gt;\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            clean("a\x1b]0;t\x07\r\n::error::x\u{202e}\u{85}"),
            "a\u{FFFD}]0;t\u{FFFD}\u{FFFD}\u{FFFD}::error::x\u{FFFD}\u{FFFD}"
        );
        assert_eq!(escape_data("50%\n"), "50%25\u{FFFD}");
    }

    #[test]
    fn carets_account_for_wide_characters() {
        let text = "- ⭐️ Work on payments\n";
        let index = LineIndex::new(text);
        let start = text.find("Work").unwrap();
        let (_, caret) = snippet(
            text,
            &index,
            TextRange::new(start, start + 4),
            Style { color: false },
        );
        // "- " is 2 columns, the star is 2 wide, the variation selector 0, the space 1.
        assert_eq!(caret, format!("{}^^^^", " ".repeat(5)));
    }

    #[test]
    fn the_summary_counts_files_that_could_not_be_linted() {
        let style = Style { color: false };
        let t = Tally {
            files: 2,
            not_linted: 1,
            ..Tally::default()
        };
        assert_eq!(
            summary(&t, style, false),
            "No problems found in 2 files; 1 file could not be linted.\n"
        );
        let t = Tally {
            warnings: 3,
            files: 2,
            files_with_problems: 2,
            not_linted: 2,
            ..Tally::default()
        };
        assert_eq!(
            summary(&t, style, false),
            "3 problems (3 warnings) in 2 files; 2 files could not be linted\n"
        );
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_range() {
        let text = format!(
            "- {} Work on payments {}\n",
            "x".repeat(500_000),
            "y".repeat(500_000)
        );
        let index = LineIndex::new(&text);
        let start = text.find("Work").unwrap();
        let (line, caret) = snippet(
            &text,
            &index,
            TextRange::new(start, start + "Work on payments".len()),
            Style { color: false },
        );
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(width(&line) <= MAX_SNIPPET_WIDTH + 2, "{}", width(&line));
        let pad = caret.find('^').unwrap();
        assert_eq!(
            &line[line.char_indices().nth(pad).unwrap().0..][..16],
            "Work on payments"
        );
        assert_eq!(caret.trim_start(), "^".repeat(16));
        // A short line is shown whole; control characters cannot reach the terminal.
        let text = "- Work\u{1b}[2J on \0payments\n";
        let index = LineIndex::new(text);
        let start = text.find("on").unwrap();
        let (line, caret) = snippet(
            text,
            &index,
            TextRange::new(start, start + 2),
            Style { color: false },
        );
        assert_eq!(line, "- Work\u{FFFD}[2J on \u{FFFD}payments");
        assert_eq!(caret, format!("{}^^", " ".repeat(11)));
    }
}
