//! The real executable in a real window (under Xvfb): it opens a workspace, draws the chart,
//! exports it as PNG through the same path as File → Export chart as PNG, and quits. The PNG
//! must be valid, of the chart's size, and show a picture (not one flat colour) — drawn through
//! OpenGL, or through wgpu on a machine without OpenGL. The same run traced with strace shows
//! that the app opens no network socket at all.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::workspace::{Workspace, held_by_other, save_workspace};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

/// Fails with how to install it when `xvfb-run` is missing.
fn require_xvfb() {
    let xvfb = Command::new("xvfb-run").arg("--help").output();
    assert!(
        xvfb.is_ok(),
        "xvfb-run is needed for this test: sudo apt-get install xvfb xauth (see README, Set-up)"
    );
}

/// A workspace of two indexes saved in `dir`.
fn smoke_workspace(dir: &Path) -> std::path::PathBuf {
    require_xvfb();
    let mut workspace = Workspace::empty();
    workspace.name = "Smoke test".to_string();
    for name in ["yahoo/^RUT.csv", "yahoo/^GSPC.csv"] {
        let outcome = import_file(&fixture(name), &ImportOptions::default()).unwrap();
        for series in outcome.series {
            workspace.add_series(series);
        }
    }
    let workspace_path = dir.join("smoke.rlens");
    save_workspace(&workspace_path, &workspace).unwrap();
    workspace_path
}

