//! The part of a series the metrics see: its observations up to the as-of date `t`, so that
//! every metric is computed as if the data ended at `t`.

use crate::model::{Date, Series, series};

/// A series cut at its as-of session: `dates` and `values` end at `t`, the last observation on
/// or before the as-of date. Never empty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeriesView<'a> {
    dates: &'a [Date],
    values: &'a [f64],
}

impl<'a> SeriesView<'a> {
    /// The observations of `series` up to the last one on or before `as_of` (all of them when
    /// `as_of` is `None`); `None` when no observation is that early.
    #[must_use]
    pub fn up_to(series: &'a Series, as_of: Option<Date>) -> Option<SeriesView<'a>> {
        SeriesView::from_columns(series.dates(), series.values(), as_of)
    }

    /// As [`SeriesView::up_to`], from two columns of equal length with strictly increasing
    /// dates (the extra values of a longer column are ignored).
    #[must_use]
    pub fn from_columns(
        dates: &'a [Date],
        values: &'a [f64],
        as_of: Option<Date>,
    ) -> Option<SeriesView<'a>> {
        let available = dates.len().min(values.len());
        let end = match as_of {
            Some(date) => dates[..available].partition_point(|d| *d <= date),
            None => available,
        };
        (end > 0).then(|| SeriesView {
            dates: &dates[..end],
            values: &values[..end],
        })
    }

    /// The dates, ending at `t`.
    #[must_use]
    pub fn dates(&self) -> &'a [Date] {
        self.dates
    }

    /// The values, ending at `t`'s.
    #[must_use]
    pub fn values(&self) -> &'a [f64] {
        self.values
    }

    /// Number of observations up to and including `t`.
    #[must_use]
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Always `false`: a view holds at least `t`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// Index of `t`, the as-of session.
    #[must_use]
    pub fn t(&self) -> usize {
        self.dates.len() - 1
    }

    /// The as-of date.
    #[must_use]
    pub fn t_date(&self) -> Date {
        self.dates[self.t()]
    }

    /// The close at `t`.
    #[must_use]
    pub fn t_value(&self) -> f64 {
        self.values[self.t()]
    }

    /// The first date.
    #[must_use]
    pub fn first_date(&self) -> Date {
        self.dates[0]
    }

    /// Index of the last observation on or before `date`, if any.
    #[must_use]
    pub fn index_on_or_before(&self, date: Date) -> Option<usize> {
        series::index_on_or_before(self.dates, date)
    }

    /// Index of the first observation on or after `date`, if any.
    #[must_use]
    pub fn index_on_or_after(&self, date: Date) -> Option<usize> {
        series::index_on_or_after(self.dates, date)
    }

    /// `C_end / C_start - 1`, defined only when both closes are positive (a return between a
    /// zero or negative value and another has no meaning).
    #[must_use]
    pub fn simple_return(&self, start: usize, end: usize) -> Option<f64> {
        simple_return(*self.values.get(start)?, *self.values.get(end)?)
    }
}

/// `end / start - 1` when both are positive.
#[must_use]
pub fn simple_return(start: f64, end: f64) -> Option<f64> {
    (start > 0.0 && end > 0.0).then(|| end / start - 1.0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{SeriesKind, Source};

    pub(crate) use crate::testing::d;

    /// A price series from `(date, close)` pairs, for tests.
    pub(crate) fn series(points: &[(&str, f64)]) -> Series {
        named("X", SeriesKind::Price, points)
    }

    /// A named series of any kind from `(date, value)` pairs, for tests.
    pub(crate) fn named(name: &str, kind: SeriesKind, points: &[(&str, f64)]) -> Series {
        Series::new(
            name,
            kind,
            Source::default(),
            points.iter().map(|(date, _)| d(date)).collect(),
            points.iter().map(|(_, value)| *value).collect(),
        )
        .unwrap()
    }

    /// Consecutive days from `start` with the given closes, for tests.
    pub(crate) fn daily(start: &str, closes: &[f64]) -> Series {
        crate::testing::daily_series("X", SeriesKind::Price, start, closes)
    }

    #[test]
    fn cuts_at_the_last_observation_on_or_before_as_of() {
        let s = series(&[
            ("2024-01-02", 1.0),
            ("2024-01-04", 2.0),
            ("2024-01-08", 3.0),
        ]);
        let view = SeriesView::up_to(&s, Some(d("2024-01-05"))).unwrap();
        assert_eq!(view.len(), 2);
        assert_eq!(view.t_date(), d("2024-01-04"));
        assert_eq!(view.t_value(), 2.0);
        let exact = SeriesView::up_to(&s, Some(d("2024-01-08"))).unwrap();
        assert_eq!(exact.len(), 3);
        assert_eq!(SeriesView::up_to(&s, None).unwrap().len(), 3);
        assert!(SeriesView::up_to(&s, Some(d("2024-01-01"))).is_none());
    }

    #[test]
    fn returns_need_positive_closes() {
        assert_eq!(simple_return(2.0, 3.0), Some(0.5));
        assert_eq!(simple_return(0.0, 3.0), None);
        assert_eq!(simple_return(-2.0, -3.0), None);
        assert_eq!(simple_return(2.0, 0.0), None);
    }
}
