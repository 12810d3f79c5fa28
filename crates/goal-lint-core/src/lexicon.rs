//! The vocabulary behind the statement analysis, kept as data in `lexicon.tsv`: one row per
//! word and part of speech, with its tags (one per property: `vague-verb`, `artifact`, …) and
//! the inflections that share them. The file is read once, on first use, into a map from each
//! written form to its tags; the statement analysis asks that map, never a list, and so does
//! the model where a heading's first word matters (`model::vocab::states_a_goal`).
//!
//! A user's `extra-vague-verbs` are added by [`UserWords`] under their own tag,
//! [`Tag::ExtraVagueVerb`], which the data file may not use.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use crate::text::FastHash;

/// The data, compiled into the binary.
const SOURCE: &str = include_str!("lexicon.tsv");

/// Parts of speech. Each tag belongs to one, so a word with a verb and a noun sense
/// ("support", "release") has one row for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    Verb,
    Noun,
    /// An adjective or an adverb.
    Mod,
    /// Articles, pronouns, auxiliaries, prepositions, conjunctions.
    Function,
    Number,
}

impl Pos {
    fn parse(name: &str) -> Option<Pos> {
        Some(match name {
            "verb" => Pos::Verb,
            "noun" => Pos::Noun,
            "mod" => Pos::Mod,
            "function" => Pos::Function,
            "number" => Pos::Number,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Pos::Verb => "verb",
            Pos::Noun => "noun",
            Pos::Mod => "mod",
            Pos::Function => "function",
            Pos::Number => "number",
        }
    }
}

/// The properties a word can have. `lexicon.tsv` explains each one in its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    AlwaysVagueVerb,
    VagueVerb,
    DoneVerb,
    CoordinatedVerb,
    SelfEvidentVerb,
    ProductionVerb,
    MeetingVerb,
    OwnershipVerb,
    JointVerb,
    Artifact,
    AbstractNoun,
    VagueHead,
    Person,
    DeliveryNoun,
    Attainment,
    Role,
    VagueModifier,
    Adverbial,
    Filler,
    ObjectEnd,
    Particle,
    Number,
    Auxiliary,
    Finite,
    Copula,
    SentenceVerb,
    LinkingVerb,
    ChangeVerb,
    Pronoun,
    SubjectPronoun,
    LightVerb,
    AttainmentVerb,
    ConformingVerb,
    ComparisonVerb,
    HelpingVerb,
    ResultativeVerb,
    ReachingVerb,
    DoneParticiple,
    Granted,
    NamingModifier,
    FeatureVerb,
    /// A verb from the user's `extra-vague-verbs`; never in the data file.
    ExtraVagueVerb,
}

