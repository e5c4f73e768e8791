//! Putting two series on common dates: the dates of the sparser one, with the other's latest
//! value on or before each (as-of alignment).

use crate::model::Date;

use super::view::SeriesView;

/// Two series on common dates: `a[i]` and `b[i]` are their values on `dates[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aligned {
    /// The common dates, strictly increasing.
    pub dates: Vec<Date>,
    /// The first series' values.
    pub a: Vec<f64>,
    /// The second series' values.
    pub b: Vec<f64>,
}

impl Aligned {
    /// Number of aligned observations.
    #[must_use]
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether no date is common to both.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
}

/// Aligns `a` and `b` (each as its view holds it: cut at the as-of date for spreads).
///
/// Alignment of two series A and B: on the dates of the sparser one (fewer observations; A when
/// equal), taking the other's last value on or before each date (as-of); dates before the other
/// series starts are dropped.
#[must_use]
pub fn align(a: &SeriesView<'_>, b: &SeriesView<'_>) -> Aligned {
    if b.len() < a.len() {
        let swapped = align_on_first(b, a);
        Aligned {
            dates: swapped.dates,
            a: swapped.b,
            b: swapped.a,
        }
    } else {
        align_on_first(a, b)
    }
}

/// Aligns on `base`'s dates with `other`'s as-of values, in one merge pass.
fn align_on_first(base: &SeriesView<'_>, other: &SeriesView<'_>) -> Aligned {
    let other_dates = other.dates();
    let other_values = other.values();
    let first_kept = base.dates().partition_point(|d| *d < other_dates[0]);
    let capacity = base.len() - first_kept;
    let mut aligned = Aligned {
        dates: Vec::with_capacity(capacity),
        a: Vec::with_capacity(capacity),
        b: Vec::with_capacity(capacity),
    };
    // `next` is the count of other's observations on or before the current date.
    let mut next = 0;
    for (&date, &value) in base.dates()[first_kept..]
        .iter()
        .zip(&base.values()[first_kept..])
    {
        while next < other_dates.len() && other_dates[next] <= date {
            next += 1;
        }
        aligned.dates.push(date);
        aligned.a.push(value);
        aligned.b.push(other_values[next - 1]);
    }
    aligned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, series};

    fn v(s: &crate::model::Series) -> SeriesView<'_> {
        SeriesView::up_to(s, None).unwrap()
    }

    #[test]
    fn aligns_on_the_sparser_series_with_as_of_values() {
        let daily = series(&[
            ("2024-01-30", 1.0),
            ("2024-01-31", 2.0),
            ("2024-02-01", 3.0),
            ("2024-02-29", 4.0),
            ("2024-03-01", 5.0),
        ]);
        let monthly = series(&[
            ("2024-01-01", 10.0),
            ("2024-02-01", 20.0),
            ("2024-03-01", 30.0),
        ]);
        let aligned = align(&v(&daily), &v(&monthly));
        // 2024-01-01 precedes the daily series: dropped.
        assert_eq!(aligned.dates, vec![d("2024-02-01"), d("2024-03-01")]);
        assert_eq!(aligned.a, vec![3.0, 5.0]);
        assert_eq!(aligned.b, vec![20.0, 30.0]);
        let reversed = align(&v(&monthly), &v(&daily));
        assert_eq!(reversed.a, vec![20.0, 30.0]);
        assert_eq!(reversed.b, vec![3.0, 5.0]);
    }

    #[test]
    fn gaps_take_the_last_value_before() {
        let a = series(&[
            ("2024-01-05", 1.0),
            ("2024-01-10", 2.0),
            ("2024-01-20", 3.0),
        ]);
        let b = series(&[
            ("2024-01-01", 10.0),
            ("2024-01-08", 20.0),
            ("2024-01-10", 30.0),
            ("2024-01-19", 40.0),
        ]);
        let aligned = align(&v(&a), &v(&b));
        assert_eq!(aligned.b, vec![10.0, 30.0, 40.0]);
        assert_eq!(aligned.a, vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn equal_counts_use_the_first_series_dates() {
        let a = series(&[("2024-01-02", 1.0), ("2024-01-04", 2.0)]);
        let b = series(&[("2024-01-01", 10.0), ("2024-01-03", 20.0)]);
        let aligned = align(&v(&a), &v(&b));
        assert_eq!(aligned.dates, vec![d("2024-01-02"), d("2024-01-04")]);
        assert_eq!(aligned.b, vec![10.0, 20.0]);
        let other_way = align(&v(&b), &v(&a));
        assert_eq!(other_way.dates, vec![d("2024-01-03")]);
        assert_eq!(other_way.a, vec![20.0]);
        assert_eq!(other_way.b, vec![1.0]);
    }

    #[test]
    fn no_overlap_gives_nothing() {
        let a = series(&[("2020-01-01", 1.0)]);
        let b = series(&[("2024-01-01", 10.0), ("2024-02-01", 20.0)]);
        assert!(align(&v(&a), &v(&b)).is_empty());
    }
}
