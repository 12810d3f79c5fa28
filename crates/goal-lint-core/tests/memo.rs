//! A lint that reuses a memo across edits (as the language server does, with an edited tree
//! and incremental reparse) gives, after every edit, exactly what a fresh lint of the text
//! gives: the same model outline and the same diagnostics, fixes included.

use std::path::Path;

use goal_lint_core::config::Settings;
use goal_lint_core::syntax::{MarkdownParser, SyntaxTree};
use goal_lint_core::{Date, GoalDocument, LintOptions, Memo, TextRange, lint, lint_document_with};

/// One open document, linted after each edit the way the server does it.
struct Editor {
    text: String,
    parser: MarkdownParser,
    tree: Option<SyntaxTree>,
    memo: Memo,
}

impl Editor {
    fn new(text: &str) -> Editor {
        Editor {
            text: text.to_string(),
            parser: MarkdownParser::new(),
            tree: None,
            memo: Memo::new(),
        }
    }

    fn edit(&mut self, range: TextRange, insert: &str) {
        if let Some(tree) = &mut self.tree {
            tree.edit(&self.text, range, insert);
        }
        self.text.replace_range(range.as_range(), insert);
    }

    /// Lint with the memo and check it against a fresh lint.
    fn check(&mut self, settings: &Settings, options: &LintOptions, what: &str) {
        let tree = self.parser.parse(&self.text, self.tree.as_ref());
        let doc = GoalDocument::build_with(
            &self.text,
            tree.as_ref(),
            &mut self.parser,
            &settings.document,
            &self.memo,
        );
        let cached = lint_document_with(&doc, &self.text, settings, options, &self.memo);
        self.tree = tree;
        let fresh_doc = GoalDocument::parse(&self.text, &settings.document);
        assert_eq!(
            doc.outline(&self.text),
            fresh_doc.outline(&self.text),
            "model after {what}"
        );
        // Every field of every section and entry, offsets and numbering included.
        assert_eq!(
            format!("{doc:?}"),
            format!("{fresh_doc:?}"),
            "model after {what}"
        );
        let fresh = if goal_lint_core::model::may_be_goal_document(&self.text, &settings.document) {
            lint(&self.text, settings, options)
        } else {
            // `lint` skips a text the pre-check rules out; the server builds its model anyway.
            goal_lint_core::lint_document(&fresh_doc, &self.text, settings, options)
        };
        assert_eq!(cached, fresh, "diagnostics after {what}:\n{}", self.text);
    }
}

fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2025-07-01"),
    }
}

/// The byte offset of the start of line `n` (or the end of the text).
fn line_start(text: &str, n: usize) -> usize {
    text.split_inclusive('\n').take(n).map(str::len).sum()
}

const PLAN: &str = "# Team plan\n\n**Quarter:** Q3 2025\n\n## Goals\n\n1. **Goal:** Ship payments v2 to 100% of transactions by Week 8\n   - **Why it matters:** unblocks 10 enterprise deals\n   - **Success looks like:** p95 under 300ms\n2. **Goal:** Work on the design system\n   - **Why it matters:** consistency\n\n## Actions This Quarter\n\n- Migrate Stripe (Week 1-4)\n- Improve onboarding\n\n## Support Needed\n\n- More support\n";

