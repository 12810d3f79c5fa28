//! Is a goal statement measurable, a concrete deliverable, or vague?
//!
//! The judgement is about the whole statement, not a word list. A statement takes one of three
//! shapes, each with its own test of concreteness:
//!
//! - an **imperative** ("Ship a Java SDK", "Improve SDK standardization"): concrete when a verb
//!   with a done state has a concrete object; vague when led by an activity verb ("work on",
//!   "improve", "help with") or when its object is only a quality ("Write better specs");
//! - an **outcome sentence** ("Storage is durable", "A customer can import tickets from Fin"):
//!   concrete when it names something observable (a state such as "live" or "published", a
//!   concrete thing it has or does); vague when it only asserts a quality or a change;
//! - a **noun phrase** ("Java SDK", "Platform improvements"): concrete when its head names a
//!   thing, vague when its head names an activity or a quality.
//!
//! A number, threshold, percentage, amount or frequency anywhere makes any of them measurable.
//! Precision comes first: when in doubt, a statement is not called vague.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::phrases::{List, is, observable, starts_with};
use crate::lexicon::*;
use crate::model::timeframe::{TimeframeKind, find_timeframes};

/// Why a statement reads as vague.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vagueness {
    /// Led by a verb that names an activity, not an outcome: "work on", "improve", "help with".
    Verb { verb: String, range: Range<usize> },
    /// The object is only a comparative or a quality: "better docs", "more content".
    Modifier { word: String, range: Range<usize> },
    /// A noun phrase naming an activity or quality: "Platform improvements", "Polish".
    Heading { word: String, range: Range<usize> },
    /// A sentence asserting a quality or a change with no measure: "Storage is durable".
    Outcome { range: Range<usize> },
}

impl Vagueness {
    pub fn range(&self) -> Range<usize> {
        match self {
            Vagueness::Verb { range, .. }
            | Vagueness::Modifier { range, .. }
            | Vagueness::Heading { range, .. }
            | Vagueness::Outcome { range } => range.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statement {
    /// A number, threshold, percentage, amount or frequency (plain-text range).
    pub metric: Option<Range<usize>>,
    /// A thing that exists when the work is done (plain-text range of its verb or noun).
    pub deliverable: Option<Range<usize>>,
    /// Set only when there is neither a metric nor a deliverable.
    pub vague: Option<Vagueness>,
    /// The statement names an observable end state ("is live", "approved", "no longer").
    pub observable: bool,
    /// A noun phrase that names neither a thing nor an activity ("Alerting", "Extensible
    /// sources"): an area, which is vague as an objective of its own.
    pub bare_noun_phrase: bool,
    /// Led by a verb: the statement says what someone will do ("Develop a certification
    /// exam"), as a goal does and a theme or a period ("30 Days") does not.
    pub imperative: bool,
    /// Led by taking charge of a named thing ("Lead product discovery", "Own a cross-team
    /// design"): vague as a goal, but doing it shows a capability.
    pub takes_charge: bool,
}

impl Statement {
    pub fn is_vague(&self) -> bool {
        self.vague.is_some()
    }

    /// States a number, a threshold, a deliverable or an observable change.
    pub fn is_measurable(&self) -> bool {
        self.metric.is_some() || self.deliverable.is_some() || self.observable
    }
}

#[derive(Clone, Debug)]
struct Word {
    lower: String,
    range: Range<usize>,
    capitalised: bool,
    /// Inside parentheses: counts as content, but does not decide the statement's shape.
    aside: bool,
}

static METRIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?xi)
        \d+(?:[.,]\d+)?\s?%
        |[$€£¥]\s?\d
        |\b\d+(?:[.,]\d+)?\s?(?:k|m|bn|b)\b
        |[<>≤≥~]=?\s?\$?\d
        |\b\d+(?:[.,]\d+)?\s?\+
        |\b\d+(?:\.\d+)?\s?x\b
        |\b\d+(?:[.,]\d+)?\s?(?:ms|s|sec|secs|seconds|minutes|mins|min|hours|hrs|h|days|gb|mb|kb|tb|rps|qps|points|pts|nps|csat)\b
        |\bp(?:50|75|90|95|99|999)\b\s*(?:of\s+)?\S*\d
        |\b(?:at\s+least|at\s+most|no\s+more\s+than|no\s+fewer\s+than|fewer\s+than|less\s+than|more\s+than|up\s+to|under|below|above|over|within)\s+(?:\$?\d|once|twice|one|two|three|four|five|ten|half)
        |\b(?:once|twice)\s+(?:a|per|every|each)\b
        |\b(?:by|in)\s+(?:half|a\s+half|a\s+third|a\s+quarter|two[-\s]thirds)\b
        |\b(?:double|doubles|doubled|triple|triples|tripled|halve|halves|halved)\b
        |\b(?:zero|no)\s+(?:p[0-4]|sev[0-4]|critical|major|open|unresolved|outstanding|known|regressions?|incidents?|bugs?|outages?|downtime|revisions?|manual)\b
        |\b100\s?%|\ball\s+(?:\d+|of\s+the\s+\d+)
        |\b\d+\s?/\s?\d+\b
        |\b(?:each|every)\s+(?:[\w-]+\s+){1,4}(?:has|is|gets|uses|includes|completes|commits|[a-z]+s)\b
        |\ball\s+(?:[\w-]+\s+){1,4}(?:have|are|get|use|include|complete|commit)\b
        |\b(?:more|fewer|less|faster|slower|higher|lower|better|bigger|smaller|shorter|longer)\b[^.;]{0,60}?\bthan\s+(?:the\s+|our\s+|when\b|last\b|before\b|in\s+|at\s+)
        |\bfrom\s+\S+\s+to\s+\S*\d
        |\b(?:improve|improves|increase|increases|raise|raises|grow|grows|lift|lifts|boost|boosts|reduce|reduces|cut|cuts|lower|lowers|decrease|decreases|get|gets|bring|brings|take|takes|move|moves)\b[^.;:]{1,60}?\b(?:to|at)\s+\d+(?:[.,]\d+)?\b(?:\s+(?:by|in|before|for|on|across|from)\b|\s*[.;,)]|\s*$)
        |\b\d+(?:\.\d+)?[-\s]?stars?\b
        |\b(?:margin|margins|cash[-\s]?flow|ebitda|profit|operating\s+income|net\s+income|unit\s+economics|contribution)[-\s]+(?:positive|neutral)\b
        |\b(?:positive|neutral)\s+(?:operating\s+)?(?:margin|cash[-\s]?flow|ebitda|net\s+income|unit\s+economics)\b
        |\bbreak[-\s]?even\b|\bprofitable\b
        |\b(?:back\s+)?(?:in|into|within)\s+(?:slo|sla|compliance|error\s+budget)\b
        |\b(?:zero|no)\s+breaking\s+changes?\b
        ",
    )
});

/// An end state followed by its date: "live on October 15", "published by Week 6".
static DATED_END_STATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:live|launched|shipped|published|released|signed|approved|merged|delivered|in production)\s+(?:on|by|before|in)\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]\b|h[12]\b|week|the end of)",
    )
});

/// A thing brought to a version ("Update the Kubernetes dependency to v1.24.14", "Bump Node.js
/// to 20.11", "Upgrade to React 18", "Update Postgres to 16"): the version is its end state,
/// when nothing but a deadline or a place follows it ("… to 1.2 and improve them" is more).
static VERSION_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^\W*(?:update|upgrade|bump|migrate|move|port|pin)\b(?:[^.;:]|\.\S){0,60}?\bto\s+(?:[a-z][\w.+-]*\s+)?(?:v|version\s?)?\d+(?:\.\d+)*(?:\s*$|\s*[,;)]|\.(?:\s|$)|\s+(?:by|in|before|on|across|for|at)\b)",
    )
});

/// `(not "work on payments")`: a counter-example inside a good goal.
static COUNTER_EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r#"(?i)\(\s*(?:not|vs\.?|instead\s+of|rather\s+than)\s+["“][^"”]*["”]\s*\)"#)
});

/// A progress score appended after the fact (`=> 78%`, `=> Done: shipped in 3.8`): a result,
/// not a target.
static PROGRESS: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(r"\s*(?:=>|⇒|→)\s.*$"));

/// Tags and owners around a statement: `[p0]`, `(Stretch)`, `(Owner: Jo)`, `(ongoing)`, a
/// trailing dash.
static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^\s*(?:\[[^\]]{1,20}\]\s*|\((?:stretch|optional|bonus|p\d)\)\s*|wip\s+|p\d\s*[-–—:]\s*)+|\s*(?:\[[^\]]{1,20}\]|\((?:owner|owners|dri|lead)s?:?[^)]*\)|\((?:ongoing|stretch|optional|wip|tbc)\)|\((?-i:[A-Z][a-z]+(?:\s*[+,&]\s*[A-Z][a-z]+){0,3})\)|[-–—:]+)\s*$",
    )
});

/// A leading enumeration the Markdown did not take as a list marker: `**1 Finish …**`.
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^\d{1,2}[.)]?\s+[A-Z]"));

/// A short owner or team prefix the model did not take as a label: `CEO:`, `Sales (Pipeline):`.
static OWNER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"^(?:[A-Z][\w&/.'-]*(?:\s+[\w&/().'-]+){0,3}|[A-Z]{2,}\s+KR\d*|KR\d*|Objective\s*\d*|Goal\s*\d*|P\d)\s*:\s+",
    )
});

/// A subject in front of the verb: "We will", "I'm", "Team to".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:we|i|the\s+team|our\s+team|team|they|you)(?:'re|'ll|’re|’ll|\s+are|\s+am|\s+will|\s+want\s+to|\s+need\s+to|\s+plan\s+to|\s+aim\s+to|\s+should|\s+must|\s+can)\s+|(?:aim|goal\s+is|plan|need|want)\s+to\s+|(?:be\s+)?able\s+to\s+|to\s+)",
    )
});

