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
fn fixture_story_claims() {
    insta::glob!("fixtures/stories/*/concord.toml", |config| {
        let dir = config.parent().expect("story folder");
        let story = load_story(dir, DEFAULT_MAX_BYTES).expect("fixture story loads");
        // One line per claim: a change in extraction is a one-line diff.
        let lines: Vec<String> = concord::reconcile::extract_story(&story)
            .iter()
            .map(|c| {
                format!(
                    "{} {} {}:{} = {} [{}; {}] {:?}",
                    c.id,
                    c.source,
                    c.event.kind,
                    c.attribute,
                    c.value.display(),
                    c.holder.describe(),
                    c.rule,
                    &story
                        .sources
                        .iter()
                        .find(|s| s.id == c.source)
                        .unwrap()
                        .text[c.evidence[0]..c.evidence[1]]
                )
            })
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
    });
}

#[test]
fn committed_claim_files_are_current() {
    let story =
        load_story(std::path::Path::new("sources"), DEFAULT_MAX_BYTES).expect("bundled story");
    let diff = concord::check::diff_claims(&story, std::path::Path::new("claims"))
        .expect("claim files read");
    assert!(
        diff.is_empty(),
        "claim files differ from what the engine extracts:\n{}\nreview the change, then run `cargo run --release -- extract sources --out claims`",
        concord::check::render(&diff)
    );
    for source in &story.sources {
        let text = std::fs::read_to_string(format!("claims/{}.toml", source.id)).unwrap();
        assert!(
            concord::claimfile::is_pristine(&text),
            "claims/{}.toml was edited outside its review entries and not re-extracted",
            source.id
        );
    }
}
