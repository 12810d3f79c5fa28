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
//!
//! The same run fits and cross-validates the entry-confidence model
//! (`crates/goal-lint-core/src/analysis/role.rs`) on the reviewers' role of every entry line
//! (`ROLES.tsv`): whether the reviewer reads an entry the model calls a goal, objective, key
//! result, success criterion, action or capability as one of those. `--write-roles` writes its
//! weights (`role_weights.tsv`), fitted on all training sets.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use goal_lint_core::analysis::kind::{Features, KINDS, KindModel};
use goal_lint_core::analysis::role::{self, RoleModel};
use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::model::GoalDocument;
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
    /// The rated entries the reviewer gave a role: their features, and whether the reviewer
    /// reads them as the model does (a goal role).
    roles: Vec<(Vec<f64>, bool)>,
}

/// The reviewers' roles that are the model's rated entries (see `role::is_rated`).
const GOAL_ROLES: [&str; 6] = [
    "goal",
    "objective",
    "key-result",
    "success-criterion",
    "action",
    "career-goal",
];

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
    let mut reviewer_roles: HashMap<String, HashMap<usize, String>> = HashMap::new();
    for row in dict_rows(&read("ROLES.tsv")) {
        let (Some(file), Some(line), Some(r)) = (row.get("file"), row.get("line"), row.get("role"))
        else {
            continue;
        };
        if let Ok(line) = line.trim().parse::<usize>() {
            reviewer_roles
                .entry(md(file))
                .or_default()
                .insert(line, r.trim().to_string());
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
        let mut roles = Vec::new();
        if let Some(said) = reviewer_roles.get(&name) {
            let doc = GoalDocument::parse(&text, &settings.document);
            let index = LineIndex::new(&text);
            for (item, f) in doc.items.iter().zip(role::entry_features(&doc)) {
                if let (Some(f), Some(r)) = (f, said.get(&(index.line_of(item.line.start) + 1))) {
                    roles.push((f, GOAL_ROLES.contains(&r.as_str())));
                }
            }
        }
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
            roles,
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
    let mut write_roles = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--write" => write = true,
            "--write-roles" => write_roles = true,
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
    let roles = cross_validate_roles(&docs, &groups);
    println!("\n{roles}");
    if write_roles {
        let data: Vec<(Vec<f64>, bool)> = docs.iter().flat_map(|d| d.roles.clone()).collect();
        let path = root.join("crates/goal-lint-core/src/analysis/role_weights.tsv");
        fs::write(&path, RoleModel::fit(&data, L2).to_tsv())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    if write {
        let path = root.join("crates/goal-lint-core/src/analysis/kind_weights.tsv");
        fs::write(&path, model.to_tsv()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Folds of the entry-confidence cross-validation: repositories are dealt to them in order.
const ROLE_FOLDS: usize = 10;

/// The entry-confidence model cross-validated by repository, in [`ROLE_FOLDS`] folds: each
/// fold's entries rated by a model fitted on the other folds' repositories (no entry is rated by
/// a model fitted on its own repository). Reports how well the confidence ranks
/// entries (the chance that a random agreed entry is rated above a random disputed one) and,
/// at each threshold, how many of the entries rated above it the reviewers read as the model
/// does.
fn cross_validate_roles(docs: &[Doc], groups: &BTreeSet<&str>) -> String {
    let fold_of: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (*g, i % ROLE_FOLDS))
        .collect();
    let fold = |d: &Doc| fold_of.get(d.group.as_str()).copied().unwrap_or(0);
    let mut rated: Vec<(f64, bool)> = Vec::new();
    for k in 0..ROLE_FOLDS {
        let train: Vec<(Vec<f64>, bool)> = docs
            .iter()
            .filter(|d| fold(d) != k)
            .flat_map(|d| d.roles.clone())
            .collect();
        if train.is_empty() {
            continue;
        }
        let model = RoleModel::fit(&train, L2);
        for d in docs.iter().filter(|d| fold(d) == k) {
            rated.extend(d.roles.iter().map(|(f, y)| (model.probability(f), *y)));
        }
    }
    let agreed = rated.iter().filter(|(_, y)| *y).count();
    let mut out = format!(
        "entry confidence, cross-validated by repository: {} rated entries with a reviewer's \
         role, {agreed} of them read by the reviewer as the model reads them ({:.2})\n",
        rated.len(),
        ratio(agreed, rated.len())
    );
    // Rank statistic: sort by confidence, count the pairs in order.
    let mut sorted = rated.clone();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut below, mut ordered) = (0usize, 0f64);
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let pos = sorted[i..j].iter().filter(|(_, y)| *y).count();
        let neg = (j - i) - pos;
        ordered += (pos * below) as f64 + 0.5 * (pos * neg) as f64;
        below += neg;
        i = j;
    }
    let pairs = agreed * (rated.len() - agreed);
    out.push_str(&format!(
        "ranking (AUC): {:.2}\n\n| confidence at least | entries | read as the model does |\n|---:|---:|---:|\n",
        if pairs == 0 { 0.0 } else { ordered / pairs as f64 }
    ));
    for t in [0.0, 0.3, 0.5, 0.7, 0.9] {
        let above: Vec<&(f64, bool)> = rated.iter().filter(|(p, _)| *p >= t).collect();
        let yes = above.iter().filter(|(_, y)| *y).count();
        out.push_str(&format!(
            "| {t:.1} | {} | {:.2} |\n",
            above.len(),
            ratio(yes, above.len())
        ));
    }
    out
}
