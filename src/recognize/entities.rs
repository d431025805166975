//! Names and participant phrases: who and where.
//!
//! Without a trained tagger, names are runs of capitalized words (joined by "of", "the",
//! "'s" inside), typed by lexicon cues: a title makes a person, an organization head noun an
//! organization, a place preposition a place. Generic group phrases ("Russian special
//! police", "the authorities") are recognized too, because news often names its actors so.

use crate::lexicon;
use crate::token::Token;
use crate::value::{EntityKind, EntityValue};
use std::borrow::Borrow;

#[derive(Clone, Debug, PartialEq)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    /// Token index range within the sentence slice.
    pub tokens: (usize, usize),
    pub value: EntityValue,
    /// A generic group phrase ("the police") rather than a proper name.
    pub generic: bool,
}

fn is_connector(tok: &Token) -> bool {
    lexicon::get().entities.name_connectors.has(tok) || tok.is_punct('-')
}

fn is_name_token(tok: &Token) -> bool {
    // An all-capital word ("NATO") is capitalized too: a word token starts with a letter or
    // digit (or is "'s"), so one that is not capitalized is never all capitals.
    if !tok.is_capitalized() {
        return false;
    }
    // A sentence-initial capital is a name unless the lexicon lists the word as not a name
    // ("The", "He"): Concord cannot tell a common word from a name by its capital there.
    !lexicon::get().entities.not_names.has(tok)
}

/// Names and group phrases in one sentence.
pub fn recognize(tokens: &[Token]) -> Vec<EntityMention> {
    let lex = &lexicon::get().entities;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = i + 1;
        loop {
            if j < tokens.len() && is_name_token(&tokens[j]) && !tokens[j].is("The") {
                j += 1;
                continue;
            }
            // Inner connectors: "Prosecutor General's Office", "Bank of America".
            if j + 1 < tokens.len() && is_connector(&tokens[j]) && is_name_token(&tokens[j + 1]) {
                j += 2;
                continue;
            }
            if j + 2 < tokens.len()
                && tokens[j].is("of")
                && tokens[j + 1].is("the")
                && is_name_token(&tokens[j + 2])
            {
                j += 3;
                continue;
            }
            break;
        }
        let mut start_tok = first;
        // Drop leading sentence-initial words that are titles-only or determiners handled above.
        while start_tok < j && lex.not_names.has(&tokens[start_tok]) {
            start_tok += 1;
        }
        if start_tok < j {
            let text_start = tokens[start_tok].start;
            let text_end = tokens[j - 1].end;
            let display = join_tokens(&tokens[start_tok..j]);
            let kind = classify(tokens, start_tok, j);
            out.push(EntityMention {
                start: text_start,
                end: text_end,
                tokens: (start_tok, j),
                value: EntityValue { display, kind },
                generic: false,
            });
        }
        i = j;
    }
    push_group_phrases(tokens, &mut out);
    out.sort_by_key(|m| (m.tokens.0, m.tokens.1));
    out
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len() >= s.len() && t[t.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// Rebuilds the text of consecutive tokens with single spaces (no space before "'s" or "-").
pub fn join_tokens<'t, T: std::borrow::Borrow<Token<'t>>>(tokens: &[T]) -> String {
    let mut s = String::with_capacity(tokens.iter().map(|t| t.borrow().text.len() + 1).sum());
    for (k, t) in tokens.iter().map(Borrow::borrow).enumerate() {
        if k > 0 {
            let prev: &Token = tokens[k - 1].borrow();
            if t.start > prev.end && !t.is("'s") && !t.is("’s") {
                s.push(' ');
            }
        }
        s.push_str(t.text);
    }
    s
}

fn classify(tokens: &[Token], a: usize, b: usize) -> EntityKind {
    let lex = &lexicon::get().entities;
    if lex.organization_heads.has(&tokens[b - 1]) {
        return EntityKind::Organization;
    }
    if tokens[a..b].iter().any(|t| lex.title_class.has(t)) {
        return EntityKind::Person;
    }
    let prev_is_place_prep = a > 0 && lex.place_prepositions.has(&tokens[a - 1]);
    if prev_is_place_prep {
        return EntityKind::Place;
    }
    if b - a >= 2 && tokens[a..b].iter().all(|t| t.is_capitalized()) {
        return EntityKind::Person;
    }
    EntityKind::Organization
}

/// Appends generic actor phrases to the names in `out`: up to two modifiers before a group
/// noun ("masked Azerbaijani police", "Russian special police", "the authorities"), unless
/// a name already covers it.
fn push_group_phrases(tokens: &[Token], out: &mut Vec<EntityMention>) {
    let lex = &lexicon::get().entities;
    let names = out.len();
    for (k, tok) in tokens.iter().enumerate() {
        if !tok.is_word() || !lex.group_nouns.has(tok) {
            continue;
        }
        if out[..names]
            .iter()
            .any(|n| n.tokens.0 <= k && k < n.tokens.1)
        {
            continue;
        }
        let mut a = k;
        let mut modifiers = 0;
        while a > 0 && modifiers < 2 {
            let p = &tokens[a - 1];
            if p.is_word()
                && !lex.function_words.has(p)
                && !lex.not_names.has(p)
                && !lex.stopwords.has(p)
                && !lexicon::get().attribution.verbs.has(p)
                && (p.is_capitalized() || !ends_with_ignore_case(p.text, "ed"))
            {
                a -= 1;
                modifiers += 1;
            } else {
                break;
            }
        }
        // Skip leading words that are not modifiers (e.g. "and", a verb already excluded).
        out.push(EntityMention {
            start: tokens[a].start,
            end: tok.end,
            tokens: (a, k + 1),
            value: EntityValue {
                display: join_tokens(&tokens[a..=k]),
                kind: EntityKind::Description,
            },
            generic: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn names(s: &str) -> Vec<(String, EntityKind)> {
        let t = tokenize(s, 0);
        recognize(&t)
            .into_iter()
            .map(|m| (m.value.display, m.value.kind))
            .collect()
    }

    #[test]
    fn names_titles_and_groups() {
        let got = names("The Prosecutor General's Office in Azerbaijan said Gov. John Smith met Russian special police.");
        assert!(
            got.contains(&(
                "Prosecutor General's Office".into(),
                EntityKind::Organization
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&("Azerbaijan".into(), EntityKind::Place)),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(n, k)| n.contains("John Smith") && *k == EntityKind::Person),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(n, _)| n == "Russian special police"),
            "{got:?}"
        );
    }
}
