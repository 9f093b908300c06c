//! Hand-built mentions for fusion tests: a small builder, and the "ideal
//! extraction" of the invented corpus in `tests/corpus` (what a perfect
//! extractor would read from each report), so fusion can be measured
//! without the extraction pipeline.

#![allow(dead_code)] // each test binary uses part of the support module

pub mod corpus;
pub mod metrics;

use chrono::NaiveDate;
use dateline_fuse::Mention;
use dateline_model::{
    Actor, ArticleRef, Claim, DatePrecision, DateRange, Event, Fatalities, Location, Modality,
    SubEventType,
};

/// A real place with approximate coordinates.
#[derive(Clone, Copy)]
pub struct Place {
    pub name: &'static str,
    pub country: &'static str,
    pub admin1: &'static str,
    pub lat: f64,
    pub lon: f64,
}

pub const SARMIN: Place = Place {
    name: "Sarmin",
    country: "SY",
    admin1: "Idlib",
    lat: 35.900,
    lon: 36.725,
};
pub const IDLIB: Place = Place {
    name: "Idlib",
    country: "SY",
    admin1: "Idlib",
    lat: 35.931,
    lon: 36.634,
};
pub const MONGUNO: Place = Place {
    name: "Monguno",
    country: "NG",
    admin1: "Borno",
    lat: 12.670,
    lon: 13.610,
};
pub const AFGOOYE: Place = Place {
    name: "Afgooye",
    country: "SO",
    admin1: "Lower Shabelle",
    lat: 2.138,
    lon: 45.121,
};
pub const MAKIIVKA: Place = Place {
    name: "Makiivka",
    country: "UA",
    admin1: "Donetsk",
    lat: 48.048,
    lon: 37.926,
};
pub const BANKASS: Place = Place {
    name: "Bankass",
    country: "ML",
    admin1: "Mopti",
    lat: 14.080,
    lon: -3.518,
};
pub const TARMIYAH: Place = Place {
    name: "Tarmiyah",
    country: "IQ",
    admin1: "Baghdad",
    lat: 33.672,
    lon: 44.393,
};
pub const MARIB: Place = Place {
    name: "Marib",
    country: "YE",
    admin1: "Marib",
    lat: 15.463,
    lon: 45.325,
};
/// The province's representative point (precision 3).
pub const MARIB_PROVINCE: Place = Place {
    name: "Marib",
    country: "YE",
    admin1: "Marib",
    lat: 15.600,
    lon: 45.700,
};

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("test dates are ISO dates")
}

/// Builds one mention: one event read from one report.
pub struct M {
    key: String,
    outlet: Option<String>,
    event: Event,
}

/// A mention of `report` (its key is `report:ordinal`) by `outlet`,
/// published on `published`; an armed clash nowhere and never until told.
pub fn m(report: &str, outlet: &str, published: &str) -> M {
    M {
        key: format!("{report}:0"),
        outlet: Some(outlet.to_string()),
        event: Event {
            id: None,
            article: ArticleRef {
                source: format!("{report}.txt"),
                index: 0,
                title: None,
                published: Some(day(published)),
            },
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
        },
    }
}

impl M {
    /// The second, third... event of the same article.
    pub fn ordinal(mut self, n: u32) -> M {
        let article = self
            .key
            .rsplit_once(':')
            .map_or(self.key.clone(), |(a, _)| a.to_string());
        self.key = format!("{article}:{n}");
        self
    }
    pub fn no_outlet(mut self) -> M {
        self.outlet = None;
        self
    }
    pub fn sub(mut self, s: SubEventType) -> M {
        self.event.sub_event_type = s;
        self.event.event_type = s.event_type();
        self
    }
    pub fn at(mut self, p: Place, precision: u8) -> M {
        self.event.location = Some(Location {
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
    pub fn on(self, d: &str) -> M {
        self.between(d, d, DatePrecision::Day)
    }
    pub fn between(mut self, start: &str, end: &str, precision: DatePrecision) -> M {
        self.event.date = Some(DateRange {
            start: day(start),
            end: day(end),
            precision,
        });
        self
    }
    pub fn by(mut self, actor: &str) -> M {
        self.event.actor1 = Some(Actor {
            name: actor.to_string(),
            kind: None,
        });
        self
    }
    pub fn against(mut self, actor: &str) -> M {
        self.event.actor2 = Some(Actor {
            name: actor.to_string(),
            kind: None,
        });
        self
    }
    pub fn dead(mut self, n: u32) -> M {
        self.event.fatalities = Some(Fatalities {
            best: Some(n),
            ..Fatalities::default()
        });
        self
    }
    pub fn dozens(mut self) -> M {
        self.event.fatalities = Some(Fatalities {
            best: Some(12),
            vague: true,
            ..Fatalities::default()
        });
        self
    }
    pub fn civilians(mut self, n: u32) -> M {
        self.event
            .fatalities
            .get_or_insert_with(Fatalities::default)
            .civilians = Some(n);
        self
    }
    /// A claim by `claimant`, with the deaths and perpetrator it gives.
    pub fn claim(mut self, claimant: &str, dead: Option<u32>, actor1: Option<&str>) -> M {
        let start = self.event.claims.len() * 100;
        self.event.claims.push(Claim {
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
    pub fn modality(mut self, modality: Modality) -> M {
        self.event.modality = modality;
        self
    }
    pub fn build(self) -> Mention {
        Mention {
            key: self.key,
            event: self.event,
            outlet: self.outlet,
        }
    }
}
