//! The rule catalogue. One rule per file: its metadata, its documentation (what it does, why it
//! matters, a bad and a good example, options, fix), and its check. [`registry`] lists them all;
//! the CLI's `rules` / `explain` commands, `docs/rules.md` and the server's hover text are
//! generated from it.

use std::cell::OnceCell;

use crate::analysis::{Judgement, Placeholder, Statement};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, Related, Severity};
use crate::model::{Date, GoalDocument, Item, ItemId, ItemKind};
use crate::text::TextRange;

mod invalid_week_range;
mod missing_required_section;
mod missing_success_metric;
mod missing_week_range;
mod missing_why;
mod objective_without_key_results;
mod overdue;
mod too_many_goals;
mod too_many_key_results;
mod unfilled_placeholder;
mod unmeasurable_success_metric;
pub(crate) mod unused_suppression;
mod vague_capability;
mod vague_goal;
mod vague_support_request;

pub use unfilled_placeholder::UnfilledPlaceholder;
pub use unused_suppression::UnusedSuppression;

/// The rules reference (`docs/rules.md`), generated from the registry.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the rule registry by `cargo xtask docs`; do not edit by hand. -->\n\n\
         # goal-lint rules\n\n\
         Rules can be named by code or name in configuration, on the command line and in \
         suppression comments (`<!-- goal-lint-disable-line vague-goal -->`).\n\n\
         | code | name | default severity | fix | summary |\n|---|---|---|---|---|\n",
    );
    for rule in registry() {
        let m = rule.meta();
        out.push_str(&format!(
            "| [{}](#{}-{}) | `{}` | {} | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.name,
            m.default_severity,
            m.fix.as_str(),
            m.summary
        ));
    }
    for rule in registry() {
        out.push('\n');
        out.push_str(&rule.meta().markdown());
    }
    out
}

/// What kind of fix a rule can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    Template,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "no",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::Template => "template",
        }
    }
}

/// A rule's documentation, in sections (rendered by `goal-lint explain` and `docs/rules.md`).
#[derive(Debug, PartialEq, Eq)]
pub struct RuleDocs {
    pub what: &'static str,
    pub why: &'static str,
    /// A goal document this rule flags (tested: it must fire).
    pub bad: &'static str,
    /// The same document written well (tested: it must not fire).
    pub good: &'static str,
    pub fix: &'static str,
    pub options: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Position in [`registry`].
    pub index: usize,
    pub code: &'static str,
    pub name: &'static str,
    /// One line, for tables.
    pub summary: &'static str,
    pub default_severity: Severity,
    pub fix: FixKind,
    pub docs: RuleDocs,
}

impl RuleMeta {
    /// Where the rule's documentation is published (used for LSP `codeDescription`).
    pub fn url(&self) -> String {
        format!(
            "https://github.com/goal-lint/goal-lint/blob/main/docs/rules.md#{}-{}",
            self.code.to_lowercase(),
            self.name
        )
    }

    /// The rule's documentation as Markdown.
    pub fn markdown(&self) -> String {
        let d = &self.docs;
        let mut s = format!(
            "## {} {}\n\n{}\n\nDefault severity: **{}**. Fix: **{}**.\n\n### What it does\n{}\n\n### Why it matters\n{}\n\n### Example\n```markdown\n{}```\n\nUse instead:\n```markdown\n{}```\n",
            self.code,
            self.name,
            self.summary,
            self.default_severity,
            self.fix.as_str(),
            d.what.trim(),
            d.why.trim(),
            d.bad,
            d.good
        );
        if !d.fix.is_empty() {
            s.push_str(&format!("\n### Fix\n{}\n", d.fix.trim()));
        }
        if !d.options.is_empty() {
            s.push_str(&format!("\n### Options\n{}\n", d.options.trim()));
        }
        s
    }
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context<'_>);
}

static REGISTRY: &[&dyn Rule] = &[
    &vague_goal::VagueGoal,
    &missing_success_metric::MissingSuccessMetric,
    &unmeasurable_success_metric::UnmeasurableSuccessMetric,
    &missing_why::MissingWhy,
    &too_many_goals::TooManyGoals,
    &missing_week_range::MissingWeekRange,
    &invalid_week_range::InvalidWeekRange,
    &unfilled_placeholder::UnfilledPlaceholder,
    &objective_without_key_results::ObjectiveWithoutKeyResults,
    &too_many_key_results::TooManyKeyResults,
    &vague_support_request::VagueSupportRequest,
    &vague_capability::VagueCapability,
    &overdue::Overdue,
    &missing_required_section::MissingRequiredSection,
    &unused_suppression::UnusedSuppression,
];

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    REGISTRY
}

pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .find(|m| m.name.eq_ignore_ascii_case(name))
}

/// A rule by code or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleMeta> {
    by_code(code_or_name.trim()).or_else(|| by_name(code_or_name.trim()))
}

