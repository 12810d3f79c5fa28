use super::{Context, FixKind, Rule, RuleDocs, RuleMeta, excerpt};
use crate::diagnostic::Severity;
use crate::model::{ItemKind, SectionRole};

pub struct VagueCapability;

static META: RuleMeta = RuleMeta {
    index: 11,
    code: "GL402",
    name: "vague-capability",
    summary: "A career goal phrased as \"get better at X\" instead of a capability that can be shown",
    default_severity: Severity::Warning,
    fix: FixKind::None,
    docs: RuleDocs {
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
    },
};

impl Rule for VagueCapability {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        for item in &cx.doc.items {
            let career = cx.doc.section(item.section).role == SectionRole::Career;
            let judged = item.kind == ItemKind::Capability
                || career && matches!(item.kind, ItemKind::Goal | ItemKind::Objective);
            if !judged
                || item.is_done()
                || item.text.plain.is_empty()
                || cx.is_unfilled(item)
                || !cx.in_goal_content(item)
            {
                continue;
            }
            if !cx.statement(item.id).is_vague() {
                continue;
            }
            let wish = excerpt(&item.text.plain);
            let line = item.line;
            cx.report(line, format!("career goal \"{wish}\" names a wish, not a capability you can show"))
                .with_help("Write what you will be able to do and how it will be seen: \"Run a design critique for 10 people without help\", \"Debug production issues in 30 minutes\".");
        }
    }
}
