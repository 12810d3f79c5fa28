//! The goal document model: what goal-lint understood of a Markdown file.
//!
//! A [`GoalDocument`] is built once from one parse ([`GoalDocument::parse`]) and every rule reads
//! it; no rule looks at Markdown syntax. It holds
//! - [`Section`]s: the heading tree, each with the [`SectionRole`] its heading gives it;
//! - [`Item`]s: goals, objectives, key results, success criteria, actions, support requests,
//!   labelled fields, each with its text (markup removed), label, status, checkbox, timeframes
//!   and byte ranges, arranged in a tree (a goal's fields and key results are its children);
//! - suppression comments and front matter.

mod build;
pub(crate) use build::title_names_template;
pub use build::{front_matter_template, may_be_goal_document};
mod dump;
mod reuse;
pub mod timeframe;
pub mod vocab;

use crate::memo::Memo;
use crate::syntax::{InlineText, MarkdownParser, SyntaxTree};
use crate::text::{LineEnding, TextRange};
pub use timeframe::{Date, Period, TimeframeKind};
pub use vocab::{FieldKind, SectionRole, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub u32);

/// What an item is, as far as goal-lint can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Goal,
    /// An OKR objective (qualitative by design; its key results carry the measures).
    Objective,
    KeyResult,
    /// A "Success looks like" / "Success Metrics" entry.
    SuccessCriterion,
    /// A "Why it matters" field.
    Why,
    /// A step in an action plan.
    Action,
    /// An entry under "Support Needed".
    SupportRequest,
    /// A career-development capability ("By end of quarter, I will be able to: …").
    Capability,
    /// A bold group heading whose children are goals (`- **Product strategy.**`).
    Category,
    /// A labelled field that heads the list after it (`**Success Metrics:**`, `**Goal 1:**`).
    Header,
    /// A metadata field a template asks for (`**Person:**`, `**Quarter:**`).
    Meta,
    /// An illustration, not the author's own goal ("Examples of strong goals: …").
    Example,
    /// Anything else inside goal content: notes, details, prose lines.
    Other,
}

impl ItemKind {
    /// A goal, an objective, a key result, a success criterion or an action: an entry that
    /// states part of the plan itself.
    pub fn is_plan_entry(self) -> bool {
        matches!(
            self,
            ItemKind::Goal
                | ItemKind::Objective
                | ItemKind::KeyResult
                | ItemKind::SuccessCriterion
                | ItemKind::Action
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Goal => "goal",
            ItemKind::Objective => "objective",
            ItemKind::KeyResult => "key-result",
            ItemKind::SuccessCriterion => "success",
            ItemKind::Why => "why",
            ItemKind::Action => "action",
            ItemKind::SupportRequest => "support",
            ItemKind::Capability => "capability",
            ItemKind::Category => "category",
            ItemKind::Header => "header",
            ItemKind::Meta => "meta",
            ItemKind::Example => "example",
            ItemKind::Other => "other",
        }
    }
}

/// Where an item came from in the Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    ListItem,
    Paragraph,
    /// One line of a paragraph whose lines are separate entries (`KR: …` lines, `**Quarter:**` /
    /// `**Person:**` lines).
    Line,
    Heading,
    /// A body row of a table.
    TableRow,
    /// A cell of a table row holding what the row's entry is measured by (its key results,
    /// success criterion or target).
    TableCell,
}

/// A field label in front of an item's text: `**Why it matters:**`, `KR:`, `VP Eng:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub kind: FieldKind,
    /// Source range of the label (markers and colon included).
    pub range: TextRange,
    pub bold: bool,
}

/// A timeframe found in an item's text or label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeframe {
    pub range: TextRange,
    pub kind: TimeframeKind,
    pub deadline: bool,
}

