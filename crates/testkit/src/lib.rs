//! Test support shared by the crates' tests and benches (a dev-dependency
//! only): hand-made events, the benches' clocks, and with the `postgres`
//! feature throwaway databases on the test server. Panics on bad input: it
//! serves tests.

pub mod bench;
mod event;
#[cfg(feature = "postgres")]
pub mod pg;

pub use event::{day, event, EventBuilder, Place};
