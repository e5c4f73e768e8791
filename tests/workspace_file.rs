//! Workspace files end to end: the demo and a ten-million-observation workspace survive a
//! save and a load; a damaged file is reported, moved aside, and its backup offered.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

mod weekday_workspace;

use rotation_lens::workspace::{
    BackupState, Workspace, WorkspaceError, backup_path, demo_workspace, load_workspace,
    recover_unreadable, save_workspace,
};
use weekday_workspace::weekday_workspace;

fn large_workspace(series: usize, points: usize) -> Workspace {
    // Two-decimal values as a CSV file gives them: an integer number of cents ÷ 100.
    weekday_workspace(series, points, |s, i| {
        (((i * 7 + s * 13) % 100_000) as f64 - 25_000.0) / 100.0
    })
}

#[test]
fn ten_million_observations_round_trip() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.json");
    let workspace = large_workspace(10, 1_000_000);
    save_workspace(&path, &workspace).unwrap();
    let size = fs::metadata(&path).map_or(0, |m| m.len());
    // Columnar base64: about 1.3 bytes per date and, for two-decimal values that move by
    // small steps, 1.3 to 4 bytes per value.
    assert!(size > 20_000_000 && size < 60_000_000, "{size} bytes");
    let back = load_workspace(&path).unwrap();
    assert_eq!(back.series.len(), 10);
    assert_eq!(back, workspace);
}

#[test]
fn the_demo_round_trips_through_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.json");
    let demo = demo_workspace().unwrap();
    save_workspace(&path, &demo).unwrap();
    assert_eq!(load_workspace(&path).ok(), Some(demo));
}

#[test]
fn a_damaged_workspace_is_moved_aside_and_its_backup_offered() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.json");
    let demo = demo_workspace().unwrap();
    let mut edited = demo.clone();
    edited.name = "edited".to_string();
    save_workspace(&path, &demo).unwrap();
    save_workspace(&path, &edited).unwrap();

    let bytes = fs::read(&path).unwrap_or_default();
    let cut = &bytes[..bytes.len() - 1000];
    fs::write(&path, cut).unwrap();
    let error = load_workspace(&path).err();
    assert!(
        matches!(error, Some(WorkspaceError::Truncated { .. })),
        "{error:?}"
    );

    let recovery = recover_unreadable(&path).unwrap();
    assert!(!path.exists());
    assert_eq!(fs::read(&recovery.moved_to).unwrap_or_default(), cut);
    assert!(
        recovery
            .moved_to
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("workspace.json.corrupt-"))
    );
    let BackupState::Loads { workspace, .. } = recovery.backup else {
        panic!("the backup should load");
    };
    assert_eq!(*workspace, demo);
    assert!(backup_path(&path).exists());
    assert!(files_in(folder.path()).iter().all(|n| !n.ends_with(".tmp")));
}

fn files_in(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
