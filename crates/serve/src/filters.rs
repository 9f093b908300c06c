//! The event filters shared by `/api/events` and `/api/stats`: the same
//! names and meanings as `dateline events`, checked one by one so a bad
//! value is answered with the parameter's name.

use dateline_model::{EventType, SubEventType};
use dateline_store::EventQuery;

use crate::error::{ApiError, ApiResult};
use crate::params::{bbox, Params};

/// The filter parameters, which the OpenAPI document must list.
#[cfg(test)]
pub const NAMES: &[&str] = &[
    "country",
    "admin1",
    "bbox",
    "since",
    "until",
    "type",
    "sub_type",
    "actor",
    "min_fatalities",
    "source",
    "q",
];

pub fn event_query(p: &mut Params) -> ApiResult<EventQuery> {
    let country = match p.string("country") {
        Some(c) if c.len() == 2 && c.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some(c.to_ascii_uppercase())
        }
        Some(c) => {
            return Err(ApiError::param(
                "country",
                format!("expected an ISO 3166-1 alpha-2 code such as SY, got `{c}`"),
            ))
        }
        None => None,
    };
    let since = p.date("since")?;
    let until = p.date("until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if u < s {
            return Err(ApiError::param("until", format!("{u} is before since={s}")));
        }
    }
    let event_type = match p.string("type") {
        Some(t) => Some(EventType::parse(&t).ok_or_else(|| {
            let all: Vec<_> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            ApiError::param(
                "type",
                format!("expected one of {}, got `{t}`", all.join(", ")),
            )
        })?),
        None => None,
    };
    let sub_type = match p.string("sub_type") {
        Some(t) => {
            let sub = SubEventType::parse(&t).ok_or_else(|| {
                ApiError::param("sub_type", format!("unknown sub-event type `{t}`"))
            })?;
            if event_type.is_some_and(|ty| ty != sub.event_type()) {
                return Err(ApiError::param(
                    "sub_type",
                    format!(
                        "`{t}` is a sub-type of {}, not of the type asked for",
                        sub.event_type().as_str()
                    ),
                ));
            }
            Some(sub)
        }
        None => None,
    };
    Ok(EventQuery {
        country,
        admin1: p.string("admin1"),
        bbox: bbox(p, "bbox")?.map(|b| (b.min_lon, b.min_lat, b.max_lon, b.max_lat)),
        since,
        until,
        event_type,
        sub_type,
        actor: p.string("actor"),
        min_fatalities: p.parsed("min_fatalities", "a whole number of deaths")?,
        source: p.string("source"),
        q: p.string("q"),
        limit: None,
        after: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> ApiResult<EventQuery> {
        let mut p = Params::parse(Some(q))?;
        let out = event_query(&mut p)?;
        p.finish()?;
        Ok(out)
    }

    fn blamed(q: &str) -> Option<String> {
        parse(q).unwrap_err().parameter
    }

    #[test]
    fn parses_every_filter() {
        let q = parse(
            "country=sy&admin1=Deir%20ez-Zor&bbox=35,32,42,37&since=2017-01-01&until=2017-12-31&type=battles\
             &sub_type=armed_clash&actor=islamic&min_fatalities=5&source=Syria%20Direct&q=airport",
        )
        .unwrap();
        assert_eq!(q.country.as_deref(), Some("SY"));
        assert_eq!(q.event_type, Some(EventType::Battles));
        assert_eq!(q.sub_type, Some(SubEventType::ArmedClash));
        assert_eq!(q.min_fatalities, Some(5));
        assert_eq!(q.bbox, Some((35.0, 32.0, 42.0, 37.0)));
        assert_eq!(parse("").unwrap(), EventQuery::default());
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (q, name) in [
            ("country=Syria", "country"),
            ("type=war", "type"),
            ("sub_type=armed_clash&type=riots", "sub_type"),
            ("since=2017-02-30", "since"),
            ("since=2017-05-01&until=2017-04-01", "until"),
            ("min_fatalities=-1", "min_fatalities"),
            ("bbox=1,2", "bbox"),
            ("colour=red", "colour"),
        ] {
            assert_eq!(blamed(q).as_deref(), Some(name), "{q}");
        }
    }
}
