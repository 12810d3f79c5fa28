//! Whole-document scoring on `judged/`: real documents, each `NAME.md` with a reviewer's
//! `NAME.expected.tsv` (see `JUDGING.md` beside them).
//!
//! The scoring is the reference scorer's (`score_judged.py` in the corpus) and must give the
//! same numbers: every `NAME.md` that has a `NAME.expected.tsv` is linted with default settings
//! (what `goal-lint --no-config` uses) and today = 2026-11-30; then, per document and at line
//! level, with `unmeasurable-success-metric` and `vague-capability` counted as `vague-goal`:
//!
//! - a finding on a listed (line, problem) is a hit; on a line the list does not mention, a
//!   false alarm; on a listed line under another problem, neither;
//! - a finding on a line of `BORDERLINE.tsv` counts neither way;
//! - a listed (line, problem) with no finding is a miss;
//! - a document whose list is `1 template` (a pristine template) may get one finding, on any
//!   line and of any rule; each further finding is a false alarm, and it has no misses.
//!
//! Several findings of one family on one line count once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use goal_lint_core::line_index::{LineIndex, PositionEncoding};
use goal_lint_core::{Date, LintOptions, Settings};

use crate::eval::lint_guarded;

/// "Today" for the judged documents (`overdue` depends on it), as `JUDGING.md` fixes it.
const TODAY: &str = "2026-11-30";

/// The expected problem of a pristine template: one finding anywhere is allowed.
const TEMPLATE: &str = "template";

/// The family a rule (or listed problem) is scored as.
pub fn family(rule: &str) -> &str {
    match rule {
        "unmeasurable-success-metric" | "vague-capability" => "vague-goal",
        other => other,
    }
}

/// One row of `NAME.expected.tsv`: a 1-based line and the problem the reviewer lists there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub line: usize,
    pub problem: String,
}

/// One finding of goal-lint: the 1-based line its range starts on, and its rule name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub rule: String,
}

/// The findings of one family on one line, as scored (they count once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub line: usize,
    pub family: String,
    /// goal-lint's own names for the findings merged here (sorted).
    pub rules: Vec<String>,
}

/// A listed problem without a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    pub line: usize,
    pub family: String,
    /// The problem as the expected list names it (the first row, when several rows of one
    /// family name the same line).
    pub problem: String,
}

/// The score of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocScore {
    /// The expected list is `1 template`.
    pub template: bool,
    /// The expected list is empty: goal-lint should say nothing.
    pub expected_empty: bool,
    /// Findings that count (one per line and family, borderline lines left out).
    pub counted: usize,
    /// Findings on borderline lines (one per line and family): counted neither way.
    pub on_borderline: usize,
    /// In a pristine template: the one finding allowed.
    pub template_allowed: Option<Flag>,
    pub hits: Vec<Flag>,
    pub false_alarms: Vec<Flag>,
    /// Findings on a listed line under another problem: counted neither way.
    pub other_problem: Vec<Flag>,
    pub misses: Vec<Miss>,
}

