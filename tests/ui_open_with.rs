//! "Open with Rotation Lens" on a price file while a window already has the workspace open: the
//! new process hands the file to that window, which opens its import preview, instead of
//! starting a second, read-only window.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{app, real_fixture, step_until};

use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use rotation_lens::paths::AppPaths;
use rotation_lens::workspace::{Inbox, hand_off};

#[test]
fn a_file_opened_while_a_window_has_the_workspace_goes_to_that_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path(), Vec::new(), Vec::new());
    harness.run_steps(5);
    assert!(!harness.state().is_previewing());

    let paths = AppPaths::in_dir(dir.path());
    let file = real_fixture("yahoo/^RUT.csv");
    let sender = std::thread::spawn(move || {
        hand_off(
            &paths,
            &paths.default_workspace(),
            &[file],
            Duration::from_secs(60),
        )
    });
    step_until(&mut harness, "the handed file's preview", |app| {
        app.is_previewing()
    });
    let handed = sender
        .join()
        .unwrap_or_else(|_| panic!("the sender panicked"))
        .unwrap_or_else(|| panic!("the window did not take the file"));
    assert_eq!(handed.files, 1);
    assert_eq!(handed.workspace, dir.path().join("workspace.json"));
    assert_eq!(handed.holder.pid, std::process::id());
    harness.run_steps(3);
    // The notification waits for the preview to close rather than covering it.
    assert!(
        harness
            .state()
            .notification_texts()
            .contains(&"Opening ^RUT.csv".to_string())
    );
    assert_eq!(harness.query_all_by_label("Opening ^RUT.csv").count(), 0);
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    harness.get_by_label("Opening ^RUT.csv");
    assert!(Inbox::in_data_dir(dir.path()).waiting().is_empty());
}

#[test]
fn with_no_window_open_the_files_are_not_handed_over() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path());
    let started = Instant::now();
    let handed = hand_off(
        &paths,
        &paths.default_workspace(),
        &[real_fixture("yahoo/^RUT.csv")],
        Duration::from_secs(60),
    );
    assert_eq!(handed, None);
    assert!(started.elapsed() < Duration::from_secs(5), "no wait");
    assert!(Inbox::in_data_dir(dir.path()).waiting().is_empty());
    // Workspace files alone are no hand-over either, even with a window open and taking
    // requests while the other process waits.
    let mut harness = app(dir.path(), Vec::new(), Vec::new());
    harness.run_steps(3);
    let workspace = dir.path().join("workspace.json");
    let sender = std::thread::spawn(move || {
        hand_off(
            &paths,
            &paths.default_workspace(),
            &[workspace],
            Duration::from_secs(2),
        )
    });
    let waiting = Instant::now();
    while !sender.is_finished() && waiting.elapsed() < Duration::from_secs(10) {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    let handed = sender
        .join()
        .unwrap_or_else(|_| panic!("the sender panicked"));
    assert_eq!(handed, None);
    harness.run_steps(3);
    assert!(!harness.state().is_previewing());
    assert!(Inbox::in_data_dir(dir.path()).waiting().is_empty());
}
