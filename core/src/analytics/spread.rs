//! The spread of two series (typically valuations: small-cap P/E against large-cap P/E) as a
//! difference and a ratio, ranked against its own history over a lookback window.

use crate::model::{Date, Series, SeriesKind};

use super::align::{Aligned, align};
use super::headline::{RelativeMove, relative_move_of};
use super::moves::Since;
use super::options::MetricsOptions;
use super::percentile::{Bands, percentile_rank};
use super::view::SeriesView;

/// The spread `A − B` and `A / B` on the latest aligned date, with percentile ranks.
///
/// Spread of two series A and B (typically valuations, such as small-cap P/E against large-cap
/// P/E): the difference A − B and, where B is positive, the ratio A / B on their aligned dates,
/// ranked by percentile within the lookback window. The two series are cut at the as-of date and
/// aligned on the dates of the sparser one (fewer observations up to the as-of date; A when
/// equal), taking the other's last value on or before each date; dates before the other series
/// starts are dropped. The spread's date is the last aligned date.
///
/// The window holds the aligned observations dated on or after the spread's date minus the
/// lookback (calendar years) and before the spread's date — the latest excluded.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadMetrics {
    /// The first series' name.
    pub a: String,
    /// The second series' name.
    pub b: String,
    /// The last aligned date on or before the as-of date; `None` when the series share no date.
    pub date: Option<Date>,
    /// Spread difference: A − B on the spread's date.
    pub difference: Option<f64>,
    /// Spread ratio: A / B on the spread's date, defined when B is positive.
    pub ratio: Option<f64>,
    /// The lookback of the percentile window, in calendar years.
    pub lookback_years: u32,
    /// The number of aligned observations in the window: dates ≥ `date` − lookback and before
    /// `date` (the latest is excluded).
    pub observations: usize,
    /// The first date in the window.
    pub window_start: Option<Date>,
    /// Whether the aligned data reaches back before the window's start, so the window spans the
    /// whole lookback rather than only the data there is.
    pub covers_lookback: bool,
    /// Percentile rank of the latest difference v: 100 × (#{x < v} + 0.5 × #{x = v}) / n over
    /// the lookback window. From 0 to 100.
    pub percentile_difference: Option<f64>,
    /// Percentile rank of the latest ratio v: 100 × (#{x < v} + 0.5 × #{x = v}) / n over the
    /// window's defined ratios. From 0 to 100.
    pub percentile_ratio: Option<f64>,
    /// The 10th, 50th and 90th percentile levels of the window's differences.
    pub bands: Option<Bands>,
    /// What the first series measures (a valuation when only aligned values were given).
    pub a_kind: SeriesKind,
    /// What the second series measures (a valuation when only aligned values were given).
    pub b_kind: SeriesKind,
    /// The relative move of the pair over the move window, when both series are prices (see
    /// `analytics::headline`).
    pub relative_move: Option<RelativeMove>,
    /// How rare the spread's level is: the latest earlier aligned date whose level (the ratio
    /// for two prices, else the difference) was at least as high — as low, when the level's
    /// percentile rank is below 50 — or the first aligned date when none was.
    pub level_since: Option<Since>,
}

impl SpreadMetrics {
    /// Whether both series are prices: the pair speaks of relative strength, the ratio `A / B`
    /// and its percentile rank, and not of the difference of two index levels.
    #[must_use]
    pub fn of_prices(&self) -> bool {
        self.a_kind == SeriesKind::Price && self.b_kind == SeriesKind::Price
    }

    /// Whether both series are rates: the difference is stated in basis points.
    #[must_use]
    pub fn of_rates(&self) -> bool {
        self.a_kind == SeriesKind::Rate && self.b_kind == SeriesKind::Rate
    }

    /// The level the pair leads with and its percentile rank: the ratio for two prices, the
    /// difference otherwise.
    #[must_use]
    pub fn lead(&self) -> (Option<f64>, Option<f64>) {
        if self.of_prices() {
            (self.ratio, self.percentile_ratio)
        } else {
            (self.difference, self.percentile_difference)
        }
    }
}

