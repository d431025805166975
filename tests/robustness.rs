//! The whole pipeline on arbitrary text: it never panics, and every span it reports lies on
//! character boundaries inside the source.

use concord::ingest::{Source, Story, StoryConfig};
use concord::matcher::MatchOptions;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn newsy_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Police",
        "said",
        "two",
        "people",
        "were",
        "killed",
        "and",
        "3",
        "injured",
        "on",
        "Friday",
        "June",
        "30,",
        "2025",
        "the",
        "raid",
        "in",
        "Baku",
        "at least",
        "several",
        "dozens",
        "of",
        "—",
        "“quoted”",
        "é",
        "中文",
        ".",
        ",",
        ";",
        "\n",
        "\n\n",
        "UPDATE:",
        "no one",
        "was",
        "hurt",
        "Gov.",
        "Smith",
        "$3.7",
        "billion",
        "46%",
        "Monday night",
    ]);
    prop::collection::vec(words, 0..80).prop_map(|w| w.join(" "))
}

fn check_spans(text: &str, span: [usize; 2]) {
    assert!(
        span[0] <= span[1] && span[1] <= text.len(),
        "span {span:?} out of bounds"
    );
    assert!(
        text.is_char_boundary(span[0]) && text.is_char_boundary(span[1]),
        "span {span:?} splits a character"
    );
}

/// Runs the pipeline over `sources` and checks every span it reports.
fn exercise(sources: Vec<Source>) {
    let story = Story {
        root: PathBuf::from("prop"),
        sources,
        config: StoryConfig::default(),
    };
    let report = concord::reconcile::reconcile(&story, &MatchOptions::default());
    for c in &report.claims {
        let text = &story
            .sources
            .iter()
            .find(|s| s.id == c.source)
            .expect("claim source")
            .text;
        check_spans(text, c.span);
        check_spans(text, c.evidence);
        check_spans(text, c.event.trigger_span);
    }
    let _ = concord::report::markdown::render(&report);
    for s in &story.sources {
        for m in concord::mentions::mentions(s) {
            check_spans(&s.text, m.span);
        }
    }
}

/// Inputs the fuzz targets (`fuzz/`) found or that seed them, kept as regression tests: each
/// folder of `fuzz/regressions` is run the way its target runs it.
#[test]
fn fuzz_regressions_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut ran = 0;
    for target in ["front_matter", "recognizers", "claim_file"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(target))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            match target {
                "front_matter" => {
                    if let Ok(s) = Source::parse(&file, text) {
                        assert!(s.text.is_char_boundary(s.body_start), "{}", file.display());
                    }
                }
                "recognizers" => {
                    let mut s = Source::parse(Path::new("f.txt"), text).expect("plain text parses");
                    s.published = concord::calendar::CivilDate::new(2025, 7, 7);
                    exercise(vec![s]);
                }
                _ => {
                    let _ = concord::claimfile::is_pristine(&text);
                    if let Ok(f) = concord::claimfile::parse(&file, &text) {
                        let _ = concord::claimfile::unmergeable_edits(&text, &f);
                    }
                }
            }
            ran += 1;
        }
    }
    assert!(ran >= 6, "the regression inputs are missing");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_and_spans_are_valid(a in newsy_text(), b in any::<String>(), published in prop::option::of(2000i32..2030)) {
        let mut sources = Vec::new();
        for (i, text) in [a, b].into_iter().enumerate() {
            let mut s = Source::parse(Path::new(&format!("s{i}.txt")), text).expect("plain text parses");
            s.published = published.and_then(|y| concord::calendar::CivilDate::new(y, 7, 7));
            sources.push(s);
        }
        exercise(sources);
    }
}
