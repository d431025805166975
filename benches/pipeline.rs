//! Throughput of the pipeline's stages (`cargo bench --bench pipeline`); one core except
//! the gva-dev batch, which uses every core as batch mode does.
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

/// Matching and scoring (everything after extraction: match, compare, score, report) of
/// synthetic stories of 10, 100 and 1,000 articles (`concord::synthetic`: the bundled story
/// and fixtures, copied with thinned paragraphs and shifted counts). The 5,000-article
/// point of the growth curve is `cargo run --release --example scale`.
#[divan::bench(args = [10, 100, 1000], sample_count = 3, sample_size = 1)]
fn match_and_score(bencher: divan::Bencher, articles: usize) {
    let base = concord::synthetic::base_sources(Path::new(".")).expect("base articles");
    let story = concord::synthetic::story(&base, articles).expect("synthetic story");
    let claims = concord::reconcile::extract_story(&story);
    bencher
        .with_inputs(|| claims.clone())
        .bench_values(|claims| {
            concord::reconcile::reconcile_claims(&story, claims, &MatchOptions::default())
                .clusters
                .len()
        });
}

/// Event matching alone on the same synthetic stories.
#[divan::bench(args = [10, 100, 1000], sample_count = 5, sample_size = 1)]
fn match_events(bencher: divan::Bencher, articles: usize) {
    let base = concord::synthetic::base_sources(Path::new(".")).expect("base articles");
    let story = concord::synthetic::story(&base, articles).expect("synthetic story");
    let claims = concord::reconcile::extract_story(&story);
    let published = story.published();
    bencher.bench(|| {
        concord::matcher::match_claims(
            divan::black_box(&claims),
            &published,
            &MatchOptions::default(),
        )
        .events
        .len()
    });
}

/// The gva-dev batch: one story per incident of `../shared/data/gva-dev/incidents.jsonl`
/// (795 stories, 1,387 articles), reconciled in parallel from extraction to report as
/// `concord reconcile --stories` does (without reading files). Without the shared data,
/// the bundled story and the fixture stories, each repeated to 100 stories.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn gva_dev_batch(bencher: divan::Bencher) {
    use rayon::prelude::*;
    let gva = Path::new("../shared/data/gva-dev/incidents.jsonl");
    let stories: Vec<Story> = match concord::eval::gva::stories(gva, 1) {
        Ok(stories) => stories,
        Err(_) => concord::synthetic::BASE_STORIES
            .iter()
            .filter_map(|dir| load_story(Path::new(dir), DEFAULT_MAX_BYTES).ok())
            .cycle()
            .take(100)
            .collect(),
    };
    let bytes: usize = stories
        .iter()
        .flat_map(|s| &s.sources)
        .map(|s| s.text.len())
        .sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        stories
            .par_iter()
            .map(|s| {
                let report = concord::reconcile::reconcile(s, &MatchOptions::default());
                concord::report::json(&report).len()
            })
            .sum::<usize>()
    });
}
