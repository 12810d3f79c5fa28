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
use tree_sitter::Node;

use super::timeframe::{Period, TimeframeKind, find_timeframes_memo};
use super::vocab::{FieldKind, SectionRole, Status, field_kind, leading_status, section_role};
use super::{
    DirectiveComment, DocumentOptions, FrontMatter, GoalDocument, Heading, Item, ItemId, ItemKind,
    Label, ListInfo, Origin, Section, SectionId, Timeframe,
};
use crate::memo::Memo;
use crate::syntax::{InlineText, MarkdownParser, SyntaxTree};
use crate::text::{LineEnding, TextRange};

/// Lists nested deeper than this are not goal structure; they are left out of the model (this
/// also bounds the builder's recursion on hostile input).
const MAX_LIST_DEPTH: u32 = 12;

/// A line that labels itself as a goal, objective or key result, wherever it stands.
static EXPLICIT_GOAL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?mi)^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?[ \t]*(?:goal|objective|key[ -]result|kr)[ \t]*#?\d*[ \t]*(?:\*\*|__)?[ \t]*:",
    )
});

/// Words that make a link's text the title of a document rather than a statement.
static DOCUMENT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:plans?|okrs?|goals|roadmap|doc|docs|document|page|notes|template|spreadsheet|deck|report|handbook|review|retro(?:spective)?|q[1-4]|h[12]|\d{4})\b",
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

/// The text after a closed YAML front matter block at its start (all of it when there is none).
fn after_front_matter(text: &str) -> &str {
    let Some(body) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    let mut offset = text.len() - body.len();
    for line in body.split_inclusive('\n') {
        offset += line.len();
        if line == "---\n" || line == "---\r\n" {
            return &text[offset..];
        }
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
    crate::re::compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
});

/// `raw` with its character references decoded; `None` when one of them is a named reference
/// this table does not know (it could spell anything, so the caller assumes the worst).
fn decode_references(raw: &str) -> Option<String> {
    let mut unknown = false;
    let decoded = CHARACTER_REFERENCE.replace_all(raw, |c: &regex::Captures<'_>| {
        let ch = if let Some(dec) = c.get(1) {
            dec.as_str().parse().ok().and_then(char::from_u32)
        } else if let Some(hex) = c.get(2) {
            u32::from_str_radix(hex.as_str(), 16)
                .ok()
                .and_then(char::from_u32)
        } else {
            // HTML also spells a few of these in capitals (`&COPY;`).
            match c[3].to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "copy" => Some('©'),
                "reg" => Some('®'),
                "trade" => Some('™'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "middot" => Some('·'),
                "bull" => Some('•'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                _ => None,
            }
        };
        unknown |= ch.is_none();
        ch.unwrap_or(' ').to_string()
    });
    (!unknown).then(|| decoded.into_owned())
}

