//! `rotation-lens inspect`: for each file, what the importer detected and a summary of every
//! series, every skipped line and every warning.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::import::{HeaderRow, ImportOptions, ImportOutcome, Layout, import_file};

/// How many skipped lines and warnings are listed before "… and N more".
const LISTED: usize = 10;

/// Inspects each file, printing to standard output (errors to standard error). Returns whether
/// every file imported.
#[must_use]
pub fn run_inspect(files: &[PathBuf]) -> bool {
    let mut all_ok = true;
    for (index, path) in files.iter().enumerate() {
        if index > 0 {
            println!();
        }
        match import_file(path, &ImportOptions::default()) {
            Ok(outcome) => print!("{}", describe_outcome(path, &outcome)),
            Err(error) => {
                eprintln!("{error}");
                all_ok = false;
            }
        }
    }
    all_ok
}

/// The report `inspect` prints for one imported file.
#[must_use]
pub fn describe_outcome(path: &Path, outcome: &ImportOutcome) -> String {
    let d = &outcome.detected;
    let mut out = String::new();
    let _ = writeln!(out, "{}", path.display());
    let _ = writeln!(out, "  source:     {}", d.source);
    let _ = writeln!(
        out,
        "  text:       {}, {} delimited, {} line ends",
        d.encoding.label(),
        d.delimiter.label(),
        d.line_ending.label()
    );
    match d.header {
        HeaderRow::Line(line) => {
            let _ = writeln!(out, "  header:     line {line}: {}", d.headers.join(" | "));
        }
        HeaderRow::Absent { first_data_line } => {
            let _ = writeln!(out, "  header:     none; data from line {first_data_line}");
        }
    }
    let _ = writeln!(
        out,
        "  dates:      column {} ({}), {}, {}",
        d.date_column + 1,
        d.header_of(d.date_column),
        d.date_format.label(),
        if d.newest_first {
            "newest first"
        } else {
            "oldest first"
        }
    );
    let columns: Vec<String> = d
        .decimal_separators
        .iter()
        .map(|(column, decimal)| {
            format!(
                "{} ({}, decimal {})",
                column + 1,
                d.header_of(*column),
                decimal.label()
            )
        })
        .collect();
    let layout = match &d.layout {
        Layout::Long { symbol_column, .. } => {
            format!(
                "{}, symbols in column {} ({})",
                d.layout.label(),
                symbol_column + 1,
                d.header_of(*symbol_column)
            )
        }
        other => other.label().to_string(),
    };
    let _ = writeln!(out, "  values:     {layout}: column {}", columns.join(", "));
    let _ = writeln!(out, "  rows read:  {}", outcome.rows_read);
    let _ = writeln!(out, "  series:     {}", outcome.series.len());
    for series in &outcome.series {
        let (Some((first_date, first_value)), Some((last_date, last_value))) =
            (series.first(), series.last())
        else {
            continue;
        };
        let _ = writeln!(
            out,
            "    {:<24} {:<9} {:>7} obs  {first_date} {first_value} … {last_date} {last_value}",
            series.name,
            series.kind.label(),
            series.len(),
        );
    }
    let _ = writeln!(out, "  decisions:  {}", outcome.decisions.len());
    for decision in outcome.decisions.iter().take(LISTED) {
        let _ = writeln!(out, "    {decision}");
    }
    if outcome.decisions.len() > LISTED {
        let _ = writeln!(out, "    … and {} more", outcome.decisions.len() - LISTED);
    }
    let _ = writeln!(out, "  skipped:    {} lines", outcome.skipped.len());
    for skipped in outcome.skipped.iter().take(LISTED) {
        let _ = writeln!(out, "    {skipped}");
    }
    if outcome.skipped.len() > LISTED {
        let _ = writeln!(out, "    … and {} more", outcome.skipped.len() - LISTED);
    }
    let _ = writeln!(out, "  warnings:   {}", outcome.warnings.len());
    for warning in outcome.warnings.iter().take(LISTED) {
        let _ = writeln!(out, "    {warning}");
    }
    if outcome.warnings.len() > LISTED {
        let _ = writeln!(out, "    … and {} more", outcome.warnings.len() - LISTED);
    }
    out
}
