//! Is a goal statement measurable, a concrete deliverable, or vague?
//!
//! The judgement is about the whole statement, not a word list: "Improve SDK standardization"
//! is vague, "Improve p95 latency from 800ms to 200ms" is not (it has a measure), "Ship a Java
//! SDK" is not (a thing exists when it is done), "Write better docs" is (the object is only
//! "better"). Precision comes first: when the statement is neither clearly measurable nor
//! clearly vague, it is left alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::*;
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
}

impl Vagueness {
    pub fn range(&self) -> Range<usize> {
        match self {
            Vagueness::Verb { range, .. }
            | Vagueness::Modifier { range, .. }
            | Vagueness::Heading { range, .. } => range.clone(),
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
    /// The statement names an observable end state ("is live", "approved", "published").
    pub observable: bool,
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
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d.,]*[%xkKmM+]*").unwrap()
});

static METRIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
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
        |\b(?:zero|no)\s+(?:p[0-4]|sev[0-4]|critical|major|open|unresolved|outstanding|known|regressions?|incidents?|bugs?|outages?|downtime|revisions?|manual)\b
        |\b100\s?%|\ball\s+(?:\d+|of\s+the\s+\d+)
        |\b\d+\s?/\s?\d+\b
        |\b(?:each|every|all)\s+(?:\w+\s+){0,5}(?:has|have|is|are|gets|get|uses|use|includes|include|completes|complete|commits|commit)\b
        |\bfrom\s+\S+\s+to\s+\S*\d
        ",
    )
    .unwrap()
});

/// `(not "work on payments")`: a counter-example inside a good goal.
static COUNTER_EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\(\s*(?:not|vs\.?|instead\s+of|rather\s+than)\s+["“][^"”]*["”]\s*\)"#)
        .unwrap()
});

/// Tags and owners around a statement: `[p0]`, `(Stretch)`, `(Owner: Jo)`, a trailing dash.
static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\[[^\]]{1,20}\]\s*|\((?:stretch|optional|bonus|p\d)\)\s*|wip\s+)+|\s*(?:\[[^\]]{1,20}\]|\((?:owner|owners|dri|lead)s?:?[^)]*\)|[-–—:]+)\s*$").unwrap()
});

/// A subject in front of the verb: "We will", "I'm", "Team to".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:we|i|the\s+team|our\s+team|team|they|you)(?:'re|'ll|’re|’ll|\s+are|\s+am|\s+will|\s+want\s+to|\s+need\s+to|\s+plan\s+to|\s+aim\s+to|\s+should|\s+must|\s+can)?\s+|(?:aim|goal\s+is|plan|need|want)\s+to\s+|to\s+)").unwrap()
});

/// Words that say the end state can be seen: "is live", "approved", "published".
static OBSERVABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:live|shipped|launched|released|published|approved|signed|merged|completed|complete|done|hired|closed|deployed|available|in\s+production|generally\s+available|used\s+by|adopted\s+by|rolled\s+out|deprecated|removed|migrated|certified|passed|accepted|stable|stabilized|default|enabled|exists|documented|installed|built|written|delivered|finished)\b").unwrap()
});

fn words(text: &str) -> Vec<Word> {
    WORD.find_iter(text)
        .map(|m| Word {
            lower: m.as_str().to_lowercase().replace('’', "'"),
            range: m.range(),
            capitalised: m.as_str().starts_with(char::is_uppercase),
        })
        .collect()
}