#[test]
fn edits_to_a_plan_give_what_a_fresh_lint_gives() {
    let settings = Settings::default();
    let options = options();
    let mut ed = Editor::new(PLAN);
    ed.check(&settings, &options, "opening");
    // Type a vague goal letter by letter at the end of the goals list.
    let at = PLAN.find("\n## Actions").unwrap();
    ed.edit(TextRange::empty(at), "\n3. **Goal:** ");
    ed.check(&settings, &options, "a new goal label");
    let mut at = at + "\n3. **Goal:** ".len();
    for c in "Help with hiring".chars() {
        ed.edit(TextRange::empty(at), &c.to_string());
        at += c.len_utf8();
        ed.check(&settings, &options, &format!("typing {c:?}"));
    }
    // Template text, then removed.
    ed.edit(TextRange::empty(at), " TODO Q[X] 20XX");
    ed.check(&settings, &options, "template text");
    ed.edit(TextRange::new(at, at + " TODO Q[X] 20XX".len()), "");
    ed.check(&settings, &options, "template text removed");
    // A heading that turns the actions into goals, then back.
    let h = ed.text.find("## Actions This Quarter").unwrap();
    ed.edit(
        TextRange::new(h, h + "## Actions This Quarter".len()),
        "## Q3 goals",
    );
    ed.check(&settings, &options, "a section renamed to goals");
    let h = ed.text.find("## Q3 goals").unwrap();
    ed.edit(
        TextRange::new(h, h + "## Q3 goals".len()),
        "## Actions This Quarter",
    );
    ed.check(&settings, &options, "renamed back");
    // A sub-heading splits a section; a heading level changes the section tree.
    let s = ed.text.find("- Improve onboarding").unwrap();
    ed.edit(TextRange::empty(s), "### Later\n\n");
    ed.check(&settings, &options, "a sub-heading");
    let s = ed.text.find("### Later").unwrap();
    ed.edit(TextRange::new(s, s + 3), "#");
    ed.check(&settings, &options, "a sub-heading made a top heading");
    // A list item turned into a paragraph and back (a block-structure change).
    let s = ed.text.find("- Migrate Stripe").unwrap();
    ed.edit(TextRange::new(s, s + 2), "");
    ed.check(&settings, &options, "a list marker removed");
    ed.edit(TextRange::empty(s), "- ");
    ed.check(&settings, &options, "a list marker restored");
    // A suppression comment, an edit inside a code fence, a whole-text replacement.
    let s = line_start(&ed.text, 3);
    ed.edit(
        TextRange::empty(s),
        "<!-- goal-lint-disable vague-goal -->\n",
    );
    ed.check(&settings, &options, "a suppression comment");
    let end = ed.text.len();
    ed.edit(TextRange::empty(end), "\n```\n- Work on nothing\n```\n");
    ed.check(&settings, &options, "a code block");
    let all = ed.text.len();
    ed.edit(TextRange::new(0, all), PLAN);
    ed.check(&settings, &options, "the whole text replaced");
}

#[test]
fn a_document_changing_kind_gives_what_a_fresh_lint_gives() {
    let settings = Settings::default();
    let options = options();
    // Not a goal document, then one (a goals heading), a template, a guide, a plan again.
    let mut ed = Editor::new("# Notes\n\nSome text.\n\n- Work on payments\n- Improve things\n");
    ed.check(&settings, &options, "plain notes");
    let end = ed.text.len();
    ed.edit(
        TextRange::empty(end),
        "\n## Q3 goals\n\n- Work on payments\n",
    );
    ed.check(&settings, &options, "a \"## Q3 goals\" heading added");
    let end = ed.text.len();
    ed.edit(
        TextRange::empty(end),
        "- [Goal]\n- Q[X] 20XX: [metric]\n- TODO\n- TBD\n",
    );
    ed.check(&settings, &options, "template slots");
    ed.edit(TextRange::new(0, "# Notes".len()), "# How to write goals");
    ed.check(&settings, &options, "a guide title");
    ed.edit(TextRange::new(0, "# How to write goals".len()), "# Notes");
    ed.check(&settings, &options, "the title back");
    let s = ed.text.find("## Q3 goals").unwrap();
    ed.edit(TextRange::new(s, s + "## Q3 goals".len()), "## Q3 notes");
    ed.check(&settings, &options, "the goals heading renamed away");
    // Front matter that opts the file in, then out.
    ed.edit(TextRange::empty(0), "---\ngoal-lint: okr\n---\n");
    ed.check(&settings, &options, "front matter opt-in");
    ed.edit(TextRange::new(15, 18), "off");
    ed.check(&settings, &options, "front matter opt-out");
}

#[test]
fn changed_settings_give_what_a_fresh_lint_gives() {
    let options = options();
    let mut ed = Editor::new(PLAN);
    let plain = Settings::default();
    ed.check(&plain, &options, "default settings");
    let extra = goal_lint_core::Config::from_toml(
        "[rules.vague-goal]\nextra-vague-verbs = [\"migrate\", \"ship\"]\n",
    )
    .unwrap()
    .settings_for(None);
    assert_ne!(extra, plain);
    ed.check(&extra, &options, "extra vague verbs");
    ed.check(&plain, &options, "extra vague verbs gone");
}

