//! Reading a document against the template it was copied from.
//!
//! Most goal documents are copies of a team's template. A copy keeps the template's guidance,
//! its examples and the text of every slot not filled in yet; only the lines the author wrote
//! are the plan. A [`Template`] is read once from its text: its *skeleton* (the headings and
//! field labels that give it its shape) and its lines, each either template text (guidance,
//! examples, headings) or a *slot* (a line the author is meant to replace: one holding template
//! text such as `Q[X] 20XX` or `Week X-Y`, an empty field, or an entry of goal content).
//!
//! A document matches a template when it has most of the template's skeleton, in any order
//! (an author deletes guidance, reorders goals, repeats a goal block, renames a heading); one
//! given by configuration applies whatever the document looks like. Each line of a matched
//! document is then [`LineSource::Template`] (the same as a template line that is not a slot,
//! or inside an example section: never judged), [`LineSource::Slot`] (the same as a slot line:
//! reported as unfilled, nothing else) or [`LineSource::Author`] (judged in the role the model
//! gives it). Lines are compared normalised (case, spacing, list and heading markers), as a set,
//! so reordered and repeated blocks still align.
//!
//! The built-in templates (`goal-lint new`) are always candidates; configuration adds a team's
//! own (`template = "…"`, `templates = "folder"`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::placeholder::{find_in_plain, is_entry};
use crate::model::{DocumentOptions, GoalDocument, ItemKind};
use crate::text::TextRange;

/// Where a line of a document that matches a template comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineSource {
    /// Text the template has and the author kept: guidance, examples, headings.
    Template,
    /// A slot of the template left as the template has it.
    Slot,
    /// The author's own line: it replaced a slot or was added.
    Author,
}

impl LineSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LineSource::Template => "template",
            LineSource::Slot => "slot",
            LineSource::Author => "author",
        }
    }
}

/// A template: its name, skeleton and lines.
#[derive(Debug)]
pub struct Template {
    /// The name shown in `outline` (a built-in template's name, or the file's path).
    pub name: String,
    /// Normalised headings and field labels, each once, in the order first seen.
    skeleton: Vec<String>,
    /// Normalised lines of the template text: `true` for a slot.
    lines: HashMap<String, bool>,
    /// Lines that are slots.
    pub slots: usize,
    /// A team's template (configuration named it), not a built-in one: a document under that
    /// configuration is more likely its copy, so a smaller shared skeleton is enough.
    configured: bool,
    /// What the template asks of each goal, objective and action of a copy.
    pub schema: Schema,
    /// The template's text: the limit its guidance states ("Pick 3") holds for copies that
    /// deleted the guidance.
    pub text: String,
    /// The sections a copy keeps: the template's headings below its title (not its examples,
    /// not one holding template text), as written.
    pub sections: Vec<String>,
}

/// What a template asks of the entries of a copy, in its own words: the fields under each goal,
/// key results under each objective, timing on each action. A copy is held to its template's
/// shape (a goal of a copy without the template's `Why it matters` lacks one), and a fix that
/// adds a field writes the template's label and slot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// The slot text of the template's goals (`[verb + thing + outcome]`).
    pub goal: Option<String>,
    /// The reason field under the template's goals.
    pub why: Option<Field>,
    /// The success field under the template's goals.
    pub success: Option<Field>,
    /// The key-result field under the template's objectives.
    pub key_result: Option<Field>,
    /// The timing slot of the template's actions (`Week X-Y`, `Week X-Y or Month`): a copy's
    /// actions say when.
    pub timing: Option<String>,
}

/// A field of a template: its label as written (`Why it matters`) and its slot text (`[impact
/// on the business]`; empty when the template leaves the field empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub slot: String,
}

impl Field {
    /// The label and slot a fix writes: the template's `field`, else the given defaults (its
    /// label with the default slot when the template leaves the field empty).
    pub fn or<'a>(field: Option<&'a Field>, label: &'a str, slot: &'a str) -> (&'a str, &'a str) {
        match field {
            Some(f) if f.slot.is_empty() => (&f.label, slot),
            Some(f) => (&f.label, &f.slot),
            None => (label, slot),
        }
    }
}

