//! The words goal documents use for their structure: field labels (`**Why it matters:**`,
//! `KR:`), section headings (`## Q3 Goals`, `### Actions This Quarter`) and status emoji.
//!
//! The word lists are data, in `vocab.tsv` (read once, on first use); the code decides in which
//! order they are asked. Patterns are regexes: labels with numbers and periods (`KR 2.1`, `Week
//! 2-3`), headings about the goal work ("Writing objectives").

use std::sync::LazyLock;

use regex::Regex;

use crate::re::{WordLists, read_lists};

/// The data, compiled into the binary.
const SOURCE: &str = include_str!("vocab.tsv");

/// A list of `vocab.tsv`; the file documents what each holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    FieldExamples,
    FieldWhy,
    FieldCapability,
    FieldSuccess,
    FieldActions,
    FieldSupport,
    FieldMeta,
    FieldInfo,
    PeriodHeadingWord,
    SectionNotGoals,
    SectionSuccessMetrics,
    SectionKeyResults,
    SectionAllObjectives,
    SectionObjectives,
    SectionSupport,
    SectionCareer,
    SectionWorkLeadIn,
    SectionWork,
    SectionActions,
    SectionGoals,
    SectionPlan,
    NumberWord,
}

impl List {
    const ALL: [List; 22] = [
        List::FieldExamples,
        List::FieldWhy,
        List::FieldCapability,
        List::FieldSuccess,
        List::FieldActions,
        List::FieldSupport,
        List::FieldMeta,
        List::FieldInfo,
        List::PeriodHeadingWord,
        List::SectionNotGoals,
        List::SectionSuccessMetrics,
        List::SectionKeyResults,
        List::SectionAllObjectives,
        List::SectionObjectives,
        List::SectionSupport,
        List::SectionCareer,
        List::SectionWorkLeadIn,
        List::SectionWork,
        List::SectionActions,
        List::SectionGoals,
        List::SectionPlan,
        List::NumberWord,
    ];

    fn name(self) -> &'static str {
        match self {
            List::FieldExamples => "field-examples",
            List::FieldWhy => "field-why",
            List::FieldCapability => "field-capability",
            List::FieldSuccess => "field-success",
            List::FieldActions => "field-actions",
            List::FieldSupport => "field-support",
            List::FieldMeta => "field-meta",
            List::FieldInfo => "field-info",
            List::PeriodHeadingWord => "period-heading-word",
            List::SectionNotGoals => "section-not-goals",
            List::SectionSuccessMetrics => "section-success-metrics",
            List::SectionKeyResults => "section-key-results",
            List::SectionAllObjectives => "section-all-objectives",
            List::SectionObjectives => "section-objectives",
            List::SectionSupport => "section-support",
            List::SectionCareer => "section-career",
            List::SectionWorkLeadIn => "section-work-lead-in",
            List::SectionWork => "section-work",
            List::SectionActions => "section-actions",
            List::SectionGoals => "section-goals",
            List::SectionPlan => "section-plan",
            List::NumberWord => "number-word",
        }
    }

    /// Compared with a whole label or one word of a heading, not searched for in a text.
    fn whole(self) -> bool {
        matches!(
            self,
            List::FieldMeta | List::PeriodHeadingWord | List::SectionWorkLeadIn | List::SectionWork
        )
    }
}

struct Vocab {
    /// The entries of each list, by [`List`] index.
    entries: Vec<Vec<&'static str>>,
    /// The lists searched for in a text, all in one automaton, which finds the lists a text
    /// names in one pass.
    words: WordLists,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let entries =
        read(SOURCE).unwrap_or_else(|p| panic!("vocab.tsv is invalid:\n{}", p.join("\n")));
    let searched: Vec<Vec<&str>> = List::ALL
        .into_iter()
        .map(|list| {
            if list.whole() {
                Vec::new()
            } else {
                entries[list as usize].clone()
            }
        })
        .collect();
    let words = WordLists::new(&searched);
    Vocab { entries, words }
});

