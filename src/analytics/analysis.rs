//! The full analysis of a set of series and spread pairs: every metrics row, every spread and
//! the written findings, computed together with one set of options.

use crate::model::{Date, Series};

use super::findings::{Finding, findings_from};
use super::metrics::{SeriesMetrics, series_metrics};
use super::options::MetricsOptions;
use super::spread::{SpreadMetrics, spread_metrics};

/// Everything the metrics table, the spread panel and the findings list show.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The as-of date: the one asked for, else the latest last observation of any series.
    pub as_of: Option<Date>,
    /// The options the analysis was computed with.
    pub options: MetricsOptions,
    /// One row per series, in the order given.
    pub series: Vec<SeriesMetrics>,
    /// One spread per pair, in the order given.
    pub spreads: Vec<SpreadMetrics>,
    /// The findings in words.
    pub findings: Vec<Finding>,
}

/// Analyses `series` and the spread `pairs` (`(A, B)` for `A − B` and `A / B`).
#[must_use]
pub fn analyse(
    series: &[&Series],
    pairs: &[(&Series, &Series)],
    options: &MetricsOptions,
) -> Analysis {
    let rows: Vec<SeriesMetrics> = series
        .iter()
        .map(|series| series_metrics(series, options))
        .collect();
    let spreads: Vec<SpreadMetrics> = pairs
        .iter()
        .map(|(a, b)| spread_metrics(a, b, options))
        .collect();
    let as_of = options
        .as_of
        .or_else(|| rows.iter().filter_map(|row| row.last).max());
    let findings = findings_from(&rows, &spreads, as_of);
    Analysis {
        as_of,
        options: *options,
        series: rows,
        spreads,
        findings,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily};

    #[test]
    fn as_of_defaults_to_the_latest_last_date() {
        let a = daily("2024-01-01", &[1.0, 2.0]);
        let b = daily("2024-01-01", &[1.0, 2.0, 3.0]);
        let analysis = analyse(&[&a, &b], &[(&a, &b)], &MetricsOptions::default());
        assert_eq!(analysis.as_of, Some(d("2024-01-03")));
        assert_eq!(analysis.series.len(), 2);
        assert_eq!(analysis.spreads.len(), 1);
        let asked = MetricsOptions {
            as_of: Some(d("2024-06-30")),
            ..MetricsOptions::default()
        };
        assert_eq!(analyse(&[&a], &[], &asked).as_of, Some(d("2024-06-30")));
    }
}
