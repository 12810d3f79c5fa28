//! The model's code blocks are those a full walk of the block tree finds: the walk that skips
//! containers whose source cannot hold one (`syntax::may_hold_code_block`) misses none.

use std::path::{Path, PathBuf};

use goal_lint_core::GoalDocument;
use goal_lint_core::model::DocumentOptions;
use goal_lint_core::syntax::{BlockKind, MarkdownParser};
use goal_lint_core::text::TextRange;

/// Every code block of `text`, walking every block container.
fn all_code_blocks(text: &str) -> Vec<TextRange> {
    let mut parser = MarkdownParser::new();
    let Some(tree) = parser.parse(text, None) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![tree.root()];
    while let Some(block) = stack.pop() {
        match block.kind() {
            BlockKind::CodeBlock => out.push(block.range()),
            _ => stack.extend(
                block
                    .children()
                    .into_iter()
                    .filter(|c| c.kind() != BlockKind::Inline),
            ),
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn no_code_block_is_missed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&root.join("tests/fixtures"), &mut files);
    markdown_files(&root.join("../../../shared/seeds"), &mut files);
    markdown_files(&root.join("../../../shared/corpus/docs"), &mut files);
    let mut texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    texts.extend(
        [
            "## Goals\n\n- Ship it\n\n      indented code in a list item\n",
            "## Goals\n\n- Ship it\n  ```\n  - Work on code\n  ```\n",
            "## Goals\n\n> quote\n>\n>     code in a quote\n",
            "## Goals\n\n>\tcode after a tab\n",
            "## Goals\n\n-\tcode\n\n1.     code in an ordered item\n",
            "## Goals\n\n- a\n  - b\n    ~~~\n    fenced\n    ~~~\n",
            "---\ntitle: x\n---\n\n    code at the top\n\n## Goals\n\n- a\n",
        ]
        .map(String::from),
    );
    assert!(texts.len() > 20);
    let mut with_code = 0;
    for text in &texts {
        let expected = all_code_blocks(text);
        with_code += usize::from(!expected.is_empty());
        let doc = GoalDocument::parse(text, &DocumentOptions::default());
        assert_eq!(doc.code_blocks, expected, "{text}");
    }
    assert!(with_code >= 7, "{with_code} texts with code");
}