/// Random edits (fixed seed) to each file: a character, a heading, a list marker, a label or
/// template text typed at the start of a line, then taken back or the line deleted.
fn random_edits(files: &[std::path::PathBuf], edits: usize) -> (u64, u64) {
    let settings = Settings::default();
    let options = options();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let inserts = [
        "x",
        "#",
        "- ",
        "## Q3 goals\n",
        "**Goal:** ",
        "TODO ",
        "\n",
        "1. Work on it\n",
        "### KR1: ship it\n",
    ];
    let (mut hits, mut misses) = (0, 0);
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut ed = Editor::new(&text);
        ed.check(&settings, &options, &name);
        for _ in 0..edits {
            let lines = ed.text.lines().count().max(1);
            let line = (next() as usize) % lines;
            let at = line_start(&ed.text, line).min(ed.text.len());
            if !ed.text.is_char_boundary(at) {
                continue;
            }
            let insert = inserts[(next() as usize) % inserts.len()];
            ed.edit(TextRange::empty(at), insert);
            ed.check(
                &settings,
                &options,
                &format!("{name}: {insert:?} at line {line}"),
            );
            if next() % 2 == 0 {
                ed.edit(TextRange::new(at, at + insert.len()), "");
                ed.check(
                    &settings,
                    &options,
                    &format!("{name}: {insert:?} taken back"),
                );
            } else {
                // Delete the line the insert went into.
                let end = ed.text[at..]
                    .find('\n')
                    .map_or(ed.text.len(), |i| at + i + 1);
                ed.edit(TextRange::new(at, end), "");
                ed.check(&settings, &options, &format!("{name}: line {line} deleted"));
            }
        }
        let (h, m) = ed.memo.stats();
        hits += h;
        misses += m;
    }
    (hits, misses)
}

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    files
}

#[test]
fn edits_to_every_document_fixture_give_what_a_fresh_lint_gives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = markdown_files(&root.join("tests/fixtures/documents"));
    assert!(files.len() > 10);
    let (hits, misses) = random_edits(&files, 12);
    // The memo is used: most of what an edit leaves alone is looked up.
    assert!(hits > misses, "{hits} hits, {misses} misses");
}

/// The real documents of the shared corpus (`../shared/corpus/docs`), when it is there.
#[test]
fn edits_to_the_corpus_give_what_a_fresh_lint_gives() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/docs");
    let files = markdown_files(&dir);
    if files.is_empty() {
        eprintln!("../shared/corpus/docs not found: skipping");
        return;
    }
    random_edits(&files, 3);
}

/// A long plan (the same sections over and over, as in `bench/lsp_latency.py`) edited in the
/// middle: sections after the edit are moved and renumbered.
#[test]
fn edits_in_the_middle_of_a_long_plan_give_what_a_fresh_lint_gives() {
    let settings = Settings::default();
    let options = options();
    let mut text = String::new();
    for q in 0..20 {
        text.push_str(&PLAN.replace("# Team plan", &format!("# Plan {q}")));
        text.push_str("\n### O1: Make deploys boring\n\n### KR1: deploys under 10 minutes\n\n");
    }
    let mut ed = Editor::new(&text);
    ed.check(&settings, &options, "opening");
    let middle = line_start(&ed.text, ed.text.lines().count() / 2);
    for (i, insert) in ["x", "- ", "## Goals\n", "**Why it matters:** ", "é"]
        .iter()
        .enumerate()
    {
        ed.edit(TextRange::empty(middle), insert);
        ed.check(&settings, &options, &format!("edit {i}: {insert:?}"));
        ed.edit(TextRange::new(middle, middle + insert.len()), "");
        ed.check(&settings, &options, &format!("edit {i} taken back"));
    }
    let (hits, misses) = ed.memo.stats();
    assert!(hits > 4 * misses, "{hits} hits, {misses} misses");
}
