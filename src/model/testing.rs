//! Builders the unit tests of every module share: dates from text and series from values.

use super::{Date, Series, SeriesKind, Source};

/// A date from `YYYY-MM-DD`.
pub(crate) fn d(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// A named series of consecutive calendar days from `start`, one value per day.
pub(crate) fn daily_series(name: &str, kind: SeriesKind, start: &str, values: &[f64]) -> Series {
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
