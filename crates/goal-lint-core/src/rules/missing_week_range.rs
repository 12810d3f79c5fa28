use super::context::{Check, Context, NoOptions, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::edits::append_to_line;
use crate::meta::RuleDocs;
use crate::model::{ItemKind, SectionRole, TimeframeKind, timeframe::find_timeframes};
use regex::Regex;
use std::sync::LazyLock;

pub struct MissingWeekRange;

impl Rule for MissingWeekRange {
    const SUMMARY: &'static str = "An action in an action plan with no week range, month, date or deadline";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags a step of an action plan (a list under `Actions`, `Key Actions:`, `Next steps`, or \
`Goal 1:` in an actions section) that says nothing about when: no `Week 3-5`, `Month 2`, date, \
quarter, `by …` deadline or cadence (`monthly`). A timeframe in a heading or label above the step \
(`**Month 1:**`) counts, and so does the quarter or half of a milestone heading in a plan of several \
(`### v2.8 (Q1 2026)`, `### v2.9 (Q2 2026)`). Finished steps are not checked. Only a plan that keeps timing is held to \
it: most of its actions carry some, or its template asks for it (an actions section named for a \
period, such as `Actions This Quarter`, or a `Week X-Y` slot).",
            why: "A plan without dates cannot slip, so nobody notices when it does. \"Ship X by Week 4\" \
tells you in week 3 whether you are on track; \"work on X\" never does.",
            bad: "## Actions This Quarter\n\n- Complete the Stripe migration\n- Run parallel processing for two weeks\n",
            good: "## Actions This Quarter\n\n- Complete the Stripe migration by Week 4\n- Run parallel processing (Week 5-6)\n",
            fix: "Template: appends ` (Week X-Y)` to the step for you to fill in.",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    let doc = cx.doc;
    if !timing_is_the_convention(cx) {
        return;
    }
    // A plan in milestones, one heading per quarter or half ("### v2.8 (Q1 2026)", "### v2.9
    // (Q2 2026)"): each milestone's heading gives its steps their time.
    let periods: std::collections::BTreeSet<(bool, u32, Option<i32>)> = doc
        .sections
        .iter()
        .filter_map(|s| Some((s, s.heading.as_ref()?)))
        .flat_map(|(s, h)| {
            find_timeframes(&h.text.plain)
                .into_iter()
                .filter_map(move |t| match t.kind {
                    TimeframeKind::Quarter { quarter, year } => {
                        Some((true, u32::from(quarter), year.or(s.year)))
                    }
                    TimeframeKind::Half { half, year } => {
                        Some((false, u32::from(half), year.or(s.year)))
                    }
                    _ => None,
                })
        })
        .collect();
    let milestones = periods.len() >= 2;
    for item in &doc.items {
        if item.kind != ItemKind::Action
            || !cx.is_open_written_entry(item)
        {
            continue;
        }
        if !item.timeframes.is_empty() {
            continue;
        }
        // Timing on a line of its own under the step ("- Onsites" / "  - Weeks 3-8"), or a
        // label that says the step has no end ("Ongoing: …").
        let timed_below = doc
            .children(item.id)
            .any(|c| !c.timeframes.is_empty() && c.text.plain.split_whitespace().count() <= 6);
        let ongoing = item.label.as_ref().is_some_and(|l| {
            matches!(
                l.text.trim().to_lowercase().as_str(),
                "ongoing" | "continuous" | "always" | "throughout" | "recurring"
            )
        });
        if timed_below || ongoing || TIMING_WORDS.is_match(&item.text.plain) {
            continue;
        }
        // A header label ("**Month 1:**") or a heading ("### Weeks 1-4") above the step.
        let in_header = std::iter::successors(item.parent, |p| doc.item(*p).parent)
            .map(|p| doc.item(p))
            .any(|p| p.kind == ItemKind::Header && !p.timeframes.is_empty());
        let in_heading = std::iter::successors(Some(item.section), |s| doc.section(*s).parent)
            .any(|s| {
                doc.section(s).heading.as_ref().is_some_and(|h| {
                    find_timeframes(&h.text.plain).iter().any(|t| {
                        matches!(
                            t.kind,
                            TimeframeKind::Week { .. }
                                | TimeframeKind::Month { .. }
                                | TimeframeKind::Calendar { .. }
                        ) || (milestones
                            && matches!(
                                t.kind,
                                TimeframeKind::Quarter { .. } | TimeframeKind::Half { .. }
                            ))
                    })
                })
            });
        if in_header || in_heading {
            continue;
        }
        // A copy of a template writes timing as its template does.
        let slot = cx
            .schema()
            .and_then(|s| s.timing.as_deref())
            .unwrap_or("Week X-Y");
        let edit = append_to_line(cx.text, item, slot);
        let line = item.line;
        cx.report(line, "action has no week range or deadline")
            .with_help("Say when it happens so progress can be checked: \"(Week 3-5)\", \"by Week 4\", \"Month 2\" or a date.")
            .with_fix(Fix::new("Add a week range", Applicability::Template, vec![edit]));
    }
}

/// Timing written in words rather than weeks or dates: "(immediately)", "(Spring term)",
/// "from day one".
static TIMING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:immediately|right away|straight away|at once|asap|from (?:now|today|day one)|(?:spring|summer|autumn|fall|winter|first|second|third|next|this) (?:term|semester|half-term|trimester))\b",
    )
});

/// The document holds its actions to timing: most of them carry some, or its template asks for
/// it (an actions section named for a period, "Actions This Quarter"; a `Week X-Y` slot). A
/// plan whose actions carry no timing convention is not asked for one action by action.
fn timing_is_the_convention(cx: &Context<'_>) -> bool {
    static PERIOD_ACTIONS: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:this|next|each|per)\s+(?:quarter|month|half|year|sprint|cycle)\b|\bq[1-4]\b|\bh[12]\b|\b\d{1,3}[- ]days?\b|\bweeks?\b|\bmonths?\b",
        )
    });
    // The template the document is a copy of puts timing on its actions.
    if cx.schema().is_some_and(|s| s.timing.is_some()) {
        return true;
    }
    let doc = cx.doc;
    let asks = doc.sections.iter().any(|s| {
        s.role == SectionRole::Actions
            && s.heading
                .as_ref()
                .is_some_and(|h| PERIOD_ACTIONS.is_match(&h.text.plain))
    });
    if asks {
        return true;
    }
    let actions: Vec<_> = doc
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Action && cx.in_goal_content(i))
        .collect();
    let slot = actions.iter().any(|a| {
        cx.placeholders(a.id)
            .iter()
            .any(|p| p.text.to_ascii_lowercase().contains("week"))
    });
    let timed = actions.iter().filter(|a| !a.timeframes.is_empty()).count();
    slot || (timed > 0 && timed * 2 >= actions.len())
}
