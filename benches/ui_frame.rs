//! A whole frame of the real app, 1 600 × 1 000 points, on a saved workspace of 10 series × 1 M
//! observations: the app's own frame (every panel, the metrics table, the chart, the commands)
//! as the headless test harness runs it, plus the tessellation of what it drew into triangles,
//! which eframe does on the CPU before handing them to the GPU. Nothing is rendered: there is
//! no GPU here.
//!
//! Three frames are measured on the large workspace: a steady one (nothing changed, as when the
//! pointer moves over another panel), one during a drag that pans the chart, and the one that
//! draws a new range preset (alternating Max and 10Y). The baseline, measured in the same run,
//! is a steady frame of the same app on a workspace of the same shape with 1 000 observations
//! per series. Prints the medians and the ratios.
//!
//! Then breadth: 500 series × 7 600 sessions (S&P 500-like constituents over 30 years): a
//! steady frame, a frame during a pan, the frame after a zoom (a range change) and the frame
//! after a settings change (a new base date, every line rebased anew).
//!
//! Then the Rotation tab on 50 series × 5 000 sessions (about 20 years, weekly points): a
//! steady frame, and a frame of a playback in which every frame shows the next week (the
//! harness' clock moves one playback step per frame, so each frame prepares a new view).
//!
//! Each of the three parts builds its own workspace before anything is timed. To run only
//! some, name them in `UI_FRAME_PARTS` (comma-separated: `large`, `rotation`, `breadth`), e.g.
//! `UI_FRAME_PARTS=breadth cargo bench --bench ui_frame`; unset, all three run.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{POINTS, SERIES, generated_workspace, median_of, write_generated_workspace};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::paths::AppPaths;
use rotation_lens::ui::command::Command;
use rotation_lens::ui::file_dialog::ScriptedDialogs;
use rotation_lens::ui::{AppEnvironment, RotationLensApp};
use rotation_lens::workspace::{ChartRange, ChartTab, RangePreset, save_workspace};

/// The window size, in points.
const WINDOW: [f32; 2] = [1600.0, 1000.0];

/// A point inside the chart: the chart takes the middle of the window, between the data panel
/// (left), the findings (right), the toolbar (top) and the metrics table (bottom).
const IN_CHART: Pos2 = Pos2::new(800.0, 420.0);

/// How far one frame of the drag moves the pointer, in points.
const DRAG_STEP: f32 = 80.0;

/// The longest the workspace may take to appear.
const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

type App = Harness<'static, RotationLensApp>;

/// Whether the part of the bench named `part` runs: all do unless `UI_FRAME_PARTS` names some.
fn part_wanted(part: &str) -> bool {
    std::env::var("UI_FRAME_PARTS").map_or(true, |parts| {
        parts.split(',').any(|wanted| wanted.trim() == part)
    })
}

/// The app opened on `workspace`, its data folder in `data_dir`, once it shows every series.
fn open_app(workspace: &Path, data_dir: &Path, series: usize) -> App {
    open_app_stepping(workspace, data_dir, series, 1.0 / 60.0)
}

