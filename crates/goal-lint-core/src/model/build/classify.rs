//! What kind an entry is: the decisions shared by every shape of entry.

use super::*;

/// The shape an entry is written in, with the facts of that shape its kind depends on.
pub(super) enum Shape {
    /// A section's heading. `parent_role`: the role of the section it is nested in (not the
    /// document title's); `over_list`: the first block under it is a list.
    Heading {
        own_role: SectionRole,
        parent_role: SectionRole,
        over_list: bool,
    },
    /// A paragraph, or one line of a paragraph of fields (`line`). `objective_with_krs`: the
    /// paragraph's other lines are `KR:` lines, so an unlabelled line is what they measure.
    Paragraph {
        line: bool,
        followed_by_list: bool,
        objective_with_krs: bool,
    },
    /// The first line of a list item. `context`: the kind its list's context gives an
    /// unlabelled entry (see [`list_context`]).
    ListItem {
        sublists: bool,
        children: Children,
        context: ItemKind,
    },
    /// A line of a list item after its first.
    ItemLine,
    /// A table row whose header names what each row is (`Goal`, `Key result`, …), or not.
    /// `tracking`: a table of key results under an objective whose key results are already
    /// written out (owner, due date, RAG): it tracks them, and adds none.
    TableRow {
        column: Option<ItemKind>,
        tracking: bool,
    },
}

/// What the first lines of the entries nested under a list item say.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Children {
    /// One is labelled a key result ("KR:", "Key result 2:").
    pub(super) key_results: bool,
    /// Most of them (two or more) carry a number: they measure the entry above.
    pub(super) measured: bool,
    /// Every one is a field of the entry above ("Why:", "Target:", "Actions:").
    pub(super) fields: bool,
}

/// Which entry a new entry hangs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Parent {
    /// The entry the section's entries hang under (a heading that is a goal or a group).
    Context,
    /// The latest goal or objective, which the fields after it belong to.
    Goal,
    /// The latest goal or objective, else the section's.
    GoalOrContext,
    /// The entry the shape itself gives (the list item above, the objective heading above).
    Shape,
    /// None: the entry stands alone in its section.
    None,
}

/// What an entry is, which entry it belongs to, and what the list after it holds.
pub(super) struct Decision {
    pub(super) kind: ItemKind,
    pub(super) parent: Parent,
    /// A label-only entry over a list ("**Key results:**", "Risks:") says what the list holds.
    pub(super) introduces: Option<FieldKind>,
}

impl Decision {
    fn new(kind: ItemKind, parent: Parent) -> Decision {
        Decision {
            kind,
            parent,
            introduces: None,
        }
    }
}

