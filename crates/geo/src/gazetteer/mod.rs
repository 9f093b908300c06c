//! The shipped gazetteer, read in place from its bytes.
//!
//! Loading does no parsing: the file (see [`format`]) is an FST of
//! normalised name keys over fixed-size tables, so the embedded copy is used
//! as it lies in the binary and loading costs a header check.

pub mod format;

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use fst::raw::{Fst, Output};

use crate::normalize::{NameKey, Translit};
use crate::{GeoError, Place};
use format::*;

/// Path of the shipped gazetteer under `data/`.
pub const GAZETTEER_FILE: &str = "gazetteer/gazetteer.bin";

/// A byte range of the shared file, so the FST can borrow from it.
#[derive(Clone)]
pub struct Slice {
    bytes: Arc<Cow<'static, [u8]>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// One gazetteer entry as stored. Of a known size, so that reading a field
/// needs no bounds check.
#[derive(Clone, Copy)]
pub struct Rec<'a> {
    b: &'a [u8; RECORD_LEN],
}

/// What a record index outside the table reads as (only a damaged file has
/// one): no id, name, country or division, and a feature code past the
/// table.
const NO_RECORD: [u8; RECORD_LEN] = {
    let mut r = [0; RECORD_LEN];
    // admin1 and admin2: NONE.
    let mut k = 24;
    while k < 32 {
        r[k] = 0xff;
        k += 1;
    }
    r[33] = 0xff;
    r[34] = 0xff;
    r
};

impl Rec<'_> {
    pub fn geonames_id(&self) -> Option<i64> {
        let id = u32_at(self.b, 0);
        (id != 0).then_some(i64::from(id))
    }
    pub fn lat(&self) -> f64 {
        f64::from(u32_at(self.b, 4) as i32) / 1e5
    }
    pub fn lon(&self) -> f64 {
        f64::from(u32_at(self.b, 8) as i32) / 1e5
    }
    pub fn population(&self) -> u64 {
        u64::from(u32_at(self.b, 12))
    }
    fn name_range(&self) -> Range<usize> {
        let off = u32_at(self.b, 16) as usize;
        off..off + usize::from(u16_at(self.b, 20))
    }
    /// ISO 3166-1 alpha-2, when the place lies in one country.
    pub fn country(&self) -> Option<[u8; 2]> {
        let c = [self.b[22], self.b[23]];
        (c != [0, 0]).then_some(c)
    }
    pub fn admin1(&self) -> Option<u32> {
        let a = u32_at(self.b, 24);
        (a != NONE).then_some(a)
    }
    pub fn admin2(&self) -> Option<u32> {
        let a = u32_at(self.b, 28);
        (a != NONE).then_some(a)
    }
    pub fn feature_class(&self) -> u8 {
        self.b[32]
    }
    fn code_index(&self) -> usize {
        usize::from(u16_at(self.b, 33))
    }
    /// From the hand-kept supplement.
    pub fn handkept(&self) -> bool {
        self.b[35] & FLAG_HANDKEPT != 0
    }
}

/// One candidate place for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub record: u32,
    pub kind: NameKind,
    /// Hash of the spelling this record was indexed under (see
    /// [`format::form_hash`]).
    pub hash: u32,
}

/// The gazetteer: names → places.
pub struct Gazetteer {
    bytes: Arc<Cow<'static, [u8]>>,
    sections: [Range<usize>; SECTIONS],
    fst: Fst<Slice>,
    translit: Translit,
    /// ISO code → the country's record.
    countries: FxHashMap<[u8; 2], u32>,
    /// The feature codes, decoded once: the resolver asks for them often.
    codes: Vec<String>,
    /// What each feature code means to the geoparser's rules, in step with
    /// `codes`: the rules ask per candidate, so strings are compared once.
    kinds: Vec<Code>,
}

/// The feature codes the geoparser's rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// An independent or dependent political entity.
    Country,
    Adm1,
    Adm2,
    /// A historical or other administrative division.
    Admd,
    Continent,
    Region,
    /// A capital.
    Pplc,
    /// The seat of a first-level division.
    Ppla,
    Ppla2,
    /// A section of a populated place.
    Pplx,
    Other,
}

