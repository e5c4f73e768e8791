//! Builders the unit tests of every module share (and, with the `testing` feature, the unit tests
//! of crates built on this one): dates from text and series from values. They panic on bad
//! input, as test helpers may.

use super::{Date, Series, SeriesKind, Source};

/// A date from `YYYY-MM-DD`.
#[must_use]
pub fn d(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// A named series of consecutive calendar days from `start`, one value per day.
#[must_use]
pub fn daily_series(name: &str, kind: SeriesKind, start: &str, values: &[f64]) -> Series {
    let first = d(start);
    let dates = (0..values.len())
        .map(|i| {
            first
                .plus_days(i32::try_from(i).unwrap_or(i32::MAX))
                .unwrap_or(first)
        })
        .collect();
    Series::new(name, kind, Source::default(), dates, values.to_vec())
        .unwrap_or_else(|e| panic!("bad test series {name}: {e}"))
}