/// The one table of entry kinds: what an entry is, from its shape, its head (label, colon,
/// boldness, text) and the role of its section. `None`: the entry is not part of the goal
/// structure (a heading of no goal role).
pub(super) fn classify(shape: Shape, head: &Head, role: SectionRole) -> Option<Decision> {
    let empty = head.content.plain.is_empty();
    let label_kind = head.label.as_ref().map(|l| l.kind);
    match shape {
        Shape::Heading {
            own_role,
            parent_role,
            over_list,
        } => {
            // "### Priority 1: Ship payments v2": a numbered priority names its goal.
            let numbered_priority = head.label.as_ref().is_some_and(|l| {
                let t = l.text.trim().to_lowercase();
                t.strip_prefix("priority").is_some_and(|n| {
                    !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit() || c == '#')
                })
            });
            let label_kind = if numbered_priority {
                Some(FieldKind::Goal)
            } else {
                label_kind
            };
            let kind = match label_kind {
                Some(k @ (FieldKind::Goal | FieldKind::Objective | FieldKind::KeyResult))
                    if !empty =>
                {
                    item_kind_of_field(k, parent_role)
                }
                _ if own_role == SectionRole::Other
                    && matches!(parent_role, SectionRole::Goals | SectionRole::Objectives) =>
                {
                    // In an OKR document a heading over a list is an objective and the list
                    // its key results ("### Build the team" / "- hire 2 engineers"); in a
                    // goals document it groups goals.
                    if over_list && parent_role == SectionRole::Objectives {
                        ItemKind::Objective
                    } else if over_list {
                        ItemKind::Category
                    } else {
                        item_kind_of_role(parent_role)
                    }
                }
                _ => return None,
            };
            if empty && kind != ItemKind::Category {
                return None;
            }
            // "## O1: Make deploys boring" / "### KR1: …": a key-result heading belongs to the
            // objective heading it is nested under.
            let parent = if kind == ItemKind::KeyResult {
                Parent::Shape
            } else {
                Parent::None
            };
            Some(Decision::new(kind, parent))
        }
        Shape::Paragraph {
            line,
            followed_by_list,
            objective_with_krs,
        } => Some(paragraph_kind(
            head,
            role,
            line,
            followed_by_list,
            objective_with_krs,
        )),
        Shape::ListItem {
            sublists,
            children,
            context,
        } => Some(Decision::new(
            classify_entry(head, role, sublists, children, context),
            Parent::Shape,
        )),
        Shape::ItemLine => {
            let kind = match label_kind {
                Some(k @ (FieldKind::KeyResult | FieldKind::Why | FieldKind::Success)) => {
                    item_kind_of_field(k, role)
                }
                // "- **Enhance problem solving**" / "  **Objective:** Develop strategies …":
                // the line states the entry's objective.
                Some(FieldKind::Goal) if !head.content.plain.trim().is_empty() => ItemKind::Goal,
                Some(FieldKind::Objective) if !head.content.plain.trim().is_empty() => {
                    ItemKind::Objective
                }
                _ => ItemKind::Other,
            };
            Some(Decision::new(kind, Parent::Shape))
        }
        Shape::TableRow { column, tracking } => Some(Decision::new(
            column.unwrap_or(ItemKind::Other),
            if tracking { Parent::None } else { Parent::Goal },
        )),
    }
}

/// A paragraph or a line of one: its label decides, then its section's role, then whether it
/// introduces the list after it.
fn paragraph_kind(
    head: &Head,
    role: SectionRole,
    line: bool,
    followed_by_list: bool,
    objective_with_krs: bool,
) -> Decision {
    let empty = head.content.plain.is_empty();
    let label_kind = head.label.as_ref().map(|l| l.kind);
    let header = |introduces: Option<FieldKind>| Decision {
        kind: ItemKind::Header,
        parent: Parent::None,
        introduces,
    };
    match label_kind {
        Some(FieldKind::Goal) if !empty => Decision::new(ItemKind::Goal, Parent::Context),
        Some(FieldKind::Objective) if !empty => Decision::new(ItemKind::Objective, Parent::Context),
        // "**Key results:**" over a list introduces them; it is not an empty field.
        Some(FieldKind::KeyResult) if !(empty && followed_by_list) => {
            Decision::new(ItemKind::KeyResult, Parent::GoalOrContext)
        }
        Some(FieldKind::Why) if !empty => Decision::new(ItemKind::Why, Parent::Goal),
        Some(FieldKind::Success) if !empty => {
            Decision::new(ItemKind::SuccessCriterion, Parent::Goal)
        }
        Some(FieldKind::Capability) if !empty => Decision::new(ItemKind::Capability, Parent::None),
        Some(FieldKind::Action) if !empty => Decision::new(ItemKind::Action, Parent::Goal),
        Some(FieldKind::Meta) if head.colon => Decision::new(ItemKind::Meta, Parent::None),
        Some(k) if empty && followed_by_list => header(Some(k)),
        Some(k) if empty && head.colon && is_fill_in_field(k) => {
            Decision::new(item_kind_of_field(k, role), Parent::Goal)
        }
        Some(_) if empty => header(None),
        _ if objective_with_krs => Decision::new(ItemKind::Objective, Parent::Context),
        _ if line && matches!(role, SectionRole::SuccessMetrics | SectionRole::KeyResults) => {
            Decision::new(item_kind_of_role(role), Parent::Goal)
        }
        None if followed_by_list && is_intro(&head.content.plain) => {
            let intro = head.content.plain.trim_end_matches(':');
            let kind = if OWN_GOALS_INTRO.is_match(intro) || GOALS_AHEAD_INTRO.is_match(intro) {
                FieldKind::Goal
            } else {
                field_kind(intro)
            };
            header(Some(kind))
        }
        // "… I want to run more. Key results:": a paragraph that ends with a label says what
        // the list after it holds.
        None if followed_by_list && let Some(k) = closing_label(&head.content.plain) => {
            header(Some(k))
        }
        // "… a dozen goals a quarter. Most of them looked like this:": what follows
        // illustrates.
        None if followed_by_list && illustrates(last_sentence(&head.content.plain)) => {
            header(Some(FieldKind::Examples))
        }
        // "… Here's what I've done to cut my screen time:": the list reports what was done.
        None if followed_by_list && REPORTS_DONE.is_match(last_sentence(&head.content.plain)) => {
            header(Some(FieldKind::Info))
        }
        // "**Not included**", "Risks:" over a list: what the list holds is no goal.
        None if followed_by_list
            && (head.fully_bold || head.content.plain.trim_end().ends_with(':'))
            && head.content.plain.split_whitespace().count() <= 4
            && section_role(&head.content.plain) == SectionRole::NotGoals =>
        {
            header(Some(FieldKind::Info))
        }
        // "We want users to be able to do the following:": the list says what others can
        // do with a product (a feature list), not what its authors commit to.
        None if followed_by_list && OTHERS_CAN.is_match(&head.content.plain) => {
            header(Some(FieldKind::Info))
        }
        _ => Decision::new(ItemKind::Other, Parent::Context),
    }
}