fn is(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// The part of `text` worth judging: counter-examples, tags and a leading subject removed.
/// Returns the start offset of the kept part and its end.
fn core_span(text: &str) -> (usize, usize) {
    let mut start = 0;
    let mut end = text.len();
    if let Some(m) = DECORATION.find(text)
        && m.start() == 0
    {
        start = m.end();
    }
    for m in DECORATION.find_iter(&text[start..]) {
        if start + m.end() == text.len() && m.start() > 0 {
            end = start + m.start();
        }
    }
    if let Some(m) = SUBJECT.find(&text[start..end]) {
        start += m.end();
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
    matches!(
        prev_word.as_str(),
        "kr" | "q"
            | "h"
            | "p"
            | "step"
            | "phase"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "objective"
            | "goal"
            | "version"
            | "sprint"
            | "issue"
            | "chapter"
            | "level"
            | "l"
            | "tier"
            | "priority"
            | "milestone"
            | "release"
            | "python"
            | "rust"
            | "edition"
            | "web"
            | "section"
            | "part"
            | "stage"
            | "round"
            | "wave"
            | "iteration"
            | "item"
            | "rfc"
            | "pr"
            | "number"
            | "no"
            | "sev"
            | "gen"
            | "series"
    ) || before.ends_with(['L', 'P', 'Q', 'H']) && !before.ends_with(' ')
}

fn find_metric(text: &str, ws: &[Word]) -> Option<Range<usize>> {
    if let Some(m) = METRIC.find_iter(text).find(|m| {
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
        if is_digit {
            if !is_non_metric_number(text, &w.range)
                && !next.is_empty()
                && !is(next, &["of", "and", "or"])
            {
                return Some(w.range.clone());
            }
        } else {
            // "two designers", "one platform strategy doc" (but not "no one", "one of").
            let counted = is(&w.lower, NUMBER_WORDS)
                && !matches!(
                    w.lower.as_str(),
                    "all" | "every" | "half" | "single" | "one"
                );
            let one = w.lower == "one"
                && i > 0
                && !is(
                    &ws[i - 1].lower,
                    &["no", "any", "every", "some", "which", "each"],
                );
            let not_a_count = next.is_empty()
                || is(
                    next,
                    &[
                        "of", "another", "more", "less", "thing", "way", "or", "and", "to", "on",
                        "in", "day",
                    ],
                );
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
    while let Some(w) = ws.get(i) {
        if is(&w.lower, PARTICLES) && out.is_empty() && i == verb_index + 1 {
            i += 1;
            continue;
        }
        break;
    }
    while let Some(w) = ws.get(i) {
        let gap = &text[ws[i - 1].range.end..w.range.start];
        if gap.contains([',', ';', '.', ':', '(', '—', '–']) || gap.contains(" - ") {
            break;
        }
        if is(&w.lower, OBJECT_END) && !out.is_empty() {
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
        && !is(&w.lower, VAGUE_MODIFIERS)
        && !is(&w.lower, ABSTRACT_NOUNS);
    let is_acronym = inner.len() >= 2
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !is(&w.lower, &["ui", "ux", "dx", "ai"]);
    let is_camel =
        inner.chars().skip(1).any(|c| c.is_uppercase()) && inner.chars().any(|c| c.is_lowercase());
    is(&w.lower, ARTIFACTS) && !is(&w.lower, ABSTRACT_NOUNS) || is_name || is_acronym || is_camel
}

/// Noun-phrase conjuncts before the first preposition: split at "and", "&", "+", ",".
fn conjuncts<'w>(ws: &'w [Word], text: &str) -> Vec<Vec<&'w Word>> {
    let mut out: Vec<Vec<&Word>> = vec![Vec::new()];
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            let gap = &text[ws[i - 1].range.end..w.range.start];
            if gap.contains(['+', '&', ',', '/']) {
                out.push(Vec::new());
            } else if gap.contains(['.', ';', ':', '(', '–', '—']) {
                break;
            }
        }
        if w.lower == "and" || w.lower == "or" {
            out.push(Vec::new());
            continue;
        }
        if is(&w.lower, OBJECT_END) {
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
                && (word.contains('.')
                    || matches!(
                        word.to_ascii_lowercase().as_str(),
                        "vs" | "etc"
                            | "incl"
                            | "approx"
                            | "sept"
                            | "jan"
                            | "feb"
                            | "mar"
                            | "apr"
                            | "jun"
                            | "jul"
                            | "aug"
                            | "sep"
                            | "oct"
                            | "nov"
                            | "dec"
                            | "no"
                            | "e.g"
                            | "i.e"
                    ));
            if !abbreviation {
                return i;
            }
        }
        i += 1;
    }
    end
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
    let ws: Vec<Word> = words(&text[..end])
        .into_iter()
        .filter(|w| w.range.start >= start)
        .collect();
    let all_words: Vec<Word> = words(&text[..whole_end])
        .into_iter()
        .filter(|w| w.range.start >= start)
        .collect();
    let mut st = Statement {
        metric: find_metric(&text[..whole_end], &all_words),
        observable: OBSERVABLE.is_match(&text[start..end]),
        ..Statement::default()
    };
    let has_code = code_spans.iter().any(|r| r.start >= start && r.end <= end)
        || text[start..end].contains(['/', '`'])
            && text[start..end]
                .split_whitespace()
                .any(|t| t.starts_with('/') || t.contains("::") || t.contains('_'));
    if ws.is_empty() {
        return st;
    }
    let lead = &ws[0];
    let lead_is_vague = is(&lead.lower, VAGUE_VERBS) || extra_vague_verbs.contains(&lead.lower);
    let always_vague =
        is(&lead.lower, ALWAYS_VAGUE_VERBS) || extra_vague_verbs.contains(&lead.lower);

    // A done verb anywhere with a concrete object: "Ship payments v2", "… by adding ETag support".
    for (i, w) in ws.iter().enumerate() {
        if !is(&w.lower, DONE_VERBS) || (i == 0 && always_vague) {
            continue;
        }
        let obj = object(&ws, i, text);
        let modifiers = obj.iter().any(|&j| is(&ws[j].lower, VAGUE_MODIFIERS));
        // "Document how we review", "Publish the roadmap": the verb itself names the artifact.
        let self_evident = is(&w.lower, SELF_EVIDENT_VERBS)
            && !obj.is_empty()
            && !obj
                .iter()
                .all(|&j| is(&ws[j].lower, ABSTRACT_NOUNS) || is(&ws[j].lower, FILLER));
        let concrete = self_evident
            || obj.iter().any(|&j| is_concrete_word(&ws[j], text, j == 0))
            || has_code && !obj.is_empty();
        if concrete && !modifiers {
            st.deliverable = Some(w.range.start..ws[*obj.last().expect("non-empty")].range.end);
            break;
        }
    }
    // A noun phrase naming a thing: "Java SDK", "Spike alerts system", "`/decide` endpoint".
    let noun_phrase = !is(&lead.lower, DONE_VERBS) && !lead_is_vague;
    if st.deliverable.is_none() && noun_phrase {
        // Each conjunct ("Platform strategy doc + cross-product initiatives") is judged by its
        // head, the last noun: "strategy doc" is a doc, "doc strategy" is a strategy.
        for conjunct in conjuncts(&ws, text) {
            let Some(head) = conjunct.last() else {
                continue;
            };
            let modified = conjunct.iter().any(|w| is(&w.lower, VAGUE_MODIFIERS));
            let concrete_head = is_concrete_word(head, text, head.range.start == ws[0].range.start)
                && !is(&head.lower, VAGUE_HEADS);
            if (concrete_head || has_code) && !modified {
                st.deliverable = Some(conjunct[0].range.start..head.range.end);
                break;
            }
        }
    }
    if st.metric.is_some() || st.deliverable.is_some() {
        return st;
    }

    if lead_is_vague {
        let obj = object(&ws, 0, text);
        let concrete_obj = obj.iter().any(|&j| is_concrete_word(&ws[j], text, false)) || has_code;
        // "Build the Java SDK" is a deliverable even though "build" can be vague
        // ("build relationships"); "improve the Java SDK" is not.
        if !always_vague && let Some(&j) = obj.iter().find(|&&j| is(&ws[j].lower, VAGUE_MODIFIERS))
        {
            st.vague = Some(Vagueness::Modifier {
                word: ws[j].lower.clone(),
                range: ws[j].range.clone(),
            });
            return st;
        }
        if always_vague || !concrete_obj {
            let particle = ws.get(1).filter(|w| {
                is(&w.lower, PARTICLES) && text[lead.range.end..w.range.start].trim().is_empty()
            });
            let phrase_end = particle.map_or(lead.range.end, |w| w.range.end);
            let verb = text[lead.range.start..phrase_end].to_string();
            st.vague = Some(Vagueness::Verb {
                verb,
                range: lead.range.clone(),
            });
            return st;
        }
        return st;
    }
    if is(&lead.lower, DONE_VERBS) {
        // A done verb with a vague object: "Write better docs", "Create more content".
        let obj = object(&ws, 0, text);
        if let Some(&j) = obj.iter().find(|&&j| is(&ws[j].lower, VAGUE_MODIFIERS)) {
            st.vague = Some(Vagueness::Modifier {
                word: ws[j].lower.clone(),
                range: ws[j].range.clone(),
            });
        } else if !obj.is_empty()
            && obj
                .iter()
                .all(|&j| is(&ws[j].lower, ABSTRACT_NOUNS) || is(&ws[j].lower, FILLER))
        {
            let j = *obj
                .iter()
                .rev()
                .find(|&&j| is(&ws[j].lower, ABSTRACT_NOUNS))
                .expect("an abstract noun");
            st.vague = Some(Vagueness::Heading {
                word: ws[j].lower.clone(),
                range: ws[j].range.clone(),
            });
        }
        return st;
    }
    // A noun phrase whose head is an activity or a quality: "Platform improvements", "Polish".
    let head_words: Vec<&Word> = ws
        .iter()
        .take_while(|w| !is(&w.lower, OBJECT_END) || w.lower == "and")
        .collect();
    if let Some(w) = head_words.iter().find(|w| is(&w.lower, VAGUE_HEADS)) {
        st.vague = Some(Vagueness::Heading {
            word: w.lower.clone(),
            range: w.range.clone(),
        });
    } else if let Some(w) = head_words.iter().find(|w| {
        is(&w.lower, VAGUE_MODIFIERS)
            && !matches!(
                w.lower.as_str(),
                "key" | "top" | "best" | "regular" | "ongoing"
            )
    }) {
        st.vague = Some(Vagueness::Modifier {
            word: w.lower.clone(),
            range: w.range.clone(),
        });
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vague(text: &str) -> bool {
        analyze_text(text, &[], &[]).is_vague()
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
    fn counter_examples_in_parentheses_are_ignored() {
        assert!(!vague(r#""Ship payments v2" (not "work on payments")"#));
    }

    #[test]
    fn extra_vague_verbs_from_config() {
        assert!(!vague("Wrangle onboarding"));
        assert!(analyze_text("Wrangle onboarding", &[], &["wrangle".to_string()]).is_vague());
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
}