/// The words and numbers of `text`, in order: what the pattern
/// `[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*(?:\.[A-Za-z]{2,4}\b)?|\d[\d.,]*[%xkKmM+]*` (ASCII
/// classes) finds, read by hand (a statement is read several times; the pattern's search was a
/// fifth of the rules' time). `tests::words_are_what_the_pattern_finds` compares the two.
fn words(text: &str) -> Vec<Word> {
    word_ranges(text)
        .map(|range| {
            let written = &text[range.clone()];
            let mut lower = String::with_capacity(written.len());
            for c in written.chars() {
                if c == '’' {
                    lower.push('\'');
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            Word {
                lower,
                capitalised: written.starts_with(char::is_uppercase),
                range,
                aside: false,
            }
        })
        .collect()
}

/// A word character (Unicode's: letters, marks, digits, connectors) first: where a domain
/// ending may not stop. (Not through `re::compile`, which makes classes ASCII.)
static WORD_CHARACTER_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\w").expect("a valid pattern"));

/// The byte ranges of [`words`]: a letter (of any script), then letters and apostrophes
/// (`'`, `’`), then hyphenated parts (`-` and letters), then a domain ending (`.` and two to
/// four letters not followed by a word character); or a digit (`0`-`9`), then digits,
/// `.` and `,`, then any of `%xkKmM+`.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    const CURLY: &str = "’";
    let b = text.as_bytes();
    // The length in bytes of the letter starting at `i` (a character boundary), if one does.
    let letter = move |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_alphabetic())
            .map(char::len_utf8)
    };
    // The end of the letters from `i`, and how many there are.
    let letters = move |mut i: usize| {
        let mut count = 0;
        while let Some(n) = letter(i) {
            i += n;
            count += 1;
        }
        (i, count)
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i;
            if let Some(n) = letter(i) {
                i += n;
                loop {
                    if let Some(n) = letter(i) {
                        i += n;
                    } else if i < b.len() && b[i] == b'\'' {
                        i += 1;
                    } else if text[i..].starts_with(CURLY) {
                        i += CURLY.len();
                    } else {
                        break;
                    }
                }
                while i + 1 < b.len() && b[i] == b'-' && letter(i + 1).is_some() {
                    i = letters(i + 1).0;
                }
                if i < b.len() && b[i] == b'.' {
                    let (end, count) = letters(i + 1);
                    let boundary = !WORD_CHARACTER_FIRST.is_match(&text[end..]);
                    if (2..=4).contains(&count) && boundary {
                        i = end;
                    }
                }
                return Some(start..i);
            }
            if b[i].is_ascii_digit() {
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                    i += 1;
                }
                while i < b.len() && b"%xkKmM+".contains(&b[i]) {
                    i += 1;
                }
                return Some(start..i);
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Mark words inside parentheses: an aside does not decide what the statement is.
fn outside_parentheses(text: &str, ws: Vec<Word>) -> Vec<Word> {
    let mut depth_at = vec![0u32; text.len() + 1];
    let mut depth = 0u32;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth_at[i + 1] = depth;
    }
    let mut ws = ws;
    for w in &mut ws {
        w.aside = depth_at[w.range.start] > 0;
    }
    ws
}

/// The part of `text` worth judging: counter-examples, progress scores, tags, an owner prefix
/// and a leading subject removed. Returns its start and end offsets.
fn core_span(text: &str) -> (usize, usize) {
    let mut start = 0;
    let mut end = PROGRESS.find(text).map_or(text.len(), |m| m.start());
    for _ in 0..3 {
        let before = (start, end);
        if let Some(m) = DECORATION.find(&text[start..end])
            && m.start() == 0
            && m.end() > 0
        {
            start += m.end();
        }
        if let Some(m) = DECORATION.find_iter(&text[start..end]).last()
            && start + m.end() == end
            && m.start() > 0
        {
            end = start + m.start();
        }
        if let Some(m) = OWNER_PREFIX.find(&text[start..end]) {
            start += m.end();
        }
        if let Some(m) = ENUMERATION.find(&text[start..end]) {
            // "1 Finish the base cluster" is numbered; "8 Solarnet nodes are rebuilt" is a count.
            let next: String = text[start + m.end() - 1..end]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if has(&next, DONE_VERB) || has(&next, VAGUE_VERB) {
                start += m.end() - 1;
            }
        }
        if (start, end) == before {
            break;
        }
    }
    if let Some(m) = SUBJECT.find(&text[start..end]) {
        start += m.end();
    }
    // "We keep the docs updated", "Continuously monitor dependencies": a bare pronoun or an
    // adverb before the verb.
    let ws = words(&text[start..end]);
    if let [first, second, ..] = &ws[..] {
        let verb = (has(&second.lower, VAGUE_VERB) || has(&second.lower, DONE_VERB))
            && !has(&second.lower, LIGHT_VERB);
        let lead_in = has(&first.lower, SUBJECT_PRONOUN) || first.lower.ends_with("ly");
        if verb && lead_in {
            start += second.range.start;
        }
    }
    (start, end.max(start))
}

/// Numbers that are not measures: versions, years, ordinals in labels, enumerations.
fn is_non_metric_number(text: &str, range: &Range<usize>) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let token = &text[range.clone()];
    let prev_word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '#')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if before.ends_with(['v', 'V', '#', '.'])
        || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    if after.starts_with(')')
        || token.len() == 4 && (token.starts_with("19") || token.starts_with("20"))
    {
        return true;
    }
    is(&prev_word, List::Numbering)
        || before.ends_with(['L', 'P', 'Q', 'H']) && !before.ends_with(' ')
}

fn find_metric(text: &str, ws: &[Word]) -> Option<Range<usize>> {
    if let Some(m) = METRIC.find_iter(text).find(|m| {
        // A percentage, an amount or a comparison is a measure whatever its digits look like.
        if m.as_str()
            .contains(['%', '$', '€', '£', '¥', '<', '>', '≤', '≥'])
        {
            return true;
        }
        // "3.5x coverage", "goes from 3.1 to 4.0": a multiple or a change between two values,
        // even when a number looks like a version.
        let lower = m.as_str().to_lowercase();
        let target = lower.starts_with(|c: char| c.is_ascii_alphabetic())
            && (lower.contains(" to ") || lower.contains(" at "))
            && !lower.starts_with("from ");
        if lower.ends_with('x') && lower.starts_with(|c: char| c.is_ascii_digit())
            || lower.starts_with("from ") && !lower.contains(['v', 'q', 'h'])
            || lower.contains("star")
            || target
        {
            return true;
        }
        // "Q3", "v2.1", "2020-Q1" are not measures.
        let digits = m.as_str().trim_start_matches(|c: char| !c.is_ascii_digit());
        let num_start = m.end() - digits.len();
        let num_end = num_start
            + digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
        digits.is_empty() || !is_non_metric_number(text, &(num_start..num_end))
    }) {
        return Some(m.range());
    }
    // A count: "20 interviews", "two senior engineers", "3 Tier 1 deals".
    let time_ranges: Vec<Range<usize>> = find_timeframes(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, TimeframeKind::Cadence))
        .map(|t| t.range)
        .collect();
    for (i, w) in ws.iter().enumerate() {
        let in_time = time_ranges
            .iter()
            .any(|r| r.start <= w.range.start && w.range.end <= r.end);
        if in_time {
            continue;
        }
        let next = ws.get(i + 1).map(|n| n.lower.as_str()).unwrap_or("");
        let is_digit = w.lower.starts_with(|c: char| c.is_ascii_digit());
        // "0.5.0", "11.3": a version; "3rd party": an ordinal; "the 360 process": a name.
        let ordinal = ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| text[w.range.end..].starts_with(s));
        let named = i > 0 && ws[i - 1].lower == "the";
        if is_digit && (w.lower.trim_end_matches('.').contains('.') || ordinal || named) {
            continue;
        }
        if is_digit {
            if !is_non_metric_number(text, &w.range)
                && !next.is_empty()
                && !is(next, List::NotCountedAfterDigit)
            {
                return Some(w.range.clone());
            }
        } else {
            // "two designers", "one platform strategy doc" (but not "no one", "one of").
            let counted = has(&w.lower, NUMBER_WORD) && !is(&w.lower, List::NumberNotACount);
            let one = w.lower == "one" && i > 0 && !is(&ws[i - 1].lower, List::NotCountedAfter);
            let not_a_count = next.is_empty() || is(next, List::NotCountedBefore);
            if (counted || one) && !not_a_count {
                return Some(w.range.clone());
            }
        }
    }
    // A recurring commitment is countable: "a newsletter every two weeks", "monthly review".
    find_timeframes(text)
        .into_iter()
        .find(|t| t.kind == TimeframeKind::Cadence)
        .map(|t| t.range)
}

/// The object after a verb at `verb_index`: words up to a preposition or clause break.
fn object(ws: &[Word], verb_index: usize, text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = verb_index + 1;
    // Phrasal particles: "work on", "look into", "set up", "figure out", "roll out".
    if let Some(w) = ws.get(i)
        && has(&w.lower, PARTICLE)
    {
        i += 1;
    }
    while let Some(w) = ws.get(i) {
        let gap = &text[ws[i - 1].range.end..w.range.start];
        if gap.contains([',', ';', '.', ':', '(', '—', '–']) || gap.contains(" - ") {
            break;
        }
        if has(&w.lower, OBJECT_END) && !out.is_empty() {
            break;
        }
        out.push(i);
        i += 1;
    }
    out
}

fn is_concrete_word(w: &Word, text: &str, first_in_statement: bool) -> bool {
    let inner = &text[w.range.clone()];
    let is_name = w.capitalised
        && !first_in_statement
        && !has(&w.lower, FILLER)
        && !has(&w.lower, PRONOUN)
        && !has(&w.lower, VAGUE_MODIFIER)
        && !has(&w.lower, ABSTRACT_NOUN);
    let is_acronym = inner.len() >= 2
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !is(&w.lower, List::NotAnAcronym);
    let is_camel =
        inner.chars().skip(1).any(|c| c.is_uppercase()) && inner.chars().any(|c| c.is_lowercase());
    let is_file = inner.contains('.');
    // A versioned name: "V2", "HTTP3", "Python3".
    let is_versioned = text[w.range.end..].starts_with(|c: char| c.is_ascii_digit());
    has(&w.lower, ARTIFACT) && !has(&w.lower, ABSTRACT_NOUN)
        || is_name
        || is_acronym
        || is_camel
        || is_file
        || is_versioned
}

