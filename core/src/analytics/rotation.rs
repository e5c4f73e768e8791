//! The rotation view, RRG-style: where each series stands against a benchmark in relative
//! strength (RS-Ratio) and in the momentum of that strength (RS-Momentum), over its last few
//! periods. This is a z-score approximation of the Relative Rotation Graph; JdK's own formula
//! is not published, and this one is written out in full below.
//!
//! Rotation alignment: each series A is aligned with the benchmark B on B's dates, taking A's
//! last close on or before each date; dates before A's first observation are dropped, and so are
//! dates more than 7 days after its last (a series that has stopped is not carried forward);
//! both are cut at the as-of date. Weekly keeps the last aligned date of each ISO week (Monday to
//! Sunday); daily keeps every date.
//!
//! RS-Ratio: RS_k = 100 × A_k / B_k on each kept date k, and RS-Ratio_k = 100 + (RS_k −
//! mean(RS_{k−n+1..k})) / sd(RS_{k−n+1..k}), the population standard deviation over the window
//! of the last n periods (n = the window, default 14). Undefined where that sd is 0 or fewer
//! than n values exist.
//!
//! RS-Momentum: ROC_k = 100 × (RSR_k / RSR_{k−1} − 1), where both RS-Ratios are defined, and
//! RS-Momentum_k = 100 + (ROC_k − mean(ROC_{k−n+1..k})) / sd(ROC_{k−n+1..k}), with the
//! population standard deviation. Undefined unless those last n ROC values all exist and their
//! sd is above 0.
//!
//! Rotation (RRG-style): each series is drawn at (RS-Ratio, RS-Momentum) against the benchmark
//! for the last tail periods (default 10) where both are defined. Its quadrant is that of its
//! last point: Leading (RS-Ratio ≥ 100 and RS-Momentum ≥ 100), Weakening (RS-Ratio ≥ 100,
//! RS-Momentum < 100), Lagging (both < 100), Improving (RS-Ratio < 100, RS-Momentum ≥ 100).
//! A z-score approximation of the Relative Rotation Graph, not JdK's unpublished formula.

use thiserror::Error;

use crate::model::{Date, Series};

use super::quadrant::Quadrant;
use super::rotation_options::{MIN_ROTATION_WINDOW, RotationOptions, RotationPeriod};

/// One point of a series' tail.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RotationPoint {
    /// The period's date (its last aligned date).
    pub date: Date,
    /// RS-Ratio at that date.
    pub rs_ratio: f64,
    /// RS-Momentum at that date.
    pub rs_momentum: f64,
}

impl RotationPoint {
    /// The quadrant this point lies in.
    #[must_use]
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.rs_ratio, self.rs_momentum)
    }
}

/// One series of the rotation view: its tail, oldest first, and the quadrant of its last point.
#[derive(Clone, Debug, PartialEq)]
pub struct RotationSeries {
    /// The series' name.
    pub name: String,
    /// The quadrant of the last point; `None` when there is no point.
    pub quadrant: Option<Quadrant>,
    /// Up to `tail` points, oldest first; empty when the series has too little data.
    pub points: Vec<RotationPoint>,
    /// The series' last observation when it is more than the week it is carried forward before
    /// the view's date (it stopped: its points say nothing of that date); `None` otherwise.
    pub stopped: Option<Date>,
}

/// The rotation view of a set of series against a benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    /// The benchmark's name.
    pub benchmark: String,
    /// What it was computed with.
    pub options: RotationOptions,
    /// The benchmark's last date on or before the as-of date (the last date of all its data
    /// when none was chosen); `None` when the benchmark has no data that early.
    pub as_of: Option<Date>,
    /// Every series but the benchmark, in the order given.
    pub series: Vec<RotationSeries>,
}

/// Why the rotation view cannot be computed.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum RotationError {
    /// No series has the benchmark's name.
    #[error("there is no series named \"{name}\" to use as the benchmark; the series are: {}", .available.join(", "))]
    UnknownBenchmark {
        /// The name asked for.
        name: String,
        /// The names there are.
        available: Vec<String>,
    },
    /// The benchmark has a zero or negative value, over which RS has no meaning.
    #[error(
        "the benchmark {name} is {value} on {date}: RS = 100 × A / B needs a benchmark above zero"
    )]
    NonPositiveBenchmark {
        /// The benchmark's name.
        name: String,
        /// The first date with such a value.
        date: Date,
        /// The value.
        value: f64,
    },
    /// The window is below 2 periods.
    #[error(
        "the window must be at least {MIN_ROTATION_WINDOW} periods (a standard deviation needs two values), not {window}"
    )]
    WindowTooSmall {
        /// The window asked for.
        window: usize,
    },
    /// The tail is empty.
    #[error("the tail must be at least 1 period, not {tail}")]
    TailTooSmall {
        /// The tail asked for.
        tail: usize,
    },
}

