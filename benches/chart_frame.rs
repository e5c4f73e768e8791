//! Preparing one frame of the performance chart for 10 series × 1 M observations at 1 600 px:
//! the plan, the transformed lines (cached), the M4 points of the visible range and the plot
//! points handed to `egui_plot` — after a zoom to a view never decimated before (what the UI
//! thread pays with the app's refining preparer, the latency until the exact points are in, and
//! the synchronous preparer export uses), warm after a pan, and warm on an unchanged view; after
//! a settings change (a new base date every frame at the same view: every line new, its points
//! derived from its series' column picks); and from scratch (a new preparer, as after loading).
//! The baseline, measured in the same run, builds `egui_plot` points for every observation.
//! Prints the medians and the ratios.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{POINTS, SERIES, large_workspace, median_of};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_plot::PlotPoints;
use rotation_lens::chart::decimation_cache::XView;
use rotation_lens::chart::frame::ChartPreparer;
use rotation_lens::chart::tab_plan::{ChartPlan, TabPlan, plan};
use rotation_lens::model::Date;
use rotation_lens::workspace::Workspace;

const WIDTH_PX: usize = 1600;

fn chart_plan(workspace: &Workspace) -> ChartPlan {
    match plan(workspace, None) {
        TabPlan::Chart(chart) => chart,
        _ => panic!("nothing to chart"),
    }
}

/// One frame: plan the tab, prepare its points, hand them to `egui_plot`. Returns the number of
/// points handed over and whether lines are still being refined.
fn frame(workspace: &Workspace, preparer: &mut ChartPreparer, view: XView) -> (usize, bool) {
    let chart = chart_plan(workspace);
    let prepared = preparer.prepare(&chart, view);
    let mut handed = 0;
    for panel in &prepared.panels {
        for line in &panel.lines {
            let points: PlotPoints<'_> = line.points.iter().copied().collect();
            handed += points.points().len();
            black_box(points);
        }
    }
    preparer.end_frame();
    (handed, prepared.refining)
}

/// Zooms to `view` and draws frames until the exact points are in: the time from the zoom to
/// the frame that draws them.
fn until_exact(workspace: &Workspace, preparer: &mut ChartPreparer, view: XView) -> Duration {
    let start = Instant::now();
    let (_, mut refining) = frame(workspace, preparer, view);
    while refining {
        let _ = preparer.wait_for_refinement(Duration::from_secs(10));
        refining = frame(workspace, preparer, view).1;
    }
    start.elapsed()
}

/// The baseline: `egui_plot` points for every observation of every series.
fn every_point(workspace: &Workspace) -> usize {
    let mut handed = 0;
    for entry in &workspace.series {
        let series = &entry.series;
        let points: PlotPoints<'_> = series
            .dates()
            .iter()
            .zip(series.values())
            .map(|(date, value)| [f64::from(date.day_number()), *value])
            .collect();
        handed += points.points().len();
        black_box(points);
    }
    handed
}

/// Base dates one after another (the series' dates from the 2 000th on), a new one each call.
fn base_dates(workspace: &Workspace) -> impl FnMut() -> Option<Date> + use<> {
    let dates: Vec<Date> = workspace
        .series
        .first()
        .map(|entry| {
            entry
                .series
                .dates()
                .iter()
                .skip(2000)
                .take(5000)
                .copied()
                .collect()
        })
        .unwrap_or_default();
    let mut next = 0;
    move || {
        next += 1;
        dates.get(next % dates.len().max(1)).copied()
    }
}

/// The views a frame is prepared for.
#[derive(Clone, Copy)]
struct Views {
    /// The whole span.
    whole: XView,
    /// The middle half: 500 000 observations per series visible.
    zoomed: XView,
    /// The zoomed view panned by a twentieth of the data's span (a tenth of the view).
    panned: XView,
}

fn views(chart: &ChartPlan) -> Views {
    let (min, max) = chart.span.x_range();
    let span = max - min;
    let whole = XView {
        min,
        max,
        width_px: WIDTH_PX,
    };
    // The middle half: 500 000 observations per series visible.
    let zoomed = XView {
        min: min + span * 0.25,
        max: max - span * 0.25,
        width_px: WIDTH_PX,
    };
    // The same, panned by a twentieth of the data's span (a tenth of the view).
    let panned = XView {
        min: zoomed.min + span * 0.05,
        max: zoomed.max + span * 0.05,
        width_px: WIDTH_PX,
    };
    Views {
        whole,
        zoomed,
        panned,
    }
}

/// Zoomed views, a new one each call and never one before: the visible share of the data cycles
/// through 50 %, 20 %, 45 %, 15 %, 40 % and 10 % (each step zooms in or out by 2.2× or more,
/// beyond what the cached points serve), centred at successive points of a golden-ratio
/// sequence across the data.
fn zoom_views(chart: &ChartPlan) -> impl FnMut() -> XView + use<> {
    let (min, max) = chart.span.x_range();
    let span = max - min;
    let mut step = 0_usize;
    move || {
        step += 1;
        let share = [0.5, 0.2, 0.45, 0.15, 0.4, 0.1][step % 6];
        let half = span * share / 2.0;
        let at = (step as f64 * 0.618_033_988_749_895).fract();
        let centre = min + half + at * (span - 2.0 * half);
        XView {
            min: centre - half,
            max: centre + half,
            width_px: WIDTH_PX,
        }
    }
}

