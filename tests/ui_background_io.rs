//! The real app with large files: the window keeps drawing frames while a workspace is opened,
//! saved or imported on worker threads, shows what is going on, and shows the data once it is
//! there. Nothing here measures time: each test checks that work is still running across frames
//! the harness drew.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;
// The generated workspaces of the benchmarks, smaller.
#[path = "../benches/common/mod.rs"]
mod generated;

use app_harness::{app, step_until};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rotation_lens::model::Date;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{load_workspace, save_workspace};

/// Writes a workspace of 10 series x 200 000 observations to `dir` and returns its path.
fn large_workspace_file(dir: &Path) -> PathBuf {
    let path = dir.join("large.rlens");
    save_workspace(&path, &generated::generated_workspace(10, 200_000)).unwrap();
    path
}

/// The value (0-100) of every progress bar on screen.
fn progress_values(harness: &Harness<'_, RotationLensApp>) -> Vec<f64> {
    harness
        .query_all_by_role(Role::ProgressIndicator)
        .filter_map(|node| node.accesskit_node().numeric_value())
        .collect()
}

#[test]
fn a_large_workspace_opens_in_the_background_with_its_progress_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_workspace_file(dir.path());
    let mut harness = app(dir.path(), Vec::new(), vec![path.clone()]);

    // The harness has drawn its first frame: the file is being read, and the window says so.
    assert!(harness.state().is_opening());
    let heading = format!("Opening {}", path.display());
    harness.get_by_label(&heading);
    assert_eq!(progress_values(&harness).len(), 1);
    // The rest of the window is inert until the workspace is there.
    assert_eq!(harness.query_all_by_label("Import files…").count(), 0);
    assert!(harness.state().workspace().series.is_empty());
    harness.step();
    assert!(
        harness.state().is_opening(),
        "still reading after two frames"
    );
    harness.get_by_label(&heading);

    let frames = step_until(&mut harness, "opening", |app| !app.is_opening());
    assert!(frames >= 1);
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label(&heading).count(), 0);
    let workspace = harness.state().workspace();
    assert_eq!(workspace.series.len(), 10);
    assert_eq!(workspace.observation_count(), 2_000_000);
    assert_eq!(harness.state().workspace_path(), path);
    assert!(harness.query_all_by_label("Index 0").count() >= 1);
    assert!(harness.query_all_by_label("Index 9").count() >= 1);
    assert!(
        harness
            .query_all_by_label_contains("All changes saved")
            .count()
            >= 1
    );
}

#[test]
fn opening_another_large_workspace_reads_it_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_workspace_file(dir.path());
    let first = dir.path().join("first.rlens");
    save_workspace(&first, &generated::generated_workspace(2, 500)).unwrap();
    let mut harness = app(dir.path(), Vec::new(), vec![first.clone()]);
    harness.run_steps(2);
    assert_eq!(harness.state().workspace().series.len(), 2);

    harness
        .state_mut()
        .queue(Command::OpenWorkspace(path.clone()));
    harness.step();
    // The command ran in that frame: the file is being read, and the window says so.
    harness.step();
    assert!(harness.state().is_opening());
    let heading = format!("Opening {}", path.display());
    harness.get_by_label(&heading);
    assert_eq!(progress_values(&harness).len(), 1);
    assert_eq!(harness.state().workspace_path(), first, "not switched yet");

    step_until(&mut harness, "opening", |app| !app.is_opening());
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label(&heading).count(), 0);
    assert_eq!(harness.state().workspace().observation_count(), 2_000_000);
    assert_eq!(harness.state().workspace_path(), path);
    assert!(
        harness
            .query_all_by_label_contains(&format!("Opened {}", path.display()))
            .count()
            >= 1
    );

    // A file that cannot be opened leaves the open workspace as it is and says why.
    let damaged = dir.path().join("damaged.rlens");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, &bytes).unwrap();
    harness
        .state_mut()
        .queue(Command::OpenWorkspace(damaged.clone()));
    harness.step();
    step_until(&mut harness, "opening", |app| !app.is_opening());
    harness.run_steps(2);
    assert_eq!(harness.state().workspace_path(), path);
    assert_eq!(harness.state().workspace().observation_count(), 2_000_000);
    assert!(
        harness
            .query_all_by_label_contains(&damaged.display().to_string())
            .count()
            >= 1,
        "the problem names the file"
    );
    assert_eq!(
        std::fs::read(&damaged).unwrap_or_default(),
        bytes,
        "the damaged file is left alone"
    );
}

