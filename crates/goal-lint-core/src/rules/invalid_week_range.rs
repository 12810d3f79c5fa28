use std::sync::LazyLock;

use regex::Regex;

use super::{Context, FixKind, Rule, RuleDocs, RuleMeta};
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{ItemKind, TimeframeKind};
use crate::text::TextRange;

pub struct InvalidWeekRange;

static META: RuleMeta = RuleMeta {
    index: 6,
    code: "GL102",
    name: "invalid-week-range",
    summary: "A week or month range that runs backwards, starts at zero, or leaves the plan's period",
    default_severity: Severity::Error,
    fix: FixKind::Unsafe,
    docs: RuleDocs {
        what: "Flags `Week 8-3` (reversed), `Week 0` (weeks count from 1), and, when the plan's period is \
known (a quarter: from a `Q3` heading, a `Quarter:` field or kind `quarterly`), a week after 13 or a \
month after 3. A half allows 26 weeks and 6 months; a year 53 and 12. Limits can be set explicitly.",
        why: "A reversed or impossible range is a typo that hides the real schedule: \"Week 8-3\" could \
be 3-8 or 8-13, and the plan cannot be checked against the calendar until someone asks.",
        bad: "## Q3 Actions\n\n- Migrate billing (Week 8-3)\n- Load test (Week 15)\n",
        good: "## Q3 Actions\n\n- Migrate billing (Week 3-8)\n- Load test (Week 12)\n",
        fix: "Unsafe: swaps the numbers of a reversed range (the intent might have been a different range).",
        options: "`[rules.invalid-week-range] max-week = 13`, `max-month = 3`",
    },
};

static NUMBERS: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(r"\d+"));

impl Rule for InvalidWeekRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let period = cx.doc.period;
        let max_week = cx
            .settings
            .options
            .max_week
            .or(period.map(|p| p.max_weeks()));
        let max_month = cx
            .settings
            .options
            .max_month
            .or(period.map(|p| p.max_months()));
        let period_name = match period {
            Some(crate::model::Period::Quarter) => "a quarter",
            Some(crate::model::Period::Half) => "a half-year",
            Some(crate::model::Period::Year) => "a year",
            None => "the plan",
        };
        let mut found = Vec::new();
        for item in &cx.doc.items {
            // Entries of the plan only: prose and notes ("the course starts in week 0") number
            // weeks their own way.
            if matches!(item.kind, ItemKind::Example | ItemKind::Other) || !cx.in_goal_content(item)
            {
                continue;
            }
            for t in &item.timeframes {
                let (unit, start, end, max) = match t.kind {
                    TimeframeKind::Week { start, end, .. } => {
                        ("week", start, end.unwrap_or(start), max_week)
                    }
                    TimeframeKind::Month { start, end } => ("month", start, end, max_month),
                    _ => continue,
                };
                found.push((t.range, unit, start, end, max));
            }
        }
        for (range, unit, start, end, max) in found {
            let written = cx.text[range.as_range()].to_string();
            if start == 0 || end == 0 {
                cx.report(range, format!("\"{written}\": {unit}s are counted from 1"))
                    .with_help(format!("Number {unit}s of the plan from 1."));
            } else if end < start {
                let nums: Vec<_> = NUMBERS.find_iter(&written).collect();
                let mut d_fix = None;
                if nums.len() == 2 {
                    let a = nums[0];
                    let b = nums[1];
                    d_fix = Some(Fix::new(
                        format!("Swap to {} {}-{}", unit, b.as_str(), a.as_str()),
                        Applicability::Unsafe,
                        vec![
                            Edit::replace(
                                TextRange::new(range.start + a.start(), range.start + a.end()),
                                b.as_str(),
                            ),
                            Edit::replace(
                                TextRange::new(range.start + b.start(), range.start + b.end()),
                                a.as_str(),
                            ),
                        ],
                    ));
                }
                let d = cx
                    .report(range, format!("\"{written}\" runs backwards"))
                    .with_help(format!(
                        "Write the earlier {unit} first: {unit} {end}-{start}."
                    ));
                if let Some(fix) = d_fix {
                    d.with_fix(fix);
                }
            } else if let Some(max) = max
                && end > max
            {
                cx.report(range, format!("\"{written}\" is outside {period_name} ({max} {unit}s)"))
                    .with_help(format!("Keep the plan within {max} {unit}s, or set `[rules.invalid-week-range] max-{unit}` if the period is longer."));
            }
        }
    }
}
