//! The words goal documents use for their structure: field labels (`**Why it matters:**`,
//! `KR:`), section headings (`## Q3 Goals`, `### Actions This Quarter`) and status emoji.

use std::sync::LazyLock;

use regex::Regex;

use crate::re::any_of;

/// What a labelled field (`**Label:** …` or `Label: …`) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Goal,
    Objective,
    KeyResult,
    /// "Why it matters", "Motivation".
    Why,
    /// "Success looks like", "Success Metrics", "Outcome", "We'll know we're successful when".
    Success,
    /// "Key Actions", "Actions", "Next steps", "Milestones": introduces a list of actions.
    Actions,
    /// A single step ("Step 2:", "Action:").
    Action,
    /// "Support Needed", "Asks", "Needs".
    Support,
    /// "By end of quarter, I will be able to".
    Capability,
    /// "Examples of strong goals": what follows illustrates, it is not the author's goals.
    Examples,
    /// Metadata that must be filled in a template: "Person", "Quarter", "Owner".
    Meta,
    /// Descriptive fields: "Gap", "Problem", "Focus", "Notes", "Evidence to capture".
    Info,
    /// A timeframe used as a label: "Month 1:", "Q3:", "Week 2-3:".
    When,
    /// Anything else short and capitalised before a colon: an owner or team prefix
    /// ("VP Eng:", "Sales (Closing Deals):", "CEO:").
    Owner,
}

static KR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:[\w&/.()' -]{0,30}\s)?(?:kr|key[ -]?results?)\s*#?\s*(?:\d+[a-z]?(?:\.\d+[a-z]?)*)?$",
    )
});
static OBJECTIVE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"(?i)^(?:[\w&/.()' -]{0,30}\s)?(?:objectives?|o\d+|okr)\s*#?\s*\d*$")
});
static GOAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:primary|main|stretch|team|personal|quarterly|my|the|top|north star)\s+)?goals?\s*#?\s*\d*$",
    )
});
static WHEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:weeks?|months?|sprint|phase)\s*\d+(?:\s*[-–+]\s*\d*)?|q[1-4](?:\s*\d{2,4})?|h[12]|(?:19|20)\d{2}(?:[-\s]?(?:q[1-4]|h[12]))?)$",
    )
});
static STEP_LABEL: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)^(?:step|action|task|milestone)\s*#?\s*\d*$"));

/// Classify a field label (without its colon or bold markers).
pub fn field_kind(label: &str) -> FieldKind {
    let norm = normalize(label);
    let n = norm.as_str();
    if n.is_empty() {
        return FieldKind::Info;
    }
    if KR_LABEL.is_match(n) {
        return FieldKind::KeyResult;
    }
    if OBJECTIVE_LABEL.is_match(n) {
        return FieldKind::Objective;
    }
    if GOAL_LABEL.is_match(n) {
        return FieldKind::Goal;
    }
    if WHEN_LABEL.is_match(n) {
        return FieldKind::When;
    }
    if STEP_LABEL.is_match(n) {
        return FieldKind::Action;
    }
    if any_of!(n, ["example", "examples", "e.g"]) {
        return FieldKind::Examples;
    }
    if n.starts_with("why") || any_of!(n, ["motivation", "rationale", "why it matters"]) {
        return FieldKind::Why;
    }
    if n.contains("able to") || any_of!(n, ["capability", "capabilities"]) {
        return FieldKind::Capability;
    }
    if any_of!(
        n,
        [
            "success",
            "successful",
            "outcome",
            "outcomes",
            "metric",
            "metrics",
            "kpi",
            "kpis",
            "measure",
            "measures",
            "measured",
            "target",
            "targets",
            "done when",
            "definition of done",
            "know it worked",
            "we'll know",
            "we will know",
            "results",
            "acceptance criteria",
            "exit criteria",
        ]
    ) {
        return FieldKind::Success;
    }
    if any_of!(
        n,
        [
            "actions",
            "action plan",
            "action items",
            "next steps",
            "steps",
            "milestones",
            "tasks",
            "plan",
            "deliverables",
            "what we'll ship",
            "what we will ship",
            "how i'll build it",
            "how i will build it",
            "work items",
        ]
    ) {
        return FieldKind::Actions;
    }
    if any_of!(
        n,
        [
            "support",
            "asks",
            "ask",
            "needs",
            "help needed",
            "support needed",
            "requests",
        ]
    ) {
        return FieldKind::Support;
    }
    if [
        "person",
        "name",
        "your name",
        "quarter",
        "owner",
        "owners",
        "dri",
        "manager",
        "team",
        "team name",
        "date",
        "due date",
        "start date",
        "end date",
        "period",
        "author",
        "assignee",
        "lead",
        "reviewer",
        "sponsor",
        "contact",
        "year",
        "half",
        "employee",
        "direct report",
        "role",
        "level",
        "last updated",
    ]
    .contains(&n)
    {
        return FieldKind::Meta;
    }
    if any_of!(
        n,
        [
            "gap",
            "problem",
            "problems",
            "focus",
            "note",
            "notes",
            "context",
            "background",
            "details",
            "detail",
            "status",
            "timeline",
            "evidence",
            "current assessment",
            "summary",
            "description",
            "risk",
            "risks",
            "dependencies",
            "learnings",
            "retro",
            "retrospective",
            "update",
            "progress",
            "score",
            "result",
            "comment",
            "comments",
            "links",
            "link",
            "tracking",
            "issue",
            "epic",
            "what this is for",
            "how to think about it",
            "stretch",
            "bonus",
            "optional",
            "nice to have",
            "non-goal",
            "non-goals",
            "out of scope",
            "scope",
            "vision",
            "mission",
            "strategy",
            "theme",
            "themes",
            "initiative",
            "focus area",
            "area",
            "promotion discussion",
            "current",
            "existing",
            "new",
            "overview",
            "tl;dr",
            "tldr",
            "input",
            "inputs",
            "output",
            "outputs",
            "see",
            "source",
            "sources",
        ]
    ) {
        return FieldKind::Info;
    }
    FieldKind::Owner
}