/// How a list item is written, so templates can add siblings and children that match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListInfo {
    /// The marker as written: `-`, `*`, `1.`, `2)`.
    pub marker: String,
    pub ordered: bool,
    /// Byte column (from the start of the line) where the item's content starts.
    pub content_column: usize,
    /// Leading whitespace before the marker on the item's first line.
    pub indent: String,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub id: ItemId,
    pub kind: ItemKind,
    pub origin: Origin,
    pub parent: Option<ItemId>,
    pub children: Vec<ItemId>,
    pub section: SectionId,
    /// The whole construct: a list item with its nested lists, a paragraph, a heading line.
    pub range: TextRange,
    /// The item's own text (label included), for diagnostics about the whole entry.
    pub line: TextRange,
    /// The text after status and label, markup removed.
    pub text: InlineText,
    pub label: Option<Label>,
    pub status: Option<Status>,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`.
    pub checkbox: Option<bool>,
    pub timeframes: Vec<Timeframe>,
    pub list: Option<ListInfo>,
    /// Nesting depth among list items (0 for top-level entries).
    pub depth: u32,
}

impl Item {
    pub fn is_done(&self) -> bool {
        self.checkbox == Some(true) || self.status == Some(Status::Done)
    }

    /// A checkbox or status that says the item is still open. A status that says it is done
    /// or set aside wins over an unticked box.
    pub fn is_open(&self) -> bool {
        match self.status {
            Some(Status::Done | Status::Dropped) => false,
            Some(Status::InProgress) => true,
            None => self.checkbox == Some(false),
        }
    }

    pub fn label_kind(&self) -> Option<FieldKind> {
        self.label.as_ref().map(|l| l.kind)
    }
}

#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    /// The heading line(s), markers included.
    pub range: TextRange,
    pub text: InlineText,
    /// When the heading itself is an entry (a goal named by a `####` heading), its item.
    pub item: Option<ItemId>,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub id: SectionId,
    pub parent: Option<SectionId>,
    pub heading: Option<Heading>,
    /// The whole section, subsections included.
    pub range: TextRange,
    /// What the heading itself says.
    pub own_role: SectionRole,
    /// The role that decides what its entries are: its own, or its parent's for a neutral
    /// heading ("### Technical Depth" under "## Supporting Goals").
    pub role: SectionRole,
    /// The year the section is about ("## Q1 2022 Goals"), inherited from enclosing headings.
    pub year: Option<i32>,
    /// Top-level entries of this section (not of its subsections).
    pub items: Vec<ItemId>,
    /// Part of the goal content of the document: the section, an enclosing section or a
    /// subsection names goals, or the file is opted in. Template checks on prose apply here.
    pub goal_content: bool,
    /// A part of a roadmap that no heading names as goals or a period (a roadmap's topic
    /// headings, "## Backend", or its entries straight under its title): its entries are read
    /// as the roadmap's items, for the document's kind, the outline and their dates, and only
    /// the rules that judge a roadmap's items speak on them (see `Rule::JUDGES_ROADMAP_ITEMS`).
    pub roadmap_part: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub range: TextRange,
    /// `key: value` pairs at the top level of the YAML (or `key = value` of TOML) block.
    pub fields: Vec<(String, String)>,
    /// The line of its top-level `title` key: where a finding about the title of a document
    /// with no `# …` heading is reported.
    pub title_line: Option<TextRange>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTML comment that starts with `goal-lint`: a suppression directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveComment {
    pub range: TextRange,
    /// The comment's text between `<!--` and `-->`, trimmed.
    pub body: String,
    /// The comment sits on a line of its own (so it applies to what follows).
    pub own_line: bool,
}

/// How the whole file relates to goal-lint, from front matter or configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentOptions {
    /// Treat the whole file as goal content, whatever its headings say.
    pub opt_in: bool,
    /// The document kind (`quarterly`, `okr`, `planning-review`, a configured kind).
    pub kind: Option<String>,
}

#[derive(Clone, Debug)]
pub struct GoalDocument {
    pub len: usize,
    pub line_ending: LineEnding,
    pub front_matter: Option<FrontMatter>,
    /// `sections[0]` is the document itself (no heading).
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub directives: Vec<DirectiveComment>,
    /// The document holds goal content: a goal-like section, a labelled goal, or an opt-in.
    pub is_goal_document: bool,
    /// Whole-file opt-in and kind, after front matter and configuration are combined.
    pub options: DocumentOptions,
    /// The planning period, when the document says it (a quarter, a half, a year).
    pub period: Option<Period>,
    /// Byte ranges of code (fenced or indented blocks, code spans are inside items' text).
    pub code_blocks: Vec<TextRange>,
}

impl GoalDocument {
    /// Parse `text` and build its model. `options` come from configuration; front matter can
    /// add to them (`goal-lint: okr`) or switch the file off (`goal-lint: off`).
    pub fn parse(text: &str, options: &DocumentOptions) -> GoalDocument {
        // One parser per thread: its tree-sitter parsers and inline cache serve every file the
        // thread lints (goal documents repeat their labels and template lines a lot).
        thread_local! {
            static PARSER: std::cell::RefCell<MarkdownParser> = std::cell::RefCell::new(MarkdownParser::new());
        }
        PARSER.with(|parser| match parser.try_borrow_mut() {
            Ok(mut parser) => {
                let tree = parser.parse(text, None);
                Self::build(text, tree.as_ref(), &mut parser, options)
            }
            // Re-entered on this thread (not done today): use a parser of its own.
            Err(_) => {
                let mut parser = MarkdownParser::new();
                let tree = parser.parse(text, None);
                Self::build(text, tree.as_ref(), &mut parser, options)
            }
        })
    }

