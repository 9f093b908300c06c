//! Near-duplicate detection: MinHash over word shingles.
//!
//! A body is cut into overlapping runs of [`SHINGLE_WORDS`] words
//! (lowercased, punctuation dropped); each shingle is hashed once, the
//! hash picks one of [`HASHES`] buckets, and the fingerprint keeps the
//! smallest hash in each bucket (one-permutation MinHash; empty buckets of
//! a short body are filled by densification). The share of positions two
//! fingerprints agree on estimates the Jaccard similarity of their shingle
//! sets (standard error about 0.06 at 0.5).
//!
//! [`NEAR_DUPLICATE_THRESHOLD`] is 0.5: a wire story re-published with
//! other furniture, a trimmed paragraph or a changed headline stays well
//! above it (identical bodies score 1.0, a copy missing a fifth of its
//! paragraphs about 0.8), while two different stories on the same topic,
//! which share names and phrases but few runs of four words, score under
//! 0.1. The tests check both sides.

use serde::{Deserialize, Serialize};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Buckets, i.e. values in a fingerprint (a power of two).
pub const HASHES: usize = 64;
/// Estimated Jaccard similarity at or above which two bodies are the same
/// story.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;
/// Rows per LSH band in [`Fingerprint::bands`].
pub const BAND_ROWS: usize = 3;
/// Positions between the starts of consecutive bands: bands overlap, so
/// that agreeing runs anywhere in the signature are caught.
pub const BAND_STRIDE: usize = 1;

/// A body's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub minhash: Vec<u32>,
}

/// A 64-bit finaliser (MurmurHash3's fmix64): every output bit depends on
/// every input bit, so a shingle hash's top bits choose its bucket and its
/// low bits, independently, its value.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Folds the next word hash into a shingle's running hash.
fn fold(acc: u64, word: u64) -> u64 {
    acc.rotate_left(23).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ word
}

/// FNV-1a step over one lowercased character.
fn fnv(h: u64, c: char) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Each ASCII byte lowercased if it is a letter or digit, else 0.
const ASCII_WORD_BYTES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            table[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    table
};

/// Calls `word` with the hash of each word of `text` (runs of letters and
/// digits, FNV-1a over their lowercased characters), in order. ASCII, the
/// bulk of most bodies, is read a byte at a time through a table, without
/// decoding.
fn for_each_word(text: &str, mut word: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut h = FNV_START;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let lower = if b < 0x80 {
            i += 1;
            match ASCII_WORD_BYTES[usize::from(b)] {
                0 => None,
                c => Some(char::from(c)),
            }
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            c.is_alphanumeric()
                .then(|| c.to_lowercase().next().unwrap_or(c))
        };
        if let Some(c) = lower {
            h = fnv(h, c);
            in_word = true;
        } else if in_word {
            word(h);
            h = FNV_START;
            in_word = false;
        }
    }
    if in_word {
        word(h);
    }
}

/// The fingerprint of a body text: one-permutation MinHash. Each shingle
/// is hashed once; the hash's top bits pick one of [`HASHES`] buckets and
/// the bucket keeps the smallest of the rest. Two bodies agree on a bucket
/// with probability their Jaccard similarity, as with one hash function
/// per value, at a [`HASHES`]-th of the cost. A body of fewer than
/// [`SHINGLE_WORDS`] words is one shingle.
pub fn fingerprint(text: &str) -> Fingerprint {
    let mut minhash = vec![u32::MAX; HASHES];
    let mut filled = [false; HASHES];
    let mut keep = |words: &[u64]| {
        let h = mix(words.iter().fold(0, |acc, &w| fold(acc, w)));
        let bucket = (h >> (64 - BUCKET_BITS)) as usize;
        filled[bucket] = true;
        minhash[bucket] = minhash[bucket].min(h as u32);
    };
    // The last SHINGLE_WORDS word hashes, oldest first once full.
    let mut shingle = [0u64; SHINGLE_WORDS];
    let mut words = 0usize;
    for_each_word(text, |w| {
        if words < SHINGLE_WORDS {
            shingle[words] = w;
        } else {
            shingle.rotate_left(1);
            shingle[SHINGLE_WORDS - 1] = w;
        }
        words += 1;
        if words >= SHINGLE_WORDS {
            keep(&shingle);
        }
    });
    match words {
        // No word to fill a bucket from.
        0 => return Fingerprint { minhash },
        1..SHINGLE_WORDS => keep(&shingle[..words]),
        _ => {}
    }
    densify(&mut minhash, &filled);
    Fingerprint { minhash }
}

/// log2 of [`HASHES`].
const BUCKET_BITS: u32 = HASHES.trailing_zeros();