/// Score one document: its expected rows, its borderline lines and goal-lint's findings.
pub fn score_document(
    expected: &[Expected],
    borderline: &BTreeSet<usize>,
    findings: &[Finding],
) -> DocScore {
    let mut gold: BTreeMap<(usize, &str), &str> = BTreeMap::new();
    for e in expected {
        gold.entry((e.line, family(&e.problem)))
            .or_insert(e.problem.as_str());
    }
    let mut got: BTreeMap<(usize, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut border: BTreeSet<(usize, &str)> = BTreeSet::new();
    for f in findings {
        let key = (f.line, family(&f.rule));
        if borderline.contains(&f.line) {
            border.insert(key);
        } else {
            got.entry(key).or_default().insert(f.rule.as_str());
        }
    }
    let flag = |(&(line, fam), rules): (&(usize, &str), &BTreeSet<&str>)| Flag {
        line,
        family: fam.to_string(),
        rules: rules.iter().map(|r| r.to_string()).collect(),
    };
    let mut score = DocScore {
        template: gold.keys().any(|&(_, p)| p == TEMPLATE),
        expected_empty: gold.is_empty(),
        counted: got.len(),
        on_borderline: border.len(),
        ..DocScore::default()
    };
    if score.template {
        let mut flags = got.iter().map(flag);
        score.template_allowed = flags.next();
        score.false_alarms = flags.collect();
        return score;
    }
    let listed_lines: BTreeSet<usize> = gold.keys().map(|&(line, _)| line).collect();
    for entry in &got {
        let f = flag(entry);
        if gold.contains_key(entry.0) {
            score.hits.push(f);
        } else if listed_lines.contains(&f.line) {
            score.other_problem.push(f);
        } else {
            score.false_alarms.push(f);
        }
    }
    for (&(line, fam), problem) in &gold {
        if !got.contains_key(&(line, fam)) {
            score.misses.push(Miss {
                line,
                family: fam.to_string(),
                problem: problem.to_string(),
            });
        }
    }
    score
}

/// Hits, false alarms and misses, with precision and recall as the reference scorer computes
/// them (0 when there is nothing to divide by).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub hits: usize,
    pub false_alarms: usize,
    pub misses: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.hits + self.false_alarms)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.hits, self.hits + self.misses)
    }
    fn add(&mut self, s: &DocScore) {
        self.hits += s.hits.len();
        self.false_alarms += s.false_alarms.len();
        self.misses += s.misses.len();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The scores of a set of documents, added up as the report shows them.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub total: Tally,
    /// Per family, over the documents that are not pristine templates (as the reference
    /// scorer's per-rule lines): a family appears once goal-lint reports it or a list names it.
    pub per_family: BTreeMap<String, Tally>,
    /// False alarms in pristine templates (findings after the one allowed).
    pub template_extras: usize,
    /// Misses per problem as the expected lists name it.
    pub misses_by_problem: BTreeMap<String, usize>,
    pub other_problem: usize,
    pub on_borderline: usize,
    pub empty_lists: usize,
    pub empty_lists_flagged: usize,
    pub templates: usize,
    pub templates_over_one: usize,
}

impl Summary {
    pub fn add(&mut self, s: &DocScore) {
        self.documents += 1;
        self.total.add(s);
        self.other_problem += s.other_problem.len();
        self.on_borderline += s.on_borderline;
        if s.expected_empty {
            self.empty_lists += 1;
            self.empty_lists_flagged += usize::from(s.counted > 0);
        }
        if s.template {
            self.templates += 1;
            self.templates_over_one += usize::from(s.counted > 1);
            self.template_extras += s.false_alarms.len();
            return;
        }
        for f in s.hits.iter() {
            self.per_family.entry(f.family.clone()).or_default().hits += 1;
        }
        for f in s.false_alarms.iter() {
            self.per_family
                .entry(f.family.clone())
                .or_default()
                .false_alarms += 1;
        }
        for f in s.other_problem.iter() {
            self.per_family.entry(f.family.clone()).or_default();
        }
        for m in s.misses.iter() {
            self.per_family.entry(m.family.clone()).or_default().misses += 1;
            *self.misses_by_problem.entry(m.problem.clone()).or_default() += 1;
        }
    }

    /// The reference scorer's last line, word for word.
    pub fn line(&self) -> String {
        format!(
            "{} documents: precision {:.2} recall {:.2} (hits {}, false alarms {}, misses {})",
            self.documents,
            self.total.precision(),
            self.total.recall(),
            self.total.hits,
            self.total.false_alarms,
            self.total.misses
        )
    }
}

/// The outcome of the judged evaluation.
pub struct Outcome {
    pub summary: Summary,
    /// The report section (tables).
    pub report: String,
    /// Every false alarm and miss, with the text of its line.
    pub details: String,
}

struct Document {
    name: String,
    kind: Option<String>,
    text: String,
    score: DocScore,
    /// Why the file was not linted (as the command line would say), if it was not.
    not_linted: Option<String>,
}

/// Lint and score `dir`; `None` when it does not exist.
pub fn run(dir: &Path, settings: &Settings) -> Result<Option<Outcome>, String> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let borderline = read_borderline(&dir.join("BORDERLINE.tsv"))?;
    let kinds = read_kinds(&dir.join("KINDS.tsv"))?;
    let options = LintOptions {
        today: Date::parse_iso(TODAY),
    };
    let mut summary = Summary::default();
    let mut docs = Vec::new();
    for path in documents(dir)? {
        let name = file_name(&path);
        let expected = read_expected(&path.with_extension("expected.tsv"))?;
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // As the command line: a file that is not UTF-8, or a goal document over the size
        // limit, is reported as an error and gets no findings.
        let (text, not_linted) = match String::from_utf8(bytes) {
            Ok(text) => {
                let too_large = settings.too_large(&text);
                (text, too_large)
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                (String::new(), Some(format!("invalid UTF-8 at byte {at}")))
            }
        };
        let findings = if not_linted.is_some() {
            Vec::new()
        } else {
            let index = LineIndex::new(&text);
            lint_guarded(&path.display().to_string(), &text, settings, &options)?
                .iter()
                .map(|d| Finding {
                    line: index
                        .position(&text, d.range.start, PositionEncoding::Utf32)
                        .line as usize
                        + 1,
                    rule: d.name().to_string(),
                })
                .collect()
        };
        let empty = BTreeSet::new();
        let score = score_document(
            &expected,
            borderline.get(&name).unwrap_or(&empty),
            &findings,
        );
        summary.add(&score);
        docs.push(Document {
            kind: kinds.get(&name).cloned(),
            name,
            text,
            score,
            not_linted,
        });
    }
    let report = render_report(dir, &summary, &docs);
    let details = render_details(&docs);
    Ok(Some(Outcome {
        summary,
        report,
        details,
    }))
}

