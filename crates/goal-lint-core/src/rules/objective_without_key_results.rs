use super::context::{Check, Context, NoOptions, Rule};
use crate::analysis::Field;
use crate::diagnostic::{Applicability, Fix};
use crate::edits::{Placement, field_template};
use crate::meta::RuleDocs;
use crate::model::{Item, ItemKind, Origin};

pub struct ObjectiveWithoutKeyResults;

impl Rule for ObjectiveWithoutKeyResults {
    const SUMMARY: &'static str = "An objective with no key results in a document that uses key results";
    const DOCS: RuleDocs = RuleDocs {
            what: "In an OKR document (some objective there has key results), flags an objective with none. \
Objectives are qualitative by design, so the objective's own wording is not judged; its key results \
are. In documents without key results, objectives are judged as goals instead.",
            why: "Without key results an objective is a slogan: nothing says what would count as meeting it.",
            bad: "## OKRs\n\n- Objective: Delight enterprise admins\n  - KR: SSO setup takes under 10 minutes\n- Objective: Grow the community\n",
            good: "## OKRs\n\n- Objective: Delight enterprise admins\n  - KR: SSO setup takes under 10 minutes\n\
- Objective: Grow the community\n  - KR: 40 external contributors merge a PR this quarter\n",
            fix: "Template: adds a `**KR:**` entry under the objective.",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    if !cx.conventions().uses_key_results {
        return;
    }
    // A copy of a template writes a key result as its template does.
    let (label, slot) = Field::or(
        cx.schema().and_then(|s| s.key_result.as_ref()),
        "KR",
        "[measurable result]",
    );
    for item in &cx.doc.items {
        if item.kind != ItemKind::Objective || item.is_done() || cx.is_unfilled(item) {
            continue;
        }
        if has_key_results(cx, item) || !certain_it_has_none(cx, item) {
            continue;
        }
        let template = field_template(
            cx.doc,
            cx.text,
            item,
            label,
            slot,
            Placement::Last,
        );
        let line = item.line;
        let d = cx
            .report(line, "objective has no key results")
            .with_help("Add 2-5 key results that would prove the objective met: numbers, thresholds or shipped things.");
        if let Some(edit) = template {
            d.with_fix(Fix::new(
                "Add a key result",
                Applicability::Template,
                vec![edit],
            ));
        }
    }
}

fn has_key_results(cx: &Context<'_>, item: &Item) -> bool {
    cx.doc
        .children(item.id)
        .any(|c| matches!(c.kind, ItemKind::KeyResult | ItemKind::SuccessCriterion))
}

/// Saying "no key results" needs certainty, so the rule abstains unless
/// - the objective's siblings (entries of the same shape beside it) do carry key results: the
///   document's own convention, applied to this group;
/// - it is not a heading over sub-sections (a group of objectives, not one);
/// - nothing under it went unread: a code block, a table or HTML may hold its key results,
///   and prose or a list of deliverables under it may say how it is measured.
fn certain_it_has_none(cx: &Context<'_>, item: &Item) -> bool {
    let doc = cx.doc;
    let heading_section = doc
        .sections
        .iter()
        .find(|s| s.heading.as_ref().is_some_and(|h| h.item == Some(item.id)));
    if let Some(section) = heading_section
        && doc.sections.iter().any(|s| s.parent == Some(section.id))
    {
        return false;
    }
    // Prose or a list of what it will deliver is under it: that may say how it is measured.
    if doc
        .children(item.id)
        .any(|c| matches!(c.kind, ItemKind::Other | ItemKind::Action))
    {
        return false;
    }
    let extent = heading_section.map_or(item.range, |s| s.range);
    if doc
        .code_blocks
        .iter()
        .any(|r| r.start < extent.end && extent.start < r.end)
    {
        return false;
    }
    let body = &cx.text[extent.as_range()];
    if body
        .lines()
        .any(|l| matches!(l.trim_start().chars().next(), Some('|' | '<')))
    {
        return false;
    }
    // Headings of objectives are siblings when their sections are ("## Objective: …" beside
    // "## Objective: …").
    let parent_section = |i: &Item| doc.section(i.section).parent;
    doc.items.iter().any(|other| {
        other.id != item.id
            && other.kind == ItemKind::Objective
            && other.parent == item.parent
            && other.origin == item.origin
            && (item.parent.is_some()
                || doc.goal_group(other.section) == doc.goal_group(item.section)
                || (item.origin == Origin::Heading
                    && parent_section(other) == parent_section(item)))
            && has_key_results(cx, other)
    })
}
