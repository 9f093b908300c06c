//! Which sub-event types can describe one incident.
//!
//! Reports disagree on how to name an incident in predictable ways: one
//! calls it clashes, another says the army retook the town (both battles);
//! one says a bomb went off, another that a suicide bomber blew himself up.
//! They do not confuse the means of remote violence otherwise: an airstrike
//! and a shelling are two incidents, even on one town on one day.

use dateline_model::SubEventType::{self, *};

/// Whether two sub-types can describe one incident. Symmetric; a sub-type
/// is always compatible with itself.
pub fn compatible(a: SubEventType, b: SubEventType) -> bool {
    if a == b {
        return true;
    }
    if a.event_type() != b.event_type() {
        return false;
    }
    let pair = |x, y| (a == x && b == y) || (a == y && b == x);
    match a.event_type() {
        // Who attacked and who took the ground are two views of one fight.
        dateline_model::EventType::Battles => true,
        // Demonstrations escalate; reports pick different moments.
        dateline_model::EventType::Protests | dateline_model::EventType::Riots => true,
        _ => {
            pair(SuicideBomb, RemoteExplosiveLandmineIed)
                // Toxic agents are delivered by aircraft or artillery.
                || pair(ChemicalWeapon, AirDroneStrike)
                || pair(ChemicalWeapon, ShellingArtilleryMissileAttack)
                // Killings and abductions in one raid; assault reported as attack.
                || pair(Attack, AbductionForcedDisappearance)
                || pair(Attack, SexualViolence)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn battles_merge_remote_means_do_not() {
        assert!(compatible(ArmedClash, GovernmentRegainsTerritory));
        assert!(!compatible(AirDroneStrike, ShellingArtilleryMissileAttack));
        assert!(!compatible(ArmedClash, Attack));
        for a in SubEventType::ALL {
            for b in SubEventType::ALL {
                assert_eq!(compatible(a, b), compatible(b, a), "{a:?} {b:?}");
            }
        }
    }
}
