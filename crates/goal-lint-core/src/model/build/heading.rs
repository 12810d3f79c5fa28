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
        let parent_role = match section.parent {
            Some(p) if Some(p) != self.title => self.doc.sections[p.0 as usize].role,
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
                if first_block == Some(BlockKind::List) && parent_role == SectionRole::Objectives {
                    ItemKind::Objective
                } else if first_block == Some(BlockKind::List) {
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
}
