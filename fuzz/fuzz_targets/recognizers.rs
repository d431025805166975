//! Every recognizer and the claim builder on arbitrary text: no panic, and every span lies
//! on character boundaries inside the article.
#![no_main]
use concord::ingest::{Source, Story, StoryConfig};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fn valid(text: &str, [s, e]: [usize; 2]) -> bool {
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

fuzz_target!(|text: &str| {
    let Ok(mut source) = Source::parse(Path::new("f.txt"), text.to_string()) else {
        return;
    };
    source.published = concord::calendar::CivilDate::new(2025, 7, 7);
    for m in concord::mentions::mentions(&source) {
        assert!(valid(&source.text, m.span), "mention span {:?}", m.span);
    }
    let story = Story {
        root: PathBuf::from("fuzz"),
        sources: vec![source],
        config: StoryConfig::default(),
    };
    let report = concord::reconcile::reconcile(&story, &concord::matcher::MatchOptions::default());
    for c in &report.claims {
        assert!(valid(&story.sources[0].text, c.span) && valid(&story.sources[0].text, c.evidence));
    }
});
