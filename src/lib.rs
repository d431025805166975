//! Concord: source-conflict reconciliation for news stories.

pub mod calendar;
pub mod claims;
pub mod hash;
pub mod error;
pub mod ingest;
pub mod lexicon;
pub mod recognize;
pub mod segment;
pub mod token;
pub mod value;