/// Whether the heading whose source is `raw` may get a goal role once its inline syntax is
/// read. The model drops link destinations, reference labels, HTML tags and backslashes, and
/// decodes character references, so the role is asked of the text both with and without them.
fn heading_may_have_goal_role(raw: &str) -> bool {
    let is_goal = |text: &str| {
        section_role(text).is_goal_role()
            || section_role(&without_inline_syntax(text)).is_goal_role()
    };
    if is_goal(raw) {
        return true;
    }
    if raw.contains('&') && CHARACTER_REFERENCE.is_match(raw) {
        return decode_references(raw).is_none_or(|decoded| is_goal(&decoded));
    }
    false
}

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
        let starts: Vec<usize> = section_nodes.iter().map(|(_, n)| n.start_byte()).collect();
        for (k, (id, node)) in section_nodes.into_iter().enumerate() {
            // A section whose own text and facts were read before is copied (see reuse.rs):
            // `section_blocks` may read only the section's own blocks and the facts in that
            // key (tests/memo.rs compares the model with a fresh build after edits).
            let parent = b.doc.sections[id.0 as usize].parent;
            let title = parent.is_some() && parent == b.title;
            let next = starts.get(k + 1).copied();
            let reuse = super::reuse::Reuse::new(&b.doc, b.memo, text, id, node, next, title);
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
    fn range(node: Node<'_>) -> TextRange {
        TextRange::new(node.start_byte(), node.end_byte())
    }

    /// Front matter and code blocks: a walk over block containers only.
    fn scan_blocks(&mut self, root: Node<'_>) {
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            match node.kind() {
                "minus_metadata" | "plus_metadata" if self.doc.front_matter.is_none() => {
                    self.doc.front_matter = Some(parse_front_matter(self.text, Self::range(node)));
                }
                "fenced_code_block" | "indented_code_block" => {
                    self.doc.code_blocks.push(Self::range(node));
                }
                "section" | "list" | "list_item" | "block_quote"
                    if !crate::syntax::may_hold_code_block(
                        &self.text[Self::range(node).as_range()],
                    ) => {}
                "document" | "section" | "list" | "list_item" | "block_quote" => {
                    let mut cursor = node.walk();
                    let children: Vec<_> = node.children(&mut cursor).collect();
                    stack.extend(children.into_iter().rev());
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

    /// Pass 1: the section tree with headings and roles. Returns each section's block-tree
    /// node(s) in document order for pass 2.
    fn read_sections<'tree>(&mut self, root: Node<'tree>) -> Vec<(SectionId, Node<'tree>)> {
        self.doc.sections.push(root_section(self.text.len()));
        let h1_count = {
            let mut count = 0;
            let mut stack = vec![root];
            while let Some(n) = stack.pop() {
                let mut c = n.walk();
                for child in n.children(&mut c) {
                    match child.kind() {
                        "section" => stack.push(child),
                        "atx_heading" | "setext_heading" if heading_level(child) == 1 => count += 1,
                        _ => {}
                    }
                }
            }
            count
        };
        let mut stack = vec![(root, SectionId(0))];
        let mut nodes = vec![(SectionId(0), root)];
        while let Some((node, parent)) = stack.pop() {
            let mut cursor = node.walk();
            let children: Vec<_> = node.children(&mut cursor).collect();
            let mut next = Vec::new();
            for child in children {
                if child.kind() != "section" {
                    continue;
                }
                let heading = first_child_of(child, &["atx_heading", "setext_heading"]);
                let id = match heading {
                    // Content before the first heading belongs to the enclosing section.
                    None => parent,
                    Some(h) => {
                        let id = self.push_section(child, h, parent);
                        if heading_level(h) == 1 && h1_count == 1 && self.title.is_none() {
                            self.title = Some(id);
                        }
                        id
                    }
                };
                nodes.push((id, child));
                next.push((child, id));
            }
            stack.extend(next.into_iter().rev());
        }
        // Roles and years flow from parents to children: sections were pushed parents first.
        self.doc.sections.sort_by_key(|s| s.id);
        // A document titled with goals ("# Strategic Goals", "# 30-60-90 Day Plan") whose other
        // top headings are periods ("# 2023", "## Q3 2025 (draft)", "## Days 31-60"): each
        // period's sections hold its goals.
        let goal_title = self.doc.sections.get(1).filter(|s| {
            let top = self
                .doc
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref().map(|h| h.level))
                .min();
            s.own_role.is_goal_role() && s.heading.as_ref().map(|h| h.level) == top
        });
        let title_role = goal_title.map(|s| (s.id, s.own_role));
        for i in 0..self.doc.sections.len() {
            let (role, year) = match self.doc.sections[i].parent {
                None => (SectionRole::Other, None),
                Some(p) => {
                    let parent = &self.doc.sections[p.0 as usize];
                    let inherited = if Some(p) == self.title && parent.heading.is_some() {
                        SectionRole::Other
                    } else {
                        parent.role
                    };
                    (inherited, parent.year)
                }
            };
            let section = &self.doc.sections[i];
            let role = match title_role {
                Some((title, title_role))
                    if section.own_role == SectionRole::Other
                        && (section.parent == Some(SectionId(0))
                            || section.parent == Some(title))
                        && section.heading.as_ref().is_some_and(|h| {
                            super::vocab::is_dated_period_heading(&h.text.plain)
                                || super::vocab::is_relative_period_heading(&h.text.plain)
                        }) =>
                {
                    // A period of a goals document is a goals section of its own: its goals are
                    // counted per period, and its sub-headings inherit the role.
                    self.doc.sections[i].own_role = title_role;
                    title_role
                }
                _ => role,
            };
            // The parent heading says it is a goal or objective ("## Objective: …").
            let parent_says_goal = self.doc.sections[i]
                .parent
                .is_some_and(|p| self.doc.sections[p.0 as usize].own_role.is_goal_role());
            let section = &mut self.doc.sections[i];
            // Under a heading that holds no goals ("## Progress tracking", "## Retrospective")
            // nothing is a goal, whatever a sub-heading says ("### Monthly career review").
            if role == SectionRole::NotGoals && section.own_role.is_goal_role() {
                section.own_role = SectionRole::NotGoals;
            }
            if section.own_role == SectionRole::Work && !parent_says_goal {
                // Work not under a heading that says it is a goal ("## Focus projects" under
                // a theme of a goals page) is neutral: it takes its parent's role.
                section.role = role;
            } else if section.own_role != SectionRole::Other {
                section.role = section.own_role;
            } else {
                section.role = role;
            }
            if section.year.is_none() {
                section.year = year;
            }
        }
        // Blocks are read in document order.
        nodes.sort_by_key(|(_, n)| n.start_byte());
        nodes
    }

    fn push_section(&mut self, node: Node<'_>, heading: Node<'_>, parent: SectionId) -> SectionId {
        let id = SectionId(self.doc.sections.len() as u32);
        let text = match first_child_of(heading, &["inline"]).or_else(|| setext_inline(heading)) {
            Some(inline) => (*self.parser.inline_text(inline, self.text)).clone(),
            None => InlineText::empty_at(heading.end_byte()),
        };
        let own_role = section_role(&text.plain);
        let year = find_timeframes_memo(self.memo, &text.plain)
            .iter()
            .find_map(|t| match t.kind {
                TimeframeKind::Quarter { year, .. } | TimeframeKind::Half { year, .. } => year,
                TimeframeKind::Year(y) => Some(y),
                TimeframeKind::Calendar { year, .. } => year,
                _ => None,
            });
        self.doc.sections.push(Section {
            id,
            parent: Some(parent),
            heading: Some(Heading {
                level: heading_level(heading),
                range: trim_trailing_newlines(self.text, Self::range(heading)),
                text,
                item: None,
            }),
            range: Self::range(node),
            own_role,
            role: own_role,
            year,
            items: Vec::new(),
            goal_content: false,
        });
        id
    }

    fn decide_goal_document(&mut self) {
        if self.disabled {
            return;
        }
        let by_heading = self.doc.sections.iter().any(|s| s.own_role.is_goal_role());
        let by_label = || {
            EXPLICIT_GOAL_LINE
                .find_iter(self.text)
                .any(|m| !self.doc.in_code_block(m.start()))
        };
        self.doc.is_goal_document = self.doc.options.opt_in || by_heading || by_label();
        // Goal content: a goal role on the section, an ancestor or a descendant.
        let n = self.doc.sections.len();
        let mut content: Vec<bool> = self
            .doc
            .sections
            .iter()
            .map(|s| s.own_role.is_goal_role() || s.role.is_goal_role())
            .collect();
        for i in 0..n {
            if let Some(p) = self.doc.sections[i].parent
                && content[p.0 as usize]
            {
                content[i] = true;
            }
        }
        for i in (0..n).rev() {
            if self.doc.sections[i].own_role.is_goal_role() {
                let mut up = self.doc.sections[i].parent;
                while let Some(p) = up {
                    content[p.0 as usize] = true;
                    up = self.doc.sections[p.0 as usize].parent;
                }
            }
        }
        for (s, c) in self.doc.sections.iter_mut().zip(content) {
            s.goal_content = c || self.doc.options.opt_in;
        }
        if self.doc.options.opt_in {
            let default = match self.doc.options.kind.as_deref() {
                Some("okr" | "okrs") => SectionRole::Objectives,
                _ => SectionRole::Goals,
            };
            for s in &mut self.doc.sections {
                if s.role == SectionRole::Other {
                    s.role = default;
                }
            }
        }
    }

    /// A `Status:` field says whether the goal it belongs to is open ("In progress") or done,
    /// as a table's `Status` column does for its row.
    fn status_fields(&mut self) {
        for i in 0..self.doc.items.len() {
            let item = &self.doc.items[i];
            let (Some(parent), Some(label)) = (item.parent, item.label.as_ref()) else {
                continue;
            };
            if !label.text.trim().eq_ignore_ascii_case("status") {
                continue;
            }
            let Some(status) = status_word(&item.text.plain) else {
                continue;
            };
            let parent = &mut self.doc.items[parent.0 as usize];
            if parent.status.is_none()
                && parent.checkbox.is_none()
                && matches!(parent.kind, ItemKind::Goal | ItemKind::Objective)
            {
                parent.status = Some(status);
            }
        }
    }

    /// Entries under a heading that says they are settled ("## Done", "## Parking lot",
    /// "### Backlog (not this quarter)") are done or set aside, unless they say otherwise.
    fn settled_sections(&mut self) {
        let n = self.doc.sections.len();
        let mut settled: Vec<Option<Status>> = vec![None; n];
        for i in 0..n {
            let s = &self.doc.sections[i];
            let own = s
                .heading
                .as_ref()
                .and_then(|h| settled_heading(&h.text.plain));
            settled[i] = own.or_else(|| s.parent.and_then(|p| settled[p.0 as usize]));
        }
        for item in &mut self.doc.items {
            if item.status.is_none()
                && item.checkbox != Some(true)
                && let Some(status) = settled[item.section.0 as usize]
            {
                item.status = Some(status);
            }
        }
    }

    /// Key results kept in a `Key Results` section beside the `Objectives` section of the
    /// same owner belong to those objectives: those under a sub-heading that repeats an
    /// objective's words go to it, so do those numbered after it ("KR 2.1" to objective 2),
    /// and all of them go to the only objective. The rest stay unattached.
    fn link_sibling_key_results(&mut self) {
        let doc = &self.doc;
        let mut links = Vec::new();
        for kr_section in &doc.sections {
            if kr_section.own_role != SectionRole::KeyResults || kr_section.parent.is_none() {
                continue;
            }
            let Some(objective_section) = doc.sections[..kr_section.id.0 as usize]
                .iter()
                .rev()
                .find(|o| o.parent == kr_section.parent && o.own_role == SectionRole::Objectives)
            else {
                continue;
            };
            let objectives: Vec<&Item> = doc
                .items
                .iter()
                .filter(|i| {
                    i.kind == ItemKind::Objective
                        && i.parent.is_none()
                        && objective_section.range.contains(i.line.start)
                })
                .collect();
            if objectives.is_empty() {
                continue;
            }
            for kr in doc.items.iter().filter(|i| {
                i.kind == ItemKind::KeyResult
                    && i.parent.is_none()
                    && kr_section.range.contains(i.line.start)
            }) {
                let sub_heading = (kr.section != kr_section.id)
                    .then(|| doc.sections[kr.section.0 as usize].heading.as_ref())
                    .flatten()
                    .map(|h| objective_words(&h.text.plain));
                let named = sub_heading.and_then(|words| {
                    objectives
                        .iter()
                        .find(|o| !words.is_empty() && objective_words(&o.text.plain) == words)
                });
                let numbered = || {
                    let n = key_result_number(kr)?;
                    objectives
                        .iter()
                        .enumerate()
                        .find(|(i, o)| objective_number(o).unwrap_or(i + 1) == n)
                        .map(|(_, o)| o)
                };
                let only = || (objectives.len() == 1).then(|| &objectives[0]);
                if let Some(objective) = named.or_else(numbered).or_else(only) {
                    links.push((kr.id, objective.id));
                }
            }
        }
        for (kr, objective) in links {
            self.reparent(kr, objective);
        }
    }

    fn find_period(&mut self) {
        let kind = self.doc.options.kind.as_deref().unwrap_or("");
        let mut best: Option<Period> = match kind {
            "quarterly" => Some(Period::Quarter),
            _ => None,
        };
        let mut consider = |p: Period| {
            best = Some(match (best, p) {
                (Some(Period::Quarter), _) | (_, Period::Quarter) => Period::Quarter,
                (Some(Period::Half), _) | (_, Period::Half) => Period::Half,
                _ => Period::Year,
            });
        };
        let texts = self
            .doc
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| &h.text.plain))
            .chain(
                self.doc
                    .items
                    .iter()
                    .filter(|i| i.kind == ItemKind::Meta)
                    .map(|i| &i.text.plain),
            );
        for plain in texts {
            let lower = plain.to_lowercase();
            if lower.contains("quarter") {
                consider(Period::Quarter);
            }
            for t in find_timeframes_memo(self.memo, plain) {
                match t.kind {
                    TimeframeKind::Quarter { .. } => consider(Period::Quarter),
                    TimeframeKind::Half { .. } => consider(Period::Half),
                    _ => {}
                }
            }
        }
        for item in &self.doc.items {
            if item.kind == ItemKind::Meta
                && item
                    .label
                    .as_ref()
                    .is_some_and(|l| l.text.eq_ignore_ascii_case("quarter"))
            {
                consider(Period::Quarter);
            }
        }
        self.doc.period = best;
    }

    /// Suppression comments: `<!-- goal-lint… -->` outside code.
    fn directives(&mut self, root: Node<'_>) {
        let text = self.text;
        for m in DIRECTIVE.find_iter(text) {
            let start = m.start();
            if self.doc.in_code_block(start) {
                continue;
            }
            let Some(close) = text[m.end()..].find("-->") else {
                continue;
            };
            let end = m.end() + close + 3;
            let Some(node) = root.descendant_for_byte_range(start, start + 4) else {
                continue;
            };
            // Inside a paragraph the comment must be real inline HTML, not code-span text.
            let mut n = Some(node);
            let mut ok = true;
            while let Some(cur) = n {
                match cur.kind() {
                    "fenced_code_block" | "indented_code_block" | "code_fence_content" => {
                        ok = false;
                        break;
                    }
                    "inline" => {
                        let inline = self.parser.inline_text(cur, text);
                        ok = inline.html.iter().any(|r| r.start == start);
                        break;
                    }
                    "html_block" => break,
                    _ => n = cur.parent(),
                }
            }
            if !ok {
                continue;
            }
            let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let line_end = text[end..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| end + i);
            let own_line =
                text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty();
            let body = text[start + 4..end - 3].trim().to_string();
            self.doc.directives.push(DirectiveComment {
                range: TextRange::new(start, end),
                body,
                own_line,
            });
        }
    }
}