/// Where the entries of a list hang and the kind an unlabelled one gets: under the list item
/// above (`parent`), under the goal or header a label-only entry introduced the list with
/// (`pending`), or under the section's own entry. `kind_of`: the kind of an entry.
pub(super) fn list_context(
    parent: Option<ItemId>,
    pending: Option<(FieldKind, ItemId)>,
    ctx: &Ctx,
    kind_of: impl Fn(ItemId) -> ItemKind,
) -> (Option<ItemId>, ItemKind) {
    match (parent, pending) {
        (Some(p), _) => (Some(p), child_kind(kind_of(p), ctx.role)),
        (None, Some((k, header))) => {
            let under_goal = matches!(
                k,
                FieldKind::Success | FieldKind::Why | FieldKind::Actions | FieldKind::KeyResult
            ) && ctx.current_goal.is_some();
            let parent = if under_goal {
                ctx.current_goal
            } else {
                Some(header)
            };
            (parent, item_kind_of_field(k, ctx.role))
        }
        (None, None) => match ctx.parent {
            Some(p) => (Some(p), child_kind(kind_of(p), ctx.role)),
            None => (None, item_kind_of_role(ctx.role)),
        },
    }
}

/// Label kinds whose field must not be left empty in a template.
pub(super) fn is_fill_in_field(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::Goal
            | FieldKind::Objective
            | FieldKind::KeyResult
            | FieldKind::Why
            | FieldKind::Success
            | FieldKind::Capability
            | FieldKind::Meta
    )
}

pub(super) fn item_kind_of_field(kind: FieldKind, role: SectionRole) -> ItemKind {
    match kind {
        FieldKind::Goal if role == SectionRole::Actions => ItemKind::Action,
        FieldKind::Goal => ItemKind::Goal,
        FieldKind::Objective => ItemKind::Objective,
        FieldKind::KeyResult => ItemKind::KeyResult,
        FieldKind::Why => ItemKind::Why,
        FieldKind::Success => ItemKind::SuccessCriterion,
        FieldKind::Actions | FieldKind::Action => ItemKind::Action,
        FieldKind::Support => ItemKind::SupportRequest,
        FieldKind::Capability => ItemKind::Capability,
        FieldKind::Examples => ItemKind::Example,
        FieldKind::Meta => ItemKind::Meta,
        FieldKind::Info | FieldKind::Owner | FieldKind::When => ItemKind::Other,
    }
}

