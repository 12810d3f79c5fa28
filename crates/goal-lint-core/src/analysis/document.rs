//! What kind of document this is, judged once, before any rule runs.
//!
//! Rules judge plans. A guide about writing goals, a process page or a report quotes goals
//! without committing to them; a template nobody has filled in yet is a template by design. The
//! judgement reads the whole document (its titles, its voice, its template slots, its dates),
//! records the evidence it used, and abstains from item-level judgement when the document is
//! not a plan: silence on a good document beats a false alarm.

use std::sync::{Arc, LazyLock, OnceLock};

use regex::Regex;

use super::kind::{KindModel, Signals};
use super::placeholder::{Placeholder, find_in_plain_memo, is_entry};
use super::template::{LineSource, TemplateMatch};
use crate::memo::Memo;
use crate::model::timeframe::find_timeframes_memo;
use crate::model::{Date, GoalDocument, ItemKind, TimeframeKind};
use crate::text::TextRange;

/// What the document is, for the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentClass {
    /// A plan someone commits to (possibly with slots still to fill in): every rule applies.
    Plan,
    /// A template nothing has been filled in yet: one notice for the whole file.
    PristineTemplate,
    /// A document about goals rather than a plan: nothing is said about its entries.
    NotAPlan(Genre),
}

/// Why a document is not a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Genre {
    /// Advice addressed to the reader: how to write goals, tips, examples.
    Guide,
    /// An account of what happened: a report, a retrospective, a postmortem.
    Report,
    /// A design document or a project's README: the goals of a piece of software (next to its
    /// non-goals, its design, its installation), not of people for a period.
    Design,
    /// A team's page (its members, what it owns, how to reach it): standing aims, not a plan
    /// for a period.
    TeamPage,
    /// A job description: the goals of a role one applies for, beside its requirements.
    JobDescription,
    /// A course's page (a syllabus): what students will learn, beside its schedule and
    /// grading.
    Course,
    /// A plan of a study or a test (a research plan, a test plan): the questions it asks, not
    /// goals people commit to.
    Study,
}

impl DocumentClass {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentClass::Plan => "plan",
            DocumentClass::PristineTemplate => "pristine template",
            DocumentClass::NotAPlan(Genre::Guide) => "not a plan (guide)",
            DocumentClass::NotAPlan(Genre::Report) => "not a plan (report)",
            DocumentClass::NotAPlan(Genre::Design) => "not a plan (design document)",
            DocumentClass::NotAPlan(Genre::TeamPage) => "not a plan (team page)",
            DocumentClass::NotAPlan(Genre::JobDescription) => "not a plan (job description)",
            DocumentClass::NotAPlan(Genre::Course) => "not a plan (course page)",
            DocumentClass::NotAPlan(Genre::Study) => "not a plan (research or test plan)",
        }
    }
}

/// The document-level judgement and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub class: DocumentClass,
    /// Human-readable reasons, for `goal-lint outline` and for tests.
    pub evidence: Vec<String>,
    /// The end days of the years, quarters and dates the document speaks of (outside finished
    /// items), sorted.
    pub dates: Vec<Date>,
    /// Template slots found (entries and headings with template text, template marks).
    pub slots: usize,
    /// Where the first template slot is, for the pristine-template notice.
    pub first_slot: Option<TextRange>,
    /// The number of goals the document itself allows ("Pick 3", "Top 3 goals").
    pub goal_limit: Option<usize>,
    /// The end of the period its title names ("# Platform Q2 2026 goals"): later dates in its
    /// text ("re-planned in the Q3 doc") do not make it current.
    pub title_period_end: Option<Date>,
    /// What the fitted kind model was given (`None` when an exact signal decided: a declared
    /// kind, a matched template).
    pub features: Option<super::kind::Features>,
    /// In a report, the sections that plan what comes next ("## Next steps", "## What's next
    /// for 2026?"): they are judged as a plan's, the rest of the report is not.
    pub sections_ahead: Vec<TextRange>,
}

/// A document whose latest date is older than this many days is an archive: nobody will
/// update it, so its deadlines are not nagged about.
pub const ARCHIVE_AFTER_DAYS: i64 = 90;

impl Judgement {
    /// The document's period includes `today` or ended within [`ARCHIVE_AFTER_DAYS`]. An
    /// undated document counts as current.
    /// Years far ahead are names or visions ("Cyberpunk 2077", "2040 vision"), not the plan's
    /// period: dates more than three years after `today` are left out.
    pub fn is_current(&self, today: Date) -> bool {
        if let Some(end) = self.title_period_end
            && end.to_unix_days() + ARCHIVE_AFTER_DAYS < today.to_unix_days()
        {
            return false;
        }
        let horizon = today.to_unix_days() + 3 * 366;
        let latest = self
            .dates
            .iter()
            .rev()
            .find(|d| d.to_unix_days() <= horizon);
        match latest {
            None => true,
            Some(latest) => latest.to_unix_days() + ARCHIVE_AFTER_DAYS >= today.to_unix_days(),
        }
    }
}

/// Template marks the model does not see as entries: `{{date}}` variables, `____` blanks,
/// bracketed prompts (`[Your Name]`, `[Date]`, `[Current status]`), prompts in angle brackets
/// (`<YOUR NAME>`, `<Copy your course list here>`), a question in parentheses ending a line
/// (`**Measurable** (How will you know you have achieved it?)`), empty table rows.
static TEMPLATE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r#"\{\{[^{}"\n]{0,80}\}\}|_{4,}|\[(?:[Yy]our|[Nn]ame|[Dd]ate|[Tt]itle|[Yy]ear|[Mm]onth|[Qq]uarter|[Tt]eam|[Rr]ole|[Mm]anager|[Mm]ilestone|[Tt]arget|[Cc]urrent|[Dd]escri\w*|[Ii]nsert|[Ee]nter|[Aa]dd|[Gg]oal|[Oo]bjective|[Mm]etric|[Nn]umber|[Oo]wner|[Ll]ink|[Pp]roject|[Cc]ompany|[Pp]erson|[Ss]kill|[Aa]ction|[Tt]opic|[Ss]pecific|e\.g\.)\b[^\]\n]{0,80}\]|<(?:[A-Z][A-Z0-9_]*(?:[ _-][A-Z0-9_]+)+|[A-Z][a-z]+(?: [^<>\n="]+){2,})>|\((?:[Ww]hat|[Hh]ow|[Ww]hy|[Ww]hen|[Ww]ho|[Ww]hich|[Ww]here)\b[^()\n]{3,150}\?\s*\):?\s*$"#,
    )
});

