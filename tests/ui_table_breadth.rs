//! The metrics table at breadth, in the real app: with 20 and with 500 series, at the default
//! window size and down to the minimum, the chart keeps its share and the table shows the YTD
//! column (and 1Y at 1280×800) without scrolling, no notification covers the import preview;
//! the column chooser hides and moves columns and the workspace keeps them; the Series column
//! stays put while the figures scroll sideways, rows aligned when they scroll down; the table
//! lists the shown series unless asked for all.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use std::path::{Path, PathBuf};

use app_harness::{open_sized, real_fixture, step_until, walks_workspace, write_workspace};
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::number_format::grouped;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{MIN_CHART_SHARE, MetricsTableLayout, SeriesColumn};

/// The window sizes the table must hold at: the default, a small laptop, the minimum.
const SIZES: [[f32; 2]; 3] = [[1280.0, 800.0], [1024.0, 640.0], [960.0, 600.0]];

/// The name of the `s`-th generated series; every seventh has a long name, as constituents'
/// full company names are.
fn name(s: usize) -> String {
    if s % 7 == 3 {
        format!("Constituent {s} Holdings Incorporated Class A Common Stock")
    } else {
        format!("Stock {s}")
    }
}

/// Writes a workspace of `series` generated series into `dir` and returns its path.
fn write_generated(dir: &Path, series: usize) -> PathBuf {
    write_workspace(dir, &walks_workspace(series, 400, name))
}

/// The rectangle of the table's header called `label` (the chart's toolbar may have a button
/// of the same name: the header is the one below the chart).
fn header(harness: &Harness<'_, RotationLensApp>, label: &str) -> egui::Rect {
    let chart = harness.state().chart_rect().unwrap();
    harness
        .query_all_by_label(label)
        .map(|node| node.rect())
        .filter(|rect| rect.top() > chart.bottom())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or_else(|| panic!("no {label} header below the chart"))
}

/// Whether the header `label` is wholly on screen in the central area, left of the findings.
fn fully_visible(harness: &Harness<'_, RotationLensApp>, label: &str) -> bool {
    let central = harness.state().central_rect().unwrap();
    central.contains_rect(header(harness, label).shrink(0.5))
}

/// A mouse wheel turned by `delta` points over `at`.
fn wheel(harness: &mut Harness<'_, RotationLensApp>, at: egui::Pos2, delta: egui::Vec2) {
    harness.event(egui::Event::PointerMoved(at));
    harness.run_steps(1);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(6);
}

fn assert_table_holds(series: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), series);
    for size in SIZES {
        let mut harness = open_sized(dir.path(), path.clone(), size);
        let app = harness.state();
        let share = app.chart_rect().unwrap().height() / app.central_rect().unwrap().height();
        assert!(
            share >= MIN_CHART_SHARE,
            "with {series} series at {size:?} the chart has {share:.3} of the central height"
        );
        for label in ["Series", "Last", "1D", "5D", "YTD"] {
            assert!(
                fully_visible(&harness, label),
                "{label} is visible with {series} series at {size:?}: {:?} in {:?}",
                header(&harness, label),
                harness.state().central_rect()
            );
        }
        if size == [1280.0, 800.0] {
            assert!(fully_visible(&harness, "1Y"), "1Y at 1280×800");
        }
        // A long name is cut: the figures keep their place.
        let last = header(&harness, "Last");
        assert!(
            last.left() - harness.state().central_rect().unwrap().left() < 200.0,
            "Last starts {last:?}"
        );

        // A notification raised while the import preview is open waits for it to close.
        harness
            .state_mut()
            .queue(Command::ImportFiles(vec![real_fixture("fred/SP500.csv")]));
        step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
        harness.run_steps(2);
        harness.state_mut().queue(Command::Undo);
        harness.run_steps(3);
        assert!(harness.state().is_previewing());
        assert_eq!(
            harness.query_all_by_label("Nothing to undo").count(),
            0,
            "no toast over the preview with {series} series at {size:?}"
        );
        harness.get_by_label("Cancel").click();
        harness.run_steps(3);
        assert!(!harness.state().is_previewing());
        harness.get_by_label("Nothing to undo");
    }
}

#[test]
fn the_table_shows_ytd_beside_the_chart_with_20_series() {
    assert_table_holds(20);
}

#[test]
fn the_table_shows_ytd_beside_the_chart_with_500_series() {
    assert_table_holds(500);
}

#[test]
fn the_series_column_stays_put_and_rows_stay_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 500);
    let mut harness = open_sized(dir.path(), path, [960.0, 600.0]);
    let series_before = header(&harness, "Series");
    let last_before = header(&harness, "Last");
    let d1 = header(&harness, "1D");
    // Sideways: the figures move, the names do not.
    wheel(&mut harness, d1.center(), egui::vec2(-400.0, 0.0));
    let series_after = header(&harness, "Series");
    assert_eq!(series_after.left(), series_before.left());
    let last_after = header(&harness, "Last");
    assert!(
        last_after.left() < last_before.left() - 100.0,
        "the figures scrolled ({last_before:?} → {last_after:?})"
    );
    // Down, over the figures then over the names: each name stays on its figures' row.
    for at in [d1.center(), series_before.center()] {
        wheel(
            &mut harness,
            at + egui::vec2(0.0, 25.0),
            egui::vec2(0.0, -1500.0),
        );
        assert_rows_aligned(&harness);
    }
}

