//! Building a [`GoalDocument`] from the block tree.
//!
//! Two passes. The first reads headings (the only inline content every file pays for) and
//! decides whether the file is a goal document at all; ordinary Markdown stops there. The
//! second walks the blocks of a goal document and turns paragraphs, lines and list items into
//! [`Item`]s, giving each a kind from, in order: its own label (`**Goal:**`, `KR:`), the label
//! of the list's header (`**Success Metrics:**` before the list), its parent item (the
//! children of an objective are key results), and the role of its section's heading.

use std::sync::LazyLock;

use regex::Regex;

use super::timeframe::{Period, TimeframeKind, find_timeframes_memo};
use super::vocab::{FieldKind, SectionRole, Status, field_kind, leading_status, section_role};
use super::{
    DirectiveComment, DocumentOptions, FrontMatter, GoalDocument, Heading, Item, ItemId, ItemKind,
    Label, ListInfo, Origin, Section, SectionId, Timeframe,
};
use crate::memo::Memo;
use crate::syntax::{
    Block, BlockKind, Enclosing, InlineText, ListItemParts, MarkdownParser, SyntaxTree,
};
use crate::text::{LineEnding, TextRange};

mod classify;
mod heading;
mod list;
mod paragraph;
mod passes;
mod sections;
mod table;

use classify::*;
use passes::*;

/// Lists nested deeper than this are not goal structure; they are left out of the model (this
/// also bounds the builder's recursion on hostile input).
const MAX_LIST_DEPTH: u32 = 12;

/// A line that labels itself as a goal, objective or key result, wherever it stands.
static EXPLICIT_GOAL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?mi)^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?[ \t]*(?:goal|objective|key[ -]result|kr)[ \t]*(?:#?\d*[ \t]*(?:\*\*|__)?[ \t]*:|#?\d+(?:\.\d+)?[ \t]*(?:\*\*|__)?[ \t]+[-–—][ \t])",
    )
});

/// Words that make a link's text the title of a document rather than a statement.
static DOCUMENT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:plans?|okrs?|goals|roadmap|doc|docs|document|page|notes|template|spreadsheet|deck|report|handbook|review|retro(?:spective)?|q[1-4]|h[12]|\d{4})\b",
    )
});

/// A numbered goal, objective or key result label before a dash ("Goal 1 - Prove the product
/// with 6 users", "**KR 2** – Grow sign-ups by 5%"): the dash stands for the colon.
static NUMBERED_DASH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^((?:goal|objective|key[ -]result|kr)[ \t]*#?\d+(?:\.\d+)?)[ \t]+[-–—][ \t]+",
    )
});

/// `Label: content` without bold markers.
static PLAIN_LABEL: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^([^:\n]{1,60}?)\s*:(?:\s|$)"));

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(r"<!--\s*goal-lint"));

/// Whether `text` could be a goal document, decided without parsing: a heading whose words give
/// it a goal role, a line labelled as a goal, objective or key result, `goal-lint` anywhere
/// (front matter, suppression comments), or an opt-in. Conservative: when it says `false`, the
/// full model would find no goal content and no directive (tested against the model, and
/// fuzzed). Where it cannot tell cheaply (a long setext heading, a character reference), it
/// says `true` and the parse decides.
pub fn may_be_goal_document(text: &str, options: &DocumentOptions) -> bool {
    if options.opt_in || text.contains("goal-lint") || EXPLICIT_GOAL_LINE.is_match(text) {
        return true;
    }
    // A byte-order mark is not part of the first line (the parse leaves it out too).
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // A title in the front matter heads a document with no `# …` heading of its own. Any
    // `title:` or `title =` line is asked, so that no front matter the parser reads is missed.
    if text.lines().any(|line| {
        let line = line.trim_start();
        line.get(..5)
            .filter(|key| key.eq_ignore_ascii_case("title"))
            .and_then(|_| line[5..].trim_start().strip_prefix([':', '=']))
            .is_some_and(|value| heading_may_have_goal_role(value.trim().trim_matches(['"', '\''])))
    }) {
        return true;
    }
    // Front matter holds no headings (its `goal-lint:` key was found above).
    let text = after_front_matter(text);
    // The lines since the last blank one: a setext underline makes all of them the heading.
    let mut paragraph: Vec<&str> = Vec::new();
    let lines = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for line in lines {
        // Only a blank line (spaces and tabs, as CommonMark has it) surely ends the paragraph;
        // a line blank once its containers are stripped (`>`, `- `) may be an underline.
        if line.trim_matches([' ', '\t']).is_empty() {
            paragraph.clear();
            continue;
        }
        let t = strip_containers(line);
        if let Some(atx) = t.strip_prefix('#') {
            if heading_may_have_goal_role(atx.trim_start_matches('#')) {
                return true;
            }
        } else if !paragraph.is_empty() && is_setext_underline(t) {
            if paragraph.len() > MAX_SETEXT_LINES {
                return true;
            }
            // The paragraph may have begun at any of these lines (a list item or a block
            // quote can interrupt it), so every suffix is a candidate heading.
            for start in 0..paragraph.len() {
                if heading_may_have_goal_role(&paragraph[start..].join(" ")) {
                    return true;
                }
            }
        }
        paragraph.push(t);
    }
    false
}

