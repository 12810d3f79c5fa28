//! What is at an offset of a goal document: questions an editor asks of the model (the
//! completion at the cursor, the code actions of a line).

use crate::model::{GoalDocument, Section};

impl GoalDocument {
    /// The innermost section holding byte `offset`: a section's end counts as inside it (the
    /// cursor at the end of a section's last line is in it). `None` only past the document.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections
            .iter()
            .filter(|s| s.range.contains(offset) || s.range.end == offset)
            .max_by_key(|s| s.range.start)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{GoalDocument, SectionRole};

    #[test]
    fn the_innermost_section_with_its_end_inside() {
        let text = "# Q3\n\nintro\n\n## Goals\n\n- Ship it\n\n## Actions This Quarter\n\n- Migrate (Week 1-2)\n";
        let doc = GoalDocument::parse(text, &Default::default());
        let heading = |offset| {
            doc.section_at(offset)
                .and_then(|s| s.heading.as_ref())
                .map(|h| h.text.plain.clone())
        };
        assert_eq!(heading(text.find("intro").unwrap()).as_deref(), Some("Q3"));
        let ship = text.find("Ship").unwrap();
        assert_eq!(heading(ship).as_deref(), Some("Goals"));
        assert_eq!(doc.section_at(ship).unwrap().role, SectionRole::Goals);
        assert_eq!(
            doc.section_at(text.len()).unwrap().role,
            SectionRole::Actions
        );
        assert!(doc.section_at(text.len() + 1).is_none());
        let empty = GoalDocument::parse("", &Default::default());
        assert!(empty.section_at(0).is_some());
    }
}
