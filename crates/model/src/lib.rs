//! The types that flow between Dateline's stages.
//!
//! Data moves one way: a [`RawDocument`] (what ingest read) becomes one or
//! more [`Article`]s (what clean kept), which become [`Event`]s (what extract
//! found). Events serialise to the JSON Lines interchange format of
//! `spec/EVENTS.md` §8; every field name there is fixed.

mod article;
mod event;

pub use article::{Article, DateOrigin, InputFormat, OffsetMap, RawDocument, SourceMeta};
pub use event::{
    Actor, ArticleRef, Claim, DatePrecision, DateRange, Event, EventType, Fatalities, Location,
    Modality, SubEventType,
};
