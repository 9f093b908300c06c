//! The ideal extraction of the invented corpus (`tests/corpus`): one
//! mention per report, written by hand from the report's text, and the
//! incident labels.

use std::collections::BTreeMap;

use dateline_fuse::Mention;
use dateline_model::{DatePrecision, Modality, SubEventType::*};

use super::*;

const RUSSIA: &str = "Military Forces of Russia";
const ISWAP: &str = "Islamic State West Africa Province";
const NIGERIA: &str = "Military Forces of Nigeria";
const SHABAAB: &str = "Al Shabaab";
const UKRAINE: &str = "Military Forces of Ukraine";
const JNIM: &str = "Jama'at Nusrat al-Islam wal-Muslimin";
const DNA: &str = "Dan Na Ambassagou";
const IS: &str = "Islamic State";
const IRAQ: &str = "Military Forces of Iraq";
const HOUTHI: &str = "Ansar Allah";

/// Report id → incident, from `tests/corpus/labels.tsv`.
pub fn labels() -> BTreeMap<String, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/labels.tsv");
    let text = std::fs::read_to_string(path).expect("tests/corpus/labels.tsv is readable");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (report, incident) = l.split_once('\t').expect("labels are report<TAB>incident");
            (report.to_string(), incident.trim().to_string())
        })
        .collect()
}

/// One report of `tests/corpus/reports.jsonl`, as far as the tests need it.
pub struct Report {
    pub id: String,
    pub outlet: String,
    pub title: String,
}

/// The corpus reports in file order.
pub fn reports() -> Vec<Report> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/reports.jsonl");
    let text = std::fs::read_to_string(path).expect("tests/corpus/reports.jsonl is readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus lines are JSON");
            let field = |k: &str| {
                v[k].as_str()
                    .expect("corpus lines have id, outlet, title")
                    .to_string()
            };
            Report {
                id: field("id"),
                outlet: field("outlet"),
                title: field("title"),
            }
        })
        .collect()
}

/// The report a mention key (`<report id>:<ordinal>`) belongs to.
pub fn report_of(key: &str) -> String {
    key.split(':').next().unwrap_or(key).to_string()
}

/// The corpus as `dateline ingest` reads it: ingest, clean, geoparse,
/// extract. Mentions are keyed `<report id>:<ordinal>`, matched to their
/// report by title (each report has its own); also returns how many
/// reports gave no event.
pub fn extracted(pipeline: &dateline_pipeline::Pipeline) -> (Vec<Mention>, usize) {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/reports.jsonl"
    ));
    let reports = reports();
    let by_title: BTreeMap<&str, &Report> = reports.iter().map(|r| (r.title.as_str(), r)).collect();
    let mut mentions = Vec::new();
    let mut silent = 0;
    for doc in dateline_ingest::read_paths(&[path], &dateline_ingest::ReadOptions::default()) {
        let doc = doc.expect("the corpus file reads");
        let report = doc
            .meta
            .title
            .as_deref()
            .and_then(|t| by_title.get(t))
            .unwrap_or_else(|| panic!("part {} is not a corpus report", doc.part));
        let events: Vec<dateline_model::Event> = pipeline
            .process(&doc, false)
            .into_iter()
            .flat_map(|p| p.events)
            .collect();
        silent += usize::from(events.is_empty());
        for (ordinal, event) in events.into_iter().enumerate() {
            mentions.push(Mention {
                key: format!("{}:{ordinal}", report.id),
                event,
                outlet: Some(report.outlet.clone()),
            });
        }
    }
    (mentions, silent)
}