impl Code {
    fn of(code: &str) -> Code {
        match code {
            _ if is_country_code(code) => Code::Country,
            "ADM1" => Code::Adm1,
            "ADM2" => Code::Adm2,
            "ADMD" => Code::Admd,
            "CONT" => Code::Continent,
            "RGN" => Code::Region,
            "PPLC" => Code::Pplc,
            "PPLA" => Code::Ppla,
            "PPLA2" => Code::Ppla2,
            "PPLX" => Code::Pplx,
            _ => Code::Other,
        }
    }
}

impl Gazetteer {
    /// The shipped gazetteer with the shipped transliteration rules.
    pub fn load() -> Result<Self, GeoError> {
        let bytes = dateline_refdata::load(GAZETTEER_FILE)?;
        Self::from_bytes(bytes, Translit::load()?, GAZETTEER_FILE)
    }

    /// A gazetteer from the bytes of a file written by `build`; `origin`
    /// names it in errors.
    pub fn from_bytes(
        bytes: Cow<'static, [u8]>,
        translit: Translit,
        origin: &str,
    ) -> Result<Self, GeoError> {
        let corrupt = |problem: String| GeoError::Data {
            origin: origin.to_string(),
            problem,
        };
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(corrupt(format!(
                "not a Dateline gazetteer of this version (expected magic {:?})",
                String::from_utf8_lossy(MAGIC)
            )));
        }
        let fp = u64_at(&bytes, 8);
        if fp != translit.fingerprint {
            return Err(corrupt(
                "built with other transliteration rules than gazetteer/translit.tsv: rebuild it with `dateline gazetteer build`".into(),
            ));
        }
        let mut sections: [Range<usize>; SECTIONS] = Default::default();
        for (i, s) in sections.iter_mut().enumerate() {
            let at = 16 + i * 16;
            let off = u64_at(&bytes, at) as usize;
            let len = u64_at(&bytes, at + 8) as usize;
            if off.checked_add(len).is_none_or(|end| end > bytes.len()) {
                return Err(corrupt(format!("section {i} lies outside the file")));
            }
            *s = off..off + len;
        }
        let bytes = Arc::new(bytes);
        let fst = Fst::new(Slice {
            bytes: bytes.clone(),
            range: sections[Section::Fst as usize].clone(),
        })
        .map_err(|e| corrupt(format!("name index: {e}")))?;
        let mut g = Gazetteer {
            bytes,
            sections,
            fst,
            translit,
            countries: FxHashMap::default(),
            codes: Vec::new(),
            kinds: Vec::new(),
        };
        let n_codes = g.section(Section::Codes).len() / CODE_LEN;
        g.codes = (0..n_codes).map(|i| g.code_str(i).to_string()).collect();
        g.kinds = g.codes.iter().map(|c| Code::of(c)).collect();
        for i in 0..g.len() as u32 {
            let r = g.rec(i);
            if g.code(i) == Code::Country {
                if let Some(c) = r.country() {
                    g.countries.entry(c).or_insert(i);
                }
            }
        }
        Ok(g)
    }

    fn section(&self, s: Section) -> &[u8] {
        &self.bytes[self.sections[s as usize].clone()]
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.section(Section::Records).len() / RECORD_LEN
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct name keys.
    pub fn key_count(&self) -> usize {
        self.fst.len()
    }

    pub fn translit(&self) -> &Translit {
        &self.translit
    }

    /// The name index, for matchers that walk it byte by byte.
    pub fn fst(&self) -> &Fst<Slice> {
        &self.fst
    }

    pub fn rec(&self, i: u32) -> Rec<'_> {
        let at = i as usize * RECORD_LEN;
        let b = self
            .section(Section::Records)
            .get(at..)
            .and_then(<[u8]>::first_chunk)
            .unwrap_or(&NO_RECORD);
        Rec { b }
    }

    fn string(&self, r: Range<usize>) -> &str {
        // Written from `String`s by the builder; an invalid range or
        // encoding means a damaged file, which reads as an empty name.
        self.section(Section::Strings)
            .get(r)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    pub fn name(&self, i: u32) -> &str {
        self.string(self.rec(i).name_range())
    }

    fn code_str(&self, idx: usize) -> &str {
        let b = self.section(Section::Codes);
        let at = idx * CODE_LEN;
        if at + CODE_LEN > b.len() {
            return "";
        }
        let off = u32_at(b, at) as usize;
        self.string(off..off + usize::from(u16_at(b, at + 4)))
    }

    /// GeoNames feature code ("PPLA2", "ADM1", "STM"...).
    pub fn feature_code(&self, i: u32) -> &str {
        self.codes
            .get(self.rec(i).code_index())
            .map_or("", String::as_str)
    }

    fn admin_name(&self, s: Section, idx: u32) -> Option<&str> {
        let b = self.section(s);
        let at = idx as usize * ADMIN_LEN;
        if at + ADMIN_LEN > b.len() {
            return None;
        }
        let off = u32_at(b, at) as usize;
        Some(self.string(off..off + usize::from(u16_at(b, at + 4))))
    }

    /// What record `i`'s feature code means to the rules.
    pub fn code(&self, i: u32) -> Code {
        self.kinds
            .get(self.rec(i).code_index())
            .copied()
            .unwrap_or(Code::Other)
    }

    /// The record of division `idx` in table `s`, without decoding its name.
    fn admin_rec(&self, s: Section, idx: u32) -> Option<u32> {
        let b = self.section(s);
        let at = idx as usize * ADMIN_LEN;
        let rec = u32_at(b.get(at..at + ADMIN_LEN)?, 8);
        (rec != NONE).then_some(rec)
    }

    /// Name of the first-level division of record `i`.
    pub fn admin1_name(&self, i: u32) -> Option<&str> {
        self.rec(i)
            .admin1()
            .and_then(|a| self.admin_name(Section::Admin1, a))
    }

    pub fn admin2_name(&self, i: u32) -> Option<&str> {
        self.rec(i)
            .admin2()
            .and_then(|a| self.admin_name(Section::Admin2, a))
    }

    /// The record of the first-level division that contains record `i`.
    pub fn admin1_record(&self, i: u32) -> Option<u32> {
        self.rec(i)
            .admin1()
            .and_then(|a| self.admin_rec(Section::Admin1, a))
    }

    /// The record of the second-level division that contains record `i`.
    pub fn admin2_record(&self, i: u32) -> Option<u32> {
        self.rec(i)
            .admin2()
            .and_then(|a| self.admin_rec(Section::Admin2, a))
    }

    /// The record of a country by ISO code.
    pub fn country_record(&self, iso: [u8; 2]) -> Option<u32> {
        self.countries.get(&iso).copied()
    }

    /// Whether record `i` is a country (or dependent territory).
    pub fn is_country(&self, i: u32) -> bool {
        self.code(i) == Code::Country
    }

    /// The record as a [`Place`].
    pub fn place(&self, i: u32) -> Place {
        let r = self.rec(i);
        Place {
            geonames_id: r.geonames_id(),
            name: self.name(i).to_string(),
            country: r
                .country()
                .map(|c| String::from_utf8_lossy(&c).into_owned()),
            admin1: self.admin1_name(i).map(str::to_string),
            admin2: self.admin2_name(i).map(str::to_string),
            lat: r.lat(),
            lon: r.lon(),
            feature_class: char::from(r.feature_class()),
            feature_code: self.feature_code(i).to_string(),
            population: r.population(),
        }
    }

    /// How many postings an FST output value holds.
    pub fn posting_count(&self, value: u64) -> usize {
        (value & ((1 << COUNT_BITS) - 1)) as usize
    }

    /// The postings of an FST output value.
    pub fn postings(&self, value: u64) -> impl Iterator<Item = Posting> + '_ {
        let start = (value >> COUNT_BITS) as usize;
        let count = self.posting_count(value);
        let b = self.section(Section::Postings);
        (start..start + count).filter_map(move |p| {
            let at = p * POSTING_LEN;
            let chunk = b.get(at..at + POSTING_LEN)?;
            let meta = u32_at(chunk, 4);
            Some(Posting {
                record: u32_at(chunk, 0),
                kind: NameKind::from_u8((meta >> 24) as u8),
                hash: meta & 0x00ff_ffff,
            })
        })
    }

    /// The postings stored under a normalised key.
    pub fn postings_for_key(&self, key: &str) -> Vec<Posting> {
        self.fst
            .get(key.as_bytes())
            .map(|o: Output| self.postings(o.value()).collect())
            .unwrap_or_default()
    }

    /// Key and form of a name under this gazetteer's rules.
    pub fn name_key(&self, name: &str) -> Option<NameKey> {
        self.translit.name_key(name)
    }
}

/// GeoNames codes of independent and dependent political entities.
pub fn is_country_code(code: &str) -> bool {
    matches!(
        code,
        "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR"
    )
}
