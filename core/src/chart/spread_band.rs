//! The spread chart's percentile band: the 10th, 50th and 90th percentile levels of the spread
//! over its lookback window, and where the latest value ranks — taken from the analytics'
//! spread metrics, for the difference or the ratio the chart shows.

use crate::analytics::{
    Aligned, MetricsOptions, SeriesView, align, ratio, spread_metrics, spread_of_aligned,
};
use crate::model::{Date, Series};
use crate::workspace::SpreadMode;

/// The band and the latest value of a spread as of a date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpreadBand {
    /// The first date of the lookback window.
    pub from: Date,
    /// The spread's date: the last aligned date on or before the as-of date.
    pub to: Date,
    /// The 10th percentile level over the window.
    pub p10: f64,
    /// The median over the window.
    pub p50: f64,
    /// The 90th percentile level over the window.
    pub p90: f64,
    /// The spread on `to`.
    pub latest: f64,
    /// The latest value's percentile rank (0–100) within the window.
    pub percentile: Option<f64>,
    /// Observations in the window.
    pub observations: usize,
    /// Whether the data reaches back over the whole lookback.
    pub covers_lookback: bool,
}

/// The band of the spread `A − B` or `A / B` as of `as_of` over `lookback_years`; `None` when
/// the series share no date, the latest ratio is undefined, or the window is empty.
#[must_use]
pub fn spread_band(
    a: &Series,
    b: &Series,
    mode: SpreadMode,
    as_of: Option<Date>,
    lookback_years: u32,
) -> Option<SpreadBand> {
    let options = MetricsOptions {
        as_of,
        lookback_years,
        ..MetricsOptions::default()
    };
    let metrics = spread_metrics(a, b, &options);
    let to = metrics.date?;
    match mode {
        SpreadMode::Difference => {
            let bands = metrics.bands?;
            Some(SpreadBand {
                from: metrics.window_start?,
                to,
                p10: bands.p10,
                p50: bands.p50,
                p90: bands.p90,
                latest: metrics.difference?,
                percentile: metrics.percentile_difference,
                observations: metrics.observations,
                covers_lookback: metrics.covers_lookback,
            })
        }
        SpreadMode::Ratio => {
            let latest = metrics.ratio?;
            // The ratios where defined, ranked as a difference from zero: the same window and
            // the same percentile levels the analytics give differences.
            let aligned = align(&SeriesView::up_to(a, as_of)?, &SeriesView::up_to(b, as_of)?);
            let mut ratios = Aligned::default();
            for ((&date, &va), &vb) in aligned.dates.iter().zip(&aligned.a).zip(&aligned.b) {
                if let Some(r) = ratio(va, vb) {
                    ratios.dates.push(date);
                    ratios.a.push(r);
                    ratios.b.push(0.0);
                }
            }
            let ranked = spread_of_aligned(&metrics.a, &metrics.b, &ratios, lookback_years);
            let bands = ranked.bands?;
            Some(SpreadBand {
                from: ranked.window_start?,
                to,
                p10: bands.p10,
                p50: bands.p50,
                p90: bands.p90,
                latest,
                percentile: metrics.percentile_ratio,
                observations: ranked.observations,
                covers_lookback: ranked.covers_lookback,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Bands;
    use crate::model::{SeriesKind, Source};

    fn monthly(name: &str, values: &[f64]) -> Series {
        let dates = (0..values.len())
            .map(|i| Date::from_ymd(2000 + (i / 12) as i32, (i % 12) as u32 + 1, 1).unwrap())
            .collect();
        Series::new(
            name,
            SeriesKind::Valuation,
            Source::default(),
            dates,
            values.to_vec(),
        )
        .unwrap()
    }

    #[test]
    fn difference_band_is_the_analytics_spread_metrics() {
        let a = monthly("A", &[10.0, 12.0, 9.0, 11.0, 10.0]);
        let b = monthly("B", &[5.0, 6.0, 3.0, 5.5, 5.0]);
        let band = spread_band(&a, &b, SpreadMode::Difference, None, 20).unwrap();
        // Differences 5, 6, 6, 5.5 in the window; latest 5.
        assert_eq!(band.latest, 5.0);
        assert_eq!(band.percentile, Some(12.5));
        assert_eq!(band.p50, 5.75);
        assert_eq!(band.p90, 6.0);
        assert!((band.p10 - 5.15).abs() < 1e-12);
        assert_eq!(band.from, Date::from_ymd(2000, 1, 1).unwrap());
        assert_eq!(band.to, Date::from_ymd(2000, 5, 1).unwrap());
        assert_eq!(band.observations, 4);
        assert!(!band.covers_lookback);
    }

    #[test]
    fn ratio_band_ranks_the_defined_ratios() {
        let a = monthly("A", &[10.0, 12.0, 9.0, 11.0, 10.0, 8.0]);
        let b = monthly("B", &[5.0, 0.0, 3.0, 5.5, 4.0, 4.0]);
        let band = spread_band(&a, &b, SpreadMode::Ratio, None, 20).unwrap();
        // Ratios 2, (undefined), 3, 2, 2.5 in the window; latest 2.
        assert_eq!(band.latest, 2.0);
        let expected = Bands::of(&[2.0, 3.0, 2.0, 2.5]).unwrap();
        assert_eq!(
            (band.p10, band.p50, band.p90),
            (expected.p10, expected.p50, expected.p90)
        );
        assert_eq!(band.percentile, Some(100.0 * (0.0 + 0.5 * 2.0) / 4.0));
        assert_eq!(band.observations, 4);
        // As of March 2000 the latest ratio is 3.
        let march = Date::from_ymd(2000, 3, 15);
        let early = spread_band(&a, &b, SpreadMode::Ratio, march, 20).unwrap();
        assert_eq!(early.latest, 3.0);
        assert_eq!(early.to, Date::from_ymd(2000, 3, 1).unwrap());
    }

    #[test]
    fn no_band_without_a_window_or_a_defined_latest_ratio() {
        let a = monthly("A", &[10.0]);
        let b = monthly("B", &[5.0]);
        assert_eq!(spread_band(&a, &b, SpreadMode::Difference, None, 20), None);
        let a = monthly("A", &[10.0, 12.0]);
        let b = monthly("B", &[5.0, -1.0]);
        assert_eq!(spread_band(&a, &b, SpreadMode::Ratio, None, 20), None);
        assert!(spread_band(&a, &b, SpreadMode::Difference, None, 20).is_some());
    }
}
