//! Event counts by period and group ("incidents a month"), aggregated
//! here rather than in SQL so week numbering is the same on both backends.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::sql::Row;
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

/// Aggregates rows of (date start, type, admin1, actor1, actor2,
/// fatalities) into sorted cells.
pub(crate) fn aggregate(rows: &[Row], by: Period, group: Group) -> Vec<StatRow> {
    let mut cells: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for r in rows {
        let p = period(by, r[0].date());
        let keys: Vec<String> = match group {
            Group::Type => vec![r[1].string().unwrap_or_default()],
            Group::Admin1 => vec![r[2].string().unwrap_or_else(|| "unknown".to_owned())],
            Group::Actor => {
                let mut actors: Vec<String> = [r[3].string(), r[4].string()]
                    .into_iter()
                    .flatten()
                    .collect();
                actors.dedup();
                if actors.is_empty() {
                    actors.push("unknown".to_owned());
                }
                actors
            }
        };
        let dead = r[5].int().and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
        for k in keys {
            let cell = cells.entry((p.clone(), k)).or_default();
            cell.0 += 1;
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
    use crate::sql::Value;

    fn row(date: &str, t: &str, dead: i64) -> Row {
        vec![
            Value::Text(date.into()),
            Value::Text(t.into()),
            Value::Null,
            Value::Text("A".into()),
            Value::Text("A".into()),
            Value::Int(dead),
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
        let w = aggregate(&rows, Period::Week, Group::Admin1);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].period, "2017-W22");
        assert_eq!(w[0].group, "unknown");
        let a = aggregate(&rows, Period::Month, Group::Actor);
        assert_eq!(
            a[0].events, 2,
            "one actor on both sides counts once per event"
        );
    }
}
