//! Notifications at breadth: one line each with Details, at most three stacked with a count of
//! the others, and none drawn over the import preview (they wait for it to close).

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{app_sized, real_fixture, step_until};
use eframe::egui;
use egui_kittest::kittest::Queryable;
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;
use rotation_lens::ui::file_dialog::ScriptedDialogs;

const SIZES: [[f32; 2]; 3] = [[1280.0, 800.0], [1024.0, 640.0], [960.0, 600.0]];

#[test]
fn at_most_three_are_stacked_with_a_count_of_the_others() {
    for size in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.rlens");
        let mut harness = app_sized(
            dir.path(),
            Box::new(ScriptedDialogs::new(Vec::new())),
            vec![empty],
            size,
        );
        harness.run_steps(3);
        for _ in 0..5 {
            harness.state_mut().queue(Command::Undo);
        }
        harness.run_steps(3);
        assert_eq!(harness.state().notification_texts().len(), 5);
        assert_eq!(harness.query_all_by_label("Nothing to undo").count(), 3);
        harness.get_by_label("2 more notifications");
    }
}

#[test]
fn notifications_wait_while_the_import_preview_is_open() {
    for size in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.rlens");
        let mut harness = app_sized(
            dir.path(),
            Box::new(ScriptedDialogs::new(Vec::new())),
            vec![empty],
            size,
        );
        harness.run_steps(3);
        // Two files: the first imports while the second's preview is open.
        harness.state_mut().queue(Command::ImportFiles(vec![
            real_fixture("fred/SP500.csv"),
            real_fixture("yahoo/^RUT.csv"),
        ]));
        step_until(&mut harness, "the preview", RotationLensApp::is_previewing);
        harness.run_steps(2);
        harness.get_by_label("Import").click();
        harness.run_steps(2);
        step_until(&mut harness, "the first import", |app| {
            !app.is_importing() && !app.workspace().series.is_empty()
        });
        harness.run_steps(3);
        assert!(
            harness.state().is_previewing(),
            "the second preview is open"
        );
        assert!(
            harness
                .state()
                .notification_texts()
                .iter()
                .any(|t| t.starts_with("Imported SP500")),
            "{:?}",
            harness.state().notification_texts()
        );
        assert_eq!(
            harness
                .query_all_by_label_contains("Imported SP500")
                .count(),
            0,
            "no toast over the preview at {size:?}"
        );
        harness.get_by_label("Cancel").click();
        harness.run_steps(3);
        assert!(!harness.state().is_previewing());
        harness.get_by_label_contains("Imported SP500");
    }
}

#[test]
fn closing_one_moves_none_under_the_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.rlens");
    let mut harness = app_sized(
        dir.path(),
        Box::new(ScriptedDialogs::new(Vec::new())),
        vec![empty],
        [1280.0, 800.0],
    );
    harness.run_steps(3);
    harness.state_mut().queue(Command::Undo);
    harness.state_mut().queue(Command::Undo);
    harness.state_mut().queue(Command::Redo);
    harness.run_steps(6);
    // The older toasts' dismiss buttons, top to bottom.
    let older = |harness: &egui_kittest::Harness<'_, RotationLensApp>| {
        let mut rects: Vec<_> = harness.query_all_by_label("x").map(|n| n.rect()).collect();
        rects.sort_by(|a, b| a.top().total_cmp(&b.top()));
        rects.truncate(2);
        rects
    };
    let before = older(&harness);
    assert_eq!(before.len(), 2);
    // Close the newest (the lowest), pointer and all.
    let close = harness
        .query_all_by_label("x")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .rect()
        .center();
    harness.event(egui::Event::PointerMoved(close));
    harness.run_steps(2);
    harness
        .query_all_by_label("x")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label("Nothing to redo").count(), 0);
    assert_eq!(older(&harness), before, "nothing moved under the pointer");
    // Once the pointer leaves, the stack closes the gap.
    harness.event(egui::Event::PointerMoved(egui::pos2(10.0, 10.0)));
    harness.run_steps(3);
    let after = older(&harness);
    assert_eq!(after.len(), 2);
    assert!(after[0].top() > before[0].top(), "{before:?} → {after:?}");
}
