use serde::Deserialize;

use super::context::{Check, Context, Rule, RuleOptions};
use crate::meta::RuleDocs;
use crate::model::ItemKind;

pub struct TooManyKeyResults;

/// `[rules.too-many-key-results]`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Key results an objective may have.
    pub max: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max: 5 }
    }
}

impl RuleOptions for Options {
    const INIT: &'static str = "[rules.too-many-key-results]
max = 5
";
}

impl Rule for TooManyKeyResults {
    const SUMMARY: &'static str = "An objective with more key results than can be tracked";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags an objective with more key results than the maximum (default 5).",
            why: "Key results are the few measures that prove the objective. A long list is usually a task \
list in disguise, and it dilutes which results actually matter.",
            bad: "## OKRs\n\n- Objective: Faster builds\n  - KR: CI under 10 min\n  - KR: Cache hit rate 90%\n  - KR: 0 flaky tests\n  - KR: 2 runners added\n  - KR: 5 jobs merged\n  - KR: 1 dashboard\n",
            good: "## OKRs\n\n- Objective: Faster builds\n  - KR: CI under 10 min\n  - KR: Cache hit rate 90%\n  - KR: 0 flaky tests\n",
            fix: "",
            options: "`[rules.too-many-key-results] max = 5`",
    };
    type Options = Options;
    const CHECK: Option<Check<Options>> = Some(check);
}

fn check(cx: &mut Context<'_>, options: &Options) {
    let max = options.max;
    for item in &cx.doc.items {
        if item.kind != ItemKind::Objective {
            continue;
        }
        let krs: Vec<_> = cx
            .doc
            .children(item.id)
            .filter(|c| c.kind == ItemKind::KeyResult)
            .collect();
        if krs.len() <= max {
            continue;
        }
        let extra = krs[max].line;
        let line = item.line;
        let n = krs.len();
        cx.report(line, format!("objective has {n} key results; keep at most {max}"))
            .with_help("Keep the results that prove the objective; move tasks to the action plan (the limit is `[rules.too-many-key-results] max`).")
            .with_related(extra, format!("key result {} and after are over the limit", max + 1));
    }
}
