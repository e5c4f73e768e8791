//! Mutation testing of the workspace loader: tens of thousands of damaged workspace files
//! (truncations, flipped bytes, corrupted base64 columns, values of the wrong JSON type, huge
//! numbers, deep nesting). Every one must come back as a workspace or a `WorkspaceError` that
//! names the file — never a panic, never a hang, never a runaway allocation.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod mutation;

use mutation::{HANG_LIMIT, Rng, input_count};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::workspace::{
    SpreadDefinition, Workspace, WorkspaceError, save_workspace, workspace_from_bytes,
};

/// The whole run's peak resident memory: the inputs are a few kilobytes, so a damaged count
/// that reserved its declared size would blow far past this.
const PEAK_MEMORY_LIMIT_KB: u64 = 1_000_000;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d}"))
}

/// Weekdays from 2020-01-01 on.
fn weekdays(count: usize) -> Vec<Date> {
    let start = day(2020, 1, 1).day_number();
    (0..count as i32)
        .filter_map(|i| Date::from_day_number(start + i / 5 * 7 + i % 5))
        .collect()
}

/// A small workspace using every part of the format: two-decimal prices, raw floats, a
/// valuation, spreads, an as-of date and last metrics.
fn sample() -> Workspace {
    let mut workspace = Workspace::empty();
    workspace.name = "Damaged on purpose".to_string();
    let dates = weekdays(40);
    let columns: [(&str, SeriesKind, Vec<f64>); 3] = [
        (
            "^GSPC",
            SeriesKind::Price,
            (0..40).map(|i| 4700.0 + f64::from(i) * 1.25).collect(),
        ),
        (
            "^RUT",
            SeriesKind::Price,
            (0..40)
                .map(|i| 2000.0 / (1.0 + f64::from(i) / 7.0))
                .collect(),
        ),
        (
            "CAPE",
            SeriesKind::Valuation,
            (0..40).map(|i| 30.0 - f64::from(i) / 10.0).collect(),
        ),
    ];
    for (name, kind, values) in columns {
        let series = Series::new(name, kind, Source::default(), dates.clone(), values);
        workspace.add_series(series.unwrap());
    }
    workspace.spreads.push(SpreadDefinition {
        name: String::new(),
        a: "^GSPC".to_string(),
        b: "^RUT".to_string(),
    });
    workspace.as_of = Some(day(2020, 2, 14));
    workspace.last_metrics = Some(serde_json::json!({ "rows": [[1, 2.5, "x"]] }));
    workspace
}

fn saved_bytes(workspace: &Workspace) -> Vec<u8> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.json");
    save_workspace(&path, workspace).unwrap();
    std::fs::read(&path).unwrap()
}

/// The byte ranges of the string values of `key` (e.g. every series' `"values"`).
fn string_values(bytes: &[u8], key: &str) -> Vec<(usize, usize)> {
    value_ranges(bytes, &format!("\"{key}\":\""), |value| {
        value.iter().position(|b| *b == b'"')
    })
}

/// The byte ranges of the plain (unquoted) values of `key`: numbers, booleans, null.
fn plain_values(bytes: &[u8], key: &str) -> Vec<(usize, usize)> {
    value_ranges(bytes, &format!("\"{key}\":"), |value| {
        Some(
            value
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']'))
                .unwrap_or(value.len()),
        )
    })
}

/// The byte ranges that follow each `pattern` in `bytes`, each as long as `length` says (none
/// from an occurrence whose value has no end).
fn value_ranges(
    bytes: &[u8],
    pattern: &str,
    length: impl Fn(&[u8]) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let pattern = pattern.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .windows(pattern.len())
        .position(|w| w == pattern)
    {
        let start = from + at + pattern.len();
        let Some(len) = length(&bytes[start..]) else {
            break;
        };
        found.push((start, start + len));
        from = start + len;
    }
    found
}

const KEYS: [&str; 15] = [
    "format_version",
    "name",
    "as_of",
    "chart",
    "spreads",
    "last_metrics",
    "series",
    "kind",
    "color",
    "visible",
    "source",
    "observations",
    "first_date",
    "decimals",
    "date_steps",
];

const WRONG_TYPES: [&[u8]; 12] = [
    b"\"text\"",
    b"\"\"",
    b"0",
    b"-1",
    b"1.5",
    b"true",
    b"null",
    b"[]",
    b"[1,2]",
    b"{}",
    b"{\"a\":1}",
    b"\"2024-13-45\"",
];

const HUGE_NUMBERS: [&[u8]; 10] = [
    b"18446744073709551615",
    b"18446744073709551616",
    b"9223372036854775807",
    b"4294967295",
    b"1e308",
    b"1e400",
    b"-9223372036854775809",
    b"99999999999999999999999999999999",
    b"255",
    b"256",
];

