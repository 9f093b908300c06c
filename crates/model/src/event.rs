use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// ACLED's six event types (spec §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Battles,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    Protests,
    Riots,
    StrategicDevelopments,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::Protests,
        EventType::Riots,
        EventType::StrategicDevelopments,
    ];

    /// The snake_case name used in the interchange format.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Battles => "battles",
            EventType::ExplosionsRemoteViolence => "explosions_remote_violence",
            EventType::ViolenceAgainstCivilians => "violence_against_civilians",
            EventType::Protests => "protests",
            EventType::Riots => "riots",
            EventType::StrategicDevelopments => "strategic_developments",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// ACLED's 25 sub-event types (spec §2); each belongs to one [`EventType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubEventType {
    ArmedClash,
    GovernmentRegainsTerritory,
    NonStateActorOvertakesTerritory,
    ChemicalWeapon,
    AirDroneStrike,
    SuicideBomb,
    ShellingArtilleryMissileAttack,
    RemoteExplosiveLandmineIed,
    Grenade,
    SexualViolence,
    Attack,
    AbductionForcedDisappearance,
    PeacefulProtest,
    ProtestWithIntervention,
    ExcessiveForceAgainstProtesters,
    ViolentDemonstration,
    MobViolence,
    Agreement,
    Arrests,
    ChangeToGroupActivity,
    DisruptedWeaponsUse,
    HeadquartersOrBaseEstablished,
    LootingPropertyDestruction,
    NonViolentTransferOfTerritory,
    Other,
}

impl SubEventType {
    pub const ALL: [SubEventType; 25] = [
        SubEventType::ArmedClash,
        SubEventType::GovernmentRegainsTerritory,
        SubEventType::NonStateActorOvertakesTerritory,
        SubEventType::ChemicalWeapon,
        SubEventType::AirDroneStrike,
        SubEventType::SuicideBomb,
        SubEventType::ShellingArtilleryMissileAttack,
        SubEventType::RemoteExplosiveLandmineIed,
        SubEventType::Grenade,
        SubEventType::SexualViolence,
        SubEventType::Attack,
        SubEventType::AbductionForcedDisappearance,
        SubEventType::PeacefulProtest,
        SubEventType::ProtestWithIntervention,
        SubEventType::ExcessiveForceAgainstProtesters,
        SubEventType::ViolentDemonstration,
        SubEventType::MobViolence,
        SubEventType::Agreement,
        SubEventType::Arrests,
        SubEventType::ChangeToGroupActivity,
        SubEventType::DisruptedWeaponsUse,
        SubEventType::HeadquartersOrBaseEstablished,
        SubEventType::LootingPropertyDestruction,
        SubEventType::NonViolentTransferOfTerritory,
        SubEventType::Other,
    ];

    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                EventType::Battles
            }
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => {
                EventType::ViolenceAgainstCivilians
            }
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }

    /// The snake_case name used in the interchange format.
    pub fn as_str(self) -> &'static str {
        use SubEventType::*;
        match self {
            ArmedClash => "armed_clash",
            GovernmentRegainsTerritory => "government_regains_territory",
            NonStateActorOvertakesTerritory => "non_state_actor_overtakes_territory",
            ChemicalWeapon => "chemical_weapon",
            AirDroneStrike => "air_drone_strike",
            SuicideBomb => "suicide_bomb",
            ShellingArtilleryMissileAttack => "shelling_artillery_missile_attack",
            RemoteExplosiveLandmineIed => "remote_explosive_landmine_ied",
            Grenade => "grenade",
            SexualViolence => "sexual_violence",
            Attack => "attack",
            AbductionForcedDisappearance => "abduction_forced_disappearance",
            PeacefulProtest => "peaceful_protest",
            ProtestWithIntervention => "protest_with_intervention",
            ExcessiveForceAgainstProtesters => "excessive_force_against_protesters",
            ViolentDemonstration => "violent_demonstration",
            MobViolence => "mob_violence",
            Agreement => "agreement",
            Arrests => "arrests",
            ChangeToGroupActivity => "change_to_group_activity",
            DisruptedWeaponsUse => "disrupted_weapons_use",
            HeadquartersOrBaseEstablished => "headquarters_or_base_established",
            LootingPropertyDestruction => "looting_property_destruction",
            NonViolentTransferOfTerritory => "non_violent_transfer_of_territory",
            Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Which article an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub source: String,
    pub index: u32,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

/// A canonical actor name (spec §3), never a spelling from the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    /// state_forces, rebel_group, political_militia, identity_militia,
    /// civilians, protesters, external_forces, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A resolved place (spec §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// 1 the place itself, 2 near or part of it, 3 only the region.
    pub geo_precision: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Range,
}

/// A resolved date or bounded range (spec §5); `start == end` for one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
}

/// Deaths only (spec §6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fatalities {
    pub best: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub civilians: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combatants: Option<u32>,
    pub vague: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated by the outlet.
    Asserted,
    /// Attributed to a party.
    Claimed,
    /// Sources conflict on what happened, how many died, or who did it.
    Disputed,
}

/// Who says so, and where the text says it (spec §7). Offsets are Unicode
/// character offsets into the cleaned article text, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// An organisation, a person with affiliation, or the outlet itself.
    pub claimant: String,
    pub start: usize,
    pub end: usize,
    /// The evidence sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The deaths this claimant reports, when it gives a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
    /// The perpetrator this claimant names, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor1: Option<String>,
    /// Which article the claim was read from, once events are fused across
    /// articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleRef>,
}

/// One incident (spec §1), in the interchange format of spec §8.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id, given by the store after fusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub article: ArticleRef,
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub location: Option<Location>,
    pub date: Option<DateRange>,
    pub fatalities: Option<Fatalities>,
    pub claims: Vec<Claim>,
    pub modality: Modality,
    /// With `--explain`: the cue behind each field, by field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<serde_json::Map<String, serde_json::Value>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sub_type_round_trips_and_has_a_parent() {
        for s in SubEventType::ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(SubEventType::parse(s.as_str()), Some(s));
            assert!(EventType::ALL.contains(&s.event_type()));
        }
    }
}
