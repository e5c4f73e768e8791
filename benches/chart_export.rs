//! Exporting the performance chart of 10 series × 1 M observations as a 1600×900 PNG (scale 2)
//! and as SVG — planning, preparing and decimating the lines from scratch as an export does,
//! laying out, rasterising and encoding — against the on-screen frame of the same view measured
//! in the same run: the frame after a settings change (every line built and decimated again at
//! 1 600 px, points handed to egui_plot) and the frame of an unchanged view. Prints the medians.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{POINTS, SERIES, large_workspace, median_of};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_plot::PlotPoints;
use rotation_lens::chart::decimation_cache::XView;
use rotation_lens::chart::frame::ChartPreparer;
use rotation_lens::chart::tab_plan::{TabPlan, plan};
use rotation_lens::export::{
    PictureFormat, PictureOptions, chart_view, encode_scene, render_chart,
};
use rotation_lens::workspace::Workspace;

const WIDTH_PX: usize = 1600;

/// One on-screen frame of the chart: plan, prepare (with `preparer`'s caches), hand the points
/// to egui_plot.
fn screen_frame(workspace: &Workspace, preparer: &mut ChartPreparer) -> usize {
    let TabPlan::Chart(chart) = plan(workspace, None) else {
        panic!("nothing to chart");
    };
    let (min, max) = chart.span.x_range();
    let prepared = preparer.prepare(
        &chart,
        XView {
            min,
            max,
            width_px: WIDTH_PX,
        },
    );
    let mut handed = 0;
    for panel in &prepared.panels {
        for line in &panel.lines {
            let points: PlotPoints<'_> = line.points.iter().copied().collect();
            handed += points.points().len();
            black_box(points);
        }
    }
    preparer.end_frame();
    handed
}

fn export(workspace: &Workspace, format: PictureFormat) -> usize {
    match render_chart(workspace, None, &PictureOptions::default(), format) {
        Ok(bytes) => bytes.len(),
        Err(error) => panic!("export failed: {error}"),
    }
}

fn chart_export(c: &mut Criterion) {
    let workspace = large_workspace();
    let options = PictureOptions::default();
    println!(
        "\n{SERIES} series x {POINTS} observations, a {}x{} PNG at scale {}: {} bytes",
        options.width_px,
        options.height_px,
        options.scale,
        export(&workspace, PictureFormat::Png)
    );

    let mut group = c.benchmark_group("chart export 10 x 1M");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("screen: frame after a settings change", |b| {
        b.iter(|| {
            let mut fresh = ChartPreparer::default();
            black_box(screen_frame(&workspace, &mut fresh))
        });
    });
    let mut warm = ChartPreparer::default();
    screen_frame(&workspace, &mut warm);
    group.bench_function("screen: unchanged view", |b| {
        b.iter(|| black_box(screen_frame(&workspace, &mut warm)));
    });
    group.bench_function("export: PNG 1600x900", |b| {
        b.iter(|| black_box(export(&workspace, PictureFormat::Png)));
    });
    group.bench_function("export: SVG", |b| {
        b.iter(|| black_box(export(&workspace, PictureFormat::Svg)));
    });
    group.finish();

    let runs = 7;
    let fresh = median_of(runs, || {
        let mut fresh = ChartPreparer::default();
        black_box(screen_frame(&workspace, &mut fresh));
    });
    let unchanged = median_of(runs, || {
        black_box(screen_frame(&workspace, &mut warm));
    });
    let prepare = median_of(runs, || {
        black_box(
            chart_view(&workspace, None, &options)
                .map(|v| v.caption.title.len())
                .ok(),
        );
    });
    let Ok(view) = chart_view(&workspace, None, &options) else {
        panic!("nothing to chart");
    };
    let draw = median_of(runs, || {
        let scene = view.scene(&options);
        black_box(
            encode_scene(&scene, PictureFormat::Png)
                .map(|b| b.len())
                .ok(),
        );
    });
    let png = median_of(runs, || {
        black_box(export(&workspace, PictureFormat::Png));
    });
    let svg = median_of(runs, || {
        black_box(export(&workspace, PictureFormat::Svg));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\nchart export {SERIES} x {POINTS}, median of {runs}:");
    for (name, time) in [
        ("screen frame, settings change", fresh),
        ("screen frame, unchanged view ", unchanged),
        ("export: plan and prepare     ", prepare),
        ("export: lay out, draw, encode", draw),
        ("export: PNG, all             ", png),
        ("export: SVG, all             ", svg),
    ] {
        println!(
            "  {name} {:>9.2} ms   {:>6.2}x the settings-change frame",
            ms(time),
            time.as_secs_f64() / fresh.as_secs_f64()
        );
    }
}

criterion_group!(benches, chart_export);
criterion_main!(benches);
