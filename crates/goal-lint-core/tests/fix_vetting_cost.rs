//! Vetting safe fixes costs whole lints that do not grow with the number of fixes (issue 22,
//! item 2): a plan with N unused suppression comments (each offering a safe removal) was
//! re-linted once per comment, so 32 of them made a 1 MB plan lint 30 times slower. The cost
//! is counted, not timed: `lint::vetting_lints` counts the texts parsed and linted to vet
//! fixes on this thread.

mod common;

use goal_lint_core::fix::{FixMode, fix_text};
use goal_lint_core::lint::vetting_lints;
use goal_lint_core::{Applicability, Diagnostic, Settings, lint};

/// Where an unused comment goes: on a line of its own between entries, at the end of an
/// entry's line, in a run of comment lines, after a blank line.
const PLACES: usize = 4;

/// A plan of `goals` goals with an unused suppression comment after each of the first `n`.
fn plan(goals: usize, n: usize) -> String {
    let mut text = String::from("# Payments plan — Q3 2025\n\n## Goals\n\n");
    for g in 0..goals {
        text.push_str(&format!(
            "- **Goal:** Ship payments v{g} to 100% of EU transactions by Week 8\n  - **Why it matters:** checkout errors cost 2% of revenue\n  - **Success looks like:** error rate below 0.1% by Week 10\n"
        ));
        if g < n {
            match g % PLACES {
                0 => text.push_str("<!-- goal-lint-enable GL001 -->\n"),
                1 => {
                    text.pop();
                    text.push_str(" <!-- goal-lint-disable-line vague-goal -->\n");
                }
                2 => text
                    .push_str("<!-- goal-lint-enable GL001 -->\n<!-- goal-lint-enable GL002 -->\n"),
                _ => text.push_str("\n<!-- goal-lint-disable-next-line GL001 -->\n\n"),
            }
        }
    }
    text.push_str("\n## Actions This Quarter\n\n- Migrate the EU merchants (Week 2-4)\n");
    text
}

/// The whole lints one `lint` of `text` runs to vet its fixes, and its findings.
fn lint_counted(text: &str) -> (usize, Vec<Diagnostic>) {
    let before = vetting_lints();
    let found = lint(text, &Settings::default(), &common::options());
    (vetting_lints() - before, found)
}

fn safe_fixes(found: &[Diagnostic]) -> usize {
    found
        .iter()
        .filter(|d| {
            d.fixes
                .iter()
                .any(|f| f.applicability == Applicability::Safe)
        })
        .count()
}

#[test]
fn whole_lints_do_not_grow_with_unused_suppressions() {
    let (none, found) = lint_counted(&plan(80, 0));
    assert_eq!(none, 0, "nothing to vet, no whole lint");
    assert_eq!(safe_fixes(&found), 0);
    let mut counts = Vec::new();
    for n in [1, 2, 4, 8, 16, 32, 64] {
        let text = plan(80, n);
        let (lints, found) = lint_counted(&text);
        let comments = text.matches("<!-- goal-lint").count();
        let unused = found
            .iter()
            .filter(|d| d.name() == "unused-suppression")
            .count();
        assert_eq!(unused, comments, "{n}: every comment is unused");
        // Every removal stays safe: the cost is not cut by giving up on fixes.
        assert_eq!(safe_fixes(&found), comments, "{n}: {found:#?}");
        counts.push((n, lints));
    }
    assert!(
        counts.iter().all(|&(_, lints)| lints == 1),
        "whole lints per vetting, by number of comments: {counts:?}"
    );
}

/// The same in `--fix`: each pass lints once and vets once, whatever the number of comments.
#[test]
fn fixing_removes_every_unused_comment_with_few_lints() {
    let text = plan(40, 40);
    let before = vetting_lints();
    let fixed = fix_text(
        &text,
        &Settings::default(),
        &common::options(),
        FixMode::default(),
    );
    let lints = vetting_lints() - before;
    // Each comment gone: a line of its own whole, one at the end of a line with its space.
    let expected: String = text
        .lines()
        .filter(|l| !l.starts_with("<!--"))
        .map(|l| format!("{}\n", l.split(" <!--").next().unwrap_or(l)))
        .collect();
    assert!(fixed.text == expected, "{:?}", fixed.text);
    assert_eq!(fixed.applied, text.matches("<!-- goal-lint").count());
    // One vetting for the first pass, one for the lint after it.
    assert!(lints <= 2, "{lints} whole lints to vet");
}

/// Comments at the ends of one-line entries, one after another: each entry's marker ends
/// what the removal before it can reach.
#[test]
fn comments_ending_consecutive_entries_need_one_whole_lint() {
    let text: String = std::iter::once("## Goals\n\n".to_string())
        .chain((0..300).map(|i| {
            format!("- Ship payments v{i} by Week 8 <!-- goal-lint-disable-line GL001 -->\n")
        }))
        .collect();
    let (lints, found) = lint_counted(&text);
    assert_eq!(safe_fixes(&found), 300);
    assert_eq!(lints, 1);
}
