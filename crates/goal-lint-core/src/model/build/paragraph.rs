//! Paragraphs as entries: one entry per paragraph, or one per line when its lines are fields
//! (`**Goal:** …` / `**Why:** …`) or `KR:` lines.

use super::*;

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

    pub(super) fn paragraph_unit(
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
}
