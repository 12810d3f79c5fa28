use serde::{Deserialize, Deserializer};

use super::context::{Check, Context, Rule, RuleOptions, excerpt};
use crate::analysis::Vagueness;
use crate::diagnostic::{Applicability, Edit, Fix, Part};
use crate::meta::RuleDocs;
use crate::model::{FieldKind, ItemKind};

pub struct VagueGoal;

/// `[rules.vague-goal]`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// More verbs that make a goal vague when nothing measurable follows ("tackle", "own"),
    /// lowercased. The statement analysis every rule reads takes them.
    #[serde(default, deserialize_with = "lowercase")]
    pub extra_vague_verbs: Vec<String>,
}

fn lowercase<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let words = Vec::<String>::deserialize(d)?;
    Ok(words.iter().map(|w| w.to_lowercase()).collect())
}

impl RuleOptions for Options {
    const INIT: &'static str = "[rules.vague-goal]
extra-vague-verbs = []
";
}

impl Rule for VagueGoal {
    const SUMMARY: &'static str = "A goal with no measurable outcome and no concrete deliverable";
    const DOCS: RuleDocs = RuleDocs {
        what: "Flags a goal that names an activity (\"work on\", \"improve\", \"help with\", \"focus on\") \
or an area (\"Platform improvements\") without saying what will exist or change when it is done. \
The whole statement is judged: a number or target (\"from 800ms to 200ms\"), a thing that is \
shipped, published or hired (\"Ship a Java SDK\"), one thing made or one meeting held (\"Create a \
plan for the migration\", \"Discuss my promotion case with my manager\"), or measurable success \
criteria under the goal make it concrete, whatever its first verb. Under a heading that itself \
states a concrete goal (\"### Publish a public roadmap\", or a bold group entry such as \"- **Publish a public roadmap**\"), the items are its steps and are not \
judged one by one.",
        why: "A goal you cannot check is a goal you cannot miss, so it cannot help you decide what to \
do this week either. Three months later nobody can say whether \"work on payments\" happened; \
\"Ship payments v2 to 100% of transactions\" is either true or not.",
        bad: "## Q3 Goals\n\n- Work on payments\n- Improve design consistency\n- Help with hiring\n",
        good: "## Q3 Goals\n\n- Ship payments v2 to production handling 100% of transactions\n\
- Launch the design system with 15 components adopted by 3 teams\n\
- Hire 2 senior engineers with start dates before Q3\n",
        fix: "Template: rewrites the goal as `[verb] <what it was about> [measurable outcome] by [when]` \
for you to fill in. In a copy of a template, a second fix puts back the template's own prompt for a \
goal.",
        options: "`[rules.vague-goal] extra-vague-verbs = [\"tackle\"]`: more verbs that make a goal vague \
when nothing measurable follows.",
    };
    type Options = Options;
    const CHECK: Option<Check<Options>> = Some(check);
}

fn check(cx: &mut Context<'_>, _: &Options) {
    for item in &cx.doc.items {
        if !cx.is_judged_goal(item) {
            continue;
        }
        let st = cx.statement(item.id);
        // An objective standing alone as a bare noun phrase ("Objective: Alerting") names
        // an area, not an outcome.
        let area = (item.label_kind() == Some(FieldKind::Objective) && st.bare_noun_phrase)
            .then(|| Vagueness::Heading {
                word: item.text.plain.clone(),
                range: 0..item.text.plain.len(),
            });
        let Some(vagueness) = st.vague.as_ref().or(area.as_ref()) else {
            continue;
        };
        // Measurable success criteria or key results under the goal carry its measure.
        let measured = cx.doc.children(item.id).any(|c| {
            matches!(c.kind, ItemKind::SuccessCriterion | ItemKind::KeyResult)
                && !cx.is_unfilled(c)
                && cx.statement(c.id).is_measurable()
        });
        // So do concrete work items attached to it: one deliverable or measure among its
        // own items gives the goal a done state.
        let concrete = cx.doc.descendants(item.id).iter().any(|c| {
            !matches!(c.kind, ItemKind::Example | ItemKind::Why | ItemKind::Meta)
                && !super::context::is_metadata_field(c)
                && !cx.is_unfilled(c)
                && {
                    let st = cx.statement(c.id);
                    !st.is_vague() && (st.metric.is_some() || st.deliverable.is_some())
                }
        });
        if concrete {
            continue;
        }
        if measured {
            continue;
        }
        let plain = &item.text.plain;
        let message = match vagueness {
            Vagueness::Verb { verb, .. } => {
                format!(
                    "vague goal: \"{}\" names an activity, not an outcome",
                    verb.to_lowercase()
                )
            }
            Vagueness::Modifier { word, .. } => {
                format!("vague goal: \"{word}\" with no measure does not say when it is done")
            }
            Vagueness::Heading { .. } => {
                format!(
                    "vague goal: \"{}\" names an area of work, not an outcome",
                    excerpt(plain)
                )
            }
            Vagueness::Outcome { .. } => {
                "vague goal: the outcome it states has nothing to check it against".to_string()
            }
        };
        // The rewrite keeps the author's words and asks for what is missing: a verb in
        // place of an activity verb, and an outcome and a deadline.
        let range = item.text.trimmed_range();
        let plain = plain.trim_end_matches(['.', ';', ':']);
        let rewrite = match vagueness {
            Vagueness::Verb {
                range: verb_range,
                verb,
            } => {
                let about = plain[verb_range.start..]
                    .get(verb.len()..)
                    .unwrap_or("")
                    .trim();
                let about = if about.is_empty() { plain } else { about };
                Edit::template(
                    range,
                    &[
                        Part::Slot("[verb]"),
                        Part::Literal(&format!(" {about} ")),
                        Part::Slot("[measurable outcome]"),
                        Part::Literal(" by "),
                        Part::Slot("[when]"),
                    ],
                )
            }
            _ => Edit::template(
                range,
                &[
                    Part::Literal(&format!("{plain} ")),
                    Part::Slot("[measurable outcome]"),
                    Part::Literal(" by "),
                    Part::Slot("[when]"),
                ],
            ),
        };
        // A copy of a template also gets the template's own prompt for a goal back.
        let prompt = cx.schema().and_then(|s| s.goal.as_deref()).map(|slot| {
            Fix::new(
                "Rewrite from the template's prompt",
                Applicability::Template,
                vec![Edit::template(item.text.trimmed_range(), &[Part::Slot(slot)])],
            )
        });
        let line = item.line;
        let d = cx.report(line, message)
            .with_help("Say what will exist or change when it is done, and how you will know: verb + thing + outcome, e.g. \"Ship payments v2 to 100% of transactions by Week 8\".")
            .with_fix(Fix::new("Rewrite as verb + thing + outcome + deadline", Applicability::Template, vec![rewrite]));
        if let Some(prompt) = prompt {
            d.with_fix(prompt);
        }
    }
}
