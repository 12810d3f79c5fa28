//! Diagnostics and fixes.

use std::ops::Range;

use serde::Serialize;

use crate::meta::RuleMeta;
pub use crate::meta::Severity;
use crate::text::TextRange;

/// When a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the author's meaning: `--fix` applies it.
    Safe,
    /// Probably right but changes meaning: offered in editors, applied by `--fix --unsafe-fixes`.
    Unsafe,
    /// Inserts a skeleton for the author to fill in (`Why it matters`, `(Week X-Y)`): offered in
    /// editors with tab stops, applied by `--fix --templates`.
    Template,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::Template => "template",
        }
    }
}

/// Replace `range` with `text`. In a template, `placeholders` are the ranges of `text` the
/// author must fill in (tab stops in an editor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub range: TextRange,
    pub text: String,
    #[serde(skip)]
    pub placeholders: Vec<Range<usize>>,
}

impl Edit {
    pub fn replace(range: TextRange, text: impl Into<String>) -> Edit {
        Edit {
            range,
            text: text.into(),
            placeholders: Vec::new(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(TextRange::empty(at), text)
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit::replace(range, "")
    }

    /// Build a template edit from parts: `Literal` text and `Slot`s to fill.
    pub fn template(range: TextRange, parts: &[Part<'_>]) -> Edit {
        let mut text = String::new();
        let mut placeholders = Vec::new();
        for part in parts {
            match part {
                Part::Literal(s) => text.push_str(s),
                Part::Slot(s) => {
                    let start = text.len();
                    text.push_str(s);
                    placeholders.push(start..text.len());
                }
            }
        }
        Edit {
            range,
            text,
            placeholders,
        }
    }

    /// The text as an LSP snippet: placeholders become `${n:…}`, everything else is escaped.
    pub fn snippet(&self, first_index: usize) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for (i, ph) in self.placeholders.iter().enumerate() {
            escape_snippet(&self.text[pos..ph.start], &mut out);
            out.push_str(&format!("${{{}:", first_index + i));
            escape_snippet(&self.text[ph.clone()], &mut out);
            out.push('}');
            pos = ph.end;
        }
        escape_snippet(&self.text[pos..], &mut out);
        out
    }
}

fn escape_snippet(s: &str, out: &mut String) {
    for c in s.chars() {
        if matches!(c, '$' | '\\' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A piece of a template edit.
pub enum Part<'a> {
    Literal(&'a str),
    Slot(&'a str),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }
}

/// A note pointing at another place ("the goal this action belongs to").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub range: TextRange,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What good looks like.
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_number_placeholders_and_escape() {
        let edit = Edit::template(
            TextRange::empty(0),
            &[
                Part::Literal(" ($5 "),
                Part::Slot("Week X-Y"),
                Part::Literal(") "),
                Part::Slot("a}b"),
            ],
        );
        assert_eq!(edit.text, " ($5 Week X-Y) a}b");
        assert_eq!(edit.snippet(1), " (\\$5 ${1:Week X-Y}) ${2:a\\}b}");
    }
}
