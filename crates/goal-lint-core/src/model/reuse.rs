//! Reuse of a section's entries between models of one document (see [`crate::memo`]).
//!
//! The entries the builder reads from a section's own blocks (its heading and the blocks
//! before its first sub-section) depend on the text of those blocks and on a few facts about
//! the section: its roles, whether it is goal content, the role of its parent heading (unless
//! that is the document's title) and the kind of the parent heading's entry (a key-result
//! heading hangs under an objective heading). With the same text and the same facts, the
//! entries are the same up to where they are: a keystroke elsewhere moves them by the bytes
//! it added and renumbers them. So the builder's output for a section is recorded in the memo
//! under that key, and when the key comes back the entries are copied, moved and renumbered
//! instead of read from the syntax tree again.
//!
//! What the builder does for one section, and so what is recorded: it appends entries (each
//! in that section), appends some of them to the section's top-level entries, may set the
//! heading's entry, and may hang entries under the parent heading's entry. Anything else (an
//! entry hung elsewhere) is not recorded, and the section is always read again.

use std::ops::Range;
use std::sync::Arc;

use crate::syntax::Block;

use super::{GoalDocument, Item, ItemId, SectionId};
use crate::memo::Memo;

/// Where a recorded entry hangs.
#[derive(Clone, Copy)]
enum Parent {
    /// Another entry of the section (its index among them).
    Own(u32),
    /// The entry of the parent section's heading.
    ParentHeading,
}

/// The builder's output for one section's own blocks, with entries numbered from 0 and
/// parents as [`Parent`]s.
struct Recorded {
    /// Where the section's own text started.
    start: usize,
    items: Vec<(Item, Option<Parent>)>,
    /// Entries (indices) appended to the section's top-level entries.
    top: Vec<u32>,
    heading_item: Option<u32>,
}

#[derive(Clone)]
struct Record(Arc<Recorded>);

/// One section about to be read: its key, and what is needed to record or replay it.
pub(super) struct Reuse<'a> {
    memo: &'a Memo,
    /// The section's own text (heading and blocks before its first sub-section).
    text: &'a str,
    start: usize,
    key: [Range<usize>; 7],
    section: SectionId,
    /// The entries and top-level entries there were before it was read.
    base: usize,
    top_base: usize,
    parent_heading_item: Option<ItemId>,
}

impl<'a> Reuse<'a> {
    /// `None` when the memo is disabled. `next`: where the next section node in document
    /// order starts (inside this one when it is its first sub-section, which ends the
    /// section's own text). `parent_is_title`: the parent section is the document's title,
    /// whose role does not reach its sub-sections' headings.
    pub(super) fn new(
        doc: &GoalDocument,
        memo: &'a Memo,
        text: &'a str,
        section: SectionId,
        node: Block<'_>,
        next: Option<usize>,
        parent_is_title: bool,
    ) -> Option<Reuse<'a>> {
        if !memo.is_enabled() {
            return None;
        }
        let start = node.start();
        let end = next.map_or(node.end(), |n| n.clamp(start, node.end()));
        let s = doc.section(section);
        let parent = s.parent.map(|p| doc.section(p));
        let parent_role = match parent {
            Some(p) if !parent_is_title => p.role,
            _ => super::SectionRole::Other,
        };
        let parent_heading_item = parent.and_then(|p| p.heading.as_ref()?.item);
        let parent_kind = parent_heading_item.map(|i| doc.item(i).kind);
        let n = |x: usize| x..x;
        let key = [
            n(s.role as usize),
            n(s.own_role as usize),
            n(usize::from(s.goal_content)),
            n(usize::from(s.roadmap_part)),
            n(parent_role as usize),
            n(parent_kind.map_or(usize::MAX, |k| k as usize)),
            n(usize::from(s.heading.is_some())),
        ];
        Some(Reuse {
            memo,
            text: text.get(start..end)?,
            start,
            key,
            section,
            base: doc.items.len(),
            top_base: s.items.len(),
            parent_heading_item,
        })
    }

    /// Copy the entries recorded for the same key into `doc`, moved to where the section now
    /// starts and renumbered; `false` when there is no record.
    pub(super) fn replay(&self, doc: &mut GoalDocument) -> bool {
        let Some(Record(rec)) = self.memo.find::<Record>(self.text, &self.key) else {
            return false;
        };
        let delta = self.start as isize - rec.start as isize;
        let base = self.base as u32;
        let id = |i: u32| ItemId(base + i);
        let parent_heading = self.parent_heading_item;
        if rec
            .items
            .iter()
            .any(|(_, p)| matches!(p, Some(Parent::ParentHeading)))
            && parent_heading.is_none()
        {
            return false;
        }
        let shift = |r: &mut crate::text::TextRange| {
            *r = crate::text::TextRange::new(
                (r.start as isize + delta) as usize,
                (r.end as isize + delta) as usize,
            );
        };
        for (i, (item, parent)) in rec.items.iter().enumerate() {
            let mut item = item.clone();
            item.id = id(i as u32);
            item.section = self.section;
            item.parent = parent.map(|p| match p {
                Parent::Own(j) => id(j),
                Parent::ParentHeading => parent_heading.expect("checked above"),
            });
            for c in &mut item.children {
                *c = id(c.0);
            }
            shift(&mut item.range);
            shift(&mut item.line);
            item.text.shift_by(delta);
            if let Some(label) = &mut item.label {
                shift(&mut label.range);
            }
            for t in &mut item.timeframes {
                shift(&mut t.range);
            }
            if let Some(Parent::ParentHeading) = parent {
                let p = parent_heading.expect("checked above");
                doc.items[p.0 as usize].children.push(item.id);
            }
            doc.items.push(item);
        }
        let section = &mut doc.sections[self.section.0 as usize];
        section.items.extend(rec.top.iter().map(|&i| id(i)));
        if let (Some(h), Some(heading)) = (rec.heading_item, section.heading.as_mut()) {
            heading.item = Some(id(h));
        }
        true
    }

    /// Record what the builder did for the section (the entries from `base` on).
    pub(super) fn record(&self, doc: &GoalDocument) {
        let base = self.base as u32;
        let own = |i: ItemId| (i.0 >= base).then(|| i.0 - base);
        let mut items = Vec::with_capacity(doc.items.len() - self.base);
        for item in &doc.items[self.base..] {
            if item.section != self.section {
                return;
            }
            let parent = match item.parent {
                None => None,
                Some(p) => match own(p) {
                    Some(j) => Some(Parent::Own(j)),
                    None if Some(p) == self.parent_heading_item => Some(Parent::ParentHeading),
                    None => return,
                },
            };
            let mut item = item.clone();
            item.id = ItemId(item.id.0 - base);
            for c in &mut item.children {
                match own(*c) {
                    Some(j) => *c = ItemId(j),
                    None => return,
                }
            }
            items.push((item, parent));
        }
        let section = doc.section(self.section);
        let Some(top) = section.items[self.top_base..]
            .iter()
            .map(|&i| own(i))
            .collect::<Option<Vec<u32>>>()
        else {
            return;
        };
        let heading_item = match section.heading.as_ref().and_then(|h| h.item) {
            None => None,
            Some(i) => match own(i) {
                Some(j) => Some(j),
                // Set before: not this section's doing.
                None => return,
            },
        };
        self.memo.put(
            self.text,
            &self.key,
            Record(Arc::new(Recorded {
                start: self.start,
                items,
                top,
                heading_item,
            })),
        );
    }
}
