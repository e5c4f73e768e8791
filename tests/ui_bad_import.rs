//! Importing bad files through the real app leaves the workspace exactly as it was: the user is
//! shown why each file cannot be read, and the series, their values and the saved file's bytes
//! are unchanged.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod app_harness;

use app_harness::{app, settle_saves, wait_for_imports};

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::ui::RotationLensApp;
use rotation_lens::workspace::{Workspace, save_workspace};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// A workspace holding one imported-looking series of five closes.
fn one_series() -> Workspace {
    let mut workspace = Workspace::empty();
    workspace.name = "Before the bad files".to_string();
    let dates: Vec<Date> = (2..7)
        .filter_map(|day| Date::from_ymd(2024, 1, day))
        .collect();
    let series = Series::new(
        "^GSPC",
        SeriesKind::Price,
        Source::default(),
        dates,
        vec![4742.83, 4704.81, 4688.68, 4697.24, 4763.54],
    );
    workspace.add_series(series.unwrap());
    workspace
}

fn save(harness: &mut Harness<'_, RotationLensApp>, path: &Path) -> Vec<u8> {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(1);
    settle_saves(harness);
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The preview names the problem and offers no Import; Cancel closes it.
fn refused_in_preview(harness: &mut Harness<'_, RotationLensApp>, expected: &str) {
    harness.run_steps(3);
    assert!(harness.state().is_previewing(), "no preview for {expected}");
    let shown = format!("Cannot read the file: {expected}");
    assert_eq!(
        harness.query_all_by_label(&shown).count(),
        1,
        "the preview should say {shown:?}"
    );
    assert!(
        harness
            .get_by_label("Import")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
}

#[test]
fn bad_files_leave_the_workspace_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.rlens");
    let before = one_series();
    save_workspace(&path, &before).unwrap();

    // A file whose first 512 KB preview cleanly, then breaks: the error comes from the import
    // itself, after the user pressed Import.
    let late = dir.path().join("late-quote.csv");
    let mut text = String::from("Date,Close\n");
    let mut day = Date::from_ymd(1900, 1, 1).unwrap_or_else(|| panic!("1900-01-01"));
    let mut line = 1;
    while text.len() < 700_000 {
        text.push_str(&format!("{day},{}.25\n", 100 + line % 50));
        day = day.plus_days(1).unwrap_or(day);
        line += 1;
    }
    text.push_str(&format!("{day},\"1\n"));
    let broken_line = line + 1;
    for _ in 0..3 {
        day = day.plus_days(1).unwrap_or(day);
        text.push_str(&format!("{day},2\n"));
    }
    std::fs::write(&late, text).unwrap();

    let answers = vec![
        vec![bad("SPY.csv"), bad("chart.csv"), bad("header-only.csv")],
        vec![bad("all-values-missing.csv")],
        vec![late.clone()],
        vec![dir.path().join("missing.csv")],
    ];
    let mut harness = app(dir.path(), answers, vec![path.clone()]);
    harness.run_steps(5);
    // The app adds the metrics it computed on opening; everything else is the saved workspace.
    assert_eq!(harness.state().workspace().series, before.series);
    save(&mut harness, &path);
    harness.run_steps(5);
    let loaded = harness.state().workspace().clone();
    assert!(loaded.last_metrics.is_some());
    let saved_before = save(&mut harness, &path);

    let button = |harness: &mut Harness<'_, RotationLensApp>| {
        let found = harness.query_all_by_label("Import files…").next();
        found
            .unwrap_or_else(|| panic!("no Import files button"))
            .click();
        harness.run_steps(3);
    };

    // Three bad files chosen at once: one preview after the other, each refused.
    button(&mut harness);
    refused_in_preview(
        &mut harness,
        "line 1: this is a web page (HTML), not a CSV file — the download probably failed; expected a header such as Date,Close",
    );
    refused_in_preview(
        &mut harness,
        "this is not a text file but a PNG image (byte 0): expected a CSV or tab-separated text file",
    );
    refused_in_preview(
        &mut harness,
        "line 1: the header is not followed by any data rows",
    );
    assert!(!harness.state().is_previewing());

    button(&mut harness);
    refused_in_preview(
        &mut harness,
        "column 2 (SP500): no value could be read: every cell is missing or not a number (first data line 2)",
    );

    // The late break: the preview is clean, the import fails and says where.
    button(&mut harness);
    assert!(harness.state().is_previewing());
    harness.get_by_label("Import").click();
    harness.run_steps(3);
    wait_for_imports(&mut harness);
    let expected = format!(
        "{}: line {broken_line}, column 2: unterminated quote: a field opens with \" and never closes",
        late.display()
    );
    assert!(
        harness.state().notification_texts().contains(&expected),
        "notifications: {:?}",
        harness.state().notification_texts()
    );

    // A file that vanished between the dialog and the read.
    button(&mut harness);
    let missing = harness
        .state()
        .notification_texts()
        .into_iter()
        .any(|text| {
            text.starts_with(&format!(
                "Cannot read {}",
                dir.path().join("missing.csv").display()
            ))
        });
    assert!(missing, "{:?}", harness.state().notification_texts());

    let workspace = harness.state().workspace();
    assert_eq!(workspace, &loaded);
    assert_eq!(workspace.series, before.series);
    assert_eq!(workspace.series.len(), 1);
    assert_eq!(workspace.series[0].name(), "^GSPC");
    assert_eq!(
        workspace.series[0].series.values(),
        [4742.83, 4704.81, 4688.68, 4697.24, 4763.54]
    );
    assert_eq!(save(&mut harness, &path), saved_before);
}
