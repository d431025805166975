//! Throughput of the pipeline's stages, one core (`cargo bench --bench pipeline`).
//!
//! The corpus is built by concatenating real text: the bundled story and the test fixtures,
//! repeated to about 2 MB, plus the gva-dev articles when `../shared/data` is present.
//! Recognition is the innermost loop of every run, so its MB/s is the headline figure.

use concord::ingest::{load_story, Source, Story, DEFAULT_MAX_BYTES};
use concord::matcher::MatchOptions;
use divan::counter::BytesCount;
use std::path::Path;

fn main() {
    divan::main();
}

fn corpus_text() -> String {
    let mut text = String::new();
    for dir in [
        "sources",
        "tests/fixtures/stories/shooting",
        "tests/fixtures/stories/plant-fire",
    ] {
        if let Ok(story) = load_story(Path::new(dir), DEFAULT_MAX_BYTES) {
            for s in &story.sources {
                text.push_str(s.body());
                text.push_str("\n\n");
            }
        }
    }
    if let Ok(gva) = std::fs::read_to_string("../shared/data/gva-dev/incidents.jsonl") {
        for line in gva.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                for d in v["docs"].as_array().into_iter().flatten() {
                    text.push_str(d["content"].as_str().unwrap_or(""));
                    text.push_str("\n\n");
                }
            }
        }
    }
    let base = text.clone();
    while text.len() < 2_000_000 && !base.is_empty() {
        text.push_str(&base);
    }
    text
}

fn corpus_source() -> Source {
    let mut s = Source::parse(Path::new("corpus.txt"), corpus_text()).expect("corpus parses");
    s.published = concord::calendar::CivilDate::new(2025, 7, 7);
    s
}

/// All recognizers over the corpus (what `concord mentions` does), MB/s.
#[divan::bench(sample_count = 10)]
fn recognize(bencher: divan::Bencher) {
    let source = corpus_source();
    bencher
        .counter(BytesCount::new(source.text.len()))
        .bench(|| concord::recognize::recognize_source(divan::black_box(&source)).len());
}

/// Claim extraction of one article of the bundled story.
#[divan::bench]
fn extract_one_article(bencher: divan::Bencher) {
    let story = load_story(Path::new("sources"), DEFAULT_MAX_BYTES).expect("bundled story");
    let source = &story.sources[0];
    bencher
        .counter(BytesCount::new(source.text.len()))
        .bench(|| concord::claims::extract(divan::black_box(source), &story.config).len());
}

/// The bundled story end to end: ingest is excluded, everything after it included.
#[divan::bench]
fn bundled_story_end_to_end(bencher: divan::Bencher) {
    let story: Story = load_story(Path::new("sources"), DEFAULT_MAX_BYTES).expect("bundled story");
    bencher.bench(|| {
        concord::reconcile::reconcile(divan::black_box(&story), &MatchOptions::default())
            .claims
            .len()
    });
}
