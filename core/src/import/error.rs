//! Why a file could not be imported. Each error names the 1-based file line (and column where
//! one applies) and what was expected, so the user can open the file and see the problem.

use std::path::PathBuf;

use thiserror::Error;

use crate::model::SeriesError;

/// A file that cannot be imported. Nothing from it reaches the caller.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Zero bytes, or only whitespace.
    #[error("the file is empty: expected a header row such as Date,Close followed by rows of data")]
    Empty,
    /// A binary file: an image, an archive, a spreadsheet workbook.
    #[error(
        "this is not a text file but {what} (byte {offset}): expected a CSV or tab-separated text file"
    )]
    Binary {
        /// What it looks like, e.g. "a PNG image".
        what: String,
        /// The byte offset of the evidence.
        offset: usize,
    },
    /// A web page saved under a `.csv` name (a failed download).
    #[error(
        "line {line}: this is a web page (HTML), not a CSV file — the download probably failed; expected a header such as Date,Close"
    )]
    Html {
        /// The line where the HTML starts.
        line: usize,
    },
    /// No row in the file starts like data: no date beside a number.
    #[error(
        "no table found: expected rows with a date and a number, such as 2024-07-19,5505.00 (read {lines} lines)"
    )]
    NoTable {
        /// How many lines were examined.
        lines: usize,
    },
    /// A header but no rows of data after it.
    #[error("line {line}: the header is not followed by any data rows")]
    NoDataRows {
        /// The header line.
        line: usize,
    },
    /// Rows of data, but no column in them holds dates.
    #[error(
        "line {line}: no date column: expected a column of dates such as 2024-07-19, 07/19/2024 or Jul 19, 2024"
    )]
    NoDateColumn {
        /// The first data line examined.
        line: usize,
    },
    /// A date column, but no column of numbers beside it.
    #[error(
        "line {line}: no numeric column: expected at least one column of numbers beside the dates"
    )]
    NoNumericColumn {
        /// The first data line examined.
        line: usize,
    },
    /// A quoted field that never closes.
    #[error(
        "line {line}, column {column}: unterminated quote: a field opens with \" and never closes"
    )]
    UnterminatedQuote {
        /// The line where the field starts.
        line: usize,
        /// The 1-based column of the field.
        column: usize,
    },
    /// The date column reads in neither day/month order.
    #[error(
        "line {line}, column {column}: {found:?} is not a date like the rest of the column ({expected})"
    )]
    MixedDateOrder {
        /// The line of a date contradicting the others.
        line: usize,
        /// The 1-based column.
        column: usize,
        /// The cell.
        found: String,
        /// The format the other cells follow.
        expected: String,
    },
    /// The date column could not be read in the chosen format at all.
    #[error("line {line}, column {column}: {found:?} is not a date in the format {expected}")]
    DateFormatMismatch {
        /// The first data line that failed.
        line: usize,
        /// The 1-based column.
        column: usize,
        /// The cell.
        found: String,
        /// The expected format.
        expected: String,
    },
    /// Every value of the value column(s) is missing or unreadable.
    #[error(
        "column {column} ({header}): no value could be read: every cell is missing or not a number (first data line {line})"
    )]
    NoValues {
        /// The 1-based column.
        column: usize,
        /// Its header.
        header: String,
        /// The first data line.
        line: usize,
    },
    /// A chosen setting does not fit the file.
    #[error("the setting {setting} does not fit this file: {reason}")]
    InvalidOption {
        /// The setting's name.
        setting: &'static str,
        /// Why it does not fit.
        reason: String,
    },
    /// The rows read for one series do not form a series (dates not strictly increasing, a
    /// value not finite) even after ordering, de-duplication and the checks of every row. The
    /// whole file is refused rather than that series silently left out.
    #[error("line {line}: the rows of {series} do not form a series: {problem}")]
    InvalidSeries {
        /// The series' name.
        series: String,
        /// The file line of the observation at fault.
        line: usize,
        /// What is wrong.
        problem: SeriesError,
    },
    /// The caller cancelled the import.
    #[error("the import was cancelled")]
    Cancelled,
}

/// An import error with the file it happened in.
#[derive(Debug, Error)]
pub enum FileImportError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file was read but could not be imported.
    #[error("{}: {source}", path.display())]
    Import {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: ImportError,
    },
}
