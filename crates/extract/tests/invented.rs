//! End-to-end behaviour on invented news text (written for these tests;
//! no sentence comes from a real article): every sub-event type, the
//! modality traps of spec §1, date and number forms, claims.
//!
//! Places come from a small table here rather than the geoparser, so that
//! these tests pin the extractor's behaviour alone: each listed name found
//! in the text becomes a place mention.

use std::sync::OnceLock;

use chrono::NaiveDate;
use dateline_extract::Extractor;
use dateline_geo::{Place, PlaceMention};
use dateline_model::{Article, DatePrecision, Event, Modality};

fn extractor() -> &'static Extractor {
    static T: OnceLock<Extractor> = OnceLock::new();
    T.get_or_init(|| Extractor::load().expect("extraction data"))
}

/// (name, country, admin1, lat, lon, feature class, feature code)
const GAZETTEER: &[(&str, &str, &str, f64, f64, char, &str)] = &[
    ("Palmyra", "SY", "Homs", 34.56, 38.27, 'P', "PPLA2"),
    ("Tal Afar", "IQ", "Nineveh", 36.38, 42.45, 'P', "PPLA2"),
    ("Boni", "ML", "Mopti", 15.08, -1.8, 'P', "PPL"),
    ("Mali", "ML", "", 17.0, -4.0, 'A', "PCLI"),
    ("Douma", "SY", "Rif Dimashq", 33.57, 36.4, 'P', "PPLA2"),
    ("Jilib", "SO", "Middle Juba", 0.49, 42.77, 'P', "PPLA2"),
    (
        "Peshawar",
        "PK",
        "Khyber Pakhtunkhwa",
        34.0,
        71.57,
        'P',
        "PPLA",
    ),
    ("Kharkiv", "UA", "Kharkiv", 49.99, 36.23, 'P', "PPLA"),
    ("Kandahar", "AF", "Kandahar", 31.61, 65.71, 'P', "PPLA"),
    (
        "Bujumbura",
        "BI",
        "Bujumbura Mairie",
        -3.38,
        29.36,
        'P',
        "PPLC",
    ),
    ("Minova", "CD", "South Kivu", -1.7, 29.02, 'P', "PPL"),
    ("Bakura", "NG", "Zamfara", 12.71, 5.87, 'P', "PPLA2"),
    ("Birnin Yauri", "NG", "Kebbi", 10.78, 4.81, 'P', "PPL"),
    ("Khartoum", "SD", "Khartoum", 15.55, 32.53, 'P', "PPLC"),
    ("Nairobi", "KE", "Nairobi", -1.28, 36.82, 'P', "PPLC"),
    ("Mandalay", "MM", "Mandalay", 21.97, 96.08, 'P', "PPLA"),
    ("Port-au-Prince", "HT", "Ouest", 18.54, -72.34, 'P', "PPLC"),
    ("Kasese", "UG", "Western", 0.18, 30.08, 'P', "PPLA2"),
    ("Havana", "CU", "La Habana", 23.13, -82.38, 'P', "PPLC"),
    ("Harare", "ZW", "Harare", -17.83, 31.05, 'P', "PPLC"),
    ("Beni", "CD", "North Kivu", 0.49, 29.47, 'P', "PPL"),
    ("Mogadishu", "SO", "Banaadir", 2.04, 45.34, 'P', "PPLC"),
    ("Tal Tamr", "SY", "Al-Hasakah", 36.65, 40.37, 'P', "PPL"),
    ("Kumbo", "CM", "North-West", 6.2, 10.68, 'P', "PPL"),
    ("Kidal", "ML", "Kidal", 18.44, 1.41, 'P', "PPLA"),
    ("Jos", "NG", "Plateau", 9.93, 8.89, 'P', "PPLA"),
    ("Idlib", "SY", "Idlib", 35.93, 36.63, 'P', "PPLA"),
    ("Saraqib", "SY", "Idlib", 35.86, 36.8, 'P', "PPL"),
    ("Kafr Nabl", "SY", "Idlib", 35.61, 36.56, 'P', "PPL"),
    ("Kobani", "SY", "Aleppo", 36.89, 38.35, 'P', "PPL"),
    ("Gao", "ML", "Gao", 16.27, -0.04, 'P', "PPLA"),
    ("Aleppo", "SY", "Aleppo", 36.2, 37.16, 'P', "PPLA"),
    ("Daraa", "SY", "Daraa", 32.62, 36.1, 'P', "PPLA"),
    ("Borno", "NG", "Borno", 11.5, 13.0, 'A', "ADM1"),
    ("Mosul", "IQ", "Nineveh", 36.34, 43.13, 'P', "PPLA"),
    ("Raqqa", "SY", "Raqqa", 35.95, 39.01, 'P', "PPLA"),
    ("Tripoli", "LY", "Tripoli", 32.89, 13.19, 'P', "PPLC"),
    ("Tessalit", "ML", "Kidal", 20.2, 1.01, 'P', "PPL"),
    (
        "Deir ez-Zor",
        "SY",
        "Deir ez-Zor",
        35.34,
        40.14,
        'P',
        "PPLA",
    ),
    ("Kafr Nabl", "SY", "Idlib", 35.61, 36.56, 'P', "PPL"),
    ("Qamishli", "SY", "Al-Hasakah", 37.05, 41.22, 'P', "PPLA2"),
    ("Marib", "YE", "Marib", 15.5, 45.3, 'A', "ADM1"),
    // A village named like a group: the group's name is no place.
    ("Shabaab", "IR", "Ilam", 33.75, 46.64, 'P', "PPL"),
    ("Jeddah", "SA", "Makkah", 21.54, 39.17, 'P', "PPLA"),
    ("Mombasa", "KE", "Mombasa", -4.05, 39.67, 'P', "PPLA"),
    ("Kisumu", "KE", "Kisumu", -0.1, 34.75, 'P', "PPLA"),
    ("Khan Younis", "PS", "Gaza Strip", 31.34, 34.31, 'P', "PPL"),
    ("Douentza", "ML", "Mopti", 15.0, -2.95, 'P', "PPL"),
    (
        "Srinagar",
        "IN",
        "Jammu and Kashmir",
        34.09,
        74.8,
        'P',
        "PPLA",
    ),
    ("Macomia", "MZ", "Cabo Delgado", -12.25, 40.13, 'P', "PPL"),
    ("Verrettes", "HT", "Artibonite", 19.05, -72.47, 'P', "PPL"),
    ("Jamundi", "CO", "Valle del Cauca", 3.26, -76.54, 'P', "PPL"),
    ("Ukrainsk", "UA", "Donetsk", 48.1, 37.37, 'P', "PPL"),
    ("Kaya", "BF", "Centre-Nord", 13.09, -1.08, 'P', "PPLA"),
    ("Dori", "BF", "Sahel", 14.03, -0.03, 'P', "PPLA"),
    ("Pissila", "BF", "Centre-Nord", 13.17, -0.82, 'P', "PPL"),
    ("Matola", "MZ", "Maputo", -25.96, 32.46, 'P', "PPLA2"),
    ("Zawiya", "LY", "Az Zawiyah", 32.76, 12.73, 'P', "PPLA"),
    ("Culiacan", "MX", "Sinaloa", 24.8, -107.39, 'P', "PPLA"),
    ("Kajuru", "NG", "Kaduna", 10.32, 7.68, 'P', "PPL"),
];