/// The rule whose code or name is closest to `s` (for "did you mean").
pub fn suggest(s: &str) -> Option<&'static RuleMeta> {
    let s = s.to_ascii_lowercase();
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .map(|m| {
            let d = edit_distance(&s, m.name).min(edit_distance(&s, &m.code.to_ascii_lowercase()));
            (d, m)
        })
        .filter(|(d, m)| *d <= (m.name.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Facts about items that several rules need, computed once per lint run on first use.
pub struct Facts {
    statements: Vec<OnceCell<Statement>>,
    placeholders: Vec<OnceCell<Vec<Placeholder>>>,
    conventions: OnceCell<Conventions>,
    judgement: OnceCell<Judgement>,
}

impl Facts {
    pub fn new(doc: &GoalDocument) -> Facts {
        Facts {
            statements: (0..doc.items.len()).map(|_| OnceCell::new()).collect(),
            placeholders: (0..doc.items.len()).map(|_| OnceCell::new()).collect(),
            conventions: OnceCell::new(),
            judgement: OnceCell::new(),
        }
    }
}

impl Facts {
    fn placeholders<'f>(&'f self, doc: &GoalDocument, text: &str, id: ItemId) -> &'f [Placeholder] {
        self.placeholders[id.0 as usize]
            .get_or_init(|| crate::analysis::find_item_placeholders(doc, doc.item(id), text))
    }

    /// The document-level judgement (see [`crate::analysis::judge`]).
    pub fn judgement<'f>(&'f self, doc: &GoalDocument, text: &str) -> &'f Judgement {
        self.judgement.get_or_init(|| {
            crate::analysis::judge(doc, text, |id| self.placeholders(doc, text, id))
        })
    }
}

/// How a document writes its goals; some rules hold a goal to the document's own convention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Conventions {
    /// Some goal has a "Why it matters" field.
    pub uses_why: bool,
    /// Some goal has a success criterion or key result under it.
    pub uses_success: bool,
    /// Some objective has key results (OKR structure).
    pub uses_key_results: bool,
}

impl Conventions {
    fn of(doc: &GoalDocument) -> Conventions {
        let mut c = Conventions::default();
        for item in &doc.items {
            let Some(parent) = item.parent.map(|p| doc.item(p)) else {
                continue;
            };
            let goal_parent = matches!(parent.kind, ItemKind::Goal | ItemKind::Objective);
            match item.kind {
                ItemKind::Why if goal_parent => c.uses_why = true,
                ItemKind::SuccessCriterion if goal_parent => c.uses_success = true,
                ItemKind::KeyResult if parent.kind == ItemKind::Objective => {
                    c.uses_key_results = true;
                    c.uses_success = true;
                }
                _ => {}
            }
        }
        c
    }
}

/// What every rule of one lint run shares.
pub(crate) struct Run<'a> {
    pub doc: &'a GoalDocument,
    pub text: &'a str,
    pub settings: &'a Settings,
    pub today: Option<Date>,
    pub facts: &'a Facts,
}

