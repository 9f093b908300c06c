//! Event extraction (spec §1-§7): from a cleaned article and its resolved
//! places to coded events.
//!
//! The chain, per article: annotate (tokens, sentences, clauses, cues,
//! actors, dates, counts), read mentions sentence by sentence
//! ([`mention`]), attach the sentences that only add deaths or blame to the
//! incident before them, then fold mentions of one incident into one event
//! with all its claims ([`coref`]). Every vocabulary is a data file under
//! `data/extract/`.

mod claims;
mod coref;
mod doc;
mod lexicon;
mod mention;

pub use dateline_annotate::Tokens;
use dateline_annotate::{ActorTagger, AnnotateError, DateReader, NumberReader, Splitter};
use dateline_geo::PlaceMention;
use dateline_model::{Article, Event};

use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::mention::{Continuation, Deaths, Mention, Said};

pub use coref::char_offset;

/// The extractor could not load its data.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("loading extraction data: {0}")]
    Data(#[from] AnnotateError),
}

/// Reads events off articles. Load once, share freely (it is `Sync`).
pub struct Extractor {
    splitter: Splitter,
    dates: DateReader,
    numbers: NumberReader,
    actors: ActorTagger,
    lexicon: Lexicon,
}

impl Extractor {
    pub fn load() -> Result<Self, ExtractError> {
        Ok(Extractor {
            splitter: Splitter::load()?,
            dates: DateReader::load()?,
            numbers: NumberReader::load()?,
            actors: ActorTagger::load()?,
            lexicon: Lexicon::load()?,
        })
    }

    /// Byte spans of the armed groups and organisations a text names
    /// ("Al-Shabaab", "Fano"): words the geoparser must not take for the
    /// towns that share them. `toks` are the text's words, read once for
    /// this and for [`Extractor::extract_tokens`].
    pub fn group_names(&self, toks: &Tokens) -> Vec<(usize, usize)> {
        self.actors
            .find(toks, 0, toks.len(), None)
            .into_iter()
            .filter(|m| m.role == dateline_annotate::MentionRole::Named && m.end > m.start)
            .map(|m| (toks.toks[m.start].start, toks.toks[m.end - 1].end))
            .collect()
    }

    /// The events `article` reports. `places` are the geoparser's mentions
    /// in `article.text` (byte offsets). With `explain`, each event carries
    /// the cue behind each field.
    pub fn extract(&self, article: &Article, places: &[PlaceMention], explain: bool) -> Vec<Event> {
        self.extract_tokens(article, Tokens::new(&article.text), places, explain)
    }

    /// [`Extractor::extract`] on the words of `article.text` already read.
    pub fn extract_tokens<'a>(
        &self,
        article: &'a Article,
        toks: Tokens<'a>,
        places: &'a [PlaceMention],
        explain: bool,
    ) -> Vec<Event> {
        let mut doc = Doc::new(self, article, toks, places);
        let mut mentions: Vec<Mention> = Vec::new();
        let mut last_claimant: Option<String> = None;
        for s in 0..doc.sents.len() {
            let sent = doc.sents[s];
            let hits = self
                .lexicon
                .triggers
                .find_all(&doc.toks, sent.start, sent.end);
            let triggers: Vec<(usize, usize)> = hits.iter().map(|m| (m.start, m.end)).collect();
            let has_trigger = !triggers.is_empty();
            let follows = mentions
                .last()
                .is_some_and(|m| m.paragraph == sent.paragraph && s - m.sentence <= 2);
            if !has_trigger && !follows {
                continue;
            }
            doc.ensure(self, s);
            let info = doc.get(s);
            let attrs = claims::attributions(self, &doc, info, &triggers, last_claimant.as_deref());
            if let Some(a) = attrs.last() {
                last_claimant = Some(a.claimant.clone());
            }
            let mut result = mention::sentence(self, &doc, s, info, &hits, &attrs, &mentions);
            if let (Some(c), Some(prev)) = (result.continuation, mentions.last_mut()) {
                continue_with(prev, c);
            }
            // A story told over several sentences keeps its date.
            if let Some(prev) = mentions
                .last()
                .filter(|m| m.paragraph == sent.paragraph && s - m.sentence <= 2 && m.date_explicit)
            {
                for m in result.mentions.iter_mut().filter(|m| !m.date_explicit) {
                    m.date = prev.date;
                    m.date_explicit = true;
                    m.date_carried = true;
                    m.date_cue = format!("carried from the previous sentence: {}", prev.date_cue);
                }
            }
            mentions.extend(result.mentions);
        }
        coref::events(self, &doc, mentions, explain)
    }
}

/// Adds what a following sentence says to the incident before it.
fn continue_with(m: &mut Mention, c: Continuation) {
    if let Some(d) = c.deaths {
        match &mut m.deaths {
            None => {
                m.deaths = Some(d);
                m.deaths_cue = c.deaths_cue;
            }
            Some(have) => {
                let merged = have.update_toll(&d) || have.add_other_side(&d);
                if !merged && rival_figure(&m.said, &c.said, have, &d) {
                    have.dispute(d.best);
                } else if !merged {
                    add_breakdown(have, &d);
                }
            }
        }
    }
    m.said.extend(c.said);
}

/// Whether a following sentence's toll is another source's count of the
/// same dead: a whole figure of people of its own (not "five of the dead
/// were children"), from a claimant the incident's first telling did not
/// cite.
fn rival_figure(told: &[Said], by: &[Said], have: &Deaths, d: &Deaths) -> bool {
    let cited = |claimant: &Option<String>| told.iter().any(|s| &s.claimant == claimant);
    let of_a_kind = [d.civilians, d.children, d.women, d.combatants]
        .iter()
        .any(Option::is_some);
    !d.partial
        && !have.partial
        && !d.vague
        && !of_a_kind
        && d.best != have.best
        && d.side == have.side
        && by
            .iter()
            .any(|s| s.claimant.is_some() && !cited(&s.claimant))
}

/// Breakdown counts ("the dead include 28 civilians") complete a total.
fn add_breakdown(have: &mut Deaths, d: &Deaths) {
    let keep = |slot: &mut Option<u64>, v: Option<u64>| {
        if slot.is_none() {
            *slot = v;
        }
    };
    keep(&mut have.civilians, d.civilians);
    keep(&mut have.children, d.children);
    keep(&mut have.women, d.women);
    keep(&mut have.combatants, d.combatants);
    if have.partial && !d.partial {
        let partial = std::mem::replace(have, d.clone());
        add_breakdown(have, &partial);
    }
}