/// The head of an object's nouns: the last one, passing over a trailing particle ("Support
/// Kubernetes up to 1.30") and the number of a versioned name ("Operator V2").
fn head_noun(ws: &[Word], nouns: &[usize]) -> Option<usize> {
    let mut rest = nouns;
    while let [before @ .., last] = rest {
        let w = &ws[*last];
        let glued_number = w.lower.starts_with(|c: char| c.is_ascii_digit())
            && before
                .last()
                .is_some_and(|&b| ws[b].range.end == w.range.start);
        if has(&w.lower, PARTICLE) || glued_number {
            rest = before;
        } else {
            return Some(*last);
        }
    }
    None
}

/// The words of the compound in front of an object's head noun ("IPFS brand" of "IPFS brand
/// book"): the nouns right before it, with nothing but a space, `/`, `+` or `-` between.
fn compound_before<'w>(
    ws: &'w [Word],
    nouns: &[usize],
    head: usize,
    text: &str,
) -> impl Iterator<Item = &'w Word> {
    let mut start = head;
    while start > 0
        && nouns.contains(&(start - 1))
        && text[ws[start - 1].range.end..ws[start].range.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '/' | '+' | '-'))
    {
        start -= 1;
    }
    ws[start..head].iter()
}

/// A noun-ish word: not an adverb, modifier or filler.
fn is_nounish(w: &Word) -> bool {
    !w.lower.ends_with("ly")
        && !has(&w.lower, VAGUE_MODIFIER)
        && !has(&w.lower, FILLER)
        && !has(&w.lower, OBJECT_END)
}

/// Code or identifiers in the text: a code span, a path (`/flags`), `a::b`, `snake_case`, `#123`.
fn has_code(text: &str, code_spans: &[Range<usize>], start: usize, end: usize) -> bool {
    code_spans.iter().any(|r| r.start >= start && r.end <= end)
        || text[start..end].split_whitespace().any(|t| {
            let t = t.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '/' && c != '#' && c != '_' && c != ':'
            });
            (t.starts_with('/') && t.len() > 2 && t[1..].starts_with(char::is_alphanumeric))
                || t.contains("::")
                || (t.contains('_') && t.chars().all(|c| c.is_alphanumeric() || c == '_'))
                || (t.starts_with('#') && t.len() > 1 && t[1..].chars().all(|c| c.is_ascii_digit()))
        })
}

/// Noun-phrase conjuncts before the first preposition: split at "and", "&", "+", ",", "/".
fn conjuncts<'w>(ws: &'w [Word], text: &str) -> Vec<Vec<&'w Word>> {
    let mut out: Vec<Vec<&Word>> = vec![Vec::new()];
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            let gap = &text[ws[i - 1].range.end..w.range.start];
            if gap.contains(['+', '&', ',', '/']) {
                out.push(Vec::new());
            } else if gap.contains(['.', ';', ':', '(', '–', '—']) || gap.contains(" - ") {
                break;
            }
        }
        if w.lower == "and" || w.lower == "or" {
            out.push(Vec::new());
            continue;
        }
        if has(&w.lower, OBJECT_END) || w.lower == "of" {
            break;
        }
        out.last_mut().expect("non-empty").push(w);
    }
    out.retain(|c| !c.is_empty());
    out
}

/// End of the first sentence of `text[start..end]`.
fn first_sentence_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?' | b';') && i + 1 < end && bytes[i + 1] == b' ' {
            // "e.g. ", "vs. ", "Sept. 1" are not sentence ends.
            let word_start = text[start..i].rfind(' ').map_or(start, |j| start + j + 1);
            let word = &text[word_start..i];
            let abbreviation = word.len() <= 4
                && (word.contains('.') || is(&word.to_ascii_lowercase(), List::Abbreviation));
            if !abbreviation {
                return i;
            }
        }
        i += 1;
    }
    end
}

/// The index of a sentence's finite verb, when the statement is a sentence about an outcome
/// rather than an imperative or a noun phrase.
fn finite_verb(ws: &[Word]) -> Option<usize> {
    ws.iter()
        .enumerate()
        .skip(1)
        .filter(|(_, w)| !w.aside)
        .take(7)
        .find_map(|(i, w)| {
            let stem = w
                .lower
                .strip_suffix("es")
                .filter(|s| has(s, DONE_VERB) || has(s, VAGUE_VERB))
                .or_else(|| w.lower.strip_suffix('s'));
            let past = w
                .lower
                .strip_suffix("ed")
                .is_some_and(|s| has(s, DONE_VERB) || has(&format!("{s}e"), DONE_VERB));
            let known = past
                || has(&w.lower, FINITE)
                || stem.is_some_and(|s| s.len() > 2 && (has(s, DONE_VERB) || has(s, VAGUE_VERB)));
            // "The team is", "Docs explain", "It syncs": the word before is a noun or pronoun.
            let prev = &ws[i - 1].lower;
            let after_noun = !has(prev, OBJECT_END) && !is(prev, List::NoFiniteVerbAfter);
            // "Protobuf support", "A/B tests": a noun ending the statement heads a noun phrase;
            // a verb there would assert nothing of its subject. Not after a pronoun ("We
            // support"), nor a form that agrees with a subject a determiner opens ("The team
            // releases", "Our team tests").
            let determined =
                has(&ws[0].lower, PRONOUN) || matches!(ws[0].lower.as_str(), "the" | "a" | "an");
            let agrees = w.lower.ends_with('s') && determined;
            let last_noun = i == ws.len() - 1
                && has(&w.lower, NOUN)
                && !agrees
                && !has(prev, PRONOUN)
                && !has(&w.lower, AUXILIARY)
                && !has(&w.lower, COPULA);
            (known && after_noun && !last_noun).then_some(i)
        })
}

