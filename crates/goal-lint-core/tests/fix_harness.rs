//! `--fix` over a few thousand random goal documents, built from fragments of real ones
//! (headings, goals, key results, fields, suppression comments, an unclosed `<!--`, front
//! matter) with mixed line endings, from fixed seeds. For every fix offered and for whole
//! runs in each mode:
//!
//! - nothing outside the fix's edits changes, and no line break outside them either (a lone
//!   `\r` never meets a `\n`);
//! - a safe fix keeps the document's outline and adds no finding;
//! - a second run changes nothing.
//!
//! Suppression-heavy documents too (many comments, side by side, at the ends of lines, in
//! runs, inside an unclosed `<!--`), where each unused comment offers a safe removal: their
//! vetting re-checks most removals without a parse, so it must agree with the whole re-lint
//! `check_fixes` does for each, and its whole lints stay under a bound that does not depend on
//! how many comments there are.
//!
//! The properties are the `fixes` fuzz target's (`fuzz/src/core_checks.rs`, included by path).

#[allow(dead_code)]
#[path = "../../../fuzz/src/core_checks.rs"]
mod core_checks;

use goal_lint_core::lint::vetting_lints;
use goal_lint_core::{Applicability, Date, LintOptions, lint};

const DOCUMENTS: u64 = 3_000;

/// The date `check_fixes` lints with.
fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2025-07-01"),
    }
}

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
    // Unicode spaces inside a label's markup, as a paste from a word processor brings.
    "1. **Goal:\u{a0}** Ship payments v2 by Week 6",
    "## **Goal:\u{2028}** Work on search",
    "__Goal:\u{3000}__ Improve onboarding",
    "  - **Why it matters:\u{202f}** churn",
    "- **Goal\u{2009}:** TBD",
];

/// Comments, and what they sit next to, for the suppression-heavy documents.
const SUPPRESSIONS: &[&str] = &[
    "<!-- goal-lint-enable GL001 -->",
    "<!-- goal-lint-enable -->",
    "<!-- goal-lint-disable GL002 -->",
    "<!-- goal-lint-enable GL002 -->",
    "<!-- goal-lint-disable-next-line GL001 -->",
    "<!-- goal-lint-disable-line GL001 -->",
    "<!-- goal-lint-disable-file GL104 -->",
    "  <!-- goal-lint-enable GL001 -->",
    "   <!-- goal-lint-disable-next-line -->",
    "<!-- goal-lint-enable GL001 --> <!-- goal-lint-enable GL003 -->",
    "- Ship payments v2 by Week 8 <!-- goal-lint-disable-line GL001 -->",
    "- Work on payments <!-- goal-lint-disable-line GL001 -->",
    "  - KR: 100% of transactions <!-- goal-lint-enable -->",
    "Title",
    "---",
    "===",
    "    indented",
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

/// A document of goal fragments where most lines are suppression comments.
fn suppression_heavy(rng: &mut Lcg) -> String {
    let mut text = String::new();
    let ending = ENDINGS[rng.below(ENDINGS.len())];
    for _ in 0..4 + rng.below(28) {
        let fragment = if rng.below(3) == 0 {
            FRAGMENTS[rng.below(FRAGMENTS.len())]
        } else {
            SUPPRESSIONS[rng.below(SUPPRESSIONS.len())]
        };
        // Mostly one line ending per document, sometimes another.
        let ending = if rng.below(8) == 0 {
            ENDINGS[rng.below(ENDINGS.len())]
        } else {
            ending
        };
        text.push_str(&fragment.replace('\n', ending));
        text.push_str(ending);
    }
    text
}

/// Whole lints a vetting may run however many fixes it vets: all together, then at most 8
/// fixes alone and 8 one by one after those kept (`fix.rs`, `MAX_TRIED`), and those kept together.
const MAX_WHOLE_LINTS: usize = 18;

#[test]
fn suppression_heavy_documents_fix_safely_with_bounded_vetting() {
    let variants = core_checks::settings_variants();
    let mut rng = Lcg(0x5a_c0ff_ee00);
    for n in 0..DOCUMENTS / 8 {
        let text = suppression_heavy(&mut rng);
        let settings = &variants[(n % 2) as usize];
        if let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let before = vetting_lints();
            let found = lint(&text, settings, &options());
            let lints = vetting_lints() - before;
            let safe = found
                .iter()
                .filter(|d| {
                    d.fixes
                        .iter()
                        .any(|f| f.applicability == Applicability::Safe)
                })
                .count();
            assert!(
                lints <= MAX_WHOLE_LINTS,
                "{lints} whole lints to vet {safe} safe fixes"
            );
            core_checks::check_fixes(&text, settings);
        })) {
            eprintln!("suppression-heavy document {n}: {text:?}");
            std::panic::resume_unwind(panic);
        }
    }
}

/// Default settings and, every other document, settings that make the whole file goal content.
#[test]
fn random_documents_fix_safely_and_converge() {
    let variants = core_checks::settings_variants();
    let mut rng = Lcg(0x005e_ed0f_f1c5);
    for n in 0..DOCUMENTS {
        let text = document(&mut rng);
        let settings = &variants[(n % 2) as usize];
        if let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            core_checks::check_fixes(&text, settings)
        })) {
            eprintln!("document {n}: {text:?}");
            std::panic::resume_unwind(panic);
        }
    }
}
