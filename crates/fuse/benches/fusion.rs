//! Fusion figures: merged-pair recall and wrong-merge rate on the invented
//! corpus — with ideal extraction (hand-built mentions), with simulated
//! extraction noise, and end to end (the corpus read by `dateline_ingest`
//! and extracted by `dateline_pipeline`) — and the time to fuse large
//! synthetic sets.
//!
//!     cargo bench -p dateline-fuse --bench fusion

#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::Duration;
use dateline_fuse::{fuse, Mention};
use dateline_model::SubEventType;

use support::corpus::report_of;
use support::{corpus, m, metrics, EventBuilder, Place};

fn main() {
    let labels = corpus::labels();
    let ideal = corpus::mentions();
    let scores = metrics::score(&fuse(&ideal), &labels, report_of);
    println!(
        "corpus, ideal extraction ({} reports): {scores}",
        ideal.len()
    );

    noisy(&ideal, &labels);
    end_to_end(&labels);
    for (towns, days) in [(20, 30), (40, 90), (40, 365)] {
        synthetic(towns, days);
    }
}

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The corpus after errors an imperfect extractor makes, each with its own
/// probability per report, averaged over seeds.
fn noisy(ideal: &[Mention], labels: &BTreeMap<String, String>) {
    let actors: Vec<String> = ideal
        .iter()
        .filter_map(|m| m.event.actor1.as_ref().map(|a| a.name.clone()))
        .collect();
    let seeds = 50;
    let (mut recall, mut wrong) = (0.0, 0.0);
    for seed in 1..=seeds {
        let mut rng = Rng((seed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let degraded: Vec<Mention> = ideal
            .iter()
            .cloned()
            .map(|mut m| {
                let e = &mut m.event;
                if rng.chance(0.3) {
                    e.actor1 = None;
                }
                if rng.chance(0.05) {
                    let other = &actors[rng.below(actors.len() as u64) as usize];
                    if let Some(a) = e.actor1.as_mut() {
                        a.name = other.clone();
                    }
                }
                if rng.chance(0.1) {
                    if let Some(d) = e.date.as_mut() {
                        let shift = Duration::days(if rng.chance(0.5) { 1 } else { -1 });
                        d.start += shift;
                        d.end += shift;
                    }
                }
                if rng.chance(0.1) {
                    if let Some(l) = e.location.as_mut() {
                        l.geo_precision = l.geo_precision.max(2);
                    }
                }
                if rng.chance(0.05) {
                    e.location = None;
                }
                if rng.chance(0.2) {
                    e.fatalities = None;
                }
                m
            })
            .collect();
        let s = metrics::score(&fuse(&degraded), labels, report_of);
        recall += s.recall;
        wrong += s.wrong_merge_rate;
    }
    println!(
        "corpus, simulated extraction noise (30% actor dropped, 5% wrong actor, 10% date a day off, \
         10% place vaguer, 5% place lost, 20% toll lost; mean of {seeds} draws): \
         merged-pair recall {:.3}, wrong-merge rate {:.3}",
        recall / seeds as f64,
        wrong / seeds as f64
    );
}

/// The corpus as `dateline ingest` would read it, fused.
fn end_to_end(labels: &BTreeMap<String, String>) {
    let pipeline = match dateline_pipeline::Pipeline::load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("end to end: cannot load the pipeline: {e}");
            return;
        }
    };
    let reports = corpus::reports();
    let (mentions, silent) = corpus::extracted(&pipeline);
    let fused = fuse(&mentions);
    let scores = metrics::score(&fused, labels, report_of);
    println!(
        "corpus, end to end ({} events from {} reports, {} without events; {} fused events): {scores}",
        mentions.len(),
        reports.len(),
        silent,
        fused.len()
    );
    // Fusion's share: only the pairs of reports extraction found events in.
    let found: BTreeMap<String, String> = labels
        .iter()
        .filter(|(report, _)| mentions.iter().any(|m| report_of(&m.key) == **report))
        .map(|(r, i)| (r.clone(), i.clone()))
        .collect();
    let scores = metrics::score(&fused, &found, report_of);
    println!("corpus, end to end, reports with events only: {scores}");
    if std::env::var_os("DATELINE_FUSION_VERBOSE").is_some() {
        for m in &mentions {
            println!("  {}", describe(m));
        }
        for e in &fused {
            println!("  fused {:?}", e.members);
        }
    }
}

/// One line per mention, for looking at what extraction gave.
fn describe(m: &Mention) -> String {
    let e = &m.event;
    format!(
        "{} {}/{} at {:?} p{:?} on {:?} by {:?} against {:?} dead {:?}",
        m.key,
        e.event_type.as_str(),
        e.sub_event_type.as_str(),
        e.location.as_ref().map(|l| &l.name),
        e.location.as_ref().map(|l| l.geo_precision),
        e.date.map(|d| (d.start.to_string(), d.end.to_string())),
        e.actor1.as_ref().map(|a| &a.name),
        e.actor2.as_ref().map(|a| &a.name),
        e.fatalities.as_ref().and_then(|f| f.best),
    )
}

/// Incidents on a grid of towns 25 km apart over `days` days, each told
/// by one to five outlets with some extraction noise; prints time and pair
/// figures (the labels are known by construction).
fn synthetic(towns: usize, days: i64) {
    let mut rng = Rng(0x5eed ^ (towns as u64 * 1000 + days as u64));
    let base = support::day("2023-01-01");
    let outlets = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
    let subs = [
        SubEventType::AirDroneStrike,
        SubEventType::ShellingArtilleryMissileAttack,
    ];
    let mut mentions = Vec::new();
    let mut labels = BTreeMap::new();
    let mut report = 0;
    for t in 0..towns {
        let place = Place {
            name: "Town",
            country: "SY",
            admin1: "Region",
            lat: 35.0 + (t / 8) as f64 * 0.225,
            lon: 38.0 + (t % 8) as f64 * 0.275,
        };
        for d in 0..days {
            if !rng.chance(0.4) {
                continue;
            }
            let date = (base + Duration::days(d)).to_string();
            let sub = subs[rng.below(2) as usize];
            let actor = ["Side A", "Side B"][rng.below(2) as usize];
            let dead = rng.below(30) as u32;
            let incident = format!("t{t}d{d}");
            for outlet in outlets.iter().take(1 + rng.below(5) as usize) {
                let id = format!("r{report:06}");
                report += 1;
                let mut b = m(&id, outlet, &date).sub(sub).at(place, 1);
                b = if rng.chance(0.05) {
                    b.on(&(base + Duration::days(d + 1)).to_string())
                } else {
                    b.on(&date)
                };
                if rng.chance(0.7) {
                    b = b.by(actor);
                }
                if rng.chance(0.8) {
                    b = b.dead(dead + rng.below(3) as u32);
                }
                mentions.push(b.build());
                labels.insert(id, incident.clone());
            }
        }
    }
    let start = Instant::now();
    let fused = fuse(&mentions);
    let elapsed = start.elapsed();
    let scores = metrics::score(&fused, &labels, report_of);
    println!(
        "synthetic {towns} towns x {days} days: {} mentions fused into {} events in {:.2?} ({:.0} mentions/s); {scores}",
        mentions.len(),
        fused.len(),
        elapsed,
        mentions.len() as f64 / elapsed.as_secs_f64()
    );
}
