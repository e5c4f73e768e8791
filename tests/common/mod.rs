//! Helpers shared by the import integration tests: fixture paths, dates from text, and the
//! value of a series on a date.

#![allow(dead_code)]

use std::path::PathBuf;

use rotation_lens::import::{ImportOptions, ImportOutcome, import, import_file};
use rotation_lens::model::{Date, Series};

/// The path of a file under `tests/fixtures/`.
pub fn fixture_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The bytes of a file under `tests/fixtures/`.
pub fn fixture_bytes(relative: &str) -> Vec<u8> {
    let path = fixture_path(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports a fixture with default options, as `rotation-lens inspect` does.
pub fn import_fixture(relative: &str) -> ImportOutcome {
    import_file(&fixture_path(relative), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Imports bytes under a file name, with default options otherwise.
pub fn import_named(bytes: &[u8], file_name: &str) -> ImportOutcome {
    let options = ImportOptions {
        file_name: Some(file_name.to_string()),
        ..ImportOptions::default()
    };
    import(bytes, &options).unwrap_or_else(|e| panic!("{file_name}: {e}"))
}

/// A date written `YYYY-MM-DD`.
pub fn d(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// The value of `series` on the date written `YYYY-MM-DD`.
pub fn value_on(series: &Series, date: &str) -> f64 {
    series
        .value_on(d(date))
        .unwrap_or_else(|| panic!("{}: no value on {date}", series.name))
}

/// The one series of a single-series outcome.
pub fn only_series(outcome: &ImportOutcome) -> &Series {
    assert_eq!(outcome.series.len(), 1, "expected exactly one series");
    &outcome.series[0]
}

/// The series called `name`.
pub fn series_named<'a>(outcome: &'a ImportOutcome, name: &str) -> &'a Series {
    outcome
        .series
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no series named {name}"))
}
