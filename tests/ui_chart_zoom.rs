//! Zooming a chart of long series with the mouse wheel: the frames right after the zoom draw
//! the points already decimated while the exact ones are computed on a worker, and once that is
//! done the plot holds exactly the points a synchronous preparer hands over for the same views.
//! Runs without a GPU or a display.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use rotation_lens::chart::decimation_cache::XView;
use rotation_lens::chart::frame::{ChartPreparer, PreparedFrame};
use rotation_lens::chart::tab_plan::{TabPlan, plan};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::ui::chart_area::{self, ChartOutput, ChartView};
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::Workspace;

/// What the test app holds: the document, the chart's runtime state, what came out of the last
/// frame, and the view every frame was prepared for.
struct App {
    workspace: Workspace,
    view: ChartView,
    commands: Vec<Command>,
    output: Option<ChartOutput>,
    views: Vec<XView>,
}

/// Three random walks of 250 000 daily closes each, from 1900 on.
fn long_workspace() -> Workspace {
    let mut workspace = Workspace::empty();
    let start = Date::from_ymd(1900, 1, 1).unwrap();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for (index, name) in ["Alpha", "Beta", "Gamma"].into_iter().enumerate() {
        let mut level = 100.0 + index as f64;
        let mut dates = Vec::new();
        let mut closes = Vec::new();
        for day in 0..250_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let step = (state >> 11) as f64 / (1_u64 << 53) as f64 - 0.5;
            level *= 1.0 + step * 0.02;
            dates.push(start.plus_days(day).unwrap());
            closes.push((level * 100.0_f64).round() / 100.0);
        }
        workspace.add_series(
            Series::new(name, SeriesKind::Price, Source::default(), dates, closes).unwrap(),
        );
    }
    workspace
}

fn harness(workspace: Workspace) -> Harness<'static, App> {
    let app = App {
        workspace,
        view: ChartView::default(),
        commands: Vec::new(),
        output: None,
        views: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(
            |ui, app: &mut App| {
                let output =
                    chart_area::show(ui, &app.workspace, None, &mut app.view, &mut app.commands);
                if let Some(frame) = app.view.prepared() {
                    app.views.push(frame.view);
                }
                app.output = Some(output);
            },
            app,
        );
    harness.run();
    harness
}

fn points(frame: &PreparedFrame) -> Vec<(String, Vec<[f64; 2]>)> {
    frame
        .panels
        .iter()
        .flat_map(|panel| &panel.lines)
        .map(|line| (line.id.clone(), line.points.to_vec()))
        .collect()
}

#[test]
fn after_a_wheel_zoom_the_plot_settles_on_the_exact_decimation() {
    let mut harness = harness(long_workspace());
    let before = harness.state().view.prepared().unwrap().view;
    assert!(!harness.state().output.as_ref().unwrap().refining);
    let plot = harness.state().output.as_ref().unwrap().plot_rect.unwrap();
    let at = egui::pos2(plot.center().x, plot.top() + plot.height() * 0.3);
    harness.event(egui::Event::PointerMoved(at));
    harness.run_steps(1);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 400.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    // Frames 10 ms apart until the smooth zoom has ended and nothing is being refined (at most
    // a minute).
    let mut refined_frames = 0;
    let mut still = 0;
    for _ in 0..6000 {
        harness.step();
        let state = harness.state();
        if state.output.as_ref().unwrap().refining {
            refined_frames += 1;
            still = 0;
        } else if state.views.len() >= 2
            && state.views[state.views.len() - 1] == state.views[state.views.len() - 2]
        {
            still += 1;
            if still >= 3 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(still >= 3, "the chart did not settle");
    assert!(
        refined_frames > 0,
        "the zoom was drawn from stand-in points for at least a frame"
    );
    let state = harness.state();
    let shown = state.view.prepared().unwrap();
    assert!(
        shown.view.max - shown.view.min < (before.max - before.min) * 0.5,
        "zoomed in: {before:?} → {:?}",
        shown.view
    );
    // A synchronous preparer through the same views hands over exactly the same points.
    let TabPlan::Chart(chart) = plan(&state.workspace, None) else {
        panic!("no chart");
    };
    let mut exact = ChartPreparer::default();
    let mut last = None;
    for view in &state.views {
        last = Some(exact.prepare(&chart, *view));
        exact.end_frame();
    }
    let expected = points(&last.unwrap());
    let drawn = points(shown);
    assert_eq!(drawn.len(), 3);
    for ((id, drawn), (_, expected)) in drawn.iter().zip(&expected) {
        assert!(drawn.len() > 1000, "{id}: {} points", drawn.len());
        assert!(
            drawn == expected,
            "{id}: the drawn points are not the exact decimation"
        );
    }
}
