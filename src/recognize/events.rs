//! Event triggers: the verbs and nouns that say something happened.
//!
//! The lexicon lists lemmas; regular English inflections are generated here once, so a
//! lexicon author writes "raid" and Concord finds "raids", "raided" and "raiding". The
//! longest trigger wins ("shot down" over "shot").

use crate::lexicon::{self, EventType, Events, Vocab, WordClass, WordId, WordMap};
use crate::token::{Token, TokenKind};

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
    pub entry: &'static str,
    /// The plural of an event noun ("shootings", "crashes"): several events of the type.
    pub plural: bool,
}

impl Trigger {
    pub fn event_type(&self) -> &'static EventType {
        &lexicon::get().events.types[self.event]
    }
}

/// One trigger phrase of the lexicon.
struct TriggerPhrase {
    words: Vec<WordId>,
    event: usize,
    form: TriggerForm,
    /// The lexicon entry: "verb:raid", "noun:apology".
    entry: String,
    /// The generated plural of a noun ("shootings").
    plural: bool,
}

/// Every trigger phrase (lemmas inflected), indexed by its first word.
pub(crate) struct TriggerTable {
    /// First word -> candidate phrases, longest first.
    by_first: WordMap<WordId, Vec<TriggerPhrase>>,
    /// The first words, tested before the map: most tokens start no trigger.
    firsts: WordClass,
    /// Single-word noun forms, for telling a noun use from a verb use.
    noun_forms: WordClass,
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

impl TriggerTable {
    pub(crate) fn new(events: &Events, vocab: &mut Vocab) -> TriggerTable {
        let mut by_first: WordMap<WordId, Vec<TriggerPhrase>> = WordMap::default();
        let mut noun_forms = WordClass::default();
        let mut firsts = WordClass::default();
        let mut add = |phrase: &str, event: usize, form: TriggerForm, entry: String, plural| {
            let words: Vec<WordId> = phrase.split_whitespace().map(|w| vocab.intern(w)).collect();
            if form == TriggerForm::Noun && words.len() == 1 {
                noun_forms.insert(words[0]);
            }
            if let Some(first) = words.first().copied() {
                firsts.insert(first);
                by_first.entry(first).or_default().push(TriggerPhrase {
                    words,
                    event,
                    form,
                    entry,
                    plural,
                });
            }
        };
        for (idx, ev) in events.types.iter().enumerate() {
            for verb in &ev.verbs {
                let mut words = verb.split_whitespace();
                let head = words.next().unwrap_or_default();
                let rest: Vec<&str> = words.collect();
                for form in inflect_verb(head) {
                    let phrase = std::iter::once(form.as_str())
                        .chain(rest.iter().copied())
                        .collect::<Vec<_>>()
                        .join(" ");
                    add(
                        &phrase,
                        idx,
                        TriggerForm::Verb,
                        format!("verb:{verb}"),
                        false,
                    );
                }
            }
            for form in &ev.forms {
                add(form, idx, TriggerForm::Verb, format!("form:{form}"), false);
            }
            for noun in &ev.nouns {
                add(noun, idx, TriggerForm::Noun, format!("noun:{noun}"), false);
                if !noun.ends_with('s') {
                    add(
                        &format!("{noun}s"),
                        idx,
                        TriggerForm::Noun,
                        format!("noun:{noun}"),
                        true,
                    );
                }
            }
        }
        for list in by_first.values_mut() {
            // Longest first, then lexicon order, so matching is deterministic.
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        TriggerTable {
            by_first,
            firsts,
            noun_forms,
        }
    }
}

fn table() -> &'static TriggerTable {
    &lexicon::get().triggers
}

/// True when `word` (lowercase) begins some event trigger: such words say what kind of
/// event a sentence is about, not which one.
pub fn is_trigger_word(word: &str) -> bool {
    lexicon::get()
        .vocab
        .get(word)
        .is_some_and(|w| table().by_first.contains_key(&w))
}

/// True when a verb-form trigger is used as a noun: after a determiner, possessive or
/// preposition ("the arrest", "for the raid"), or after a capitalized modifier and before
/// punctuation or a preposition ("the Russian raid, ...").
fn reads_as_noun(tokens: &[Token], i: usize, n: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    let lex = &lexicon::get().events;
    if lex.noun_openers.has(prev) {
        return true;
    }
    let next_ends_phrase = tokens
        .get(i + n)
        .is_none_or(|t| t.kind == TokenKind::Punct || lex.noun_phrase_ends.has(t));
    // "the Russian raid, ...", "Tuesday's bridge collapse rose to": one modifier between a
    // noun opener and a word the lexicon also lists as a noun.
    let modified = i >= 2 && prev.is_word() && lex.noun_openers.has(&tokens[i - 2]);
    // Some event type lists the word as a noun (or its plural).
    modified && (next_ends_phrase || (n == 1 && table().noun_forms.has(&tokens[i])))
}

/// True when the words from `next` on make a verb trigger another sense of its word
/// ("shares closed down 6.4%").
fn other_sense(event: &EventType, tokens: &[Token], next: usize) -> bool {
    let Some(t) = tokens.get(next) else {
        return false;
    };
    // The word may follow a figure: "buried 18 houses", "closed 2% higher".
    let after_figure = (t.kind == TokenKind::Number)
        .then(|| tokens.get(next + 1))
        .flatten()
        .is_some_and(|n| event.other_sense_after.has(n));
    after_figure
        || event.other_sense_after.has(t)
        || (event.other_sense_before_figure.has(t)
            && tokens[next + 1..]
                .iter()
                .find(|f| f.kind != TokenKind::Punct)
                .is_some_and(|f| f.kind == TokenKind::Number))
}

/// Event triggers in one sentence.
pub fn recognize(tokens: &[Token]) -> Vec<Trigger> {
    let table = table();
    let compound_heads = &lexicon::get().events.compound_heads;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let matched = Some(&tokens[i])
            .filter(|t| table.firsts.has(t))
            .and_then(|t| table.by_first.get(&t.word?))
            .and_then(|cands| {
                cands.iter().find(|p| {
                    p.words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.word == Some(*w)))
                })
            });
        let Some(p) = matched else {
            i += 1;
            continue;
        };
        let n = p.words.len();
        if p.form == TriggerForm::Noun && tokens.get(i + n).is_some_and(|t| compound_heads.has(t)) {
            i += 1;
            continue;
        }
        let form = if p.form == TriggerForm::Verb && reads_as_noun(tokens, i, n) {
            TriggerForm::Noun
        } else {
            p.form
        };
        if form == TriggerForm::Verb
            && other_sense(&lexicon::get().events.types[p.event], tokens, i + n)
        {
            i += n;
            continue;
        }
        // "An earthquake struck", "the earthquake that struck": a verb right after an
        // incident noun of another family, or after it and a relative pronoun, is that
        // incident's predicate, not a second incident.
        let relativizers = &lexicon::get().grammar.relativizers;
        let predicate_of_noun = out.last().is_some_and(|prev: &Trigger| {
            let (a, b) = (prev.event_type(), &lexicon::get().events.types[p.event]);
            let adjacent = prev.tokens.1 == i && form == TriggerForm::Verb;
            let relative = prev.tokens.1 + 1 == i
                && relativizers.has(&tokens[prev.tokens.1])
                && p.form == TriggerForm::Verb;
            prev.form == TriggerForm::Noun
                && (adjacent || relative)
                && a.incident
                && b.incident
                && a.family != b.family
        });
        if predicate_of_noun {
            i += n;
            continue;
        }
        out.push(Trigger {
            start: tokens[i].start,
            end: tokens[i + n - 1].end,
            tokens: (i, i + n),
            event: p.event,
            form,
            entry: &p.entry,
            plural: p.plural,
        });
        i += n;
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

    /// The event types recognized in `text`, in order.
    fn names(text: &str) -> Vec<&'static str> {
        recognize(&tokenize(text, 0))
            .iter()
            .map(|tr| tr.event_type().name.as_str())
            .collect()
    }

    #[test]
    fn a_word_after_a_verb_can_make_it_another_sense() {
        assert!(names("Shares closed down 6.4% on Tuesday.").is_empty());
        assert!(names("The index closed higher.").is_empty());
        assert!(names("The stock closed up $1.20.").is_empty());
        assert_eq!(names("The plant closed down in 2019."), vec!["close"]);
        assert_eq!(names("The company closed the plant."), vec!["close"]);
        assert_eq!(
            names("The landslide buried 18 houses."),
            vec!["natural_disaster"]
        );
        assert_eq!(names("He was buried on Friday."), vec!["funeral"]);
    }

    #[test]
    fn a_verb_after_an_incident_noun_is_its_predicate() {
        assert_eq!(
            names("An earthquake struck the region."),
            vec!["natural_disaster"]
        );
        assert_eq!(
            names("The toll from the earthquake that struck on Friday rose."),
            vec!["natural_disaster"]
        );
        assert_eq!(names("Gunmen struck the village."), vec!["attack"]);
    }
}
