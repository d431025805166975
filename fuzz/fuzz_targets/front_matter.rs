//! Article parsing (BOM, `+++` TOML front matter, body offset) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(source) = concord::ingest::Source::parse(std::path::Path::new("f.md"), text.to_string()) {
        assert!(source.body_start <= source.text.len());
        assert!(source.text.is_char_boundary(source.body_start));
    }
});
