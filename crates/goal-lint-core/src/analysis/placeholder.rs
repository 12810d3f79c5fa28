//! Template text left in place: `Q[X] 20XX`, `Week X-Y`, `$X`, `x%`, `to X`, `TODO`, `TBD`,
//! `Coming soon`, `<your goal>`, `[insert link]`, a bare `Objective`, an empty required field.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::memo::Memo;
use crate::model::{FieldKind, GoalDocument, Item, ItemKind, Origin};
use crate::syntax::InlineText;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    pub range: TextRange,
    /// The placeholder as written (empty for an empty field).
    pub text: String,
    pub kind: PlaceholderKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceholderKind {
    /// A template slot: `Q[X]`, `20XX`, `Week X-Y`, `$X`, `x%`, `to X`.
    Slot,
    /// A note to self: `TODO`, `TBD`, `Coming soon`, `???`.
    Todo,
    /// A template's instruction left in place: `One liner - verb + noun + outcome`,
    /// `<your goal here>`, `[insert link]`, a bare `Objective` or `Key result`.
    Prompt,
    /// A labelled field or list entry with nothing in it (`**Person:**`, `-`).
    Empty,
}

struct Pattern {
    regex: Regex,
    kind: PlaceholderKind,
}

fn pat(re: &str, kind: PlaceholderKind) -> Pattern {
    Pattern {
        regex: crate::re::compile(re),
        kind,
    }
}

/// Patterns over an item's plain text (markup removed), with what each finds.
const PATTERN_SOURCES: &[(&str, PlaceholderKind)] = {
    use PlaceholderKind::*;
    &[
        (r"\bQ\[[^\]\s]{1,3}\]|\bQ[X?]\b", Slot),
        (r"\b(?:19|20)(?:XX|xx|\?\?)\b|\bFY\s?XX\b", Slot),
        (
            r"(?i:\bweeks?|\bmonths?)\s+[XYN](?:\s*[-–]\s*[XYN])?\b",
            Slot,
        ),
        (r"[$€£]\s?[XxN](?:[kKmMbB])?\b", Slot),
        (r"(?:^|[\s(~<>])(?:[Xx]{1,2}|N)\s?%", Slot),
        (r"\b[XN]/\d+\b|\bX\s*/\s*X\b", Slot),
        // "Host [X] events", "Secure $[X]": a bracketed X or N inside a sentence stands for
        // a number (at the start of a line it would be a ticked box).
        (r"[\s($€£]\[[XN]\](?:$|[\s.,;:%)])", Slot),
        (r"\b(?:TODO|TO DO|TBD|TBC|TBA|FIXME|XXX)\b", Todo),
        (r"\?\?\?+", Todo),
        // "by ??", "[??]": two question marks standing for a value.
        (r"\[\?\?\]|(?:^|\s)\?\?(?:$|[\s.,;:])", Todo),
        // "in the last x months": a lower-case x standing for a number of a unit.
        (r"\bx\s+(?:days?|weeks?|months?|quarters?|years?)\b", Slot),
        (r"(?i)^coming soon\b", Todo),
        (
            r"(?i)\b(?:lorem ipsum|fill (?:this|me|it) (?:in|out)|to be (?:determined|decided|confirmed|defined)|please (?:add|fill|update|complete|write)|insert (?:here|your|a|the)\b)",
            Todo,
        ),
        (
            r"(?i)\[(?:insert|add|your|link to|link|name|owner|date|tbd|todo|fill|enter|describe|who|when|goal|metric|number|verb|outcome|measurable|thing|impact|target|deadline|step|deliverable|baseline|kpi|risk|what)\b[^\]]{0,60}\]",
            Prompt,
        ),
        // A bracketed phrase in lower case: "[a number, a shipped thing or a visible change]".
        (
            r"\[[a-z][a-z0-9,'+/-]*(?: [a-z0-9,'+/&;.-]+){1,12}\]",
            Prompt,
        ),
        // "[quarter, e.g. Q3 2025]", "[team]": a prompt with an example, or one template word.
        (r"\[[^\]\[]{0,40}\be\.g\.[^\]\[]{0,40}\]", Prompt),
        (
            r"\[(?:team|quarter|year|month|name|person|company|product|project|owner|manager|title|role)\]",
            Prompt,
        ),
        (r"(?i)\((?:owner|name|dri|tbd|tbc|date|who)\)", Prompt),
        // A role's slot left in capitals where the others name someone ("`P1` - OWNER -
        // Implement …" beside "`P1` - @vmx - …").
        (r"\b(?:OWNER|ASSIGNEE|YOUR[ _-]NAME)\b", Prompt),
        (r"(?i)\bone[- ]liner\b", Prompt),
        // A formula of lower-case slot words ("verb + noun + outcome"); capitalised words
        // joined by `+` name things ("Backend + Data + Export").
        (r"\b[a-z]+ \+ [a-z]+ \+ [a-z]+\b", Prompt),
        (
            r"(?i)\b(?:in one sentence|shipped thing, or observable change|capability you'll have|practice that gets me there|proves i have this capability)\b",
            Prompt,
        ),
        (r"(?i)^action \d+ \([^)]*\)", Prompt),
    ]
};

