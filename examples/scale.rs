//! Growth of matching and scoring with story size, on synthetic stories built from the
//! bundled story and the test fixtures (`concord::synthetic`).
//!
//!     cargo run --release --example scale -- 10 100 1000 5000
//!
//! For each size it prints the claims, event mentions' claims, and the wall time of
//! extraction, matching (`matcher::match_claims`) and everything after extraction
//! (matching, comparison, scoring: `reconcile_claims`), then the growth exponents of
//! matching and of everything after extraction, fitted by least squares over log(time)
//! against log(claims).
//!
//!     cargo run --release --example scale -- --write DIR 1000
//!
//! writes each story as a folder `DIR/<size>` instead, for timing the binary end to end
//! (`/usr/bin/time -v concord reconcile DIR/1000 --format json`).

use concord::matcher::{self, MatchOptions};
use concord::reconcile;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 1000]
    } else {
        sizes
    };
    let skip_scoring = std::env::var_os("SCALE_MATCH_ONLY").is_some();
    let base = concord::synthetic::base_sources(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("base articles");
    if let Some(dir) = write_to {
        for n in sizes {
            let story = concord::synthetic::story(&base, n).expect("synthetic story");
            let folder = dir.join(n.to_string());
            std::fs::create_dir_all(&folder).expect("story folder");
            for s in &story.sources {
                std::fs::write(folder.join(format!("{}.txt", s.id)), &s.text).expect("article");
            }
            println!("{}", folder.display());
        }
        return;
    }
    let opts = MatchOptions::default();
    println!("articles\tclaims\tevents\textract_s\tmatch_s\tafter_extract_s");
    let (mut points, mut after_points) = (Vec::new(), Vec::new());
    for n in sizes {
        let story = concord::synthetic::story(&base, n).expect("synthetic story");
        let t = Instant::now();
        let claims = reconcile::extract_story(&story);
        let extract = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m = matcher::match_claims(&claims, &story.published(), &opts);
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
        if !skip_scoring {
            after_points.push(((n_claims as f64).ln(), after.max(1e-6).ln()));
        }
    }
    let fit = |points: &[(f64, f64)]| -> Option<f64> {
        let k = points.len() as f64;
        let mx = points.iter().map(|p| p.0).sum::<f64>() / k;
        let my = points.iter().map(|p| p.1).sum::<f64>() / k;
        let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
        (points.len() >= 2 && sxx > 0.0).then(|| sxy / sxx)
    };
    if let Some(b) = fit(&points) {
        println!("matching growth exponent (time ~ claims^b): b = {b:.2}");
    }
    if let Some(b) = fit(&after_points) {
        println!("after-extraction growth exponent (time ~ claims^b): b = {b:.2}");
    }
}
