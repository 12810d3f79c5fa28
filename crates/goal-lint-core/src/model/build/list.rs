//! List items as entries: each item's first line is the entry, its other lines are fields of it,
//! and nested lists are its children.

use super::*;

pub(super) static KR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?[^:\n]{0,30}?\b(?:kr\s*#?\s*(?:\d+[a-z]?(?:\.\d+[a-z]?)*)?|key[ -]results?)[ \t]*(?:\*\*|__)?[ \t]*:",
    )
});

/// A list entry's first line that is a field of the entry above it: "Why: …", "Target: …",
/// "KR: …", "Actions: …".
fn goal_field_line(line: &str) -> bool {
    let text = LIST_PREFIX.replace(line, "");
    let text = text.trim_start_matches(['*', '_']);
    text.find(':').is_some_and(|colon| {
        let label = text[..colon].trim_end_matches(['*', '_']);
        label.split_whitespace().count() <= 4
            && matches!(
                field_kind(label),
                FieldKind::Why
                    | FieldKind::Success
                    | FieldKind::KeyResult
                    | FieldKind::Action
                    | FieldKind::Actions
                    | FieldKind::When
            )
    })
}

/// A line with a number in it, in digits or words ("40%", "Two quarters of …").
fn carries_number(line: &str) -> bool {
    line.contains(|c: char| c.is_ascii_digit() || c == '%')
        || crate::model::vocab::names_a_number(line)
}

static LIST_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?"));