impl Tag {
    /// The tags the data file may use.
    pub const IN_DATA: [Tag; 41] = [
        Tag::AlwaysVagueVerb,
        Tag::VagueVerb,
        Tag::DoneVerb,
        Tag::CoordinatedVerb,
        Tag::SelfEvidentVerb,
        Tag::ProductionVerb,
        Tag::MeetingVerb,
        Tag::OwnershipVerb,
        Tag::JointVerb,
        Tag::Artifact,
        Tag::AbstractNoun,
        Tag::VagueHead,
        Tag::Person,
        Tag::DeliveryNoun,
        Tag::Attainment,
        Tag::Role,
        Tag::VagueModifier,
        Tag::Adverbial,
        Tag::Filler,
        Tag::ObjectEnd,
        Tag::Particle,
        Tag::Number,
        Tag::Auxiliary,
        Tag::Finite,
        Tag::Copula,
        Tag::SentenceVerb,
        Tag::LinkingVerb,
        Tag::ChangeVerb,
        Tag::Pronoun,
        Tag::SubjectPronoun,
        Tag::LightVerb,
        Tag::AttainmentVerb,
        Tag::ConformingVerb,
        Tag::ComparisonVerb,
        Tag::HelpingVerb,
        Tag::ResultativeVerb,
        Tag::ReachingVerb,
        Tag::DoneParticiple,
        Tag::Granted,
        Tag::NamingModifier,
        Tag::FeatureVerb,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tag::AlwaysVagueVerb => "always-vague-verb",
            Tag::VagueVerb => "vague-verb",
            Tag::DoneVerb => "done-verb",
            Tag::CoordinatedVerb => "coordinated-verb",
            Tag::SelfEvidentVerb => "self-evident-verb",
            Tag::ProductionVerb => "production-verb",
            Tag::MeetingVerb => "meeting-verb",
            Tag::OwnershipVerb => "ownership-verb",
            Tag::JointVerb => "joint-verb",
            Tag::Artifact => "artifact",
            Tag::AbstractNoun => "abstract-noun",
            Tag::VagueHead => "vague-head",
            Tag::Person => "person",
            Tag::DeliveryNoun => "delivery-noun",
            Tag::Attainment => "attainment",
            Tag::Role => "role",
            Tag::VagueModifier => "vague-modifier",
            Tag::Adverbial => "adverbial",
            Tag::Filler => "filler",
            Tag::ObjectEnd => "object-end",
            Tag::Particle => "particle",
            Tag::Number => "number",
            Tag::Auxiliary => "auxiliary",
            Tag::Finite => "finite",
            Tag::Copula => "copula",
            Tag::SentenceVerb => "sentence-verb",
            Tag::LinkingVerb => "linking-verb",
            Tag::ChangeVerb => "change-verb",
            Tag::Pronoun => "pronoun",
            Tag::SubjectPronoun => "subject-pronoun",
            Tag::LightVerb => "light-verb",
            Tag::AttainmentVerb => "attainment-verb",
            Tag::ConformingVerb => "conforming-verb",
            Tag::ComparisonVerb => "comparison-verb",
            Tag::HelpingVerb => "helping-verb",
            Tag::ResultativeVerb => "resultative-verb",
            Tag::ReachingVerb => "reaching-verb",
            Tag::DoneParticiple => "done-participle",
            Tag::Granted => "granted",
            Tag::NamingModifier => "naming-modifier",
            Tag::FeatureVerb => "feature-verb",
            Tag::ExtraVagueVerb => "extra-vague-verb",
        }
    }

    fn parse(name: &str) -> Option<Tag> {
        Tag::IN_DATA.into_iter().find(|t| t.name() == name)
    }

    /// The part of speech of the words that can carry the tag.
    pub const fn pos(self) -> Pos {
        match self {
            Tag::AlwaysVagueVerb
            | Tag::VagueVerb
            | Tag::DoneVerb
            | Tag::CoordinatedVerb
            | Tag::SelfEvidentVerb
            | Tag::ProductionVerb
            | Tag::MeetingVerb
            | Tag::OwnershipVerb
            | Tag::JointVerb
            | Tag::SentenceVerb
            | Tag::LinkingVerb
            | Tag::ChangeVerb
            | Tag::LightVerb
            | Tag::AttainmentVerb
            | Tag::ConformingVerb
            | Tag::ComparisonVerb
            | Tag::HelpingVerb
            | Tag::ResultativeVerb
            | Tag::ReachingVerb
            | Tag::DoneParticiple
            | Tag::FeatureVerb
            | Tag::ExtraVagueVerb => Pos::Verb,
            Tag::Artifact
            | Tag::AbstractNoun
            | Tag::VagueHead
            | Tag::Person
            | Tag::DeliveryNoun
            | Tag::Attainment
            | Tag::Role => Pos::Noun,
            Tag::VagueModifier | Tag::Adverbial | Tag::Granted | Tag::NamingModifier => Pos::Mod,
            Tag::Filler
            | Tag::ObjectEnd
            | Tag::Particle
            | Tag::Auxiliary
            | Tag::Finite
            | Tag::Copula
            | Tag::Pronoun
            | Tag::SubjectPronoun => Pos::Function,
            Tag::Number => Pos::Number,
        }
    }

    /// Tags about the verb of one construction, most of them a leading imperative ("Create a
    /// plan", "Discuss … with my manager", "Help the team go live"): they hold for the word as
    /// written in the file, not for its inflections.
    fn word_only(self) -> bool {
        matches!(
            self,
            Tag::ProductionVerb
                | Tag::MeetingVerb
                | Tag::OwnershipVerb
                | Tag::JointVerb
                | Tag::LightVerb
                | Tag::AttainmentVerb
                | Tag::ConformingVerb
                | Tag::ComparisonVerb
                | Tag::HelpingVerb
                | Tag::ResultativeVerb
                | Tag::ReachingVerb
                | Tag::FeatureVerb
        )
    }

    const fn bit(self) -> u64 {
        1 << self as u64
    }
}