/// The value of `key` in the YAML front matter at the start of `text` (`template:
/// ../templates/1on1.md`), unquoted; `None` without front matter or without the key. Read
/// without a parse, as the document's front matter is ([`GoalDocument`]'s), for what must be
/// known before the lint (the template a file names).
pub(crate) fn front_matter_field(text: &str, key: &str) -> Option<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let body = after_front_matter(text);
    if body.len() == text.len() {
        return None;
    }
    front_matter_fields(&text[..text.len() - body.len()])
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// The goal-lint template a document names in its front matter: a `template:` that is the
/// path of a Markdown file (`../templates/1on1.md`). Site generators use the same key for their
/// own layouts (`template: BlogPost`, `template: post`): those are not ours, and are left alone.
pub fn front_matter_template(text: &str) -> Option<String> {
    front_matter_field(text, "template").filter(|named| {
        let lower = named.to_ascii_lowercase();
        lower.ends_with(".md") || lower.ends_with(".markdown")
    })
}

/// The text after a closed front matter block at its start (YAML between `---` lines, TOML
/// between `+++` lines; all of the text when there is none).
fn after_front_matter(text: &str) -> &str {
    for fence in ["---", "+++"] {
        let Some(body) = text.strip_prefix(fence).and_then(|rest| {
            rest.strip_prefix('\n')
                .or_else(|| rest.strip_prefix("\r\n"))
        }) else {
            continue;
        };
        let mut offset = text.len() - body.len();
        for line in body.split_inclusive('\n') {
            offset += line.len();
            if line.trim_end_matches(['\n', '\r']) == fence && line.ends_with('\n') {
                return &text[offset..];
            }
        }
        return text;
    }
    text
}

/// Setext headings longer than this are not judged line by line; the parse decides.
const MAX_SETEXT_LINES: usize = 8;

/// A line of `=` or of `-` (spaces allowed between and around).
fn is_setext_underline(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-' || c == ' '))
}

/// `line` without leading indentation, block-quote markers and list markers: a
/// heading may stand inside any of them.
fn strip_containers(line: &str) -> &str {
    let mut t = line.trim_start();
    loop {
        let before = t.len();
        t = t.trim_start_matches('>').trim_start();
        // A marker with nothing after it stays: `- ` under a paragraph is a setext underline
        // (an empty list item cannot interrupt a paragraph).
        for marker in ["- ", "* ", "+ ", "-\t", "*\t", "+\t"] {
            if let Some(rest) = t.strip_prefix(marker)
                && !rest.trim().is_empty()
            {
                t = rest.trim_start();
            }
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits)
            && let Some(rest) = t[digits..]
                .strip_prefix(". ")
                .or_else(|| t[digits..].strip_prefix(") "))
            && !rest.trim().is_empty()
        {
            t = rest.trim_start();
        }
        if t.len() == before {
            return t;
        }
    }
}

/// A character reference: `&#71;`, `&#x47;`, `&amp;`.
static CHARACTER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
});

/// `raw` with its character references decoded; `None` when one of them is a named reference
/// `syntax::decode_entity` does not know (it could spell anything, so the caller assumes the
/// worst).
fn decode_references(raw: &str) -> Option<String> {
    let mut unknown = false;
    let decoded = CHARACTER_REFERENCE.replace_all(raw, |c: &regex::Captures<'_>| {
        let ch = crate::syntax::decode_entity(&c[0]);
        unknown |= ch.is_none();
        ch.unwrap_or(' ').to_string()
    });
    (!unknown).then(|| decoded.into_owned())
}

/// Whether the heading whose source is `raw` may get a goal role once its inline syntax is
/// read. The model drops link destinations, reference labels, HTML tags and backslashes, and
/// decodes character references, so the role is asked of the text both with and without them.
fn heading_may_have_goal_role(raw: &str) -> bool {
    // Emphasis marks vanish in the parse and may join words ("process**Success**" reads
    // "processSuccess", no longer the word "process"), so the text without them is asked too:
    // this check may say yes too often, never no too often.
    let is_goal = |text: &str| {
        section_role(text).is_goal_role()
            || heading_names_roadmap(text)
            || title_names_template(text)
            || section_role(&without_inline_syntax(text)).is_goal_role()
            || (text.contains(['*', '_'])
                && section_role(&without_inline_syntax(&text.replace(['*', '_'], "")))
                    .is_goal_role())
    };
    if is_goal(raw) {
        return true;
    }
    if raw.contains('&') && CHARACTER_REFERENCE.is_match(raw) {
        return decode_references(raw).is_none_or(|decoded| is_goal(&decoded));
    }
    false
}

