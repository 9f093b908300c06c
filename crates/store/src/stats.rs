//! Event counts by period and group ("incidents a month"), aggregated
//! here rather than in SQL so week numbering is the same on both backends.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::sql::{Row, Value};
use crate::types::{Group, Period, StatRow};

/// The period label of a day.
fn period(by: Period, day: Option<NaiveDate>) -> String {
    match day {
        None => "undated".to_owned(),
        Some(d) => match by {
            Period::Month => d.format("%Y-%m").to_string(),
            Period::Week => {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
        },
    }
}

/// The group keys of a stats row's group columns (after the date).
fn group_keys(r: &Row, group: Group) -> Vec<String> {
    match group {
        Group::Type => vec![r[1].string().unwrap_or_default()],
        Group::Admin1 => vec![r[1].string().unwrap_or_else(|| "unknown".to_owned())],
        Group::Actor => {
            let mut actors: Vec<String> = [r[1].string(), r[2].string()]
                .into_iter()
                .flatten()
                .collect();
            actors.dedup();
            if actors.is_empty() {
                actors.push("unknown".to_owned());
            }
            actors
        }
    }
}

/// Aggregates rows of (date start, group columns..., events, fatalities)
/// into sorted cells.
pub(crate) fn aggregate(rows: &[Row], by: Period, group: Group) -> Vec<StatRow> {
    let mut cells: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for r in rows {
        let p = period(by, r[0].date());
        let count = |v: Option<&Value>| {
            v.and_then(Value::int)
                .and_then(|v| u64::try_from(v).ok())
                .unwrap_or(0)
        };
        let events = count(r.len().checked_sub(2).and_then(|i| r.get(i)));
        let dead = count(r.last());
        for k in group_keys(r, group) {
            let cell = cells.entry((p.clone(), k)).or_default();
            cell.0 += events;
            cell.1 += dead;
        }
    }
    cells
        .into_iter()
        .map(|((period, group), (events, fatalities))| StatRow {
            period,
            group,
            events,
            fatalities,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One event of type `t` as a stats row grouped by type.
    fn row(date: &str, t: &str, dead: i64) -> Row {
        vec![
            Value::Text(date.into()),
            Value::Text(t.into()),
            Value::Int(1),
            Value::Int(dead),
        ]
    }

    /// One event with actor "A" on both sides, grouped by actor.
    fn actor_row(date: &str) -> Row {
        vec![
            Value::Text(date.into()),
            Value::Text("A".into()),
            Value::Text("A".into()),
            Value::Int(1),
            Value::Null,
        ]
    }

    #[test]
    fn counts_by_month_and_week() {
        let rows = vec![
            row("2017-06-01", "battles", 3),
            row("2017-06-30", "battles", 2),
        ];
        let m = aggregate(&rows, Period::Month, Group::Type);
        assert_eq!(
            m,
            vec![StatRow {
                period: "2017-06".into(),
                group: "battles".into(),
                events: 2,
                fatalities: 5
            }]
        );
        let w = aggregate(
            &[
                vec![
                    Value::Text("2017-06-01".into()),
                    Value::Null,
                    Value::Int(1),
                    Value::Int(3),
                ],
                vec![
                    Value::Text("2017-06-30".into()),
                    Value::Null,
                    Value::Int(1),
                    Value::Int(2),
                ],
            ],
            Period::Week,
            Group::Admin1,
        );
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].period, "2017-W22");
        assert_eq!(w[0].group, "unknown");
        let a = aggregate(
            &[actor_row("2017-06-01"), actor_row("2017-06-30")],
            Period::Month,
            Group::Actor,
        );
        assert_eq!(
            a[0].events, 2,
            "one actor on both sides counts once per event"
        );
    }
}