/// Pairs of tag sets that cannot describe one word, and why: no row may hold a tag of each, nor
/// may the rows of one written form in different parts of speech together.
const CONTRADICTIONS: &[(Tags, Tags, &str)] = &[
    (
        Tags::of(&[Tag::AlwaysVagueVerb]),
        Tags::of(&[Tag::VagueVerb]),
        "a verb is vague whatever its object, or vague only without a concrete one: not both",
    ),
    (
        Tags::of(&[Tag::AlwaysVagueVerb]),
        Tags::of(&[Tag::DoneVerb]),
        "a verb vague whatever its object has no done state; if it starts a new verb after \
         \"and\" or a dash, tag it coordinated-verb",
    ),
    (
        Tags::of(&[Tag::Artifact]),
        Tags::of(&[Tag::AbstractNoun]),
        "a noun names a thing that will exist or a quality or activity: not both",
    ),
    (
        Tags::of(&[Tag::Auxiliary]),
        Tags::of(&[Tag::Finite]),
        "an auxiliary is finite already: tag it auxiliary only",
    ),
    (
        Tags::of(&[Tag::SubjectPronoun]),
        Tags::of(&[Tag::Pronoun]),
        "a subject pronoun is a pronoun already: tag it subject-pronoun only",
    ),
    (
        Tags::of(&[Tag::Pronoun, Tag::SubjectPronoun]),
        Tags::of(&[Tag::Auxiliary, Tag::Finite, Tag::Copula]).union(Tags::of_pos(Pos::Verb)),
        "a pronoun is a sentence's subject, never what it asserts with",
    ),
];

/// A set of tags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tags(u64);

impl Tags {
    pub const fn of(tags: &[Tag]) -> Tags {
        let mut bits = 0;
        let mut i = 0;
        while i < tags.len() {
            bits |= tags[i].bit();
            i += 1;
        }
        Tags(bits)
    }

    /// The tags of the data file that belong to `pos`.
    const fn of_pos(pos: Pos) -> Tags {
        let mut bits = 0;
        let mut i = 0;
        while i < Tag::IN_DATA.len() {
            if Tag::IN_DATA[i].pos() as u8 == pos as u8 {
                bits |= Tag::IN_DATA[i].bit();
            }
            i += 1;
        }
        Tags(bits)
    }

    /// The first tag of the set, in the order of [`Tag::IN_DATA`].
    fn first(self) -> Option<Tag> {
        Tag::IN_DATA.into_iter().find(|&t| self.contains(t))
    }

    const fn intersection(self, other: Tags) -> Tags {
        Tags(self.0 & other.0)
    }

    pub fn contains(self, tag: Tag) -> bool {
        self.0 & tag.bit() != 0
    }

    /// Holds one of `other`'s tags.
    pub fn any(self, other: Tags) -> bool {
        self.0 & other.0 != 0
    }

    fn insert(&mut self, tag: Tag) {
        self.0 |= tag.bit();
    }

    const fn union(self, other: Tags) -> Tags {
        Tags(self.0 | other.0)
    }

    fn without_word_only(self) -> Tags {
        Tags(
            Tag::IN_DATA
                .into_iter()
                .filter(|&t| self.contains(t) && !t.word_only())
                .fold(0, |bits, t| bits | t.bit()),
        )
    }
}

