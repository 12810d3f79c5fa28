//! `docs/rules.md` is generated from the rule registry; this fails when it is out of date.

use std::path::Path;

#[test]
fn rules_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let expected = goal_lint_core::rules::reference_markdown();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `cargo xtask docs` and commit the result"
    );
}
