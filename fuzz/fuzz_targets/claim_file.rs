//! Claim-file parsing and the edit detection that guards a reviewer's work.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = std::path::Path::new("claims/f.toml");
    let _ = concord::claimfile::is_pristine(text);
    if let Ok(file) = concord::claimfile::parse(path, text) {
        let _ = concord::claimfile::unmergeable_edits(text, &file);
    }
});
