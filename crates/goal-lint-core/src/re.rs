//! Regex construction for the core.
//!
//! Goal documents are English prose, so word boundaries and the `\d`, `\s`, `\w` classes are
//! taken in their ASCII sense: with Unicode semantics the regex crate builds far larger
//! automata (milliseconds to compile each) and cannot use its lazy DFA for `\b`, which made
//! regex matching a large share of a lint. [`compile`] rewrites those escapes to ASCII.

use std::sync::OnceLock;

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
/// compiled on first use, once per process.
pub struct WordList {
    words: &'static [&'static str],
    regex: OnceLock<Regex>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            regex: OnceLock::new(),
        }
    }

    pub fn matches(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| {
                let alternatives: Vec<String> =
                    self.words.iter().map(|w| regex::escape(w)).collect();
                // "goal-lint", "goal-setting": the first half of a compound is not the word.
                compile(&format!(
                    r"(?:^|[^A-Za-z0-9])(?:{})(?:[^A-Za-z0-9-]|-[^A-Za-z]|-?$)",
                    alternatives.join("|")
                ))
            })
            .is_match(text)
    }
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
        assert!(compile(r"\bweek\s+\d").is_match("a week 3"));
    }
}