fn heading_level(heading: Node<'_>) -> u8 {
    let mut cursor = heading.walk();
    for child in heading.children(&mut cursor) {
        let kind = child.kind();
        if let Some(level) = kind
            .strip_prefix("atx_h")
            .and_then(|rest| rest.strip_suffix("_marker"))
        {
            return level.parse().unwrap_or(1);
        }
        if kind == "setext_h1_underline" {
            return 1;
        }
        if kind == "setext_h2_underline" {
            return 2;
        }
    }
    1
}

fn first_child_of<'a>(node: Node<'a>, kinds: &[&str]) -> Option<Node<'a>> {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .find(|c| kinds.contains(&c.kind()))
}

fn setext_inline(heading: Node<'_>) -> Option<Node<'_>> {
    first_child_of(heading, &["paragraph"]).and_then(|p| first_child_of(p, &["inline"]))
}

fn trim_trailing_newlines(text: &str, range: TextRange) -> TextRange {
    let trimmed = text[range.as_range()].trim_end_matches(['\n', '\r']);
    TextRange::new(range.start, range.start + trimmed.len())
}

fn parse_front_matter(text: &str, range: TextRange) -> FrontMatter {
    let body = &text[range.as_range()];
    let toml = body.starts_with("+++");
    let mut fields = Vec::new();
    for line in body.lines().skip(1) {
        if line.starts_with("---") || line.starts_with("+++") {
            break;
        }
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let sep = if toml { '=' } else { ':' };
        if let Some((key, value)) = line.split_once(sep) {
            let value = value
                .split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
                .to_string();
            fields.push((key.trim().to_string(), value));
        }
    }
    FrontMatter { range, fields }
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

/// Label kinds whose field must not be left empty in a template.
fn is_fill_in_field(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::Goal
            | FieldKind::Objective
            | FieldKind::KeyResult
            | FieldKind::Why
            | FieldKind::Success
            | FieldKind::Capability
            | FieldKind::Meta
    )
}

fn item_kind_of_field(kind: FieldKind, role: SectionRole) -> ItemKind {
    match kind {
        FieldKind::Goal if role == SectionRole::Actions => ItemKind::Action,
        FieldKind::Goal => ItemKind::Goal,
        FieldKind::Objective => ItemKind::Objective,
        FieldKind::KeyResult => ItemKind::KeyResult,
        FieldKind::Why => ItemKind::Why,
        FieldKind::Success => ItemKind::SuccessCriterion,
        FieldKind::Actions | FieldKind::Action => ItemKind::Action,
        FieldKind::Support => ItemKind::SupportRequest,
        FieldKind::Capability => ItemKind::Capability,
        FieldKind::Examples => ItemKind::Example,
        FieldKind::Meta => ItemKind::Meta,
        FieldKind::Info | FieldKind::Owner | FieldKind::When => ItemKind::Other,
    }
}

fn item_kind_of_role(role: SectionRole) -> ItemKind {
    match role {
        SectionRole::Goals => ItemKind::Goal,
        SectionRole::Objectives => ItemKind::Objective,
        SectionRole::KeyResults => ItemKind::KeyResult,
        SectionRole::Actions => ItemKind::Action,
        SectionRole::SuccessMetrics => ItemKind::SuccessCriterion,
        SectionRole::Support => ItemKind::SupportRequest,
        SectionRole::Career => ItemKind::Capability,
        SectionRole::Work | SectionRole::NotGoals | SectionRole::Other => ItemKind::Other,
    }
}

/// The kind an unlabelled child gets from its parent.
fn child_kind(parent: ItemKind, role: SectionRole) -> ItemKind {
    let goal = matches!(parent, ItemKind::Goal | ItemKind::Objective);
    match role {
        // Work items are what is attached to their goal, not judged one by one.
        SectionRole::Work => return ItemKind::Other,
        SectionRole::KeyResults if goal => return ItemKind::KeyResult,
        SectionRole::SuccessMetrics if goal => return ItemKind::SuccessCriterion,
        SectionRole::Actions if goal => return ItemKind::Action,
        _ => {}
    }
    match parent {
        ItemKind::Category => match role {
            SectionRole::Objectives => ItemKind::Objective,
            SectionRole::Actions => ItemKind::Action,
            _ => ItemKind::Goal,
        },
        ItemKind::Objective => ItemKind::KeyResult,
        ItemKind::Goal if role == SectionRole::Actions => ItemKind::Action,
        _ => ItemKind::Other,
    }
}

static KR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?[^:\n]{0,30}?\b(?:kr\s*#?\d*|key[ -]results?)[ \t]*(?:\*\*|__)?[ \t]*:",
    )
});

