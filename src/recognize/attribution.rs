//! Attribution and modality cues: who holds a claim, and how firmly.
//!
//! "Police said two died; the hospital said three" holds two claims by two holders. A cue's
//! scope is its clause (split at semicolons and at "while"/"but"), so each holder governs
//! only the claims in its own clause. Hedges ("reportedly") and negations ("did not") are
//! found here too, because they are the same kind of signal: how far the outlet itself
//! stands behind a statement.

use crate::lexicon;
use crate::recognize::entities::{join_tokens, EntityMention};
use crate::token::Token;

/// A reporting cue and the holder it names.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionCue {
    pub start: usize,
    pub end: usize,
    pub tokens: (usize, usize),
    /// Who says it: "police", "the Prosecutor General's Office", "Kyiv".
    pub holder: String,
    /// The cue word or phrase: "said", "according to".
    pub cue: String,
    /// The cue itself disputes the content ("claimed", "alleged").
    pub contested: bool,
    /// Token range (within the sentence) of the clause the cue governs.
    pub scope: (usize, usize),
}

/// A hedge or negation cue.
#[derive(Clone, Debug, PartialEq)]
pub struct ModalCue {
    pub start: usize,
    pub end: usize,
    pub tokens: (usize, usize),
    pub negation: bool,
}

