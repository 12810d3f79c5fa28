//! `--fix` over a few thousand random goal documents, built from fragments of real ones
//! (headings, goals, key results, fields, suppression comments, an unclosed `<!--`, front
//! matter) with mixed line endings, from fixed seeds. For every fix offered and for whole
//! runs in each mode:
//!
//! - nothing outside the fix's edits changes, and no line break outside them either (a lone
//!   `\r` never meets a `\n`);
//! - a safe fix keeps the document's outline and adds no finding;
//! - a second run changes nothing.

use std::collections::HashMap;

use goal_lint_core::fix::{FixMode, apply_edits, fix_text};
use goal_lint_core::{Applicability, Diagnostic, Edit, GoalDocument, LintOptions, Settings, lint};

const DOCUMENTS: u64 = 3_000;

const FRAGMENTS: &[&str] = &[
    "## Goals",
    "## Q3 Goals",
    "# Q3 2025 Plan",
    "## Objectives",
    "## Key Results",
    "## Actions",
    "## Why",
    "## Status",
    "---\nkind: planning-review\n---",
    "---\nquarter: Q3 2025\n---",
    "**Quarter:** Q3 2025",
    "",
    "",
    "",
    "- Work on payments",
    "- Ship payments v2 by Week 8",
    "- **Goal:** Ship payments v2 to production by Week 6",
    "1. Work on search",
    "2. Improve onboarding",
    "- [ ] Cut p95 latency to 200ms (Week 2-4)",
    "- [x] Migrate billing (Week 8-3)",
    "  - **Success looks like:** 100% of transactions",
    "  - **Why it matters:** churn",
    "  - Work on the design",
    "   - KR: Reduce errors to X",
    "Objective: Grow revenue",
    "KR: Increase signups by 20%",
    "- Load test the new cluster (Week 15)",
    "- Hand over to support (Month 4)",
    "- TBD",
    "Some prose about the quarter.",
    "<!-- goal-lint-disable-line vague-goal -->",
    "<!-- goal-lint-disable-next-line GL001 -->",
    "<!-- goal-lint-disable-next-line -->",
    "<!-- goal-lint-disable GL1 -->",
    "<!-- goal-lint-enable GL1 -->",
    "<!-- goal-lint-enable -->",
    "<!-- goal-lint-disable-file GL402 -->",
    "<!-- goal-lint-bogus -->",
    "- Ship it by Week 2 <!-- goal-lint-disable-line GL001 -->",
    "<!--",
    "-->",
    "```",
    "> - Work on quoted things",
];

const ENDINGS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r"];

/// A linear congruential generator: the same documents on every run and machine.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn document(rng: &mut Lcg) -> String {
    let mut text = String::new();
    for _ in 0..1 + rng.below(12) {
        let ending = ENDINGS[rng.below(ENDINGS.len())];
        text.push_str(&FRAGMENTS[rng.below(FRAGMENTS.len())].replace('\n', ending));
        text.push_str(ending);
    }
    if rng.below(4) == 0 {
        text.pop();
    }
    text
}

fn options() -> LintOptions {
    LintOptions {
        today: goal_lint_core::Date::new(2025, 7, 1),
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

/// The text with `edits` applied by splicing back to front (an oracle independent of
/// `apply_edits`), and the line breaks it must have: those of the untouched pieces and of the
/// inserted texts, each counted alone.
fn splice(text: &str, edits: &[Edit]) -> (String, Vec<&'static str>) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.as_range(), &e.text);
    }
    let mut expected = Vec::new();
    let mut pos = 0;
    for e in &sorted {
        expected.extend(breaks(&text[pos..e.range.start]));
        expected.extend(breaks(&e.text));
        pos = e.range.end;
    }
    expected.extend(breaks(&text[pos..]));
    (out, expected)
}

/// The outline without line numbers and suppression comments.
fn shape(text: &str, settings: &Settings) -> String {
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

fn findings(text: &str, diagnostics: &[Diagnostic]) -> HashMap<(String, String, String), usize> {
    let mut out = HashMap::new();
    for d in diagnostics {
        let key = (
            d.code().to_string(),
            d.message.clone(),
            text[d.range.as_range()].to_string(),
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn check_document(text: &str, settings: &Settings) {
    let diagnostics = lint(text, settings, &options());
    let before = findings(text, &diagnostics);
    for d in &diagnostics {
        for fix in &d.fixes {
            let refs: Vec<&Edit> = fix.edits.iter().collect();
            let (fixed, applied) = apply_edits(text, &refs);
            let (expected, expected_breaks) = splice(text, &fix.edits);
            assert_eq!(
                applied,
                fix.edits.len(),
                "{text:?}: {} not applied whole",
                d.code()
            );
            assert_eq!(
                fixed,
                expected,
                "{text:?}: {} changed text outside its edits",
                d.code()
            );
            assert_eq!(
                breaks(&fixed),
                expected_breaks,
                "{text:?}: {} {:?} changed line breaks outside its edits",
                d.code(),
                fix.title
            );
            if fix.applicability != Applicability::Safe {
                continue;
            }
            assert_eq!(
                shape(&fixed, settings),
                shape(text, settings),
                "{text:?}: safe fix {} {:?} changed the outline",
                d.code(),
                fix.title
            );
            let mut allowed = before.clone();
            *allowed
                .get_mut(&(
                    d.code().to_string(),
                    d.message.clone(),
                    text[d.range.as_range()].to_string(),
                ))
                .unwrap() -= 1;
            let after = lint(&fixed, settings, &options());
            for (key, n) in findings(&fixed, &after) {
                assert!(
                    n <= allowed.get(&key).copied().unwrap_or(0),
                    "{text:?}: safe fix {} {:?} added a finding {key:?} -> {fixed:?}",
                    d.code(),
                    fix.title
                );
            }
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
            for (key, n) in findings(&first.text, &first.remaining) {
                assert!(
                    n <= before.get(&key).copied().unwrap_or(0),
                    "{text:?}: safe fixes added a finding {key:?} -> {:?}",
                    first.text
                );
            }
        }
    }
}

#[test]
fn random_documents_fix_safely_and_converge() {
    let settings = Settings::default();
    let mut rng = Lcg(0x005e_ed0f_f1c5);
    for n in 0..DOCUMENTS {
        let text = document(&mut rng);
        if let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_document(&text, &settings)
        })) {
            eprintln!("document {n}: {text:?}");
            std::panic::resume_unwind(panic);
        }
    }
}
