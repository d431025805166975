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

/// A multiplicative hash that reads eight bytes at a time (the FxHash scheme, with a final
/// mix), for the in-memory vocabulary every token is looked up in. Never used for ids.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const WORD_HASH_K: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(WORD_HASH_K);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// `BuildHasher` for [`WordHasher`].
pub type WordBuildHasher = std::hash::BuildHasherDefault<WordHasher>;

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
