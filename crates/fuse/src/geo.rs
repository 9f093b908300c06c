//! How far apart two located mentions may be and still tell one incident.
//!
//! The allowed distance grows with the vaguer of the two geo precisions
//! (spec §4): two reports naming a town (precision 1) can disagree by a
//! neighbouring village; "near"/"outskirts of" (precision 2) places the
//! incident anywhere within a district; a province-only report
//! (precision 3) coincides with any place in the same province.

use dateline_model::Location;

/// Both precise (1↔1): a neighbouring village, a different transliteration
/// resolved to a nearby homonym.
pub const PLACE_KM: f64 = 15.0;
/// Either "near"/"part of" a place (precision 2): the radius of a district.
pub const NEAR_KM: f64 = 30.0;
/// Either only a province (precision 3): same admin1 is required, and the
/// province's representative point may still lie this far from a town in
/// it. It also bounds [`crate::window`]'s box, so it is the largest
/// distance at which any two mentions can fuse.
pub const REGION_KM: f64 = 200.0;

const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km (haversine; accurate to well under 1% at
/// the distances that matter here).
pub fn distance_km(a: &Location, b: &Location) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// How close two places are, in [0, 1], or `None` when they cannot be the
/// place of one incident. 1 is the same place.
pub fn closeness(a: &Location, b: &Location) -> Option<f64> {
    if let (Some(x), Some(y)) = (a.geonames_id, b.geonames_id) {
        if x == y {
            return Some(1.0);
        }
    }
    let d = distance_km(a, b);
    let limit = match a.geo_precision.max(b.geo_precision) {
        0 | 1 => PLACE_KM,
        2 => NEAR_KM,
        _ => {
            if !same_region(a, b) {
                return None;
            }
            REGION_KM
        }
    };
    (d <= limit).then(|| 1.0 - d / limit)
}

/// Same country and same first-level division, when both sides name them.
/// A missing admin1 cannot confirm the province, so it does not match.
fn same_region(a: &Location, b: &Location) -> bool {
    let same = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => crate::name::key(x) == crate::name::key(y),
        _ => false,
    };
    let country_ok = match (&a.country, &b.country) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    country_ok && same(&a.admin1, &b.admin1)
}

/// The W,S,E,N box holding every point within `km` of `loc`, clamped to
/// the globe (a box that would cross the antimeridian is cut at it: the
/// few incidents there lose fusion across the line, never correctness of
/// the ones kept).
pub fn bbox_around(loc: &Location, km: f64) -> (f64, f64, f64, f64) {
    let dlat = (km / EARTH_RADIUS_KM).to_degrees();
    let cos = loc.lat.to_radians().cos();
    // Near the poles every longitude is within reach.
    let dlon = if cos * 180.0 <= dlat {
        180.0
    } else {
        dlat / cos
    };
    (
        (loc.lon - dlon).max(-180.0),
        (loc.lat - dlat).max(-90.0),
        (loc.lon + dlon).min(180.0),
        (loc.lat + dlat).min(90.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64, precision: u8, admin1: &str) -> Location {
        Location {
            name: String::new(),
            country: Some("SY".into()),
            admin1: Some(admin1.into()),
            admin2: None,
            lat,
            lon,
            geo_precision: precision,
            geonames_id: None,
        }
    }

    #[test]
    fn allowed_distance_follows_the_vaguer_precision() {
        let sarmin = at(35.900, 36.725, 1, "Idlib");
        let idlib = at(35.931, 36.634, 1, "Idlib");
        let d = distance_km(&sarmin, &idlib);
        assert!((8.0..10.0).contains(&d), "{d}");
        assert!(closeness(&sarmin, &idlib).is_some());
        // 25 km: too far for two towns, near enough for "near".
        let far = at(35.900, 37.002, 1, "Idlib");
        assert!(closeness(&sarmin, &far).is_none());
        assert!(closeness(&sarmin, &at(35.900, 37.002, 2, "Idlib")).is_some());
        // A province matches towns in it, not in the next one.
        assert!(closeness(&sarmin, &at(35.8, 36.6, 3, "Idlib")).is_some());
        assert!(closeness(&sarmin, &at(35.8, 36.6, 3, "Aleppo")).is_none());
    }

    #[test]
    fn box_holds_the_largest_fusion_distance() {
        let here = at(48.0, 37.9, 1, "Donetsk");
        let (w, s, e, n) = bbox_around(&here, REGION_KM);
        for (lat, lon) in [(49.79, 37.9), (46.21, 37.9), (48.0, 40.58), (48.0, 35.22)] {
            let there = at(lat, lon, 1, "Donetsk");
            assert!(distance_km(&here, &there) <= REGION_KM + 1.0);
            assert!(
                (w..=e).contains(&lon) && (s..=n).contains(&lat),
                "{lat},{lon}"
            );
        }
    }
}
