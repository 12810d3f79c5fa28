use super::context::{Check, Context, NoOptions, Rule, excerpt};
use crate::analysis::{DocumentClass, PlaceholderKind, find_in_plain, note_for_missing_text};
use crate::meta::RuleDocs;
use crate::model::ItemKind;

pub struct UnfilledPlaceholder;

impl Rule for UnfilledPlaceholder {
    const SUMMARY: &'static str = "Template text left in place: Q[X] 20XX, Week X-Y, $X, x%, TODO, TBD, an empty field";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags template slots (`Q[X] 20XX`, `Week X-Y`, `$X`, `x%`, `to X`, `X/10`), notes to self \
(`TODO`, `TO DO`, `TBD`, `TBC`, `???`, `Coming soon`), template prompts (`One liner - verb + noun + \
outcome`, `Action 1 (Week X-Y or Month)`, `<your goal here>`, `[insert link]`, a bare `Objective` or \
`Key result`), and labelled fields or entries left empty (`**Person:**`, `-`) in a goal document \
(a label right over a list of another kind, `- **Priya:**` then `1. Publish …`, names that list \
and is not empty). \
Outside its goal sections, prose is not judged as a template, but a line that is only a note to \
self (`TODO`, `- TBD`, `TODO: define the topics`, `… is done when...TBD`) still stands for text \
to be written and is reported; a note inside a sentence there (\"a TODO list\") is not. An \
ordinary capital X (`Xbox`, `X-ray`, `the X axis`, X the network) is not a placeholder, nor is text \
inside quotation marks.",
            why: "A half-filled template reads as finished at a glance. \"Achieve $X net new ARR\" promises \
nothing, and the other rules cannot judge an entry that is still the template's prompt.",
            bad: "**Quarter:** Q[X] 20XX\n**Person:**\n\n## Goals\n\n1. **Goal:** Lower build times to X\n\n## Actions\n\n- Migrate CI (Week X-Y)\n",
            good: "**Quarter:** Q3 2025\n**Person:** Sam Lee\n\n## Goals\n\n1. **Goal:** Lower build times to 8 minutes\n\n## Actions\n\n- Migrate CI (Week 2-4)\n",
            fix: "",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
    /// A pristine template gets this rule's one notice and no other.
    const JUDGES_TEMPLATES: bool = true;
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    let doc = cx.doc;
    // A template nobody has started on is a template by design: one notice, on its first
    // slot, not one per slot.
    let judgement = cx.judgement();
    if judgement.class == DocumentClass::PristineTemplate {
        let range = judgement
            .first_slot
            .unwrap_or_else(|| crate::TextRange::new(0, 0));
        let message = match judgement.slots {
            // A template by its title, with prompts as prose rather than marked slots.
            0 => "unfilled template: nothing in it has been filled in yet".to_string(),
            1 => "unfilled template: 1 slot still holds template text".to_string(),
            n => format!("unfilled template: {n} slots still hold template text"),
        };
        cx.report(range, message)
        .with_help(
            "Fill in the template (each slot left afterwards is reported on its own line), or \
             mark the file as a template with `goal-lint: off` in its front matter.",
        );
        return;
    }
    let mut reported = Vec::new();
    for item in &doc.items {
        if item.kind == ItemKind::Example {
            continue;
        }
        let mut found = cx.placeholders(item.id).to_vec();
        if found.is_empty()
            && let Some(note) = note_for_missing_text(doc, item, cx.text)
        {
            found.push(note);
        }
        let Some(first) = found.first() else { continue };
        // One diagnostic per entry, naming every placeholder in it; a cell of a table row
        // whose placeholders the row's diagnostic already names gets none of its own.
        let range = found.iter().fold(first.range, |r, p| r.cover(p.range));
        if reported
            .iter()
            .any(|r: &crate::TextRange| r.start <= range.start && range.end <= r.end)
        {
            continue;
        }
        reported.push(range);
        let quoted: Vec<String> = found
            .iter()
            .filter(|p| !p.text.is_empty())
            .map(|p| format!("\"{}\"", excerpt(&p.text)))
            .collect();
        let message = match first.kind {
            _ if quoted.len() > 1 => {
                format!("template text {} left in place", quoted.join(", "))
            }
            PlaceholderKind::Slot => {
                format!("template placeholder \"{}\" left in place", first.text)
            }
            PlaceholderKind::Todo => format!("\"{}\" left in a goal document", first.text),
            PlaceholderKind::Prompt => {
                format!("template prompt \"{}\" left in place", excerpt(&first.text))
            }
            PlaceholderKind::Empty => match &item.label {
                Some(l) => format!("empty \"{}\" field", l.text),
                None => format!("empty {} entry", item.kind.as_str().replace('-', " ")),
            },
        };
        let help = match first.kind {
            PlaceholderKind::Todo => "Finish the entry or remove it before the plan is shared.",
            PlaceholderKind::Empty => "Fill it in, or delete it if it does not apply.",
            _ => "Replace the template text with the real value.",
        };
        cx.report(range, message).with_help(help);
    }
    // Headings are not entries, but "## Q[X] Goals" is still a template.
    for section in &doc.sections {
        let Some(h) = &section.heading else { continue };
        if h.item.is_some() || !section.goal_content {
            continue;
        }
        for (r, _) in find_in_plain(&h.text.plain) {
            let range = h.text.range_of(r.clone());
            cx.report(
                range,
                format!(
                    "template placeholder \"{}\" left in a heading",
                    &h.text.plain[r]
                ),
            )
            .with_help("Replace the template text with the real value.");
        }
    }
}
