//! Passes over the whole model after every section is read: the planning period, statuses from
//! `Status:` fields and settled headings, and key results kept in a section beside their
//! objectives.

use super::*;

/// An objective's words without its number ("O2. Make deploys boring" -> "make deploys
/// boring"), to find it again in a heading.
pub(super) fn objective_words(text: &str) -> String {
    let text = OBJECTIVE_ID.replace(text.trim(), "");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) static OBJECTIVE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:objective\s*#?\s*(\d+)|o(\d+)|(\d+))\s*[.:)\-–—]?\s+")
        .expect("valid regex")
});

/// An objective's own id at the start of its text (a label such as "O2:" is read as a label
/// instead): "O-1", "O2 –", "Obj 3.", "Objective 4)".
static OBJECTIVE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:objective|obj\.?|o)\s*[-#]?\s*[0-9]+(?:\s|[.:)\-–—])")
        .expect("valid regex")
});

pub(super) static KEY_RESULT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:kr|key\s+result)?\s*#?\s*(\d+)\s*[.\-]\s*\d+\b").expect("valid regex")
});

/// The number an objective is written with: "O2", "Objective 2:", "2." (a list number).
pub(super) fn objective_number(item: &Item) -> Option<usize> {
    if let Some(list) = item.list.as_ref().filter(|l| l.ordered) {
        return list.marker.trim_end_matches(['.', ')']).parse().ok();
    }
    let caps = OBJECTIVE_ID.captures(item.text.plain.trim())?;
    let n = caps.get(1).or(caps.get(2)).or(caps.get(3))?;
    n.as_str().parse().ok()
}

/// The objective a key result's id points to: "KR 2.1", "2.1".
pub(super) fn key_result_number(item: &Item) -> Option<usize> {
    let label = item.label.as_ref().map(|l| l.text.as_str()).unwrap_or("");
    [label, item.text.plain.trim()].iter().find_map(|t| {
        KEY_RESULT_ID
            .captures(t.trim())
            .and_then(|c| c[1].parse().ok())
    })
}

/// A heading that says its entries are settled: done ("Done", "Completed", "Shipped") or set
/// aside ("Parking lot", "Backlog", "Icebox", "Deferred", "Not this quarter").
pub(super) fn settled_heading(heading: &str) -> Option<Status> {
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)^\W*(?:done|completed?|shipped|finished|achieved|accomplished)(?:\s+(?:goals|items|work|okrs|objectives|this\s+(?:quarter|month|year)))?\W*$",
        )
    });
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)\b(?:parking\s+lot|parked|backlog|icebox|ice\s+box|deferred|postponed|on\s+hold|someday|not\s+(?:this|now)\b|not\s+planned)\b|^\W*later\W*$",
        )
    });
    if DONE.is_match(heading) {
        Some(Status::Done)
    } else if ASIDE.is_match(heading) {
        Some(Status::Dropped)
    } else {
        None
    }
}

/// The status an entry's last clause gives it: "…, parked", "(deferred to Q1)", "— moved to
/// Q1 2027", "done Oct 12", a score "(0.5)" (graded, so closed).
pub(super) fn settled_tail(plain: &str) -> Option<Status> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)(?:[—–(,;]|\s-\s)\s*(?:(?:was|is|now|then|but|and)\s+[^—–(),;]*?)?\b(?P<word>parked|deferred|postponed|on\s+hold|descoped|de-scoped|cancell?ed|dropped|abandoned|moved\s+to|pushed\s+to|punted\s+to|done|completed|finished|reached|achieved|missed|scored?)\b(?P<after>[^—–(),;]*)\)?\s*\.?\s*$",
        )
    });
    static SCORE: LazyLock<Regex> = LazyLock::new(|| {
        crate::re::compile(
            r"(?i)(?:\(\s*(?:score:?\s*)?(?:0?\.\d+|[01]\.0|[01])\s*\)|[—–]\s*(?:score:?\s*)?0?\.\d+)\s*\.?\s*$",
        )
    });
    if SCORE.is_match(plain) {
        return Some(Status::Done);
    }
    let caps = TAIL.captures(plain)?;
    // "…, done when SRE signs off", "completed by Sep 30": a definition of done or a deadline.
    let after = caps.name("after").map_or("", |m| m.as_str()).trim_start();
    let first_after = after.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        first_after.as_str(),
        "when" | "if" | "by" | "means" | "once" | "before" | "in" | "with" | "for"
    ) {
        return None;
    }
    status_word(&caps["word"])
}

