//! A generated corpus of INVENTED news articles for load tests and the
//! bench: incidents each told by one to five differently worded reports
//! (varying tolls, relative and absolute dates, a later update), mixed with
//! articles about nothing violent, as a real news stream is. Every sentence
//! comes from the templates below, written for this file; real place and
//! group names appear only as slot fillers. Deterministic: the same `n`
//! gives byte-identical files.

#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

/// Places: (town, country) — real names, so the geoparser can place them.
const PLACES: &[(&str, &str)] = &[
    ("Maiduguri", "Nigeria"),
    ("Mogadishu", "Somalia"),
    ("Kabul", "Afghanistan"),
    ("Aleppo", "Syria"),
    ("Goma", "Democratic Republic of the Congo"),
    ("Mosul", "Iraq"),
    ("Bamako", "Mali"),
    ("Sanaa", "Yemen"),
    ("Benghazi", "Libya"),
    ("Juba", "South Sudan"),
    ("Peshawar", "Pakistan"),
    ("Ouagadougou", "Burkina Faso"),
    ("Kandahar", "Afghanistan"),
    ("Kismayo", "Somalia"),
    ("Timbuktu", "Mali"),
    ("Beni", "Democratic Republic of the Congo"),
];

const ATTACKERS: &[&str] = &[
    "gunmen",
    "suspected militants",
    "armed men",
    "unidentified attackers",
];
const TARGETS: &[&str] = &[
    "a market",
    "a village",
    "a bus station",
    "a mosque",
    "a checkpoint",
    "a camp for displaced people",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const CLAIMANTS: &[&str] = &[
    "police said",
    "a local official said",
    "the army said",
    "residents told reporters",
    "a hospital source said",
];
const TOPICS: &[&str] = &[
    "The central bank kept its main interest rate unchanged",
    "The football league announced a new schedule for the season",
    "Farmers reported a good harvest after steady rains",
    "The ministry of education opened registration for the new school year",
    "A new bridge over the river was opened to traffic",
    "Traders said the price of fuel fell for a third week",
];

/// Parts of invented background sentences, to give articles a news
/// article's length (a real story body is 2-5 KB; the incident sentences
/// alone are 200 bytes). Sentences are assembled from one part of each
/// list, so two articles rarely share a run of four words: the store must
/// see distinct articles, not near-duplicates of each other.
const SUBJECTS: &[&str] = &[
    "Aid agencies working in the area",
    "Several community leaders",
    "A spokesman for the regional government",
    "Teachers at the local secondary school",
    "Doctors at the district hospital",
    "Traders from the central market",
    "Representatives of displaced families",
    "Officials of the electoral commission",
    "Members of a women's cooperative",
    "The local water authority",
    "Volunteers with a youth association",
    "Religious leaders from both communities",
];
const VERBS: &[&str] = &[
    "have warned repeatedly about",
    "said they were worried about",
    "asked donors to help with",
    "held a long meeting about",
    "published a short report on",
    "called for a swift response to",
    "reported steady progress on",
    "complained loudly about delays in",
    "promised to look again at",
    "organised a public hearing on",
    "raised money last month for",
    "spoke to journalists about",
];
const OBJECTS: &[&str] = &[
    "the shortage of clean drinking water",
    "rising food prices in rural districts",
    "the state of the main road",
    "access to schools for girls",
    "the cost of fertiliser and seed",
    "power cuts affecting small businesses",
    "the repair of the old bridge",
    "vaccination of children under five",
    "housing for families who lost their homes",
    "the reopening of the cattle market",
    "training for young health workers",
    "compensation for damaged farmland",
];
const CODAS: &[&str] = &[
    "earlier this year",
    "during a visit by a delegation from the capital",
    "ahead of the planting season",
    "after weeks of heavy rain",
    "at a gathering in the town hall",
    "in a statement released on social media",
    "before the end of the school term",
    "while prices continued to climb",
    "as the dry season approached",
    "despite a tight budget",
    "in an interview with a local radio station",
    "following complaints from residents",
];

/// A small deterministic generator (64-bit LCG)./// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

/// One generated article and its manifest metadata.
pub struct Generated {
    pub name: String,
    pub text: String,
    pub published: String,
    pub outlet: String,
}

/// One invented incident: where, when (days after 2024-03-01), how many
/// died, who attacked what.
struct Incident {
    place: (&'static str, &'static str),
    day: u32,
    toll: u32,
    attacker: &'static str,
    target: &'static str,
}

/// A report of `inc` published `lag` days after it, worded by template
/// `style`.
fn incident_report(rng: &mut Rng, inc: &Incident, lag: u32, style: usize) -> String {
    let Incident {
        place,
        day,
        toll,
        attacker,
        target,
    } = *inc;
    let (town, country) = place;
    let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
        + chrono::Duration::days(i64::from(day));
    let weekday = WEEKDAYS[date.format("%u").to_string().parse::<usize>().unwrap_or(1) - 1];
    let absolute = format!(
        "{} {}",
        MONTHS[date.format("%m").to_string().parse::<usize>().unwrap_or(1) - 1],
        date.format("%-d")
    );
    // Relative dates only when published within the week.
    let when = if lag == 0 {
        "on {weekday}".replace("{weekday}", weekday)
    } else {
        format!("on {absolute}")
    };
    let claim = rng.pick(CLAIMANTS);
    let mut t = String::new();
    match style {
        0 => {
            let _ = write!(t, "{toll} people were killed when {attacker} attacked {target} in {town}, {country}, {when}, {claim}.");
            let _ = write!(t, "\n\nWitnesses said the attackers arrived on motorcycles and opened fire before fleeing.");
        }
        1 => {
            let cap = capitalize(attacker);
            let _ = write!(t, "{cap} killed {toll} civilians in an attack on {target} near {town} {when}, {claim}.");
            let _ = write!(
                t,
                "\n\nNo group claimed responsibility for the attack in {country}."
            );
        }
        2 => {
            let _ = write!(t, "{town}, {country} — At least {toll} people died after {attacker} stormed {target} {when}, {claim}.");
            let _ = write!(t, "\n\nSeveral others were wounded and taken to hospital.");
        }
        3 => {
            let raised = toll + 1 + rng.below(4) as u32;
            let _ = write!(
                t,
                "The death toll from the attack on {target} in {town} rose to {raised}, {claim}."
            );
            let _ = write!(
                t,
                "\n\nThe attack by {attacker} took place {when} in {country}."
            );
        }
        _ => {
            let _ = write!(t, "Residents of {town} buried {toll} victims of an attack by {attacker} on {target} {when}, {claim}.");
            let _ = write!(t, "\n\nSecurity was tightened across the area.");
        }
    }
    t
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `n` articles: about 60% reports of incidents (one to five each), the
/// rest on other news.
pub fn corpus(n: usize) -> Vec<Generated> {
    let mut rng = Rng(0x5EED_DA7E_0F00);
    let mut out: Vec<Generated> = Vec::with_capacity(n);
    let mut seen = HashSet::new();
    let mut incident = 0u32;
    while out.len() < n {
        let mut texts: Vec<(String, u32)> = Vec::new();
        if rng.below(10) < 6 {
            incident += 1;
            let inc = Incident {
                place: PLACES[rng.below(PLACES.len())],
                day: rng.below(180) as u32,
                toll: 2 + rng.below(30) as u32,
                attacker: rng.pick(ATTACKERS),
                target: rng.pick(TARGETS),
            };
            let reports = 1 + rng.below(5);
            for r in 0..reports {
                let lag = if r == 0 { 0 } else { rng.below(3) as u32 };
                let style = (incident as usize + r) % 5;
                texts.push((incident_report(&mut rng, &inc, lag, style), inc.day + lag));
            }
        } else {
            let place = PLACES[rng.below(PLACES.len())];
            let day = rng.below(180) as u32;
            let topic = rng.pick(TOPICS);
            texts.push((
                format!(
                    "{topic} in {}, {} on {}.\n\nOfficials said more details would follow.",
                    place.1,
                    place.0,
                    WEEKDAYS[day as usize % 7]
                ),
                day,
            ));
        }
        for (mut text, day) in texts {
            for _ in 0..2 + rng.below(4) {
                text.push_str("\n\n");
                for _ in 0..2 + rng.below(2) {
                    let parts = [SUBJECTS, VERBS, OBJECTS, CODAS].map(|list| rng.pick(list));
                    let _ = write!(
                        text,
                        "{} {} {} {}. ",
                        parts[0], parts[1], parts[2], parts[3]
                    );
                }
                text.truncate(text.trim_end().len());
            }
            if out.len() >= n {
                break;
            }
            // Identical wording twice would be one article: vary it.
            while !seen.insert(text.clone()) {
                text.push_str(" More reports are expected.");
            }
            let i = out.len();
            let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
                + chrono::Duration::days(i64::from(day));
            out.push(Generated {
                name: format!("synth-{i:05}.txt"),
                text,
                published: published.format("%Y-%m-%d").to_string(),
                outlet: format!("Invented Wire {}", i % 7),
            });
        }
    }
    out
}

/// Writes the corpus as text files plus `manifest.jsonl` into `dir`.
pub fn write(dir: &Path, n: usize) -> Vec<Generated> {
    std::fs::create_dir_all(dir).expect("create corpus directory");
    let docs = corpus(n);
    let mut manifest = String::new();
    for d in &docs {
        std::fs::write(dir.join(&d.name), &d.text).expect("write corpus file");
        let line =
            serde_json::json!({"source": d.name, "published": d.published, "outlet": d.outlet});
        manifest.push_str(&line.to_string());
        manifest.push('\n');
    }
    std::fs::write(dir.join("manifest.jsonl"), manifest).expect("write manifest");
    docs
}