impl Builder<'_, '_> {
    fn section_blocks(&mut self, id: SectionId, node: Node<'_>) {
        let role = self.doc.sections[id.0 as usize].role;
        let mut ctx = Ctx {
            section: id,
            role,
            parent: None,
            current_goal: None,
            pending: None,
            list_owner: None,
        };
        if node.kind() == "section"
            && first_child_of(node, &["atx_heading", "setext_heading"]).is_some()
        {
            self.heading_item(node, &mut ctx);
        }
        // A part of one goal under its heading ("## Objective: …" / "### Key results",
        // "### Initiatives"): what it holds belongs to that goal.
        let section = &self.doc.sections[id.0 as usize];
        // (Work keeps its role only under a heading that says it is a goal; see
        // `read_sections`.)
        if ctx.parent.is_none()
            && (matches!(
                section.own_role,
                SectionRole::KeyResults | SectionRole::SuccessMetrics | SectionRole::Actions
            ) || section.role == SectionRole::Work)
            && let Some(owner) = section.parent.and_then(|p| {
                let parent = &self.doc.sections[p.0 as usize];
                let item = &self.doc.items[parent.heading.as_ref()?.item?.0 as usize];
                matches!(item.kind, ItemKind::Goal | ItemKind::Objective).then_some(item.id)
            })
        {
            ctx.parent = Some(owner);
            ctx.current_goal = Some(owner);
        }
        let mut cursor = node.walk();
        let children: Vec<_> = node.children(&mut cursor).collect();
        for child in children {
            match child.kind() {
                "paragraph" => self.paragraph(child, &mut ctx),
                "list" => {
                    let pending = ctx.pending.take();
                    let owner = ctx.list_owner.take();
                    self.list(child, &mut ctx, owner, pending, 0);
                }
                "thematic_break" => {
                    ctx.pending = None;
                    ctx.current_goal = ctx.parent;
                }
                "pipe_table" => {
                    ctx.pending = None;
                    self.table(child, &mut ctx);
                }
                "section" | "atx_heading" | "setext_heading" | "minus_metadata"
                | "plus_metadata" => {}
                _ => ctx.pending = None,
            }
        }
    }

