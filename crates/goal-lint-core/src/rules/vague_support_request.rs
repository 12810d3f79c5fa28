use std::sync::LazyLock;

use regex::Regex;

use super::context::{Check, Context, NoOptions, Rule};
use crate::meta::RuleDocs;
use crate::model::ItemKind;

pub struct VagueSupportRequest;

impl Rule for VagueSupportRequest {
    const SUMMARY: &'static str = "A support request that asks for nothing concrete";
    const DOCS: RuleDocs = RuleDocs {
        what: "Flags an entry under \"Support Needed\" (or \"Asks\", \"Needs\") made only of general words \
(\"More support\", \"Help and guidance\", \"Resources\") with no amount, person, team, time or named \
resource.",
        why: "A manager can act on \"Budget approval for $5K/month of Redis\" today. \"More support\" \
starts a conversation that should have happened while writing the plan.",
        bad: "### Support Needed\n\n- More support\n- Guidance and resources\n",
        good: "### Support Needed\n\n- Budget approval for Redis infrastructure ($5K/month)\n- A design partner for the Stripe migration edge cases\n",
        fix: "",
        options: "",
    };
    type Options = NoOptions;
    const CHECK: Option<Check<NoOptions>> = Some(check);
}

/// Words that name help in general rather than something that can be given.
const GENERIC: &[&str] = &[
    "more",
    "support",
    "help",
    "guidance",
    "resources",
    "resource",
    "time",
    "attention",
    "alignment",
    "input",
    "buy-in",
    "visibility",
    "clarity",
    "backing",
    "encouragement",
    "patience",
    "understanding",
    "feedback",
    "advice",
    "assistance",
    "direction",
    "coaching",
    "mentoring",
    "mentorship",
    "air",
    "cover",
    "trust",
    "freedom",
    "autonomy",
    "space",
    "flexibility",
    "bandwidth",
    "capacity",
    "collaboration",
    "communication",
    "context",
    "priority",
    "prioritization",
    "focus",
    "and",
    "with",
    "from",
    "of",
    "the",
    "a",
    "an",
    "some",
    "any",
    "better",
    "general",
    "ongoing",
    "continued",
    "regular",
    "your",
    "you",
    "me",
    "my",
    "need",
    "needs",
    "needed",
    "i",
    "to",
    "get",
    "have",
    "be",
    "on",
    "for",
    "in",
    "things",
    "stuff",
    "everything",
    "team",
    "management",
    "leadership",
    "people",
];

static WORD: LazyLock<Regex> = LazyLock::new(|| crate::re::compile(r"[A-Za-z][A-Za-z'-]*|\d"));

fn is_vague_ask(text: &str) -> bool {
    let words: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    !words.is_empty()
        && words.iter().enumerate().all(|(i, w)| {
            let lower = w.to_lowercase();
            // A name or team ("Sarah", "HR") after the first word makes the ask concrete.
            GENERIC.contains(&lower.as_str()) && !(i > 0 && w.starts_with(char::is_uppercase))
        })
}

fn check(cx: &mut Context<'_>, _: &NoOptions) {
    for item in &cx.doc.items {
        if item.kind != ItemKind::SupportRequest
            || item.text.plain.is_empty()
            || cx.is_unfilled(item)
            || !item.timeframes.is_empty()
            || cx.statement(item.id).metric.is_some()
        {
            continue;
        }
        if !is_vague_ask(&item.text.plain) {
            continue;
        }
        let line = item.line;
        cx.report(line, format!("support request \"{}\" asks for nothing concrete", item.text.plain))
            .with_help("Name what, who, how much or by when: \"Budget approval for $5K/month of Redis\", \"2 hours with Sarah in Week 2\".");
    }
}

#[cfg(test)]
mod tests {
    use super::is_vague_ask;

    #[test]
    fn asks() {
        assert!(is_vague_ask("More support"));
        assert!(is_vague_ask("Guidance and resources"));
        assert!(!is_vague_ask("Help with hiring"));
        assert!(!is_vague_ask("Support from HR"));
        assert!(!is_vague_ask(
            "Access to production logs and monitoring dashboards"
        ));
    }
}
