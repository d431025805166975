//! Recognizers: dates, quantities, entities, event triggers and attribution cues.

pub mod dates;
pub mod numbers;
pub mod quantities;
