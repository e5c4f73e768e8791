//! `rotation-lens --help` and `--version` tell the user where their workspace and log live.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn run(data_home: &Path, argument: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg(argument)
        .env("XDG_DATA_HOME", data_home)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{argument} failed: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The lines naming the files, as they are expected on this platform.
fn expected_locations(data_home: &Path) -> Vec<String> {
    if cfg!(target_os = "linux") {
        let dir = data_home.join("rotation-lens");
        vec![
            format!("Workspace: {}", dir.join("workspace.json").display()),
            format!("Log:       {}", dir.join("rotation-lens.log").display()),
        ]
    } else {
        vec!["Workspace: ".to_owned(), "Log:       ".to_owned()]
    }
}

#[test]
fn help_names_the_workspace_and_the_log() {
    let data_home = tempfile::tempdir().expect("a temporary directory");
    let help = run(data_home.path(), "--help");
    assert!(help.starts_with("Compare stock indexes"), "{help}");
    assert!(help.contains("\nFiles:\n"), "{help}");
    for line in expected_locations(data_home.path()) {
        assert!(
            help.contains(&format!("  {line}")),
            "missing {line:?} in:\n{help}"
        );
    }
}

#[test]
fn long_version_names_version_workspace_and_log() {
    let data_home = tempfile::tempdir().expect("a temporary directory");
    let version = run(data_home.path(), "--version");
    let mut lines = version.lines();
    assert_eq!(
        lines.next(),
        Some(format!("rotation-lens {}", env!("CARGO_PKG_VERSION")).as_str())
    );
    for (line, expected) in lines.zip(expected_locations(data_home.path())) {
        assert!(line.starts_with(&expected), "{line:?} is not {expected:?}");
    }
    assert_eq!(version.lines().count(), 3, "{version}");
}

#[test]
fn short_version_is_one_line() {
    let data_home = tempfile::tempdir().expect("a temporary directory");
    let version = run(data_home.path(), "-V");
    assert_eq!(
        version,
        format!("rotation-lens {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn asking_for_help_writes_no_files() {
    let data_home = tempfile::tempdir().expect("a temporary directory");
    run(data_home.path(), "--help");
    run(data_home.path(), "--version");
    assert!(!data_home.path().join("rotation-lens").exists());
}
