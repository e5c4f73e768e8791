//! A named time series: where it came from, what it measures, and its observations stored
//! column-wise (one vector of dates, one of values) with the invariants every consumer relies on.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Date, SeriesKind, Source};

/// One series of observations: strictly increasing dates, one finite value per date.
///
/// The invariants are checked once, in [`Series::new`]; the fields holding the observations are
/// private so no later code can break them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SeriesData", into = "SeriesData")]
pub struct Series {
    /// The display name, e.g. `^RUT` or `PE10`.
    pub name: String,
    /// What the values measure.
    pub kind: SeriesKind,
    /// Where the series was imported from.
    pub source: Source,
    dates: Vec<Date>,
    values: Vec<f64>,
}

/// Why a set of observations cannot form a [`Series`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SeriesError {
    /// The two columns differ in length.
    #[error("{dates} dates but {values} values")]
    LengthMismatch {
        /// Number of dates.
        dates: usize,
        /// Number of values.
        values: usize,
    },
    /// A date is not after the one before it.
    #[error("dates must strictly increase: {previous} is followed by {date} (observation {index})")]
    NotIncreasing {
        /// Zero-based index of the offending observation.
        index: usize,
        /// The date before it.
        previous: Date,
        /// The offending date.
        date: Date,
    },
    /// A value is NaN or infinite.
    #[error("the value on {date} is not a finite number")]
    NotFinite {
        /// Zero-based index of the offending observation.
        index: usize,
        /// The date of the offending value.
        date: Date,
    },
}

impl Series {
    /// Builds a series, checking that dates strictly increase and every value is finite.
    pub fn new(
        name: impl Into<String>,
        kind: SeriesKind,
        source: Source,
        dates: Vec<Date>,
        values: Vec<f64>,
    ) -> Result<Series, SeriesError> {
        if dates.len() != values.len() {
            return Err(SeriesError::LengthMismatch {
                dates: dates.len(),
                values: values.len(),
            });
        }
        for (index, pair) in dates.windows(2).enumerate() {
            if pair[1] <= pair[0] {
                return Err(SeriesError::NotIncreasing {
                    index: index + 1,
                    previous: pair[0],
                    date: pair[1],
                });
            }
        }
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(SeriesError::NotFinite {
                index,
                date: dates[index],
            });
        }
        Ok(Series {
            name: name.into(),
            kind,
            source,
            dates,
            values,
        })
    }

    /// The observation dates, strictly increasing.
    #[must_use]
    pub fn dates(&self) -> &[Date] {
        &self.dates
    }

    /// The values, one per date, all finite.
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of observations.
    #[must_use]
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether the series has no observations.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The first observation, if any.
    #[must_use]
    pub fn first(&self) -> Option<(Date, f64)> {
        Some((*self.dates.first()?, *self.values.first()?))
    }

    /// The last observation, if any.
    #[must_use]
    pub fn last(&self) -> Option<(Date, f64)> {
        Some((*self.dates.last()?, *self.values.last()?))
    }

    /// The value on exactly `date`, if there is an observation that day.
    #[must_use]
    pub fn value_on(&self, date: Date) -> Option<f64> {
        let index = self.dates.binary_search(&date).ok()?;
        self.values.get(index).copied()
    }

    /// Index of the last observation on or before `date`, if any.
    #[must_use]
    pub fn index_on_or_before(&self, date: Date) -> Option<usize> {
        index_on_or_before(&self.dates, date)
    }

    /// Index of the first observation on or after `date`, if any.
    #[must_use]
    pub fn index_on_or_after(&self, date: Date) -> Option<usize> {
        index_on_or_after(&self.dates, date)
    }

    /// Gives up the two columns (dates, values).
    #[must_use]
    pub fn into_columns(self) -> (Vec<Date>, Vec<f64>) {
        (self.dates, self.values)
    }
}

/// The serialised form: same fields, observations checked again on the way in.
#[derive(Serialize, Deserialize)]
struct SeriesData {
    name: String,
    kind: SeriesKind,
    source: Source,
    dates: Vec<Date>,
    values: Vec<f64>,
}

impl TryFrom<SeriesData> for Series {
    type Error = SeriesError;

    fn try_from(data: SeriesData) -> Result<Self, Self::Error> {
        Series::new(data.name, data.kind, data.source, data.dates, data.values)
    }
}

impl From<Series> for SeriesData {
    fn from(series: Series) -> Self {
        SeriesData {
            name: series.name,
            kind: series.kind,
            source: series.source,
            dates: series.dates,
            values: series.values,
        }
    }
}

/// Index of the last date on or before `date` in strictly increasing `dates`, if any.
#[must_use]
pub fn index_on_or_before(dates: &[Date], date: Date) -> Option<usize> {
    dates.partition_point(|d| *d <= date).checked_sub(1)
}

/// Index of the first date on or after `date` in strictly increasing `dates`, if any.
#[must_use]
pub fn index_on_or_after(dates: &[Date], date: Date) -> Option<usize> {
    let index = dates.partition_point(|d| *d < date);
    (index < dates.len()).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Date {
        Date::from_day_number(n).unwrap_or_else(|| panic!("day {n}"))
    }

    #[test]
    fn accepts_increasing_finite_observations() {
        let series = Series::new(
            "X",
            SeriesKind::Price,
            Source::default(),
            vec![day(1), day(2), day(5)],
            vec![1.0, 2.0, 3.0],
        );
        let series = series.unwrap();
        assert_eq!(series.len(), 3);
        assert_eq!(series.index_on_or_before(day(4)), Some(1));
        assert_eq!(series.index_on_or_before(day(0)), None);
        assert_eq!(series.index_on_or_after(day(3)), Some(2));
        assert_eq!(series.index_on_or_after(day(6)), None);
        assert_eq!(series.value_on(day(5)), Some(3.0));
    }

    #[test]
    fn rejects_repeated_dates_and_nan() {
        let repeated = Series::new(
            "X",
            SeriesKind::Price,
            Source::default(),
            vec![day(1), day(1)],
            vec![1.0, 2.0],
        );
        assert!(matches!(
            repeated,
            Err(SeriesError::NotIncreasing { index: 1, .. })
        ));
        let nan = Series::new(
            "X",
            SeriesKind::Price,
            Source::default(),
            vec![day(1)],
            vec![f64::NAN],
        );
        assert!(matches!(nan, Err(SeriesError::NotFinite { .. })));
    }
}
