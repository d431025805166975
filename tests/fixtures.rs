//! Every fixture story (a folder with a `concord.toml` under `tests/fixtures/stories/`) is reconciled and its Markdown report
//! kept as a snapshot: a change in extraction or matching shows up as a reviewed diff.

use concord::ingest::{load_story, DEFAULT_MAX_BYTES};
use concord::matcher::MatchOptions;
use concord::reconcile::reconcile;
use concord::report::markdown;

#[test]
fn fixture_story_reports() {
    insta::glob!("fixtures/stories/*/concord.toml", |config| {
        // Relative to the crate, so the report (which names its files) is the same anywhere.
        let dir = config.parent().expect("story folder");
        let dir = dir.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(dir);
        let story = load_story(dir, DEFAULT_MAX_BYTES).expect("fixture story loads");
        let report = reconcile(&story, &MatchOptions::default());
        insta::assert_snapshot!(markdown::render(&report));
    });
}

#[test]
fn committed_claim_files_are_current() {
    let story =
        load_story(std::path::Path::new("sources"), DEFAULT_MAX_BYTES).expect("bundled story");
    let mut stale = Vec::new();
    for source in &story.sources {
        let claims = concord::claims::extract(source, &story.config);
        let expected = concord::claimfile::render(source, &claims).expect("renders");
        let path = format!("claims/{}.toml", source.id);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != expected {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "claim files differ from what the engine extracts: {stale:?}\nreview the change, then run `cargo run --release -- extract sources --out claims --force`"
    );
}
