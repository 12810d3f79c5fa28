//! Quality evaluation on `../shared/corpus`:
//!
//! 1. `labels.tsv`: each labelled statement is put into goal documents of four shapes (a
//!    `**Goal:**` field of a quarterly template, a bullet under `## Q3 Goals`, a key result under
//!    an objective, an action under a goal's plan) and linted. The vague rules are scored against
//!    the `vague` label (borderline excluded), the metric rules against `has_metric`, and
//!    `missing-week-range` against `has_timeframe`.
//! 2. `docs/`: real goal documents; diagnostics per document.
//! 3. `plain/`: ordinary Markdown; the target is zero diagnostics.
//! 4. `judged/`: real documents with a reviewer's expected findings, scored line by line as the
//!    corpus's reference scorer `score_judged.py` scores them (see `judged.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use goal_lint_core::config::Settings;
use goal_lint_core::line_index::LineIndex;
use goal_lint_core::model::ItemKind;
use goal_lint_core::{Date, Diagnostic, GoalDocument, LintOptions, lint};

use crate::judged;

struct Labelled {
    id: String,
    label: String,
    has_metric: bool,
    has_timeframe: bool,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Shape {
    GoalField,
    Bullet,
    KeyResult,
    Action,
}

impl Shape {
    const ALL: [Shape; 4] = [
        Shape::GoalField,
        Shape::Bullet,
        Shape::KeyResult,
        Shape::Action,
    ];

    fn name(self) -> &'static str {
        match self {
            Shape::GoalField => "goal field",
            Shape::Bullet => "bullet",
            Shape::KeyResult => "key result",
            Shape::Action => "action",
        }
    }