#[test]
fn saving_a_large_workspace_runs_while_frames_keep_coming() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_workspace_file(dir.path());
    let mut harness = app(dir.path(), Vec::new(), vec![path.clone()]);
    harness.state_mut().wait_until_open();
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().as_of, None);
    let (first_date, second_date) = (Date::from_ymd(2001, 2, 5), Date::from_ymd(2002, 3, 6));

    // A change, Save, and another change, all in one frame: the frame that asks for the save
    // returns while it runs, and the second change is made while the save runs.
    harness.state_mut().queue(Command::SetAsOf(first_date));
    harness.state_mut().queue(Command::Save);
    harness.state_mut().queue(Command::SetAsOf(second_date));
    harness.step();
    assert!(
        harness.state().is_saving(),
        "the frame returned before the save ended"
    );
    assert!(harness.state().has_unsaved_changes());
    harness.step();
    assert!(harness.query_all_by_label_contains("Saving...").count() >= 1);

    // Once the save ends, the change made meanwhile is still unsaved.
    step_until(&mut harness, "saving", |app| !app.is_saving());
    harness.run_steps(2);
    assert_eq!(load_workspace(&path).unwrap().as_of, first_date);
    assert!(
        harness
            .state()
            .notification_texts()
            .iter()
            .any(|t| t == &format!("Saved {}", path.display()))
    );
    assert!(harness.state().has_unsaved_changes());
    assert!(
        harness
            .query_all_by_label_contains("Unsaved changes")
            .count()
            >= 1
    );

    // Closing saves what is unsaved and waits for it.
    eframe::App::on_exit(harness.state_mut(), None);
    assert!(!harness.state().is_saving());
    let saved = load_workspace(&path).unwrap();
    assert_eq!(saved.as_of, second_date);
    assert_eq!(saved.observation_count(), 2_000_000);
}

#[test]
fn a_failed_background_save_is_reported_and_the_work_stays_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    let mut harness = app(dir.path(), Vec::new(), vec![folder.join("mine.rlens")]);
    harness.run_steps(2);
    // A file where the workspace's folder should be (the folder, made for the lock file, is
    // removed first): the folder cannot be created.
    if folder.is_dir() {
        std::fs::remove_dir_all(&folder).unwrap();
    }
    std::fs::write(&folder, b"x").unwrap();
    harness
        .state_mut()
        .queue(Command::SetAsOf(Date::from_ymd(2001, 2, 5)));
    harness.state_mut().queue(Command::Save);
    harness.step();
    step_until(&mut harness, "saving", |app| !app.is_saving());
    harness.run_steps(2);
    let texts = harness.state().notification_texts();
    assert!(
        texts.iter().any(
            |t| t.starts_with("Could not save: could not create the folder")
                && t.ends_with("use File, Save as… to save it elsewhere.")
        ),
        "{texts:?}"
    );
    assert!(harness.state().has_unsaved_changes());
    assert!(
        harness
            .query_all_by_label_contains("Unsaved changes")
            .count()
            >= 1
    );
}