/// The rotation view of `series` against the one named `benchmark`, which is left out of the
/// result (see the module documentation for the definitions).
///
/// # Errors
/// [`RotationError`] when no series has the benchmark's name (listing the names there are),
/// when the benchmark has a value at or below zero up to the as-of date, when the window is
/// below 2 or the tail below 1.
pub fn rotation(
    series: &[&Series],
    benchmark: &str,
    options: &RotationOptions,
) -> Result<Rotation, RotationError> {
    check_options(options)?;
    let Some(index) = series.iter().position(|s| s.name == benchmark) else {
        return Err(RotationError::UnknownBenchmark {
            name: benchmark.to_string(),
            available: series.iter().map(|s| s.name.clone()).collect(),
        });
    };
    let base = series[index];
    let end = match options.as_of {
        Some(as_of) => base.dates().partition_point(|d| *d <= as_of),
        None => base.len(),
    };
    let b_dates = &base.dates()[..end];
    let b_values = &base.values()[..end];
    if let Some(bad) = b_values.iter().position(|v| *v <= 0.0) {
        return Err(RotationError::NonPositiveBenchmark {
            name: base.name.clone(),
            date: b_dates[bad],
            value: b_values[bad],
        });
    }
    let rows = series
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, s)| {
            let points = tail_points(s, b_dates, b_values, options);
            RotationSeries {
                stopped: b_dates
                    .last()
                    .filter(|as_of| has_stopped(s, **as_of))
                    .and_then(|_| s.last().map(|(date, _)| date)),
                name: s.name.clone(),
                quadrant: points.last().map(RotationPoint::quadrant),
                points,
            }
        })
        .collect();
    Ok(Rotation {
        benchmark: base.name.clone(),
        options: *options,
        as_of: b_dates.last().copied(),
        series: rows,
    })
}

/// Checks the window and tail.
///
/// # Errors
/// [`RotationError::WindowTooSmall`] below 2, [`RotationError::TailTooSmall`] below 1.
pub fn check_options(options: &RotationOptions) -> Result<(), RotationError> {
    if options.window < MIN_ROTATION_WINDOW {
        return Err(RotationError::WindowTooSmall {
            window: options.window,
        });
    }
    if options.tail == 0 {
        return Err(RotationError::TailTooSmall { tail: options.tail });
    }
    Ok(())
}

/// The dates the benchmark's periods end on up to the as-of date: its every date (daily) or
/// the last of each ISO week (weekly). The as-of dates a playback steps through.
#[must_use]
pub fn period_dates(benchmark: &Series, period: RotationPeriod, as_of: Option<Date>) -> Vec<Date> {
    let end = match as_of {
        Some(as_of) => benchmark.dates().partition_point(|d| *d <= as_of),
        None => benchmark.len(),
    };
    let dates = &benchmark.dates()[..end];
    let kept = period_ends(dates, period);
    kept.into_iter().map(|i| dates[i]).collect()
}

/// The ISO week of a date, as a count of Mondays since the epoch's week (1970-01-01 was a
/// Thursday, so the Monday that starts its week is day −3).
fn iso_week(date: Date) -> i32 {
    (date.day_number() + 3).div_euclid(7)
}

/// The indices of `dates` kept for `period`: all (daily), or each ISO week's last (weekly).
fn period_ends(dates: &[Date], period: RotationPeriod) -> Vec<usize> {
    match period {
        RotationPeriod::Daily => (0..dates.len()).collect(),
        RotationPeriod::Weekly => (0..dates.len())
            .filter(|&i| i + 1 == dates.len() || iso_week(dates[i]) != iso_week(dates[i + 1]))
            .collect(),
    }
}

/// The last `tail` points of `a` against the benchmark's dates and values (already cut).
fn tail_points(
    a: &Series,
    b_dates: &[Date],
    b_values: &[f64],
    options: &RotationOptions,
) -> Vec<RotationPoint> {
    let (dates, rs) = relative_strength(a, b_dates, b_values, options.period);
    // Each value looks back a fixed number of periods, so the tail needs only the last
    // tail + 2n periods; the whole history is walked only when gaps leave the tail short.
    let needed = options.tail + 2 * options.window + 1;
    let from = rs.len().saturating_sub(needed);
    let points = points_from(&dates, &rs, from, options);
    if points.len() < options.tail && from > 0 {
        points_from(&dates, &rs, 0, options)
    } else {
        points
    }
}

