//! `dateline events`, `event`, `stats`: querying and exporting stored
//! events.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dateline_model::{EventType, SubEventType};
use dateline_store::{export, EventQuery, Group, Period, StatRow, Store, StoredEvent};

use super::articles::{clip, open, or_dash, write_rows, ListFormat};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Spec §8 interchange with id, sources and every claim.
    Jsonl,
    /// ACLED's columns and order, then Dateline's.
    Csv,
    /// A FeatureCollection of points (QGIS, web maps).
    Geojson,
    /// Typed columns for pandas and DuckDB; needs --output.
    Parquet,
}

#[derive(Args)]
#[command(
    after_help = "Filters combine with AND. Events come ordered by start date, then id; \
undated events last."
)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: EventFormat,
    /// Write here instead of standard output (required for parquet).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Country, ISO 3166-1 alpha-2 (`SY`).
    #[arg(long)]
    pub country: Option<String>,
    /// First-level administrative division, exact name (case-insensitive).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Bounding box: west,south,east,north in degrees.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Events whose dates reach this day or later.
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Events whose dates start on or before this day.
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Event type (`battles`, `explosions_remote_violence`, ...).
    #[arg(long = "type", value_parser = parse_type)]
    pub event_type: Option<EventType>,
    /// Sub-event type (`air_drone_strike`, ...).
    #[arg(long, value_parser = parse_sub_type)]
    pub sub_type: Option<SubEventType>,
    /// Part of an actor's name (either side, or named in a claim).
    #[arg(long)]
    pub actor: Option<String>,
    /// Best fatality estimate at least this.
    #[arg(long)]
    pub min_fatalities: Option<u32>,
    /// Outlet of any report of the event.
    #[arg(long)]
    pub source: Option<String>,
    /// Words in any report of the event.
    #[arg(long)]
    pub q: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Args)]
pub struct EventArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    /// Print the stored record as JSON instead.
    #[arg(long)]
    pub json: bool,
    /// Event id (as `dateline events` lists it).
    pub id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    Type,
    Admin1,
    Actor,
}

#[derive(Args)]
#[command(
    after_help = "Without --group: event counts and fatalities by month, by type and by admin1. \
With --group: one row per period and group."
)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Time buckets.
    #[arg(long, value_enum, default_value = "month")]
    pub by: PeriodArg,
    /// Cross periods with this grouping.
    #[arg(long, value_enum)]
    pub group: Option<GroupArg>,
}

fn parse_bbox(s: &str) -> Result<(f64, f64, f64, f64), String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>().map_err(|e| format!("{p:?}: {e}")))
        .collect::<Result<_, _>>()?;
    match v[..] {
        [w, s, e, n] if w <= e && s <= n => Ok((w, s, e, n)),
        [_, _, _, _] => Err("west must not exceed east, nor south north".to_owned()),
        _ => Err(format!(
            "expected west,south,east,north, got {} numbers",
            v.len()
        )),
    }
}

fn parse_type(s: &str) -> Result<EventType, String> {
    EventType::parse(s).ok_or_else(|| {
        let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown event type; one of: {}", all.join(", "))
    })
}

fn parse_sub_type(s: &str) -> Result<SubEventType, String> {
    SubEventType::parse(s).ok_or_else(|| {
        let all: Vec<&str> = SubEventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown sub-event type; one of: {}", all.join(", "))
    })
}

fn write_table(events: &[StoredEvent]) -> Result<()> {
    write_rows(
        ListFormat::Table,
        events,
        &[
            "ID", "DATE", "TYPE", "LOCATION", "ADMIN1", "DEAD", "CLAIMS", "ACTOR1",
        ],
        |e| {
            let ev = &e.event;
            let loc = ev.location.as_ref();
            vec![
                e.id.clone(),
                or_dash(ev.date.map(|d| {
                    if d.start == d.end {
                        d.start.to_string()
                    } else {
                        format!("{}..{}", d.start, d.end)
                    }
                })),
                ev.sub_event_type.as_str().to_owned(),
                clip(loc.map_or("-", |l| l.name.as_str()), 24),
                clip(loc.and_then(|l| l.admin1.as_deref()).unwrap_or("-"), 20),
                or_dash(ev.fatalities.as_ref().and_then(|f| f.best)),
                ev.claims.len().to_string(),
                clip(ev.actor1.as_ref().map_or("-", |a| a.name.as_str()), 30),
            ]
        },
    )
}

