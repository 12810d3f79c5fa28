//! Print the statement analysis of each argument: `cargo run -p goal-lint-core --example analyze -- "Work on payments"`.
fn main() {
    for text in std::env::args().skip(1) {
        let st = goal_lint_core::analysis::analyze_text(&text, &[], &[]);
        println!(
            "{text}\n  vague={:?}\n  metric={:?} deliverable={:?} observable={}",
            st.vague,
            st.metric.map(|r| &text[r]),
            st.deliverable.map(|r| &text[r]),
            st.observable
        );
    }
}
