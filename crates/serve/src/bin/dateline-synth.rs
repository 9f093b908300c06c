//! Fills a store with synthetic events for load tests (bench/wrk-api.sh).
//!
//!     cargo run --release -p dateline-serve --bin dateline-synth -- DB EVENTS [--seed N]
//!
//! Everything here is invented: place names, actors and article text are
//! generated from a seeded PRNG, so the same arguments give the same
//! database. Events go through `Store::write_batch` like real ones, with
//! the spread of a real dataset (types, places over a region, dates over
//! ten years, skewed fatalities) so queries see realistic selectivity.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use dateline_model::{
    Actor, Article, ArticleRef, Claim, DatePrecision, DateRange, Event, Fatalities, Location,
    Modality, SubEventType,
};
use dateline_store::NewArticle;

const EVENTS_PER_ARTICLE: usize = 10;
const ARTICLES_PER_BATCH: usize = 500;
const COUNTRIES: [&str; 8] = ["SY", "IQ", "YE", "AF", "LY", "SO", "ML", "NG"];

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// An invented word, so article texts differ enough that the store's
    /// near-duplicate detection leaves them apart.
    fn word(&mut self) -> String {
        let len = 3 + self.below(7) as usize;
        (0..len)
            .map(|_| (b'a' + self.below(26) as u8) as char)
            .collect()
    }
}

struct Place {
    name: String,
    country: &'static str,
    admin1: String,
    lat: f64,
    lon: f64,
}

fn places(rng: &mut Rng) -> Vec<Place> {
    (0..2000)
        .map(|i| {
            let c = i % COUNTRIES.len();
            Place {
                name: format!("Synthplace {i}"),
                country: COUNTRIES[c],
                admin1: format!("Synthregion {}-{}", COUNTRIES[c], rng.below(12)),
                // Eight bands over the Middle East and the Sahel.
                lat: 5.0 + 35.0 * rng.unit(),
                lon: -5.0 + 8.0 * c as f64 + 8.0 * rng.unit(),
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(total)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: dateline-synth DB EVENTS [--seed N]");
        std::process::exit(2);
    };
    let seed = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut store = match dateline_store::open(db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(1);
        }
    };
    let mut rng = Rng(seed);
    let places = places(&mut rng);
    let actors: Vec<String> = (0..60).map(|i| format!("Synthetic Group {i}")).collect();
    let epoch = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let started = Instant::now();
    let mut written = 0;
    let mut article_no = 0usize;
    while written < total {
        let mut batch = Vec::with_capacity(ARTICLES_PER_BATCH);
        while batch.len() < ARTICLES_PER_BATCH && written + batch.len() * EVENTS_PER_ARTICLE < total
        {
            batch.push(article(&mut rng, article_no, &places, &actors, epoch));
            article_no += 1;
        }
        match store.write_batch(&batch) {
            Ok(r) => written += r.mentions,
            Err(e) => {
                eprintln!("synth: {e}");
                std::process::exit(1);
            }
        }
        eprint!(
            "\rsynth: {written} events in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let counts = store.counts().map(|c| c.events).unwrap_or(0);
    eprintln!("\nsynth: {counts} fused events stored in {db}");
}

fn article(
    rng: &mut Rng,
    no: usize,
    places: &[Place],
    actors: &[String],
    epoch: NaiveDate,
) -> NewArticle {
    let published = epoch + Days::new(rng.below(3650) + 3);
    let source = format!("synth-{no:07}.txt");
    let mut text = String::new();
    let mut events = Vec::with_capacity(EVENTS_PER_ARTICLE);
    for _ in 0..EVENTS_PER_ARTICLE {
        let start = text.chars().count();
        let place = &places[rng.below(places.len() as u64) as usize];
        let sub = SubEventType::ALL[rng.below(SubEventType::ALL.len() as u64) as usize];
        let day = published - Days::new(rng.below(3));
        let deaths = (rng.unit().powi(4) * 60.0) as u32;
        let a1 = &actors[rng.below(actors.len() as u64) as usize];
        let filler: Vec<String> = (0..8).map(|_| rng.word()).collect();
        let sentence = format!(
            "Invented report {no}: {a1} and {} near {} on {day}, {deaths} killed ({}).",
            sub.as_str(),
            place.name,
            filler.join(" ")
        );
        text.push_str(&sentence);
        text.push_str("\n\n");
        let end = start + sentence.chars().count();
        events.push(Event {
            id: None,
            article: ArticleRef {
                source: source.clone(),
                index: 0,
                title: None,
                published: Some(published),
            },
            event_type: sub.event_type(),
            sub_event_type: sub,
            actor1: Some(Actor {
                name: a1.clone(),
                kind: None,
            }),
            actor2: None,
            location: Some(Location {
                name: place.name.clone(),
                country: Some(place.country.to_string()),
                admin1: Some(place.admin1.clone()),
                admin2: None,
                lat: place.lat,
                lon: place.lon,
                geo_precision: 1 + rng.below(3) as u8,
                geonames_id: None,
            }),
            date: Some(DateRange {
                start: day,
                end: day,
                precision: DatePrecision::Day,
            }),
            fatalities: Some(Fatalities {
                best: Some(deaths),
                ..Default::default()
            }),
            claims: vec![Claim {
                claimant: "Synthetic Monitor".into(),
                start,
                end,
                text: Some(sentence),
                fatalities: Some(deaths),
                actor1: None,
                article: None,
            }],
            modality: Modality::Asserted,
            explain: None,
        });
    }
    let mut article = Article::from_text(source, text);
    article.published = Some(published);
    article.outlet = Some(format!("Synthetic Wire {}", no % 7));
    article.title = Some(format!("Invented report {no}"));
    NewArticle { article, events }
}
