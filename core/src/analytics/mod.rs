//! The analytics engine: exact analyst metrics on imported series — trailing and annualised
//! returns, N-session moves with "biggest since", the year's worst and best days, maximum
//! drawdown, volatility, spreads with percentile ranks — the transforms charts draw, and the
//! findings that say it all in words. Pure computation: no I/O, no user interface.
//!
//! Every metric of a series is computed at `t`, its last observation on or before the as-of
//! date, as if the data ended there. Returns are fractions (0.105 = +10.5%); percentile ranks are
//! 0–100. Absent metrics are `None`. The written definition of each metric is
//! [`Metric::definition`].

mod align;
mod analysis;
mod definitions;
mod drawdown;
mod findings;
mod frequency;
mod headline;
mod metrics;
mod moves;
mod options;
mod percentile;
mod quadrant;
mod range;
mod report;
mod returns;
mod rotation;
mod rotation_findings;
mod rotation_options;
mod spread;
mod transforms;
mod view;
mod volatility;

pub use align::{Aligned, align};
pub use analysis::{
    Analysis, MAX_AUTOMATIC_PAIR_SERIES, MIN_AUTOMATIC_MARGIN, WorkspaceData, analyse,
    analyse_shown,
};
pub use definitions::Metric;
pub use drawdown::{Drawdown, max_drawdown};
pub use findings::{
    Finding, FindingKind, MAX_SENTENCES, MAX_YEAR_TO_DATE_SERIES, PairMove, ROUNDING_NOTE,
    basis_points, findings, findings_from,
};
pub use frequency::Frequency;
pub use headline::{
    HeadlineMove, NEWSWORTHY_DAYS, RelativeMove, headline_move, relative_move, relative_move_of,
};
pub use metrics::{SeriesMetrics, series_metrics};
pub use moves::{
    DayMove, Extreme, Move, MoveMeasure, Since, biggest_since, day_of_year, n_session_move,
};
pub use options::{DEFAULT_LOOKBACK_YEARS, DEFAULT_MOVE_SESSIONS, MetricsOptions};
pub use percentile::{Bands, percentile_rank, quantile_of_sorted, quantile_of_unsorted};
pub use quadrant::Quadrant;
pub use range::{DateRange, RangeMetrics, range_metrics, range_metrics_reusing, set_ranges};
pub use report::{
    DayReport, DrawdownReport, HeadlineMoveReport, MoveReport, RelativeMoveReport, Report,
    ReturnsReport, SeriesReport, SpreadReport,
};
pub use returns::{Period, Returns, period_return};
pub use rotation::{
    Rotation, RotationError, RotationPoint, RotationSeries, check_options, period_dates, rotation,
};
pub use rotation_findings::{insert_rotation_findings, rotation_findings};
pub use rotation_options::{
    DEFAULT_ROTATION_TAIL, DEFAULT_ROTATION_WINDOW, MIN_ROTATION_WINDOW, RotationOptions,
    RotationPeriod,
};
pub use spread::{SpreadMetrics, ratio, spread_metrics, spread_of_aligned};
pub use transforms::{
    Line, difference_series, drawdown_curve, percent_change, performance_difference, range_return,
    ratio_series, rebase, rolling_return,
};
pub use view::{SeriesView, simple_return};
pub use volatility::{SESSIONS_PER_YEAR, volatility_1y};