/// [`PATTERN_SOURCES`] compiled.
static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    PATTERN_SOURCES
        .iter()
        .map(|&(re, kind)| pat(re, kind))
        .collect()
});

/// `to X`, `from X to Y`: a slot for a number, unless it is an ordinary capital X ("X-ray",
/// "the X axis", "X11").
static TO_X: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(TO_X_SOURCE));
const TO_X_SOURCE: &str =
    r"\b(?:to|by|from|of|at|under|below|above|over|than|is|hit|reach)\s+X(?:\s+(?:to|and)\s+Y)?\b";

/// Every pattern of [`PATTERNS`], then [`TO_X`], in one automaton: one pass over a text tells
/// which of them can match it (most texts hold no placeholder at all).
static ANY_PATTERN: LazyLock<RegexSet> = LazyLock::new(|| {
    let sources = PATTERN_SOURCES
        .iter()
        .map(|&(re, _)| re)
        .chain([TO_X_SOURCE]);
    RegexSet::new(sources.map(crate::re::ascii)).expect("the placeholder patterns compile")
});
const X_NOUNS: &[&str] = &[
    "ray",
    "rays",
    "axis",
    "server",
    "window",
    "windows",
    "coordinate",
    "coordinates",
    "chromosome",
    "factor",
    "platform",
    "api",
    "app",
    "account",
    "handle",
    "profile",
    "post",
    "posts",
    "corp",
    "company",
    "prize",
];

/// `<your goal here>` in the source (inline HTML is not in the plain text).
static ANGLE_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"<<?([A-Za-z][A-Za-z' ,/-]{0,60}?\s[A-Za-z' ,/-]{1,60}?)>>?")
});
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "del",
    "details",
    "div",
    "em",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "td",
    "th",
    "tr",
    "u",
    "ul",
    "video",
    "iframe",
    "source",
    "picture",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "section",
    "font",
    "center",
    "mark",
    "q",
    "figure",
    "figcaption",
    "teammember",
    "link",
    "meta",
];

/// Words that, standing alone as an entry, are the template's own label.
static BARE_TEMPLATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:objective|key result|goal|kr|action|step|milestone|outcome|metric|description|title|text|name|task|item|example)\s*#?\d*\s*[.:]?$|^(?:\.\.\.|…|-|–)$",
    )
});

/// `TODO` or `TBD` used as a word of a name ("the TODO Group", "TODO Website", "our TODO
/// resources"), not as a note to self ("TODO", "TODO: add owner", "Owner: TBD"): it runs into a
/// capitalised word, or stands mid-sentence between words.
fn used_as_name(plain: &str, r: std::ops::Range<usize>) -> bool {
    let word = &plain[r.clone()];
    if !word.chars().all(|c| c.is_ascii_uppercase() || c == ' ') {
        return false;
    }
    let after = &plain[r.end..];
    let Some(next) = after.strip_prefix(' ').and_then(|a| a.chars().next()) else {
        return false;
    };
    let before = plain[..r.start].trim_end_matches(' ');
    let mid_sentence = before.len() < r.start
        && before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    next.is_uppercase() || (next.is_alphanumeric() && mid_sentence)
}

