//! The Data panel with hundreds of series, driven like a user would: a 500-series file comes in
//! with ten shown and says so, only the rows in view are laid out, the search box filters and
//! Esc empties it, a group is folded, shown, hidden and removed (undoably), and a selection of
//! series or a file's group becomes an equal-weight index.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use app_harness::{app, import_through_preview, real_fixture};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;

/// Writes `wide.csv` in `dir`: a date column and `count` series `S001`, `S002`, … over 30
/// sessions.
fn wide_file(dir: &Path, count: usize) -> PathBuf {
    let mut text = String::from("Date");
    for column in 1..=count {
        write!(text, ",S{column:03}").unwrap();
    }
    text.push('\n');
    for day in 0..30u32 {
        write!(text, "2024-01-{:02}", day + 1).unwrap();
        for column in 1..=count {
            write!(text, ",{}", 100 + column + day as usize).unwrap();
        }
        text.push('\n');
    }
    let path = dir.join("wide.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// A new workspace in `dir` with `files` imported at once, without the preview.
fn with_files(dir: &Path, files: Vec<PathBuf>, series: usize) -> Harness<'static, RotationLensApp> {
    app_harness::with_files(dir, "breadth", files, series)
}

fn shown(harness: &Harness<'static, RotationLensApp>) -> usize {
    harness
        .state()
        .workspace()
        .series
        .iter()
        .filter(|s| s.visible)
        .count()
}

fn laid_out(harness: &Harness<'static, RotationLensApp>, name: &str) -> bool {
    harness
        .query_by_label(&format!("What {name} measures"))
        .is_some()
}

#[test]
fn five_hundred_series_come_in_with_ten_shown_and_only_the_rows_in_view_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = wide_file(dir.path(), 500);
    let harness = with_files(dir.path(), vec![file], 500);
    assert_eq!(shown(&harness), 10);
    let workspace = harness.state().workspace();
    assert!(workspace.series[9].visible);
    assert!(!workspace.series[10].visible);
    assert!(harness.state().notification_texts().contains(
        &"500 series imported; the first 10 are shown, 490 hidden — tick them in the Data panel"
            .to_string()
    ));
    harness.get_by_label("Group wide.csv");
    harness.get_by_label("10 of 500 shown");
    harness.get_by_label("500 series");
    assert!(laid_out(&harness, "S001"));
    assert!(laid_out(&harness, "S005"));
    // Far below the fold: not laid out at all.
    assert!(!laid_out(&harness, "S250"));
    assert!(!laid_out(&harness, "S500"));
}

#[test]
fn the_search_filters_by_name_in_any_case_and_esc_empties_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = wide_file(dir.path(), 500);
    let mut harness = with_files(dir.path(), vec![file], 500);
    harness
        .get_by_role_and_label(Role::SearchInput, "Search series")
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::SearchInput, "Search series")
        .type_text("s49");
    harness.run_steps(3);
    harness.get_by_label("10 of 500");
    assert!(laid_out(&harness, "S495"));
    assert!(laid_out(&harness, "S499"));
    assert!(!laid_out(&harness, "S001"));
    assert!(!laid_out(&harness, "S049"));
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    harness.get_by_label("500 series");
    assert!(laid_out(&harness, "S001"));
    assert!(!laid_out(&harness, "S495"));
}

#[test]
fn a_group_is_folded_shown_hidden_and_removed_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = wide_file(dir.path(), 500);
    let mut harness = with_files(dir.path(), vec![file.clone()], 500);

    harness.get_by_label("Fold wide.csv").click();
    harness.run_steps(3);
    assert!(!laid_out(&harness, "S001"));
    let id = format!("file:{}", file.display());
    assert!(harness.state().workspace().folded_groups.contains(&id));
    harness.get_by_label("Unfold wide.csv").click();
    harness.run_steps(3);
    assert!(laid_out(&harness, "S001"));
    assert!(harness.state().workspace().folded_groups.is_empty());

    // The group's tick shows every series, in one step.
    harness.get_by_label("Show all of wide.csv").click();
    harness.run_steps(3);
    assert_eq!(shown(&harness), 500);
    harness.get_by_label("500 shown");
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(shown(&harness), 10);

    harness.get_by_label("Actions on wide.csv").click();
    harness.run_steps(3);
    harness.get_by_label("Hide all").click();
    harness.run_steps(3);
    assert_eq!(shown(&harness), 0);

    harness.get_by_label("Actions on wide.csv").click();
    harness.run_steps(3);
    harness.get_by_label("Remove group…").click();
    harness.run_steps(3);
    harness.get_by_label("Remove the 500 series of wide.csv?");
    // Nothing goes before the answer.
    assert_eq!(harness.state().workspace().series.len(), 500);
    harness.get_by_label("Remove them").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().series.is_empty());
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series.len(), 500);
    assert_eq!(shown(&harness), 0);
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(shown(&harness), 10);
}

