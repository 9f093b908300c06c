//! Live monitoring and scale-out.
//!
//! - [`watch`]: `dateline watch` — rounds of feed checking (RSS, Atom,
//!   sitemaps) and page fetching through a [`polite`] client, remembering
//!   what was seen in the database ([`state`]), handing pages to a
//!   [`sink::Sink`].
//! - [`queue`]: NATS JetStream work distribution — `dateline enqueue`
//!   publishes documents, `dateline worker` pulls them, runs the pipeline
//!   and stores, acknowledging after commit; failures go to dead letters.
//!
//! Every network operation here is bounded in time and size, and every
//! failure of someone else's server is reported and survived.

pub mod duration;
pub mod feed;
pub mod local;
pub mod polite;
pub mod queue;
pub mod robots;
pub mod sink;
pub mod state;
pub mod watch;

pub use duration::parse_duration;
