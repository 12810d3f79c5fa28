use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::context::{Check, Context, Rule, RuleOptions};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::meta::RuleDocs;
use crate::model::{ItemKind, TimeframeKind};
use crate::text::TextRange;

pub struct InvalidWeekRange;

/// `[rules.invalid-week-range]`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Highest week number a plan may use. Default: 13 in a quarterly plan, 26 in a half, 53 in
    /// a year; unchecked when the period is unknown.
    pub max_week: Option<u32>,
    /// Highest month number a plan may use. Default: 3 / 6 / 12 as above.
    pub max_month: Option<u32>,
}

impl RuleOptions for Options {
    const INIT: &'static str = "[rules.invalid-week-range]
# Default: 13 weeks / 3 months in a quarterly plan, 26 / 6 in a half, 53 / 12 in a year.
# max-week = 13
# max-month = 3
";

    fn validate(&self) -> Result<(), (&'static str, String)> {
        // A plan has at least one week and one month: 0 would make every week "outside the
        // plan".
        for (key, value) in [("max-week", self.max_week), ("max-month", self.max_month)] {
            if value == Some(0) {
                return Err((
                    key,
                    format!("`{key}` must be at least 1 (leave it out to use the plan's period)"),
                ));
            }
        }
        Ok(())
    }
}

impl Rule for InvalidWeekRange {
    const SUMMARY: &'static str = "A week or month range that runs backwards, starts at zero, or leaves the plan's period";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags `Week 8-3` (reversed), `Week 0` (weeks count from 1), and, when the plan's period is \
known (a quarter: from a `Q3` heading, a `Quarter:` field or kind `quarterly`), a week after 13 or a \
month after 3. A half allows 26 weeks and 6 months; a year 53 and 12. Limits can be set explicitly.",
            why: "A reversed or impossible range is a typo that hides the real schedule: \"Week 8-3\" could \
be 3-8 or 8-13, and the plan cannot be checked against the calendar until someone asks.",
            bad: "## Q3 Actions\n\n- Migrate billing (Week 8-3)\n- Load test (Week 15)\n",
            good: "## Q3 Actions\n\n- Migrate billing (Week 3-8)\n- Load test (Week 12)\n",
            fix: "Unsafe: swaps the numbers of a reversed range (the intent might have been a different range).",
            options: "`[rules.invalid-week-range] max-week = 13`, `max-month = 3`",
    };
    type Options = Options;
    const CHECK: Option<Check<Options>> = Some(check);
}

static NUMBERS: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(r"\d+"));

fn check(cx: &mut Context<'_>, options: &Options) {
    let period = cx.doc.period;
    let max_week = options.max_week.or(period.map(|p| p.max_weeks()));
    let max_month = options.max_month.or(period.map(|p| p.max_months()));
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
            // The numbers as written: one may be too large for a number (then it reads as the
            // largest there is).
            let (first, last) = match nums.as_slice() {
                [a, b] => (b.as_str().to_string(), a.as_str().to_string()),
                _ => (end.to_string(), start.to_string()),
            };
            let d = cx
                .report(range, format!("\"{written}\" runs backwards"))
                .with_help(format!(
                    "Write the earlier {unit} first: {unit} {first}-{last}."
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
