//! The import on every core against the import on one: the same series, values, warnings,
//! skipped lines, decisions, preview and errors, line numbers included, on every fixture and on
//! generated files whose bad lines, duplicated dates, zero-byte lines, quoted fields and line
//! ends fall on every side of the chunk boundaries.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rotation_lens::import::{
    ImportControl, ImportError, ImportOptions, ImportOutcome, ImportWarning, Parallelism,
    SkipReason, import_with_control,
};
use rotation_lens_core::testing::{TestRng, wide_constituents_file};

fn with(parallelism: Parallelism) -> ImportControl {
    ImportControl {
        parallelism,
        ..ImportControl::default()
    }
}

/// `threads` threads, chunks of `chunk_bytes` (0: one per thread), whatever the file's size.
fn chunked(threads: usize, chunk_bytes: usize) -> Parallelism {
    Parallelism {
        threads,
        min_bytes: 0,
        chunk_bytes,
    }
}

/// Imports `bytes` on one thread and in chunks of each size in `chunk_sizes` (and in one chunk
/// per thread), asserting every result is the one-thread result; returns that result.
fn assert_same_everywhere(
    bytes: &[u8],
    options: &ImportOptions,
    chunk_sizes: &[usize],
    what: &str,
) -> Result<ImportOutcome, ImportError> {
    let one = import_with_control(bytes, options, &with(Parallelism::sequential()));
    for threads in [2, 3] {
        for &chunk_bytes in chunk_sizes.iter().chain(&[0]) {
            let many = import_with_control(bytes, options, &with(chunked(threads, chunk_bytes)));
            assert!(
                many == one,
                "{what}: {threads} threads, chunks of {chunk_bytes} bytes differ from one thread:\n\
                 one thread: {one:?}\nin chunks: {many:?}"
            );
        }
    }
    one
}

fn named(file_name: &str) -> ImportOptions {
    ImportOptions {
        file_name: Some(file_name.to_string()),
        ..ImportOptions::default()
    }
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else if path.extension().is_none_or(|e| e != "md") {
            found.push(path);
        }
    }
}

#[test]
fn every_fixture_imports_the_same_on_every_core_with_chunk_ends_everywhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    assert!(files.len() > 80, "only {} fixtures found", files.len());
    let (mut imported, mut refused) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Chunks of a single line each for the small files; larger chunks for the large ones.
        let sizes: &[usize] = if bytes.len() < 64 * 1024 {
            &[1, 7, 64, 500]
        } else {
            &[977, 8192, 100_000]
        };
        match assert_same_everywhere(&bytes, &named(&name), sizes, &path.display().to_string()) {
            Ok(_) => imported += 1,
            Err(_) => refused += 1,
        }
    }
    // The fixtures hold both files that import and files that are refused with a reason.
    assert!(imported > 50, "{imported} imported");
    assert!(refused > 10, "{refused} refused");
}

/// A generated price file of `columns` value columns with every kind of trouble scattered
/// through it: bad numbers, missing values, too few fields, words for dates, duplicated and
/// out-of-order dates, lines of zero bytes, blank lines, quoted cells (some holding the
/// delimiter) and CRLF line ends, with or without a byte-order mark.
fn troubled_file(seed: u64, columns: usize, rows: usize, bom: bool, crlf: bool) -> Vec<u8> {
    let mut rng = TestRng::new(seed);
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str("Date");
    for column in 0..columns {
        let _ = write!(text, ",Index {}", column + 1);
    }
    text.push_str(end);
    let mut day = 10_000;
    for _ in 0..rows {
        day += 1 + rng.index_below(2) as i32;
        let trouble = rng.below(40);
        let shown = match trouble {
            // A date written twice, or one gone back in time.
            0 => day - 1,
            1 => day - 30,
            _ => day,
        };
        let date = rotation_lens::model::Date::from_day_number(shown).unwrap();
        match trouble {
            2 => text.push_str("n/a"),
            3 => text.push_str("\"Total\""),
            4 => {
                text.push_str(end);
                continue;
            }
            _ => {
                let _ = write!(text, "{date}");
            }
        }
        let fields = if trouble == 5 { 1 } else { columns };
        for column in 0..fields {
            let value = 100.0 + column as f64 + rng.unit() * 50.0;
            match rng.below(25) {
                0 => text.push(','),
                1 => text.push_str(",x1.2"),
                2 => text.push_str(",null"),
                3 => {
                    let _ = write!(text, ",\"{value:.2}\"");
                }
                4 => {
                    let _ = write!(text, ",\"{:.0},{:02}\"", value.floor(), 5);
                }
                _ => {
                    let _ = write!(text, ",{value:.2}");
                }
            }
        }
        text.push_str(end);
    }
    let mut bytes = text.into_bytes();
    // Lines of zero bytes, as a crash leaves them, at a few places.
    for _ in 0..3 {
        let at = rng.index_below(bytes.len());
        if let Some(line_start) = bytes[at..].iter().position(|&b| b == b'\n') {
            let at = at + line_start + 1;
            bytes.splice(
                at..at,
                std::iter::repeat_n(0u8, 12).chain(b"\n".iter().copied()),
            );
        }
    }
    bytes
}

