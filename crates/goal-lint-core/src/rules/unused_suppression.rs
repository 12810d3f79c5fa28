use super::{Context, FixKind, Rule, RuleDocs, RuleMeta};
use crate::diagnostic::Severity;

/// Reported by [`crate::suppression`], which knows which comments suppressed something.
pub struct UnusedSuppression;

impl UnusedSuppression {
    pub const CODE: &'static str = "GL901";
}

static META: RuleMeta = RuleMeta {
    index: 14,
    code: UnusedSuppression::CODE,
    name: "unused-suppression",
    summary: "A suppression comment that suppresses nothing, names an unknown rule, or enables what was never disabled",
    default_severity: Severity::Warning,
    fix: FixKind::Safe,
    docs: RuleDocs {
        what: "Flags `<!-- goal-lint-disable… -->` comments that silence no diagnostic, name a rule that \
does not exist, or are not a known directive, and `<!-- goal-lint-enable -->` with no disable before \
it. Comments about rules that are switched off in the configuration are not reported.",
        why: "A stale suppression hides the next real problem on that line, and a misspelt rule name \
silences nothing while looking as if it did.",
        bad: "## Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n",
        good: "## Goals\n\n- Work on payments <!-- goal-lint-disable-line vague-goal -->\n",
        fix: "Safe: removes the comment (its whole line when it stands alone).",
        options: "",
    },
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &mut Context<'_>) {}
}
