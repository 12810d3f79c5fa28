//! `cargo xtask fit [--write] [--train DIR]... [--test DIR]...`: fit the document-kind model
//! (`crates/goal-lint-core/src/analysis/kind_weights.tsv`) to labelled real documents, and
//! measure it honestly.
//!
//! Training sets (default: `corpus/batch-01` and `../shared/corpus/judged`) give each document
//! a reviewer's kind (`KINDS.tsv`; rows marked `unsure` are left out of fitting and of the kind
//! accuracy) and line labels (`NAME.expected.tsv`). Cross-validation is grouped by source
//! repository (`SOURCES.tsv`; a judged document without one is its own group): each repository's
//! documents are judged by a model fitted on the other repositories only, and linted with it,
//! so no document is scored by weights fitted on its own repository. Reported: kind accuracy in
//! three classes (plan, pristine template, not a plan) and problem precision and recall, scored
//! as `score_judged.py` scores. Test sets (`--test`) are scored with the model fitted on all
//! training sets: fresh batches nobody has fitted on. `--write` writes the model fitted on all
//! training sets; the fit is deterministic, so the same data gives the same file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use goal_lint_core::analysis::kind::{Features, KINDS, KindModel};
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::{Date, LintOptions, Settings};

use crate::eval::lint_guarded;
use crate::judged::{
    DocScore, Expected, Finding, Summary, dict_rows, documents, file_name, read_borderline,
    read_expected, score_document,
};

/// L2 penalty of the fit.
const L2: f64 = 0.05;

struct Doc {
    name: String,
    group: String,
    /// The reviewer's kind as an index of [`KINDS`], when the reviewer was sure.
    class: Option<usize>,
    text: String,
    expected: Vec<Expected>,
    borderline: BTreeSet<usize>,
    /// What the model is given; `None` when no model decides (no goal content, or an exact
    /// signal).
    features: Option<Features>,
}

fn class_of(kind: &str) -> Option<usize> {
    match kind {
        "filled-plan" | "partly-filled-template" | "archive-plan" => Some(0),
        "pristine-template" => Some(1),
        "guide-about-goals" | "process-doc" | "near-miss-other" => Some(2),
        _ => None,
    }
}

fn load(dir: &Path) -> Result<Vec<Doc>, String> {
    let read = |name: &str| fs::read_to_string(dir.join(name)).unwrap_or_default();
    let mut kinds: HashMap<String, Option<usize>> = HashMap::new();
    for row in dict_rows(&read("KINDS.tsv")) {
        let file = row.get("file").cloned().unwrap_or_default();
        let sure = row.get("confidence").is_none_or(|c| c.trim() != "unsure");
        let class = row.get("kind").and_then(|k| class_of(k.trim()));
        kinds.insert(md(&file), class.filter(|_| sure));
    }
    let mut repos: HashMap<String, String> = HashMap::new();
    for row in dict_rows(&read("SOURCES.tsv")) {
        let repo = row
            .get("repo")
            .map(|r| r.split(' ').next().unwrap_or("").to_string());
        if let (Some(file), Some(repo)) = (row.get("file"), repo) {
            repos.insert(md(file), repo.to_lowercase());
        }
    }
    let borderline = read_borderline(&dir.join("BORDERLINE.tsv"))?;
    let settings = Settings::default();
    let mut out = Vec::new();
    for path in documents(dir)? {
        let name = file_name(&path);
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let features = goal_lint_core::lint::kind_features(&text, &settings);
        out.push(Doc {
            group: repos
                .get(&name)
                .cloned()
                .unwrap_or_else(|| format!("{}/{name}", dir.display())),
            class: kinds.get(&name).copied().flatten(),
            expected: read_expected(&path.with_extension("expected.tsv"))?,
            borderline: borderline.get(&name).cloned().unwrap_or_default(),
            name,
            text,
            features,
        });
    }
    Ok(out)
}

fn md(name: &str) -> String {
    if name.ends_with(".md") {
        name.to_string()
    } else {
        format!("{name}.md")
    }
}

fn fit(docs: &[&Doc]) -> KindModel {
    let data: Vec<(Features, usize)> = docs
        .iter()
        .filter_map(|d| Some((d.features.clone()?, d.class?)))
        .collect();
    KindModel::fit(&data, L2)
}

/// The kind goal-lint gives `doc` under `settings`, as a class of [`KINDS`], read from its
/// outline as `corpus/score.py` reads it.
fn judged_class(doc: &Doc, settings: &Settings) -> usize {
    let outline = goal_lint_core::outline(&doc.text, settings);
    if outline.starts_with("kind: plan") {
        0
    } else if outline.starts_with("kind: pristine template") {
        1
    } else {
        2
    }
}

#[derive(Default)]
struct Scores {
    kind_right: usize,
    kind_total: usize,
    confusion: BTreeMap<(usize, usize), usize>,
    problems: Summary,
}

