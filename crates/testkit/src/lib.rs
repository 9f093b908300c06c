//! Test support shared by the crates' tests and benches (a dev-dependency
//! only): hand-made events, and with the `postgres` feature throwaway
//! databases on the test server. Panics on bad input: it serves tests.

mod event;
#[cfg(feature = "postgres")]
pub mod pg;

pub use event::{day, event, EventBuilder, Place};
