//! Metrics over a chosen date range — the chart's: the return from the range's first session
//! to its last, and the maximum drawdown within it. The metrics table shows them beside the
//! trailing metrics, so picking 1Y, YTD or custom dates on the chart changes the table too.

use crate::model::{Date, Series};

use super::drawdown::{Drawdown, max_drawdown};
use super::transforms::range_return;
use super::view::SeriesView;

/// A date range, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// The first date.
    pub from: Date,
    /// The last date.
    pub to: Date,
}

/// What a series did over a [`DateRange`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RangeMetrics {
    /// The range's first session of the series (`b`).
    pub start: Date,
    /// The range's last session of the series (`e`).
    pub end: Date,
    /// Range return: `C_e / C_b − 1`.
    pub ret: Option<f64>,
    /// The maximum drawdown of the sessions `b … e`.
    pub max_drawdown: Option<Drawdown>,
}

/// The metrics of `series` over `range`, cut at `as_of` like every metric.
///
/// Range return: C_e / C_b − 1 over the chart's range (a preset such as 1Y or YTD ending at the
/// as-of date, or the chosen dates), b = the series' first session on or after the range's
/// start, e = its last session on or before the range's end and t. Absent with fewer than two
/// sessions in the range.
///
/// Range max drawdown: the max drawdown of the sessions b … e of the chart's range only, min
/// over b ≤ s ≤ e of C_s / max_{b≤r≤s} C_r − 1 (the running high starts at b).
///
/// `None` when the range holds no session of the series; the return is also absent when a
/// close is not positive.
#[must_use]
pub fn range_metrics(
    series: &Series,
    range: DateRange,
    as_of: Option<Date>,
) -> Option<RangeMetrics> {
    let to = as_of.map_or(range.to, |date| date.min(range.to));
    let start = series.index_on_or_after(range.from)?;
    let end = series.index_on_or_before(to)?;
    if end < start {
        return None;
    }
    let dates = &series.dates()[start..=end];
    let values = &series.values()[start..=end];
    let view = SeriesView::from_columns(dates, values, None)?;
    Some(RangeMetrics {
        start: dates[0],
        end: dates[dates.len() - 1],
        ret: range_return(series, range.from, to),
        max_drawdown: max_drawdown(&view),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily};

    fn range(from: &str, to: &str) -> DateRange {
        DateRange {
            from: d(from),
            to: d(to),
        }
    }

    #[test]
    fn return_and_drawdown_use_the_sessions_inside_the_range() {
        // 100 120 60 90 150 110 on 1–6 January.
        let s = daily("2024-01-01", &[100.0, 120.0, 60.0, 90.0, 150.0, 110.0]);
        let m = range_metrics(&s, range("2024-01-03", "2024-01-05"), None).unwrap();
        assert_eq!((m.start, m.end), (d("2024-01-03"), d("2024-01-05")));
        assert_eq!(m.ret, Some(150.0 / 60.0 - 1.0));
        // Within the range the series only rises: the 120 → 60 fall is outside it.
        assert_eq!(m.max_drawdown.unwrap().value, 0.0);

        let whole = range_metrics(&s, range("2023-12-01", "2024-02-01"), None).unwrap();
        assert_eq!(whole.ret, Some(110.0 / 100.0 - 1.0));
        let drawdown = whole.max_drawdown.unwrap();
        assert_eq!(drawdown.value, 60.0 / 120.0 - 1.0);
        assert_eq!(drawdown.peak, Some(d("2024-01-02")));
        assert_eq!(drawdown.trough, Some(d("2024-01-03")));
        assert_eq!(drawdown.recovery, Some(d("2024-01-05")));
    }

    #[test]
    fn the_as_of_date_cuts_the_range() {
        let s = daily("2024-01-01", &[100.0, 120.0, 60.0, 90.0, 150.0, 110.0]);
        let m =
            range_metrics(&s, range("2024-01-01", "2024-01-06"), Some(d("2024-01-03"))).unwrap();
        assert_eq!(m.end, d("2024-01-03"));
        assert_eq!(m.ret, Some(60.0 / 100.0 - 1.0));
        assert_eq!(m.max_drawdown.unwrap().recovery, None);
    }

    #[test]
    fn a_range_without_two_sessions_has_no_return() {
        let s = daily("2024-01-01", &[100.0, 120.0, 60.0]);
        let one = range_metrics(&s, range("2024-01-02", "2024-01-02"), None).unwrap();
        assert_eq!(one.ret, None);
        assert_eq!(one.max_drawdown.unwrap().value, 0.0);
        assert_eq!(
            range_metrics(&s, range("2025-01-01", "2025-02-01"), None),
            None
        );
        assert_eq!(
            range_metrics(&s, range("2023-01-01", "2023-02-01"), None),
            None
        );
    }
}
