//! The Markdown syntax layer: tree-sitter-md's block grammar, parsed eagerly, and its inline
//! grammar, parsed lazily for just the blocks the goal model needs (headings and goal content).
//!
//! Ordinary Markdown (a README, a book chapter) never has its inline content parsed, which keeps
//! linting a non-goal file close to the cost of one block parse. Inline results are cached by
//! content, so re-linting after a keystroke re-parses only the paragraph that changed.
//!
//! A large document is parsed in parts on several threads ([`MarkdownParser::parse`]): the
//! block grammar is most of the cost of a first lint, and a top-level `# ` heading after a
//! blank line starts a part whose parse does not depend on the text before it. The parts'
//! trees are read as one ([`SyntaxTree::root`]), and are exactly the tree of the whole text:
//! a part is kept only when the part before it ends with nothing left open (a code fence, an
//! HTML block), and otherwise the whole text is parsed at once.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use crate::text::TextRange;

/// A parsed block tree for one version of a text: one tree-sitter tree, or for a large text
/// one per part (consecutive ranges of the text, each after the first starting at a top-level
/// `# ` heading), read as one tree.
#[derive(Clone)]
pub struct SyntaxTree {
    /// Never empty; in text order.
    parts: Vec<Tree>,
}

impl SyntaxTree {
    /// The document block: the root of the block tree.
    pub fn root(&self) -> Block<'_> {
        Block {
            node: self.parts[0].root_node(),
            parts: if self.parts.len() > 1 {
                &self.parts
            } else {
                &[]
            },
        }
    }

    /// How many parts the text was parsed in (1 but for a large document).
    pub fn parts(&self) -> usize {
        self.parts.len()
    }

    /// Tell the tree about an edit of its text so that the next [`MarkdownParser::parse`] can
    /// reuse the unchanged parts. `old_text` is the text before the edit; `range` is replaced
    /// by `new_fragment`.
    pub fn edit(&mut self, old_text: &str, range: TextRange, new_fragment: &str) {
        let start_position = point_at(old_text, range.start);
        let old_end_position = point_at(old_text, range.end);
        let new_end_position = advance_point(start_position, new_fragment);
        let edit = InputEdit {
            start_byte: range.start,
            old_end_byte: range.end,
            new_end_byte: range.start + new_fragment.len(),
            start_position,
            old_end_position,
            new_end_position,
        };
        for tree in &mut self.parts {
            tree.edit(&edit);
        }
    }
}

/// What a block of the document is, independent of the grammar that found it. The goal model
/// reads blocks through [`Block`]; tree-sitter's node kinds stay in this file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Document,
    /// A heading and everything up to the next heading of the same or a higher level.
    Section,
    Heading,
    Paragraph,
    List,
    ListItem,
    Table,
    TableHeader,
    TableRow,
    TableCell,
    ThematicBreak,
    CodeBlock,
    BlockQuote,
    HtmlBlock,
    /// YAML (`---`) or TOML (`+++`) front matter.
    FrontMatter,
    /// The inline content of a heading, paragraph or table cell.
    Inline,
    Other,
}

/// One block of a parsed document: a section, heading, paragraph, list, list item, table, row,
/// cell or any other block, with typed accessors for the parts the goal model reads.
#[derive(Clone, Copy, Debug)]
pub struct Block<'t> {
    node: Node<'t>,
    /// For the document block of a text parsed in parts: every part's tree (`node` is the
    /// first's root). Empty otherwise.
    parts: &'t [Tree],
}

impl<'t> From<Node<'t>> for Block<'t> {
    fn from(node: Node<'t>) -> Self {
        Block { node, parts: &[] }
    }
}

/// The parts of a list item.
pub struct ListItemParts<'t> {
    /// The bullet or number (`-`, `1.`).
    pub marker: Option<TextRange>,
    /// The task box (`[ ]`, `[x]`) and whether it is ticked.
    pub task: Option<(TextRange, bool)>,
    /// The item's own first paragraph (or the heading it opens with).
    pub paragraph: Option<Block<'t>>,
    /// Lists nested in the item.
    pub sublists: Vec<Block<'t>>,
}

/// What encloses an offset of the text, seen from the inside out.
pub enum Enclosing<'t> {
    /// A code block: nothing in it is Markdown.
    Code,
    /// Inline content (a paragraph's, a heading's), to be read with
    /// [`MarkdownParser::inline_text`].
    Inline(Block<'t>),
    /// An HTML block.
    Html,
    /// None of these.
    Other,
}

impl<'t> Block<'t> {
    pub fn kind(self) -> BlockKind {
        match self.node.kind() {
            "document" => BlockKind::Document,
            "section" => BlockKind::Section,
            "atx_heading" | "setext_heading" => BlockKind::Heading,
            "paragraph" => BlockKind::Paragraph,
            "list" => BlockKind::List,
            "list_item" => BlockKind::ListItem,
            "pipe_table" => BlockKind::Table,
            "pipe_table_header" => BlockKind::TableHeader,
            "pipe_table_row" => BlockKind::TableRow,
            "pipe_table_cell" => BlockKind::TableCell,
            "thematic_break" => BlockKind::ThematicBreak,
            "fenced_code_block" | "indented_code_block" => BlockKind::CodeBlock,
            "block_quote" => BlockKind::BlockQuote,
            "html_block" => BlockKind::HtmlBlock,
            "minus_metadata" | "plus_metadata" => BlockKind::FrontMatter,
            "inline" => BlockKind::Inline,
            _ => BlockKind::Other,
        }
    }

    /// The block's source, from its first byte to its end (a trailing newline included).
    pub fn range(self) -> TextRange {
        TextRange::new(self.start(), self.end())
    }

    pub fn start(self) -> usize {
        self.node.start_byte()
    }

    pub fn end(self) -> usize {
        match self.parts.last() {
            Some(last) => last.root_node().end_byte(),
            None => self.node.end_byte(),
        }
    }