pub fn list(args: EventsArgs) -> Result<bool> {
    if args.format == EventFormat::Parquet && args.output.is_none() {
        bail!("--format parquet writes a binary file: give it --output FILE");
    }
    let mut store = open(&args.db)?;
    let q = EventQuery {
        country: args.country,
        admin1: args.admin1,
        bbox: args.bbox,
        since: args.since,
        until: args.until,
        event_type: args.event_type,
        sub_type: args.sub_type,
        actor: args.actor,
        min_fatalities: args.min_fatalities,
        source: args.source,
        q: args.q,
        limit: args.limit,
        after: None,
    };
    let events = store.events(&q)?;
    match (&args.output, args.format) {
        (None, EventFormat::Table) => write_table(&events)?,
        (Some(_), EventFormat::Table) => {
            bail!("--output takes jsonl, csv, geojson or parquet, not table")
        }
        (None, format) => write_export(format, &events, BufWriter::new(std::io::stdout()))?,
        (Some(path), format) => {
            let file =
                File::create(path).with_context(|| format!("creating {}", path.display()))?;
            write_export(format, &events, BufWriter::new(file))
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(true)
}

/// Writes events in `format` (a table always goes to standard output).
fn write_export<W: Write + Send>(
    format: EventFormat,
    events: &[StoredEvent],
    mut out: W,
) -> Result<()> {
    match format {
        EventFormat::Jsonl => export::jsonl(events, &mut out)?,
        EventFormat::Csv => export::csv(events, &mut out)?,
        EventFormat::Geojson => export::geojson(events, &mut out)?,
        EventFormat::Parquet => export::parquet(events, &mut out)?,
        EventFormat::Table => write_table(events)?,
    }
    out.flush()?;
    Ok(())
}

/// The evidence sentence of a claim: as stored, or cut from its article by
/// the claim's character offsets.
fn sentence(
    store: &mut dyn Store,
    e: &StoredEvent,
    claim: &dateline_model::Claim,
) -> Result<Option<String>> {
    if claim.text.is_some() {
        return Ok(claim.text.clone());
    }
    let r = claim.article.as_ref().unwrap_or(&e.event.article);
    let Some(src) = e
        .sources
        .iter()
        .find(|s| s.source == r.source && s.index == r.index)
    else {
        return Ok(None);
    };
    Ok(store.article(&src.article)?.map(|a| {
        a.article
            .text
            .chars()
            .skip(claim.start)
            .take(claim.end.saturating_sub(claim.start))
            .collect()
    }))
}

pub fn show(args: EventArgs) -> Result<bool> {
    let mut store = open(&args.db)?;
    let Some(e) = store.event(&args.id)? else {
        bail!("no event with id {} in {}", args.id, args.db.db);
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &e)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(true);
    }
    let ev = &e.event;
    writeln!(out, "id:         {}", e.id)?;
    writeln!(
        out,
        "type:       {} / {}",
        ev.event_type.as_str(),
        ev.sub_event_type.as_str()
    )?;
    if let Some(d) = ev.date {
        writeln!(
            out,
            "date:       {} .. {} ({:?})",
            d.start, d.end, d.precision
        )?;
    }
    if let Some(l) = &ev.location {
        writeln!(
            out,
            "location:   {}, {}, {} ({:.4}, {:.4}; precision {})",
            l.name,
            or_dash(l.admin1.as_deref()),
            or_dash(l.country.as_deref()),
            l.lat,
            l.lon,
            l.geo_precision
        )?;
    }
    writeln!(
        out,
        "actor1:     {}",
        or_dash(ev.actor1.as_ref().map(|a| a.name.as_str()))
    )?;
    writeln!(
        out,
        "actor2:     {}",
        or_dash(ev.actor2.as_ref().map(|a| a.name.as_str()))
    )?;
    if let Some(f) = &ev.fatalities {
        writeln!(
            out,
            "fatalities: best {}, low {}, high {}{}",
            or_dash(f.best),
            or_dash(f.low),
            or_dash(f.high),
            if f.vague { " (vague)" } else { "" }
        )?;
    }
    writeln!(out, "modality:   {:?}", ev.modality)?;
    for s in &e.sources {
        writeln!(
            out,
            "source:     {}#{}  {}  {}  article {}",
            s.source,
            s.index,
            or_dash(s.outlet.as_deref()),
            or_dash(s.published),
            s.article
        )?;
    }
    for (i, c) in ev.claims.iter().enumerate() {
        let r = c.article.as_ref().unwrap_or(&ev.article);
        writeln!(
            out,
            "\nclaim {}: {} ({}#{}, chars {}..{}){}{}",
            i + 1,
            c.claimant,
            r.source,
            r.index,
            c.start,
            c.end,
            c.fatalities
                .map(|n| format!(", {n} dead"))
                .unwrap_or_default(),
            c.actor1
                .as_deref()
                .map(|a| format!(", by {a}"))
                .unwrap_or_default()
        )?;
        if let Some(s) = sentence(store.as_mut(), &e, c)? {
            writeln!(out, "  \"{}\"", s.trim())?;
        }
    }
    out.flush()?;
    Ok(true)
}

/// Sums stat cells over one side: by period (`by_period`) or by group.
fn totals(rows: &[StatRow], by_period: bool) -> Vec<StatRow> {
    let mut sums: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for r in rows {
        let key = if by_period { &r.period } else { &r.group };
        let cell = sums.entry(key.clone()).or_default();
        cell.0 += r.events;
        cell.1 += r.fatalities;
    }
    sums.into_iter()
        .map(|(k, (events, fatalities))| {
            let (period, group) = if by_period {
                (k, String::new())
            } else {
                (String::new(), k)
            };
            StatRow {
                period,
                group,
                events,
                fatalities,
            }
        })
        .collect()
}

pub fn stats(args: StatsArgs) -> Result<bool> {
    let mut store = open(&args.db)?;
    let by = match args.by {
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
    };
    let row = |r: &StatRow, key: &str| {
        vec![
            key.to_owned(),
            r.events.to_string(),
            r.fatalities.to_string(),
        ]
    };
    if let Some(g) = args.group {
        let group = match g {
            GroupArg::Type => Group::Type,
            GroupArg::Admin1 => Group::Admin1,
            GroupArg::Actor => Group::Actor,
        };
        let rows = store.stats(by, group)?;
        write_rows(
            args.format,
            &rows,
            &["PERIOD", "GROUP", "EVENTS", "FATALITIES"],
            |r| {
                vec![
                    r.period.clone(),
                    r.group.clone(),
                    r.events.to_string(),
                    r.fatalities.to_string(),
                ]
            },
        )?;
        return Ok(true);
    }
    let by_type = store.stats(by, Group::Type)?;
    let by_admin1 = store.stats(by, Group::Admin1)?;
    let sections = [
        ("PERIOD", totals(&by_type, true), true),
        ("TYPE", totals(&by_type, false), false),
        ("ADMIN1", totals(&by_admin1, false), false),
    ];
    for (i, (name, rows, by_period)) in sections.iter().enumerate() {
        if i > 0 && matches!(args.format, ListFormat::Table) {
            writeln!(std::io::stdout())?;
        }
        write_rows(args.format, rows, &[name, "EVENTS", "FATALITIES"], |r| {
            row(r, if *by_period { &r.period } else { &r.group })
        })?;
    }
    Ok(true)
}
