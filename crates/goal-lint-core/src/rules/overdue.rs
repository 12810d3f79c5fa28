use super::context::{Check, Context, NoOptions, Rule};
use crate::meta::RuleDocs;
use crate::model::{Date, Item, ItemKind, Origin, TimeframeKind};

pub struct Overdue;

impl Rule for Overdue {
    const SUMMARY: &'static str = "An open item whose deadline has passed";
    const DOCS: RuleDocs = RuleDocs {
            what: "Flags an item that is still open (an unchecked `- [ ]` box, a 🔄 / ⏳ status, or a table \
row whose `Status` cell says \"Open\" or \"In progress\") whose \
deadline is before today: a `by …` date, or otherwise the last calendar timeframe it names (`(Q1)`, \
`July 15`, `2026-03-31`), or, for an open box naming none, the period of a line naming only a period \
over its list (`Q2 2026`, `**2026 H1:**`), of the heading it is under (`## Q2 2026`), or that a field \
of its section gives (`Duration:`, `Timeline:`, `Dates:`, \
`Timeframe:`, `Due:`, `Deadline:`, `Target date:`). A timeframe without a year takes the year of the headings above it \
(`## Q1 2026 Goals`, `# Career Goals - 2026`). Week and month numbers of a plan are not dates and are \
not checked. \"Today\" is an input (`--today`), so results are reproducible.",
            why: "A box left open past its date is either done and not ticked, or slipping unnoticed. Both \
make the plan lie about where things stand.",
            bad: "# 2025 Plan\n\n## Key Actions\n\n- [ ] Publish the platform strategy doc (Q1)\n",
            good: "# 2025 Plan\n\n## Key Actions\n\n- [x] Publish the platform strategy doc (Q1)\n",
            fix: "",
            options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
    /// A roadmap's open item past its date is slipping, whatever its wording.
    const JUDGES_ROADMAP_ITEMS: bool = true;
}

/// When the entry names only its start ("(from September)", "starting March"), it has no
/// deadline to be past.
fn names_a_start(text: &str, t: &crate::model::Timeframe) -> bool {
    let before = text[..t.range.start.min(text.len())].trim_end().to_ascii_lowercase();
    ["from", "since", "starting", "beginning", "starts", "as of"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// A timeframe with a place on the calendar (a quarter, a half, a year, a month or a day), as
/// opposed to a plan's own week or month numbers.
fn is_calendar(kind: TimeframeKind) -> bool {
    matches!(
        kind,
        TimeframeKind::Quarter { .. }
            | TimeframeKind::Half { .. }
            | TimeframeKind::Year(_)
            | TimeframeKind::Calendar { .. }
    )
}

/// The end of the period the nearest heading above `item` names (`## Q2 2026`, `### March`,
/// `## 2025`), with the year of the headings above it; or that a timeline field of the
/// section gives (`### Milestone 1` over `**Duration:** March 13 - June 30, 2025`), unless the
/// field names only a start ("12 weeks starting March 3"). `true` with a field's date.
fn heading_due(doc: &crate::model::GoalDocument, text: &str, item: &Item) -> Option<(Date, bool)> {
    std::iter::successors(Some(item.section), |s| doc.section(*s).parent).find_map(|s| {
        let section = doc.section(s);
        let heading = section.heading.as_ref()?;
        let by_heading = crate::model::timeframe::find_timeframes(&heading.text.plain)
            .iter()
            .rev()
            .filter(|t| is_calendar(t.kind))
            .find_map(|t| t.kind.end_date(section.year));
        if let Some(due) = by_heading {
            return Some((due, false));
        }
        section
            .items
            .iter()
            .map(|&id| doc.item(id))
            .filter(|i| i.label.as_ref().is_some_and(|l| is_timeline_label(&l.text)))
            .filter(|i| {
                i.timeframes
                    .iter()
                    .filter(|t| is_calendar(t.kind))
                    .any(|t| t.deadline || !names_a_start(text, t))
            })
            .find_map(|i| due_date(i, section.year).map(|(d, _)| (d, true)))
    })
}

/// For each entry (by item index), the end of the period a line standing alone over its list
/// names, as a heading would ("Q4 2025" or "**2026 H1:**" on its own, then "- [ ] …"): the
/// line a list entry hangs under, or else the nearest paragraph before it in its section,
/// when that line is only a calendar period. One pass over each section's entries.
fn period_lines(doc: &crate::model::GoalDocument) -> Vec<Option<Date>> {
    let mut due = vec![None; doc.items.len()];
    for section in &doc.sections {
        let mut above = None;
        for &id in &section.items {
            let item = doc.item(id);
            if matches!(item.origin, Origin::Paragraph | Origin::Line) {
                above = period_only(item, section.year);
                for &child in &item.children {
                    if doc.item(child).origin == Origin::ListItem {
                        due[child.0 as usize] = above;
                    }
                }
            } else if item.origin == Origin::ListItem {
                due[id.0 as usize] = above;
            }
        }
    }
    due
}

/// The end of the period a paragraph or line names when that is all it says (its label's
/// text when it has nothing else: "**2026 H1:**").
fn period_only(line: &Item, year: Option<i32>) -> Option<Date> {
    let plain = line.text.plain.trim();
    let text = match (&line.label, plain.is_empty()) {
        (Some(label), true) => label.text.trim(),
        (None, false) => plain,
        _ => return None,
    };
    let text = text.trim_end_matches(':').trim_end();
    match crate::model::timeframe::find_timeframes(text).as_slice() {
        [t] if t.range == (0..text.len()) && is_calendar(t.kind) => t.kind.end_date(year),
        _ => None,
    }
}

/// When an item is due: its latest deadline, else its last calendar timeframe.
pub(crate) fn due_date(item: &Item, year: Option<i32>) -> Option<(Date, TimeframeKind)> {
    let deadlines: Vec<_> = item
        .timeframes
        .iter()
        .filter(|t| t.deadline && is_calendar(t.kind))
        .filter_map(|t| t.kind.end_date(year).map(|d| (d, t.kind)))
        .collect();
    if let Some(latest) = deadlines.into_iter().max_by_key(|(d, _)| *d) {
        return Some(latest);
    }
    item.timeframes
        .iter()
        .rev()
        .filter(|t| is_calendar(t.kind))
        .find_map(|t| t.kind.end_date(year).map(|d| (d, t.kind)))
}

/// Where an open item's date comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DueFrom {
    /// A deadline or timeframe of its own.
    Own,
    /// The period its heading names.
    Heading,
    /// A line naming only a period over its list.
    Line,
    /// A timeline field of its section.
    Field,
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    let Some(today) = cx.today else {
        return;
    };
    // An archive (its latest date long past) will not be updated: its open boxes are
    // history, not overdue work.
    if !cx.judgement().is_current(today) {
        return;
    }
    let period_lines = period_lines(cx.doc);
    for item in &cx.doc.items {
        if !item.is_open() || item.is_done() || cx.is_unfilled(item) {
            continue;
        }
        let (due, from) = match due_date(item, cx.doc.year_of(item)) {
            Some((due, _)) => (due, DueFrom::Own),
            // An open box of goal content naming no time of its own is due when the period its
            // heading names ends ("## Q2 2026" over "- [ ] Ship the audit log"), or a line
            // standing alone over its list as a heading would ("Q2 2026"); a box under
            // another open box is part of that one, and a box in a review of a past period
            // ("## How I did in 2025") is a result, not work.
            None if item.checkbox == Some(false)
                && item.timeframes.is_empty()
                && cx.in_goal_content(item)
                && item
                    .parent
                    .is_none_or(|p| cx.doc.item(p).checkbox != Some(false)) =>
            {
                match period_lines[item.id.0 as usize] {
                    Some(due) => (due, DueFrom::Line),
                    None => match heading_due(cx.doc, cx.text, item) {
                        Some((due, false)) => (due, DueFrom::Heading),
                        Some((due, true)) => (due, DueFrom::Field),
                        None => continue,
                    },
                }
            }
            None => continue,
        };
        let mut dated = item.timeframes.iter().filter(|t| is_calendar(t.kind));
        if from == DueFrom::Own && dated.all(|t| !t.deadline && names_a_start(cx.text, t)) {
            continue;
        }
        if due >= today {
            continue;
        }
        let line = item.line;
        let message = match from {
            DueFrom::Heading => format!("still open after the period of its heading ended ({due})"),
            DueFrom::Line => {
                format!("still open after the period named above its list ended ({due})")
            }
            DueFrom::Field => {
                format!("still open after the period its section gives ended ({due})")
            }
            DueFrom::Own => format!("still open after its deadline ({due})"),
        };
        cx.report(line, message)
            .with_help("Tick it off if it is done, drop it, or give it a new date.");
    }
    // A goal with a timeline field ("**Timeline:** June - September 2026") whose end has
    // passed while boxes under it are still open.
    for section in &cx.doc.sections {
        let Some(goal) = section.heading.as_ref().and_then(|h| h.item) else {
            continue;
        };
        let goal = cx.doc.item(goal);
        if !matches!(goal.kind, ItemKind::Goal | ItemKind::Objective) || goal.is_done() {
            continue;
        }
        let year = cx.doc.year_of(goal);
        let Some(due) = cx
            .doc
            .children(goal.id)
            .filter(|c| c.label.as_ref().is_some_and(|l| is_timeline_label(&l.text)))
            .find_map(|c| due_date(c, year).map(|(d, _)| d))
        else {
            continue;
        };
        if due >= today {
            continue;
        }
        let open = cx
            .doc
            .items
            .iter()
            .filter(|i| section.range.contains(i.line.start) && i.checkbox == Some(false))
            .count();
        if open == 0 {
            // Its `Status:` may say it is still open ("In progress").
            if goal.is_open() {
                cx.report(goal.line, format!("still open after its deadline ({due})"))
                    .with_help("Mark it done if it is, drop it, or give it a new date.");
            }
            continue;
        }
        let s = if open == 1 { "" } else { "s" };
        cx.report(
            goal.line,
            format!("{open} item{s} still open after the goal's timeline ended ({due})"),
        )
        .with_help(
            "Tick off what is done, drop what will not be, or give the goal a new timeline.",
        );
    }
}

/// A field that gives a goal's or a stage's end: `Timeline:`, `Due:`, `Deadline:`, `Target
/// date:`, `Duration:`, `Dates:`.
fn is_timeline_label(label: &str) -> bool {
    matches!(
        label.trim().to_lowercase().as_str(),
        "timeline"
            | "due"
            | "due date"
            | "deadline"
            | "target date"
            | "target"
            | "by"
            | "when"
            | "duration"
            | "dates"
            | "timeframe"
            | "time frame"
    )
}