/// `*.md` files directly in `dir` (not hidden), sorted, that have a `NAME.expected.tsv`.
pub(crate) fn documents(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = file_name(p);
            name.ends_with(".md")
                && !name.starts_with('.')
                && p.is_file()
                && p.with_extension("expected.tsv").exists()
        })
        .collect();
    out.sort();
    Ok(out)
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `file` names as the TSV files give them, with `.md` added where it is left off.
fn md_name(file: &str) -> String {
    if file.ends_with(".md") {
        file.to_string()
    } else {
        format!("{file}.md")
    }
}

pub(crate) fn read_expected(path: &Path) -> Result<Vec<Expected>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, row) in dict_rows(&text).iter().enumerate() {
        let (Some(line), Some(problem)) = (row.get("line"), row.get("problem")) else {
            continue;
        };
        if line.is_empty() || problem.is_empty() {
            continue;
        }
        let line = line.trim().parse().map_err(|_| {
            format!(
                "{}: row {}: line `{line}` is not a line number",
                path.display(),
                n + 1
            )
        })?;
        out.push(Expected {
            line,
            problem: problem.trim().to_string(),
        });
    }
    Ok(out)
}

/// The borderline lines of each document (by file name).
pub(crate) fn read_borderline(path: &Path) -> Result<HashMap<String, BTreeSet<usize>>, String> {
    let mut out: HashMap<String, BTreeSet<usize>> = HashMap::new();
    if !path.exists() {
        return Ok(out);
    }
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, row) in dict_rows(&text).iter().enumerate() {
        let file = row
            .get("file")
            .ok_or_else(|| format!("{}: row {} has no `file`", path.display(), n + 1))?;
        let line = row.get("line").map_or("", |l| l.trim());
        if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) {
            let line = line
                .parse()
                .map_err(|_| format!("{}: row {}: line out of range", path.display(), n + 1))?;
            out.entry(md_name(file)).or_default().insert(line);
        }
    }
    Ok(out)
}

/// The `kind` of each document (by file name), from `KINDS.tsv` if there is one.
fn read_kinds(path: &Path) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    if !path.exists() {
        return Ok(out);
    }
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for row in dict_rows(&text) {
        if let (Some(file), Some(kind)) = (row.get("file"), row.get("kind")) {
            out.insert(md_name(file), kind.trim().to_string());
        }
    }
    Ok(out)
}

/// The rows of a tab-separated file with a header, as Python's
/// `csv.DictReader(f, delimiter="\t")` reads them (the reference scorer reads the lists so):
/// empty records are skipped; a field the row lacks is absent.
pub(crate) fn dict_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut records = python_csv(text, '\t').into_iter();
    let Some(header) = records.next() else {
        return Vec::new();
    };
    records
        .filter(|r| !r.is_empty())
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