    /// A heading inside a goals section can itself be a goal (`#### Ship a Java SDK`) or name a
    /// group of goals (`### Technical Depth` over a list).
    fn heading_item(&mut self, node: Node<'_>, ctx: &mut Ctx) {
        let section = &self.doc.sections[ctx.section.0 as usize];
        let Some(heading) = section.heading.as_ref() else {
            return;
        };
        let parent_role = match section.parent {
            Some(p) if Some(p) != self.title => self.doc.sections[p.0 as usize].role,
            _ => SectionRole::Other,
        };
        let own_role = section.own_role;
        let heading_range = heading.range;
        let head = self.parse_head(&heading.text.clone());
        let first_block = {
            let mut cursor = node.walk();
            node.children(&mut cursor)
                .find(|c| !matches!(c.kind(), "atx_heading" | "setext_heading"))
                .map(|c| c.kind())
        };
        // "### Priority 1: Ship payments v2": a numbered priority names its goal.
        let numbered_priority = head.label.as_ref().is_some_and(|l| {
            let t = l.text.trim().to_lowercase();
            t.strip_prefix("priority").is_some_and(|n| {
                !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit() || c == '#')
            })
        });
        let label_kind = head.label.as_ref().map(|l| {
            if numbered_priority {
                FieldKind::Goal
            } else {
                l.kind
            }
        });
        let kind = match label_kind {
            Some(FieldKind::Goal | FieldKind::Objective | FieldKind::KeyResult)
                if !head.content.plain.is_empty() =>
            {
                item_kind_of_field(label_kind.unwrap_or(FieldKind::Goal), parent_role)
            }
            _ if own_role == SectionRole::Other
                && matches!(parent_role, SectionRole::Goals | SectionRole::Objectives) =>
            {
                // In an OKR document a heading over a list is an objective and the list its key
                // results ("### Build the team" / "- hire 2 engineers"); in a goals document
                // it groups goals.
                if first_block == Some("list") && parent_role == SectionRole::Objectives {
                    ItemKind::Objective
                } else if first_block == Some("list") {
                    ItemKind::Category
                } else {
                    item_kind_of_role(parent_role)
                }
            }
            _ => return,
        };
        if head.content.plain.is_empty() && kind != ItemKind::Category {
            return;
        }
        // "## O1: Make deploys boring" / "### KR1: …": a key-result heading belongs to the
        // objective heading it is nested under.
        let parent = (kind == ItemKind::KeyResult)
            .then(|| self.doc.sections[ctx.section.0 as usize].parent)
            .flatten()
            .and_then(|p| self.doc.sections[p.0 as usize].heading.as_ref()?.item)
            .filter(|p| {
                matches!(
                    self.doc.items[p.0 as usize].kind,
                    ItemKind::Objective | ItemKind::Goal
                )
            });
        let id = self.push_item(ItemDraft {
            kind,
            origin: Origin::Heading,
            parent,
            section: ctx.section,
            range: heading_range,
            line: heading_range,
            head,
            checkbox: None,
            list: None,
            depth: 0,
        });
        self.doc.sections[ctx.section.0 as usize]
            .heading
            .as_mut()
            .expect("heading checked above")
            .item = Some(id);
        ctx.parent = Some(id);
        if matches!(kind, ItemKind::Goal | ItemKind::Objective) {
            ctx.current_goal = Some(id);
        }
    }

    /// Each body row of a table in goal content is an entry of its own. Its header says what
    /// the row is: a `Goal`, `Objective`, `Key result` or `Action` column makes the row that
    /// entry (its text is that cell); `Key results` or `Success` beside it hold what the entry
    /// is measured by, `Target` its measure, `Due` its deadline, `Owner` whose it is and
    /// `Status` whether it is open. Without such a column the row is an entry of kind `Other`
    /// (its role among goals is not known), so template text and open boxes in it are seen.
    /// A cell that is only `[ ]` or `[x]` is the row's checkbox.
    fn table(&mut self, node: Node<'_>, ctx: &mut Ctx) {
        if !self.doc.sections[ctx.section.0 as usize].goal_content {
            return;
        }
        let mut cursor = node.walk();
        let children: Vec<_> = node.children(&mut cursor).collect();
        let columns: Vec<Column> = children
            .iter()
            .find(|c| c.kind() == "pipe_table_header")
            .map(|h| table_cells(&self.text[Self::range(*h).as_range()]).collect::<Vec<_>>())
            .map(|cells| read_columns(&cells))
            .unwrap_or_default();
        let column = |wanted: Column| columns.iter().position(|c| *c == wanted);
        let status_column = column(Column::Status);
        let entry_column = columns.iter().position(|c| matches!(c, Column::Entry(_)));
        // The previous row's entry: a row that repeats it ("Close the books faster" on two
        // key-result rows) adds to it.
        let mut previous: Option<(String, ItemId)> = None;
        for row in children.iter().filter(|r| r.kind() == "pipe_table_row") {
            let range = trim_trailing_newlines(self.text, Self::range(*row));
            let raw = &self.text[range.as_range()];
            let mut checkbox = None;
            for cell in raw.split('|') {
                match cell.trim() {
                    "[ ]" => checkbox = Some(false),
                    "[x]" | "[X]" => checkbox = Some(true),
                    _ => {}
                }
            }
            let status = status_column
                .and_then(|i| table_cells(raw).nth(i))
                .and_then(status_word);
            let cells = row_cells(self.text, *row);
            let cell = |i: Option<usize>| {
                i.and_then(|i| cells.iter().find(|(c, _)| *c == i))
                    .map(|(_, n)| *n)
            };
            // The row is the entry its header names, when that cell holds text.
            let entry = entry_column.and_then(|i| Some((columns[i], cell(Some(i))?)));
            let Some((Column::Entry(kind), entry_cell)) = entry else {
                let text = InlineText::verbatim(self.text, range);
                self.push_item(ItemDraft {
                    kind: ItemKind::Other,
                    origin: Origin::TableRow,
                    parent: ctx.current_goal,
                    section: ctx.section,
                    range,
                    line: range,
                    head: Head {
                        status,
                        label: None,
                        colon: false,
                        fully_bold: false,
                        content: text,
                    },
                    checkbox,
                    list: None,
                    depth: 0,
                });
                continue;
            };
            let content = (*self.parser.inline_text(entry_cell, self.text)).clone();
            let repeated = previous
                .as_ref()
                .filter(|(text, _)| !text.is_empty() && *text == content.plain.trim())
                .map(|(_, id)| *id);
            let label = cell(column(Column::Owner)).and_then(|owner| {
                let r = Self::range(owner);
                let name = self.text[r.as_range()].trim();
                (!name.is_empty()).then(|| Label {
                    text: name.to_string(),
                    kind: FieldKind::Owner,
                    range: r,
                    bold: false,
                })
            });
            let entry_text = content.plain.trim().to_string();
            let id = if let Some(id) = repeated {
                id
            } else {
                self.push_item(ItemDraft {
                    kind,
                    origin: Origin::TableRow,
                    parent: ctx.current_goal,
                    section: ctx.section,
                    range,
                    line: Self::range(entry_cell),
                    head: Head {
                        status,
                        label: None,
                        colon: false,
                        fully_bold: false,
                        content,
                    },
                    checkbox,
                    list: None,
                    depth: 0,
                })
            };
            previous = Some((entry_text, id));
            // The owner is known, but the label is not in front of the text: it is not
            // read for timeframes or markers.
            if repeated.is_none() {
                self.doc.items[id.0 as usize].label = label;
            }
            // A deadline in the `Due` cell is the row's deadline.
            if let Some(due) = cell(column(Column::Due)) {
                let r = Self::range(due);
                let found: Vec<Timeframe> =
                    find_timeframes_memo(self.memo, &self.text[r.as_range()])
                        .into_iter()
                        .map(|t| Timeframe {
                            range: TextRange::new(r.start + t.range.start, r.start + t.range.end),
                            kind: t.kind,
                            deadline: t.deadline,
                        })
                        .collect();
                self.doc.items[id.0 as usize].timeframes.extend(found);
            }
            // What the row is measured by is attached to it; its target, to the key result
            // or success criterion beside it when there is one.
            let mut measured: Option<ItemId> = None;
            let attached = columns
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c, Column::Attached(k) if *k != ItemKind::Other))
                .chain(
                    columns
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| **c == Column::Attached(ItemKind::Other)),
                )
                .map(|(i, c)| (i, *c))
                .collect::<Vec<_>>();
            for (i, col) in attached {
                let kind = match col {
                    Column::Attached(kind) => kind,
                    _ => continue,
                };
                let Some(n) = cell(Some(i)) else { continue };
                let content = (*self.parser.inline_text(n, self.text)).clone();
                if content.plain.trim().is_empty() {
                    continue;
                }
                let r = Self::range(n);
                let parent = match kind {
                    ItemKind::Other => measured.unwrap_or(id),
                    _ => id,
                };
                let cell_id = self.push_item(ItemDraft {
                    kind,
                    origin: Origin::TableCell,
                    parent: Some(parent),
                    section: ctx.section,
                    range: r,
                    line: r,
                    head: Head {
                        status: None,
                        label: None,
                        colon: false,
                        fully_bold: false,
                        content,
                    },
                    checkbox: None,
                    list: None,
                    depth: 1,
                });
                if kind != ItemKind::Other {
                    measured.get_or_insert(cell_id);
                }
            }
        }
    }

    fn paragraph(&mut self, node: Node<'_>, ctx: &mut Ctx) {
        let Some(inline) = first_child_of(node, &["inline"]) else {
            return;
        };
        let text = (*self.parser.inline_text(inline, self.text)).clone();
        let followed_by_list = node
            .next_named_sibling()
            .is_some_and(|n| n.kind() == "list");
        let units = self.split_lines(&text);
        if units.len() == 1 {
            let range = trim_trailing_newlines(self.text, Self::range(node));
            self.paragraph_unit(
                units.into_iter().next().expect("one unit"),
                Origin::Paragraph,
                range,
                ctx,
                followed_by_list,
                false,
            );
            return;
        }
        // In a paragraph of `KR:` lines, the other lines are the objectives they measure.
        let is_kr: Vec<bool> = units
            .iter()
            .map(|u| {
                self.parse_head(u)
                    .label
                    .is_some_and(|l| l.kind == FieldKind::KeyResult)
            })
            .collect();
        let has_krs = is_kr[1..].iter().any(|k| *k);
        let last = units.len() - 1;
        for (i, unit) in units.into_iter().enumerate() {
            let range = self.entry_range(&unit);
            self.paragraph_unit(
                unit,
                Origin::Line,
                range,
                ctx,
                followed_by_list && i == last,
                has_krs && !is_kr[i],
            );
        }
    }

    fn paragraph_unit(
        &mut self,
        unit: InlineText,
        origin: Origin,
        range: TextRange,
        ctx: &mut Ctx,
        followed_by_list: bool,
        objective_with_krs: bool,
    ) {
        let head = self.parse_head(&unit);
        let empty = head.content.plain.is_empty();
        let label_kind = head.label.as_ref().map(|l| l.kind);
        let mut pending_kind = None;
        let (kind, parent) = match label_kind {
            Some(FieldKind::Goal) if !empty => (ItemKind::Goal, ctx.parent),
            Some(FieldKind::Objective) if !empty => (ItemKind::Objective, ctx.parent),
            // "**Key results:**" over a list introduces them; it is not an empty field.
            Some(FieldKind::KeyResult) if !(empty && followed_by_list) => {
                (ItemKind::KeyResult, ctx.current_goal.or(ctx.parent))
            }
            Some(FieldKind::Why) if !empty => (ItemKind::Why, ctx.current_goal),
            Some(FieldKind::Success) if !empty => (ItemKind::SuccessCriterion, ctx.current_goal),
            Some(FieldKind::Capability) if !empty => (ItemKind::Capability, None),
            Some(FieldKind::Action) if !empty => (ItemKind::Action, ctx.current_goal),
            Some(FieldKind::Meta) if head.colon => (ItemKind::Meta, None),
            Some(k) if empty && followed_by_list => {
                pending_kind = Some(k);
                (ItemKind::Header, None)
            }
            Some(k) if empty && head.colon && is_fill_in_field(k) => {
                (item_kind_of_field(k, ctx.role), ctx.current_goal)
            }
            Some(k) if empty => {
                let _ = k;
                (ItemKind::Header, None)
            }
            _ if objective_with_krs => (ItemKind::Objective, ctx.parent),
            _ if origin == Origin::Line
                && matches!(
                    ctx.role,
                    SectionRole::SuccessMetrics | SectionRole::KeyResults
                ) =>
            {
                (item_kind_of_role(ctx.role), ctx.current_goal)
            }
            None if followed_by_list && is_intro(&head.content.plain) => {
                let intro = head.content.plain.trim_end_matches(':');
                pending_kind = Some(field_kind(intro));
                (ItemKind::Header, None)
            }
            // "**Not included**", "Risks:" over a list: what the list holds is no goal.
            None if followed_by_list
                && (head.fully_bold || head.content.plain.trim_end().ends_with(':'))
                && head.content.plain.split_whitespace().count() <= 4
                && section_role(&head.content.plain) == SectionRole::NotGoals =>
            {
                pending_kind = Some(FieldKind::Info);
                (ItemKind::Header, None)
            }
            // "We want users to be able to do the following:": the list says what others can
            // do with a product (a feature list), not what its authors commit to.
            None if followed_by_list && OTHERS_CAN.is_match(&head.content.plain) => {
                pending_kind = Some(FieldKind::Info);
                (ItemKind::Header, None)
            }
            _ => (ItemKind::Other, ctx.parent),
        };
        let id = self.push_item(ItemDraft {
            kind,
            origin,
            parent,
            section: ctx.section,
            range,
            line: self.entry_range(&unit),
            head,
            checkbox: None,
            list: None,
            depth: 0,
        });
        ctx.list_owner = None;
        match kind {
            ItemKind::Goal | ItemKind::Objective => {
                ctx.current_goal = Some(id);
                ctx.pending = None;
                // When its text ends by introducing the list ("… What we will ship:"), the
                // list is what it says (deliverables), not key results: still the goal's own.
                let item = &self.doc.items[id.0 as usize];
                if followed_by_list && item.text.plain.trim_end().ends_with(':') {
                    ctx.pending = Some((FieldKind::Info, id));
                } else if followed_by_list {
                    ctx.list_owner = Some(id);
                }
            }
            ItemKind::Header => ctx.pending = pending_kind.map(|k| (k, id)),
            _ => ctx.pending = None,
        }
    }

    fn list(
        &mut self,
        node: Node<'_>,
        ctx: &mut Ctx,
        parent: Option<ItemId>,
        pending: Option<(FieldKind, ItemId)>,
        depth: u32,
    ) {
        if depth > MAX_LIST_DEPTH {
            return;
        }
        let mut cursor = node.walk();
        let items: Vec<_> = node
            .children(&mut cursor)
            .filter(|c| c.kind() == "list_item")
            .collect();
        // An objective whose key results were indented too little to nest ("1. VP Eng: …" then
        // "  1. VP Eng KR: …") gets them as following siblings: re-attach them.
        let mut last_goal: Option<ItemId> = None;
        for li in items {
            let id = self.list_item(li, ctx, parent, pending, depth);
            let Some(id) = id else { continue };
            let kind = self.doc.items[id.0 as usize].kind;
            match kind {
                ItemKind::Goal | ItemKind::Objective => last_goal = Some(id),
                ItemKind::KeyResult
                    if parent.is_none()
                        && self.doc.items[id.0 as usize].parent.is_none()
                        && last_goal.is_some() =>
                {
                    let goal = last_goal.expect("checked");
                    self.reparent(id, goal);
                    self.doc.items[goal.0 as usize].kind = ItemKind::Objective;
                }
                _ => {}
            }
        }
    }

    fn list_item(
        &mut self,
        node: Node<'_>,
        ctx: &mut Ctx,
        parent: Option<ItemId>,
        pending: Option<(FieldKind, ItemId)>,
        depth: u32,
    ) -> Option<ItemId> {
        let range =
            trim_trailing_newlines(self.text, trim_trailing_space(self.text, Self::range(node)));
        let mut cursor = node.walk();
        let children: Vec<_> = node.children(&mut cursor).collect();
        let marker = children
            .iter()
            .find(|c| c.kind().starts_with("list_marker"));
        let checkbox = children.iter().find_map(|c| match c.kind() {
            "task_list_marker_checked" => Some(true),
            "task_list_marker_unchecked" => Some(false),
            _ => None,
        });
        let paragraph = children.iter().find(|c| c.kind() == "paragraph");
        let sublists: Vec<Node<'_>> = children
            .iter()
            .filter(|c| c.kind() == "list")
            .copied()
            .collect();
        let content_start = children
            .iter()
            .find(|c| c.kind().starts_with("task_list_marker"))
            .or(marker)
            .map_or(range.start, |m| m.end_byte());
        let text = match paragraph.and_then(|p| first_child_of(*p, &["inline"])) {
            Some(inline) => (*self.parser.inline_text(inline, self.text)).clone(),
            None => InlineText::empty_at(content_start),
        };
        let units = self.split_lines(&text);
        let mut units = units.into_iter();
        let first = units.next().unwrap_or(text);
        let rest: Vec<InlineText> = units.collect();
        let head = self.parse_head(&first);

        let children_have_kr = rest.iter().any(|u| {
            self.parse_head(u)
                .label
                .is_some_and(|l| l.kind == FieldKind::KeyResult)
        }) || sublists.iter().any(|l| {
            let mut c = l.walk();
            l.children(&mut c).any(|li| {
                let start = li.start_byte();
                let end = self.text[start..li.end_byte()]
                    .find('\n')
                    .map_or(li.end_byte(), |i| start + i);
                KR_LINE.is_match(&self.text[start..end])
            })
        });

        // The parent this entry hangs under, and the kind an unlabelled entry gets.
        let (parent, default) = match (parent, pending) {
            (Some(p), _) => (
                Some(p),
                child_kind(self.doc.items[p.0 as usize].kind, ctx.role),
            ),
            (None, Some((k, header))) => {
                let under_goal = matches!(
                    k,
                    FieldKind::Success | FieldKind::Why | FieldKind::Actions | FieldKind::KeyResult
                ) && ctx.current_goal.is_some();
                let parent = if under_goal {
                    ctx.current_goal
                } else {
                    Some(header)
                };
                (parent, item_kind_of_field(k, ctx.role))
            }
            (None, None) => match ctx.parent {
                Some(p) => (
                    Some(p),
                    child_kind(self.doc.items[p.0 as usize].kind, ctx.role),
                ),
                None => (None, item_kind_of_role(ctx.role)),
            },
        };
        let kind = classify_entry(&head, !sublists.is_empty(), children_have_kr, default);
        let list = marker.map(|m| {
            let marker_text = self.text[m.start_byte()..m.end_byte()].trim().to_string();
            let line_start = self.text[..m.start_byte()]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let indent_text = &self.text[line_start..m.start_byte()];
            let indent: String = if indent_text.trim().is_empty() {
                indent_text.to_string()
            } else {
                // Inside a block quote or on a continuation line: keep only the whitespace width.
                " ".repeat(indent_text.chars().count())
            };
            // Where the content starts (after the marker and any checkbox): children and
            // continuation lines are indented to here.
            let content_column = paragraph
                .map_or(content_start, |p| p.start_byte())
                .saturating_sub(line_start);
            ListInfo {
                ordered: marker_text.ends_with(['.', ')']),
                marker: marker_text,
                content_column: if first.plain.is_empty() {
                    m.end_byte() - line_start
                } else {
                    content_column
                },
                indent,
            }
        });
        let line = if first.plain.is_empty() {
            TextRange::new(
                marker.map_or(range.start, |m| m.start_byte()),
                content_start,
            )
        } else {
            self.entry_range(&first)
        };
        let id = self.push_item(ItemDraft {
            kind,
            origin: Origin::ListItem,
            parent,
            section: ctx.section,
            range,
            line,
            head,
            checkbox,
            list,
            depth,
        });
        for unit in rest {
            let head = self.parse_head(&unit);
            let kind = match head.label.as_ref().map(|l| l.kind) {
                Some(k @ (FieldKind::KeyResult | FieldKind::Why | FieldKind::Success)) => {
                    item_kind_of_field(k, ctx.role)
                }
                _ => ItemKind::Other,
            };
            let line = self.entry_range(&unit);
            self.push_item(ItemDraft {
                kind,
                origin: Origin::Line,
                parent: Some(id),
                section: ctx.section,
                range: line,
                line,
                head,
                checkbox: None,
                list: None,
                depth: depth + 1,
            });
        }
        for sub in sublists {
            self.list(sub, ctx, Some(id), None, depth + 1);
        }
        Some(id)
    }

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
            units
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
        if let Some(caps) = PLAIN_LABEL.captures(rest)
            && let Some(m) = caps.get(1)
            && plain_label_ok(m.as_str())
            // "Improve documentation by:" introduces sub-items; it is not an owner label.
            && !(field_kind(m.as_str()) == FieldKind::Owner && rest[caps.get(0).expect("group 0").end()..].trim().is_empty())
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

