//! The app's own file dialog, on a desktop without a system file chooser, driven like a user
//! would: Save as with the overwrite question, Export chart through Browse…, Export chart data,
//! an import of two files chosen together, `~` expanded, and the typed text kept after a
//! failure — and a system chooser that answers at once with nothing leaves the own dialog up.

mod app_harness;

use std::path::{Path, PathBuf};

use app_harness::{app_with_dialogs, real_fixture, settle_saves, step_until, wait_for_imports};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::paths::AppPaths;
use rotation_lens::settings::Settings;
use rotation_lens::typed_path::home_folder;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::ui::file_dialog::{NoNativeDialogs, ScriptedDialogs};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// The folder as the dialog shows it (links resolved).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The app on an empty workspace in `dir`, with no system file chooser.
fn empty_app(dir: &Path) -> Harness<'static, RotationLensApp> {
    let mut harness = app_with_dialogs(
        dir,
        Box::new(NoNativeDialogs),
        vec![dir.join("empty.rlens")],
    );
    harness.run_steps(3);
    harness
}

/// The app on the demo workspace, with no system file chooser.
fn demo_app(dir: &Path) -> Harness<'static, RotationLensApp> {
    let mut harness = app_with_dialogs(dir, Box::new(NoNativeDialogs), Vec::new());
    harness.run_steps(4);
    assert!(!harness.state().workspace().series.is_empty(), "the demo");
    harness
}

/// Replaces the text of the text field labelled `label` with `text`.
fn type_in(harness: &mut Harness<'_, RotationLensApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(1);
}

fn field_value(harness: &Harness<'_, RotationLensApp>, label: &str) -> String {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

fn settings(dir: &Path) -> Settings {
    Settings::load(&AppPaths::in_dir(dir.to_path_buf()).settings_file())
}

#[test]
fn save_as_in_the_own_dialog_asks_before_replacing_and_remembers_the_folder() {
    let dir = tmp();
    let out = tmp();
    let existing = out.path().join("mine.rlens");
    std::fs::write(&existing, "old").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = empty_app(dir.path());
    harness.state_mut().queue(Command::SaveAsDialog);
    harness.run_steps(3);
    harness.get_by_label("Save workspace as");
    // Prefilled with a folder and the suggested name.
    let prefilled = field_value(&harness, "File name or path");
    assert!(
        prefilled.ends_with(".rlens") && prefilled.len() > ".rlens".len() + 1,
        "{prefilled}"
    );
    // The name without its extension: the extension is added, and the file exists.
    type_in(
        &mut harness,
        "File name or path",
        &out.path().join("mine").display().to_string(),
    );
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    let question = format!(
        "Replace mine.rlens? It already exists in {}.",
        canonical(out.path()).display()
    );
    harness.get_by_label(&question);
    assert_eq!(
        std::fs::read_to_string(&existing).ok().as_deref(),
        Some("old")
    );
    harness.get_by_label("Replace").click();
    harness.run_steps(2);
    settle_saves(&mut harness);
    assert_eq!(
        harness.state().workspace_path(),
        canonical(out.path()).join("mine.rlens")
    );
    let written = std::fs::read_to_string(&existing).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        written.trim_start().starts_with('{'),
        "a workspace: {written}"
    );
    assert_eq!(
        settings(dir.path()).folders.workspaces,
        Some(canonical(out.path()))
    );
}

#[test]
fn export_chart_through_browse_and_chart_data_through_the_own_dialog() {
    let dir = tmp();
    let out = tmp();
    let mut harness = demo_app(dir.path());
    harness.state_mut().queue(Command::ExportChartPngDialog);
    harness.run_steps(3);
    harness.get_by_label("Browse…").click();
    harness.run_steps(3);
    harness.get_by_label("Save the chart picture as");
    type_in(
        &mut harness,
        "File name or path",
        &out.path().join("picture.svg").display().to_string(),
    );
    harness.get_by_label("Choose").click();
    harness.run_steps(3);
    // Back in the Export chart dialog, with the path and the format chosen.
    assert_eq!(
        field_value(&harness, "Save as"),
        canonical(out.path())
            .join("picture.svg")
            .display()
            .to_string()
    );
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let picture = canonical(out.path()).join("picture.svg");
    let svg = std::fs::read_to_string(&picture).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.starts_with("<?xml"));
    let texts = harness.state().notification_texts().join("\n");
    assert!(
        texts.contains(&format!("Chart saved as {}", picture.display())),
        "{texts}"
    );

    harness.state_mut().queue(Command::ExportChartCsvDialog);
    harness.run_steps(3);
    harness.get_by_label("Export chart data as CSV");
    type_in(
        &mut harness,
        "File name or path",
        &out.path().join("data").display().to_string(),
    );
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let csv = canonical(out.path()).join("data.csv");
    let text = std::fs::read_to_string(&csv).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("Date,"), "{text}");
    let texts = harness.state().notification_texts().join("\n");
    assert!(
        texts.contains(&format!("Chart data saved as {}", csv.display())),
        "{texts}"
    );
    assert_eq!(
        harness.query_all_by_label("Copy path").count(),
        2,
        "one per export"
    );
    assert_eq!(
        settings(dir.path()).folders.csv,
        Some(canonical(out.path()))
    );
}

