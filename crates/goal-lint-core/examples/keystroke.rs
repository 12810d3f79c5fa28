//! Profile helper: the server's keystroke loop on a file (`cargo run --release --example keystroke FILE N`).
use goal_lint_core::syntax::MarkdownParser;
use goal_lint_core::{
    GoalDocument, LintOptions, Memo, Settings, lint_document, lint_document_with,
};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut text = std::fs::read_to_string(&args[1]).unwrap();
    let n: usize = args.get(2).map_or(20, |s| s.parse().unwrap());
    let settings = Settings::default();
    let options = LintOptions {
        today: goal_lint_core::Date::parse_iso("2025-07-01"),
    };
    let mut parser = MarkdownParser::new();
    let use_memo = std::env::var("MEMO").is_ok();
    let check = std::env::var("CHECK").is_ok();
    let memo = Memo::new();
    let line = text.matches('\n').count() / 2;
    let mid: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    eprintln!("line {line}: {:?}", text[mid..].lines().next());
    let (mut tp, mut tb, mut tl, mut tv) = (vec![], vec![], vec![], vec![]);
    let mut tree = parser.parse(&text, None);
    if std::env::var("WALK").is_ok() {
        let t = tree.as_ref().unwrap();
        let a = Instant::now();
        let mut n = 0usize;
        let mut kinds = std::collections::BTreeMap::new();
        let mut stack = vec![t.root()];
        while let Some(node) = stack.pop() {
            n += 1;
            *kinds.entry(node.kind()).or_insert(0usize) += 1;
            let mut c = node.walk();
            for ch in node.children(&mut c) {
                stack.push(ch);
            }
        }
        eprintln!("{n} nodes in {:?}: {:?}", a.elapsed(), kinds);
        let a = Instant::now();
        let mut c = t.root().walk();
        let mut m = 0usize;
        'outer: loop {
            m += 1;
            if c.goto_first_child() {
                continue;
            }
            loop {
                if c.goto_next_sibling() {
                    continue 'outer;
                }
                if !c.goto_parent() {
                    break 'outer;
                }
            }
        }
        eprintln!("cursor walk {m} nodes in {:?}", a.elapsed());
    }
    for i in 0..n {
        let range = if i % 2 == 0 {
            goal_lint_core::TextRange::new(mid, mid)
        } else {
            goal_lint_core::TextRange::new(mid, mid + 1)
        };
        let ins = if i % 2 == 0 { "x" } else { "" };
        if let Some(t) = &mut tree {
            t.edit(&text, range, ins);
        }
        text.replace_range(range.as_range(), ins);
        let a = Instant::now();
        tree = parser.parse(&text, tree.as_ref());
        let b = Instant::now();
        let doc = if use_memo {
            GoalDocument::build_with(&text, tree.as_ref(), &mut parser, &settings.document, &memo)
        } else {
            GoalDocument::build(&text, tree.as_ref(), &mut parser, &settings.document)
        };
        let c = Instant::now();
        let d = if use_memo {
            lint_document_with(&doc, &text, &settings, &options, &memo)
        } else {
            lint_document(&doc, &text, &settings, &options)
        };
        let e = Instant::now();
        if check {
            assert_eq!(d, goal_lint_core::lint(&text, &settings, &options));
        }
        let f = Instant::now();
        tp.push((b - a).as_secs_f64() * 1e3);
        tb.push((c - b).as_secs_f64() * 1e3);
        tl.push((e - c).as_secs_f64() * 1e3);
        tv.push((f - e).as_secs_f64() * 1e3);
        if i == 0 {
            eprintln!(
                "{} findings, {} safe-fix",
                d.len(),
                d.iter()
                    .filter(|x| x
                        .fixes
                        .iter()
                        .any(|f| f.applicability == goal_lint_core::Applicability::Safe))
                    .count()
            );
        }
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!(
        "parse {:.1} build {:.1} lint_document {:.1} (check {:.1}) ms",
        med(&mut tp),
        med(&mut tb),
        med(&mut tl),
        med(&mut tv)
    );
}