/// A text before a colon is a label when it is short and reads like one: a known field, or a
/// capitalised owner/team prefix. "Note that we will: …" is not a label.
fn plain_label_ok(label: &str) -> bool {
    let label = label.trim();
    let words = label.split_whitespace().count();
    if words == 0 || words > 8 || label.contains(['.', '!', '?', ';', '"', '`', '“']) {
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
        }
        _ => words <= 8,
    }
}

/// The cells of a table row, without the outer pipes.
fn table_cells(row: &str) -> impl Iterator<Item = &str> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|')
}

/// An objective's words without its number ("O2. Make deploys boring" -> "make deploys
/// boring"), to find it again in a heading.
fn objective_words(text: &str) -> String {
    let text = OBJECTIVE_ID.replace(text.trim(), "");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

static OBJECTIVE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:objective\s*#?\s*(\d+)|o(\d+)|(\d+))\s*[.:)\-–—]?\s+")
        .expect("valid regex")
});

static KEY_RESULT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:kr|key\s+result)?\s*#?\s*(\d+)\s*[.\-]\s*\d+\b").expect("valid regex")
});

/// The number an objective is written with: "O2", "Objective 2:", "2." (a list number).
fn objective_number(item: &Item) -> Option<usize> {
    if let Some(list) = item.list.as_ref().filter(|l| l.ordered) {
        return list.marker.trim_end_matches(['.', ')']).parse().ok();
    }
    let caps = OBJECTIVE_ID.captures(item.text.plain.trim())?;
    let n = caps.get(1).or(caps.get(2)).or(caps.get(3))?;
    n.as_str().parse().ok()
}

