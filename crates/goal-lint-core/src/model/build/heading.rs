//! Headings as entries: a heading inside goal content can be a goal, an objective, a key result
//! or the title of a group of goals.

use super::*;

impl Builder<'_, '_> {
    /// A heading inside a goals section can itself be a goal (`#### Ship a Java SDK`) or name a
    /// group of goals (`### Technical Depth` over a list).
    pub(super) fn heading_item(&mut self, node: Block<'_>, ctx: &mut Ctx) {
        let section = &self.doc.sections[ctx.section.0 as usize];
        let Some(heading) = section.heading.as_ref() else {
            return;
        };
        // A part of a roadmap read from its layout ("## Backend"): the heading names a topic,
        // its entries are the items.
        if section.roadmap_part {
            return;
        }
        let parent_role = match section.parent {
            Some(p) if Some(p) != self.title => self.doc.sections[p.0 as usize].role,
            // A goal written as a heading under the title (`sections.rs`): its section takes
            // the title's role, which its heading is an entry of.
            _ if section.own_role == SectionRole::Other && section.role.is_goal_role() => {
                section.role
            }
            _ => SectionRole::Other,
        };
        let own_role = section.own_role;
        let heading_range = heading.range;
        let head = self.parse_head(&heading.text.clone());
        let first_block = node
            .children()
            .into_iter()
            .find(|c| c.kind() != BlockKind::Heading)
            .map(|c| c.kind());
        let over_list = first_block == Some(BlockKind::List);
        let shape = Shape::Heading {
            own_role,
            parent_role,
            over_list,
        };
        let Some(decision) = classify(shape, &head, parent_role) else {
            return;
        };
        let kind = decision.kind;
        // The objective heading a key-result heading is nested under.
        let enclosing = self.doc.sections[ctx.section.0 as usize]
            .parent
            .and_then(|p| self.doc.sections[p.0 as usize].heading.as_ref()?.item)
            .filter(|p| {
                matches!(
                    self.doc.items[p.0 as usize].kind,
                    ItemKind::Objective | ItemKind::Goal
                )
            });
        let parent = self.parent_for(decision.parent, ctx, enclosing);
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
}