    /// The blocks directly inside this one, in document order.
    pub fn children(self) -> Vec<Block<'t>> {
        if !self.parts.is_empty() {
            return self
                .parts
                .iter()
                .flat_map(|t| Block::from(t.root_node()).children())
                .collect();
        }
        let mut cursor = self.node.walk();
        self.node.children(&mut cursor).map(Block::from).collect()
    }

    /// The first block directly inside this one of `kind`.
    pub fn child(self, kind: BlockKind) -> Option<Block<'t>> {
        if !self.parts.is_empty() {
            return self.children().into_iter().find(|c| c.kind() == kind);
        }
        let mut cursor = self.node.walk();
        self.node
            .children(&mut cursor)
            .map(Block::from)
            .find(|c| c.kind() == kind)
    }

    /// The block after this one in the same container. (A top-level block at the end of a
    /// part has none: the next part starts with a section, which no caller looks for.)
    pub fn next_sibling(self) -> Option<Block<'t>> {
        self.node.next_named_sibling().map(Block::from)
    }

    /// A section's heading (content before a document's first heading is a section without
    /// one).
    pub fn heading(self) -> Option<Block<'t>> {
        self.child(BlockKind::Heading)
    }

    /// A heading's level: 1 to 6 for `#` headings, 1 or 2 for underlined ones.
    pub fn level(self) -> u8 {
        let mut cursor = self.node.walk();
        for child in self.node.children(&mut cursor) {
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

    /// The inline content of a heading, a paragraph or a table cell.
    pub fn inline(self) -> Option<Block<'t>> {
        match self.kind() {
            BlockKind::TableCell | BlockKind::Inline => Some(self),
            BlockKind::Heading => self.child(BlockKind::Inline).or_else(|| {
                // An underlined heading holds its text as a paragraph.
                self.child(BlockKind::Paragraph)
                    .and_then(|p| p.child(BlockKind::Inline))
            }),
            BlockKind::Paragraph => self.child(BlockKind::Inline),
            _ => None,
        }
    }

    /// The marker, task box, first paragraph and nested lists of a list item.
    pub fn list_item_parts(self) -> ListItemParts<'t> {
        let mut parts = ListItemParts {
            marker: None,
            task: None,
            paragraph: None,
            sublists: Vec::new(),
        };
        for child in self.children() {
            let range = child.range();
            match child.node.kind() {
                k if k.starts_with("list_marker") && parts.marker.is_none() => {
                    parts.marker = Some(range);
                }
                "task_list_marker_checked" if parts.task.is_none() => {
                    parts.task = Some((range, true));
                }
                "task_list_marker_unchecked" if parts.task.is_none() => {
                    parts.task = Some((range, false));
                }
                "paragraph" if parts.paragraph.is_none() => parts.paragraph = Some(child),
                // `1. ### Develop use cases` (wiki exports): the heading is the item's text,
                // and the lists of its section are the item's own.
                "section" => {
                    for inner in child.children() {
                        match inner.node.kind() {
                            "atx_heading" | "setext_heading" if parts.paragraph.is_none() => {
                                parts.paragraph = Some(inner);
                            }
                            "list" => parts.sublists.push(inner),
                            _ => {}
                        }
                    }
                }
                "list" => parts.sublists.push(child),
                _ => {}
            }
        }
        parts
    }

    /// The cells of a table row with their column numbers; an empty cell has no block.
    pub fn cells(self, text: &str) -> Vec<(usize, Block<'t>)> {
        let start = self.start();
        let lead = text[start..].trim_start().starts_with('|');
        self.children()
            .into_iter()
            .filter(|c| c.kind() == BlockKind::TableCell)
            .map(|c| {
                let before = &text[start..c.start()];
                let pipes = before
                    .char_indices()
                    .filter(|&(i, ch)| ch == '|' && !before[..i].ends_with('\\'))
                    .count();
                (pipes - usize::from(lead && pipes > 0), c)
            })
            .collect()
    }

    /// What encloses the text at `offset` (`..offset + len`) inside this block.
    pub fn enclosing(self, offset: usize, len: usize) -> Enclosing<'t> {
        let root = match self.parts {
            [] => self.node,
            parts => parts
                .iter()
                .map(Tree::root_node)
                .find(|r| offset < r.end_byte())
                .unwrap_or_else(|| parts[parts.len() - 1].root_node()),
        };
        let mut node = root.descendant_for_byte_range(offset, offset + len);
        while let Some(cur) = node {
            match cur.kind() {
                "fenced_code_block" | "indented_code_block" | "code_fence_content" => {
                    return Enclosing::Code;
                }
                "inline" => return Enclosing::Inline(Block::from(cur)),
                "html_block" => return Enclosing::Html,
                _ => node = cur.parent(),
            }
        }
        Enclosing::Other
    }
}

/// tree-sitter's points count rows at `\n` only and columns in bytes.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before.len(), |nl| before.len() - nl - 1);
    Point { row, column }
}

fn advance_point(start: Point, fragment: &str) -> Point {
    let bytes = fragment.as_bytes();
    match bytes.iter().rposition(|&b| b == b'\n') {
        None => Point {
            row: start.row,
            column: start.column + bytes.len(),
        },
        Some(last_nl) => Point {
            row: start.row + bytes.iter().filter(|&&b| b == b'\n').count(),
            column: bytes.len() - last_nl - 1,
        },
    }
}

/// Parsers for both grammars plus the inline cache. Not `Sync`: keep one per thread.
pub struct MarkdownParser {
    block: Parser,
    inline: Parser,
    cache: HashMap<u64, Arc<InlineText>>,
    /// How many parts a large text may be parsed in at once: the machine's parallelism, at
    /// most [`MAX_PARTS`].
    threads: usize,
    /// Bytes of text per part, at least.
    part_size: usize,
}

/// A text is parsed in parts only when each part has at least this many bytes: starting a
/// thread and a parser for it costs far less than parsing this much (about 10 ms).
const PART_SIZE: usize = 32 * 1024;

/// At most this many parts (threads) for one text.
const MAX_PARTS: usize = 4;

impl Default for MarkdownParser {
    fn default() -> Self {
        Self::new()
    }
}

/// Characters that can start inline syntax (emphasis, code, links, HTML, escapes, entities,
/// strikethrough, images).
const INLINE_SYNTAX: [char; 10] = ['*', '_', '`', '[', ']', '<', '\\', '&', '~', '!'];

/// Entries kept in the inline cache before it is cleared; bounds memory in a long editor session.
const INLINE_CACHE_LIMIT: usize = 50_000;

impl MarkdownParser {
    pub fn new() -> Self {
        let mut block = Parser::new();
        block
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .expect("the tree-sitter-md block grammar matches the tree-sitter ABI");
        let mut inline = Parser::new();
        inline
            .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
            .expect("the tree-sitter-md inline grammar matches the tree-sitter ABI");
        Self {
            block,
            inline,
            cache: HashMap::new(),
            threads: std::thread::available_parallelism()
                .map_or(1, std::num::NonZeroUsize::get)
                .min(MAX_PARTS),
            part_size: PART_SIZE,
        }
    }

    /// Parse texts in parts of at least `bytes` bytes on up to `threads` threads (tests use
    /// small parts to split ordinary documents).
    #[doc(hidden)]
    pub fn with_parts(mut self, threads: usize, bytes: usize) -> Self {
        self.threads = threads.max(1);
        self.part_size = bytes.max(1);
        self
    }

    /// Parse the block structure of `text`. With `old`, an edited previous tree of the same
    /// document (see [`SyntaxTree::edit`]), unchanged parts are reused.
    ///
    /// A large text with no `old` tree (a document just opened, a file linted once) is parsed
    /// in parts on several threads when it has top-level `# ` headings after blank lines to
    /// start them at; a tree parsed in parts is reparsed part by part after an edit. The tree
    /// is the same as the whole text's in every case (see the module's documentation).
    ///
    /// A leading byte-order mark is left out of the parse (so a heading or front matter on the
    /// first line is still recognised) while offsets stay those of the full text.
    pub fn parse(&mut self, text: &str, old: Option<&SyntaxTree>) -> Option<SyntaxTree> {
        let input = parse_input(text);
        let bytes = input.as_bytes();
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        match old {
            // Edited: a tree parsed whole stays whole (its reparse is incremental anyway).
            Some(old) if old.parts.len() == 1 => {
                return self
                    .parse_range(bytes, bom..bytes.len(), Some(&old.parts[0]))
                    .map(|t| SyntaxTree { parts: vec![t] });
            }
            Some(old) => {
                // The parts keep their starts (where the edit left them) while those still
                // start a part; otherwise the text is split again.
                let kept: Vec<usize> = old.parts[1..]
                    .iter()
                    .map(|t| t.root_node().start_byte())
                    .collect();
                let cuts = if kept.iter().all(|&at| starts_part(bytes, bom, at))
                    && kept.windows(2).all(|w| w[0] < w[1])
                {
                    kept
                } else {
                    self.part_starts(bytes, bom)
                };
                if cuts.len() + 1 == old.parts.len()
                    && let Some(tree) = self.reparse_parts(bytes, bom, &cuts, old)
                {
                    return Some(tree);
                }
            }
            None => {}
        }
        let cuts = self.part_starts(bytes, bom);
        if !cuts.is_empty()
            && let Some(tree) = self.parse_parts(bytes, bom, &cuts)
        {
            return Some(tree);
        }
        self.parse_range(bytes, bom..bytes.len(), None)
            .map(|t| SyntaxTree { parts: vec![t] })
    }

