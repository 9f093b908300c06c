//! `dateline gazetteer build`: turns GeoNames extracts into the one compact
//! file the geoparser reads (layout in [`crate::gazetteer::format`]).
//!
//! Two kinds of input give the same intermediate [`Sources`]: the pinned
//! registry packages ([`packages`]) or a full GeoNames dump ([`dump`]). The
//! hand-kept supplement and aliases ([`handkept`]) are added to either, then
//! [`write`] indexes every name under its transliteration key.

pub mod archive;
pub mod dump;
pub mod handkept;
pub mod packages;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::gazetteer::format::*;
use crate::gazetteer::is_country_code;
use crate::normalize::Translit;
use crate::GeoError;

/// One place before indexing.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// GeoNames id; 0 for hand-kept places GeoNames lacks.
    pub gid: u32,
    pub name: String,
    /// Every name to index, the primary one included.
    pub names: Vec<(String, NameKind)>,
    /// `None` until known; entries still without coordinates are dropped.
    pub coords: Option<(f64, f64)>,
    pub class: u8,
    pub code: String,
    pub country: Option<[u8; 2]>,
    /// GeoNames admin1 code inside the country ("07").
    pub admin1: Option<String>,
    /// GeoNames admin2 code inside the admin1.
    pub admin2: Option<String>,
    pub population: u64,
    /// From the hand-kept supplement: a place someone judged notable.
    pub handkept: bool,
}

impl Entry {
    pub fn add_name(&mut self, name: &str, kind: NameKind) {
        let name = name.trim();
        if !name.is_empty() && !self.names.iter().any(|(n, k)| n == name && *k == kind) {
            self.names.push((name.to_string(), kind));
        }
        // "The Netherlands", "The Gambia": text often drops the article.
        if let Some(rest) = name
            .strip_prefix("The ")
            .or_else(|| name.strip_prefix("the "))
        {
            self.add_name(rest, kind);
        }
    }
}

/// Everything read from the sources, keyed for merging.
#[derive(Default)]
pub struct Sources {
    /// By GeoNames id; hand-kept places without one are in `extra`.
    pub entries: BTreeMap<u32, Entry>,
    pub extra: Vec<Entry>,
    /// (country, admin1 code) → English name.
    pub admin1_names: BTreeMap<([u8; 2], String), String>,
    /// (country, admin1 code, admin2 code) → name.
    pub admin2_names: BTreeMap<([u8; 2], String, String), String>,
}

/// The inputs of one build.
pub enum Input {
    /// The pinned registry packages (see data/README.md).
    Packages(packages::PackagePaths),
    /// A full GeoNames dump: `allCountries.txt` and `alternateNamesV2.txt`.
    Dump {
        all_countries: PathBuf,
        alternate_names: PathBuf,
    },
}

/// What a build wrote.
#[derive(Debug)]
pub struct Summary {
    pub places: usize,
    pub keys: usize,
    pub postings: usize,
    pub bytes: usize,
}

