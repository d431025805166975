//! Evaluation against annotated corpora, kept in the library so that the CLI and the
//! examples report the same numbers.

pub mod timex;
