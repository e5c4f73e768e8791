//! Driving the real app in a test harness (no GPU, no display): building it on a data folder
//! with scripted file-dialog answers, and stepping frames until work on a worker thread — an
//! import, a save — is done. Shared by the UI test files.

#![allow(dead_code)]
// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::paths::AppPaths;
use rotation_lens::ui::file_dialog::{FileDialogs, ScriptedDialogs};
use rotation_lens::ui::{AppEnvironment, RotationLensApp};
use rotation_lens::workspace::{Workspace, save_workspace};
use rotation_lens_core::testing::TestRng;

/// The app with its data folder in `data_dir`, opening `startup` (workspace or price files) and
/// answering file dialogs with `answers`, in a 1500×950 window. No frame has run yet.
pub fn app(
    data_dir: &Path,
    answers: Vec<Vec<PathBuf>>,
    startup: Vec<PathBuf>,
) -> Harness<'static, RotationLensApp> {
    app_with_dialogs(data_dir, Box::new(ScriptedDialogs::new(answers)), startup)
}

/// [`app`] with its own file dialogs.
pub fn app_with_dialogs(
    data_dir: &Path,
    dialogs: Box<dyn FileDialogs>,
    startup: Vec<PathBuf>,
) -> Harness<'static, RotationLensApp> {
    app_sized(data_dir, dialogs, startup, [1500.0, 950.0])
}

/// [`app_with_dialogs`] in a window of `size` points.
pub fn app_sized(
    data_dir: &Path,
    dialogs: Box<dyn FileDialogs>,
    startup: Vec<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, RotationLensApp> {
    let dir = data_dir.to_path_buf();
    Harness::builder().with_size(size).build_eframe(move |cc| {
        RotationLensApp::with_environment(
            cc,
            AppEnvironment {
                paths: Some(AppPaths::in_dir(dir)),
                dialogs,
                startup_paths: startup,
                export_png_and_quit: None,
            },
        )
    })
}

/// A file under `tests/fixtures/real/`.
pub fn real_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

/// Steps frames (10 ms apart, at most a minute) until `done` holds, and returns how many frames
/// that took. Workers wake the app when they finish, so a few frames usually do.
pub fn step_until(
    harness: &mut Harness<'_, RotationLensApp>,
    what: &str,
    done: impl Fn(&RotationLensApp) -> bool,
) -> usize {
    for frame in 0..6000 {
        if done(harness.state()) {
            return frame;
        }
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what} did not finish");
}

/// Steps frames until no import runs, then a few more so the result is drawn.
pub fn wait_for_imports(harness: &mut Harness<'_, RotationLensApp>) {
    step_until(harness, "the import", |app| !app.is_importing());
    harness.run_steps(3);
}

/// Steps frames until no save runs (saves are written on a worker thread), then two more.
pub fn settle_saves(harness: &mut Harness<'_, RotationLensApp>) {
    step_until(harness, "the save", |app| !app.is_saving());
    harness.run_steps(2);
}

/// Clicks "Import files…" (the dialog answers with the next scripted files), waits for the
/// preview, then clicks its Import and waits for the import to finish.
pub fn import_through_preview(harness: &mut Harness<'_, RotationLensApp>) {
    // The data panel and the empty chart both offer the button; either opens the dialog.
    let button = harness.query_all_by_label("Import files…").next();
    button
        .unwrap_or_else(|| panic!("no Import files button"))
        .click();
    // Fixed step counts rather than `run()`: a running import keeps asking for frames, which
    // `run()` treats as never settling.
    step_until(harness, "the preview", RotationLensApp::is_previewing);
    harness.run_steps(2);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    wait_for_imports(harness);
}

/// `series` business-day random walks of `points` closes each, the `s`-th named `name(s)`, from
/// 2020-01-01. The same data on every run.
pub fn walks_workspace(series: usize, points: usize, name: impl Fn(usize) -> String) -> Workspace {
    let mut workspace = Workspace::empty();
    workspace.name = format!("{series} series");
    let mut rng = TestRng::new(0x9e37_79b9_7f4a_7c15);
    let start = Date::from_ymd(2020, 1, 1).unwrap().day_number();
    for s in 0..series {
        let mut level = 100.0 + s as f64;
        let mut day = start;
        let mut dates = Vec::with_capacity(points);
        let mut values = Vec::with_capacity(points);
        for i in 0..points {
            level *= 1.0 + (rng.unit() - 0.5) * 0.02;
            day += if i % 5 == 4 { 3 } else { 1 };
            dates.push(Date::from_day_number(day).unwrap());
            values.push((level * 100.0).round() / 100.0);
        }
        let series =
            Series::new(name(s), SeriesKind::Price, Source::default(), dates, values).unwrap();
        workspace.add_series(series);
    }
    workspace
}

/// Writes `workspace` into `dir` as `<its name>.rlens` and returns its path.
pub fn write_workspace(dir: &Path, workspace: &Workspace) -> PathBuf {
    let path = dir.join(format!("{}.rlens", workspace.name));
    save_workspace(&path, workspace).unwrap();
    path
}

/// The app on the workspace at `path` in a window of `size`, once it is open and drawn.
pub fn open_sized(dir: &Path, path: PathBuf, size: [f32; 2]) -> Harness<'static, RotationLensApp> {
    let mut harness = app_sized(
        dir,
        Box::new(ScriptedDialogs::new(Vec::new())),
        vec![path],
        size,
    );
    step_until(&mut harness, "the workspace", |app| {
        !app.is_opening() && !app.workspace().series.is_empty()
    });
    harness.run_steps(4);
    harness
}

/// A new workspace `<name>.rlens` in `dir` with `files` imported at once without the preview,
/// once its `series` series are in.
pub fn with_files(
    dir: &Path,
    name: &str,
    files: Vec<PathBuf>,
    series: usize,
) -> Harness<'static, RotationLensApp> {
    let mut harness = app(dir, vec![files], vec![dir.join(format!("{name}.rlens"))]);
    harness.run_steps(3);
    harness
        .state_mut()
        .queue(rotation_lens::ui::command::Command::SetImportWithoutPreview(true));
    harness
        .state_mut()
        .queue(rotation_lens::ui::command::Command::ImportDialog);
    step_until(&mut harness, "the imports", |app| {
        app.workspace().series.len() == series && !app.is_importing()
    });
    harness.run_steps(4);
    harness
}
