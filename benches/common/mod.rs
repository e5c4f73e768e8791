//! What the benchmarks of large workspaces share: the generated workspace of 10 series × 1 M
//! observations (and smaller ones of the same shape), and a median of repeated timings.

// Each benchmark uses the part it needs.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::workspace::{Workspace, save_workspace};
use rotation_lens_core::testing::TestRng;

/// Series in the large workspace.
pub const SERIES: usize = 10;
/// Observations per series in the large workspace.
pub const POINTS: usize = 1_000_000;

/// Ten business-day random walks of a million closes each, prices with two decimals (as
/// imported files hold them), dated from 1900 on. The same data on every run.
pub fn large_workspace() -> Workspace {
    generated_workspace(SERIES, POINTS)
}

/// `series` business-day random walks of `points` closes each, named `Index 0`, `Index 1`, …;
/// the first `points` observations of each are those of [`large_workspace`].
pub fn generated_workspace(series: usize, points: usize) -> Workspace {
    let mut workspace = Workspace::empty();
    workspace.name = format!("{series} x {points}");
    let mut rng = TestRng::new(0x9e37_79b9_7f4a_7c15);
    for s in 0..series {
        let mut day = Date::from_ymd(1900, 1, 1).map_or(0, Date::day_number);
        let mut level = 100.0 + s as f64;
        let mut dates = Vec::with_capacity(points);
        let mut values = Vec::with_capacity(points);
        for i in 0..POINTS {
            // The walk runs its full length so every series starts from the same state of the
            // generator whatever `points` is.
            let step = rng.unit() - 0.5;
            if i >= points {
                continue;
            }
            level *= 1.0 + step * 0.02;
            day += if i % 5 == 4 { 3 } else { 1 };
            let Some(date) = Date::from_day_number(day) else {
                break;
            };
            dates.push(date);
            values.push((level * 100.0).round() / 100.0);
        }
        let Ok(series) = Series::new(
            format!("Index {s}"),
            SeriesKind::Price,
            Source::default(),
            dates,
            values,
        ) else {
            panic!("bench data must form a series");
        };
        workspace.add_series(series);
    }
    workspace
}

/// Saves a generated workspace of `series` × `points` to `path`.
pub fn write_generated_workspace(path: &Path, series: usize, points: usize) {
    if let Err(error) = save_workspace(path, &generated_workspace(series, points)) {
        panic!("cannot write {}: {error}", path.display());
    }
}

/// The median wall time of `runs` calls of `work`.
pub fn median_of(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
