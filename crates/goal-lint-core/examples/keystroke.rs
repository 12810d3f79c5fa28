//! The language server's keystroke loop on one file, for profiling (`perf record` it):
//!
//!     cargo run --release -p goal-lint-core --example keystroke FILE [N] [--no-memo] [--check]
//!
//! Types a character at the start of the middle line and deletes it again, N times (40 by
//! default), each time reparsing incrementally, building the model and linting as the server
//! does, with a memo kept between lints (`--no-memo`: without). Prints the median time of each
//! stage. `--check` also compares each result with a fresh lint.

use std::time::{Duration, Instant};

use goal_lint_core::syntax::MarkdownParser;
use goal_lint_core::{Date, GoalDocument, LintOptions, Memo, Settings, TextRange};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let mut positional = args.iter().filter(|a| !a.starts_with("--"));
    let path = positional
        .next()
        .expect("usage: keystroke FILE [N] [--no-memo] [--check]");
    let n: usize = positional.next().map_or(40, |s| s.parse().expect("N"));
    let memo = if flag("--no-memo") {
        Memo::disabled()
    } else {
        Memo::new()
    };
    let check = flag("--check");

    let mut text = std::fs::read_to_string(path).expect("a readable file");
    let settings = Settings::default();
    let options = LintOptions {
        today: Date::parse_iso("2025-07-01"),
    };
    let mut parser = MarkdownParser::new();
    let middle = text.matches('\n').count() / 2;
    let at: usize = text.split_inclusive('\n').take(middle).map(str::len).sum();
    let mut tree = parser.parse(&text, None);
    let (mut parse, mut model, mut rules) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for i in 0..=n {
        let (range, insert) = if i % 2 == 1 {
            (TextRange::empty(at), "x")
        } else {
            (TextRange::new(at, at + 1), "")
        };
        if i > 0 {
            if let Some(t) = &mut tree {
                t.edit(&text, range, insert);
            }
            text.replace_range(range.as_range(), insert);
        }
        let started = Instant::now();
        tree = parser.parse(&text, tree.as_ref());
        let parsed = Instant::now();
        let doc =
            GoalDocument::build_with(&text, tree.as_ref(), &mut parser, &settings.document, &memo);
        let built = Instant::now();
        let found = goal_lint_core::lint_document_with(&doc, &text, &settings, &options, &memo);
        let linted = Instant::now();
        if check {
            assert_eq!(found, goal_lint_core::lint(&text, &settings, &options));
        }
        findings = found.len();
        // The first lint fills the memo; the keystrokes are the rest.
        if i > 0 {
            parse.push(parsed - started);
            model.push(built - parsed);
            rules.push(linted - built);
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    let (hits, misses) = memo.stats();
    println!(
        "{n} keystrokes, {findings} findings: reparse {:.1} ms, model {:.1} ms, rules {:.1} ms (medians); memo {hits} hits, {misses} misses",
        median(&mut parse),
        median(&mut model),
        median(&mut rules),
    );
}