/// Fills the buckets no shingle fell in (a short body has more buckets than
/// shingles) by optimal densification (Shrivastava 2017): empty bucket `i`
/// takes the value of the first filled bucket in a pseudo-random sequence
/// that depends on `i` alone. Two bodies then still agree on a bucket with
/// probability their similarity, and neighbouring empty buckets borrow
/// from unrelated places, so bands of adjacent buckets stay independent.
fn densify(minhash: &mut [u32], filled: &[bool; HASHES]) {
    let mut original = [0u32; HASHES];
    original.copy_from_slice(minhash);
    for (i, slot) in minhash.iter_mut().enumerate() {
        if filled[i] {
            continue;
        }
        let probe =
            |attempt: u64| (mix(((i as u64) << 32) | attempt) >> (64 - BUCKET_BITS)) as usize;
        let borrowed = (1..=MAX_PROBES)
            .map(probe)
            .find(|&j| filled[j])
            // Only when a handful of buckets are filled and the sequence
            // misses them all (about 1 in 10 million for one): the next
            // filled bucket, so that this always ends.
            .or_else(|| (1..HASHES).map(|d| (i + d) % HASHES).find(|&j| filled[j]));
        if let Some(j) = borrowed {
            *slot = original[j];
        }
    }
}

/// Probes of the densification sequence before the fallback.
const MAX_PROBES: u64 = 1024;

impl Fingerprint {
    /// Estimated Jaccard similarity of the two bodies' shingle sets, 0..=1.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.minhash.len() != other.minhash.len() || self.minhash.is_empty() {
            return 0.0;
        }
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b && **a != u32::MAX)
            .count();
        same as f64 / self.minhash.len() as f64
    }

    /// Whether the two bodies are the same story (similarity at or above
    /// [`NEAR_DUPLICATE_THRESHOLD`]).
    pub fn is_near_duplicate(&self, other: &Fingerprint) -> bool {
        self.similarity(other) >= NEAR_DUPLICATE_THRESHOLD
    }

    /// Locality-sensitive hashing keys: one per band of [`BAND_ROWS`]
    /// consecutive values, a band starting every [`BAND_STRIDE`]
    /// positions. Store the keys in an index and compare fingerprints only
    /// among articles that share one.
    ///
    /// Two fingerprints at [`NEAR_DUPLICATE_THRESHOLD`] agree on 32 of 64
    /// positions; they share no band only if no three agreeing positions
    /// are adjacent, which happens for 2.5 in 10,000 such pairs (1 in
    /// 600,000 at 36 agreeing positions, i.e. similarity 0.56), so the
    /// lookup finds practically every pair the full comparison accepts.
    /// Unrelated bodies on one beat (similarity about 0.1) share a band
    /// with probability about 62 × 0.1³ = 0.06, which keeps candidate
    /// lists short; two-row bands would share one with probability 0.3.
    pub fn bands(&self) -> Vec<u64> {
        self.minhash
            .windows(BAND_ROWS)
            .step_by(BAND_STRIDE)
            .enumerate()
            .map(|(band, rows)| {
                rows.iter().fold(band as u64, |acc, &v| {
                    (acc.rotate_left(29) ^ u64::from(v)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                })
            })
            .collect()
    }

    /// The fingerprint as bytes (little-endian values), for a BLOB column.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.minhash.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Fingerprint::to_bytes`] output; `None` if the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let minhash = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Fingerprint { minhash })
    }
}

/// Whether two bodies are the same story.
pub fn is_near_duplicate(a: &str, b: &str) -> bool {
    fingerprint(a).is_near_duplicate(&fingerprint(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored fingerprints and their band keys are computed once: a change
    /// of these values needs a migration that recomputes them.
    #[test]
    fn fingerprints_stay_the_same() {
        let checksum = |text: &str| {
            fingerprint(text).minhash.iter().fold(0u64, |acc, &v| {
                acc.wrapping_mul(31).wrapping_add(u64::from(v))
            })
        };
        let cases = [
            (
                "Gunmen attacked a police station in Maru on Sunday night, killing two officers, residents said.",
                15_305_831_934_458_051_155,
            ),
            ("Ünïcödé Straße İstanbul ÇAĞ 2024 — x", 14_897_408_845_604_673_574),
            ("three word body", 7_067_889_668_147_262_464),
            ("", 1_336_574_138_350_271_488),
        ];
        for (text, sum) in cases {
            assert_eq!(checksum(text), sum, "{text:?}");
        }
    }

    #[test]
    fn short_bodies_fill_every_bucket() {
        let text = "Gunmen attacked a police station in Maru on Sunday night";
        let a = fingerprint(text);
        assert!(a.minhash.iter().all(|&v| v != u32::MAX));
        assert_eq!(a, fingerprint(&text.to_uppercase()));
        assert_eq!(a.similarity(&fingerprint(text)), 1.0);
        let other = fingerprint("Teachers marched through the capital on Monday morning");
        assert!(!a.is_near_duplicate(&other), "{}", a.similarity(&other));
    }
}