fn normalize(label: &str) -> String {
    let mut s: String = label
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '–' | '—' => '-',
            _ => c.to_ascii_lowercase(),
        })
        .collect();
    s = s
        .trim()
        .trim_end_matches([':', '.', '*', '_'])
        .trim()
        .to_string();
    s
}

pub(crate) fn contains_word(haystack: &str, word: &str) -> bool {
    let mut start = 0;
    while let Some(i) = haystack[start..].find(word) {
        let a = start + i;
        let b = a + word.len();
        let before = haystack[..a].chars().next_back();
        let after = haystack[b..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        // "goal-lint", "goal-setting": the first half of a compound is not the word.
        let compound = after == Some('-')
            && haystack[b + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if boundary(before) && boundary(after) && !compound {
            return true;
        }
        start = a + word.len().max(1);
        while !haystack.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

/// What a section heading says its content is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionRole {
    /// "Goals", "Q1 2022 Goals", "Priorities", "Priority 1: …", "Plans", "Planning".
    Goals,
    /// "OKRs", "Objectives", "2020-Q1 OKRs".
    Objectives,
    KeyResults,
    /// "Actions This Quarter", "Action plan", "Next steps", "Milestones".
    Actions,
    /// "Success Metrics", "Success criteria", "KPIs".
    SuccessMetrics,
    /// "Support Needed", "Asks".
    Support,
    /// "Career Development".
    Career,
    /// Work items: "Initiatives", "Projects", "Tasks", "Deliverables". Under a goal they are
    /// what is attached to it, not judged one by one; elsewhere the heading is neutral (its
    /// section takes its parent's role), and it makes no goal document.
    Work,
    /// A heading that names a structural part that holds no goals: "Retrospective", "Status",
    /// "Risks", "Excluded", "Non-goals", "Evidence", "FAQ", "Check-ins".
    NotGoals,
    /// Nothing goal-related: ordinary Markdown.
    Other,
}

impl SectionRole {
    pub fn is_goal_role(self) -> bool {
        !matches!(
            self,
            SectionRole::Other | SectionRole::NotGoals | SectionRole::Work
        )
    }
}

/// A heading that names only a period: `2023`, `📌 [Proposed] 2024`, `Q3 2025 (draft)`.
pub fn is_dated_period_heading(heading: &str) -> bool {
    let found = super::timeframe::find_timeframes(heading);
    let has_year = found.iter().any(|t| match t.kind {
        super::TimeframeKind::Quarter { year, .. } | super::TimeframeKind::Half { year, .. } => {
            year.is_some()
        }
        super::TimeframeKind::Year(_) => true,
        _ => false,
    });
    if !has_year {
        return false;
    }
    let mut rest = heading.to_string();
    for t in found.iter().rev() {
        rest.replace_range(t.range.clone(), " ");
    }
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().all(|w| {
        matches!(
            w.as_str(),
            "proposed" | "draft" | "current" | "archive" | "archived" | "plan" | "wip" | "fy"
        )
    }) && words.len() <= 2
}

/// A heading that names only a span of a plan, counted from its start: `30 Days`, `First 90
/// days`, `Month 2`, `Days 1-30`, `Week 3`, `Q3`, `H1` (status emoji and a parenthesis aside).
pub fn is_relative_period_heading(heading: &str) -> bool {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^(?:(?:the )?(?:first|next|last) )?\d{1,3}\s*(?:days?|weeks?|months?)$|^(?:days?|weeks?|months?)\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?$|^q[1-4]$|^h[12]$",
        )
    });
    let without_aside = heading.split('(').next().unwrap_or("");
    let core = without_aside.trim_matches(|c: char| !c.is_alphanumeric());
    if PERIOD.is_match(core) {
        return true;
    }
    // A span with a one-word theme: "First 30 days: learn", "Days 31-60 – contribute". (A
    // longer tail is what the span's work is: "Week 1: Identify requirements".)
    let Some((span, theme)) = core.split_once([':', '–', '—']) else {
        return false;
    };
    let theme = theme.trim();
    PERIOD.is_match(span.trim())
        && !theme.is_empty()
        && theme.split_whitespace().count() == 1
        && theme.chars().all(char::is_alphabetic)
}

