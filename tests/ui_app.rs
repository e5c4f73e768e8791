//! The real app driven through its user interface, with no GPU and no display: imports through
//! the same action the file dialog and drag-and-drop trigger, edits, undo, and recovery from an
//! unreadable workspace.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{app, import_through_preview, real_fixture};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rotation_lens::model::Date;
use rotation_lens::paths::AppPaths;
use rotation_lens::settings::Settings;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{ChartRange, ChartTab, RangePreset};

/// The app on a new empty workspace in a temporary folder, after importing the fixture `name`
/// through the dialog and the preview (the folder lives as long as the returned guard).
fn app_with_imported(name: &str) -> (tempfile::TempDir, Harness<'static, RotationLensApp>) {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.rlens");
    let mut harness = app(dir.path(), vec![vec![real_fixture(name)]], vec![empty]);
    harness.run_steps(3);
    assert!(
        harness.query_all_by_label_contains("No series yet").count() >= 1,
        "a new workspace explains how to add series"
    );
    import_through_preview(&mut harness);
    (dir, harness)
}

#[test]
fn importing_a_file_shows_it_in_the_data_panel_and_the_table() {
    let (_dir, mut harness) = app_with_imported("yahoo/^RUT.csv");
    let workspace = harness.state().workspace();
    assert_eq!(workspace.series.len(), 1);
    assert_eq!(workspace.series[0].name(), "^RUT");
    assert_eq!(workspace.series[0].series.len(), 8000);
    harness.run_steps(3);
    // The data panel names it; the metrics table shows its last close.
    assert!(harness.query_all_by_label("^RUT").count() >= 1);
    harness.get_by_label("1,514.39");
}

#[test]
fn remove_then_undo_brings_the_series_back() {
    let (_dir, mut harness) = app_with_imported("fred/SP500.csv");
    assert_eq!(harness.state().workspace().series.len(), 1);
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().series.is_empty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series.len(), 1);
    assert_eq!(harness.state().workspace().series[0].name(), "SP500");
}

#[test]
fn the_visibility_checkbox_hides_a_series() {
    let (_dir, mut harness) = app_with_imported("fred/SP500.csv");
    assert!(harness.state().workspace().series[0].visible);
    harness.get_by_label("Show on the chart").click();
    harness.run_steps(3);
    assert!(!harness.state().workspace().series[0].visible);
}

#[test]
fn a_corrupt_workspace_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.rlens");
    std::fs::write(&path, b"{\"format_version\": 1, \"series\": [").unwrap();
    let mut harness = app(dir.path(), Vec::new(), vec![path.clone()]);
    harness.run_steps(5);
    harness.get_by_label("The workspace could not be opened");
    harness.get_by_label("Move it aside and open its backup");
    // Saving is refused for the unreadable file; its bytes stay as they were.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    assert_eq!(
        std::fs::read(&path).unwrap_or_default(),
        b"{\"format_version\": 1, \"series\": ["
    );
    harness
        .get_by_label("Move it aside and open its backup")
        .click();
    harness.run_steps(3);
    let moved: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("broken.rlens.corrupt-")
        })
        .collect();
    assert_eq!(moved.len(), 1, "the unreadable file is moved aside");
}

#[test]
fn first_run_opens_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Vec::new(), Vec::new());
    harness.run_steps(5);
    let workspace = harness.state().workspace();
    assert!(workspace.name.starts_with("Demo"));
    assert!(workspace.series.iter().any(|s| s.name() == "PE10 (CAPE)"));
}