pub(super) fn item_kind_of_role(role: SectionRole) -> ItemKind {
    match role {
        SectionRole::Goals => ItemKind::Goal,
        SectionRole::Objectives => ItemKind::Objective,
        SectionRole::KeyResults => ItemKind::KeyResult,
        SectionRole::Actions => ItemKind::Action,
        SectionRole::SuccessMetrics => ItemKind::SuccessCriterion,
        SectionRole::Support => ItemKind::SupportRequest,
        SectionRole::Career => ItemKind::Capability,
        SectionRole::Work | SectionRole::NotGoals | SectionRole::Other => ItemKind::Other,
    }
}

/// The kind an unlabelled child gets from its parent.
pub(super) fn child_kind(parent: ItemKind, role: SectionRole) -> ItemKind {
    let goal = matches!(parent, ItemKind::Goal | ItemKind::Objective);
    match role {
        // Work items are what is attached to their goal, not judged one by one.
        SectionRole::Work => return ItemKind::Other,
        SectionRole::KeyResults if goal => return ItemKind::KeyResult,
        SectionRole::SuccessMetrics if goal => return ItemKind::SuccessCriterion,
        SectionRole::Actions if goal => return ItemKind::Action,
        _ => {}
    }
    match parent {
        ItemKind::Category => match role {
            SectionRole::Objectives => ItemKind::Objective,
            SectionRole::Actions => ItemKind::Action,
            _ => ItemKind::Goal,
        },
        ItemKind::Objective => ItemKind::KeyResult,
        ItemKind::Goal if role == SectionRole::Actions => ItemKind::Action,
        _ => ItemKind::Other,
    }
}

/// A sentence that introduces the author's own goals for a period: "My goals for 2027 are:",
/// "Our priorities this quarter are to:", "In 2027, we plan to:", "This year I will:". Not a
/// past period's ("… was to:"), which a review reports.
pub(super) static OWN_GOALS_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:my|our)(?:\s+[\w-]+){0,2}\s+(?:goals?|resolutions?|priorities|objectives)\s+(?:for|this|in|over|during)\b[^:.]{0,30}?\s+(?:is|are|will\s+be)(?:\s+to)?|(?:(?:in|for|during)\s+(?:(?:19|20)\d{2}|q[1-4]|h[12])\b|(?:this|next)\s+(?:year|quarter|half|month|semester|term))[^:.]{0,20}?,?\s+(?:i|we)\s+(?:will|want\s+to|plan\s+to|aim\s+to|intend\s+to|hope\s+to|would\s+like\s+to))\s*$",
    )
});

/// A sentence that introduces goals still ahead without naming whose or when in
/// `OWN_GOALS_INTRO`'s words: goals the writer wants to reach ("Some goals I want to achieve
/// this year:"), what the writer is aiming or getting ready for ("Here's what I'm aiming for:",
/// "We're getting ready to:"), goals set for a period ("The following goals are set for
/// 2027:") and the next or current priorities ("Our next priorities are:"). Not goals the
/// writer reached or had ("… I achieved", "… were"), nor good or bad ones, which a guide
/// shows.
pub(super) static GOALS_AHEAD_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:(?:some|the|my|our|a\s+few|few|main|key|top|big|broad|personal|professional|[\w-]+)\s+){0,3}(?:goals?|priorities|objectives|resolutions|aims|things)\s+(?:that\s+)?(?:i|we)(?:\s+(?:really|also|most))?(?:\s+(?:want|hope|plan|intend|aim|would\s+like)|['’]d\s+like)\s+to\s+(?:achieve|accomplish|reach|complete|work\s+on|pursue|focus\s+on|do|tackle|hit)\b[^:.]{0,30}$|^(?:[^:.]{0,30},\s*)?(?:here['’]?s\s+|here\s+is\s+)?(?:what\s+)?(?:i|we)\s*(?:['’]m|['’]re|\s+am|\s+are)\s+(?:aiming|planning|hoping|getting\s+ready|committing)(?:\s+(?:for|to|on))?\s*$|^the\s+following\s+(?:goals|priorities|objectives)\s+(?:are|have\s+been)\s+(?:set|planned|proposed|defined|agreed)\s+for\b[^:.]{0,30}$|^(?:(?:our|the|my|currently|current|ongoing|or|and|scheduled|upcoming)\s+){0,4}(?:next|upcoming|ongoing|scheduled|current)\s+(?:goals|priorities|objectives)\s+(?:are|include)\s*$",
    )
});