    /// Parse `range` of the text with this thread's block parser.
    fn parse_range(
        &mut self,
        bytes: &[u8],
        range: std::ops::Range<usize>,
        old: Option<&Tree>,
    ) -> Option<Tree> {
        parse_block_range(&mut self.block, bytes, range, old)
    }

    /// Where the parts of a large text start (after the first part): empty when it is to be
    /// parsed whole.
    fn part_starts(&self, bytes: &[u8], bom: usize) -> Vec<usize> {
        let parts = (bytes.len() / self.part_size).min(self.threads);
        if parts < 2 {
            return Vec::new();
        }
        let candidates = part_candidates(bytes, bom);
        let mut cuts: Vec<usize> = Vec::with_capacity(parts - 1);
        for k in 1..parts {
            let target = bytes.len() * k / parts;
            let floor = cuts.last().copied().unwrap_or(bom);
            if let Some(&at) = candidates.iter().find(|&&c| c >= target && c > floor) {
                cuts.push(at);
            }
        }
        cuts
    }

    /// Parse the parts starting at `cuts` at once, the first on this thread and each other on
    /// a thread of its own. `None` when a part could not be parsed, or the parts do not make
    /// the whole text's tree ([`parts_join`]).
    fn parse_parts(&mut self, bytes: &[u8], bom: usize, cuts: &[usize]) -> Option<SyntaxTree> {
        let ranges = part_ranges(bytes.len(), bom, cuts);
        let parts: Option<Vec<Tree>> = std::thread::scope(|scope| {
            let others: Vec<_> = ranges[1..]
                .iter()
                .cloned()
                .map(|range| {
                    scope.spawn(move || {
                        let mut parser = Parser::new();
                        parser.set_language(&tree_sitter_md::LANGUAGE.into()).ok()?;
                        parse_block_range(&mut parser, bytes, range, None)
                    })
                })
                .collect();
            let first = self.parse_range(bytes, ranges[0].clone(), None);
            let mut parts = vec![first?];
            for handle in others {
                parts.push(handle.join().ok()??);
            }
            Some(parts)
        });
        let parts = parts?;
        parts_join(&parts, bytes).then_some(SyntaxTree { parts })
    }

    /// Reparse an edited tree parsed in parts, part by part on this thread.
    fn reparse_parts(
        &mut self,
        bytes: &[u8],
        bom: usize,
        cuts: &[usize],
        old: &SyntaxTree,
    ) -> Option<SyntaxTree> {
        let ranges = part_ranges(bytes.len(), bom, cuts);
        let mut parts = Vec::with_capacity(ranges.len());
        for (range, old) in ranges.into_iter().zip(&old.parts) {
            parts.push(self.parse_range(bytes, range, Some(old))?);
        }
        parts_join(&parts, bytes).then_some(SyntaxTree { parts })
    }

    /// The inline content of a block (see [`Block::inline`]) as plain text.
    pub fn inline_text(&mut self, block: Block<'_>, text: &str) -> Arc<InlineText> {
        let (range, excluded) = inline_span(block);
        let key = {
            let mut h = DefaultHasher::new();
            text[range.as_range()].hash(&mut h);
            for r in &excluded {
                (r.start - range.start, r.end - range.start).hash(&mut h);
            }
            h.finish()
        };
        if let Some(hit) = self.cache.get(&key)
            && hit.source_start == range.start
        {
            return Arc::clone(hit);
        }
        let relative = match self.cache.get(&key) {
            Some(hit) => hit.shifted(range.start),
            // Text with none of the inline syntax characters has no markup to remove: no need
            // for the inline parser (most list entries are plain sentences).
            None if !text[range.as_range()].contains(INLINE_SYNTAX) => {
                let skips: Vec<Skip> = excluded.iter().map(|r| Skip::whitespace(*r)).collect();
                InlineText::build(text, range, &skips, InlineFacts::default())
            }
            // `**Goal:** Ship it`, the commonest markup in goal documents, read without the
            // inline parser (what it would make of it, `tests::plain_bold_is_read_as_parsed`).
            None if let Some(read) = plain_bold_inline(text, range, &excluded) => read,
            None => self.parse_inline(text, range, &excluded),
        };
        let result = Arc::new(relative);
        if self.cache.len() >= INLINE_CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(key, Arc::clone(&result));
        result
    }

    fn parse_inline(&mut self, text: &str, range: TextRange, excluded: &[TextRange]) -> InlineText {
        let included = included_ranges(text, range, excluded);
        let mut skips: Vec<Skip> = excluded.iter().map(|r| Skip::whitespace(*r)).collect();
        let mut builder = InlineFacts::default();
        if self.inline.set_included_ranges(&included).is_ok()
            && let Some(tree) = self
                .inline
                .parse(parse_input(&text[..range.end]).as_bytes(), None)
        {
            collect_inline_skips(tree.root_node(), text, &mut skips, &mut builder);
        }
        // Always reset so a later whole-document parse is not limited to these ranges.
        let _ = self.inline.set_included_ranges(&[]);
        skips.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        InlineText::build(text, range, &skips, builder)
    }
}

/// An inline block's range, and the continuation markers inside it (`> `, list indentation),
/// which are not inline content.
fn inline_span(block: Block<'_>) -> (TextRange, Vec<TextRange>) {
    let node = block.node;
    let mut excluded = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if child.kind() == "block_continuation" {
            excluded.push(TextRange::new(child.start_byte(), child.end_byte()));
        }
    }
    (TextRange::new(node.start_byte(), node.end_byte()), excluded)
}

/// The inline text of `range` when it is plain but for one bold span ([`plain_bold`]), read
/// without the inline parser.
fn plain_bold_inline(text: &str, range: TextRange, excluded: &[TextRange]) -> Option<InlineText> {
    if !excluded.is_empty() {
        return None;
    }
    let (open, close) = plain_bold(&text[range.as_range()])?;
    let (open, close) = (range.start + open, range.start + close);
    let skips =
        [open, open + 1, close, close + 1].map(|at| Skip::nothing(TextRange::new(at, at + 1)));
    let facts = InlineFacts {
        strong: vec![TextRange::new(open, close + 2)],
        ..InlineFacts::default()
    };
    Some(InlineText::build(text, range, &skips, facts))
}

