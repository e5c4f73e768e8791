//! Saving survives being killed at any moment. A child process — this test executable, re-run
//! on the ignored `crash_child_saves_in_a_loop` — takes the workspace's lock and saves a
//! workspace of a few megabytes over and over, alternating between two states; it is killed with
//! SIGKILL at random moments, hundreds of times. After every kill the workspace file must load
//! and hold exactly one of the two states, its backup too, at most one leftover temporary file
//! may lie beside it (each save removes those of interrupted ones), and the lock must be free.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod weekday_workspace;

use rotation_lens::workspace::{
    Workspace, WorkspaceLock, backup_path, load_workspace, save_workspace,
};
use rotation_lens_core::testing::TestRng;
use weekday_workspace::weekday_workspace;

/// The environment variable naming the child's workspace file.
const CHILD_WORKSPACE: &str = "ROTATION_LENS_CRASH_TEST_WORKSPACE";
const CHILD_TEST: &str = "crash_child_saves_in_a_loop";
const KILLS: usize = 200;
/// What the child prints once it holds the lock and is about to save.
const READY: &str = "crash child ready";
const SERIES: usize = 6;
const POINTS: usize = 50_000;

/// One of the two states the child alternates between; they differ in name and every value.
fn state(which: usize) -> Workspace {
    let mut workspace = weekday_workspace(SERIES, POINTS, |s, i| {
        ((i * 7 + s * 13 + which * 101) % 100_000) as f64 / 100.0 + 1.0
    });
    workspace.name = format!("state {which}");
    workspace
}

/// The child: locks the workspace named by the environment, says it is ready, then saves the two
/// states in turn until it is killed. Without the variable it does nothing.
#[test]
#[ignore = "run by saves_survive_sigkill_at_random_moments as its child process"]
fn crash_child_saves_in_a_loop() {
    let Some(path) = std::env::var_os(CHILD_WORKSPACE).map(PathBuf::from) else {
        return;
    };
    let states = [state(0), state(1)];
    let _lock = WorkspaceLock::acquire(&path).unwrap();
    // After the test harness' "test … ... " on the same line.
    println!("{READY}");
    for turn in 0.. {
        save_workspace(&path, &states[turn % 2]).unwrap();
    }
}

fn start_child(path: &Path) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--exact", CHILD_TEST, "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CHILD_WORKSPACE, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the child: {e}"));
    let Some(stdout) = child.stdout.take() else {
        panic!("no stdout");
    };
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.ends_with(READY));
    assert!(ready, "the child ended before it was ready");
    child
}

fn temporary_files(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

fn which_state(workspace: &Workspace, states: &[Workspace; 2]) -> Option<usize> {
    states.iter().position(|state| state == workspace)
}

#[test]
fn saves_survive_sigkill_at_random_moments() {
    let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = folder.path().join("workspace.rlens");
    let states = [state(0), state(1)];

    let started = Instant::now();
    save_workspace(&path, &states[0]).unwrap();
    let save_time = started.elapsed();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    assert!(size > 2_000_000, "the workspace is only {size} bytes");

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("seed {seed}; one save of {size} bytes takes {save_time:?}");
    // The kill moments differ from run to run; the seed is printed so a failure can be replayed.
    let mut random = TestRng::new(seed);
    // Kill within the first three saves, where most of the time is spent writing.
    let window = (save_time.as_micros() as u64 * 3).max(1000);

    let mut seen = [0usize; 2];
    let mut killed_mid_save = 0;
    let run = Instant::now();
    for kill in 0..KILLS {
        let mut child = start_child(&path);
        std::thread::sleep(Duration::from_micros(random.below(window)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "kill {kill}: the child ended by itself");

        let loaded = load_workspace(&path).unwrap_or_else(|e| {
            panic!("kill {kill} (seed {seed}): the workspace does not load: {e}")
        });
        let Some(which) = which_state(&loaded, &states) else {
            panic!("kill {kill} (seed {seed}): the workspace holds neither state");
        };
        seen[which] += 1;
        if let Ok(backup) = load_workspace(&backup_path(&path)) {
            assert!(
                which_state(&backup, &states).is_some(),
                "kill {kill}: the backup holds neither state"
            );
        }
        let leftovers = temporary_files(folder.path());
        assert!(
            leftovers.len() <= 1,
            "kill {kill}: leftovers of earlier saves were not removed: {leftovers:?}"
        );
        killed_mid_save += leftovers.len();
        // The killed process' lock is released by the system.
        drop(WorkspaceLock::acquire(&path).unwrap_or_else(|e| panic!("kill {kill}: {e}")));
    }
    println!(
        "{KILLS} kills in {:?}: state 0 found {} times, state 1 {} times, {killed_mid_save} kills left a temporary file",
        run.elapsed(),
        seen[0],
        seen[1]
    );
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "the kills never caught a finished save of both states: {seen:?}"
    );
    assert!(
        killed_mid_save > 0,
        "no kill landed in the middle of a save"
    );

    // The next save removes what the last kill left, and keeps the last good file as backup.
    let before = load_workspace(&path).unwrap();
    save_workspace(&path, &states[0]).unwrap();
    assert_eq!(temporary_files(folder.path()), Vec::<String>::new());
    assert_eq!(load_workspace(&path).ok().as_ref(), Some(&states[0]));
    assert_eq!(load_workspace(&backup_path(&path)).ok(), Some(before));
}
