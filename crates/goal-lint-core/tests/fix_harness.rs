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
//! The properties are the `fixes` fuzz target's (`fuzz/src/core_checks.rs`, included by path).

#[allow(dead_code)]
#[path = "../../../fuzz/src/core_checks.rs"]
mod core_checks;

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
    // Unicode spaces inside a label's markup, as a paste from a word processor brings.
    "1. **Goal:\u{a0}** Ship payments v2 by Week 6",
    "## **Goal:\u{2028}** Work on search",
    "__Goal:\u{3000}__ Improve onboarding",
    "  - **Why it matters:\u{202f}** churn",
    "- **Goal\u{2009}:** TBD",
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
