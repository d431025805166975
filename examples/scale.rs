//! Growth of matching and scoring with story size, on synthetic stories built from the
//! bundled story and the test fixtures (`concord::synthetic`).
//!
//!     cargo run --release --example scale -- 10 100 1000 5000
//!
//! For each size it prints the claims, event mentions' claims, and the wall time of
//! extraction, matching (`matcher::match_claims`) and everything after extraction
//! (matching, comparison, scoring: `reconcile_claims`), then the growth exponent of matching
//! fitted by least squares over log(time) against log(claims).

use concord::matcher::{self, MatchOptions};
use concord::reconcile;
use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 1000]
    } else {
        sizes
    };
    let skip_scoring = std::env::var_os("SCALE_MATCH_ONLY").is_some();
    let base = concord::synthetic::base_sources(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("base articles");
    let opts = MatchOptions::default();
    println!("articles\tclaims\tevents\textract_s\tmatch_s\tafter_extract_s");
    let mut points = Vec::new();
    for n in sizes {
        let story = concord::synthetic::story(&base, n);
        let t = Instant::now();
        let claims = reconcile::extract_story(&story);
        let extract = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m = matcher::match_claims(&claims, &opts);
        let matching = t.elapsed().as_secs_f64();
        let events = m.events.len();
        drop(m);
        let n_claims = claims.len();
        let after = if skip_scoring {
            f64::NAN
        } else {
            let t = Instant::now();
            let report = reconcile::reconcile_claims(&story, claims, &opts);
            std::hint::black_box(&report);
            t.elapsed().as_secs_f64()
        };
        println!("{n}\t{n_claims}\t{events}\t{extract:.3}\t{matching:.4}\t{after:.4}");
        points.push(((n_claims as f64).ln(), matching.max(1e-6).ln()));
    }
    if points.len() >= 2 {
        let k = points.len() as f64;
        let mx = points.iter().map(|p| p.0).sum::<f64>() / k;
        let my = points.iter().map(|p| p.1).sum::<f64>() / k;
        let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
        println!(
            "matching growth exponent (time ~ claims^b): b = {:.2}",
            sxy / sxx
        );
    }
}