/// How many calendar days past its last observation a series is still aligned with the
/// benchmark: a week covers a weekly series and markets closed on other days; a series that
/// stopped longer ago is not carried forward.
const CARRIED_FORWARD_DAYS: i32 = 7;

/// Whether `series` stopped before `as_of`: its last observation is more than the week it is
/// carried forward before it, so the rotation view as of then has no point of it.
#[must_use]
fn has_stopped(series: &Series, as_of: Date) -> bool {
    series.last().is_some_and(|(last, _)| {
        last.plus_days(CARRIED_FORWARD_DAYS)
            .is_some_and(|carried| carried < as_of)
    })
}

/// The kept dates and RS = 100 × A / B of `a` aligned on the benchmark's dates.
fn relative_strength(
    a: &Series,
    b_dates: &[Date],
    b_values: &[f64],
    period: RotationPeriod,
) -> (Vec<Date>, Vec<f64>) {
    let (Some((a_first, _)), Some((a_last, _))) = (a.first(), a.last()) else {
        return (Vec::new(), Vec::new());
    };
    let first = b_dates.partition_point(|d| *d < a_first);
    let carried_until = a_last.plus_days(CARRIED_FORWARD_DAYS).unwrap_or(a_last);
    let end = b_dates.partition_point(|d| *d <= carried_until).max(first);
    let dates = &b_dates[first..end];
    let values = &b_values[first..end];
    let a_dates = a.dates();
    let a_values = a.values();
    let mut kept_dates = Vec::new();
    let mut rs = Vec::new();
    // `next` is the count of A's observations on or before the current date.
    let mut next = 0;
    let mut kept = period_ends(dates, period).into_iter().peekable();
    for (i, (&date, &b)) in dates.iter().zip(values).enumerate() {
        while next < a_dates.len() && a_dates[next] <= date {
            next += 1;
        }
        if kept.peek() == Some(&i) {
            kept.next();
            kept_dates.push(date);
            rs.push(100.0 * a_values[next - 1] / b);
        }
    }
    (kept_dates, rs)
}

/// The points from period `from` on where RS-Ratio and RS-Momentum are both defined, the last
/// `tail` of them.
fn points_from(
    dates: &[Date],
    rs: &[f64],
    from: usize,
    options: &RotationOptions,
) -> Vec<RotationPoint> {
    let n = options.window;
    let count = rs.len() - from;
    let rs_ratio: Vec<Option<f64>> = (from..rs.len())
        .map(|k| z_score_at(rs, k, n).map(|z| 100.0 + z))
        .collect();
    let roc: Vec<Option<f64>> = (0..count)
        .map(|i| {
            let now = rs_ratio[i]?;
            let before = rs_ratio[i.checked_sub(1)?]?;
            (before != 0.0).then(|| 100.0 * (now / before - 1.0))
        })
        .collect();
    let mut points: Vec<RotationPoint> = Vec::new();
    for i in (0..count).rev() {
        if points.len() == options.tail {
            break;
        }
        let Some(ratio) = rs_ratio[i] else {
            continue;
        };
        let Some(momentum) = z_score_of_optional(&roc, i, n) else {
            continue;
        };
        points.push(RotationPoint {
            date: dates[from + i],
            rs_ratio: ratio,
            rs_momentum: 100.0 + momentum,
        });
    }
    points.reverse();
    points
}

/// (x_k − mean) / sd over `values[k−n+1..=k]` (population sd); `None` with fewer than n values
/// or a window of equal values (sd = 0).
fn z_score_at(values: &[f64], k: usize, n: usize) -> Option<f64> {
    let start = (k + 1).checked_sub(n)?;
    z_score(&values[start..=k])
}

/// As [`z_score_at`] over optional values: `None` unless all n exist.
fn z_score_of_optional(values: &[Option<f64>], k: usize, n: usize) -> Option<f64> {
    let start = (k + 1).checked_sub(n)?;
    let window: Option<Vec<f64>> = values[start..=k].iter().copied().collect();
    z_score(&window?)
}