impl Schema {
    /// The schema of a template read as `doc`, leaving out what its example sections hold.
    fn of(doc: &GoalDocument, in_example: impl Fn(usize) -> bool) -> Schema {
        let mut schema = Schema::default();
        for item in &doc.items {
            if in_example(item.line.start) {
                continue;
            }
            let parent = item.parent.map(|p| doc.item(p).kind);
            let under_goal = matches!(parent, Some(ItemKind::Goal | ItemKind::Objective));
            let field = || {
                item.label.as_ref().map(|l| Field {
                    label: l.text.trim().trim_end_matches(':').trim().to_string(),
                    slot: item.text.plain.trim().to_string(),
                })
            };
            match item.kind {
                ItemKind::Goal | ItemKind::Objective
                    if schema.goal.is_none()
                        && !item.text.plain.trim().is_empty()
                        && !find_in_plain(&item.text.plain).is_empty() =>
                {
                    schema.goal = Some(item.text.plain.trim().to_string());
                }
                ItemKind::Why if under_goal && schema.why.is_none() => schema.why = field(),
                ItemKind::SuccessCriterion if under_goal && schema.success.is_none() => {
                    schema.success = field();
                }
                ItemKind::KeyResult
                    if parent == Some(ItemKind::Objective) && schema.key_result.is_none() =>
                {
                    schema.key_result = field();
                }
                ItemKind::Action if schema.timing.is_none() => {
                    schema.timing = timing_slot(&item.text.plain);
                }
                _ => {}
            }
        }
        schema
    }
}

/// The timing slot of an action's text: a placeholder naming a week or month, with what its
/// parentheses hold (`(Week X-Y or Month)` gives `Week X-Y or Month`).
fn timing_slot(plain: &str) -> Option<String> {
    find_in_plain(plain).into_iter().find_map(|(range, _)| {
        let slot = &plain[range.clone()];
        let lower = slot.to_ascii_lowercase();
        if !lower.contains("week") && !lower.contains("month") {
            return None;
        }
        let open = plain[..range.start].rfind('(');
        let close = plain[range.end..].find(')').map(|i| range.end + i);
        Some(match (open, close) {
            (Some(o), Some(c)) if !plain[o + 1..range.start].contains(')') => {
                plain[o + 1..c].trim().to_string()
            }
            _ => slot.to_string(),
        })
    })
}

/// Entries of these kinds in a template are slots: the author replaces them.
fn is_goal_content(kind: ItemKind) -> bool {
    is_entry(kind) && kind != ItemKind::Meta
}