/// The records of `text` as Python's `csv.reader` (dialect `excel`, not strict) reads them
/// with `delimiter`: a field that starts with `"` is quoted up to the next lone `"` (`""` is a
/// quote), across line ends too; text after the closing quote joins the field; a blank line is
/// an empty record. Lines end at `\n`, `\r\n` or `\r`.
fn python_csv(text: &str, delimiter: char) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        StartRecord,
        StartField,
        InField,
        InQuoted,
        QuoteInQuoted,
        EatNewline,
    }
    use State::*;
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut state = StartRecord;
    for line in split_lines_keeping_ends(text) {
        // `None` is the end of the line.
        for c in line.chars().map(Some).chain([None]) {
            let newline = matches!(c, Some('\n' | '\r') | None);
            let end = |c: Option<char>| if c.is_none() { StartRecord } else { EatNewline };
            if state == StartRecord {
                match c {
                    None => break,
                    Some('\n' | '\r') => {
                        state = EatNewline;
                        continue;
                    }
                    Some(_) => state = StartField,
                }
            }
            state = match (state, c) {
                (StartField | InField | QuoteInQuoted, _) if newline => {
                    fields.push(std::mem::take(&mut field));
                    end(c)
                }
                (StartField, Some('"')) => InQuoted,
                (StartField | InField | QuoteInQuoted, Some(d)) if d == delimiter => {
                    fields.push(std::mem::take(&mut field));
                    StartField
                }
                (StartField | InField, Some(ch)) => {
                    field.push(ch);
                    InField
                }
                (InQuoted, None) => InQuoted,
                (InQuoted, Some('"')) => QuoteInQuoted,
                (InQuoted, Some(ch)) => {
                    field.push(ch);
                    InQuoted
                }
                (QuoteInQuoted, Some('"')) => {
                    field.push('"');
                    InQuoted
                }
                (QuoteInQuoted, Some(ch)) => {
                    field.push(ch);
                    InField
                }
                (EatNewline, None) => StartRecord,
                // Only line-end characters can follow a line end within one line.
                (EatNewline, Some(_)) => EatNewline,
                (StartRecord, _) | (StartField | InField | QuoteInQuoted, None) => {
                    unreachable!("handled above")
                }
            };
        }
        if state == StartRecord {
            records.push(std::mem::take(&mut fields));
        }
    }
    if state == InQuoted {
        fields.push(field);
        records.push(fields);
    }
    records
}

/// The lines of `text`, each with its line end (`\n`, `\r\n` or `\r`).
fn split_lines_keeping_ends(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            b'\r' => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            out.push(&text[start..end]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn render_report(dir: &Path, s: &Summary, docs: &[Document]) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "\n## Judged whole documents (`judged/`)\n\n{} documents with a reviewer's expected list (`{}`), linted with default settings (as `goal-lint --no-config`) and today = {TODAY}, scored at line level as `score_judged.py` scores them (`JUDGING.md`): findings on `BORDERLINE.tsv` lines count neither way; `unmeasurable-success-metric` and `vague-capability` count as `vague-goal`; a pristine template (`1 template`) may get one finding.\n",
        s.documents,
        fs::canonicalize(dir).as_deref().unwrap_or(dir).display()
    );
    let _ = writeln!(
        r,
        "**precision {:.3}, recall {:.3}** (hits {}, false alarms {}, misses {})\n",
        s.total.precision(),
        s.total.recall(),
        s.total.hits,
        s.total.false_alarms,
        s.total.misses
    );
    let _ = writeln!(
        r,
        "- documents with an empty expected list that got a finding (borderline lines aside): {} of {}",
        s.empty_lists_flagged, s.empty_lists
    );
    let _ = writeln!(
        r,
        "- pristine templates (`1 template`) with more than one finding: {} of {} ({} false alarms past the one allowed)",
        s.templates_over_one, s.templates, s.template_extras
    );
    let _ = writeln!(
        r,
        "- counted neither way: {} findings on a listed line under another problem, {} on borderline lines",
        s.other_problem, s.on_borderline
    );
    let not_linted: Vec<String> = docs
        .iter()
        .filter_map(|d| {
            d.not_linted
                .as_ref()
                .map(|why| format!("{} ({why})", d.name))
        })
        .collect();
    if !not_linted.is_empty() {
        let _ = writeln!(r, "- not linted: {}", not_linted.join(", "));
    }
    let _ = writeln!(
        r,
        "\n### By rule family (documents other than pristine templates)\n\n| rule | hits | false alarms | misses | precision | recall |\n|---|---:|---:|---:|---:|---:|"
    );
    for (family, t) in &s.per_family {
        let _ = writeln!(
            r,
            "| {family} | {} | {} | {} | {:.2} | {:.2} |",
            t.hits,
            t.false_alarms,
            t.misses,
            t.precision(),
            t.recall()
        );
    }
    let _ = writeln!(
        r,
        "| (pristine templates, past the one finding allowed) | | {} | | | |",
        s.template_extras
    );
    let _ = writeln!(
        r,
        "\n### Misses by listed problem\n\n| problem | misses |\n|---|---:|"
    );
    for (problem, n) in &s.misses_by_problem {
        let _ = writeln!(r, "| {problem} | {n} |");
    }
    let mut kinds: BTreeMap<&str, (usize, Tally)> = BTreeMap::new();
    for d in docs {
        let (n, t) = kinds
            .entry(d.kind.as_deref().unwrap_or("(not in KINDS.tsv)"))
            .or_default();
        *n += 1;
        t.add(&d.score);
    }
    let _ = writeln!(
        r,
        "\n### By document kind (`KINDS.tsv`)\n\n| kind | documents | hits | false alarms | misses | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for (kind, (n, t)) in &kinds {
        let _ = writeln!(
            r,
            "| {kind} | {n} | {} | {} | {} | {:.2} | {:.2} |",
            t.hits,
            t.false_alarms,
            t.misses,
            t.precision(),
            t.recall()
        );
    }
    r
}