/// A sentence ending in a colon that introduces what other people can do: "With the CLI you
/// can:", "We want users to be able to:", "It lets teams:".
pub(super) static OTHERS_CAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\b(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b[^.!?:]*\b(?:be able to|can|could)\b|\b(?:lets?|allows?|enables?|helps?)\s+(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b)[^.!?:]*:\s*$",
    )
});

/// The last sentence of a paragraph ("… a dozen goals per quarter. Most of them looked like
/// this:").
fn last_sentence(text: &str) -> &str {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix(':').unwrap_or(trimmed);
    match body.rfind(". ") {
        Some(i) => &trimmed[i + 2..],
        None => trimmed,
    }
}

/// The label a paragraph of sentences ends with ("… this year. Key results:"), when it is one
/// that says what a list holds: key results, success criteria, actions, reasons.
fn closing_label(text: &str) -> Option<FieldKind> {
    let sentence = last_sentence(text);
    if sentence.len() == text.trim_end().len() || !sentence.trim_end().ends_with(':') {
        return None;
    }
    let label = sentence.trim_end().trim_end_matches(':');
    (label.split_whitespace().count() <= 4)
        .then(|| field_kind(label))
        .filter(|k| {
            matches!(
                k,
                FieldKind::KeyResult | FieldKind::Success | FieldKind::Actions | FieldKind::Why
            )
        })
}

/// A sentence that introduces what was already done: "Here's what I've done to cut my screen
/// time:", "What we shipped this spring:", "Things I have already changed:".
static REPORTS_DONE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^(?:so\s+far,?\s+)?(?:here(?:['’]s|\s+is|\s+are)\s+)?(?:what|everything|the\s+things|things)\s+(?:that\s+)?(?:i|we)(?:['’]ve|\s+have)?\s+(?:already\s+)?(?:done|did|achieved|accomplished|completed|shipped|finished|built|delivered|changed)\b[^:]{0,80}:\s*$",
    )
});

/// A sentence that introduces illustrations: "… looked like this:", "… such as:", "For
/// example, do you want to;".
fn illustrates(sentence: &str) -> bool {
    let lower = sentence.trim_end().to_lowercase();
    if ["for example", "for instance", "e.g."]
        .iter()
        .any(|opening| lower.starts_with(opening))
        && lower.ends_with([':', ';', '?'])
    {
        return true;
    }
    lower.strip_suffix(':').is_some_and(|s| {
        [
            "like this",
            "like these",
            "such as",
            "for example",
            "for instance",
            "e.g.",
        ]
        .iter()
        .any(|end| s.trim_end().ends_with(end))
    })
}

/// A sentence that introduces the list after it: "Examples of strong goals:".
pub(super) fn is_intro(text: &str) -> bool {
    text.ends_with(':') && {
        let words = text.split_whitespace().count();
        words <= 8 || text.to_lowercase().contains("example")
    }
}