/// Builds the gazetteer from `input` plus the hand-kept files and writes it
/// to `out`.
pub fn build(
    input: &Input,
    supplement: &Path,
    aliases: &Path,
    translit: &Translit,
    out: &Path,
) -> Result<Summary, GeoError> {
    let mut sources = match input {
        Input::Packages(p) => packages::read(p)?,
        Input::Dump {
            all_countries,
            alternate_names,
        } => dump::read(all_countries, alternate_names)?,
    };
    handkept::add_supplement(&mut sources, supplement)?;
    handkept::add_aliases(&mut sources, aliases)?;
    fill_from_members(&mut sources);
    let bytes = write(&sources, translit)?;
    std::fs::write(out, &bytes.0).map_err(|source| GeoError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(Summary {
        bytes: bytes.0.len(),
        ..bytes.1
    })
}

/// Gives countries and divisions without coordinates (the package sources
/// carry none for them) the mean position of their populated places, and
/// without population the sum of theirs: a representative point inside the
/// settled part of the region.
pub fn fill_from_members(s: &mut Sources) {
    type Acc = (f64, f64, u64, u64);
    let mut by_country: HashMap<[u8; 2], Acc> = HashMap::new();
    let mut by_admin1: HashMap<([u8; 2], String), Acc> = HashMap::new();
    let mut by_admin2: HashMap<([u8; 2], String, String), Acc> = HashMap::new();
    let add = |acc: &mut Acc, lat: f64, lon: f64, pop: u64| {
        acc.0 += lat;
        acc.1 += lon;
        acc.2 += 1;
        acc.3 += pop;
    };
    for e in s.entries.values().chain(s.extra.iter()) {
        let (Some(cc), Some((lat, lon)), b'P') = (e.country, e.coords, e.class) else {
            continue;
        };
        add(by_country.entry(cc).or_default(), lat, lon, e.population);
        if let Some(a1) = &e.admin1 {
            add(
                by_admin1.entry((cc, a1.clone())).or_default(),
                lat,
                lon,
                e.population,
            );
            if let Some(a2) = &e.admin2 {
                add(
                    by_admin2.entry((cc, a1.clone(), a2.clone())).or_default(),
                    lat,
                    lon,
                    e.population,
                );
            }
        }
    }
    for e in s.entries.values_mut().chain(s.extra.iter_mut()) {
        let Some(cc) = e.country else { continue };
        let acc = match e.code.as_str() {
            c if is_country_code(c) => by_country.get(&cc),
            "ADM1" => e.admin1.clone().and_then(|a| by_admin1.get(&(cc, a))),
            "ADM2" => match (&e.admin1, &e.admin2) {
                (Some(a1), Some(a2)) => by_admin2.get(&(cc, a1.clone(), a2.clone())),
                _ => None,
            },
            _ => None,
        };
        if let Some(&(lat, lon, n, pop)) = acc {
            if e.coords.is_none() {
                e.coords = Some((lat / n as f64, lon / n as f64));
            }
            if e.population == 0 {
                e.population = pop;
            }
        }
    }
}

/// How much a place stands out among the places of one name, before any
/// context: postings are stored in this order.
fn prior(e: &Entry) -> u64 {
    let rank = match (e.class, e.code.as_str()) {
        (_, c) if is_country_code(c) => 4,
        (_, "CONT") => 4,
        (_, "ADM1") => 3,
        (b'P', "PPLC") => 3,
        _ => 0,
    };
    (rank << 48) | e.population.min((1 << 48) - 1)
}

/// The file's bytes and counts.
pub fn write(s: &Sources, translit: &Translit) -> Result<(Vec<u8>, Summary), GeoError> {
    let mut entries: Vec<&Entry> = s
        .entries
        .values()
        .chain(s.extra.iter())
        .filter(|e| e.coords.is_some())
        .collect();
    entries.sort_by(|a, b| a.gid.cmp(&b.gid).then(a.name.cmp(&b.name)));

    let mut strings = Strings::default();
    let mut codes: BTreeMap<(String, u8), u16> = BTreeMap::new();
    for e in &entries {
        let n = codes.len();
        codes.entry((e.code.clone(), e.class)).or_insert(n as u16);
    }
    if codes.len() > usize::from(u16::MAX) {
        return Err(too_many("feature codes"));
    }

    // Division tables, with the record of each division where there is one.
    let mut admin1: BTreeMap<([u8; 2], String), (String, u32)> = s
        .admin1_names
        .iter()
        .map(|(k, n)| (k.clone(), (n.clone(), NONE)))
        .collect();
    let mut admin2: BTreeMap<([u8; 2], String, String), (String, u32)> = s
        .admin2_names
        .iter()
        .map(|(k, n)| (k.clone(), (n.clone(), NONE)))
        .collect();
    for (i, e) in entries.iter().enumerate() {
        let (Some(cc), Some(a1)) = (e.country, e.admin1.clone()) else {
            continue;
        };
        match (e.code.as_str(), e.admin2.clone()) {
            ("ADM1", _) => {
                let slot = admin1.entry((cc, a1)).or_insert((e.name.clone(), NONE));
                slot.1 = i as u32;
            }
            ("ADM2", Some(a2)) => {
                let slot = admin2.entry((cc, a1, a2)).or_insert((e.name.clone(), NONE));
                slot.1 = i as u32;
            }
            _ => {}
        }
    }
    let admin1_index: HashMap<&([u8; 2], String), u32> = admin1
        .keys()
        .enumerate()
        .map(|(i, k)| (k, i as u32))
        .collect();
    let admin2_index: HashMap<&([u8; 2], String, String), u32> = admin2
        .keys()
        .enumerate()
        .map(|(i, k)| (k, i as u32))
        .collect();

    let mut records = Vec::with_capacity(entries.len() * RECORD_LEN);
    let mut postings: Vec<(String, u64, u32, u32)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let (lat, lon) = e.coords.unwrap_or_default();
        let name = strings.add(&e.name);
        let a1 = match (e.country, &e.admin1) {
            (Some(cc), Some(a)) => admin1_index.get(&(cc, a.clone())).copied(),
            _ => None,
        };
        let a2 = match (e.country, &e.admin1, &e.admin2) {
            (Some(cc), Some(a), Some(b)) => admin2_index.get(&(cc, a.clone(), b.clone())).copied(),
            _ => None,
        };
        records.extend_from_slice(&e.gid.to_le_bytes());
        records.extend_from_slice(&((lat * 1e5).round() as i32).to_le_bytes());
        records.extend_from_slice(&((lon * 1e5).round() as i32).to_le_bytes());
        records.extend_from_slice(&(e.population.min(u64::from(u32::MAX)) as u32).to_le_bytes());
        records.extend_from_slice(&name.0.to_le_bytes());
        records.extend_from_slice(&name.1.to_le_bytes());
        records.extend_from_slice(&e.country.unwrap_or([0, 0]));
        records.extend_from_slice(&a1.unwrap_or(NONE).to_le_bytes());
        records.extend_from_slice(&a2.unwrap_or(NONE).to_le_bytes());
        records.push(e.class);
        records.extend_from_slice(&codes[&(e.code.clone(), e.class)].to_le_bytes());
        records.push(if e.handkept { FLAG_HANDKEPT } else { 0 });

        let mut seen: Vec<(String, u32)> = Vec::new();
        for (n, kind) in &e.names {
            let Some(k) = translit.name_key(n) else {
                continue;
            };
            let hash = if *kind == NameKind::Abbreviation {
                form_hash(&abbreviation_surface(n))
            } else {
                form_hash(&k.form)
            };
            let m = meta(hash, *kind);
            if seen
                .iter()
                .any(|(sk, sm)| *sk == k.key && sm & 0x00ff_ffff == hash)
            {
                continue;
            }
            seen.push((k.key.clone(), m));
            postings.push((k.key, prior(e), i as u32, m));
        }
    }
    postings.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });

    let mut fst = fst::MapBuilder::memory();
    let mut posting_bytes = Vec::with_capacity(postings.len() * POSTING_LEN);
    let mut keys = 0;
    let mut i = 0;
    while i < postings.len() {
        let key = &postings[i].0;
        let start = i;
        while i < postings.len() && postings[i].0 == *key {
            posting_bytes.extend_from_slice(&postings[i].2.to_le_bytes());
            posting_bytes.extend_from_slice(&postings[i].3.to_le_bytes());
            i += 1;
        }
        let count = (i - start) as u64;
        if count >= 1 << COUNT_BITS {
            return Err(too_many(&format!("places named {key:?}")));
        }
        fst.insert(key, ((start as u64) << COUNT_BITS) | count)
            .map_err(|e| GeoError::Data {
                origin: "gazetteer build".into(),
                problem: format!("indexing {key:?}: {e}"),
            })?;
        keys += 1;
    }
    let fst = fst.into_inner().map_err(|e| GeoError::Data {
        origin: "gazetteer build".into(),
        problem: format!("finishing the name index: {e}"),
    })?;

    let admin_table = |strings: &mut Strings, rows: Vec<(&String, u32)>| {
        let mut b = Vec::with_capacity(rows.len() * ADMIN_LEN);
        for (name, rec) in rows {
            let (off, len) = strings.add(name);
            b.extend_from_slice(&off.to_le_bytes());
            b.extend_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&[0, 0]);
            b.extend_from_slice(&rec.to_le_bytes());
            b.extend_from_slice(&[0; 4]);
        }
        b
    };
    let admin1_bytes = admin_table(
        &mut strings,
        admin1.values().map(|(n, r)| (n, *r)).collect(),
    );
    let admin2_bytes = admin_table(
        &mut strings,
        admin2.values().map(|(n, r)| (n, *r)).collect(),
    );
    let mut code_rows: Vec<(&(String, u8), &u16)> = codes.iter().collect();
    code_rows.sort_by_key(|(_, &i)| i);
    let mut code_bytes = Vec::new();
    for ((code, class), _) in code_rows {
        let (off, len) = strings.add(code);
        code_bytes.extend_from_slice(&off.to_le_bytes());
        code_bytes.extend_from_slice(&len.to_le_bytes());
        code_bytes.push(*class);
        code_bytes.push(0);
    }

    let sections: [&[u8]; SECTIONS] = [
        &fst,
        &posting_bytes,
        &records,
        &admin1_bytes,
        &admin2_bytes,
        &code_bytes,
        &strings.bytes,
    ];
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&translit.fingerprint.to_le_bytes());
    let mut offset = HEADER_LEN as u64;
    for s in sections {
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        offset += s.len() as u64;
    }
    for s in sections {
        out.extend_from_slice(s);
    }
    let summary = Summary {
        places: entries.len(),
        keys,
        postings: postings.len(),
        bytes: out.len(),
    };
    Ok((out, summary))
}

fn too_many(what: &str) -> GeoError {
    GeoError::Data {
        origin: "gazetteer build".into(),
        problem: format!("too many {what} for the file layout"),
    }
}

/// The strings section, each distinct string stored once.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, (u32, u16)>,
}

impl Strings {
    fn add(&mut self, s: &str) -> (u32, u16) {
        // Names are short; a longer one is cut at a character boundary.
        let mut end = s.len().min(usize::from(u16::MAX));
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let s = &s[..end];
        if let Some(&r) = self.seen.get(s) {
            return r;
        }
        let r = (self.bytes.len() as u32, s.len() as u16);
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), r);
        r
    }
}

/// SHA-256 of a file, for the provenance note.
pub fn sha256_file(path: &Path) -> Result<String, GeoError> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).map_err(|source| GeoError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}