#[test]
fn two_files_are_chosen_together_for_an_import() {
    let dir = tmp();
    let data = tmp();
    for (fixture, name) in [
        ("yahoo/^RUT.csv", "^RUT.csv"),
        ("yahoo/^GSPC.csv", "^GSPC.csv"),
    ] {
        std::fs::copy(real_fixture(fixture), data.path().join(name))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(data.path().join("notes.pdf"), "x").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = empty_app(dir.path());
    harness.state_mut().queue(Command::ImportDialog);
    harness.run_steps(3);
    harness.get_by_label("Import price files");
    // A folder typed in the field is entered.
    type_in(&mut harness, "Path", &data.path().display().to_string());
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    assert!(
        harness.query_by_label("notes.pdf").is_none(),
        "only price files"
    );
    harness.get_by_label("^GSPC.csv").click();
    harness.run_steps(1);
    harness
        .get_by_label("^RUT.csv")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_steps(2);
    harness.get_by_label("Import 2 files").click();
    step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    step_until(
        &mut harness,
        "the second preview",
        RotationLensApp::is_previewing,
    );
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    wait_for_imports(&mut harness);
    let mut names: Vec<String> = harness
        .state()
        .workspace()
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["^GSPC", "^RUT"]);
    assert_eq!(
        settings(dir.path()).folders.price_files,
        Some(canonical(data.path()))
    );
}

#[test]
fn a_tilde_is_expanded_and_the_text_is_kept_after_a_failure() {
    let dir = tmp();
    let mut harness = empty_app(dir.path());
    harness.state_mut().queue(Command::ImportDialog);
    harness.run_steps(3);
    let Some(home) = home_folder() else {
        return; // No home folder on this system: nothing to expand.
    };
    type_in(&mut harness, "Path", "~");
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    harness.get_by_label(&canonical(&home).display().to_string());
    let missing = "~/no such folder of rotation lens/prices.csv";
    type_in(&mut harness, "Path", missing);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    let expanded = home.join("no such folder of rotation lens/prices.csv");
    harness.get_by_label(&format!("{} does not exist", expanded.display()));
    assert_eq!(field_value(&harness, "Path"), missing, "the text is kept");
    assert!(!harness.state().is_previewing());
}

