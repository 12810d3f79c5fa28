//! What kind an entry is: the decisions shared by every shape of entry.

use super::*;

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

/// A sentence ending in a colon that introduces what other people can do: "With the CLI you
/// can:", "We want users to be able to:", "It lets teams:".
pub(super) static OTHERS_CAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\b(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b[^.!?:]*\b(?:be able to|can|could)\b|\b(?:lets?|allows?|enables?|helps?)\s+(?:users?|you|customers?|people|developers?|anyone|everyone|readers?|authors?|researchers?|teams?|members?|contributors?|maintainers?)\b)[^.!?:]*:\s*$",
    )
});

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
    has_sublists: bool,
    children_have_kr: bool,
    default: ItemKind,
) -> ItemKind {
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
    if matches!(kind, ItemKind::Goal | ItemKind::Objective)
        && !children_have_kr
        && head.fully_bold
        && has_sublists
        && head.content.plain.split_whitespace().count() <= 6
    {
        kind = ItemKind::Category;
    }
    kind
}