/// What a rule's check sees: the document, the settings, shared facts, and a place to report.
pub struct Context<'a> {
    pub doc: &'a GoalDocument,
    pub text: &'a str,
    pub settings: &'a Settings,
    /// "Today", for the overdue rule. `None`: the rule does not run.
    pub today: Option<Date>,
    facts: &'a Facts,
    rule: &'static RuleMeta,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        run: &Run<'a>,
        rule: &'static RuleMeta,
        severity: Severity,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc: run.doc,
            text: run.text,
            settings: run.settings,
            today: run.today,
            facts: run.facts,
            rule,
            severity,
            out,
        }
    }

    /// Report a problem of the running rule.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            rule: self.rule,
            severity: self.severity,
            range,
            message: message.into(),
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        });
        self.out.last_mut().expect("just pushed")
    }

    /// The statement analysis of an item's text (vagueness, metrics, deliverables).
    pub fn statement(&self, id: ItemId) -> &'a Statement {
        self.facts.statements[id.0 as usize].get_or_init(|| {
            let item = self.doc.item(id);
            crate::analysis::analyze(item, &self.settings.options.extra_vague_verbs)
        })
    }

    /// Template placeholders in an item (`Q[X]`, `TODO`, an empty required field…).
    pub fn placeholders(&self, id: ItemId) -> &'a [Placeholder] {
        self.facts.placeholders(self.doc, self.text, id)
    }

    pub fn conventions(&self) -> Conventions {
        *self
            .facts
            .conventions
            .get_or_init(|| Conventions::of(self.doc))
    }

    /// What kind of document this is (a plan, a pristine template, a guide…), judged once.
    pub fn judgement(&self) -> &'a Judgement {
        self.facts.judgement(self.doc, self.text)
    }

    /// A goal, or an objective standing on its own (no key results in an OKR document), that
    /// the goal rules judge. Examples, finished items and career capabilities are left out.
    pub fn is_judged_goal(&self, item: &Item) -> bool {
        let goal = match item.kind {
            ItemKind::Goal => true,
            ItemKind::Objective => {
                !self.conventions().uses_key_results
                    && !self
                        .doc
                        .children(item.id)
                        .any(|c| c.kind == ItemKind::KeyResult)
            }
            _ => false,
        };
        // A heading without a `Goal:` label under a goals section is as often a theme or a
        // pillar as a goal statement: its role is uncertain, so it is not judged.
        // Fields that only a goal has (an owner, a deadline, a status) and no goals beneath
        // say the heading states one.
        let unlabelled_heading = item.origin == crate::model::Origin::Heading
            && item.label.is_none()
            && !self.heading_carries_goal_fields(item);
        goal && !unlabelled_heading
            && !self.is_step_of_stated_goal(item)
            && self.in_goal_content(item)
            && !names_a_goal_group(&item.text.plain)
            && !item.is_done()
            && self.doc.section(item.section).role != crate::model::SectionRole::Career
            && !self.is_unfilled(item)
    }

    /// A heading goal followed by the fields of one committed goal (`Owner:`, `Due:`,
    /// `Status:`) and no goals of its own beneath: the heading is the goal statement.
    fn heading_carries_goal_fields(&self, item: &Item) -> bool {
        let section = self.doc.section(item.section);
        let mut fields = 0;
        for other in &self.doc.items {
            if other.id == item.id || !section.range.contains(other.line.start) {
                continue;
            }
            if matches!(
                other.kind,
                ItemKind::Goal | ItemKind::Objective | ItemKind::Category
            ) {
                return false;
            }
            if is_metadata_field(other) {
                fields += 1;
            }
        }
        fields >= 2
    }

    /// An entry under a heading that itself states a concrete goal ("### Develop a
    /// certification exam" over "- Build content for the exam"): the heading is the goal and
    /// the list its steps, which are not judged one by one. A heading naming a theme ("###
    /// Grow the community") groups goals instead.
    pub fn is_step_of_stated_goal(&self, item: &Item) -> bool {
        item.parent.map(|p| self.doc.item(p)).is_some_and(|parent| {
            parent.kind == ItemKind::Category && parent.origin == crate::model::Origin::Heading && {
                let st = self.statement(parent.id);
                st.imperative && !st.is_vague() && (st.deliverable.is_some() || st.metric.is_some())
            }
        })
    }

    /// The item sits where goals are: goal content, not under a heading that holds none
    /// ("## Progress tracking", "## How we set OKRs"). Labelled fields there ("Session
    /// outcomes:") describe a process, not a plan.
    pub fn in_goal_content(&self, item: &Item) -> bool {
        let section = self.doc.section(item.section);
        section.goal_content && section.role != crate::model::SectionRole::NotGoals
    }

    /// An item still holds template text: other rules leave it to `unfilled-placeholder`.
    pub fn is_unfilled(&self, item: &Item) -> bool {
        !self.placeholders(item.id).is_empty()
    }
}

/// A field that describes a goal rather than stating what it achieves: who owns it, when it
/// is due, how it stands. It gives the goal no done state.
pub fn is_metadata_field(item: &Item) -> bool {
    item.label.as_ref().is_some_and(|l| {
        matches!(
            l.kind,
            crate::model::FieldKind::Meta | crate::model::FieldKind::When
        ) || matches!(
            l.text.trim().to_lowercase().as_str(),
            "owner"
                | "owners"
                | "dri"
                | "due"
                | "due date"
                | "deadline"
                | "target date"
                | "timeline"
                | "status"
                | "reviewer"
                | "priority"
        )
    })
}

/// An entry that names a group of goals ("Learning/Performance Goals", "Personal objectives")
/// is a category, not a goal.
fn names_a_goal_group(plain: &str) -> bool {
    let last = plain
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "goals" | "objectives" | "priorities" | "okrs" | "outcomes"
    )
}

/// A statement shortened for a message.
pub(crate) fn excerpt(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(MAX - 1).collect::<String>().trim_end()
        )
    }
}

impl Diagnostic {
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
    fn registry_indices_codes_and_names_are_consistent() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for (i, rule) in registry().iter().enumerate() {
            let m = rule.meta();
            assert_eq!(m.index, i, "{} has index {}", m.code, m.index);
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(m.code.starts_with("GL") && m.code.len() == 5, "{}", m.code);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
            assert!(!m.summary.is_empty() && !m.docs.what.is_empty() && !m.docs.why.is_empty());
        }
        let sorted: Vec<_> = registry().iter().map(|r| r.meta().code).collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected, "registry is in code order");
    }

    #[test]
    fn lookup_by_code_name_and_suggestion() {
        assert_eq!(lookup("gl001").unwrap().name, "vague-goal");
        assert_eq!(lookup("vague-goal").unwrap().code, "GL001");
        assert_eq!(suggest("vauge-goal").unwrap().code, "GL001");
        assert!(suggest("completely-different").is_none());
    }
}
