//! Recognizers: dates, quantities, entities, event triggers and attribution cues.
//!
//! Each recognizer reads one sentence's tokens and returns mentions with absolute byte
//! spans. [`recognize_source`] runs them all over an article in document order (dates
//! need the discourse: "days later" follows the last date), one recognizer at a time over
//! each block of sentences, and is what both claim building and the `mentions` command
//! consume, so the two can never disagree.

pub mod ages;
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
    /// Ages of the named people among `entities`.
    pub ages: Vec<ages::AgeMention>,
    pub triggers: Vec<events::Trigger>,
    pub attributions: Vec<attribution::AttributionCue>,
    pub modal: Vec<attribution::ModalCue>,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Sentences recognized together, stage by stage (see [`recognize_source`]).
const BLOCK: usize = 64;

/// Runs every recognizer over an article's sentences, in order.
///
/// The sentences go in blocks of [`BLOCK`]: each recognizer runs over the whole block before
/// the next one starts. Together the recognizers' code is larger than the processor's
/// instruction cache, so running all of them sentence by sentence evicted each one's code
/// before its next sentence; a block's tokens still fit in the data caches. Every
/// recognizer sees its sentences in document order and the same inputs either way.
pub fn recognize_source(source: &Source) -> Vec<SentenceMentions<'_>> {
    let segs = segment::segment(&source.text, source.body_start);
    let mut date_recognizer = dates::DateRecognizer::new(source.published);
    let mut out: Vec<SentenceMentions> = Vec::with_capacity(segs.sentences.len());
    // Token ranges of the sentence's dates, in one buffer for every sentence.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Every sentence is split into this buffer before its tokens are copied out.
    let mut token_buf = Vec::new();
    let mut sentences = segs.sentences.into_iter().enumerate().peekable();
    while sentences.peek().is_some() {
        let first = out.len();
        for (index, sentence) in sentences.by_ref().take(BLOCK) {
            let furniture = segs.paragraphs[sentence.paragraph].furniture;
            let tokens =
                tokenize_reusing(&mut token_buf, &source.text, sentence.start, sentence.end);
            out.push(SentenceMentions {
                index,
                sentence,
                furniture,
                tokens,
                clauses: Vec::new(),
                timexes: Vec::new(),
                quantities: Vec::new(),
                entities: Vec::new(),
                ages: Vec::new(),
                triggers: Vec::new(),
                attributions: Vec::new(),
                modal: Vec::new(),
            });
        }
        let block = &mut out[first..];
        // Dates run on furniture too, so the discourse anchor sees every date in order.
        for m in block.iter_mut() {
            m.timexes = dates::join_ranges(&m.tokens, date_recognizer.recognize(&m.tokens));
        }
        for m in block.iter_mut() {
            taken.clear();
            taken.extend(m.timexes.iter().map(|t| t.tokens));
            m.quantities = quantities::recognize(&m.tokens, &taken);
        }
        for m in block.iter_mut() {
            taken.clear();
            taken.extend(m.timexes.iter().map(|t| t.tokens));
            m.entities = entities::recognize(&m.tokens);
            m.entities
                .retain(|e| !taken.iter().any(|t| overlaps(*t, e.tokens)));
            m.ages = ages::recognize(&m.tokens, &m.entities);
        }
        for m in block.iter_mut() {
            let entities = &m.entities;
            m.triggers = events::recognize(&m.tokens);
            // A trigger word inside a multi-word name ("Strike Force") is part of the name.
            m.triggers.retain(|tr| {
                !entities.iter().any(|e| {
                    !e.generic && e.tokens.1 - e.tokens.0 > 1 && overlaps(e.tokens, tr.tokens)
                })
            });
        }
        for m in block.iter_mut() {
            m.clauses = attribution::clauses(&m.tokens);
            m.attributions = attribution::recognize(&m.tokens, &m.entities, &m.clauses);
            m.modal = attribution::modal_cues(&m.tokens);
        }
    }
    out
}