fn read(source: &'static str) -> Result<Vec<Vec<&'static str>>, Vec<String>> {
    let names = List::ALL.map(List::name);
    read_lists("vocab.tsv", source, &names)
}

/// The lists with an entry that a text contains as whole words.
#[derive(Clone, Copy)]
struct Named(u64);

impl Named {
    fn of(text: &str) -> Named {
        Named(VOCAB.words.named(text))
    }

    fn has(self, list: List) -> bool {
        self.0 & (1 << list as u32) != 0
    }
}

/// The text names a number in words ("Two quarters of …", "double", "half").
pub fn names_a_number(text: &str) -> bool {
    Named::of(&text.to_lowercase()).has(List::NumberWord)
}

/// `text` is an entry of `list`.
fn is(text: &str, list: List) -> bool {
    VOCAB.entries[list as usize].contains(&text)
}

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
    // "How:" under a goal, beside its "Why:": the way it will be done, its actions. (Only the
    // word alone: "How we work" names something else.)
    if n == "how" {
        return FieldKind::Actions;
    }
    let named = Named::of(n);
    if named.has(List::FieldExamples) {
        return FieldKind::Examples;
    }
    if n.starts_with("why") || named.has(List::FieldWhy) {
        return FieldKind::Why;
    }
    if n.contains("able to") || named.has(List::FieldCapability) {
        return FieldKind::Capability;
    }
    if named.has(List::FieldSuccess) {
        return FieldKind::Success;
    }
    if named.has(List::FieldActions) {
        return FieldKind::Actions;
    }
    if named.has(List::FieldSupport) {
        return FieldKind::Support;
    }
    if is(n, List::FieldMeta) {
        return FieldKind::Meta;
    }
    if named.has(List::FieldInfo) {
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
        // A month of a year: "March 2024", "2025 January".
        super::TimeframeKind::Calendar {
            year: Some(_),
            day: None,
            ..
        } => true,
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
    words.iter().all(|w| is(w, List::PeriodHeadingWord)) && words.len() <= 2
}

/// A heading that names only a span of a plan, counted from its start: `30 Days`, `First 90
/// days`, `Month 2`, `Days 1-30`, `Week 3`, `Q3`, `H1` (status emoji and a parenthesis aside).
pub fn is_relative_period_heading(heading: &str) -> bool {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^(?:(?:the )?(?:first|next|last) )?\d{1,3}\s*(?:days?|weeks?|months?)$|^(?:days?|weeks?|months?)\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?$|^q[1-4]$|^h[12]$",
        )
    });
    let core = heading_core(heading);
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

/// A heading without a parenthesis aside and the emoji and punctuation around its words:
/// "⏳ Week 3 (draft)" gives "Week 3".
fn heading_core(heading: &str) -> &str {
    let without_aside = heading.split('(').next().unwrap_or("");
    without_aside.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A heading that is only a month's name: "March:", "Sept." (a roadmap heads its months so;
/// under a title naming goals, "## January" as often heads a journal's entries).
pub fn is_month_name(heading: &str) -> bool {
    let core = heading_core(heading);
    let found = super::timeframe::find_timeframes(core);
    matches!(
        found.as_slice(),
        [t] if t.range == (0..core.len())
            && matches!(t.kind, super::TimeframeKind::Calendar { year: None, day: None, .. })
    )
}

/// A heading that names a stage of a roadmap rather than a topic: a milestone, phase, release,
/// iteration or sprint (`Milestone 2 (June)`, `Phase 1`, `Release 3: Pilot`), a version (`v2.0`,
/// `etcd 3.1 (February)`), or a horizon (`Now`, `Next`, `Later`, `In progress`, `Up next`,
/// `Short term`, `Future`).
pub fn is_stage_heading(heading: &str) -> bool {
    static STAGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^(?:(?:milestone|phase|stage|release|iteration|sprint|increment|step)\s*#?\s*\d{1,3}\b|(?:[a-z][\w-]*\s+)?v?\d{1,3}\.\d{1,3}(?:\.\d{1,3})?(?:[a-z]+\d*)?(?:\s*\(|$)|(?:now|next|later|future|soon|in progress|in the works|up next|coming (?:up|next|soon)|(?:short|medium|mid|long)[- ]term)\s*(?:\(|:|$))",
        )
    });
    let t = heading
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    STAGE.is_match(t)
}

