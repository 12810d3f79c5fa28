//! The document's kind from many weak signals, weighed by a model fitted to labelled real
//! documents rather than by hand-set thresholds.
//!
//! The signals are what the judgement reads anyway (voice of the lines, template slots and
//! filled-in entries, dates, titles and headings that name a guide, a report or a standing page,
//! the kinds of entries the model found); [`Features`] turns them into numbers. A multinomial
//! logistic regression over them gives the probability of each kind: a plan, a pristine
//! template, not a plan. Its weights are data, `kind_weights.tsv` beside this file, written by
//! `cargo xtask fit` from the labelled corpus (`corpus/batch-*/KINDS.tsv` and the judged
//! documents); nothing in this file is tuned by hand but the list of signals. Exact signals (a
//! declared kind, a matched template) stay rules and are decided before this model is asked.

use std::sync::{Arc, LazyLock};

use super::fitted;

/// The kinds the model tells apart, in the order of its outputs.
pub const KINDS: [&str; 3] = ["plan", "template", "not a plan"];

/// The names of the features, in order (the rows of `kind_weights.tsv`).
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    "log-lines",
    "log-slots",
    "log-filled",
    "log-dates",
    "slot-share",
    "no-date-slots",
    "you-share",
    "me-share",
    "past-share",
    "future-share",
    "guide-title",
    "report-title",
    "log-example-headings",
    "standing-page",
    "guide-voice",
    "report-voice",
    "log-goals",
    "log-key-results",
    "log-actions",
    "log-criteria",
    "done-share",
    "log-open-boxes",
    "log-done-boxes",
    "has-period",
    "log-examples",
    "log-goal-sections",
    "goal-item-share",
    "we-share",
    "advice-share",
    "link-share",
    "log-list-lines",
    "verb-led-share",
    "past-led-share",
    "box-share",
    "ticked-share",
    "table-share",
    "log-headings",
];

/// One document's features, in the order of [`FEATURE_NAMES`].
#[derive(Clone, Debug, PartialEq)]
pub struct Features(pub Vec<f64>);

/// Features are finite numbers (counts, shares and their logarithms), never NaN.
impl Eq for Features {}

/// The signals the judgement gathered, before they are numbers.
#[derive(Clone, Copy, Debug, Default)]
pub struct Signals {
    pub lines: usize,
    pub slots: usize,
    pub filled: usize,
    pub dates: usize,
    pub you: usize,
    pub me: usize,
    pub past: usize,
    pub future: usize,
    pub guide_title: bool,
    pub report_title: bool,
    pub example_headings: usize,
    pub standing_page: bool,
    pub goals: usize,
    pub key_results: usize,
    pub actions: usize,
    pub criteria: usize,
    pub done: usize,
    pub goal_items: usize,
    pub items: usize,
    pub open_boxes: usize,
    pub done_boxes: usize,
    pub has_period: bool,
    pub examples: usize,
    pub goal_sections: usize,
    pub we: usize,
    pub advice: usize,
    pub links: usize,
    pub list_lines: usize,
    pub verb_led: usize,
    pub past_led: usize,
    pub boxed: usize,
    pub ticked: usize,
    pub table_rows: usize,
    pub headings: usize,
}

fn ln1p(n: usize) -> f64 {
    (n as f64).ln_1p()
}

fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

impl Signals {
    pub fn features(&self) -> Features {
        let n = self.lines.max(1) as f64;
        let share = |k: usize| k as f64 / n;
        Features(vec![
            1.0,
            ln1p(self.lines),
            ln1p(self.slots),
            ln1p(self.filled),
            ln1p(self.dates),
            self.slots as f64 / (self.slots + self.filled + 1) as f64,
            flag(self.slots >= 3 && self.dates == 0),
            share(self.you),
            share(self.me),
            share(self.past),
            share(self.future),
            flag(self.guide_title),
            flag(self.report_title),
            ln1p(self.example_headings),
            flag(self.standing_page),
            flag(self.you >= 5 && self.you * 10 >= self.lines && self.you >= 2 * self.me),
            flag(
                self.past >= 5 && self.past * 100 >= 8 * self.lines && self.past > 2 * self.future,
            ),
            ln1p(self.goals),
            ln1p(self.key_results),
            ln1p(self.actions),
            ln1p(self.criteria),
            self.done as f64 / self.goal_items.max(1) as f64,
            ln1p(self.open_boxes),
            ln1p(self.done_boxes),
            flag(self.has_period),
            ln1p(self.examples),
            ln1p(self.goal_sections),
            self.goal_items as f64 / self.items.max(1) as f64,
            share(self.we),
            share(self.advice),
            share(self.links),
            ln1p(self.list_lines),
            self.verb_led as f64 / self.list_lines.max(1) as f64,
            self.past_led as f64 / self.list_lines.max(1) as f64,
            self.boxed as f64 / self.list_lines.max(1) as f64,
            self.ticked as f64 / self.boxed.max(1) as f64,
            share(self.table_rows),
            ln1p(self.headings),
        ])
    }
}

/// A fitted model: per feature, the mean and spread it was standardised with and one weight
/// per kind.
#[derive(Clone, Debug, PartialEq)]
pub struct KindModel {
    /// (mean, standard deviation) per feature.
    pub scale: Vec<(f64, f64)>,
    /// Weights per feature, one per kind.
    pub weights: Vec<[f64; 3]>,
    /// The probability of "not a plan" above which a whole document is left alone (below it
    /// the document is read as a plan and each entry judged on its own).
    pub not_a_plan_min: f64,
}

