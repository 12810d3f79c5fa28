//! Properties of parse + lint and of fixes, over arbitrary text.

use goal_lint_core::config::Settings;
use goal_lint_core::fix::{FixMode, apply_edits, fix_text};
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::model::DocumentOptions;
use goal_lint_core::{Applicability, Date, Diagnostic, Edit, GoalDocument, LintOptions, lint};
use goal_lint_core::{lint_document, model};

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
