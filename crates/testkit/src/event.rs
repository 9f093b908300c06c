//! Hand-made events: what an extractor would read from a report, written
//! field by field, so that fusion and storage can be tested without the
//! extraction pipeline.

use chrono::NaiveDate;
use dateline_model::{
    Actor, ArticleRef, Claim, DatePrecision, DateRange, Event, Fatalities, Location, Modality,
    SubEventType,
};

/// A place with approximate coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub name: &'static str,
    pub country: &'static str,
    pub admin1: &'static str,
    pub lat: f64,
    pub lon: f64,
}

/// `s`, an ISO date (YYYY-MM-DD).
pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("test dates are ISO dates")
}

/// An event read from `article`: an asserted armed clash, nowhere and
/// never, until the [`EventBuilder`] methods say otherwise.
pub fn event(article: ArticleRef) -> Event {
    Event {
        id: None,
        article,
        event_type: SubEventType::ArmedClash.event_type(),
        sub_event_type: SubEventType::ArmedClash,
        actor1: None,
        actor2: None,
        location: None,
        date: None,
        fatalities: None,
        claims: Vec::new(),
        modality: Modality::Asserted,
        explain: None,
    }
}

fn actor(name: &str) -> Actor {
    Actor {
        name: name.to_string(),
        kind: None,
    }
}

/// Builder methods that fill in a hand-made event, for an [`Event`] itself
/// or for any test type that holds one (a fusion mention, say).
pub trait EventBuilder: Sized {
    fn event_mut(&mut self) -> &mut Event;

    fn sub(mut self, s: SubEventType) -> Self {
        let e = self.event_mut();
        e.sub_event_type = s;
        e.event_type = s.event_type();
        self
    }
    /// At `p`, known to `precision` (1 exact, 2 near, 3 province).
    fn at(mut self, p: Place, precision: u8) -> Self {
        self.event_mut().location = Some(Location {
            name: p.name.to_string(),
            country: Some(p.country.to_string()),
            admin1: Some(p.admin1.to_string()),
            admin2: None,
            lat: p.lat,
            lon: p.lon,
            geo_precision: precision,
            geonames_id: None,
        });
        self
    }
    fn on(self, d: &str) -> Self {
        self.between(d, d, DatePrecision::Day)
    }
    fn between(mut self, start: &str, end: &str, precision: DatePrecision) -> Self {
        self.event_mut().date = Some(DateRange {
            start: day(start),
            end: day(end),
            precision,
        });
        self
    }
    fn by(mut self, name: &str) -> Self {
        self.event_mut().actor1 = Some(actor(name));
        self
    }
    /// The kind (rebel_group, state_forces, ...) of the actor `by` named.
    fn kind(mut self, kind: &str) -> Self {
        if let Some(a) = &mut self.event_mut().actor1 {
            a.kind = Some(kind.to_string());
        }
        self
    }
    fn against(mut self, name: &str) -> Self {
        self.event_mut().actor2 = Some(actor(name));
        self
    }
    fn dead(mut self, n: u32) -> Self {
        self.event_mut().fatalities = Some(Fatalities {
            best: Some(n),
            ..Fatalities::default()
        });
        self
    }
    /// "Dozens were killed": a vague toll, read as 12.
    fn dozens(mut self) -> Self {
        self.event_mut().fatalities = Some(Fatalities {
            best: Some(12),
            vague: true,
            ..Fatalities::default()
        });
        self
    }
    fn civilians(mut self, n: u32) -> Self {
        self.event_mut()
            .fatalities
            .get_or_insert_with(Fatalities::default)
            .civilians = Some(n);
        self
    }
    /// A claim by `claimant`, with the deaths and perpetrator it gives, at
    /// a made-up span of the text (claims 100 characters apart).
    fn claim(mut self, claimant: &str, dead: Option<u32>, actor1: Option<&str>) -> Self {
        let claims = &mut self.event_mut().claims;
        let start = claims.len() * 100;
        claims.push(Claim {
            claimant: claimant.to_string(),
            start,
            end: start + 80,
            text: None,
            fatalities: dead,
            actor1: actor1.map(str::to_string),
            article: None,
        });
        self
    }
    /// Gives the last claim its words: `sentence`, where it stands in
    /// `text` (in characters), or at the start if it is not there.
    fn quoting(mut self, text: &str, sentence: &str) -> Self {
        if let Some(c) = self.event_mut().claims.last_mut() {
            c.start = text.find(sentence).map_or(0, |b| text[..b].chars().count());
            c.end = c.start + sentence.chars().count();
            c.text = Some(sentence.to_string());
        }
        self
    }
    fn modality(mut self, modality: Modality) -> Self {
        self.event_mut().modality = modality;
        self
    }
}

impl EventBuilder for Event {
    fn event_mut(&mut self) -> &mut Event {
        self
    }
}
