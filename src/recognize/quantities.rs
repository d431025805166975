//! Quantities: counts, amounts of money, percentages and measures with their counted noun.
//! (Interface placeholder; the recognizer is being written.)

use crate::token::Token;
use crate::value::Quantity;

/// The noun a quantity counts ("67 passengers" -> "passengers").
#[derive(Clone, Debug, PartialEq)]
pub struct CountedNoun {
    /// Token index range of the noun phrase head within the sentence slice.
    pub tokens: (usize, usize),
    /// Lowercased head phrase: "passengers", "people on board", "tons".
    pub text: String,
}

/// One quantity found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMention {
    /// Absolute byte offsets into the source file (the whole expression, bounds included).
    pub start: usize,
    pub end: usize,
    /// Token index range [first, last+1) within the slice given to `recognize`.
    pub tokens: (usize, usize),
    pub value: Quantity,
    pub noun: Option<CountedNoun>,
    /// "38 of the 67 passengers": index (in the returned vector) of the whole (67) for the part (38).
    pub part_of: Option<usize>,
    pub rule: &'static str,
}

/// Quantities of one sentence. `taken` holds token ranges already used by temporal
/// expressions ("June 27, 2025"); numbers inside them are not quantities.
pub fn recognize(tokens: &[Token], taken: &[(usize, usize)]) -> Vec<QuantityMention> {
    let _ = (tokens, taken);
    Vec::new()
}
