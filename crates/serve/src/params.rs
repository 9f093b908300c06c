//! Query-string parsing that names the parameter at fault.
//!
//! Every handler takes the parameters it knows out of a [`Params`] and then
//! calls [`Params::finish`], which rejects whatever is left: a misspelt
//! filter (`contry=SY`) is a 400, not a silently unfiltered answer.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::{ApiError, ApiResult};

pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    pub fn parse(query: Option<&str>) -> ApiResult<Self> {
        let mut values = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if values.insert(k.to_string(), v.to_string()).is_some() {
                return Err(ApiError::param(&k, "given more than once"));
            }
        }
        Ok(Params { values })
    }

    /// A non-empty string; an empty value (`actor=`) counts as absent, as an
    /// HTML form sends it.
    pub fn string(&mut self, name: &str) -> Option<String> {
        self.values
            .remove(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    pub fn parsed<T: FromStr>(&mut self, name: &str, expected: &str) -> ApiResult<Option<T>> {
        match self.string(name) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::param(name, format!("expected {expected}, got `{v}`"))),
        }
    }

    pub fn date(&mut self, name: &str) -> ApiResult<Option<NaiveDate>> {
        self.parsed(name, "a date YYYY-MM-DD")
    }

    /// One of `choices`, or `default` when absent.
    pub fn choice<'a>(
        &mut self,
        name: &str,
        choices: &[&'a str],
        default: &'a str,
    ) -> ApiResult<&'a str> {
        match self.string(name) {
            None => Ok(default),
            Some(v) => choices.iter().find(|c| **c == v).copied().ok_or_else(|| {
                ApiError::param(
                    name,
                    format!("expected one of {}, got `{v}`", choices.join(", ")),
                )
            }),
        }
    }

    /// An integer in `min..=max`, or `default`.
    pub fn bounded(&mut self, name: &str, min: u64, max: u64, default: u64) -> ApiResult<u64> {
        let expected = format!("an integer from {min} to {max}");
        match self.parsed::<u64>(name, &expected)? {
            None => Ok(default),
            Some(n) if (min..=max).contains(&n) => Ok(n),
            Some(n) => Err(ApiError::param(
                name,
                format!("expected {expected}, got `{n}`"),
            )),
        }
    }

    /// Fails on the first parameter nobody asked for.
    pub fn finish(self) -> ApiResult<()> {
        match self.values.into_keys().next() {
            None => Ok(()),
            Some(k) => Err(ApiError::param(&k, "unknown parameter")),
        }
    }
}

/// `min_lon,min_lat,max_lon,max_lat`, as in GeoJSON and OGC APIs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

pub fn bbox(params: &mut Params, name: &str) -> ApiResult<Option<BBox>> {
    let Some(v) = params.string(name) else {
        return Ok(None);
    };
    let bad = |why: &str| {
        ApiError::param(
            name,
            format!("{why}; expected min_lon,min_lat,max_lon,max_lat, got `{v}`"),
        )
    };
    let nums: Vec<f64> = v
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad("not four numbers"))?;
    let [min_lon, min_lat, max_lon, max_lat] = nums[..] else {
        return Err(bad("not four numbers"));
    };
    if ![min_lon, max_lon]
        .iter()
        .all(|x| (-180.0..=180.0).contains(x))
        || ![min_lat, max_lat]
            .iter()
            .all(|y| (-90.0..=90.0).contains(y))
    {
        return Err(bad("out of range"));
    }
    if min_lat > max_lat || min_lon > max_lon {
        return Err(bad("minimum above maximum"));
    }
    Ok(Some(BBox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Params {
        Params::parse(Some(q)).unwrap()
    }

    #[test]
    fn unknown_and_repeated_parameters_are_named() {
        let e = p("contry=SY").finish().unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("contry"));
        let e = Params::parse(Some("q=a&q=b")).err().unwrap();
        assert_eq!(e.parameter.as_deref(), Some("q"));
    }

    #[test]
    fn empty_values_are_absent() {
        let mut ps = p("actor=&q=%20");
        assert_eq!(ps.string("actor"), None);
        assert_eq!(ps.string("q"), None);
        ps.finish().unwrap();
    }

    #[test]
    fn dates_and_bounds_are_checked() {
        let mut ps = p("since=2017-13-01&limit=0");
        assert_eq!(
            ps.date("since").unwrap_err().parameter.as_deref(),
            Some("since")
        );
        assert_eq!(
            ps.bounded("limit", 1, 10, 5)
                .unwrap_err()
                .parameter
                .as_deref(),
            Some("limit")
        );
        assert_eq!(p("").bounded("limit", 1, 10, 5).unwrap(), 5);
    }

    #[test]
    fn bbox_is_validated() {
        let b = bbox(&mut p("bbox=35,32,42.5,37.5"), "bbox")
            .unwrap()
            .unwrap();
        assert_eq!(b.max_lon, 42.5);
        for bad in [
            "bbox=1,2,3",
            "bbox=a,b,c,d",
            "bbox=40,30,35,37",
            "bbox=0,-91,1,1",
        ] {
            assert_eq!(
                bbox(&mut p(bad), "bbox").unwrap_err().parameter.as_deref(),
                Some("bbox")
            );
        }
    }
}