/// Analyse a goal-like statement (plain text, markup removed).
pub fn analyze_text(
    text: &str,
    code_spans: &[Range<usize>],
    extra_vague_verbs: &[String],
) -> Statement {
    let cleaned =
        COUNTER_EXAMPLE.replace_all(text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
    let text = cleaned.as_ref();
    let (start, whole_end) = core_span(text);
    // The first sentence states the goal; what follows elaborates (a number anywhere counts).
    let end = first_sentence_end(text, start, whole_end);
    let all_words: Vec<Word> = words(&text[..whole_end])
        .into_iter()
        .filter(|w| w.range.start >= start)
        .collect();
    let ws: Vec<Word> = outside_parentheses(text, words(&text[..end]))
        .into_iter()
        .filter(|w| w.range.start >= start)
        .collect();
    let mut st = Statement {
        metric: find_metric(&text[..whole_end], &all_words),
        ..Statement::default()
    };
    if ws.is_empty() {
        return st;
    }
    let code = has_code(text, code_spans, start, end);
    let user = UserWords::new(extra_vague_verbs);
    let extra = |w: &str| user.has(w, EXTRA_VAGUE_VERB);
    judge(&mut st, &ws, text, code, &extra);
    // "I facilitate the March review and Marta signs off on the write-up": a clause after
    // "and" with a subject and verb of its own may state the end state.
    if st.vague.is_some() {
        for i in (2..ws.len().saturating_sub(2)).filter(|&i| ws[i].lower == "and") {
            let rest = &ws[i + 1..];
            // The verb is plainly finite and written in lower case ("Marta signs off", "the
            // guide ships"), not a noun of a title ("… and OSPO Use Cases").
            let finite = finite_verb(rest).filter(|&v| {
                let w = &rest[v];
                let written = &text[w.range.clone()];
                // A done verb of its own ("signs off", "ships", "is approved" via the
                // participle), with a subject that is a name or a thing, not "that it".
                let stem = w
                    .lower
                    .strip_suffix("es")
                    .filter(|s| has(s, DONE_VERB))
                    .or_else(|| w.lower.strip_suffix('s'))
                    .unwrap_or(&w.lower);
                let done = has(stem, DONE_VERB)
                    || (has(&w.lower, FINITE)
                        && rest.get(v + 1).is_some_and(|n| done_participle(&n.lower)));
                v <= 3
                    && written.starts_with(|c: char| c.is_lowercase())
                    && done
                    // "… Zuora orders and ramps work": a list of nouns, not a clause.
                    && !rest.get(v + 1).is_some_and(|n| is(&n.lower, List::NounListLink))
                    && !rest[..v]
                        .iter()
                        .any(|s| is(&s.lower, List::NoClauseSubject))
            });
            if finite.is_none() {
                continue;
            }
            let mut clause = Statement::default();
            judge(&mut clause, rest, text, code, &extra);
            if clause.deliverable.is_some() || clause.observable {
                st.deliverable = clause.deliverable;
                st.observable |= clause.observable;
                break;
            }
        }
    }
    // "Improve search for new users. Change the default to literal search": a later sentence
    // that names a deliverable or an end state makes the goal concrete.
    let mut from = end;
    while st.vague.is_some() && from < whole_end {
        let next_start = text[from..whole_end]
            .find(|c: char| c.is_alphanumeric())
            .map_or(whole_end, |i| from + i);
        let next_end = first_sentence_end(text, next_start, whole_end);
        let next_words: Vec<Word> = words(&text[..next_end])
            .into_iter()
            .filter(|w| w.range.start >= next_start)
            .collect();
        // A fragment of a list ("…; templates; sales team") is not a sentence.
        if next_words.len() >= 3 {
            let mut later = Statement {
                ..Statement::default()
            };
            judge(
                &mut later,
                &next_words,
                text,
                has_code(text, code_spans, next_start, next_end),
                &extra,
            );
            if later.deliverable.is_some() || later.observable {
                st.deliverable = later.deliverable.or(st.deliverable.take());
                st.observable |= later.observable;
            }
        }
        from = next_end.max(next_start + 1);
    }
    if st.metric.is_some() || st.deliverable.is_some() || st.observable {
        st.vague = None;
    }
    st
}

/// Judge one sentence's words by their shape: imperative, outcome sentence or noun phrase.
fn judge(st: &mut Statement, ws: &[Word], text: &str, code: bool, extra: &dyn Fn(&str) -> bool) {
    let known = |w: &str| has(w, VAGUE_VERB) || has(w, DONE_VERB) || extra(w);
    // The verb a gerund is the form of ("measuring": "measure"), when the lexicon knows it.
    let verb_of_gerund = |w: &str| {
        let stem = w.strip_suffix("ing")?;
        let doubled = stem.trim_end_matches(|c| c == stem.chars().last().unwrap_or(' '));
        [stem.to_string(), format!("{stem}e"), doubled.to_string()]
            .into_iter()
            .find(|c| c.len() > 2 && known(c))
    };
    // "Ensuring we have …", "Re-organizing the docs": a gerund is its verb.
    let mut ws = ws.to_vec();
    if !known(&ws[0].lower)
        && let Some(verb) = verb_of_gerund(&ws[0].lower)
    {
        ws[0].lower = verb;
    }
    let ws = &ws[..];
    let lead = &ws[0];
    // "Start to learn C", "Begin measuring quality": starting an activity is judged as the
    // activity ("Start a podcast" is a thing made, judged as it is; "Start mentoring program"
    // names a thing, the gerund's verb unknown or a noun following it).
    if matches!(lead.lower.as_str(), "start" | "begin")
        && ws.len() > 2
        && (ws[1].lower == "to"
            || verb_of_gerund(&ws[1].lower).is_some() && !has(&ws[1].lower, NOUN))
    {
        let k = if ws[1].lower == "to" { 2 } else { 1 };
        let mut activity = Statement {
            metric: st.metric.clone(),
            ..Statement::default()
        };
        judge(&mut activity, &ws[k..], text, code, extra);
        *st = activity;
        return;
    }
    // "Work with Legal to get the DPA signed", "Help the Globex team go live on SSO": work
    // done alongside others is done when its purpose is, so the purpose is what is judged.
    if let Some(k) = joint_purpose(ws) {
        let mut purpose = Statement::default();
        judge(&mut purpose, &ws[k..], text, code, extra);
        let clause = &text[ws[k].range.start..ws[ws.len() - 1].range.end];
        let end_state = has(&ws[k].lower, RESULTATIVE_VERB)
            && observable(clause)
            && !ws[k..].iter().any(|w| has(&w.lower, VAGUE_MODIFIER));
        if purpose.deliverable.is_some() || purpose.observable || end_state {
            st.deliverable = Some(ws[0].range.start..ws[ws.len() - 1].range.end);
            return;
        }
    }
    // "Partner SDK is live", "Support Agent has a price": a noun that is also a verb, followed
    // by an auxiliary, starts a sentence.
    let auxiliary = finite_verb(ws).filter(|&v| v <= 3 && has(&ws[v].lower, AUXILIARY));
    // "Partner portal launched to resellers", "Help center search rebuilt": a noun that is
    // also a verb, the rest of the thing's name, then a done verb's participle is a thing in
    // its end state.
    if known(&lead.lower)
        && auxiliary.is_none()
        && !ws.iter().any(|w| has(&w.lower, VAGUE_MODIFIER))
        && let Some(p) = (2..ws.len().min(5)).find(|&p| done_participle(&ws[p].lower))
        && ws[1..p].iter().all(|w| {
            is_nounish(w) && !w.aside && !has(&w.lower, PRONOUN) && !is(&w.lower, List::NotInAName)
        })
    {
        st.deliverable = Some(ws[0].range.start..ws[p].range.end);
        return;
    }
    if known(&lead.lower) && auxiliary.is_none() {
        let lead_vague = has(&lead.lower, ALWAYS_VAGUE_VERB) && lead.lower != "make";
        if !lead_vague {
            st.observable |= observable(&text[lead.range.start..ws[ws.len() - 1].range.end]);
        }
        // An end state with its date ("… live on October 15", "… published by Week 6") is
        // checkable whatever the first word is (it may be a name: "Boost launch email …").
        st.observable |= DATED_END_STATE.is_match(text);
        st.observable |= VERSION_TARGET.is_match(&text[lead.range.start..]);
        st.imperative = true;
        imperative(st, ws, text, code, extra(&lead.lower));
    } else if let Some(verb) = auxiliary.or_else(|| finite_verb(ws)) {
        sentence(st, ws, verb, text, code);
    } else {
        // An end state named right after the thing: "Versioned references published when …".
        let window_end = ws
            .get(7)
            .map_or(ws[ws.len() - 1].range.end, |w| w.range.end);
        let modified = ws.iter().enumerate().take(8).any(|(i, w)| {
            has(&w.lower, VAGUE_MODIFIER)
                && !(w.lower == "more" && i > 0 && ws[i - 1].lower == "no")
                && !(w.lower == "general"
                    && ws.get(i + 1).is_some_and(|n| n.lower == "availability"))
        });
        st.observable |= !modified && observable(&text[ws[0].range.start..window_end]);
        noun_phrase(st, ws, text, code, extra);
    }
}

/// Where the purpose of work done alongside others starts: the verb after "to" ("Work with
/// Legal to get …"), or after whom is helped ("Help the Globex team go live …").
fn joint_purpose(ws: &[Word]) -> Option<usize> {
    if ws.len() < 4 || !has(&ws[0].lower, JOINT_VERB) {
        return None;
    }
    let verb = |w: &Word| {
        has(&w.lower, DONE_VERB) || has(&w.lower, VAGUE_VERB) || has(&w.lower, PURPOSE_VERB)
    };
    let helped = has(&ws[0].lower, HELPING_VERB);
    // An aside in parentheses is not the purpose.
    let ws = &ws[..ws.iter().position(|w| w.aside).unwrap_or(ws.len())];
    (2..ws.len().min(10)).find(|&i| {
        let prev = &ws[i - 1].lower;
        verb(&ws[i])
            && ws[i].lower != "do"
            && i + 1 < ws.len()
            && (prev == "to" || helped && is_nounish(&ws[i - 1]) && !is(prev, List::NotTheHelped))
    })
}

/// A done verb's past participle: "launched", "migrated", "shipped", "rebuilt".
fn done_participle(word: &str) -> bool {
    if has(word, DONE_PARTICIPLE) {
        return true;
    }
    inflection_has(word, "ed", 2, DONE_VERB)
        // "carried" → "carry".
        || word
            .strip_suffix("ied")
            .filter(|t| t.len() > 1)
            .is_some_and(|t| has(&format!("{t}y"), DONE_VERB))
}

/// The words of the statement's first sentence.
fn first_sentence<'w>(ws: &'w [Word], text: &str) -> Vec<&'w Word> {
    let end = first_sentence_end(text, ws[0].range.start, ws[ws.len() - 1].range.end);
    ws.iter().take_while(|w| w.range.end <= end).collect()
}

/// A word read as an adjective by its ending ("operational", "repeatable"), unless it names a
/// thing ("proposal", "manual").
fn looks_adjective(w: &Word) -> bool {
    !has(&w.lower, ARTIFACT) && ADJECTIVE_ENDINGS.iter().any(|e| w.lower.ends_with(e))
}

/// A standing granted or a position taken: "Get the AWS certification", "Get promoted to
/// Staff Engineer", "Become a staff engineer". Done once it is so, unless what is wanted is a
/// quality ("Become a better presenter", "Get better at cooking", "Get more approvals").
fn attained(ws: &[Word], text: &str) -> Option<Range<usize>> {
    let lead = ws[0].lower.as_str();
    if !has(lead, ATTAINMENT_VERB) {
        return None;
    }
    // "Get accepted more often", "Get the job done": a quality or a task, not a standing.
    if ws
        .iter()
        .skip(1)
        .any(|w| has(&w.lower, VAGUE_MODIFIER) || w.lower == "done")
    {
        return None;
    }
    if is(lead, List::GrantingVerb) && ws.get(1).is_some_and(|w| has(&w.lower, GRANTED)) {
        return Some(ws[0].range.start..ws[1].range.end);
    }
    let obj = object(ws, 0, text);
    let wanted = if lead == "become" { ROLE } else { ATTAINMENT };
    let &last = obj.iter().find(|&&j| has(&ws[j].lower, wanted))?;
    Some(ws[0].range.start..ws[last].range.end)
}

/// "Build a useful utility", "Create a plan for blog posts", "Make a documentation
/// contribution": a production verb with one countable thing as its object. Done once the
/// thing exists, unless the object is a quality ("a better balance", "a scalable team", "an
/// operational foundation").
fn single_thing(ws: &[Word], text: &str) -> Option<Range<usize>> {
    if !has(&ws[0].lower, PRODUCTION_VERB) {
        return None;
    }
    let obj = object(ws, 0, text);
    let (&article, after_article) = obj.split_first()?;
    // "Create plan for …": a headline drops the article before a singular thing; then the
    // head is never abstract, plural or an idiom's ("make use of", "make sense of").
    let counted = is(&ws[article].lower, List::OneArticle);
    let rest = if counted {
        after_article
    } else if obj.len() <= 3
        && obj.iter().all(|&j| !has(&ws[j].lower, FILLER))
        && obj.last().is_some_and(|&j| {
            !ws[j].lower.ends_with('s')
                && !has(&ws[j].lower, ABSTRACT_NOUN)
                && ws.get(j + 1).is_none_or(|w| w.lower != "of")
        })
    {
        &obj[..]
    } else {
        return None;
    };
    let (&head, modifiers) = rest.split_last()?;
    let quality = |j: &usize| {
        let w = &ws[*j].lower;
        has(w, VAGUE_MODIFIER) || has(w, ADVERBIAL) || w.ends_with("ly")
    };
    if rest.iter().any(quality) {
        return None;
    }
    let h = &ws[head];
    if has(&h.lower, PERSON) || has(&h.lower, FILLER) || looks_adjective(h) {
        return None;
    }
    // "a documentation contribution": a thing before an abstract head makes it one piece of
    // work; "an operational foundation" stays a quality.
    let thing_before = modifiers.iter().any(|&j| {
        let w = &ws[j];
        !has(&w.lower, FILLER) && !has(&w.lower, ABSTRACT_NOUN) && !looks_adjective(w)
    });
    if has(&h.lower, ABSTRACT_NOUN) && !thing_before {
        return None;
    }
    Some(ws[0].range.start..h.range.end)
}

