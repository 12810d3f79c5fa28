//! Regex construction for the core.
//!
//! Goal documents are English prose, so word boundaries and the `\d`, `\s`, `\w` classes are
//! taken in their ASCII sense: with Unicode semantics the regex crate builds far larger
//! automata (milliseconds to compile each) and cannot use its lazy DFA for `\b`, which made
//! regex matching a large share of a lint. [`compile`] rewrites those escapes to ASCII.
//!
//! Lists of words and phrases are matched by Aho-Corasick automata ([`WordLists`],
//! [`PhraseSet`]) rather than regexes; [`read_lists`] reads the lists kept as data
//! (`analysis/phrases.tsv`, `model/vocab.tsv`).

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

/// Lists of words or phrases, each matched as whole words (case-insensitively for lower-case
/// text), all by one Aho-Corasick automaton built when the lists are made: one pass over a text
/// tells which lists it names. Building it costs microseconds; a regex per list cost hundreds,
/// and an automaton per list a pass each.
pub struct WordLists {
    automaton: AhoCorasick,
    /// For each pattern of the automaton, the lists that hold it (bit `i` for list `i`).
    lists: Vec<u64>,
}

impl WordLists {
    /// At most 64 lists.
    pub fn new(lists: &[Vec<&str>]) -> WordLists {
        assert!(lists.len() <= 64, "at most 64 word lists in one automaton");
        let mut patterns: Vec<&str> = Vec::new();
        let mut masks: Vec<u64> = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            for &word in list {
                match patterns.iter().position(|&p| p == word) {
                    Some(j) => masks[j] |= 1 << i,
                    None => {
                        patterns.push(word);
                        masks.push(1 << i);
                    }
                }
            }
        }
        let automaton = AhoCorasick::new(&patterns)
            .unwrap_or_else(|e| panic!("invalid word lists {patterns:?}: {e}"));
        WordLists {
            automaton,
            lists: masks,
        }
    }

    /// The lists (bit `i` for list `i`) with an entry that `text` contains as whole words.
    pub fn named(&self, text: &str) -> u64 {
        // Every occurrence, overlapping ones too: "goals" may fail the boundary test where
        // "goal" in the same place does not.
        let bytes = text.as_bytes();
        self.automaton
            .find_overlapping_iter(text)
            .filter(|m| starts_word(bytes, m.start()) && ends_word(bytes, m.end()))
            .fold(0, |named, m| named | self.lists[m.pattern().as_usize()])
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
/// Aho-Corasick automaton, built when the set is made.
pub struct PhraseSet {
    automaton: AhoCorasick,
}

impl PhraseSet {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseSet {
        PhraseSet {
            automaton: phrase_automaton(phrases),
        }
    }

    /// `text` contains one of the phrases.
    pub fn matches(&self, text: &str) -> bool {
        has_phrase(&self.automaton, text)
    }
}

fn phrase_automaton<'a>(phrases: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    let phrases: Vec<&str> = phrases.into_iter().collect();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&phrases)
        .unwrap_or_else(|e| panic!("invalid phrase list {phrases:?}: {e}"))
}

fn has_phrase(automaton: &AhoCorasick, text: &str) -> bool {
    let text = collapse_whitespace(text);
    let bytes = text.as_bytes();
    automaton
        .find_overlapping_iter(text.as_ref())
        .any(|m| word_boundary(bytes, m.start()) && word_boundary(bytes, m.end()))
}

