//! Event triggers: the verbs and nouns that say something happened.
//!
//! The lexicon lists lemmas; regular English inflections are generated here once, so a
//! lexicon author writes "raid" and Concord finds "raids", "raided" and "raiding". The
//! longest trigger wins ("shot down" over "shot").

use crate::lexicon::{self, EventType};
use crate::token::Token;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Part of speech of a trigger, which tells how to find its participants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerForm {
    Verb,
    Noun,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub tokens: (usize, usize),
    /// Index into the lexicon's event types.
    pub event: usize,
    pub form: TriggerForm,
    /// The lexicon entry that matched: "verb:raid", "noun:apology".
    pub entry: String,
}

impl Trigger {
    pub fn event_type(&self) -> &'static EventType {
        &lexicon::get().events.types[self.event]
    }
}

struct TriggerTable {
    /// First word (lowercase) -> candidate phrases (lowercase words, event, form, entry).
    by_first: HashMap<String, Vec<(Vec<String>, usize, TriggerForm, String)>>,
    /// Single-word noun forms (lowercase), for telling a noun use from a verb use.
    noun_forms: std::collections::HashSet<String>,
}

/// Regular inflections of a verb lemma.
pub fn inflect_verb(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_string()];
    let bytes = lemma.as_bytes();
    let n = bytes.len();
    let vowel = |b: u8| b"aeiou".contains(&b);
    if lemma.ends_with('e') {
        let stem = &lemma[..n - 1];
        forms.extend([
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        ]);
    } else if n >= 2 && lemma.ends_with('y') && !vowel(bytes[n - 2]) {
        let stem = &lemma[..n - 1];
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        ]);
    } else {
        let s =
            if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("sh") || lemma.ends_with("ch") {
                format!("{lemma}es")
            } else {
                format!("{lemma}s")
            };
        forms.extend([s, format!("{lemma}ed"), format!("{lemma}ing")]);
        // Short consonant-vowel-consonant verbs double the last consonant ("stab" -> "stabbed").
        if n >= 3
            && !vowel(bytes[n - 1])
            && vowel(bytes[n - 2])
            && !vowel(bytes[n - 3])
            && !b"wxy".contains(&bytes[n - 1])
        {
            let last = bytes[n - 1] as char;
            forms.extend([format!("{lemma}{last}ed"), format!("{lemma}{last}ing")]);
        }
    }
    forms
}

fn table() -> &'static TriggerTable {
    static TABLE: OnceLock<TriggerTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize, TriggerForm, String)>> =
            HashMap::new();
        let mut add = |phrase: &str, event: usize, form: TriggerForm, entry: String| {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first().cloned() {
                by_first
                    .entry(first)
                    .or_default()
                    .push((words, event, form, entry));
            }
        };
        for (idx, ev) in lexicon::get().events.types.iter().enumerate() {
            for verb in &ev.verbs {
                let mut words = verb.split_whitespace();
                let head = words.next().unwrap_or_default();
                let rest: Vec<&str> = words.collect();
                for form in inflect_verb(head) {
                    let phrase = std::iter::once(form.as_str())
                        .chain(rest.iter().copied())
                        .collect::<Vec<_>>()
                        .join(" ");
                    add(&phrase, idx, TriggerForm::Verb, format!("verb:{verb}"));
                }
            }
            for form in &ev.forms {
                add(form, idx, TriggerForm::Verb, format!("form:{form}"));
            }
            for noun in &ev.nouns {
                add(noun, idx, TriggerForm::Noun, format!("noun:{noun}"));
                if !noun.ends_with('s') {
                    add(
                        &format!("{noun}s"),
                        idx,
                        TriggerForm::Noun,
                        format!("noun:{noun}"),
                    );
                }
            }
        }
        for list in by_first.values_mut() {
            // Longest first, then lexicon order, so matching is deterministic.
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        }
        let noun_forms = by_first
            .values()
            .flatten()
            .filter(|(words, _, form, _)| *form == TriggerForm::Noun && words.len() == 1)
            .map(|(words, ..)| words[0].clone())
            .collect();
        TriggerTable {
            by_first,
            noun_forms,
        }
    })
}