/// A Yahoo Finance file as yfinance writes it (prices in full double precision, volume as a
/// float) with `rows` daily rows from 1600 on, the earliest year an import accepts.
fn write_yahoo_csv(path: &Path, rows: usize) {
    let mut text = String::with_capacity(rows * 120);
    text.push_str("Date,Open,High,Low,Close,Adj Close,Volume\n");
    let start = Date::from_ymd(1600, 1, 1).map_or(0, Date::day_number);
    let mut level = 10_000.0_f64 / 3.0;
    for row in 0..rows {
        let Some(date) = Date::from_day_number(start + row as i32) else {
            panic!("row {row} is out of range");
        };
        level *= 1.0 + ((row * 7919 % 201) as f64 - 100.0) * 0.0001;
        let _ = writeln!(
            text,
            "{date},{},{},{},{},{},{}.0",
            level * 0.998_1,
            level * 1.004_3,
            level * 0.995_7,
            level,
            level * 0.731_9,
            3_000_000_000_u64 + row as u64
        );
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_large_import_shows_progress_and_cancel_while_frames_keep_coming() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("BIG.csv");
    let rows = 155_000;
    write_yahoo_csv(&csv, rows);
    let size = std::fs::metadata(&csv).map_or(0, |m| m.len());
    assert!(size > 17_000_000, "the file is {size} bytes");
    let empty = dir.path().join("empty.rlens");
    let mut harness = app(dir.path(), vec![vec![csv.clone()]], vec![empty]);
    harness.run_steps(2);

    // The normal import path: the button, the dialog's answer, the preview's Import.
    harness
        .query_all_by_label("Import files…")
        .next()
        .unwrap_or_else(|| panic!("no Import files button"))
        .click();
    harness.run();
    assert!(harness.state().is_previewing());
    harness.get_by_label("Import").click();
    harness.step();
    assert!(harness.state().is_importing());

    // Frames keep coming while the worker reads: the progress bar and Cancel stay on screen
    // and the progress moves forward.
    let mut seen = Vec::new();
    while harness.state().is_importing() {
        harness.step();
        if !harness.state().is_importing() {
            break;
        }
        assert!(harness.query_all_by_label("Importing BIG.csv").count() == 1);
        assert!(harness.query_all_by_label("Cancel").count() >= 1);
        if let Some(value) = progress_values(&harness).first() {
            seen.push(*value);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(seen.len() >= 3, "frames drawn while importing: {seen:?}");
    assert!(
        seen.windows(2).all(|pair| pair[0] <= pair[1]),
        "the progress never goes back: {seen:?}"
    );
    let distinct = {
        let mut values = seen.clone();
        values.dedup();
        values.len()
    };
    assert!(distinct >= 2, "the progress moved: {seen:?}");

    harness.run_steps(3);
    let workspace = harness.state().workspace();
    assert_eq!(workspace.series.len(), 1);
    assert_eq!(workspace.series[0].name(), "BIG");
    assert_eq!(workspace.series[0].series.len(), rows);
    assert!(harness.query_all_by_label("BIG").count() >= 1);
    assert_eq!(harness.query_all_by_label("Importing BIG.csv").count(), 0);
}

#[test]
fn save_as_moves_to_the_new_file_and_returns_to_the_previous_one_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("mine.rlens");
    let copy = dir.path().join("copy.rlens");
    // A file where the second copy's folder should be: that save cannot succeed.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, b"x").unwrap();
    let impossible = blocker.join("copy.rlens");
    let mut harness = app(
        dir.path(),
        vec![vec![copy.clone()], vec![impossible]],
        vec![original.clone()],
    );
    harness.run_steps(2);

    harness.state_mut().queue(Command::SaveAsDialog);
    harness.run_steps(3);
    step_until(&mut harness, "saving", |app| !app.is_saving());
    harness.run_steps(2);
    assert_eq!(harness.state().workspace_path(), copy);
    assert_eq!(load_workspace(&copy).unwrap().name, "copy");
    assert!(!harness.state().has_unsaved_changes());

    harness.state_mut().queue(Command::SaveAsDialog);
    harness.run_steps(3);
    step_until(&mut harness, "saving", |app| !app.is_saving());
    harness.run_steps(2);
    assert_eq!(
        harness.state().workspace_path(),
        copy,
        "back on the file that was written"
    );
    assert!(harness.state().has_unsaved_changes());
    let texts = harness.state().notification_texts();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Could not save: could not create the folder")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == &format!("Saved {}", copy.display()))
    );
}
