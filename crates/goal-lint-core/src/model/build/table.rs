//! Table rows as entries, read by their header's columns.

use super::*;

/// The cells of a table row, without the outer pipes.
pub(super) fn table_cells(row: &str) -> impl Iterator<Item = &str> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|')
}

/// What a table column holds, read from its header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    /// The entry each row is: `Goal`, `Objective`, `Key result`, `Action`.
    Entry(ItemKind),
    /// Something attached to the row's entry: its key results, its success criterion, its
    /// target (kind `Other`: a value, not a statement).
    Attached(ItemKind),
    Due,
    Owner,
    Status,
    Other,
}

/// The columns of a table, from its header cells. Only the first entry column counts; key
/// results beside a goal or objective are attached to it, and are the entry when no such
/// column comes first. `Goal` after a `Metric` column is the metric's target value.
///
/// In an actions section the action column is the entry, and a goal column beside it names
/// the goal the action serves.
pub(super) fn read_columns(header: &[&str], role: SectionRole) -> Vec<Column> {
    let names: Vec<String> = header
        .iter()
        .map(|cell| {
            let name = cell
                .trim()
                .trim_matches(['*', '_', '`', ' '])
                .trim_end_matches(':')
                .to_lowercase();
            name.split(" (").next().unwrap_or("").trim().to_string()
        })
        .collect();
    let is_action = |name: &str| {
        matches!(
            name,
            "action" | "actions" | "action item" | "action items" | "next step" | "next steps"
        )
    };
    let actions_first = role == SectionRole::Actions && names.iter().any(|n| is_action(n));
    let mut out = Vec::with_capacity(header.len());
    let mut entry = false;
    let mut metric = false;
    for name in &names {
        let name = name.as_str();
        let column = match name {
            _ if actions_first && is_action(name) => Column::Entry(ItemKind::Action),
            "goal" | "goals" | "my goal" | "team goal" | "objective" | "objectives"
                if actions_first =>
            {
                Column::Other
            }
            "goal" | "goals" | "my goal" | "team goal" if !metric && !entry => {
                Column::Entry(ItemKind::Goal)
            }
            "objective" | "objectives" if !entry => Column::Entry(ItemKind::Objective),
            _ if is_action(name) && !entry => Column::Entry(ItemKind::Action),
            "key result" | "key results" | "kr" | "krs" if !entry => {
                Column::Entry(ItemKind::KeyResult)
            }
            "key result" | "key results" | "kr" | "krs" => Column::Attached(ItemKind::KeyResult),
            "success metric"
            | "success metrics"
            | "success criteria"
            | "success criterion"
            | "success looks like"
            | "measure of success"
            | "how we measure success"
            | "how we'll measure"
            | "definition of done" => Column::Attached(ItemKind::SuccessCriterion),
            "target" | "targets" | "target value" | "measure" | "measures" => {
                Column::Attached(ItemKind::Other)
            }
            "due" | "due date" | "deadline" | "target date" | "by" | "by when" | "when" | "eta"
            | "timeline" | "date" => Column::Due,
            "owner" | "owners" | "dri" | "who" | "lead" | "assignee" | "responsible" => {
                Column::Owner
            }
            "status" | "state" | "rag" | "rag status" => Column::Status,
            _ => Column::Other,
        };
        if matches!(
            name,
            "metric" | "metrics" | "kpi" | "kpis" | "measure" | "measures"
        ) {
            metric = true;
        }
        entry |= matches!(column, Column::Entry(_));
        out.push(column);
    }
    out
}