fn places(text: &str) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    for &(name, country, admin1, lat, lon, class, code) in GAZETTEER {
        let mut from = 0;
        while let Some(i) = text[from..].find(name) {
            let start = from + i;
            let end = start + name.len();
            from = end;
            if out
                .iter()
                .any(|m: &PlaceMention| m.start < end && start < m.end)
            {
                continue;
            }
            out.push(PlaceMention {
                start,
                end,
                text: name.to_string(),
                place: Place {
                    geonames_id: None,
                    name: name.to_string(),
                    country: Some(country.to_string()),
                    admin1: (!admin1.is_empty()).then(|| admin1.to_string()),
                    admin2: None,
                    lat,
                    lon,
                    feature_class: class,
                    feature_code: code.to_string(),
                    population: 0,
                },
                precision: if class == 'A' { 3 } else { 1 },
                relation: None,
                demonym: false,
                dateline: false,
                score: 1.0,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

fn events(text: &str, published: &str) -> Vec<Event> {
    let mut a = Article::from_text("invented.txt", text);
    a.published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    a.outlet = Some("Invented Wire".into());
    extractor().extract(&a, &places(&a.text), true)
}

fn one(text: &str, published: &str) -> Event {
    let evs = events(text, published);
    assert_eq!(evs.len(), 1, "expected one event in {text:?}, got {evs:#?}");
    evs.into_iter().next().unwrap()
}

/// (text, sub_event_type, actor1 or "", place name fragment)
const TYPES: &[(&str, &str, &str, &str)] = &[
    ("Government troops clashed with Islamic State fighters near Palmyra on Tuesday, leaving 14 fighters dead.", "armed_clash", "Military Forces of Syria", "Palmyra"),
    ("Iraqi forces recaptured the town of Tal Afar on Sunday after a week of fighting with Islamic State.", "government_regains_territory", "Military Forces of Iraq", "Tal Afar"),
    ("JNIM militants captured the town of Boni in central Mali on Friday, local officials said.", "non_state_actor_overtakes_territory", "JNIM: Group for Support of Islam and Muslims", "Boni"),
    ("A chlorine gas attack on the town of Douma killed 11 people on Saturday, rescuers said.", "chemical_weapon", "", "Douma"),
    ("A drone strike killed three Al Shabaab fighters near Jilib on Monday, the U.S. military said.", "air_drone_strike", "", "Jilib"),
    ("A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 30 worshippers.", "suicide_bomb", "", "Peshawar"),
    ("Russian artillery shelled residential areas of Kharkiv on Thursday, killing two civilians, regional officials said.", "shelling_artillery_missile_attack", "Military Forces of Russia", "Kharkiv"),
    ("A roadside bomb struck a police vehicle in Kandahar on Tuesday, killing four officers.", "remote_explosive_landmine_ied", "", "Kandahar"),
    ("Unidentified men hurled a grenade into a bar in Bujumbura on Saturday night, wounding nine people, police said.", "grenade", "", "Bujumbura"),
    ("Soldiers raped at least five women in the village of Minova last week, a rights group said.", "sexual_violence", "Military Forces of the Democratic Republic of Congo", "Minova"),
    ("Gunmen killed seven villagers in the town of Bakura on Sunday, police said.", "attack", "Unidentified Armed Group (Nigeria)", "Bakura"),
    ("Bandits abducted 25 students from a school in Birnin Yauri on Thursday.", "abduction_forced_disappearance", "Unidentified Armed Group (Nigeria)", "Birnin Yauri"),
    ("Thousands of protesters marched through central Khartoum on Saturday, demanding civilian rule.", "peaceful_protest", "Protesters (Sudan)", "Khartoum"),
    ("Police fired tear gas to disperse hundreds of demonstrators who had gathered to protest in Nairobi on Tuesday.", "protest_with_intervention", "Protesters (Kenya)", "Nairobi"),
    ("Security forces opened fire on protesters in Mandalay on Sunday, killing three people, witnesses said.", "excessive_force_against_protesters", "Military Forces of Myanmar", "Mandalay"),
    ("Rioters torched shops and clashed with police in Port-au-Prince on Monday.", "violent_demonstration", "Rioters (Haiti)", "Port-au-Prince"),
    ("A mob lynched a man accused of theft in Kasese on Wednesday.", "mob_violence", "", "Kasese"),
    ("The government and ELN rebels signed a ceasefire agreement in Havana on Friday.", "agreement", "", "Havana"),
    ("Police arrested 40 opposition supporters in Harare on Saturday.", "arrests", "Police Forces of Zimbabwe", "Harare"),
    ("About 200 Mai-Mai fighters surrendered to the army in Beni on Tuesday.", "change_to_group_activity", "Mai-Mai Militia", "Beni"),
    ("Security forces defused a car bomb near a checkpoint in Mogadishu on Sunday.", "disrupted_weapons_use", "Military Forces of Somalia", "Mogadishu"),
    ("The Turkish army established a new military base near the town of Tal Tamr on Thursday.", "headquarters_or_base_established", "Military Forces of Turkey", "Tamr"),
    ("Militiamen looted shops and burned dozens of homes in the town of Kumbo on Saturday.", "looting_property_destruction", "", "Kumbo"),
    ("Malian troops withdrew from the town of Kidal on Tuesday, handing control to rebels.", "non_violent_transfer_of_territory", "Military Forces of Mali", "Kidal"),
    ("Authorities imposed a curfew in Jos on Sunday after days of unrest.", "other", "", "Jos"),
];

/// Each (text, sub-type, actor1 or "" for any, place) gives exactly one
/// event of that sub-type, actor1 and place; the failures listed together.
fn assert_typed(cases: &[(&str, &str, &str, &str)]) {
    let mut failures = Vec::new();
    for (text, sub, actor, place) in cases {
        let evs = events(text, "2021-06-15");
        let ok = evs.len() == 1
            && evs[0].sub_event_type.as_str() == *sub
            && (actor.is_empty()
                || evs[0].actor1.as_ref().map(|a| a.name.as_str()) == Some(*actor))
            && evs[0]
                .location
                .as_ref()
                .is_some_and(|l| l.name.contains(place));
        if !ok {
            failures.push(format!(
                "{text}\n  want {sub} / {actor} / {place}\n  got {:?}",
                evs.iter()
                    .map(|e| (
                        e.sub_event_type.as_str(),
                        e.actor1.as_ref().map(|a| a.name.clone()),
                        e.location.as_ref().map(|l| l.name.clone())
                    ))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_sub_event_type() {
    assert_typed(TYPES);
}

/// Sentences that must yield nothing (spec §1 "Not events").
const TRAPS: &[&str] = &[
    "Rebels could attack the town of Kobani in the coming days.",
    "Rebels plan to regroup and attack the town of Kobani after the rains.",
    "The rebels have attacked dozens of villages in Idlib, killing hundreds of civilians.",
    "Sleeper cells still carry out sporadic attacks, mostly in rural areas of Kirkuk.",
    "The fighting has killed more than 450 people in Aleppo since the war began.",
    "If the talks fail, the army will launch an offensive on Idlib.",
    "The militants threatened to kill the hostages held in Gao.",
    "No airstrikes were reported in Aleppo on Monday.",
    "Did the army shell the village of Kafr Nabl on Sunday?",
    "Assassinations continue daily in Daraa, residents say.",
    "ACLED recorded an average of 60 violent incidents a month in Borno.",
    "Troops patrolled the streets of Mosul on Monday.",
    "Government forces captured Palmyra in March 2016.",
    "The group has vowed to recapture Raqqa.",
    "Analysts warned that clashes may erupt in Tripoli.",
    "The army is preparing to retake the town of Tessalit.",
    "Sleeper cells have kidnapped residents in several provinces.",
    "The group now controls 13 percent of its former territory around Deir ez-Zor.",
    "Tens of thousands of people fled Mosul as fighting approached.",
];

/// None of `traps` yields an event; the offenders listed together.
fn assert_no_events(traps: &[&str], published: &str) {
    let bad: Vec<String> = traps
        .iter()
        .filter_map(|t| {
            let evs = events(t, published);
            (!evs.is_empty()).then(|| {
                format!(
                    "{t} -> {:?}",
                    evs.iter()
                        .map(|e| e.sub_event_type.as_str())
                        .collect::<Vec<_>>()
                )
            })
        })
        .collect();
    assert!(
        bad.is_empty(),
        "events from non-events:\n{}",
        bad.join("\n")
    );
}

#[test]
fn modality_traps_yield_nothing() {
    assert_no_events(TRAPS, "2017-06-17");
}

/// How the act is told decides its type: the killing over the burning
/// beside it, the weapon that kills, a burning in a protest, a crowd that
/// rallies.
const TOLD: &[(&str, &str, &str, &str)] = &[
    (
        "Gunmen killed a farmer and burned his house in Jos on Thursday.",
        "attack",
        "",
        "Jos",
    ),
    (
        "Seven civilians were killed by an RSF drone in Khartoum on Sunday.",
        "air_drone_strike",
        "RSF: Rapid Support Forces",
        "Khartoum",
    ),
    (
        "Shells fired by the paramilitary Rapid Support Forces slammed into a hospital in Khartoum on Saturday, killing nine people.",
        "shelling_artillery_missile_attack",
        "RSF: Rapid Support Forces",
        "Khartoum",
    ),
    (
        "Suspected Allied Democratic Forces (ADF) rebels killed 11 civilians in Beni on Sunday.",
        "attack",
        "ADF: Allied Democratic Forces",
        "Beni",
    ),
    (
        "A mortar round killed five children in Khartoum on Sunday.",
        "shelling_artillery_missile_attack",
        "",
        "Khartoum",
    ),
    (
        "Youths torched a police post in Nairobi on Sunday during anti-tax demonstrations.",
        "violent_demonstration",
        "",
        "Nairobi",
    ),
    (
        "Thousands of students rallied in Nairobi on Sunday.",
        "peaceful_protest",
        "",
        "Nairobi",
    ),
    (
        "The governor imposed a dusk-to-dawn curfew in Khartoum on Sunday.",
        "other",
        "",
        "Khartoum",
    ),
    (
        "Militants launched a drone at an army post near Gao on Sunday.",
        "air_drone_strike",
        "",
        "Gao",
    ),
];

#[test]
fn the_telling_decides_the_type() {
    assert_typed(TOLD);
    let e = one(
        "A mob beat a student to death in Jos on Thursday.",
        "2021-06-15",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(1));
}

/// Deaths that are no political violence: hazards, accidents, a family
/// quarrel; sport told in war words; a crowd's plan.
const NOT_POLITICAL_VIOLENCE: &[&str] = &[
    "Floods killed 40 people in Jos on Sunday.",
    "A bus crash killed 12 people near Kidal on Sunday.",
    "A fire killed five people in a market in Jos on Sunday.",
    "A man killed his wife in Nairobi on Sunday, police said.",
    "The national team stormed to victory over its neighbours in Nairobi on Sunday.",
    "Protesters plan to march in Nairobi on Tuesday against the finance bill.",
];

#[test]
fn deaths_without_a_political_party_yield_nothing() {
    assert_no_events(NOT_POLITICAL_VIOLENCE, "2017-06-20");
    // An armed party makes it violence again.
    let e = one(
        "Gunmen killed a farmer and his wife in Jos on Sunday.",
        "2017-06-20",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(2));
}

/// (text, published, start, end)
const DATES: &[(&str, &str, &str, &str)] = &[
    (
        "Militants attacked a police station in Peshawar before dawn on Tuesday.",
        "2017-10-16",
        "2017-10-10",
        "2017-10-10",
    ),
    (
        "Rebels attacked an army post in Idlib on Saturday.",
        "2017-10-16",
        "2017-10-14",
        "2017-10-14",
    ),
    (
        "Rebels attacked an army post in Idlib earlier this week.",
        "2017-01-20",
        "2017-01-16",
        "2017-01-20",
    ),
    (
        "Rebels attacked an army post in Idlib last month.",
        "2017-10-16",
        "2017-09-01",
        "2017-09-30",
    ),
    (
        "Airstrikes on Idlib have killed 40 people in recent weeks.",
        "2017-06-17",
        "2017-05-20",
        "2017-06-17",
    ),
    (
        "Airstrikes on Idlib have killed 40 people since late April.",
        "2017-06-17",
        "2017-04-21",
        "2017-06-17",
    ),
    (
        "Airstrikes on Idlib killed 40 people in late May.",
        "2017-06-17",
        "2017-05-21",
        "2017-05-31",
    ),
    (
        "Rebels attacked an army post in Idlib in September.",
        "2017-10-16",
        "2017-09-01",
        "2017-09-30",
    ),
    (
        "Rebels attacked an army post in Idlib on October 5.",
        "2017-10-16",
        "2017-10-05",
        "2017-10-05",
    ),
    (
        "Rebels attacked an army post in Idlib on 14 October 2017.",
        "2017-10-20",
        "2017-10-14",
        "2017-10-14",
    ),
    (
        "Rebels attacked an army post in Idlib two days ago.",
        "2017-10-16",
        "2017-10-14",
        "2017-10-14",
    ),
];

#[test]
fn date_forms() {
    for (text, published, start, end) in DATES {
        let e = one(text, published);
        let d = e.date.expect("a date");
        assert_eq!(
            (d.start.to_string().as_str(), d.end.to_string().as_str()),
            (*start, *end),
            "{text}"
        );
    }
}

#[test]
fn no_publication_date_no_relative_date() {
    let a = Article::from_text(
        "invented.txt",
        "Rebels attacked an army post in Idlib on Saturday.",
    );
    let evs = extractor().extract(&a, &places(&a.text), false);
    assert_eq!(evs.len(), 1);
    assert!(evs[0].date.is_none());
}

/// (text, best, vague)
const NUMBERS: &[(&str, u32, bool)] = &[
    ("An airstrike on a market in Idlib killed 12 people on Monday.", 12, false),
    ("An airstrike on a market in Idlib killed twenty-eight people on Monday.", 28, false),
    ("An airstrike on a market in Idlib killed a dozen people on Monday.", 12, false),
    ("An airstrike on a market in Idlib killed at least 40 people on Monday.", 40, false),
    ("An airstrike on a market in Idlib killed between 5 and 7 people on Monday.", 5, false),
    ("An airstrike on a market in Idlib killed several people on Monday.", 10, true),
    ("An airstrike on a market in Idlib killed dozens of people on Monday.", 12, true),
    ("An airstrike on a market in Idlib killed scores of people on Monday.", 20, true),
    ("An airstrike on a market in Idlib killed hundreds of people on Monday.", 100, true),
    ("An airstrike on a market in Idlib killed 9 fighters and 3 civilians on Monday and wounded 30.", 12, false),
    ("An airstrike on a market in Idlib on Monday caused no casualties.", 0, false),
];

#[test]
fn number_forms() {
    for (text, best, vague) in NUMBERS {
        let e = one(text, "2017-10-16");
        let f = e.fatalities.expect("fatalities");
        assert_eq!((f.best, f.vague), (Some(*best), *vague), "{text}");
    }
}

#[test]
fn breakdowns_across_sentences() {
    let e = one(
        "Airstrikes on the town of Saraqib killed 30 people on Monday, the Syrian Observatory for Human Rights said. The dead include 12 civilians. Medics counted 8 children and 5 women killed.",
        "2017-10-16",
    );
    let f = e.fatalities.expect("fatalities");
    assert_eq!(
        (f.best, f.civilians, f.children, f.women),
        (Some(30), Some(12), Some(8), Some(5))
    );
}

#[test]
fn claims_name_the_source() {
    let e = one("Shelling killed four civilians in Idlib on Monday, the Syrian Observatory for Human Rights said.", "2017-10-16");
    assert_eq!(e.claims[0].claimant, "Syrian Observatory for Human Rights");
    assert_eq!(e.modality, Modality::Claimed);
    let e = one(
        "Shelling killed four civilians in Idlib on Monday.",
        "2017-10-16",
    );
    assert_eq!(e.claims[0].claimant, "Invented Wire");
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn claimants_in_their_usual_places() {
    // (text, claimant, modality)
    let cases = [
        (
            "Rebels killed six civilians in Jos on Sunday, according to a local rights group.",
            "Rights groups",
            Modality::Claimed,
        ),
        (
            "Rebels killed six civilians in Jos on Sunday, according to the Plateau Doctors Network.",
            "Plateau Doctors Network",
            Modality::Claimed,
        ),
        (
            "Rebels killed six soldiers in Jos on Sunday, the army said.",
            "Military",
            Modality::Claimed,
        ),
        // What is reported is no speaker.
        (
            "Rebels attacked Jos on Sunday, four fatalities reported.",
            "Invented Wire",
            Modality::Asserted,
        ),
        (
            "Rebels attacked a village near Jos on Sunday. No casualty figures were reported.",
            "Invented Wire",
            Modality::Asserted,
        ),
    ];
    for (text, claimant, modality) in cases {
        let e = one(text, "2017-06-20");
        assert_eq!(
            (e.claims[0].claimant.as_str(), e.modality),
            (claimant, modality),
            "{text}"
        );
    }
    // Nobody counted is not nobody died.
    let e = one(
        "Rebels attacked a village near Jos on Sunday. No casualty figures were reported.",
        "2017-06-20",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), None);
}

#[test]
fn disputed_perpetrator_leaves_actor1_empty() {
    let e = one(
        "Airstrikes struck the town of Saraqib on Monday, killing 11 people. Activists blamed Russian warplanes, but the Syrian army also claimed strikes there.",
        "2017-10-16",
    );
    assert_eq!(e.modality, Modality::Disputed);
    assert!(e.actor1.is_none());
}

#[test]
fn a_claim_its_own_spokesman_denies_is_disputed() {
    let e = one(
        "A suicide bomber blew himself up inside a mosque in Peshawar on Monday, killing 30 people, officials said. A Pakistani Taliban commander claimed responsibility, but the group's spokesman later denied any involvement.",
        "2017-10-16",
    );
    assert_eq!(e.modality, Modality::Disputed);
    assert!(e.actor1.is_none());
}

#[test]
fn a_group_that_says_it_did_it_is_its_actor() {
    let e = one(
        "The Arakan Army said on Sunday that it had seized the town of Kidal.",
        "2021-06-15",
    );
    assert_eq!(e.actor1.map(|a| a.name).as_deref(), Some("AA: Arakan Army"));
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn the_attackers_retelling_the_incident_is_the_same_event() {
    let evs = events(
        "Militants ambushed an army convoy near Jos on Monday, killing five soldiers, the army said. The attackers fired on two army trucks and hurled grenades at them.",
        "2021-06-15",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0].sub_event_type.as_str(), "armed_clash");
}

#[test]
fn the_village_of_x_names_a_new_place() {
    let evs = events(
        "A suicide bomber killed 18 people at a wedding in Jos on Saturday. On Thursday, bandits killed 12 villagers in an ambush near the village of Bakura.",
        "2021-06-15",
    );
    let places: Vec<&str> = evs
        .iter()
        .filter_map(|e| e.location.as_ref().map(|l| l.name.as_str()))
        .collect();
    assert_eq!(places, ["Jos", "Bakura"]);
}

#[test]
fn same_incident_twice_is_one_event() {
    let evs = events(
        "Rebels captured the town of Kafr Nabl on Sunday. The capture of Kafr Nabl came after two days of fighting, a rebel commander said.",
        "2017-10-16",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
}

#[test]
fn claim_offsets_are_characters() {
    let text = "Ré\u{AD}sumé — Shelling killed four civilians in Idlib on Monday.";
    let e = one(text, "2017-10-16");
    let c = &e.claims[0];
    let said: String = text.chars().skip(c.start).take(c.end - c.start).collect();
    assert!(said.contains("Shelling killed four civilians"), "{said:?}");
}

/// Other phrasings of the sub-event types, as other outlets and conflicts
/// word them (invented): (text, sub_event_type, actor1 or "", place).
const MORE_TYPES: &[(&str, &str, &str, &str)] = &[
    ("Regime forces shelled the village of Kafr Nabl on Wednesday, killing a woman and her two children, activists said.", "shelling_artillery_missile_attack", "Military Forces of Syria", "Kafr Nabl"),
    ("The army retook the town of Gao from jihadists on Monday, the defence ministry said.", "government_regains_territory", "Military Forces of Mali", "Gao"),
    ("The Taliban seized the city of Kandahar on Friday, a local official said.", "non_state_actor_overtakes_territory", "Taliban", "Kandahar"),
    ("M23 rebels clashed with the army near Minova on Wednesday, residents said.", "armed_clash", "M23: March 23 Movement", "Minova"),
    ("A Turkish drone struck a car near Kobani on Monday, killing two fighters.", "air_drone_strike", "Military Forces of Turkey", "Kobani"),
    ("A landmine exploded under a truck near Tessalit on Sunday, killing two soldiers.", "remote_explosive_landmine_ied", "", "Tessalit"),
    ("A suicide car bomb exploded outside a hotel in Mogadishu on Saturday, killing nine people.", "suicide_bomb", "", "Mogadishu"),
    ("Attackers threw a hand grenade at a police post in Mogadishu on Friday, injuring four officers.", "grenade", "", "Mogadishu"),
    ("Government helicopters dropped barrels filled with chlorine on Saraqib on Tuesday, doctors said.", "chemical_weapon", "Military Forces of Syria", "Saraqib"),
    ("Gunmen kidnapped a priest and two worshippers from a church near Jos on Sunday, police said.", "abduction_forced_disappearance", "Unidentified Armed Group (Nigeria)", "Jos"),
    ("RSF fighters raped several women in a village near Khartoum on Monday, a rights group said.", "sexual_violence", "RSF: Rapid Support Forces", "Khartoum"),
    ("Islamic State militants executed 12 civilians in Palmyra on Sunday, residents said.", "attack", "Islamic State", "Palmyra"),
    ("Islamic State militants blew up an ancient temple in Palmyra on Sunday, the antiquities director said.", "looting_property_destruction", "Islamic State", "Palmyra"),
    ("Police detained 12 journalists covering a rally in Harare on Monday.", "arrests", "Police Forces of Zimbabwe", "Harare"),
    ("Hundreds of students staged a sit-in outside parliament in Nairobi on Monday to demand lower fees.", "peaceful_protest", "Protesters (Kenya)", "Nairobi"),
    ("Riot police used water cannon to break up a demonstration by teachers in Harare on Friday.", "protest_with_intervention", "Protesters (Zimbabwe)", "Harare"),
    ("Troops shot dead five demonstrators in Khartoum on Thursday, medics said.", "excessive_force_against_protesters", "Military Forces of Sudan", "Khartoum"),
    ("Angry youths burned tyres and threw stones at police in Kasese on Tuesday.", "violent_demonstration", "Rioters (Uganda)", "Kasese"),
    ("The army seized a large cache of weapons and explosives near Kidal on Tuesday.", "disrupted_weapons_use", "Military Forces of Mali", "Kidal"),
];

#[test]
fn more_phrasings_of_each_type() {
    assert_typed(MORE_TYPES);
}

/// More sentences that report no incident (invented).
const MORE_TRAPS: &[&str] = &[
    "The army plans to launch an assault on Gao next month.",
    "Al Shabaab threatened to attack hotels in Mogadishu during the holidays.",
    "Officials fear that the militants will strike Kidal again.",
    "Unless the siege is lifted, thousands could die in Daraa.",
    "The government denied that any airstrikes took place in Idlib on Monday.",
    "Kidnappings for ransom are common on the roads around Jos.",
    "More than 300 civilians were killed in Borno in 2019, according to a UN report.",
    "Police were deployed across Nairobi ahead of the planned protest.",
    "Will the rebels attack Beni again?",
    // Words of violence in other senses: a team's name, a deal between
    // firms, a vow.
    "Chris Mbeki hit a late layup to lift the Nairobi Rockets to a 96-94 win on Sunday.",
    "Two airlines signed an agreement in Nairobi on Monday to share routes.",
    "The rebels vowed on Friday to fight the army in Kidal at any cost.",
    // Common crime and fires are no political violence.
    "Police arrested a man in Nairobi on Monday after a stolen car was found at his home.",
    "Firefighters were busy fighting two apartment fires in Nairobi overnight.",
];

#[test]
fn more_modality_traps_yield_nothing() {
    assert_no_events(MORE_TRAPS, "2021-06-15");
}

/// (text, best, low, high, children, women)
type Toll = (
    &'static str,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);
const MORE_NUMBERS: &[Toll] = &[
    (
        "Shelling killed 5-7 people in Idlib on Monday.",
        Some(5),
        Some(5),
        Some(7),
        None,
        None,
    ),
    (
        "Shelling killed 20 people in Idlib on Monday, including 8 children and 5 women.",
        Some(20),
        None,
        None,
        Some(8),
        Some(5),
    ),
    (
        "Shelling killed more than a dozen people in Idlib on Monday.",
        Some(12),
        None,
        None,
        None,
        None,
    ),
    (
        "Shelling killed three soldiers in Idlib on Monday and wounded 15 others.",
        Some(3),
        None,
        None,
        None,
        None,
    ),
    (
        "Shelling wounded 30 people in Idlib on Monday.",
        None,
        None,
        None,
        None,
        None,
    ),
];

#[test]
fn more_number_forms_and_injured_never_dead() {
    for (text, best, low, high, children, women) in MORE_NUMBERS {
        let e = one(text, "2017-10-16");
        let f = e.fatalities.unwrap_or_default();
        assert_eq!(
            (f.best, f.low, f.high, f.children, f.women),
            (*best, *low, *high, *children, *women),
            "{text}"
        );
    }
}

/// (text, published, actor1, actor2): generic mentions take the story's country.
const ACTORS: &[(&str, &str, &str)] = &[
    (
        "Government troops shelled Saraqib on Monday.",
        "Military Forces of Syria",
        "",
    ),
    (
        "The army shelled the village of Kafr Nabl on Monday.",
        "Military Forces of Syria",
        "",
    ),
    (
        "Soldiers opened fire on a car in Mandalay on Monday, killing two people.",
        "Military Forces of Myanmar",
        "",
    ),
    (
        "Gunmen killed five villagers in Bakura on Monday.",
        "Unidentified Armed Group (Nigeria)",
        "Civilians (Nigeria)",
    ),
    (
        "Unknown gunmen shot dead two traders in Beni on Monday.",
        "Unidentified Armed Group (Democratic Republic of Congo)",
        "Civilians (Democratic Republic of Congo)",
    ),
    (
        "Heavy fighting between the Sudanese army and the paramilitary Rapid Support Forces shook Khartoum on Monday.",
        "Military Forces of Sudan",
        "RSF: Rapid Support Forces",
    ),
];

#[test]
fn generic_actors_take_the_story_country() {
    for (text, a1, a2) in ACTORS {
        let e = one(text, "2021-06-15");
        assert_eq!(
            e.actor1.as_ref().map(|a| a.name.as_str()),
            Some(*a1),
            "{text}"
        );
        if !a2.is_empty() {
            assert_eq!(
                e.actor2.as_ref().map(|a| a.name.as_str()),
                Some(*a2),
                "{text}"
            );
        }
    }
}

#[test]
fn conflicting_tolls_are_disputed_with_a_range() {
    let e = one(
        "An airstrike hit a market in Saraqib on Monday, killing 12 people, the Syrian Observatory for Human Rights said. Rescuers said 15 people died in the strike.",
        "2017-10-16",
    );
    let f = e.fatalities.expect("fatalities");
    assert_eq!((f.best, f.low, f.high), (Some(12), Some(12), Some(15)));
    assert_eq!(e.modality, Modality::Disputed);
}

#[test]
fn disputed_attribution_keeps_every_candidate_in_the_claims() {
    let e = one(
        "A car bomb killed six people in the town of Tal Tamr on Monday. Kurdish officials blamed Islamic State, while the Syrian government blamed the Syrian Democratic Forces.",
        "2017-10-16",
    );
    assert!(e.actor1.is_none(), "{e:#?}");
    assert_eq!(e.modality, Modality::Disputed);
    let named: Vec<&str> = e
        .claims
        .iter()
        .filter_map(|c| c.actor1.as_deref())
        .collect();
    assert!(named.contains(&"Islamic State"), "{named:?}");
    assert!(named.contains(&"Syrian Democratic Forces"), "{named:?}");
}

#[test]
fn background_events_are_dropped() {
    let evs = events(
        "Rebels attacked an army post in Idlib on 3 January 2017.",
        "2017-10-16",
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn a_toll_that_rose_is_the_incidents_toll() {
    let e = one(
        "The death toll from Sunday's air strike on a market in Saraqib has risen to 14, rescuers said on Monday.",
        "2017-10-16",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(14));
    assert_eq!(
        e.date.map(|d| d.start.to_string()),
        Some("2017-10-15".into())
    );
}

#[test]
fn a_participle_blame_names_the_perpetrator() {
    let e = one(
        "Shelling hit a market in Kharkiv on Sunday, killing five people, the mayor said, blaming Russian forces for the attack.",
        "2021-06-15",
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Russia".into())
    );
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(e.claims.len(), 1, "{:#?}", e.claims);
}

#[test]
fn the_raid_with_its_own_toll_is_the_same_incident() {
    let e = one(
        "A warplane bombed a market in Idlib on Sunday. Twelve people died in the raid, doctors said.",
        "2017-10-16",
    );
    assert_eq!(e.sub_event_type.as_str(), "air_drone_strike");
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(12));
}

#[test]
fn the_nationality_of_a_strike_is_its_perpetrator() {
    let e = one(
        "Sunday's Russian air raid on Saraqib killed nine people.",
        "2017-10-16",
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Russia".into())
    );
}

#[test]
fn an_apposed_breakdown_does_not_add_to_the_total() {
    let e = one(
        "Seven people, three soldiers and four rebels, died in fighting near Tessalit on Saturday.",
        "2021-06-15",
    );
    let f = e.fatalities.expect("fatalities");
    assert_eq!((f.best, f.combatants), (Some(7), Some(7)));
}

#[test]
fn both_sides_of_one_battle_are_one_event() {
    let e = one(
        "Rebels stormed an army base near Tessalit on Tuesday. Troops repelled the assault, and an army spokesman said 12 attackers were killed.",
        "2021-06-15",
    );
    assert_eq!(e.event_type.as_str(), "battles");
    assert!(e.actor1.is_some(), "{e:#?}");
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(12));
}

#[test]
fn the_dead_are_not_the_perpetrators() {
    let e = one(
        "Rebels attacked the army base near Tessalit on Tuesday. Four soldiers died in the fighting, a military source said.",
        "2021-06-15",
    );
    assert_eq!(
        e.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Opposition Rebels (Mali)")
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(4));
}

#[test]
fn a_separate_incident_is_never_folded_into_the_one_before() {
    // The second place is unknown to the gazetteer: the mention has no place.
    let e = one(
        "Warplanes bombed a fuel depot near Qamishli on Friday, killing three guards, a monitor said. In a separate attack, a landmine tore through a truck near Wadi Zarqun on Thursday, killing five farmers, local officials said.",
        "2024-05-11",
    );
    assert_eq!(e.sub_event_type.as_str(), "air_drone_strike");
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(3));
    assert_eq!(
        e.date.map(|d| d.start.to_string()),
        Some("2024-05-10".into())
    );
    // Both placed: two events, even for one sub-type close together.
    let evs = events(
        "A car bomb exploded outside a bank in Saraqib on Friday, killing four people. Elsewhere, a car bomb exploded at a checkpoint in Saraqib on Friday, killing two soldiers.",
        "2024-05-11",
    );
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

#[test]
fn a_coalition_air_strike_on_a_province() {
    let e = one(
        "An air strike by the Saudi-led coalition hit a funeral tent in Marib province on Monday, killing at least 22 people including eight children, local health officials said.",
        "2021-03-10",
    );
    assert_eq!(e.sub_event_type.as_str(), "air_drone_strike");
    assert_eq!(e.actor1.map(|a| a.name), Some("Saudi-led Coalition".into()));
    let loc = e.location.expect("location");
    assert_eq!((loc.name.as_str(), loc.geo_precision), ("Marib", 3));
    let f = e.fatalities.expect("fatalities");
    assert_eq!((f.best, f.children), (Some(22), Some(8)));
}

#[test]
fn a_claim_of_the_attack_names_the_perpetrator() {
    for claim in [
        "Al-Shabaab claimed responsibility for the attack.",
        "Al-Shabaab claimed the bombing.",
    ] {
        for bombs in ["A truck bomb", "Two truck bombs"] {
            let e = one(
                &format!("{bombs} exploded outside a hotel in Mogadishu on Sunday, killing at least 30 people, police said. {claim}"),
                "2019-07-15",
            );
            assert_eq!(
                e.actor1.map(|a| a.name),
                Some("Al Shabaab".into()),
                "{bombs} {claim}"
            );
        }
    }
}

#[test]
fn the_force_that_kills_protesters_is_actor1() {
    let e = one(
        "Hundreds of protesters gathered in Khartoum on Monday to demand civilian rule. Security forces fired tear gas and live rounds, killing five demonstrators, medics said.",
        "2022-03-09",
    );
    assert_eq!(
        e.sub_event_type.as_str(),
        "excessive_force_against_protesters"
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Sudan".into())
    );
    assert_eq!(e.actor2.map(|a| a.name), Some("Protesters (Sudan)".into()));
}

#[test]
fn both_parties_to_an_agreement() {
    let e = one(
        "Sudan's army and the Rapid Support Forces signed a truce agreement in Jeddah on Tuesday, mediators said.",
        "2023-06-01",
    );
    assert_eq!(e.sub_event_type.as_str(), "agreement");
    let names = [e.actor1, e.actor2].map(|a| a.map(|a| a.name));
    assert_eq!(
        names,
        [
            Some("Military Forces of Sudan".into()),
            Some("RSF: Rapid Support Forces".into())
        ]
    );
}

#[test]
fn since_the_start_of_the_year_runs_from_january() {
    let e = one(
        "Bandits have killed at least 40 villagers around Bakura since the start of the year, police said.",
        "2021-03-15",
    );
    let d = e.date.expect("date");
    assert_eq!(
        (d.start.to_string(), d.end.to_string(), d.precision),
        (
            "2021-01-01".into(),
            "2021-03-15".into(),
            DatePrecision::Range
        )
    );
}

#[test]
fn a_toll_update_names_the_incident_by_its_day() {
    let e = one(
        "The death toll from Tuesday's bombing at a railway station in Saraqib climbed to 14, doctors said on Wednesday.",
        "2023-06-08",
    );
    assert_eq!(e.sub_event_type.as_str(), "remote_explosive_landmine_ied");
    assert_eq!(
        e.date.map(|d| d.start.to_string()),
        Some("2023-06-06".into())
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(14));
}

#[test]
fn two_sources_tolls_in_one_sentence_are_disputed_not_added() {
    for rival in ["the police put it at 11", "the police put the toll at 11"] {
        let e = one(
            &format!("The death toll from Tuesday's bombing at a railway station in Saraqib climbed to 14, doctors said on Wednesday, while {rival}."),
            "2023-06-08",
        );
        let f = e.fatalities.expect("fatalities");
        assert_eq!(
            (f.best, f.low, f.high),
            (Some(11), Some(11), Some(14)),
            "{rival}"
        );
        assert_eq!(e.modality, Modality::Disputed, "{rival}");
    }
}

#[test]
fn a_count_and_a_rival_toll_are_disputed_a_wider_toll_is_not() {
    // (text, best, low, high, disputed)
    let cases = [
        (
            "Activists said 104 people were killed in the strike on Douma on Sunday, while the health ministry gave a toll of 85.",
            85,
            Some(85),
            Some(104),
            true,
        ),
        (
            "Gunmen killed 12 soldiers and 3 civilians in Jos on Sunday, bringing the death toll to 15.",
            15,
            None,
            None,
            false,
        ),
        (
            "Gunmen killed 12 soldiers in Jos on Sunday, bringing the death toll this week to 40.",
            12,
            None,
            None,
            false,
        ),
    ];
    for (text, best, low, high, disputed) in cases {
        let e = one(text, "2017-06-20");
        let f = e.fatalities.expect("fatalities");
        assert_eq!(
            (f.best, f.low, f.high, e.modality == Modality::Disputed),
            (Some(best), low, high, disputed),
            "{text}"
        );
    }
}

#[test]
fn a_later_toll_grows_the_count_or_disputes_it() {
    // (text, best, low, high)
    let cases = [
        (
            "Gunmen attacked a market in Jos on Sunday, killing at least nine people, police said. A police spokesman later said the death toll had risen to 12.",
            12,
            None,
            None,
        ),
        (
            "An air strike hit a market in Douma on Sunday, killing 18 people, activists said. State media put the death toll at 16.",
            16,
            Some(16),
            Some(18),
        ),
    ];
    for (text, best, low, high) in cases {
        let f = one(text, "2017-06-20").fatalities.expect("fatalities");
        assert_eq!((f.best, f.low, f.high), (Some(best), low, high), "{text}");
    }
}

#[test]
fn what_a_participle_report_says_is_an_incident_dated_by_its_own_words() {
    let e = one(
        "The rebels' media office rejected the charge, saying a missile launched yesterday had hit an army base in Douma.",
        "2017-10-18",
    );
    assert_eq!(
        e.sub_event_type.as_str(),
        "shelling_artillery_missile_attack"
    );
    assert_eq!(e.location.map(|l| l.name), Some("Douma".into()));
    let date = e.date.expect("a date");
    assert_eq!(
        (date.start.to_string(), date.end.to_string()),
        ("2017-10-17".into(), "2017-10-17".into())
    );
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn the_force_that_fires_on_a_crowd_is_actor1_wherever_it_stands() {
    let e = one(
        "Police fired live rounds and tear gas, killing four demonstrators in Khartoum on Sunday, a medics' union said.",
        "2022-01-18",
    );
    assert_eq!(
        e.sub_event_type.as_str(),
        "excessive_force_against_protesters"
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Police Forces of Sudan".into())
    );
    assert_eq!(e.actor2.map(|a| a.name), Some("Protesters (Sudan)".into()));
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(4));
}

#[test]
fn a_battle_told_by_each_side_is_one_event_with_both_sides() {
    let e = one(
        "Jihadist fighters stormed an army post in Kidal on Friday. The soldiers fought back, killing nine assailants.",
        "2021-04-12",
    );
    assert_eq!(e.sub_event_type.as_str(), "armed_clash");
    assert_eq!(
        e.actor2.map(|a| a.name),
        Some("Military Forces of Mali".into())
    );
    assert!(e.actor1.is_some());
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(9));
}

#[test]
fn each_side_s_dead_in_one_battle_add_up() {
    for text in [
        "Jihadists attacked an army post in Kidal on Sunday, killing 11 soldiers. The army said 20 attackers were killed.",
        "Jihadists killed 11 soldiers in an attack on an army post in Kidal on Sunday, the ministry said, adding that about 20 attackers had been \"neutralised\".",
    ] {
        let e = one(text, "2024-03-04");
        let f = e.fatalities.expect("fatalities");
        assert_eq!((f.best, f.combatants), (Some(31), Some(31)), "{text}");
        assert_ne!(e.modality, Modality::Disputed, "{text}");
    }
    // Two figures for the same side are never added.
    let e = one(
        "Militants attacked a checkpoint in Kidal on Sunday, killing 11 soldiers, the army said. Local sources said 14 soldiers died.",
        "2024-03-04",
    );
    assert_ne!(e.fatalities.and_then(|f| f.best), Some(25));
}

#[test]
fn those_who_came_under_attack_are_its_target() {
    for text in [
        "Soldiers came under attack near Kidal on Monday.",
        "Soldiers came under heavy fire near Kidal on Monday.",
    ] {
        let e = one(text, "2018-04-02");
        assert_eq!(e.actor1, None, "{text}");
        assert_eq!(
            e.actor2.map(|a| a.name),
            Some("Military Forces of Mali".into()),
            "{text}"
        );
    }
}

#[test]
fn two_speakers_joined_by_and_are_one_claimant_not_a_target() {
    let e = one(
        "Gunmen stormed a village near Bakura on Sunday, killing 14 people and abducting dozens more, police and residents said.",
        "2024-06-10",
    );
    // Killed and abducted in one raid: the dead make it an attack.
    assert_eq!(e.sub_event_type.as_str(), "attack");
    assert_eq!(e.actor2.map(|a| a.name), Some("Civilians (Nigeria)".into()));
    assert_eq!(e.claims[0].claimant, "Police and residents");
}

#[test]
fn the_nationality_of_the_fire_that_killed_is_its_perpetrator() {
    let e = one(
        "Two Palestinians were killed by Israeli fire near Khan Younis on Friday, medics said.",
        "2024-07-27",
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Israel".into())
    );
}

#[test]
fn protests_in_two_towns_are_two_events_and_a_later_comment_does_not_retype_them() {
    let evs = events(
        "Thousands of people marched peacefully in Mombasa and Kisumu on Tuesday against the tax bill. \
         The interior minister said the protests had been infiltrated by criminals and promised a crackdown.",
        "2024-06-26",
    );
    let got: Vec<(&str, &str)> = evs
        .iter()
        .map(|e| {
            (
                e.sub_event_type.as_str(),
                e.location.as_ref().map_or("", |l| l.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("peaceful_protest", "Mombasa"),
            ("peaceful_protest", "Kisumu")
        ]
    );
}

#[test]
fn an_incident_months_before_is_background_and_lends_no_toll() {
    let e = one(
        "A suicide bomber struck a police checkpoint in Mogadishu on Saturday, killing nine people. \
         The attack came five months after twin car bombs at a ministry killed more than 100 people.",
        "2023-03-12",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(9));
}

#[test]
fn no_one_killed_is_zero_and_a_quoted_count_counts() {
    let e = one(
        "Militants threw a grenade into a market in Srinagar on Sunday, wounding 12 civilians. No one was killed.",
        "2024-11-04",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(0));
    let e = one(
        "Rebels attacked an army post near Douentza on Sunday, killing 'dozens' of soldiers.",
        "2023-10-03",
    );
    assert_eq!(
        e.fatalities.map(|f| (f.best, f.vague)),
        Some((Some(12), true))
    );
}

#[test]
fn rebels_described_are_the_group_that_claims_the_attack() {
    let e = one(
        "Rebels attacked an army post near Douentza on Sunday. The group JNIM claimed the attack.",
        "2023-10-03",
    );
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("JNIM: Group for Support of Islam and Muslims".into())
    );
}

#[test]
fn a_crowd_that_beats_people_to_death_is_mob_violence_with_its_toll() {
    let e = one(
        "A crowd beat two suspected thieves to death in Port-au-Prince on Monday.",
        "2025-01-21",
    );
    assert_eq!(e.sub_event_type.as_str(), "mob_violence");
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(2));
}

#[test]
fn days_after_dates_the_earlier_incident_back_from_the_later() {
    let evs = events(
        "Mozambican and Rwandan troops regained control of the town of Macomia in Cabo Delgado \
         province on Sunday, two days after Islamic State-linked insurgents overran it.",
        "2024-05-14",
    );
    let got: Vec<(&str, String, String)> = evs
        .iter()
        .map(|e| {
            (
                e.sub_event_type.as_str(),
                e.actor1.as_ref().map_or(String::new(), |a| a.name.clone()),
                e.date.map_or(String::new(), |d| d.start.to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "government_regains_territory",
                "Military Forces of Mozambique".to_string(),
                "2024-05-12".to_string()
            ),
            (
                "non_state_actor_overtakes_territory",
                "Islamic State (Mozambique)".to_string(),
                "2024-05-10".to_string()
            ),
        ]
    );
}

#[test]
fn a_government_school_is_no_government_target() {
    let e = one(
        "Gunmen abducted more than 200 pupils from a government school in Bakura on Thursday.",
        "2024-03-09",
    );
    assert_eq!(e.actor2.map(|a| a.name), Some("Civilians (Nigeria)".into()));
}

#[test]
fn another_source_s_higher_toll_is_disputed_a_risen_one_replaces() {
    let e = one(
        "Gang members attacked the town of Verrettes on Thursday, killing at least 24 people, \
         the UN said. A local official put the death toll at 41.",
        "2024-10-05",
    );
    let f = e.fatalities.expect("fatalities");
    assert_eq!((f.best, f.low, f.high), (Some(24), Some(24), Some(41)));
    let e = one(
        "Gang members attacked the town of Verrettes on Thursday, killing at least 24 people, \
         the UN said. The death toll later rose to 41.",
        "2024-10-05",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(41));
}

#[test]
fn the_weapon_an_attack_is_made_with_types_it() {
    let e = one(
        "Rebels attacked a police station in Jamundi, south of the city, with explosive-laden \
         drones early Wednesday, wounding three officers.",
        "2026-02-12",
    );
    assert_eq!(e.sub_event_type.as_str(), "air_drone_strike");
    assert_eq!(
        e.date.map(|d| d.start.to_string()),
        Some("2026-02-11".into())
    );
}

#[test]
fn a_ministry_that_says_its_forces_took_a_town_names_its_state() {
    let e = one(
        "Russia's defence ministry said on Saturday that its forces had captured the town of Ukrainsk.",
        "2024-09-22",
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Russia".into())
    );
}

#[test]
fn the_nationality_of_the_weapon_that_struck_is_its_perpetrator() {
    let e = one(
        "A Russian ballistic missile struck a residential area of Kharkiv on Friday evening, killing 14 people.",
        "2025-04-06",
    );
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Military Forces of Russia".into())
    );
}

#[test]
fn a_force_that_fires_on_a_sit_in_uses_excessive_force() {
    let e = one(
        "Paramilitary troops opened fire on a peaceful sit-in on the outskirts of Jos on Sunday, killing one protester.",
        "2024-07-29",
    );
    assert_eq!(
        e.sub_event_type.as_str(),
        "excessive_force_against_protesters"
    );
}

#[test]
fn a_route_between_two_towns_is_no_list_and_no_place_of_its_own() {
    let e = one(
        "Militants blew up a bridge on the road between Kaya and Dori near the town of Pissila on Friday.",
        "2026-08-10",
    );
    assert_eq!(e.sub_event_type.as_str(), "looting_property_destruction");
    assert_eq!(e.location.map(|l| l.name), Some("Pissila".into()));
}

#[test]
fn tear_gas_to_disperse_a_gathering_and_a_coup() {
    assert_typed(&[
        ("Security forces fired tear gas on Monday to disperse hundreds of graduates who had gathered outside a government building in Jos.", "protest_with_intervention", "", "Jos"),
        ("Soldiers detained the president at his residence in Harare on Wednesday and seized power.", "other", "Military Forces of Zimbabwe", "Harare"),
    ]);
}

#[test]
fn the_dead_are_counted_through_an_age_and_a_relative_clause() {
    let deaths = |text: &str| one(text, "2024-03-09").fatalities.and_then(|f| f.best);
    assert_eq!(
        deaths("A mob beat a 35-year-old man to death in Jos on Friday on suspicion of theft, police said."),
        Some(1)
    );
    assert_eq!(
        deaths("Gunmen abducted more than 200 pupils from a school in Kajuru on Thursday, officials said. A resident who tried to stop the attackers was shot dead, according to a community leader."),
        Some(1)
    );
}

#[test]
fn a_protester_counted_among_the_dead_is_no_new_protest() {
    let e = one(
        "Protesters hurled stones at police in Matola on Thursday, police said. Officers fired tear gas, and a hospital said one protester died of gunshot wounds.",
        "2024-11-08",
    );
    assert_eq!(e.sub_event_type.as_str(), "violent_demonstration");
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(1));
}

#[test]
fn the_bombers_own_death_adds_to_the_toll() {
    let e = one(
        "A suicide bomber rammed a car packed with explosives into a police checkpoint in Mogadishu on Saturday, killing at least nine people, a police spokesman said. The bomber also died in the blast.",
        "2023-03-12",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(10));
}

#[test]
fn a_later_source_with_another_toll_disputes_it_in_its_own_claim() {
    let e = one(
        "A suicide bomber struck a political rally in Peshawar on Sunday, killing at least 44 people, district officials said. Doctors at the district hospital said they had received 63 bodies.",
        "2023-07-31",
    );
    let f = e.fatalities.expect("a toll");
    assert_eq!((f.best, f.low, f.high), (Some(44), Some(44), Some(63)));
    assert_eq!(e.modality, Modality::Disputed);
    let doctors = e
        .claims
        .iter()
        .find(|c| c.text.as_deref().is_some_and(|t| t.starts_with("Doctors")))
        .expect("the doctors' claim quotes their sentence");
    assert_eq!(doctors.fatalities, Some(63));
    // A part of the dead by kind is no rival toll.
    let e = one(
        "Shelling on a camp in Jos killed 11 people on Saturday, a camp official said. Between five and seven of the dead were children, a local health worker said.",
        "2024-02-06",
    );
    let f = e.fatalities.expect("a toll");
    assert_eq!((f.best, f.children, f.high), (Some(11), Some(5), None));
}

#[test]
fn fighting_between_a_group_named_with_its_acronym_and_another() {
    let e = one(
        "Fighting between National Liberation Army (ELN) guerrillas and dissidents of the former FARC near Jamundi killed at least 18 people over the weekend, the ombudsman's office said.",
        "2025-01-21",
    );
    assert_eq!(e.sub_event_type.as_str(), "armed_clash");
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("ELN: National Liberation Army".into())
    );
    assert_eq!(e.actor2.map(|a| a.name), Some("FARC Dissidents".into()));
}

#[test]
fn two_coordinated_subjects_that_clash_are_the_two_sides() {
    let e = one(
        "Fighters of the Stability Support Apparatus and the 52nd Infantry Brigade clashed in Zawiya on Thursday, killing five people, a local hospital said.",
        "2024-10-12",
    );
    assert_eq!(e.sub_event_type.as_str(), "armed_clash");
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("Stability Support Apparatus".into())
    );
    assert_eq!(
        e.actor2.map(|a| a.name),
        Some("52nd Infantry Brigade".into())
    );
}

#[test]
fn weapons_seized_are_no_attack() {
    assert_typed(&[
        ("Mexican soldiers seized more than 100 rifles, several grenade launchers and about 50,000 rounds of ammunition from a safe house in Culiacan on Wednesday, the defence ministry said.", "disrupted_weapons_use", "Military Forces of Mexico", "Culiacan"),
        ("Gunmen hurled a grenade at a bar in Culiacan on Wednesday, killing two people.", "grenade", "", "Culiacan"),
    ]);
}

#[test]
fn the_perpetrators_own_telling_joins_the_incident() {
    let e = one(
        "Rapid Support Forces fighters stormed a village near Khartoum on Wednesday, killing more than 100 people, according to a local resistance committee. The RSF said in a statement that it had attacked army and militia positions in the area and denied targeting civilians.",
        "2024-06-07",
    );
    assert_eq!(e.sub_event_type.as_str(), "attack");
    assert_eq!(
        e.actor1.map(|a| a.name),
        Some("RSF: Rapid Support Forces".into())
    );
    assert_eq!(e.claims.len(), 2);
    // It denies what others say it did, not that it acted.
    assert_eq!(e.modality, Modality::Disputed);
    assert_eq!(e.actor2.map(|a| a.name), Some("Civilians (Sudan)".into()));
}

#[test]
fn a_pattern_told_in_the_present_perfect_is_no_incident() {
    assert!(events(
        "The militia has repeatedly attacked army posts around Jilib over the past decade, a researcher said.",
        "2024-03-05",
    )
    .is_empty());
    let e = one(
        "Gunmen killed four traders near Jilib on Monday, residents said. The militia has repeatedly targeted the town's market in recent years.",
        "2024-03-05",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(4));
}

#[test]
fn a_crowd_that_disperses_by_itself_met_no_intervention() {
    assert_typed(&[
        ("Thousands of teachers marched through Nairobi on Monday over unpaid salaries before dispersing in the evening.", "peaceful_protest", "Protesters (Kenya)", "Nairobi"),
        ("Hundreds of students rallied in Khartoum on Sunday and later dispersed peacefully.", "peaceful_protest", "Protesters (Sudan)", "Khartoum"),
        ("Hundreds of students rallied in Khartoum on Sunday before police dispersed them.", "protest_with_intervention", "Protesters (Sudan)", "Khartoum"),
    ]);
}

#[test]
fn arrests_made_in_raids_are_arrests() {
    let e = one(
        "Police arrested 15 suspected militants in a series of raids in Mogadishu on Sunday, a police spokesman said.",
        "2024-09-16",
    );
    assert_eq!(e.sub_event_type.as_str(), "arrests");
}

#[test]
fn the_two_victims_named_by_role_are_counted() {
    let e = one(
        "A roadside bomb hit a minibus near Peshawar on Friday, killing the driver and his son, police said.",
        "2024-05-12",
    );
    assert_eq!(e.fatalities.and_then(|f| f.best), Some(2));
}

#[test]
fn a_national_red_crescent_society_is_not_the_icrc() {
    let e = one(
        "Shelling killed three civilians in Kharkiv on Tuesday, the Ukrainian Red Cross said.",
        "2024-05-15",
    );
    let claimants: Vec<&str> = e.claims.iter().map(|c| c.claimant.as_str()).collect();
    assert!(
        claimants.contains(&"Ukrainian Red Cross Society"),
        "{claimants:?}"
    );
}

#[test]
fn the_rural_area_of_a_town_is_that_town() {
    let e = one(
        "Soldiers clashed with Mai-Mai fighters in the rural area of Beni on Wednesday, leaving five fighters dead, the army said.",
        "2024-07-05",
    );
    assert_eq!(e.sub_event_type.as_str(), "armed_clash");
    assert!(e.location.is_some_and(|l| l.name == "Beni"));
}

#[test]
fn arson_of_a_police_station_is_property_destruction() {
    assert_typed(&[
        (
            "Gang members set fire to a police station in Port-au-Prince on Monday, police said.",
            "looting_property_destruction",
            "",
            "Port-au-Prince",
        ),
        (
            "Militiamen burnt a clinic and a school in the town of Kumbo on Saturday.",
            "looting_property_destruction",
            "",
            "Kumbo",
        ),
    ]);
}
