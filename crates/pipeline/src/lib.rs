//! The chain every caller runs: clean → places → events.
//!
//! [`Pipeline`] loads the cleaner's vocabulary, the gazetteer and the
//! extraction data once; it is `Sync`, so one instance serves every thread
//! of a server or a queue worker.

use dateline_clean::Cleaner;
use dateline_extract::{Extractor, Tokens};
use dateline_geo::{GeoHints, Geoparser, PlaceMention};
use dateline_model::{Article, Event, RawDocument};

/// A stage could not load its reference data.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cleaner: {0}")]
    Clean(#[from] dateline_clean::Error),
    #[error("geoparser: {0}")]
    Geo(#[from] dateline_geo::GeoError),
    #[error("extractor: {0}")]
    Extract(#[from] dateline_extract::ExtractError),
}

/// One cleaned article and the events read from it.
#[derive(Debug, Clone)]
pub struct Processed {
    pub article: Article,
    pub events: Vec<Event>,
}

/// Cleaner, geoparser and extractor, loaded once.
pub struct Pipeline {
    cleaner: Cleaner,
    geo: Geoparser,
    extractor: Extractor,
}

impl Pipeline {
    pub fn load() -> Result<Self, PipelineError> {
        Ok(Pipeline {
            cleaner: Cleaner::load()?,
            geo: Geoparser::load()?,
            extractor: Extractor::load()?,
        })
    }

    /// Every article of `doc` with its events, in article order.
    pub fn process(&self, doc: &RawDocument, explain: bool) -> Vec<Processed> {
        self.cleaner
            .clean(doc)
            .into_iter()
            .map(|article| {
                let events = self.events(&article, explain);
                Processed { article, events }
            })
            .collect()
    }

    /// The events of an article that is already clean.
    pub fn events(&self, article: &Article, explain: bool) -> Vec<Event> {
        // The words are read once, for the geoparser's hint and the events.
        let toks = Tokens::new(&article.text);
        let places = self.places_of(article, &toks);
        self.extractor
            .extract_tokens(article, toks, &places, explain)
    }

    /// The place mentions of an article's text.
    pub fn places(&self, article: &Article) -> Vec<PlaceMention> {
        self.places_of(article, &Tokens::new(&article.text))
    }

    fn places_of(&self, article: &Article, toks: &Tokens) -> Vec<PlaceMention> {
        let hints = GeoHints {
            group_names: self.extractor.group_names(toks),
            ..GeoHints::of(article)
        };
        self.geo.parse(&article.text, &hints)
    }

    /// The place mentions of a text taken whole, with no article around it
    /// (no dateline, no title).
    pub fn places_in_text(&self, text: &str) -> Vec<PlaceMention> {
        let hints = GeoHints {
            group_names: self.extractor.group_names(&Tokens::new(text)),
            ..GeoHints::default()
        };
        self.geo.parse(text, &hints)
    }

    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    pub fn geoparser(&self) -> &Geoparser {
        &self.geo
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }
}

/// Writes `events` as JSON Lines in the interchange format of spec §8,
/// one event a line.
pub fn write_jsonl<W: std::io::Write>(mut out: W, events: &[Event]) -> std::io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut out, e)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
