//! The hand-kept files added to every build:
//!
//! - `supplement.tsv`: places the extracts lack (villages under 500 people,
//!   oil fields, border crossings, bases, rivers, seas, world regions), each
//!   with coordinates and the source they were taken from;
//! - `aliases.tsv`: English names, abbreviations and adjectives of places
//!   the extracts have ("U.S.", "Calif.", "Syrian", "European").

use std::path::Path;

use super::packages::country_code;
use super::{Entry, Sources};
use crate::gazetteer::format::NameKind;
use crate::gazetteer::is_country_code;
use crate::GeoError;

fn read_tsv(path: &Path) -> Result<String, GeoError> {
    std::fs::read_to_string(path).map_err(|source| GeoError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Data lines with their 1-based line numbers: comments, blank lines and
/// the header (first line starting with `name` or `target`) skipped.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|(_, l)| !l.starts_with("name\t") && !l.starts_with("target\t"))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

/// Columns: name, alternates (`|`-separated), lat, lon, feature class,
/// feature code, country, admin1 code, population, GeoNames id (may be
/// empty), source.
pub fn add_supplement(s: &mut Sources, path: &Path) -> Result<(), GeoError> {
    let text = read_tsv(path)?;
    for (n, f) in rows(&text) {
        let bad = |problem: &str| GeoError::Data {
            origin: format!("{}:{n}", path.display()),
            problem: problem.to_string(),
        };
        if f.len() != 11 {
            return Err(bad("expected 11 tab-separated columns"));
        }
        if f[10].is_empty() {
            return Err(bad("every supplement row needs its source"));
        }
        let lat: f64 = f[2].parse().map_err(|_| bad("latitude is not a number"))?;
        let lon: f64 = f[3].parse().map_err(|_| bad("longitude is not a number"))?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(bad("coordinates out of range"));
        }
        let class = *f[4]
            .as_bytes()
            .first()
            .ok_or_else(|| bad("empty feature class"))?;
        let gid: u32 = if f[9].is_empty() {
            0
        } else {
            f[9].parse()
                .map_err(|_| bad("GeoNames id is not a number"))?
        };
        let mut e = Entry {
            gid,
            name: f[0].to_string(),
            coords: Some((lat, lon)),
            class,
            code: f[5].to_string(),
            country: if f[6].is_empty() {
                None
            } else {
                Some(country_code(f[6]).ok_or_else(|| bad("country is not an ISO alpha-2 code"))?)
            },
            admin1: (!f[7].is_empty()).then(|| f[7].to_string()),
            handkept: true,
            population: if f[8].is_empty() {
                0
            } else {
                f[8].parse()
                    .map_err(|_| bad("population is not a number"))?
            },
            ..Entry::default()
        };
        e.add_name(f[0], NameKind::Primary);
        for a in f[1].split('|') {
            e.add_name(a, NameKind::Alias);
        }
        match (gid, s.entries.get_mut(&gid)) {
            (0, _) => s.extra.push(e),
            (_, Some(known)) => {
                for (name, kind) in e.names {
                    known.add_name(&name, kind.max(NameKind::Alias));
                }
            }
            (_, None) => {
                s.entries.insert(gid, e);
            }
        }
    }
    Ok(())
}

/// Columns: target, name, kind. The target is an ISO alpha-2 country code
/// ("SY"), a first-level division code ("US.CA") or a GeoNames id; the kind
/// is `alias`, `abbreviation` or `demonym`.
pub fn add_aliases(s: &mut Sources, path: &Path) -> Result<(), GeoError> {
    let text = read_tsv(path)?;
    for (n, f) in rows(&text) {
        let bad = |problem: String| GeoError::Data {
            origin: format!("{}:{n}", path.display()),
            problem,
        };
        if f.len() != 3 {
            return Err(bad("expected target, name and kind".into()));
        }
        let kind = match f[2] {
            "alias" => NameKind::Alias,
            "abbreviation" => NameKind::Abbreviation,
            "demonym" => NameKind::Demonym,
            k => return Err(bad(format!("unknown kind {k:?}"))),
        };
        let target = find_target(s, f[0]).ok_or_else(|| bad(format!("no place {:?}", f[0])))?;
        target.add_name(f[1], kind);
    }
    Ok(())
}

fn find_target<'a>(s: &'a mut Sources, target: &str) -> Option<&'a mut Entry> {
    if let Ok(gid) = target.parse::<u32>() {
        return s.entries.get_mut(&gid);
    }
    if let Some(cc) = country_code(target) {
        return s
            .entries
            .values_mut()
            .find(|e| e.country == Some(cc) && is_country_code(&e.code));
    }
    let (cc, a1) = target.split_once('.')?;
    let cc = country_code(cc)?;
    s.entries
        .values_mut()
        .find(|e| e.country == Some(cc) && e.code == "ADM1" && e.admin1.as_deref() == Some(a1))
}
