//! The flat event record: ACLED's columns, in ACLED's order, where Dateline
//! has an equivalent (blank where it has none, so ACLED tooling finds every
//! column it expects), then Dateline's own.

use std::collections::BTreeSet;

use dateline_model::{Actor, DatePrecision, EventType, Modality, SubEventType};

use crate::StoredEvent;

/// A column's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Float,
}

/// One cell; `None` is blank (CSV), null (GeoJSON, Parquet).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
}

impl Cell {
    /// The cell as CSV text.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Float(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

/// Every column, in order: ACLED's (2023 layout) first, then Dateline's.
pub const COLUMNS: &[(&str, Kind)] = &[
    ("event_id_cnty", Kind::Text),
    ("event_date", Kind::Text),
    ("year", Kind::Int),
    ("time_precision", Kind::Int),
    ("disorder_type", Kind::Text),
    ("event_type", Kind::Text),
    ("sub_event_type", Kind::Text),
    ("actor1", Kind::Text),
    ("assoc_actor_1", Kind::Text),
    ("inter1", Kind::Int),
    ("actor2", Kind::Text),
    ("assoc_actor_2", Kind::Text),
    ("inter2", Kind::Int),
    ("interaction", Kind::Int),
    ("civilian_targeting", Kind::Text),
    ("iso", Kind::Int),
    ("region", Kind::Text),
    ("country", Kind::Text),
    ("admin1", Kind::Text),
    ("admin2", Kind::Text),
    ("admin3", Kind::Text),
    ("location", Kind::Text),
    ("latitude", Kind::Float),
    ("longitude", Kind::Float),
    ("geo_precision", Kind::Int),
    ("source", Kind::Text),
    ("source_scale", Kind::Text),
    ("notes", Kind::Text),
    ("fatalities", Kind::Int),
    ("tags", Kind::Text),
    ("timestamp", Kind::Int),
    // Dateline's own.
    ("date_start", Kind::Text),
    ("date_end", Kind::Text),
    ("date_precision", Kind::Text),
    ("fatalities_best", Kind::Int),
    ("fatalities_low", Kind::Int),
    ("fatalities_high", Kind::Int),
    ("fatalities_civilians", Kind::Int),
    ("modality", Kind::Text),
    ("claims_count", Kind::Int),
    ("sources_count", Kind::Int),
    ("event_type_code", Kind::Text),
    ("sub_event_type_code", Kind::Text),
    ("geonames_id", Kind::Int),
    ("urls", Kind::Text),
];

/// ACLED's label of an event type.
fn type_label(t: EventType) -> &'static str {
    match t {
        EventType::Battles => "Battles",
        EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
        EventType::ViolenceAgainstCivilians => "Violence against civilians",
        EventType::Protests => "Protests",
        EventType::Riots => "Riots",
        EventType::StrategicDevelopments => "Strategic developments",
    }
}

/// ACLED's label of a sub-event type.
fn sub_label(s: SubEventType) -> &'static str {
    use SubEventType::*;
    match s {
        ArmedClash => "Armed clash",
        GovernmentRegainsTerritory => "Government regains territory",
        NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
        ChemicalWeapon => "Chemical weapon",
        AirDroneStrike => "Air/drone strike",
        SuicideBomb => "Suicide bomb",
        ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
        RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
        Grenade => "Grenade",
        SexualViolence => "Sexual violence",
        Attack => "Attack",
        AbductionForcedDisappearance => "Abduction/forced disappearance",
        PeacefulProtest => "Peaceful protest",
        ProtestWithIntervention => "Protest with intervention",
        ExcessiveForceAgainstProtesters => "Excessive force against protesters",
        ViolentDemonstration => "Violent demonstration",
        MobViolence => "Mob violence",
        Agreement => "Agreement",
        Arrests => "Arrests",
        ChangeToGroupActivity => "Change to group/activity",
        DisruptedWeaponsUse => "Disrupted weapons use",
        HeadquartersOrBaseEstablished => "Headquarters or base established",
        LootingPropertyDestruction => "Looting/property destruction",
        NonViolentTransferOfTerritory => "Non-violent transfer of territory",
        Other => "Other",
    }
}

/// ACLED's disorder type of a sub-event type.
fn disorder(s: SubEventType) -> &'static str {
    match s.event_type() {
        EventType::Protests => "Demonstrations",
        EventType::Riots if s == SubEventType::ViolentDemonstration => "Demonstrations",
        EventType::StrategicDevelopments => "Strategic developments",
        _ => "Political violence",
    }
}

/// ACLED's actor type code (inter1/inter2) of an actor kind.
fn inter(actor: Option<&Actor>) -> Option<i64> {
    Some(match actor?.kind.as_deref()? {
        "state_forces" => 1,
        "rebel_group" => 2,
        "political_militia" => 3,
        "identity_militia" => 4,
        "rioters" => 5,
        "protesters" => 6,
        "civilians" => 7,
        "external_forces" | "external_other_forces" => 8,
        _ => return None,
    })
}