/// The role a heading gives its section.
pub fn section_role(heading: &str) -> SectionRole {
    let norm = normalize(heading);
    let n = norm.as_str();
    // "Writing objectives", "Choosing your key results": a section about doing the goal work
    // (a process page's step), not goals.
    static ABOUT_GOAL_WORK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"^(?:writing|creating|defining|choosing|picking|setting|drafting|scoring|grading|reviewing|tracking|sharing|publishing|aligning)\s+(?:(?:good|great|better|your|our|the|team|company)\s+)*(?:goals?|objectives?|okrs?|key results?|krs?)\b",
        )
    });
    // "Not in the 2027 plan", "Things we won't do", "What we are not doing": a list of what
    // the plan leaves out. ("Not started" is a status of open goals.)
    static LEFT_OUT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"^(?:not\s+(?:in|for|part|planned|now|this|a\s+(?:goal|priority))\b|(?:things\s+|what\s+)?(?:we|i)(?:'re|\s+are|\s+am)?\s+(?:won't|will\s+not|are\s+not|aren't|not)\b|(?:deliberately|explicitly|intentionally)\s+(?:not|out)\b|deprioriti[sz]ed\b|dropped\b)",
        )
    });
    if ABOUT_GOAL_WORK.is_match(n) || LEFT_OUT.is_match(n) {
        return SectionRole::NotGoals;
    }
    // Order matters: "Non-goals" before "goals", "Success metrics" before "metrics"…
    if any_of!(
        n,
        [
            "non-goals",
            "non goals",
            "nongoals",
            "anti-goals",
            "out of scope",
            "not in scope",
            "not included",
            "not doing",
            "won't do",
            "excluded",
            "completed goals",
            "past goals",
            "previous goals",
            "goals completed",
            "retrospective",
            "retro",
            "faq",
            "frequently asked questions",
            "check-ins",
            "check ins",
            "evidence",
            "risks",
            "open questions",
            "status",
            "status quo",
            "background",
            "motivation",
            "glossary",
            "definitions",
            "changelog",
            "history",
            "references",
            "resources",
            "how to use",
            "process",
            "scoring",
            "meeting",
            "meetings",
            "on this page",
            "design goals",
            "design principles",
            "principles",
            "goals of this project",
            // Tracking, notes and process pages about goals, not goals (JUDGING.md).
            "tracking",
            "notes",
            "journal",
            "about okrs",
            "about goals",
            "how we",
            "how to",
            "reviewing",
            "identifying",
            "setting",
            "drafting",
            "grading",
            // Headings that explain: "What counts as a goal", "What makes a good OKR".
            "what counts",
            "what is",
            "what are",
            "what makes",
        ]
    ) {
        return SectionRole::NotGoals;
    }
    if any_of!(
        n,
        [
            "success metrics",
            "success metric",
            "success criteria",
            "kpis",
            "kpi",
            "success measures",
        ]
    ) {
        return SectionRole::SuccessMetrics;
    }
    if any_of!(n, ["key results", "key result", "krs"])
        && !any_of!(n, ["objectives", "okrs", "okr"])
    {
        return SectionRole::KeyResults;
    }
    if any_of!(n, ["okrs", "okr", "objectives", "objective"]) {
        return SectionRole::Objectives;
    }
    if any_of!(
        n,
        [
            "support needed",
            "asks",
            "support requests",
            "help needed",
            "what i need",
            "support i need",
            "help i need",
            "i need from",
        ]
    ) {
        return SectionRole::Support;
    }
    if any_of!(
        n,
        [
            "career development",
            "career goals",
            "growth plan",
            "development plan",
            "career",
        ]
    ) {
        return SectionRole::Career;
    }
    // A heading that is only a name for work items ("Initiatives", "Key projects"), not a
    // goal that mentions one ("Establish office hours for the value initiative").
    let work = n
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .skip_while(|w| {
            matches!(
                *w,
                "key"
                    | "main"
                    | "major"
                    | "planned"
                    | "current"
                    | "supporting"
                    | "our"
                    | "my"
                    | "the"
                    | "top"
                    | "related"
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    if matches!(
        work.as_str(),
        "initiatives"
            | "initiative"
            | "projects"
            | "tasks"
            | "work items"
            | "deliverables"
            | "workstreams"
            | "epics"
    ) {
        return SectionRole::Work;
    }
    if any_of!(
        n,
        [
            "actions",
            "action plan",
            "action items",
            "next steps",
            "milestones",
            "key actions",
            "work plan",
        ]
    ) {
        return SectionRole::Actions;
    }
    if any_of!(
        n,
        [
            "goals",
            "goal",
            "priorities",
            "priority",
            "plans",
            "planning",
            "commitments",
            "resolutions",
        ]
    ) {
        return SectionRole::Goals;
    }
    // "Q3 Plan", "2026 plan", "90-day plan": a plan for a period. A bare "Plan" ("Test plan",
    // "Migration plan") is as often a design section: left alone.
    if any_of!(n, ["plan"]) && period_named(n) {
        return SectionRole::Goals;
    }
    SectionRole::Other
}

/// The heading names a period: a quarter, a half, a year, or a span of days, weeks or months.
fn period_named(heading: &str) -> bool {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:q[1-4]|h[12]|fy\s?\d{2,4}|(?:19|20)\d\d|\d{1,3}[- ](?:day|week|month)s?|quarterly|annual|yearly)\b",
        )
    });
    PERIOD.is_match(heading)
}

