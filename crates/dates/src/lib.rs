//! Dateline's one date layer, shared by ingest (metadata dates), clean
//! (dates a page states about itself) and annotate (event dates):
//!
//! - [`Months`]: the one month table, `data/clean/months.tsv`;
//! - [`DateParser`]: full dates as written, in metadata values ("2017-10-03T08:15:00+03:00",
//!   "Tue, 3 Oct 2017 10:00:00 GMT") and in running text ("03 October 2017",
//!   "June 17, 2017", "Sept. 17 2019");
//! - [`calendar`]: the arithmetic that resolves relative dates against the
//!   publication date (spec §5), with [`Period`] for the relative phrases.
//!
//! Finding date expressions in tokenized article text stays in
//! `dateline-annotate`, which reads its tokens.

pub mod calendar;
mod months;
mod written;

pub use calendar::Period;
pub use months::{MonthName, Months};
pub use written::{day_of_month, find_date, plausible_year, DateParser};

/// The month table could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DatesError {
    #[error(transparent)]
    Refdata(#[from] dateline_refdata::Error),
    #[error("reference data {file}: line {line}: {problem}")]
    Data {
        file: &'static str,
        line: usize,
        problem: String,
    },
}
