//! Import throughput on a generated ~100 MB Yahoo Finance file, against a bare `csv` scan
//! (`csv::ByteRecord`, no parsing) of the same bytes in the same run; a 500-column table of
//! index constituents (~25 MB, 7,600 sessions) imported on every core and on one, against
//! polars' `read_csv` with date parsing on the same files in the same run; and the import of
//! small files on one thread and on every core, which sets the size from which the import
//! uses every core.
//!
//! Run with `cargo bench --bench import`. Besides criterion's own report, the benchmark prints
//! the median MB/s of both and the ratio of the import to the bare scan, from samples that
//! time the two back to back (so a busy machine slows both alike), then the other figures.
//! The polars comparison needs `python3` with polars installed (`pip install polars`); without
//! it the benchmark says so and goes on.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use rotation_lens::import::{
    ImportControl, ImportOptions, Parallelism, import, import_file_with_control,
    import_with_control,
};
use rotation_lens_core::testing::{polars_read_csv_ms, wide_constituents_file, yahoo_file};

/// The size of the generated Yahoo Finance file.
const TARGET_BYTES: usize = 100 * 1024 * 1024;

/// The seed of the generated files: the same bytes on every run.
const SEED: u64 = 0x2545_F491_4F6C_DD1D;

/// Counts the fields of every record, as cheaply as the `csv` crate allows.
fn bare_scan(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        fields += record.len();
    }
    fields
}

/// Seconds per iteration of the import and of the bare scan, measured back to back in each
/// sample criterion takes, so that both see the same load on the machine.
#[derive(Default)]
struct Paired(Mutex<Vec<(f64, f64)>>);

impl Paired {
    fn record(&self, import: Duration, scan: Duration, iterations: u64) {
        let per_iteration = |d: Duration| d.as_secs_f64() / iterations.max(1) as f64;
        if let Ok(mut samples) = self.0.lock() {
            samples.push((per_iteration(import), per_iteration(scan)));
        }
    }

    fn samples(&self) -> Vec<(f64, f64)> {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let bytes = yahoo_file(TARGET_BYTES, SEED);
    let megabytes = bytes.len() as f64 / 1e6;
    let options = ImportOptions {
        file_name: Some("^GEN.csv".to_string()),
        ..ImportOptions::default()
    };
    let rows = match import(&bytes, &options) {
        Ok(outcome) => outcome.rows_read,
        Err(error) => panic!("the generated file does not import: {error}"),
    };

    let mut criterion = Criterion::default().configure_from_args();
    let paired = Paired::default();
    {
        let mut group = criterion.benchmark_group("import");
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(15)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10))
            .throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("bare csv ByteRecord scan", |b| {
            b.iter(|| bare_scan(black_box(&bytes)));
        });
        // Criterion times the import; each sample also times the bare scan right before it.
        group.bench_function("import", |b| {
            b.iter_custom(|iterations| {
                let start = Instant::now();
                for _ in 0..iterations {
                    black_box(bare_scan(black_box(&bytes)));
                }
                let scan = start.elapsed();
                let start = Instant::now();
                for _ in 0..iterations {
                    let outcome = import(black_box(&bytes), &options);
                    black_box(outcome.map_or(0, |o| o.rows_read));
                }
                let elapsed = start.elapsed();
                paired.record(elapsed, scan, iterations);
                elapsed
            });
        });
        group.finish();
    }
    criterion.final_summary();

    print_scan_figures(&paired, megabytes, rows);
    compare_file_imports(bytes);
    println!();
    threshold_table();
}

/// Prints the import's and the bare scan's throughput from the paired samples.
fn print_scan_figures(paired: &Paired, megabytes: f64, rows: usize) {
    let samples = paired.samples();
    let imported = megabytes / median(samples.iter().map(|(i, _)| *i).collect());
    let scan = megabytes / median(samples.iter().map(|(_, s)| *s).collect());
    let ratio = median(samples.iter().map(|(i, s)| s / i).collect());
    println!();
    println!("generated Yahoo Finance file: {megabytes:.1} MB, {rows} rows");
    println!("{} paired samples (scan, then import):", samples.len());
    println!("bare csv ByteRecord scan: {scan:8.1} MB/s (median)");
    println!("import:                   {imported:8.1} MB/s (median)");
    println!(
        "import / bare scan:       {:8.1} % (median of the per-sample ratios)",
        ratio * 100.0
    );
}