/// What the frames are prepared from, kept across the criterion runs and the medians.
struct Bench {
    workspace: Workspace,
    /// The workspace whose base date changes every frame.
    changed: Workspace,
    /// The app's preparer (refining after a zoom).
    preparer: ChartPreparer,
    /// The synchronous preparer exports use.
    synchronous: ChartPreparer,
    views: Views,
    next_zoom: Box<dyn FnMut() -> XView>,
    next_base: Box<dyn FnMut() -> Option<Date>>,
}

fn chart_frame(c: &mut Criterion) {
    let workspace = large_workspace();
    let chart = chart_plan(&workspace);
    let views = views(&chart);
    let mut bench = Bench {
        changed: workspace.clone(),
        next_base: Box::new(base_dates(&workspace)),
        next_zoom: Box::new(zoom_views(&chart)),
        workspace,
        preparer: ChartPreparer::refining(),
        synchronous: ChartPreparer::default(),
        views,
    };
    let whole = bench.views.whole;
    let (handed, _) = frame(&bench.workspace, &mut bench.preparer, whole);
    frame(&bench.workspace, &mut bench.synchronous, whole);
    println!(
        "\n{SERIES} series x {POINTS} observations at {WIDTH_PX} px: {handed} points handed to \
         the plot, against {} in the baseline",
        every_point(&bench.workspace)
    );
    criterion_rows(c, &mut bench);
    medians(&mut bench);
}

/// Criterion's estimates of every frame.
fn criterion_rows(c: &mut Criterion, bench: &mut Bench) {
    let Bench {
        workspace,
        changed,
        preparer,
        synchronous,
        views,
        next_zoom,
        next_base,
    } = bench;
    let Views {
        whole,
        zoomed,
        panned,
    } = *views;
    let mut group = c.benchmark_group("chart frame 10 x 1M");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    group.bench_function("baseline: plot points for every observation", |b| {
        b.iter(|| black_box(every_point(workspace)));
    });
    group.bench_function("zoom to a new view: the UI thread's frame", |b| {
        b.iter(|| black_box(frame(workspace, preparer, next_zoom())));
    });
    group.bench_function("zoom to a new view: until the exact points are in", |b| {
        b.iter(|| black_box(until_exact(workspace, preparer, next_zoom())));
    });
    group.bench_function("zoom to a new view: synchronous (export)", |b| {
        b.iter(|| black_box(frame(workspace, synchronous, next_zoom())));
    });
    until_exact(workspace, preparer, zoomed);
    let mut flip = false;
    group.bench_function("warm after a pan", |b| {
        b.iter(|| {
            flip = !flip;
            let view = if flip { panned } else { zoomed };
            black_box(frame(workspace, preparer, view))
        });
    });
    group.bench_function("warm, same view", |b| {
        b.iter(|| black_box(frame(workspace, preparer, zoomed)));
    });
    // A settings change: another base date every frame (each a line never seen before, its
    // points derived from its series' picks), the preparer kept as the app keeps it.
    until_exact(workspace, preparer, whole);
    group.bench_function("settings change: a new base date", |b| {
        b.iter(|| {
            changed.chart.base_date = next_base();
            black_box(frame(changed, preparer, whole))
        });
    });
    group.bench_function(
        "from scratch: a new preparer (first frame after loading)",
        |b| {
            b.iter(|| {
                let mut fresh = ChartPreparer::default();
                black_box(frame(workspace, &mut fresh, whole))
            });
        },
    );
    group.finish();
}

/// The medians of 15 frames of each kind, printed with their ratios to the baseline.
fn medians(bench: &mut Bench) {
    let Bench {
        workspace,
        changed,
        preparer,
        synchronous,
        views,
        next_zoom,
        next_base,
    } = bench;
    let Views {
        whole,
        zoomed,
        panned,
    } = *views;
    let runs = 15;
    let baseline = median_of(runs, || {
        black_box(every_point(workspace));
    });
    // The settings-change frames made many lines; the zoomed workspace's lines are drawn once
    // again so that the zooms below meet lines already drawn, as in the app.
    until_exact(workspace, preparer, whole);
    let zoom = median_of(runs, || {
        black_box(frame(workspace, preparer, next_zoom()));
    });
    let latency = median_of(runs, || {
        black_box(until_exact(workspace, preparer, next_zoom()));
    });
    let sync_zoom = median_of(runs, || {
        black_box(frame(workspace, synchronous, next_zoom()));
    });
    until_exact(workspace, preparer, zoomed);
    let mut toggle = false;
    let pan = median_of(runs, || {
        toggle = !toggle;
        let view = if toggle { panned } else { zoomed };
        black_box(frame(workspace, preparer, view));
    });
    let same = median_of(runs, || {
        black_box(frame(workspace, preparer, zoomed));
    });
    until_exact(workspace, preparer, whole);
    let settings = median_of(runs, || {
        changed.chart.base_date = next_base();
        black_box(frame(changed, preparer, whole));
    });
    let fresh = median_of(5, || {
        let mut fresh = ChartPreparer::default();
        black_box(frame(workspace, &mut fresh, whole));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\nchart frame {SERIES} x {POINTS}, median of {runs}:");
    println!("  baseline, every point    {:>8.2} ms", ms(baseline));
    for (name, time) in [
        ("zoom, UI thread's frame ", zoom),
        ("zoom, until exact       ", latency),
        ("zoom, synchronous       ", sync_zoom),
        ("warm, after a pan       ", pan),
        ("warm, same view         ", same),
        ("settings change (base)  ", settings),
        ("from scratch (loading)  ", fresh),
    ] {
        println!(
            "  {name} {:>8.3} ms   {:>7.1}x faster than the baseline",
            ms(time),
            baseline.as_secs_f64() / time.as_secs_f64()
        );
    }
}

criterion_group!(benches, chart_frame);
criterion_main!(benches);