/// Where the two `**` of `source` are, when it is plain text but for one bold span that the
/// inline parser would surely read as one (CommonMark's flanking rules decided by ASCII
/// neighbours alone): the opening `**` at the start or after a space, before a letter or
/// digit; the closing one after any other character, before a space, a line break or the end;
/// no other inline syntax anywhere. `None` when it is anything else (the parser decides).
fn plain_bold(source: &str) -> Option<(usize, usize)> {
    let b = source.as_bytes();
    let mut stars = b
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'*')
        .map(|(i, _)| i);
    let (open, close) = match (stars.next(), stars.next(), stars.next(), stars.next()) {
        (Some(a), Some(a2), Some(c), Some(c2)) if a2 == a + 1 && c2 == c + 1 => (a, c),
        _ => return None,
    };
    let opens = (open == 0 || b[open - 1] == b' ') && b[open + 2].is_ascii_alphanumeric();
    let closes = !b[close - 1].is_ascii_whitespace()
        && b.get(close + 2).is_none_or(|&c| c == b' ' || c == b'\n');
    (stars.next().is_none() && opens && closes && !source.contains(&INLINE_SYNTAX[1..]))
        .then_some((open, close))
}

/// Whether a block container's source (a section, list, list item or block quote) can hold a
/// code block: a fence needs three backticks or tildes, an indented block four columns of
/// indentation inside its container (four spaces or a tab). Without any, a walk of the block
/// tree below it finds none.
/// Parse `range` of `bytes` with the block grammar.
fn parse_block_range(
    parser: &mut Parser,
    bytes: &[u8],
    range: std::ops::Range<usize>,
    old: Option<&Tree>,
) -> Option<Tree> {
    // The whole text: no ranges (the parser's default), as it has always been parsed.
    let ranges = if range.start == 0 && range.end == bytes.len() {
        Vec::new()
    } else {
        vec![tree_sitter::Range {
            start_byte: range.start,
            end_byte: range.end,
            start_point: byte_point(bytes, range.start),
            end_point: byte_point(bytes, range.end),
        }]
    };
    parser.set_included_ranges(&ranges).ok()?;
    parser.parse(bytes, old)
}

fn byte_point(bytes: &[u8], offset: usize) -> Point {
    let before = &bytes[..offset.min(bytes.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before.len(), |nl| before.len() - nl - 1);
    Point { row, column }
}

/// The ranges of the parts starting at `cuts` (the first from the start of the text, or just
/// after a byte-order mark).
fn part_ranges(len: usize, bom: usize, cuts: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut starts = vec![bom];
    starts.extend_from_slice(cuts);
    let mut ends = cuts.to_vec();
    ends.push(len);
    starts.into_iter().zip(ends).map(|(a, b)| a..b).collect()
}

/// Whether a part may start at `at`: a top-level `# ` heading (at the start of its line) after
/// a blank line. Every container (list, quote) and every block but a code fence or an HTML
/// block ends before such a heading, so the text after it parses the same without the text
/// before it; [`parts_join`] checks the two exceptions.
fn starts_part(bytes: &[u8], bom: usize, at: usize) -> bool {
    if at <= bom || at >= bytes.len() || !matches!(bytes.get(at..at + 2), Some(b"# " | b"#\t")) {
        return false;
    }
    let before = &bytes[bom..at];
    let Some(body) = before.strip_suffix(b"\n") else {
        return false;
    };
    let line_start = body.iter().rposition(|&b| b == b'\n');
    // The line before is blank (and is not the first line: there is one before it).
    line_start.is_some_and(|nl| {
        body[nl + 1..]
            .iter()
            .all(|&b| matches!(b, b' ' | b'\t' | b'\r'))
    })
}

/// Offsets where a part may start ([`starts_part`]), after the front matter and outside code
/// fences that open at the start of a line (an estimate: [`parts_join`] has the last word).
fn part_candidates(bytes: &[u8], bom: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let line_end = |at: usize| {
        bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| at + i + 1)
    };
    fn trimmed(line: &[u8]) -> &[u8] {
        let end = line.len()
            - line
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        &line[..end]
    }
    let mut at = bom;
    // Front matter (`---` or `+++` on the first line) runs to its closing line, over blank
    // lines and headings: no part starts before it ends, and none at all if it never does.
    let first = trimmed(&bytes[at..line_end(at)]);
    if first == b"---" || first == b"+++" {
        let delimiter = first;
        at = line_end(at);
        loop {
            if at >= bytes.len() {
                return out;
            }
            let end = line_end(at);
            let closes = trimmed(&bytes[at..end]) == delimiter;
            at = end;
            if closes {
                break;
            }
        }
    }
    while at < bytes.len() {
        let end = line_end(at);
        let line = &bytes[at..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent.min(line.len())..];
        let run = |c: u8| rest.iter().take_while(|&&b| b == c).count();
        match fence {
            Some((c, n)) => {
                if indent < 4
                    && run(c) >= n
                    && rest[run(c)..].iter().all(|b| b.is_ascii_whitespace())
                {
                    fence = None;
                }
            }
            None => {
                if indent < 4 && (run(b'`') >= 3 || run(b'~') >= 3) {
                    let c = rest[0];
                    fence = Some((c, run(c)));
                } else if starts_part(bytes, bom, at) {
                    out.push(at);
                }
            }
        }
        at = end;
    }
    out
}

/// Whether parts parsed one by one make the tree of the whole text: none has a syntax error,
/// and none but the last ends inside a code fence or an HTML block left open (which in the
/// whole text would go on into the next part).
fn parts_join(parts: &[Tree], bytes: &[u8]) -> bool {
    if parts.iter().any(|t| t.root_node().has_error()) {
        return false;
    }
    parts[..parts.len() - 1].iter().all(|tree| {
        // What is open at the end of a part lies on its last blocks, from the root down.
        let mut node = tree.root_node();
        loop {
            match node.kind() {
                "fenced_code_block" => {
                    let mut cursor = node.walk();
                    let delimiters = node
                        .children(&mut cursor)
                        .filter(|c| c.kind() == "fenced_code_block_delimiter")
                        .count();
                    if delimiters < 2 {
                        return false;
                    }
                }
                "html_block" if !html_block_closed(&bytes[node.byte_range()]) => return false,
                _ => {}
            }
            match node.named_child_count() {
                0 => return true,
                n => match node.named_child(u32::try_from(n - 1).unwrap_or(u32::MAX)) {
                    Some(last) => node = last,
                    None => return true,
                },
            }
        }
    })
}

/// Whether an HTML block's text holds the end its start calls for (CommonMark's kinds 1 to 5:
/// `<script>`, `<pre>`, `<style>` and `<textarea>` up to their end tag, a comment, a processing
/// instruction, a declaration, CDATA). Other HTML blocks end at a blank line.
fn html_block_closed(block: &[u8]) -> bool {
    let start = block.iter().take_while(|&&b| b == b' ').count();
    let text = String::from_utf8_lossy(&block[start..]).to_ascii_lowercase();
    let body = |open: usize| text.get(open..).unwrap_or("");
    for tag in ["script", "pre", "style", "textarea"] {
        if let Some(rest) = text.strip_prefix('<').and_then(|t| t.strip_prefix(tag))
            && rest.starts_with([' ', '\t', '>', '\n', '\r'])
        {
            return body(1).contains(&format!("</{tag}>"));
        }
    }
    if text.starts_with("<!--") {
        body(4).contains("-->")
    } else if text.starts_with("<?") {
        body(2).contains("?>")
    } else if text.starts_with("<![cdata[") {
        body(9).contains("]]>")
    } else if text.starts_with("<!") && text[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        body(2).contains('>')
    } else {
        true
    }
}