/// The spread of `a` over `b` as of `options.as_of` (both series cut there first), ranked over
/// `options.lookback_years` (see [`SpreadMetrics`] for the definitions).
#[must_use]
pub fn spread_metrics(a: &Series, b: &Series, options: &MetricsOptions) -> SpreadMetrics {
    let views = (
        SeriesView::up_to(a, options.as_of),
        SeriesView::up_to(b, options.as_of),
    );
    let aligned = match views {
        (Some(a), Some(b)) => align(&a, &b),
        _ => Aligned::default(),
    };
    let mut metrics = spread_of_aligned(&a.name, &b.name, &aligned, options.lookback_years);
    metrics.a_kind = a.kind;
    metrics.b_kind = b.kind;
    if metrics.of_prices()
        && let (Some(a), Some(b)) = views
    {
        metrics.relative_move = relative_move_of(&a, &b, options.move_sessions);
    }
    let (level, rank) = metrics.lead();
    if let (Some(level), Some(rank)) = (level, rank) {
        let prices = metrics.of_prices();
        let at = |i: usize| {
            if prices {
                ratio(aligned.a[i], aligned.b[i])
            } else {
                Some(aligned.a[i] - aligned.b[i])
            }
        };
        let t = aligned.len() - 1;
        let found = (0..t)
            .rev()
            .find(|&i| at(i).is_some_and(|x| if rank >= 50.0 { x >= level } else { x <= level }));
        metrics.level_since = Some(match found {
            Some(i) => Since::Date(aligned.dates[i]),
            None => Since::WholeData {
                first: aligned.dates[0],
            },
        });
    }
    metrics
}

/// The spread metrics of already aligned values, at their last date.
#[must_use]
pub fn spread_of_aligned(
    a_name: &str,
    b_name: &str,
    aligned: &Aligned,
    lookback_years: u32,
) -> SpreadMetrics {
    let mut metrics = SpreadMetrics {
        a: a_name.to_string(),
        b: b_name.to_string(),
        date: None,
        difference: None,
        ratio: None,
        lookback_years,
        observations: 0,
        window_start: None,
        covers_lookback: false,
        percentile_difference: None,
        percentile_ratio: None,
        bands: None,
        a_kind: SeriesKind::Valuation,
        b_kind: SeriesKind::Valuation,
        relative_move: None,
        level_since: None,
    };
    let Some(t) = aligned.len().checked_sub(1) else {
        return metrics;
    };
    let date = aligned.dates[t];
    let difference = aligned.a[t] - aligned.b[t];
    let ratio = ratio(aligned.a[t], aligned.b[t]);
    let start = date
        .minus_years(i32::try_from(lookback_years).unwrap_or(i32::MAX))
        .map_or(0, |start| aligned.dates.partition_point(|d| *d < start));
    let window = start.min(t)..t;
    let differences: Vec<f64> = window
        .clone()
        .map(|i| aligned.a[i] - aligned.b[i])
        .collect();
    metrics.date = Some(date);
    metrics.difference = Some(difference);
    metrics.ratio = ratio;
    metrics.observations = differences.len();
    metrics.window_start = aligned
        .dates
        .get(window.start)
        .filter(|_| !window.is_empty())
        .copied();
    metrics.covers_lookback = start > 0;
    metrics.percentile_difference = percentile_rank(&differences, difference);
    metrics.bands = Bands::of(&differences);
    if let Some(latest) = ratio {
        let ratios: Vec<f64> = window
            .filter_map(|i| self::ratio(aligned.a[i], aligned.b[i]))
            .collect();
        metrics.percentile_ratio = percentile_rank(&ratios, latest);
    }
    metrics
}