/// The z-score of the window's last value within the window (population sd); `None` when all
/// its values are equal, the one case where the sd is 0.
fn z_score(window: &[f64]) -> Option<f64> {
    let last = *window.last()?;
    if window.iter().all(|v| *v == window[0]) {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = window.len() as f64;
    let mean = window.iter().sum::<f64>() / n;
    let variance = window.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let sd = variance.sqrt();
    (sd > 0.0).then(|| (last - mean) / sd)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{SeriesKind, Source};
    use crate::testing::{d, daily_series};

    fn dated(name: &str, points: &[(&str, f64)]) -> Series {
        Series::new(
            name,
            SeriesKind::Price,
            Source::default(),
            points.iter().map(|(date, _)| d(date)).collect(),
            points.iter().map(|(_, v)| *v).collect(),
        )
        .unwrap()
    }

    fn daily(name: &str, values: &[f64]) -> Series {
        daily_series(name, SeriesKind::Price, "2024-01-01", values)
    }

    fn options(period: RotationPeriod, window: usize, tail: usize) -> RotationOptions {
        RotationOptions {
            period,
            window,
            tail,
            as_of: None,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn a_series_is_carried_a_week_past_its_last_close_and_no_further() {
        // B runs 2024-01-01 to 2024-01-20; A stops on 2024-01-05 (carried to 2024-01-12).
        let b = daily("B", &[100.0; 20]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let (dates, rs) = relative_strength(&a, b.dates(), b.values(), RotationPeriod::Daily);
        assert_eq!(dates.first(), Some(&d("2024-01-01")));
        assert_eq!(dates.last(), Some(&d("2024-01-12")));
        assert_eq!(rs.len(), 12);
        assert!(has_stopped(&a, d("2024-01-13")));
        assert!(!has_stopped(&a, d("2024-01-12")));
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        assert_eq!(result.series[0].stopped, Some(d("2024-01-05")));
        let b = daily("B", &[100.0; 12]);
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        assert_eq!(result.series[0].stopped, None);
        // Weekly: the week of 2024-01-08 ends on its last carried date, 2024-01-12.
        let (dates, rs) = relative_strength(&a, b.dates(), b.values(), RotationPeriod::Weekly);
        assert_eq!(dates, vec![d("2024-01-07"), d("2024-01-12")]);
        assert_eq!(rs, vec![12.0, 12.0]);
    }

    #[test]
    fn window_two_gives_plus_or_minus_one_and_the_quadrants_follow() {
        // B is 100 throughout, so RS = A: 10, 11, 12, 11, 12.
        let b = daily("B", &[100.0; 5]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        assert_eq!(result.benchmark, "B");
        assert_eq!(result.as_of, Some(d("2024-01-05")));
        assert_eq!(result.series.len(), 1);
        let series = &result.series[0];
        assert_eq!(series.name, "A");
        // RS-Ratio: -, 101, 101, 99, 101; ROC: -, -, 0, 100 × (99/101 − 1), 100 × (101/99 − 1);
        // RS-Momentum: -, -, -, 99, 101.
        assert_eq!(series.points.len(), 2);
        assert_eq!(series.points[0].date, d("2024-01-04"));
        assert!(close(series.points[0].rs_ratio, 99.0));
        assert!(close(series.points[0].rs_momentum, 99.0));
        assert_eq!(series.points[0].quadrant(), Quadrant::Lagging);
        assert_eq!(series.points[1].date, d("2024-01-05"));
        assert!(close(series.points[1].rs_ratio, 101.0));
        assert!(close(series.points[1].rs_momentum, 101.0));
        assert_eq!(series.quadrant, Some(Quadrant::Leading));
    }

    #[test]
    fn rs_ratio_is_a_population_z_score_over_the_window() {
        assert!(close(
            z_score(&[1.0, 2.0, 3.0]).unwrap(),
            1.0 / (2.0f64 / 3.0).sqrt()
        ));
        assert!(close(z_score(&[4.0, 2.0]).unwrap(), -1.0));
        assert_eq!(z_score(&[0.3, 0.3, 0.3]), None);
        assert_eq!(z_score_at(&[1.0, 2.0], 1, 3), None);
        assert!(close(
            z_score_at(&[9.0, 1.0, 2.0, 3.0], 3, 3).unwrap(),
            1.224_744_871_391_589
        ));
    }

    #[test]
    fn the_tail_keeps_the_last_points() {
        let b = daily("B", &[100.0; 5]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let result = rotation(&[&b, &a], "B", &options(RotationPeriod::Daily, 2, 1)).unwrap();
        assert_eq!(result.series[0].points.len(), 1);
        assert_eq!(result.series[0].points[0].date, d("2024-01-05"));
    }

    #[test]
    fn a_flat_ratio_has_no_point() {
        let b = daily("B", &[10.0, 11.0, 12.0, 13.0, 12.0, 11.0, 14.0, 15.0]);
        let doubled: Vec<f64> = b.values().iter().map(|v| v * 2.0).collect();
        let a = daily("A", &doubled);
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        assert_eq!(result.series[0].points, Vec::new());
        assert_eq!(result.series[0].quadrant, None);
    }

    #[test]
    fn a_short_history_has_no_point() {
        // Window 3 needs 3 RS for an RS-Ratio, 2 RS-Ratios for a ROC and 3 ROC: 6 periods.
        let b5 = daily("B", &[100.0; 5]);
        let five = daily("A", &[1.0, 3.0, 2.0, 5.0, 4.0]);
        let result = rotation(&[&five, &b5], "B", &options(RotationPeriod::Daily, 3, 10)).unwrap();
        assert!(result.series[0].points.is_empty());
        assert_eq!(result.series[0].quadrant, None);
        let b = daily("B", &[100.0; 6]);
        let six = daily("A", &[1.0, 3.0, 2.0, 5.0, 4.0, 6.0]);
        let result = rotation(&[&six, &b], "B", &options(RotationPeriod::Daily, 3, 10)).unwrap();
        assert_eq!(result.series[0].points.len(), 1);
        assert_eq!(result.series[0].points[0].date, d("2024-01-06"));
    }

    #[test]
    fn dates_before_the_series_starts_are_dropped() {
        let b = daily("B", &[100.0; 8]);
        // A starts on the fourth day: RS 10, 11, 12, 11, 12 from 2024-01-04.
        let a = dated(
            "A",
            &[
                ("2024-01-04", 10.0),
                ("2024-01-05", 11.0),
                ("2024-01-06", 12.0),
                ("2024-01-07", 11.0),
                ("2024-01-08", 12.0),
            ],
        );
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        let points = &result.series[0].points;
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].date, d("2024-01-07"));
        assert!(close(points[0].rs_ratio, 99.0));
        assert!(close(points[1].rs_momentum, 101.0));
    }

    #[test]
    fn a_benchmark_with_gaps_sets_the_dates_and_the_series_fills_in_as_of() {
        // B skips 2024-01-03; A's value on that day is never used, and A's missing
        // 2024-01-05 takes its 2024-01-04 close.
        let b = dated(
            "B",
            &[
                ("2024-01-01", 100.0),
                ("2024-01-02", 100.0),
                ("2024-01-04", 100.0),
                ("2024-01-05", 100.0),
                ("2024-01-06", 100.0),
                ("2024-01-07", 100.0),
                ("2024-01-08", 100.0),
                ("2024-01-09", 100.0),
            ],
        );
        let a = dated(
            "A",
            &[
                ("2024-01-01", 10.0),
                ("2024-01-02", 11.0),
                ("2024-01-03", 50.0),
                ("2024-01-04", 12.0),
                ("2024-01-06", 13.0),
                ("2024-01-07", 12.0),
                ("2024-01-08", 13.0),
                ("2024-01-09", 11.0),
            ],
        );
        let (dates, rs) = relative_strength(&a, b.dates(), b.values(), RotationPeriod::Daily);
        assert_eq!(dates, b.dates());
        assert_eq!(rs, vec![10.0, 11.0, 12.0, 12.0, 13.0, 12.0, 13.0, 11.0]);
        // RS-Ratio: -, 101, 101, none (a flat pair), 101, 99, 101, 99; ROC: -, -, 0, -, -,
        // −1.98…, +2.02…, −1.98…; RS-Momentum: defined from 2024-01-08 on.
        let result = rotation(&[&a, &b], "B", &options(RotationPeriod::Daily, 2, 10)).unwrap();
        let points = &result.series[0].points;
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].date, d("2024-01-08"));
        assert!(close(points[0].rs_ratio, 101.0));
        assert!(close(points[0].rs_momentum, 101.0));
        assert_eq!(points[1].date, d("2024-01-09"));
        assert!(close(points[1].rs_ratio, 99.0));
        assert!(close(points[1].rs_momentum, 99.0));
        assert_eq!(result.series[0].quadrant, Some(Quadrant::Lagging));
    }

    #[test]
    fn weekly_keeps_each_iso_weeks_last_date_and_the_as_of_cuts_the_last_week() {
        // 2024-01-01 is a Monday; 2024-01-07 a Sunday.
        let dates = [
            d("2024-01-01"),
            d("2024-01-05"),
            d("2024-01-07"),
            d("2024-01-08"),
            d("2024-01-10"),
            d("2024-01-12"),
        ];
        assert_eq!(period_ends(&dates, RotationPeriod::Weekly), vec![2, 5]);
        assert_eq!(period_ends(&dates, RotationPeriod::Daily).len(), 6);
        let b = daily("B", &[1.0; 12]);
        assert_eq!(
            period_dates(&b, RotationPeriod::Weekly, None),
            vec![d("2024-01-07"), d("2024-01-12")]
        );
        assert_eq!(
            period_dates(&b, RotationPeriod::Weekly, Some(d("2024-01-10"))),
            vec![d("2024-01-07"), d("2024-01-10")]
        );
        // Weeks across a year end: 2020-12-31 (Thursday) and 2021-01-03 (Sunday) share one.
        let year_end = [d("2020-12-31"), d("2021-01-03"), d("2021-01-04")];
        assert_eq!(period_ends(&year_end, RotationPeriod::Weekly), vec![1, 2]);
    }

    #[test]
    fn the_as_of_date_cuts_both_series() {
        let b = daily("B", &[100.0; 7]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 12.0, 20.0, 1.0]);
        let mut cut = options(RotationPeriod::Daily, 2, 10);
        cut.as_of = Some(d("2024-01-05"));
        let result = rotation(&[&a, &b], "B", &cut).unwrap();
        assert_eq!(result.as_of, Some(d("2024-01-05")));
        assert_eq!(result.series[0].points.len(), 2);
        assert_eq!(result.series[0].quadrant, Some(Quadrant::Leading));
        cut.as_of = Some(d("2023-12-01"));
        let before = rotation(&[&a, &b], "B", &cut).unwrap();
        assert_eq!(before.as_of, None);
        assert!(before.series[0].points.is_empty());
    }

    #[test]
    fn the_short_cut_gives_what_the_whole_history_gives() {
        let b = daily(
            "B",
            &(0..300)
                .map(|i| 100.0 + f64::from(i % 17))
                .collect::<Vec<_>>(),
        );
        let a = daily(
            "A",
            &(0..300)
                .map(|i| 50.0 + f64::from(i % 23) + f64::from(i) * 0.1)
                .collect::<Vec<_>>(),
        );
        for period in RotationPeriod::ALL {
            for (window, tail) in [(2, 1), (5, 3), (14, 10), (10, 40)] {
                let opts = options(period, window, tail);
                let (dates, rs) = relative_strength(&a, b.dates(), b.values(), period);
                let full = points_from(&dates, &rs, 0, &opts);
                let fast = tail_points(&a, b.dates(), b.values(), &opts);
                assert_eq!(fast, full, "{period:?} {window} {tail}");
                assert_eq!(fast.len(), tail.min(full.len()));
            }
        }
    }

    #[test]
    fn bad_input_is_an_error_that_says_what_is_wrong() {
        let b = daily("SPY", &[100.0, 101.0]);
        let a = daily("^RUT", &[10.0, 11.0]);
        let unknown = rotation(&[&a, &b], "QQQ", &RotationOptions::default()).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "there is no series named \"QQQ\" to use as the benchmark; the series are: ^RUT, SPY"
        );
        let zero = daily("SPY", &[100.0, 0.0, 3.0]);
        let error = rotation(&[&a, &zero], "SPY", &RotationOptions::default()).unwrap_err();
        assert_eq!(
            error,
            RotationError::NonPositiveBenchmark {
                name: "SPY".to_string(),
                date: d("2024-01-02"),
                value: 0.0
            }
        );
        // A bad value after the as-of date is not used.
        let early = RotationOptions {
            as_of: Some(d("2024-01-01")),
            ..RotationOptions::default()
        };
        assert!(rotation(&[&a, &zero], "SPY", &early).is_ok());
        let small = RotationOptions {
            window: 1,
            ..RotationOptions::default()
        };
        assert_eq!(
            rotation(&[&a, &b], "SPY", &small).unwrap_err().to_string(),
            "the window must be at least 2 periods (a standard deviation needs two values), not 1"
        );
        let empty = RotationOptions {
            tail: 0,
            ..RotationOptions::default()
        };
        assert_eq!(
            rotation(&[&a, &b], "SPY", &empty).unwrap_err(),
            RotationError::TailTooSmall { tail: 0 }
        );
    }
}
