//! A full GeoNames dump: `allCountries.txt` (the 19-column table every
//! GeoNames extract shares) and `alternateNamesV2.txt`. With it villages
//! everywhere become findable; divisions, countries and continents come from
//! the same table, so nothing else is needed.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::packages::country_code;
use super::{Entry, Sources};
use crate::gazetteer::format::NameKind;
use crate::GeoError;

/// One line of a GeoNames table: id, name, asciiname, alternatenames, lat,
/// lon, class, code, country, cc2, admin1..admin4, population, ...
pub fn parse_geonames_line(line: &str) -> Option<Entry> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 19 {
        return None;
    }
    let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut e = Entry {
        gid: f[0].parse().ok()?,
        name: f[1].to_string(),
        coords: Some((f[4].parse().ok()?, f[5].parse().ok()?)),
        class: *f[6].as_bytes().first()?,
        code: f[7].to_string(),
        country: country_code(f[8]),
        admin1: nonempty(f[10]),
        admin2: nonempty(f[11]),
        population: f[14].parse().unwrap_or(0),
        ..Entry::default()
    };
    e.add_name(f[1], NameKind::Primary);
    e.add_name(f[2], NameKind::Primary);
    for a in f[3].split(',') {
        add_alternate(&mut e, a);
    }
    Some(e)
}

/// Adds a GeoNames alternate name. Short all-capital names are codes
/// (IATA "PMS" for Palmyra, "MLA" for Valletta) that collide with acronyms
/// in news text ("MLA", "PMS"): they are not indexed. Abbreviations worth
/// matching are hand-kept (aliases.tsv) or tagged `abbr` in a full dump.
pub fn add_alternate(e: &mut Entry, name: &str) {
    if name.chars().any(|c| c.is_ascii_digit()) || name.contains("://") {
        return;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let is_code = letters <= 4 && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    if !is_code {
        e.add_name(name, NameKind::Alternate);
    }
}

/// Feature classes and codes worth finding in news: populated places,
/// divisions, waters, areas, landforms, and a few kinds of spots (airports,
/// bases, border posts, camps, oil fields, dams, prisons).
fn keep(class: u8, code: &str) -> bool {
    match class {
        b'A' | b'P' | b'H' | b'L' | b'T' => true,
        b'S' => matches!(
            code,
            "AIRP"
                | "AIRB"
                | "AIRF"
                | "MLTY"
                | "INSM"
                | "PSTB"
                | "CMP"
                | "CMPRF"
                | "DAM"
                | "PRN"
                | "OILF"
                | "OILW"
                | "CSTL"
                | "RUIN"
                | "ANS"
                | "PAL"
                | "STDM"
                | "HSP"
                | "UNIV"
        ),
        _ => false,
    }
}

/// Alternate-name languages that are not names: codes and links.
fn skip_language(lang: &str) -> bool {
    matches!(
        lang,
        "link" | "post" | "iata" | "icao" | "faac" | "wkdt" | "unlc" | "tcid" | "phon" | "piny"
    )
}

pub fn read(all_countries: &Path, alternate_names: &Path) -> Result<Sources, GeoError> {
    let mut s = Sources::default();
    let open = |path: &Path| {
        std::fs::File::open(path)
            .map(BufReader::new)
            .map_err(|source| GeoError::Io {
                path: path.to_path_buf(),
                source,
            })
    };
    for (n, line) in open(all_countries)?.lines().enumerate() {
        let line = line.map_err(|source| GeoError::Io {
            path: all_countries.to_path_buf(),
            source,
        })?;
        let e = parse_geonames_line(&line).ok_or_else(|| GeoError::Data {
            origin: format!("{}:{}", all_countries.display(), n + 1),
            problem: "expected 19 tab-separated GeoNames columns".into(),
        })?;
        if !keep(e.class, &e.code) {
            continue;
        }
        if let (Some(cc), Some(a1)) = (e.country, &e.admin1) {
            match (e.code.as_str(), &e.admin2) {
                ("ADM1", _) => {
                    s.admin1_names.insert((cc, a1.clone()), e.name.clone());
                }
                ("ADM2", Some(a2)) => {
                    s.admin2_names
                        .insert((cc, a1.clone(), a2.clone()), e.name.clone());
                }
                _ => {}
            }
        }
        s.entries.insert(e.gid, e);
    }

    // alternateNameId, geonameid, isolanguage, name, isPreferred, isShort,
    // isColloquial, isHistoric, from, to
    let mut english: BTreeMap<u32, String> = BTreeMap::new();
    for line in open(alternate_names)?.lines() {
        let line = line.map_err(|source| GeoError::Io {
            path: alternate_names.to_path_buf(),
            source,
        })?;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 || skip_language(f[2]) {
            continue;
        }
        let Ok(gid) = f[1].parse::<u32>() else {
            continue;
        };
        let Some(e) = s.entries.get_mut(&gid) else {
            continue;
        };
        if f[2] == "abbr" {
            e.add_name(f[3], NameKind::Abbreviation);
        } else {
            add_alternate(e, f[3]);
        }
        if f[2] == "en" && f.get(4) == Some(&"1") {
            english.insert(gid, f[3].to_string());
        }
    }
    // Division names in English where GeoNames prefers one.
    for e in s.entries.values() {
        let (Some(cc), Some(a1), Some(en)) = (e.country, &e.admin1, english.get(&e.gid)) else {
            continue;
        };
        match (e.code.as_str(), &e.admin2) {
            ("ADM1", _) => {
                s.admin1_names.insert((cc, a1.clone()), en.clone());
            }
            ("ADM2", Some(a2)) => {
                s.admin2_names
                    .insert((cc, a1.clone(), a2.clone()), en.clone());
            }
            _ => {}
        }
    }
    Ok(s)
}