fn render_details(docs: &[Document]) -> String {
    let mut false_alarms = Vec::new();
    let mut misses = Vec::new();
    for d in docs {
        for f in &d.score.false_alarms {
            let mut rule = f.rules.join(", ");
            if f.rules.iter().any(|r| *r != f.family) {
                let _ = write!(rule, " (as {})", f.family);
            }
            if d.score.template {
                rule.push_str(" (pristine template: one finding allowed)");
            }
            false_alarms.push(entry(d, f.line, &rule));
        }
        for m in &d.score.misses {
            let mut rule = m.problem.clone();
            if m.problem != m.family {
                let _ = write!(rule, " (as {})", m.family);
            }
            misses.push(entry(d, m.line, &rule));
        }
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n### Judged documents: false alarms ({})\n",
        false_alarms.len()
    );
    for e in &false_alarms {
        let _ = writeln!(s, "- {e}");
    }
    let _ = writeln!(s, "\n### Judged documents: misses ({})\n", misses.len());
    for e in &misses {
        let _ = writeln!(s, "- {e}");
    }
    s
}

/// `` `file:line` rule: `text of the line` ``.
fn entry(d: &Document, line: usize, rule: &str) -> String {
    let index = LineIndex::new(&d.text);
    let text = if line >= 1 && line <= index.line_count() {
        let (start, end) = index.line_range(line - 1, &d.text);
        code_span(&shorten(d.text[start..end].trim(), 100))
    } else {
        "(no such line)".to_string()
    };
    format!("`{}:{line}` {rule}: {text}", d.name)
}

