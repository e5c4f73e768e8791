//! The metrics table and findings for 50 series × 30 years of daily closes (about 7 560 sessions
//! each), against a baseline measured in the same run: one plain pass computing only the 1D
//! return of every session of the same data. Also 500 such series (a 500-column file, whose
//! story still tells at most 12 sentences) and 12 (every pair of them compared in the story).
//!
//! Run with `cargo bench --bench metrics`. Besides criterion's own report, it prints the median
//! of each measurement and their ratio.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rotation_lens::analytics::{MetricsOptions, analyse};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens_core::testing::TestRng;

const SERIES: usize = 50;
/// The wide file: 500 columns.
const WIDE_SERIES: usize = 500;
/// The most series whose every pair the story compares.
const PAIRED_SERIES: usize = 12;
const YEARS: usize = 30;
const SESSIONS_PER_YEAR: usize = 252;
const SPREAD_PAIRS: usize = 10;

/// A deterministic random walk per series: weekdays from 1995, daily moves of about ±1%.
fn generate(count: usize) -> Vec<Series> {
    let sessions = YEARS * SESSIONS_PER_YEAR;
    let start = Date::from_ymd(1995, 1, 2).unwrap_or_else(|| unreachable!());
    let mut dates = Vec::with_capacity(sessions);
    let mut day = start;
    while dates.len() < sessions {
        // 1970-01-01 was a Thursday: day numbers 2 and 3 (mod 7) are Saturday and Sunday.
        if !matches!(day.day_number().rem_euclid(7), 2 | 3) {
            dates.push(day);
        }
        day = day.plus_days(1).unwrap_or(day);
    }
    let mut rng = TestRng::new(0x9E37_79B9_7F4A_7C15);
    let mut next_unit = || rng.unit();
    (0..count)
        .map(|index| {
            let mut close = 100.0;
            let values: Vec<f64> = (0..sessions)
                .map(|_| {
                    close *= 1.0 + (next_unit() - 0.5) * 0.04 + 0.0002;
                    close
                })
                .collect();
            Series::new(
                format!("Index {index}"),
                SeriesKind::Price,
                Source::default(),
                dates.clone(),
                values,
            )
            .unwrap_or_else(|error| panic!("generated series: {error}"))
        })
        .collect()
}

/// The baseline: only the 1D return of every session, summed so nothing is optimised away.
fn one_day_returns(series: &[Series]) -> f64 {
    series
        .iter()
        .map(|s| {
            s.values()
                .windows(2)
                .map(|pair| pair[1] / pair[0] - 1.0)
                .sum::<f64>()
        })
        .sum()
}

fn median_time(mut run: impl FnMut(), rounds: usize) -> Duration {
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[rounds / 2]
}

/// The data every measurement reads.
struct Inputs<'a> {
    series: &'a [Series],
    refs: Vec<&'a Series>,
    wide: &'a [Series],
    wide_refs: Vec<&'a Series>,
    paired_refs: Vec<&'a Series>,
    pairs: Vec<(&'a Series, &'a Series)>,
    options: MetricsOptions,
}

fn bench(c: &mut Criterion) {
    let series = generate(SERIES);
    let wide = generate(WIDE_SERIES);
    let inputs = Inputs {
        series: &series,
        refs: series.iter().collect(),
        wide: &wide,
        wide_refs: wide.iter().collect(),
        paired_refs: series.iter().take(PAIRED_SERIES).collect(),
        pairs: (0..SPREAD_PAIRS)
            .map(|i| (&series[2 * i], &series[2 * i + 1]))
            .collect(),
        options: MetricsOptions::default(),
    };
    criterion_runs(c, &inputs);
    print_medians(&inputs);
}

/// Criterion's measurements of each case.
fn criterion_runs(c: &mut Criterion, inputs: &Inputs<'_>) {
    let Inputs {
        series,
        refs,
        wide_refs,
        paired_refs,
        pairs,
        options,
        ..
    } = inputs;
    c.bench_function("metrics table + findings, 50 series x 30 years", |b| {
        b.iter(|| analyse(black_box(refs), &[], black_box(options)));
    });
    c.bench_function("with 10 spreads (20-year percentiles)", |b| {
        b.iter(|| analyse(black_box(refs), black_box(pairs), black_box(options)));
    });
    c.bench_function("metrics table + findings, 500 series x 30 years", |b| {
        b.iter(|| analyse(black_box(wide_refs), &[], black_box(options)));
    });
    c.bench_function("12 series, every pair compared", |b| {
        b.iter(|| analyse(black_box(paired_refs), &[], black_box(options)));
    });
    c.bench_function("baseline: 1D returns only, same data", |b| {
        b.iter(|| one_day_returns(black_box(series)));
    });
}

/// The medians the README quotes, printed beside their baselines.
fn print_medians(inputs: &Inputs<'_>) {
    let Inputs {
        series,
        refs,
        wide,
        wide_refs,
        paired_refs,
        pairs,
        options,
    } = inputs;
    let table = median_time(
        || {
            black_box(analyse(refs, &[], options));
        },
        101,
    );
    let with_spreads = median_time(
        || {
            black_box(analyse(refs, pairs, options));
        },
        101,
    );
    let wide_table = median_time(
        || {
            let analysis = analyse(wide_refs, &[], options);
            assert!(
                analysis.findings.len() <= 13,
                "at most 12 sentences and the note"
            );
            black_box(analysis);
        },
        11,
    );
    let paired = median_time(
        || {
            black_box(analyse(paired_refs, &[], options));
        },
        101,
    );
    let baseline = median_time(
        || {
            black_box(one_day_returns(series));
        },
        101,
    );
    let wide_baseline = median_time(
        || {
            black_box(one_day_returns(wide));
        },
        11,
    );
    let ratio = |d: Duration| d.as_secs_f64() / baseline.as_secs_f64();
    println!();
    println!(
        "{SERIES} series x {} sessions (median of 101 runs)",
        series[0].len()
    );
    println!(
        "  metrics table + findings:        {:>9.3} ms  ({:.1}x the baseline)",
        table.as_secs_f64() * 1e3,
        ratio(table)
    );
    println!(
        "  ... with {SPREAD_PAIRS} spreads:               {:>9.3} ms  ({:.1}x the baseline)",
        with_spreads.as_secs_f64() * 1e3,
        ratio(with_spreads)
    );
    println!(
        "  baseline, 1D returns only:       {:>9.3} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "  {PAIRED_SERIES} series, every pair compared: {:>9.3} ms",
        paired.as_secs_f64() * 1e3
    );
    println!(
        "{WIDE_SERIES} series x {} sessions (median of 11 runs)",
        wide[0].len()
    );
    println!(
        "  metrics table + findings:        {:>9.3} ms  ({:.1}x its baseline)",
        wide_table.as_secs_f64() * 1e3,
        wide_table.as_secs_f64() / wide_baseline.as_secs_f64()
    );
    println!(
        "  baseline, 1D returns only:       {:>9.3} ms",
        wide_baseline.as_secs_f64() * 1e3
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