/// Imports the Yahoo file and a 500-column constituents table from disk, on every core and on
/// one, beside polars' `read_csv` on the same files, and prints the medians.
fn compare_file_imports(bytes: Vec<u8>) {
    let folder = tempfile::tempdir().unwrap();
    let yahoo_path = folder.path().join("^GEN.csv");
    std::fs::write(&yahoo_path, &bytes).unwrap();
    drop(bytes);
    let wide_path = folder.path().join("constituents.csv");
    std::fs::write(&wide_path, wide_constituents_file(500, 7_600, SEED)).unwrap();
    println!();
    let wide = median_file_import(&wide_path, Parallelism::default(), 9);
    let wide_one = median_file_import(&wide_path, Parallelism::sequential(), 5);
    let yahoo = median_file_import(&yahoo_path, Parallelism::default(), 5);
    let yahoo_one = median_file_import(&yahoo_path, Parallelism::sequential(), 3);
    let polars = polars_read_csv_ms(&[&wide_path, &yahoo_path]);
    let cores = Parallelism::default().threads;
    for (label, path, every_core, one_core, polars) in [
        (
            "500-column constituents table",
            &wide_path,
            wide,
            wide_one,
            polars.first().copied().flatten(),
        ),
        (
            "Yahoo Finance file",
            &yahoo_path,
            yahoo,
            yahoo_one,
            polars.get(1).copied().flatten(),
        ),
    ] {
        let size = std::fs::metadata(path).map_or(0, |m| m.len()) as f64 / 1e6;
        println!("{label} ({size:.1} MB, file read included, medians):");
        println!("  import on {cores} cores:  {:8.1} ms", every_core * 1e3);
        println!(
            "  import on 1 core:    {:8.1} ms ({:.2}x the one-core time on {cores})",
            one_core * 1e3,
            one_core / every_core
        );
        match polars {
            Some(polars) => println!(
                "  polars read_csv:     {polars:8.1} ms (try_parse_dates; import {:.2}x faster)",
                polars / (every_core * 1e3)
            ),
            None => println!("  polars read_csv:     not measured (python3 with polars not found)"),
        }
    }
}

/// The median seconds of `runs` imports of the file at `path` (read included), after one more.
fn median_file_import(path: &std::path::Path, parallelism: Parallelism, runs: usize) -> f64 {
    let control = ImportControl {
        parallelism,
        ..ImportControl::default()
    };
    let options = ImportOptions::default();
    let time = || {
        let start = Instant::now();
        let outcome = import_file_with_control(path, &options, &control).unwrap();
        black_box(outcome.series.len());
        start.elapsed().as_secs_f64()
    };
    time();
    median((0..runs).map(|_| time()).collect())
}

/// Small Yahoo files imported on one thread and on every core (from bytes in memory): where
/// the cores start to pay.
fn threshold_table() {
    println!("small files, median of 15 imports (one thread / every core):");
    for kilobytes in [64, 256, 1024, 4096] {
        let bytes = yahoo_file(kilobytes * 1024, SEED);
        let time = |parallelism: Parallelism| {
            let control = ImportControl {
                parallelism: Parallelism {
                    min_bytes: 0,
                    ..parallelism
                },
                ..ImportControl::default()
            };
            let options = ImportOptions::default();
            let mut times: Vec<f64> = (0..16)
                .map(|_| {
                    let start = Instant::now();
                    black_box(import_with_control(&bytes, &options, &control).unwrap());
                    start.elapsed().as_secs_f64()
                })
                .collect();
            times.remove(0);
            median(times)
        };
        let one = time(Parallelism::sequential());
        let every = time(Parallelism::default());
        println!(
            "  {kilobytes:5} KB: {:8.3} ms / {:8.3} ms ({:.2}x)",
            one * 1e3,
            every * 1e3,
            one / every
        );
    }
}