#[test]
fn generated_files_with_trouble_at_every_chunk_boundary_import_the_same() {
    let mut warned = 0;
    for seed in 1..=12u64 {
        let columns = 1 + (seed as usize % 4) * 3;
        let bom = seed % 3 == 0;
        let crlf = seed % 2 == 0;
        let bytes = troubled_file(seed, columns, 300, bom, crlf);
        let what = format!("seed {seed}, {columns} columns, BOM {bom}, CRLF {crlf}");
        let sizes = [1, 5, 31, 200, 1500];
        let outcome = assert_same_everywhere(&bytes, &named("indexes.csv"), &sizes, &what)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(!outcome.skipped.is_empty(), "{what}: nothing skipped");
        assert!(
            outcome
                .skipped
                .iter()
                .any(|s| matches!(s.reason, SkipReason::BadNumber(_))),
            "{what}: no bad number"
        );
        if outcome
            .warnings
            .iter()
            .any(|w| matches!(w, ImportWarning::ZeroByteLines { .. }))
        {
            warned += 1;
        }
    }
    assert!(
        warned >= 10,
        "zero-byte lines were warned about in {warned} files"
    );
}

#[test]
fn errors_name_the_same_line_whichever_chunk_they_fall_in() {
    // A quoted line break among the data rows, a quote that never closes, and a price that
    // cannot be a price: each an error naming its line, the first in the file winning.
    let mut rows = String::from("Date,Close\n");
    for day in 1..=28 {
        let _ = writeln!(rows, "2024-02-{day:02},{day}.5");
    }
    let cases = [
        (
            rows.replace("2024-02-10,10.5", "2024-02-10,\"10\n.5\""),
            ImportError::UnterminatedQuote {
                line: 11,
                column: 2,
            },
        ),
        (
            rows.replace("2024-02-20,20.5", "2024-02-20,\"20.5"),
            ImportError::UnterminatedQuote {
                line: 21,
                column: 2,
            },
        ),
    ];
    for (text, expected) in cases {
        for chunk_bytes in 1..40 {
            let result = import_with_control(
                text.as_bytes(),
                &named("x.csv"),
                &with(chunked(2, chunk_bytes)),
            );
            assert_eq!(
                result.as_ref().err(),
                Some(&expected),
                "chunks of {chunk_bytes}"
            );
        }
        assert_same_everywhere(text.as_bytes(), &named("x.csv"), &[1, 3, 17], "error case")
            .unwrap_err();
    }
}

#[test]
fn a_quoted_cell_spanning_lines_in_a_footer_is_read_the_same_across_chunks() {
    let mut text = String::from("Date,Close\n");
    for day in 1..=20 {
        let _ = writeln!(text, "2024-03-{day:02},{day}");
    }
    text.push_str("\"Source: a note\nover two lines\",\n\"Downloaded\",today\n");
    let outcome =
        assert_same_everywhere(text.as_bytes(), &named("x.csv"), &[1, 2, 9, 40], "footer").unwrap();
    assert_eq!(outcome.series[0].len(), 20);
    let footer: Vec<usize> = outcome
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Footer)
        .map(|s| s.line)
        .collect();
    assert_eq!(footer, vec![22, 24]);
}

#[test]
fn a_wide_table_of_constituents_imports_the_same_on_every_core() {
    let bytes = wide_constituents_file(60, 2_000, 11);
    let outcome = assert_same_everywhere(
        &bytes,
        &named("constituents.csv"),
        &[4096, 50_000],
        "wide table",
    )
    .unwrap();
    assert_eq!(outcome.series.len(), 60);
    assert_eq!(outcome.rows_read, 2_000);
    // The default (every core for a file this size) is the same import too.
    let default = import_with_control(
        &bytes,
        &named("constituents.csv"),
        &ImportControl::default(),
    )
    .unwrap();
    assert_eq!(default, outcome);
}