/// The document uses `word` as part of a name at least twice: followed by a capitalised word
/// ("TODO Group"), as [`used_as_name`] reads it.
fn named_in(source: &str, word: &str) -> bool {
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    source
        .match_indices(word)
        .filter(|&(i, _)| {
            let before = source[..i].chars().next_back();
            let mut after = source[i + word.len()..].chars();
            !before.is_some_and(char::is_alphanumeric)
                && after.next() == Some(' ')
                && after.next().is_some_and(char::is_uppercase)
        })
        .nth(1)
        .is_some()
}

/// `source` defines the link reference `label` on a line of its own (`[label]: destination`),
/// labels compared as CommonMark compares them: case and runs of white space aside.
fn defines_link_label(source: &str, label: &str) -> bool {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let label = norm(label);
    !label.is_empty()
        && source.lines().any(|line| {
            let t = line.trim_start();
            line.len() - t.len() <= 3
                && t.strip_prefix('[')
                    .and_then(|t| t.split_once("]:"))
                    .is_some_and(|(l, dest)| !dest.trim().is_empty() && norm(l) == label)
        })
}

/// Placeholders in a text, as ranges of that plain text.
pub fn find_in_plain(plain: &str) -> Vec<(std::ops::Range<usize>, PlaceholderKind)> {
    let mut out: Vec<(std::ops::Range<usize>, PlaceholderKind)> = Vec::new();
    let which = ANY_PATTERN.matches(plain);
    if !which.matched_any() {
        return out;
    }
    for (i, p) in PATTERNS.iter().enumerate() {
        if !which.matched(i) {
            continue;
        }
        for m in p.regex.find_iter(plain) {
            if p.kind == PlaceholderKind::Todo && used_as_name(plain, m.range()) {
                continue;
            }
            // "alan@example.org (OWNER)": a role in parentheses after someone's address or
            // handle is theirs, not a slot.
            let in_parens = m.as_str().starts_with('(')
                || (plain[..m.start()].ends_with('(') && plain[m.end()..].starts_with(')'));
            let role = matches!(
                m.as_str()
                    .trim_matches(['(', ')'])
                    .to_ascii_lowercase()
                    .as_str(),
                "owner" | "assignee" | "dri"
            );
            if p.kind == PlaceholderKind::Prompt
                && in_parens
                && role
                && plain[..m.start()]
                    .trim_end_matches('(')
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.len() > 1 && w.contains('@'))
            {
                continue;
            }
            let mut r = m.range();
            // Leading separators matched for context are not part of the placeholder.
            while r.start < r.end && plain[r.start..].starts_with([' ', '(', '~', '<', '>']) {
                r.start += 1;
            }
            // Nor are trailing ones ("by ??, then").
            while r.start < r.end && plain[..r.end].ends_with([' ', '.', ',', ';', ':']) {
                r.end -= 1;
            }
            out.push((r, p.kind));
        }
    }
    let to_x = which.matched(PATTERNS.len()).then(|| TO_X.find_iter(plain));
    for m in to_x.into_iter().flatten() {
        let after = &plain[m.end()..];
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        // "to X and LinkedIn": X the network, listed with others.
        let listed = matches!(next_word.as_str(), "and" | "or")
            && after
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with(char::is_uppercase) && w != "Y");
        if after.starts_with(['-', '\'', '’']) || X_NOUNS.contains(&next_word.as_str()) || listed
        {
            continue;
        }
        let x = m.as_str().find('X').map_or(m.start(), |i| m.start() + i);
        out.push((x..m.end(), PlaceholderKind::Slot));
    }
    merge(out)
}

