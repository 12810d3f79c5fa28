//! Lint files and print `path:line:col code message` (a development aid; the real CLI is `goal-lint`).
fn main() {
    let today = goal_lint_core::Date::parse_iso("2026-11-21");
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let index = goal_lint_core::line_index::LineIndex::new(&text);
        let diags = goal_lint_core::lint(
            &text,
            &Default::default(),
            &goal_lint_core::LintOptions { today },
        );
        for d in diags {
            let p = index.position(
                &text,
                d.range.start,
                goal_lint_core::line_index::PositionEncoding::Utf32,
            );
            println!(
                "{}:{}:{} {} {} [{}]",
                path,
                p.line + 1,
                p.character + 1,
                d.code(),
                d.message,
                &text[d.range.as_range()]
                    .chars()
                    .take(50)
                    .collect::<String>()
            );
        }
    }
}
