//! Hand-built mentions for fusion tests: a small builder, and the "ideal
//! extraction" of the invented corpus in `tests/corpus` (what a perfect
//! extractor would read from each report), so fusion can be measured
//! without the extraction pipeline.

#![allow(dead_code)] // each test binary uses part of the support module

pub mod corpus;
pub mod metrics;

use dateline_fuse::Mention;
use dateline_model::{ArticleRef, Event};
pub use dateline_testkit::{day, EventBuilder, Place};

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
        event: dateline_testkit::event(ArticleRef {
            source: format!("{report}.txt"),
            index: 0,
            title: None,
            published: Some(day(published)),
        }),
    }
}

impl EventBuilder for M {
    fn event_mut(&mut self) -> &mut Event {
        &mut self.event
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
    pub fn build(self) -> Mention {
        Mention {
            key: self.key,
            event: self.event,
            outlet: self.outlet,
        }
    }
}