/// Runs the app under `xvfb-run` (through `wrapper`, a command that runs what follows it, when
/// not empty) with the environment variables `env` to export the chart of `workspace` as `png`
/// and quit, with its data and settings folders in `dir`.
fn export_chart_under_xvfb(
    dir: &Path,
    wrapper: &[&str],
    env: &[(&str, &str)],
    png: &Path,
    workspace: &Path,
) -> std::process::Output {
    Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x1000x24"])
        .args(wrapper)
        .arg(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("--export-chart")
        .arg(png)
        .arg(workspace)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot start the app: {e}"))
}

/// Exports the chart of a fresh two-index workspace in a real window with `env` set, checks
/// that it succeeded and wrote a real picture, and returns the app's log.
fn export_and_check_the_picture(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let workspace_path = smoke_workspace(dir.path());
    let png_path = dir.path().join("chart.png");

    let started = Instant::now();
    let output = export_chart_under_xvfb(dir.path(), &[], env, &png_path, &workspace_path);
    assert!(
        output.status.success(),
        "the app failed ({:?} after {:?}):\n{}",
        output.status,
        started.elapsed(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(300));
    let log = std::fs::read_to_string(dir.path().join("data/rotation-lens/rotation-lens.log"))
        .unwrap_or_else(|e| panic!("no log written: {e}"));
    assert_real_chart_picture(&png_path, chart_pixels(&log));
    log
}

/// The size in pixels of the chart's rectangle the app logs when it exports the chart: its
/// corners in points, rounded to pixels at the screen's pixels per point.
fn chart_pixels(log: &str) -> (u32, u32) {
    let line = log
        .lines()
        .find(|line| line.contains("chart exported to"))
        .unwrap_or_else(|| panic!("no export in the log:\n{log}"));
    let numbers: Vec<f32> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|part| part.parse().ok())
        .collect();
    // The last five numbers: left, top, right, bottom (points) and pixels per point.
    let [left, top, right, bottom, ppp] = numbers[numbers.len().saturating_sub(5)..] else {
        panic!("cannot read the chart's rectangle from {line:?}");
    };
    let pixel = |points: f32| (points * ppp).round() as u32;
    // The default window is 1280 × 800 points; the chart sits between the panels.
    assert!(
        0.0 < left && right < 1280.0 && 0.0 < top && bottom < 800.0,
        "{line}"
    );
    (pixel(right) - pixel(left), pixel(bottom) - pixel(top))
}

#[test]
fn the_app_draws_and_exports_its_chart_in_a_real_window() {
    let log = export_and_check_the_picture(&[]);
    assert!(log.contains("drawing with glow"), "log:\n{log}");
    assert!(!log.contains("trying wgpu"), "log:\n{log}");
}

#[test]
fn without_opengl_the_window_opens_through_wgpu() {
    // Mesa finds no OpenGL driver there; its Vulkan driver is found apart from them.
    let log = export_and_check_the_picture(&[("LIBGL_DRIVERS_PATH", "/nonexistent")]);
    assert!(
        log.contains("OpenGL could not open the window"),
        "log:\n{log}"
    );
    assert!(log.contains("drawing with wgpu"), "log:\n{log}");
}

/// The PNG at `png_path` is valid, of a chart's size, and shows a picture, not one flat colour.
fn assert_real_chart_picture(png_path: &Path, expected_size: (u32, u32)) {
    let bytes = std::fs::read(png_path).unwrap_or_else(|e| panic!("no PNG written: {e}"));
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("not a PNG: {e}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("bad PNG: {e}"));
    assert_eq!(
        (info.width, info.height),
        expected_size,
        "the picture is the chart's rectangle"
    );
    assert!(info.width >= 300 && info.height >= 200, "{expected_size:?}");
    let channels = info.line_size / info.width as usize;
    let first = &pixels[..channels];
    let distinct = pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|pixel| *pixel != first)
        .count();
    assert!(
        distinct > 1000,
        "the picture is nearly one colour ({distinct} pixels differ)"
    );
}

#[test]
fn the_app_opens_no_network_socket() {
    let strace = Command::new("strace").arg("-V").output();
    assert!(
        strace.is_ok(),
        "strace is needed for this test: sudo apt-get install strace"
    );
    let dir = tempfile::tempdir().unwrap();
    let workspace_path = smoke_workspace(dir.path());
    let trace_path = dir.path().join("trace.txt");
    // strace runs inside xvfb-run, so only the app and its children are traced, not the X server.
    let trace_arg = trace_path.to_string_lossy().into_owned();
    let output = export_chart_under_xvfb(
        dir.path(),
        &[
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            &trace_arg,
        ],
        &[],
        &dir.path().join("chart.png"),
        &workspace_path,
    );
    assert!(
        output.status.success(),
        "the app failed ({:?}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        dir.path().join("chart.png").exists(),
        "the app did not run to the end"
    );
    let trace = std::fs::read_to_string(&trace_path).unwrap_or_else(|e| panic!("no trace: {e}"));
    // The trace did see the app talk to the X server over a local socket.
    assert!(
        trace
            .lines()
            .any(|l| l.contains("connect(") && l.contains("AF_UNIX")),
        "strace saw no local connection, so the trace proves nothing:\n{trace}"
    );
    let network: Vec<&str> = trace
        .lines()
        .filter(|line| line.contains("AF_INET")) // AF_INET and AF_INET6
        .collect();
    assert!(
        network.is_empty(),
        "the app opened network sockets:\n{}",
        network.join("\n")
    );
}

#[test]
fn no_http_client_is_built_in() {
    let lock = include_str!("../Cargo.lock");
    let clients = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "ehttp",
        "minreq",
        "native-tls",
        "rustls",
        "openssl",
        "h2",
    ];
    let found: Vec<&str> = clients
        .into_iter()
        .filter(|name| lock.contains(&format!("\nname = \"{name}\"\n")))
        .collect();
    assert!(found.is_empty(), "Cargo.lock pulls in {found:?}");
    // The check reads the lock file as it is: a package it does list is found.
    assert!(lock.contains("\nname = \"eframe\"\n"));
}

#[test]
fn exporting_an_empty_chart_fails_at_once_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    require_xvfb();
    let empty = dir.path().join("empty.rlens");
    save_workspace(&empty, &Workspace::empty()).unwrap();
    let png_path = dir.path().join("chart.png");
    let started = Instant::now();
    let output = export_chart_under_xvfb(dir.path(), &[], &[], &png_path, &empty);
    assert!(!output.status.success(), "nothing to export is a failure");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the chart was not exported"), "{stderr}");
    assert!(!png_path.exists());
    // It closes as soon as the window is laid out, not after a long wait.
    assert!(started.elapsed() < Duration::from_secs(60));
    let log = std::fs::read_to_string(dir.path().join("data/rotation-lens/rotation-lens.log"))
        .unwrap_or_default();
    assert!(log.contains("the chart shows nothing"), "log:\n{log}");
}