impl Builder<'_, '_> {
    pub(super) fn list(
        &mut self,
        node: Block<'_>,
        ctx: &mut Ctx,
        parent: Option<ItemId>,
        pending: Option<(FieldKind, ItemId)>,
        depth: u32,
    ) {
        if depth > MAX_LIST_DEPTH {
            return;
        }
        let items: Vec<_> = node
            .children()
            .into_iter()
            .filter(|c| c.kind() == BlockKind::ListItem)
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
                // A bold title whose `Goal:` line states the goal: key results listed after it
                // are that goal's.
                ItemKind::Other => {
                    let item = &self.doc.items[id.0 as usize];
                    let (within, depth) = (item.range, item.depth);
                    if let Some(stated) = self.doc.items[id.0 as usize + 1..]
                        .iter()
                        .take_while(|i| within.contains(i.line.start))
                        .position(|i| {
                            i.parent == Some(id)
                                && i.origin == Origin::Line
                                && i.depth == depth + 1
                                && matches!(i.kind, ItemKind::Goal | ItemKind::Objective)
                        })
                    {
                        last_goal = Some(ItemId(id.0 + 1 + stated as u32));
                    }
                }
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

    pub(super) fn list_item(
        &mut self,
        node: Block<'_>,
        ctx: &mut Ctx,
        parent: Option<ItemId>,
        pending: Option<(FieldKind, ItemId)>,
        depth: u32,
    ) -> Option<ItemId> {
        let range = trim_trailing_newlines(self.text, trim_trailing_space(self.text, node.range()));
        let ListItemParts {
            marker,
            task,
            paragraph,
            sublists,
        } = node.list_item_parts();
        let checkbox = task.map(|(_, ticked)| ticked);
        let content_start = task
            .map(|(r, _)| r)
            .or(marker)
            .map_or(range.start, |m| m.end);
        let text = match paragraph.and_then(Block::inline) {
            Some(inline) => (*self.parser.inline_text(inline, self.text)).clone(),
            None => InlineText::empty_at(content_start),
        };
        let units = self.split_lines(&text);
        let mut units = units.into_iter();
        let first = units.next().unwrap_or(text);
        let rest: Vec<InlineText> = units.collect();
        let head = self.parse_head(&first);
        let rest_heads: Vec<Head> = rest.iter().map(|u| self.parse_head(u)).collect();

        // The first line of each entry in the lists under this one.
        let child_lines: Vec<&str> = sublists
            .iter()
            .flat_map(|l| l.children())
            .filter(|li| li.kind() == BlockKind::ListItem)
            .map(|li| {
                let start = li.start();
                let end = self.text[start..li.end()]
                    .find('\n')
                    .map_or(li.end(), |i| start + i);
                &self.text[start..end]
            })
            .collect();
        let children = Children {
            key_results: rest_heads.iter().any(|h| {
                h.label
                    .as_ref()
                    .is_some_and(|l| l.kind == FieldKind::KeyResult)
            }) || child_lines.iter().any(|l| KR_LINE.is_match(l)),
            measured: child_lines.len() >= 2
                && child_lines.iter().filter(|l| carries_number(l)).count() * 2 > child_lines.len(),
            fields: !child_lines.is_empty() && child_lines.iter().all(|l| goal_field_line(l)),
        };

        // The parent this entry hangs under, and the kind an unlabelled entry gets.
        let (parent, context) =
            list_context(parent, pending, ctx, |p| self.doc.items[p.0 as usize].kind);
        let shape = Shape::ListItem {
            sublists: !sublists.is_empty(),
            children,
            context,
        };
        let decision = classify(shape, &head, ctx.role).expect("a list item is always an entry");
        // "- **Enhance problem solving**" over "**Objective:** Develop strategies …": the bold
        // line only titles the goal its field states, as a heading titles its `Goal:` field.
        // Only a plain `Goal:` / `Objective:` field does: a "Stretch goal:" or "Team goal:"
        // adds to the goal the bold line states.
        let states_goal = |h: &Head| {
            plain_goal_label(h)
                && classify(Shape::ItemLine, h, ctx.role)
                    .is_some_and(|d| matches!(d.kind, ItemKind::Goal | ItemKind::Objective))
        };
        let titles_a_goal = matches!(decision.kind, ItemKind::Goal | ItemKind::Objective)
            && head.fully_bold
            && rest_heads.iter().any(states_goal);
        let kind = if titles_a_goal {
            ItemKind::Other
        } else {
            decision.kind
        };
        let parent = self.parent_for(decision.parent, ctx, parent);
        let list = marker.map(|m| {
            let marker_text = self.text[m.start..m.end].trim().to_string();
            let line_start = crate::text::line_start(self.text, m.start);
            let indent_text = &self.text[line_start..m.start];
            let indent: String = if indent_text.trim().is_empty() {
                indent_text.to_string()
            } else {
                // Inside a block quote or on a continuation line: keep only the whitespace width.
                " ".repeat(indent_text.chars().count())
            };
            // Where the content starts (after the marker and any checkbox): children and
            // continuation lines are indented to here.
            let content_column = paragraph
                .map_or(content_start, |p| p.start())
                .saturating_sub(line_start);
            ListInfo {
                ordered: marker_text.ends_with(['.', ')']),
                marker: marker_text,
                content_column: if first.plain.is_empty() {
                    m.end - line_start
                } else {
                    content_column
                },
                indent,
            }
        });
        let line = if first.plain.is_empty() {
            TextRange::new(marker.map_or(range.start, |m| m.start), content_start)
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
        // A `Goal:` / `Objective:` line states the goal of an item that is not one itself
        // (a titled entry under a plain heading). Under an item read as a goal or objective
        // it adds nothing to judge twice.
        let mut stated: Option<ItemId> = None;
        for (unit, head) in rest.into_iter().zip(rest_heads) {
            let mut decision =
                classify(Shape::ItemLine, &head, ctx.role).expect("a line is always an entry");
            let states_goal = matches!(decision.kind, ItemKind::Goal | ItemKind::Objective);
            // Under a bold title, the plain `Goal:` line is the goal, not a "Stretch goal:".
            let passed_over = titles_a_goal && !plain_goal_label(&head);
            if states_goal && (kind != ItemKind::Other || stated.is_some() || passed_over) {
                decision.kind = ItemKind::Other;
            }
            let line = self.entry_range(&unit);
            // Its reason, success criterion and key results describe the stated goal; other
            // lines (actions, notes) stay the item's.
            let describes = matches!(
                decision.kind,
                ItemKind::Why | ItemKind::SuccessCriterion | ItemKind::KeyResult
            );
            let owner = stated.filter(|_| describes).unwrap_or(id);
            let pushed = self.push_item(ItemDraft {
                kind: decision.kind,
                origin: Origin::Line,
                parent: self.parent_for(decision.parent, ctx, Some(owner)),
                section: ctx.section,
                range: line,
                line,
                head,
                checkbox: None,
                list: None,
                depth: depth + 1 + u32::from(owner != id),
            });
            if states_goal && decision.kind != ItemKind::Other {
                stated = Some(pushed);
            }
        }
        // Under a bold title, the lists beneath (its reasons, criteria, key results, steps)
        // belong to the goal its field states.
        let (sub_parent, sub_depth) = match stated {
            Some(goal) if titles_a_goal => (goal, depth + 2),
            _ => (id, depth + 1),
        };
        for sub in sublists {
            self.list(sub, ctx, Some(sub_parent), None, sub_depth);
        }
        Some(id)
    }
}

/// A label that names the goal itself (`Goal:`, `Objective:`), not a kind of goal beside it
/// ("Stretch goal:", "Team goal:").
fn plain_goal_label(head: &Head) -> bool {
    head.label.as_ref().is_some_and(|l| {
        let t = l.text.trim().trim_end_matches(':').trim().to_lowercase();
        t == "goal" || t == "objective"
    })
}
