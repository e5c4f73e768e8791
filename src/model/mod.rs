//! The domain model: dates, series and their provenance. Pure data, no I/O and no UI.

mod date;
mod kind;
pub mod series;
mod source;
#[cfg(test)]
pub(crate) mod testing;

pub use date::{Date, YEAR_RANGE, days_in_month, is_leap_year};
pub use kind::SeriesKind;
pub use series::{Series, SeriesError};
pub use source::Source;
