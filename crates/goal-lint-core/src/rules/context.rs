//! What a rule is and what its check sees. Below every rule's file (which implements
//! [`Rule`]) and below the rule table in `rules/mod.rs` (which lists them).

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::analysis::{
    Judgement, LineSource, Placeholder, PlaceholderKind, Schema, Statement, TemplateMatch,
    TemplateSet, kind::KindModel,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::memo::Memo;
use crate::meta::{RuleDocs, RuleMeta};
use crate::model::{Date, GoalDocument, Item, ItemId, ItemKind};
use crate::text::TextRange;

/// A rule: its documentation, its options and its check, in its own file. Its code, name,
/// scope, severity and fix kind are its line in the rule table (`rules/mod.rs`).
pub trait Rule: 'static {
    /// One line, for tables.
    const SUMMARY: &'static str;
    const DOCS: RuleDocs;
    /// Its `[rules.NAME]` table in `goal-lint.toml` ([`NoOptions`] when it has none).
    type Options: RuleOptions;
    /// Reports its findings. `None` for a rule of scope `Suppressions`, which the suppression
    /// pass reports.
    const CHECK: Option<Check<Self::Options>>;
    /// Whether it runs on a pristine template (a document that is all template text), where
    /// the other rules would only repeat "fill this in".
    const JUDGES_TEMPLATES: bool = false;
    /// Whether it speaks on the items of a roadmap read from its layout alone (a part no
    /// heading names as goals, see `Section::roadmap_part`). Such items are often named
    /// features ("Router HA support"), not goals stated to be judged one by one: measured on
    /// the corpus, only a past deadline on an open item was reported there as reviewers would.
    const JUDGES_ROADMAP_ITEMS: bool = false;
}

