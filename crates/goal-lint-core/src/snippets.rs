//! The blocks an editor inserts into a goal document (a goal with why it matters and what
//! success looks like, an objective with key results, an action with a week range, a field
//! label), as template edits with a slot for each thing the author fills in; and how a
//! snippet is sent to a client that indents it itself.

use crate::diagnostic::{Edit, Part};
use crate::text::TextRange;
use crate::text::line_start;

pub const GOAL_LABEL: &str = "**Goal:** ";
pub const WHY_LABEL: &str = "**Why it matters:** ";
pub const SUCCESS_LABEL: &str = "**Success looks like:** ";
pub const OBJECTIVE_LABEL: &str = "**Objective:** ";
pub const KR_LABEL: &str = "**KR:** ";

/// What each slot asks for.
pub const GOAL_SLOT: &str = "[verb + thing + outcome]";
pub const WHY_SLOT: &str = "[impact on the business or team]";
pub const SUCCESS_SLOT: &str = "[a number, a shipped thing or a visible change]";
pub const OBJECTIVE_SLOT: &str = "[a qualitative direction]";
pub const METRIC_KR_SLOT: &str = "[metric from baseline to target]";
pub const DELIVERABLE_KR_SLOT: &str = "[deliverable shipped by date]";
pub const STEP_SLOT: &str = "[step]";
pub const FIELD_SLOT: &str = "[…]";

/// A goal: `head` (e.g. `- **Goal:** `, or nothing after a typed label), its statement, and
/// two children, each starting with `child` (a line break, the indentation of the goal's
/// content and a list marker): why it matters and what success looks like.
pub fn goal(range: TextRange, head: &str, child: &str) -> Edit {
    let why = format!("{child}{WHY_LABEL}");
    let success = format!("{child}{SUCCESS_LABEL}");
    Edit::template(
        range,
        &[
            Part::Literal(head),
            Part::Slot(GOAL_SLOT),
            Part::Literal(&why),
            Part::Slot(WHY_SLOT),
            Part::Literal(&success),
            Part::Slot(SUCCESS_SLOT),
        ],
    )
}

/// An objective (after `head`) and two key results, each starting with `child`: a metric
/// from a baseline to a target, and a deliverable with its date.
pub fn objective(range: TextRange, head: &str, child: &str) -> Edit {
    let kr = format!("{child}{KR_LABEL}");
    Edit::template(
        range,
        &[
            Part::Literal(head),
            Part::Slot(OBJECTIVE_SLOT),
            Part::Literal(&kr),
            Part::Slot(METRIC_KR_SLOT),
            Part::Literal(&kr),
            Part::Slot(DELIVERABLE_KR_SLOT),
        ],
    )
}

/// `(Week X-Y)`: a slot for each week, so that typing the first keeps the word and the dash.
pub const WEEK_RANGE: [Part<'static>; 5] = [
    Part::Literal("(Week "),
    Part::Slot("X"),
    Part::Literal("-"),
    Part::Slot("Y"),
    Part::Literal(")"),
];

/// An action after `head` (a list marker, or nothing), with a week range.
pub fn action(range: TextRange, head: &str) -> Edit {
    let mut parts = vec![
        Part::Literal(head),
        Part::Slot(STEP_SLOT),
        Part::Literal(" "),
    ];
    parts.extend(WEEK_RANGE);
    Edit::template(range, &parts)
}

/// `(Week X-Y)` with a slot for each week.
pub fn week_range(range: TextRange) -> Edit {
    Edit::template(range, &WEEK_RANGE)
}

/// A field label (`head` ends with it) and a slot for its value.
pub fn field(range: TextRange, head: &str) -> Edit {
    Edit::template(range, &[Part::Literal(head), Part::Slot(FIELD_SLOT)])
}

/// Leading whitespace of the line `at` is on, up to `at`: what a client adds to every line of
/// a snippet after the first (Neovim's `vim.snippet.expand`, VS Code's `insertSnippet`).
pub fn base_indent(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let line = &text[line_start(text, at)..at];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// A snippet as a client that re-indents snippets must get it: its lines after the first
/// without `base`, the indentation the client adds. `None` when a line is indented less than
/// `base` (no snippet can say that; send a plain edit).
pub fn client_snippet(snippet: &str, base: &str) -> Option<String> {
    let mut out = String::with_capacity(snippet.len());
    for (i, line) in snippet.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if line.trim().is_empty() {
                out.push_str(
                    line.strip_prefix(base)
                        .unwrap_or(line.trim_start_matches([' ', '\t'])),
                );
                continue;
            }
            out.push_str(line.strip_prefix(base)?);
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// An edit's snippet as a client that indents it itself must get it (see [`client_snippet`]),
/// for an edit into `text`.
pub fn edit_snippet(text: &str, edit: &Edit) -> Option<String> {
    client_snippet(&edit.snippet(1), base_indent(text, edit.range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_texts_and_slots() {
        let here = TextRange::empty(0);
        let goal = goal(here, "- **Goal:** ", "\n  - ");
        assert_eq!(
            goal.text,
            "- **Goal:** [verb + thing + outcome]\n  - **Why it matters:** [impact on the business or team]\n  - **Success looks like:** [a number, a shipped thing or a visible change]"
        );
        assert_eq!(goal.placeholders.len(), 3);
        assert_eq!(
            objective(here, "", "\n   - ").snippet(1),
            "${1:[a qualitative direction]}\n   - **KR:** ${2:[metric from baseline to target]}\n   - **KR:** ${3:[deliverable shipped by date]}"
        );
        assert_eq!(
            action(here, "- ").snippet(1),
            "- ${1:[step]} (Week ${2:X}-${3:Y})"
        );
        assert_eq!(week_range(here).snippet(1), "(Week ${1:X}-${2:Y})");
        assert_eq!(field(here, "**KR:** ").text, "**KR:** […]");
    }

    #[test]
    fn snippets_leave_the_lines_indentation_to_the_client() {
        let text = "## Goals\n\n  - x";
        let at = text.len() - 1;
        assert_eq!(base_indent(text, at), "  ");
        let edit = goal(TextRange::empty(at), "", "\n    - ");
        assert_eq!(
            edit_snippet(text, &edit).unwrap(),
            "${1:[verb + thing + outcome]}\n  - **Why it matters:** ${2:[impact on the business or team]}\n  - **Success looks like:** ${3:[a number, a shipped thing or a visible change]}"
        );
        // A line indented less than the base cannot be said in a snippet.
        assert_eq!(client_snippet("a\n b", "  "), None);
        assert_eq!(client_snippet("a\n\n  b", "  ").as_deref(), Some("a\n\nb"));
    }
}
