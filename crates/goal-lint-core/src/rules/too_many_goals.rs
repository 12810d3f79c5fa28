use std::collections::BTreeMap;

use serde::Deserialize;

use super::context::{Check, Context, Rule, RuleOptions};
use crate::meta::RuleDocs;
use crate::model::{GoalDocument, ItemKind, SectionId, SectionRole};

pub struct TooManyGoals;

/// Goals per section when neither the configuration nor the document sets a limit: 4 or 5
/// company objectives are normal; more is a list of wishes.
pub const DEFAULT_MAX_GOALS: usize = 5;

/// `[rules.too-many-goals]`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// A fixed limit. Default: the document's own ("Pick 3"), else [`DEFAULT_MAX_GOALS`].
    pub max: Option<usize>,
}

impl RuleOptions for Options {
    const INIT: &'static str = "# Default: the limit the document states (\"Goals (pick 3)\"), else 5.
# [rules.too-many-goals]
# max = 3
";
}

impl Rule for TooManyGoals {
    const SUMMARY: &'static str = "More goals in one goals section than can get real attention";
    const DOCS: RuleDocs = RuleDocs {
            what: "Counts the top-level goals (or objectives) of each goals section, per period heading \
(`### 30 Days`) and per owner (`CEO:`, `VP Eng:`), and flags the section when there are more than \
the maximum: the configuration's `max`, else the limit the document states itself (\"Pick 3\", \"Top \
3 goals\", \"no more than 4 priorities\"), else 5. Goals nested under other goals, examples and key \
results are not counted; a section whose goals sit under theme sub-headings is left alone (the themes \
may be the goals), and so are a roadmap's releases and periods (`# Roadmap` over `## v2.0`: what will \
ship, not one owner's goals) unless a heading on the way names goals itself.",
            why: "Pick the few things that, if you nail them, make the quarter a win. A list of nine goals \
is a list of wishes: the plan does not say which to drop when time runs out.",
            bad: "## Q3 Goals (pick 3)\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n- Hire 2 engineers by Week 10\n- Publish 4 blog posts\n",
            good: "## Q3 Goals (pick 3)\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n- Hire 2 engineers by Week 10\n",
            fix: "",
            options: "`[rules.too-many-goals] max = 3`: a fixed limit, whatever the document says.",
    };
    type Options = Options;
    const CHECK: Option<Check<Options>> = Some(check);
}

fn check(cx: &mut Context<'_>, options: &Options) {
    // The configuration's limit, else the document's own ("Pick 3"), else 5.
    let max = options
        .max
        .or(cx.judgement().goal_limit)
        .unwrap_or(DEFAULT_MAX_GOALS);
    let doc = cx.doc;
    let mut groups: BTreeMap<SectionId, Vec<usize>> = BTreeMap::new();
    // Groups with goals under theme headings: not judged (see below).
    let mut themed: std::collections::BTreeSet<SectionId> = Default::default();
    // Each goal's owner ("CEO: …", "VP Eng: …"): a page of several owners' objectives is
    // counted per owner.
    let mut owners: BTreeMap<SectionId, Vec<Option<String>>> = BTreeMap::new();
    for (i, item) in doc.items.iter().enumerate() {
        if !matches!(item.kind, ItemKind::Goal | ItemKind::Objective) {
            continue;
        }
        let nested = std::iter::successors(item.parent, |p| doc.item(*p).parent)
            .any(|p| matches!(doc.item(p).kind, ItemKind::Goal | ItemKind::Objective));
        if nested {
            continue;
        }
        // A roadmap's releases and periods list what will ship, not one owner's goals.
        if doc.in_roadmap(item.section) {
            continue;
        }
        let mut group = doc.goal_group(item.section);
        // Goals are counted per period: "### 30 Days" under "## Learning Goals" is a
        // period of its own.
        if let Some(period) = period_below(doc, item.section, group) {
            group = period;
        }
        // Goals under theme sub-headings ("## Grow the community" under "# 2023"): whether
        // the themes or the goals under them are the period's top-level goals is not
        // known, so the group is left alone.
        if theme_of(doc, item.section, group).is_some() {
            themed.insert(group);
            continue;
        }
        owners.entry(group).or_default().push(owner_of(item));
        groups.entry(group).or_default().push(i);
    }
    for (section, goals) in groups {
        if goals.len() <= max || themed.contains(&section) {
            continue;
        }
        let of = owners.get(&section).map(Vec::as_slice).unwrap_or(&[]);
        let mut per_owner: BTreeMap<&str, usize> = BTreeMap::new();
        for o in of.iter().flatten() {
            *per_owner.entry(o.as_str()).or_default() += 1;
        }
        let owned = of.len() == goals.len() && of.iter().all(Option::is_some);
        if owned && per_owner.len() > 1 && per_owner.values().all(|&n| n <= max) {
            continue;
        }
        let objectives = goals
            .iter()
            .filter(|&&i| doc.items[i].kind == ItemKind::Objective)
            .count();
        let noun = if objectives * 2 > goals.len() {
            "objectives"
        } else {
            "goals"
        };
        let s = doc.section(section);
        let first_extra = &doc.items[goals[max]];
        // A document titled in its front matter is told so on that title.
        let front_title = s
            .parent
            .is_none()
            .then_some(doc.front_matter.as_ref())
            .flatten()
            .and_then(|fm| Some((fm.title_line?, fm.get("title")?)));
        let (range, place) = match (&s.heading, front_title) {
            (Some(h), _) => (h.range, format!(" under \"{}\"", h.text.plain)),
            (None, Some((line, title))) => (line, format!(" under \"{title}\"")),
            (None, None) => (first_extra.line, String::new()),
        };
        let n = goals.len();
        let d = cx
            .report(range, format!("{n} {noun}{place}; pick at most {max}"))
            .with_help(format!("Keep the {max} that make the period a win and move the rest to a backlog (the limit is `[rules.too-many-goals] max`)."));
        d.with_related(
            first_extra.line,
            format!("{noun} {} and after are over the limit", max + 1),
        );
    }
}

/// The sub-heading directly below `group` that `section` lies in, when that sub-heading is a
/// theme: a heading with no goal role and no label of its own.
fn theme_of(doc: &GoalDocument, section: SectionId, group: SectionId) -> Option<SectionId> {
    if section == group {
        return None;
    }
    let mut s = section;
    loop {
        let parent = doc.section(s).parent?;
        if parent == group {
            break;
        }
        s = parent;
    }
    let theme = doc.section(s);
    let unlabelled = theme
        .heading
        .as_ref()
        .is_some_and(|h| h.item.is_none_or(|i| doc.item(i).label.is_none()));
    (theme.own_role == SectionRole::Other && unlabelled).then_some(s)
}

/// The outermost section between `section` (included) and `group` (excluded) whose heading
/// names only a period ("30 Days", "Month 2", "2024").
fn period_below(doc: &GoalDocument, section: SectionId, group: SectionId) -> Option<SectionId> {
    let mut found = None;
    let mut s = section;
    while s != group {
        let here = doc.section(s);
        if here
            .heading
            .as_ref()
            .is_some_and(|h| crate::model::vocab::is_relative_period_heading(&h.text.plain))
        {
            found = Some(s);
        }
        s = here.parent?;
    }
    found
}

/// The owner a goal is labelled with (`CEO: …`, `**Product:** …`), when it has one.
fn owner_of(item: &crate::model::Item) -> Option<String> {
    let label = item.label.as_ref()?;
    (label.kind == crate::model::FieldKind::Owner).then(|| label.text.trim().to_lowercase())
}