/// As [`open_app`], the harness' clock moving `step_dt` seconds a frame.
fn open_app_stepping(workspace: &Path, data_dir: &Path, series: usize, step_dt: f32) -> App {
    let dir = data_dir.to_path_buf();
    let startup = vec![workspace.to_path_buf()];
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .with_step_dt(step_dt)
        .build_eframe(move |cc| {
            RotationLensApp::with_environment(
                cc,
                AppEnvironment {
                    paths: Some(AppPaths::in_dir(dir)),
                    dialogs: Box::new(ScriptedDialogs::new(Vec::new())),
                    startup_paths: startup,
                    export_png_and_quit: None,
                },
            )
        });
    // The workspace may be read at start-up or in the background: step until it is shown.
    let started = Instant::now();
    while harness.state().workspace().series.len() < series {
        assert!(
            started.elapsed() <= LOAD_TIMEOUT,
            "{} did not open within {LOAD_TIMEOUT:?}: {:?}",
            workspace.display(),
            harness.state().notification_texts()
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    // Let the layout, the analysis and the chart's caches settle.
    harness.run_steps(10);
    harness
}

/// One frame, tessellated as eframe would before painting it. Returns the number of triangles'
/// vertices, so nothing is optimised away.
fn frame(harness: &mut App) -> usize {
    harness.step();
    let shapes = harness.output().shapes.clone();
    let pixels_per_point = harness.output().pixels_per_point;
    let primitives = harness.ctx.tessellate(shapes, pixels_per_point);
    primitives
        .iter()
        .map(|clipped| match &clipped.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// The chart's settings with the range set to `preset`.
fn with_range(harness: &App, preset: RangePreset) -> Command {
    let mut chart = harness.state().workspace().chart.clone();
    chart.range = ChartRange::Preset(preset);
    Command::SetChart(chart)
}

/// Alternates the range between Max and 10Y: the command is applied at the end of one frame,
/// and the next frame, the one timed, draws the new range.
struct RangeToggle {
    ten_years: bool,
}

impl RangeToggle {
    fn frame(&mut self, harness: &mut App) -> Duration {
        self.ten_years = !self.ten_years;
        let preset = if self.ten_years {
            RangePreset::TenYears
        } else {
            RangePreset::Max
        };
        let command = with_range(harness, preset);
        harness.state_mut().queue(command);
        harness.step();
        let start = Instant::now();
        black_box(frame(harness));
        start.elapsed()
    }
}

/// Moves the held pointer back and forth over the chart: each frame pans the dates.
struct Drag {
    right: bool,
}

impl Drag {
    /// Presses the button inside the chart and moves it once, so the drag has started.
    fn start(harness: &mut App) -> Drag {
        harness.hover_at(IN_CHART);
        harness.step();
        harness.drag_at(IN_CHART);
        harness.step();
        let mut drag = Drag { right: false };
        drag.frame(harness);
        drag.frame(harness);
        drag
    }

    fn frame(&mut self, harness: &mut App) -> usize {
        self.right = !self.right;
        let x = if self.right {
            IN_CHART.x + DRAG_STEP
        } else {
            IN_CHART.x
        };
        harness.hover_at(Pos2::new(x, IN_CHART.y));
        frame(harness)
    }

    /// Releases the button; taking the drag by value ends it, so it cannot be moved again.
    #[allow(clippy::unused_self)]
    fn finish(self, harness: &mut App) {
        harness.drop_at(IN_CHART);
        harness.run_steps(3);
    }
}

/// The last date the chart shows, for checking that a drag pans it.
fn last_visible_date(harness: &App) -> Option<rotation_lens::model::Date> {
    harness
        .state()
        .chart_table()
        .and_then(|table| table.dates.last().copied())
}

fn ui_frame(c: &mut Criterion) {
    if !part_wanted("large") {
        return;
    }
    let Ok(folder) = tempfile::tempdir() else {
        panic!("no temporary folder");
    };
    let large = folder.path().join("large.rlens");
    let small = folder.path().join("small.rlens");
    write_generated_workspace(&large, SERIES, POINTS);
    write_generated_workspace(&small, SERIES, 1_000);

    let mut baseline_app = open_app(&small, &folder.path().join("small-data"), SERIES);
    let started = Instant::now();
    let mut app = open_app(&large, &folder.path().join("large-data"), SERIES);
    println!(
        "\n{SERIES} x {POINTS} opened and settled in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    for harness in [&mut baseline_app, &mut app] {
        harness.remove_cursor();
        harness.run_steps(3);
    }

    // A drag must move the chart, or the pan frames would measure nothing.
    let before = last_visible_date(&app);
    let mut drag = Drag::start(&mut app);
    drag.frame(&mut app);
    let moved = last_visible_date(&app);
    drag.finish(&mut app);
    assert!(
        before != moved,
        "dragging at {IN_CHART:?} did not pan the chart (last date {before:?})"
    );
    app.run_steps(3);

    let mut group = c.benchmark_group("ui frame 1600x1000");
    group.bench_function("baseline: steady frame, 10 x 1000", |b| {
        b.iter(|| black_box(frame(&mut baseline_app)));
    });
    group.bench_function("steady frame, 10 x 1M", |b| {
        b.iter(|| black_box(frame(&mut app)));
    });
    let mut drag = Drag::start(&mut app);
    group.bench_function("frame during a pan, 10 x 1M", |b| {
        b.iter(|| black_box(drag.frame(&mut app)));
    });
    drag.finish(&mut app);
    let mut toggle = RangeToggle { ten_years: false };
    group.bench_function("frame after a range change, 10 x 1M", |b| {
        b.iter_custom(|iterations| (0..iterations).map(|_| toggle.frame(&mut app)).sum());
    });
    group.finish();

    // Back to the whole range, the largest view, for the medians below.
    let command = with_range(&app, RangePreset::Max);
    app.state_mut().queue(command);
    app.run_steps(5);
    let runs = 31;
    let baseline = median_of(runs, || {
        black_box(frame(&mut baseline_app));
    });
    let steady = median_of(runs, || {
        black_box(frame(&mut app));
    });
    let mut drag = Drag::start(&mut app);
    let pan = median_of(runs, || {
        black_box(drag.frame(&mut app));
    });
    drag.finish(&mut app);
    let mut ranges: Vec<Duration> = (0..runs).map(|_| toggle.frame(&mut app)).collect();
    ranges.sort();
    let range = ranges[runs / 2];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\nui frame {}x{}, median of {runs}:", WINDOW[0], WINDOW[1]);
    println!(
        "  baseline, steady, {SERIES} x 1000        {:>8.2} ms",
        ms(baseline)
    );
    for (name, time) in [
        ("steady, 10 x 1M                ", steady),
        ("during a pan, 10 x 1M          ", pan),
        ("after a range change, 10 x 1M  ", range),
    ] {
        println!(
            "  {name} {:>8.2} ms   {:>5.2}x the baseline",
            ms(time),
            time.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}

/// Series and sessions of the Rotation tab's workspace.
const ROTATION_SERIES: usize = 50;
const ROTATION_POINTS: usize = 5_000;

/// The app on the Rotation tab with a 50-series workspace; its clock moves `step_dt` a frame.
fn rotation_app(folder: &Path, name: &str, step_dt: f32) -> App {
    let path = folder.join(format!("{name}.rlens"));
    let mut workspace = generated_workspace(ROTATION_SERIES, ROTATION_POINTS);
    workspace.chart.tab = ChartTab::Rotation;
    if let Err(error) = save_workspace(&path, &workspace) {
        panic!("cannot write {}: {error}", path.display());
    }
    let mut app = open_app_stepping(
        &path,
        &folder.join(format!("{name}-data")),
        ROTATION_SERIES,
        step_dt,
    );
    app.remove_cursor();
    app.run_steps(3);
    app
}

/// Starts the playback again whenever it has reached the last week.
fn keep_playing(harness: &mut App) {
    if let Some(play) = harness.query_by_label("▶ Play") {
        play.click();
        harness.step();
    }
}

fn rotation_frames(c: &mut Criterion) {
    if !part_wanted("rotation") {
        return;
    }
    let Ok(folder) = tempfile::tempdir() else {
        panic!("no temporary folder");
    };
    let mut steady_app = rotation_app(folder.path(), "steady", 1.0 / 60.0);
    // 0.13 s a frame: past the playback's step interval, so every frame shows a new week.
    let mut playing_app = rotation_app(folder.path(), "playing", 0.13);
    keep_playing(&mut playing_app);
    let mut group = c.benchmark_group("ui frame 1600x1000, Rotation tab");
    group.bench_function("steady frame, 50 x 5000", |b| {
        b.iter(|| black_box(frame(&mut steady_app)));
    });
    group.bench_function("playback frame (a new week each frame), 50 x 5000", |b| {
        b.iter(|| {
            keep_playing(&mut playing_app);
            black_box(frame(&mut playing_app))
        });
    });
    group.finish();
    let runs = 31;
    let steady = median_of(runs, || {
        black_box(frame(&mut steady_app));
    });
    let playing = median_of(runs, || {
        keep_playing(&mut playing_app);
        black_box(frame(&mut playing_app));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\nRotation tab, {ROTATION_SERIES} x {ROTATION_POINTS}, median of {runs}:");
    println!("  steady                          {:>8.2} ms", ms(steady));
    println!("  playback, a new week each frame {:>8.2} ms", ms(playing));
}

/// Series and sessions of the breadth workspace: S&P 500-like constituents over 30 years.
const BREADTH_SERIES: usize = 500;
const BREADTH_POINTS: usize = 7_600;

/// Sets another base date on each call (each a line never drawn before): the command is applied
/// at the end of one frame, and the next frame, the one timed, draws every line rebased anew.
struct BaseDateChange {
    dates: Vec<rotation_lens::model::Date>,
    next: usize,
}

impl BaseDateChange {
    fn frame(&mut self, harness: &mut App) -> Duration {
        self.next = (self.next + 1) % self.dates.len().max(1);
        let mut chart = harness.state().workspace().chart.clone();
        chart.base_date = self.dates.get(self.next).copied();
        harness.state_mut().queue(Command::SetChart(chart));
        harness.step();
        let start = Instant::now();
        black_box(frame(harness));
        start.elapsed()
    }
}

fn breadth_frames(c: &mut Criterion) {
    if !part_wanted("breadth") {
        return;
    }
    let Ok(folder) = tempfile::tempdir() else {
        panic!("no temporary folder");
    };
    let path = folder.path().join("breadth.rlens");
    write_generated_workspace(&path, BREADTH_SERIES, BREADTH_POINTS);
    let mut app = open_app(&path, &folder.path().join("breadth-data"), BREADTH_SERIES);
    app.remove_cursor();
    app.run_steps(3);
    let dates: Vec<_> = app.state().workspace().series[0]
        .series
        .dates()
        .iter()
        .skip(100)
        .take(3000)
        .copied()
        .collect();
    let mut settings = BaseDateChange { dates, next: 0 };
    let mut toggle = RangeToggle { ten_years: false };
    let mut group = c.benchmark_group("ui frame 1600x1000, 500 series");
    group.sample_size(10);
    group.bench_function("steady frame, 500 x 7600", |b| {
        b.iter(|| black_box(frame(&mut app)));
    });
    let mut drag = Drag::start(&mut app);
    group.bench_function("frame during a pan, 500 x 7600", |b| {
        b.iter(|| black_box(drag.frame(&mut app)));
    });
    drag.finish(&mut app);
    group.bench_function("frame after a zoom (range change), 500 x 7600", |b| {
        b.iter_custom(|iterations| (0..iterations).map(|_| toggle.frame(&mut app)).sum());
    });
    group.bench_function(
        "frame after a settings change (base date), 500 x 7600",
        |b| {
            b.iter_custom(|iterations| (0..iterations).map(|_| settings.frame(&mut app)).sum());
        },
    );
    group.finish();
    let runs = 11;
    let steady = median_of(runs, || {
        black_box(frame(&mut app));
    });
    let mut drag = Drag::start(&mut app);
    let pan = median_of(runs, || {
        black_box(drag.frame(&mut app));
    });
    drag.finish(&mut app);
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let zoom = median((0..runs).map(|_| toggle.frame(&mut app)).collect());
    let change = median((0..runs).map(|_| settings.frame(&mut app)).collect());
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "\nui frame {}x{}, {BREADTH_SERIES} x {BREADTH_POINTS}, median of {runs}:",
        WINDOW[0], WINDOW[1]
    );
    for (name, time) in [
        ("steady                    ", steady),
        ("during a pan              ", pan),
        ("after a zoom (range)      ", zoom),
        ("after a base date change  ", change),
    ] {
        println!("  {name} {:>8.2} ms", ms(time));
    }
}

criterion_group!(benches, ui_frame, rotation_frames, breadth_frames);
criterion_main!(benches);
