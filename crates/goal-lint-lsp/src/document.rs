//! An open document: its text, line index and syntax tree, kept in step with incremental
//! edits, and the results of its latest lint.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use goal_lint_core::line_index::{LineIndex, Position, PositionEncoding};
use goal_lint_core::syntax::{MarkdownParser, SyntaxTree};
use goal_lint_core::{
    Diagnostic, GoalDocument, LintOptions, Memo, Settings, TextRange, lint_document_with,
};

/// One change of a `textDocument/didChange` notification, in the negotiated encoding.
#[derive(Clone, Debug)]
pub struct Change {
    /// `None`: the whole text is replaced.
    pub range: Option<(Position, Position)>,
    pub text: String,
}

/// The result of linting one version of a document.
pub struct Linted {
    pub version: i32,
    /// The effective configuration it was linted with (see `server::Effective::key`).
    pub key: u64,
    pub model: GoalDocument,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the text was not analysed (a goal document over `max-file-size`).
    pub skipped: Option<String>,
    /// Where the time went (for `bench/lsp_latency.py`).
    pub timings: Timings,
}

/// How long each stage of one lint took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// tree-sitter: incremental reparse of the edited tree (or a full parse).
    pub parse: std::time::Duration,
    /// Building the goal model (inline parsing included).
    pub model: std::time::Duration,
    /// Running the rules.
    pub analysis: std::time::Duration,
}

