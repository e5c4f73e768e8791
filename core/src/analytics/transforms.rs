//! Series derived for charts: rebased to 100, percent change from a base date, the drawdown
//! curve, the rolling N-session return, and the ratio and difference of two series.

use crate::model::{Date, Series};

use super::align::align;
use super::spread::ratio;
use super::view::{SeriesView, simple_return};

/// A derived line for a chart: one value per date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    /// The dates, strictly increasing.
    pub dates: Vec<Date>,
    /// The values, one per date.
    pub values: Vec<f64>,
}

impl Line {
    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether the line has no point.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The points as `[x, y]` with x the day number (days since 1970-01-01), as plots take them.
    #[must_use]
    pub fn points(&self) -> Vec<[f64; 2]> {
        self.dates
            .iter()
            .zip(&self.values)
            .map(|(date, value)| [f64::from(date.day_number()), *value])
            .collect()
    }

    fn with_capacity(capacity: usize) -> Line {
        Line {
            dates: Vec::with_capacity(capacity),
            values: Vec::with_capacity(capacity),
        }
    }

    fn push(&mut self, date: Date, value: f64) {
        self.dates.push(date);
        self.values.push(value);
    }
}

/// The series rebased to 100 at `base`, for the performance chart.
///
/// Rebased: `100 × C_s / C_b` for the sessions s from b on, b = the first session on or after the
/// chosen base date; absent when no session is that late or `C_b` is not positive. The percent
/// change from the base is `100 × (C_s / C_b − 1)`, from the same b. (That is
/// [`percent_change`].)
#[must_use]
pub fn rebase(series: &Series, base: Date) -> Option<Line> {
    scaled_from(series, base, |close, base_close| 100.0 * close / base_close)
}

/// `100 × (C_s / C_b − 1)`, the percent change since `b`, the first session on or after `base`
/// (the same `b` as [`rebase`]); `None` when no session is that late or `C_b` is not positive.
#[must_use]
pub fn percent_change(series: &Series, base: Date) -> Option<Line> {
    scaled_from(series, base, |close, base_close| {
        100.0 * (close / base_close - 1.0)
    })
}

fn scaled_from(series: &Series, base: Date, scale: impl Fn(f64, f64) -> f64) -> Option<Line> {
    let b = series.index_on_or_after(base)?;
    let base_close = *series.values().get(b).filter(|c| **c > 0.0)?;
    Some(Line {
        dates: series.dates()[b..].to_vec(),
        values: series.values()[b..]
            .iter()
            .map(|&close| scale(close, base_close))
            .collect(),
    })
}

/// The drawdown curve `C_s / max_{r≤s} C_r − 1` (fractions ≤ 0); `None` when a value is not
/// positive.
#[must_use]
pub fn drawdown_curve(series: &Series) -> Option<Line> {
    let mut line = Line::with_capacity(series.len());
    let mut high = f64::MIN;
    for (&date, &close) in series.dates().iter().zip(series.values()) {
        if close <= 0.0 {
            return None;
        }
        high = high.max(close);
        line.push(date, close / high - 1.0);
    }
    Some(line)
}

/// The rolling N-session return `C_s / C_{s−N} − 1` at every session with N sessions before it
/// (sessions where a close is not positive are left out).
#[must_use]
pub fn rolling_return(series: &Series, sessions: usize) -> Line {
    let values = series.values();
    if sessions == 0 || sessions >= values.len() {
        return Line::default();
    }
    let mut line = Line::with_capacity(values.len() - sessions);
    for s in sessions..values.len() {
        if let Some(ret) = simple_return(values[s - sessions], values[s]) {
            line.push(series.dates()[s], ret);
        }
    }
    line
}

/// The ratio series of two whole series, for the relative chart.
///
/// Relative: the ratio series A / B on the aligned dates of the two series, where B is positive
/// (a ratio over a zero or negative value has no meaning). Alignment of two series A and B: on
/// the dates of the sparser one (fewer observations; A when equal), taking the other's last
/// value on or before each date (as-of); dates before the other series starts are dropped. (See
/// [`align`].)
#[must_use]
pub fn ratio_series(a: &Series, b: &Series) -> Line {
    combined(a, b, ratio)
}

/// The difference `A − B` on aligned dates (see [`align`]).
#[must_use]
pub fn difference_series(a: &Series, b: &Series) -> Line {
    combined(a, b, |a, b| Some(a - b))
}

fn combined(a: &Series, b: &Series, combine: impl Fn(f64, f64) -> Option<f64>) -> Line {
    let (Some(a), Some(b)) = (SeriesView::up_to(a, None), SeriesView::up_to(b, None)) else {
        return Line::default();
    };
    let aligned = align(&a, &b);
    let mut line = Line::with_capacity(aligned.len());
    for ((&date, &a), &b) in aligned.dates.iter().zip(&aligned.a).zip(&aligned.b) {
        if let Some(value) = combine(a, b) {
            line.push(date, value);
        }
    }
    line
}