/// A status marker in front of an item: `✅ Shipped …`, `🔄 In progress …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Done,
    InProgress,
    Dropped,
}

/// Split leading status emoji (and decorative ones like ⭐️) off `text`: returns the status, if
/// any, and the byte length of the prefix.
/// A pictograph or symbol written before an entry as decoration ("🎤 KR: …", "▸ Objective:
/// …"): emoji, dingbats, arrows, geometric shapes, bullets, skin tones.
fn is_decoration(c: char) -> bool {
    matches!(
        c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF | 0x25A0..=0x25FF
    ) || c == '•'
}

pub fn leading_status(text: &str) -> (Option<Status>, usize) {
    let mut status = None;
    let mut len = 0;
    for (i, c) in text.char_indices() {
        let s = match c {
            '✅' | '✔' | '☑' | '🟢' | '✓' => Some(Status::Done),
            '🔄' | '⏳' | '🚧' | '🟡' | '⌛' | '🏃' | '🔜' | '🔁' => {
                Some(Status::InProgress)
            }
            '❌' | '🔴' | '⛔' | '🚫' | '✖' | '✗' => Some(Status::Dropped),
            '⭐' | '🌟' | '🎯' | '🔥' | '📌' | '🚀' | '💡' => None,
            '\u{FE0F}' | '\u{FE0E}' | '\u{200D}' => None,
            c if c.is_whitespace() || is_decoration(c) => None,
            _ => {
                return (status, i);
            }
        };
        if s.is_some() {
            status = s;
        }
        len = i + c.len_utf8();
    }
    (status, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_labels() {
        use FieldKind::*;
        for (label, kind) in [
            ("Goal", Goal),
            ("Goal 1", Goal),
            ("Objective", Objective),
            ("OBJECTIVE", Objective),
            ("KR", KeyResult),
            ("KR2", KeyResult),
            ("VP Eng KR", KeyResult),
            ("Key Result", KeyResult),
            ("Why it matters", Why),
            ("Success looks like", Success),
            ("Success Metrics", Success),
            ("How we'll know it worked", Success),
            ("We’ll know we’re successful when", Success),
            ("Outcome", Success),
            ("Key Actions", Actions),
            ("Milestones", Actions),
            ("Step 2", Action),
            ("Support Needed", Support),
            ("Support I need from my manager", Support),
            ("By end of quarter, I will be able to", Capability),
            ("Examples of strong goals", Examples),
            ("Person", Meta),
            ("Quarter", Meta),
            ("Multi-Team Leadership", Owner),
            ("Gap", Info),
            ("Evidence to Capture", Info),
            ("Month 1", When),
            ("Weeks 2-15", When),
            ("Q3", When),
            ("VP Eng", Owner),
            ("Sales (Closing Deals)", Owner),
        ] {
            assert_eq!(field_kind(label), kind, "{label}");
        }
    }

    #[test]
    fn period_headings() {
        for h in ["2023", "📌 [Proposed] 2024", "Q3 2025 (draft)", "FY 2026"] {
            assert!(is_dated_period_heading(h), "{h}");
        }
        for h in [
            "Grow the community",
            "Q3 goals",
            "30 Days",
            "2. Grow the membership base",
        ] {
            assert!(!is_dated_period_heading(h), "{h}");
        }
        for h in [
            "30 Days",
            "First 90 days",
            "Month 2",
            "Days 1-30",
            "Q3",
            "⏳ Week 3",
            "First 30 days: learn",
            "Days 31-60 – contribute",
        ] {
            assert!(is_relative_period_heading(h), "{h}");
        }
        for h in [
            "Week 1: Identify requirements",
            "Learning goals",
            "2024",
            "30 days: 2x",
        ] {
            assert!(!is_relative_period_heading(h), "{h}");
        }
    }

    #[test]
    fn section_roles() {
        use SectionRole::*;
        for (heading, role) in [
            ("Q1 2022 Goals", Goals),
            ("**Goals**", Goals),
            ("Priority 1: Broaden Organizational Influence", Goals),
            ("Supporting Goals", Goals),
            ("2020-Q1 OKRs", Objectives),
            ("Q4 2025 Objectives", Objectives),
            ("Key Results", KeyResults),
            ("Actions This Quarter", Actions),
            ("Support Needed", Support),
            ("Support I need from my manager", Support),
            ("Writing objectives", NotGoals),
            ("Choosing your key results", NotGoals),
            ("Objective: Improve my technical writing", Objectives),
            ("Career Development", Career),
            ("Success Metrics", SuccessMetrics),
            ("Retrospective", NotGoals),
            ("Progress Tracking Templates", NotGoals),
            ("Q3 Plan", Goals),
            ("90-day plan", Goals),
            ("Test plan", Other),
            ("Reviewing and Identifying OKRs", NotGoals),
            ("About OKRs", NotGoals),
            ("Meeting notes", NotGoals),
            ("Design goals (informal)", NotGoals),
            ("Non-goals", NotGoals),
            ("Not in the 2027 plan", NotGoals),
            ("Things we won't do this quarter", NotGoals),
            ("What we're not doing", NotGoals),
            ("Not started", Other),
            ("2027 resolutions", Goals),
            ("Planning", Goals),
            ("Installation", Other),
            ("Creating a Safe Abstraction over Unsafe Code", Other),
            (
                "Type Safety and Abstraction with the Newtype Pattern",
                Other,
            ),
        ] {
            assert_eq!(section_role(heading), role, "{heading}");
        }
    }

    #[test]
    fn status_prefixes() {
        assert_eq!(leading_status("✅ done"), (Some(Status::Done), "✅ ".len()));
        assert_eq!(leading_status("⭐️ Build"), (None, "⭐️ ".len()));
        assert_eq!(
            leading_status("🔄 The"),
            (Some(Status::InProgress), "🔄 ".len())
        );
        assert_eq!(leading_status("plain"), (None, 0));
        assert_eq!(leading_status("🎤 KR: x"), (None, "🎤 ".len()));
        assert_eq!(leading_status("▸ Objective"), (None, "▸ ".len()));
    }
}