/// A status written as words in a `Status` cell or an entry's last clause: "Done", "In
/// progress", "Not started", "Postponed".
pub(super) fn status_word(cell: &str) -> Option<Status> {
    let cell = cell.trim().trim_matches(['*', '_', '`']).trim();
    let (mark, mark_len) = leading_status(cell);
    // The words after a mark say more than the mark ("🔴 Off track"); a coloured circle
    // alone rates an open entry (red, amber, green), as a RAG word does.
    let words = cell[mark_len..].trim().to_lowercase();
    if words.is_empty() {
        let rag = cell.starts_with(['🔴', '🟠', '🟡', '🟢']);
        return if rag { Some(Status::InProgress) } else { mark };
    }
    word_status(&words).or(mark)
}

fn word_status(words: &str) -> Option<Status> {
    let starts = |list: &[&str]| list.iter().any(|w| words.starts_with(w));
    if starts(&[
        "done",
        "complete",
        "shipped",
        "closed",
        "achieved",
        "finished",
        "delivered",
        // Graded: closed, whatever the grade.
        "reached",
        "missed",
        "score",
    ]) {
        Some(Status::Done)
    } else if starts(&[
        "dropped",
        "cancel",
        "won't",
        "abandoned",
        "deprioriti",
        "parked",
        "deferred",
        "postponed",
        "on hold",
        "descoped",
        "de-scoped",
        "moved to",
        "pushed to",
        "punted",
    ]) {
        Some(Status::Dropped)
    } else if starts(&[
        "open",
        "in progress",
        "in-progress",
        "not started",
        "to do",
        "planned",
        "blocked",
        "at risk",
        "on track",
        "ongoing",
        "pending",
        "started",
        "wip",
        "behind",
        "off track",
    ]) || matches!(
        // A RAG rating: how an open entry is going.
        words.split(|c: char| !c.is_alphanumeric()).next(),
        Some("red" | "amber" | "yellow" | "green")
    ) {
        Some(Status::InProgress)
    } else {
        None
    }
}