#[test]
fn a_range_preset_narrows_the_chart_and_the_as_of_date_moves_the_table() {
    let (_dir, mut harness) = app_with_imported("yahoo/^RUT.csv");
    harness.run_steps(3);
    let full = harness.state().chart_table().unwrap_or_default();
    assert_eq!(
        full.dates.first().map(ToString::to_string).as_deref(),
        Some("1987-09-10")
    );
    // The table's range return spans the chart's range: 1,514.39 / 168.97 − 1 over Max.
    harness.get_by_label("+796.25%");

    // "1Y" is both a range button above the chart and a column of the table below it.
    let preset = harness
        .get_all_by_role_and_label(egui::accesskit::Role::Button, "1Y")
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y));
    preset.unwrap_or_else(|| panic!("no 1Y button")).click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().workspace().chart.range,
        ChartRange::Preset(RangePreset::OneYear)
    );
    let year = harness.state().chart_table().unwrap_or_default();
    let first = year
        .dates
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        first.as_str() >= "2018-06-01",
        "the 1Y chart starts on {first}"
    );
    assert_eq!(
        year.dates.last().map(ToString::to_string).as_deref(),
        Some("2019-06-07")
    );
    // The table follows: over 1Y the range return is 1,514.39 / 1,667.77 − 1 (as the 1Y
    // column), and the drawdown within the year is −27.22%.
    assert_eq!(harness.query_all_by_label("+796.25%").count(), 0);
    assert_eq!(harness.query_all_by_label("-9.20%").count(), 2);
    harness.get_by_label("-27.22%");

    // The table follows the as-of date: the last close becomes that of 2019-01-02.
    harness.get_by_label("1,514.39");
    harness
        .state_mut()
        .queue(Command::SetAsOf(Date::parse_iso("2019-01-02")));
    harness.run_steps(4);
    harness.get_by_label("1,355.91");
    assert_eq!(harness.query_all_by_label("1,514.39").count(), 0);
}

#[test]
fn undo_brings_a_series_back_and_keeps_the_tab_chosen_since() {
    let (_dir, mut harness) = app_with_imported("fred/SP500.csv");
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().series.is_empty());
    harness.get_by_label("Drawdown").click();
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().chart.tab, ChartTab::Drawdown);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series.len(), 1);
    assert_eq!(harness.state().workspace().chart.tab, ChartTab::Drawdown);
}

#[test]
fn the_move_window_set_under_the_table_changes_its_column() {
    let (_dir, mut harness) = app_with_imported("yahoo/^RUT.csv");
    harness.run_steps(2);
    harness.get_by_label("5-session move");
    // At this window size the table's toolbar holds the field in its "More…" menu.
    if harness
        .query_by_role_and_label(egui::accesskit::Role::SpinButton, "Move over")
        .is_none()
    {
        harness.get_by_label("More…").click();
        harness.run_steps(2);
    }
    let field = harness.get_by_role_and_label(egui::accesskit::Role::SpinButton, "Move over");
    assert_eq!(field.value().as_deref(), Some("5 sessions"));
    field.set_value_accesskit(10.0);
    harness.run_steps(4);
    assert_eq!(harness.state().workspace().chart.move_window, 10);
    harness.get_by_label("10-session move");
    assert_eq!(harness.query_all_by_label("5-session move").count(), 0);
}

#[test]
fn the_as_of_field_follows_the_latest_date_as_the_data_changes() {
    let (_dir, mut harness) = app_with_imported("yahoo/^RUT.csv");
    harness.run_steps(2);
    let as_of = |harness: &Harness<'static, RotationLensApp>| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "As of:")
            .value()
            .unwrap_or_default()
    };
    assert_eq!(as_of(&harness), "2019-06-07");
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert_eq!(as_of(&harness), "", "no data, no date");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(as_of(&harness), "2019-06-07");
}

#[test]
fn a_spread_finding_opens_the_spread_tab_and_undo_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Vec::new(), Vec::new());
    harness.run_steps(5);
    // The findings speak of the shown series: show the spread's two.
    for name in ["Earnings yield %", "Long Interest Rate"] {
        harness
            .state_mut()
            .queue(Command::SetVisible(name.to_string(), true));
    }
    harness.run_steps(3);
    let before = harness.state().workspace().clone();
    assert_eq!(before.chart.tab, ChartTab::Performance);
    let label = harness
        .query_all_by_label_contains(" spread")
        .filter_map(|node| node.value())
        .find(|label| label.starts_with("• "))
        .unwrap_or_else(|| panic!("the demo has a spread finding"));
    harness.get_by_label(&label).click();
    harness.run_steps(3);
    let focused = harness.state().workspace().clone();
    assert_eq!(focused.chart.tab, ChartTab::Spread);
    let pair = focused
        .chart
        .spread_pair
        .clone()
        .unwrap_or_else(|| panic!("a spread pair is chosen"));
    let mut visible: Vec<&str> = focused
        .series
        .iter()
        .filter(|s| s.visible)
        .map(rotation_lens::workspace::WorkspaceSeries::name)
        .collect();
    visible.sort_unstable();
    assert_eq!(visible, ["Earnings yield %", "Long Interest Rate"]);
    assert_eq!(
        (pair.a.as_str(), pair.b.as_str()),
        ("Earnings yield %", "Long Interest Rate")
    );
    assert!(label.contains(&pair.a), "{label} names {}", pair.a);
    assert!(matches!(focused.chart.range, ChartRange::Custom { .. }));

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    let undone = harness.state().workspace();
    assert_eq!(undone.chart, before.chart);
    assert_eq!(undone.series, before.series);
}

