//! The built-in English lexicon: language knowledge as data, not code.
//!
//! Event verbs and nouns, role nouns, hedges, attribution verbs, titles and boilerplate cues
//! live in TOML files under `src/lexicon/` and are embedded in the binary with
//! `include_str!`, so a new story needs no code change and a user can read what Concord
//! knows. Each recognizer that owns a lexicon file (numbers, dates) loads it through
//! [`parse_embedded`]; the sections shared by several stages are gathered in [`Lexicon`].

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A set of lowercase lexicon words with a fast fixed hasher (lookups are the hot path; the
/// order of iteration is never used).
pub type WordSet = std::collections::HashSet<String, crate::hash::FnvBuildHasher>;
use std::sync::OnceLock;

/// Parses an embedded lexicon file. The files are part of the binary and are checked by the
/// test suite, so a parse failure here is a build defect, reported with the file name.
pub fn parse_embedded<T: DeserializeOwned>(name: &str, text: &str) -> T {
    match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("embedded lexicon file {name} is invalid: {e}"),
    }
}

/// Titles, function words and organization heads used to read and compare names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    /// Abbreviation or variant -> canonical title ("gov" -> "governor").
    pub titles: BTreeMap<String, String>,
    /// Modifiers that make a different role: "deputy police chief" is not "police chief".
    pub distinguishing: WordSet,
    /// Words ignored when comparing names ("the", "of", "and").
    pub function_words: WordSet,
    /// Capitalized words that do not start a name (sentence-initial determiners, pronouns...).
    pub not_names: WordSet,
    /// Head nouns that make a capitalized phrase an organization ("Office", "Police").
    pub organization_heads: WordSet,
    /// Generic nouns for groups and officials that may stand as participants ("police").
    pub group_nouns: WordSet,
    /// Common words that carry no information about which event a sentence is about.
    pub stopwords: WordSet,
    /// Prepositions that introduce a place ("in", "near").
    pub place_prepositions: WordSet,
    /// Abbreviations that end with a period without ending a sentence.
    pub abbreviations: WordSet,
    /// Abbreviations only when a number follows ("No. 5").
    pub numeric_abbreviations: WordSet,
}

impl Entities {
    pub fn canonical_title(&self, word: &str) -> Option<String> {
        self.titles.get(word.trim_end_matches('.')).cloned()
    }
    pub fn is_title(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.').to_lowercase();
        self.titles.contains_key(&w) || self.titles.values().any(|t| *t == w)
    }
    pub fn is_distinguishing(&self, word: &str) -> bool {
        self.distinguishing.contains(word)
    }
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }
}

/// One event type: the words that trigger it and the family it belongs to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    /// Machine name: "raid", "detain", "crash".
    pub name: String,
    /// Events of one family may describe one happening ("shootdown" and "crash").
    #[serde(default)]
    pub family: Option<String>,
    /// Verb lemmas; regular inflections are generated ("raid" -> raids, raided, raiding).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Irregular or multi-word verb forms, written out ("shot down", "took into custody").
    #[serde(default)]
    pub forms: Vec<String>,
    /// Nouns naming the event ("raid", "crash", "apology").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// True for incidents that casualty counts attach to (crash, shooting, raid).
    #[serde(default)]
    pub incident: bool,
    /// True when the subject undergoes the event rather than does it ("two workers died",
    /// "the suspect surrendered"): the subject is the target, not the agent.
    #[serde(default)]
    pub subject_undergoes: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Events {
    #[serde(rename = "event")]
    pub types: Vec<EventType>,
    /// Nouns that make a trigger noun before them a modifier ("fire department").
    pub compound_heads: WordSet,
    /// Words shortly before a trigger or value that point at another incident ("another
    /// child was shot", "an earlier shooting").
    pub other_incident_markers: WordSet,
}

