//! Pass 1 and the per-section driver: the section tree with each heading's role, whether the
//! file is a goal document, suppression comments, and the walk over a section's blocks.

use super::*;

/// A sentence saying that what follows is kept for the record, not current.
static KEPT_FOR_THE_RECORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:for (?:historic(?:al)?|archival|reference) (?:purposes|reasons|reference|record)|kept (?:here )?(?:for|as) (?:history|reference|the record)|(?:is|are) (?:now )?(?:archived|superseded|obsolete|outdated|no longer (?:current|maintained|valid|accurate|relevant|active))|for the record)\b",
    )
});

/// A sentence offering the reader what follows as a model to copy: "Here's a realistic
/// structure you can follow:", "Below is an example plan you could adapt."
static FOR_THE_READER: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:a|an|this|the following)\s+(?:[\w-]+\s+){0,3}?(?:structure|template|example|framework|format|outline|plan|schedule|skeleton)\s+(?:that\s+)?you\s+(?:can|could|might|may)\s+(?:follow|use|adapt|copy|borrow|start\s+from|fill\s+in)\b",
    )
});

impl Builder<'_, '_> {
    /// Pass 1: the section tree with headings and roles. Returns each section's block-tree
    /// node(s) in document order for pass 2.
    pub(super) fn read_sections<'tree>(
        &mut self,
        root: Block<'tree>,
    ) -> Vec<(SectionId, Block<'tree>)> {
        self.doc.sections.push(root_section(self.text.len()));
        let h1_count = {
            let mut count = 0;
            let mut stack = vec![root];
            while let Some(n) = stack.pop() {
                for child in n.children() {
                    match child.kind() {
                        BlockKind::Section => stack.push(child),
                        BlockKind::Heading if child.level() == 1 => count += 1,
                        _ => {}
                    }
                }
            }
            count
        };
        // A document with no heading of level 1 whose front matter gives its title ("title: My
        // goals for 2027", a blog post's): that title heads the document, as a `# …` would.
        let front_title = self.front_matter_title(h1_count);
        let mut stack = vec![(root, SectionId(0))];
        let mut nodes = vec![(SectionId(0), root)];
        while let Some((node, parent)) = stack.pop() {
            let mut next = Vec::new();
            for child in node.children() {
                if child.kind() != BlockKind::Section {
                    continue;
                }
                let heading = child.heading();
                let id = match heading {
                    // Content before the first heading belongs to the enclosing section.
                    None => parent,
                    Some(h) => {
                        let id = self.push_section(child, h, parent);
                        if h.level() == 1 && h1_count == 1 && self.title.is_none() {
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
        let front_roadmap = front_title.as_deref().is_some_and(heading_names_roadmap);
        let goal_title = match &front_title {
            Some(_) => self.doc.sections.first(),
            None => self.doc.sections.get(1),
        }
        .filter(|s| {
            let top = self
                .doc
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref().map(|h| h.level))
                .min();
            (s.own_role.is_goal_role() || names_roadmap(s) || s.heading.is_none() && front_roadmap)
                && (s.heading.is_none() || s.heading.as_ref().map(|h| h.level) == top)
        });
        // A roadmap ("# Project Roadmap") over periods ("## 2026 H1") or stages ("## Phase 2",
        // "## v2.0", "## Next"): each holds the goals planned for it.
        let roadmap_title =
            goal_title.is_some_and(|s| names_roadmap(s) || s.heading.is_none() && front_roadmap);
        let title_role = goal_title.map(|s| {
            let role = if s.own_role.is_goal_role() {
                s.own_role
            } else {
                SectionRole::Goals
            };
            (s.id, role)
        });
        for i in 0..self.doc.sections.len() {
            let (role, year) = match self.doc.sections[i].parent {
                None => (SectionRole::Other, None),
                Some(p) => {
                    let parent = &self.doc.sections[p.0 as usize];
                    let titled = parent.heading.is_some() || front_title.is_some();
                    let inherited = if Some(p) == self.title && titled {
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
                            crate::model::vocab::is_dated_period_heading(&h.text.plain)
                                || crate::model::vocab::is_relative_period_heading(&h.text.plain)
                                || (roadmap_title
                                    && (crate::model::vocab::is_stage_heading(&h.text.plain)
                                        || crate::model::vocab::is_month_name(&h.text.plain)))
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
        // Goals written as headings under a title naming goals ("My 2024 goals" over "## Learn
        // Web Components", "## Don't burn out"): when at least half of the headings under the
        // title state something to do or reach, and at least two do, each of those is a goal
        // and the prose beneath it is its own. Headings that name an area ("## Health") or a
        // part of the post ("## Summary of 2023") are left as they are. Under the document's
        // title only, not beside a first heading naming goals ("## Goals" then "## Set up the
        // workspace" in a README).
        if let Some((title, title_role)) = title_role.filter(|(t, _)| Some(*t) == self.title) {
            let candidates: Vec<usize> = (0..self.doc.sections.len())
                .filter(|&i| {
                    let s = &self.doc.sections[i];
                    s.own_role == SectionRole::Other
                        && !s.role.is_goal_role()
                        && s.parent == Some(title)
                })
                .collect();
            let stating: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| {
                    self.doc.sections[i]
                        .heading
                        .as_ref()
                        .is_some_and(|h| crate::model::vocab::states_a_goal(&h.text.plain))
                })
                .collect();
            if stating.len() >= 2 && 2 * stating.len() >= candidates.len() {
                for i in stating {
                    self.doc.sections[i].role = title_role;
                }
            }
        }
        // Under a title naming goals, a part with no role of its own ("## Collective",
        // "### Fatima", "### Milestone 2") whose lists mostly state things to do or reach
        // ("- Learn to resolve merge conflicts", "- I want to get more comfortable with pandas")
        // holds the title's goals: its entries say what it is, where its heading does not.
        if let Some((title, title_role)) = title_role.filter(|(t, _)| {
            let t = &self.doc.sections[t.0 as usize];
            Some(t.id) == self.title
                && t.own_role == SectionRole::Goals
                && !t
                    .heading
                    .as_ref()
                    .is_some_and(|h| heading_names_roadmap(&h.text.plain))
        }) {
            for &(id, node) in &nodes {
                let s = &self.doc.sections[id.0 as usize];
                if s.heading.is_none()
                    || s.own_role != SectionRole::Other
                    || s.role != SectionRole::Other
                    || !self.descends_from(id, title)
                    || self.states_between(id, title)
                    || s.heading.as_ref().is_some_and(|h| {
                        names_a_procedure(&h.text.plain)
                            || crate::model::vocab::is_reference_part(&h.text.plain)
                            // "#### 2. Bounty program": an entry of its own, its lists its
                            // steps; "## v1.1.0": a release's changes.
                            || h.text
                                .plain
                                .trim_start()
                                .trim_start_matches(['v', 'V'])
                                .starts_with(|c: char| c.is_ascii_digit())
                    })
                {
                    continue;
                }
                let (stating, entries) = self.stated_goals(node);
                if stating >= 2 && 3 * stating >= 2 * entries {
                    self.doc.sections[id.0 as usize].role = title_role;
                }
            }
        }
        // Blocks are read in document order.
        nodes.sort_by_key(|(_, n)| n.start());
        nodes
    }

    /// Whether a section lies under another (at any depth).
    fn descends_from(&self, id: SectionId, ancestor: SectionId) -> bool {
        let mut up = self.doc.sections[id.0 as usize].parent;
        while let Some(p) = up {
            if p == ancestor {
                return true;
            }
            up = self.doc.sections[p.0 as usize].parent;
        }
        false
    }

    /// Whether a section's heading, or one between it and an ancestor, states something to do
    /// ("### Make the docs easy"): the lists beneath it say how, they are not goals beside it.
    fn states_between(&self, id: SectionId, ancestor: SectionId) -> bool {
        let mut at = Some(id);
        while let Some(s) = at.filter(|&s| s != ancestor) {
            let section = &self.doc.sections[s.0 as usize];
            if section
                .heading
                .as_ref()
                .is_some_and(|h| crate::model::vocab::states_a_goal(&h.text.plain))
            {
                return true;
            }
            at = section.parent;
        }
        false
    }

    /// Of the items of a section's own lists (not nested ones, not its sub-sections'), how
    /// many state something to do or reach, and how many there are.
    fn stated_goals(&mut self, section: Block<'_>) -> (usize, usize) {
        let (mut stating, mut entries) = (0, 0);
        for list in section.children() {
            if list.kind() != BlockKind::List {
                continue;
            }
            for item in list.children() {
                if item.kind() != BlockKind::ListItem {
                    continue;
                }
                let Some(inline) = item.list_item_parts().paragraph.and_then(|p| p.inline()) else {
                    continue;
                };
                let text = self.parser.inline_text(inline, self.text);
                // "- **Amro Mohamed**", "- **Amro:**": a bold title of what follows, neither
                // stating nor not.
                let head = self.parse_head(&text);
                if head.fully_bold
                    || head.label.as_ref().is_some_and(|l| l.bold)
                        && head.content.plain.trim().is_empty()
                {
                    continue;
                }
                entries += 1;
                // "- [Learn Git Branching](…)": a link to a page, whatever its title says.
                let linked = text.plain.char_indices().all(|(i, c)| {
                    c.is_whitespace() || text.links.iter().any(|l| l.start <= i && i < l.end)
                });
                if !linked && crate::model::vocab::entry_states_a_goal(&text.plain) {
                    stating += 1;
                }
            }
        }
        (stating, entries)
    }

    /// The title the front matter gives a document without a `# …` heading, with the role
    /// and year it gives the document's root section (which then counts as the title).
    fn front_matter_title(&mut self, h1_count: usize) -> Option<String> {
        if h1_count > 0 {
            return None;
        }
        let title = self
            .doc
            .front_matter
            .as_ref()?
            .get("title")?
            .trim()
            .to_string();
        if title.is_empty() {
            return None;
        }
        let role = section_role(&title);
        let root = &mut self.doc.sections[0];
        if role.is_goal_role() {
            root.own_role = role;
            root.role = role;
        }
        root.year = title_year(self.memo, &title);
        self.title = Some(SectionId(0));
        Some(title)
    }

    pub(super) fn push_section(
        &mut self,
        node: Block<'_>,
        heading: Block<'_>,
        parent: SectionId,
    ) -> SectionId {
        let id = SectionId(self.doc.sections.len() as u32);
        let text = match heading.inline() {
            Some(inline) => (*self.parser.inline_text(inline, self.text)).clone(),
            None => InlineText::empty_at(heading.end()),
        };
        let mut own_role = section_role(&text.plain);
        // A section whose opening paragraph says it is kept for the record ("appears below
        // for historic purposes", "this plan is superseded") holds no goals to judge …
        if own_role != SectionRole::NotGoals
            && let Some(first) = node
                .children()
                .into_iter()
                .find(|c| !matches!(c.kind(), BlockKind::Heading))
            && first.kind() == BlockKind::Paragraph
            && (KEPT_FOR_THE_RECORD.is_match(&self.text[first.range().as_range()])
                || FOR_THE_READER.is_match(&self.text[first.range().as_range()]))
        {
            // … or offers what follows to the reader as a model ("Here's a structure you can
            // follow:"): examples, not the author's goals.
            own_role = SectionRole::NotGoals;
        }
        let year = title_year(self.memo, &text.plain);
        self.doc.sections.push(Section {
            id,
            parent: Some(parent),
            heading: Some(Heading {
                level: heading.level(),
                range: trim_trailing_newlines(self.text, heading.range()),
                text,
                item: None,
            }),
            range: node.range(),
            own_role,
            role: own_role,
            year,
            items: Vec::new(),
            goal_content: false,
            roadmap_part: false,
        });
        id
    }

    pub(super) fn decide_goal_document(&mut self) {
        if self.disabled {
            return;
        }
        let by_heading = self.doc.sections.iter().any(|s| s.own_role.is_goal_role());
        let by_label = || {
            EXPLICIT_GOAL_LINE
                .find_iter(self.text)
                .any(|m| !self.doc.in_code_block(m.start()))
        };
        // A titled template of a plan ("One on One Template") is read, though no heading of
        // it names goals: whether it is still a template is the judgement's (its sections hold
        // no goal content of their own).
        let by_template_title = || {
            self.doc
                .title()
                .is_some_and(|t| title_names_plan_template(&t))
        };
        self.doc.is_goal_document =
            self.doc.options.opt_in || by_heading || by_label() || by_template_title();
        // A roadmap named only by a heading: its parts are read as its items (not goals of
        // their own: the rules that judge an item one by one do not speak on them).
        if !self.doc.is_goal_document {
            self.roadmap_parts();
        }
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

    /// A roadmap no heading of which names goals or a period ("# Roadmap" over "## Backend",
    /// "## SIG Node"; "### KFP Roadmap" over its themes): the parts under a heading that names
    /// a roadmap, or the whole document when its first heading (or its front-matter title)
    /// does, are read as the roadmap's items. Parts a heading names otherwise ("## Non-goals",
    /// "## Initiatives") keep that role.
    fn roadmap_parts(&mut self) {
        let first_heading = self.doc.sections.iter().find(|s| s.heading.is_some());
        let front_title = || {
            self.title == Some(SectionId(0))
                && self
                    .doc
                    .front_matter
                    .as_ref()
                    .and_then(|fm| fm.get("title"))
                    .is_some_and(heading_names_roadmap)
        };
        let whole = first_heading.is_some_and(names_roadmap) || front_title();
        let mut any = false;
        for i in 0..self.doc.sections.len() {
            let inside = whole
                || std::iter::successors(Some(SectionId(i as u32)), |s| {
                    self.doc.sections[s.0 as usize].parent
                })
                .any(|s| names_roadmap(&self.doc.sections[s.0 as usize]));
            let s = &mut self.doc.sections[i];
            if inside && s.own_role == SectionRole::Other && s.role == SectionRole::Other {
                s.role = SectionRole::Goals;
                s.roadmap_part = true;
                any = true;
            }
        }
        self.doc.is_goal_document |= any;
    }

    /// Suppression comments: `<!-- goal-lint… -->` outside code.
    pub(super) fn directives(&mut self, root: Block<'_>) {
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
            // Inside a paragraph the comment must be real inline HTML, not code-span text.
            let ok = match root.enclosing(start, 4) {
                Enclosing::Code => false,
                Enclosing::Inline(inline) => {
                    let inline = self.parser.inline_text(inline, text);
                    inline.html.iter().any(|r| r.start == start)
                }
                Enclosing::Html | Enclosing::Other => true,
            };
            if !ok {
                continue;
            }
            let line_start = crate::text::line_start(text, start);
            let line_end = crate::text::line_end(text, end);
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

    pub(super) fn section_blocks(&mut self, id: SectionId, node: Block<'_>) {
        let role = self.doc.sections[id.0 as usize].role;
        let mut ctx = Ctx {
            section: id,
            role,
            parent: None,
            current_goal: None,
            pending: None,
            list_owner: None,
        };
        if node.kind() == BlockKind::Section && node.heading().is_some() {
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
        for child in node.children() {
            match child.kind() {
                BlockKind::Paragraph => self.paragraph(child, &mut ctx),
                BlockKind::List => {
                    let pending = ctx.pending.take();
                    let owner = ctx.list_owner.take();
                    self.list(child, &mut ctx, owner, pending, 0);
                }
                BlockKind::ThematicBreak => {
                    ctx.pending = None;
                    ctx.current_goal = ctx.parent;
                }
                BlockKind::Table => {
                    ctx.pending = None;
                    self.table(child, &mut ctx);
                }
                BlockKind::Section | BlockKind::Heading | BlockKind::FrontMatter => {}
                _ => ctx.pending = None,
            }
        }
    }
}

/// A heading naming a roadmap ("OpenYurt Roadmap", "Roadmap"): its periods hold goals.
/// The year a heading or title names ("Goals for 2027", "Q3 2026"). "(2025: 2.1M)" in a
/// heading is last year's figure, not the section's year.
fn title_year(memo: &Memo, text: &str) -> Option<i32> {
    let baseline = |t: &crate::model::timeframe::TimeframeMatch| {
        text[..t.range.start].ends_with('(') && text[t.range.end..].starts_with(':')
    };
    find_timeframes_memo(memo, text)
        .iter()
        .filter(|t| !baseline(t))
        .find_map(|t| match t.kind {
            TimeframeKind::Quarter { year, .. } | TimeframeKind::Half { year, .. } => year,
            TimeframeKind::Year(y) => Some(y),
            TimeframeKind::Calendar { year, .. } => year,
            _ => None,
        })
}

/// A heading that names a procedure ("Creating a milestone issue", "Splitting the work"): its
/// lists are steps to follow, not goals. A gerund alone ("Reading", "Running") names an area.
fn names_a_procedure(heading: &str) -> bool {
    let mut words = heading
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric));
    let first = words.next();
    words.next().is_some()
        && first
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            // "creating", "splitting", "planning": the -ing form of a verb the lexicon knows.
            .is_some_and(|w| crate::lexicon::inflection_has(&w, "ing", 1, crate::lexicon::VERB))
}

fn names_roadmap(section: &Section) -> bool {
    section.own_role == SectionRole::Other
        && section
            .heading
            .as_ref()
            .is_some_and(|h| heading_names_roadmap(&h.text.plain))
}

#[cfg(test)]
mod reader_tests {
    use super::FOR_THE_READER;
    use crate::re::matches_exactly;

    #[test]
    fn a_model_offered_to_the_reader() {
        matches_exactly(
            &FOR_THE_READER,
            &[
                "Here's a realistic structure you can follow:",
                "Below is an example plan you could adapt to your team.",
                "Use the following template that you can fill in each quarter.",
            ],
            &[
                "Here's my plan for the year; you can follow along on the blog.",
                "This plan covers the first quarter.",
                "You can follow the progress in the tracker.",
            ],
        );
    }
}
