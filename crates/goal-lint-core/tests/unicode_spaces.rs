//! Labels with a Unicode space inside their bold or underscore markup (`**Goal:\u{a0}**`, as a
//! paste from a word processor brings): every space of Unicode, in every place a label stands
//! (list item, heading, paragraph), parses and lints without a panic, and the label is still
//! read as the field it names.

use goal_lint_core::config::Settings;
use goal_lint_core::fix::{FixMode, fix_text};
use goal_lint_core::{Date, LintOptions, lint, outline};

/// Every character Rust calls whitespace that is more than one byte in UTF-8.
fn unicode_spaces() -> Vec<char> {
    (0x80..=0x3000u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .collect()
}

fn documents(space: char) -> Vec<String> {
    vec![
        format!(
            "# Q1 2027 goals\n\n1. **Goal:{space}** Ship payments v2 to all EU merchants\n   - **Why it matters:{space}** churn\n"
        ),
        format!("# Q1 2027 goals\n\n## **Goal:{space}** Ship payments v2\n\nText.\n"),
        format!(
            "# Q1 2027 goals\n\n__Goal:{space}__ Ship payments v2\n\n- __Goal{space}:__ Work on search\n"
        ),
        format!(
            "# Q1 2027 goals\n\n- **Goal:{space}**\n- **Goal:{space}{space}**{space}Work on payments\n"
        ),
        format!(
            "# Q1 2027 goals\n\n| Goal | Owner |\n|---|---|\n| **Goal:{space}** Ship it | Ann |\n"
        ),
    ]
}

#[test]
fn labels_with_unicode_spaces_never_panic() {
    let spaces = unicode_spaces();
    assert!(
        spaces.contains(&'\u{a0}') && spaces.contains(&'\u{2028}') && spaces.contains(&'\u{3000}')
    );
    let settings = Settings::default();
    let options = LintOptions {
        today: Date::parse_iso("2026-11-30"),
    };
    for space in spaces {
        for text in documents(space) {
            let found = std::panic::catch_unwind(|| {
                let diagnostics = lint(&text, &settings, &options);
                for d in &diagnostics {
                    assert!(
                        text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end)
                    );
                }
                let _ = outline(&text, &settings);
                let _ = fix_text(
                    &text,
                    &settings,
                    &options,
                    FixMode {
                        unsafe_fixes: true,
                        templates: true,
                    },
                );
                diagnostics.len()
            });
            assert!(found.is_ok(), "panicked on {text:?}");
        }
    }
}

#[test]
fn a_no_break_space_after_the_colon_keeps_the_label() {
    let text = "# Q1 2027 goals\n\n1. **Goal:\u{a0}** Work on payments\n";
    let understood = outline(text, &Settings::default());
    let line = understood
        .lines()
        .find(|l| l.contains("Work on payments"))
        .unwrap_or_else(|| panic!("no entry for the goal in:\n{understood}"));
    assert!(line.trim_start().starts_with("goal "), "{understood}");
    assert!(line.contains("Goal"), "the label is kept: {understood}");
}
