//! The real app keeps the user's files safe, driven like a user would (no GPU, no display): a
//! workspace from a newer version is never written, a save that fails keeps the work and Save
//! as works, a workspace deleted with its folder is saved again and the user told, a second
//! window on the same workspace is read-only and says so, and CSV exports open safely in a
//! spreadsheet.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{app, settle_saves};

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{
    PerformanceMode, Workspace, WorkspaceLock, load_workspace, lock_path, save_workspace,
};

/// The app on `data_dir` after its first frames.
fn started(
    data_dir: &Path,
    answers: Vec<Vec<PathBuf>>,
    startup: Vec<PathBuf>,
) -> Harness<'static, RotationLensApp> {
    let mut harness = app(data_dir, answers, startup);
    harness.run_steps(3);
    harness
}

fn day(text: &str) -> Option<Date> {
    Date::parse_iso(text)
}

/// An edit the user makes (moving the as-of date), followed by Ctrl+S.
fn edit_and_save(harness: &mut Harness<'_, RotationLensApp>, as_of: &str) {
    harness.state_mut().queue(Command::SetAsOf(day(as_of)));
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(1);
    settle_saves(harness);
}

/// Everything that happens before the app closes: the autosave delay passes, File, Quit, and the
/// exit hook.
fn autosave_and_exit(harness: &mut Harness<'_, RotationLensApp>) {
    std::thread::sleep(Duration::from_millis(2300));
    harness.run_steps(3);
    settle_saves(harness);
    harness.state_mut().queue(Command::Quit);
    harness.run_steps(2);
    eframe::App::on_exit(harness.state_mut(), None);
}

fn texts(harness: &Harness<'_, RotationLensApp>) -> String {
    harness.state().notification_texts().join("\n")
}

fn named(name: &str) -> Workspace {
    let mut workspace = Workspace::empty();
    workspace.name = name.to_string();
    workspace
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_workspace_from_a_newer_version_is_refused_and_never_written() {
    let dir = tmp();
    let path = dir.path().join("future.rlens");
    let future = b"{\"format_version\": 2, \"saved_by\": \"Rotation Lens 9\", \"series\": {}}";
    std::fs::write(&path, future).unwrap();
    let mut harness = started(dir.path(), Vec::new(), vec![path.clone()]);

    harness.get_by_label("The workspace could not be opened");
    // The message names both versions.
    harness.get_by_label_contains(
        "was saved by a newer version of Rotation Lens (workspace format 2; this version reads formats up to 1)",
    );
    // It is a valid file of a newer version: nothing offers to move it aside.
    assert_eq!(
        harness
            .query_all_by_label("Move it aside and open its backup")
            .count(),
        0
    );
    harness.get_by_label("Close").click();
    harness.run_steps(2);

    edit_and_save(&mut harness, "2024-01-31");
    assert!(
        texts(&harness).contains("not saved over"),
        "{}",
        texts(&harness)
    );
    autosave_and_exit(&mut harness);
    drop(harness);

    assert_eq!(std::fs::read(&path).unwrap_or_default(), future);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("future") || n.starts_with(".future"))
        .collect();
    names.sort();
    assert_eq!(names, ["future.rlens", "future.rlens.lock"]);
}

#[test]
fn a_failing_save_keeps_the_work_and_save_as_works() {
    let dir = tmp();
    let folder = dir.path().join("projects");
    let path = folder.join("mine.rlens");
    save_workspace(&path, &named("mine")).unwrap();
    let elsewhere = dir.path().join("rescued.rlens");
    let mut harness = started(
        dir.path(),
        vec![vec![elsewhere.clone()]],
        vec![path.clone()],
    );
    edit_and_save(&mut harness, "2024-01-31");
    assert_eq!(
        load_workspace(&path).ok().and_then(|w| w.as_of),
        day("2024-01-31")
    );

    // The folder turns into a file: no save can create anything in it, even as root.
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    edit_and_save(&mut harness, "2024-02-29");
    let told = texts(&harness);
    assert!(
        told.contains("Could not save: could not create the folder"),
        "{told}"
    );
    assert!(told.contains("projects"), "{told}");
    assert!(told.contains("File, Save as"), "{told}");
    assert_eq!(harness.state().workspace().as_of, day("2024-02-29"));
    harness.get_by_label_contains("Unsaved changes");

    harness.state_mut().queue(Command::SaveAsDialog);
    harness.run_steps(4);
    settle_saves(&mut harness);
    assert_eq!(harness.state().workspace_path(), elsewhere);
    let saved = load_workspace(&elsewhere).unwrap();
    assert_eq!(saved.as_of, day("2024-02-29"));
    assert_eq!(saved.name, "rescued");
    harness.get_by_label_contains("All changes saved");
    // Save as locks the new file for this window.
    assert!(WorkspaceLock::acquire(&elsewhere).is_err());
    assert_eq!(std::fs::read(&folder).unwrap_or_default(), b"not a folder");
}

