//! Paragraphs as entries: one entry per paragraph, or one per line when its lines are fields
//! (`**Goal:** …` / `**Why:** …`) or `KR:` lines.

use super::*;

/// What stands around a paragraph unit that its kind depends on (see [`Shape::Paragraph`]).
pub(super) struct Around {
    pub(super) followed_by_list: bool,
    pub(super) objective_with_krs: bool,
}

impl Builder<'_, '_> {
    pub(super) fn paragraph(&mut self, node: Block<'_>, ctx: &mut Ctx) {
        let Some(inline) = node.inline() else {
            return;
        };
        let text = (*self.parser.inline_text(inline, self.text)).clone();
        let followed_by_list = node
            .next_sibling()
            .is_some_and(|n| n.kind() == BlockKind::List);
        let units = self.split_lines(&text);
        if units.len() == 1 {
            let range = trim_trailing_newlines(self.text, node.range());
            self.paragraph_unit(
                units.into_iter().next().expect("one unit"),
                Origin::Paragraph,
                range,
                ctx,
                Around {
                    followed_by_list,
                    objective_with_krs: false,
                },
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
                Around {
                    followed_by_list: followed_by_list && i == last,
                    objective_with_krs: has_krs && !is_kr[i],
                },
            );
        }
    }

    pub(super) fn paragraph_unit(
        &mut self,
        unit: InlineText,
        origin: Origin,
        range: TextRange,
        ctx: &mut Ctx,
        around: Around,
    ) {
        let Around {
            followed_by_list,
            objective_with_krs,
        } = around;
        let head = self.parse_head(&unit);
        let shape = Shape::Paragraph {
            line: origin == Origin::Line,
            followed_by_list,
            objective_with_krs,
        };
        let decision = classify(shape, &head, ctx.role).expect("a paragraph is always an entry");
        let kind = decision.kind;
        let parent = self.parent_for(decision.parent, ctx, None);
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
            ItemKind::Header => ctx.pending = decision.introduces.map(|k| (k, id)),
            _ => ctx.pending = None,
        }
    }
}
