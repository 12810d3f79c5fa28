use super::context::{Check, Context, NoOptions, Rule};
use crate::analysis::Field;
use crate::diagnostic::{Applicability, Fix};
use crate::edits::{Placement, field_template};
use crate::meta::RuleDocs;
use crate::model::ItemKind;

pub struct MissingSuccessMetric;

impl Rule for MissingSuccessMetric {
    const SUMMARY: &'static str = "A goal with no success criterion and no target of its own";
    const DOCS: RuleDocs = RuleDocs {
            what: "In a document whose goals carry success criteria (a `Success looks like:` / `Success \
Metrics:` field or key results under a goal, or a number or target in their own text, on at least \
half of its goals), in a copy of a template that asks for them, or in one declared as a goal \
template kind, flags a goal that has neither a success criterion under it nor a number or target in \
its own text. A goal that `vague-goal` already flags is left to that rule.",
            why: "A success criterion is how you and your manager will agree, at the end of the quarter, \
that the goal was met. Written down at the start it also tells you what to stop doing once it is met.",
            bad: "## Goals\n\n1. **Goal:** Ship payments v2\n   - **Success looks like:** 100% of transactions on the new system\n\
2. **Goal:** Launch the partner API\n",
            good: "## Goals\n\n1. **Goal:** Ship payments v2\n   - **Success looks like:** 100% of transactions on the new system\n\
2. **Goal:** Launch the partner API\n   - **Success looks like:** 3 partners in production on the API\n",
            fix: "Template: adds a `**Success looks like:**` field under the goal, indented like its other fields.",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    let kind_expects = matches!(
        cx.doc.options.kind.as_deref(),
        Some("quarterly" | "goals" | "career-plan")
    );
    if !kind_expects && !cx.conventions().uses_success {
        return;
    }
    // A convention is what most goals do: at least half of the goals judged carry a criterion
    // or a measure of their own (one "Target:" line among twenty sprint goals sets none); a
    // vague goal is left to `vague-goal` and counts neither way. A copy of a template that
    // asks for one is held to it whatever its author did.
    let has_criterion = |item: &crate::model::Item| {
        cx.doc.children(item.id).any(|c| {
            matches!(c.kind, ItemKind::SuccessCriterion | ItemKind::KeyResult)
                && !c.text.plain.is_empty()
        })
    };
    let template_expects = cx
        .schema()
        .is_some_and(|s| s.success.is_some() || s.key_result.is_some());
    if !kind_expects && !template_expects {
        let judged: Vec<&crate::model::Item> = cx
            .doc
            .items
            .iter()
            .filter(|i| cx.is_judged_goal(i) && !cx.statement(i.id).is_vague())
            .collect();
        let carrying = judged
            .iter()
            .filter(|i| has_criterion(i) || cx.statement(i.id).metric.is_some())
            .count();
        if 2 * carrying < judged.len() {
            return;
        }
    }
    // A copy of a template writes the field as its template does.
    let (label, slot) = Field::or(
        cx.schema().and_then(|s| s.success.as_ref()),
        "Success looks like",
        "[a number, a shipped thing or a visible change]",
    );
    for item in &cx.doc.items {
        if !cx.is_judged_goal(item) {
            continue;
        }
        let st = cx.statement(item.id);
        if st.is_vague() || st.metric.is_some() {
            continue;
        }
        if has_criterion(item) {
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
            .report(line, "goal has no success criterion")
            .with_help("Add how you will know it is done: a number, a shipped thing or an observable change, e.g. \"Success looks like: p95 latency under 200ms on all endpoints\".");
        if let Some(edit) = template {
            d.with_fix(Fix::new(
                format!("Add a \"{label}\" field"),
                Applicability::Template,
                vec![edit],
            ));
        }
    }
}
