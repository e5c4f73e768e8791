//! The full analysis of a set of series and spread pairs: every metrics row, every spread and
//! the written findings, computed together with one set of options — from loose series and
//! options ([`analyse`]) or from a workspace's data and an as-of date ([`WorkspaceData`]).

use crate::model::{Date, Series};

use super::findings::{Finding, findings_from};
use super::metrics::{SeriesMetrics, series_metrics};
use super::options::{DEFAULT_LOOKBACK_YEARS, DEFAULT_MOVE_SESSIONS, MetricsOptions};
use super::spread::{SpreadMetrics, spread_metrics};

/// What a workspace holds for the analytics: its series, its spreads as pairs of series, and
/// the settings the metrics depend on besides the as-of date. It borrows the series, so the app
/// builds it from its workspace without the analytics knowing how a workspace is stored or
/// shown.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkspaceData<'a> {
    /// The series, in the order the metrics table lists them.
    pub series: Vec<&'a Series>,
    /// The spreads `(A, B)`, for `A − B` and `A / B`.
    pub spreads: Vec<(&'a Series, &'a Series)>,
    /// N, the number of sessions of the N-session move.
    pub move_sessions: usize,
    /// The lookback of spread percentile ranks, in calendar years.
    pub lookback_years: u32,
}

impl<'a> WorkspaceData<'a> {
    /// The series and spreads with the default move window and lookback.
    #[must_use]
    pub fn new(series: Vec<&'a Series>, spreads: Vec<(&'a Series, &'a Series)>) -> Self {
        WorkspaceData {
            series,
            spreads,
            move_sessions: DEFAULT_MOVE_SESSIONS,
            lookback_years: DEFAULT_LOOKBACK_YEARS,
        }
    }

    /// The options the metrics are computed with as of `as_of` (`None`: each series at its
    /// last observation).
    #[must_use]
    pub fn options(&self, as_of: Option<Date>) -> MetricsOptions {
        MetricsOptions {
            as_of,
            move_sessions: self.move_sessions,
            lookback_years: self.lookback_years,
            range: None,
        }
    }

    /// The full analysis as of `as_of` (see [`analyse`]).
    #[must_use]
    pub fn analyse(&self, as_of: Option<Date>) -> Analysis {
        analyse(&self.series, &self.spreads, &self.options(as_of))
    }
}

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
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily};

    #[test]
    fn workspace_data_analyses_with_its_settings_at_the_given_date() {
        let a = daily("2024-01-01", &[1.0, 2.0, 4.0]);
        let b = daily("2024-01-01", &[1.0, 1.0, 1.0]);
        let mut data = WorkspaceData::new(vec![&a, &b], vec![(&a, &b)]);
        assert_eq!(data.move_sessions, DEFAULT_MOVE_SESSIONS);
        assert_eq!(data.lookback_years, DEFAULT_LOOKBACK_YEARS);
        data.move_sessions = 1;
        data.lookback_years = 3;
        let as_of = Some(d("2024-01-02"));
        let options = MetricsOptions {
            as_of,
            move_sessions: 1,
            lookback_years: 3,
            range: None,
        };
        assert_eq!(data.options(as_of), options);
        let analysis = data.analyse(as_of);
        assert_eq!(analysis, analyse(&[&a, &b], &[(&a, &b)], &options));
        assert_eq!(analysis.series[0].last_move.unwrap().ret, 1.0);
        assert_eq!(analysis.spreads[0].difference, Some(1.0));
    }

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
