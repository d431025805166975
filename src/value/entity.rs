//! Names of people, organizations, places and roles, compared with aliases and fuzzy matching.
//!
//! "Maria and Ana Lopez" equals "Ana and Maria Lopez" (same words); "Gov. Smith" refines
//! "Governor John Smith" (titles are expanded from the lexicon, then one name's words are
//! contained in the other's); "Zelensky" equals "Zelenskyy" (Jaro-Winkler on words). A
//! distinguishing modifier ("deputy police chief" vs "police chief") makes different roles.

use super::{Relation, RelationKind};
use crate::lexicon;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// A described group or role: "ethnic Azerbaijanis", "the police chief".
    Description,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityValue {
    /// As written (or the alias's canonical name from the story config).
    pub display: String,
    pub kind: EntityKind,
}

/// Lowercased words of `text` without function words, titles expanded to one canonical form.
pub fn content_words(text: &str) -> BTreeSet<String> {
    let lex = lexicon::get();
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase();
            lex.entities.canonical_title(&w).unwrap_or(w)
        })
        .filter(|w| !lex.entities.is_function_word(w))
        .collect()
}

/// True when every word of `small` matches a word of `large` exactly or by spelling variant.
fn words_within(small: &BTreeSet<String>, large: &BTreeSet<String>) -> bool {
    small
        .iter()
        .all(|w| large.iter().any(|v| v == w || similar_word(w, v)))
}

/// Spelling variants of one word: "Zelensky"/"Zelenskyy", "Azerbaijan"/"Azerbaijani".
pub fn similar_word(a: &str, b: &str) -> bool {
    a.chars().count() >= 5 && b.chars().count() >= 5 && strsim::jaro_winkler(a, b) >= 0.93
}

/// The words of a person's name proper: after the last title ("Russian President Putin"
/// -> {putin}, "President Vladimir Putin" -> {vladimir, putin}).
fn name_words(display: &str) -> Vec<String> {
    let lex = lexicon::get();
    let words: Vec<&str> = display.split_whitespace().collect();
    let after_title = words
        .iter()
        .rposition(|w| lex.entities.is_title(w))
        .map_or(0, |i| i + 1);
    words[after_title..]
        .iter()
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !lex.entities.is_function_word(w))
        .collect()
}

/// People are the same when their surnames match and their other name words do not clash.
fn relate_people(a: &str, b: &str) -> Relation {
    use RelationKind::*;
    let (na, nb) = (name_words(a), name_words(b));
    let (Some(la), Some(lb)) = (na.last(), nb.last()) else {
        return Relation::new(Incomparable, "no name to compare");
    };
    if !(la == lb || similar_word(la, lb)) {
        return Relation::new(Conflict, "different people");
    }
    let sa: BTreeSet<&String> = na.iter().collect();
    let sb: BTreeSet<&String> = nb.iter().collect();
    if sa == sb {
        Relation::new(Equal, "same person")
    } else if sa.is_subset(&sb) || sb.is_subset(&sa) {
        Relation::new(Refinement, "same surname; one name is fuller")
    } else {
        Relation::new(Incomparable, "same surname, different given names")
    }
}

impl EntityValue {
    /// Relates two names. Symmetric in kind.
    pub fn relate(&self, other: &EntityValue) -> Relation {
        use RelationKind::*;
        let lex = lexicon::get();
        let a = content_words(&self.display);
        let b = content_words(&other.display);
        if a.is_empty() || b.is_empty() {
            return Relation::new(Incomparable, "no name to compare");
        }
        let distinguishing = |s: &BTreeSet<String>| -> BTreeSet<String> {
            s.iter()
                .filter(|w| lex.entities.is_distinguishing(w))
                .cloned()
                .collect()
        };
        // "Deputy Chief Bello" and "Chief Bello" are two roles. Two descriptions ("a former
        // warehouse", "the four-storey building") are set apart by such a word only where
        // the rest describes the same thing ("the police chief", "a deputy police chief").
        let (da, db) = (distinguishing(&a), distinguishing(&b));
        if da != db {
            let rest = |s: &BTreeSet<String>, d: &BTreeSet<String>| -> BTreeSet<String> {
                s.difference(d).cloned().collect()
            };
            let (ra, rb) = (rest(&a, &da), rest(&b, &db));
            let described = |e: &EntityValue| e.kind == EntityKind::Description;
            let names = !described(self) && !described(other);
            // A name and a description ("Griffis", "his former employer") may be one person.
            let same_thing = described(self)
                && described(other)
                && (words_within(&ra, &rb) || words_within(&rb, &ra));
            if names || same_thing {
                return Relation::new(Conflict, "different roles (a distinguishing title differs)");
            }
        }
        if a == b {
            return Relation::new(Equal, "same name");
        }
        if self.kind == EntityKind::Person && other.kind == EntityKind::Person {
            return relate_people(&self.display, &other.display);
        }
        let a_in_b = words_within(&a, &b);
        let b_in_a = words_within(&b, &a);
        match (a_in_b, b_in_a) {
            (true, true) => Relation::new(Equal, "same name, spelled differently"),
            (true, false) | (false, true) => {
                Relation::new(Refinement, "one name is a fuller form of the other")
            }
            _ if self.kind == EntityKind::Person && other.kind == EntityKind::Person => {
                Relation::new(Conflict, "different people")
            }
            _ => Relation::new(Incomparable, "different descriptions"),
        }
    }

    /// True when the two names can denote the same thing.
    pub fn matches(&self, other: &EntityValue) -> bool {
        matches!(
            self.relate(other).kind,
            RelationKind::Equal | RelationKind::Refinement
        )
    }
}
