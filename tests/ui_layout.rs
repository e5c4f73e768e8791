//! The window's layout at breadth: with 20 and with 500 series, at the default window size and
//! down to the minimum, the chart keeps its share of the central area above the metrics table,
//! the chart/table split is saved in the workspace, and the side panels collapse and reopen.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use std::path::{Path, PathBuf};

use app_harness::{open_sized, walks_workspace, write_workspace};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{MIN_CHART_SHARE, WindowLayout};

/// The window sizes the layout must hold at: the default, a small laptop, the minimum.
const SIZES: [[f32; 2]; 3] = [[1280.0, 800.0], [1024.0, 640.0], [960.0, 600.0]];

/// Writes a workspace of `series` generated series into `dir` and returns its path.
fn write_generated(dir: &Path, series: usize) -> PathBuf {
    write_workspace(dir, &walks_workspace(series, 400, |s| format!("Index {s}")))
}

/// The plot's height as a share of the central area's.
fn chart_share(harness: &Harness<'_, RotationLensApp>) -> f32 {
    let app = harness.state();
    let central = app.central_rect().unwrap();
    let chart = app.chart_rect().unwrap();
    assert!(
        central.contains_rect(chart.shrink(0.5)),
        "the chart {chart:?} lies inside the central area {central:?}"
    );
    chart.height() / central.height()
}

fn assert_chart_holds(series: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), series);
    for size in SIZES {
        let mut harness = open_sized(dir.path(), path.clone(), size);
        assert_eq!(harness.state().workspace().series.len(), series);
        let share = chart_share(&harness);
        assert!(
            share >= MIN_CHART_SHARE,
            "with {series} series at {size:?} the chart has {share:.3} of the central height"
        );
        // Even a saved share far below the minimum leaves the plot its share.
        harness.state_mut().queue(Command::SetLayout(WindowLayout {
            chart_share: 0.05,
            ..WindowLayout::default()
        }));
        harness.run_steps(4);
        let share = chart_share(&harness);
        assert!(
            share >= MIN_CHART_SHARE,
            "with {series} series at {size:?} and the table pulled up, the chart has {share:.3}"
        );
    }
}

#[test]
fn the_chart_keeps_its_share_with_20_series() {
    assert_chart_holds(20);
}

#[test]
fn the_chart_keeps_its_share_with_500_series() {
    assert_chart_holds(500);
}

#[test]
fn the_split_is_saved_in_the_workspace_and_a_bigger_share_gives_a_taller_chart() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path.clone(), [1280.0, 800.0]);
    let before = harness.state().chart_rect().unwrap().height();
    harness.state_mut().queue(Command::SetLayout(WindowLayout {
        chart_share: 0.8,
        ..WindowLayout::default()
    }));
    harness.run_steps(4);
    let after = harness.state().chart_rect().unwrap().height();
    assert!(
        after > before + 50.0,
        "a share of 0.8 gives a taller chart ({before} → {after})"
    );
    harness.state_mut().queue(Command::Save);
    app_harness::settle_saves(&mut harness);
    drop(harness);
    let reopened = open_sized(dir.path(), path, [1280.0, 800.0]);
    assert_eq!(reopened.state().workspace().layout.chart_share, 0.8);
    let height = reopened.state().chart_rect().unwrap().height();
    assert!(
        (height - after).abs() < 1.0,
        "{height} after reopening, {after} before"
    );
}

#[test]
fn dragging_the_handle_moves_the_boundary_and_saves_the_share() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path, [1280.0, 800.0]);
    let before = harness.state().chart_rect().unwrap().height();
    let share_before = harness.state().workspace().layout.chart_share;
    let handle = harness.get_by_label("Chart and table split").rect();
    let from = handle.center();
    let to = from + egui::vec2(0.0, 120.0);
    let press = |pos: egui::Pos2, pressed: bool| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(from));
    harness.run_steps(1);
    harness.event(press(from, true));
    harness.run_steps(1);
    for step in 1..=4 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * step as f32 / 4.0,
        ));
        harness.run_steps(1);
    }
    harness.event(press(to, false));
    harness.run_steps(4);
    let share = harness.state().workspace().layout.chart_share;
    assert!(
        share > share_before + 0.1,
        "dragging 120 points down raises the share ({share_before} → {share})"
    );
    let after = harness.state().chart_rect().unwrap().height();
    assert!(
        (after - before - 120.0).abs() < 6.0,
        "the plot grows by the drag ({before} → {after})"
    );
    assert!(
        harness.state().has_unsaved_changes(),
        "the new share is saved"
    );
}

#[test]
fn the_side_panels_collapse_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path, [1280.0, 800.0]);
    let wide = harness.state().central_rect().unwrap().width();
    harness.get_by_label("«").click();
    harness.run_steps(20);
    assert!(!harness.state().workspace().layout.data_panel_open);
    let wider = harness.state().central_rect().unwrap().width();
    assert!(
        wider > wide + 150.0,
        "the chart takes the room ({wide} → {wider})"
    );
    // The collapsed strip's button (the leftmost ») reopens it.
    let reopen = harness
        .query_all_by_label("»")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap();
    reopen.click();
    harness.run_steps(20);
    assert!(harness.state().workspace().layout.data_panel_open);
    let back = harness.state().central_rect().unwrap().width();
    assert!(
        (back - wide).abs() < 2.0,
        "the panel comes back at its width ({wide}, {back})"
    );
}
