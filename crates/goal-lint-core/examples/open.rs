//! The language server's first lint of a document (open → first diagnostics) on one file, for
//! profiling (`perf record` it):
//!
//!     cargo run --release -p goal-lint-core --example open FILE [N]
//!
//! Parses, builds the model and lints from scratch N times (10 by default), as the server does
//! for a document only opened (with a memo made for that lint and dropped after it: the rules'
//! time includes the drop), and prints the median time of each stage.

use std::time::{Duration, Instant};

use goal_lint_core::syntax::MarkdownParser;
use goal_lint_core::{Date, GoalDocument, LintOptions, Memo, Settings};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: open FILE [N]");
    let n: usize = args.get(1).map_or(10, |s| s.parse().expect("N"));
    let text = std::fs::read_to_string(path).expect("a readable file");
    let settings = Settings::default();
    let options = LintOptions {
        today: Date::parse_iso("2025-07-01"),
    };
    let (mut parse, mut model, mut rules) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..n {
        let mut parser = MarkdownParser::new();
        let started = Instant::now();
        // The server's memo for a document only opened: one for this lint alone.
        let memo = Memo::new();
        let tree = parser.parse(&text, None);
        let parsed = Instant::now();
        let doc =
            GoalDocument::build_with(&text, tree.as_ref(), &mut parser, &settings.document, &memo);
        let built = Instant::now();
        let found = goal_lint_core::lint_document_with(&doc, &text, &settings, &options, &memo);
        drop(memo);
        let linted = Instant::now();
        findings = found.len();
        parse.push(parsed - started);
        model.push(built - parsed);
        rules.push(linted - built);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    println!(
        "{findings} findings; median of {n}: parse {:.1} ms, model {:.1} ms, rules {:.1} ms",
        median(&mut parse),
        median(&mut model),
        median(&mut rules)
    );
}
