//! Temporal expressions (TimeML TIMEX3): dates, times, durations and sets.
//! (Interface placeholder; the recognizer is being written.)

use crate::calendar::CivilDate;
use crate::token::Token;
use crate::value::{DateMod, DateValue};

/// TIMEX3 types.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// One temporal expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct TimexMention {
    /// Absolute byte offsets into the source file.
    pub start: usize,
    pub end: usize,
    /// Token index range [first, last+1) within the slice given to `recognize`.
    pub tokens: (usize, usize),
    pub timex_type: TimexType,
    /// TimeML value: "2025-06-30", "2024-12", "199X", "P3Y", "PAST_REF", "2025-06-27T18:00".
    pub value: String,
    pub modifier: Option<DateMod>,
    /// For DATE expressions: the comparable date (interval or year-less); None otherwise.
    pub date: Option<DateValue>,
    /// What a relative expression was resolved against ("published 2025-07-07", "previous date 2025-06-27").
    pub anchor: Option<String>,
    /// Name of the rule that recognized and resolved it.
    pub rule: &'static str,
}

/// Recognizes temporal expressions sentence by sentence, keeping the discourse anchor.
pub struct DateRecognizer {
    published: Option<CivilDate>,
}

impl DateRecognizer {
    pub fn new(published: Option<CivilDate>) -> DateRecognizer {
        DateRecognizer { published }
    }

    /// Temporal expressions of one sentence, in order. Call for each sentence in document order.
    pub fn recognize(&mut self, tokens: &[Token]) -> Vec<TimexMention> {
        let _ = (tokens, self.published);
        Vec::new()
    }
}