/// A heading that states something to do or reach, as a goal written as a heading does
/// ("### Run a half marathon", "## Don't burn out", "## 2. Create an app", "## 🎸 more physical
/// things"): after a number or an emoji it opens with a verb of the lexicon in its base form
/// and says what it is done to, a negated verb, or "more" / "less" / "fewer" / "better" and
/// what. A verb alone ("Run") names a part of a page, and so does a word that is also a noun
/// over another noun ("Release notes", "Design decisions", "Design system roadmap").
pub fn states_a_goal(heading: &str) -> bool {
    use crate::lexicon::{DONE_VERB, FUNCTION_WORD, MODIFIER, NOUN, VERB, has};
    let t = heading.trim_start_matches(|c: char| !c.is_alphabetic());
    // "Read 12+ books", "Ship 3 projects": a verb, a count, what is counted.
    let tokens: Vec<&str> = t.split_whitespace().collect();
    if let [verb, count, counted, ..] = tokens.as_slice() {
        let verb = verb
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let counted = counted
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let reports = verb.ends_with("ing") || verb.ends_with("ed") && has(&verb, DONE_VERB);
        // A whole count ("12+", "5,000"), not a version ("Release 2.0 beta").
        let whole_count = count.starts_with(|c: char| c.is_ascii_digit())
            && count
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '+'));
        if whole_count
            && !reports
            && has(&verb, VERB)
            && !counted.is_empty()
            && !has(&counted, FUNCTION_WORD)
            // "Release 2 brings …", "Build 42 fixed …": a name and its number, then a verb.
            && !counted.ends_with("ed")
            && (!has(&counted, VERB) || has(&counted, NOUN))
        {
            return true;
        }
    }
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphabetic() && c != '\'')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let (negated, verb) = match words.first().map(String::as_str) {
        None => return false,
        Some("more" | "less" | "fewer" | "better") => return words.len() > 1,
        Some("don't" | "stop" | "never") => (true, 1),
        Some("do") if words.get(1).is_some_and(|w| w == "not") => (true, 2),
        Some("just") => (false, 1),
        Some(_) => (false, 0),
    };
    let Some(first) = words.get(verb) else {
        return false;
    };
    // "Don't overcommit", "Stop checking the phone": an imperative whatever follows.
    if negated {
        return true;
    }
    // "Improved caching", "Shipped the importer": a past form reports; "Read" and "Speed up"
    // are base forms the lexicon knows (an unknown word ending in -ed is still a past form).
    let past = first.ends_with("ed") && (has(first, DONE_VERB) || !has(first, VERB));
    if first.ends_with("ing") || past || !has(first, VERB) {
        return false;
    }
    let rest = &words[verb + 1..];
    let nounish = |w: &str| {
        has(w, NOUN)
            || (w.ends_with('s') && !has(w, VERB) && !has(w, MODIFIER) && !has(w, FUNCTION_WORD))
    };
    match rest {
        [] => false,
        [next, ..] => !(has(first, NOUN) && nounish(next)),
    }
}

/// Headings of the sections software documents have and plans do not.
pub(crate) static SOFTWARE_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:\d+\.?\s+)?(?:installation|installing|install|usage|getting started|quick ?start|contributing|license|api|api reference|design|detailed design|proposed design|technical design|architecture|motivation|rationale|alternatives(?: considered)?|drawbacks|prior art|unresolved questions|open questions|implementation|implementation plan|specification|requirements|building|build|testing|dependencies|features|faq|changelog|migration|security considerations|compatibility|backwards compatibility|examples? usage|configuration|decision|decision outcome|decision drivers|considered options|consequences|options considered)\s*:?$",
    )
});

