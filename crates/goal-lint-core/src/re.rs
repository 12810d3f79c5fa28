//! Regex construction for the core.
//!
//! Goal documents are English prose, so word boundaries and the `\d`, `\s`, `\w` classes are
//! taken in their ASCII sense: with Unicode semantics the regex crate builds far larger
//! automata (milliseconds to compile each) and cannot use its lazy DFA for `\b`, which made
//! regex matching a large share of a lint. [`compile`] rewrites those escapes to ASCII.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// Compile a pattern with ASCII `\b`, `\B`, `\d`, `\s`, `\w` (and their negations).
pub fn compile(pattern: &str) -> Regex {
    Regex::new(&ascii(pattern))
        .unwrap_or_else(|e| panic!("invalid built-in pattern {pattern:?}: {e}"))
}

/// Rewrite Unicode class escapes to ASCII ones, inside and outside `[...]`.
pub fn ascii(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let replacement = match (next, in_class) {
                    ('b', false) => Some(r"(?-u:\b)"),
                    ('B', false) => Some(r"(?-u:\B)"),
                    ('d', false) => Some("[0-9]"),
                    ('d', true) => Some("0-9"),
                    ('D', false) => Some("[^0-9]"),
                    ('s', false) => Some(r"[\t\n\x0B\x0C\r\x20]"),
                    ('s', true) => Some(r"\t\n\x0B\x0C\r\x20"),
                    ('S', false) => Some(r"[^\t\n\x0B\x0C\r\x20]"),
                    ('w', false) => Some("[0-9A-Za-z_]"),
                    ('w', true) => Some("0-9A-Za-z_"),
                    ('W', false) => Some("[^0-9A-Za-z_]"),
                    _ => None,
                };
                match replacement {
                    Some(r) => out.push_str(r),
                    None => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // `[]...]` and `[^]...]` start with a literal `]`.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A list of words or phrases, matched as whole words (case-insensitively for lower-case text),
/// by one Aho-Corasick automaton built on first use, once per process. Building it costs a few
/// microseconds; the regex it replaces cost hundreds.
pub struct WordList {
    words: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            automaton: OnceLock::new(),
        }
    }

    pub fn matches(&self, text: &str) -> bool {
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::new(self.words)
                .unwrap_or_else(|e| panic!("invalid built-in word list {:?}: {e}", self.words))
        });
        // Every occurrence, overlapping ones too: "goals" may fail the boundary test where
        // "goal" in the same place does not.
        let bytes = text.as_bytes();
        automaton
            .find_overlapping_iter(text)
            .any(|m| starts_word(bytes, m.start()) && ends_word(bytes, m.end()))
    }
}

/// Nothing alphanumeric right before `at`.
fn starts_word(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

/// Nothing alphanumeric right after `at`; a hyphen only when no letter follows it: "goal-lint",
/// "goal-setting": the first half of a compound is not the word.
fn ends_word(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(b'-') => bytes.get(at + 1).is_none_or(|c| !c.is_ascii_alphabetic()),
        Some(c) => !c.is_ascii_alphanumeric(),
    }
}

/// A list of words or phrases matched as `(?i)\b(?:…)\b` would match them: case-insensitively
/// (ASCII), at word boundaries (ASCII), with any run of whitespace between a phrase's words. One
/// Aho-Corasick automaton, built on first use.
pub struct PhraseList {
    phrases: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl PhraseList {
    pub const fn new(phrases: &'static [&'static str]) -> PhraseList {
        PhraseList {
            phrases,
            automaton: OnceLock::new(),
        }
    }

    pub fn matches(&self, text: &str) -> bool {
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(self.phrases)
                .unwrap_or_else(|e| panic!("invalid built-in phrase list {:?}: {e}", self.phrases))
        });
        let text = collapse_whitespace(text);
        let bytes = text.as_bytes();
        automaton
            .find_overlapping_iter(text.as_ref())
            .any(|m| word_boundary(bytes, m.start()) && word_boundary(bytes, m.end()))
    }
}