pub struct Document {
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
    parser: MarkdownParser,
    /// The syntax tree of `text` as last parsed and edited since; `None` forces a full parse.
    tree: Option<SyntaxTree>,
    /// What the core keeps from one lint of this document to the next (see
    /// `goal_lint_core::memo`): a keystroke re-analyses only the text it changed. Made at the
    /// first edit: a document only opened (to read, or by the workspace report) is linted
    /// once and does not keep one (that lint uses a memo of its own, dropped after it).
    memo: Option<Memo>,
    /// The memo the last lint made for itself (a document with no memo of its own), kept so
    /// that the caller can drop it after answering ([`Document::take_spent_memo`]): freeing
    /// its tables is no part of the lint's result.
    spent_memo: Option<Memo>,
    pub linted: Option<Arc<Linted>>,
    /// [`Document::text_hash`] of this version, once asked for.
    text_hash: Option<u64>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            index: LineIndex::new(&text),
            text,
            version,
            parser: MarkdownParser::new(),
            tree: None,
            memo: None,
            spent_memo: None,
            linted: None,
            text_hash: None,
        }
    }

    /// A hash of the text, computed once per version: with the configuration key it names
    /// the diagnostics of a pull (see `server::result_id`), which the version cannot (a
    /// document closed and opened again starts over with any text under any version).
    pub fn text_hash(&mut self) -> u64 {
        *self.text_hash.get_or_insert_with(|| hash_text(&self.text))
    }

    /// Apply the changes of one notification in order; returns the byte range each replaced.
    /// Positions outside the text are clamped (the specification says a character past the
    /// end of a line means the end of the line).
    pub fn apply(
        &mut self,
        changes: &[Change],
        version: i32,
        encoding: PositionEncoding,
    ) -> Vec<TextRange> {
        let mut applied = Vec::with_capacity(changes.len());
        self.memo.get_or_insert_with(Memo::new);
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text.clone();
                    self.tree = None;
                    applied.push(TextRange::new(0, self.text.len()));
                }
                Some((start, end)) => {
                    let a = self.index.offset(&self.text, start, encoding);
                    let b = self.index.offset(&self.text, end, encoding);
                    let range = TextRange::new(a.min(b), a.max(b));
                    if let Some(tree) = &mut self.tree {
                        tree.edit(&self.text, range, &change.text);
                    }
                    self.text.replace_range(range.as_range(), &change.text);
                    applied.push(range);
                }
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
        self.linted = None;
        self.text_hash = None;
        applied
    }

    /// The memo the last lint made for itself and no longer needs, if any: the caller drops it
    /// when it suits (after answering), else the next lint or the document drops it.
    pub fn take_spent_memo(&mut self) -> Option<Memo> {
        self.spent_memo.take()
    }

    /// Parse (incrementally when possible), build the model and lint the current text.
    /// [`Document::lint_keyed`] with key 0: for callers that never change the settings.
    pub fn lint(&mut self, settings: &Settings, options: &LintOptions) -> Arc<Linted> {
        self.lint_keyed(settings, options, 0)
    }

    /// `key` names the effective configuration (settings and date): a cached lint is reused
    /// only for the same text and the same key.
    pub fn lint_keyed(
        &mut self,
        settings: &Settings,
        options: &LintOptions,
        key: u64,
    ) -> Arc<Linted> {
        if let Some(linted) = &self.linted
            && linted.version == self.version
            && linted.key == key
        {
            return Arc::clone(linted);
        }
        if let Some(reason) = settings.too_large(&self.text) {
            // No tree or memo is kept either: their memory is what the limit is for.
            self.tree = None;
            self.memo = None;
            let model = GoalDocument::build(&self.text, None, &mut self.parser, &settings.document);
            let linted = Arc::new(Linted {
                version: self.version,
                key,
                model,
                diagnostics: Vec::new(),
                skipped: Some(reason),
                timings: Timings::default(),
            });
            self.linted = Some(Arc::clone(&linted));
            return linted;
        }
        let started = std::time::Instant::now();
        // A document only opened keeps no memo, but its lint uses one of its own: the same
        // text met twice in one lint (a label repeated in every entry, an entry's text that
        // the model and then the rules read for timeframes and placeholders) is analysed once.
        let mut for_this_lint = None;
        let memo = match &self.memo {
            Some(memo) => memo,
            None => for_this_lint.insert(Memo::new()),
        };
        let tree = self.parser.parse(&self.text, self.tree.as_ref());
        let parsed = std::time::Instant::now();
        let model = GoalDocument::build_with(
            &self.text,
            tree.as_ref(),
            &mut self.parser,
            &settings.document,
            memo,
        );
        let built = std::time::Instant::now();
        let diagnostics = lint_document_with(&model, &self.text, settings, options, memo);
        let timings = Timings {
            parse: parsed - started,
            model: built - parsed,
            analysis: built.elapsed(),
        };
        self.tree = tree;
        self.spent_memo = for_this_lint;
        let linted = Arc::new(Linted {
            version: self.version,
            key,
            model,
            diagnostics,
            skipped: None,
            timings,
        });
        self.linted = Some(Arc::clone(&linted));
        linted
    }
}