pub fn may_hold_code_block(source: &str) -> bool {
    source.contains("```")
        || source.contains("~~~")
        || source.contains('\t')
        || source.contains("    ")
}

/// The text as the grammars should see it. tree-sitter-md's scanners take a NUL byte for the
/// end of input (the rest of the paragraph, or of the document, would vanish); CommonMark
/// reads NUL as U+FFFD, an ordinary character. Replacing it with another one-byte ordinary
/// character keeps every offset.
fn parse_input(text: &str) -> std::borrow::Cow<'_, str> {
    if text.as_bytes().contains(&0) {
        std::borrow::Cow::Owned(text.replace('\0', "\u{1A}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Ranges of `range` minus `excluded`, for the inline parser. Points are relative to the
/// node's start: only byte offsets of the inline tree are used, and computing absolute points
/// would cost a scan from the top of the document for every paragraph.
fn included_ranges(
    text: &str,
    range: TextRange,
    excluded: &[TextRange],
) -> Vec<tree_sitter::Range> {
    let text = &text[..range.end];
    let mut out = Vec::with_capacity(excluded.len() + 1);
    let mut start = range.start;
    for ex in excluded {
        if ex.start > start {
            out.push(ts_range(text, range.start, start, ex.start));
        }
        start = start.max(ex.end);
    }
    if range.end > start || out.is_empty() {
        out.push(ts_range(text, range.start, start, range.end.max(start)));
    }
    out
}

fn ts_range(text: &str, base: usize, start: usize, end: usize) -> tree_sitter::Range {
    let local = &text[base..];
    tree_sitter::Range {
        start_byte: start,
        end_byte: end,
        start_point: point_at(local, start - base),
        end_point: point_at(local, end - base),
    }
}

/// A source region left out of (or replaced in) the plain text.
#[derive(Clone, Copy, Debug)]
struct Skip {
    range: TextRange,
    /// What stands in the plain text instead.
    replacement: Replacement,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Replacement {
    Nothing,
    Space,
    Char(char),
}

impl Skip {
    fn nothing(range: TextRange) -> Self {
        Self {
            range,
            replacement: Replacement::Nothing,
        }
    }
    fn whitespace(range: TextRange) -> Self {
        Self {
            range,
            replacement: Replacement::Space,
        }
    }
}

#[derive(Default)]
struct InlineFacts {
    strong: Vec<TextRange>,
    code: Vec<TextRange>,
    links: Vec<TextRange>,
    html: Vec<TextRange>,
}

/// Iterative walk (inline nesting can be arbitrarily deep in hostile input).
fn collect_inline_skips(
    root: Node<'_>,
    text: &str,
    skips: &mut Vec<Skip>,
    facts: &mut InlineFacts,
) {
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        let range = TextRange::new(node.start_byte(), node.end_byte());
        match node.kind() {
            "emphasis_delimiter" | "code_span_delimiter" => skips.push(Skip::nothing(range)),
            "html_tag" => {
                facts.html.push(range);
                skips.push(Skip::nothing(range));
                continue;
            }
            "image" | "strikethrough" => {
                skips.push(Skip::nothing(range));
                continue;
            }
            "backslash_escape" => {
                skips.push(Skip::nothing(TextRange::new(range.start, range.start + 1)));
                continue;
            }
            "entity_reference" | "numeric_character_reference" => {
                let replacement = decode_entity(&text[range.as_range()]);
                skips.push(Skip {
                    range,
                    replacement: replacement.map_or(Replacement::Nothing, Replacement::Char),
                });
                continue;
            }
            "hard_line_break" => {
                skips.push(Skip::whitespace(range));
                continue;
            }
            "strong_emphasis" if depth <= 1 => facts.strong.push(range),
            "code_span" => facts.code.push(range),
            // `[X]` with no link definition renders as written, and goal documents use brackets
            // for tags and template slots (`Q[X] 20XX`, `[p0]`), so shortcut links stay literal.
            "shortcut_link" => {}
            "inline_link"
            | "full_reference_link"
            | "collapsed_reference_link"
            | "uri_autolink"
            | "email_autolink" => {
                facts.links.push(range);
                if node.kind().ends_with("autolink") {
                    continue;
                }
                // Keep only the link text; drop brackets, destination, title and label.
                let mut cursor = node.walk();
                for child in node.children(&mut cursor) {
                    if child.kind() == "link_text" {
                        stack.push((child, depth + 1));
                    } else {
                        skips.push(Skip::nothing(TextRange::new(
                            child.start_byte(),
                            child.end_byte(),
                        )));
                    }
                }
                continue;
            }
            _ => {}
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            stack.push((child, depth + 1));
        }
    }
}

/// The character a character reference (`&amp;`, `&#71;`, `&#x47;`) stands for; `None` for
/// a named reference this table does not know. The one table of references: the inline text
/// and the model's pre-check both decode with it.
pub(crate) fn decode_entity(raw: &str) -> Option<char> {
    let body = raw.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    // HTML also spells a few of these in capitals (`&COPY;`).
    Some(match body.to_ascii_lowercase().as_str() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "laquo" => '«',
        "raquo" => '»',
        "rarr" => '→',
        _ => return None,
    })
}

/// Inline content reduced to plain text (markup removed, whitespace collapsed, trimmed), with a
/// map back to source offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InlineText {
    pub plain: String,
    /// Source offset of the inline node this text was built from.
    source_start: usize,
    source_end: usize,
    pieces: Vec<Piece>,
    /// Plain-text ranges of top-level bold spans.
    pub strong: Vec<std::ops::Range<usize>>,
    /// Plain-text ranges of code spans.
    pub code: Vec<std::ops::Range<usize>>,
    /// Plain-text ranges of link texts.
    pub links: Vec<std::ops::Range<usize>>,
    /// Source ranges of inline HTML (tags and comments).
    pub html: Vec<TextRange>,
}

/// `plain[plain_start..plain_start+plain_len]` came from `source[source_start..+source_len]`.
/// Verbatim pieces have equal lengths; replaced ones (an entity, collapsed whitespace) do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    plain_start: usize,
    plain_len: usize,
    source_start: usize,
    source_len: usize,
}

impl InlineText {
    /// Plain text of a source slice taken verbatim (no inline parse): used for text that has no
    /// inline markup worth removing, such as a line of a paragraph already mapped.
    pub fn verbatim(text: &str, range: TextRange) -> InlineText {
        InlineText::build(text, range, &[], InlineFacts::default())
    }

