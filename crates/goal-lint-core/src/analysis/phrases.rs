//! The word lists of the statement analysis that belong to one construction rather than to the
//! words ("before a number, makes it a label": "step", "week", "Python"), kept as data in
//! `phrases.tsv` beside the lexicon, which holds the properties of words. The file is read
//! once, on first use; its header documents each list.

use std::sync::LazyLock;

use crate::re::{PhraseSet, read_lists};

/// The data, compiled into the binary.
const SOURCE: &str = include_str!("phrases.tsv");

/// A list of `phrases.tsv`; the file documents what each holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Observable,
    ProjectEnd,
    Numbering,
    NotCountedAfterDigit,
    NumberNotACount,
    NotCountedAfter,
    NotCountedBefore,
    NotAnAcronym,
    Abbreviation,
    NoFiniteVerbAfter,
    NounListLink,
    NoClauseSubject,
    NotInAName,
    NotTheHelped,
    GrantingVerb,
    QualityBeforeTo,
    PersonFiller,
    OwnedDeterminer,
    VerbLink,
    VagueComplement,
    CapabilityModal,
    GenericSubject,
    OneArticle,
}

impl List {
    const ALL: [List; 23] = [
        List::Observable,
        List::ProjectEnd,
        List::Numbering,
        List::NotCountedAfterDigit,
        List::NumberNotACount,
        List::NotCountedAfter,
        List::NotCountedBefore,
        List::NotAnAcronym,
        List::Abbreviation,
        List::NoFiniteVerbAfter,
        List::NounListLink,
        List::NoClauseSubject,
        List::NotInAName,
        List::NotTheHelped,
        List::GrantingVerb,
        List::QualityBeforeTo,
        List::PersonFiller,
        List::OwnedDeterminer,
        List::VerbLink,
        List::VagueComplement,
        List::CapabilityModal,
        List::GenericSubject,
        List::OneArticle,
    ];

    fn name(self) -> &'static str {
        match self {
            List::Observable => "observable",
            List::ProjectEnd => "project-end",
            List::Numbering => "numbering",
            List::NotCountedAfterDigit => "not-counted-after-digit",
            List::NumberNotACount => "number-not-a-count",
            List::NotCountedAfter => "not-counted-after",
            List::NotCountedBefore => "not-counted-before",
            List::NotAnAcronym => "not-an-acronym",
            List::Abbreviation => "abbreviation",
            List::NoFiniteVerbAfter => "no-finite-verb-after",
            List::NounListLink => "noun-list-link",
            List::NoClauseSubject => "no-clause-subject",
            List::NotInAName => "not-in-a-name",
            List::NotTheHelped => "not-the-helped",
            List::GrantingVerb => "granting-verb",
            List::QualityBeforeTo => "quality-before-to",
            List::PersonFiller => "person-filler",
            List::OwnedDeterminer => "owned-determiner",
            List::VerbLink => "verb-link",
            List::VagueComplement => "vague-complement",
            List::CapabilityModal => "capability-modal",
            List::GenericSubject => "generic-subject",
            List::OneArticle => "one-article",
        }
    }
}

struct Lists {
    /// The entries of each list, by [`List`] index.
    entries: Vec<Vec<&'static str>>,
    observable: PhraseSet,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let entries = read(SOURCE)
        .unwrap_or_else(|problems| panic!("phrases.tsv is invalid:\n{}", problems.join("\n")));
    let observable = PhraseSet::new(entries[List::Observable as usize].iter().copied());
    Lists {
        entries,
        observable,
    }
});

fn read(source: &'static str) -> Result<Vec<Vec<&'static str>>, Vec<String>> {
    let names = List::ALL.map(List::name);
    read_lists("phrases.tsv", source, &names)
}

/// `word` (one word, in lower case) is in `list`.
pub fn is(word: &str, list: List) -> bool {
    LISTS.entries[list as usize].contains(&word)
}

/// `text` starts with an entry of `list`.
pub fn starts_with(text: &str, list: List) -> bool {
    LISTS.entries[list as usize]
        .iter()
        .any(|entry| text.starts_with(entry))
}

/// `text` names an observable end state ("is live", "approved", "no longer").
pub fn observable(text: &str) -> bool {
    LISTS.observable.matches(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_is_valid() {
        if let Err(problems) = read(SOURCE) {
            panic!("{}", problems.join("\n"));
        }
        for (i, list) in List::ALL.into_iter().enumerate() {
            assert_eq!(list as usize, i, "List::ALL is in declaration order");
        }
    }

    #[test]
    fn lists_answer() {
        assert!(is("step", List::Numbering) && !is("steps", List::Numbering));
        assert!(starts_with("to launch by q3", List::ProjectEnd));
        assert!(observable("The SDK is LIVE") && observable("in  production"));
        assert!(!observable("liveness"));
    }
}
