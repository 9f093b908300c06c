//! Gazetteer and geoparser (spec §4): finds the place names of a news text
//! with their spans, resolves each to a GeoNames entry from the article's
//! context, and reads the cues ("40 km north of", "the outskirts of") that
//! set the precision code.
//!
//! ```text
//! text ─ recognize (tokens → FST walk) ─ parse (context rules) ─ resolve ─ relation
//! ```
//! The gazetteer ([`Gazetteer`]) is built by [`build`] and shipped under
//! `data/gazetteer/`; the spelling rule lives in [`normalize`].

use std::path::PathBuf;

use dateline_model::Location;

pub mod build;
mod context;
pub mod gazetteer;
pub mod normalize;
mod parse;
mod recognize;
mod relation;
mod resolve;

pub use gazetteer::Gazetteer;

#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error(transparent)]
    Refdata(#[from] dateline_refdata::Error),
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}: {problem}")]
    Data { origin: String, problem: String },
}

/// What the article says about itself outside its body.
#[derive(Debug, Clone, Default)]
pub struct GeoHints {
    /// The dateline city as printed ("BEIRUT").
    pub dateline: Option<String>,
    /// The headline: the countries of its places back the body's
    /// spelling variants and ambiguous names.
    pub title: Option<String>,
    /// Byte spans of armed groups' and organisations' names in the text
    /// ("Al-Shabaab", "Fano"), from the actor dictionary: a name inside one
    /// is a place only when it names a country or a nationality.
    pub group_names: Vec<(usize, usize)>,
}

impl GeoHints {
    /// What a cleaned article says about itself: its dateline and title.
    pub fn of(article: &dateline_model::Article) -> GeoHints {
        GeoHints {
            dateline: article.dateline.clone(),
            title: article.title.clone(),
            group_names: Vec::new(),
        }
    }
}

/// A gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonames_id: Option<i64>,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames feature class: A country/region, P populated place, H water, ...
    pub feature_class: char,
    pub feature_code: String,
    pub population: u64,
}

/// How a mention is placed relative to its anchor toponym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// "40 km north of X", "west of X".
    Direction,
    /// "the outskirts of X".
    Outskirts,
    /// "near X", "close to X".
    Near,
    /// "the road from X".
    Road,
    /// "the eastern bank of the Euphrates".
    Bank,
    /// "a district of X", "the countryside of X".
    PartOf,
}

/// The words that put the event beside, not at, the toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Byte span of the cue ("40 km north of") in the text.
    pub start: usize,
    pub end: usize,
    pub kind: RelationKind,
    pub text: String,
}

/// One toponym found in text and resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte offsets of the toponym in the parsed text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub place: Place,
    /// 1 the place itself, 2 near or part of it, 3 only the region (spec §4).
    pub precision: u8,
    pub relation: Option<Relation>,
    /// An adjective of the place ("Syrian", "European"): context, rarely
    /// where something happened.
    pub demonym: bool,
    /// The dateline ("BEIRUT:"): where the story was filed, never by itself
    /// where its events happened.
    pub dateline: bool,
    /// The resolver's score for the chosen place (higher is surer).
    pub score: f64,
}

impl PlaceMention {
    pub fn to_location(&self) -> Location {
        Location {
            name: self.place.name.clone(),
            country: self.place.country.clone(),
            admin1: self.place.admin1.clone(),
            admin2: self.place.admin2.clone(),
            lat: self.place.lat,
            lon: self.place.lon,
            geo_precision: self.precision,
            geonames_id: self.place.geonames_id,
        }
    }
}

/// Finds and resolves the place names of texts. Load once, share freely
/// (it is `Sync`; parsing takes `&self`).
pub struct Geoparser {
    gazetteer: Gazetteer,
    context: context::Context,
    /// Candidates of well-known places' names, kept across texts.
    known: parse::KnownNames,
    /// The name index's first two steps from its root, read once.
    root_steps: recognize::RootSteps,
    /// Where words lead from the name index's root, kept across texts.
    kept_steps: recognize::KeptSteps,
}

