use super::context::{Check, Context, NoOptions, Rule, excerpt};
use crate::meta::RuleDocs;
use crate::model::{ItemKind, SectionRole};

pub struct VagueCapability;

impl Rule for VagueCapability {
    const SUMMARY: &'static str = "A career goal phrased as \"get better at X\" instead of a capability that can be shown";
    const DOCS: RuleDocs = RuleDocs {
        what: "In career-development content (a `Career Development` section, or a \"By end of quarter, I \
will be able to:\" field) flags a goal that names a wish to improve (\"get better at X\", \"improve \
leadership\", \"become more strategic\", \"learn debugging\") rather than something you will be able \
to do and show.",
        why: "\"Improve leadership\" has no moment when it is done. \"Run a design critique for 10 \
people without help\" is a thing you either did or did not, and doing it is the evidence.",
        bad: "### Career Development\n\n- Get better at presenting\n- Improve leadership\n",
        good: "### Career Development\n\n- Present the product strategy to the exec team without my manager\n\
- Run a design critique for 10 people without help\n",
        fix: "",
        options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    for item in &cx.doc.items {
        let career = cx.doc.section(item.section).role == SectionRole::Career;
        let judged = item.kind == ItemKind::Capability
            || career && matches!(item.kind, ItemKind::Goal | ItemKind::Objective);
        if !judged
            || !cx.is_open_written_entry(item)
        {
            continue;
        }
        // Leading or owning a named thing is something one can be seen doing.
        let st = cx.statement(item.id);
        if !st.is_vague() || st.takes_charge {
            continue;
        }
        let wish = excerpt(&item.text.plain);
        let line = item.line;
        cx.report(line, format!("career goal \"{wish}\" names a wish, not a capability you can show"))
            .with_help("Write what you will be able to do and how it will be seen: \"Run a design critique for 10 people without help\", \"Debug production issues in 30 minutes\".");
    }
}