    /// The document holding `text`, and the (1-based) line the statement is on.
    fn document(self, text: &str) -> (String, usize) {
        match self {
            Shape::GoalField => (
                format!(
                    "## Goals\n\n1. **Goal:** Ship the billing migration by Week 6\n   - **Success looks like:** 100% of invoices on the new system\n\n2. **Goal:** {text}\n"
                ),
                6,
            ),
            Shape::Bullet => (format!("## Q3 Goals\n\n- {text}\n"), 3),
            Shape::KeyResult => (
                format!(
                    "## Objectives\n\n- **Objective:** Make the product easier to adopt\n  - {text}\n"
                ),
                4,
            ),
            Shape::Action => (
                format!("## Actions This Quarter\n\n**Goal 1:**\n- {text}\n"),
                4,
            ),
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Score {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn merge(&mut self, o: &Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

const TABLE_HEAD: &str = "| shape | TP | FP | FN | TN | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";

struct Options {
    corpus: PathBuf,
    out: Option<PathBuf>,
    min_precision: Option<f64>,
    min_recall: Option<f64>,
    min_doc_precision: Option<f64>,
    min_doc_recall: Option<f64>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let default_corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut o = Options {
        corpus: default_corpus,
        out: None,
        min_precision: None,
        min_recall: None,
        min_doc_precision: None,
        min_doc_recall: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        let mut number = |name: &str| -> Result<Option<f64>, String> {
            let v = value(name)?;
            v.parse()
                .map(Some)
                .map_err(|_| format!("{name} takes a number, got `{v}`"))
        };
        match a.as_str() {
            "--corpus" => o.corpus = PathBuf::from(value("--corpus")?),
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--min-precision" => o.min_precision = number("--min-precision")?,
            "--min-recall" => o.min_recall = number("--min-recall")?,
            "--min-doc-precision" => o.min_doc_precision = number("--min-doc-precision")?,
            "--min-doc-recall" => o.min_doc_recall = number("--min-doc-recall")?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(o)
}

fn read_labels(path: &Path) -> Result<Vec<Labelled>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.splitn(6, '\t').collect();
        if cols.len() < 6 {
            return Err(format!(
                "{}:{}: expected 6 tab-separated columns",
                path.display(),
                n + 1
            ));
        }
        out.push(Labelled {
            id: cols[0].to_string(),
            label: cols[1].to_string(),
            has_metric: cols[2] == "yes",
            has_timeframe: cols[3] == "yes",
            text: cols[5].to_string(),
        });
    }
    Ok(out)
}

fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2026-11-21"),
    }
}

/// Lint, turning a panic into an error that names the input.
pub(crate) fn lint_guarded(
    name: &str,
    text: &str,
    settings: &Settings,
    options: &LintOptions,
) -> Result<Vec<Diagnostic>, String> {
    catch_unwind(AssertUnwindSafe(|| lint(text, settings, options)))
        .map_err(|_| format!("goal-lint panicked on {name}"))
}

fn model_line(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line_of(offset) + 1
}

fn codes_on_line(text: &str, diagnostics: &[Diagnostic], line: usize) -> Vec<&'static str> {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .filter(|d| index.line_of(d.range.start) + 1 == line)
        .map(|d| d.code())
        .collect()
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let o = parse_args(args)?;
    if !o.corpus.join("labels.tsv").is_file() {
        println!(
            "corpus not found at {} (it ships beside the repository in CI); nothing to evaluate",
            o.corpus.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let started = Instant::now();
    // What `goal-lint --no-config` lints with: no configuration file, and no command-line
    // overrides, is `Settings::default()` (goal-lint-cli, `run::run`).
    let settings = Settings::default();
    let options = options();
    let labels = read_labels(&o.corpus.join("labels.tsv"))?;
    let mut report = String::new();
    let mut vague: BTreeMap<Shape, Score> = BTreeMap::new();
    let mut metric = Score::default();
    let mut timeframe = Score::default();
    let mut misses: BTreeMap<Shape, Vec<String>> = BTreeMap::new();
    let mut false_alarms: BTreeMap<Shape, Vec<String>> = BTreeMap::new();
    let mut metric_errors = Vec::new();
    let mut not_actions = 0;
    let mut with_placeholders = Score::default();
    let mut timeframe_errors = Vec::new();
    for l in &labels {
        for shape in Shape::ALL {
            let (doc, line) = shape.document(&l.text);
            let diagnostics = lint_guarded(&format!("label {}", l.id), &doc, &settings, &options)?;
            let codes = codes_on_line(&doc, &diagnostics, line);
            let fired = |c: &str| codes.contains(&c);
            match shape {
                Shape::Action => {
                    // Statements the model does not read as actions (a `KR1:` label, template
                    // text) are outside what missing-week-range judges: counted, not scored.
                    let model = GoalDocument::parse(&doc, &settings.document);
                    let is_action = model.items.iter().any(|i| {
                        i.kind == ItemKind::Action && model_line(&doc, i.line.start) == line
                    });
                    if !is_action || fired("GL201") {
                        not_actions += 1;
                        continue;
                    }
                    let predicted = fired("GL101");
                    timeframe.add(predicted, !l.has_timeframe);
                    if predicted == l.has_timeframe {
                        timeframe_errors.push(format!(
                            "{} (has_timeframe={}) {}",
                            l.id, l.has_timeframe, l.text
                        ));
                    }
                }
                _ => {
                    if shape == Shape::GoalField {
                        let predicted = fired("GL002") || fired("GL001");
                        metric.add(predicted, !l.has_metric);
                        if predicted == l.has_metric {
                            metric_errors
                                .push(format!("{} (has_metric={}) {}", l.id, l.has_metric, l.text));
                        }
                    }
                    if l.label == "borderline" {
                        continue;
                    }
                    let predicted = fired("GL001") || fired("GL003") || fired("GL402");
                    let actual = l.label == "vague";
                    vague.entry(shape).or_default().add(predicted, actual);
                    with_placeholders.add(predicted || fired("GL201"), actual);
                    let entry = format!("{} {}", l.id, l.text);
                    if predicted && !actual {
                        false_alarms.entry(shape).or_default().push(entry);
                    } else if !predicted && actual {
                        misses.entry(shape).or_default().push(entry);
                    }
                }
            }
        }
    }
    let scored = labels.iter().filter(|l| l.label != "borderline").count();
    let _ = writeln!(report, "# goal-lint quality evaluation\n");
    let _ = writeln!(
        report,
        "{} labelled statements ({} scored for vagueness, borderline excluded), each linted in 4 document shapes.\n",
        labels.len(),
        scored
    );
    let _ = writeln!(
        report,
        "## Vague statements (`vague-goal`, or `unmeasurable-success-metric` / `vague-capability` where the shape makes the statement one)\n"
    );
    report.push_str(TABLE_HEAD);
    let mut pooled = Score::default();
    for (shape, score) in &vague {
        report.push_str(&score.row(shape.name()));
        pooled.merge(score);
    }
    report.push_str(&pooled.row("**all shapes**"));
    report.push_str(&with_placeholders.row("all shapes, `unfilled-placeholder` counted too"));
    let _ = writeln!(
        report,
        "\n## Missing metric (`missing-success-metric` or `vague-goal` on a `**Goal:**` field) against `has_metric = no`\n"
    );
    report.push_str(TABLE_HEAD);
    report.push_str(&metric.row("goal field"));
    let _ = writeln!(
        report,
        "\n## Missing timeframe (`missing-week-range` on an action) against `has_timeframe = no`\n"
    );
    report.push_str(TABLE_HEAD);
    report.push_str(&timeframe.row("action"));
    let _ = writeln!(
        report,
        "\n{not_actions} statements were not read as actions (a `KR:` label, template text) and are not scored here. Cadences (\"every two weeks\", \"monthly\") count as an action's timeframe; the labels do not count them, which accounts for several of the misses listed below."
    );

    // Whole documents.
    let mut doc_rows = Vec::new();
    let mut rule_totals: BTreeMap<&'static str, usize> = BTreeMap::new();
    for path in markdown_files(&o.corpus.join("docs")) {
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let diagnostics = lint_guarded(&path.display().to_string(), &text, &settings, &options)?;
        let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in &diagnostics {
            *per_rule.entry(d.code()).or_default() += 1;
            *rule_totals.entry(d.code()).or_default() += 1;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        doc_rows.push((diagnostics.len(), name, per_rule));
    }
    let docs_count = doc_rows.len();
    let docs_total: usize = doc_rows.iter().map(|r| r.0).sum();
    let clean = doc_rows.iter().filter(|r| r.0 == 0).count();
    let _ = writeln!(
        report,
        "\n## Real goal documents (`docs/`)\n\n{docs_count} documents, {docs_total} diagnostics ({clean} documents with none). By rule: {}\n",
        rule_totals
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    doc_rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    report.push_str("| document | diagnostics | by rule |\n|---|---:|---|\n");
    for (n, name, per_rule) in &doc_rows {
        let by = per_rule
            .iter()
            .map(|(c, k)| format!("{c}×{k}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(report, "| {name} | {n} | {by} |");
    }

    // Plain Markdown.
    let mut plain_files = 0;
    let mut plain_hits = Vec::new();
    for path in markdown_files(&o.corpus.join("plain")) {
        plain_files += 1;
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let diagnostics = lint_guarded(&path.display().to_string(), &text, &settings, &options)?;
        if !diagnostics.is_empty() {
            plain_hits.push(format!(
                "{}: {}",
                path.display(),
                diagnostics
                    .iter()
                    .map(|d| d.code())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    let _ = writeln!(
        report,
        "\n## Plain Markdown (`plain/`)\n\n{plain_files} files, {} with goal diagnostics (target: 0).",
        plain_hits.len()
    );
    for h in &plain_hits {
        let _ = writeln!(report, "- {h}");
    }

    // Whole judged documents.
    let judged_dir = o.corpus.join("judged");
    let judged = judged::run(&judged_dir, &settings)?;
    match &judged {
        Some(j) => report.push_str(&j.report),
        None => {
            let _ = writeln!(
                report,
                "\n## Judged whole documents (`judged/`)\n\nnot found at {}; not evaluated.",
                judged_dir.display()
            );
        }
    }

    let mut details = String::new();
    for shape in [Shape::Bullet, Shape::GoalField, Shape::KeyResult] {
        let _ = writeln!(
            details,
            "\n### False alarms, {} shape (specific, flagged vague)\n",
            shape.name()
        );
        for e in false_alarms
            .get(&shape)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let _ = writeln!(details, "- {e}");
        }
        let _ = writeln!(
            details,
            "\n### Misses, {} shape (vague, not flagged)\n",
            shape.name()
        );
        for e in misses.get(&shape).map(Vec::as_slice).unwrap_or_default() {
            let _ = writeln!(details, "- {e}");
        }
    }
    let _ = writeln!(details, "\n### Metric errors (goal field)\n");
    for e in &metric_errors {
        let _ = writeln!(details, "- {e}");
    }
    let _ = writeln!(details, "\n### Timeframe errors (action)\n");
    for e in &timeframe_errors {
        let _ = writeln!(details, "- {e}");
    }
    if let Some(j) = &judged {
        details.push_str(&j.details);
    }

    println!("{report}");
    println!("(evaluated in {:.1}s)", started.elapsed().as_secs_f64());
    if let Some(out) = &o.out {
        fs::write(out, format!("{report}\n## Errors, listed\n{details}"))
            .map_err(|e| format!("{}: {e}", out.display()))?;
        println!(
            "full report with every miss and false alarm: {}",
            out.display()
        );
    } else {
        println!("(run with --out FILE for every miss and false alarm)");
    }
    match &judged {
        Some(j) => println!("judged/: {}", j.summary.line()),
        None => println!(
            "judged/: not found at {} (it ships with the corpus); skipped",
            judged_dir.display()
        ),
    }

    let mut failed = Vec::new();
    if let Some(min) = o.min_precision
        && pooled.precision() < min
    {
        failed.push(format!("vague precision {:.3} < {min}", pooled.precision()));
    }
    if let Some(min) = o.min_recall
        && pooled.recall() < min
    {
        failed.push(format!("vague recall {:.3} < {min}", pooled.recall()));
    }
    if let Some(j) = &judged {
        let t = j.summary.total;
        if let Some(min) = o.min_doc_precision
            && t.precision() < min
        {
            failed.push(format!(
                "judged-document precision {:.3} < {min} (hits {}, false alarms {})",
                t.precision(),
                t.hits,
                t.false_alarms
            ));
        }
        if let Some(min) = o.min_doc_recall
            && t.recall() < min
        {
            failed.push(format!(
                "judged-document recall {:.3} < {min} (hits {}, misses {})",
                t.recall(),
                t.hits,
                t.misses
            ));
        }
    }
    if !plain_hits.is_empty() {
        failed.push(format!(
            "{} plain Markdown files have goal diagnostics",
            plain_hits.len()
        ));
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("evaluation below its floor: {}", failed.join("; "));
        Ok(ExitCode::FAILURE)
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md" || x == "markdown") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