/// A candidate place for a looked-up name.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub place: Place,
    pub score: f64,
    /// How the name matched: "exact", or "variant" for another
    /// transliteration, with the kind of name ("alternate", "demonym"...).
    pub matched: String,
}

impl Geoparser {
    /// The shipped gazetteer and context words (from `dateline_refdata`).
    pub fn load() -> Result<Self, GeoError> {
        let gazetteer = Gazetteer::load()?;
        Ok(Geoparser {
            root_steps: recognize::RootSteps::new(gazetteer.fst()),
            gazetteer,
            context: context::Context::load()?,
            known: parse::KnownNames::default(),
            kept_steps: recognize::KeptSteps::default(),
        })
    }

    /// The place mentions of `text`, sorted by start.
    pub fn parse(&self, text: &str, hints: &GeoHints) -> Vec<PlaceMention> {
        parse::parse(self, text, hints)
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The candidates for a name, best first, scored as in an article that
    /// names `country` (ISO alpha-2) or no country.
    pub fn lookup(&self, name: &str, country: Option<&str>) -> Vec<Candidate> {
        let g = &self.gazetteer;
        let mut out: Vec<Candidate> = self
            .scored(name, country)
            .iter()
            .map(|c| Candidate {
                place: g.place(c.record),
                score: c.score,
                matched: format!(
                    "{}/{}",
                    if c.exact { "exact" } else { "variant" },
                    c.kind.as_str()
                ),
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// The country of the first of [`Geoparser::lookup`]'s candidates with
    /// no country known, without reading every candidate out: a dateline's
    /// country, looked up for every article that has one.
    pub(crate) fn likeliest_country(&self, name: &str) -> Option<[u8; 2]> {
        // The first of the best scores, as lookup's stable sort puts first.
        let best = self.scored(name, None).into_iter().reduce(|best, c| {
            if c.score.total_cmp(&best.score).is_gt() {
                c
            } else {
                best
            }
        })?;
        let country = self.gazetteer.rec(best.record).country()?;
        // As a `Place` spells the code, and reads back.
        std::str::from_utf8(&country)
            .ok()
            .and_then(build::packages::country_code)
    }

    /// A name's candidates, scored, in the resolver's order.
    fn scored(&self, name: &str, country: Option<&str>) -> Vec<resolve::Cand> {
        let g = &self.gazetteer;
        let Some(k) = g.name_key(name) else {
            return Vec::new();
        };
        let hash = gazetteer::format::form_hash(&k.form);
        let surface = gazetteer::format::hash24(gazetteer::format::abbreviation_fnv(name));
        let mut cands: Vec<_> = g
            .postings_for_key(&k.key)
            .into_iter()
            .map(|p| resolve::cand(p.record, p.kind, p.hash == hash || p.hash == surface))
            .collect();
        resolve::dedupe(&mut cands);
        resolve::prepare(g, &mut cands, name);
        let mut sites = vec![resolve::NameSite {
            cands,
            type_word: None,
            pinned_by: None,
            pins: None,
            dateline: false,
            group: 0,
            siblings: Vec::new(),
            weak: false,
        }];
        let extra: Vec<([u8; 2], f64)> = country
            .and_then(build::packages::country_code)
            .map(|c| vec![(c, 2.0)])
            .unwrap_or_default();
        resolve::resolve(g, &mut sites, &extra);
        sites.swap_remove(0).cands
    }
}

/// The article's main country: the one its mentions point at most. The
/// dateline only says where the story was filed and is left out;
/// adjectives ("Syrian") count half a mention.
pub fn dominant_country(mentions: &[PlaceMention]) -> Option<String> {
    let mut weights = std::collections::BTreeMap::<&str, f64>::new();
    for m in mentions.iter().filter(|m| !m.dateline) {
        if let Some(c) = &m.place.country {
            *weights.entry(c.as_str()).or_default() += if m.demonym { 0.5 } else { 1.0 };
        }
    }
    weights
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
}
