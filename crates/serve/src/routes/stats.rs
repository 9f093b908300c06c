//! `/api/stats`: events and deaths per week or month, by type, admin1 or
//! actor, as dense series a chart can draw directly (every period between
//! the first and the last, zeros included).

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::Json;
use chrono::{Months, NaiveDate, Weekday};
use dateline_store::{Group, Period, StatRow};
use serde::Serialize;

use crate::error::ApiResult;
use crate::filters::event_query;
use crate::params::Params;
use crate::App;

#[derive(Serialize, Debug, PartialEq)]
pub struct Series {
    pub key: String,
    pub counts: Vec<u64>,
    pub fatalities: Vec<u64>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Stats {
    pub by: &'static str,
    pub group: &'static str,
    /// First day of each period (Monday of the ISO week, or the 1st).
    pub periods: Vec<NaiveDate>,
    /// Biggest groups first; the rest summed as `other`.
    pub series: Vec<Series>,
    /// Events without a date, which no period holds.
    pub undated: u64,
}

pub async fn get(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult<Json<Stats>> {
    let mut p = Params::parse(raw.as_deref())?;
    let by = p.choice("by", &["week", "month"], "week")?;
    let group = p.choice("group", &["type", "admin1", "actor"], "type")?;
    let top = p.bounded("top", 1, 100, 12)? as usize;
    let query = event_query(&mut p)?;
    p.finish()?;
    let period = if by == "week" {
        Period::Week
    } else {
        Period::Month
    };
    let grouping = match group {
        "admin1" => Group::Admin1,
        "actor" => Group::Actor,
        _ => Group::Type,
    };
    let rows = app
        .pool
        .run(move |s| s.stats_of(&query, period, grouping))
        .await?;
    Ok(Json(dense(by, group, period, rows, top)))
}

/// The first day of a period named by the store.
fn period_start(name: &str, by: Period) -> Option<NaiveDate> {
    match by {
        Period::Week => {
            let (y, w) = name.split_once("-W")?;
            NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, Weekday::Mon)
        }
        Period::Month => NaiveDate::parse_from_str(&format!("{name}-01"), "%Y-%m-%d").ok(),
    }
}

fn next_period(d: NaiveDate, by: Period) -> Option<NaiveDate> {
    match by {
        Period::Week => d.checked_add_days(chrono::Days::new(7)),
        Period::Month => d.checked_add_months(Months::new(1)),
    }
}

fn dense(
    by: &'static str,
    group: &'static str,
    period: Period,
    rows: Vec<StatRow>,
    top: usize,
) -> Stats {
    let mut undated = 0;
    let mut cells: BTreeMap<(NaiveDate, String), (u64, u64)> = BTreeMap::new();
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for row in rows {
        let Some(start) = period_start(&row.period, period) else {
            undated += row.events;
            continue;
        };
        *totals.entry(row.group.clone()).or_default() += row.events;
        let cell = cells.entry((start, row.group)).or_default();
        cell.0 += row.events;
        cell.1 += row.fatalities;
    }
    let mut periods = Vec::new();
    let first = cells.keys().map(|k| k.0).min();
    let last = cells.keys().map(|k| k.0).max();
    if let (Some(mut d), Some(last)) = (first, last) {
        while d <= last {
            periods.push(d);
            match next_period(d, period) {
                Some(n) => d = n,
                None => break,
            }
        }
    }
    // Biggest groups first, ties by name; the tail becomes `other`.
    let mut order: Vec<(String, u64)> = totals.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let kept: Vec<String> = order.iter().take(top).map(|(k, _)| k.clone()).collect();
    let index: BTreeMap<NaiveDate, usize> =
        periods.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let mut series: Vec<Series> = kept
        .iter()
        .chain(std::iter::once(&"other".to_string()).filter(|_| order.len() > top))
        .map(|k| Series {
            key: k.clone(),
            counts: vec![0; periods.len()],
            fatalities: vec![0; periods.len()],
        })
        .collect();
    for ((d, g), (n, f)) in cells {
        let s = kept.iter().position(|k| *k == g).unwrap_or(kept.len());
        if let (Some(series), Some(&i)) = (series.get_mut(s), index.get(&d)) {
            series.counts[i] += n;
            series.fatalities[i] += f;
        }
    }
    series.retain(|s| s.counts.iter().any(|&c| c > 0));
    Stats {
        by,
        group,
        periods,
        series,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, group: &str, events: u64) -> StatRow {
        StatRow {
            period: period.into(),
            group: group.into(),
            events,
            fatalities: events * 2,
        }
    }

    #[test]
    fn weeks_are_dense_and_start_on_monday() {
        let rows = vec![
            row("2017-W24", "battles", 2),
            row("2017-W26", "riots", 1),
            row("undated", "riots", 4),
        ];
        let s = dense("week", "type", Period::Week, rows, 12);
        let days: Vec<String> = s.periods.iter().map(|d| d.to_string()).collect();
        assert_eq!(days, ["2017-06-12", "2017-06-19", "2017-06-26"]);
        assert_eq!(s.series[0].key, "battles");
        assert_eq!(s.series[0].counts, [2, 0, 0]);
        assert_eq!(s.series[1].counts, [0, 0, 1]);
        assert_eq!(s.series[1].fatalities, [0, 0, 2]);
        assert_eq!(s.undated, 4);
    }

    #[test]
    fn months_cross_years_and_small_groups_become_other() {
        let rows = vec![
            row("2016-12", "a", 5),
            row("2017-02", "b", 1),
            row("2017-02", "c", 1),
        ];
        let s = dense("month", "actor", Period::Month, rows, 2);
        assert_eq!(s.periods.len(), 3);
        let keys: Vec<&str> = s.series.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "other"]);
        assert_eq!(s.series[2].counts, [0, 0, 1]);
    }

    #[test]
    fn store_period_names_parse() {
        // 2017-01-01 is in ISO week 52 of 2016.
        assert_eq!(
            period_start("2016-W52", Period::Week),
            NaiveDate::from_ymd_opt(2016, 12, 26)
        );
        assert_eq!(
            period_start("2017-06", Period::Month),
            NaiveDate::from_ymd_opt(2017, 6, 1)
        );
        assert_eq!(period_start("undated", Period::Month), None);
    }
}
