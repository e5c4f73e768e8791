//! File → Export chart… and File → Export report…, driven like a user would (no GPU, no
//! display): the dialog's choices and preview, the typed path with `~`-free absolute paths and
//! an overwrite question, the notification naming the file, the choices remembered in the
//! settings — and the same picture, byte for byte, as the command line makes of the same view.

mod app_harness;

use std::path::Path;
use std::process::Command as Process;

use app_harness::app;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::export::{PictureFormat, PictureTheme};
use rotation_lens::paths::AppPaths;
use rotation_lens::settings::Settings;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::save_workspace;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// The app on the demo workspace, after its first frames.
fn started(data_dir: &Path) -> Harness<'static, RotationLensApp> {
    let mut harness = app(data_dir, Vec::new(), Vec::new());
    harness.run_steps(4);
    assert!(!harness.state().workspace().series.is_empty(), "the demo");
    harness
}

/// Replaces the text of the "Save as" field with `path`.
fn type_path(harness: &mut Harness<'_, RotationLensApp>, path: &Path) {
    harness.get_by_label("Save as").click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("Save as")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
}

fn notifications(harness: &Harness<'_, RotationLensApp>) -> String {
    harness.state().notification_texts().join("\n")
}

#[test]
fn the_chart_dialog_previews_exports_confirms_overwrites_and_remembers() {
    let dir = tmp();
    let out_dir = tmp();
    let mut harness = started(dir.path());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run_steps(3);
    harness.get_by_label("Export chart");
    harness.get_by_label("Preview of the exported picture");
    harness.get_by_label("SVG").click();
    harness.get_by_label("Dark").click();
    harness.run_steps(2);
    let path = out_dir.path().join("demo chart.svg");
    type_path(&mut harness, &path);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let svg = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains("fill=\"#1b1d21\""), "the dark theme");
    assert!(notifications(&harness).contains(&format!("Chart saved as {}", path.display())));
    harness.get_by_label("Copy path");
    harness.get_by_label("Open folder");
    // The choices are remembered.
    let settings = Settings::load(&AppPaths::in_dir(dir.path().to_path_buf()).settings_file());
    assert_eq!(settings.export.format, PictureFormat::Svg);
    assert_eq!(settings.export.theme, PictureTheme::Dark);
    assert_eq!(
        settings.export.chart_folder.as_deref(),
        Some(out_dir.path())
    );
    // Exporting to the same file again asks first.
    harness.state_mut().queue(Command::ExportChartPngDialog);
    harness.run_steps(3);
    type_path(&mut harness, &path);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label(&format!("{} already exists. Replace it?", path.display()));
    std::fs::write(&path, "old").unwrap_or_else(|e| panic!("{e}"));
    harness.get_by_label("Replace").click();
    harness.run_steps(2);
    let replaced = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(replaced.contains("<svg"), "replaced after the confirmation");
}

#[test]
fn the_app_and_the_command_line_write_the_same_png_for_the_same_view() {
    let dir = tmp();
    let out_dir = tmp();
    let mut harness = started(dir.path());
    harness.state_mut().queue(Command::ExportChartPngDialog);
    harness.run_steps(3);
    harness.get_by_label("PNG").click();
    harness.get_by_label("Light").click();
    harness.run_steps(1);
    let from_app = out_dir.path().join("app.png");
    type_path(&mut harness, &from_app);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let app_bytes = std::fs::read(&from_app).unwrap_or_else(|e| panic!("{e}"));
    // The same view, saved as a workspace, drawn by the command line with the same choices.
    let workspace_file = out_dir.path().join("view.rlens");
    save_workspace(&workspace_file, harness.state().workspace()).unwrap_or_else(|e| panic!("{e}"));
    let from_cli = out_dir.path().join("cli.png");
    let output = Process::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .arg("export-chart")
        .arg(&from_cli)
        .arg(&workspace_file)
        .args(["--size", "1600x900", "--scale", "2", "--theme", "light"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cli_bytes = std::fs::read(&from_cli).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app_bytes.len(), cli_bytes.len());
    assert!(app_bytes == cli_bytes, "the same bytes");
}

#[test]
fn the_report_dialog_writes_one_self_contained_file_and_failures_say_why() {
    let dir = tmp();
    let out_dir = tmp();
    let mut harness = started(dir.path());
    harness.state_mut().queue(Command::ExportReportDialog);
    harness.run_steps(3);
    harness.get_by_label("Export report");
    // Typed without an extension: .html is added.
    let path = out_dir.path().join("demo report");
    type_path(&mut harness, &path);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let written = out_dir.path().join("demo report.html");
    let html = std::fs::read_to_string(&written).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("<table>"));
    assert!(html.contains("<h2>Findings</h2>"));
    assert!(notifications(&harness).contains(&format!("Report saved as {}", written.display())));
    // A folder that cannot be created: the notification says why.
    let blocker = out_dir.path().join("a file");
    std::fs::write(&blocker, "x").unwrap_or_else(|e| panic!("{e}"));
    harness.state_mut().queue(Command::ExportReportDialog);
    harness.run_steps(3);
    type_path(&mut harness, &blocker.join("report.html"));
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let text = notifications(&harness);
    assert!(text.contains("Could not export the report:"), "{text}");
    assert!(text.contains("could not create its folder"), "{text}");
}