impl Scores {
    fn add(&mut self, doc: &Doc, settings: &Settings) -> Result<(), String> {
        if let Some(want) = doc.class {
            let have = judged_class(doc, settings);
            self.kind_total += 1;
            self.kind_right += usize::from(want == have);
            *self.confusion.entry((want, have)).or_default() += 1;
        }
        let options = LintOptions {
            today: Date::parse_iso("2026-11-30"),
        };
        let index = LineIndex::new(&doc.text);
        let findings: Vec<Finding> = lint_guarded(&doc.name, &doc.text, settings, &options)?
            .iter()
            .map(|d| Finding {
                line: index
                    .position(&doc.text, d.range.start, PositionEncoding::Utf32)
                    .line as usize
                    + 1,
                rule: d.name().to_string(),
            })
            .collect();
        let score: DocScore = score_document(&doc.expected, &doc.borderline, &findings);
        self.problems.add(&score);
        Ok(())
    }

    fn line(&self, what: &str) -> String {
        let t = self.problems.total;
        format!(
            "| {what} | {} | {:.2} ({} of {}) | {:.2} | {:.2} | {} / {} / {} |",
            self.problems.documents,
            ratio(self.kind_right, self.kind_total),
            self.kind_right,
            self.kind_total,
            t.precision(),
            t.recall(),
            t.hits,
            t.false_alarms,
            t.misses
        )
    }

    fn confusion(&self) -> String {
        let mut out = String::new();
        for ((want, have), n) in &self.confusion {
            out.push_str(&format!(
                "  reviewer {:10} -> goal-lint {:10} {n}\n",
                KINDS[*want], KINDS[*have]
            ));
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn with_model(model: KindModel) -> Settings {
    let mut settings = Settings::default();
    settings.kind_model = Some(Arc::new(model));
    settings
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut train: Vec<PathBuf> = Vec::new();
    let mut test: Vec<PathBuf> = Vec::new();
    let mut write = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--write" => write = true,
            "--train" => train.push(PathBuf::from(it.next().ok_or("--train needs a folder")?)),
            "--test" => test.push(PathBuf::from(it.next().ok_or("--test needs a folder")?)),
            other => return Err(format!("fit: unknown argument `{other}`")),
        }
    }
    if train.is_empty() {
        train = vec![
            root.join("corpus/batch-01"),
            root.join("../shared/corpus/judged"),
        ];
    }
    let mut docs = Vec::new();
    for dir in &train {
        if !dir.is_dir() {
            return Err(format!("{}: no such folder", dir.display()));
        }
        docs.extend(load(dir)?);
    }
    let groups: BTreeSet<&str> = docs.iter().map(|d| d.group.as_str()).collect();
    println!(
        "{} training documents from {} repositories ({} with a sure kind the model decides)",
        docs.len(),
        groups.len(),
        docs.iter()
            .filter(|d| d.features.is_some() && d.class.is_some())
            .count()
    );

    // Cross-validation grouped by repository, at each threshold of "not a plan".
    let folds: Vec<(&str, KindModel)> = groups
        .iter()
        .map(|g| {
            let rest: Vec<&Doc> = docs.iter().filter(|d| d.group != *g).collect();
            (*g, fit(&rest))
        })
        .collect();
    let cross_validate = |threshold: f64| -> Result<Scores, String> {
        let mut cv = Scores::default();
        for (group, model) in &folds {
            let mut model = model.clone();
            model.not_a_plan_min = threshold;
            let settings = with_model(model);
            for d in docs.iter().filter(|d| d.group == *group) {
                cv.add(d, &settings)?;
            }
        }
        Ok(cv)
    };
    println!("\n| \"not a plan\" above | kind | problem precision | problem recall |");
    println!("|---:|---:|---:|---:|");
    for threshold in [0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9] {
        let s = cross_validate(threshold)?;
        let t = s.problems.total;
        println!(
            "| {threshold:.2} | {:.2} | {:.2} | {:.2} |",
            ratio(s.kind_right, s.kind_total),
            t.precision(),
            t.recall()
        );
    }
    let cv = cross_validate(goal_lint_core::analysis::kind::NOT_A_PLAN_MIN)?;
    let all: Vec<&Doc> = docs.iter().collect();
    let model = fit(&all);
    let settings = with_model(model.clone());
    let mut fitted = Scores::default();
    for d in &docs {
        fitted.add(d, &settings)?;
    }
    println!(
        "\n| set | documents | kind | problem precision | problem recall | hits / false alarms / misses |"
    );
    println!("|---|---:|---:|---:|---:|---|");
    println!(
        "{}",
        cv.line("training sets, cross-validated by repository")
    );
    println!("{}", fitted.line("training sets, fitted on themselves"));
    for dir in &test {
        let mut s = Scores::default();
        for d in load(dir)? {
            s.add(&d, &settings)?;
        }
        println!(
            "{}",
            s.line(&format!("{} (fresh, not fitted on)", dir.display()))
        );
        println!("{}", s.confusion());
    }
    println!("\ncross-validated kinds:\n{}", cv.confusion());
    if write {
        let path = root.join("crates/goal-lint-core/src/analysis/kind_weights.tsv");
        fs::write(&path, model.to_tsv()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
