//! Concord: source-conflict reconciliation for news stories.

pub mod batch;
pub mod calendar;
pub mod check;
pub mod claimfile;
pub mod claims;
pub mod compare;
pub mod copies;
pub mod error;
pub mod eval;
pub mod hash;
pub mod ingest;
pub mod lexicon;
pub mod masthead;
pub mod matcher;
pub mod mentions;
pub mod recognize;
pub mod reconcile;
pub mod report;
pub mod review;
pub mod rule;
pub mod score;
pub mod segment;
pub mod synthetic;
pub mod token;
pub mod value;