// The properties the statement analysis asks about. Most are one tag; a vague verb is either
// kind, and a verb read as a new one after "and" or a dash is a done or a coordinated verb.
/// Any verb of the lexicon, in any of its forms.
pub const VERB: Tags = Tags::of_pos(Pos::Verb);
/// Any noun of the lexicon.
pub const NOUN: Tags = Tags::of_pos(Pos::Noun);
/// Any adjective or adverb of the lexicon.
pub const MODIFIER: Tags = Tags::of_pos(Pos::Mod);
/// Any article, pronoun, auxiliary, preposition or conjunction of the lexicon.
pub const FUNCTION_WORD: Tags = Tags::of_pos(Pos::Function);
pub const VAGUE_VERB: Tags = Tags::of(&[Tag::AlwaysVagueVerb, Tag::VagueVerb]);
pub const ALWAYS_VAGUE_VERB: Tags = Tags::of(&[Tag::AlwaysVagueVerb]);
pub const DONE_VERB: Tags = Tags::of(&[Tag::DoneVerb, Tag::CoordinatedVerb]);
pub const SELF_EVIDENT_VERB: Tags = Tags::of(&[Tag::SelfEvidentVerb]);
pub const PRODUCTION_VERB: Tags = Tags::of(&[Tag::ProductionVerb]);
pub const MEETING_VERB: Tags = Tags::of(&[Tag::MeetingVerb]);
pub const OWNERSHIP_VERB: Tags = Tags::of(&[Tag::OwnershipVerb]);
pub const JOINT_VERB: Tags = Tags::of(&[Tag::JointVerb]);
pub const ARTIFACT: Tags = Tags::of(&[Tag::Artifact]);
pub const ABSTRACT_NOUN: Tags = Tags::of(&[Tag::AbstractNoun]);
pub const VAGUE_HEAD: Tags = Tags::of(&[Tag::VagueHead]);
pub const PERSON: Tags = Tags::of(&[Tag::Person]);
pub const DELIVERY_NOUN: Tags = Tags::of(&[Tag::DeliveryNoun]);
pub const ATTAINMENT: Tags = Tags::of(&[Tag::Attainment]);
pub const ROLE: Tags = Tags::of(&[Tag::Role]);
pub const VAGUE_MODIFIER: Tags = Tags::of(&[Tag::VagueModifier]);
pub const ADVERBIAL: Tags = Tags::of(&[Tag::Adverbial]);
pub const FILLER: Tags = Tags::of(&[Tag::Filler]);
pub const OBJECT_END: Tags = Tags::of(&[Tag::ObjectEnd]);
pub const PARTICLE: Tags = Tags::of(&[Tag::Particle]);
pub const NUMBER_WORD: Tags = Tags::of(&[Tag::Number]);
pub const AUXILIARY: Tags = Tags::of(&[Tag::Auxiliary]);
/// A word a sentence asserts with: an auxiliary, another finite function word, a sentence verb.
pub const FINITE: Tags = Tags::of(&[Tag::Auxiliary, Tag::Finite, Tag::SentenceVerb]);
pub const COPULA: Tags = Tags::of(&[Tag::Copula, Tag::LinkingVerb]);
pub const CHANGE_VERB: Tags = Tags::of(&[Tag::ChangeVerb]);
pub const PRONOUN: Tags = Tags::of(&[Tag::Pronoun, Tag::SubjectPronoun]);
pub const SUBJECT_PRONOUN: Tags = Tags::of(&[Tag::SubjectPronoun]);
pub const LIGHT_VERB: Tags = Tags::of(&[Tag::LightVerb]);
pub const ATTAINMENT_VERB: Tags = Tags::of(&[Tag::AttainmentVerb]);
pub const CONFORMING_VERB: Tags = Tags::of(&[Tag::ConformingVerb]);
pub const COMPARISON_VERB: Tags = Tags::of(&[Tag::ComparisonVerb]);
pub const HELPING_VERB: Tags = Tags::of(&[Tag::HelpingVerb]);
pub const RESULTATIVE_VERB: Tags = Tags::of(&[Tag::ResultativeVerb]);
/// A verb that states what work done alongside others is for: it reaches a state or a target.
pub const PURPOSE_VERB: Tags = Tags::of(&[Tag::ResultativeVerb, Tag::ReachingVerb]);
pub const DONE_PARTICIPLE: Tags = Tags::of(&[Tag::DoneParticiple]);
pub const GRANTED: Tags = Tags::of(&[Tag::Granted]);
pub const NAMING_MODIFIER: Tags = Tags::of(&[Tag::NamingModifier]);
pub const FEATURE_VERB: Tags = Tags::of(&[Tag::FeatureVerb]);
pub const EXTRA_VAGUE_VERB: Tags = Tags::of(&[Tag::ExtraVagueVerb]);

/// Endings of adjectives ("operational", "repeatable", "useful"): a word with one of them is
/// not read as the thing an object names. Endings, not words, so not in the lexicon.
pub const ADJECTIVE_ENDINGS: &[&str] = &[
    "able", "ible", "al", "ive", "ful", "ous", "less", "ish", "ic",
];

static LEXICON: LazyLock<HashMap<String, Tags, FastHash>> = LazyLock::new(|| match build(SOURCE) {
    Ok(map) => map.into_iter().collect(),
    Err(problems) => {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("lexicon.tsv is invalid:\n{}", list.join("\n"))
    }
});

