//! Import throughput on a generated ~100 MB Yahoo Finance file, against a bare `csv` scan
//! (`csv::ByteRecord`, no parsing) of the same bytes in the same run.
//!
//! Run with `cargo bench --bench import`. Besides criterion's own report, the benchmark prints
//! the median MB/s of both and the ratio of the import to the bare scan, from samples that
//! time the two back to back (so a busy machine slows both alike).

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use rotation_lens::import::{ImportOptions, import};
use rotation_lens::model::Date;
use rotation_lens_core::testing::TestRng;

/// The size of the generated file.
const TARGET_BYTES: usize = 100 * 1024 * 1024;

/// A Yahoo Finance daily file (`Date,Open,High,Low,Close,Adj Close,Volume`) of about
/// `TARGET_BYTES`, the same bytes on every run: a random walk from a fixed seed, one row per
/// day from 1600-01-01 on.
fn yahoo_file() -> Vec<u8> {
    let mut text = String::with_capacity(TARGET_BYTES + 256);
    text.push_str("Date,Open,High,Low,Close,Adj Close,Volume\n");
    let mut rng = TestRng::new(0x2545_F491_4F6C_DD1D);
    let mut next = move || rng.unit();
    let mut day = Date::from_ymd(1600, 1, 1).map_or(0, Date::day_number);
    let mut close = 100.0_f64;
    while text.len() < TARGET_BYTES {
        let Some(date) = Date::from_day_number(day) else {
            break;
        };
        let open = close * (1.0 + (next() - 0.5) * 0.01);
        close = (open * (1.0 + (next() - 0.5) * 0.02)).max(1.0);
        let high = open.max(close) * (1.0 + next() * 0.005);
        let low = open.min(close) * (1.0 - next() * 0.005);
        let volume = 1_000_000 + (next() * 5e9) as u64;
        text.push_str(&format!(
            "{date},{open:.6},{high:.6},{low:.6},{close:.6},{close:.6},{volume}\n"
        ));
        day += 1;
    }
    text.into_bytes()
}

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
    let bytes = yahoo_file();
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
