//! A dated deadline is that day (issue 22, item 8): `by 2026-02-27` was read as the year
//! 2026, so the entry was never overdue in March. Every deadline shape, and a bare year, which
//! still means the year's end.

use goal_lint_core::{Date, LintOptions, Settings, lint};

/// The `overdue` messages of a current plan holding `entry`, linted on `today`.
fn overdue(entry: &str, today: &str) -> Vec<String> {
    let text = format!(
        "# Platform plan 2026\n\n## Goals\n\n- [ ] Ship payments v2 to 100% of EU traffic by Week 12\n- [ ] {entry}\n"
    );
    let options = LintOptions {
        today: Date::parse_iso(today),
    };
    lint(&text, &Settings::default(), &options)
        .into_iter()
        .filter(|d| d.name() == "overdue")
        .map(|d| d.message)
        .collect()
}

#[test]
fn a_dated_deadline_is_that_day() {
    for entry in [
        "Publish the pricing page by 2026-02-27",
        "Publish the pricing page before 2026-02-27",
        "Publish the pricing page by Feb 27",
        "Publish the pricing page by February 27, 2026",
        "Publish the pricing page by 27 February 2026",
        "Publish the pricing page by 27th Feb",
    ] {
        assert_eq!(
            overdue(entry, "2026-03-05"),
            ["still open after its deadline (2026-02-27)"],
            "{entry}"
        );
        assert!(
            overdue(entry, "2026-02-27").is_empty(),
            "{entry}: due that day"
        );
    }
}

#[test]
fn a_bare_year_is_its_end() {
    for entry in [
        "Publish the pricing page by 2026",
        "Publish the pricing page before 2027",
    ] {
        assert!(overdue(entry, "2026-03-05").is_empty(), "{entry}");
        assert!(overdue(entry, "2026-12-31").is_empty(), "{entry}");
    }
    assert_eq!(
        overdue("Publish the pricing page by 2026", "2027-01-04"),
        ["still open after its deadline (2026-12-31)"]
    );
}