/// An instruction to the person filling in a template, set in italics on a line of its own:
/// `_Describe where you want to be in a year._`, `- *List two skills*`.
static ITALIC_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:_|\*)(?:Describe|List|Write|Add|Enter|Insert|Explain|Summari[sz]e|Replace|Fill in|Name|State)\b[^_*\n]{0,160}(?:_|\*)\s*$",
    )
});

static EMPTY_TABLE_ROW: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^\s*\|(?:[ \t]*\|){2,}\s*$"));

/// The reader addressed: the voice of a guide.
static SECOND_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"(?i)\b(?:you|your|yours|yourself|you'll|you're|you've)\b")
});

/// The author speaking: the voice of a plan (or of a report).
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"\b(?:I|I'm|I'll|I've|[Mm]y|[Ww]e|[Ww]e'll|[Oo]ur|[Uu]s)\b")
});

/// Past tense of an account: what was done, how it went.
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:was|were|had|did|achieved|completed|launched|shipped|released|published|tried|learned|went|managed to|ended up)\b",
    )
});

/// Commitments about the future.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"(?i)\b(?:will|plan to|want to|aim to|going to|commit(?:ted)? to)\b")
});

/// Titles that name a genre other than a plan.
static GUIDE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:how to|how do|guide|guidelines|tips|best practices|what is|what are|introduction to|cheat ?sheet|dos and don'?ts|mistakes|anti-?patterns?|pitfalls)\b",
    )
});

static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:report|retrospective|retro|post-?mortem|lessons learned|looking back|year in review|recap|progress update|highlights|business review|qbr|(?:quarter|quarterly|half-year|annual|mid-year|year-end) review|lessons from|in review|(?:goals?|okrs?|objectives|resolutions|roadmap) review|review (?:of )?(?:19|20)\d\d|(?:completed|finished|achieved|accomplished|done)(?: roadmap)? (?:items|goals|objectives|okrs|milestones|projects|features|work))\b",
    )
});

/// A title naming the record of a group's meeting ("TSC meeting 2024-04-20", "Meeting
/// minutes", "Steering Committee Meeting Notes"): an account of what was said. Notes of a
/// 1:1, a mentoring session, a sprint or a check-in hold the author's goals and actions, and
/// are not named by it.
static MINUTES_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:^\W*minutes\b|\b(?:meeting|council|committee|board|wg|sig|tsc|toc|group)\s+minutes\b|\bmeeting (?:notes|record)\b|\b(?:tsc|toc|sig|wg|working group|steering committee|committee|council|board|community|ecosystem) meeting\b)",
    )
});

/// Meetings whose notes hold the author's own goals and actions: a 1:1, a mentoring or
/// coaching session, a sprint, a check-in, a stand-up.
static OWN_MEETING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:1:1|1-on-1|one[- ]on[- ]one|1x1|mentor\w*|coaching|sprint|check-?ins?|stand-?ups?)\b",
    )
});

/// Words with which a title names goals: "Goals for 2016", "Terminal 2023 Roadmap", "Q3
/// OKRs", "Resolutions 2024".
static GOALS_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"(?i)\b(?:goals?|resolutions?|objectives|okrs?|priorities|roadmap)\b")
});

/// A title that also names what comes next ("2025 in review and goals for 2026", "Year review
/// and plans for 2021", "2024 Recap; 2025 Goals"), or reports the planning of what comes
/// ("Sprint 2 Planning Report"): the report is followed by a plan, or is one, so the title
/// does not silence it. ("Annual Plan Report" reports on a plan: a report.)
static AHEAD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\bplanning\s+report\b|\b(?:goals|plans|resolutions|objectives|okrs|priorities|aspirations|intentions)\s+for\s+(?:the\s+(?:next|new|coming)\s+(?:year|quarter|half)|q[1-4]|h[12]|(?:19|20)\d\d)|(?:\band|&|[;,/|])\s*(?:my\s+|our\s+)?(?:(?:19|20)\d\d\s+|q[1-4]\s+|h[12]\s+)?(?:goals|plans|resolutions|objectives|okrs|priorities))\b",
    )
});

/// A limit the document sets on its own goals: "Goals (pick 3)", "Top 3 priorities", "no more
/// than four objectives".
static GOAL_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:pick|choose|select|limit(?: yourself)? to|focus on|no more than|at most|up to|maximum of|top)\s+(\d|one|two|three|four|five|six|seven)\b",
    )
});

static GOALISH: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)\b(?:goals?|priorit(?:y|ies)|objectives?|okrs?)\b"));

fn goal_limit(lines: &[(usize, &str)], facts: &[Arc<LineFacts>]) -> Option<usize> {
    lines
        .iter()
        .zip(facts)
        .find_map(|((_, l), f)| *f.limit.get_or_init(|| line_goal_limit(l)))
}

/// The limit the template of a copy states ("Pick 3 goals"): it holds for a copy whose author
/// deleted that guidance.
fn template_goal_limit(template: Option<&TemplateMatch>) -> Option<usize> {
    template?.template.text.lines().find_map(line_goal_limit)
}

/// The number of goals a line of prose sets as the limit ("No more than 3 goals").
fn line_goal_limit(l: &str) -> Option<usize> {
    {
        let caps = GOAL_LIMIT.captures(l)?;
        if !GOALISH.is_match(l) {
            return None;
        }
        match caps[1].to_lowercase().as_str() {
            "one" => Some(1),
            "two" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            "five" => Some(5),
            "six" => Some(6),
            "seven" => Some(7),
            n => n.parse().ok().filter(|n| *n > 0),
        }
    }
}

/// Sections of examples ("## Example", "### Sample plan"): what is written there illustrates
/// the plan or template.
static EXAMPLE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)\b(?:examples?|samples?)\b"));

/// Ranges sorted by start, to ask whether any overlaps a line in logarithmic time.
struct Ranges {
    sorted: Vec<TextRange>,
    /// The largest end among the first `i + 1` ranges.
    max_end: Vec<usize>,
}

impl Ranges {
    fn new(mut sorted: Vec<TextRange>) -> Ranges {
        sorted.sort_by_key(|r| r.start);
        let max_end = sorted
            .iter()
            .scan(0, |m, r| {
                *m = (*m).max(r.end);
                Some(*m)
            })
            .collect();
        Ranges { sorted, max_end }
    }

    /// Some range `r` has `r.start < end && start < r.end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.sorted.partition_point(|r| r.start < end);
        before > 0 && self.max_end[before - 1] > start
    }
}

