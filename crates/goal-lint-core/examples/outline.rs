//! Print what goal-lint understood of a Markdown file: `cargo run -p goal-lint-core --example outline -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let doc = goal_lint_core::model::GoalDocument::parse(&text, &Default::default());
    print!("{}", doc.outline(&text));
}