/// The default of [`KindModel::not_a_plan_min`], chosen on the corpus for the precision of
/// that silence (`cargo xtask fit` prints the cross-validated scores at each threshold).
pub const NOT_A_PLAN_MIN: f64 = 0.65;

impl KindModel {
    /// The probability of each kind of [`KINDS`].
    pub fn probabilities(&self, f: &Features) -> [f64; 3] {
        let mut z = [0.0; 3];
        for (i, x) in f.0.iter().enumerate() {
            let x = fitted::standard(&self.scale, i, *x);
            if let Some(w) = self.weights.get(i) {
                for k in 0..3 {
                    z[k] += w[k] * x;
                }
            }
        }
        softmax(z)
    }

    /// Read `kind_weights.tsv`: a header, then `feature mean sd w_plan w_template w_not`
    /// per feature in the order of [`FEATURE_NAMES`].
    pub fn parse(text: &str) -> Result<KindModel, String> {
        let (scale, weights) = fitted::parse_weights(text, FEATURE_NAMES, 3)?;
        Ok(KindModel {
            scale,
            weights: weights.iter().map(|w| [w[0], w[1], w[2]]).collect(),
            not_a_plan_min: NOT_A_PLAN_MIN,
        })
    }

    /// The model as `kind_weights.tsv` holds it.
    pub fn to_tsv(&self) -> String {
        let weights: Vec<Vec<f64>> = self.weights.iter().map(|w| w.to_vec()).collect();
        fitted::weights_tsv(
            &["plan", "template", "not-a-plan"],
            FEATURE_NAMES,
            &self.scale,
            &weights,
        )
    }

    /// Fit a model to `data` (features and the index of the kind in [`KINDS`]): standardised
    /// features, multinomial logistic regression with an L2 penalty `l2` on every weight but
    /// the bias, by full-batch gradient descent from zero for a fixed number of steps, so the
    /// same data always gives the same weights. Each kind's examples are weighted by the
    /// inverse of its share, so a rare kind (templates) is not drowned.
    pub fn fit(data: &[(Features, usize)], l2: f64) -> KindModel {
        let d = FEATURE_NAMES.len();
        let n = data.len().max(1) as f64;
        let (scale, xs) = fitted::standardise(data.iter().map(|(f, _)| f.0.as_slice()), d);
        let mut count = [0.0f64; 3];
        for (_, y) in data {
            count[*y] += 1.0;
        }
        let class_weight: Vec<f64> = count
            .iter()
            .map(|c| if *c > 0.0 { n / (3.0 * c) } else { 0.0 })
            .collect();
        let mut w = vec![[0.0f64; 3]; d];
        let rate = 0.5;
        for _ in 0..STEPS {
            let mut grad = vec![[0.0f64; 3]; d];
            for (x, (_, y)) in xs.iter().zip(data) {
                let mut z = [0.0; 3];
                for j in 0..d {
                    for k in 0..3 {
                        z[k] += w[j][k] * x[j];
                    }
                }
                let p = softmax(z);
                for k in 0..3 {
                    let err = (p[k] - f64::from(u8::from(*y == k))) * class_weight[*y];
                    for j in 0..d {
                        grad[j][k] += err * x[j];
                    }
                }
            }
            for j in 0..d {
                for k in 0..3 {
                    let penalty = if j == 0 { 0.0 } else { l2 * w[j][k] };
                    w[j][k] -= rate * (grad[j][k] / n + penalty);
                }
            }
        }
        KindModel {
            scale,
            weights: w,
            not_a_plan_min: NOT_A_PLAN_MIN,
        }
    }
}

/// Steps of gradient descent in [`KindModel::fit`].
const STEPS: usize = 3000;

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = z.map(|v| (v - m).exp());
    let s: f64 = e.iter().sum();
    e.map(|v| v / s)
}

/// The model shipped with goal-lint (`kind_weights.tsv`), read once.
pub fn shipped_model() -> Arc<KindModel> {
    static MODEL: LazyLock<Arc<KindModel>> = LazyLock::new(|| {
        Arc::new(
            KindModel::parse(include_str!("kind_weights.tsv"))
                .expect("kind_weights.tsv is written by `cargo xtask fit` and tested"),
        )
    });
    MODEL.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_read_and_name_every_feature() {
        let model = shipped_model();
        assert_eq!(model.weights.len(), FEATURE_NAMES.len());
        let p = model.probabilities(&Signals::default().features());
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn fitting_is_deterministic_and_learns_a_separable_signal() {
        let doc = |slots: usize, you: usize, goals: usize| {
            Signals {
                lines: 40,
                slots,
                you,
                goals,
                ..Signals::default()
            }
            .features()
        };
        let mut data = Vec::new();
        for i in 0..10 {
            data.push((doc(0, 0, 5 + i), 0));
            data.push((doc(8 + i, 0, 0), 1));
            data.push((doc(0, 20 + i, 0), 2));
        }
        let a = KindModel::fit(&data, 0.01);
        let b = KindModel::fit(&data, 0.01);
        assert_eq!(a, b);
        for (f, y) in &data {
            let p = a.probabilities(f);
            let best = (0..3).max_by(|&i, &j| p[i].total_cmp(&p[j])).unwrap();
            assert_eq!(best, *y);
        }
        let read = KindModel::parse(&a.to_tsv()).unwrap();
        assert_eq!(read.weights.len(), a.weights.len());
    }

    #[test]
    fn a_malformed_weights_file_is_an_error() {
        assert!(KindModel::parse("feature\tmean\n").is_err());
        assert!(KindModel::parse("h\nbias\t0\t1\t0\t0\tx\n").is_err());
    }
}