/// The objective a key result's id points to: "KR 2.1", "2.1".
fn key_result_number(item: &Item) -> Option<usize> {
    let label = item.label.as_ref().map(|l| l.text.as_str()).unwrap_or("");
    [label, item.text.plain.trim()].iter().find_map(|t| {
        KEY_RESULT_ID
            .captures(t.trim())
            .and_then(|c| c[1].parse().ok())
    })
}

/// What a table column holds, read from its header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    /// The entry each row is: `Goal`, `Objective`, `Key result`, `Action`.
    Entry(ItemKind),
    /// Something attached to the row's entry: its key results, its success criterion, its
    /// target (kind `Other`: a value, not a statement).
    Attached(ItemKind),
    Due,
    Owner,
    Status,
    Other,
}

/// The columns of a table, from its header cells. Only the first entry column counts; key
/// results beside a goal or objective are attached to it, and are the entry when no such
/// column comes first. `Goal` after a `Metric` column is the metric's target value.
fn read_columns(header: &[&str]) -> Vec<Column> {
    let mut out = Vec::with_capacity(header.len());
    let mut entry = false;
    let mut metric = false;
    for cell in header {
        let name = cell
            .trim()
            .trim_matches(['*', '_', '`', ' '])
            .trim_end_matches(':')
            .to_lowercase();
        let name = name.split(" (").next().unwrap_or("").trim();
        let column = match name {
            "goal" | "goals" | "my goal" | "team goal" if !metric && !entry => {
                Column::Entry(ItemKind::Goal)
            }
            "objective" | "objectives" if !entry => Column::Entry(ItemKind::Objective),
            "action" | "actions" | "action item" | "action items" | "next step" | "next steps"
                if !entry =>
            {
                Column::Entry(ItemKind::Action)
            }
            "key result" | "key results" | "kr" | "krs" if !entry => {
                Column::Entry(ItemKind::KeyResult)
            }
            "key result" | "key results" | "kr" | "krs" => Column::Attached(ItemKind::KeyResult),
            "success metric"
            | "success metrics"
            | "success criteria"
            | "success criterion"
            | "success looks like"
            | "measure of success"
            | "how we measure success"
            | "how we'll measure"
            | "definition of done" => Column::Attached(ItemKind::SuccessCriterion),
            "target" | "targets" | "target value" | "measure" | "measures" => {
                Column::Attached(ItemKind::Other)
            }
            "due" | "due date" | "deadline" | "target date" | "by" | "by when" | "when" | "eta"
            | "timeline" | "date" => Column::Due,
            "owner" | "owners" | "dri" | "who" | "lead" | "assignee" | "responsible" => {
                Column::Owner
            }
            "status" | "state" => Column::Status,
            _ => Column::Other,
        };
        if matches!(
            name,
            "metric" | "metrics" | "kpi" | "kpis" | "measure" | "measures"
        ) {
            metric = true;
        }
        entry |= matches!(column, Column::Entry(_));
        out.push(column);
    }
    out
}

