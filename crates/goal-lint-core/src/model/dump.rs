//! A human-readable outline of the model: what goal-lint understood of a document.

use std::fmt::Write;

use super::{GoalDocument, Item, SectionId, TimeframeKind};
use crate::line_index::LineIndex;

impl GoalDocument {
    /// An indented outline: sections with their roles, items with kind, line, label, status,
    /// checkbox, timeframes and (shortened) text.
    pub fn outline(&self, text: &str) -> String {
        self.outline_with_width(text, 72)
    }

    /// [`GoalDocument::outline`] with texts cut to `width` characters.
    pub fn outline_with_width(&self, text: &str, width: usize) -> String {
        let max = width.max(8);
        let index = LineIndex::new(text);
        let mut out = String::new();
        let _ = write!(out, "goal document: {}", self.is_goal_document);
        if let Some(period) = self.period {
            let _ = write!(out, ", period: {period:?}");
        }
        if let Some(kind) = &self.options.kind {
            let _ = write!(out, ", kind: {kind}");
        }
        out.push('\n');
        if let Some(fm) = &self.front_matter {
            let keys: Vec<&str> = fm.fields.iter().map(|(k, _)| k.as_str()).collect();
            let _ = writeln!(out, "front matter: {}", keys.join(", "));
        }
        for d in &self.directives {
            let _ = writeln!(
                out,
                "directive {}: {}",
                index.line_of(d.range.start) + 1,
                d.body
            );
        }
        self.outline_section(SectionId(0), 0, &index, max, &mut out);
        out
    }

    fn outline_section(
        &self,
        id: SectionId,
        depth: usize,
        index: &LineIndex,
        max: usize,
        out: &mut String,
    ) {
        let section = self.section(id);
        let mut inner = depth;
        if let Some(h) = &section.heading {
            let _ = write!(
                out,
                "{}§ {} {:?} [h{} {:?}",
                "  ".repeat(depth),
                index.line_of(h.range.start) + 1,
                shorten(&h.text.plain, max),
                h.level,
                section.role
            );
            if section.own_role != section.role {
                let _ = write!(out, " own={:?}", section.own_role);
            }
            if let Some(y) = section.year {
                let _ = write!(out, " year={y}");
            }
            if !section.goal_content {
                out.push_str(" not-goal-content");
            }
            if section.roadmap_part {
                out.push_str(" roadmap-part");
            }
            out.push_str("]\n");
            inner += 1;
            // (A heading item that belongs to an entry of another section, a key-result
            // heading under its objective's, is printed there.)
            if let Some(item) = h.item.filter(|&i| self.item(i).parent.is_none()) {
                self.outline_item(self.item(item), inner, index, max, out);
            }
        }
        for &item in &section.items {
            if section.heading.as_ref().and_then(|h| h.item) != Some(item) {
                self.outline_item(self.item(item), inner, index, max, out);
            }
        }
        for child in self.sections.iter().filter(|s| s.parent == Some(id)) {
            self.outline_section(child.id, inner, index, max, out);
        }
    }

    fn outline_item(
        &self,
        item: &Item,
        depth: usize,
        index: &LineIndex,
        max: usize,
        out: &mut String,
    ) {
        let _ = write!(
            out,
            "{}{} {}",
            "  ".repeat(depth),
            item.kind.as_str(),
            index.line_of(item.line.start) + 1
        );
        if let Some(label) = &item.label {
            let _ = write!(out, " [{}: {:?}]", label.text, label.kind);
        }
        if let Some(status) = item.status {
            let _ = write!(out, " {status:?}");
        }
        match item.checkbox {
            Some(true) => out.push_str(" [x]"),
            Some(false) => out.push_str(" [ ]"),
            None => {}
        }
        let _ = write!(out, " {:?}", shorten(&item.text.plain, max));
        for t in &item.timeframes {
            let _ = write!(
                out,
                " <{}{}>",
                describe(t.kind),
                if t.deadline { " deadline" } else { "" }
            );
        }
        out.push('\n');
        for child in &item.children {
            self.outline_item(self.item(*child), depth + 1, index, max, out);
        }
    }
}

fn describe(kind: TimeframeKind) -> String {
    match kind {
        TimeframeKind::Week {
            start,
            end: Some(end),
            ..
        } => format!("week {start}-{end}"),
        TimeframeKind::Week {
            start, open: true, ..
        } => format!("week {start}+"),
        TimeframeKind::Week { start, .. } => format!("week {start}"),
        TimeframeKind::Month { start, end } if start == end => format!("month {start}"),
        TimeframeKind::Month { start, end } => format!("month {start}-{end}"),
        TimeframeKind::Quarter {
            quarter,
            year: Some(y),
        } => format!("Q{quarter} {y}"),
        TimeframeKind::Quarter {
            quarter,
            year: None,
        } => format!("Q{quarter}"),
        TimeframeKind::Half {
            half,
            year: Some(y),
        } => format!("H{half} {y}"),
        TimeframeKind::Half { half, year: None } => format!("H{half}"),
        TimeframeKind::Year(y) => format!("{y}"),
        TimeframeKind::Calendar { year, month, day } => {
            let mut s = format!("month {month}");
            if let Some(d) = day {
                s = format!("{s} day {d}");
            }
            if let Some(y) = year {
                s = format!("{s} {y}");
            }
            s
        }
        TimeframeKind::Relative => "relative".into(),
        TimeframeKind::Cadence => "cadence".into(),
        TimeframeKind::Duration => "duration".into(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