/// A rule's check: it reads the document through the context and reports there.
pub type Check<O> = fn(&mut Context<'_>, &O);

/// A rule's options: `[rules.NAME]` in `goal-lint.toml`, deserialised as written (unknown keys
/// are errors), defaults where a key is left out.
pub trait RuleOptions:
    Clone + Debug + Default + PartialEq + DeserializeOwned + Send + Sync + 'static
{
    /// Its part of the file `goal-lint init` writes: the table and its keys with their
    /// defaults, commented. Empty for [`NoOptions`].
    const INIT: &'static str;
    /// `false` only for [`NoOptions`]: `[rules.NAME]` is then an unknown key.
    const CONFIGURABLE: bool = true;

    /// What the types do not say: `Err((key, message))` for a value that is out of range.
    fn validate(&self) -> Result<(), (&'static str, String)> {
        Ok(())
    }
}

/// The options of a rule that has none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct NoOptions {}

impl RuleOptions for NoOptions {
    const INIT: &'static str = "";
    const CONFIGURABLE: bool = false;
}

/// Facts about items that several rules need, computed once per lint run on first use.
pub struct Facts {
    statements: Vec<OnceCell<Statement>>,
    placeholders: Vec<OnceCell<Vec<Placeholder>>>,
    conventions: OnceCell<Conventions>,
    judgement: OnceCell<Judgement>,
    /// The template the document is a copy of, with the source of each line.
    pub template: Option<TemplateMatch>,
    /// The model that weighs the document's kind.
    kind_model: Arc<KindModel>,
}

impl Facts {
    /// The facts of `doc`, read against the template among `templates` it is a copy of.
    pub fn new(
        doc: &GoalDocument,
        text: &str,
        templates: &TemplateSet,
        kind_model: Option<Arc<KindModel>>,
    ) -> Facts {
        Facts {
            statements: (0..doc.items.len()).map(|_| OnceCell::new()).collect(),
            placeholders: (0..doc.items.len()).map(|_| OnceCell::new()).collect(),
            conventions: OnceCell::new(),
            judgement: OnceCell::new(),
            template: templates.matching(doc, text),
            kind_model: kind_model.unwrap_or_else(crate::analysis::kind::shipped_model),
        }
    }
}

impl Facts {
    fn placeholders<'f>(
        &'f self,
        doc: &GoalDocument,
        text: &str,
        id: ItemId,
        memo: &Memo,
    ) -> &'f [Placeholder] {
        self.placeholders[id.0 as usize].get_or_init(|| {
            let item = doc.item(id);
            let mut found = crate::analysis::find_item_placeholders_with(doc, item, text, memo);
            // An entry its template has word for word is a slot left as it was, whatever its
            // words (a team's prompt need not look like one).
            if found.is_empty()
                && item.kind != ItemKind::Example
                && self
                    .template
                    .as_ref()
                    .is_some_and(|m| m.source_at(item.line.start) == LineSource::Slot)
            {
                found.push(Placeholder {
                    range: item.text.trimmed_range(),
                    text: item.text.plain.clone(),
                    kind: PlaceholderKind::Slot,
                });
            }
            found
        })
    }

    /// The document-level judgement (see [`crate::analysis::judge`]).
    pub fn judgement<'f>(&'f self, doc: &GoalDocument, text: &str) -> &'f Judgement {
        self.judgement_with(doc, text, &Memo::disabled())
    }

    /// [`Facts::judgement`], reusing what `memo` kept from earlier lints of the document.
    pub fn judgement_with<'f>(
        &'f self,
        doc: &GoalDocument,
        text: &str,
        memo: &Memo,
    ) -> &'f Judgement {
        self.judgement.get_or_init(|| {
            crate::analysis::judge_with(
                doc,
                text,
                |id| self.placeholders(doc, text, id, memo),
                self.template.as_ref(),
                &self.kind_model,
                memo,
            )
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
    /// The conventions `doc` follows, and those of the template it is a copy of (its schema):
    /// a copy is held to its template's fields even where the author dropped one everywhere.
    fn of(doc: &GoalDocument, schema: Option<&Schema>) -> Conventions {
        let mut c = Conventions::default();
        if let Some(schema) = schema {
            c.uses_why = schema.why.is_some();
            c.uses_success = schema.success.is_some() || schema.key_result.is_some();
            c.uses_key_results = schema.key_result.is_some();
        }
        let has_objectives = doc.items.iter().any(|i| i.kind == ItemKind::Objective);
        for item in &doc.items {
            let Some(parent) = item.parent.map(|p| doc.item(p)) else {
                // Key results of their own section, beside objectives they could not be tied
                // to one by one: the document still writes objectives with key results.
                if item.kind == ItemKind::KeyResult
                    && has_objectives
                    && doc.section(item.section).role == crate::model::SectionRole::KeyResults
                {
                    c.uses_key_results = true;
                    c.uses_success = true;
                }
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

/// What every rule of one lint run shares (the lint pass builds it from the settings).
pub struct Run<'a> {
    pub doc: &'a GoalDocument,
    pub text: &'a str,
    pub today: Option<Date>,
    /// Required sections per document kind (built-in kinds plus `[kinds.NAME]`).
    pub kinds: &'a BTreeMap<String, Vec<String>>,
    /// `[rules.vague-goal] extra-vague-verbs`: the statement analysis every rule reads uses
    /// them.
    pub extra_vague_verbs: &'a [String],
    pub facts: &'a Facts,
    /// Results kept from earlier lints of the same document.
    pub memo: &'a Memo,
}

/// What a rule's check sees: the document, shared facts, and a place to report. Its own
/// options come beside it (see [`Rule::CHECK`]).
pub struct Context<'a> {
    pub doc: &'a GoalDocument,
    pub text: &'a str,
    /// "Today", for the overdue rule. `None`: the rule does not run.
    pub today: Option<Date>,
    /// Required sections per document kind (built-in kinds plus `[kinds.NAME]`).
    pub kinds: &'a BTreeMap<String, Vec<String>>,
    extra_vague_verbs: &'a [String],
    facts: &'a Facts,
    memo: &'a Memo,
    rule: &'static RuleMeta,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    fn new(
        run: &Run<'a>,
        rule: &'static RuleMeta,
        severity: Severity,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc: run.doc,
            text: run.text,
            today: run.today,
            kinds: run.kinds,
            extra_vague_verbs: run.extra_vague_verbs,
            facts: run.facts,
            memo: run.memo,
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
            crate::analysis::analyze_with(item, self.extra_vague_verbs, self.memo)
        })
    }

    /// Template placeholders in an item (`Q[X]`, `TODO`, an empty required field…).
    pub fn placeholders(&self, id: ItemId) -> &'a [Placeholder] {
        self.facts.placeholders(self.doc, self.text, id, self.memo)
    }

    pub fn conventions(&self) -> Conventions {
        *self
            .facts
            .conventions
            .get_or_init(|| Conventions::of(self.doc, self.schema()))
    }

    /// The template the document is a copy of, with the source of each line.
    pub fn template(&self) -> Option<&'a TemplateMatch> {
        self.facts.template.as_ref()
    }

    /// What the template the document is a copy of asks of its entries, in its words.
    pub fn schema(&self) -> Option<&'a Schema> {
        self.facts.template.as_ref().map(|m| &m.template.schema)
    }

    /// What kind of document this is (a plan, a pristine template, a guide…), judged once.
    pub fn judgement(&self) -> &'a Judgement {
        self.facts.judgement_with(self.doc, self.text, self.memo)
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
        // A heading over a `**Goal:**` or `**Objective:**` field ("## Priority 1: Reading")
        // is only that goal's title: the field is the goal.
        let title_of_a_goal = item.origin == crate::model::Origin::Heading
            && self.doc.children(item.id).any(|c| {
                matches!(c.kind, ItemKind::Goal | ItemKind::Objective)
                    && matches!(
                        c.label_kind(),
                        Some(crate::model::FieldKind::Goal | crate::model::FieldKind::Objective)
                    )
            });
        goal && !unlabelled_heading
            && !title_of_a_goal
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

    /// An entry under a heading or a bold group entry that itself states a concrete goal
    /// ("### Develop a certification exam" over "- Build content for the exam", "- **Publish
    /// the contributor guide**" over its checklist): that entry is the goal and the list its
    /// steps, which are not judged one by one. One naming a theme ("### Grow the community")
    /// groups goals instead.
    pub fn is_step_of_stated_goal(&self, item: &Item) -> bool {
        item.parent.map(|p| self.doc.item(p)).is_some_and(|parent| {
            parent.kind == ItemKind::Category && {
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

    /// An entry worth judging: still open (not ticked off or done), written (not empty, not
    /// template text, which is `unfilled-placeholder`'s) and in goal content.
    pub fn is_open_written_entry(&self, item: &Item) -> bool {
        !item.is_done()
            && !item.text.plain.is_empty()
            && !self.is_unfilled(item)
            && self.in_goal_content(item)
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
pub fn excerpt(s: &str) -> String {
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

/// Run one rule's check on `run`, reporting into `out` at `severity`.
pub(crate) fn run_check<O>(
    run: &Run<'_>,
    rule: &'static RuleMeta,
    severity: Severity,
    out: &mut Vec<Diagnostic>,
    check: Check<O>,
    options: &O,
) {
    let mut cx = Context::new(run, rule, severity, out);
    check(&mut cx, options);
}
