//! Every per-series metric at the as-of date, gathered in one value: the metrics table's row.

use crate::model::{Date, Series, SeriesKind};

use super::drawdown::{Drawdown, max_drawdown};
use super::frequency::Frequency;
use super::headline::{HeadlineMove, headline_move};
use super::moves::{DayMove, Extreme, Move, MoveMeasure, day_of_year, n_session_move};
use super::options::MetricsOptions;
use super::range::{RangeMetrics, range_metrics_reusing};
use super::returns::Returns;
use super::view::SeriesView;
use super::volatility::volatility_1y_at;

/// One series' metrics as of `t`, its last observation on or before the as-of date. Fractions,
/// not percent; `None` where a metric is absent.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesMetrics {
    /// The series' name.
    pub name: String,
    /// What the series measures.
    pub kind: SeriesKind,
    /// The first date (`None` when no observation is on or before the as-of date).
    pub first: Option<Date>,
    /// `t`, the as-of session.
    pub last: Option<Date>,
    /// Observations up to and including `t`.
    pub observations: usize,
    /// The close at `t`.
    pub last_value: Option<f64>,
    /// How often the series is observed over its last year up to `t` (see [`Frequency`]):
    /// what the 1Y volatility is annualised by, and whether one row is one trading session.
    /// `None` with fewer than two observations.
    pub frequency: Option<Frequency>,
    /// Trailing returns.
    pub returns: Returns,
    /// For a rate series, the changes in basis points over the same periods
    /// ([`Returns::changes_bp`]); `None` for other kinds.
    pub changes_bp: Option<Returns>,
    /// Annualised volatility of daily log returns over the 1Y window.
    pub volatility_1y: Option<f64>,
    /// The maximum drawdown up to `t`.
    pub max_drawdown: Option<Drawdown>,
    /// N, the move window these metrics were computed with.
    pub move_sessions: usize,
    /// The N-session move and its "biggest since".
    pub last_move: Option<Move>,
    /// The headline move of a price series over the move window (see
    /// `analytics::headline`); `None` for other kinds.
    pub headline_move: Option<HeadlineMove>,
    /// The largest one-day drop of `t`'s calendar year (the minimum one-day return).
    pub worst_day_of_year: Option<DayMove>,
    /// The largest one-day gain of `t`'s calendar year (the maximum one-day return).
    pub best_day_of_year: Option<DayMove>,
    /// Return and drawdown over [`MetricsOptions::range`], when one is given.
    pub range: Option<RangeMetrics>,
}

/// Computes every metric of `series` as if its data ended at the as-of date.
#[must_use]
pub fn series_metrics(series: &Series, options: &MetricsOptions) -> SeriesMetrics {
    let mut metrics = SeriesMetrics {
        name: series.name.clone(),
        kind: series.kind,
        first: None,
        last: None,
        observations: 0,
        last_value: None,
        frequency: None,
        returns: Returns::default(),
        changes_bp: None,
        volatility_1y: None,
        max_drawdown: None,
        move_sessions: options.move_sessions,
        last_move: None,
        headline_move: None,
        worst_day_of_year: None,
        best_day_of_year: None,
        range: None,
    };
    let Some(view) = SeriesView::up_to(series, options.as_of) else {
        return metrics;
    };
    metrics.first = Some(view.first_date());
    metrics.last = Some(view.t_date());
    metrics.observations = view.len();
    metrics.last_value = Some(view.t_value());
    metrics.frequency = Frequency::of_view(&view);
    metrics.returns = Returns::compute(&view);
    metrics.volatility_1y = metrics
        .frequency
        .and_then(|frequency| volatility_1y_at(&view, frequency));
    metrics.max_drawdown = max_drawdown(&view);
    let measure = MoveMeasure::of(series.kind);
    metrics.last_move = n_session_move(&view, options.move_sessions, measure);
    if series.kind == SeriesKind::Rate {
        metrics.changes_bp = Some(Returns::changes_bp(&view));
    }
    if series.kind == SeriesKind::Price {
        metrics.headline_move = headline_move(&view, options.move_sessions);
    }
    metrics.worst_day_of_year = day_of_year(&view, Extreme::Worst, measure);
    metrics.best_day_of_year = day_of_year(&view, Extreme::Best, measure);
    metrics.range = options.range.and_then(|range| {
        range_metrics_reusing(series, range, options.as_of, Some(metrics.max_drawdown))
    });
    metrics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::returns::Period;
    use crate::analytics::view::tests::{d, daily};

    #[test]
    fn everything_is_cut_at_the_as_of_date() {
        let s = daily("2024-01-01", &[100.0, 120.0, 60.0, 90.0, 150.0]);
        let options = MetricsOptions {
            as_of: Some(d("2024-01-04")),
            move_sessions: 2,
            ..MetricsOptions::default()
        };
        let m = series_metrics(&s, &options);
        assert_eq!(m.first, Some(d("2024-01-01")));
        assert_eq!(m.last, Some(d("2024-01-04")));
        assert_eq!(m.observations, 4);
        assert_eq!(m.last_value, Some(90.0));
        assert_eq!(m.frequency, Some(Frequency::Daily));
        assert_eq!(m.returns.get(Period::D1), Some(0.5));
        let drawdown = m.max_drawdown.unwrap();
        assert_eq!(drawdown.value, -0.5);
        assert_eq!(drawdown.recovery, None, "the 150 close is after as-of");
        let last_move = m.last_move.unwrap();
        assert_eq!(last_move.size, -0.25);
        assert_eq!(m.move_sessions, 2);
        assert_eq!(m.worst_day_of_year.unwrap().date, d("2024-01-03"));
        assert_eq!(m.best_day_of_year.unwrap().date, d("2024-01-04"));
    }

    #[test]
    fn an_as_of_before_the_data_leaves_everything_absent() {
        let s = daily("2024-01-01", &[100.0, 120.0]);
        let options = MetricsOptions {
            as_of: Some(d("2023-12-31")),
            ..MetricsOptions::default()
        };
        let m = series_metrics(&s, &options);
        assert_eq!(m.observations, 0);
        assert_eq!(m.last, None);
        assert_eq!(m.max_drawdown, None);
        assert!(m.returns.iter().all(|(_, r)| r.is_none()));
    }
}
