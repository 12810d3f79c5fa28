//! Properties of parse + lint and of fixes, over arbitrary text.

use goal_lint_core::config::Settings;
use goal_lint_core::fix::{FixMode, apply_edits, fix_text};
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::model::DocumentOptions;
use goal_lint_core::{Applicability, Date, Diagnostic, Edit, GoalDocument, LintOptions, lint};
use goal_lint_core::{lint_document, model};

use std::collections::HashMap;

/// Inputs are bytes; text that is not UTF-8 is read the way a lossy reader would (the CLI
/// rejects it, the server only ever sees strings).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2025-07-01"),
    }
}

/// Default settings, and settings that treat the whole file as goal content (so that every
/// rule runs on whatever the fuzzer produces, not only inside goal-like sections).
pub fn settings_variants() -> [Settings; 2] {
    let mut opt_in = Settings::default();
    opt_in.document = DocumentOptions {
        opt_in: true,
        kind: Some("quarterly".to_string()),
    };
    [Settings::default(), opt_in]
}

/// Every range is inside the text, on character boundaries, and converts to a position and
/// back in every encoding; every edit of every fix likewise.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    let index = LineIndex::new(text);
    let check_range = |start: usize, end: usize, what: &str| {
        assert!(start <= end, "{what}: reversed range {start}..{end}");
        assert!(
            end <= text.len(),
            "{what}: range {start}..{end} past the end ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what}: range {start}..{end} splits a character"
        );
    };
    for d in diagnostics {
        check_range(d.range.start, d.range.end, d.code());
        assert!(!d.message.is_empty(), "{}: empty message", d.code());
        for offset in [d.range.start, d.range.end] {
            for enc in [
                PositionEncoding::Utf8,
                PositionEncoding::Utf16,
                PositionEncoding::Utf32,
            ] {
                let pos = index.position(text, offset, enc);
                let back = index.offset(text, pos, enc);
                // An offset between a CR and its LF has no position of its own.
                let between_crlf =
                    text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
                if !between_crlf {
                    assert_eq!(back, offset, "{}: {enc:?} round trip", d.code());
                }
            }
        }
        for fix in &d.fixes {
            assert!(
                !fix.edits.is_empty(),
                "{}: fix {:?} has no edits",
                d.code(),
                fix.title
            );
            for e in &fix.edits {
                check_range(e.range.start, e.range.end, d.code());
                for ph in &e.placeholders {
                    assert!(
                        ph.start <= ph.end && ph.end <= e.text.len(),
                        "{}: placeholder outside its edit",
                        d.code()
                    );
                    assert!(e.text.is_char_boundary(ph.start) && e.text.is_char_boundary(ph.end));
                }
            }
        }
    }
}

/// (a) Parse + lint never panics and yields well-formed diagnostics; the cheap pre-check that
/// skips the parse never hides a diagnostic the full parse would give.
pub fn parse_lint(data: &[u8]) {
    let text = text_of(data);
    for settings in settings_variants() {
        let diagnostics = lint(&text, &settings, &options());
        check_diagnostics(&text, &diagnostics);
        let doc = GoalDocument::parse(&text, &settings.document);
        let full = lint_document(&doc, &text, &settings, &options());
        if !model::may_be_goal_document(&text, &settings.document) {
            assert!(
                full.is_empty(),
                "the pre-check skipped a document with diagnostics: {full:?}"
            );
        } else {
            assert_eq!(diagnostics, full);
        }
        // Every node of the model lies inside the text.
        for item in &doc.items {
            assert!(item.range.end <= text.len() && item.range.start <= item.range.end);
        }
        for section in &doc.sections {
            assert!(section.range.end <= text.len() && section.range.start <= section.range.end);
        }
    }
}

/// Splice disjoint edits back to front; panics if they overlap (a fix's own edits must not).
fn naive_apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for pair in sorted.windows(2) {
        assert!(
            pair[0].range.end <= pair[1].range.start,
            "a fix's edits overlap: {:?} and {:?}",
            pair[0].range,
            pair[1].range
        );
    }
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.as_range(), &e.text);
    }
    out
}

/// (b) Applying any offered fix changes only the bytes inside its edits and leaves a text that
/// lints without panicking; applying the safe fixes converges (a second run offers none).
pub fn fixes(data: &[u8]) {
    let text = text_of(data);
    for settings in settings_variants() {
        let diagnostics = lint(&text, &settings, &options());
        for d in &diagnostics {
            for fix in &d.fixes {
                let refs: Vec<&Edit> = fix.edits.iter().collect();
                let (fixed, applied) = apply_edits(&text, &refs);
                assert_eq!(
                    applied,
                    fix.edits.len(),
                    "{}: fix {:?} not applied whole",
                    d.code(),
                    fix.title
                );
                assert_eq!(
                    fixed,
                    naive_apply(&text, &fix.edits),
                    "{}: fix {:?} touched bytes outside its edits",
                    d.code(),
                    fix.title
                );
                let after = lint(&fixed, &settings, &options());
                check_diagnostics(&fixed, &after);
                if fix.applicability == Applicability::Safe {
                    // A safe fix resolves the diagnostic it was offered for.
                    assert!(
                        !after.iter().any(|a| a.code() == d.code()
                            && a.message == d.message
                            && a.fixes == d.fixes),
                        "{}: safe fix {:?} left the same diagnostic behind",
                        d.code(),
                        fix.title
                    );
                }
            }
        }
        let safe = fix_text(&text, &settings, &options(), FixMode::default());
        let again = lint(&safe.text, &settings, &options());
        let still_offered: Vec<&Diagnostic> = again
            .iter()
            .filter(|d| {
                d.fixes
                    .iter()
                    .any(|f| f.applicability == Applicability::Safe)
            })
            .collect();
        assert!(
            still_offered.is_empty(),
            "safe fixes did not converge: {still_offered:?}"
        );
        let second = fix_text(&safe.text, &settings, &options(), FixMode::default());
        assert_eq!(second.applied, 0);
        assert_eq!(second.text, safe.text);
        check_fixes(&text, &settings);
        // Templates and unsafe fixes too: no panic, well-formed results.
        let all = fix_text(
            &text,
            &settings,
            &options(),
            FixMode {
                unsafe_fixes: true,
                templates: true,
            },
        );
        check_diagnostics(&all.text, &all.remaining);
    }
}

