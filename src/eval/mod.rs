//! Evaluation against annotated corpora: each evaluator takes a data path and returns
//! metrics that the CLI prints. Nothing here is used by the reconciliation pipeline.

pub mod gva;
pub mod meantime;
pub mod timex;