/// `text` with each run of ASCII whitespace made one space, so that "in  production" is found
/// as "in production".
fn collapse_whitespace(text: &str) -> std::borrow::Cow<'_, str> {
    let space = |c: char| matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ');
    let single = !text.contains(|c: char| space(c) && c != ' ') && !text.contains("  ");
    if single {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out.into()
}

/// `\b` in its ASCII sense: a word character on one side of `at` and not on the other.
fn word_boundary(bytes: &[u8], at: usize) -> bool {
    let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let before = at > 0 && word(&bytes[at - 1]);
    let after = bytes.get(at).is_some_and(word);
    before != after
}

/// `any_of!(text, ["a", "b"])`: `text` contains one of the words, with the list compiled once.
macro_rules! any_of {
    ($text:expr, [$($word:expr),* $(,)?]) => {{
        static LIST: $crate::re::WordList = $crate::re::WordList::new(&[$($word),*]);
        LIST.matches($text)
    }};
}
pub(crate) use any_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_unicode_classes() {
        assert_eq!(
            ascii(r"\bweek\s*\d+"),
            r"(?-u:\b)week[\t\n\x0B\x0C\r\x20]*[0-9]+"
        );
        assert_eq!(ascii(r"[\w&/ -]"), r"[0-9A-Za-z_&/ -]");
        assert_eq!(ascii(r"[^\]\s]"), r"[^\]\t\n\x0B\x0C\r\x20]");
        assert_eq!(ascii(r"\$\("), r"\$\(");
    }

    #[test]
    fn word_lists_match_whole_words() {
        static L: WordList = WordList::new(&["goals", "we'll know"]);
        assert!(L.matches("q3 goals"));
        assert!(L.matches("**goals**"));
        assert!(L.matches("we'll know it"));
        assert!(!L.matches("subgoals"));
        assert!(!L.matches("goalsy"));
        assert!(!L.matches("goals-first"));
        assert!(L.matches("goals-1"));
        assert!(L.matches("goals-"));
        assert!(L.matches("é goals é"));
        assert!(!L.matches("Goals"));
        static OVERLAP: WordList = WordList::new(&["support needed", "needed"]);
        assert!(OVERLAP.matches("support neededx needed"));
        assert!(!OVERLAP.matches("support neededx"));
        assert!(compile(r"\bweek\s+\d").is_match("a week 3"));
    }

    proptest::proptest! {
        /// The automaton agrees with the regex it replaced.
        #[test]
        fn word_lists_agree_with_the_regex(
            parts in proptest::collection::vec(
                proptest::sample::select(&["goal", "s", "-", " ", "1", "é", "x", "we'll know", "_"][..]),
                0..8,
            )
        ) {
            static L: WordList = WordList::new(&["goal", "goals", "we'll know", "s-"]);
            let regex = compile(
                r"(?:^|[^A-Za-z0-9])(?:goal|goals|we'll know|s\-)(?:[^A-Za-z0-9-]|-[^A-Za-z]|-?$)",
            );
            let text = parts.concat();
            proptest::prop_assert_eq!(L.matches(&text), regex.is_match(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        /// The phrase automaton agrees with the `(?i)\b(?:…)\b` regex it replaced.
        #[test]
        fn phrase_lists_agree_with_the_regex(
            parts in proptest::collection::vec(
                proptest::sample::select(
                    &["in", "In", " ", "  ", "\n", "production", "PRODUCTION", "live", "_", "-", "x", "é", "1"][..],
                ),
                0..8,
            )
        ) {
            static P: PhraseList = PhraseList::new(&["live", "in production", "in"]);
            let regex = compile(r"(?i)\b(?:live|in\s+production|in)\b");
            let text = parts.concat();
            proptest::prop_assert_eq!(P.matches(&text), regex.is_match(&text), "{:?}", text);
        }
    }
}