/// Headings of the parts of a page that are for reference or setting up, not anyone's goals:
/// a software document's sections (above), and "Setup", "Deployment", "Prerequisites",
/// "Links", "Further reading".
pub fn is_reference_part(heading: &str) -> bool {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^(?:\d+\.?\s+)?(?:set ?up|setting up|deployment|deploying|deploy|prerequisites|requirements|before you (?:start|begin)|links|useful links|bookmarks|further reading|reading list|tools|commands)\s*:?$",
        )
    });
    let h = heading.trim_matches(|c: char| !c.is_alphanumeric());
    SOFTWARE_SECTION.is_match(h) || REFERENCE.is_match(h)
}

/// "I want to ", "We'd like to ", "I will ", "Aim to ": a first-person or bare lead saying
/// what follows is intended, before the verb that states it.
static INTENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:i|we)(?:\s+(?:really|also))?\s+(?:want|hope|aim|plan|intend|wish|need|am\s+going|are\s+going)\s+to|(?:i|we)(?:\s+would|['’]d)\s+(?:really\s+)?(?:like|love)\s+to|(?:i|we)\s+(?:will|shall)|(?:aim|strive|try|hope)\s+to)\s+",
    )
});

/// A list entry that states something to do or reach, as a goal would: "Learn to resolve merge
/// conflicts", "I want to get more comfortable with pandas", "Debugging: Practice reading stack
/// traces" (a short label before a colon, either side stating it).
pub fn entry_states_a_goal(text: &str) -> bool {
    let text = text.trim();
    let unlead = |t: &str| -> String {
        let t = t.trim_start_matches(|c: char| !c.is_alphabetic());
        match INTENT_LEAD.find(t) {
            Some(m) => t[m.end()..].to_string(),
            None => t.to_string(),
        }
    };
    if states_a_goal(&unlead(text)) {
        return true;
    }
    match text.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 5 && !rest.trim().is_empty() => {
            states_a_goal(&unlead(label)) || states_a_goal(&unlead(rest))
        }
        _ => false,
    }
}

/// A field's value that says it is not known yet: empty, "TBD", "TBA", "TBC", "TODO", "TO DO",
/// bracketed or not ("[TBD]").
pub fn is_not_yet_value(value: &str) -> bool {
    matches!(
        value
            .trim_matches(['[', ']', '(', ')', ' '])
            .to_ascii_uppercase()
            .as_str(),
        "" | "TBD" | "TBA" | "TBC" | "TODO" | "TO DO"
    )
}