/// Replaces the value of one occurrence of a key, quoted or not, by `with`.
fn replace_value(bytes: &mut Vec<u8>, rng: &mut Rng, with: &[u8]) {
    let key = KEYS[rng.below(KEYS.len())];
    let mut ranges = string_values(bytes, key);
    for (start, end) in &mut ranges {
        // Take the quotes too.
        *start -= 1;
        *end += 1;
    }
    ranges.extend(plain_values(bytes, key).into_iter().filter(|(start, _)| {
        bytes
            .get(*start)
            .is_some_and(|b| !matches!(b, b'"' | b'{' | b'['))
    }));
    if ranges.is_empty() {
        return;
    }
    let (start, end) = ranges[rng.below(ranges.len())];
    bytes.splice(start..end.min(bytes.len()), with.iter().copied());
}

fn corrupt_base64(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let key = ["values", "date_steps"][rng.below(2)];
    let ranges = string_values(bytes, key);
    if ranges.is_empty() {
        return;
    }
    let (start, end) = ranges[rng.below(ranges.len())];
    let at = start + rng.below(end - start + 1);
    match rng.below(5) {
        0 => {
            const ALPHABET: &[u8] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            if at < end {
                bytes[at] = ALPHABET[rng.below(ALPHABET.len())];
            }
        }
        1 => {
            let piece = rng.pick(&[b"=", b"==", b"!", b"-_", b"\\u0000", b" "]);
            bytes.splice(at..at, piece.iter().copied());
        }
        2 => {
            bytes.drain(at..end);
        }
        3 => {
            // A run of 0xFF bytes: varints that never end, or huge steps.
            let run = 1 + rng.below(40);
            bytes.splice(at..at, std::iter::repeat_n(b'/', run));
        }
        _ => {
            let piece = bytes[start..end].to_vec();
            bytes.splice(end..end, piece);
        }
    }
}

fn nest(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let depth = 1 + rng.below(100_000);
    let (open, close) = if rng.below(2) == 0 {
        (b"[".as_slice(), b"]".as_slice())
    } else {
        (b"{\"a\":".as_slice(), b"}".as_slice())
    };
    let mut nested: Vec<u8> = open.repeat(depth);
    nested.extend_from_slice(b"1");
    if rng.below(3) > 0 {
        nested.extend(close.repeat(depth));
    }
    replace_value(bytes, rng, &nested);
}

fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = input.to_vec();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let at = rng.below(bytes.len() + 1);
        match rng.below(10) {
            0 => bytes.truncate(at),
            1 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            2 | 3 => corrupt_base64(&mut bytes, rng),
            4 | 5 => {
                let with = rng.pick(&WRONG_TYPES);
                replace_value(&mut bytes, rng, with);
            }
            6 => {
                let with = rng.pick(&HUGE_NUMBERS);
                replace_value(&mut bytes, rng, with);
            }
            7 => nest(&mut bytes, rng),
            8 => {
                let end = (at + rng.below(60)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let junk = rng.pick(&[b"\"", b",", b"}", b"]", b"\0", b"\xFF", b"\\", b":"]);
                bytes.splice(at..at, junk.iter().copied());
            }
        }
    }
    bytes
}

/// The process's peak resident memory in kilobytes, where the system reports it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn damaged_workspaces_never_panic_hang_or_balloon() {
    let inputs = input_count();
    let workspace = sample();
    let original = saved_bytes(&workspace);
    // The undamaged file loads back whole: the mutations start from a real workspace.
    let path = Path::new("damaged.json");
    assert_eq!(
        workspace_from_bytes(&original, path).ok().as_ref(),
        Some(&workspace)
    );
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let (mut loaded, mut refused) = (0usize, 0usize);
    let mut slowest = Duration::ZERO;
    for case in 0..inputs {
        let input = mutate(&original, &mut rng);
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| workspace_from_bytes(&input, path)));
        let elapsed = started.elapsed();
        slowest = slowest.max(elapsed);
        let Ok(result) = result else {
            panic!(
                "case {case}: the loader panicked on input {:?}",
                String::from_utf8_lossy(&input)
            );
        };
        assert!(elapsed < HANG_LIMIT, "case {case}: took {elapsed:?}");
        match result {
            Ok(back) => {
                loaded += 1;
                for entry in &back.series {
                    assert!(entry.series.dates().windows(2).all(|w| w[0] < w[1]));
                    assert_eq!(entry.series.dates().len(), entry.series.values().len());
                }
            }
            Err(error) => {
                refused += 1;
                assert!(
                    error.is_unreadable_content()
                        || matches!(error, WorkspaceError::FutureVersion { .. }),
                    "case {case}: {error:?} is not a content error"
                );
                assert_eq!(error.path(), path, "case {case}: {error}");
                assert!(
                    error.to_string().contains("damaged.json"),
                    "case {case}: {error}"
                );
            }
        }
    }
    assert_eq!(loaded + refused, inputs);
    // Most damage is caught: a loader that accepted anything would fail here.
    assert!(
        refused > inputs / 2,
        "only {refused} of {inputs} damaged files refused"
    );
    if let Some(peak) = peak_memory_kb() {
        assert!(peak < PEAK_MEMORY_LIMIT_KB, "peak memory {peak} kB");
    }
    println!(
        "{inputs} damaged workspaces: {loaded} loaded, {refused} refused; slowest {slowest:?}"
    );
}
