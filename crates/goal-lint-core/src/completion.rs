//! Completion in goal documents: field labels where they fit, whole blocks (a goal with its
//! why and success criterion, an objective with key results, an action with a week range) and
//! week ranges with a slot for each week. Works on the line before the cursor and the role of
//! the section it is in; the blocks are [`crate::snippets`]. The language server only turns
//! the results into protocol items.

use crate::diagnostic::Edit;
use crate::model::{GoalDocument, SectionRole};
use crate::snippets::{
    self, GOAL_LABEL, KR_LABEL, OBJECTIVE_LABEL, SUCCESS_LABEL, WHY_LABEL, base_indent,
    client_snippet,
};
use crate::text::TextRange;
use crate::text::line_start;

/// One completion, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: &'static str,
    pub detail: &'static str,
    /// What the client matches the typed text against.
    pub filter: &'static str,
    /// The text replaced (from where the typed word starts to the cursor).
    pub range: TextRange,
    /// A snippet (tab stops) when `snippet`, else plain text with `[…]` slots.
    pub text: String,
    pub snippet: bool,
    /// A whole block rather than a field label.
    pub block: bool,
    pub preferred: bool,
}

/// The line before the cursor, split into indentation, list marker and what follows.
struct Line<'a> {
    indent: &'a str,
    marker: &'a str,
    rest: &'a str,
    /// Offset where `rest` starts.
    rest_at: usize,
}

fn split_line(before: &str, line_start: usize) -> Line<'_> {
    let indent_len = before.len() - before.trim_start_matches([' ', '\t']).len();
    let (indent, after) = before.split_at(indent_len);
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = if ["- ", "* ", "+ "].iter().any(|m| after.starts_with(m)) {
        2
    } else if digits > 0
        && digits < 10
        && (after[digits..].starts_with(". ") || after[digits..].starts_with(") "))
    {
        digits + 2
    } else {
        0
    };
    // Spaces after the marker belong to it.
    let rest = &after[marker_len..];
    let extra = if marker_len > 0 {
        rest.len() - rest.trim_start_matches(' ').len()
    } else {
        0
    };
    let marker = &after[..marker_len + extra];
    Line {
        indent,
        marker,
        rest: &after[marker.len()..],
        rest_at: line_start + indent_len + marker.len(),
    }
}

