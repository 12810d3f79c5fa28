use super::context::{Check, Context, NoOptions, Rule};
use crate::analysis::Field;
use crate::diagnostic::{Applicability, Fix};
use crate::edits::{Placement, field_template};
use crate::meta::RuleDocs;
use std::collections::HashSet;

use crate::model::{ItemKind, SectionId};

pub struct MissingWhy;

impl Rule for MissingWhy {
    const SUMMARY: &'static str = "A goal without the \"Why it matters\" field the document's other goals have";
    const DOCS: RuleDocs = RuleDocs {
            what: "In a goals section whose goals have a `Why it matters:` field, flags a goal that lacks \
one. Sections (and documents) that do not use the field are left alone.",
            why: "The why is what lets a reader (and you, in week 9) judge trade-offs: if the goal stops \
mattering, it should stop. A missing why among goals that have one is usually an oversight.",
            bad: "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** 800ms costs us 15% of carts\n\
2. **Goal:** Hire 2 senior engineers by Week 10\n",
            good: "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** 800ms costs us 15% of carts\n\
2. **Goal:** Hire 2 senior engineers by Week 10\n   - **Why it matters:** the team spends half its time on maintenance\n",
            fix: "Template: adds a `**Why it matters:**` field as the goal's first field.",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    if !cx.conventions().uses_why {
        return;
    }
    // The convention is held per goals section: a second list written another way is not.
    let doc = cx.doc;
    let with_why: HashSet<SectionId> = doc
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Why)
        .filter_map(|i| i.parent.map(|p| doc.goal_group(doc.item(p).section)))
        .collect();
    // A copy of a template whose goals have a reason field: every goal of the copy has one.
    let asked = cx.schema().and_then(|s| s.why.as_ref());
    let from_template = asked.is_some();
    let (label, slot) = Field::or(asked, "Why it matters", "[impact on the business or team]");
    for item in &doc.items {
        if !cx.is_judged_goal(item)
            || !(with_why.contains(&doc.goal_group(item.section)) || from_template)
            || doc.children(item.id).any(|c| c.kind == ItemKind::Why)
        {
            continue;
        }
        let template = field_template(
            cx.doc,
            cx.text,
            item,
            label,
            slot,
            Placement::First,
        );
        let line = item.line;
        let d = cx
            .report(line, format!("goal has no \"{label}\""))
            .with_help("Say in one sentence what the goal changes for the business or the team, as the other goals here do.");
        if let Some(edit) = template {
            d.with_fix(Fix::new(
                format!("Add a \"{label}\" field"),
                Applicability::Template,
                vec![edit],
            ));
        }
    }
}