/// The label of a field that records when an entry was done: `Done:`, `Completed on:`.
pub fn is_completion_label(label: &str) -> bool {
    matches!(
        label
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_lowercase()
            .as_str(),
        "done"
            | "done on"
            | "completed"
            | "completed on"
            | "date completed"
            | "completion date"
            | "finished"
            | "finished on"
            | "date done"
    )
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
            r"^(?:not\s+(?:in|for|part|planned|now|this|a\s+(?:goal|priority))\b|(?:things\s+|what\s+)?(?:we|i)(?:'re|\s+are|\s+am)?\s+(?:won't|will\s+not|are\s+not|aren't|not)\b|(?:deliberately|explicitly|intentionally)\s+(?:not|out)\b|deprioriti[sz]ed\b|dropped\b)|\(\s*not\s+(?:goals?|objectives?|okrs?|priorities|commitments|part\s+of\s+the\s+plan)\s*\)|^(?:goals?|objectives?|okrs?)\s+(?:from|of)\s+(?:last|the\s+(?:previous|past|last))\s+(?:year|quarter|half|cycle|period)\b",
        )
    });
    if ABOUT_GOAL_WORK.is_match(n) || LEFT_OUT.is_match(n) {
        return SectionRole::NotGoals;
    }
    // "What are my goals for next year?": the rest of the heading names goals. ("What are
    // our strengths?" stays a question, as "What are OKRs?" does.)
    if let Some(role) = own_question_rest(n)
        .map(section_role)
        .filter(|r| r.is_goal_role())
    {
        return role;
    }
    let named = Named::of(n);
    // Order matters: "Non-goals" before "goals", "Success metrics" before "metrics"…
    if named.has(List::SectionNotGoals) {
        return SectionRole::NotGoals;
    }
    if named.has(List::SectionSuccessMetrics) {
        return SectionRole::SuccessMetrics;
    }
    if named.has(List::SectionKeyResults) && !named.has(List::SectionAllObjectives) {
        return SectionRole::KeyResults;
    }
    if named.has(List::SectionObjectives) {
        return SectionRole::Objectives;
    }
    if named.has(List::SectionSupport) {
        return SectionRole::Support;
    }
    if named.has(List::SectionCareer) {
        return SectionRole::Career;
    }
    // A heading that is only a name for work items ("Initiatives", "Key projects"), not a
    // goal that mentions one ("Establish office hours for the value initiative").
    let work = n
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .skip_while(|w| is(w, List::SectionWorkLeadIn))
        .collect::<Vec<_>>()
        .join(" ");
    if is(&work, List::SectionWork) {
        return SectionRole::Work;
    }
    if named.has(List::SectionActions) {
        return SectionRole::Actions;
    }
    if named.has(List::SectionGoals) {
        return SectionRole::Goals;
    }
    // "Q3 Plan", "2026 plan", "90-day plan": a plan for a period. A bare "Plan" ("Test plan",
    // "Migration plan") is as often a design section: left alone.
    if named.has(List::SectionPlan) && period_named(n) {
        return SectionRole::Goals;
    }
    // "What's next for 2026?", "Looking ahead to Q3": what comes in a named period.
    static AHEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"^\W*(?:what'?s|what\s+is|what\s+comes)\s+next\s+(?:for|in)\b|^\W*looking\s+(?:ahead|forward)\s+(?:to|at|into)\b",
        )
    });
    if AHEAD.is_match(n) && period_named(n) {
        return SectionRole::Goals;
    }
    SectionRole::Other
}

/// `text` without the lead-in of a question the author asks about their own goals ("What
/// are my goals for next year?" gives "goals for next year?"), when it starts with one and the
/// rest names goals: where "What are OKRs?" explains, "What are my goals" names the author's
/// ("What are our strengths?" names none). `None` otherwise.
pub fn without_own_question(text: &str) -> Option<&str> {
    own_question_rest(text).filter(|rest| section_role(rest).is_goal_role())
}

/// What follows "What are my" / "What are our" at the start of `text`.
fn own_question_rest(text: &str) -> Option<&str> {
    static OWN_QUESTION: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| crate::re::compile(r"(?i)^\W*what\s+are\s+(?:my|our)\s+"));
    Some(&text[OWN_QUESTION.find(text)?.end()..])
}

