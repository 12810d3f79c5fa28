fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .collect::<Vec<_>>()
        .join(" ")
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    eprintln!("read: {}", hwm());
    let mut p = goal_lint_core::syntax::MarkdownParser::new();
    let tree = p.parse(&text, None).unwrap();
    eprintln!("block tree: {}", hwm());
    drop(tree);
    eprintln!("dropped: {}", hwm());
    let doc = goal_lint_core::model::GoalDocument::parse(&text, &Default::default());
    eprintln!("model: {} items {}", hwm(), doc.items.len());
}
