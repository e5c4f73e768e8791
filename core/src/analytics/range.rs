//! Metrics over a chosen date range — the chart's: the return from the range's first session
//! to its last, and the maximum drawdown within it. The metrics table shows them beside the
//! trailing metrics, so picking 1Y, YTD or custom dates on the chart changes the table too.

use crate::model::{Date, Series};

use super::drawdown::{Drawdown, max_drawdown};
use super::view::{SeriesView, simple_return};

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
    range_metrics_reusing(series, range, as_of, None)
}

/// [`range_metrics`], taking the drawdown of everything up to `t` from `whole` (the series'
/// [`max_drawdown`] as of `as_of`, already computed) when the range covers all of it: a "Max"
/// range then costs no pass over the data.
#[must_use]
pub fn range_metrics_reusing(
    series: &Series,
    range: DateRange,
    as_of: Option<Date>,
    whole: Option<Option<Drawdown>>,
) -> Option<RangeMetrics> {
    let to = as_of.map_or(range.to, |date| date.min(range.to));
    let start = series.index_on_or_after(range.from)?;
    let end = series.index_on_or_before(to)?;
    if end < start {
        return None;
    }
    let dates = &series.dates()[start..=end];
    let values = &series.values()[start..=end];
    let last_up_to_t = match as_of {
        Some(date) => series.index_on_or_before(date),
        None => series.len().checked_sub(1),
    };
    let covers_all_up_to_t = start == 0 && Some(end) == last_up_to_t;
    let max_drawdown = match whole {
        Some(whole) if covers_all_up_to_t => whole,
        _ => max_drawdown(&SeriesView::from_columns(dates, values, None)?),
    };
    Some(RangeMetrics {
        start: dates[0],
        end: dates[dates.len() - 1],
        // The same sessions as `transforms::range_return`, already found.
        ret: if end > start {
            simple_return(values[0], values[values.len() - 1])
        } else {
            None
        },
        max_drawdown,
    })
}

/// Puts the metrics over `range` into each row of `rows` (computed for `series`, in the same
/// order, as of `as_of`), reusing each row's maximum drawdown where the range covers it all.
pub fn set_ranges(
    rows: &mut [super::SeriesMetrics],
    series: &[&Series],
    range: Option<DateRange>,
    as_of: Option<Date>,
) {
    for (row, series) in rows.iter_mut().zip(series) {
        row.range = range
            .and_then(|range| range_metrics_reusing(series, range, as_of, Some(row.max_drawdown)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::transforms::range_return;
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
        assert_eq!(m.ret, range_return(&s, d("2024-01-03"), d("2024-01-05")));
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
    fn the_whole_drawdown_is_reused_only_when_the_range_covers_everything_up_to_t() {
        let s = daily("2024-01-01", &[100.0, 120.0, 60.0, 90.0, 150.0, 110.0]);
        let marker = Some(Drawdown {
            value: -0.123,
            peak: None,
            trough: None,
            recovery: None,
        });
        let all = range("2023-01-01", "2024-12-31");
        let reused = range_metrics_reusing(&s, all, None, Some(marker)).unwrap();
        assert_eq!(reused.max_drawdown, marker);
        // Cut at the as-of date, the whole up to t is still covered.
        let cut = range_metrics_reusing(&s, all, Some(d("2024-01-04")), Some(marker)).unwrap();
        assert_eq!(cut.max_drawdown, marker);
        // A range starting later is computed afresh.
        let later =
            range_metrics_reusing(&s, range("2024-01-03", "2024-12-31"), None, Some(marker))
                .unwrap();
        assert_eq!(later.max_drawdown.unwrap().value, 110.0 / 150.0 - 1.0);
        // With nothing to reuse, the drawdown of the whole series is computed.
        assert_eq!(
            range_metrics_reusing(&s, all, None, None)
                .unwrap()
                .max_drawdown,
            max_drawdown(&SeriesView::up_to(&s, None).unwrap())
        );
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