/// Judge a document. `placeholders` gives the template text of an item.
pub fn judge<'a>(
    doc: &'a GoalDocument,
    text: &str,
    placeholders: impl Fn(crate::model::ItemId) -> &'a [Placeholder],
) -> Judgement {
    judge_with(
        doc,
        text,
        placeholders,
        None,
        &super::kind::shipped_model(),
        &Memo::disabled(),
    )
}

/// What the judgement reads in one line of prose, each part read when first asked for: kept in
/// the memo by the line's text (one lookup per line and lint).
#[derive(Default)]
struct LineFacts {
    mark: OnceLock<LineMark>,
    dates: OnceLock<LineDates>,
    voice: OnceLock<LineVoice>,
    limit: OnceLock<Option<usize>>,
}

#[derive(Clone)]
struct Line(Arc<LineFacts>);

/// A template mark in a line (its range), or a line that is a template prompt as a whole (an
/// empty table row, an italic instruction).
#[derive(Clone)]
struct LineMark(Option<std::ops::Range<usize>>, bool);

fn line_mark(line: &str) -> LineMark {
    match TEMPLATE_MARK.find(line) {
        Some(m) => LineMark(Some(m.range()), false),
        None => LineMark(
            None,
            EMPTY_TABLE_ROW.is_match(line) || ITALIC_PROMPT.is_match(line),
        ),
    }
}

/// The end dates of the timeframes with an explicit year that a line speaks of, template
/// marks and slots left out.
#[derive(Clone)]
struct LineDates(Vec<Date>);

fn line_dates(line: &str, memo: &Memo) -> LineDates {
    // A comment is a note to whoever fills the file in ("<!-- e.g. H1 2027 -->"), not the plan.
    static COMMENT: LazyLock<Regex> =
        LazyLock::new(|| crate::re::compile(r"<!--(?:[^-]|-[^-]|--[^>])*(?:-->|$)"));
    let mut dates = Vec::new();
    let line = COMMENT.replace_all(line, " ");
    let cleaned = TEMPLATE_MARK.replace_all(&line, " ");
    let in_slot = find_in_plain_memo(memo, &cleaned);
    for t in find_timeframes_memo(memo, &cleaned) {
        if in_slot
            .iter()
            .any(|(r, _)| r.start < t.range.end && t.range.start < r.end)
        {
            continue;
        }
        let explicit = match t.kind {
            TimeframeKind::Quarter { year, .. } | TimeframeKind::Half { year, .. } => year,
            TimeframeKind::Year(y) => Some(y),
            TimeframeKind::Calendar { year, .. } => year,
            _ => None,
        };
        let Some(year) = explicit else { continue };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        if let Some(end) = t.kind.end_date(None) {
            dates.push(end);
        }
    }
    LineDates(dates)
}

/// How a line is written, as flags: whose voice, when it speaks of, and its shape (a list
/// entry and how it opens, a table row, a link). The kind model counts them over the document.
#[derive(Clone, Copy, Default)]
struct LineVoice(u16);

/// One flag of [`LineVoice`]; its bit is its position here.
#[derive(Clone, Copy)]
enum Flag {
    /// Addresses the reader ("you").
    You,
    /// The author speaks, singular or plural.
    Me,
    /// Tells what happened.
    Past,
    /// Commits to what will happen.
    Future,
    /// A group speaks ("we", "our").
    We,
    /// Advises ("should", "avoid", "for example").
    Advice,
    /// Holds a link.
    Link,
    /// A list entry.
    List,
    /// A list entry that opens with a verb of the lexicon, not in the past tense.
    VerbLed,
    /// A list entry that opens with a verb in the past tense.
    PastLed,
    /// A list entry with a checkbox.
    Box,
    /// A list entry with a ticked checkbox.
    Ticked,
    /// A table row.
    Table,
}

impl Flag {
    /// How many flags there are.
    const COUNT: usize = Flag::Table as usize + 1;
}

/// The plural first person: a team's voice.
static WE: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"\b(?:[Ww]e|[Ww]e'll|[Ww]e're|[Oo]ur|[Oo]urs|[Uu]s)\b"));

/// Advice to whoever reads: the voice of a guide.
static ADVICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:should|avoid|e\.g\.|for example|for instance|tips?|make sure|remember to|don't|do not)\b",
    )
});

fn line_voice(line: &str) -> LineVoice {
    let mut flags = 0;
    let mut set = |flag: Flag, on: bool| {
        if on {
            flags |= 1 << flag as u16;
        }
    };
    set(Flag::You, SECOND_PERSON.is_match(line));
    set(Flag::Me, FIRST_PERSON.is_match(line));
    set(Flag::Past, PAST.is_match(line));
    set(Flag::Future, FUTURE.is_match(line));
    set(Flag::We, WE.is_match(line));
    set(Flag::Advice, ADVICE.is_match(line));
    set(
        Flag::Link,
        line.contains("](") || line.contains("http://") || line.contains("https://"),
    );
    let body = line.trim_start().trim_start_matches(['>', ' ']);
    set(Flag::Table, body.starts_with('|'));
    if let Some(entry) = list_entry(body) {
        set(Flag::List, true);
        let (boxed, entry) = match entry.get(..3) {
            Some("[ ]") => (Some(false), &entry[3..]),
            Some("[x]" | "[X]") => (Some(true), &entry[3..]),
            _ => (None, entry),
        };
        set(Flag::Box, boxed.is_some());
        set(Flag::Ticked, boxed == Some(true));
        if let Some(past) = crate::lexicon::leading_verb(entry) {
            set(Flag::VerbLed, !past);
            set(Flag::PastLed, past);
        }
    }
    LineVoice(flags)
}

