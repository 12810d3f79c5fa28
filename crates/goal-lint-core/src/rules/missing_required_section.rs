use super::context::{Check, Context, NoOptions, Rule};
use crate::diagnostic::{Applicability, Edit, Fix, Part};
use crate::meta::RuleDocs;
use crate::model::vocab::contains_word;
use crate::text::TextRange;

pub struct MissingRequiredSection;

impl Rule for MissingRequiredSection {
    const SUMMARY: &'static str = "A document of a declared kind that lacks one of the sections that kind requires";
    const DOCS: RuleDocs = RuleDocs {
            what: "For a document whose kind is declared (front matter `goal-lint: planning-review`, or \
`kind` in the configuration), flags each required section that no heading names; for a copy of a \
template, each section of the template the copy dropped (unless a heading of the copy's own may \
be one renamed). Built in: \
`planning-review` requires Retrospective, Status, Plans, Success Metrics, Risks/Open Questions/Needs \
and Excluded; `quarterly` requires Goals and Actions. `A/B/C` is satisfied by a heading naming any \
of them. Kinds of your own go under `[kinds.NAME] required-sections = [...]`.",
            why: "A review that skips the retrospective or the risks skips the conversation those sections \
exist to start; a missing heading is easier to notice in the editor than in the meeting.",
            bad: "---\ngoal-lint: planning-review\n---\n\n## Retrospective\n## Status\n## Plans\n## Success Metrics\n## Excluded\n",
            good: "---\ngoal-lint: planning-review\n---\n\n## Retrospective\n## Status\n## Plans\n## Success Metrics\n## Risks / Open Questions / Needs\n## Excluded\n",
            fix: "Template: appends the missing section at the end of the document.",
            options: "`[kinds.NAME] required-sections = [\"Goals\", \"Risks/Open Questions\"]`",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    // A copy of a template keeps the template's sections (a declared kind's list comes first).
    let declared = cx
        .doc
        .options
        .kind
        .clone()
        .and_then(|kind| cx.kinds.get(&kind).cloned().map(|r| (kind, r)));
    let Some((kind, required)) = declared.or_else(|| {
        let m = cx.template()?;
        let missing: Vec<String> = m
            .missing_sections(cx.doc)
            .into_iter()
            .map(str::to_string)
            .collect();
        (!missing.is_empty()).then(|| (format!("a copy of the template {}", m.template.name), missing))
    }) else {
        return;
    };
    let headings: Vec<String> = cx
        .doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref().map(|h| h.text.plain.to_lowercase()))
        .collect();
    // Point at the kind declaration in front matter, else at the first line.
    let anchor = cx
        .doc
        .front_matter
        .as_ref()
        .and_then(|fm| {
            let body = &cx.text[fm.range.as_range()];
            body.find("goal-lint").map(|i| {
                let start = fm.range.start + i;
                TextRange::new(start, crate::edits::line_end(cx.text, start))
            })
        })
        .unwrap_or_else(|| TextRange::new(0, crate::edits::line_end(cx.text, 0)));
    let eol = cx.doc.line_ending.as_str();
    let end = cx.text.len();
    let lead = if cx.text.is_empty() || cx.text.ends_with(['\n', '\r']) {
        eol.to_string()
    } else {
        format!("{eol}{eol}")
    };
    for req in required {
        let alternatives: Vec<String> = req
            .split('/')
            .map(|a| a.trim().to_lowercase())
            .filter(|a| !a.is_empty())
            .collect();
        let present = headings
            .iter()
            .any(|h| alternatives.iter().any(|a| contains_word(h, a)));
        if present {
            continue;
        }
        let head = format!("{lead}## {req}{eol}{eol}");
        let edit = Edit::template(
            TextRange::empty(end),
            &[
                Part::Literal(&head),
                Part::Slot("[what goes here]"),
                Part::Literal(eol),
            ],
        );
        let (message, help) = if kind.starts_with("a copy of the template ") {
            (
                format!("{kind}, without its \"{req}\" section"),
                format!("The template has a \"{req}\" section; add it back, even if only to say it does not apply."),
            )
        } else {
            (
                format!("{kind} document has no \"{req}\" section"),
                format!("A {kind} covers \"{req}\"; add the section, even if only to say it does not apply."),
            )
        };
        cx.report(anchor, message)
            .with_help(help)
            .with_fix(Fix::new(format!("Add a \"{req}\" section"), Applicability::Template, vec![edit]));
    }
}