/// `a / b` when `b` is positive: a ratio over a zero or negative denominator has no meaning.
#[must_use]
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, named};
    use crate::model::SeriesKind;

    fn monthly(name: &str, start_year: i32, values: &[f64]) -> Series {
        let points: Vec<(String, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let year = start_year + (i / 12) as i32;
                let month = (i % 12) + 1;
                (format!("{year:04}-{month:02}-01"), *v)
            })
            .collect();
        let refs: Vec<(&str, f64)> = points.iter().map(|(s, v)| (s.as_str(), *v)).collect();
        named(name, SeriesKind::Valuation, &refs)
    }

    #[test]
    fn ranks_the_latest_difference_and_ratio_within_the_lookback() {
        let a = monthly("A", 2020, &[10.0, 12.0, 9.0, 11.0, 10.0]);
        let b = monthly("B", 2020, &[5.0, 6.0, 3.0, 5.5, 5.0]);
        // Differences 5, 6, 6, 5.5 | latest 5; ratios 2, 2, 3, 2 | latest 2.
        let options = MetricsOptions::default();
        let m = spread_metrics(&a, &b, &options);
        assert_eq!(m.date, Some(d("2020-05-01")));
        assert_eq!(m.difference, Some(5.0));
        assert_eq!(m.ratio, Some(2.0));
        assert_eq!(m.observations, 4);
        assert_eq!(m.window_start, Some(d("2020-01-01")));
        assert!(!m.covers_lookback);
        assert_eq!(m.percentile_difference, Some(12.5));
        assert_eq!(m.percentile_ratio, Some(100.0 * 1.5 / 4.0));
        let bands = m.bands.unwrap();
        assert_eq!(bands.p50, 5.75);
        assert!((bands.p10 - 5.15).abs() < 1e-12);
        assert_eq!(bands.p90, 6.0);
    }

    #[test]
    fn the_window_starts_lookback_years_before_the_latest_date() {
        // 2020-01 … 2023-01 monthly; a 2-year lookback from 2023-01-01 starts on 2021-01-01.
        let values: Vec<f64> = (0..37).map(f64::from).collect();
        let zeros = vec![0.0; 37];
        let a = monthly("A", 2020, &values);
        let b = monthly("B", 2020, &zeros);
        let options = MetricsOptions {
            lookback_years: 2,
            ..MetricsOptions::default()
        };
        let m = spread_metrics(&a, &b, &options);
        assert_eq!(m.date, Some(d("2023-01-01")));
        assert_eq!(m.observations, 24);
        assert_eq!(m.window_start, Some(d("2021-01-01")));
        assert!(m.covers_lookback);
        assert_eq!(m.percentile_difference, Some(100.0));
        // B is zero throughout: no ratio.
        assert_eq!(m.ratio, None);
        assert_eq!(m.percentile_ratio, None);
    }

    #[test]
    fn negative_and_zero_valuations_keep_the_difference() {
        let a = monthly("A", 2020, &[-3.0, 0.0, 2.0, -1.0]);
        let b = monthly("B", 2020, &[-1.0, 2.0, 0.0, 4.0]);
        let m = spread_metrics(&a, &b, &MetricsOptions::default());
        assert_eq!(m.difference, Some(-5.0));
        assert_eq!(m.ratio, Some(-0.25));
        // Differences −2, −2, 2; ratios: only 0/2 = 0 is defined.
        assert_eq!(m.percentile_difference, Some(0.0));
        assert_eq!(m.percentile_ratio, Some(0.0));
    }

    #[test]
    fn as_of_picks_the_last_aligned_date_on_or_before_it() {
        let a = monthly("A", 2020, &[1.0, 2.0, 3.0, 4.0]);
        let b = monthly("B", 2020, &[1.0, 1.0, 1.0, 1.0]);
        let options = MetricsOptions {
            as_of: Some(d("2020-03-15")),
            ..MetricsOptions::default()
        };
        let m = spread_metrics(&a, &b, &options);
        assert_eq!(m.date, Some(d("2020-03-01")));
        assert_eq!(m.difference, Some(2.0));
        assert_eq!(m.observations, 2);
    }

    #[test]
    fn a_single_or_missing_overlap() {
        let a = monthly("A", 2020, &[1.0]);
        let b = monthly("B", 2020, &[2.0]);
        let m = spread_metrics(&a, &b, &MetricsOptions::default());
        assert_eq!(m.difference, Some(-1.0));
        assert_eq!(m.observations, 0);
        assert_eq!(m.percentile_difference, None);
        assert_eq!(m.bands, None);
        let later = monthly("C", 2021, &[2.0]);
        let none = spread_metrics(&a, &later, &MetricsOptions::default());
        assert_eq!(none.date, None);
        assert_eq!(none.difference, None);
    }
}