/// ACLED's interaction code: both actor types, lower first; a lone actor
/// type followed by 0.
fn interaction(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(x), None) | (None, Some(x)) => Some(x * 10),
        (None, None) => None,
    }
}

fn time_precision(p: DatePrecision) -> i64 {
    match p {
        DatePrecision::Day => 1,
        DatePrecision::Week => 2,
        DatePrecision::Month | DatePrecision::Range => 3,
    }
}

fn text(s: Option<&str>) -> Cell {
    Cell::Text(s.map(str::to_owned))
}

fn int(v: Option<u32>) -> Cell {
    Cell::Int(v.map(i64::from))
}

/// The flat record of an event, one cell per [`COLUMNS`] entry.
pub fn record(e: &StoredEvent) -> Vec<Cell> {
    let ev = &e.event;
    let loc = ev.location.as_ref();
    let date = ev.date;
    let fat = ev.fatalities.as_ref();
    let (i1, i2) = (inter(ev.actor1.as_ref()), inter(ev.actor2.as_ref()));
    let civilians_targeted = ev.event_type == EventType::ViolenceAgainstCivilians || i2 == Some(7);
    let outlets: BTreeSet<&str> = e
        .sources
        .iter()
        .map(|s| s.outlet.as_deref().unwrap_or(s.source.as_str()))
        .collect();
    let urls: BTreeSet<&str> = e.sources.iter().filter_map(|s| s.url.as_deref()).collect();
    let mut notes: Vec<&str> = Vec::new();
    for c in &ev.claims {
        if let Some(t) = c.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            if !notes.contains(&t) {
                notes.push(t);
            }
        }
    }
    // ACLED's timestamp is when the record last changed: here, the newest
    // publication date among the sources (deterministic, unlike the clock).
    let timestamp = e
        .sources
        .iter()
        .filter_map(|s| s.published)
        .max()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp());
    let join = |set: &BTreeSet<&str>| {
        (!set.is_empty()).then(|| set.iter().copied().collect::<Vec<_>>().join("; "))
    };
    let modality = match ev.modality {
        Modality::Asserted => "asserted",
        Modality::Claimed => "claimed",
        Modality::Disputed => "disputed",
    };
    let precision = date.map(|d| match d.precision {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Range => "range",
    });
    let iso_date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    vec![
        Cell::Text(Some(e.id.clone())),
        Cell::Text(date.map(|d| iso_date(d.start))),
        Cell::Int(date.map(|d| i64::from(chrono::Datelike::year(&d.start)))),
        Cell::Int(date.map(|d| time_precision(d.precision))),
        text(Some(disorder(ev.sub_event_type))),
        text(Some(type_label(ev.event_type))),
        text(Some(sub_label(ev.sub_event_type))),
        text(ev.actor1.as_ref().map(|a| a.name.as_str())),
        Cell::Text(None),
        Cell::Int(i1),
        text(ev.actor2.as_ref().map(|a| a.name.as_str())),
        Cell::Text(None),
        Cell::Int(i2),
        Cell::Int(interaction(i1, i2)),
        text(civilians_targeted.then_some("Civilian targeting")),
        Cell::Int(None),
        Cell::Text(None),
        text(loc.and_then(|l| l.country.as_deref())),
        text(loc.and_then(|l| l.admin1.as_deref())),
        text(loc.and_then(|l| l.admin2.as_deref())),
        Cell::Text(None),
        text(loc.map(|l| l.name.as_str())),
        Cell::Float(loc.map(|l| l.lat)),
        Cell::Float(loc.map(|l| l.lon)),
        Cell::Int(loc.map(|l| i64::from(l.geo_precision))),
        Cell::Text(join(&outlets)),
        Cell::Text(None),
        Cell::Text((!notes.is_empty()).then(|| notes.join(" "))),
        // ACLED writes 0 when no death is reported; fatalities_best keeps
        // the difference between "none reported" and "zero".
        Cell::Int(Some(fat.and_then(|f| f.best).map_or(0, i64::from))),
        Cell::Text(None),
        Cell::Int(timestamp),
        Cell::Text(date.map(|d| iso_date(d.start))),
        Cell::Text(date.map(|d| iso_date(d.end))),
        text(precision),
        int(fat.and_then(|f| f.best)),
        int(fat.and_then(|f| f.low)),
        int(fat.and_then(|f| f.high)),
        int(fat.and_then(|f| f.civilians)),
        text(Some(modality)),
        Cell::Int(Some(ev.claims.len() as i64)),
        Cell::Int(Some(e.sources.len() as i64)),
        text(Some(ev.event_type.as_str())),
        text(Some(ev.sub_event_type.as_str())),
        Cell::Int(loc.and_then(|l| l.geonames_id)),
        Cell::Text(join(&urls)),
    ]
}