#[test]
fn an_import_lists_every_skipped_line_behind_details() {
    let (_dir, mut harness) = app_with_imported("fred/SP500.csv");
    harness.run_steps(2);
    // The toast is one line; the skipped lines are behind Details.
    harness.get_by_label_contains("Imported SP500");
    assert_eq!(harness.query_all_by_label("95 lines skipped:").count(), 0);
    let first = "line 3: missing value \"\"";
    let tenth = "line 268: missing value \"\"";
    assert_eq!(harness.query_all_by_label(first).count(), 0);
    assert_eq!(harness.query_all_by_label(tenth).count(), 0);
    harness.get_by_label("Details").click();
    harness.run_steps(4);
    harness.get_by_label("95 lines skipped:");
    harness.get_by_label(first);
    harness.get_by_label(tenth);
    harness.get_by_label("Copy");
}

#[test]
fn import_without_preview_is_a_preference_kept_for_every_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let answers = vec![
        vec![real_fixture("yahoo/^RUT.csv")],
        vec![real_fixture("shiller/data.csv")],
    ];
    let mut harness = app(dir.path(), answers, vec![dir.path().join("one.rlens")]);
    harness.run_steps(3);
    harness
        .state_mut()
        .queue(Command::SetImportWithoutPreview(true));
    harness.run_steps(2);
    let settings = Settings::load(&AppPaths::in_dir(dir.path()).settings_file());
    assert!(settings.import_without_preview);

    // A clean file imports at once, with no preview.
    harness.state_mut().queue(Command::ImportDialog);
    app_harness::step_until(&mut harness, "the import", |app| {
        app.workspace().series.len() == 1
    });
    assert!(!harness.state().is_previewing());
    assert_eq!(harness.state().workspace().series[0].name(), "^RUT");

    // A file read with warnings still opens in the preview.
    harness.state_mut().queue(Command::ImportDialog);
    app_harness::step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
    drop(harness);

    // Another workspace, another window: the preference holds.
    let mut other = app(dir.path(), Vec::new(), vec![dir.path().join("two.rlens")]);
    other.run_steps(3);
    other.get_by_label("Edit").click();
    other.run_steps(2);
    let checkbox = other.get_by_label("Import clean files without preview");
    assert_eq!(
        checkbox.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn a_new_workspace_is_saved_without_the_previous_ones_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Vec::new(), Vec::new());
    harness.run_steps(5);
    assert!(!harness.state().workspace().series.is_empty(), "the demo");
    harness.state_mut().queue(Command::NewWorkspace);
    harness.run_steps(2);
    app_harness::settle_saves(&mut harness);
    let path = harness.state().workspace_path().to_path_buf();
    let saved = rotation_lens::workspace::load_workspace(&path).unwrap();
    assert!(saved.series.is_empty());
    // No metrics, or those of the empty workspace: never the demo's rows.
    if let Some(metrics) = &saved.last_metrics {
        assert_eq!(
            metrics["series"],
            serde_json::json!([]),
            "metrics of the demo saved with the new workspace"
        );
    }
}