/// The text of a list entry after its marker (`- `, `* `, `+ `, `1. `, `1) `), or `None`.
fn list_entry(line: &str) -> Option<&str> {
    let rest = match line.as_bytes().first()? {
        b'-' | b'*' | b'+' => &line[1..],
        b'0'..=b'9' => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            line[digits..].strip_prefix(['.', ')'])?
        }
        _ => return None,
    };
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// [`judge`], with what it reads in each line, heading and entry looked up in `memo` when it
/// was read before, and the document read against `template` when it is a copy of one.
pub fn judge_with<'a>(
    doc: &'a GoalDocument,
    text: &str,
    placeholders: impl Fn(crate::model::ItemId) -> &'a [Placeholder],
    template: Option<&TemplateMatch>,
    model: &KindModel,
    memo: &Memo,
) -> Judgement {
    let mut evidence = Vec::new();
    if doc.sections.iter().any(|s| s.roadmap_part) {
        evidence.push(
            "read as a roadmap from a heading naming one: its entries are its items, and only \
             rules that judge a roadmap's items (overdue) speak on them"
                .to_string(),
        );
    }
    // Sections of examples ("## Example", "### Sample plan") illustrate the template: what is
    // filled in there is not the author's, and their dates are not the plan's.
    let examples: Vec<TextRange> = doc
        .sections
        .iter()
        .filter(|s| {
            s.heading
                .as_ref()
                .is_some_and(|h| EXAMPLE_HEADING.is_match(&h.text.plain))
        })
        .map(|s| s.range)
        .collect();
    let in_example = |offset: usize| examples.iter().any(|r| r.contains(offset));
    let all_lines = prose_lines(doc, text);
    let lines: Vec<(usize, &str)> = all_lines
        .iter()
        .copied()
        .filter(|(o, _)| !in_example(*o))
        .collect();

    // Template slots: entries and headings holding template text, and template marks.
    let mut slots = 0;
    let mut first_slot: Option<TextRange> = None;
    let mut note = |r: TextRange| {
        if first_slot.is_none_or(|f| r.start < f.start) {
            first_slot = Some(r);
        }
    };
    let mut filled = 0;
    for item in &doc.items {
        if item.kind == ItemKind::Example || in_example(item.line.start) {
            continue;
        }
        let found = placeholders(item.id);
        if let Some(p) = found.first() {
            slots += 1;
            note(p.range);
        } else if item.kind.is_plan_entry() && item.text.plain.split_whitespace().count() >= 3 {
            filled += 1;
        }
    }
    for section in &doc.sections {
        if let Some(h) = &section.heading
            && !in_example(h.range.start)
            && let Some((r, _)) = find_in_plain_memo(memo, &h.text.plain).into_iter().next()
        {
            slots += 1;
            note(h.text.range_of(r));
        }
    }
    let facts: Vec<Arc<LineFacts>> = lines
        .iter()
        .map(|(_, l)| memo.get(l, &[], || Line(Arc::default())).0)
        .collect();
    let mut marks = 0;
    for (&(start, line), f) in lines.iter().zip(&facts) {
        let LineMark(mark, prompt) = f.mark.get_or_init(|| line_mark(line)).clone();
        if let Some(m) = mark {
            marks += 1;
            note(TextRange::new(start + m.start, start + m.end));
        } else if prompt {
            marks += 1;
            note(TextRange::new(start, start + line.trim_end().len()));
        }
    }
    slots += marks;

    // Dates the document speaks of (template marks removed: "[e.g. Q3 2025]" is not a date).
    // Finished items say when something was done, not what the plan is about.
    let done: Vec<TextRange> = doc
        .items
        .iter()
        .filter(|i| i.is_done())
        .map(|i| i.line)
        .collect();
    let mut dates: Vec<Date> = Vec::new();
    let mut anchors = 0;
    let front_matter = doc
        .front_matter
        .iter()
        .flat_map(|f| &f.fields)
        .map(|(_, v)| v.as_str());
    let done = Ranges::new(done);
    let open_lines = lines
        .iter()
        .zip(&facts)
        .filter(|((start, l), _)| !done.overlaps(*start, start + l.len()))
        .map(|(&(_, l), f)| (l, Some(f)));
    // A year or a date has digits: most lines have none and are skipped cheaply.
    for (line, f) in open_lines
        .chain(front_matter.map(|v| (v, None)))
        .filter(|(l, _)| l.bytes().any(|b| b.is_ascii_digit()))
    {
        let LineDates(found) = match f {
            Some(f) => f.dates.get_or_init(|| line_dates(line, memo)).clone(),
            None => memo.get(line, &[], || line_dates(line, memo)),
        };
        anchors += found.len();
        dates.extend(found);
    }
    dates.sort();
    dates.dedup();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        evidence.push(format!("dates mentioned: {first} to {last}"));
    }

    // An explicit opt-in (front matter, configuration) says the file is a plan.
    let declared = doc.options.opt_in || doc.options.kind.is_some();

    // A copy of a known template: its own lines say what it is. Nothing the author wrote yet
    // and slots left is a pristine template; anything written is a plan,
    // whose guidance and examples the rules leave alone.
    if let Some(m) = template {
        let authored = doc
            .items
            .iter()
            .filter(|i| {
                is_entry(i.kind)
                    && m.source_at(i.line.start) == LineSource::Author
                    && !i.text.plain.trim().is_empty()
                    && placeholders(i.id).is_empty()
            })
            .count();
        let left = m
            .sources()
            .iter()
            .filter(|(_, s)| *s == LineSource::Slot)
            .count();
        if first_slot.is_none()
            && let Some((start, _)) = m.sources().iter().find(|(_, s)| *s == LineSource::Slot)
        {
            let end = text[*start..]
                .find(['\r', '\n'])
                .map_or(text.len(), |i| start + i);
            first_slot = Some(TextRange::new(*start, end));
        }
        evidence.push(format!(
            "a copy of the template `{}` ({} of {} headings and labels): {authored} entries \
             written by the author, {left} slots left",
            m.template.name, m.matched, m.of
        ));
        // (Nothing written and no slot left either is a document to judge as it is.)
        let class = if authored == 0 && slots.max(left) > 0 {
            DocumentClass::PristineTemplate
        } else {
            DocumentClass::Plan
        };
        return Judgement {
            class,
            evidence,
            dates,
            slots: slots.max(left),
            first_slot,
            goal_limit: goal_limit(&lines, &facts).or_else(|| template_goal_limit(template)),
            title_period_end: doc.title().and_then(|t| period_end(&t, memo)),
            features: None,
            sections_ahead: Vec::new(),
        };
    }

    // A form: most of its headings name a field with nothing under it but a note to whoever
    // fills it in ("## Wins", "### Motivation <!-- describe … -->"); each blank one is a slot.
    // (A filled document with a few empty sections is not a form.)
    let headed: Vec<&crate::model::Section> = doc
        .sections
        .iter()
        .filter(|s| {
            s.heading
                .as_ref()
                .is_some_and(|h| !in_example(h.range.start))
        })
        .collect();
    let blank: Vec<TextRange> = headed
        .iter()
        .filter_map(|s| {
            let h = s.heading.as_ref()?;
            // A heading that states a goal or a key result is an entry, not a field's name.
            let entry = h
                .item
                .is_some_and(|i| doc.items[i.0 as usize].kind.is_plan_entry());
            (!entry && is_blank_form_field(&text[h.range.end.min(s.range.end)..s.range.end]))
                .then_some(h.range)
        })
        .collect();
    // They are slots where the model weighs what the document is: a document declared a plan
    // keeps its sections, blank or not, for the rules.
    if !declared && blank.len() >= 2 && 2 * blank.len() > headed.len() {
        slots += blank.len();
        for r in blank {
            if first_slot.is_none_or(|f| r.start < f.start) {
                first_slot = Some(r);
            }
        }
    }

    // What the document's lines, titles and entries say, weighed by the fitted model.
    let title = doc.title();
    let n = lines.len().max(1);
    // One count per flag, in the order of [`Flag`].
    let mut counts = [0usize; Flag::COUNT];
    for ((_, l), f) in lines.iter().zip(&facts) {
        let LineVoice(voice) = *f.voice.get_or_init(|| line_voice(l));
        for (bit, n) in counts.iter_mut().enumerate() {
            *n += usize::from(voice >> bit & 1 == 1);
        }
    }
    let [
        you,
        me,
        past,
        future,
        we,
        advice,
        links,
        list_lines,
        verb_led,
        past_led,
        boxed,
        ticked,
        table_rows,
    ] = counts;
    // "What are my goals for next year?" asks about the author's own goals: not a guide's
    // "What are OKRs?".
    let guide_title = title.as_deref().filter(|t| {
        GUIDE_TITLE.is_match(crate::model::vocab::without_own_question(t).unwrap_or(t))
    });
    let report_title = title
        .as_deref()
        .filter(|t| REPORT_TITLE.is_match(t) && !AHEAD_TITLE.is_match(t));
    // "One on One Template" (not "Templates for goals", a page that lists them).
    let template_title = title
        .as_deref()
        .is_some_and(crate::model::title_names_template);
    // "Goals for 2016", "Terminal 2023 Roadmap": the title names the author's goals and their
    // period, an exact signal the fitted model's weaker ones do not overrule (each entry is
    // still judged, or left alone, on its own).
    let own_goals_title = title
        .as_deref()
        .is_some_and(|t| GOALS_TITLE.is_match(t) && period_end(t, memo).is_some());
    let example_headings = example_headings(doc);
    let standing = standing_page(doc, memo);
    let mut signals = Signals {
        lines: n,
        slots,
        filled,
        dates: anchors,
        you,
        me,
        past,
        future,
        guide_title: guide_title.is_some(),
        report_title: report_title.is_some(),
        example_headings,
        standing_page: standing.is_some(),
        has_period: doc.period.is_some(),
        goal_sections: doc.sections.iter().filter(|s| s.goal_content).count(),
        items: doc.items.len(),
        we,
        advice,
        links,
        list_lines,
        verb_led,
        past_led,
        boxed,
        ticked,
        table_rows,
        headings: doc.sections.iter().filter(|s| s.heading.is_some()).count(),
        ..Signals::default()
    };
    for item in &doc.items {
        match item.kind {
            ItemKind::Goal | ItemKind::Objective => signals.goals += 1,
            ItemKind::KeyResult => signals.key_results += 1,
            ItemKind::Action => signals.actions += 1,
            ItemKind::SuccessCriterion => signals.criteria += 1,
            ItemKind::Example => signals.examples += 1,
            _ => {}
        }
        if item.kind.is_plan_entry() {
            signals.goal_items += 1;
            signals.done += usize::from(item.is_done());
        }
        match item.checkbox {
            Some(true) => signals.done_boxes += 1,
            Some(false) => signals.open_boxes += 1,
            None => {}
        }
    }
    let features = signals.features();
    let [p_plan, p_template, p_not] = model.probabilities(&features);

    let mut class = DocumentClass::Plan;
    // A group's meeting record is an account of what was said, goals for next quarter
    // included; another report may end with the author's plan for what comes next.
    let minutes = title
        .as_deref()
        .is_some_and(|t| MINUTES_TITLE.is_match(t) && !OWN_MEETING_TITLE.is_match(t));
    if declared {
        // Declared a plan: only a template nobody has started on is not judged entry by entry
        // (template slots, no real date, no more filled-in entries than slots).
        if slots >= 3 && anchors == 0 && filled <= slots {
            evidence.push(format!(
                "{slots} template slots, {filled} filled-in entries, {anchors} concrete dates"
            ));
            class = DocumentClass::PristineTemplate;
        } else {
            evidence.push("declared a goal document (front matter or configuration)".to_string());
        }
    } else {
        evidence.push(format!(
            "fitted kind: plan {p_plan:.2}, pristine template {p_template:.2}, not a plan {p_not:.2}"
        ));
        if slots > 0 {
            evidence.push(format!(
                "{slots} template slots beside {filled} filled-in entries"
            ));
        }
        // A title that says what the page is (a guide, a report) is an exact signal, and so
        // are the sections of a standing page. Otherwise the fitted model weighs everything
        // (the voice and the tense of the lines among it), and the whole document is silenced
        // only when it is sure; when unsure it is read as a plan, and each entry is judged (or
        // left alone) on its own.
        if let Some(t) = guide_title {
            evidence.push(format!("the title names a guide: \"{t}\""));
            class = DocumentClass::NotAPlan(Genre::Guide);
        } else if let Some(t) = report_title {
            evidence.push(format!("the title names a report: \"{t}\""));
            class = DocumentClass::NotAPlan(Genre::Report);
        } else if let Some(t) = title
            .as_deref()
            .filter(|t| MINUTES_TITLE.is_match(t) && !OWN_MEETING_TITLE.is_match(t))
        {
            evidence.push(format!("the title names a meeting's record: \"{t}\""));
            class = DocumentClass::NotAPlan(Genre::Report);
        } else if let Some((genre, reason)) = standing.clone().filter(|_| slots == 0) {
            // A page with the sections of a standing page (a design document's, a job
            // description's, a course's, a team's) and nothing left to fill in.
            evidence.push(reason);
            class = DocumentClass::NotAPlan(genre);
        } else if p_template >= p_plan && p_template >= p_not && (slots >= 3 || template_title) {
            // (One or two slots are entries left to finish, or empty table cells in a filled
            // plan, not a template: a template has slots throughout. Unless its title says
            // it is one: "1:1 template", "Template: development plan".)
            if slots < 3 {
                evidence.push("the title names a template".to_string());
            }
            class = DocumentClass::PristineTemplate;
        } else if p_not >= model.not_a_plan_min && own_goals_title {
            evidence.push(format!(
                "not silenced: the title names goals and their period, which outweighs the \
                 fitted model ({p_not:.2} not a plan)"
            ));
        } else if p_not >= model.not_a_plan_min {
            // What the page is, by the strongest signal it gives.
            let (genre, reason) = if example_headings >= 2 {
                (
                    Genre::Guide,
                    format!("{example_headings} sections are headed as examples"),
                )
            } else if past > future {
                (
                    Genre::Report,
                    format!("{past} of {n} lines tell what happened, {future} what will"),
                )
            } else {
                (
                    Genre::Guide,
                    format!("{you} of {n} lines address the reader"),
                )
            };
            evidence.push(format!(
                "not a plan by the fitted model ({p_not:.2}, silenced from {:.2})",
                model.not_a_plan_min
            ));
            evidence.push(reason);
            class = DocumentClass::NotAPlan(genre);
        }
    }
    let features = (!declared).then_some(features);
    let sections_ahead = if class == DocumentClass::NotAPlan(Genre::Report) && !minutes {
        sections_ahead(doc)
    } else {
        Vec::new()
    };
    if !sections_ahead.is_empty() {
        let index = crate::line_index::LineIndex::new(text);
        for s in &sections_ahead {
            evidence.push(format!(
                "judged as a plan: the section at line {} plans what comes next",
                index.line_of(s.start) + 1
            ));
        }
    }
    if class == DocumentClass::PristineTemplate {
        return Judgement {
            class,
            evidence,
            dates,
            slots,
            first_slot,
            goal_limit: None,
            title_period_end: None,
            features,
            sections_ahead,
        };
    }
    Judgement {
        class,
        evidence,
        dates,
        slots,
        first_slot,
        goal_limit: goal_limit(&lines, &facts).or_else(|| template_goal_limit(template)),
        title_period_end: doc.title().and_then(|t| period_end(&t, memo)),
        features,
        sections_ahead,
    }
}