/// Overlapping or adjacent (one space apart) placeholders become one.
fn merge(
    mut found: Vec<(std::ops::Range<usize>, PlaceholderKind)>,
) -> Vec<(std::ops::Range<usize>, PlaceholderKind)> {
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(std::ops::Range<usize>, PlaceholderKind)> = Vec::new();
    for (r, k) in found {
        if let Some((last, _)) = out.last_mut()
            && r.start <= last.end + 1
        {
            last.end = last.end.max(r.end);
            continue;
        }
        out.push((r, k));
    }
    out
}

/// Spans between double quotes (straight or curly).
fn quoted_spans(plain: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in plain.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i),
            ('"' | '”', Some(start)) => {
                out.push(start..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The note to self an entry outside goal content stands for, when it is only that text still
/// to be written: nothing but "TBD", opening with one ("TODO: define the topics"), or trailing
/// off into one ("This phase will complete when...TBD"). Prose there is not judged as a
/// template (see [`find_item_placeholders_with`]), and such a note is not counted as a
/// template slot by the document's judgement; `unfilled-placeholder` reports it in a plan.
pub fn note_for_missing_text(doc: &GoalDocument, item: &Item, source: &str) -> Option<Placeholder> {
    if doc.section(item.section).goal_content || is_entry(item.kind) {
        return None;
    }
    let text = &item.text;
    let t = text.plain.trim_end().trim_end_matches(['.', '!']);
    let lead = text.plain.len() - text.plain.trim_start().len();
    let (r, _) = find_in_plain(&text.plain).into_iter().find(|(r, k)| {
        *k == PlaceholderKind::Todo
            && !r.is_empty()
            && !text.code.iter().any(|c| c.start < r.end && r.start < c.end)
            && (r.start == lead
                && (r.end >= t.len() || text.plain[r.end..].trim_start().starts_with(':'))
                || r.end == t.len() && text.plain[..r.start].trim_end().ends_with(['.', ':', '…']))
    })?;
    let note = text.plain[r.clone()].to_string();
    if named_in(source, &note) {
        return None;
    }
    Some(Placeholder {
        range: text.range_of(r),
        text: note,
        kind: PlaceholderKind::Todo,
    })
}

/// `before` ends with the word "status" and at most a colon, an equals sign, spaces or
/// emphasis marks after it.
fn after_status_word(before: &str) -> bool {
    let t = before.trim_end_matches([' ', '\t', ':', '=', '*', '_']);
    t.len() >= 6
        && t.is_char_boundary(t.len() - 6)
        && t[t.len() - 6..].eq_ignore_ascii_case("status")
        && !t[..t.len() - 6]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Kinds of item whose emptiness or bare template word is a placeholder.
pub(super) fn is_entry(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Goal
            | ItemKind::Objective
            | ItemKind::KeyResult
            | ItemKind::SuccessCriterion
            | ItemKind::Why
            | ItemKind::Action
            | ItemKind::SupportRequest
            | ItemKind::Capability
            | ItemKind::Meta
    )
}

/// Every placeholder in an item: patterns in its text, angle-bracket prompts in its source, a
/// bare template word, or nothing at all where something is required.
pub fn find_item_placeholders(doc: &GoalDocument, item: &Item, source: &str) -> Vec<Placeholder> {
    find_item_placeholders_with(doc, item, source, &Memo::disabled())
}

/// [`find_in_plain`], looked up in `memo` when it was found before.
pub fn find_in_plain_memo(
    memo: &Memo,
    plain: &str,
) -> Vec<(std::ops::Range<usize>, PlaceholderKind)> {
    #[derive(Clone)]
    struct Found(Vec<(std::ops::Range<usize>, PlaceholderKind)>);
    memo.get(plain, &[], || Found(find_in_plain(plain))).0
}

/// [`find_item_placeholders`] with the placeholders of the item's text looked up in `memo`.
pub fn find_item_placeholders_with(
    doc: &GoalDocument,
    item: &Item,
    source: &str,
    memo: &Memo,
) -> Vec<Placeholder> {
    // Prose outside goal content (a "Contributing" section beside "Goals") is not a template.
    if !doc.section(item.section).goal_content && !is_entry(item.kind) {
        return Vec::new();
    }
    // A table row is read whole (template text in its `Due` or `Owner` cell is still
    // template text); the cells attached to its entry are part of that row.
    let row;
    let text = match item.origin {
        Origin::TableCell => return Vec::new(),
        Origin::TableRow => {
            row = InlineText::verbatim(source, item.range);
            &row
        }
        _ => &item.text,
    };
    let quoted = quoted_spans(&text.plain);
    let mut out: Vec<Placeholder> = find_in_plain_memo(memo, &text.plain)
        .into_iter()
        // Quoted text is cited (don't write "get better at X"), not template.
        .filter(|(r, _)| !quoted.iter().any(|q| q.start <= r.start && r.end <= q.end))
        // So is code: `TODO` in backticks is the word, not a note to self.
        .filter(|(r, _)| !text.code.iter().any(|c| c.start < r.end && r.start < c.end))
        .map(|(r, kind)| {
            let range = text.range_of(r.clone());
            Placeholder {
                text: text.plain[r].to_string(),
                range,
                kind,
            }
        })
        .collect();
    // A word the document itself uses as a name ("the TODO Group", "TODO Website") is that
    // name everywhere in it, also where nothing capitalised follows ("… and TODO.").
    out.retain(|p| p.kind != PlaceholderKind::Todo || !named_in(source, &p.text));
    // "[call for blog posts]" with a definition "[call for blog posts]: https://…" elsewhere in
    // the file is a link (a shortcut reference), not a bracketed prompt.
    // An inline or full reference link ("[remove phone numbers from db](https://…)", "[the
    // epic][1]") is a link too: a table row is read from its source, brackets and all.
    out.retain(|p| {
        p.kind != PlaceholderKind::Prompt
            || !(p
                .text
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .is_some_and(|label| defines_link_label(source, label))
                || source
                    .get(p.range.end..)
                    .is_some_and(|rest| rest.starts_with(['(', '['])))
    });
    // "TODO" as the value of a status ("**Status:** TODO", "(Status TODO) Launch …") says the
    // work has not started: a state, not text still to be written.
    let status_label = item
        .label
        .as_ref()
        .is_some_and(|l| l.text.trim().eq_ignore_ascii_case("status"));
    // So does "TBD" as the date an entry was done ("- [ ] Learn Python" over "Done: [TBD]"):
    // until its box is ticked the date is not known yet.
    let open_completion = item
        .label
        .as_ref()
        .is_some_and(|l| crate::model::vocab::is_completion_label(&l.text))
        && item
            .parent
            .is_some_and(|p| doc.item(p).checkbox == Some(false));
    out.retain(|p| {
        let not_yet = !p.text.trim().is_empty() && crate::model::vocab::is_not_yet_value(&p.text);
        !(open_completion && not_yet)
            && (p.kind != PlaceholderKind::Todo
                || !(status_label || after_status_word(&source[..p.range.start.min(source.len())])))
    });
    // Inline HTML is not in the plain text: look at the source of the entry's first line.
    let first = if item.origin == Origin::TableRow {
        item.range
    } else {
        item.line
    };
    let line_end = crate::text::line_end(source, first.start);
    let raw_range = TextRange::new(first.start, first.end.max(line_end));
    let raw = &source[raw_range.as_range()];
    for caps in ANGLE_PROMPT.captures_iter(raw) {
        let m = caps.get(0).expect("group 0");
        let inner = caps.get(1).expect("group 1").as_str();
        let first = inner
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let inside_code = raw[..m.start()].matches('`').count() % 2 == 1;
        if HTML_TAGS.contains(&first.as_str()) || inside_code {
            continue;
        }
        let range = TextRange::new(raw_range.start + m.start(), raw_range.start + m.end());
        if out.iter().any(|p| p.range.intersects(range)) {
            continue;
        }
        out.push(Placeholder {
            range,
            text: m.as_str().to_string(),
            kind: PlaceholderKind::Prompt,
        });
    }
    // A labelled field whose whole value is a bracketed phrase ("**Hours completed:** [Track
    // actual hours worked]") holds the template's prompt: the value is still to be written.
    // Not a checkbox, a one-word tag ("[WIP]") or a link (defined, or followed by its target).
    if out.is_empty()
        && item.label.is_some()
        && let Some(inner) = text
            .plain
            .trim()
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
        && !inner.contains(['[', ']'])
        && inner.split_whitespace().count() >= 2
        && !defines_link_label(source, inner)
        && let Some(start) = text.plain.find('[')
    {
        let end = text.plain.rfind(']').map_or(text.plain.len(), |e| e + 1);
        let range = text.range_of(start..end);
        if !source
            .get(range.end..)
            .is_some_and(|rest| rest.starts_with(['(', '[']))
        {
            out.push(Placeholder {
                text: text.plain[start..end].to_string(),
                range,
                kind: PlaceholderKind::Prompt,
            });
        }
    }
    if is_entry(item.kind) {
        let plain = text.plain.trim();
        // A struck-through entry ("- [ ] ~~Add gRPC faults~~") is dropped, not empty.
        let struck = item.status == Some(crate::model::Status::Dropped)
            || source[crate::text::line_start(source, item.line.start)
                ..crate::text::line_end(source, item.line.start)]
                .contains("~~");
        // A plural label right over sub-headings ("Additional objectives:" before "#####
        // Objective: Launch the website") introduces them: its entries are its section's
        // sub-sections. (A singular one, "**Goal:**", is a field, and one before the first
        // heading, "**Person:**", is the document's.)
        let introduces_subsections = || {
            let plural = item
                .label
                .as_ref()
                .is_some_and(|l| l.text.trim_end().ends_with('s'));
            plural
                && doc.section(item.section).heading.is_some()
                && doc.sections.iter().any(|s| {
                    s.parent == Some(item.section)
                        && s.range.start >= item.range.end
                        && source
                            .get(item.range.end..s.range.start)
                            .is_some_and(|between| between.trim().is_empty())
                })
        };
        // A label with nothing after it right over a list of another kind ("- **Amro:**" then
        // "1. Learn SQL"): that list is what it names, not a field left empty. A run of labels
        // in one list ("- Motivation:", "- Driver: …") is a form with a field still to fill.
        let introduces_list = || {
            // The marker kind and column of a line that opens a list item with text.
            let marker = |l: &str| -> Option<(char, usize)> {
                let indent = l.len() - l.trim_start().len();
                let l = l.trim_start();
                let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let m = l[digits..].chars().next()?;
                let text = l[digits..].get(m.len_utf8()..)?;
                let ordered = digits > 0 && matches!(m, '.' | ')');
                (text.starts_with([' ', '\t'])
                    && !text.trim().is_empty()
                    && (ordered || digits == 0 && matches!(m, '-' | '*' | '+')))
                .then_some((if ordered { '1' } else { m }, indent))
            };
            let start = crate::text::line_start(source, item.line.start);
            let end = crate::text::line_end(source, item.line.start);
            let next = source[end..]
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            // A list of another kind at the label's own column; one further out is the next
            // item of an enclosing list.
            marker(next).is_some_and(|(m, at)| {
                marker(&source[start..end]).is_some_and(|(own, own_at)| own != m && at == own_at)
            })
        };
        if plain.is_empty()
            && item.children.is_empty()
            && out.is_empty()
            && !struck
            && !introduces_subsections()
            && !(item.label.is_some() && introduces_list())
        {
            out.push(Placeholder {
                range: item.line,
                text: String::new(),
                kind: PlaceholderKind::Empty,
            });
        } else if out.is_empty() && BARE_TEMPLATE_WORD.is_match(plain) {
            out.push(Placeholder {
                range: text.trimmed_range(),
                text: plain.to_string(),
                kind: PlaceholderKind::Prompt,
            });
        }
    }
    // An `Objective` entry is a placeholder only as a template word; a KR label alone ("KR:")
    // with children is a header, not an empty field.
    if item.kind == ItemKind::Objective
        && item
            .label
            .as_ref()
            .is_some_and(|l| l.kind == FieldKind::Objective)
        && text.plain.is_empty()
        && !item.children.is_empty()
    {
        out.retain(|p| p.kind != PlaceholderKind::Empty);
    }
    out.sort_by_key(|p| p.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(plain: &str) -> Vec<&str> {
        find_in_plain(plain)
            .into_iter()
            .map(|(r, _)| &plain[r])
            .collect()
    }

    #[test]
    fn template_slots() {
        assert_eq!(found("Q[X] 20XX"), vec!["Q[X] 20XX"]);
        assert_eq!(
            found("Action 1 (Week X-Y or Month)"),
            vec!["Action 1 (Week X-Y or Month)"]
        );
        assert_eq!(found("Achieve $X net new ARR."), vec!["$X"]);
        assert_eq!(
            found("Increase Discoveries / active users > x%"),
            vec!["x%"]
        );
        assert_eq!(found("Lower build times to X"), vec!["X"]);
        assert_eq!(found("Bring more industry context. TODO:"), vec!["TODO"]);
        assert_eq!(found("TO DO"), vec!["TO DO"]);
        assert_eq!(found("Coming soon."), vec!["Coming soon"]);
        assert_eq!(
            found("One liner - verb + noun + outcome"),
            vec!["One liner", "verb + noun + outcome"]
        );
        assert_eq!(found("Score: X/10 (X%)"), vec!["X/10", "X%"]);
        assert_eq!(found("Host [X] community events"), vec!["[X]"]);
        assert_eq!(found("Secure $[X] in sponsorships"), vec!["$[X]"]);
        assert_eq!(found("Analyse the inquiries by ??"), vec!["??"]);
        assert_eq!(found("Get a review from ?? (outside team)"), vec!["??"]);
        assert_eq!(found("Identify the top 5 inquiries by [??]"), vec!["[??]"]);
        assert_eq!(found("tickets in the last x months"), vec!["x months"]);
        for text in [
            "Why?? Because the old cluster is out of support",
            "What now?? We ship",
            "Run 3x months of load tests",
            "Box x 2 weeks",
            "Backend + Data + Export",
            "[X] Shipped the beta",
            "See [N](https://example.com)",
            "Pipeline + Architecture + GitHub",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn bracketed_slots() {
        assert_eq!(
            found("[verb] payments [measurable outcome] by [when]"),
            vec!["[verb]", "[measurable outcome]", "[when]"]
        );
        assert_eq!(
            found("Success: [a number, a shipped thing or a visible change]"),
            vec!["[a number, a shipped thing or a visible change]"]
        );
        assert!(found("See [RFC 123] and [p0]").is_empty());
        assert_eq!(
            found("[quarter, e.g. Q3 2025] goals"),
            vec!["[quarter, e.g. Q3 2025]"]
        );
        assert_eq!(found("[team] OKRs"), vec!["[team]"]);
        assert!(found("Platform team OKRs (e.g. the deploy work)").is_empty());
        assert_eq!(
            found("`P1` - OWNER - Implement the spec in Go"),
            vec!["OWNER"]
        );
        assert!(found("Owner: the platform team, with the CODEOWNERS file updated").is_empty());
        assert!(found("alan@example.org (OWNER), nina@example.org").is_empty());
        // Only a role is someone's; a bare "@" is no one.
        assert!(!found("Reviewer: @nina (date)").is_empty());
        assert!(!found("Lunch @ (owner)").is_empty());
    }

    #[test]
    fn ordinary_capital_x_is_not_a_placeholder() {
        for text in [
            "Ship the Xbox port",
            "Take an X-ray of the onboarding funnel",
            "Plot retention on the X axis",
            "Move posts to X and LinkedIn",
            "Support X11 forwarding",
            "Grow followers on X by 20%",
            "Ship payments v2 to production handling 100% of transactions",
            "Reduce latency to 200ms",
            "Consistent engagement on social channels (X, LinkedIn, Reddit)",
            "Write a todo list app",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