impl Builder<'_, '_> {
    /// Each body row of a table in goal content is an entry of its own. Its header says what
    /// the row is: a `Goal`, `Objective`, `Key result` or `Action` column makes the row that
    /// entry (its text is that cell); `Key results` or `Success` beside it hold what the entry
    /// is measured by, `Target` its measure, `Due` its deadline, `Owner` whose it is and
    /// `Status` whether it is open. Without such a column the row is an entry of kind `Other`
    /// (its role among goals is not known), so template text and open boxes in it are seen.
    /// A cell that is only `[ ]` or `[x]` is the row's checkbox.
    pub(super) fn table(&mut self, node: Block<'_>, ctx: &mut Ctx) {
        if !self.doc.sections[ctx.section.0 as usize].goal_content {
            return;
        }
        let children = node.children();
        let columns: Vec<Column> = children
            .iter()
            .find(|c| c.kind() == BlockKind::TableHeader)
            .map(|h| table_cells(&self.text[h.range().as_range()]).collect::<Vec<_>>())
            .map(|cells| read_columns(&cells, ctx.role))
            .unwrap_or_default();
        let column = |wanted: Column| columns.iter().position(|c| *c == wanted);
        let status_column = column(Column::Status);
        let entry_column = columns.iter().position(|c| matches!(c, Column::Entry(_)));
        let tracking = entry_column
            .is_some_and(|i| columns[i] == Column::Entry(ItemKind::KeyResult))
            && ctx.current_goal.is_some_and(|g| {
                self.doc.items[g.0 as usize]
                    .children
                    .iter()
                    .any(|c| self.doc.items[c.0 as usize].kind == ItemKind::KeyResult)
            });
        // The previous row's entry: a row that repeats it ("Close the books faster" on two
        // key-result rows) adds to it.
        let mut previous: Option<(String, ItemId)> = None;
        for row in children.iter().filter(|r| r.kind() == BlockKind::TableRow) {
            let range = trim_trailing_newlines(self.text, row.range());
            let raw = &self.text[range.as_range()];
            let mut checkbox = None;
            for cell in raw.split('|') {
                match cell.trim() {
                    "[ ]" => checkbox = Some(false),
                    "[x]" | "[X]" => checkbox = Some(true),
                    _ => {}
                }
            }
            let status = status_column
                .and_then(|i| table_cells(raw).nth(i))
                .and_then(status_word);
            let cells = row.cells(self.text);
            let cell = |i: Option<usize>| {
                i.and_then(|i| cells.iter().find(|(c, _)| *c == i))
                    .map(|(_, n)| *n)
            };
            // The row is the entry its header names, when that cell holds text.
            let entry = entry_column.and_then(|i| Some((columns[i], cell(Some(i))?)));
            let row_entry = RowEntry {
                range,
                status,
                checkbox,
            };
            let Some((Column::Entry(kind), entry_cell)) = entry else {
                let text = InlineText::verbatim(self.text, range);
                self.table_row(row_entry, text, range, None, ctx);
                continue;
            };
            let content = (*self.parser.inline_text(entry_cell, self.text)).clone();
            let repeated = previous
                .as_ref()
                .filter(|(text, _)| !text.is_empty() && *text == content.plain.trim())
                .map(|(_, id)| *id);
            let label = cell(column(Column::Owner)).and_then(|owner| {
                let r = owner.range();
                let name = self.text[r.as_range()].trim();
                (!name.is_empty()).then(|| Label {
                    text: name.to_string(),
                    kind: FieldKind::Owner,
                    range: r,
                    bold: false,
                })
            });
            let entry_text = content.plain.trim().to_string();
            let id = if let Some(id) = repeated {
                id
            } else {
                let column = Some((kind, tracking));
                self.table_row(row_entry, content, entry_cell.range(), column, ctx)
            };
            previous = Some((entry_text, id));
            // The owner is known, but the label is not in front of the text: it is not
            // read for timeframes or markers.
            if repeated.is_none() {
                self.doc.items[id.0 as usize].label = label;
            }
            // A deadline in the `Due` cell is the row's deadline.
            if let Some(due) = cell(column(Column::Due)) {
                let r = due.range();
                let found: Vec<Timeframe> =
                    find_timeframes_memo(self.memo, &self.text[r.as_range()])
                        .into_iter()
                        .map(|t| Timeframe {
                            range: TextRange::new(r.start + t.range.start, r.start + t.range.end),
                            kind: t.kind,
                            deadline: t.deadline,
                        })
                        .collect();
                self.doc.items[id.0 as usize].timeframes.extend(found);
            }
            // What the row is measured by is attached to it; its target, to the key result
            // or success criterion beside it when there is one.
            let mut measured: Option<ItemId> = None;
            let attached = columns
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c, Column::Attached(k) if *k != ItemKind::Other))
                .chain(
                    columns
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| **c == Column::Attached(ItemKind::Other)),
                )
                .map(|(i, c)| (i, *c))
                .collect::<Vec<_>>();
            for (i, col) in attached {
                let kind = match col {
                    Column::Attached(kind) => kind,
                    _ => continue,
                };
                let Some(n) = cell(Some(i)) else { continue };
                let content = (*self.parser.inline_text(n, self.text)).clone();
                if content.plain.trim().is_empty() {
                    continue;
                }
                let r = n.range();
                let parent = match kind {
                    ItemKind::Other => measured.unwrap_or(id),
                    _ => id,
                };
                let cell_id = self.push_item(ItemDraft {
                    kind,
                    origin: Origin::TableCell,
                    parent: Some(parent),
                    section: ctx.section,
                    range: r,
                    line: r,
                    head: Head::unlabelled(None, content),
                    checkbox: None,
                    list: None,
                    depth: 1,
                });
                if kind != ItemKind::Other {
                    measured.get_or_insert(cell_id);
                }
            }
        }
    }
}

/// What every row of a table gives its entry.
struct RowEntry {
    range: TextRange,
    status: Option<Status>,
    checkbox: Option<bool>,
}

impl Builder<'_, '_> {
    /// Add a row's entry with `text`, its source at `line`. `column`: the kind its header's
    /// entry column names, and whether the table tracks key results already written out.
    fn table_row(
        &mut self,
        row: RowEntry,
        text: InlineText,
        line: TextRange,
        column: Option<(ItemKind, bool)>,
        ctx: &Ctx,
    ) -> ItemId {
        let head = Head::unlabelled(row.status, text);
        let shape = Shape::TableRow {
            column: column.map(|(kind, _)| kind),
            tracking: column.is_some_and(|(_, tracking)| tracking),
        };
        let decision = classify(shape, &head, ctx.role).expect("a row is always an entry");
        self.push_item(ItemDraft {
            kind: decision.kind,
            origin: Origin::TableRow,
            parent: self.parent_for(decision.parent, ctx, None),
            section: ctx.section,
            range: row.range,
            line,
            head,
            checkbox: row.checkbox,
            list: None,
            depth: 0,
        })
    }
}