/// The completions at byte offset `at` of `text` (whose model is `doc`): snippets with tab
/// stops when `snippets` (for a client that indents them itself), else plain text with `[…]`
/// slots. Empty outside a section of goal content (a plain README, a guide's prose, a
/// section of a plan that holds no goals), inside code, and in the middle of a sentence: a
/// client that inserts the first item unasked must never change what is typed there.
pub fn completions(text: &str, at: usize, doc: &GoalDocument, snippets: bool) -> Vec<Completion> {
    let at = at.min(text.len());
    let line_start = line_start(text, at);
    let before = &text[line_start..at];
    let (role, goal_content) = doc
        .section_at(at)
        .map_or((SectionRole::Other, false), |s| (s.role, s.goal_content));
    if !doc.is_goal_document || !goal_content || doc.in_code_block(line_start) {
        return Vec::new();
    }
    let line = split_line(before, line_start);
    let base = base_indent(text, at);
    let build = |label, detail, filter, edit: Edit, block, preferred| {
        let snippet = if snippets {
            client_snippet(&edit.snippet(1), base)
        } else {
            None
        };
        Completion {
            label,
            detail,
            filter,
            range: edit.range,
            snippet: snippet.is_some(),
            text: snippet.unwrap_or(edit.text),
            block,
            preferred,
        }
    };
    let mut out = Vec::new();

    // After a field label that starts a block: the rest of the block.
    let label_only = line.rest.trim_end();
    if !line.marker.is_empty()
        && line.rest.ends_with(' ')
        && (label_only == GOAL_LABEL.trim_end() || label_only == OBJECTIVE_LABEL.trim_end())
    {
        let child = format!("\n{}- ", " ".repeat(line.indent.len() + line.marker.len()));
        let here = TextRange::empty(at);
        if label_only == GOAL_LABEL.trim_end() {
            out.push(build(
                "goal fields",
                "The goal, why it matters and what success looks like",
                "",
                snippets::goal(here, "", &child),
                true,
                true,
            ));
        } else {
            out.push(build(
                "key results",
                "The objective and two key results",
                "",
                snippets::objective(here, "", &child),
                true,
                true,
            ));
        }
        return out;
    }

    // A week range after an entry's words and an opening parenthesis: `(Week X-Y)` with a
    // slot for each week.
    const WEEK: &str = "(Week ";
    let typed = (1..=WEEK.len())
        .rev()
        .map(|k| &WEEK[..k])
        .find(|p| line.rest.strip_suffix(p).is_some_and(|w| w.ends_with(' ')));
    if let Some(typed) = typed
        && !line.marker.is_empty()
        && line.rest.chars().any(char::is_alphanumeric)
        && !line.rest.contains("(Week")
    {
        let from = at - typed.len();
        out.push(build(
            "(Week X-Y)",
            "Week range",
            "(Week X-Y)",
            snippets::week_range(TextRange::new(from, at)),
            false,
            true,
        ));
        return out;
    }

    // The start of an entry: a bare line, a bare marker, or the start of a word or label.
    let word = line.rest.trim_start_matches('*');
    let starting = line.rest.len() <= 24 && word.chars().all(|c| c.is_ascii_alphabetic());
    if !starting || (line.marker.is_empty() && !line.rest.is_empty()) {
        return out;
    }
    let marker = if line.marker.is_empty() { "- " } else { "" };
    let range = TextRange::new(line.rest_at, at);
    let content_col = line.indent.len()
        + if line.marker.is_empty() {
            2
        } else {
            line.marker.len()
        };
    let child = format!("\n{}- ", " ".repeat(content_col));
    let nested = !line.indent.is_empty();
    let previous_line = text[..line_start].trim_end_matches(['\n', '\r']);
    let previous_line =
        &previous_line[crate::text::line_start(previous_line, previous_line.len())..];
    let okr = matches!(role, SectionRole::Objectives | SectionRole::KeyResults)
        || previous_line.contains("Objective")
        || previous_line.contains("KR");
    let label = |label: &'static str, detail, field: &str, preferred| {
        let head = format!("{marker}{field}");
        build(
            label,
            detail,
            label,
            snippets::field(range, &head),
            false,
            preferred,
        )
    };
    if nested {
        let after_why = previous_line.contains("Why it matters");
        out.push(label(
            "**Why it matters:**",
            "Why this goal matters",
            WHY_LABEL,
            !okr && !after_why,
        ));
        out.push(label(
            "**Success looks like:**",
            "How you will know it is done",
            SUCCESS_LABEL,
            !okr && after_why,
        ));
        out.push(label("KR:", "A key result", KR_LABEL, okr));
    } else {
        let preferred = match role {
            SectionRole::Actions => "action",
            SectionRole::Objectives | SectionRole::KeyResults => "objective",
            _ => "goal",
        };
        out.push(label("**Goal:**", "A goal", GOAL_LABEL, false));
        out.push(label(
            "**Objective:**",
            "An objective",
            OBJECTIVE_LABEL,
            false,
        ));
        out.push(build(
            "goal",
            "Goal with why it matters and what success looks like",
            "**Goal:** goal",
            snippets::goal(range, &format!("{marker}{GOAL_LABEL}"), &child),
            true,
            preferred == "goal",
        ));
        out.push(build(
            "objective",
            "Objective with key results",
            "**Objective:** objective",
            snippets::objective(range, &format!("{marker}{OBJECTIVE_LABEL}"), &child),
            true,
            preferred == "objective",
        ));
    }
    out.push(build(
        "action",
        "Action with a week range",
        "action",
        snippets::action(range, marker),
        true,
        !nested && role == SectionRole::Actions,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_marker(text: &str) -> (String, usize) {
        let at = text.find('|').unwrap();
        (text.replace('|', ""), at)
    }

    fn complete(text: &str, snippets: bool) -> (String, Vec<Completion>) {
        let (text, at) = at_marker(text);
        let model = GoalDocument::parse(&text, &Default::default());
        let items = completions(&text, at, &model, snippets);
        (text, items)
    }

    fn apply(text: &str, item: &Completion) -> String {
        let mut s = text.to_string();
        s.replace_range(item.range.as_range(), &item.text);
        s
    }

    /// Nothing is offered where a client inserting the first item unasked would garble
    /// ordinary typing: a plain README, a code block in a plan, a section of a plan that
    /// holds no goals.
    #[test]
    fn nothing_outside_goal_content() {
        for text in [
            "# My tool\n\nInstall it.\n\n- |\n",
            "# My tool\n\n- Fix the docs (|\n",
            "## Goals\n\n- Ship v2 by Week 3\n\n```\n- |\n```\n",
            "## Goals\n\n- Ship v2 by Week 3\n\n## Notes\n\n- |\n",
        ] {
            let (_, items) = complete(text, false);
            assert!(items.is_empty(), "{text:?}: {items:?}");
        }
    }

    #[test]
    fn a_goal_block_on_a_bare_marker_with_children_at_the_content_column() {
        let (text, items) = complete("## Goals\n\n1. |\n", false);
        let goal = items.iter().find(|i| i.label == "goal").unwrap();
        assert!(goal.preferred);
        assert_eq!(
            apply(&text, goal),
            "## Goals\n\n1. **Goal:** [verb + thing + outcome]\n   - **Why it matters:** [impact on the business or team]\n   - **Success looks like:** [a number, a shipped thing or a visible change]\n"
        );
    }

    #[test]
    fn field_labels_where_they_fit() {
        let (_, top) = complete("## Goals\n\n- **Go|\n", true);
        let labels: Vec<_> = top.iter().map(|i| i.label).collect();
        assert!(
            labels.contains(&"**Goal:**") && labels.contains(&"goal"),
            "{labels:?}"
        );
        assert!(!labels.contains(&"**Why it matters:**"), "{labels:?}");
        // The typed word is replaced.
        let goal = top.iter().find(|i| i.label == "**Goal:**").unwrap();
        assert_eq!(goal.text, "**Goal:** ${1:[…]}");
        assert_eq!(goal.range, TextRange::new(12, 16));
        let (text, nested) = complete(
            "## Goals\n\n- **Goal:** Cut p95 latency to 200ms\n  - **Why it matters:** carts\n  - |\n",
            true,
        );
        let success = nested.iter().find(|i| i.preferred).unwrap();
        assert_eq!(success.label, "**Success looks like:**");
        assert!(apply(&text, success).contains("\n  - **Success looks like:** ${1:[…]}\n"));
        let (_, okr) = complete("## OKRs\n\n- **Objective:** Happier users\n  - go|\n", true);
        assert_eq!(okr.iter().find(|i| i.preferred).unwrap().label, "KR:");
        let (_, mid) = complete("## Goals\n\n- Work on pay|\n", true);
        assert!(mid.is_empty(), "{mid:?}");
    }

    #[test]
    fn snippets_leave_the_base_indentation_to_the_client() {
        let (_, items) = complete(
            "## Goals\n\n- **Goal:** Ship it\n  - **Why it matters:** x\n    1. |\n",
            true,
        );
        // Nothing nested in a snippet from an indented line repeats the line's indentation.
        for item in &items {
            for line in item.text.lines().skip(1) {
                assert!(!line.starts_with("    "), "{line:?} in {:?}", item.label);
            }
        }
        let (_, after_label) = complete("## Goals\n\n  - **Goal:** |\n", true);
        assert_eq!(
            after_label[0].text,
            "${1:[verb + thing + outcome]}\n  - **Why it matters:** ${2:[impact on the business or team]}\n  - **Success looks like:** ${3:[a number, a shipped thing or a visible change]}"
        );
    }

    #[test]
    fn week_ranges_with_two_slots() {
        let (text, items) = complete("## Actions This Quarter\n\n- Migrate Stripe (|\n", true);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].text, "(Week ${1:X}-${2:Y})");
        assert_eq!(
            apply(&text, &items[0]),
            "## Actions This Quarter\n\n- Migrate Stripe (Week ${1:X}-${2:Y})\n"
        );
        let (_, none) = complete(
            "## Actions This Quarter\n\n- Migrate Stripe (Week 1-2) |\n",
            true,
        );
        assert!(none.is_empty());
    }
}
