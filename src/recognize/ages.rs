//! Ages of named people: "Rodolfo Baylon, 52,", "Ion Mărgineanu, a 76-year-old retired
//! worker", "the 22-year-old gunman, Tyler Ray Dunaway".
//!
//! An age is a fact outlets get wrong as often as a toll, and unlike a toll it does not
//! change from one report to the next. It is only read where it is tied to a name (in
//! apposition, or right before it), because an unnamed "a 24-year-old man" may be anyone in
//! the story.

use super::entities::EntityMention;
use crate::lexicon;
use crate::token::{Token, TokenKind};
use crate::value::EntityKind;

/// An age stated for a named person.
#[derive(Clone, Debug, PartialEq)]
pub struct AgeMention {
    /// Index of the name in the sentence's entities.
    pub entity: usize,
    pub age: u32,
    /// Token range of the age as written ("52", "76-year-old").
    pub tokens: (usize, usize),
}

/// The oldest age read as one (a larger figure after a name is a year or a count).
const OLDEST: u32 = 115;

/// Ages tied to the names among `entities`.
pub fn recognize(tokens: &[Token], entities: &[EntityMention]) -> Vec<AgeMention> {
    let mut out = Vec::new();
    for (ei, e) in entities.iter().enumerate() {
        if !is_personal_name(tokens, e) {
            continue;
        }
        if let Some((age, at)) =
            after_name(tokens, e.tokens.1).or_else(|| before_name(tokens, e.tokens.0))
        {
            out.push(AgeMention {
                entity: ei,
                age,
                tokens: (at, at + 1),
            });
        }
    }
    out
}

/// A name of two or more capitalized words that is not a place: "Tyler Ray Dunaway".
fn is_personal_name(tokens: &[Token], e: &EntityMention) -> bool {
    !e.generic
        && e.value.kind != EntityKind::Place
        && e.tokens.1 - e.tokens.0 >= 2
        && tokens[e.tokens.0..e.tokens.1]
            .iter()
            .all(|t| t.kind == TokenKind::Word && t.is_capitalized())
}

/// "Baylon, 52," / "Baylon, a 52-year-old" / "Baylon, aged 52" / "Baylon (52)", with the
/// name ending at `end`.
fn after_name(tokens: &[Token], end: usize) -> Option<(u32, usize)> {
    let grammar = &lexicon::get().grammar;
    let opener = tokens.get(end)?;
    if opener.is_punct('(') {
        tokens.get(end + 2).filter(|t| t.is_punct(')'))?;
        return whole_age(tokens.get(end + 1)?).map(|a| (a, end + 1));
    }
    if !opener.is_punct(',') {
        return None;
    }
    let k = end + 1;
    let first = tokens.get(k)?;
    if let Some(age) = whole_age(first) {
        // The figure must end its phrase: "Baylon, 52, was" (not "Smith, 52 others").
        let ends = tokens
            .get(k + 1)
            .is_none_or(|t| t.kind == TokenKind::Punct || t.is("and"));
        return ends.then_some((age, k));
    }
    let next = tokens.get(k + 1)?;
    if first.is("a") || first.is("an") {
        return suffixed_age(next).map(|a| (a, k + 1));
    }
    if grammar.age_words.has(first) {
        return whole_age(next).map(|a| (a, k + 1));
    }
    None
}

/// "52-year-old Rodolfo Baylon", "the 22-year-old gunman, Tyler Ray Dunaway", with the name
/// starting at `start`: the age, then at most one lowercase noun and a comma.
fn before_name(tokens: &[Token], start: usize) -> Option<(u32, usize)> {
    let mut j = start;
    if j > 0 && tokens[j - 1].is_punct(',') {
        j -= 1;
    }
    if j > 0 && tokens[j - 1].kind == TokenKind::Word && !tokens[j - 1].is_capitalized() {
        j -= 1;
    }
    let at = j.checked_sub(1)?;
    suffixed_age(&tokens[at]).map(|a| (a, at))
}

/// An age written as a whole number: "52".
fn whole_age(t: &Token) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    t.text
        .parse::<u32>()
        .ok()
        .filter(|a| (1..=OLDEST).contains(a))
}

/// An age written with a suffix of years (lexicon `year_age_suffixes`): "76-year-old".
fn suffixed_age(t: &Token) -> Option<u32> {
    let lower = t.text.to_lowercase();
    let digits = lexicon::get()
        .roles
        .year_age_suffixes
        .iter()
        .find_map(|s| lower.strip_suffix(s.as_str()))?;
    digits
        .parse::<u32>()
        .ok()
        .filter(|a| (1..=OLDEST).contains(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::entities;
    use crate::token::tokenize;

    fn ages(text: &str) -> Vec<(String, u32)> {
        let tokens = tokenize(text, 0);
        let ents = entities::recognize(&tokens);
        recognize(&tokens, &ents)
            .into_iter()
            .map(|m| (ents[m.entity].value.display.clone(), m.age))
            .collect()
    }

    #[test]
    fn ages_tied_to_names_are_read_and_others_are_not() {
        let read = [
            (
                "The captain, Rodolfo Baylon, 57, was detained.",
                "Rodolfo Baylon",
                57,
            ),
            (
                "Ion Margineanu, a 76-year-old retired railway worker, drowned.",
                "Ion Margineanu",
                76,
            ),
            (
                "The captain, 52-year-old Rodolfo Baylon, was detained.",
                "Rodolfo Baylon",
                52,
            ),
            (
                "Ortega was hurt when the 22-year-old gunman, Tyler Ray Dunaway, opened fire.",
                "Tyler Ray Dunaway",
                22,
            ),
            (
                "Charged were Maria Lopez (34) and her brother.",
                "Maria Lopez",
                34,
            ),
        ];
        for (text, name, age) in read {
            assert_eq!(ages(text), vec![(name.to_string(), age)], "{text}");
        }
        // A year, a count and an unnamed person are no one's age.
        for text in [
            "Police Chief Maria Lopez, 2025, said.",
            "Tyler Ray Dunaway, 52 others and a 24-year-old man were there.",
            "A 24-year-old man opened fire.",
            "A 24-year-old man and Tyler Ray Dunaway were there.",
        ] {
            assert!(ages(text).is_empty(), "{text}");
        }
    }
}