/// The sections of a report that plan what comes next: a section whose own heading names
/// goals, objectives or actions and looks ahead ("## Next steps", "## What's next for
/// 2026?", "## Upcoming milestones"). A section inside one already found is part of it.
fn sections_ahead(doc: &GoalDocument) -> Vec<TextRange> {
    let mut found: Vec<TextRange> = Vec::new();
    for s in &doc.sections {
        let ahead = s.own_role.is_goal_role()
            && s.heading
                .as_ref()
                .is_some_and(|h| looks_ahead(&h.text.plain));
        if ahead
            && !found
                .iter()
                .any(|r| r.start <= s.range.start && s.range.end <= r.end)
        {
            found.push(s.range);
        }
    }
    found
}

/// A heading that looks ahead: "next", "upcoming", "coming" or "ahead" as a word of its own
/// ("Next steps", "What's next?", "Looking ahead to 2027"), not part of a name ("Next.js",
/// "next-gen"), not "ahead of schedule" or "next to", and not over goals it says were done
/// or set before ("Goals delivered ahead of time", "Objectives for the upcoming quarter were
/// met", "Last quarter's goals vs. next quarter's").
fn looks_ahead(heading: &str) -> bool {
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:achieved|accomplished|delivered|completed|done|met|reached|shipped|missed|last|previous|past)\b",
        )
    });
    if DONE.is_match(heading) {
        return false;
    }
    let words: Vec<String> = heading
        .split_whitespace()
        .map(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let after = words.get(i + 1).map(String::as_str);
        match w.as_str() {
            "upcoming" | "coming" => true,
            "next" => after != Some("to"),
            "ahead" => after != Some("of"),
            _ => false,
        }
    })
}

