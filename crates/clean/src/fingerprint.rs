//! Near-duplicate detection: MinHash over word shingles.
//!
//! A body is cut into overlapping runs of [`SHINGLE_WORDS`] words
//! (lowercased, punctuation dropped); the fingerprint keeps, for each of
//! [`HASHES`] hash functions, the smallest hash of any shingle. The share
//! of positions two fingerprints agree on estimates the Jaccard similarity
//! of their shingle sets (standard error about 0.06 at 0.5).
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
/// Hash functions, i.e. values in a fingerprint.
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

/// Seeds of the hash family `h_i(x) = (a_i * x + b_i) >> 32`, a_i odd:
/// fixed, so fingerprints compare across runs and machines.
const SEEDS: [(u64, u64); HASHES] = seeds();

const fn splitmix(state: u64) -> (u64, u64) {
    let state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (state, z ^ (z >> 31))
}

const fn seeds() -> [(u64, u64); HASHES] {
    let mut out = [(0u64, 0u64); HASHES];
    let mut state = 0x6461_7465_6c69_6e65; // "dateline"
    let mut i = 0;
    while i < HASHES {
        let (s1, a) = splitmix(state);
        let (s2, b) = splitmix(s1);
        state = s2;
        out[i] = (a | 1, b);
        i += 1;
    }
    out
}

/// FNV-1a over a word's lowercased characters.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars() {
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The fingerprint of a body text.
pub fn fingerprint(text: &str) -> Fingerprint {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    let width = SHINGLE_WORDS.min(words.len());
    if width == 0 {
        return Fingerprint {
            minhash: vec![u32::MAX; HASHES],
        };
    }
    let shingles: Vec<u64> = words
        .windows(width)
        .map(|shingle| {
            shingle.iter().fold(0u64, |acc, &w| {
                acc.rotate_left(23).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ w
            })
        })
        .collect();
    // One hash function at a time over every shingle: a tight loop the
    // compiler vectorises, the same minimum as shingle by shingle.
    let minhash = SEEDS
        .iter()
        .map(|&(a, b)| {
            shingles
                .iter()
                .map(|&x| (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32)
                .min()
                .unwrap_or(u32::MAX)
        })
        .collect();
    Fingerprint { minhash }
}

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
