//! goal-lint-core: a linter for Markdown goal documents (quarterly goals, OKRs, 1:1 plans,
//! planning reviews, career plans).
//!
//! Pure library: no I/O, no async. Text goes in, diagnostics come out:
//!
//! ```
//! use goal_lint_core::{lint, LintOptions, config::Settings};
//!
//! let text = "## Q3 Goals\n\n- Work on payments\n";
//! let diagnostics = lint(text, &Settings::default(), &LintOptions::default());
//! assert_eq!(diagnostics[0].code(), "GL001");
//! assert_eq!(&text[diagnostics[0].range.as_range()], "Work on payments");
//! ```
//!
//! The pipeline: [`syntax`] (tree-sitter-md) → [`model`] (the goal document) → [`rules`]
//! (reading the model, never the Markdown) → [`suppression`] → [`Diagnostic`]s with byte ranges
//! and [`fix`]es. The modules form no import cycle (`tests/module_graph.rs`); the layers are
//! described in `docs/architecture.md`.
#![forbid(unsafe_code)]

pub mod actions;
pub mod analysis;
pub mod completion;
pub mod config;
pub mod diagnostic;
pub mod edits;
pub mod fix;
pub(crate) mod lexicon;
pub mod line_index;
pub mod lint;
mod locate;
pub mod memo;
pub mod meta;
pub mod model;
pub(crate) mod re;
pub mod rules;
pub mod snippets;
pub mod suppression;
pub mod syntax;
pub mod templates;
#[cfg(test)]
mod test_fixtures;
pub mod text;

pub use config::{Config, ConfigError, Settings};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use fix::{lint, lint_document, lint_document_with};
pub use lint::{LintOptions, OutlineReport, outline, outline_report};
pub use memo::Memo;
pub use model::{Date, GoalDocument};
pub use text::TextRange;