/// A section's text after its heading holds nothing but blank lines and HTML comments.
fn is_blank_form_field(body: &str) -> bool {
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix("<!--") {
            Some(comment) => match comment.find("-->") {
                Some(end) => rest = &comment[end + 3..],
                None => return true,
            },
            None => return rest.is_empty(),
        }
    }
}

/// The end of the latest quarter, half or year a title names with its year ("Q2 2026", "H1
/// 2025", "2024").
fn period_end(title: &str, memo: &Memo) -> Option<Date> {
    find_timeframes_memo(memo, title)
        .iter()
        .filter(|t| match t.kind {
            TimeframeKind::Quarter { year, .. } | TimeframeKind::Half { year, .. } => {
                year.is_some()
            }
            TimeframeKind::Year(_) => true,
            _ => false,
        })
        .filter_map(|t| t.kind.end_date(None))
        .max()
}

/// Titles of design documents: "Spec: …", "RFC 12 — …", "PRD: …", "Design doc: …".
static SPEC_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\W*)(?:spec|specification|rfc|adr|architecture decision(?: record)?|prd|product requirements|design doc(?:ument)?|technical design|one-pager|proposal)\b(?:[\s-]*#?\d+)?\s*[:—–-]",
    )
});

static JOB_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:job description|job posting|job ad|we(?:'re| are) hiring|role description)\b",
    )
});

/// Headings of the sections a job description has and a plan does not.
static JOB_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\d+\.?\s+)?(?:about (?:the|this) (?:role|position|job)|the role|about you|who you are|what you(?:'ll| will) do|requirements|qualifications|(?:minimum|preferred) qualifications|nice to haves?|benefits|perks|compensation|salary|how to apply|about us|what we offer|term length|term of office|time (?:budget|commitment)|accountabilities|qualities(?: of [\w -]+)?(?: \([\w -]+\))?|required skills)\s*:?$",
    )
});

/// Titles of a study's or a test's plan: "Research plan: …", "Test Plan — Gateway v3",
/// "Usability study", "Interview guide".
static STUDY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:test|testing|qa|usability|user research|interview|evaluation|discovery)\s+(?:plan|guide|protocol|script|brief)\b|\busability (?:study|test)\b|^(?P<study>(?:research|study)\s+(?:plan|protocol|brief))\b",
    )
});

/// Headings of the sections a course's page has and a plan does not.
static COURSE_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\d+\.?\s+)?(?:learning (?:objectives|outcomes|goals)|course (?:description|overview|objectives|outline|outcomes|schedule|policies|materials)|syllabus|grading(?: policy)?|assessments?|prerequisites|(?:required )?readings|textbooks?|office hours|assignments|exams?|lectures?|attendance)\s*:?$|^\W*(?:about|how|why|what|who|when|where|in)\b.*\bthis (?:course|class|module)\b",
    )
});

/// Titles of a team's standing pages: a charter, a mission statement.
static CHARTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"(?i)\b(?:charter|mission statement|team page|working agreements?)\b")
});

/// The opening of a page about plans rather than a plan: "This page explains how …", "Use
/// this page when you …", "This guide walks you through …".
static GUIDE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:this (?:handbook )?(?:page|guide|document|doc|article|section)\s+(?:explains|describes|covers|shows|outlines)\s+how\b|this (?:handbook )?(?:page|guide|article)\s+(?:explains|walks you|teaches|helps you)|use this (?:page|guide)\s+(?:when|to|as)\b|in this (?:guide|article|post)\b)",
    )
});

