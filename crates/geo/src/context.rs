//! The words around a name that tell whether it is a place, which kind of
//! place, and where the event lies relative to it. All of them are data:
//! `data/gazetteer/context.tsv`, one `kind<TAB>word or phrase` a line.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::{GeoError, RelationKind};

pub const CONTEXT_FILE: &str = "gazetteer/context.tsv";

/// What a following type word says about the name before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    /// "province", "governorate", "state": a division.
    Admin,
    /// "city", "town", "village".
    Settlement,
    /// "river", "lake", "sea".
    Water,
}

#[derive(Debug, Default)]
pub struct Context {
    /// Lowercase words that are never a place name on their own.
    pub stop: FxHashSet<String>,
    /// Function words: a name never ends on one ("Homs in").
    pub function: FxHashSet<String>,
    /// Words before a person's name ("President", "Col.").
    pub titles: FxHashSet<String>,
    /// Given names: a name right after one is a person's.
    pub given: FxHashSet<String>,
    /// Words after a name that make it a street or a building's address.
    pub street: FxHashSet<String>,
    /// Words before a name that make it a street ("Rue", "Via").
    pub street_before: FxHashSet<String>,
    pub type_words: FxHashMap<String, TypeWord>,
    /// Compass words: "north", "northeast", "north-east" is two tokens.
    pub directions: FxHashSet<String>,
    /// Lowercase words inside one name ("del", "von").
    pub connectors: FxHashSet<String>,
    /// Combining forms before a hyphen ("Sino-", "Anglo-").
    pub combining: FxHashSet<String>,
    /// Words that with a compass word name a stretch of a country ("the
    /// West Coast").
    pub descriptors: FxHashSet<String>,
    /// Facilities named "<facility> of <place>" ("Mall", "Library").
    pub facilities: FxHashSet<String>,
    /// Words that open a saint's name ("St", "Saint").
    pub saints: FxHashSet<String>,
    /// Distance units: "km", "kilometres", "miles".
    pub units: FxHashSet<String>,
    /// Lowercase words that may stand between a cue and its name ("the
    /// border town of").
    pub fillers: FxHashSet<String>,
    /// Phrases before a name, longest first, with the relation they state.
    pub before: Vec<(Vec<String>, RelationKind)>,
    /// Words right after a name ("countryside", "outskirts").
    pub after: FxHashMap<String, RelationKind>,
    /// Countries written in another script, whose names reach English in
    /// many transliterations: only their places match by spelling variant.
    pub translit_countries: FxHashSet<[u8; 2]>,
}

impl Context {
    pub fn load() -> Result<Self, GeoError> {
        let text = dateline_refdata::load_text(CONTEXT_FILE)?;
        Self::parse(&text, CONTEXT_FILE)
    }

    pub fn parse(text: &str, origin: &str) -> Result<Self, GeoError> {
        let mut c = Context::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((kind, value)) = line.split_once('\t') else {
                return Err(GeoError::Data {
                    origin: format!("{origin}:{}", n + 1),
                    problem: "expected kind<TAB>word".into(),
                });
            };
            let value = value.trim().to_lowercase();
            let words = || {
                value
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            match kind {
                "stop" => drop(c.stop.insert(value)),
                "function" => drop(c.function.insert(value)),
                "title" => drop(c.titles.insert(value)),
                "given" => drop(c.given.insert(value)),
                "street" => drop(c.street.insert(value)),
                "street_before" => drop(c.street_before.insert(value)),
                "admin" => drop(c.type_words.insert(value, TypeWord::Admin)),
                "settlement" => drop(c.type_words.insert(value, TypeWord::Settlement)),
                "water" => drop(c.type_words.insert(value, TypeWord::Water)),
                "direction" => drop(c.directions.insert(value)),
                "unit" => drop(c.units.insert(value)),
                "connector" => drop(c.connectors.insert(value)),
                "combining" => drop(c.combining.insert(value)),
                "descriptor" => drop(c.descriptors.insert(value)),
                "facility" => drop(c.facilities.insert(value)),
                "saint" => drop(c.saints.insert(value)),
                "filler" => drop(c.fillers.insert(value)),
                "near" => c.before.push((words(), RelationKind::Near)),
                "outskirts" => c.before.push((words(), RelationKind::Outskirts)),
                "road" => c.before.push((words(), RelationKind::Road)),
                "bank" => c.before.push((words(), RelationKind::Bank)),
                "part" => c.before.push((words(), RelationKind::PartOf)),
                "after_outskirts" => drop(c.after.insert(value, RelationKind::Outskirts)),
                "after_part" => drop(c.after.insert(value, RelationKind::PartOf)),
                "translit_country" => {
                    let b = value.to_ascii_uppercase().into_bytes();
                    if b.len() != 2 {
                        return Err(GeoError::Data {
                            origin: format!("{origin}:{}", n + 1),
                            problem: "translit_country takes an ISO alpha-2 code".into(),
                        });
                    }
                    c.translit_countries.insert([b[0], b[1]]);
                }
                _ => {
                    return Err(GeoError::Data {
                        origin: format!("{origin}:{}", n + 1),
                        problem: format!("unknown kind {kind:?}"),
                    })
                }
            }
        }
        c.before
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(c)
    }
}