/// The tags of a written form (lower case, `'` for `’`); none for an unknown word.
pub fn tags(word: &str) -> Tags {
    LEXICON.get(word).copied().unwrap_or_default()
}

/// `word` has one of the tags in `property`.
pub fn has(word: &str, property: Tags) -> bool {
    tags(word).any(property)
}

/// Whether `text` opens (after anything but an ASCII letter) with a verb of the lexicon:
/// `Some(true)` for a form in "-ed", `Some(false)` for another form, `None` for no verb.
pub fn leading_verb(text: &str) -> Option<bool> {
    let word: String = text
        .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    has(&word, VERB).then(|| word.ends_with("ed"))
}

/// Whether `word`, written with `suffix` ("-ed", "-ing"), is a form of a word with `property`:
/// the word itself, or its stem as is, with an "e" ("created" → "create") or with a doubled
/// last letter undone ("shipped" → "ship", a letter of any script: cut at a character
/// boundary). Stems of `min_stem` bytes or fewer are not tried.
pub fn inflection_has(word: &str, suffix: &str, min_stem: usize, property: Tags) -> bool {
    let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() > min_stem) else {
        return false;
    };
    let undoubled = stem
        .char_indices()
        .last()
        .filter(|&(i, c)| stem[..i].ends_with(c))
        .map(|(i, _)| &stem[..i]);
    has(word, property)
        || has(stem, property)
        || has(&format!("{stem}e"), property)
        || undoubled.is_some_and(|u| has(u, property))
}

/// The user's `extra-vague-verbs`, read as rows of the data file would be: a word with the tag
/// [`Tag::ExtraVagueVerb`] and no inflections.
pub struct UserWords {
    extra_vague_verbs: Vec<String>,
}

impl UserWords {
    pub fn new(extra_vague_verbs: &[String]) -> UserWords {
        UserWords {
            extra_vague_verbs: extra_vague_verbs.iter().map(|w| normalize(w)).collect(),
        }
    }

    /// The tags of `word`, the user's added to the lexicon's.
    pub fn tags(&self, word: &str) -> Tags {
        let mut tags = tags(word);
        if self.extra_vague_verbs.iter().any(|v| v == word) {
            tags.insert(Tag::ExtraVagueVerb);
        }
        tags
    }

    pub fn has(&self, word: &str, property: Tags) -> bool {
        self.tags(word).any(property)
    }
}

/// A word as the lexicon keys it: trimmed, lower case, `'` for `’`.
fn normalize(word: &str) -> String {
    word.trim().to_lowercase().replace('’', "'")
}

/// An inflection a row can list in its forms column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inflection {
    /// Plural or third person: -s, -es, -ies.
    S,
    /// Past: -ed, -d, -ied, with a doubled final consonant after a single short vowel.
    Ed,
    /// Present participle: -ing, dropping a silent e, doubling as for `Ed`.
    Ing,
}

impl Inflection {
    fn parse(name: &str) -> Option<Inflection> {
        Some(match name {
            "s" => Inflection::S,
            "ed" => Inflection::Ed,
            "ing" => Inflection::Ing,
            _ => return None,
        })
    }

    fn allowed_for(self, pos: Pos) -> bool {
        match pos {
            Pos::Verb => true,
            Pos::Noun => self == Inflection::S,
            _ => false,
        }
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One syllable ending in consonant, vowel, consonant ("ship", "plan", "set"): the consonant
/// doubles before -ed and -ing. Longer words that double ("submit") spell the form out.
fn doubles(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
        && b.iter().filter(|&&c| is_vowel(c)).count() == 1
}

/// Spell a regular inflection of `word`.
pub fn inflect(word: &str, inflection: Inflection) -> String {
    let last = word.as_bytes().last().copied().unwrap_or(b' ');
    let consonant_y = word.len() >= 2 && last == b'y' && !is_vowel(word.as_bytes()[word.len() - 2]);
    match inflection {
        Inflection::S => {
            if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
                format!("{word}es")
            } else if consonant_y {
                format!("{}ies", &word[..word.len() - 1])
            } else {
                format!("{word}s")
            }
        }
        Inflection::Ed => {
            if last == b'e' {
                format!("{word}d")
            } else if consonant_y {
                format!("{}ied", &word[..word.len() - 1])
            } else if doubles(word) {
                format!("{word}{}ed", last as char)
            } else {
                format!("{word}ed")
            }
        }
        Inflection::Ing => {
            if let Some(stem) = word.strip_suffix("ie") {
                format!("{stem}ying")
            } else if last == b'e'
                && word.len() > 2
                && !["ee", "ye", "oe"].iter().any(|e| word.ends_with(e))
            {
                format!("{}ing", &word[..word.len() - 1])
            } else if doubles(word) {
                format!("{word}{}ing", last as char)
            } else {
                format!("{word}ing")
            }
        }
    }
}

/// A row of the data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub word: String,
    pub pos: Pos,
    pub tags: Tags,
    /// Each inflection with its spelling: generated, or given as `ed=built`.
    pub forms: Vec<(Inflection, String)>,
}

