//! Recognizers: dates, quantities, entities, event triggers and attribution cues.

pub mod attribution;
pub mod dates;
pub mod entities;
pub mod events;
pub mod numbers;
pub mod quantities;
