//! How sure the reading of an entry is: the probability that a careful reviewer would call an
//! entry the model reads as a goal, objective, key result, success criterion, action or
//! capability one of those (rather than a task, a reason, a description, an example…).
//!
//! The role itself comes from the model's rules (labels, section roles, shapes); this is a
//! logistic regression over about thirty signals of the entry (its role, shape, label, depth,
//! checkbox, children, words), its section (a heading that names goals, goal content) and the
//! document (how much of it reads as plan entries, a period), fitted to the role of every entry
//! line the corpus reviewers labelled (`corpus/batch-*/ROLES.tsv`). Its weights are data,
//! `role_weights.tsv` beside this file, written by `cargo xtask fit` (cross-validated by source
//! repository, deterministic). `goal-lint outline --format json` reports it per entry.
//!
//! No rule gates on it. `vague-goal` silenced below 0.5 was measured: on the corpus batches
//! (which the weights were fitted on) 46 fewer agreed findings and 76 fewer false alarms, but
//! on `judged/` 4 fewer agreed and 1 fewer false alarm, a loss of recall where recall, not
//! precision, is what goal-lint lacks against a second reviewer (`corpus/agreement/`). It says
//! how much an entry's reading can be trusted, per entry, where the document's kind says it for
//! the whole file.

use std::sync::{Arc, LazyLock};

use super::fitted;

use crate::model::{GoalDocument, Item, ItemKind, Origin};

/// The names of the features, in order (the rows of `role_weights.tsv`).
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    "goal",
    "objective",
    "key-result",
    "success-criterion",
    "action",
    "capability",
    "list-item",
    "paragraph",
    "heading",
    "table",
    "labelled",
    "depth",
    "open-box",
    "done-box",
    "has-parent",
    "log-children",
    "heading-names-goals",
    "under-goal-heading",
    "goal-content",
    "roadmap-part",
    "log-words",
    "verb-led",
    "past-led",
    "timeframe",
    "digit",
    "question",
    "link",
    "log-section-entries",
    "doc-plan-entry-share",
    "doc-has-period",
    "log-doc-items",
];

/// Whether the model gives `item` a confidence: the entries the rules judge as part of a plan.
pub fn is_rated(kind: ItemKind) -> bool {
    kind.is_plan_entry() || kind == ItemKind::Capability
}

fn ln1p(n: usize) -> f64 {
    (n as f64).ln_1p()
}

fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

/// The features of every entry of `doc`, indexed by item: `Some` for a rated entry (see
/// [`is_rated`]), in the order of [`FEATURE_NAMES`].
pub fn entry_features(doc: &GoalDocument) -> Vec<Option<Vec<f64>>> {
    let plan_entries = doc.items.iter().filter(|i| i.kind.is_plan_entry()).count();
    doc.items
        .iter()
        .map(|item| is_rated(item.kind).then(|| features(doc, item, plan_entries)))
        .collect()
}

fn features(doc: &GoalDocument, item: &Item, plan_entries: usize) -> Vec<f64> {
    let section = &doc.sections[item.section.0 as usize];
    let plain = item.text.plain.trim();
    let lead = crate::lexicon::leading_verb(plain);
    vec![
        1.0,
        flag(item.kind == ItemKind::Goal),
        flag(item.kind == ItemKind::Objective),
        flag(item.kind == ItemKind::KeyResult),
        flag(item.kind == ItemKind::SuccessCriterion),
        flag(item.kind == ItemKind::Action),
        flag(item.kind == ItemKind::Capability),
        flag(item.origin == Origin::ListItem),
        flag(matches!(item.origin, Origin::Paragraph | Origin::Line)),
        flag(item.origin == Origin::Heading),
        flag(matches!(item.origin, Origin::TableRow | Origin::TableCell)),
        flag(item.label.is_some()),
        f64::from(item.depth.min(3)),
        flag(item.checkbox == Some(false)),
        flag(item.checkbox == Some(true)),
        flag(item.parent.is_some()),
        ln1p(item.children.len()),
        flag(section.own_role.is_goal_role()),
        flag(section.role.is_goal_role()),
        flag(section.goal_content),
        flag(section.roadmap_part),
        ln1p(plain.split_whitespace().count()),
        flag(lead == Some(false)),
        flag(lead == Some(true)),
        flag(!item.timeframes.is_empty()),
        flag(plain.bytes().any(|b| b.is_ascii_digit())),
        flag(plain.ends_with('?')),
        flag(!item.text.links.is_empty()),
        ln1p(section.items.len()),
        plan_entries as f64 / doc.items.len().max(1) as f64,
        flag(doc.period.is_some()),
        ln1p(doc.items.len()),
    ]
}

/// A fitted binary model: per feature, the mean and spread it was standardised with and its
/// weight.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleModel {
    pub scale: Vec<(f64, f64)>,
    pub weights: Vec<f64>,
}

impl RoleModel {
    /// The probability that the reviewers read the entry as the model does.
    pub fn probability(&self, f: &[f64]) -> f64 {
        let mut z = 0.0;
        for (i, x) in f.iter().enumerate() {
            z += self.weights.get(i).copied().unwrap_or(0.0) * fitted::standard(&self.scale, i, *x);
        }
        sigmoid(z)
    }

    /// Read `role_weights.tsv`: a header, then `feature mean sd weight` per feature in the
    /// order of [`FEATURE_NAMES`].
    pub fn parse(text: &str) -> Result<RoleModel, String> {
        let (scale, weights) = fitted::parse_weights(text, FEATURE_NAMES, 1)?;
        Ok(RoleModel {
            scale,
            weights: weights.iter().map(|w| w[0]).collect(),
        })
    }