/// The topmost name shown in the table sits on the same line as its last close.
fn assert_rows_aligned(harness: &Harness<'_, RotationLensApp>) {
    let series_header = header(harness, "Series");
    let workspace = harness.state().workspace();
    let (name, rect) = workspace
        .series
        .iter()
        .flat_map(|s| {
            harness
                .query_all_by_label(s.name())
                .map(|node| (s.name().to_string(), node.rect()))
                .collect::<Vec<_>>()
        })
        .filter(|(_, rect)| {
            rect.top() > series_header.bottom() && (rect.left() - series_header.left()).abs() < 20.0
        })
        .min_by(|a, b| a.1.top().total_cmp(&b.1.top()))
        .unwrap();
    assert_ne!(name, "Stock 0", "the table scrolled down");
    let series = workspace.series_named(&name).unwrap();
    let last = grouped(series.series.values().last().copied().unwrap(), 2);
    let on_its_row = harness
        .query_all_by_label(&last)
        .any(|node| (node.rect().center().y - rect.center().y).abs() < 1.0);
    assert!(on_its_row, "{name} ({last}) is on its row at {rect:?}");
}

#[test]
fn the_column_chooser_hides_and_moves_columns_and_the_workspace_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path.clone(), [1280.0, 800.0]);
    harness.get_by_label("Columns…").click();
    harness.run_steps(6);
    // Untick 5D.
    harness.get_by_role_and_label(Role::CheckBox, "5D").click();
    harness.run_steps(2);
    // Move YTD one place left, twice (past the hidden 5D, then past 1D) with its Up button,
    // the one on its line in the chooser.
    for _ in 0..2 {
        let ytd = harness.get_by_role_and_label(Role::CheckBox, "YTD").rect();
        let up = harness
            .query_all_by_label("Up")
            .map(|n| n.rect())
            .min_by(|a, b| {
                (a.center().y - ytd.center().y)
                    .abs()
                    .total_cmp(&(b.center().y - ytd.center().y).abs())
            })
            .unwrap();
        assert!((up.center().y - ytd.center().y).abs() < 4.0);
        click_at(&mut harness, up.center());
    }
    let expected = MetricsTableLayout::default()
        .with_shown(SeriesColumn::D5, false)
        .with_moved(SeriesColumn::Ytd, -2);
    assert_eq!(harness.state().workspace().metrics_table, expected);
    assert_eq!(
        expected.shown_columns()[..4],
        [
            SeriesColumn::Series,
            SeriesColumn::Last,
            SeriesColumn::Ytd,
            SeriesColumn::D1
        ]
    );
    // Close the chooser: the table shows the new order, 5D gone.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(header(&harness, "YTD").left() < header(&harness, "1D").left());
    assert!(header(&harness, "Last").left() < header(&harness, "YTD").left());
    assert!(
        harness
            .query_all_by_label("5D")
            .all(|n| n.rect().top() < harness.state().chart_rect().unwrap().bottom()),
        "no 5D header in the table"
    );
    harness.state_mut().queue(Command::Save);
    app_harness::settle_saves(&mut harness);
    drop(harness);

    let mut reopened = open_sized(dir.path(), path, [1280.0, 800.0]);
    assert_eq!(reopened.state().workspace().metrics_table, expected);
    assert!(header(&reopened, "YTD").left() < header(&reopened, "1D").left());
    // Reset to default brings every column back in the default order.
    reopened.get_by_label("Columns…").click();
    reopened.run_steps(2);
    reopened.get_by_label("Reset to default").click();
    reopened.run_steps(2);
    assert!(
        reopened
            .state()
            .workspace()
            .metrics_table
            .columns_are_default()
    );
}

/// A click of the primary button at `at`.
fn click_at(harness: &mut Harness<'_, RotationLensApp>, at: egui::Pos2) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

/// Clicks the table toolbar's control `label`, from the "More…" menu when the table is too
/// narrow to show it on the toolbar.
fn click_in_toolbar(harness: &mut Harness<'_, RotationLensApp>, label: &str) {
    if harness.query_by_label(label).is_none() {
        harness.get_by_label("More…").click();
        harness.run_steps(2);
    }
    harness.get_by_label(label).click();
}

#[test]
fn the_table_lists_the_shown_series_unless_asked_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path, [1280.0, 800.0]);
    let in_table = |harness: &Harness<'_, RotationLensApp>, name: &str| {
        let chart = harness.state().chart_rect().unwrap();
        harness
            .query_all_by_label(name)
            .any(|n| n.rect().top() > chart.bottom())
    };
    assert!(in_table(&harness, "Stock 1"));
    harness
        .state_mut()
        .queue(Command::SetVisible("Stock 1".into(), false));
    harness.run_steps(4);
    assert!(
        !in_table(&harness, "Stock 1"),
        "a hidden series leaves the table"
    );
    assert!(in_table(&harness, "Stock 2"));
    click_in_toolbar(&mut harness, "Show all series");
    harness.run_steps(4);
    assert!(harness.state().workspace().metrics_table.all_series);
    assert!(in_table(&harness, "Stock 1"), "shown again on request");
    click_in_toolbar(&mut harness, "Only shown");
    harness.run_steps(4);
    assert!(!harness.state().workspace().metrics_table.all_series);
    assert!(!in_table(&harness, "Stock 1"));
}