/// A counted role: the attribute a number gets from the words around it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Attribute name: "killed", "injured", "detained", "passengers".
    pub attribute: String,
    /// Participles/verbs that give a preceding number this role ("38 were killed").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Nouns that make a number this role ("38 deaths", "the deaths of 38", "a toll of 38").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Counted nouns that are this role by themselves ("67 passengers").
    #[serde(default)]
    pub counted: Vec<String>,
    /// The event a claim of this role belongs to when the sentence names none.
    #[serde(default)]
    pub default_event: Option<String>,
    /// Cue verbs that never take an object ("died", "dead"): the word before is the subject.
    #[serde(default)]
    pub intransitive: Vec<String>,
    /// Phrases that imply at least one of this role ("a fatal shooting", "the death of").
    #[serde(default)]
    pub implies_one: Vec<String>,
    /// `verbs` indexed for matching at a token.
    #[serde(skip)]
    pub verb_set: PhraseSet,
    /// `implies_one` indexed for matching at a token.
    #[serde(skip)]
    pub implies_one_set: PhraseSet,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    #[serde(rename = "role")]
    pub roles: Vec<Role>,
    /// Nouns that count people and take their role from a verb ("people", "men").
    pub person_nouns: WordSet,
    /// Degree words that make a count part of a total ("two were critically injured").
    pub subset_qualifiers: WordSet,
    /// Singular personal pronouns that can be the subject of a casualty verb ("he died").
    pub singular_pronouns: WordSet,
    /// Phrases that say whom a count includes, so two counts may differ by scope.
    pub scope_phrases: Vec<String>,
    /// Words near a count that make it a part of the victims ("also", "others").
    pub partial_markers: WordSet,
}

/// Attribution cues: who holds a claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Reporting verbs ("said", "told", "claimed"), as written in text.
    pub verbs: WordSet,
    /// Multi-word cues introducing a holder ("according to").
    pub phrases: Vec<String>,
    /// Reporting verbs that also mark the content as contested ("claimed", "alleged").
    pub contested: WordSet,
}

/// Words that change a claim's modality.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    pub hedges: WordSet,
    pub hedge_phrases: Vec<String>,
    pub negations: WordSet,
    /// Cues that a figure is an update of an earlier one ("rose to", "earlier reports").
    pub update_phrases: Vec<String>,
}

/// Cues that a line is page furniture, not article text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Whole lines (lowercased, trimmed) that are navigation or furniture.
    pub lines: WordSet,
    /// Line prefixes that mark captions, credits and furniture.
    pub prefixes: Vec<String>,
    /// Lines after which the rest of the text is comments or related links.
    pub tail_markers: WordSet,
}

/// The shared sections of the built-in lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub entities: Entities,
    pub events: Events,
    pub roles: Roles,
    pub attribution: Attribution,
    pub modality: Modality,
    pub boilerplate: Boilerplate,
}

/// The built-in lexicon, parsed once.
pub fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        entities: parse_embedded("entities.toml", include_str!("lexicon/entities.toml")),
        events: parse_embedded("events.toml", include_str!("lexicon/events.toml")),
        roles: {
            let mut roles: Roles = parse_embedded("roles.toml", include_str!("lexicon/roles.toml"));
            for r in &mut roles.roles {
                r.verb_set = PhraseSet::new(&r.verbs);
                r.implies_one_set = PhraseSet::new(&r.implies_one);
            }
            roles
        },
        attribution: parse_embedded("attribution.toml", include_str!("lexicon/attribution.toml")),
        modality: parse_embedded("modality.toml", include_str!("lexicon/modality.toml")),
        boilerplate: parse_embedded("boilerplate.toml", include_str!("lexicon/boilerplate.toml")),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_lexicon_parses() {
        let lex = super::get();
        assert!(lex.events.types.iter().any(|e| e.name == "raid"));
        assert!(lex.entities.titles.contains_key("gov"));
    }
}

/// Multi-word phrases indexed by their first word, for matching at a token position without
/// re-splitting phrase strings in the inner loop.
#[derive(Debug, Default)]
pub struct PhraseSet {
    by_first: std::collections::HashMap<String, Vec<Vec<String>>, crate::hash::FnvBuildHasher>,
}

impl PhraseSet {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> PhraseSet {
        let mut set = PhraseSet::default();
        for p in phrases {
            let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first().cloned() {
                set.by_first.entry(first).or_default().push(words);
            }
        }
        for list in set.by_first.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        set
    }

    /// The number of tokens of the longest phrase starting at `tokens[k]`.
    pub fn longest_at(&self, tokens: &[crate::token::Token], k: usize) -> Option<usize> {
        let first = tokens.get(k)?;
        let mut buf = [0u8; 64];
        let lower = crate::recognize::numbers::ascii_lower(first.text, &mut buf)?;
        self.by_first.get(lower)?.iter().find_map(|words| {
            words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(m, w)| tokens.get(k + m).is_some_and(|t| t.is(w)))
                .then_some(words.len())
        })
    }
}

/// True when `set` holds the lowercase form of `word`, without allocating.
pub fn contains_lower(set: &WordSet, word: &str) -> bool {
    let mut buf = [0u8; 64];
    crate::recognize::numbers::ascii_lower(word, &mut buf).is_some_and(|w| set.contains(w))
}