/// "Define a process to review open proposals and archive stale ones", "Update the charter to
/// match the new structure": what is made is for a concrete action, or is brought in line with
/// something that can be compared. Not "Define processes to help growth" (an activity again).
fn made_for_an_action(ws: &[Word], text: &str) -> Option<Range<usize>> {
    let lead = &ws[0].lower;
    let conforming = has(lead, CONFORMING_VERB);
    if !has(lead, PRODUCTION_VERB) && !conforming {
        return None;
    }
    let ws: Vec<&Word> = first_sentence(ws, text)
        .into_iter()
        .take_while(|w| !w.aside)
        .collect();
    let to = ws
        .iter()
        .position(|w| w.lower == "to")
        .filter(|&t| t >= 2)?;
    // "make it easier to", "the ability to": the clause completes a quality, not a purpose.
    let object = &ws[1..to];
    if object
        .iter()
        .any(|w| has(&w.lower, VAGUE_MODIFIER) || has(&w.lower, PERSON) || w.lower.ends_with("ly"))
        || object.iter().all(|w| has(&w.lower, FILLER))
        || is(&ws[to - 1].lower, List::QualityBeforeTo)
    {
        return None;
    }
    let clause = &ws[to + 1..];
    if conforming {
        return clause
            .first()
            .filter(|w| has(&w.lower, COMPARISON_VERB))
            .and(clause.get(1))
            .map(|w| ws[0].range.start..w.range.end);
    }
    let done = |w: &Word| has(&w.lower, DONE_VERB) && !has(&w.lower, VAGUE_VERB);
    clause.iter().enumerate().find_map(|(k, w)| {
        let leads = k == 0 || clause[k - 1].lower == "and";
        let thing = clause
            .get(k + 1)
            .filter(|n| is_nounish(n) && !has(&n.lower, PERSON) && !has(&n.lower, VAGUE_MODIFIER));
        (leads && done(w))
            .then_some(thing)
            .flatten()
            .map(|n| ws[0].range.start..n.range.end)
    })
}

/// "Discuss my progress with my manager", "Have lunch with someone on another team": a meeting
/// with a person is done once it is held. Not when it is a habit ("regularly", "more").
fn meeting(ws: &[Word], text: &str) -> Option<Range<usize>> {
    if !has(&ws[0].lower, MEETING_VERB) {
        return None;
    }
    let ws = first_sentence(ws, text);
    if ws
        .iter()
        .any(|w| has(&w.lower, VAGUE_MODIFIER) || has(&w.lower, ADVERBIAL))
    {
        return None;
    }
    let with = ws.iter().take(7).position(|w| w.lower == "with")?;
    let who = ws[with + 1..]
        .iter()
        .find(|w| !has(&w.lower, FILLER) || is(&w.lower, List::PersonFiller))?;
    if has(&who.lower, ABSTRACT_NOUN) || looks_adjective(who) {
        return None;
    }
    Some(ws[0].range.start..who.range.end)
}

/// "Lead the design and implementation of our new billing service": an ownership verb over the
/// delivery of a thing is done when the thing is delivered.
fn owned_delivery(ws: &[Word]) -> Option<Range<usize>> {
    if !has(&ws[0].lower, OWNERSHIP_VERB) {
        return None;
    }
    let mut i = 1;
    if ws
        .get(i)
        .is_some_and(|w| is(&w.lower, List::OwnedDeterminer))
    {
        i += 1;
    }
    let mut deliveries = 0;
    while let Some(w) = ws.get(i) {
        if has(&w.lower, DELIVERY_NOUN) {
            deliveries += 1;
        } else if w.lower != "and" {
            break;
        }
        i += 1;
    }
    if deliveries == 0 || ws.get(i).is_none_or(|w| w.lower != "of") {
        return None;
    }
    let thing: Vec<&Word> = ws[i + 1..]
        .iter()
        .take_while(|w| !has(&w.lower, OBJECT_END))
        .filter(|w| !has(&w.lower, FILLER))
        .collect();
    let head = thing.last()?;
    if thing.iter().any(|w| has(&w.lower, VAGUE_MODIFIER))
        || has(&head.lower, ABSTRACT_NOUN)
        || has(&head.lower, PERSON)
        || looks_adjective(head)
    {
        return None;
    }
    Some(ws[0].range.start..head.range.end)
}

/// "Lead the search re-architecture project to launch by Q3": an ownership verb over a
/// project brought to an end state ("to launch", "through GA") or by a deadline is done when
/// that happens. (Without either, "Lead the migration project" stays an activity.)
fn owned_project(ws: &[Word], text: &str) -> Option<Range<usize>> {
    if !has(&ws[0].lower, OWNERSHIP_VERB) {
        return None;
    }
    let obj = object(ws, 0, text);
    let &head = obj.last()?;
    if !has(&ws[head].lower, DELIVERY_NOUN)
        || obj.iter().any(|&j| has(&ws[j].lower, VAGUE_MODIFIER))
    {
        return None;
    }
    let rest = &text[ws[head].range.end..];
    let after = rest.trim_start().to_lowercase();
    let end_state = starts_with(&after, List::ProjectEnd);
    let deadline = find_timeframes(rest).iter().any(|t| t.deadline);
    (end_state || deadline).then(|| ws[0].range.start..ws[head].range.end)
}

/// "Ship a Java SDK", "Work on payments", "Detect and surface stale flags", "Write better specs".
fn imperative(st: &mut Statement, ws: &[Word], text: &str, code: bool, extra_vague: bool) {
    let lead = &ws[0];
    st.takes_charge = has(&lead.lower, OWNERSHIP_VERB)
        && !ws.iter().any(|w| has(&w.lower, VAGUE_MODIFIER))
        && object(ws, 0, text).iter().any(|&j| {
            is_nounish(&ws[j])
                && !has(&ws[j].lower, PERSON)
                && !has(&ws[j].lower, ABSTRACT_NOUN)
                && !has(&ws[j].lower, ADVERBIAL)
        });
    if !extra_vague
        && let Some(range) = single_thing(ws, text)
            .or_else(|| meeting(ws, text))
            .or_else(|| owned_delivery(ws))
            .or_else(|| owned_project(ws, text))
            .or_else(|| made_for_an_action(ws, text))
            .or_else(|| attained(ws, text))
    {
        st.deliverable = Some(range);
        return;
    }
    let always_vague = has(&lead.lower, ALWAYS_VAGUE_VERB) || extra_vague;
    // The lead verb and verbs coordinated with it ("Detect and surface", "Run … and ship …").
    let mut verbs = vec![0];
    // After an activity verb, a later verb is its purpose ("make it easier to … run exports"),
    // not a second deliverable.
    for i in (1..ws.len()).filter(|_| !always_vague) {
        let prev = &ws[i - 1].lower;
        if has(&ws[i].lower, DONE_VERB) && is(prev, List::VerbLink) {
            verbs.push(i);
        }
    }
    // … but a done verb joined to it before any object shares the object: "Participate and
    // complete the 2016 NaNoWriMo", "Continue & finish the tutorial" end in a done state.
    if always_vague {
        let done = |i: usize| ws.get(i).is_some_and(|w| has(&w.lower, DONE_VERB));
        if ws.get(1).is_some_and(|w| is(&w.lower, List::VerbLink)) && done(2) {
            verbs.push(2);
        } else if done(1) && text[lead.range.end..ws[1].range.start].trim() == "&" {
            verbs.push(1);
        }
    }
    let mut modifier: Option<usize> = None;
    for &v in &verbs {
        let verb = &ws[v].lower;
        if v == 0 && always_vague {
            continue;
        }
        let obj = object(ws, v, text);
        if let Some(&j) = obj
            .iter()
            .find(|&&j| has(&ws[j].lower, VAGUE_MODIFIER) && !in_a_name(ws, j))
        {
            modifier.get_or_insert(j);
            continue;
        }
        let nouns: Vec<usize> = obj
            .iter()
            .copied()
            .filter(|&j| is_nounish(&ws[j]))
            .collect();
        let all_abstract = nouns.iter().all(|&j| has(&ws[j].lower, ABSTRACT_NOUN));
        let self_evident = has(verb, SELF_EVIDENT_VERB) && !nouns.is_empty() && !all_abstract;
        // "Add support in Cargo for scripts": a done verb's clause may name the thing after its
        // object.
        let clause_end = (v + 1..ws.len())
            .find(|&j| text[ws[j - 1].range.end..ws[j].range.start].contains([',', ';', '(']))
            .unwrap_or(ws.len());
        let named = nouns.iter().any(|&j| is_concrete_word(&ws[j], text, false))
            || (!has(verb, VAGUE_VERB)
                && ws[v + 1..clause_end]
                    .iter()
                    .any(|w| is_concrete_word(w, text, false) && !has(&w.lower, ABSTRACT_NOUN)));
        // A concrete object makes a done verb a deliverable; an activity verb ("build", "create")
        // needs its head noun to be concrete ("build relationships" is not a deliverable).
        let head_concrete = head_noun(ws, &nouns).is_some_and(|j| {
            is_concrete_word(&ws[j], text, false)
                && !has(&ws[j].lower, ABSTRACT_NOUN)
                && !has(&ws[j].lower, PERSON)
        });
        // … or a thing named by what it is of or for: "Create the IPFS brand book", "Support
        // NodePool-level configuration" (not "Build Acme relationships").
        let head_named = head_noun(ws, &nouns).is_some_and(|j| {
            let w = &ws[j].lower;
            !has(w, ABSTRACT_NOUN)
                && !has(w, PERSON)
                && !has(w, VAGUE_HEAD)
                && compound_before(ws, &nouns, j, text)
                    .any(|m| is_concrete_word(m, text, false) && !has(&m.lower, ARTIFACT))
        });
        // "Support batch inference": a feature verb's object is a thing to make work, unless
        // it is people, an effort or a quality.
        let feature = v == 0
            && has(verb, FEATURE_VERB)
            && head_noun(ws, &nouns).is_some_and(|j| {
                let w = &ws[j];
                !has(&w.lower, ABSTRACT_NOUN)
                    && !has(&w.lower, PERSON)
                    && !has(&w.lower, VAGUE_HEAD)
                    && !looks_adjective(w)
            });
        let concrete = if has(verb, VAGUE_VERB) {
            feature || head_concrete || head_named || code && !nouns.is_empty()
        } else {
            self_evident || named || code && !nouns.is_empty()
        };
        if concrete {
            let end = obj.last().map_or(ws[v].range.end, |&j| ws[j].range.end);
            st.deliverable = Some(ws[v].range.start..end);
            return;
        }
    }
    if st.metric.is_some() {
        return;
    }
    let obj = object(ws, 0, text);
    let no_noun = !obj
        .iter()
        .any(|&j| is_nounish(&ws[j]) && !has(&ws[j].lower, ADVERBIAL));
    if always_vague || has(&lead.lower, VAGUE_VERB) && modifier.is_none() {
        let particle = ws.get(1).filter(|w| {
            (has(&w.lower, PARTICLE) || is(&w.lower, List::VagueComplement))
                && text[lead.range.end..w.range.start].trim().is_empty()
        });
        let phrase_end = particle.map_or(lead.range.end, |w| w.range.end);
        st.vague = Some(Vagueness::Verb {
            verb: text[lead.range.start..phrase_end].to_string(),
            range: lead.range.clone(),
        });
    } else if no_noun {
        // "Hire aggressively", "Ship anywhere": the verb has no object to be done with.
        st.vague = Some(Vagueness::Verb {
            verb: lead.lower.clone(),
            range: lead.range.clone(),
        });
    } else if let Some(j) = modifier {
        st.vague = Some(Vagueness::Modifier {
            word: ws[j].lower.clone(),
            range: ws[j].range.clone(),
        });
    } else if let Some(&j) = obj
        .iter()
        .rev()
        .find(|&&j| has(&ws[j].lower, ABSTRACT_NOUN))
        && obj
            .iter()
            .all(|&j| has(&ws[j].lower, ABSTRACT_NOUN) || !is_nounish(&ws[j]))
    {
        // The object is only abstract nouns: "Create alignment", "Build the culture".
        st.vague = Some(Vagueness::Heading {
            word: ws[j].lower.clone(),
            range: ws[j].range.clone(),
        });
    }
}

