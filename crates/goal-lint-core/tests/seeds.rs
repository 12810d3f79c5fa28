//! The five seed documents (`../shared/seeds`, real handbook pages and templates goal-lint was
//! designed from): what the model understood of each (a snapshot of its outline) and the
//! findings each must produce. Skipped when the seeds are not beside the repository.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use goal_lint_core::config::Settings;
use goal_lint_core::{Date, GoalDocument, LintOptions, lint};

fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    dir.is_dir().then_some(dir)
}

fn seed(prefix: &str) -> Option<String> {
    let dir = seeds_dir()?;
    let entry = fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))?;
    Some(fs::read_to_string(entry).unwrap())
}

/// `(line, code, source text at the range)` of every diagnostic.
fn findings(text: &str) -> Vec<(usize, &'static str, String)> {
    let options = LintOptions {
        today: Date::parse_iso("2026-11-21"),
    };
    let index = goal_lint_core::line_index::LineIndex::new(text);
    lint(text, &Settings::default(), &options)
        .into_iter()
        .map(|d| {
            (
                index.line_of(d.range.start) + 1,
                d.code(),
                text[d.range.as_range()].to_string(),
            )
        })
        .collect()
}

fn has(found: &[(usize, &str, String)], code: &str, snippet: &str) -> bool {
    found
        .iter()
        .any(|(_, c, t)| *c == code && t.contains(snippet))
}

#[test]
fn model_outlines() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/seeds not found: skipping the seed snapshots");
        return;
    };
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "five seeds");
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        let doc = GoalDocument::parse(&text, &Default::default());
        assert!(
            doc.is_goal_document,
            "{} is a goal document",
            path.display()
        );
        let name = path.file_name().unwrap().to_string_lossy()[..3].to_string();
        insta::assert_snapshot!(
            format!("seed-{name}-outline"),
            doc.outline_with_width(&text, 40)
        );
    }
}

#[test]
fn product_goals_000() {
    let Some(text) = seed("000_") else { return };
    let found = findings(&text);
    assert!(has(&found, "GL201", "TODO"));
    assert!(has(&found, "GL201", "x%"));
    assert!(has(&found, "GL201", "Coming soon"));
    assert!(has(&found, "GL001", "Great handle on our numbers"));
    // Measurable goals beside the vague ones are left alone.
    assert!(
        !found
            .iter()
            .any(|(_, c, t)| *c == "GL001" && t.contains("< 20% of my time"))
    );
}

#[test]
fn planning_review_process_001() {
    let Some(text) = seed("001_") else { return };
    // A page that describes the review's sections: no goals in it, nothing to flag.
    assert_eq!(findings(&text), vec![]);
}

#[test]
fn quarterly_template_002() {
    let Some(text) = seed("002_") else { return };
    // The template as published: nothing filled in yet, so one notice, not one per slot.
    let found = findings(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "GL201");
    assert!(found[0].2.contains("Q[X] 20XX"), "{found:?}");

    // A copy being filled in: the quarter, the person and the first goal are in; each slot
    // still left is reported on its own line.
    let copy = text
        .replacen("Q[X] 20XX", "Q3 2026", 1)
        .replacen("**Person:**\n", "**Person:** Sam Lee\n", 1)
        .replacen(
            "**Goal:** One liner - verb + noun + outcome",
            "**Goal:** Ship the partner API to 3 partners by Week 10",
            1,
        );
    let found = findings(&copy);
    assert!(!has(&found, "GL201", "Q[X] 20XX"), "{found:?}");
    assert!(has(&found, "GL201", "One liner"), "{found:?}");
    assert!(
        has(&found, "GL201", "Action 1 (Week X-Y or Month)"),
        "{found:?}"
    );
    assert!(found.len() > 10, "{found:?}");
    // The quoted counter-examples ("not 'work on payments'") illustrate; they are not goals.
    assert!(!found.iter().any(|(_, c, _)| *c == "GL001"), "{found:?}");
    // The three filled-in examples are good plans: nothing but template slots is flagged.
    let first_example = copy.find("## Example").unwrap();
    let example_line = copy[..first_example].lines().count();
    let in_examples: Vec<_> = found.iter().filter(|(l, _, _)| *l > example_line).collect();
    assert!(in_examples.is_empty(), "{in_examples:?}");
}

#[test]
fn okr_page_003() {
    let Some(text) = seed("003_") else { return };
    let found = findings(&text);
    assert!(has(&found, "GL201", "Objective"));
    assert!(has(&found, "GL201", "Key result"));
    assert!(has(&found, "GL201", "TO DO"));
    assert!(has(&found, "GL201", "$X"));
    assert!(found.iter().any(|(l, c, t)| {
        *c == "GL201"
            && t == "X"
            && text
                .lines()
                .nth(l - 1)
                .unwrap()
                .contains("Lower build times")
    }));
    assert!(has(&found, "GL003", "Keep roadmap up to date."));
    // Ten objectives, but of five owners (CEO, Product, VP Eng, …), none with more than three.
    assert!(!found.iter().any(|(_, c, _)| *c == "GL005"), "{found:?}");
    // Measurable key results pass.
    assert!(!has(&found, "GL003", "15%+ response rate"));
    assert!(!has(&found, "GL003", "close 3 Tier 1 deals"));
}

#[test]
fn career_plan_004() {
    let Some(text) = seed("004_") else { return };
    let found = findings(&text);
    assert!(has(
        &found,
        "GL003",
        "Get positive feedback from cross-functional partners"
    ));
    assert!(has(
        &found,
        "GL003",
        "Get feedback that I'm thinking bigger picture"
    ));
    assert!(has(&found, "GL501", "Mobile Platform Strategy"));
    // Its actions carry no timing convention (a few have a quarter or a cadence, most have
    // nothing, and no template asks for weeks): none is asked for a week range.
    assert!(!found.iter().any(|f| f.1 == "GL101"), "{found:?}");
    assert!(!has(
        &found,
        "GL003",
        "Present to exec team at least once per quarter"
    ));
    assert!(!has(&found, "GL003", "Write 3+ strategy memos"));
    // The done action needs no date.
    assert!(!has(&found, "GL101", "Mobile launch"));
}