/// True when `word` (lowercase) begins some event trigger: such words say what kind of
/// event a sentence is about, not which one.
pub fn is_trigger_word(word: &str) -> bool {
    table().by_first.contains_key(word)
}

/// Words that open a noun phrase: after one of these, "raid" or "arrest" is a noun.
const NOUN_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
    "'s",
    "’s",
    "of",
    "in",
    "for",
    "after",
    "before",
    "during",
    "following",
    "amid",
    "since",
];

/// True when a verb-form trigger is used as a noun: after a determiner, possessive or
/// preposition ("the arrest", "for the raid"), or after a capitalized modifier and before
/// punctuation or a preposition ("the Russian raid, ...").
fn reads_as_noun(tokens: &[Token], i: usize, n: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    if NOUN_OPENERS.iter().any(|w| prev.is(w)) {
        return true;
    }
    let next_ends_phrase = tokens.get(i + n).is_none_or(|t| {
        t.kind == crate::token::TokenKind::Punct
            || ["of", "in", "on", "at", "by", "against"]
                .iter()
                .any(|w| t.is(w))
    });
    // "the Russian raid, ...", "Tuesday's bridge collapse rose to": one modifier between a
    // noun opener and a word the lexicon also lists as a noun.
    let modified = i >= 2 && prev.is_word() && NOUN_OPENERS.iter().any(|w| tokens[i - 2].is(w));
    modified && (next_ends_phrase || (n == 1 && is_noun_form(tokens[i].text)))
}

/// True when some event type lists `word` as a noun (or its plural).
fn is_noun_form(word: &str) -> bool {
    table().noun_forms.contains(&word.to_lowercase())
}

fn matched_len(m: &Option<(usize, usize, TriggerForm, String)>) -> usize {
    m.as_ref().map_or(0, |x| x.0)
}

/// Event triggers in one sentence.
pub fn recognize(tokens: &[Token]) -> Vec<Trigger> {
    let table = table();
    let mut out = Vec::new();
    let mut i = 0;
    let mut lower = String::new();
    while i < tokens.len() {
        lower.clear();
        lower.push_str(tokens[i].text);
        lower.make_ascii_lowercase();
        let mut matched = None;
        if let Some(cands) = table.by_first.get(lower.as_str()) {
            for (words, event, form, entry) in cands {
                let fits = words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.is(w)));
                if fits {
                    matched = Some((words.len(), *event, *form, entry.clone()));
                    break;
                }
            }
        }
        match matched {
            Some((_, _, TriggerForm::Noun, _))
                if tokens.get(i + matched_len(&matched)).is_some_and(|t| {
                    lexicon::get()
                        .events
                        .compound_heads
                        .contains(&t.text.to_lowercase())
                }) =>
            {
                i += 1;
            }
            Some((n, event, form, entry)) => {
                let form = if form == TriggerForm::Verb && reads_as_noun(tokens, i, n) {
                    TriggerForm::Noun
                } else {
                    form
                };
                out.push(Trigger {
                    start: tokens[i].start,
                    end: tokens[i + n - 1].end,
                    tokens: (i, i + n),
                    event,
                    form,
                    entry,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    #[test]
    fn inflections_and_longest_match() {
        assert!(inflect_verb("raid").contains(&"raided".to_string()));
        assert!(inflect_verb("stab").contains(&"stabbed".to_string()));
        assert!(inflect_verb("apologize").contains(&"apologized".to_string()));
        let t = tokenize("Russian forces shot down the plane and raided homes.", 0);
        let names: Vec<&str> = recognize(&t)
            .iter()
            .map(|tr| tr.event_type().name.as_str())
            .collect();
        assert_eq!(names, vec!["shootdown", "raid"]);
    }
}