/// A heading with the word "roadmap": a roadmap's periods may hold goals (the parse decides).
pub(crate) fn heading_names_roadmap(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("roadmap"))
}

/// A title with the word "template" ("One on One Template", "Template: Individual
/// Development Plan"): the document may be a template of a plan, though no heading names
/// goals (the judgement decides).
pub(crate) fn title_names_template(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("template"))
}

/// A title naming a template of a plan: of a proposal, a 1:1, a review, goals, a grant, a
/// project, a weekly sync ("One on One Template", "GSoC Project Proposal Template"). Not of a
/// pull request, an issue or release notes, which are templates too.
pub(crate) fn title_names_plan_template(text: &str) -> bool {
    title_names_template(text) && PLAN_TEMPLATE.is_match(text)
}

static PLAN_TEMPLATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:plans?|planning|proposals?|applications?|one[- ]on[- ]one|one[- ]to[- ]one|1[:-]1|1[- ]on[- ]1|1[- ]to[- ]1|sync|check-?in|reviews?|goals?|okrs?|objectives|roadmaps?|agenda|grants?|idp|development|mentor(?:ing|ship)?|journal|weekly|monthly|quarterly|yearly|annual|sprint|project)\b",
    )
});

/// `raw` without `](destination)`, `][label]`, `<tag>` and backslashes.
fn without_inline_syntax(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let skip_to = |open: &str, close: char| {
            rest.strip_prefix(open)
                .and_then(|r| r.find(close).map(|i| open.len() + i + close.len_utf8()))
        };
        if let Some(n) = skip_to("](", ')').or_else(|| skip_to("][", ']')) {
            out.push(' ');
            rest = &rest[n..];
        } else if let Some(n) = skip_to("<", '>') {
            out.push(' ');
            rest = &rest[n..];
        } else {
            if c != '\\' {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

pub(super) fn build(
    text: &str,
    tree: Option<&SyntaxTree>,
    parser: &mut MarkdownParser,
    options: &DocumentOptions,
    memo: &Memo,
) -> GoalDocument {
    let mut doc = GoalDocument {
        len: text.len(),
        line_ending: LineEnding::detect(text),
        front_matter: None,
        sections: Vec::new(),
        items: Vec::new(),
        directives: Vec::new(),
        is_goal_document: false,
        options: options.clone(),
        period: None,
        code_blocks: Vec::new(),
    };
    let Some(tree) = tree else {
        doc.sections.push(root_section(text.len()));
        return doc;
    };
    let root = tree.root();
    let mut b = Builder {
        text,
        parser,
        memo,
        doc,
        disabled: false,
        title: None,
    };
    b.scan_blocks(root);
    b.apply_front_matter();
    let section_nodes = b.read_sections(root);
    b.decide_goal_document();
    b.directives(root);
    if b.doc.is_goal_document {
        let starts: Vec<usize> = section_nodes.iter().map(|(_, n)| n.start()).collect();
        for (k, (id, node)) in section_nodes.into_iter().enumerate() {
            // A section whose own text and facts were read before is copied (see reuse.rs):
            // `section_blocks` may read only the section's own blocks and the facts in that
            // key (tests/memo.rs compares the model with a fresh build after edits).
            let parent = b.doc.sections[id.0 as usize].parent;
            let title = parent.is_some() && parent == b.title;
            let next = starts.get(k + 1).copied();
            let reuse =
                crate::model::reuse::Reuse::new(&b.doc, b.memo, text, id, node, next, title);
            if reuse.as_ref().is_some_and(|r| r.replay(&mut b.doc)) {
                continue;
            }
            b.section_blocks(id, node);
            if let Some(r) = reuse {
                r.record(&b.doc);
            }
        }
        b.find_period();
        b.status_fields();
        b.settled_sections();
        b.link_sibling_key_results();
        b.link_sub_section_key_results();
        b.unmarked_objectives();
        b.paragraph_goals();
    }
    b.doc
}

fn root_section(len: usize) -> Section {
    Section {
        id: SectionId(0),
        parent: None,
        heading: None,
        range: TextRange::new(0, len),
        own_role: SectionRole::Other,
        role: SectionRole::Other,
        year: None,
        items: Vec::new(),
        goal_content: false,
        roadmap_part: false,
    }
}

struct Builder<'t, 'p> {
    text: &'t str,
    parser: &'p mut MarkdownParser,
    /// Results kept from earlier models of the same document.
    memo: &'p Memo,
    doc: GoalDocument,
    disabled: bool,
    /// The document title: the single level-1 heading. Its role makes the file a goal document
    /// but does not turn its subsections into goals.
    title: Option<SectionId>,
}

impl<'t> Builder<'t, '_> {
    /// Front matter and code blocks: a walk over block containers only.
    fn scan_blocks(&mut self, root: Block<'_>) {
        use BlockKind::{BlockQuote, Document, List, ListItem, Section};
        let mut stack = vec![root];
        while let Some(block) = stack.pop() {
            match block.kind() {
                BlockKind::FrontMatter if self.doc.front_matter.is_none() => {
                    self.doc.front_matter = Some(parse_front_matter(self.text, block.range()));
                }
                BlockKind::CodeBlock => self.doc.code_blocks.push(block.range()),
                Section | List | ListItem | BlockQuote
                    if !crate::syntax::may_hold_code_block(
                        &self.text[block.range().as_range()],
                    ) => {}
                Document | Section | List | ListItem | BlockQuote => {
                    stack.extend(block.children().into_iter().rev());
                }
                _ => {}
            }
        }
        self.doc.code_blocks.sort_by_key(|r| r.start);
    }

    fn apply_front_matter(&mut self) {
        let Some(fm) = &self.doc.front_matter else {
            return;
        };
        if let Some(value) = fm.get("goal-lint") {
            match value.to_ascii_lowercase().as_str() {
                "off" | "false" | "no" | "disable" | "disabled" | "ignore" => self.disabled = true,
                "on" | "true" | "yes" | "goals" => self.doc.options.opt_in = true,
                kind => {
                    self.doc.options.opt_in = true;
                    self.doc.options.kind = Some(kind.to_string());
                }
            }
        }
    }
}

fn trim_trailing_newlines(text: &str, range: TextRange) -> TextRange {
    let trimmed = text[range.as_range()].trim_end_matches(['\n', '\r']);
    TextRange::new(range.start, range.start + trimmed.len())
}

fn parse_front_matter(text: &str, range: TextRange) -> FrontMatter {
    let mut fields = Vec::new();
    let mut title_line = None;
    for (offset, line, key, value) in front_matter_lines(&text[range.as_range()]) {
        if title_line.is_none() && key.eq_ignore_ascii_case("title") {
            let start = range.start + offset;
            title_line = Some(TextRange::new(start, start + line.len()));
        }
        fields.push((key.to_string(), value));
    }
    FrontMatter {
        range,
        fields,
        title_line,
    }
}

/// The top-level `key: value` (YAML, `---`) or `key = value` (TOML, `+++`) fields of a front
/// matter block, values unquoted and without a trailing comment.
fn front_matter_fields(block: &str) -> impl Iterator<Item = (&str, String)> {
    front_matter_lines(block).map(|(_, _, key, value)| (key, value))
}

/// [`front_matter_fields`] with each field's line (without its line break) and that line's
/// byte offset in `block`.
fn front_matter_lines(block: &str) -> impl Iterator<Item = (usize, &str, &str, String)> {
    let sep = if block.starts_with("+++") { '=' } else { ':' };
    let mut offset = 0;
    block
        .split_inclusive('\n')
        .map(move |raw| {
            let at = offset;
            offset += raw.len();
            (at, raw.trim_end_matches(['\n', '\r']))
        })
        .skip(1)
        .take_while(|(_, l)| !l.starts_with("---") && !l.starts_with("+++"))
        .filter(|(_, l)| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(move |(at, line)| {
            let (key, value) = line.split_once(sep)?;
            let value = value
                .split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
                .to_string();
            Some((at, line, key.trim(), value))
        })
}

/// A parsed item head: status emoji, label, and the text after them.
struct Head {
    status: Option<Status>,
    label: Option<Label>,
    /// The label ended with a colon (`**Goal:**`), as opposed to a bold title (`**Product.**`).
    colon: bool,
    /// The whole text was bold (a group title such as `**Product strategy.**`).
    fully_bold: bool,
    content: InlineText,
}

impl Head {
    /// A head without label: a table cell's text.
    fn unlabelled(status: Option<Status>, content: InlineText) -> Head {
        Head {
            status,
            label: None,
            colon: false,
            fully_bold: false,
            content,
        }
    }
}

/// What the blocks of one section are read against.
struct Ctx {
    section: SectionId,
    role: SectionRole,
    /// The item a section's entries hang under: a heading that is itself a goal or category.
    parent: Option<ItemId>,
    /// The latest goal or objective written as a paragraph (`**Goal:** …`), which the fields
    /// that follow (`**Success Metrics:**` and its list) belong to.
    current_goal: Option<ItemId>,
    /// A label-only paragraph (`**Key Actions:**`) that says what the next list holds.
    pending: Option<(FieldKind, ItemId)>,
    /// A goal or objective paragraph (`**Objective:** …`) with a list right after it: the list
    /// is its key results or its steps.
    /// (Set only where the list follows the paragraph directly, so it is taken by that list.)
    list_owner: Option<ItemId>,
}

impl Builder<'_, '_> {
    /// The source of an entry's text, including emphasis or code markers at its edges
    /// (`**Cut over** to X`, not `Cut over** to X`).
    fn entry_range(&self, text: &InlineText) -> TextRange {
        // A leading status or decorative emoji ("⭐️ Build …") is not part of the entry.
        let (_, status_len) = leading_status(&text.plain);
        let r = if status_len < text.plain.len() {
            text.range_of(status_len..text.plain.len())
        } else {
            text.trimmed_range()
        };
        let bytes = self.text.as_bytes();
        let markup = |b: u8| matches!(b, b'*' | b'_' | b'~' | b'`');
        let mut start = r.start;
        while start > 0 && markup(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = r.end;
        while end < bytes.len() && markup(bytes[end]) {
            end += 1;
        }
        TextRange::new(start, end)
    }

    fn reparent(&mut self, id: ItemId, new_parent: ItemId) {
        let section = self.doc.items[id.0 as usize].section;
        if let Some(old) = self.doc.items[id.0 as usize].parent {
            self.doc.items[old.0 as usize].children.retain(|c| *c != id);
        } else {
            self.doc.sections[section.0 as usize]
                .items
                .retain(|c| *c != id);
        }
        self.doc.items[id.0 as usize].parent = Some(new_parent);
        self.doc.items[new_parent.0 as usize].children.push(id);
    }

    /// Split a paragraph into lines when its lines are separate entries: `KR:` lines under an
    /// objective, or a run of `**Label:** value` lines.
    fn split_lines(&self, text: &InlineText) -> Vec<InlineText> {
        let src = text.source_range();
        let raw = &self.text[src.as_range()];
        if !raw.contains('\n') && !raw.contains('\r') {
            return vec![text.clone()];
        }
        let mut bounds = vec![0];
        for (i, b) in raw.bytes().enumerate() {
            let is_break = b == b'\n' || (b == b'\r' && raw.as_bytes().get(i + 1) != Some(&b'\n'));
            if is_break {
                let plain = text.plain_offset_at(src.start + i + 1);
                if plain > *bounds.last().expect("non-empty") && plain < text.plain.len() {
                    bounds.push(plain);
                }
            }
        }
        if bounds.len() < 2 {
            return vec![text.clone()];
        }
        bounds.push(text.plain.len());
        let units: Vec<InlineText> = bounds.windows(2).map(|w| text.slice(w[0]..w[1])).collect();
        let heads: Vec<Head> = units.iter().map(|u| self.parse_head(u)).collect();
        let entry_label = |h: &Head| {
            h.label.as_ref().is_some_and(|l| {
                matches!(
                    l.kind,
                    FieldKind::KeyResult | FieldKind::Objective | FieldKind::Goal
                )
            })
        };
        let all_bold_labels = heads
            .iter()
            .all(|h| h.label.as_ref().is_some_and(|l| l.bold) && h.colon);
        // A block of metadata lines ("Owner: Dana", "Due: 2026-11-15", "Status: In progress"):
        // every line a label, at least two of them the fields metadata has.
        let metadata_lines = heads.iter().all(|h| h.label.is_some() && h.colon)
            && heads
                .iter()
                .filter(|h| {
                    h.label.as_ref().is_some_and(|l| {
                        matches!(l.kind, FieldKind::Meta | FieldKind::Info | FieldKind::When)
                    })
                })
                .count()
                >= 2;
        if heads[1..].iter().any(entry_label) || all_bold_labels || metadata_lines {
            // An entry's label left empty with the same field stated in full on the next
            // line (`Key Result:` then `Key Result 2: At least 4 …`) is a stray label, not
            // a blank field: the next line is its entry.
            let kind = |h: &Head| h.label.as_ref().map(|l| l.kind);
            let stray = |k: usize| {
                heads[k].content.plain.trim().is_empty()
                    && entry_label(&heads[k])
                    && heads
                        .get(k + 1)
                        .is_some_and(|next| kind(next) == kind(&heads[k]))
            };
            // A line with no label that starts in lower case continues the labelled line
            // before it (`**Objective:** Develop strategies to approach and solve` / `complex
            // coding problems efficiently.`): one entry, wrapped. Not after a `KR:` line: in a
            // paragraph of key results, the unlabelled lines are the objectives they measure.
            let continues = |k: usize| {
                heads[k].label.is_none()
                    && heads[k].status.is_none()
                    && units[k].plain.trim_start().starts_with(char::is_lowercase)
            };
            let wraps = |k: usize| {
                heads[k]
                    .label
                    .as_ref()
                    .is_some_and(|l| l.kind != FieldKind::KeyResult)
            };
            // Each entry's range, with the unit that starts it.
            let mut spans: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
            for k in (0..units.len()).filter(|&k| !stray(k)) {
                let span = bounds[k]..bounds[k + 1];
                match spans.last_mut() {
                    Some((last, first))
                        if continues(k) && wraps(*first) && last.end == span.start =>
                    {
                        last.end = span.end;
                    }
                    _ => spans.push((span, k)),
                }
            }
            spans.into_iter().map(|(r, _)| text.slice(r)).collect()
        } else {
            vec![text.clone()]
        }
    }

    /// Status emoji, then a label: bold (`**Why it matters:**`, `**Product strategy.**`) or
    /// plain (`KR:`, `VP Eng:`), then the content.
    fn parse_head(&self, text: &InlineText) -> Head {
        let plain = text.plain.as_str();
        let (status, status_len) = leading_status(plain);
        let mut head = Head {
            status,
            label: None,
            colon: false,
            fully_bold: false,
            content: text.slice(status_len..plain.len()),
        };
        let label_at =
            |label_end: usize, content_start: usize, label_text: &str, bold: bool, colon: bool| {
                let kind = field_kind(label_text);
                let label = Label {
                    text: label_text.trim().to_string(),
                    kind,
                    range: text.range_of(status_len..label_end),
                    bold,
                };
                (
                    label,
                    text.slice(content_start.min(plain.len())..plain.len()),
                    colon,
                )
            };
        if let Some(strong) = text
            .strong
            .first()
            .filter(|r| r.start <= status_len + 1 && r.start >= status_len)
        {
            let bold = &plain[strong.clone()];
            let after = &plain[strong.end..];
            let bold_trim = bold.trim_end();
            let words = bold.split_whitespace().count();
            if bold_trim.ends_with(':') && words <= 10 {
                let (label, content, colon) = label_at(
                    strong.end,
                    strong.end,
                    bold_trim.trim_end_matches(':'),
                    true,
                    true,
                );
                head.label = Some(label);
                head.content = content;
                head.colon = colon;
                return head;
            }
            if after.starts_with(':') && words <= 10 {
                let (label, content, colon) =
                    label_at(strong.end + 1, strong.end + 1, bold, true, true);
                head.label = Some(label);
                head.content = content;
                head.colon = colon;
                return head;
            }
            if after.trim().is_empty() {
                head.fully_bold = true;
                // `**CEO: Objective**`: a label inside the bold text.
                if let Some(caps) = PLAIN_LABEL.captures(bold)
                    && let Some(m) = caps.get(1)
                    && plain_label_ok(m.as_str())
                {
                    let label_end = strong.start + caps.get(0).expect("group 0").end();
                    let (label, content, colon) = label_at(
                        strong.start + m.end() + 1,
                        label_end,
                        m.as_str(),
                        true,
                        true,
                    );
                    head.label = Some(label);
                    head.content = content;
                    head.colon = colon;
                    return head;
                }
                // A bold title ("**Product strategy.**", "**3 Improve cluster scalability**")
                // is the entry's text; with children under it, it names a group.
                return head;
            }
        }
        let rest = &plain[status_len..];
        if let Some(caps) = NUMBERED_DASH_LABEL.captures(rest)
            && let Some(m) = caps.get(1)
        {
            let bold = text
                .strong
                .first()
                .is_some_and(|r| r.start <= status_len + 1 && r.start >= status_len);
            let content_start = status_len + caps.get(0).expect("group 0").end();
            let (label, content, colon) =
                label_at(status_len + m.end(), content_start, m.as_str(), bold, true);
            head.label = Some(label);
            head.content = content;
            head.colon = colon;
            return head;
        }
        if let Some(caps) = PLAIN_LABEL.captures(rest)
            && let Some(m) = caps.get(1)
            && plain_label_ok(m.as_str())
            // "Improve documentation by:" introduces sub-items; it is not an owner label.
            && !(field_kind(m.as_str()) == FieldKind::Owner && rest[caps.get(0).expect("group 0").end()..].trim().is_empty())
            // "Metrics exposure: https://…": a title before its link, not a field.
            && !is_bare_url(rest[caps.get(0).expect("group 0").end()..].trim())
            // "Improve onboarding for new users: [#5686](…)": a goal before the issue that
            // tracks it.
            && !(crate::model::vocab::states_a_goal(m.as_str())
                && only_references(text, status_len + caps.get(0).expect("group 0").end()))
        {
            // The label runs to its colon, past any whitespace before it (which may be
            // multibyte: U+3000, U+2028).
            let colon = rest[m.end()..].find(':').map_or(m.end(), |i| m.end() + i);
            let label_end = status_len + colon + 1;
            let content_start = status_len + caps.get(0).expect("group 0").end();
            let (label, content, colon) =
                label_at(label_end, content_start, m.as_str(), false, true);
            head.label = Some(label);
            head.content = content;
            head.colon = colon;
        }
        head
    }
}

/// The text of `text` from byte `from` on holds nothing but references: links, addresses or
/// issue numbers (`[#5686](…)`, `#12, #14`, `https://…`), separated by commas, "and", "+"
/// or spaces.
fn only_references(text: &InlineText, from: usize) -> bool {
    let plain = &text.plain;
    let Some(rest) = plain.get(from..) else {
        return false;
    };
    if rest.trim().is_empty() {
        return false;
    }
    let mut covered = vec![false; rest.len()];
    for link in &text.links {
        for i in link.start.max(from)..link.end.min(plain.len()) {
            covered[i - from] = true;
        }
    }
    let mut uncovered = String::new();
    for (i, c) in rest.char_indices() {
        uncovered.push(if covered[i] { ' ' } else { c });
    }
    uncovered
        .split(|c: char| c.is_whitespace() || c == ',' || c == '+')
        .filter(|w| !w.is_empty())
        .all(|w| {
            w == "and"
                || is_bare_url(w)
                || w.strip_prefix('#')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
}

/// A lone address (`https://…`), as after the title of a linked item.
fn is_bare_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// A thing and a done participle ("Plugin API stabilized", "Checkout migrated") is an outcome
/// that the text after the colon explains, not an owner: owners are names and teams.
fn states_an_outcome(label: &str) -> bool {
    let mut words = label.split_whitespace();
    let last = words.next_back().unwrap_or("");
    words.next().is_some()
        && last.len() > 4
        && last.ends_with("ed")
        && last.chars().all(|c| c.is_ascii_lowercase())
}

/// A text before a colon is a label when it is short and reads like one: a known field, or a
/// capitalised owner/team prefix. "Note that we will: …" is not a label.
fn plain_label_ok(label: &str) -> bool {
    let label = label.trim();
    let words = label.split_whitespace().count();
    // A full stop ends a sentence ("Note. We will: …"); a dot inside a number or an id
    // ("KR 1.1", "KR 2b.3", "v2.0") does not.
    let sentence_stop = label
        .char_indices()
        .any(|(i, c)| c == '.' && !label[i + 1..].starts_with(|n: char| n.is_ascii_alphanumeric()));
    // "v3.0 (target: April 2027)": the colon is inside an aside, not after a label.
    let open_aside = label.matches('(').count() > label.matches(')').count();
    if words == 0
        || words > 8
        || sentence_stop
        || open_aside
        || label.contains(['!', '?', ';', '"', '`', '“'])
    {
        return false;
    }
    match field_kind(label) {
        // "TODO: second goal": a note to self, which the placeholder check must see, not an
        // owner.
        FieldKind::Owner if matches!(label.to_ascii_uppercase().as_str(), "TODO" | "FIXME") => {
            false
        }
        FieldKind::Owner => {
            words <= 4
                && label
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '[' || c.is_ascii_digit())
                && !states_an_outcome(label)
        }
        _ => words <= 8,
    }
}

fn trim_trailing_space(text: &str, range: TextRange) -> TextRange {
    let trimmed = text[range.as_range()].trim_end();
    TextRange::new(range.start, range.start + trimmed.len())
}

impl Builder<'_, '_> {
    /// The entry a [`Parent`] decision names: `shape` is the one the shape gives (the list
    /// item above, the objective heading above).
    fn parent_for(&self, parent: Parent, ctx: &Ctx, shape: Option<ItemId>) -> Option<ItemId> {
        match parent {
            Parent::Context => ctx.parent,
            Parent::Goal => ctx.current_goal,
            Parent::GoalOrContext => ctx.current_goal.or(ctx.parent),
            Parent::Shape => shape,
            Parent::None => None,
        }
    }
}

/// Everything needed to add an item.
struct ItemDraft {
    kind: ItemKind,
    origin: Origin,
    parent: Option<ItemId>,
    section: SectionId,
    range: TextRange,
    line: TextRange,
    head: Head,
    checkbox: Option<bool>,
    list: Option<ListInfo>,
    depth: u32,
}

impl Builder<'_, '_> {
    fn push_item(&mut self, draft: ItemDraft) -> ItemId {
        let id = ItemId(self.doc.items.len() as u32);
        let Head {
            status,
            label,
            content,
            ..
        } = draft.head;
        let mut kind = draft.kind;
        // Questions are prompts, a bare link is a reference, a quoted line is an example.
        if matches!(
            kind,
            ItemKind::Goal
                | ItemKind::Objective
                | ItemKind::KeyResult
                | ItemKind::Action
                | ItemKind::SuccessCriterion
                | ItemKind::Why
                | ItemKind::SupportRequest
                | ItemKind::Capability
        ) {
            let plain = content.plain.as_str();
            // A bare link to a document ("[Q4 Product Plans](…)") is a reference; a link whose
            // text is a goal ("VP Eng: [Improve predictability](issue)") is still a goal.
            // A bare link to a heading of the same document ("[Delivery quality](#delivery-
            // quality)") is a table of contents.
            let bare_link = content.links.len() == 1 && content.links[0] == (0..plain.len());
            let link_only = bare_link
                && (DOCUMENT_TITLE.is_match(plain)
                    || self.text[content.range_of(0..plain.len()).end..].starts_with("](#"));
            if plain.ends_with('?') || link_only {
                kind = ItemKind::Other;
            } else if plain.starts_with(['"', '“']) && quoted_example(plain) {
                kind = ItemKind::Example;
            }
        }
        let mut timeframes = Vec::new();
        if let Some(label) = &label {
            let label_text = &self.text[label.range.as_range()];
            for t in find_timeframes_memo(self.memo, label_text) {
                timeframes.push(Timeframe {
                    range: TextRange::new(
                        label.range.start + t.range.start,
                        label.range.start + t.range.end,
                    ),
                    kind: t.kind,
                    deadline: t.deadline,
                });
            }
        }
        for t in find_timeframes_memo(self.memo, &content.plain) {
            timeframes.push(Timeframe {
                range: content.range_of(t.range),
                kind: t.kind,
                deadline: t.deadline,
            });
        }
        // What the entry says of itself after the work: struck through, "parked", "(deferred
        // to Q1)", "done Oct 12", a score "(0.5)".
        let first_visible = if content.plain.trim().is_empty() {
            draft.line.end
        } else {
            content.to_source(content.plain.len() - content.plain.trim_start().len())
        };
        let line_start = crate::text::line_start(self.text, first_visible);
        let struck = self
            .text
            .get(draft.range.start.max(line_start).min(first_visible)..first_visible)
            .is_some_and(|before| before.contains("~~"));
        let status = match status {
            None if struck => Some(Status::Dropped),
            None => settled_tail(&content.plain),
            known => known,
        };
        let item = Item {
            id,
            kind,
            origin: draft.origin,
            parent: draft.parent,
            children: Vec::new(),
            section: draft.section,
            range: draft.range,
            line: draft.line,
            text: content,
            label,
            status,
            checkbox: draft.checkbox,
            timeframes,
            list: draft.list,
            depth: draft.depth,
        };
        match draft.parent {
            Some(p) => self.doc.items[p.0 as usize].children.push(id),
            None => self.doc.sections[draft.section.0 as usize].items.push(id),
        }
        self.doc.items.push(item);
        id
    }
}

/// `"Ship payments v2 …" (not "work on payments")`: a quoted line, maybe followed by a note.
fn quoted_example(plain: &str) -> bool {
    let Some(open) = plain.chars().next() else {
        return false;
    };
    let body = &plain[open.len_utf8()..];
    let close = body
        .char_indices()
        .find(|(_, c)| matches!(c, '"' | '”'))
        .map(|(i, c)| open.len_utf8() + i + c.len_utf8());
    match close {
        Some(end) => {
            let after = plain[end..].trim();
            after.is_empty() || after.starts_with('(') || after.starts_with(['-', '–', '—'])
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_title_line_is_found_in_yaml_and_toml() {
        for (text, key_sep) in [
            (
                "---\r\ndate: 2027-01-01\r\ntitle: \"Goals 2027\"\r\n---\r\n# x\r\n",
                ':',
            ),
            ("+++\ndraft = false\ntitle = \"Goals 2027\"\n+++\n", '='),
        ] {
            let end = text.rfind(['-', '+']).unwrap() + 1;
            let fm = parse_front_matter(text, TextRange::new(0, end));
            let line = fm.title_line.expect("a title line");
            assert_eq!(
                &text[line.as_range()],
                format!(
                    "title{} \"Goals 2027\"",
                    if key_sep == ':' { ":" } else { " =" }
                )
            );
            assert_eq!(fm.get("title"), Some("Goals 2027"));
        }
        // A nested key or a key of the other syntax is not the document's title.
        let text = "---\nmeta:\n  title: Nested\nother = x\n---\n";
        let fm = parse_front_matter(text, TextRange::new(0, text.len()));
        assert_eq!(fm.title_line, None);
    }
}