/// The app with ^RUT and ^NDX from Yahoo imported at once, as of 2020-11-13.
fn rotation_week() -> (tempfile::TempDir, Harness<'static, RotationLensApp>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let empty = dir.path().join("rotation.rlens");
    let mut harness = app(dir.path(), Vec::new(), vec![empty]);
    harness.run_steps(3);
    harness
        .state_mut()
        .queue(Command::SetImportWithoutPreview(true));
    harness.state_mut().queue(Command::ImportFiles(vec![
        real_fixture("yfinance/^RUT.csv"),
        real_fixture("yfinance/^NDX.csv"),
    ]));
    app_harness::step_until(&mut harness, "the imports", |app| {
        app.workspace().series.len() == 2
    });
    harness
        .state_mut()
        .queue(Command::SetAsOf(Date::from_ymd(2020, 11, 13)));
    harness.run_steps(3);
    (dir, harness)
}

#[test]
fn the_rotation_sentence_opens_the_relative_tab_on_its_pair_and_undo_goes_back() {
    let (_dir, mut harness) = rotation_week();
    let before = harness.state().workspace().chart.clone();
    let sentence = "• ^RUT outperformed ^NDX by 7.1 percentage points in the 5 sessions to \
                    2020-11-13 (+5.8% vs \u{2212}1.3%), the widest 5-session margin since 2020-05-27.";
    harness.get_by_label(sentence).click();
    harness.run_steps(3);
    let chart = harness.state().workspace().chart.clone();
    assert_eq!(chart.tab, ChartTab::Relative);
    let pair = chart.relative_pair.clone().unwrap_or_default();
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("^RUT", "^NDX"));
    assert_eq!(
        chart.range,
        ChartRange::Custom {
            from: Date::from_ymd(2020, 11, 6).unwrap_or_else(|| panic!("date")),
            to: Date::from_ymd(2020, 11, 13).unwrap_or_else(|| panic!("date")),
        }
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().chart, before);
}

#[test]
fn the_spread_tab_shows_a_picked_pair_of_prices_as_their_ratio_and_the_difference_on_request() {
    let (_dir, mut harness) = rotation_week();
    let chart = harness.state().workspace().chart.clone();
    assert_eq!(
        chart.spread_mode,
        rotation_lens::workspace::SpreadMode::Difference
    );
    harness
        .state_mut()
        .queue(Command::SetChart(rotation_lens::workspace::ChartSettings {
            tab: ChartTab::Spread,
            ..chart
        }));
    harness.run_steps(3);
    harness.get_by_label("Show ^RUT and ^NDX").click();
    harness.run_steps(3);
    let chart = harness.state().workspace().chart.clone();
    let pair = chart.spread_pair.clone().unwrap_or_default();
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("^RUT", "^NDX"));
    assert_eq!(
        chart.spread_mode,
        rotation_lens::workspace::SpreadMode::Ratio
    );
    // The ratio line, named with its percentile, and the band of the ratio.
    harness.get_by_label_contains("^RUT / ^NDX");
    harness.get_by_label("Median (P50)");
    // The difference of the two levels, only on request.
    harness.get_by_label("Difference").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().chart.spread_mode,
        rotation_lens::workspace::SpreadMode::Difference
    );
    harness.get_by_label_contains("^RUT − ^NDX");
    // Swapping the same two series keeps the mode asked for.
    harness.get_by_label("Swap").click();
    harness.run_steps(3);
    let chart = harness.state().workspace().chart.clone();
    let pair = chart.spread_pair.clone().unwrap_or_default();
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("^NDX", "^RUT"));
    assert_eq!(
        chart.spread_mode,
        rotation_lens::workspace::SpreadMode::Difference
    );
}

#[test]
fn adding_a_pair_of_prices_opens_it_as_their_ratio() {
    let (_dir, mut harness) = rotation_week();
    harness.state_mut().queue(Command::AddSpread(
        rotation_lens::workspace::SpreadDefinition {
            name: String::new(),
            a: "^RUT".into(),
            b: "^NDX".into(),
        },
    ));
    harness.run_steps(3);
    let workspace = harness.state().workspace().clone();
    assert_eq!(workspace.spreads.len(), 1);
    assert_eq!(workspace.chart.tab, ChartTab::Spread);
    assert_eq!(
        workspace.chart.spread_mode,
        rotation_lens::workspace::SpreadMode::Ratio
    );
    // The table leads with the ratio; the findings with the rotation of the user's pair.
    harness.get_by_label(
        "• ^RUT / ^NDX ratio: 0.15, at the 3rd percentile of the past 20 years, in the bottom decile.",
    );
}
