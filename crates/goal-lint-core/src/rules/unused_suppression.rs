use super::context::{Check, NoOptions, Rule};
use crate::meta::RuleDocs;

/// Reported by the suppression pass ([`crate::suppression`]), which alone knows which comments
/// silenced something: its scope in the table is `Suppressions`, and it has no check.
pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    const SUMMARY: &'static str = "A suppression comment that suppresses nothing, names an unknown rule, or enables what was never disabled";
    const DOCS: RuleDocs = RuleDocs {
        what: "Flags `<!-- goal-lint-disable… -->` comments that silence no diagnostic, name a rule that \
does not exist, or are not a known directive, and `<!-- goal-lint-enable -->` with no disable before \
it. Comments about rules that are switched off in the configuration are not reported.",
        why: "A stale suppression hides the next real problem on that line, and a misspelt rule name \
silences nothing while looking as if it did.",
        bad: "## Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n",
        good: "## Goals\n\n- Work on payments <!-- goal-lint-disable-line vague-goal -->\n",
        fix: "Safe: removes the comment (its whole line when it stands alone).",
        options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = None;
}