/// `s`, cut to at most `max` characters (with `…` where cut).
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// A Markdown code span holding `s` verbatim, whatever backticks it contains.
fn code_span(s: &str) -> String {
    if s.is_empty() {
        return "(empty line)".to_string();
    }
    let longest = s
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected(rows: &[(usize, &str)]) -> Vec<Expected> {
        rows.iter()
            .map(|&(line, problem)| Expected {
                line,
                problem: problem.to_string(),
            })
            .collect()
    }

    fn findings(rows: &[(usize, &str)]) -> Vec<Finding> {
        rows.iter()
            .map(|&(line, rule)| Finding {
                line,
                rule: rule.to_string(),
            })
            .collect()
    }

    fn lines(ls: &[usize]) -> BTreeSet<usize> {
        ls.iter().copied().collect()
    }

    fn counts(s: &DocScore) -> (usize, usize, usize) {
        (s.hits.len(), s.false_alarms.len(), s.misses.len())
    }

    #[test]
    fn a_hit_a_false_alarm_and_a_miss() {
        let s = score_document(
            &expected(&[(3, "vague-goal"), (9, "overdue")]),
            &lines(&[]),
            &findings(&[(3, "vague-goal"), (5, "missing-week-range")]),
        );
        assert_eq!(counts(&s), (1, 1, 1));
        assert_eq!(s.hits[0].line, 3);
        assert_eq!(s.false_alarms[0].line, 5);
        assert_eq!(s.false_alarms[0].family, "missing-week-range");
        assert_eq!(
            s.misses,
            vec![Miss {
                line: 9,
                family: "overdue".into(),
                problem: "overdue".into()
            }]
        );
        assert!(!s.template && !s.expected_empty);
    }

    #[test]
    fn a_finding_on_a_borderline_line_counts_neither_way() {
        let s = score_document(
            &expected(&[(3, "vague-goal")]),
            &lines(&[3, 7]),
            &findings(&[(7, "vague-goal"), (3, "vague-goal")]),
        );
        // Line 3 is listed and borderline: the finding there is dropped, so the listed
        // problem is a miss (as the reference scorer has it).
        assert_eq!(counts(&s), (0, 0, 1));
        assert_eq!(s.on_borderline, 2);
        assert_eq!(s.counted, 0);
    }

    #[test]
    fn the_vague_family_is_one_rule() {
        let s = score_document(
            &expected(&[(4, "unmeasurable-success-metric"), (8, "vague-goal")]),
            &lines(&[]),
            &findings(&[
                (4, "vague-goal"),
                (8, "vague-capability"),
                (8, "unmeasurable-success-metric"),
            ]),
        );
        assert_eq!(counts(&s), (2, 0, 0));
        assert_eq!(
            s.hits[1].rules,
            ["unmeasurable-success-metric", "vague-capability"]
        );
        assert_eq!(s.counted, 2, "one family on one line counts once");
    }

    #[test]
    fn another_problem_on_a_listed_line_counts_neither_way() {
        let s = score_document(
            &expected(&[(4, "overdue")]),
            &lines(&[]),
            &findings(&[(4, "vague-goal")]),
        );
        assert_eq!(counts(&s), (0, 0, 1));
        assert_eq!(s.other_problem.len(), 1);
    }

    #[test]
    fn a_pristine_template_may_get_one_finding() {
        let s = score_document(
            &expected(&[(1, "template")]),
            &lines(&[]),
            &findings(&[(12, "unfilled-placeholder"), (5, "vague-goal")]),
        );
        assert!(s.template);
        // The first in (line, rule) order is the one allowed; the other is a false alarm.
        assert_eq!(s.template_allowed.as_ref().map(|f| f.line), Some(5));
        assert_eq!(counts(&s), (0, 1, 0));
        assert_eq!(s.false_alarms[0].line, 12);
        let mut sum = Summary::default();
        sum.add(&s);
        assert_eq!(sum.templates_over_one, 1);
        assert_eq!(sum.template_extras, 1);
        assert_eq!(sum.total.false_alarms, 1);
        assert!(
            sum.per_family.is_empty(),
            "templates stay out of the family table"
        );
        // With no finding, a template has no miss.
        let none = score_document(&expected(&[(1, "template")]), &lines(&[]), &[]);
        assert_eq!(counts(&none), (0, 0, 0));
    }

    #[test]
    fn an_empty_list_wants_no_finding() {
        let s = score_document(&[], &lines(&[]), &findings(&[(2, "too-many-goals")]));
        assert!(s.expected_empty);
        assert_eq!(counts(&s), (0, 1, 0));
        let quiet = score_document(&[], &lines(&[2]), &findings(&[(2, "too-many-goals")]));
        let mut sum = Summary::default();
        sum.add(&s);
        sum.add(&quiet);
        assert_eq!((sum.empty_lists, sum.empty_lists_flagged), (2, 1));
        assert_eq!(
            sum.line(),
            "2 documents: precision 0.00 recall 0.00 (hits 0, false alarms 1, misses 0)"
        );
    }

    #[test]
    fn summary_adds_up_as_the_reference_scorer() {
        let mut sum = Summary::default();
        sum.add(&score_document(
            &expected(&[(1, "vague-goal"), (2, "overdue")]),
            &lines(&[]),
            &findings(&[(1, "vague-goal"), (3, "vague-goal"), (4, "overdue")]),
        ));
        assert_eq!(
            sum.total,
            Tally {
                hits: 1,
                false_alarms: 2,
                misses: 1
            }
        );
        assert_eq!(
            sum.line(),
            "1 documents: precision 0.33 recall 0.50 (hits 1, false alarms 2, misses 1)"
        );
        assert_eq!(sum.per_family["overdue"].misses, 1);
        assert_eq!(sum.per_family["vague-goal"].false_alarms, 1);
        assert_eq!(sum.misses_by_problem["overdue"], 1);
    }

    #[test]
    fn tsv_rows_are_read_as_python_csv_reads_them() {
        let text = "line\tproblem\tnote\n\n3\tvague-goal\t\"quoted\" then text\n4 \t overdue \t\"open quote\nspans a line\"\n5\tx\r\n6\n";
        let rows = dict_rows(text);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0]["note"], "quoted then text");
        assert_eq!(rows[1]["note"], "open quote\nspans a line");
        assert_eq!(rows[2]["problem"], "x");
        assert!(!rows[2].contains_key("note"));
        assert!(!rows[3].contains_key("problem"));
        assert_eq!(
            python_csv("a\t\"b\"\"c\"\td\n\"unclosed\tx", '\t'),
            vec![vec!["a", "b\"c", "d"], vec!["unclosed\tx"]]
        );
    }

    #[test]
    fn listed_lines_quote_the_document() {
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