/// The leftmost node labelled `name`: the Data panel's.
fn in_data_panel<'h>(
    harness: &'h Harness<'static, RotationLensApp>,
    name: &'h str,
) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(name)
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap_or_else(|| panic!("no {name} in the data panel"))
}

/// Clicks `name` in the Data panel with `modifiers` held (Ctrl or Shift), then lets go.
fn click_with(
    harness: &mut Harness<'static, RotationLensApp>,
    name: &str,
    modifiers: egui::Modifiers,
) {
    harness
        .input_mut()
        .events
        .push(egui::Event::ModifiersChanged(modifiers));
    harness.run_steps(1);
    in_data_panel(harness, name).click();
    harness.run_steps(2);
    harness
        .input_mut()
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(2);
}

#[test]
fn a_selection_made_with_ctrl_and_shift_becomes_an_equal_weight_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_files(
        dir.path(),
        vec![
            real_fixture("yfinance/SPY.csv"),
            real_fixture("yfinance/IWM.csv"),
            real_fixture("yfinance/^RUT.csv"),
        ],
        3,
    );
    let order: Vec<String> = harness
        .state()
        .workspace()
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    // Click the first, Ctrl+click the last: two selected.
    in_data_panel(&harness, &order[0]).click();
    harness.run_steps(2);
    click_with(&mut harness, &order[2], egui::Modifiers::COMMAND);
    harness.get_by_label("2 selected");
    // Shift+click the middle one from the last: all three.
    click_with(&mut harness, &order[1], egui::Modifiers::SHIFT);
    harness.get_by_label("3 selected");
    // Ctrl+click takes IWM out again.
    let iwm = order.iter().position(|n| n == "IWM").unwrap();
    click_with(&mut harness, &order[iwm], egui::Modifiers::COMMAND);
    harness.get_by_label("2 selected");

    in_data_panel(&harness, "SPY").click_secondary();
    harness.run_steps(3);
    harness
        .get_by_label("Equal-weight index of these series…")
        .click();
    // A window is laid out unseen in its first frame.
    harness.run_steps(5);
    // The files finish importing in either order; the index lists its members in the panel's.
    let members: Vec<&String> = order.iter().filter(|n| *n != "IWM").collect();
    let name = format!("Equal weight ({}, {})", members[0], members[1]);
    let expected = format!("{name} = composite(0.5*{}, 0.5*{})", members[0], members[1]);
    harness.get_by_label(&expected);
    harness.get_by_label("Create").click();
    harness.run_steps(3);
    let workspace = harness.state().workspace();
    assert_eq!(workspace.derived.len(), 1);
    assert_eq!(workspace.derived[0].to_string(), expected);
    let basket = workspace.series_named(&name).unwrap();
    assert_eq!(basket.series.values()[0], 100.0);
    // The basket has its own group.
    harness.get_by_label("Group Derived");
}

#[test]
fn a_selection_is_hidden_at_once_and_a_groups_index_is_one_menu_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(
        dir.path(),
        vec![vec![real_fixture("shiller/data.csv")]],
        vec![dir.path().join("breadth.rlens")],
    );
    harness.run_steps(3);
    import_through_preview(&mut harness);
    assert_eq!(harness.state().workspace().series.len(), 9);
    let names: Vec<String> = harness
        .state()
        .workspace()
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    in_data_panel(&harness, &names[0]).click();
    harness.run_steps(2);
    click_with(&mut harness, &names[3], egui::Modifiers::SHIFT);
    harness.get_by_label("4 selected");
    harness.get_by_label("Selection ⏷").click();
    harness.run_steps(3);
    harness.get_by_label("Hide").click();
    harness.run_steps(3);
    assert_eq!(shown(&harness), 5);
    harness.get_by_label("5 of 9 shown");
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(shown(&harness), 9);

    harness.get_by_label("Actions on data.csv").click();
    harness.run_steps(3);
    harness
        .get_by_label("Equal-weight index of this group…")
        .click();
    harness.run_steps(5);
    harness.get_by_label_contains("Preview: ");
    harness.get_by_label("Create").click();
    harness.run_steps(3);
    let workspace = harness.state().workspace();
    assert_eq!(workspace.derived.len(), 1);
    assert_eq!(workspace.derived[0].derivation.inputs().len(), 9);
    assert!(
        workspace.derived[0]
            .to_string()
            .contains(&format!("0.1111111111111111*{}", names[0]))
    );
}