/// Clause boundaries of a sentence as token ranges.
pub fn clauses(tokens: &[Token]) -> Vec<(usize, usize)> {
    let conjunctions = &lexicon::get().attribution.clause_conjunctions;
    let mut out = Vec::new();
    let mut start = 0;
    for (k, t) in tokens.iter().enumerate() {
        let split_here =
            t.is_punct(';') || (k > 0 && tokens[k - 1].is_punct(',') && conjunctions.has(t));
        if split_here && k > start {
            out.push((start, k));
            start = if t.is_punct(';') { k + 1 } else { k };
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

fn clause_of(clauses: &[(usize, usize)], k: usize) -> (usize, usize) {
    clauses
        .iter()
        .copied()
        .find(|(a, b)| *a <= k && k < *b)
        .unwrap_or((0, 0))
}

/// The holder phrase nearest to a cue: an entity right before (subject) or after (inverted
/// "said police", "according to X").
fn holder_near(
    tokens: &[Token],
    entities: &[EntityMention],
    cue: (usize, usize),
    after_first: bool,
) -> Option<(String, (usize, usize))> {
    // The subject before a relative clause set off by commas: "The United Auto Workers
    // union, which represents most of the plant's workers, said".
    const RELATIVE_REACH: usize = 16;
    let grammar = &lexicon::get().grammar;
    let subject_end = (cue.0 > 0 && tokens[cue.0 - 1].is_punct(','))
        .then(|| {
            (cue.0.saturating_sub(RELATIVE_REACH)..cue.0 - 1)
                .rev()
                .find(|&p| {
                    tokens[p].is_punct(',')
                        && tokens
                            .get(p + 1)
                            .is_some_and(|t| grammar.relativizers.has(t))
                })
        })
        .flatten()
        .unwrap_or(cue.0);
    let before = entities
        .iter()
        .filter(|e| e.tokens.1 <= subject_end && subject_end - e.tokens.1 <= 3)
        .max_by_key(|e| e.tokens.1);
    // After the verb, only in an inversion ("..., said police"): in "the company told
    // employees" the entity after is the listener.
    let inverted = cue.0 == 0 || !tokens[cue.0 - 1].is_word();
    let after = entities
        .iter()
        .filter(|e| e.tokens.0 >= cue.1 && e.tokens.0 - cue.1 <= 2 && (after_first || inverted))
        .min_by_key(|e| (e.tokens.0, std::cmp::Reverse(e.tokens.1)));
    let pick = if after_first {
        after.map(|e| (e, true)).or(before.map(|e| (e, false)))
    } else {
        before.map(|e| (e, false)).or(after.map(|e| (e, true)))
    };
    if let Some((e, follows)) = pick {
        // After the cue, a name may run on in the next mention: "according to Rochester
        // Police" + "Department Deputy Chief Greg Bello" is one holder.
        let mut end = e.tokens.1;
        let next_at = |end: usize| {
            entities
                .iter()
                .filter(|n| n.tokens.0 == end && n.tokens.1 > end)
                .max_by_key(|n| n.tokens.1)
        };
        while let Some(next) = next_at(end).filter(|_| follows) {
            end = next.tokens.1;
        }
        if end > e.tokens.1 {
            return Some((join_tokens(&tokens[e.tokens.0..end]), (e.tokens.0, end)));
        }
        return Some((e.value.display.clone(), e.tokens));
    }
    // "according to the disaster agency AFAD": an inverted cue's holder is the noun phrase
    // after it, up to the clause's end, whether or not it names an entity.
    if after_first {
        const HOLDER_WORDS: usize = 6;
        let end = tokens[cue.1..]
            .iter()
            .take(HOLDER_WORDS)
            .position(|t| !t.is_word())
            .map_or((cue.1 + HOLDER_WORDS).min(tokens.len()), |p| cue.1 + p);
        if end > cue.1 {
            return Some((join_tokens(&tokens[cue.1..end]), (cue.1, end)));
        }
    }
    // A pronoun or common noun subject right before the verb ("he said", "the hospital said"),
    // past auxiliaries and adverbs ("it had confirmed", "instead announced"). The subject
    // of a passive verb holds nothing ("the city had been told", "the shooting was
    // reported at 2 a.m."), but an impersonal one is hearsay ("it was reported").
    if cue.0 > 0 {
        let skippable =
            |t: &Token| grammar.adverbials.has(t) || grammar.subject_skip_backward.has(t);
        let mut k = cue.0 - 1;
        let passive = grammar.be_forms.has(&tokens[k]);
        while k > 0 && (skippable(&tokens[k]) || grammar.be_forms.has(&tokens[k])) {
            k -= 1;
        }
        if passive {
            let impersonal = lexicon::get()
                .attribution
                .impersonal_subjects
                .has(&tokens[k]);
            return impersonal.then(|| {
                (
                    lexicon::get().attribution.passive_holder.clone(),
                    (k, cue.0),
                )
            });
        }
        let t = &tokens[k];
        if t.is_word() && !crate::recognize::dates::is_time_word(t) {
            let determiners = &lexicon::get().attribution.holder_determiners;
            let a = if k > 0 && determiners.has(&tokens[k - 1]) {
                k - 1
            } else {
                k
            };
            return Some((join_tokens(&tokens[a..=k]), (a, k + 1)));
        }
    }
    None
}

/// Attribution cues in a sentence.
pub fn recognize(
    tokens: &[Token],
    entities: &[EntityMention],
    clauses: &[(usize, usize)],
) -> Vec<AttributionCue> {
    let lexicon = lexicon::get();
    let lex = &lexicon.attribution;
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        // Most words start no cue: one bit test passes over them.
        if !lexicon.attribution_starts.has(&tokens[k]) {
            k += 1;
            continue;
        }
        // Multi-word phrases first ("according to").
        if let Some(n) = lexicon.attribution_phrases.longest_at(tokens, k) {
            let medium = lex.medium_set.longest_at(tokens, k) == Some(n);
            // "said in a statement", "In a statement, the ministry denied": the verb's cue
            // holds the claim.
            const NEAR: usize = 4;
            let verb_beside = tokens[k.saturating_sub(NEAR)..k]
                .iter()
                .chain(tokens[k + n..].iter().take(NEAR))
                .any(|t| lex.verbs.has(t));
            if medium && verb_beside {
                k += n;
                continue;
            }
            if let Some((holder, _)) = holder_near(tokens, entities, (k, k + n), !medium) {
                // "According to X, ..." governs its whole sentence; elsewhere its clause.
                let scope = if k == 0 {
                    (0, tokens.len())
                } else {
                    clause_of(clauses, k)
                };
                out.push(AttributionCue {
                    start: tokens[k].start,
                    end: tokens[k + n - 1].end,
                    tokens: (k, k + n),
                    holder,
                    cue: tokens[k..k + n]
                        .iter()
                        .map(|t| t.text.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(" "),
                    contested: false,
                    scope,
                });
                k += n;
                continue;
            }
        }
        // "with reports of", "the claims": a reporting word used as a noun names no holder.
        let used_as_noun = || k > 0 && lex.noun_markers.has(&tokens[k - 1]);
        let used_as_participle = || {
            lex.participles.has(&tokens[k])
                && tokens
                    .get(k + 1)
                    .is_some_and(|n| lex.participle_followers.has(n))
        };
        // "a shooting that claimed the life of", "posted bail": a fixed phrase reports nothing.
        let fixed_phrase = || lex.non_reporting_set.longest_at(tokens, k).is_some();
        if lex.verbs.has(&tokens[k]) && !used_as_noun() && !used_as_participle() && !fixed_phrase()
        {
            if let Some((holder, _)) = holder_near(tokens, entities, (k, k + 1), false) {
                out.push(AttributionCue {
                    start: tokens[k].start,
                    end: tokens[k].end,
                    tokens: (k, k + 1),
                    holder,
                    contested: lex.contested.has(&tokens[k]),
                    cue: tokens[k].text.to_string(),
                    scope: clause_of(clauses, k),
                });
            }
        }
        k += 1;
    }
    out
}

/// Hedges and negations in a sentence.
pub fn modal_cues(tokens: &[Token]) -> Vec<ModalCue> {
    let lexicon = lexicon::get();
    let lex = &lexicon.modality;
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        if !lexicon.modal_starts.has(t) && !t.text.ends_with("n't") {
            k += 1;
            continue;
        }
        if let Some(n) = lexicon.hedge_phrases.longest_at(tokens, k) {
            out.push(ModalCue {
                start: t.start,
                end: tokens[k + n - 1].end,
                tokens: (k, k + n),
                negation: false,
            });
            k += n;
            continue;
        }
        let fixed_phrase = tokens
            .get(k + 1)
            .is_some_and(|n| lex.negation_phrase_heads.has(n));
        let negation = (lex.negations.has(t) || t.text.ends_with("n't")) && !fixed_phrase;
        if negation || lex.hedges.has(t) {
            out.push(ModalCue {
                start: t.start,
                end: t.end,
                tokens: (k, k + 1),
                negation,
            });
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::entities;
    use crate::token::tokenize;

    #[test]
    fn holders_per_clause() {
        let t = tokenize("Police said two people died; the hospital said three.", 0);
        let e = entities::recognize(&t);
        let cues = recognize(&t, &e, &clauses(&t));
        assert_eq!(cues.len(), 2, "{cues:?}");
        assert_eq!(cues[0].holder, "Police");
        assert_eq!(cues[1].holder, "the hospital");
        assert!(cues[0].scope.1 <= cues[1].scope.0);
    }
}