/// The heading names a period: a quarter, a half, a year, or a span of days, weeks or months.
fn period_named(heading: &str) -> bool {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:q[1-4]|quarter\s?[1-4]|h[12]|fy\s?\d{2,4}|(?:19|20)\d\d|\d{1,3}[- ](?:day|week|month)s?|quarterly|annual|yearly)\b",
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
    fn headings_that_state_a_goal() {
        for h in [
            "Run a half marathon",
            "2. Create an app",
            "5\\. Push the podcast forward",
            "🎸 more physical things",
            "Don't try and fix everything",
            "Do not ship on Fridays",
            "Just ship it",
            "Stop checking the phone at dinner",
            "Write More",
            "Release the mobile app",
            "Read 12+ books.",
            "Ship 3 Projects.",
            "Read more books",
            "Speed up the build",
        ] {
            assert!(states_a_goal(h), "{h}");
        }
        for h in [
            "Summary of 2026",
            "Health and Fitness",
            "Design",
            "Reading",
            "Shipped features",
            "the plan",
            "More",
            "",
            "Write",
            "Release notes",
            "Design decisions",
            "Design system roadmap",
            "Shipped the importer",
            "Improved caching for users",
            "Release 2.0",
            "Release 2.0 beta",
        ] {
            assert!(!states_a_goal(h), "{h}");
        }
    }

    #[test]
    fn entries_that_state_goals_may_lead_with_intent_or_a_label() {
        for e in [
            "Learn to resolve merge conflicts",
            "I want to get more comfortable with pandas",
            "We'd like to ship the importer",
            "I will publish two posts",
            "Debugging: Practice reading stack traces",
            "Enhance problem solving: apply data structures to real tasks",
        ] {
            assert!(entry_states_a_goal(e), "{e}");
        }
        for e in [
            "Amro Mohamed",
            "Deep Work",
            "Awareness",
            "Shipped the importer",
            "I shipped the importer",
            "Status: done",
            "Weeks 1-4",
        ] {
            assert!(!entry_states_a_goal(e), "{e}");
        }
    }

    #[test]
    fn stage_headings_are_releases_milestones_and_horizons() {
        for h in [
            "v2.0 (March 2026)",
            "Milestone 3: Observability",
            "Phase 1",
            "Release 2: Pilot Release",
            "etcd 3.1 (February)",
            "Later",
            "Up next",
            "Medium term",
            "🚧 In progress",
        ] {
            assert!(is_stage_heading(h), "{h}");
        }
        for h in [
            "Design principles",
            "Release process",
            "Phases of a project",
            "Later work we will not do",
            "Version history",
            "Python 3 support",
        ] {
            assert!(!is_stage_heading(h), "{h}");
        }
    }

    #[test]
    fn the_data_file_is_valid() {
        if let Err(problems) = read(SOURCE) {
            panic!("{}", problems.join("\n"));
        }
        for (i, list) in List::ALL.into_iter().enumerate() {
            assert_eq!(list as usize, i, "List::ALL is in declaration order");
        }
    }

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
            ("How", Actions),
            ("How we work", Owner),
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
        for h in [
            "2023",
            "📌 [Proposed] 2024",
            "Q3 2025 (draft)",
            "FY 2026",
            "2025 Quarter 2",
            "March 2024",
            "🚀 January 2026 (proposed)",
        ] {
            assert!(is_dated_period_heading(h), "{h}");
        }
        for h in [
            "Grow the community",
            "Q3 goals",
            "30 Days",
            "2. Grow the membership base",
            "March 15, 2024",
            "Launch in March 2024",
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
        for h in ["March:", "September", "🚀 June (proposed)"] {
            assert!(is_month_name(h), "{h}");
        }
        for h in [
            "March 15",
            "May the team grow",
            "Marching band",
            "March 2024",
        ] {
            assert!(!is_month_name(h), "{h}");
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
            ("What are my goals for next year?", Goals),
            ("What are our OKRs for Q3?", Objectives),
            ("What are OKRs?", NotGoals),
            ("What are your goals?", NotGoals),
            ("What are our strengths?", NotGoals),
            ("Quarter 2 Plan", Goals),
            ("My 2019 Goals - How did I do?", NotGoals),
            ("Meeting notes", NotGoals),
            ("Design goals (informal)", NotGoals),
            ("Non-goals", NotGoals),
            ("Not in the 2027 plan", NotGoals),
            ("Things we won't do this quarter", NotGoals),
            ("What we're not doing", NotGoals),
            ("Lab housekeeping (not goals)", NotGoals),
            ("Goals from last year and outcomes", NotGoals),
            ("Not started", Other),
            ("2027 resolutions", Goals),
            ("Planning", Goals),
            ("What's Next For 2026?", Goals),
            ("Looking ahead to Q3", Goals),
            ("What's next", Other),
            ("What's next in the API", Other),
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