/// Line-break kinds in order: `\r\n`, lone `\r`, lone `\n`.
fn breaks(text: &str) -> Vec<&'static str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push("crlf");
                i += 1;
            }
            b'\r' => out.push("cr"),
            b'\n' => out.push("lf"),
            _ => {}
        }
        i += 1;
    }
    out
}

/// The line breaks a text with `edits` applied must have: those of the untouched pieces and of
/// the inserted texts, each counted alone (a lone `\r` meeting a `\n` would make one of two).
fn expected_breaks(text: &str, edits: &[Edit]) -> Vec<&'static str> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut expected = Vec::new();
    let mut pos = 0;
    for e in &sorted {
        expected.extend(breaks(&text[pos..e.range.start]));
        expected.extend(breaks(&e.text));
        pos = e.range.end;
    }
    expected.extend(breaks(&text[pos..]));
    expected
}

/// The outline without line numbers and suppression comments: what a safe fix keeps.
pub fn shape(text: &str, settings: &Settings) -> String {
    let doc = GoalDocument::parse(text, &settings.document);
    doc.outline(text)
        .lines()
        .filter(|l| !l.starts_with("directive "))
        .map(|l| {
            let body = l.trim_start();
            let words: Vec<&str> = body
                .split(' ')
                .enumerate()
                .filter(|(i, w)| {
                    !(*i == 1 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
                })
                .map(|(_, w)| w)
                .collect();
            format!("{}{}\n", &l[..l.len() - body.len()], words.join(" "))
        })
        .collect()
}

type Finding = (String, String, String);

fn finding(text: &str, d: &Diagnostic) -> Finding {
    (
        d.code().to_string(),
        d.message.clone(),
        text[d.range.as_range()].to_string(),
    )
}

fn findings(text: &str, diagnostics: &[Diagnostic]) -> HashMap<Finding, usize> {
    let mut out = HashMap::new();
    for d in diagnostics {
        *out.entry(finding(text, d)).or_insert(0) += 1;
    }
    out
}

/// `after` has no finding that `allowed` does not have (as many times).
fn assert_no_new_finding(
    allowed: &HashMap<Finding, usize>,
    fixed: &str,
    after: &[Diagnostic],
    what: &str,
) {
    for (key, n) in findings(fixed, after) {
        assert!(
            n <= allowed.get(&key).copied().unwrap_or(0),
            "{what} added a finding {key:?} -> {fixed:?}"
        );
    }
}

/// What `--fix` promises, for every fix offered on `text` and for whole runs in each mode:
/// nothing outside a fix's edits changes, line breaks included (a lone `\r` never meets a
/// `\n`); a safe fix keeps the document's outline and adds no finding; a second run changes
/// nothing.
pub fn check_fixes(text: &str, settings: &Settings) {
    let diagnostics = lint(text, settings, &options());
    let before = findings(text, &diagnostics);
    for d in &diagnostics {
        for fix in &d.fixes {
            let what = format!("{text:?}: {} fix {:?}", d.code(), fix.title);
            let refs: Vec<&Edit> = fix.edits.iter().collect();
            let (fixed, applied) = apply_edits(text, &refs);
            assert_eq!(applied, fix.edits.len(), "{what}: not applied whole");
            assert_eq!(
                fixed,
                naive_apply(text, &fix.edits),
                "{what}: outside its edits"
            );
            assert_eq!(
                breaks(&fixed),
                expected_breaks(text, &fix.edits),
                "{what}: changed line breaks outside its edits"
            );
            if fix.applicability != Applicability::Safe {
                continue;
            }
            assert_eq!(
                shape(&fixed, settings),
                shape(text, settings),
                "{what}: a safe fix changed the outline"
            );
            let mut allowed = before.clone();
            *allowed.get_mut(&finding(text, d)).unwrap() -= 1;
            let after = lint(&fixed, settings, &options());
            assert_no_new_finding(&allowed, &fixed, &after, &what);
        }
    }
    let modes = [
        FixMode::default(),
        FixMode {
            unsafe_fixes: true,
            templates: false,
        },
        FixMode {
            unsafe_fixes: true,
            templates: true,
        },
    ];
    for mode in modes {
        let first = fix_text(text, settings, &options(), mode);
        let second = fix_text(&first.text, settings, &options(), mode);
        assert_eq!(
            second.text, first.text,
            "{text:?}: a second run ({mode:?}) changed the text again"
        );
        assert_eq!(second.applied, 0, "{text:?}: {mode:?}");
        if mode == FixMode::default() {
            assert_eq!(
                shape(&first.text, settings),
                shape(text, settings),
                "{text:?}: safe fixes changed the outline -> {:?}",
                first.text
            );
            let what = format!("{text:?}: safe fixes");
            assert_no_new_finding(&before, &first.text, &first.remaining, &what);
        }
    }
}
