//! Annualised volatility over the last year of daily closes.

use super::returns::Period;
use super::view::SeriesView;

/// Trading sessions per year, the annualisation factor's square.
pub const SESSIONS_PER_YEAR: f64 = 252.0;

/// The 1Y volatility: the sample standard deviation (n − 1) of the daily log returns
/// `ln(C_s / C_{s-1})` for the sessions after the 1Y base session up to `t`, × √252.
/// `None` when the 1Y return is absent, fewer than two returns exist, or a close is not positive.
#[must_use]
pub fn volatility_1y(view: &SeriesView<'_>) -> Option<f64> {
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
    Some((squares / (n - 1.0)).sqrt() * SESSIONS_PER_YEAR.sqrt())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, series};

    #[test]
    fn sample_deviation_of_log_returns_since_the_1y_base() {
        // The 1Y base of 2024-06-28 is 2023-06-28 (index 1); index 0 is outside the window.
        let s = series(&[
            ("2023-06-27", 1000.0),
            ("2023-06-28", 100.0),
            ("2023-12-29", 110.0),
            ("2024-03-28", 99.0),
            ("2024-06-28", 108.9),
        ]);
        let v = volatility_1y(&SeriesView::up_to(&s, None).unwrap()).unwrap();
        let r = [1.1f64.ln(), 0.9f64.ln(), 1.1f64.ln()];
        let mean = r.iter().sum::<f64>() / 3.0;
        let var = r.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 2.0;
        let expected = var.sqrt() * 252f64.sqrt();
        assert!((v - expected).abs() < 1e-12 * expected, "{v} vs {expected}");
    }

    #[test]
    fn absent_without_a_1y_base_or_with_one_return() {
        let short = series(&[("2024-01-02", 100.0), ("2024-06-28", 110.0)]);
        assert_eq!(
            volatility_1y(&SeriesView::up_to(&short, None).unwrap()),
            None
        );
        let one_return = series(&[("2023-06-28", 100.0), ("2024-06-28", 110.0)]);
        assert_eq!(
            volatility_1y(&SeriesView::up_to(&one_return, None).unwrap()),
            None
        );
        let flat = series(&[
            ("2023-06-28", 100.0),
            ("2023-12-28", 100.0),
            ("2024-06-28", 100.0),
        ]);
        assert_eq!(
            volatility_1y(&SeriesView::up_to(&flat, Some(d("2024-06-30"))).unwrap()),
            Some(0.0)
        );
    }
}