/// Named lists of words and phrases kept as data: one `list<TAB>entry` row each, blank lines
/// and `#` comments skipped. Returns the entries of each of `names`, in that order, or every
/// problem with its line: an unknown list, an entry not in lower case or with spaces around
/// it, an entry given twice in one list, a list with no entries.
pub fn read_lists(
    file: &str,
    source: &'static str,
    names: &[&str],
) -> Result<Vec<Vec<&'static str>>, Vec<String>> {
    let mut lists: Vec<Vec<&'static str>> = vec![Vec::new(); names.len()];
    let mut problems = Vec::new();
    for (i, text) in source.lines().enumerate() {
        let line = i + 1;
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        let Some((name, entry)) = text.split_once('\t') else {
            problems.push(format!(
                "{file}:{line}: expected a list name, a tab and an entry"
            ));
            continue;
        };
        let Some(index) = names.iter().position(|&n| n == name) else {
            problems.push(format!("{file}:{line}: unknown list {name:?}"));
            continue;
        };
        if entry.is_empty()
            || entry.contains('\t')
            || entry.trim() != entry
            || entry.to_lowercase() != entry
        {
            problems.push(format!(
                "{file}:{line}: {entry:?}: an entry is written in lower case, with no spaces or \
                 tabs around it"
            ));
        } else if lists[index].contains(&entry) {
            problems.push(format!("{file}:{line}: {entry:?} is in {name} twice"));
        } else {
            lists[index].push(entry);
        }
    }
    for (name, list) in names.iter().zip(&lists) {
        if list.is_empty() {
            problems.push(format!("{file}: list {name} has no entries"));
        }
    }
    if problems.is_empty() {
        Ok(lists)
    } else {
        Err(problems)
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

/// Tests of a pattern: it matches every text of `matching` and none of `not_matching`.
#[cfg(test)]
pub(crate) fn matches_exactly(pattern: &Regex, matching: &[&str], not_matching: &[&str]) {
    for text in matching {
        assert!(pattern.is_match(text), "should match: {text}");
    }
    for text in not_matching {
        assert!(!pattern.is_match(text), "should not match: {text}");
    }
}

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

    /// One list.
    struct WordSet(WordLists);

    impl WordSet {
        fn new<const N: usize>(words: [&str; N]) -> WordSet {
            WordSet(WordLists::new(&[words.to_vec()]))
        }

        fn matches(&self, text: &str) -> bool {
            self.0.named(text) != 0
        }
    }

    #[test]
    fn word_lists_match_whole_words() {
        let l = WordSet::new(["goals", "we'll know"]);
        assert!(l.matches("q3 goals"));
        assert!(l.matches("**goals**"));
        assert!(l.matches("we'll know it"));
        assert!(!l.matches("subgoals"));
        assert!(!l.matches("goalsy"));
        assert!(!l.matches("goals-first"));
        assert!(l.matches("goals-1"));
        assert!(l.matches("goals-"));
        assert!(l.matches("é goals é"));
        assert!(!l.matches("Goals"));
        let overlap = WordSet::new(["support needed", "needed"]);
        assert!(overlap.matches("support neededx needed"));
        assert!(!overlap.matches("support neededx"));
        // Several lists, one entry in two of them: each text names the lists it matches.
        let lists = WordLists::new(&[vec!["goals", "plan"], vec!["plan"], vec!["okrs"]]);
        assert_eq!(lists.named("q3 plan"), 0b011);
        assert_eq!(lists.named("goals and okrs"), 0b101);
        assert_eq!(lists.named("planning"), 0);
        assert!(compile(r"\bweek\s+\d").is_match("a week 3"));
    }

    #[test]
    fn reads_named_lists() {
        let lists = read_lists("t.tsv", "# c\n\na\tx\nb\ty z\na\tw\n", &["a", "b"]);
        assert_eq!(lists, Ok(vec![vec!["x", "w"], vec!["y z"]]));
        assert_eq!(
            read_lists("t.tsv", "a\tx\na\tx\nc\ty\na\tX\na\n", &["a", "b"]).unwrap_err(),
            [
                "t.tsv:2: \"x\" is in a twice",
                "t.tsv:3: unknown list \"c\"",
                "t.tsv:4: \"X\": an entry is written in lower case, with no spaces or tabs around it",
                "t.tsv:5: expected a list name, a tab and an entry",
                "t.tsv: list b has no entries",
            ]
        );
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
            let l = WordSet::new(["goal", "goals", "we'll know", "s-"]);
            let regex = compile(
                r"(?:^|[^A-Za-z0-9])(?:goal|goals|we'll know|s\-)(?:[^A-Za-z0-9-]|-[^A-Za-z]|-?$)",
            );
            let text = parts.concat();
            proptest::prop_assert_eq!(l.matches(&text), regex.is_match(&text), "{:?}", text);
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
            let p = PhraseSet::new(["live", "in production", "in"]);
            let regex = compile(r"(?i)\b(?:live|in\s+production|in)\b");
            let text = parts.concat();
            proptest::prop_assert_eq!(p.matches(&text), regex.is_match(&text), "{:?}", text);
        }
    }
}
