//! The settings every metric is computed with: the as-of date, the window of the N-session move
//! and the lookback of spread percentiles.

use crate::model::Date;

/// The default number of sessions of the N-session move.
pub const DEFAULT_MOVE_SESSIONS: usize = 5;

/// The default lookback of spread percentile ranks, in calendar years.
pub const DEFAULT_LOOKBACK_YEARS: u32 = 20;

/// How metrics are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricsOptions {
    /// Compute as if the data ended on this date (each series at its last observation on or
    /// before it); `None` uses each series' last observation.
    pub as_of: Option<Date>,
    /// N, the number of sessions of the "N-session move" (0 gives no move).
    pub move_sessions: usize,
    /// The lookback of spread percentile ranks, in calendar years.
    pub lookback_years: u32,
    /// A date range (the chart's) to compute [`super::RangeMetrics`] over; `None` for none.
    pub range: Option<super::DateRange>,
}

impl Default for MetricsOptions {
    fn default() -> Self {
        MetricsOptions {
            as_of: None,
            move_sessions: DEFAULT_MOVE_SESSIONS,
            lookback_years: DEFAULT_LOOKBACK_YEARS,
            range: None,
        }
    }
}