/// "Storage is durable", "DHT has stream support", "A customer can import tickets from Fin".
fn sentence(st: &mut Statement, ws: &[Word], verb: usize, text: &str, code: bool) {
    if st.metric.is_some() || st.observable {
        return;
    }
    let v = &ws[verb].lower;
    let subject = &ws[..verb];
    let predicate = &ws[verb + 1..];
    let change = has(v, CHANGE_VERB);
    let copula = has(v, COPULA);
    // A thing it has or does: "has a runbook", "syncs GitHub", "can import tickets from Fin".
    let concrete_in = |ws: &[Word]| {
        ws.iter().any(|w| {
            is_concrete_word(w, text, false)
                && !has(&w.lower, ABSTRACT_NOUN)
                && !has(&w.lower, VAGUE_HEAD)
        })
    };
    let modified = ws.iter().any(|w| has(&w.lower, VAGUE_MODIFIER));
    // "Rendezvous Protocol is implemented", "goals supported + visualized": a done verb's
    // participle states an end state.
    let participle = predicate.iter().take(3).any(|w| {
        // Any participle but one of change ("improved", "increased").
        let lower = w.lower.as_str();
        lower.len() > 4
            && lower.ends_with("ed")
            && !has(lower, VAGUE_MODIFIER)
            && ![&lower[..lower.len() - 2], &lower[..lower.len() - 1]]
                .iter()
                .any(|stem| has(stem, ALWAYS_VAGUE_VERB))
    });
    // The end state must be what the sentence asserts, not a word in a relative clause
    // ("customers are confident in extensions built by partners").
    let window_end = ws
        .get(verb + 5)
        .map_or(ws[ws.len() - 1].range.end, |w| w.range.end);
    if observable(&text[ws[verb].range.start..window_end]) {
        st.observable = true;
        return;
    }
    let thing_anywhere = ws.iter().any(|w| {
        is_concrete_word(w, text, false) && !has(&w.lower, PERSON) && !has(&w.lower, ABSTRACT_NOUN)
    });
    if copula && participle && !modified && (thing_anywhere || code) {
        st.observable = true;
        return;
    }
    // "Sourcegraph searches can be run from the code host": a named thing that can do something.
    let modal = is(v, List::CapabilityModal);
    let generic_subject = is(&subject[0].lower, List::GenericSubject);
    if modal && !modified && concrete_in(subject) && !generic_subject {
        st.deliverable = Some(ws[0].range.start..ws.last().expect("non-empty").range.end);
        return;
    }
    if !change && !copula && !modified && (concrete_in(predicate) || code) {
        st.deliverable = Some(ws[0].range.start..ws.last().expect("non-empty").range.end);
        return;
    }
    // A named system doing a concrete thing: "Docs explain Business Knowledge", "Connection
    // manager supports dial backoff", "Ansible tower manages our deployments".
    let thing_subject = subject.iter().any(|w| {
        is_concrete_word(w, text, false) && !has(&w.lower, PERSON) && !has(&w.lower, ABSTRACT_NOUN)
    });
    let has_object = predicate
        .iter()
        .any(|w| is_nounish(w) && !has(&w.lower, ABSTRACT_NOUN) && !has(&w.lower, PERSON));
    if !change && !copula && !modified && thing_subject && has_object {
        st.deliverable = Some(ws[0].range.start..ws.last().expect("non-empty").range.end);
        return;
    }
    st.vague = Some(Vagueness::Outcome {
        range: ws[0].range.start..ws.last().expect("non-empty").range.end,
    });
}

/// "Create a Developer Relations Key Performance Indicators dashboard": a word between two
/// capitalised words, itself capitalised, in a statement not written in title case, is part
/// of a name ("Key"), not a quality. In "Build A Better Team Culture" every word is
/// capitalised, so nothing tells a name from the words around it.
fn in_a_name(ws: &[Word], j: usize) -> bool {
    let capitalised = |i: usize| ws.get(i).is_some_and(|w| w.capitalised);
    let sentence_case = ws.iter().skip(1).any(|w| {
        !w.capitalised
            && w.lower.starts_with(|c: char| c.is_ascii_alphabetic())
            && !has(&w.lower, FUNCTION_WORD)
    });
    j > 0 && capitalised(j) && capitalised(j - 1) && capitalised(j + 1) && sentence_case
}

/// "Protobuf support", "Kafka 3.0 support": a head that is a thing only once something names
/// it (an artifact that is also a vague head) is a feature when a thing stands right before it;
/// not "More support", "Community support", "Technical support".
fn named_feature(conjunct: &[&Word], head: &Word) -> bool {
    if !has(&head.lower, ARTIFACT) {
        return false;
    }
    let Some(k) = conjunct.iter().position(|w| std::ptr::eq(*w, head)) else {
        return false;
    };
    k > 0 && {
        let w = conjunct[k - 1];
        is_nounish(w)
            && !has(&w.lower, ABSTRACT_NOUN)
            && !has(&w.lower, PERSON)
            && !has(&w.lower, ROLE)
            && !has(&w.lower, PRONOUN)
            && !looks_adjective(w)
    }
}

