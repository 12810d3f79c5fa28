use super::context::{Check, Context, NoOptions, Rule};
use crate::diagnostic::{Applicability, Edit, Fix, Part};
use crate::meta::RuleDocs;
use crate::model::ItemKind;

pub struct UnmeasurableSuccessMetric;

impl Rule for UnmeasurableSuccessMetric {
    const SUMMARY: &'static str = "A success criterion or key result that states nothing measurable";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags a success criterion or key result that names no number, threshold, deliverable or \
observable change: \"Get positive feedback from partners\", \"Keep roadmap up to date\".",
            why: "A key result is the measure of its objective. If it cannot be checked it measures nothing, \
and the objective above it is as vague as if it had none.",
            bad: "## Objectives\n\n- Grow the partner program\n  - KR: Get positive feedback from partners\n  - KR: Keep roadmap up to date\n",
            good: "## Objectives\n\n- Grow the partner program\n  - KR: 3 partners rate the integration 8/10 or higher\n  - KR: Publish the partner roadmap by March 15\n",
            fix: "In a copy of a template: rewrites the field from the template's own slot text, for you to fill in.",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    for item in &cx.doc.items {
        if !matches!(item.kind, ItemKind::SuccessCriterion | ItemKind::KeyResult)
            || !cx.is_open_written_entry(item)
        {
            continue;
        }
        // The same judgement as `vague-goal`: a number, a deliverable or an observable end
        // state passes, and so does a statement the analysis cannot call vague.
        if !cx.statement(item.id).is_vague()
            || cx
                .doc
                .children(item.id)
                .any(|c| cx.statement(c.id).is_measurable())
        {
            continue;
        }
        let what = if item.kind == ItemKind::KeyResult {
            "key result"
        } else {
            "success criterion"
        };
        // A copy of a template gets the template's own prompt for the field back.
        let slot = cx.schema().and_then(|s| {
            if item.kind == ItemKind::KeyResult {
                s.key_result.as_ref()
            } else {
                s.success.as_ref()
            }
        });
        let line = item.line;
        let d = cx
            .report(line, format!("{what} states nothing measurable"))
            .with_help("Name a number, a threshold, a deliverable or an observable change: \"3 partners sign the integration agreement\", not \"positive feedback from partners\".");
        if let Some(slot) = slot.filter(|f| !f.slot.is_empty()) {
            let edit = Edit::template(item.text.trimmed_range(), &[Part::Slot(&slot.slot)]);
            d.with_fix(Fix::new(
                "Rewrite from the template's prompt",
                Applicability::Template,
                vec![edit],
            ));
        }
    }
}