/// How many of the table's rows are wholly on screen: the series names below the table's
/// Series header, inside the central area.
fn visible_table_rows(harness: &Harness<'_, RotationLensApp>, series: usize) -> usize {
    let central = harness.state().central_rect().unwrap();
    let below = header(harness, "Series").bottom();
    (0..series)
        .map(name)
        .filter(|label| {
            harness.query_all_by_label(label).any(|node| {
                let rect = node.rect();
                rect.top() >= below - 0.5 && central.contains_rect(rect.shrink(0.5))
            })
        })
        .count()
}

#[test]
fn the_toolbar_stays_on_one_line_and_the_table_keeps_its_rows_at_the_minimum_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path, [960.0, 600.0]);
    harness.run_steps(3);
    let rows = visible_table_rows(&harness, 20);
    assert!(rows >= 5, "{rows} rows of the table visible at 960×600");
    // One line: the as-of field, the column chooser and the "More…" menu share a row.
    let as_of = harness
        .get_by_role_and_label(Role::TextInput, "As of:")
        .rect();
    let columns = harness.get_by_label("Columns…").rect();
    let more = harness.get_by_label("More…").rect();
    for rect in [columns, more] {
        assert!(
            (rect.center().y - as_of.center().y).abs() < 4.0,
            "{rect:?} beside {as_of:?}"
        );
    }
    // The less used controls are in the menu, and work from there.
    assert!(harness.query_by_label("Show all series").is_none());
    harness.get_by_label("More…").click();
    harness.run_steps(2);
    harness.get_by_label("Show all series").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().metrics_table.all_series);
    harness.get_by_role_and_label(Role::SpinButton, "Move over");
    harness.get_by_label("Export CSV…");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    // The chart's range is in a menu at this size too; its presets work from there.
    let range = harness.get_by(|node| {
        node.role() == Role::Button
            && node
                .label()
                .is_some_and(|label| label.starts_with("Range: "))
    });
    range.click();
    harness.run_steps(2);
    // "10Y" is a column of the table too: the preset is the one above it, in the menu.
    harness
        .get_all_by_role_and_label(Role::Button, "10Y")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().chart.range,
        rotation_lens::workspace::ChartRange::Preset(
            rotation_lens::workspace::RangePreset::TenYears
        )
    );
    harness.get_by_label("Range: 10Y");
}

/// A drag with the primary button from `from` to `to`, in a few moves.
fn drag(harness: &mut Harness<'_, RotationLensApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(from));
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
    for step in 1..=4 {
        let at = from + (to - from) * (step as f32 / 4.0);
        harness.event(egui::Event::PointerMoved(at));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(3);
}

#[test]
fn a_column_width_dragged_in_the_table_is_kept_in_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_generated(dir.path(), 20);
    let mut harness = open_sized(dir.path(), path.clone(), [1600.0, 1000.0]);
    assert!(harness.state().workspace().metrics_table.widths.is_empty());
    // YTD's right edge is just left of the next column, 1Y.
    let ytd = header(&harness, "YTD");
    let one_year = header(&harness, "1Y");
    let before = one_year.left() - ytd.left();
    let edge = egui::pos2(one_year.left() - 4.0, one_year.center().y);
    drag(&mut harness, edge, edge + egui::vec2(60.0, 0.0));
    let kept = harness
        .state()
        .workspace()
        .metrics_table
        .width_of(SeriesColumn::Ytd)
        .unwrap_or_else(|| panic!("no YTD width kept"));
    let after = header(&harness, "1Y").left() - header(&harness, "YTD").left();
    assert!((after - before - 60.0).abs() < 3.0, "{before} → {after}");
    assert!(
        (kept + 8.0 - after).abs() < 3.0,
        "kept {kept}, drawn {after}"
    );
    // Only the dragged column is kept; the others still fit their contents.
    assert_eq!(harness.state().workspace().metrics_table.widths.len(), 1);
    harness.state_mut().queue(Command::Save);
    app_harness::settle_saves(&mut harness);
    drop(harness);

    let reopened = open_sized(dir.path(), path, [1600.0, 1000.0]);
    assert_eq!(
        reopened
            .state()
            .workspace()
            .metrics_table
            .width_of(SeriesColumn::Ytd),
        Some(kept)
    );
    let reopened_width = header(&reopened, "1Y").left() - header(&reopened, "YTD").left();
    assert!(
        (reopened_width - after).abs() < 1.5,
        "reopened at {reopened_width}, left at {after}"
    );
}