/// The cells of a table row with their column numbers (an empty cell has no node).
fn row_cells<'t>(text: &str, row: Node<'t>) -> Vec<(usize, Node<'t>)> {
    let start = row.start_byte();
    let lead = text[start..].trim_start().starts_with('|');
    let mut cursor = row.walk();
    row.children(&mut cursor)
        .filter(|c| c.kind() == "pipe_table_cell")
        .map(|c| {
            let before = &text[start..c.start_byte()];
            let pipes = before
                .char_indices()
                .filter(|&(i, ch)| ch == '|' && !before[..i].ends_with('\\'))
                .count();
            (pipes - usize::from(lead && pipes > 0), c)
        })
        .collect()
}

/// A heading that says its entries are settled: done ("Done", "Completed", "Shipped") or set
/// aside ("Parking lot", "Backlog", "Icebox", "Deferred", "Not this quarter").
fn settled_heading(heading: &str) -> Option<Status> {
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^\W*(?:done|completed?|shipped|finished|achieved|accomplished)(?:\s+(?:goals|items|work|okrs|objectives|this\s+(?:quarter|month|year)))?\W*$",
        )
    });
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:parking\s+lot|parked|backlog|icebox|ice\s+box|deferred|postponed|on\s+hold|someday|not\s+(?:this|now)\b|not\s+planned)\b|^\W*later\W*$",
        )
    });
    if DONE.is_match(heading) {
        Some(Status::Done)
    } else if ASIDE.is_match(heading) {
        Some(Status::Dropped)
    } else {
        None
    }
}

/// The status an entry's last clause gives it: "…, parked", "(deferred to Q1)", "— moved to
/// Q1 2027", "done Oct 12", a score "(0.5)" (graded, so closed).
fn settled_tail(plain: &str) -> Option<Status> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)(?:[—–(,;]|\s-\s)\s*(?:(?:was|is|now|then|but|and)\s+[^—–(),;]*?)?\b(?P<word>parked|deferred|postponed|on\s+hold|descoped|de-scoped|cancell?ed|dropped|abandoned|moved\s+to|pushed\s+to|punted\s+to|done|completed|finished|reached|achieved|missed|scored?)\b(?P<after>[^—–(),;]*)\)?\s*\.?\s*$",
        )
    });
    static SCORE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)(?:\(\s*(?:score:?\s*)?(?:0?\.\d+|[01]\.0|[01])\s*\)|[—–]\s*(?:score:?\s*)?0?\.\d+)\s*\.?\s*$",
        )
    });
    if SCORE.is_match(plain) {
        return Some(Status::Done);
    }
    let caps = TAIL.captures(plain)?;
    // "…, done when SRE signs off", "completed by Sep 30": a definition of done or a deadline.
    let after = caps.name("after").map_or("", |m| m.as_str()).trim_start();
    let first_after = after.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        first_after.as_str(),
        "when" | "if" | "by" | "means" | "once" | "before" | "in" | "with" | "for"
    ) {
        return None;
    }
    status_word(&caps["word"])
}

/// A status written as words in a `Status` cell or an entry's last clause: "Done", "In
/// progress", "Not started", "Postponed".
fn status_word(cell: &str) -> Option<Status> {
    let cell = cell.trim().trim_matches(['*', '_', '`']).trim();
    if let (Some(status), _) = leading_status(cell) {
        return Some(status);
    }
    let words = cell.to_lowercase();
    let starts = |list: &[&str]| list.iter().any(|w| words.starts_with(w));
    if starts(&[
        "done",
        "complete",
        "shipped",
        "closed",
        "achieved",
        "finished",
        "delivered",
        // Graded: closed, whatever the grade.
        "reached",
        "missed",
        "score",
    ]) {
        Some(Status::Done)
    } else if starts(&[
        "dropped",
        "cancel",
        "won't",
        "abandoned",
        "deprioriti",
        "parked",
        "deferred",
        "postponed",
        "on hold",
        "descoped",
        "de-scoped",
        "moved to",
        "pushed to",
        "punted",
    ]) {
        Some(Status::Dropped)
    } else if starts(&[
        "open",
        "in progress",
        "in-progress",
        "not started",
        "to do",
        "planned",
        "blocked",
        "at risk",
        "on track",
        "ongoing",
        "pending",
        "started",
        "wip",
        "behind",
    ]) {
        Some(Status::InProgress)
    } else {
        None
    }
}

/// A sentence ending in a colon that introduces what other people can do: "With the CLI you
/// can:", "We want users to be able to:", "It lets teams:".
static OTHERS_CAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\b(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b[^.!?:]*\b(?:be able to|can|could)\b|\b(?:lets?|allows?|enables?|helps?)\s+(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b)[^.!?:]*:\s*$",
    )
});

/// A sentence that introduces the list after it: "Examples of strong goals:".
fn is_intro(text: &str) -> bool {
    text.ends_with(':') && {
        let words = text.split_whitespace().count();
        words <= 8 || text.to_lowercase().contains("example")
    }
}

fn trim_trailing_space(text: &str, range: TextRange) -> TextRange {
    let trimmed = text[range.as_range()].trim_end();
    TextRange::new(range.start, range.start + trimmed.len())
}

/// The kind of a list entry from its head, its children, and the kind its context gives it.
fn classify_entry(
    head: &Head,
    has_sublists: bool,
    children_have_kr: bool,
    default: ItemKind,
) -> ItemKind {
    let empty = head.content.plain.is_empty();
    let label_kind = head.label.as_ref().map(|l| l.kind);
    let role_like = |k: FieldKind| item_kind_of_field(k, SectionRole::Other);
    let mut kind = match label_kind {
        Some(FieldKind::Examples) => ItemKind::Example,
        Some(k @ (FieldKind::Goal | FieldKind::Objective)) if !empty => {
            if default == ItemKind::Action {
                ItemKind::Action
            } else {
                role_like(k)
            }
        }
        Some(FieldKind::KeyResult) if !empty || !has_sublists => ItemKind::KeyResult,
        Some(
            k @ (FieldKind::Why | FieldKind::Success | FieldKind::Capability | FieldKind::Action),
        ) if !empty => role_like(k),
        Some(FieldKind::Meta) if head.colon && !has_sublists => ItemKind::Meta,
        Some(_) if empty && has_sublists => {
            if !head.colon && matches!(default, ItemKind::Goal | ItemKind::Objective) {
                ItemKind::Category
            } else {
                ItemKind::Header
            }
        }
        Some(k) if empty && head.colon && is_fill_in_field(k) => role_like(k),
        Some(FieldKind::Info | FieldKind::Actions | FieldKind::Support) => ItemKind::Other,
        _ => default,
    };
    if children_have_kr
        && matches!(
            kind,
            ItemKind::Goal | ItemKind::Other | ItemKind::Category | ItemKind::KeyResult
        )
    {
        kind = ItemKind::Objective;
    }
    if matches!(kind, ItemKind::Goal | ItemKind::Objective)
        && !children_have_kr
        && head.fully_bold
        && has_sublists
        && head.content.plain.split_whitespace().count() <= 6
    {
        kind = ItemKind::Category;
    }
    kind
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
            let link_only = content.links.len() == 1
                && content.links[0] == (0..plain.len())
                && DOCUMENT_TITLE.is_match(plain);
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
        let line_start = self.text[..first_visible].rfind('\n').map_or(0, |i| i + 1);
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
    let close = plain[1..].find(['"', '”']).map(|i| i + 1);
    match close {
        Some(end) => {
            let after = plain[end + 1..].trim();
            after.is_empty() || after.starts_with('(') || after.starts_with(['-', '–', '—'])
        }
        None => false,
    }
}