/// "Java SDK", "Spike alerts system", "Platform improvements", "Margins".
fn noun_phrase(
    st: &mut Statement,
    ws: &[Word],
    text: &str,
    code: bool,
    extra: &dyn Fn(&str) -> bool,
) {
    // "Environments - finish rollout": a name, a dash, then the work.
    if let Some(k) = (1..ws.len()).find(|&k| {
        let gap = &text[ws[k - 1].range.end..ws[k].range.start];
        (gap.contains(" - ") || gap.contains(" – ") || gap.contains(": "))
            && has(&ws[k].lower, DONE_VERB)
    }) {
        // "Zapier annual plan workflow - bring into billing": a named thing before the dash
        // is the deliverable; otherwise the work after it is judged.
        noun_phrase(st, &ws[..k], text, code, extra);
        if st.deliverable.is_none() {
            st.vague = None;
            imperative(st, &ws[k..], text, code, extra(&ws[k].lower));
        }
        return;
    }
    // Each conjunct ("Platform strategy doc + cross-product initiatives") is judged by its
    // head, the last noun: "strategy doc" is a doc, "doc strategy" is a strategy.
    for conjunct in conjuncts(ws, text) {
        let Some(head) = conjunct.iter().rev().find(|w| is_nounish(w)) else {
            continue;
        };
        let modified = conjunct.iter().any(|w| has(&w.lower, VAGUE_MODIFIER));
        let concrete_head = is_concrete_word(head, text, head.range.start == ws[0].range.start)
            && (!has(&head.lower, VAGUE_HEAD) || named_feature(&conjunct, head));
        if (concrete_head || code) && !modified {
            st.deliverable = Some(conjunct[0].range.start..head.range.end);
            return;
        }
    }
    if st.metric.is_some() {
        return;
    }
    // Only heads known to name an activity or a quality are vague; an unknown head is usually
    // the name of a feature ("Query history", "Case insensitive emails").
    let head_words: Vec<&Word> = ws
        .iter()
        .take_while(|w| !has(&w.lower, OBJECT_END) || w.lower == "and")
        .collect();
    if let Some(w) = head_words.iter().find(|w| has(&w.lower, VAGUE_HEAD)) {
        st.vague = Some(Vagueness::Heading {
            word: w.lower.clone(),
            range: w.range.clone(),
        });
    } else if let Some(w) = head_words
        .iter()
        .find(|w| has(&w.lower, VAGUE_MODIFIER) && !has(&w.lower, NAMING_MODIFIER))
    {
        st.vague = Some(Vagueness::Modifier {
            word: w.lower.clone(),
            range: w.range.clone(),
        });
    }
    if st.vague.is_none() && st.deliverable.is_none() && st.metric.is_none() && !st.observable {
        st.bare_noun_phrase = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern [`words`] reads by hand.
    /// (Unicode classes and word boundary, so not through `re::compile`, which makes them
    /// ASCII.)
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\p{Alphabetic}[\p{Alphabetic}'’]*(?:-\p{Alphabetic}+)*(?:\.\p{Alphabetic}{2,4}\b)?|[0-9][0-9.,]*[%xkKmM+]*",
        )
        .expect("a valid pattern")
    });

    fn assert_words_as_pattern(text: &str) {
        let by_hand: Vec<Range<usize>> = word_ranges(text).collect();
        let by_pattern: Vec<Range<usize>> = WORD.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(by_hand, by_pattern, "{text:?}");
        for w in words(text) {
            let written = &text[w.range.clone()];
            assert_eq!(
                w.lower,
                written.to_lowercase().replace('’', "'"),
                "{text:?}"
            );
            assert_eq!(w.capitalised, written.starts_with(char::is_uppercase));
        }
    }

    #[test]
    fn words_are_what_the_pattern_finds() {
        for text in [
            "",
            "Ship payments v2 to production handling 100% of transactions",
            "don't stop; it’s the team’s call, students' work",
            "see example.com, example.comx, a.io1, a.io_, a.b, x.ab.cd, foo.ABCD!",
            "re-organize the co-op's front-end - and -x a- b-c-d-",
            "3.5x coverage, 1,000+ users, 20k$, 5mM%%+ 1.2.3 0,,",
            "Q3 2025 H1 p95 < 200ms; 2020-Q1 v2.1 #12",
            "naïve café ’tis ’ o’’clock a’",
            "Week 1-4 (Stretch) [p0] — done → 78%",
            "x.",
            "a-",
            "a.bc",
            "a.bcde",
            "a.bc_d",
            "a.bc9",
            "a’",
            "9’",
            "é1a",
            "Ünicode support, Améliorer la sécurité, Überblick-Änderung straße.dé x.éé1 日本語",
            "Ärger’s café-crème, naïve.co, Ωmega.ΣΑ_ Ü",
            "naïve.co² x, naïve.co‿x, x.co\u{301} y",
        ] {
            assert_words_as_pattern(text);
        }
        // Every line of every document the tests lint, and the lexicon's words.
        let mut lines = 0;
        for (_, text) in crate::test_fixtures::fixture_texts() {
            for line in text.lines() {
                assert_words_as_pattern(line);
                lines += 1;
            }
        }
        assert!(lines > 1000, "{lines} lines");
        for line in include_str!("../lexicon.tsv").lines() {
            assert_words_as_pattern(line);
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_what_the_pattern_finds_in_any_text(
            text in "[a-zA-Z0-9 .,'’%xkKmM+_\\-é]{0,40}"
        ) {
            assert_words_as_pattern(&text);
        }
    }

    fn vague(text: &str) -> bool {
        analyze_text(text, &[], &[]).is_vague()
    }

    fn all_vague(texts: &[&str]) {
        for text in texts {
            assert!(vague(text), "not judged vague: {text}");
        }
    }

    fn none_vague(texts: &[&str]) {
        for text in texts {
            assert!(
                !vague(text),
                "judged vague: {text} {:?}",
                analyze_text(text, &[], &[])
            );
        }
    }

    #[test]
    fn the_quarterly_template_pairs() {
        for (good, bad) in [
            (
                "Ship payments v2 to production handling 100% of transactions",
                "work on payments",
            ),
            (
                "Launch design system with 15 components adopted by 3 teams",
                "improve design consistency",
            ),
            (
                "Run 20 user interviews and ship 2 validated product bets",
                "do more research",
            ),
            (
                "Reduce feature spec revision rounds from 4 to 1",
                "write better specs",
            ),
            (
                "Hire 2 senior engineers with start dates before Q3",
                "help with hiring",
            ),
            ("Ship the new payment system", "get better at presenting"),
            (
                "Reduce design revision cycles from 5 to 2",
                "improve design quality",
            ),
            (
                "Present product strategy to executives",
                "improve communication",
            ),
        ] {
            assert!(!vague(good), "good goal judged vague: {good}");
            assert!(vague(bad), "vague goal not caught: {bad}");
        }
    }

    #[test]
    fn work_done_with_others_is_judged_by_its_purpose() {
        for (done, activity) in [
            (
                "Work with the auditors to get the SOC 2 report signed",
                "Work with the auditors on compliance",
            ),
            (
                "Help the mobile team go live on the new API before launch week",
                "Help the mobile team ship faster",
            ),
            (
                "Partner with Marketing to publish the pricing page",
                "Partner with Marketing to improve messaging",
            ),
            (
                "Collaborate with Support to publish the escalation runbook",
                "Collaborate with Support to do something about escalations",
            ),
        ] {
            assert!(!vague(done), "purpose missed: {done}");
            assert!(vague(activity), "activity not caught: {activity}");
        }
        // An aside in parentheses is not the purpose.
        assert!(vague(
            "Help fix the queue (shipping a release without the fix is no option)"
        ));
    }

    #[test]
    fn a_thing_named_with_a_verb_like_noun_then_a_participle_is_in_its_end_state() {
        for done in [
            "Partner dashboard launched to every reseller",
            "Help center search rebuilt on the new index",
            "Focus mode shipped in the desktop app",
            "Support inbox migrated to the shared queue",
        ] {
            assert!(!vague(done), "end state missed: {done}");
        }
        for activity in [
            "Focus on retention",
            "Help customers more effectively",
            "Support the team",
        ] {
            assert!(vague(activity), "activity not caught: {activity}");
        }
    }

    #[test]
    fn a_clause_after_and_may_state_the_end_state() {
        assert!(!vague(
            "I facilitate the June review and Priya signs off on the write-up"
        ));
        assert!(!vague("Improve onboarding and the new guide ships by May"));
        for activity in [
            "Focus on quality and Marta reviews it",
            "Deliver the strategy and billing orders and ramps work",
            "Make it easier to write team guides and Use Cases",
            "Work on payments and help with hiring",
        ] {
            assert!(vague(activity), "activity not caught: {activity}");
        }
    }

    #[test]
    fn taking_charge_of_a_named_thing_is_marked() {
        assert!(analyze_text("Lead a cross-team design review", &[], &[]).takes_charge);
        assert!(analyze_text("Own the incident process", &[], &[]).takes_charge);
        assert!(!analyze_text("Drive alignment", &[], &[]).takes_charge);
        assert!(!analyze_text("Manage stakeholders", &[], &[]).takes_charge);
        assert!(!analyze_text("Lead people better", &[], &[]).takes_charge);
    }

    #[test]
    fn a_project_led_to_an_end_state_is_done_when_it_gets_there() {
        for (done, activity) in [
            (
                "Lead the search re-architecture project to launch by Q3",
                "Lead the search re-architecture project",
            ),
            (
                "Lead the billing migration to completion",
                "Lead the better migration",
            ),
            ("Own the rollout of SSO by March", "Own quality"),
        ] {
            assert!(!vague(done), "done state missed: {done}");
            assert!(vague(activity), "activity not caught: {activity}");
        }
    }

    #[test]
    fn a_change_with_no_amount_is_vague_and_one_with_an_amount_is_not() {
        all_vague(&["Lose weight", "Exercise more"]);
        none_vague(&["Lose 5 kg by June", "Exercise three times a week"]);
    }

    #[test]
    fn a_thing_brought_to_a_version_is_done_once_it_is() {
        none_vague(&[
            "Update Kubernetes dependency to v1.24.14",
            "Bump Node to 20.11 in CI",
            "Update Node.js to 20.11",
            "Update all services to Python 3.12",
            "Upgrade to React 18 by March",
            "Update Postgres to 16",
        ]);
        all_vague(&[
            "Update the docs",
            "Update dependencies regularly",
            "Update docs to 1.2 and improve them",
        ]);
    }

    #[test]
    fn practising_is_an_activity_and_best_practices_are_no_verb() {
        all_vague(&[
            "Practice systems thinking",
            "Practise the tools and techniques needed for data work",
        ]);
        none_vague(&[
            "Practice the piano 30 minutes a day",
            // "practices" after "best" or "our" is a noun, not what the sentence asserts.
            "Follow best practices for code styling and documentation",
            "Adopt our practices for code review in all 4 repositories",
            "Adopt their practices for incident review in all 4 teams",
            "Experience design review in place for all new features by March 2027",
        ]);
    }

    #[test]
    fn starting_an_activity_is_judged_as_the_activity() {
        all_vague(&[
            "Start to learn Go",
            "Begin measuring quality",
            "Start learning Spanish",
        ]);
        none_vague(&[
            "Start a podcast",
            "Start writing the book",
            "Begin measuring adherence to support terms and achieve >50% on a weekly basis",
        ]);
    }

    #[test]
    fn a_standing_granted_or_a_position_taken_is_done_once_it_is() {
        for (done, wish) in [
            (
                "Get the AWS Solutions Architect certification by March",
                "Get better at cooking",
            ),
            (
                "Get promoted to Staff Engineer by the end of 2026",
                "Get more approvals",
            ),
            (
                "Become a senior engineer by June",
                "Become a better presenter",
            ),
            (
                "Earn a project management licence",
                "Become an expert in Rust",
            ),
            (
                "Become a maintainer of the parser",
                "Get feedback from users",
            ),
            ("Get married", "Get more involved"),
            ("Get a job in my field", "Get more interviews"),
            ("Get accepted to the program", "Get accepted more often"),
            ("Get an offer from a research lab", "Get the job done"),
            (
                "Get an internship at a research lab",
                "Get feedback from users",
            ),
            ("Get elected to the board", "Get engaged with the community"),
        ] {
            assert!(!vague(done), "done state missed: {done}");
            assert!(vague(wish), "wish not caught: {wish}");
        }
    }

    #[test]
    fn a_done_verb_joined_to_an_activity_verb_shares_its_object() {
        none_vague(&[
            "Participate and complete the 2027 NaNoWriMo",
            "Continue & complete my React tutorial series",
            "Continue and finish the Rust book",
        ]);
        all_vague(&[
            "Continue to improve my writing",
            "Participate in more meetups",
            "Keep going and make the team better",
        ]);
    }

    #[test]
    fn vague_shapes() {
        for text in [
            "Focus on enterprise customers",
            "Continue to support the community",
            "Explore AI features",
            "Support Exec Team with context and feedback",
            "Platform improvements",
            "Improve SDK standardization",
            "Writing better docs and guides",
            "Make cleanup easy with in-app tools",
            "Polish",
            "Understand mobile app architecture deeply",
        ] {
            assert!(vague(text), "not caught: {text}");
        }
    }

    #[test]
    fn specific_shapes() {
        for text in [
            "Ship a Java SDK",
            "Deprecating the legacy `/decide` endpoint",
            "Detect and surface stale flags in the UI",
            "Reduce API latency to sub-200ms p95",
            "Build team from 3 to 5 engineers",
            "Changelog videos every two weeks",
            "Present to exec team at least once per quarter",
            "Read 2 system design books",
            "Write one platform strategy document",
            "Adding ETag support for efficient caching",
            "Launch checkout redesign that increases conversion from 8% to 12%",
            "Debug production issues in 30 minutes",
        ] {
            assert!(
                !vague(text),
                "judged vague: {text} {:?}",
                analyze_text(text, &[], &[])
            );
        }
    }

    #[test]
    fn gaining_a_quality_is_vague_gaining_a_standing_is_not() {
        // "gain" is vague unless what is gained is a thing had or a number.
        all_vague(&[
            "Gain confidence in my abilities",
            "Gaining confidence in my abilities",
            "Gain experience with Kubernetes",
        ]);
        none_vague(&[
            "Gain the AWS Solutions Architect certification by March",
            "Gain 200 new subscribers",
        ]);
    }

    #[test]
    fn an_activity_noun_or_a_mastery_is_not_an_outcome() {
        all_vague(&[
            "UX optimization",
            "CI infrastructure optimisation",
            "Reduction of technical debt",
            "Increased innovation",
            "Master Linux",
            "Basic Rust proficiency",
            "Fluency in Spanish",
            "Familiarity with Django",
            "Mastery of Go",
        ]);
        none_vague(&[
            "Pass the DELE B2 exam to prove fluency in Spanish",
            "Reach 90% proficiency on the Rust quiz",
            "Reduction of build time to 8 minutes",
            "Optimization guide for the query planner published",
        ]);
    }

    #[test]
    fn supporting_a_thing_makes_it_work_supporting_people_or_efforts_is_an_activity() {
        none_vague(&[
            "Support batch inference",
            "Support different gang scheduling definitions",
            "Support elastic training for additional frameworks besides PyTorch",
        ]);
        all_vague(&[
            "Support small teams",
            "Support industry-wide vuln coordination efforts",
            "Support the community",
            "Support better onboarding",
        ]);
    }

    #[test]
    fn a_comparative_with_no_measure_is_vague() {
        all_vague(&[
            "Simpler disaster recovery UX",
            "Support larger datasets",
            "Smaller container images",
        ]);
        none_vague(&[
            "Smaller container images: under 50 MB",
            "Simple v3 client (golang)",
        ]);
    }

    #[test]
    fn a_capitalised_word_inside_a_name_is_no_quality() {
        none_vague(&[
            "Create a Developer Relations Key Performance Indicators dashboard",
            "Ship the New Relic Better Alerts integration",
        ]);
        // In title case, or with no capitalised word around it, it is the quality it names.
        all_vague(&[
            "Build A Better Team Culture",
            "Create a Better Onboarding guide",
            "Build a better onboarding guide",
        ]);
    }

    #[test]
    fn developing_a_thing_is_building_it_developing_a_quality_is_not() {
        none_vague(&["Develop the Vault exit system", "Develop the mobile app"]);
        all_vague(&[
            "Develop skills in writing clear and comprehensive documentation.",
            "Develop leadership capabilities across the agency",
            "Develop a strong team culture",
        ]);
    }

    #[test]
    fn a_named_feature_is_a_deliverable_support_alone_is_not() {
        // A noun ending the statement heads it ("support" is no verb here), and a thing named
        // before "support" makes it a feature.
        none_vague(&[
            "Protobuf support",
            "Kafka 3.0 support",
            "DRA Support",
            "Range queries support",
            "Experimental Windows support",
        ]);
        all_vague(&[
            "More support",
            "Better support",
            "Community support",
            "Technical support",
            "Manager support",
            "Our support",
            "Customer support",
            "User support",
            "Peer support",
            "Employee support",
        ]);
        // A form that agrees with its subject, or a verb after a pronoun, still asserts.
        all_vague(&[
            "The team releases",
            "The team hires",
            "Our team tests",
            "We support",
        ]);
        none_vague(&["Turn-key systems to run A/B tests"]);
    }

    #[test]
    fn a_named_thing_made_or_supported_is_a_deliverable() {
        // A versioned name is a name, and its number or a trailing particle is not the head.
        for text in [
            "Consolidate Scheduler V2 into the Batch Operator",
            "Support Postgres up to V17",
            // The compound before the head names what is made.
            "Create the Acme Style Guide/UI Kit + icons",
            "Support ClusterSet-level configuration of Istio",
        ] {
            assert!(
                !vague(text),
                "judged vague: {text} {:?}",
                analyze_text(text, &[], &[])
            );
        }
        // A name elsewhere in the object, or an abstract or personal head, does not make one.
        for text in [
            "Support small teams",
            "Build Acme relationships",
            "Create alignment with the Platform team",
            "Establish Kafka expertise",
            "Expose Grafana widely across internal platforms",
        ] {
            assert!(vague(text), "not judged vague: {text}");
        }
    }

    #[test]
    fn one_thing_a_meeting_or_an_owned_delivery_is_done_once_it_happens() {
        for text in [
            "Build a useful utility for the on-call rotation",
            "Create a plan for moving the blog to the new host",
            "Create plan for retiring the old wiki",
            "Make a documentation contribution",
            "Attend a customer advisory board meeting",
            "Have lunch with someone from the support team",
            "Discuss my promotion case with my manager",
            "Lead the design and implementation of the new billing service",
            "Define a process to review open proposals and archive stale ones",
            "Update the style guide to match the new brand",
        ] {
            let st = analyze_text(text, &[], &[]);
            assert!(
                !st.is_vague() && st.deliverable.is_some(),
                "not a deliverable: {text} {st:?}"
            );
        }
        // A quality, a habit, people or an idiom is still not a thing that gets done.
        for text in [
            "Build a scalable team",
            "Create a better balance between projects",
            "Build an operational foundation",
            "Establish a repeatable, scalable pipeline",
            "Discuss the roadmap with stakeholders more often",
            "Lead the development of the team",
            "Make use of the data we collect",
            "Develop targeted interview strategy",
            "Build a company that thrives",
            "Define processes to help the growth of working groups",
            "Update pricing model to enable bigger deals",
            "Make it easier to publish guides",
        ] {
            assert!(vague(text), "not caught: {text}");
        }
    }

    #[test]
    fn an_object_of_filler_words_does_not_panic() {
        // Regression: found by the corpus evaluation (an object made of filler words only).
        for text in ["Build the", "Create all of the", "Write it", "Ship"] {
            let _ = analyze_text(text, &[], &[]);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Any text, however odd, is analysed without a panic and with ranges inside it.
        #[test]
        fn never_panics_and_ranges_stay_inside(text in "(?s).{0,120}", words in proptest::collection::vec("(Ship|Work on|Improve|is|can|has|the|SDK|better|and|-|:|,|\\.|100%|Week 3|[a-z]{1,6}|[A-Z][a-z]{1,5}|[a-z]{0,4}[éüßñøя日ł]{1,2}(ed|ing|es|s)?|[ÉÜØŁ][a-zé]{1,5}(ed)?|\\(|\\)|`x`|/api| )", 0..16)) {
            for t in [text.clone(), words.concat()] {
                let st = analyze_text(&t, &[], &[]);
                for r in [st.metric.clone(), st.deliverable.clone(), st.vague.as_ref().map(Vagueness::range)].into_iter().flatten() {
                    proptest::prop_assert!(r.start <= r.end && r.end <= t.len());
                    proptest::prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
                }
            }
        }
    }

    /// A word ending in a letter of several bytes before "ed" ("puréed") is cut at a
    /// character boundary when its stem is looked up.
    #[test]
    fn participles_of_words_with_non_ascii_letters() {
        for text in [
            "Ship the puréed soup by June 1",
            "Sautéed vegetables served",
            "ßed ñed éed",
        ] {
            let _ = analyze_text(text, &[], &[]);
        }
        assert!(done_participle("shipped"));
        assert!(!done_participle("puréed"));
    }

    #[test]
    fn counter_examples_in_parentheses_are_ignored() {
        assert!(!vague(r#""Ship payments v2" (not "work on payments")"#));
    }

    #[test]
    fn extra_vague_verbs_from_config() {
        assert!(!vague("Wrangle the Java SDK release"));
        assert!(
            analyze_text(
                "Wrangle the Java SDK release",
                &[],
                &["wrangle".to_string()]
            )
            .is_vague()
        );
    }

    #[test]
    fn metrics_ignore_versions_years_and_labels() {
        for text in [
            "Release v2.1 of the docs",
            "Plan for 2026",
            "Improve KR 3 delivery",
            "Grow Q3 pipeline",
        ] {
            assert!(analyze_text(text, &[], &[]).metric.is_none(), "{text}");
        }
        for text in [
            "Grow pipeline by 20%",
            "Hire two designers",
            "Reach $2M ARR",
            "Cut p95 under 200ms",
        ] {
            assert!(analyze_text(text, &[], &[]).metric.is_some(), "{text}");
        }
    }

    #[test]
    fn targets_thresholds_and_scores_are_measures() {
        // A target value after a change verb, a star rating, a change between two scores, a
        // multiple with decimals, a threshold of a financial measure, compliance with an SLO.
        for text in [
            "Increase CSAT to 4.5",
            "Improve NPS to 45",
            "Get the iOS app to a 4.7-star rating by Dec 31",
            "Team satisfaction goes from 3.2 to 4.1 in the spring survey",
            "Reach 2.5x coverage of the Q2 quota",
            "Operating margin positive in Q3",
            "Get to cash-flow positive on the hardware line",
            "Break even on the events business",
            "Bring the search p99 SLO back into compliance by Jan 15",
            "Zero breaking changes after 4.0.0",
        ] {
            let st = analyze_text(text, &[], &[]);
            assert!(st.metric.is_some() && !st.is_vague(), "{text}: {st:?}");
        }
        // Still not measures: a version bump and an upgrade's version numbers.
        for text in [
            "Release v2.1 of the docs",
            "Improve positive feedback from partners",
        ] {
            assert!(analyze_text(text, &[], &[]).metric.is_none(), "{text}");
        }
    }

    #[test]
    fn an_end_state_with_its_date_is_checkable() {
        // The first word may be a name that reads as a vague verb ("Boost", "Grow").
        for text in [
            "Boost launch email and in-app campaign live on October 15",
            "Grow dashboard published by Week 6",
            "Strategy doc reviewed by the product director",
        ] {
            assert!(!vague(text), "{text}");
        }
        assert!(vague("Boost the launch campaign"));
    }

    #[test]
    fn dropping_support_is_a_deliverable() {
        for text in ["Drop Python 3.9 support", "Drop the legacy importer"] {
            assert!(!vague(text), "{text}");
        }
    }
}
