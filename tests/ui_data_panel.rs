//! The data panel and the ways files come in, driven like a user would: a path typed when no
//! file chooser appears, a file dropped on the window, renaming a series, changing what it
//! measures and re-importing a file that gained a row.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{
    app, app_with_dialogs, import_through_preview, real_fixture, step_until, wait_for_imports,
};

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::model::SeriesKind;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::file_dialog::{DialogPurpose, DialogReply, FileDialogs};

/// Dialogs that never answer, like a desktop without a file-chooser portal.
struct SilentDialogs;

impl FileDialogs for SilentDialogs {
    fn open(
        &self,
        _purpose: DialogPurpose,
        _file_name: &str,
        _replies: Sender<DialogReply>,
        _wake: Box<dyn Fn() + Send>,
    ) {
    }
}

fn app_without_file_chooser(dir: &Path) -> Harness<'static, RotationLensApp> {
    app_with_dialogs(dir, Box::new(SilentDialogs), vec![dir.join("empty.rlens")])
}

/// A new empty workspace in `dir` with ^RUT imported from a copy at `dir/^RUT.csv`.
fn with_rut(dir: &Path) -> (Harness<'static, RotationLensApp>, PathBuf) {
    let copy = dir.join("^RUT.csv");
    std::fs::copy(real_fixture("yahoo/^RUT.csv"), &copy).unwrap();
    let mut harness = app(dir, vec![vec![copy.clone()]], vec![dir.join("empty.rlens")]);
    harness.run_steps(3);
    import_through_preview(&mut harness);
    assert_eq!(harness.state().workspace().series.len(), 1);
    (harness, copy)
}

#[test]
fn a_path_can_be_typed_when_no_file_chooser_appears() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_without_file_chooser(dir.path());
    harness.run_steps(3);
    harness
        .query_all_by_label("Import files…")
        .next()
        .unwrap_or_else(|| panic!("no Import files button"))
        .click();
    harness.run_steps(4);
    harness.get_by_label("Import price files");
    harness.get_by_label_contains("The system's file chooser opens in its own window");
    let typed = real_fixture("fred/SP500.csv");
    let field = || Role::TextInput;
    harness.get_by_role_and_label(field(), "Path").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(field(), "Path")
        .type_text(&typed.to_string_lossy());
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    wait_for_imports(&mut harness);
    assert_eq!(harness.state().workspace().series[0].name(), "SP500");
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Vec::new(), vec![dir.path().join("empty.rlens")]);
    harness.run_steps(3);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(real_fixture(
            "yahoo/^GSPC.csv",
        ))));
    step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    wait_for_imports(&mut harness);
    assert_eq!(harness.state().workspace().series[0].name(), "^GSPC");
}

#[test]
fn a_series_is_renamed_and_its_kind_changed_from_the_data_panel() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _) = with_rut(dir.path());
    harness.run_steps(2);
    harness
        .get_all_by_label("^RUT")
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap_or_else(|| panic!("no ^RUT in the data panel"))
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Rename").click();
    harness.run_steps(2);
    // The field opens focused, holding the name: select it all and type over it.
    let field = harness
        .get_all_by_role(Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .unwrap_or_else(|| panic!("the rename field has no focus"));
    assert_eq!(field.value().as_deref(), Some("^RUT"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_all_by_role(Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .unwrap_or_else(|| panic!("the rename field has no focus"))
        .type_text("Russell 2000");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series[0].name(), "Russell 2000");

    harness.get_by_label("What Russell 2000 measures").click();
    harness.run_steps(2);
    harness.get_by_label("valuation").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().series[0].series.kind,
        SeriesKind::Valuation
    );
    // Both are undoable, the last first.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().workspace().series[0].series.kind,
        SeriesKind::Price
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().workspace().series[0].name(), "^RUT");
}

#[test]
fn re_import_adds_the_new_row_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, copy) = with_rut(dir.path());
    let mut text = std::fs::read_to_string(&copy).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("2019-06-10,1520.00,1530.00,1515.00,1525.50,1525.50,0\n");
    std::fs::write(&copy, text).unwrap();
    harness.get_by_label("Re-import").click();
    harness.run_steps(2);
    wait_for_imports(&mut harness);
    let series = &harness.state().workspace().series[0].series;
    assert_eq!(series.len(), 8001);
    assert_eq!(series.values().last().copied(), Some(1525.5));
    harness.get_by_label("Re-imported ^RUT.csv");
    // What changed is behind the one-line toast's Details.
    harness.get_by_label("Details").click();
    harness.run_steps(3);
    harness.get_by_label("^RUT: 1 new date (2019-06-10)");
}
