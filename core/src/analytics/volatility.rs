//! Annualised volatility over the last year of closes, scaled by how often the series is
//! observed.

use super::frequency::Frequency;
use super::returns::Period;
use super::view::SeriesView;

/// Trading sessions per year: the square of the annualisation factor of daily data.
pub const SESSIONS_PER_YEAR: f64 = 252.0;

/// Volatility (1Y): the sample standard deviation (n − 1) of the log returns ln(C_s / C_{s-1})
/// between consecutive observations, for the observations after the 1Y base session up to t
/// (the closes the 1Y return spans), annualised by the series' observation frequency in that
/// window: × √252 for daily data, × √52 weekly, × √12 monthly, × √4 quarterly (× √1 yearly).
/// The frequency comes from the median gap between consecutive observations in the window:
/// under 4 calendar days daily, under 15 weekly, under 53 monthly, under 183 quarterly, else
/// yearly. Absent when 1Y is absent, fewer than two returns exist or a close is not positive.
///
/// The frequency is [`Frequency::of_dates`] of the window's dates; daily data keeps the
/// trading-session convention of [`SESSIONS_PER_YEAR`] whatever its calendar.
#[must_use]
pub fn volatility_1y(view: &SeriesView<'_>) -> Option<f64> {
    volatility_1y_at(view, Frequency::of_view(view)?)
}

