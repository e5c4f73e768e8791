//! The domain model: dates, series and their provenance (the file and the settings it was read
//! with). Pure data, no I/O and no UI.

mod date;
mod kind;
mod read_options;
pub mod series;
mod source;

pub use date::{Date, YEAR_RANGE, days_in_month, is_leap_year};
pub use kind::SeriesKind;
pub use read_options::{
    DateFormat, DecimalSeparator, Delimiter, HeaderRow, ImportOptions, Layout, TextEncoding,
};
pub use series::{Series, SeriesError};
pub use source::Source;
