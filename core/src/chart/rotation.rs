//! The Rotation tab's chart, prepared for drawing by the app or an exporter: the benchmark
//! (picked, else a broad index), each shown series' tail with its colour and the opacity of
//! every point (fading toward the past), the quadrants' colours and labels, square bounds
//! around the 100/100 centre, and the dates a playback steps through.

use std::sync::Arc;

use crate::analytics::{
    Finding, Quadrant, RotationError, RotationOptions, RotationPoint, period_dates, rotation,
    rotation_findings,
};
use crate::model::{Date, Series, SeriesKind};
use crate::workspace::{Rgb, Workspace};

/// Names of broad market indexes and funds, preferred as the benchmark in this order when the
/// user has not picked one (compared without case).
pub const BROAD_INDEXES: [&str; 10] = [
    "SPY", "^GSPC", "S&P 500", "^SPX", "SPX", "IVV", "VOO", "SP500", "ACWI", "VT",
];

/// The smallest half-width of the chart around 100 on each axis.
pub const MIN_HALF_RANGE: f64 = 1.0;

/// One series' tail.
#[derive(Clone, Debug, PartialEq)]
pub struct RotationTail {
    /// The series' name.
    pub name: String,
    /// Its colour.
    pub color: Rgb,
    /// The quadrant of its last point.
    pub quadrant: Quadrant,
    /// The points, oldest first (never empty).
    pub points: Vec<RotationPoint>,
}

/// The Rotation tab, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct RotationChart {
    /// The benchmark's name.
    pub benchmark: String,
    /// What the view is computed with.
    pub options: RotationOptions,
    /// The benchmark's last date on or before the as-of date.
    pub as_of: Option<Date>,
    /// The shown series with points, in workspace order.
    pub tails: Vec<RotationTail>,
    /// The shown series with too little data for a point.
    pub too_short: Vec<String>,
    /// The shown series that stopped before the benchmark's last period, with their last
    /// point's date: not drawn, as they say nothing of the view's date.
    pub stopped: Vec<(String, Date)>,
    /// The x (RS-Ratio) range drawn.
    pub x_range: (f64, f64),
    /// The y (RS-Momentum) range drawn.
    pub y_range: (f64, f64),
}

/// Why the Rotation tab has nothing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum RotationProblem {
    /// The workspace has fewer than two series.
    TooFewSeries,
    /// The computation refused the settings or the benchmark.
    Error(RotationError),
}

/// The benchmark the tab uses: the one picked last when it still exists, else the first
/// broad index present ([`BROAD_INDEXES`]), else the first price series, else the first series.
#[must_use]
pub fn default_benchmark(workspace: &Workspace) -> Option<String> {
    if let Some(picked) = &workspace.chart.rotation.benchmark
        && workspace.series_named(picked).is_some()
    {
        return Some(picked.clone());
    }
    let names: Vec<&str> = workspace
        .series
        .iter()
        .map(crate::workspace::WorkspaceSeries::name)
        .collect();
    BROAD_INDEXES
        .iter()
        .find_map(|broad| {
            names
                .iter()
                .find(|name| name.trim().eq_ignore_ascii_case(broad))
        })
        .or_else(|| {
            workspace
                .series
                .iter()
                .find(|s| s.series.kind == SeriesKind::Price)
                .map(|s| &s.series.name)
                .and_then(|name| names.iter().find(|n| **n == name.as_str()))
        })
        .or(names.first())
        .map(|name| (*name).to_string())
}

/// The dates a playback steps through: the benchmark's period ends up to `as_of`.
#[must_use]
pub fn playback_dates(workspace: &Workspace, as_of: Option<Date>) -> Vec<Date> {
    let Some(benchmark) =
        default_benchmark(workspace).and_then(|name| workspace.series_named(&name))
    else {
        return Vec::new();
    };
    period_dates(&benchmark.series, workspace.chart.rotation.period, as_of)
}

/// The quadrant changes of the shown price series of `workspace` against its benchmark
/// ([`default_benchmark`], shown or not) with its period and window, as of `as_of`: the
/// findings of the rotation view ([`rotation_findings`]). Relative strength is a comparison of
/// prices: valuations and rates are left out.
#[must_use]
pub fn workspace_rotation_findings(workspace: &Workspace, as_of: Option<Date>) -> Vec<Finding> {
    let Some(benchmark) = default_benchmark(workspace) else {
        return Vec::new();
    };
    let series: Vec<&Series> = workspace
        .series
        .iter()
        .filter(|s| s.name() == benchmark || (s.visible && s.series.kind == SeriesKind::Price))
        .map(|s| s.series.as_ref())
        .collect();
    rotation_findings(
        &series,
        &benchmark,
        &workspace.chart.rotation.options(as_of),
    )
}