/// One hand-built mention per corpus report, keyed `<report id>:0`.
pub fn mentions() -> Vec<Mention> {
    use Modality::*;
    vec![
        // I1: air strike on the Sarmin market, 2024-03-10.
        m("I1a", "Levant Wire", "2024-03-10")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-10")
            .by(RUSSIA)
            .against("Civilians (Syria)")
            .dead(9)
            .civilians(9)
            .claim("Syria Civil Defence", Some(9), None),
        m("I1b", "North Syria Monitor", "2024-03-11")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-10")
            .by(RUSSIA)
            .dead(11)
            .claim(
                "Syrian Observatory for Human Rights",
                Some(11),
                Some(RUSSIA),
            )
            .modality(Claimed),
        m("I1c", "Levant Wire", "2024-03-11")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-10")
            .by(RUSSIA)
            .dead(14)
            .claim("Syria Civil Defence", Some(14), None),
        m("I1d", "Idlib Today", "2024-03-12")
            .sub(AirDroneStrike)
            .at(IDLIB, 1)
            .on("2024-03-10")
            .dead(12)
            .claim("local doctors", Some(12), None),
        m("I1e", "Gulf Daily", "2024-03-14")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-10")
            .by(RUSSIA)
            .dead(12)
            .claim("Opposition activists", None, Some(RUSSIA))
            .modality(Claimed),
        // X1: the bakery in Sarmin, the next day.
        m("X1a", "North Syria Monitor", "2024-03-11")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-11")
            .by(RUSSIA)
            .dead(3)
            .claim("Syrian Observatory for Human Rights", Some(3), None),
        m("X1b", "Levant Wire", "2024-03-12")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on("2024-03-11")
            .dead(3)
            .claim("rescuers", Some(3), None),
        // I2: ISWAP attack on the Monguno base, 2023-09-05.
        m("I2a", "Sahel Dispatch", "2023-09-06")
            .at(MONGUNO, 1)
            .on("2023-09-05")
            .by(ISWAP)
            .against(NIGERIA)
            .dead(9)
            .claim("security sources", Some(9), None),
        m("I2b", "Lake Chad Times", "2023-09-05")
            .at(MONGUNO, 1)
            .on("2023-09-05")
            .by(ISWAP)
            .against(NIGERIA)
            .dead(12)
            .claim("army spokesman", Some(12), None),
        m("I2c", "Abuja Ledger", "2023-09-07")
            .at(MONGUNO, 1)
            .on("2023-09-05")
            .against(NIGERIA)
            .dozens()
            .claim("Nigerian army", Some(12), None),
        m("I2d", "Sahel Dispatch", "2023-09-08")
            .at(MONGUNO, 1)
            .on("2023-09-05")
            .by(ISWAP)
            .against(NIGERIA)
            .dead(15)
            .claim("military sources", Some(15), None),
        // X2: the same actors, one week later.
        m("X2a", "Lake Chad Times", "2023-09-12")
            .at(MONGUNO, 1)
            .on("2023-09-12")
            .by(ISWAP)
            .against(NIGERIA)
            .dead(4)
            .claim("military source", Some(4), None),
        m("X2b", "Abuja Ledger", "2023-09-13")
            .at(MONGUNO, 1)
            .on("2023-09-12")
            .by(ISWAP)
            .against(NIGERIA)
            .dead(4)
            .claim("security sources", Some(4), None),
        // I3: roadside bomb near Afgooye, 2023-11-02.
        m("I3a", "Horn Observer", "2023-11-02")
            .sub(RemoteExplosiveLandmineIed)
            .at(AFGOOYE, 2)
            .on("2023-11-02")
            .against("Civilians (Somalia)")
            .dead(7)
            .claim("police", Some(7), None),
        m("I3b", "Shabelle Voice", "2023-11-03")
            .sub(RemoteExplosiveLandmineIed)
            .at(AFGOOYE, 1)
            .on("2023-11-02")
            .by(SHABAAB)
            .against("Civilians (Somalia)")
            .dead(7)
            .claim("Police", None, Some(SHABAAB))
            .modality(Claimed),
        m("I3c", "Horn Observer", "2023-11-04")
            .sub(RemoteExplosiveLandmineIed)
            .at(AFGOOYE, 2)
            .on("2023-11-02")
            .dead(10)
            .claim("local official", Some(10), None),
        m("I3d", "East Africa Report", "2023-11-06")
            .sub(RemoteExplosiveLandmineIed)
            .at(AFGOOYE, 2)
            .on("2023-11-02")
            .by(SHABAAB)
            .dead(8)
            .claim("regional official", Some(8), Some(SHABAAB)),
        // I4: shelling of Makiivka, 2024-01-21.
        m("I4a", "Steppe News", "2024-01-21")
            .sub(ShellingArtilleryMissileAttack)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .by(UKRAINE)
            .dead(5)
            .claim("Russian-installed mayor", Some(5), Some(UKRAINE))
            .modality(Claimed),
        m("I4b", "Eastern Front Daily", "2024-01-22")
            .sub(ShellingArtilleryMissileAttack)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .against("Civilians (Ukraine)")
            .dead(6)
            .claim("Russian-installed authorities", Some(6), None),
        m("I4c", "Steppe News", "2024-01-23")
            .sub(ShellingArtilleryMissileAttack)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .by(UKRAINE)
            .dead(7)
            .claim("officials", Some(7), Some(UKRAINE))
            .modality(Claimed),
        m("I4d", "Continental Post", "2024-01-22")
            .sub(ShellingArtilleryMissileAttack)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .dead(6)
            .claim("officials installed by Moscow", Some(6), Some(UKRAINE))
            .claim("Ukraine's military", None, Some(RUSSIA))
            .modality(Disputed),
        // X4: a drone strike on Makiivka the same day.
        m("X4a", "Eastern Front Daily", "2024-01-21")
            .sub(AirDroneStrike)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .by(UKRAINE)
            .dead(0)
            .claim("Russian-installed authorities", Some(0), None),
        m("X4b", "Continental Post", "2024-01-22")
            .sub(AirDroneStrike)
            .at(MAKIIVKA, 1)
            .on("2024-01-21")
            .by(UKRAINE)
            .dead(0)
            .claim("Russian-installed officials", Some(0), Some(UKRAINE)),
        // I5: JNIM kills civilians in Bankass, 2023-06-17.
        m("I5a", "Sahel Dispatch", "2023-06-18")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .by(JNIM)
            .against("Civilians (Mali)")
            .dead(20)
            .claim("local officials", Some(20), None),
        m("I5b", "Mali Chronicle", "2023-06-19")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .by(JNIM)
            .against("Civilians (Mali)")
            .dead(24)
            .claim("local youth association", Some(24), None),
        m("I5c", "Bamako Evening", "2023-06-20")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .dead(31)
            .claim("government", Some(31), None),
        m("I5d", "Sahel Dispatch", "2023-06-21")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .by(JNIM)
            .against("Civilians (Mali)")
            .dead(20)
            .claim("JNIM", Some(20), Some(JNIM)),
        // X5: a different armed group kills herders in Bankass the same day.
        m("X5a", "Mali Chronicle", "2023-06-18")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .by(DNA)
            .against("Civilians (Mali)")
            .dead(6)
            .claim("herders' association", Some(6), None),
        m("X5b", "Bamako Evening", "2023-06-19")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .by(DNA)
            .against("Civilians (Mali)")
            .dead(6)
            .claim("Tabital Pulaaku", Some(6), None),
        // I6: the Iraqi army and Islamic State fight in Tarmiyah, 2023-10-14.
        m("I6a", "Tigris Herald", "2023-10-14")
            .at(TARMIYAH, 1)
            .on("2023-10-14")
            .by(IS)
            .against(IRAQ)
            .dead(3)
            .claim("security officials", Some(3), None),
        m("I6b", "Baghdad Briefing", "2023-10-15")
            .sub(GovernmentRegainsTerritory)
            .at(TARMIYAH, 1)
            .on("2023-10-14")
            .by(IRAQ)
            .against(IS)
            .dead(4)
            .claim("Joint Operations Command", Some(4), None),
        m("I6c", "Continental Post", "2023-10-16")
            .at(TARMIYAH, 1)
            .on("2023-10-14")
            .by(IRAQ)
            .against(IS)
            .dead(7),
        // I7: Houthi missile on a displacement camp in Marib, 2024-02-06.
        m("I7a", "Arabia Monitor", "2024-02-06")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 1)
            .on("2024-02-06")
            .by(HOUTHI)
            .against("Civilians (Yemen)")
            .dead(4)
            .claim("government", Some(4), Some(HOUTHI))
            .modality(Claimed),
        m("I7b", "Gulf Daily", "2024-02-07")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 1)
            .on("2024-02-06")
            .by(HOUTHI)
            .dead(5)
            .claim("Yemen's government", Some(5), Some(HOUTHI))
            .modality(Claimed),
        m("I7c", "Arabia Monitor", "2024-02-08")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 1)
            .on("2024-02-06")
            .by(HOUTHI)
            .dead(7)
            .claim("medics", Some(7), None),
        m("I7d", "Sanaa Review", "2024-02-07")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB_PROVINCE, 3)
            .on("2024-02-06")
            .by(HOUTHI)
            .claim("Houthi-run media", None, Some(HOUTHI)),
        m("I7e", "Continental Post", "2024-02-09")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 2)
            .on("2024-02-06")
            .by(HOUTHI)
            .dead(5)
            .claim("aid workers", Some(5), Some(HOUTHI))
            .modality(Claimed),
        // X7: aggregate counts since January 1.
        m("X7a", "Arabia Monitor", "2024-02-10")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 1)
            .between("2024-01-01", "2024-02-10", DatePrecision::Range)
            .by(HOUTHI)
            .against("Civilians (Yemen)")
            .dead(32)
            .claim("human rights office", Some(32), None),
        m("X7b", "Gulf Daily", "2024-02-12")
            .sub(ShellingArtilleryMissileAttack)
            .at(MARIB, 1)
            .between("2024-01-01", "2024-02-12", DatePrecision::Range)
            .by(HOUTHI)
            .against("Civilians (Yemen)")
            .dead(33)
            .claim("human rights office", Some(33), None),
    ]
    .into_iter()
    .map(M::build)
    .collect()
}