/// A heading that explains goal setting as a subject: "What is OKR", "What are key results?",
/// "How to apply OKR to team foundation", "Why use OKRs", "Keys to OKR", "Benefits of goal
/// setting". Not a plan's own "How we will reach these goals".
static EXPLAINER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\d+[.)]?\s+)?(?:what\s+(?:is|are)|how\s+(?:to|do|does|should|can)|why\s+(?:use|do|set|have)|benefits\s+of|keys?\s+to|principles\s+of|tips\s+(?:for|on))\b.*\b(?:okrs?|goals?|objectives?|key\s+results?|kpis?|goal[- ]setting)\b",
    )
});

/// A heading that sets goals aside: "Non-goals", "Non Goals".
static NON_GOALS: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)^(?:\d+\.?\s+)?non[- ]?goals?\b"));

/// Headings of the sections a team's page has and a plan does not.
static TEAM_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\d+\.?\s+)?(?:(?:the |our )?team(?: members)?|members|who we are|what we own|what we do|ownership|areas? of ownership|how to reach us|how to contact us|contact(?:ing)? us|working with us|how to work with us|on-?call|rituals|slack channels|communication|purpose|(?:our )?mission|scope|how we work|(?:our )?values|responsibilities|working agreements?|governance|(?:current )?(?:co-?)?chairs?|membership)\s*:?$",
    )
});