impl Builder<'_, '_> {
    pub(super) fn find_period(&mut self) {
        let kind = self.doc.options.kind.as_deref().unwrap_or("");
        let mut best: Option<Period> = match kind {
            "quarterly" => Some(Period::Quarter),
            _ => None,
        };
        let mut consider = |p: Period| {
            best = Some(match (best, p) {
                (Some(Period::Quarter), _) | (_, Period::Quarter) => Period::Quarter,
                (Some(Period::Half), _) | (_, Period::Half) => Period::Half,
                _ => Period::Year,
            });
        };
        let texts = self
            .doc
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| &h.text.plain))
            .chain(
                self.doc
                    .items
                    .iter()
                    .filter(|i| i.kind == ItemKind::Meta)
                    .map(|i| &i.text.plain),
            );
        for plain in texts {
            let lower = plain.to_lowercase();
            if lower.contains("quarter") {
                consider(Period::Quarter);
            }
            for t in find_timeframes_memo(self.memo, plain) {
                match t.kind {
                    TimeframeKind::Quarter { .. } => consider(Period::Quarter),
                    TimeframeKind::Half { .. } => consider(Period::Half),
                    _ => {}
                }
            }
        }
        for item in &self.doc.items {
            if item.kind == ItemKind::Meta
                && item
                    .label
                    .as_ref()
                    .is_some_and(|l| l.text.eq_ignore_ascii_case("quarter"))
            {
                consider(Period::Quarter);
            }
        }
        self.doc.period = best;
    }

    /// A `Status:` field says whether the goal it belongs to is open ("In progress") or done,
    /// as a table's `Status` column does for its row.
    pub(super) fn status_fields(&mut self) {
        for i in 0..self.doc.items.len() {
            let item = &self.doc.items[i];
            let (Some(parent), Some(label)) = (item.parent, item.label.as_ref()) else {
                continue;
            };
            if !label.text.trim().eq_ignore_ascii_case("status") {
                continue;
            }
            let Some(status) = status_word(&item.text.plain) else {
                continue;
            };
            let parent = &mut self.doc.items[parent.0 as usize];
            if parent.status.is_none()
                && parent.checkbox.is_none()
                && matches!(parent.kind, ItemKind::Goal | ItemKind::Objective)
            {
                parent.status = Some(status);
            }
        }
    }

    /// Entries under a heading that says they are settled ("## Done", "## Parking lot",
    /// "### Backlog (not this quarter)") are done or set aside, unless they say otherwise.
    pub(super) fn settled_sections(&mut self) {
        let n = self.doc.sections.len();
        let mut settled: Vec<Option<Status>> = vec![None; n];
        for i in 0..n {
            let s = &self.doc.sections[i];
            let own = s
                .heading
                .as_ref()
                .and_then(|h| settled_heading(&h.text.plain));
            settled[i] = own.or_else(|| s.parent.and_then(|p| settled[p.0 as usize]));
        }
        // Under a "Done" heading whose boxes are ticked one by one, the boxes are kept: an open
        // one there is still to do ("[ ] Course two" beside "[x] Course one" under
        // "Completed"). Where none is ticked, the heading settles them (moved, not ticked).
        // (Sibling boxes only: a ticked step under an open box says nothing of the others.)
        let mut ticked = vec![false; n];
        for item in &self.doc.items {
            let top_box = item
                .parent
                .is_none_or(|p| self.doc.items[p.0 as usize].checkbox.is_none());
            if item.checkbox == Some(true) && top_box {
                ticked[item.section.0 as usize] = true;
            }
        }
        // An open box whose own "Done:" field is still "TBD" says it is not done.
        let not_done: Vec<bool> = self
            .doc
            .items
            .iter()
            .map(|item| {
                item.checkbox == Some(false)
                    && item.children.iter().any(|&c| {
                        let child = &self.doc.items[c.0 as usize];
                        child
                            .label
                            .as_ref()
                            .is_some_and(|l| crate::model::vocab::is_completion_label(&l.text))
                            && crate::model::vocab::is_not_yet_value(&child.text.plain)
                    })
            })
            .collect();
        for (i, item) in self.doc.items.iter_mut().enumerate() {
            if item.status.is_none()
                && item.checkbox != Some(true)
                && let Some(status) = settled[item.section.0 as usize]
                && !(status == Status::Done
                    && item.checkbox == Some(false)
                    && (ticked[item.section.0 as usize] || not_done[i]))
            {
                item.status = Some(status);
            }
        }
    }

    /// In a section whose objectives carry ids of their own ("`O-1` Lower the bar", "O2 –
    /// …"), an entry of another list read as an objective only for standing there, with no id
    /// and no key results, is not one: the document marks its objectives, and a list beside
    /// them (the state of things before the OKRs, notes) is something else. An entry of the
    /// same list as marked objectives stays one, marked or not.
    pub(super) fn unmarked_objectives(&mut self) {
        let marked = |i: &Item| OBJECTIVE_MARK.is_match(i.text.plain.trim_start());
        let mut demote = Vec::new();
        for section in &self.doc.sections {
            // The section's top-level entries in runs: list items of one list, one after
            // another; any other entry (a paragraph, a bold lead-in) ends a run.
            let mut runs: Vec<Vec<&Item>> = Vec::new();
            let mut last_list: Option<(bool, char)> = None;
            for item in section.items.iter().map(|&id| self.doc.item(id)) {
                let list = item
                    .list
                    .as_ref()
                    .map(|l| (l.ordered, l.marker.chars().last().unwrap_or(' ')));
                match list {
                    Some(kind) if last_list == Some(kind) => {
                        runs.last_mut().expect("a run is open").push(item);
                    }
                    Some(kind) => {
                        runs.push(vec![item]);
                        last_list = Some(kind);
                    }
                    None => last_list = None,
                }
            }
            let is_objective = |i: &Item| i.kind == ItemKind::Objective && i.label.is_none();
            let marked_count = runs
                .iter()
                .flatten()
                .filter(|i| is_objective(i) && marked(i))
                .count();
            if marked_count < 2 {
                continue;
            }
            for run in runs.iter().filter(|r| !r.iter().any(|i| marked(i))) {
                for i in run.iter().filter(|i| is_objective(i)) {
                    let measured = self
                        .doc
                        .children(i.id)
                        .any(|c| c.kind == ItemKind::KeyResult);
                    if !measured {
                        demote.push(i.id);
                    }
                }
            }
        }
        for id in demote {
            self.doc.items[id.0 as usize].kind = ItemKind::Other;
        }
    }

    /// Goals written as paragraphs: in a goals section, a run of at least three paragraphs
    /// (no list between them, no label) that each state something to do or reach ("Strengthen
    /// our code reviews by …", "Build a habit of …") are its goals, one per paragraph. A lone
    /// paragraph there is as often the section's prose.
    pub(super) fn paragraph_goals(&mut self) {
        let mut promote = Vec::new();
        for section in &self.doc.sections {
            if section.role != SectionRole::Goals {
                continue;
            }
            let mut run: Vec<ItemId> = Vec::new();
            let mut flush = |run: &mut Vec<ItemId>| {
                if run.len() >= 3 {
                    promote.append(run);
                }
                run.clear();
            };
            for &id in &section.items {
                let item = self.doc.item(id);
                let stating = item.origin == Origin::Paragraph
                    && item.kind == ItemKind::Other
                    && item.label.is_none()
                    && item
                        .parent
                        .is_none_or(|p| self.doc.item(p).kind == ItemKind::Header)
                    && item.text.plain.split_whitespace().count() <= 60
                    && crate::model::vocab::states_a_goal(&item.text.plain);
                if stating {
                    run.push(id);
                } else if item.origin != Origin::Heading {
                    flush(&mut run);
                }
            }
            flush(&mut run);
        }
        for id in promote {
            self.doc.items[id.0 as usize].kind = ItemKind::Goal;
        }
    }

    /// Key results kept in a `Key Results` section beside the `Objectives` section of the
    /// same owner belong to those objectives: those under a sub-heading that repeats an
    /// objective's words go to it, so do those numbered after it ("KR 2.1" to objective 2),
    /// and all of them go to the only objective. The rest stay unattached.
    pub(super) fn link_sibling_key_results(&mut self) {
        let doc = &self.doc;
        let mut links = Vec::new();
        for kr_section in &doc.sections {
            if kr_section.own_role != SectionRole::KeyResults || kr_section.parent.is_none() {
                continue;
            }
            let Some(objective_section) = doc.sections[..kr_section.id.0 as usize]
                .iter()
                .rev()
                .find(|o| o.parent == kr_section.parent && o.own_role == SectionRole::Objectives)
            else {
                continue;
            };
            let objectives: Vec<&Item> = doc
                .items
                .iter()
                .filter(|i| {
                    i.kind == ItemKind::Objective
                        && i.parent.is_none()
                        && objective_section.range.contains(i.line.start)
                })
                .collect();
            if objectives.is_empty() {
                continue;
            }
            for kr in doc.items.iter().filter(|i| {
                i.kind == ItemKind::KeyResult
                    && i.parent.is_none()
                    && kr_section.range.contains(i.line.start)
            }) {
                let sub_heading = (kr.section != kr_section.id)
                    .then(|| doc.sections[kr.section.0 as usize].heading.as_ref())
                    .flatten()
                    .map(|h| objective_words(&h.text.plain));
                let named = sub_heading.and_then(|words| {
                    objectives
                        .iter()
                        .find(|o| !words.is_empty() && objective_words(&o.text.plain) == words)
                });
                let numbered = || {
                    let n = key_result_number(kr)?;
                    objectives
                        .iter()
                        .enumerate()
                        .find(|(i, o)| objective_number(o).unwrap_or(i + 1) == n)
                        .map(|(_, o)| o)
                };
                let only = || (objectives.len() == 1).then(|| &objectives[0]);
                if let Some(objective) = named.or_else(numbered).or_else(only) {
                    links.push((kr.id, objective.id));
                }
            }
        }
        for (kr, objective) in links {
            self.reparent(kr, objective);
        }
    }

    /// An objective stated in its section's own text (`_Objective_: …` under `### O1 …`) with
    /// its key results in the sub-sections below (`#### O1KR1`, each with its own `Key
    /// Result:`): those key results are its own. Only when the objective is the one objective
    /// of its section, written as an entry (a heading's own key results are placed as it is
    /// read), with no key results of its own, and no other objective stands between it and
    /// them.
    pub(super) fn link_sub_section_key_results(&mut self) {
        let doc = &self.doc;
        // The objectives of each section, read once.
        let mut objectives: Vec<Vec<&Item>> = vec![Vec::new(); doc.sections.len()];
        for item in doc.items.iter().filter(|i| i.kind == ItemKind::Objective) {
            objectives[item.section.0 as usize].push(item);
        }
        let mut links = Vec::new();
        for kr in doc
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::KeyResult && i.parent.is_none())
        {
            if !objectives[kr.section.0 as usize].is_empty() {
                continue;
            }
            let mut up = doc.sections[kr.section.0 as usize].parent;
            while let Some(section) = up {
                if let [first, rest @ ..] = objectives[section.0 as usize].as_slice() {
                    let alone = rest.is_empty()
                        && first.parent.is_none()
                        && first.origin != Origin::Heading
                        && !first
                            .children
                            .iter()
                            .any(|c| doc.items[c.0 as usize].kind == ItemKind::KeyResult);
                    if alone {
                        links.push((kr.id, first.id));
                    }
                    break;
                }
                up = doc.sections[section.0 as usize].parent;
            }
        }
        for (kr, objective) in links {
            self.reparent(kr, objective);
        }
    }
}