/// [`volatility_1y`] with the view's frequency ([`Frequency::of_view`]) already known.
#[must_use]
pub(crate) fn volatility_1y_at(view: &SeriesView<'_>, frequency: Frequency) -> Option<f64> {
    let base = Period::Y1.base_index(view)?;
    let closes = &view.values()[base..];
    if closes.len() < 3 || closes.iter().any(|&c| c <= 0.0) {
        return None;
    }
    let n = (closes.len() - 1) as f64;
    let log_return = |pair: &[f64]| (pair[1] / pair[0]).ln();
    // Two passes (mean, then squared deviations): exact enough to agree with reference tools
    // without storing the returns.
    let mean = closes.windows(2).map(log_return).sum::<f64>() / n;
    let squares = closes
        .windows(2)
        .map(|pair| {
            let deviation = log_return(pair) - mean;
            deviation * deviation
        })
        .sum::<f64>();
    Some((squares / (n - 1.0)).sqrt() * frequency.periods_per_year().sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, series};
    use crate::model::{Date, Series, SeriesKind, Source};

    fn vol(s: &Series, as_of: Option<&str>) -> Option<f64> {
        volatility_1y(&SeriesView::up_to(s, as_of.map(d)).unwrap())
    }

    /// The sample standard deviation (n − 1) of `returns`.
    fn sample_deviation(returns: &[f64]) -> f64 {
        let n = returns.len() as f64;
        let mean = returns.iter().sum::<f64>() / n;
        let var = returns.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        var.sqrt()
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-12 * expected,
            "{actual} vs {expected}"
        );
    }

    #[test]
    fn quarterly_closes_since_the_1y_base_are_annualised_by_root_4() {
        // The 1Y base of 2024-06-28 is 2023-06-28 (index 1); index 0 is outside the window.
        // Gaps of 184, 90 and 92 days: median 92, quarterly.
        let s = series(&[
            ("2023-06-27", 1000.0),
            ("2023-06-28", 100.0),
            ("2023-12-29", 110.0),
            ("2024-03-28", 99.0),
            ("2024-06-28", 108.9),
        ]);
        let r = [1.1f64.ln(), 0.9f64.ln(), 1.1f64.ln()];
        assert_close(vol(&s, None).unwrap(), sample_deviation(&r) * 2.0);
    }

    #[test]
    fn monthly_closes_are_annualised_by_root_12() {
        // Month ends from 2023-06-30 to 2024-06-30, alternately up 10% and back: twelve log
        // returns of ±ln 1.1 with mean 0, so the sample deviation is ln 1.1 × √(12 / 11) and
        // the volatility ln 1.1 × √(12 / 11) × √12 = 12 ln 1.1 / √11 ≈ 34.48%. The May close
        // before the 1Y base is outside the window.
        let mut points = vec![("2023-05-31".to_string(), 1000.0)];
        let mut close = 100.0;
        for i in 0..=12u32 {
            let (year, month) = (
                2023 + i32::try_from((5 + i) / 12).unwrap(),
                (5 + i) % 12 + 1,
            );
            let day = crate::model::days_in_month(year, month);
            points.push((format!("{year}-{month:02}-{day:02}"), close));
            close = if i % 2 == 0 { close * 1.1 } else { close / 1.1 };
        }
        let refs: Vec<(&str, f64)> = points.iter().map(|(s, v)| (s.as_str(), *v)).collect();
        let s = series(&refs);
        let v = vol(&s, None).unwrap();
        assert_close(v, 12.0 * 1.1f64.ln() / 11f64.sqrt());
        assert!((v - 0.344_845).abs() < 1e-6, "{v}");
    }

    #[test]
    fn weekly_closes_are_annualised_by_root_52() {
        let mut dates = Vec::new();
        let mut day = d("2023-06-23");
        while day <= d("2024-06-28") {
            dates.push(day);
            day = day.plus_days(7).unwrap();
        }
        let factors: Vec<f64> = (1..dates.len())
            .map(|i| 1.0 + 0.01 * f64::from(u32::try_from(i % 5).unwrap()) - 0.015)
            .collect();
        let s = from_factors(dates, &factors);
        let logs: Vec<f64> = factors.iter().map(|f| f.ln()).collect();
        assert_close(
            vol(&s, None).unwrap(),
            sample_deviation(&logs) * 52f64.sqrt(),
        );
    }

    /// A price series on `dates` starting at 100 and multiplied by each factor in turn.
    fn from_factors(dates: Vec<Date>, factors: &[f64]) -> Series {
        let mut values = vec![100.0];
        for factor in factors {
            values.push(values[values.len() - 1] * factor);
        }
        Series::new("X", SeriesKind::Price, Source::default(), dates, values).unwrap()
    }

    #[test]
    fn daily_closes_with_a_gap_stay_daily_and_span_the_gap_in_one_return() {
        // Every calendar day from 2023-06-30 to 2024-06-30 except 20 days in January: the
        // median gap is 1 day, so √252; the return across the gap is one log return.
        let mut dates = Vec::new();
        let mut day = d("2023-06-30");
        while day <= d("2024-06-30") {
            if !(d("2024-01-10")..=d("2024-01-29")).contains(&day) {
                dates.push(day);
            }
            day = day.plus_days(1).unwrap();
        }
        let gap_after = dates.iter().position(|&x| x == d("2024-01-09")).unwrap();
        let factors: Vec<f64> = (0..dates.len() - 1)
            .map(|i| {
                if i == gap_after {
                    1.2
                } else if i % 2 == 0 {
                    1.01
                } else {
                    0.995
                }
            })
            .collect();
        let s = from_factors(dates, &factors);
        let logs: Vec<f64> = factors.iter().map(|f| f.ln()).collect();
        assert_close(
            vol(&s, None).unwrap(),
            sample_deviation(&logs) * 252f64.sqrt(),
        );
    }

    #[test]
    fn a_leap_day_window_starts_at_28_february() {
        // Month ends; as of 2024-02-29 the 1Y base is the close on or before 2023-02-28, so the
        // window is 2023-02-28 … 2024-02-29: twelve monthly returns, the January 2023 close and
        // its −50% return outside it.
        let mut points = vec![("2023-01-31".to_string(), 200.0)];
        let factors = [
            1.02, 0.97, 1.05, 0.99, 1.01, 0.96, 1.03, 1.04, 0.98, 1.0, 1.06, 0.95,
        ];
        let mut close = 100.0;
        points.push(("2023-02-28".to_string(), close));
        for (i, factor) in factors.iter().enumerate() {
            let month = u32::try_from(i).unwrap() + 3;
            let (year, month) = if month > 12 {
                (2024, month - 12)
            } else {
                (2023, month)
            };
            let day = crate::model::days_in_month(year, month);
            close *= factor;
            points.push((format!("{year}-{month:02}-{day:02}"), close));
        }
        assert_eq!(points[points.len() - 1].0, "2024-02-29");
        let refs: Vec<(&str, f64)> = points.iter().map(|(s, v)| (s.as_str(), *v)).collect();
        let s = series(&refs);
        let logs: Vec<f64> = factors.iter().map(|f| f.ln()).collect();
        assert_close(
            vol(&s, None).unwrap(),
            sample_deviation(&logs) * 12f64.sqrt(),
        );
    }

    #[test]
    fn absent_without_a_1y_base_or_with_one_return() {
        let short = series(&[("2024-01-02", 100.0), ("2024-06-28", 110.0)]);
        assert_eq!(vol(&short, None), None);
        let one_return = series(&[("2023-06-28", 100.0), ("2024-06-28", 110.0)]);
        assert_eq!(vol(&one_return, None), None);
        let flat = series(&[
            ("2023-06-28", 100.0),
            ("2023-12-28", 100.0),
            ("2024-06-28", 100.0),
        ]);
        assert_eq!(vol(&flat, Some("2024-06-30")), Some(0.0));
    }
}
