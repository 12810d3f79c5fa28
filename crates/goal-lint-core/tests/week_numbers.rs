//! A week or month number too large for any plan is quoted as written (issue 22, item 13):
//! `Week 99999999999999999999-3` was quoted as "Week 999", the number cut at three digits.

mod common;

use goal_lint_core::{Settings, lint};

/// The `invalid-week-range` findings of a quarterly plan with `timing` on an action: the text
/// each points at, and its message.
fn findings(timing: &str) -> Vec<(String, String)> {
    let text = format!(
        "# Payments plan — Q3 2025\n\n## Actions This Quarter\n\n- Migrate billing ({timing})\n"
    );
    lint(&text, &Settings::default(), &common::options())
        .into_iter()
        .filter(|d| d.name() == "invalid-week-range")
        .map(|d| (text[d.range.as_range()].to_string(), d.message))
        .collect()
}

#[test]
fn a_huge_week_number_is_quoted_in_full() {
    let huge = "99999999999999999999";
    for (timing, message) in [
        (
            format!("Week {huge}-3"),
            format!("\"Week {huge}-3\" runs backwards"),
        ),
        (
            format!("Week 3-{huge}"),
            format!("\"Week 3-{huge}\" is outside a quarter (13 weeks)"),
        ),
        (
            format!("Week {huge}"),
            format!("\"Week {huge}\" is outside a quarter (13 weeks)"),
        ),
        (
            "Week 1234".to_string(),
            "\"Week 1234\" is outside a quarter (13 weeks)".to_string(),
        ),
        (
            format!("Month {huge}"),
            format!("\"Month {huge}\" is outside a quarter (3 months)"),
        ),
    ] {
        assert_eq!(findings(&timing), [(timing.clone(), message)], "{timing}");
    }
}

#[test]
fn the_swap_of_a_huge_reversed_range_keeps_the_numbers_as_written() {
    let text = "# Payments plan — Q3 2025\n\n## Actions This Quarter\n\n- Migrate billing (Week 99999999999999999999-3)\n";
    let found = lint(text, &Settings::default(), &common::options());
    let d = found
        .iter()
        .find(|d| d.name() == "invalid-week-range")
        .expect("invalid-week-range");
    assert_eq!(d.fixes[0].title, "Swap to week 3-99999999999999999999");
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains("week 3-99999999999999999999"), "{help}");
}