/// A page that describes something standing rather than a plan for a period: a design
/// document (an RFC, a design proposal) or a project's README states the goals of the software
/// it describes, beside its non-goals or the sections software documents have (Motivation,
/// Design, Installation, Usage); a team's page states its aims beside its members, what it
/// owns and how to reach it. A plan names the period it commits to in a heading; such a page
/// does not.
fn standing_page(doc: &GoalDocument, memo: &Memo) -> Option<(Genre, String)> {
    let headings: Vec<&str> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .map(|h| h.text.plain.trim())
        .collect();
    // A research or test plan names its dates as a plan does: its title tells.
    // ("Research plan, academic year 2026–27" is a student's plan for a period.)
    let study = |t: &String| {
        STUDY_TITLE
            .captures(t)
            .is_some_and(|c| c.name("study").is_none() || find_timeframes_memo(memo, t).is_empty())
    };
    if let Some(t) = doc.title().filter(study) {
        return Some((
            Genre::Study,
            format!("the title names a research or test plan: \"{t}\""),
        ));
    }
    // A course names its term ("Fall 2026") as a plan names its period: its sections tell.
    let course: Vec<&str> = headings
        .iter()
        .copied()
        .filter(|h| COURSE_SECTION.is_match(h))
        .collect();
    if course.len() >= 2 {
        return Some((
            Genre::Course,
            format!(
                "sections of a course's page ({})",
                course
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if headings
        .iter()
        .any(|h| !find_timeframes_memo(memo, h).is_empty())
    {
        return None;
    }
    // "Payments — team charter", "Our mission": a standing statement of a team.
    if let Some(t) = doc.title().filter(|t| CHARTER_TITLE.is_match(t)) {
        return Some((
            Genre::TeamPage,
            format!("the title names a team's standing page: \"{t}\""),
        ));
    }
    // "This page explains how we use OKRs", "Use this page when you prepare your plan": the
    // page speaks about plans, to the people who write them.
    if let Some(line) = doc
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .take(6)
        .map(|&i| doc.item(i).text.plain.as_str())
        .find(|l| GUIDE_OPENING.is_match(l))
    {
        return Some((
            Genre::Guide,
            format!(
                "it opens as a guide: \"{}\"",
                line.chars().take(60).collect::<String>()
            ),
        ));
    }
    let list = |found: &[&str]| {
        found
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // "What is OKR", "How to apply OKRs to a team": sections that explain goal setting as a
    // subject. One may sit in a plan (a "How to use these OKRs" note); two make the page a
    // guide.
    let explains: Vec<&str> = headings
        .iter()
        .copied()
        .filter(|h| EXPLAINER_HEADING.is_match(h))
        .collect();
    if explains.len() >= 2 {
        return Some((
            Genre::Guide,
            format!("sections that explain goal setting ({})", list(&explains)),
        ));
    }
    if let Some(h) = headings.iter().find(|h| NON_GOALS.is_match(h)) {
        return Some((
            Genre::Design,
            format!("goals beside \"{h}\", and no heading names a period"),
        ));
    }
    if let Some(t) = doc.title().filter(|t| JOB_TITLE.is_match(t)) {
        return Some((
            Genre::JobDescription,
            format!("the title names a job description: \"{t}\""),
        ));
    }
    // "Spec: bulk export", "RFC 12: …", "PRD — onboarding": a design document.
    if let Some(t) = doc.title().filter(|t| SPEC_TITLE.is_match(t)) {
        return Some((
            Genre::Design,
            format!("the title names a design document: \"{t}\""),
        ));
    }
    for (genre, re, what) in [
        (
            Genre::Design,
            &crate::model::vocab::SOFTWARE_SECTION,
            "a software document",
        ),
        (Genre::TeamPage, &TEAM_SECTION, "a team's page"),
        (Genre::JobDescription, &JOB_SECTION, "a job description"),
    ] {
        let found: Vec<&str> = headings
            .iter()
            .copied()
            .filter(|h| re.is_match(h))
            .collect();
        if found.len() >= 2 {
            return Some((
                genre,
                format!(
                    "sections of {what} ({}), and no heading names a period",
                    list(&found)
                ),
            ));
        }
    }
    None
}

/// Headings that introduce an example or advice: "Example", "Bad examples", "A worked
/// example", "Tips", "Common mistakes".
fn example_headings(doc: &GoalDocument) -> usize {
    static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^(?:an?\s+)?(?:(?:good|bad|better|worse|weak|strong|worked|sample)\s+)?examples?\b|^(?:tips|advice|common mistakes|pitfalls|dos and don'?ts|best practices)\s*:?$",
        )
    });
    doc.sections
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .filter(|h| EXAMPLE.is_match(h.text.plain.trim()))
        .count()
}

/// The document's lines with their byte offsets, code blocks and front matter left out.
fn prose_lines<'t>(doc: &GoalDocument, text: &'t str) -> Vec<(usize, &'t str)> {
    let skip = doc.front_matter.as_ref().map(|f| f.range);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let here = start;
        start += line.len();
        if skip.is_some_and(|r| r.contains(here)) || doc.in_code_block(here) {
            continue;
        }
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        out.push((here, line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::re::matches_exactly;

    #[test]
    fn ranges_overlap_as_a_scan_of_them_says() {
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % n) as usize
        };
        for _ in 0..200 {
            let ranges: Vec<TextRange> = (0..next(6))
                .map(|_| {
                    let start = next(50);
                    TextRange::new(start, start + next(15))
                })
                .collect();
            let sorted = Ranges::new(ranges.clone());
            for _ in 0..20 {
                let start = next(60);
                let end = start + next(10);
                let scan = ranges.iter().any(|r| r.start < end && start < r.end);
                assert_eq!(
                    sorted.overlaps(start, end),
                    scan,
                    "{ranges:?} {start}..{end}"
                );
            }
        }
    }

    #[test]
    fn titles_of_a_report_and_of_a_review_with_goals_ahead() {
        let report = |t: &str| REPORT_TITLE.is_match(t) && !AHEAD_TITLE.is_match(t);
        for title in [
            "Chi Hack Night: 2022-2023 OKRs Review",
            "2025 in review",
            "Review 2025",
            "2024 goals review",
            "Platform team Q2 2025 report",
            "Roadmap Completed Items",
            "Achieved goals",
            "Sprint 3 Review Report",
            "2024 Strategic Plan Report",
            "Annual Plan Report",
        ] {
            assert!(report(title), "a report: {title}");
        }
        for title in [
            "2025 in review and goals for 2026",
            "2024 Recap; 2025 Goals",
            "Year in review & Q1 goals",
            "My 2020 year review and plans for 2021",
            "Designs in review: goals for Q3",
            "Goals for 2027",
            "Goals to be completed in Q3",
            "Completed by Q3: the platform roadmap",
            "2026 Goals and Accomplishments",
            "Q1 2027 OKRs: drive adoption of shipped features",
            // A report that is the plan: the sprint's planning, written up.
            "Sprint 2 Planning Report",
            "Release planning report",
        ] {
            assert!(!report(title), "not a report: {title}");
        }
    }

    #[test]
    fn titles_of_a_meetings_record() {
        matches_exactly(
            &MINUTES_TITLE,
            &[
                "Minutes",
                "(22/4/24) Meeting Minutes",
                "Executive Council Minutes 2024",
                "Minutes of the annual general meeting",
                "Rez TSC Meeting Notes - 2023-04-20",
                "Docs & Community SIG meeting - 2024-11-20",
            ],
            &[
                "Read for 30 minutes a day: my 2027 goals",
                "Ten minutes of exercise, every morning",
                "Team goals for Q1 2027",
            ],
        );
        assert!(OWN_MEETING_TITLE.is_match("1:1 meeting notes - Wen and Priya"));
        assert!(OWN_MEETING_TITLE.is_match("Sprint Meeting Notes"));
    }

    #[test]
    fn headings_that_look_ahead() {
        for h in [
            "Next steps",
            "3. Next Steps",
            "What's next for 2027?",
            "Looking ahead to Q3",
            "Upcoming milestones",
            "Goals for the coming year",
        ] {
            assert!(looks_ahead(h), "looks ahead: {h}");
        }
        for h in [
            "Goals for the Next.js migration",
            "Next-gen platform goals",
            "Goals delivered ahead of schedule",
            "Objectives for the upcoming quarter were met",
            "Goals ahead of the launch",
            "Priorities next to the roadmap",
            "Last quarter's goals vs. next quarter's goals",
            "Goals",
        ] {
            assert!(!looks_ahead(h), "does not look ahead: {h}");
        }
    }

    #[test]
    fn headings_of_a_course_page() {
        matches_exactly(
            &COURSE_SECTION,
            &[
                "Learning Objectives",
                "Course outline",
                "How Will This Course Help You Succeed?",
                "About this class",
            ],
            &[
                "Finish the course on Rust by June",
                "Finish this course on statistics by March",
                "Teach this class to my team",
                "Goals",
                "Take a class on pottery",
            ],
        );
    }

    #[test]
    fn headings_that_explain_goal_setting() {
        for h in [
            "What is OKR",
            "What are key results?",
            "How to apply OKR to team foundation",
            "Keys to OKR",
            "Why use OKRs",
            "1. How to write goals",
        ] {
            assert!(EXPLAINER_HEADING.is_match(h), "should match: {h}");
        }
        for h in [
            "How we will reach these goals",
            "Why these goals matter",
            "Goals for Q3",
            "What is next",
            "Objective 1: ship the importer",
        ] {
            assert!(!EXPLAINER_HEADING.is_match(h), "should not match: {h}");
        }
    }

    #[test]
    fn template_marks_in_a_line() {
        for line in [
            "# <YOUR NAME> - 2018",
            "<Copy a course sequence from the list and put it here>",
            "1. **Specific** (What is it that you want to achieve?)",
            "Owner: [Your name]",
            "| Goal | ____ |",
        ] {
            assert!(line_mark(line).0.is_some(), "should be a mark: {line}");
        }
        for line in [
            "<details>",
            "<Tabs>",
            "<Tab label=\"Goals for the quarter\">",
            "Ship the importer (see the design doc)",
            "Cut build times (why it matters: releases wait on them)",
            "Ask the team (who owns the on-call rota?) before May",
        ] {
            assert!(line_mark(line).0.is_none(), "should not be a mark: {line}");
        }
    }

    #[test]
    fn a_lines_shape_and_voice() {
        let flags = |line: &str| {
            let v = line_voice(line);
            [
                ("list", Flag::List),
                ("verb", Flag::VerbLed),
                ("past", Flag::PastLed),
                ("box", Flag::Box),
                ("ticked", Flag::Ticked),
                ("table", Flag::Table),
                ("link", Flag::Link),
                ("we", Flag::We),
                ("advice", Flag::Advice),
            ]
            .into_iter()
            .filter(|(_, f)| v.0 >> *f as u16 & 1 == 1)
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
        };
        assert_eq!(flags("- [ ] **Ship** the new CLI"), ["list", "verb", "box"]);
        assert_eq!(
            flags("  2) [x] Launched the beta"),
            ["list", "past", "box", "ticked"]
        );
        assert_eq!(
            flags("> * Our docs, see [the guide](g.md)"),
            ["list", "link", "we"]
        );
        assert_eq!(flags("| Goal | Owner |"), ["table"]);
        assert_eq!(flags("You should avoid vague goals."), ["advice"]);
        // Not list entries: emphasis, a number opening a sentence, a rule, a negative number.
        for line in ["*Note* this", "10 goals a year", "---", "-1 degree"] {
            assert!(!flags(line).contains(&"list"), "{line}");
        }
    }
}