/// The return of a series over a date range: from the first session on or after `from` to the
/// last on or before `to`; `None` when the range holds fewer than two sessions or a close is
/// not positive.
#[must_use]
pub fn range_return(series: &Series, from: Date, to: Date) -> Option<f64> {
    let start = series.index_on_or_after(from)?;
    let end = series.index_on_or_before(to)?;
    if end <= start {
        return None;
    }
    simple_return(series.values()[start], series.values()[end])
}

/// The performance difference of two series over a date range, as a fraction.
///
/// Performance difference: A% − B% over a date range, each the return `C_end / C_start − 1` of
/// the series' own closes from its first session on or after the range's start to its last
/// session on or before the range's end. Absent when either series has fewer than two sessions
/// in the range or a close is not positive. (Each return is a [`range_return`].)
#[must_use]
pub fn performance_difference(a: &Series, b: &Series, from: Date, to: Date) -> Option<f64> {
    Some(range_return(a, from, to)? - range_return(b, from, to)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily, series};

    #[test]
    fn rebases_from_the_first_session_on_or_after_the_base() {
        let s = series(&[
            ("2024-01-02", 50.0),
            ("2024-01-04", 80.0),
            ("2024-01-05", 120.0),
        ]);
        let line = rebase(&s, d("2024-01-03")).unwrap();
        assert_eq!(line.dates, vec![d("2024-01-04"), d("2024-01-05")]);
        assert_eq!(line.values, vec![100.0, 150.0]);
        let change = percent_change(&s, d("2024-01-01")).unwrap();
        assert_eq!(
            change.values,
            vec![
                0.0,
                100.0 * (80.0 / 50.0 - 1.0),
                100.0 * (120.0 / 50.0 - 1.0)
            ]
        );
        assert!(rebase(&s, d("2024-01-06")).is_none());
        assert_eq!(
            line.points(),
            vec![
                [f64::from(d("2024-01-04").day_number()), 100.0],
                [f64::from(d("2024-01-05").day_number()), 150.0]
            ]
        );
    }

    #[test]
    fn drawdown_curve_tracks_the_running_high() {
        let s = daily("2024-01-01", &[100.0, 50.0, 200.0, 150.0]);
        assert_eq!(
            drawdown_curve(&s).unwrap().values,
            vec![0.0, -0.5, 0.0, -0.25]
        );
        assert!(drawdown_curve(&daily("2024-01-01", &[1.0, 0.0])).is_none());
    }

    #[test]
    fn rolling_return_starts_after_n_sessions() {
        let s = daily("2024-01-01", &[100.0, 110.0, 125.0, 100.0]);
        let line = rolling_return(&s, 2);
        assert_eq!(line.dates, vec![d("2024-01-03"), d("2024-01-04")]);
        assert_eq!(line.values, vec![0.25, 100.0 / 110.0 - 1.0]);
        assert!(rolling_return(&s, 4).is_empty());
        assert!(rolling_return(&s, 0).is_empty());
    }

    #[test]
    fn ratio_and_difference_on_aligned_dates() {
        let a = series(&[
            ("2024-01-02", 10.0),
            ("2024-01-03", 12.0),
            ("2024-01-04", 9.0),
        ]);
        let b = series(&[("2024-01-01", 5.0), ("2024-01-03", 6.0)]);
        // On b's dates (the sparser); 2024-01-01 precedes a and is dropped.
        let r = ratio_series(&a, &b);
        assert_eq!(r.dates, vec![d("2024-01-03")]);
        assert_eq!(r.values, vec![2.0]);
        assert_eq!(ratio_series(&b, &a).values, vec![0.5]);
        let diff = difference_series(&a, &b);
        assert_eq!(diff.dates, vec![d("2024-01-03")]);
        assert_eq!(diff.values, vec![6.0]);
        let zero = series(&[("2024-01-02", 0.0), ("2024-01-04", 3.0)]);
        let r = ratio_series(&a, &zero);
        assert_eq!(r.dates, vec![d("2024-01-04")]);
        assert_eq!(r.values, vec![3.0]);
    }

    #[test]
    fn performance_difference_over_a_range() {
        let a = series(&[
            ("2024-01-02", 100.0),
            ("2024-03-01", 117.0),
            ("2024-06-03", 130.0),
        ]);
        let b = series(&[("2024-01-02", 100.0), ("2024-03-01", 110.5)]);
        let from = d("2024-01-01");
        let to = d("2024-03-31");
        let diff = performance_difference(&a, &b, from, to).unwrap();
        assert!((diff - 0.065).abs() < 1e-12);
        assert_eq!(range_return(&a, d("2024-03-01"), d("2024-03-31")), None);
    }
}
