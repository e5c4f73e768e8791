//! The real executable in a real window (under Xvfb): it opens a workspace, draws the chart,
//! exports it as PNG through the same path as File → Export chart as PNG, and quits. The PNG
//! must be valid, of the chart's size, and show a picture (not one flat colour).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::workspace::{Workspace, save_workspace};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

#[test]
fn the_app_draws_and_exports_its_chart_in_a_real_window() {
    let xvfb = Command::new("xvfb-run").arg("--help").output();
    assert!(
        xvfb.is_ok(),
        "xvfb-run is needed for this test: sudo apt-get install xvfb xauth (see README, Set-up)"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut workspace = Workspace::empty();
    workspace.name = "Smoke test".to_string();
    for name in ["yahoo/^RUT.csv", "yahoo/^GSPC.csv"] {
        let outcome = import_file(&fixture(name), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        for series in outcome.series {
            workspace.add_series(series);
        }
    }
    let workspace_path = dir.path().join("smoke.rlens");
    save_workspace(&workspace_path, &workspace).unwrap_or_else(|e| panic!("{e}"));
    let png_path = dir.path().join("chart.png");

    let started = Instant::now();
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x1000x24"])
        .arg(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("--export-chart")
        .arg(&png_path)
        .arg(&workspace_path)
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap_or_else(|e| panic!("cannot start the app: {e}"));
    assert!(
        output.status.success(),
        "the app failed ({:?} after {:?}):\n{}",
        output.status,
        started.elapsed(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(300));

    let bytes = std::fs::read(&png_path).unwrap_or_else(|e| panic!("no PNG written: {e}"));
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("not a PNG: {e}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("bad PNG: {e}"));
    // The default window is 1280 × 800 points; the chart takes its centre, between the panels.
    assert!((300..1280).contains(&info.width), "width {}", info.width);
    assert!((200..800).contains(&info.height), "height {}", info.height);
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