/// The hash behind [`Document::text_hash`], for text that is not an open document (a file
/// read from disk for `workspace/diagnostic`).
pub fn hash_text(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::*;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> Change {
        Change {
            range: Some((Position::new(sl, sc), Position::new(el, ec))),
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16_on_an_emoji_line() {
        let mut doc = Document::new("## Goals\n\n- ⭐️ Ship it\n".into(), 1);
        // "- ⭐️ " is 5 UTF-16 units: insert "v2 " before "Ship".
        doc.apply(&[change(2, 5, 2, 5, "the ")], 2, Utf16);
        assert_eq!(doc.text, "## Goals\n\n- ⭐️ the Ship it\n");
        doc.apply(
            &[
                change(2, 9, 2, 18, "payments v2"),
                change(0, 3, 0, 8, "Q3 Goals"),
            ],
            3,
            Utf16,
        );
        assert_eq!(doc.text, "## Q3 Goals\n\n- ⭐️ the payments v2\n");
        assert_eq!(doc.version, 3);
    }

    #[test]
    fn the_text_hash_follows_the_text_not_the_version() {
        let mut doc = Document::new("## Goals\n\n- Work on payments\n".into(), 1);
        let first = doc.text_hash();
        doc.apply(&[change(2, 2, 2, 6, "Ship")], 1, Utf8);
        assert_ne!(doc.text_hash(), first, "new text under the same version");
        doc.apply(&[change(2, 2, 2, 6, "Work")], 2, Utf8);
        assert_eq!(
            doc.text_hash(),
            first,
            "the same text under another version"
        );
        assert_eq!(hash_text(&doc.text), first);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let mut doc = Document::new("a\nb".into(), 1);
        doc.apply(&[change(0, 99, 9, 0, "X")], 2, Utf16);
        assert_eq!(doc.text, "aX");
    }

    #[test]
    fn incremental_reparse_gives_the_same_diagnostics_as_a_fresh_lint() {
        let settings = Settings::default();
        let options = LintOptions::default();
        let mut doc = Document::new(
            "## Goals\n\n- Ship payments v2 by Week 4\n- Cut latency\n".into(),
            1,
        );
        let before = doc.lint(&settings, &options);
        assert!(before.diagnostics.is_empty(), "{:?}", before.diagnostics);
        // Turn the first goal into a vague one, keystroke by keystroke.
        let mut version = 1;
        for (i, c) in "Work on payments".chars().enumerate() {
            version += 1;
            doc.apply(
                &[change(2, 2 + i as u32, 2, 2 + i as u32, &c.to_string())],
                version,
                Utf8,
            );
            let _ = doc.lint(&settings, &options);
        }
        doc.apply(&[change(2, 18, 2, 44, "")], version + 1, Utf8);
        let incremental = doc.lint(&settings, &options);
        let fresh = goal_lint_core::lint(&doc.text, &settings, &options);
        assert_eq!(doc.text, "## Goals\n\n- Work on payments\n- Cut latency\n");
        assert_eq!(incremental.diagnostics, fresh);
        assert_eq!(fresh[0].code(), "GL001");
    }

    #[test]
    fn a_cached_lint_is_reused_only_for_the_same_configuration_key() {
        let mut settings = Settings::default();
        let options = LintOptions::default();
        let mut doc = Document::new("## Goals\n\n- Work on payments\n".into(), 1);
        let first = doc.lint_keyed(&settings, &options, 1);
        assert_eq!(first.diagnostics.len(), 1);
        settings.ignore(&[goal_lint_core::config::RuleSelector::parse("vague-goal").unwrap()]);
        assert!(Arc::ptr_eq(&first, &doc.lint_keyed(&settings, &options, 1)));
        let other = doc.lint_keyed(&settings, &options, 2);
        assert_eq!(other.key, 2);
        assert!(other.diagnostics.is_empty(), "{:?}", other.diagnostics);
    }

    #[test]
    fn a_goal_document_over_the_size_limit_is_skipped_until_it_shrinks() {
        let mut settings = Settings::default();
        settings.max_file_size = 64;
        let options = LintOptions::default();
        let mut doc = Document::new("## Goals\n\n- Work on payments\n".into(), 1);
        assert_eq!(doc.lint(&settings, &options).diagnostics.len(), 1);
        assert!(doc.tree.is_some());
        let padding = "x".repeat(100);
        doc.apply(&[change(3, 0, 3, 0, &padding)], 2, Utf8);
        let linted = doc.lint(&settings, &options);
        assert!(linted.diagnostics.is_empty());
        assert!(linted.skipped.as_deref().unwrap().contains("max-file-size"));
        assert!(doc.tree.is_none(), "the tree is dropped");
        doc.apply(&[change(3, 0, 3, 100, "")], 3, Utf8);
        let linted = doc.lint(&settings, &options);
        assert_eq!(linted.skipped, None);
        assert_eq!(
            linted.diagnostics,
            goal_lint_core::lint(&doc.text, &settings, &options)
        );
        assert_eq!(linted.diagnostics.len(), 1);
    }
}