    fn build(text: &str, range: TextRange, skips: &[Skip], facts: InlineFacts) -> InlineText {
        let mut out = InlineText {
            // Plain text is at most about as long as its source (markup removed).
            plain: String::with_capacity(range.len()),
            source_start: range.start,
            source_end: range.end,
            html: facts.html.clone(),
            ..InlineText::default()
        };
        let mut pending_space: Option<usize> = None;
        let mut pos = range.start;
        let mut skip_iter = skips.iter().peekable();
        let emit_char = |out: &mut InlineText,
                         pending: &mut Option<usize>,
                         c: char,
                         src: usize,
                         src_len: usize| {
            if let Some(space_src) = pending.take()
                && !out.plain.is_empty()
            {
                // The space stands for the whole character there: a no-break or ideographic
                // space is 2 or 3 bytes, and a range ending after it must not end inside it.
                let space_len = text[space_src..].chars().next().map_or(1, char::len_utf8);
                out.push_piece(" ", space_src, space_len);
            }
            let mut buf = [0; 4];
            out.push_piece(c.encode_utf8(&mut buf), src, src_len);
        };
        while pos < range.end {
            // Apply the skip starting here (the outermost, thanks to the sort order).
            if let Some(skip) = skip_iter.peek().copied() {
                if skip.range.end <= pos {
                    skip_iter.next();
                    continue;
                }
                if skip.range.start <= pos {
                    match skip.replacement {
                        Replacement::Nothing => {}
                        Replacement::Space => {
                            pending_space.get_or_insert(pos);
                        }
                        Replacement::Char(c) if c.is_whitespace() => {
                            pending_space.get_or_insert(pos);
                        }
                        Replacement::Char(c) => {
                            emit_char(
                                &mut out,
                                &mut pending_space,
                                c,
                                skip.range.start,
                                skip.range.len(),
                            );
                        }
                    }
                    pos = skip.range.end.min(range.end).max(pos + 1);
                    while pos < text.len() && !text.is_char_boundary(pos) {
                        pos += 1;
                    }
                    skip_iter.next();
                    continue;
                }
            }
            let next_skip = skip_iter
                .peek()
                .map_or(range.end, |s| s.range.start.min(range.end));
            let chunk = &text[pos..next_skip];
            for (i, c) in chunk.char_indices() {
                if c.is_whitespace() {
                    pending_space.get_or_insert(pos + i);
                } else {
                    emit_char(&mut out, &mut pending_space, c, pos + i, c.len_utf8());
                }
            }
            pos = next_skip;
        }
        out.strong = out.plain_ranges(&facts.strong);
        out.code = out.plain_ranges(&facts.code);
        out.links = out.plain_ranges(&facts.links);
        out
    }

    /// Append `s`, which stands for `source[source_start..+source_len]`; a verbatim piece
    /// right after a verbatim piece (in the plain text and in the source) extends it, so lookups
    /// stay short and a text of one run of characters is one piece.
    fn push_piece(&mut self, s: &str, source_start: usize, source_len: usize) {
        let plain_start = self.plain.len();
        self.plain.push_str(s);
        if let Some(last) = self.pieces.last_mut()
            && last.plain_len == last.source_len
            && s.len() == source_len
            && last.plain_start + last.plain_len == plain_start
            && last.source_start + last.source_len == source_start
        {
            last.plain_len += s.len();
            last.source_len += source_len;
            return;
        }
        self.pieces.push(Piece {
            plain_start,
            plain_len: s.len(),
            source_start,
            source_len,
        });
    }