/// Prepares the Rotation tab of `workspace` as of `as_of`: every visible series but the
/// benchmark against the benchmark, with the workspace's period, window and tail.
///
/// # Errors
/// [`RotationProblem::TooFewSeries`] with fewer than two series; [`RotationProblem::Error`]
/// when the benchmark has a value at or below zero or the window or tail is out of range.
pub fn prepare_rotation(
    workspace: &Workspace,
    as_of: Option<Date>,
) -> Result<RotationChart, RotationProblem> {
    let Some(benchmark) = default_benchmark(workspace).filter(|_| workspace.series.len() >= 2)
    else {
        return Err(RotationProblem::TooFewSeries);
    };
    let shown: Vec<&Arc<Series>> = workspace
        .series
        .iter()
        .filter(|s| s.visible || s.name() == benchmark)
        .map(|s| &s.series)
        .collect();
    let refs: Vec<&Series> = shown.iter().map(AsRef::as_ref).collect();
    let options = workspace.chart.rotation.options(as_of);
    let result = rotation(&refs, &benchmark, &options).map_err(RotationProblem::Error)?;
    let mut tails = Vec::new();
    let mut too_short = Vec::new();
    let mut stopped = Vec::new();
    for row in result.series {
        if let Some(last) = row.stopped {
            stopped.push((row.name, last));
            continue;
        }
        let color = workspace
            .series_named(&row.name)
            .map_or([0x80, 0x80, 0x80], |s| s.color);
        match row.quadrant {
            Some(quadrant) if !row.points.is_empty() => tails.push(RotationTail {
                name: row.name,
                color,
                quadrant,
                points: row.points,
            }),
            _ => too_short.push(row.name),
        }
    }
    let (x_range, y_range) = ranges(&tails);
    Ok(RotationChart {
        benchmark,
        options,
        as_of: result.as_of,
        tails,
        too_short,
        stopped,
        x_range,
        y_range,
    })
}

/// Ranges centred on 100 holding every point with a margin, each at least ±[`MIN_HALF_RANGE`].
#[must_use]
pub fn ranges(tails: &[RotationTail]) -> ((f64, f64), (f64, f64)) {
    let points = || tails.iter().flat_map(|t| &t.points);
    let half = |value: fn(&RotationPoint) -> f64| {
        let furthest = points()
            .map(|p| (value(p) - 100.0).abs())
            .fold(0.0, f64::max);
        (furthest * 1.15).max(MIN_HALF_RANGE)
    };
    let x = half(|p| p.rs_ratio);
    let y = half(|p| p.rs_momentum);
    ((100.0 - x, 100.0 + x), (100.0 - y, 100.0 + y))
}

