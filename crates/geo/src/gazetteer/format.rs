//! The gazetteer file's layout, shared by the writer and the reader.
//!
//! One little-endian file, read in place (no parsing at load):
//!
//! ```text
//! header   MAGIC, translit fingerprint u64, then SECTIONS × (offset u64, len u64)
//! fst      normalised key → (first posting << 20 | posting count)
//! postings (record u32, meta u32) per key, most important record first;
//!          meta = form hash (24 bits) | name kind << 24
//! records  RECORD_LEN bytes each: GeoNames id u32 (0: none), lat i32 and
//!          lon i32 (1e-5 degrees), population u32, name off u32, name len
//!          u16, country [u8; 2], admin1 u32, admin2 u32 (NONE: none),
//!          feature class u8, feature code index u16, flags u8
//! admin1   ADMIN_LEN bytes each: name off u32, name len u16, country [u8; 2],
//!          record u32 (u32::MAX: none), reserved u32
//! admin2   as admin1
//! codes    CODE_LEN bytes each: feature code off u32, len u16, class u8, 0
//! strings  UTF-8 names
//! ```

pub const MAGIC: &[u8; 8] = b"DLGAZ002";
pub const SECTIONS: usize = 7;
pub const HEADER_LEN: usize = 16 + SECTIONS * 16;
pub const RECORD_LEN: usize = 36;
pub const ADMIN_LEN: usize = 16;
pub const CODE_LEN: usize = 8;
pub const POSTING_LEN: usize = 8;
/// Bits of the FST value that hold the posting count.
pub const COUNT_BITS: u32 = 20;
pub const NONE: u32 = u32::MAX;
/// Record flag: the place comes from the hand-kept supplement.
pub const FLAG_HANDKEPT: u8 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Fst = 0,
    Postings = 1,
    Records = 2,
    Admin1 = 3,
    Admin2 = 4,
    Codes = 5,
    Strings = 6,
}

/// How a name belongs to its place; decides how literally text must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum NameKind {
    /// The GeoNames name, or its ASCII spelling.
    Primary = 0,
    /// A GeoNames alternate name.
    Alternate = 1,
    /// A hand-kept English name (data/gazetteer/aliases.tsv).
    Alias = 2,
    /// An abbreviation or code ("U.S.", "UAE", "Calif."): matches only with
    /// its exact letters, case and dots.
    Abbreviation = 3,
    /// An adjective of the place ("Syrian", "European").
    Demonym = 4,
}

impl NameKind {
    pub fn from_u8(v: u8) -> NameKind {
        match v {
            0 => NameKind::Primary,
            1 => NameKind::Alternate,
            2 => NameKind::Alias,
            3 => NameKind::Abbreviation,
            _ => NameKind::Demonym,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Primary => "primary",
            NameKind::Alternate => "alternate",
            NameKind::Alias => "alias",
            NameKind::Abbreviation => "abbreviation",
            NameKind::Demonym => "demonym",
        }
    }
}

/// The 24-bit hash a posting keeps of the spelling it was indexed under:
/// the form for ordinary names, the exact surface for abbreviations.
pub fn form_hash(s: &str) -> u32 {
    hash24(crate::normalize::fnv1a64(s.as_bytes()))
}

/// The 24 bits of an FNV-1a state that a posting keeps.
pub fn hash24(fnv: u64) -> u32 {
    (fnv & 0x00ff_ffff) as u32
}

/// The surface of an abbreviation as compared: its characters without
/// spaces ("U. S." and "U.S." are the same abbreviation).
pub fn abbreviation_surface(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The FNV-1a state of `s`'s [`abbreviation_surface`], hashed where the
/// text lies: the matcher asks for every name it finds.
pub fn abbreviation_fnv(s: &str) -> u64 {
    s.split(char::is_whitespace)
        .fold(crate::normalize::FNV1A64_START, |h, piece| {
            crate::normalize::fnv1a64_extend(h, piece.as_bytes())
        })
}

pub fn meta(hash: u32, kind: NameKind) -> u32 {
    (hash & 0x00ff_ffff) | (u32::from(kind as u8) << 24)
}

pub fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

pub fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

pub fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}