#[test]
fn a_workspace_deleted_with_its_folder_is_saved_again_and_the_user_told() {
    let dir = tmp();
    let folder = dir.path().join("projects");
    let path = folder.join("mine.rlens");
    save_workspace(&path, &named("mine")).unwrap();
    let mut harness = started(dir.path(), Vec::new(), vec![path.clone()]);
    edit_and_save(&mut harness, "2024-01-31");

    std::fs::remove_dir_all(&folder).unwrap();
    harness
        .state_mut()
        .queue(Command::SetAsOf(day("2024-02-29")));
    harness.run_steps(2);
    autosave_and_exit(&mut harness);

    let saved = load_workspace(&path).unwrap();
    assert_eq!(saved.as_of, day("2024-02-29"));
    assert_eq!(saved.name, "mine");
    let told = texts(&harness);
    assert!(told.contains("had been deleted"), "{told}");
    assert!(told.contains("mine.rlens"), "{told}");
    // The window holds a lock on the recreated folder's new lock file.
    assert!(lock_path(&path).exists());
    assert!(WorkspaceLock::acquire(&path).is_err());
}

#[test]
fn a_second_window_on_the_same_workspace_is_read_only_and_says_so() {
    let dir = tmp();
    let path = dir.path().join("workspace.json");
    save_workspace(&path, &named("Shared")).unwrap();
    let copy = dir.path().join("copy.rlens");

    // What a save killed half-way left: the read-only window must not touch it, the owner
    // removes it.
    let leftover = dir.path().join(".workspace.json.saving-Ab12Cd.tmp");
    let mut second_leftover = leftover.clone();
    second_leftover.set_file_name(".workspace.json.saving-Zz99Yy.tmp");
    std::fs::write(&leftover, b"{\"format_version\": 1, \"ser").unwrap();

    let first = started(dir.path(), Vec::new(), Vec::new());
    assert!(!leftover.exists(), "opening did not remove the leftover");
    std::fs::write(&second_leftover, b"{").unwrap();
    assert_eq!(first.state().workspace().name, "Shared");
    let mut second = started(dir.path(), vec![vec![copy.clone()]], Vec::new());
    assert_eq!(second.state().workspace().name, "Shared");
    let pid = format!("process {}", std::process::id());
    let status = format!("Read-only: open in another Rotation Lens window ({pid} on host");
    second.get_by_label_contains(&status);
    let told = texts(&second);
    assert!(
        told.contains("Opened read-only: another Rotation Lens window has"),
        "{told}"
    );
    assert!(told.contains(&pid), "{told}");
    assert!(told.contains("File, Save as"), "{told}");
    assert_eq!(first.query_all_by_label_contains("Read-only").count(), 0);
    assert!(
        second_leftover.exists(),
        "a read-only window removed a file"
    );

    // Edits in the read-only window are never written to the shared file.
    let before = std::fs::read(&path).unwrap_or_default();
    edit_and_save(&mut second, "2024-01-31");
    assert!(texts(&second).contains("this window does not save it"));
    autosave_and_exit(&mut second);
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);

    // Save as writes a new file, which this window then owns.
    second.state_mut().queue(Command::SaveAsDialog);
    second.run_steps(4);
    settle_saves(&mut second);
    assert_eq!(second.state().workspace_path(), copy);
    assert_eq!(
        load_workspace(&copy).ok().and_then(|w| w.as_of),
        day("2024-01-31")
    );
    assert_eq!(second.query_all_by_label_contains("Read-only").count(), 0);
    second.get_by_label_contains("All changes saved");
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);

    // Once the first window is gone, a new one may save the shared workspace.
    drop(first);
    let mut third = started(dir.path(), Vec::new(), vec![path.clone()]);
    assert_eq!(third.query_all_by_label_contains("Read-only").count(), 0);
    edit_and_save(&mut third, "2023-12-29");
    assert_eq!(
        load_workspace(&path).ok().and_then(|w| w.as_of),
        day("2023-12-29")
    );
}