    /// Plain ranges covering the given source ranges (empty ones dropped).
    fn plain_ranges(&self, source: &[TextRange]) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = source
            .iter()
            .filter_map(|r| {
                // Pieces are in source order, so both ends are binary searches (a 1 MB
                // paragraph has tens of thousands of pieces and as many spans).
                let start = self.pieces.get(
                    self.pieces
                        .partition_point(|p| p.source_start + p.source_len <= r.start),
                )?;
                let start_plain = if start.source_start >= r.start {
                    start.plain_start
                } else {
                    start.plain_start + (r.start - start.source_start).min(start.plain_len)
                };
                let end = self.pieces[..self.pieces.partition_point(|p| p.source_start < r.end)]
                    .last()?;
                let end_plain = if end.source_start + end.source_len <= r.end {
                    end.plain_start + end.plain_len
                } else {
                    end.plain_start + (r.end - end.source_start).min(end.plain_len)
                };
                (start_plain < end_plain).then_some(start_plain..end_plain)
            })
            .collect();
        out.sort_by_key(|r| r.start);
        out
    }

    fn shifted(&self, new_start: usize) -> InlineText {
        let mut out = self.clone();
        out.shift_by(new_start as isize - self.source_start as isize);
        out
    }

    /// Move every source offset by `delta` bytes (the same text elsewhere in the document).
    pub(crate) fn shift_by(&mut self, delta: isize) {
        let shift = |x: usize| (x as isize + delta) as usize;
        self.source_start = shift(self.source_start);
        self.source_end = shift(self.source_end);
        for p in &mut self.pieces {
            p.source_start = shift(p.source_start);
        }
        for r in &mut self.html {
            *r = TextRange::new(shift(r.start), shift(r.end));
        }
    }

    /// An empty text at a source offset (an empty list item, a label with nothing after it).
    pub fn empty_at(offset: usize) -> InlineText {
        InlineText {
            source_start: offset,
            source_end: offset,
            ..InlineText::default()
        }
    }

    /// The plain offset of the first character at or after `source_offset`.
    pub fn plain_offset_at(&self, source_offset: usize) -> usize {
        let idx = self
            .pieces
            .partition_point(|p| p.source_start + p.source_len <= source_offset);
        match self.pieces.get(idx) {
            Some(p) if p.source_start >= source_offset || p.plain_len != p.source_len => {
                p.plain_start
            }
            Some(p) => p.plain_start + (source_offset - p.source_start),
            None => self.plain.len(),
        }
    }

    /// Source range of the inline node this text came from.
    pub fn source_range(&self) -> TextRange {
        TextRange::new(self.source_start, self.source_end)
    }

    /// The source offset of a plain-text offset (the start of the character there).
    pub fn to_source(&self, plain_offset: usize) -> usize {
        if self.pieces.is_empty() {
            return self.source_start;
        }
        let idx = self
            .pieces
            .partition_point(|p| p.plain_start + p.plain_len <= plain_offset);
        match self.pieces.get(idx) {
            Some(p) if p.plain_len == p.source_len => {
                p.source_start + (plain_offset.saturating_sub(p.plain_start))
            }
            Some(p) => p.source_start,
            None => {
                let last = self.pieces.last().expect("non-empty");
                last.source_start + last.source_len
            }
        }
    }

    /// The source offset just after the character that ends at `plain_end`.
    pub fn to_source_end(&self, plain_end: usize) -> usize {
        if plain_end == 0 || self.pieces.is_empty() {
            return self.to_source(plain_end);
        }
        let idx = self
            .pieces
            .partition_point(|p| p.plain_start + p.plain_len < plain_end);
        match self.pieces.get(idx) {
            Some(p) if p.plain_len == p.source_len => {
                p.source_start + (plain_end - p.plain_start).min(p.source_len)
            }
            Some(p) => p.source_start + p.source_len,
            None => self.to_source(plain_end),
        }
    }

    /// The source range of a plain-text range.
    pub fn range_of(&self, plain: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source(plain.start);
        let end = self.to_source_end(plain.end).max(start);
        TextRange::new(start, end)
    }

    /// Source range of the whole plain text (markup at the edges excluded).
    pub fn trimmed_range(&self) -> TextRange {
        if self.plain.is_empty() {
            return TextRange::empty(self.source_start);
        }
        self.range_of(0..self.plain.len())
    }

    /// A sub-text: `plain[range]` (trimmed) with its map.
    pub fn slice(&self, range: std::ops::Range<usize>) -> InlineText {
        let s = &self.plain[range.clone()];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        let range = (range.start + lead)..(range.end - trail).max(range.start + lead);
        let base = range.start;
        let pieces = self
            .pieces
            .iter()
            .filter_map(|p| {
                let a = p.plain_start.max(range.start);
                let b = (p.plain_start + p.plain_len).min(range.end);
                if a >= b {
                    return None;
                }
                Some(if p.plain_len == p.source_len {
                    Piece {
                        plain_start: a - base,
                        plain_len: b - a,
                        source_start: p.source_start + (a - p.plain_start),
                        source_len: b - a,
                    }
                } else {
                    Piece {
                        plain_start: a - base,
                        plain_len: b - a,
                        source_start: p.source_start,
                        source_len: p.source_len,
                    }
                })
            })
            .collect();
        let clip = |rs: &[std::ops::Range<usize>]| {
            rs.iter()
                .filter_map(|r| {
                    let a = r.start.max(range.start);
                    let b = r.end.min(range.end);
                    (a < b).then(|| (a - base)..(b - base))
                })
                .collect()
        };
        let source = if range.is_empty() {
            TextRange::empty(self.to_source(range.start))
        } else {
            self.range_of(range.clone())
        };
        InlineText {
            plain: self.plain[range.clone()].to_string(),
            source_start: source.start,
            source_end: source.end,
            pieces,
            strong: clip(&self.strong),
            code: clip(&self.code),
            links: clip(&self.links),
            html: self.html.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_inline(parser: &mut MarkdownParser, text: &str) -> Arc<InlineText> {
        let tree = parser.parse(text, None).unwrap();
        let mut stack = vec![tree.root()];
        while let Some(block) = stack.pop() {
            if block.kind() == BlockKind::Inline {
                return parser.inline_text(block, text);
            }
            stack.extend(block.children().into_iter().rev());
        }
        panic!("no inline node in {text:?}");
    }

    /// The inline parser's reading of every inline node of `text` next to the one without it
    /// ([`plain_bold_inline`]), where that one reads it; how many it read.
    fn compare_plain_bold(p: &mut MarkdownParser, text: &str) -> usize {
        let tree = p.parse(text, None).unwrap();
        let mut stack = vec![tree.root()];
        let mut read = 0;
        while let Some(block) = stack.pop() {
            if block.kind() == BlockKind::Inline {
                let (range, excluded) = inline_span(block);
                if let Some(fast) = plain_bold_inline(text, range, &excluded) {
                    let parsed = p.parse_inline(text, range, &excluded);
                    assert_eq!(fast, parsed, "{:?}", &text[range.as_range()]);
                    read += 1;
                }
            }
            stack.extend(block.children().into_iter().rev());
        }
        read
    }

    #[test]
    fn plain_bold_is_read_as_parsed() {
        let mut p = MarkdownParser::new();
        let cases = [
            "**Goal:** Ship it\n",
            "- **Goal:** Ship it\n",
            "1. **Goal:** Ship *it*\n",
            "**Goal:**\n",
            "**Goal:**Ship\n",
            "**Goal :** Ship\n",
            "** Goal:** Ship\n",
            "Then **bold** words\n",
            "x**bold** words\n",
            "**a**b\n",
            "***Goal:*** x\n",
            "**Goal:** 50% ** 2\n",
            "# **Goal:** heading\n",
            "**Goal:** two\nlines here\n",
            "**Goal:** two  \nlines, a hard break\n",
            "**Goal:**  \nnext line\n",
            "> **Goal:** quoted\n> on two lines\n",
            "- **Goal:** item\n  continued\n",
            "**Ziel:** Größe ändern\n",
            "**1:** é\n",
            "**Goal:**\u{a0}x\n",
            "a **b.** c\n",
            "**Goal:** ~~x~~\n",
            "**Goal:** [x](y)\n",
            "| **Goal:** | x |\n|---|---|\n| **a** | **b:** c |\n",
        ];
        let mut read = 0;
        for case in cases {
            read += compare_plain_bold(&mut p, case);
        }
        assert!(read >= 8, "{read}");
        // Every document the tests lint.
        let mut files = 0;
        for (path, text) in crate::test_fixtures::fixture_texts() {
            if path.extension().is_some_and(|e| e == "md") {
                read += compare_plain_bold(&mut p, &text);
                files += 1;
            }
        }
        assert!(files > 50 && read > 100, "{files} files, {read} read");
    }

    #[test]
    fn strips_markup_and_maps_back() {
        let mut p = MarkdownParser::new();
        let text = "- **Goal:** Ship *payments* [v2](http://x) &amp; `api` <!-- c --> now\n";
        let t = first_inline(&mut p, text);
        assert_eq!(t.plain, "Goal: Ship payments v2 & api now");
        assert_eq!(t.strong, vec![0..5]);
        assert_eq!(t.code, vec![25..28]);
        let i = t.plain.find("payments").unwrap();
        let r = t.range_of(i..i + "payments".len());
        assert_eq!(&text[r.as_range()], "payments");
        let amp = t.plain.find('&').unwrap();
        assert_eq!(&text[t.range_of(amp..amp + 1).as_range()], "&amp;");
        assert_eq!(
            &text[t.trimmed_range().as_range()],
            &text[4..text.len() - 1]
        );
    }

    #[test]
    fn joins_continuation_lines() {
        let mut p = MarkdownParser::new();
        let text = "> Reduce latency\n> to 200ms\n";
        let t = first_inline(&mut p, text);
        assert_eq!(t.plain, "Reduce latency to 200ms");
        let i = t.plain.find("200ms").unwrap();
        assert_eq!(&text[t.range_of(i..i + 5).as_range()], "200ms");
    }

    #[test]
    fn cache_hits_at_another_offset_are_shifted() {
        let mut p = MarkdownParser::new();
        let a = "- Ship *it*\n";
        let b = "\n\n- Ship *it*\n";
        let ta = first_inline(&mut p, a);
        let tb = first_inline(&mut p, b);
        assert_eq!(ta.plain, tb.plain);
        assert_eq!(&b[tb.trimmed_range().as_range()], "Ship *it");
    }

    #[test]
    fn slices_keep_the_map() {
        let mut p = MarkdownParser::new();
        let text = "- **Why it matters:** Unlocks *$2M* ARR\n";
        let t = first_inline(&mut p, text);
        let colon = t.plain.find(':').unwrap();
        let rest = t.slice(colon + 1..t.plain.len());
        assert_eq!(rest.plain, "Unlocks $2M ARR");
        let i = rest.plain.find("$2M").unwrap();
        assert_eq!(&text[rest.range_of(i..i + 3).as_range()], "$2M");
    }

    /// tree-sitter-md's scanners read NUL as the end of input: without `parse_input` the list
    /// item after the NUL, and the rest of the paragraph holding it, vanished from the tree.
    #[test]
    fn a_nul_byte_ends_nothing() {
        let mut p = MarkdownParser::new();
        let text = "- Ship v2\0 by Week 3\n- Work on payments\n";
        let tree = p.parse(text, None).unwrap();
        let mut items = 0;
        let mut stack = vec![tree.root()];
        while let Some(block) = stack.pop() {
            items += usize::from(block.kind() == BlockKind::ListItem);
            stack.extend(block.children());
        }
        assert_eq!(items, 2);
        let t = first_inline(&mut p, text);
        assert_eq!(t.plain, "Ship v2\0 by Week 3");
    }

    /// Ranges are mapped with binary searches: a one-line paragraph of 20,000 code spans used
    /// to cost a scan of every piece per span (minutes for a 1 MB line).
    #[test]
    fn many_spans_on_one_line_map_back() {
        let mut p = MarkdownParser::new();
        let text: String = (0..20_000).map(|i| format!("`c{i}` *e* ")).collect();
        let t = first_inline(&mut p, &text);
        assert_eq!(t.code.len(), 20_000);
        let last = t.code.last().unwrap().clone();
        let r = t.range_of(last);
        assert_eq!(&text[r.as_range()], "c19999");
        assert_eq!(t.plain_offset_at(text.len()), t.plain.len());
    }

    /// Every block of a tree, in document order: its node kind and byte range.
    fn shape(tree: &SyntaxTree) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut stack = vec![tree.root()];
        while let Some(block) = stack.pop() {
            out.push((block.node.kind().to_string(), block.start(), block.end()));
            stack.extend(block.children().into_iter().rev());
        }
        out
    }

    fn whole() -> MarkdownParser {
        MarkdownParser::new().with_parts(1, usize::MAX)
    }

    /// A parser that splits any text with a top-level heading into parts of a few lines.
    fn in_parts() -> MarkdownParser {
        MarkdownParser::new().with_parts(4, 8)
    }

    fn assert_same_tree(text: &str) -> usize {
        let expected = whole().parse(text, None).unwrap();
        let parts = in_parts().parse(text, None).unwrap();
        assert_eq!(shape(&parts), shape(&expected), "{text:?}");
        parts.parts()
    }

    #[test]
    fn a_text_parsed_in_parts_has_the_whole_texts_tree() {
        let sections = "# One\n\nIntro.\n\n- a\n- b\n\n# Two\n\n> quote\n\n# Three\n\n1. x\n\n   y\n\n# Four\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n# Five\ntext\n";
        assert_eq!(assert_same_tree(sections), 4);
        // Front matter and a byte-order mark stay in the first part.
        assert!(assert_same_tree(&format!("\u{FEFF}---\ntitle: x\n---\n\n{sections}")) > 1);
        assert!(assert_same_tree(&sections.replace('\n', "\r\n")) > 1);
        assert!(assert_same_tree(&format!("{sections}\0 after a NUL\n\n# Six\n")) > 1);
    }

    #[test]
    fn what_is_left_open_at_a_part_boundary_keeps_the_text_whole() {
        for text in [
            // The fence is never closed: in the whole text, everything after it is code.
            "# A\n\n```\ncode\n\n# B\n\ntext\n\n# C\n\nmore\n",
            // A fence inside a list item, not at the start of its line.
            "# A\n\n- item\n\n  ```\n  code\n\n# B\n\n  ```\n\n# C\n",
            // A comment and a `<pre>` block run over blank lines and headings.
            "# A\n\n<!--\n<b>\n\n# B\n\n-->\n\n# C\n\nx\n",
            "# A\n\n<pre>\n\n# B\n\n</pre>\n\n# C\n",
            "# A\n\n<?php\n\n# B ?>\n\n# C\n",
            "# A\n\n<![CDATA[\n\n# B ]]>\n\n# C\n",
            "# A\n\n<!DOCTYPE\n\n# B >\n\n# C\n",
            // A longer fence is not closed by a shorter one.
            "# A\n\n````\n```\n\n# B\n\n````\n\n# C\n",
        ] {
            assert_same_tree(text);
        }
    }

    #[test]
    fn edits_of_a_text_parsed_in_parts_reparse_as_the_whole_text() {
        let mut text = String::from(
            "# One\n\n- a\n- b\n\n# Two\n\nPara.\n\n# Three\n\n- [ ] c\n\n# Four\n\nend\n",
        );
        let mut parser = in_parts();
        let mut tree = parser.parse(&text, None).unwrap();
        assert!(tree.parts() > 1);
        // (position, removed bytes, inserted text): an edit in a part, one that breaks a
        // part's heading, one that opens a fence over the rest, then closes it again.
        let edits: [(usize, usize, &str); 5] = [
            (10, 0, "x"),
            (19, 1, ""),
            (8, 0, "```\n"),
            (12, 0, "```\n"),
            (0, 0, "Intro\n\n"),
        ];
        for (at, removed, inserted) in edits {
            let range = TextRange::new(at, at + removed);
            tree.edit(&text, range, inserted);
            text.replace_range(at..at + removed, inserted);
            tree = parser.parse(&text, Some(&tree)).unwrap();
            let expected = whole().parse(&text, None).unwrap();
            assert_eq!(shape(&tree), shape(&expected), "{text:?}");
        }
    }

    fn markdown() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                Just("# Part\n"),
                Just("## Sub\n"),
                Just("\n"),
                Just("- item\n"),
                Just("  - nested\n"),
                Just("1. step\n"),
                Just("> quote\n"),
                Just("```\n"),
                Just("~~~~\n"),
                Just("  ```\n"),
                Just("<!--\n"),
                Just("-->\n"),
                Just("<pre>\n"),
                Just("</pre>\n"),
                Just("<div>\n"),
                Just("    indented\n"),
                Just("| a | b |\n|---|---|\n"),
                Just("Text line\n"),
                Just("---\n"),
                Just("===\n"),
                Just("\r\n"),
                Just("+++\n"),
                Just("#\tTab\n"),
                Just("   # Indented\n"),
                Just("<script>\n"),
                Just("</script>\n"),
                Just("<?x\n"),
                Just("?>\n"),
                Just("[ref]: /url\n"),
                Just("\t- tab item\n"),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// Any text, and any edit of it, parses in parts as it does whole.
        #[test]
        fn any_text_and_edit_parse_in_parts_as_whole(
            text in markdown(),
            inserted in markdown(),
            at in 0.0f64..1.0,
            removed in 0usize..40,
        ) {
            assert_same_tree(&text);
            let mut parser = in_parts();
            let mut tree = parser.parse(&text, None).unwrap();
            let start = ((text.len() as f64) * at) as usize;
            let end = (start + removed).min(text.len());
            tree.edit(&text, TextRange::new(start, end), &inserted);
            let mut edited = text.clone();
            edited.replace_range(start..end, &inserted);
            let tree = parser.parse(&edited, Some(&tree)).unwrap();
            let expected = whole().parse(&edited, None).unwrap();
            proptest::prop_assert_eq!(shape(&tree), shape(&expected), "{:?} -> {:?}", text, edited);
        }
    }

    /// Every document of the repository's corpus, split wherever it can be.
    #[test]
    fn the_corpus_parses_in_parts_as_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let (mut docs, mut split) = (0, 0);
        for batch in std::fs::read_dir(&root).unwrap().flatten() {
            let Ok(files) = std::fs::read_dir(batch.path()) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                docs += 1;
                if assert_same_tree(&text) > 1 {
                    split += 1;
                }
            }
        }
        assert!(
            docs > 1000 && split > 100,
            "{docs} documents, {split} split"
        );
    }

    #[test]
    fn points_count_bytes_and_newlines() {
        assert_eq!(point_at("ab\ncd", 4), Point { row: 1, column: 1 });
        assert_eq!(
            advance_point(Point { row: 2, column: 3 }, "x\nyz"),
            Point { row: 3, column: 2 }
        );
        assert_eq!(
            advance_point(Point { row: 2, column: 3 }, "xy"),
            Point { row: 2, column: 5 }
        );
    }
}