/// A line as compared: without indentation, block-quote, list, task and heading markers and
/// emphasis marks, spacing collapsed, lowercase. Empty when nothing but punctuation is left
/// (`---`, `-`, `|---|`): such lines say nothing about where a document comes from.
pub fn normalise(line: &str) -> String {
    let mut t = line.trim();
    loop {
        let before = t.len();
        t = t.trim_start_matches('>').trim_start();
        for marker in ["- ", "* ", "+ ", "-\t", "*\t", "+\t"] {
            if let Some(rest) = t.strip_prefix(marker) {
                t = rest.trim_start();
            }
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits)
            && let Some(rest) = t[digits..]
                .strip_prefix(". ")
                .or_else(|| t[digits..].strip_prefix(") "))
        {
            t = rest.trim_start();
        }
        for task in ["[ ] ", "[x] ", "[X] "] {
            if let Some(rest) = t.strip_prefix(task) {
                t = rest.trim_start();
            }
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
            t = t[hashes..].trim_start();
        }
        if t.len() == before {
            break;
        }
    }
    let mut out = String::with_capacity(t.len());
    for word in t.split_whitespace() {
        let word: String = word
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`'))
            .flat_map(char::to_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    if out.chars().any(char::is_alphanumeric) {
        out
    } else {
        String::new()
    }
}

/// A heading or label as a skeleton entry: normalised, without numbers and punctuation
/// ("Goal 2:" and "Goal:" are one entry). `None` for one that holds template text (a slot
/// heading such as "[quarter] goals") or reads as a sentence.
fn skeleton_entry(text: &str) -> Option<String> {
    if !find_in_plain(text).is_empty() || text.contains(['[', '{', '<']) {
        return None;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (!words.is_empty() && words.len() <= 10).then(|| words.join(" "))
}

/// Sections of examples ("## Example", "### Sample plan"): what is written there illustrates
/// the template. (The same words as the judgement's, which imports this module.)
static EXAMPLE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)\b(?:examples?|samples?)\b"));

/// A table's delimiter row (`|---|:---:|`).
static TABLE_DELIMITER: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$"));

/// The skeleton of a parsed document: its headings', labels' and table columns' entries, each
/// once, in order. What stands in an example section is not the shape to fill in.
fn skeleton_of(doc: &GoalDocument, text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut marks: Vec<(usize, String)> = Vec::new();
    let examples = example_sections(doc);
    let in_example = |offset: usize| {
        examples
            .iter()
            .any(|r| r.contains(offset) && r.start != offset)
    };
    for s in &doc.sections {
        if let Some(h) = &s.heading
            && !in_example(h.range.start)
            && let Some(e) = skeleton_entry(&h.text.plain)
        {
            marks.push((h.range.start, e));
        }
    }
    for item in &doc.items {
        if let Some(label) = &item.label
            && !in_example(label.range.start)
            && let Some(e) = skeleton_entry(&label.text)
        {
            marks.push((label.range.start, e));
        }
    }
    // The header row of a table: its column names.
    let all: Vec<(usize, &str)> = lines(text).collect();
    for pair in all.windows(2) {
        let ((start, header), (_, delimiter)) = (pair[0], pair[1]);
        if header.contains('|') && TABLE_DELIMITER.is_match(delimiter) && !in_example(start) {
            for cell in header.split('|') {
                if let Some(e) = skeleton_entry(cell.trim()) {
                    marks.push((start, e));
                }
            }
        }
    }
    marks.sort();
    for (_, e) in marks {
        if seen.insert(e.clone()) {
            out.push(e);
        }
    }
    out
}

/// Ranges of the example sections of a document.
fn example_sections(doc: &GoalDocument) -> Vec<TextRange> {
    doc.sections
        .iter()
        .filter(|s| {
            s.heading
                .as_ref()
                .is_some_and(|h| EXAMPLE_HEADING.is_match(&h.text.plain))
        })
        .map(|s| s.range)
        .collect()
}

/// Start offsets and text (without its line break) of each line of `text`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let at = start;
        start += l.len();
        (at, l.trim_end_matches(['\n', '\r']))
    })
}

impl Template {
    /// Read a template from its text. `name` names it in messages and `outline`. A template
    /// with no slot cannot be told from a document copied from it: that is an error.
    pub fn parse(name: &str, text: &str) -> Result<Template, String> {
        Self::read(name, text, true)
    }

    /// [`Template::parse`]; `configured` is false for a built-in template.
    fn read(name: &str, text: &str, configured: bool) -> Result<Template, String> {
        // Read as any file is (not opted in): prose is no entry to fill in.
        let doc = GoalDocument::parse(text, &DocumentOptions::default());
        let examples = example_sections(&doc);
        let in_example = |offset: usize| examples.iter().any(|r| r.contains(offset));
        // Lines that start an entry of goal content outside the examples: the author's to
        // replace.
        let entry_lines: HashSet<usize> = doc
            .items
            .iter()
            .filter(|i| is_goal_content(i.kind) && !in_example(i.line.start))
            .map(|i| i.line.start)
            .collect();
        let empty_fields: HashSet<usize> = doc
            .items
            .iter()
            // A label over the list after it (`**Goal 1:**`) is no empty field.
            .filter(|i| {
                i.text.plain.trim().is_empty()
                    && !matches!(i.kind, ItemKind::Header | ItemKind::Category)
                    && i.children.is_empty()
                    && !in_example(i.line.start)
            })
            .map(|i| i.line.start)
            .collect();
        let mut table: HashMap<String, bool> = HashMap::new();
        let mut slots = 0;
        for (start, line) in lines(text) {
            let key = normalise(line);
            if key.is_empty() {
                continue;
            }
            let slot = !in_example(start)
                && (entry_lines.contains(&start)
                    || empty_fields.contains(&start)
                    || !find_in_plain(line).is_empty());
            slots += usize::from(slot);
            // A line that is a slot anywhere is a slot: the same words kept elsewhere as an
            // example would hide a slot left unfilled.
            *table.entry(key).or_insert(false) |= slot;
        }
        if slots == 0 {
            return Err(format!(
                "{name}: the template has no slot (no placeholder such as `[name]`, `TBD` or \
                 `Week X-Y`, no empty field, no goal entry): nothing in a copy could be told \
                 from the template's own text"
            ));
        }
        Ok(Template {
            name: name.to_string(),
            skeleton: skeleton_of(&doc, text),
            configured,
            lines: table,
            slots,
            schema: Schema::of(&doc, in_example),
            text: text.to_string(),
            sections: doc
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref())
                .filter(|h| {
                    h.level > 1
                        && !in_example(h.range.start)
                        && !EXAMPLE_HEADING.is_match(&h.text.plain)
                        && skeleton_entry(&h.text.plain).is_some()
                })
                .map(|h| h.text.plain.trim().to_string())
                .collect(),
        })
    }

    /// Where a line of a document copied from this template comes from.
    fn source_of(&self, line: &str) -> LineSource {
        match self.lines.get(&normalise(line)) {
            Some(true) => LineSource::Slot,
            Some(false) => LineSource::Template,
            None => LineSource::Author,
        }
    }
}

/// The templates a document may be a copy of.
#[derive(Clone, Debug, Default)]
pub struct TemplateSet {
    /// The template configuration gives the file: it applies whatever the file looks like.
    pub forced: Option<Arc<Template>>,
    /// Templates the file is matched against by skeleton.
    pub candidates: Vec<Arc<Template>>,
}

impl PartialEq for TemplateSet {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &Arc<Template>, b: &Arc<Template>| Arc::ptr_eq(a, b);
        match (&self.forced, &other.forced) {
            (Some(a), Some(b)) if !same(a, b) => return false,
            (Some(_), None) | (None, Some(_)) => return false,
            _ => {}
        }
        self.candidates.len() == other.candidates.len()
            && self
                .candidates
                .iter()
                .zip(&other.candidates)
                .all(|(a, b)| same(a, b))
    }
}

impl Eq for TemplateSet {}

/// The built-in templates (`goal-lint new`), read once.
pub fn builtin_templates() -> Vec<Arc<Template>> {
    static BUILTIN: LazyLock<Vec<Arc<Template>>> = LazyLock::new(|| {
        crate::templates::TEMPLATES
            .iter()
            .filter_map(|(name, _, text)| Template::read(name, text, false).ok().map(Arc::new))
            .collect()
    });
    BUILTIN.clone()
}

impl TemplateSet {
    /// The built-in templates as candidates, none forced: what a file gets without
    /// configuration.
    pub fn builtin() -> TemplateSet {
        TemplateSet {
            forced: None,
            candidates: builtin_templates(),
        }
    }

    /// The template `doc` is a copy of, with the source of each of its lines.
    pub fn matching(&self, doc: &GoalDocument, text: &str) -> Option<TemplateMatch> {
        let skeleton = skeleton_of(doc, text);
        let overlap = |t: &Template| {
            let have: HashSet<&str> = skeleton.iter().map(String::as_str).collect();
            t.skeleton
                .iter()
                .filter(|e| have.contains(e.as_str()))
                .count()
        };
        // The kind a file declares (`goal-lint: okr` in the front matter `goal-lint new` writes,
        // or `kind` in configuration) names the built-in template of that name.
        let declared = doc.options.kind.as_deref().and_then(|k| {
            self.candidates
                .iter()
                .find(|t| !t.configured && t.name == k)
        });
        let (template, matched) = match self.forced.as_ref().or(declared) {
            Some(t) => (t.clone(), overlap(t)),
            None => {
                // Most of the template's skeleton (a renamed or deleted heading is allowed),
                // and enough of it that a document of goals and actions is not any template's
                // copy by chance.
                let best = self
                    .candidates
                    .iter()
                    .map(|t| (overlap(t), t))
                    .filter(|(n, t)| {
                        let least = if t.configured {
                            MIN_SHARED - 1
                        } else {
                            MIN_SHARED
                        };
                        *n >= least && *n * 4 >= t.skeleton.len() * 3
                    })
                    .max_by_key(|(n, t)| (*n * 1000 / t.skeleton.len().max(1), *n))?;
                (best.1.clone(), best.0)
            }
        };
        let examples = example_sections(doc);
        let sources = lines(text)
            .map(|(start, line)| {
                let source = if examples.iter().any(|r| r.contains(start)) {
                    LineSource::Template
                } else {
                    template.source_of(line)
                };
                (start, source)
            })
            .collect();
        Some(TemplateMatch {
            of: template.skeleton.len(),
            template,
            matched,
            sources,
        })
    }
}

/// Fewest skeleton entries a document shares with a built-in template it is matched to by
/// skeleton (one fewer for a team's own).
const MIN_SHARED: usize = 4;

/// A document read against its template.
#[derive(Clone, Debug)]
pub struct TemplateMatch {
    pub template: Arc<Template>,
    /// Skeleton entries of the template the document has.
    pub matched: usize,
    /// Skeleton entries of the template.
    pub of: usize,
    /// Start offset of each line with its source, in order.
    sources: Vec<(usize, LineSource)>,
}

impl TemplateMatch {
    /// The source of the line that holds `offset`.
    pub fn source_at(&self, offset: usize) -> LineSource {
        let i = self.sources.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1)
            .map_or(LineSource::Author, |i| self.sources[i].1)
    }

    /// The template's sections the copy has no heading for, when every heading of the copy
    /// is one of the template's (a heading of the author's own may be one renamed: then
    /// nothing is said to be missing).
    pub fn missing_sections(&self, doc: &GoalDocument) -> Vec<&str> {
        let have: Vec<String> = doc
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref())
            .filter_map(|h| skeleton_entry(&h.text.plain))
            .collect();
        let template: HashSet<String> = self
            .template
            .sections
            .iter()
            .filter_map(|h| skeleton_entry(h))
            .collect();
        let renamed = doc
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref())
            // A heading that is an entry ("## Goal: Cut search misses") fills a slot.
            .filter(|h| h.level > 1 && h.item.is_none())
            .any(|h| skeleton_entry(&h.text.plain).is_none_or(|e| !template.contains(&e)));
        if renamed {
            return Vec::new();
        }
        self.template
            .sections
            .iter()
            .filter(|h| skeleton_entry(h).is_some_and(|e| !have.contains(&e)))
            .map(String::as_str)
            .collect()
    }

    /// Each line's source, in order, as (start offset, source).
    pub fn sources(&self) -> &[(usize, LineSource)] {
        &self.sources
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_compare_without_markers_case_and_spacing() {
        assert_eq!(normalise("1. **Goal:**  Ship  it"), "goal: ship it");
        assert_eq!(normalise("   - [ ] Ship it"), "ship it");
        assert_eq!(normalise("### **Goals**"), "goals");
        assert_eq!(normalise("> - Quoted"), "quoted");
        assert_eq!(normalise("---"), "");
        assert_eq!(normalise("-"), "");
        assert_eq!(normalise("| --- | --- |"), "");
    }

    #[test]
    fn a_template_without_slots_is_an_error_naming_it() {
        let err = Template::parse("team/plan.md", "# Plan\n\nSome words.\n").unwrap_err();
        assert!(err.starts_with("team/plan.md: "), "{err}");
    }

    #[test]
    fn a_templates_schema_in_its_own_words() {
        let t = Template::parse(
            "team.md",
            "# Goals\n\n## Goals\n\n1. **Goal:** [outcome]\n   - **Why this matters:** [who gains]\n   - **Measure:** [number]\n\n## Actions\n\n- [step] (Week X-Y or Month)\n\n## Example\n\n- **Objective:** Grow\n  - **KR:** 10 signups\n",
        )
        .unwrap();
        let field = |label: &str, slot: &str| {
            Some(Field {
                label: label.to_string(),
                slot: slot.to_string(),
            })
        };
        assert_eq!(t.schema.goal.as_deref(), Some("[outcome]"));
        assert_eq!(t.schema.why, field("Why this matters", "[who gains]"));
        assert_eq!(t.schema.success, field("Measure", "[number]"));
        // Key results only in the example: not asked of a copy.
        assert_eq!(t.schema.key_result, None);
        assert_eq!(t.schema.timing.as_deref(), Some("Week X-Y or Month"));
        let okr = builtin_templates()
            .into_iter()
            .find(|t| t.name == "okr")
            .unwrap();
        assert_eq!(
            okr.schema.key_result,
            field("KR", "[metric] from [baseline] to [target]")
        );
        assert_eq!(okr.schema.timing, None);
    }

    #[test]
    fn every_builtin_template_reads() {
        assert_eq!(builtin_templates().len(), crate::templates::TEMPLATES.len());
    }
}