#[test]
fn a_system_chooser_that_answers_nothing_at_once_leaves_the_own_dialog() {
    let dir = tmp();
    let mut harness = app_with_dialogs(
        dir.path(),
        Box::new(ScriptedDialogs::new(Vec::new())),
        vec![dir.path().join("empty.rlens")],
    );
    harness.run_steps(3);
    harness.state_mut().queue(Command::ExportMetricsCsvDialog);
    harness.run_steps(4);
    harness.get_by_label("Export metrics as CSV");
    assert!(
        harness
            .query_by_label_contains("The system's file chooser opens")
            .is_none(),
        "no word about a chooser that did not open"
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Export metrics as CSV").is_none());
}

#[test]
fn files_opened_together_say_which_one_and_import_all_clean_ones() {
    let dir = tmp();
    let data = tmp();
    let mut files = Vec::new();
    for (fixture, name) in [
        ("yahoo/^RUT.csv", "^RUT.csv"),
        ("yahoo/^GSPC.csv", "^GSPC.csv"),
    ] {
        let copy = data.path().join(name);
        std::fs::copy(real_fixture(fixture), &copy).unwrap_or_else(|e| panic!("{e}"));
        files.push(copy);
    }
    // A file with an unreadable price: it needs a decision, so its preview still opens.
    let messy = data.path().join("messy.csv");
    std::fs::write(
        &messy,
        "Date,Close\n2020-01-02,100\n2020-01-03,n/a?\n2020-01-06,101\n2020-01-07,102\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let first = data.path().join("first.csv");
    std::fs::write(
        &first,
        "Date,Close\n2020-01-02,10\n2020-01-03,11\n2020-01-06,12\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let chosen = vec![first, files[0].clone(), messy, files[1].clone()];
    let mut harness = app_with_dialogs(
        dir.path(),
        Box::new(ScriptedDialogs::new(vec![chosen])),
        vec![dir.path().join("empty.rlens")],
    );
    harness.run_steps(3);
    harness.state_mut().queue(Command::ImportDialog);
    step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
    harness.run_steps(2);
    harness.get_by_label("File 1 of 4");
    // The parsed values first, the date range, the raw lines folded.
    harness.get_by_label("2020-01-02 to 2020-01-06 · 3 rows");
    assert!(harness.query_by_label("As written").is_none());
    harness.get_by_label("Show the lines as written").click();
    harness.run_steps(2);
    harness.get_by_label("As written");
    harness
        .get_by_label("Import all remaining clean files")
        .click();
    harness.run_steps(2);
    step_until(
        &mut harness,
        "the messy file's preview",
        RotationLensApp::is_previewing,
    );
    harness.run_steps(2);
    harness.get_by_label("File 4 of 4");
    assert!(
        harness
            .query_by_label("Import all remaining clean files")
            .is_none(),
        "nothing remains after the last file"
    );
    // The imports of the clean files finish first (their progress rows have a Cancel too).
    wait_for_imports(&mut harness);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    let mut names: Vec<String> = harness
        .state()
        .workspace()
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["^GSPC", "^RUT", "first"]);
}

/// A system chooser that answers `paths` after `delay`, on its own thread.
struct SlowChooser {
    delay: std::time::Duration,
    paths: Vec<PathBuf>,
}

impl rotation_lens::ui::file_dialog::FileDialogs for SlowChooser {
    fn open(
        &self,
        purpose: rotation_lens::ui::file_dialog::DialogPurpose,
        _file_name: &str,
        replies: std::sync::mpsc::Sender<rotation_lens::ui::file_dialog::DialogReply>,
        wake: Box<dyn Fn() + Send>,
    ) {
        let (delay, paths) = (self.delay, self.paths.clone());
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            let _ = replies.send(rotation_lens::ui::file_dialog::DialogReply { purpose, paths });
            wake();
        });
    }
}

fn slow_app(dir: &Path, chooser: SlowChooser) -> Harness<'static, RotationLensApp> {
    let mut harness = app_with_dialogs(dir, Box::new(chooser), vec![dir.join("empty.rlens")]);
    harness.run_steps(3);
    harness
}

#[test]
fn a_late_cancel_of_the_system_chooser_closes_the_own_dialog_too() {
    let dir = tmp();
    let chooser = SlowChooser {
        delay: std::time::Duration::from_millis(1800),
        paths: Vec::new(),
    };
    let mut harness = slow_app(dir.path(), chooser);
    harness.state_mut().queue(Command::OpenWorkspaceDialog);
    harness.run_steps(4);
    harness.get_by_label("Open workspace");
    harness.get_by_label_contains("The system's file chooser opens in its own window");
    std::thread::sleep(std::time::Duration::from_millis(2000));
    harness.run_steps(3);
    assert!(harness.query_by_label("Open workspace").is_none());
}

#[test]
fn a_late_answer_after_a_choice_in_the_own_dialog_is_ignored() {
    let dir = tmp();
    let out = tmp();
    let chooser = SlowChooser {
        delay: std::time::Duration::from_millis(1000),
        paths: vec![out.path().join("from the system chooser.csv")],
    };
    let mut harness = slow_app(dir.path(), chooser);
    harness.state_mut().queue(Command::ExportMetricsCsvDialog);
    harness.run_steps(4);
    type_in(
        &mut harness,
        "File name or path",
        &out.path().join("mine.csv").display().to_string(),
    );
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    std::thread::sleep(std::time::Duration::from_millis(1200));
    harness.run_steps(3);
    assert!(canonical(out.path()).join("mine.csv").is_file());
    assert!(!out.path().join("from the system chooser.csv").exists());
}

#[test]
fn the_data_panels_path_field_keeps_a_path_that_does_not_exist() {
    let dir = tmp();
    let mut harness = empty_app(dir.path());
    let missing = dir.path().join("no such file.csv");
    harness
        .get_by_role_and_label(Role::TextInput, "File path to import")
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "File path to import")
        .type_text(&missing.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Import path").click();
    harness.run_steps(2);
    harness.get_by_label(&format!("{} does not exist", missing.display()));
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "File path to import")
            .value()
            .as_deref(),
        Some(missing.display().to_string().as_str()),
        "the text is kept"
    );
    // The same field imports a file that exists.
    let copy = dir.path().join("^RUT.csv");
    std::fs::copy(real_fixture("yahoo/^RUT.csv"), &copy).unwrap_or_else(|e| panic!("{e}"));
    harness
        .get_by_role_and_label(Role::TextInput, "File path to import")
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "File path to import")
        .type_text(&copy.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Import path").click();
    step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
}
