//! Ordinary Markdown (a README, a changelog, API docs, meeting notes) produces no goal
//! diagnostics, even where it says "improve", "TODO", "goal" or "Week 1".

use std::fs;
use std::path::Path;

use goal_lint_core::config::Settings;
use goal_lint_core::{GoalDocument, LintOptions, lint};

#[test]
fn plain_markdown_is_left_alone() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let doc = GoalDocument::parse(&text, &Default::default());
        assert!(
            !doc.is_goal_document,
            "{} taken for a goal document",
            path.display()
        );
        let diagnostics = lint(&text, &Settings::default(), &LintOptions::default());
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:#?}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 4);
}

#[test]
fn opting_in_makes_plain_lists_goals() {
    let text = "---\ngoal-lint: goals\n---\n\n- Work on payments\n";
    let diagnostics = lint(text, &Settings::default(), &LintOptions::default());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code(), "GL001");
    let off = "---\ngoal-lint: off\n---\n\n## Goals\n\n- Work on payments\n";
    assert!(lint(off, &Settings::default(), &LintOptions::default()).is_empty());
}
