//! Reading the price files named on the command line, as `metrics` and `rrg` both do: every
//! file with the detected settings, each one that cannot be read reported on standard error.

use std::path::PathBuf;

use crate::import::{ImportOptions, import_file};
use crate::model::Series;

/// The series of every file that imports, and whether they all did (each failure is printed to
/// standard error, naming the file and why).
#[must_use]
pub fn import_price_files(files: &[PathBuf]) -> (Vec<Series>, bool) {
    let mut all_ok = true;
    let mut series = Vec::new();
    for path in files {
        match import_file(path, &ImportOptions::default()) {
            Ok(outcome) => series.extend(outcome.series),
            Err(error) => {
                eprintln!("{error}");
                all_ok = false;
            }
        }
    }
    (series, all_ok)
}
