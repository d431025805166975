//! Concord: source-conflict reconciliation for news stories.

pub mod calendar;
pub mod eval;
pub mod lexicon;
pub mod recognize;
pub mod token;
pub mod value;