/// The opacity of point `index` of a tail of `len` points: from 0.2 for the oldest to 1 for
/// the last, evenly.
#[must_use]
pub fn tail_opacity(index: usize, len: usize) -> f32 {
    if len <= 1 {
        return 1.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let t = index as f32 / (len - 1) as f32;
    0.2 + 0.8 * t
}

/// The colour a quadrant is shaded in: green Leading, yellow Weakening, red Lagging, blue
/// Improving (the convention of rotation charts).
#[must_use]
pub fn quadrant_color(quadrant: Quadrant) -> Rgb {
    match quadrant {
        Quadrant::Leading => [0x2e, 0x9e, 0x4f],
        Quadrant::Weakening => [0xd9, 0xa4, 0x0e],
        Quadrant::Lagging => [0xd1, 0x3b, 0x3b],
        Quadrant::Improving => [0x2f, 0x6f, 0xc9],
    }
}

/// Where a quadrant lies: `(right, top)` of the 100/100 centre.
#[must_use]
pub fn quadrant_side(quadrant: Quadrant) -> (bool, bool) {
    match quadrant {
        Quadrant::Leading => (true, true),
        Quadrant::Weakening => (true, false),
        Quadrant::Lagging => (false, false),
        Quadrant::Improving => (false, true),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testing::daily_series;
    use crate::workspace::{RotationSettings, WorkspaceSeries};

    fn workspace(names: &[(&str, &[f64])]) -> Workspace {
        let mut ws = Workspace::empty();
        for (i, (name, values)) in names.iter().enumerate() {
            ws.series.push(WorkspaceSeries {
                series: Arc::new(daily_series(name, SeriesKind::Price, "2024-01-01", values)),
                color: [u8::try_from(i).unwrap(), 0, 0],
                visible: true,
            });
        }
        ws
    }

    const RS: [f64; 5] = [10.0, 11.0, 12.0, 11.0, 12.0];

    #[test]
    fn the_benchmark_is_the_one_picked_else_a_broad_index_else_the_first_price() {
        let mut ws = workspace(&[("^RUT", &RS), ("spy", &[100.0; 5]), ("QQQ", &RS)]);
        assert_eq!(default_benchmark(&ws).as_deref(), Some("spy"));
        ws.chart.rotation.benchmark = Some("QQQ".to_string());
        assert_eq!(default_benchmark(&ws).as_deref(), Some("QQQ"));
        ws.chart.rotation.benchmark = Some("gone".to_string());
        assert_eq!(default_benchmark(&ws).as_deref(), Some("spy"));
        let plain = workspace(&[("A", &RS), ("B", &RS)]);
        assert_eq!(default_benchmark(&plain).as_deref(), Some("A"));
        assert_eq!(default_benchmark(&Workspace::empty()), None);
    }

    #[test]
    fn visible_series_get_tails_with_their_colour_and_the_benchmark_none() {
        let mut ws = workspace(&[
            ("^RUT", &RS),
            ("SPY", &[100.0; 5]),
            ("Flat", &[5.0; 5]),
            ("Hidden", &RS),
        ]);
        ws.series[3].visible = false;
        ws.chart.rotation = RotationSettings {
            window: 2,
            period: crate::analytics::RotationPeriod::Daily,
            ..RotationSettings::default()
        };
        let chart = prepare_rotation(&ws, None).unwrap();
        assert_eq!(chart.benchmark, "SPY");
        assert_eq!(chart.tails.len(), 1);
        assert_eq!(chart.tails[0].name, "^RUT");
        assert_eq!(chart.tails[0].color, [0, 0, 0]);
        assert_eq!(chart.tails[0].quadrant, Quadrant::Leading);
        assert_eq!(chart.tails[0].points.len(), 2);
        assert_eq!(chart.too_short, vec!["Flat".to_string()]);
        // Points at 99 and 101 on both axes: ±1.15.
        assert!((chart.x_range.1 - 101.15).abs() < 1e-9);
        assert!((chart.y_range.0 - 98.85).abs() < 1e-9);
        // The benchmark is drawn against itself by nobody, even when hidden.
        ws.series[1].visible = false;
        assert_eq!(prepare_rotation(&ws, None).unwrap().tails.len(), 1);
        assert_eq!(playback_dates(&ws, None).len(), 5);
        // The findings speak of the shown price series only: not of Hidden, nor of a valuation
        // (shown or not), though they move as ^RUT does; the benchmark counts, hidden or not.
        ws.series.push(WorkspaceSeries {
            series: Arc::new(daily_series("PE", SeriesKind::Valuation, "2024-01-01", &RS)),
            color: [9, 9, 9],
            visible: true,
        });
        let found = workspace_rotation_findings(&ws, None);
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert!(texts[0].starts_with("^RUT moved into Leading against SPY on 2024-01-05"));
        ws.series[3].visible = true;
        let found = workspace_rotation_findings(&ws, None);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].text.starts_with("Hidden moved into Leading"));
    }

    #[test]
    fn problems_are_values() {
        let one = workspace(&[("SPY", &[1.0; 3])]);
        assert_eq!(
            prepare_rotation(&one, None),
            Err(RotationProblem::TooFewSeries)
        );
        let mut ws = workspace(&[("SPY", &[1.0, -1.0]), ("A", &[1.0, 2.0])]);
        assert!(matches!(
            prepare_rotation(&ws, None),
            Err(RotationProblem::Error(
                RotationError::NonPositiveBenchmark { .. }
            ))
        ));
        ws.chart.rotation.window = 1;
        assert!(matches!(
            prepare_rotation(&ws, None),
            Err(RotationProblem::Error(RotationError::WindowTooSmall {
                window: 1
            }))
        ));
    }

    #[test]
    fn a_series_that_stopped_is_named_and_not_drawn() {
        let mut ws = workspace(&[("^RUT", &RS), ("SPY", &[100.0; 15]), ("QQQ", &[10.0; 15])]);
        // QQQ goes on with the benchmark: RS 10, 11, 12, 11, 12, then flat.
        let qqq: Vec<f64> = RS
            .iter()
            .copied()
            .chain([12.0, 11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 11.0])
            .collect();
        ws.series[2].series = Arc::new(daily_series("QQQ", SeriesKind::Price, "2024-01-01", &qqq));
        ws.chart.rotation = RotationSettings {
            window: 2,
            period: crate::analytics::RotationPeriod::Daily,
            ..RotationSettings::default()
        };
        let chart = prepare_rotation(&ws, None).unwrap();
        assert_eq!(chart.as_of, Some(crate::testing::d("2024-01-15")));
        assert_eq!(
            chart
                .tails
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>(),
            ["QQQ"]
        );
        assert_eq!(
            chart.stopped,
            vec![("^RUT".to_string(), crate::testing::d("2024-01-05"))]
        );
    }

    #[test]
    fn tails_fade_toward_the_past() {
        assert!((tail_opacity(0, 5) - 0.2).abs() < 1e-6);
        assert!((tail_opacity(4, 5) - 1.0).abs() < 1e-6);
        assert!(tail_opacity(1, 5) < tail_opacity(2, 5));
        assert!((tail_opacity(0, 1) - 1.0).abs() < 1e-6);
        assert_eq!(quadrant_side(Quadrant::Improving), (false, true));
        assert_ne!(
            quadrant_color(Quadrant::Leading),
            quadrant_color(Quadrant::Lagging)
        );
    }
}