#[test]
fn a_price_file_opened_while_the_app_runs_goes_to_its_window() {
    let dir = tempfile::tempdir().unwrap();
    let workspace_path = smoke_workspace(dir.path());
    let with_dirs = |command: &mut Command| {
        command
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"));
    };
    let mut first = Command::new("xvfb-run");
    first
        .args(["-a", "-s", "-screen 0 1600x1000x24"])
        .arg(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg(&workspace_path);
    with_dirs(&mut first);
    let mut window = first
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the app: {e}"));
    // The window holds the workspace once it has opened it.
    let started = Instant::now();
    let app_pid = loop {
        if let Some(holder) = held_by_other(&workspace_path) {
            break holder.pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the window never opened the workspace"
        );
        std::thread::sleep(Duration::from_millis(100));
    };

    let mut second = Command::new(env!("CARGO_BIN_EXE_rotation-lens"));
    second.arg(&workspace_path).arg(fixture("fred/SP500.csv"));
    with_dirs(&mut second);
    let output = second
        .output()
        .unwrap_or_else(|e| panic!("cannot start the app: {e}"));
    let log_path = dir.path().join("data/rotation-lens/rotation-lens.log");
    let read_log = || std::fs::read_to_string(&log_path).unwrap_or_default();
    let waited = Instant::now();
    while !read_log().contains("files handed over to import: 1")
        && waited.elapsed() < Duration::from_secs(20)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = read_log();
    // Ends the window before anything is asserted; xvfb-run then stops its X server.
    let _ = Command::new("kill").arg(app_pid.to_string()).status();
    let ending = Instant::now();
    while window.try_wait().ok().flatten().is_none() {
        if ending.elapsed() > Duration::from_secs(20) {
            let _ = window.kill();
            let _ = window.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("1 file handed to the Rotation Lens window that has"),
        "{stdout}"
    );
    assert!(
        log.contains("files handed over to import: 1"),
        "log:\n{log}"
    );
}

/// A workspace of 500 price series of 7 600 business days each (about 30 years), saved in `dir`.
fn breadth_workspace(dir: &Path) -> std::path::PathBuf {
    use rotation_lens::model::{Date, Series, SeriesKind, Source};
    require_xvfb();
    let mut workspace = Workspace::empty();
    workspace.name = "Constituents".to_string();
    let start = Date::from_ymd(1995, 1, 2).unwrap().day_number();
    let dates: Vec<Date> = (0..7_600)
        .map(|i| Date::from_day_number(start + i / 5 * 7 + i % 5).unwrap())
        .collect();
    for s in 0..500 {
        let values = (0..7_600)
            .map(|i| {
                50.0 + f64::from(s) * 0.3
                    + (f64::from(i) * 0.001 * f64::from(s % 7 + 1)).sin() * 10.0
            })
            .collect();
        let series = Series::new(
            format!("Stock {s:03}"),
            SeriesKind::Price,
            Source::default(),
            dates.clone(),
            values,
        )
        .unwrap();
        workspace.add_series(series);
    }
    let path = dir.join("constituents.rlens");
    save_workspace(&path, &workspace).unwrap();
    path
}

#[test]
fn a_500_series_workspace_exports_a_chart_of_at_least_640_by_360() {
    let dir = tempfile::tempdir().unwrap();
    let workspace_path = breadth_workspace(dir.path());
    let png_path = dir.path().join("chart.png");
    let output = export_chart_under_xvfb(dir.path(), &[], &[], &png_path, &workspace_path);
    assert!(
        output.status.success(),
        "the app failed ({:?}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let log = std::fs::read_to_string(dir.path().join("data/rotation-lens/rotation-lens.log"))
        .unwrap_or_else(|e| panic!("no log written: {e}"));
    let size = chart_pixels(&log);
    assert!(
        size.0 >= 640 && size.1 >= 360,
        "the chart is {size:?} pixels"
    );
    assert_real_chart_picture(&png_path, size);
}
