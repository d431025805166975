//! Recognizers: dates, quantities, entities, event triggers and attribution cues.
//!
//! Each recognizer reads one sentence's tokens and returns mentions with absolute byte
//! spans. [`recognize_source`] runs them all over an article in document order (dates
//! need the discourse: "days later" follows the last date) and is what both claim
//! building and the `mentions` command consume, so the two can never disagree.

pub mod attribution;
pub mod dates;
pub mod entities;
pub mod events;
pub mod numbers;
pub mod quantities;

use crate::ingest::Source;
use crate::segment::{self, Furniture, Sentence};
use crate::token::{tokenize_reusing, Token};

/// Everything recognized in one sentence.
pub struct SentenceMentions<'a> {
    /// Index of the sentence in the article.
    pub index: usize,
    pub sentence: Sentence,
    pub furniture: Option<Furniture>,
    pub tokens: Vec<Token<'a>>,
    /// Clause boundaries as token ranges, computed once (see `attribution::clauses`).
    pub clauses: Vec<(usize, usize)>,
    pub timexes: Vec<dates::TimexMention>,
    pub quantities: Vec<quantities::QuantityMention>,
    pub entities: Vec<entities::EntityMention>,
    pub triggers: Vec<events::Trigger>,
    pub attributions: Vec<attribution::AttributionCue>,
    pub modal: Vec<attribution::ModalCue>,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Runs every recognizer over an article's sentences, in order.
pub fn recognize_source(source: &Source) -> Vec<SentenceMentions<'_>> {
    let segs = segment::segment(&source.text, source.body_start);
    let mut date_recognizer = dates::DateRecognizer::new(source.published);
    let mut out = Vec::with_capacity(segs.sentences.len());
    // Token ranges of the sentence's dates, in one buffer for every sentence.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Every sentence is split into this buffer before its tokens are copied out.
    let mut token_buf = Vec::new();
    for (index, sentence) in segs.sentences.into_iter().enumerate() {
        let furniture = segs.paragraphs[sentence.paragraph].furniture;
        let tokens = tokenize_reusing(&mut token_buf, &source.text, sentence.start, sentence.end);
        // Dates run on furniture too, so the discourse anchor sees every date in order.
        let timexes = date_recognizer.recognize(&tokens);
        taken.clear();
        taken.extend(timexes.iter().map(|t| t.tokens));
        let quantities = quantities::recognize(&tokens, &taken);
        let mut entities = entities::recognize(&tokens);
        entities.retain(|e| !taken.iter().any(|t| overlaps(*t, e.tokens)));
        let mut triggers = events::recognize(&tokens);
        // A trigger word inside a multi-word name ("Strike Force") is part of the name.
        triggers.retain(|tr| {
            !entities
                .iter()
                .any(|e| !e.generic && e.tokens.1 - e.tokens.0 > 1 && overlaps(e.tokens, tr.tokens))
        });
        let clauses = attribution::clauses(&tokens);
        let attributions = attribution::recognize(&tokens, &entities, &clauses);
        let modal = attribution::modal_cues(&tokens);
        out.push(SentenceMentions {
            index,
            sentence,
            furniture,
            tokens,
            clauses,
            timexes,
            quantities,
            entities,
            triggers,
            attributions,
            modal,
        });
    }
    out
}