    /// Build the model from an existing parse (the language server keeps and edits trees).
    pub fn build(
        text: &str,
        tree: Option<&SyntaxTree>,
        parser: &mut MarkdownParser,
        options: &DocumentOptions,
    ) -> GoalDocument {
        build::build(text, tree, parser, options, &Memo::disabled())
    }

    /// [`GoalDocument::build`] reusing what `memo` kept from models of earlier versions of the
    /// same document (see [`crate::memo`]); the model is the same. Starts a round of the memo.
    pub fn build_with(
        text: &str,
        tree: Option<&SyntaxTree>,
        parser: &mut MarkdownParser,
        options: &DocumentOptions,
        memo: &Memo,
    ) -> GoalDocument {
        memo.begin_round();
        build::build(text, tree, parser, options, memo)
    }

    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.0 as usize]
    }

    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.0 as usize]
    }

    pub fn children(&self, id: ItemId) -> impl Iterator<Item = &Item> + '_ {
        self.item(id).children.iter().map(|c| self.item(*c))
    }

    /// Every item below `id` (children, their children, …), depth first.
    pub fn descendants(&self, id: ItemId) -> Vec<&Item> {
        let mut out = Vec::new();
        let mut stack: Vec<ItemId> = self.item(id).children.iter().rev().copied().collect();
        while let Some(next) = stack.pop() {
            let item = self.item(next);
            out.push(item);
            stack.extend(item.children.iter().rev().copied());
        }
        out
    }

    pub fn parent(&self, id: ItemId) -> Option<&Item> {
        self.item(id).parent.map(|p| self.item(p))
    }

    pub fn items_of_kind(&self, kind: ItemKind) -> impl Iterator<Item = &Item> + '_ {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The heading path of a section, outermost first, e.g. `["Q1 2022 Goals", "Planning"]`.
    pub fn heading_path(&self, id: SectionId) -> Vec<&str> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(s) = next {
            let section = self.section(s);
            if let Some(h) = &section.heading {
                out.push(h.text.plain.as_str());
            }
            next = section.parent;
        }
        out.reverse();
        out
    }

    /// The section is part of a roadmap: it or a heading above it names one ("# Project
    /// Roadmap" over "## v2.0"). A roadmap's entries are what will ship, release by release,
    /// not one owner's goals for a period. A heading on the way that names goals itself ("### 3
    /// year goals" under "## Roadmap") makes its section goals, not roadmap entries.
    pub fn in_roadmap(&self, id: SectionId) -> bool {
        for s in std::iter::successors(Some(id), |s| self.section(*s).parent) {
            let Some(h) = &self.section(s).heading else {
                continue;
            };
            if build::heading_names_roadmap(&h.text.plain) {
                return true;
            }
            if vocab::section_role(&h.text.plain).is_goal_role() {
                return false;
            }
        }
        false
    }

    /// The section that groups a section's goals: itself, or for a neutral sub-heading
    /// ("### Learning" under "## Supporting Goals") the nearest enclosing section whose heading
    /// has a role of its own.
    pub fn goal_group(&self, mut id: SectionId) -> SectionId {
        loop {
            let s = self.section(id);
            match s.parent {
                Some(p) if s.own_role == SectionRole::Other => id = p,
                _ => return id,
            }
        }
    }

    /// The year an item is about: from its own section's headings, else the document.
    pub fn year_of(&self, item: &Item) -> Option<i32> {
        self.section(item.section).year
    }

    /// The offset is inside a fenced or indented code block.
    pub fn in_code_block(&self, offset: usize) -> bool {
        self.code_blocks.iter().any(|r| r.contains(offset))
    }

    /// The document's title: its front matter's `title`, else its only `# …` heading.
    pub fn title(&self) -> Option<String> {
        if let Some(t) = self.front_matter.as_ref().and_then(|f| f.get("title")) {
            return Some(t.trim_matches(['"', '\'']).to_string());
        }
        let mut h1 = self
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref())
            .filter(|h| h.level == 1);
        match (h1.next(), h1.next()) {
            (Some(only), None) => Some(only.text.plain.clone()),
            _ => None,
        }
    }
}
