//! The full analysis of a set of series and spread pairs: every metrics row, every spread and
//! the written findings, computed together with one set of options — from loose series and
//! options ([`analyse`]) or from a workspace's data and an as-of date ([`WorkspaceData`]).

use crate::model::{Date, Series, SeriesKind};

use super::findings::{Finding, PairMove, findings_from};
use super::headline::relative_move_of;
use super::metrics::{SeriesMetrics, series_metrics};
use super::options::{DEFAULT_LOOKBACK_YEARS, DEFAULT_MOVE_SESSIONS, MetricsOptions};
use super::spread::{SpreadMetrics, spread_metrics};
use super::view::SeriesView;

/// The most price series whose every pair the story compares when the user compares none.
pub const MAX_AUTOMATIC_PAIR_SERIES: usize = 12;

/// The smallest margin of a pair the story compares on its own (not one the user chose): one
/// percentage point. Two wrappers of the same index (IWM and ^RUT, QQQ and ^NDX) track each
/// other within less, and their margin is no rotation.
pub const MIN_AUTOMATIC_MARGIN: f64 = 0.01;

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
    /// The relative moves the story tells: of every spread of two shown price series, or when
    /// there is none, of every pair of the 2 to 12 shown price series whose margin is at least
    /// one percentage point (each the better first).
    pub relative_moves: Vec<PairMove>,
    /// The findings in words, the story of the shown series.
    pub findings: Vec<Finding>,
}

/// Analyses `series` and the spread `pairs` (`(A, B)` for `A − B` and `A / B`), the findings
/// speaking of every series.
#[must_use]
pub fn analyse(
    series: &[&Series],
    pairs: &[(&Series, &Series)],
    options: &MetricsOptions,
) -> Analysis {
    analyse_shown(series, pairs, &vec![true; series.len()], options)
}

/// As [`analyse`], the findings speaking only of the series whose `shown` flag is set (one per
/// series, in order; a missing flag counts as shown) and the spreads of two shown series. The
/// metrics and spreads cover every series.
#[must_use]
pub fn analyse_shown(
    series: &[&Series],
    pairs: &[(&Series, &Series)],
    shown: &[bool],
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
    let is_shown = |i: usize| shown.get(i).copied().unwrap_or(true);
    let shown_name = |name: &str| {
        series
            .iter()
            .enumerate()
            .any(|(i, s)| s.name == name && is_shown(i))
    };
    let shown_rows: Vec<SeriesMetrics> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| is_shown(*i))
        .map(|(_, row)| row.clone())
        .collect();
    let shown_spreads: Vec<SpreadMetrics> = spreads
        .iter()
        .filter(|spread| shown_name(&spread.a) && shown_name(&spread.b))
        .cloned()
        .collect();
    let relative_moves = story_pairs(series, &shown_spreads, &is_shown, options);
    let findings = findings_from(&shown_rows, &shown_spreads, &relative_moves, as_of);
    Analysis {
        as_of,
        options: *options,
        series: rows,
        spreads,
        relative_moves,
        findings,
    }
}

/// The relative moves the story tells: the shown spreads of two prices, or, when there is
/// none, every pair of the shown price series when there are 2 to
/// [`MAX_AUTOMATIC_PAIR_SERIES`] of them whose margin is at least [`MIN_AUTOMATIC_MARGIN`],
/// each told with the better performer first.
fn story_pairs(
    series: &[&Series],
    shown_spreads: &[SpreadMetrics],
    is_shown: &dyn Fn(usize) -> bool,
    options: &MetricsOptions,
) -> Vec<PairMove> {
    let chosen: Vec<PairMove> = shown_spreads
        .iter()
        .filter_map(|spread| {
            Some(PairMove {
                a: spread.a.clone(),
                b: spread.b.clone(),
                moved: spread.relative_move?,
            })
        })
        .collect();
    if shown_spreads.iter().any(SpreadMetrics::of_prices) {
        return chosen;
    }
    let prices: Vec<&Series> = series
        .iter()
        .enumerate()
        .filter(|(i, s)| is_shown(*i) && s.kind == SeriesKind::Price)
        .map(|(_, s)| *s)
        .collect();
    if !(2..=MAX_AUTOMATIC_PAIR_SERIES).contains(&prices.len()) {
        return Vec::new();
    }
    let views: Vec<Option<SeriesView<'_>>> = prices
        .iter()
        .map(|s| SeriesView::up_to(s, options.as_of))
        .collect();
    let mut moves = Vec::new();
    for i in 0..prices.len() {
        for j in i + 1..prices.len() {
            let (Some(a), Some(b)) = (&views[i], &views[j]) else {
                continue;
            };
            let Some(moved) = relative_move_of(a, b, options.move_sessions)
                .filter(|moved| moved.difference.abs() >= MIN_AUTOMATIC_MARGIN)
            else {
                continue;
            };
            let (a, b, moved) = if moved.difference < 0.0 {
                (prices[j], prices[i], moved.swapped())
            } else {
                (prices[i], prices[j], moved)
            };
            moves.push(PairMove {
                a: a.name.clone(),
                b: b.name.clone(),
                moved,
            });
        }
    }
    moves
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
        assert_eq!(analysis.series[0].last_move.unwrap().size, 1.0);
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