/// The kind of a list entry from its head, its children, and the kind its context gives it.
pub(super) fn classify_entry(
    head: &Head,
    role: SectionRole,
    has_sublists: bool,
    children: Children,
    default: ItemKind,
) -> ItemKind {
    let children_have_kr = children.key_results;
    let empty = head.content.plain.is_empty();
    let label_kind = head.label.as_ref().map(|l| l.kind);
    let role_like = |k: FieldKind| item_kind_of_field(k, SectionRole::Other);
    let mut kind = match label_kind {
        Some(FieldKind::Examples) => ItemKind::Example,
        Some(k @ (FieldKind::Goal | FieldKind::Objective)) if !empty => {
            if default == ItemKind::Action {
                ItemKind::Action
            } else {
                role_like(k)
            }
        }
        Some(FieldKind::KeyResult) if !empty || !has_sublists => ItemKind::KeyResult,
        Some(
            k @ (FieldKind::Why | FieldKind::Success | FieldKind::Capability | FieldKind::Action),
        ) if !empty => role_like(k),
        Some(FieldKind::Meta) if head.colon && !has_sublists => ItemKind::Meta,
        Some(_) if empty && has_sublists => {
            if !head.colon && matches!(default, ItemKind::Goal | ItemKind::Objective) {
                ItemKind::Category
            } else {
                ItemKind::Header
            }
        }
        Some(k) if empty && head.colon && is_fill_in_field(k) => role_like(k),
        Some(FieldKind::Info | FieldKind::Actions | FieldKind::Support) => ItemKind::Other,
        _ => default,
    };
    if children_have_kr
        && matches!(
            kind,
            ItemKind::Goal | ItemKind::Other | ItemKind::Category | ItemKind::KeyResult
        )
    {
        kind = ItemKind::Objective;
    }
    // A short bold title over a list groups the entries under it ("**Product.**"), unless they
    // are its fields ("**Improve CSAT**" / "- Why: …") or, among objectives, measure it
    // ("**Win the mid-market.**" / "- Sales: ARR from $14M to $22M").
    let measure_it = children.measured && role == SectionRole::Objectives;
    if matches!(kind, ItemKind::Goal | ItemKind::Objective)
        && !children_have_kr
        && !children.fields
        && !measure_it
        && head.fully_bold
        && has_sublists
        && head.content.plain.split_whitespace().count() <= 6
    {
        kind = ItemKind::Category;
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::{GOALS_AHEAD_INTRO, OWN_GOALS_INTRO, REPORTS_DONE};
    use crate::re::matches_exactly;

    #[test]
    fn a_sentence_introducing_the_authors_goals_for_a_period() {
        matches_exactly(
            &OWN_GOALS_INTRO,
            &[
                "My goals for 2027 are",
                "My goal for 2027 is to",
                "Our top priorities this quarter are",
                "In 2027, we plan to",
                "This year I will",
                "Next quarter we want to",
            ],
            &[
                "My goal for 2024 was to",
                "In order to go faster we want to",
                "Our goals are public",
                "My overarching goal is simple",
                "The team's goals for 2027 are",
            ],
        );
    }

    #[test]
    fn a_sentence_introducing_goals_still_ahead() {
        matches_exactly(
            &GOALS_AHEAD_INTRO,
            &[
                "Some goals I want to achieve this year",
                "Things we'd like to accomplish in 2027",
                "For next year, here’s what I’m aiming for",
                "We're getting ready to",
                "The following goals are set for 2027",
                "Our next priorities are",
                "Currently ongoing or scheduled priorities include",
            ],
            &[
                "Some goals I achieved this year",
                "Goals we wanted to reach in 2024 were",
                "Good goals",
                "The following goals were set for 2024",
                "Our priorities were",
                "Here's what I learned",
                "We are",
            ],
        );
    }

    #[test]
    fn a_sentence_introducing_what_was_done() {
        matches_exactly(
            &REPORTS_DONE,
            &[
                "Here’s what I’ve done to combat doomscrolling:",
                "What we shipped this spring:",
                "Things I have already changed:",
                "So far, here is what we did:",
            ],
            &[
                "Here's what I plan to do with the time:",
                "What we will ship this spring:",
                "Things I have to change:",
                "What I've done so far.",
                "Here's what I've done",
            ],
        );
    }
}
