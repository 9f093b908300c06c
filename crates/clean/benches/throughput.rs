//! Clean+split throughput on generated plain-text pages.
//!
//! Generates 10,000 varied pages of about 5 KB each (invented text:
//! paragraphs recombined from templates and word lists, wrapped in varied
//! site furniture: menus, tickers, captions, date lines, bylines, comment
//! boxes, related-story lists; one page in ten holds two stories), then
//! cleans them all on one thread and prints articles/s and MB/s.
//!
//! Run: `cargo bench -p dateline-clean` (add `-- N` for N pages).

use std::hint::black_box;

use dateline_clean::Cleaner;
use dateline_model::{InputFormat, RawDocument, SourceMeta};
use dateline_testkit::bench::Stopwatch;

/// A small deterministic generator (xorshift), so every run cleans the
/// same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

// Invented vocabulary for invented stories.
const CITIES: &[&str] = &[
    "Aleppo",
    "Mosul",
    "Kandahar",
    "Mogadishu",
    "Sanaa",
    "Tripoli",
    "Goma",
    "Maiduguri",
    "Bamako",
    "Juba",
    "Khartoum",
    "Idlib",
    "Donetsk",
    "Marawi",
    "Kidal",
    "Beni",
];
const DATELINES: &[&str] = &[
    "BEIRUT", "BAGHDAD", "NAIROBI", "KABUL", "DAKAR", "CAIRO", "ISTANBUL", "AMMAN", "KYIV",
];
const ACTORS: &[&str] = &[
    "government forces",
    "rebel fighters",
    "an armed group",
    "militants",
    "security forces",
    "unidentified gunmen",
    "the army",
    "a local militia",
    "police",
    "insurgents",
];
const VERBS: &[&str] = &[
    "attacked",
    "shelled",
    "ambushed",
    "raided",
    "clashed with residents near",
    "launched drone strikes on",
    "surrounded",
    "withdrew from",
    "took control of",
];
const SOURCES: &[&str] = &[
    "a local official said",
    "residents told reporters",
    "the ministry said in a statement",
    "a monitoring group reported",
    "witnesses said",
    "according to hospital sources",
    "a spokesman for the group said",
    "aid workers said",
];
const TIMES: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "late on Wednesday",
    "early Thursday",
    "on Friday",
    "over the weekend",
    "last week",
    "in recent days",
    "overnight",
];
const EXTRAS: &[&str] = &[
    "The area has seen repeated fighting since the start of the year, and thousands of families have fled to camps further south.",
    "Humanitarian agencies warned that access to the district remained limited, with roads cut and markets closed.",
    "Officials did not respond to requests for comment, and the figures could not be independently verified.",
    "The violence comes weeks after a ceasefire brokered by regional mediators collapsed amid mutual accusations.",
    "Local leaders called for calm and urged both sides to allow the wounded to be evacuated to hospitals in the capital.",
    "Analysts say the group has exploited local grievances over land and jobs to recruit young men in the region.",
    "Schools in the district have been closed for a month, and teachers say many pupils have not returned.",
    "The United Nations said it was deeply concerned and called for an investigation into the deaths of civilians.",
];
const HEADERS: &[&[&str]] = &[
    &["Home", "World", "Middle East"],
    &["Skip to main content", "Menu", "Search"],
    &["Just in:", "Markets close higher // Festival opens downtown // Storm warning issued for coast // New stadium plans unveiled"],
    &["No Script", "Please Wait...", "Subscribe to our newsletter"],
    &["Politics", "Share", "Print"],
];
const FOOTERS: &[&[&str]] = &[
    &[
        "Your feedback is important to us!",
        "We invite all readers to share their views below.",
        "comments powered by Disqus",
    ],
    &[
        "ADVERTISEMENT",
        "Related stories",
        "Floods hit northern towns",
        "Talks resume in the capital",
    ],
    &[
        "Read more",
        "Copyright © Invented Media. All rights reserved.",
    ],
    &[
        "Comments",
        "Leave a comment",
        "Sign in to post a comment on this story.",
    ],
];

fn paragraph(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push(' ');
        }
        let sentence = match rng.below(3) {
            0 => format!(
                "{} {} {} {} {}, killing {} people and wounding {} more, {}.",
                capital(rng.pick(ACTORS)),
                rng.pick(VERBS),
                rng.pick(CITIES),
                rng.pick(TIMES),
                ["in the north", "near the border", "in the old city", "on the main road"][rng.below(4) as usize],
                2 + rng.below(40),
                rng.below(90),
                rng.pick(SOURCES)
            ),
            1 => format!(
                "“We heard explosions {} and then the shooting started,” said a resident of {}, who asked not to be named.",
                rng.pick(TIMES),
                rng.pick(CITIES)
            ),
            _ => rng.pick(EXTRAS).to_string(),
        };
        p.push_str(&sentence);
    }
    p
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn story(rng: &mut Rng, out: &mut String, target: usize) {
    let city = rng.pick(CITIES);
    let title = format!("{} {} {}", capital(rng.pick(ACTORS)), rng.pick(VERBS), city);
    out.push_str(&title);
    out.push_str("\n\n");
    if rng.below(2) == 0 {
        out.push_str(&format!("Updated {} March 2024\n\n", 1 + rng.below(28)));
    }
    if rng.below(3) == 0 {
        out.push_str(&format!(
            "Smoke rises over {} after the attack, March 3, 2024. REUTERS/Invented Photographer\n\n",
            city
        ));
    }
    if rng.below(2) == 0 {
        out.push_str("By Invented Reporter, Invented Wire\n\n");
    }
    let start = out.len();
    out.push_str(rng.pick(DATELINES));
    out.push_str(": ");
    while out.len() - start < target {
        out.push_str(&paragraph(rng));
        out.push_str("\n\n");
    }
}

fn page(rng: &mut Rng) -> String {
    let mut out = String::with_capacity(6000);
    for line in HEADERS[rng.below(HEADERS.len() as u64) as usize] {
        out.push_str(line);
        out.push_str("\n\n");
    }
    if rng.below(10) == 0 {
        story(rng, &mut out, 2200);
        out.push('\n');
        story(rng, &mut out, 2200);
    } else {
        story(rng, &mut out, 4600);
    }
    for line in FOOTERS[rng.below(FOOTERS.len() as u64) as usize] {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out
}

fn main() {
    let pages: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let docs: Vec<RawDocument> = (0..pages)
        .map(|i| RawDocument {
            source: format!("gen_{i:05}.txt"),
            part: 0,
            format: InputFormat::Text,
            text: page(&mut rng),
            meta: SourceMeta::default(),
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let cleaner = Cleaner::load().expect("clean vocabulary");

    // Warm up caches and the language model once.
    black_box(cleaner.clean(&docs[0]));
    let clock = Stopwatch::start();
    let mut articles = 0usize;
    for doc in &docs {
        articles += black_box(cleaner.clean(doc)).len();
    }
    let wall = clock.wall_secs();
    println!(
        "clean+split: {pages} pages, {:.1} MB, {articles} articles, 1 thread",
        bytes as f64 / 1e6
    );
    let report = |label: &str, secs: f64| {
        println!(
            "  {label}: {secs:.3} s = {:.0} articles/s, {:.1} MB/s, {:.1} µs/page",
            articles as f64 / secs,
            bytes as f64 / 1e6 / secs,
            secs * 1e6 / pages as f64
        );
    };
    report("wall time", wall);
    // On a shared machine wall time counts other processes' turns; the
    // thread's CPU time is what one core spent on cleaning.
    if let Some(cpu) = clock.cpu_secs() {
        report("CPU time ", cpu);
    }
}