impl Row {
    /// Every written form of the row with its tags.
    fn written(&self) -> impl Iterator<Item = (&str, Tags)> {
        std::iter::once((self.word.as_str(), self.tags)).chain(
            self.forms
                .iter()
                .map(|(_, form)| (form.as_str(), self.tags.without_word_only())),
        )
    }
}

/// A problem in the data file, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lexicon.tsv:{}: {}", self.line, self.message)
    }
}

/// A pair of contradictory tags in `tags`, with why they contradict.
fn contradiction(tags: Tags) -> Option<(Tag, Tag, &'static str)> {
    CONTRADICTIONS.iter().find_map(|&(a, b, why)| {
        Some((
            tags.intersection(a).first()?,
            tags.intersection(b).first()?,
            why,
        ))
    })
}

/// Read the rows of the data file; blank lines and `#` comments are skipped.
pub fn parse(source: &str) -> Result<Vec<Row>, Vec<Problem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, text) in source.lines().enumerate() {
        let line = i + 1;
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        match parse_row(line, text) {
            Ok(row) => rows.push(row),
            Err(message) => problems.push(Problem { line, message }),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn parse_row(line: usize, text: &str) -> Result<Row, String> {
    let fields: Vec<&str> = text.split('\t').collect();
    if !(3..=4).contains(&fields.len()) {
        return Err(format!(
            "expected word, part of speech, tags and optional forms separated by tabs, found {} field(s)",
            fields.len()
        ));
    }
    let word = fields[0];
    if word.is_empty() || word != normalize(word) {
        return Err(format!(
            "{word:?}: a word is written in lower case, with no spaces around it"
        ));
    }
    let pos = Pos::parse(fields[1])
        .ok_or_else(|| format!("{word}: unknown part of speech {:?}", fields[1]))?;
    let mut tags = Tags::default();
    for name in fields[2].split_whitespace() {
        let tag = Tag::parse(name).ok_or_else(|| format!("{word}: unknown tag {name:?}"))?;
        if tag.pos() != pos {
            return Err(format!(
                "{word}: {name} is a tag for a {}, this row is a {}",
                tag.pos().name(),
                pos.name()
            ));
        }
        if tags.contains(tag) {
            return Err(format!("{word}: tag {name} twice"));
        }
        tags.insert(tag);
    }
    if tags == Tags::default() {
        return Err(format!("{word}: no tags"));
    }
    if let Some((a, b, why)) = contradiction(tags) {
        return Err(format!(
            "{word}: {} contradicts {}: {why}",
            a.name(),
            b.name()
        ));
    }
    let mut forms = Vec::new();
    for spec in fields.get(3).copied().unwrap_or("").split_whitespace() {
        let (name, spelled) = match spec.split_once('=') {
            Some((name, spelled)) => (name, Some(spelled)),
            None => (spec, None),
        };
        let inflection =
            Inflection::parse(name).ok_or_else(|| format!("{word}: unknown form {spec:?}"))?;
        if !inflection.allowed_for(pos) {
            return Err(format!("{word}: a {} has no {name} form", pos.name()));
        }
        let form = spelled.map_or_else(|| inflect(word, inflection), str::to_string);
        if spelled.is_some_and(|s| s == inflect(word, inflection)) {
            return Err(format!(
                "{word}: {spec} is the regular spelling; write {name}"
            ));
        }
        forms.push((inflection, form));
    }
    Ok(Row {
        line,
        word: word.to_string(),
        pos,
        tags,
        forms,
    })
}

/// The map from written forms to tags, or every problem: unreadable rows, a word and part of
/// speech given twice, a form spelled by two rows of one part of speech, contradictory tags
/// on the rows of one form in different parts of speech.
pub fn build(source: &str) -> Result<HashMap<String, Tags>, Vec<Problem>> {
    let rows = parse(source)?;
    let mut problems = Vec::new();
    let mut defined: HashMap<(&str, Pos), (usize, &str)> = HashMap::new();
    // The first row that spelled each form, in any part of speech.
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut map: HashMap<String, Tags> = HashMap::with_capacity(rows.len() * 2);
    for row in &rows {
        for (form, tags) in row.written() {
            if let Some(&(line, by)) = defined.get(&(form, row.pos)) {
                let what = if by == form {
                    "a row".to_string()
                } else {
                    format!("a form of {by:?}")
                };
                problems.push(Problem {
                    line: row.line,
                    message: format!(
                        "{form:?} ({}) is already {what} on line {line}: one row per word and part of speech",
                        row.pos.name()
                    ),
                });
                continue;
            }
            defined.insert((form, row.pos), (row.line, row.word.as_str()));
            let entry = map.entry(form.to_string()).or_default();
            *entry = entry.union(tags);
            let first = *first_line.entry(form).or_insert(row.line);
            if let Some((a, b, why)) = contradiction(*entry) {
                problems.push(Problem {
                    line: row.line,
                    message: format!(
                        "{form:?}: {} contradicts {} (with the row on line {first}): {why}",
                        a.name(),
                        b.name()
                    ),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_is_valid() {
        if let Err(problems) = build(SOURCE) {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("{}", list.join("\n"));
        }
    }

    #[test]
    fn forms_follow_the_suffix_rules() {
        use Inflection::*;
        for (word, inflection, form) in [
            ("ship", Ed, "shipped"),
            ("ship", Ing, "shipping"),
            ("plan", S, "plans"),
            ("release", Ed, "released"),
            ("release", Ing, "releasing"),
            ("fix", S, "fixes"),
            ("fix", Ing, "fixing"),
            ("strategy", S, "strategies"),
            ("apply", Ed, "applied"),
            ("deploy", Ed, "deployed"),
            ("tie", Ing, "tying"),
            ("see", Ing, "seeing"),
            ("open", Ing, "opening"),
            ("launch", S, "launches"),
        ] {
            assert_eq!(inflect(word, inflection), form, "{word} {inflection:?}");
        }
    }

    #[test]
    fn words_and_forms_carry_their_tags() {
        assert!(has("improve", ALWAYS_VAGUE_VERB));
        assert!(has("improving", ALWAYS_VAGUE_VERB));
        assert!(has("deliver", VAGUE_VERB) && has("deliver", DONE_VERB));
        assert!(!has("deliver", ALWAYS_VAGUE_VERB));
        assert!(has("shipped", DONE_VERB) && !has("shipped", SELF_EVIDENT_VERB));
        // A production verb describes a leading imperative: its inflections are not one.
        assert!(has("build", PRODUCTION_VERB) && !has("building", PRODUCTION_VERB));
        assert!(has("building", VAGUE_VERB) && has("building", DONE_VERB));
        // "writing" is vague; "write" is not.
        assert!(has("writing", VAGUE_VERB) && !has("write", VAGUE_VERB));
        assert!(has("release", ARTIFACT) && has("release", DONE_VERB));
        assert!(!has("zyzzyva", ARTIFACT));
        // A sentence verb's -s form is generated; a form its word lacks a property for has its
        // own row ("gets" asserts a sentence, "get" does not; "uses" is not vague as "use" is).
        assert!(has("knows", FINITE) && has("know", FINITE) && has("relies", FINITE));
        assert!(has("gets", FINITE) && !has("get", FINITE));
        assert!(has("uses", FINITE) && !has("uses", VAGUE_VERB) && has("use", VAGUE_VERB));
        // Auxiliaries are finite; "does" is finite but no auxiliary.
        assert!(has("isn't", AUXILIARY) && has("isn't", FINITE) && has("isn't", COPULA));
        assert!(has("does", FINITE) && !has("does", AUXILIARY));
        assert!(has("we", PRONOUN) && has("we", SUBJECT_PRONOUN) && !has("it", SUBJECT_PRONOUN));
        // A verb's tag for one construction holds for the word only.
        assert!(has("refactor", CONFORMING_VERB) && !has("refactoring", CONFORMING_VERB));
        assert!(has("drops", CHANGE_VERB) && has("drop", CHANGE_VERB));
        assert!(has("built", DONE_PARTICIPLE) && !has("built", DONE_VERB));
    }

    #[test]
    fn rejects_duplicates_and_contradictions() {
        let problems = |source: &str| -> Vec<String> {
            build(source)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.to_string())
                .collect()
        };
        assert_eq!(
            problems("ship\tverb\tdone-verb\ted\nship\tverb\tself-evident-verb\n"),
            [
                "lexicon.tsv:2: \"ship\" (verb) is already a row on line 1: one row per word and part of speech"
            ]
        );
        assert_eq!(
            problems("ship\tverb\tdone-verb\ted\nshipped\tverb\tdone-verb\n"),
            [
                "lexicon.tsv:2: \"shipped\" (verb) is already a form of \"ship\" on line 1: one row per word and part of speech"
            ]
        );
        // One word in two parts of speech is two rows, not a duplicate.
        assert!(problems("release\tverb\tdone-verb\nrelease\tnoun\tartifact\n").is_empty());
        let contradiction = problems("improve\tverb\talways-vague-verb done-verb\n");
        assert_eq!(contradiction.len(), 1);
        assert!(
            contradiction[0].starts_with(
                "lexicon.tsv:1: improve: always-vague-verb contradicts done-verb: a verb vague whatever its object has no done state"
            ),
            "{contradiction:?}"
        );
        assert!(problems("sdk\tnoun\tartifact abstract-noun\n")[0].contains("contradicts"));
        // Tags for the shape of a sentence: one implies the other, or a pronoun is no verb.
        assert!(problems("is\tfunction\tauxiliary finite\n")[0].ends_with(
            "auxiliary contradicts finite: an auxiliary is finite already: tag it auxiliary only"
        ));
        assert!(
            problems("we\tfunction\tpronoun subject-pronoun\n")[0]
                .contains("subject-pronoun contradicts pronoun")
        );
        assert!(
            problems("it\tfunction\tpronoun copula\n")[0]
                .contains("pronoun contradicts copula: a pronoun is a sentence's subject")
        );
        // Across parts of speech: the rows of one written form together.
        assert_eq!(
            problems("it\tfunction\tpronoun\nit\tverb\tsentence-verb\ts\n"),
            [
                "lexicon.tsv:2: \"it\": pronoun contradicts sentence-verb (with the row on line 1): a pronoun is a sentence's subject, never what it asserts with"
            ]
        );
        assert!(problems("have\tfunction\tauxiliary\nhave\tverb\tvague-verb\n").is_empty());
        assert!(problems("it\tfunction\tpronoun\nit\tnoun\tartifact\n").is_empty());
        assert!(problems("sdk\tnoun\tdone-verb\n")[0].contains("a tag for a verb"));
        assert!(problems("sdk\tnoun\tartifact\ted\n")[0].contains("has no ed form"));
        assert!(problems("Ship\tverb\tdone-verb\n")[0].contains("lower case"));
        assert!(problems("ship\tverb\textra-vague-verb\n")[0].contains("unknown tag"));
    }

    #[test]
    fn irregular_forms_are_spelled_out() {
        let map = build("build\tverb\tdone-verb\ted=built ing\n").expect("valid");
        assert!(map["built"].contains(Tag::DoneVerb));
        assert!(map["building"].contains(Tag::DoneVerb));
        assert!(!map.contains_key("builded"));
        assert!(
            build("ship\tverb\tdone-verb\ted=shipped\n").unwrap_err()[0]
                .message
                .contains("regular spelling")
        );
    }

    #[test]
    fn user_words_get_their_own_tag() {
        let user = UserWords::new(&[" Wrangle".to_string()]);
        assert!(user.has("wrangle", EXTRA_VAGUE_VERB));
        assert!(!user.has("wrangle", VAGUE_VERB));
        assert!(!user.has("wrangling", EXTRA_VAGUE_VERB));
        assert!(user.has("improve", ALWAYS_VAGUE_VERB));
        assert!(!UserWords::new(&[]).has("wrangle", EXTRA_VAGUE_VERB));
    }
}
