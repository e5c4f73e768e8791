//! Saving and loading a workspace of 10 series × 1 M observations, against a baseline measured
//! in the same run: writing and reading the same columns as raw little-endian bytes with
//! `std::fs` (write + fsync; read + convert back to dates and values). Prints the ratios.
//!
//! `ROTATION_LENS_WRITE_WORKSPACES=<folder> cargo bench --bench workspace` instead writes the
//! generated workspaces into the folder (see [`main`]), to run the app itself on them.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs::File;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::{POINTS, SERIES, large_workspace, median_of, write_generated_workspace};
use criterion::{Criterion, criterion_group};
use rotation_lens::workspace::{Workspace, load_workspace, save_workspace};

fn raw_save(path: &Path, workspace: &Workspace) {
    let mut bytes = Vec::with_capacity(SERIES * POINTS * 12);
    for entry in &workspace.series {
        for date in entry.series.dates() {
            bytes.extend_from_slice(&date.day_number().to_le_bytes());
        }
        for value in entry.series.values() {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
    }
    let Ok(mut file) = File::create(path) else {
        panic!("cannot create {}", path.display());
    };
    if file
        .write_all(&bytes)
        .and_then(|()| file.sync_all())
        .is_err()
    {
        panic!("cannot write {}", path.display());
    }
}

fn raw_load(path: &Path) -> (Vec<Vec<i32>>, Vec<Vec<f64>>) {
    let Ok(bytes) = std::fs::read(path) else {
        panic!("cannot read {}", path.display());
    };
    let mut dates = Vec::with_capacity(SERIES);
    let mut values = Vec::with_capacity(SERIES);
    for block in bytes.chunks(POINTS * 12) {
        let (day_bytes, value_bytes) = block.split_at(POINTS * 4);
        dates.push(
            day_bytes
                .chunks_exact(4)
                .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        );
        values.push(
            value_bytes
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        );
    }
    (dates, values)
}

fn save(path: &Path, workspace: &Workspace) {
    if let Err(error) = save_workspace(path, workspace) {
        panic!("{error}");
    }
}

fn load(path: &Path) -> Workspace {
    match load_workspace(path) {
        Ok(workspace) => workspace,
        Err(error) => panic!("{error}"),
    }
}

fn workspace_file(c: &mut Criterion) {
    let workspace = large_workspace();
    let Ok(folder) = tempfile::tempdir() else {
        panic!("no temporary folder");
    };
    let path = folder.path().join("workspace.json");
    let raw_path = folder.path().join("columns.bin");
    save(&path, &workspace);
    raw_save(&raw_path, &workspace);
    assert!(load(&path) == workspace, "the workspace did not round-trip");

    let mut group = c.benchmark_group("workspace 10 x 1M");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("save", |b| b.iter(|| save(&path, black_box(&workspace))));
    group.bench_function("baseline raw write", |b| {
        b.iter(|| raw_save(&raw_path, black_box(&workspace)));
    });
    group.bench_function("load", |b| b.iter(|| black_box(load(&path))));
    group.bench_function("baseline raw read", |b| {
        b.iter(|| black_box(raw_load(&raw_path)));
    });
    group.finish();

    let runs = 7;
    let save_time = median_of(runs, || save(&path, &workspace));
    let raw_write = median_of(runs, || raw_save(&raw_path, &workspace));
    let load_time = median_of(runs, || drop(black_box(load(&path))));
    let raw_read = median_of(runs, || drop(black_box(raw_load(&raw_path))));
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "\nworkspace 10 x 1M, median of {runs}: file {:.0} MB (raw columns {:.0} MB)",
        size(&path),
        size(&raw_path)
    );
    println!(
        "  save {:>7.1} ms vs raw write {:>7.1} ms: ratio {:.2}",
        save_time.as_secs_f64() * 1e3,
        raw_write.as_secs_f64() * 1e3,
        save_time.as_secs_f64() / raw_write.as_secs_f64()
    );
    println!(
        "  load {:>7.1} ms vs raw read  {:>7.1} ms: ratio {:.2}",
        load_time.as_secs_f64() * 1e3,
        raw_read.as_secs_f64() * 1e3,
        load_time.as_secs_f64() / raw_read.as_secs_f64()
    );
}

criterion_group!(benches, workspace_file);

/// The folder named by this variable receives the generated workspaces, for measuring the app
/// itself on them, instead of the benchmark being run.
const WRITE_TO: &str = "ROTATION_LENS_WRITE_WORKSPACES";

/// With [`WRITE_TO`] set, writes `large.rlens` (10 × 1 M observations) and `small.rlens`
/// (10 × 1 000, the same shape with almost no data) into that folder and stops; otherwise runs
/// the benchmark.
fn main() {
    if let Some(folder) = std::env::var_os(WRITE_TO) {
        let folder = Path::new(&folder);
        for (name, points) in [("large.rlens", POINTS), ("small.rlens", 1_000)] {
            let path = folder.join(name);
            write_generated_workspace(&path, SERIES, points);
            println!("wrote {}", path.display());
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