    /// The model as `role_weights.tsv` holds it.
    pub fn to_tsv(&self) -> String {
        let weights: Vec<Vec<f64>> = self.weights.iter().map(|w| vec![*w]).collect();
        fitted::weights_tsv(&["weight"], FEATURE_NAMES, &self.scale, &weights)
    }

    /// Fit a model to `data` (features, and whether the reviewer agreed): standardised
    /// features, logistic regression with an L2 penalty `l2` on every weight but the bias, by
    /// full-batch gradient descent from zero for a fixed number of steps, so the same data
    /// always gives the same weights. Both answers weigh alike (each example by the inverse
    /// of its answer's share).
    pub fn fit(data: &[(Vec<f64>, bool)], l2: f64) -> RoleModel {
        let d = FEATURE_NAMES.len();
        let n = data.len().max(1) as f64;
        let (scale, xs) = fitted::standardise(data.iter().map(|(f, _)| f.as_slice()), d);
        let positives = data.iter().filter(|(_, y)| *y).count() as f64;
        let negatives = n - positives;
        let weight_of = |y: bool| {
            let c = if y { positives } else { negatives };
            if c > 0.0 { n / (2.0 * c) } else { 0.0 }
        };
        let mut w = vec![0.0f64; d];
        let rate = 0.5;
        for _ in 0..STEPS {
            let mut grad = vec![0.0f64; d];
            for (x, (_, y)) in xs.iter().zip(data) {
                let z: f64 = w.iter().zip(x).map(|(w, x)| w * x).sum();
                let err = (sigmoid(z) - flag(*y)) * weight_of(*y);
                for j in 0..d {
                    grad[j] += err * x[j];
                }
            }
            for j in 0..d {
                let penalty = if j == 0 { 0.0 } else { l2 * w[j] };
                w[j] -= rate * (grad[j] / n + penalty);
            }
        }
        RoleModel { scale, weights: w }
    }
}

/// Steps of gradient descent in [`RoleModel::fit`].
const STEPS: usize = 2000;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The model shipped with goal-lint (`role_weights.tsv`), read once.
pub fn shipped_model() -> Arc<RoleModel> {
    static MODEL: LazyLock<Arc<RoleModel>> = LazyLock::new(|| {
        Arc::new(
            RoleModel::parse(include_str!("role_weights.tsv"))
                .expect("role_weights.tsv is written by `cargo xtask fit` and tested"),
        )
    });
    MODEL.clone()
}

/// How sure the reading of each entry of `doc` is by the shipped model, indexed by item:
/// `Some` for a rated entry.
pub fn confidences(doc: &GoalDocument) -> Vec<Option<f64>> {
    let model = shipped_model();
    entry_features(doc)
        .into_iter()
        .map(|f| f.map(|f| model.probability(&f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_read_and_name_every_feature() {
        let model = shipped_model();
        assert_eq!(model.weights.len(), FEATURE_NAMES.len());
        assert_eq!(RoleModel::parse(&model.to_tsv()).as_ref(), Ok(&*model));
    }

    #[test]
    fn fitting_is_deterministic_and_learns_a_separable_signal() {
        // The entry's role (feature 1, a goal) decides: the fit must find that.
        let data: Vec<(Vec<f64>, bool)> = (0..40)
            .map(|i| {
                let mut f = vec![0.0; FEATURE_NAMES.len()];
                f[0] = 1.0;
                f[1] = f64::from(u8::from(i % 2 == 0));
                f[20] = f64::from(i % 7);
                (f, i % 2 == 0)
            })
            .collect();
        let a = RoleModel::fit(&data, 0.05);
        assert_eq!(a, RoleModel::fit(&data, 0.05));
        for (f, y) in &data {
            assert_eq!(a.probability(f) > 0.5, *y, "{f:?}");
        }
    }

    #[test]
    fn a_malformed_weights_file_is_an_error() {
        assert!(RoleModel::parse("feature\tmean\tsd\tweight\nbias\t0\t1\n").is_err());
        assert!(RoleModel::parse("feature\tmean\tsd\tweight\nbias\t0\t1\tNaN\n").is_err());
        assert!(RoleModel::parse("feature\tmean\tsd\tweight\nbias\t0\t1\t0.5\n").is_err());
    }

    #[test]
    fn a_labelled_goal_under_a_goals_heading_is_read_with_confidence_and_notes_are_not_rated() {
        let text = "# Q3 2025 goals\n\n## Goals\n\n1. **Goal:** Ship the billing export to 40 customers by Aug 1\n   - checked the old exports last week\n";
        let doc = GoalDocument::parse(text, &Default::default());
        let confidences = confidences(&doc);
        let rated: Vec<(&Item, f64)> = doc
            .items
            .iter()
            .zip(&confidences)
            .filter_map(|(i, c)| c.map(|c| (i, c)))
            .collect();
        let goal = rated
            .iter()
            .find(|(i, _)| i.kind == ItemKind::Goal)
            .expect("the goal is rated");
        assert!((0.0..=1.0).contains(&goal.1));
        assert!(goal.1 > 0.5, "{}", goal.1);
        assert!(
            doc.items.iter().any(|i| !is_rated(i.kind)),
            "the note is read"
        );
        for (item, c) in doc.items.iter().zip(&confidences) {
            assert_eq!(c.is_some(), is_rated(item.kind), "{item:?}");
        }
    }
}
