//! `may_be_goal_document` lets `lint` skip the parse of ordinary Markdown. It must never skip a
//! document the full model would find goal content (or a suppression comment) in.

use std::fs;
use std::path::Path;

use goal_lint_core::GoalDocument;
use goal_lint_core::model::{DocumentOptions, may_be_goal_document};
use proptest::prelude::*;

mod common;
use common::files;

fn is_text(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "md" || x == "txt")
}

fn check(name: &str, text: &str) {
    let options = DocumentOptions::default();
    if !may_be_goal_document(text, &options) {
        let doc = GoalDocument::parse(text, &options);
        assert!(
            !doc.is_goal_document && doc.directives.is_empty(),
            "the pre-check skipped {name}, which has goal content"
        );
    }
}

#[test]
fn agrees_with_the_model_on_every_file_we_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("tests/fixtures"), &mut all);
    files(&root.join("../../../shared"), &mut all);
    all.retain(|p| is_text(p));
    let mut skipped = 0;
    for path in &all {
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        check(&path.display().to_string(), &text);
        skipped += usize::from(!may_be_goal_document(&text, &DocumentOptions::default()));
    }
    assert!(
        all.len() >= 20 && skipped > 0,
        "{} files, {skipped} skipped",
        all.len()
    );
}

/// Inputs the fuzzer or review found the pre-check wrong about.
#[test]
fn headings_the_pre_check_once_missed() {
    for text in [
        // A setext heading of several lines, the goal word on the first (found by fuzzing).
        "*1 .*Goal:** Cut p95 latency to 200ms\n  !- **Why it matters** status\n---\n",
        // Link destinations are not heading text.
        "## [Goals](https://example.com/retro)\n\n- Work on payments\n",
        // Headings inside list items and block quotes.
        "- ## Goals\n  - Work on payments\n",
        "> ## Goals\n> - Work on payments\n",
        // A setext underline written `- ` (found by fuzzing lsp_edits: the pre-check took it
        // for an empty list item and skipped the document).
        "**Quarter:** Q3 2025\n*Goal:** Grow followers\nPlot retention\r- \n",
        // A byte-order mark before the first heading (found by the hostile-input tests).
        "\u{FEFF}## Goals\n\n- Work on payments\n",
        // A character reference spells a word only once decoded.
        "## Go&#97;ls\n\n- Work on payments\n",
    ] {
        check(&format!("{text:?}"), text);
        let doc = GoalDocument::parse(text, &DocumentOptions::default());
        if doc.is_goal_document {
            assert!(
                may_be_goal_document(text, &DocumentOptions::default()),
                "{text:?}"
            );
        }
    }
}

/// A title in the front matter heads a document without a `# …` heading: YAML or TOML, any
/// case of the key, quoted or not, with a byte-order mark or CRLF line endings.
#[test]
fn a_goal_title_in_the_front_matter() {
    for text in [
        "---\ntitle: My goals for 2027\n---\n\n- Work on payments\n",
        "---\r\nTitle: \"Goals for 2027\"\r\n---\r\n\r\n- Work on payments\r\n",
        "\u{FEFF}---\ntitle: 'Q3 OKRs'\n---\n\n- Work on payments\n",
        "+++\ntitle = \"Resolutions for 2027\"\n+++\n\n- Work on payments\n",
    ] {
        let doc = GoalDocument::parse(text, &DocumentOptions::default());
        assert!(doc.is_goal_document, "{text:?}");
        assert!(
            may_be_goal_document(text, &DocumentOptions::default()),
            "{text:?}"
        );
    }
    // A title that names no goals, and a goal title under a `# …` heading of the document's
    // own, do not make a goal document.
    for text in [
        "---\ntitle: Release notes\n---\n\n- Work on payments\n",
        "---\ntitle: My goals for 2027\n---\n\n# Trip notes\n\n- Work on payments\n",
    ] {
        check(&format!("{text:?}"), text);
        assert!(
            !GoalDocument::parse(text, &DocumentOptions::default()).is_goal_document,
            "{text:?}"
        );
    }
}

/// The pre-check is what keeps ordinary Markdown cheap: every plain file we have is skipped
/// without a parse (a file it cannot decide costs a full parse; one such 2 MB file made the
/// plain corpus ten times slower).
#[test]
fn ordinary_markdown_is_skipped_without_a_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("tests/fixtures/plain"), &mut all);
    files(&root.join("../../../shared/corpus/plain"), &mut all);
    all.retain(|p| is_text(p));
    assert!(all.len() >= 4);
    for path in &all {
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        assert!(
            !may_be_goal_document(&text, &DocumentOptions::default()),
            "{} is parsed",
            path.display()
        );
    }
    for text in [
        // Long front matter is not a setext heading.
        "---\nlayout: post\ntitle: Hello\na: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n---\n# Post\n",
        // Character references that spell no goal word.
        "## Copyright &copy; 2000\n## Copyright &COPY; &#169; &#x000A9;\n",
    ] {
        assert!(
            !may_be_goal_document(text, &DocumentOptions::default()),
            "{text:?}"
        );
    }
    // A reference the pre-check cannot decode: the parse decides.
    assert!(may_be_goal_document(
        "## &zwnj;Notes\n",
        &DocumentOptions::default()
    ));
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Q3 Goals".to_string()),
        Just("Goals".to_string()),
        Just("=====".to_string()),
        Just("-----".to_string()),
        Just("### **Actions This Quarter**".to_string()),
        Just("# Installation".to_string()),
        Just("- Work on payments".to_string()),
        Just("1. **Goal:** Ship it".to_string()),
        Just("   KR: 20% more".to_string()),
        Just("> ## Objectives".to_string()),
        Just("```".to_string()),
        Just("<!-- goal-lint-disable GL001 -->".to_string()),
        Just("---".to_string()),
        Just("goal-lint: okr".to_string()),
        Just("*1 .*Goal:** Cut p95 latency".to_string()),
        Just("- ## [Goals](https://example.com/retro)".to_string()),
        Just("> Q3 \\Goals".to_string()),
        Just("Status".to_string()),
        Just("- ".to_string()),
        Just("> - ".to_string()),
        Just("\u{a0}".to_string()),
        Just("## Go&#97;ls &amp; &copy;".to_string()),
        Just(String::new()),
        "[A-Za-z #*:>-]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn agrees_with_the_model_on_generated_documents(lines in proptest::collection::vec(line(), 0..14), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        check(&format!("{text:?}"), &text);
    }
}
