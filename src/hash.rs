//! Stable, content-derived identifiers.
//!
//! Ids must be the same on every machine and every Rust version, so they use FNV-1a
//! (a fixed, documented function) rather than the standard library's hasher.

/// 64-bit FNV-1a.
pub fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a as a `Hasher`, for maps keyed by short lexicon words, where SipHash costs more
/// than the lookup itself (the keys are trusted, so hash flooding is not a concern).
#[derive(Default, Clone, Copy)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// `BuildHasher` for [`FnvHasher`].
pub type FnvBuildHasher = std::hash::BuildHasherDefault<FnvHasher>;

/// A short id like `c-3f9a2b1c4d5e`: a prefix and 48 bits of the hash.
pub fn stable_id(prefix: &str, content: &str) -> String {
    format!("{prefix}-{:012x}", fnv1a(content) >> 16)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        assert_eq!(super::fnv1a(""), 0xcbf29ce484222325);
        assert_eq!(super::fnv1a("a"), 0xaf63dc4c8601ec8c);
    }
}
