//! The maximum drawdown over a series' range, with its peak, trough and recovery dates.

use crate::model::Date;

use super::view::SeriesView;

/// The deepest fall from a running high: `min_s C_s / max_{r≤s} C_r - 1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawdown {
    /// The drawdown, a fraction ≤ 0 (0 when the series never falls).
    pub value: f64,
    /// The session where the running maximum at the trough was first reached.
    pub peak: Option<Date>,
    /// The first session with the deepest drawdown.
    pub trough: Option<Date>,
    /// The first session after the trough closing at or above the peak's close.
    pub recovery: Option<Date>,
}

/// The maximum drawdown of the view (its observations up to `t`).
///
/// Max drawdown over the range: min over s ≤ t of `C_s / max_{r≤s} C_r − 1`. Trough = the first
/// session with that minimum; peak = the session where the running maximum at the trough was
/// first reached; recovery = the first session after the trough closing at or above the peak's
/// close (none if it has not). A series that never falls has value 0 and no dates.
///
/// `None` when a value is not positive, since a fall from a zero or negative level has no
/// meaning.
#[must_use]
pub fn max_drawdown(view: &SeriesView<'_>) -> Option<Drawdown> {
    let dates = view.dates();
    let values = view.values();
    let mut peak = 0;
    let mut worst = 0.0;
    let mut worst_peak = 0;
    let mut trough = None;
    for (s, &close) in values.iter().enumerate() {
        if close <= 0.0 {
            return None;
        }
        // Strict comparisons keep the first session of a repeated high and of a repeated low.
        if close > values[peak] {
            peak = s;
        }
        let drawdown = close / values[peak] - 1.0;
        if drawdown < worst {
            worst = drawdown;
            worst_peak = peak;
            trough = Some(s);
        }
    }
    let Some(trough) = trough else {
        return Some(Drawdown {
            value: 0.0,
            peak: None,
            trough: None,
            recovery: None,
        });
    };
    let peak_close = values[worst_peak];
    let recovery = (trough + 1..values.len()).find(|&s| values[s] >= peak_close);
    Some(Drawdown {
        value: worst,
        peak: Some(dates[worst_peak]),
        trough: Some(dates[trough]),
        recovery: recovery.map(|s| dates[s]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily};

    fn dd(closes: &[f64]) -> Option<Drawdown> {
        let s = daily("2024-01-01", closes);
        max_drawdown(&SeriesView::up_to(&s, None).unwrap())
    }

    #[test]
    fn finds_peak_trough_and_recovery() {
        let r = dd(&[100.0, 120.0, 90.0, 60.0, 100.0, 120.0, 130.0]).unwrap();
        assert_eq!(r.value, -0.5);
        assert_eq!(r.peak, Some(d("2024-01-02")));
        assert_eq!(r.trough, Some(d("2024-01-04")));
        assert_eq!(r.recovery, Some(d("2024-01-06")));
    }

    #[test]
    fn ties_go_to_the_earliest_peak_and_trough() {
        let r = dd(&[100.0, 100.0, 50.0, 100.0, 50.0, 90.0]).unwrap();
        assert_eq!(r.value, -0.5);
        assert_eq!(r.peak, Some(d("2024-01-01")));
        assert_eq!(r.trough, Some(d("2024-01-03")));
        assert_eq!(r.recovery, Some(d("2024-01-04")));
    }

    #[test]
    fn a_later_deeper_fall_from_a_new_high_wins() {
        let r = dd(&[100.0, 80.0, 200.0, 100.0, 150.0]).unwrap();
        assert_eq!(r.value, -0.5);
        assert_eq!(r.peak, Some(d("2024-01-03")));
        assert_eq!(r.trough, Some(d("2024-01-04")));
        assert_eq!(r.recovery, None);
    }

    #[test]
    fn a_series_that_never_falls_has_zero_and_no_dates() {
        let r = dd(&[100.0, 100.0, 101.0]).unwrap();
        assert_eq!(
            r,
            Drawdown {
                value: 0.0,
                peak: None,
                trough: None,
                recovery: None
            }
        );
        assert_eq!(dd(&[5.0]).map(|r| r.value), Some(0.0));
    }

    #[test]
    fn as_of_cuts_the_range() {
        let s = daily("2024-01-01", &[100.0, 50.0, 100.0, 25.0]);
        let r = max_drawdown(&SeriesView::up_to(&s, Some(d("2024-01-03"))).unwrap()).unwrap();
        assert_eq!(r.value, -0.5);
        assert_eq!(r.recovery, Some(d("2024-01-03")));
    }

    #[test]
    fn non_positive_values_give_none() {
        assert_eq!(dd(&[1.0, 0.0, 2.0]), None);
        assert_eq!(dd(&[-1.0, -2.0]), None);
    }
}
