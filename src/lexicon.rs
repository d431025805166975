//! The built-in English lexicon: language knowledge as data, not code.
//!
//! Event verbs and nouns, role nouns, hedges, attribution verbs, titles and boilerplate cues
//! live in TOML files under `src/lexicon/` and are embedded in the binary with
//! `include_str!`, so a new story needs no code change and a user can read what Concord
//! knows. Each recognizer that owns a lexicon file (numbers, dates) loads it through
//! [`parse_embedded`]; the sections shared by several stages are gathered in [`Lexicon`].

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
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
    pub distinguishing: BTreeSet<String>,
    /// Words ignored when comparing names ("the", "of", "and").
    pub function_words: BTreeSet<String>,
    /// Capitalized words that do not start a name (sentence-initial determiners, pronouns...).
    pub not_names: BTreeSet<String>,
    /// Head nouns that make a capitalized phrase an organization ("Office", "Police").
    pub organization_heads: BTreeSet<String>,
    /// Generic nouns for groups and officials that may stand as participants ("police").
    pub group_nouns: BTreeSet<String>,
    /// Common words that carry no information about which event a sentence is about.
    pub stopwords: BTreeSet<String>,
    /// Prepositions that introduce a place ("in", "near").
    pub place_prepositions: BTreeSet<String>,
    /// Abbreviations that end with a period without ending a sentence.
    pub abbreviations: BTreeSet<String>,
    /// Abbreviations only when a number follows ("No. 5").
    pub numeric_abbreviations: BTreeSet<String>,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Events {
    #[serde(rename = "event")]
    pub types: Vec<EventType>,
    /// Nouns that make a trigger noun before them a modifier ("fire department").
    pub compound_heads: BTreeSet<String>,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    #[serde(rename = "role")]
    pub roles: Vec<Role>,
    /// Nouns that count people and take their role from a verb ("people", "men").
    pub person_nouns: BTreeSet<String>,
    /// Degree words that make a count part of a total ("two were critically injured").
    pub subset_qualifiers: BTreeSet<String>,
    /// Phrases that say whom a count includes, so two counts may differ by scope.
    pub scope_phrases: Vec<String>,
}

/// Attribution cues: who holds a claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Reporting verbs ("said", "told", "claimed"), as written in text.
    pub verbs: BTreeSet<String>,
    /// Multi-word cues introducing a holder ("according to").
    pub phrases: Vec<String>,
    /// Reporting verbs that also mark the content as contested ("claimed", "alleged").
    pub contested: BTreeSet<String>,
}

/// Words that change a claim's modality.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    pub hedges: BTreeSet<String>,
    pub hedge_phrases: Vec<String>,
    pub negations: BTreeSet<String>,
    /// Cues that a figure is an update of an earlier one ("rose to", "earlier reports").
    pub update_phrases: Vec<String>,
}

/// Cues that a line is page furniture, not article text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Whole lines (lowercased, trimmed) that are navigation or furniture.
    pub lines: BTreeSet<String>,
    /// Line prefixes that mark captions, credits and furniture.
    pub prefixes: Vec<String>,
    /// Lines after which the rest of the text is comments or related links.
    pub tail_markers: BTreeSet<String>,
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
        roles: parse_embedded("roles.toml", include_str!("lexicon/roles.toml")),
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