/// A daily series starting on 2024-01-01.
fn daily(name: &str, values: &[f64]) -> Series {
    let start = Date::from_ymd(2024, 1, 1).unwrap_or_else(|| panic!("no such date"));
    let dates = (0..values.len())
        .filter_map(|i| start.plus_days(i32::try_from(i).ok()?))
        .collect();
    Series::new(
        name,
        SeriesKind::Rate,
        Source::default(),
        dates,
        values.to_vec(),
    )
    .unwrap()
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn exported_csv_files_neutralise_formulas_and_keep_negative_numbers() {
    let dir = tmp();
    let path = dir.path().join("names.rlens");
    let names = ["=SUM(A1:A9)", "+1 idea", "-2+3", "@cmd"];
    let mut workspace = named("names");
    for name in names {
        workspace.add_series(daily(name, &[100.0, 90.0, 105.0, 80.0]));
    }
    // The chart shows % change, so its data holds negative numbers too.
    workspace.chart.performance_mode = PerformanceMode::PercentChange;
    save_workspace(&path, &workspace).unwrap();
    let chart_csv = dir.path().join("chart.csv");
    let metrics_csv = dir.path().join("metrics.csv");
    let mut harness = started(
        dir.path(),
        vec![vec![chart_csv.clone()], vec![metrics_csv.clone()]],
        vec![path],
    );
    harness.run_steps(3);
    harness.state_mut().queue(Command::ExportChartCsvDialog);
    harness.run_steps(3);
    harness.state_mut().queue(Command::ExportMetricsCsvDialog);
    harness.run_steps(3);

    let chart = read_csv(&chart_csv);
    assert_eq!(chart[0][0], "Date");
    for (header, name) in chart[0][1..].iter().zip(names) {
        assert!(header.starts_with(&format!("'{name}")), "{header:?}");
    }
    assert_eq!(chart[0].len(), names.len() + 1);
    assert_eq!(chart.len(), 5, "{chart:?}");
    assert_eq!(chart[1][0], "2024-01-01");
    for (row, expected) in chart[1..].iter().zip([0.0, -10.0, 5.0, -20.0]) {
        for field in &row[1..] {
            let value = number(field);
            assert!((value - expected).abs() < 1e-9, "{field:?} in {row:?}");
        }
    }

    let metrics = read_csv(&metrics_csv);
    for name in names {
        let row = metrics
            .iter()
            .find(|row| {
                row.first()
                    .is_some_and(|first| *first == format!("'{name}"))
            })
            .unwrap_or_else(|| panic!("no row for {name}: {metrics:?}"));
        assert!(row.iter().any(|field| field == "80"), "{row:?}");
        // The last day's change, -23.8 %, is a plain negative number.
        assert!(
            row[1..]
                .iter()
                .any(|field| field.starts_with('-') && (number(field) + 23.8).abs() < 0.1),
            "{row:?}"
        );
        assert!(
            row[1..].iter().all(|field| !field.starts_with('\'')),
            "{row:?}"
        );
    }
    let risky = |field: &&String| field.starts_with(['=', '+', '@']);
    assert_eq!(metrics.iter().flatten().find(risky), None);
    assert_eq!(chart.iter().flatten().find(risky), None);
}

fn number(field: &str) -> f64 {
    field
        .parse()
        .unwrap_or_else(|e| panic!("{field:?} is not a number: {e}"))
}

#[test]
fn closing_a_window_that_cannot_save_asks_before_losing_changes() {
    let dir = tmp();
    let path = dir.path().join("workspace.json");
    save_workspace(&path, &named("Shared")).unwrap();
    let _first = started(dir.path(), Vec::new(), Vec::new());
    let mut second = started(dir.path(), Vec::new(), Vec::new());
    second.get_by_label_contains("Read-only: open in another Rotation Lens window");

    // Nothing changed yet: Quit closes without a question.
    second.state_mut().queue(Command::Quit);
    second.run_steps(2);
    assert!(!second.state().is_asking_before_close());

    second
        .state_mut()
        .queue(Command::SetAsOf(day("2024-01-31")));
    second.run_steps(2);
    second.state_mut().queue(Command::Quit);
    second.run_steps(4);
    assert!(second.state().is_asking_before_close());
    second.get_by_label("Unsaved changes");
    second.get_by_label_contains("another Rotation Lens window has it open");
    second.get_by_label("Keep working").click();
    second.run_steps(2);
    assert!(!second.state().is_asking_before_close());
    assert_eq!(second.query_all_by_label("Unsaved changes").count(), 0);

    second.state_mut().queue(Command::Quit);
    second.run_steps(4);
    second.get_by_label("Close without saving").click();
    second.run_steps(2);
    assert!(!second.state().is_asking_before_close());
    // Confirmed once: the next close is not held back again.
    second.state_mut().queue(Command::Quit);
    second.run_steps(2);
    assert!(!second.state().is_asking_before_close());
    assert_eq!(
        load_workspace(&path).ok().and_then(|w| w.as_of),
        None,
        "the shared file is untouched"
    );
}

#[test]
fn a_json_file_that_is_no_workspace_is_reported_and_left_in_place() {
    let dir = tmp();
    let path = dir.path().join("prices.json");
    let bytes = b"{\"SPX\": [5505.0, 5510.5]}";
    std::fs::write(&path, bytes).unwrap();
    let mut harness = started(dir.path(), Vec::new(), vec![path.clone()]);
    harness.run_steps(3);
    harness.get_by_label("The workspace could not be opened");
    harness.get_by_label_contains("is not a Rotation Lens workspace");
    assert_eq!(
        harness
            .query_all_by_label("Move it aside and open its backup")
            .count(),
        0,
        "there is no backup of it to open"
    );
    harness.get_by_label("Open another workspace…");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    assert_eq!(std::fs::read(&path).unwrap_or_default(), bytes);
}
