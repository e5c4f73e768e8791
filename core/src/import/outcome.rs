//! What an import found: the settings it detected, the series it built, and every row it
//! skipped or questioned, with file line numbers.

use std::fmt;

use crate::model::{Date, Series};

use super::dates::DatePattern;
use super::numbers::{NumberCell, parse_number};
use crate::model::{DecimalSeparator, Delimiter, HeaderRow, ImportOptions, Layout, TextEncoding};

/// The result of a successful import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    /// The settings used, each detected or as given.
    pub detected: Detected,
    /// The series built, oldest observation first.
    pub series: Vec<Series>,
    /// Number of rows in the data region (between the header and any footer).
    pub rows_read: usize,
    /// Lines that were not used, with the reason.
    pub skipped: Vec<SkippedLine>,
    /// Things the user should know about the data that was imported.
    pub warnings: Vec<ImportWarning>,
    /// How the file's shape was read (which column became the series and why, which header
    /// rows were joined, which rows were ordered), each with its line, so that a wrong guess
    /// can be corrected in the preview.
    pub decisions: Vec<ImportDecision>,
    /// For long and multi-asset tables, the other fields each series could come from (close,
    /// adjusted close, volume…), each as the layout that reads it; empty for other files.
    pub layout_choices: Vec<LayoutChoice>,
    /// The first data rows, raw and as read, for the import preview.
    pub preview: Vec<PreviewRow>,
}

/// The settings an import used, with what was recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    /// The recognised source, e.g. "Yahoo Finance".
    pub source: String,
    /// The text encoding.
    pub encoding: TextEncoding,
    /// The field delimiter.
    pub delimiter: Delimiter,
    /// The line ending.
    pub line_ending: LineEnding,
    /// Where the header is.
    pub header: HeaderRow,
    /// The column headers (generated as `Column N` without a header row).
    pub headers: Vec<String>,
    /// Zero-based index of the date column.
    pub date_column: usize,
    /// How the dates are written: the format, with the separator the file uses.
    pub date_format: DatePattern,
    /// The decimal separator of each value column, by zero-based column index.
    pub decimal_separators: Vec<(usize, DecimalSeparator)>,
    /// Which columns became which series.
    pub layout: Layout,
    /// Whether the file lists the newest date first.
    pub newest_first: bool,
    /// The name given to a single-series file.
    pub series_name: Option<String>,
}

impl Detected {
    /// These settings as options that read the file the same way again, every field pinned.
    #[must_use]
    pub fn to_options(&self, file_name: Option<String>) -> ImportOptions {
        let uniform_decimal = match self.decimal_separators.as_slice() {
            [(_, first), rest @ ..] if rest.iter().all(|(_, d)| d == first) => Some(*first),
            _ => None,
        };
        ImportOptions {
            file_name,
            encoding: Some(self.encoding),
            delimiter: Some(self.delimiter),
            header: Some(self.header),
            date_column: Some(self.date_column),
            date_format: Some(self.date_format.format),
            decimal_separator: uniform_decimal,
            layout: Some(self.layout.clone()),
            series_name: self.series_name.clone(),
            kind: None,
        }
    }

    /// The header of a column, or `Column N`.
    #[must_use]
    pub fn header_of(&self, column: usize) -> String {
        self.headers
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("Column {}", column + 1))
    }
}

/// The line ending a file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// `\r` alone (old Mac files)
    Cr,
}

impl LineEnding {
    /// A short name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
            LineEnding::Cr => "CR",
        }
    }
}

/// A line the import did not use.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedLine {
    /// The 1-based line number in the file.
    pub line: usize,
    /// Why it was skipped.
    pub reason: SkipReason,
}

/// Why a line was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum SkipReason {
    /// A line before the header (a title, a disclaimer).
    Preamble,
    /// A line after the last data row (summary lines, notes).
    Footer,
    /// The date cell is a time of day, like Nasdaq.com's intraday `16:00` row.
    TimeOfDay(String),
    /// The date cell does not read as a date.
    BadDate(String),
    /// The date is before the year 1600, e.g. `0001-01-01` written for "no date".
    ImplausibleDate(Date),
    /// `1970-01-01` far from every other date: a zero timestamp, not an observation.
    EpochPlaceholder,
    /// Every value cell of the row is a missing-value marker.
    MissingValue(String),
    /// The value cell is not a number.
    BadNumber(String),
    /// The value is not finite (`Inf`).
    NotFinite(String),
    /// The row has fewer fields than the header.
    TooFewFields {
        /// Fields found.
        found: usize,
        /// Fields expected.
        expected: usize,
    },
}

impl fmt::Display for SkippedLine {
    /// `line 12: date cell "x" is not a date`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Preamble => write!(f, "before the header"),
            SkipReason::Footer => write!(f, "after the last data row"),
            SkipReason::TimeOfDay(cell) => {
                write!(f, "date cell {cell:?} is a time of day, not a date")
            }
            SkipReason::BadDate(cell) => write!(f, "date cell {cell:?} is not a date"),
            SkipReason::ImplausibleDate(date) => write!(f, "implausible date {date}"),
            SkipReason::EpochPlaceholder => write!(
                f,
                "1970-01-01 is a zero timestamp, not a date of the series"
            ),
            SkipReason::MissingValue(cell) => write!(f, "missing value {cell:?}"),
            SkipReason::BadNumber(cell) => write!(f, "{cell:?} is not a number"),
            SkipReason::NotFinite(cell) => write!(f, "{cell:?} is not a finite number"),
            SkipReason::TooFewFields { found, expected } => {
                write!(f, "{found} fields where the header has {expected}")
            }
        }
    }
}

/// Something the user should know about the imported data.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportWarning {
    /// Day and month could be either way round in every date; this order was assumed.
    AmbiguousDateOrder {
        /// The order assumed, as the file writes it.
        assumed: DatePattern,
    },
    /// Two rows carry the same date; the later line was kept.
    DuplicateDate {
        /// The series.
        series: String,
        /// The date.
        date: Date,
        /// The line that was dropped.
        dropped_line: usize,
        /// The line that was kept.
        kept_line: usize,
    },
    /// Dates were neither oldest-first nor newest-first; they were sorted.
    DatesOutOfOrder {
        /// The first line out of order.
        line: usize,
    },
    /// A price of zero or below was left out.
    NonPositivePrice {
        /// The series.
        series: String,
        /// The line.
        line: usize,
        /// The value.
        value: f64,
    },
    /// Zeros at the start or end of a column that otherwise has non-zero values were read as
    /// "not available" (Shiller's table writes `0.0` for values not yet published).
    PlaceholderZeros {
        /// The series.
        series: String,
        /// How many zeros.
        count: usize,
        /// The first line of the run.
        first_line: usize,
        /// The last line of the run.
        last_line: usize,
    },
    /// A series reaches past today: the first row dated after today (the rows after it in
    /// date order are later still).
    FutureDate {
        /// The line.
        line: usize,
        /// The date.
        date: Date,
    },
    /// The text had no byte-order mark but reads as UTF-16.
    Utf16WithoutBom,
    /// A column mixes decimal points and decimal commas; the majority was used.
    MixedDecimalSeparators {
        /// The 1-based column.
        column: usize,
        /// The separator used.
        used: DecimalSeparator,
    },
    /// Every value of a column reads with either decimal separator (`1.000`, `3.500`) and
    /// nothing else in the file settles which: `used` was assumed.
    AmbiguousDecimalSeparator {
        /// The 1-based column.
        column: usize,
        /// The separator assumed.
        used: DecimalSeparator,
        /// The first cell that reads both ways.
        example: String,
    },
    /// Several rows per date (intraday data): the last row of each day was kept.
    IntradayRowsFolded {
        /// The series.
        series: String,
        /// How many rows were folded away.
        rows: usize,
    },
    /// Rows with something written beyond the header's columns: those fields belong to no
    /// column and were ignored. (An empty field after a trailing delimiter is not counted.)
    ExtraFields {
        /// How many rows.
        rows: usize,
        /// The first of their lines, at most [`LISTED_LINES`].
        lines: Vec<usize>,
        /// The header's number of fields.
        columns: usize,
    },
    /// Rows whose date cell is a time of day (old Nasdaq.com exports start with an intraday
    /// `16:00` row): they carry no date, so they were skipped.
    TimeOfDayRows {
        /// How many rows.
        rows: usize,
        /// The first of their lines, at most [`LISTED_LINES`].
        lines: Vec<usize>,
    },
    /// Lines made only of zero bytes (what a crash or an interrupted copy leaves, often as
    /// padding at the end of a file): they hold nothing and were skipped.
    ZeroByteLines {
        /// How many lines.
        rows: usize,
        /// The first of their lines, at most [`LISTED_LINES`].
        lines: Vec<usize>,
    },
}

/// How many line numbers a warning about many rows lists.
pub const LISTED_LINES: usize = 5;

impl ImportWarning {
    /// The warning for rows skipped because their date cell is a time of day, on `lines` (in
    /// order); `None` when there are none.
    #[must_use]
    pub fn time_of_day_rows(lines: &[usize]) -> Option<ImportWarning> {
        (!lines.is_empty()).then(|| ImportWarning::TimeOfDayRows {
            rows: lines.len(),
            lines: lines.iter().copied().take(LISTED_LINES).collect(),
        })
    }

    /// The warning for lines made only of zero bytes, on `lines` (in order); `None` when there
    /// are none.
    #[must_use]
    pub fn nul_lines(lines: &[usize]) -> Option<ImportWarning> {
        (!lines.is_empty()).then(|| ImportWarning::ZeroByteLines {
            rows: lines.len(),
            lines: lines.iter().copied().take(LISTED_LINES).collect(),
        })
    }

    /// The warning for rows with fields beyond the header's `columns`, on `lines` (in order);
    /// `None` when there are none.
    #[must_use]
    pub fn extra_fields(lines: &[usize], columns: usize) -> Option<ImportWarning> {
        (!lines.is_empty()).then(|| ImportWarning::ExtraFields {
            rows: lines.len(),
            lines: lines.iter().copied().take(LISTED_LINES).collect(),
            columns,
        })
    }
}

/// `line 4`, `lines 4, 7` or `lines 4, 7, 9, 12, 15, …` when more rows than listed.
fn line_list(lines: &[usize], rows: usize) -> String {
    let listed: Vec<String> = lines.iter().map(usize::to_string).collect();
    let more = if rows > lines.len() { ", …" } else { "" };
    match listed.as_slice() {
        [one] if rows == 1 => format!("line {one}"),
        _ => format!("lines {}{more}", listed.join(", ")),
    }
}

impl ImportWarning {
    /// The 1-based file line the warning is about, if it is about one.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            ImportWarning::DuplicateDate { dropped_line, .. } => Some(*dropped_line),
            ImportWarning::DatesOutOfOrder { line }
            | ImportWarning::NonPositivePrice { line, .. }
            | ImportWarning::FutureDate { line, .. } => Some(*line),
            ImportWarning::PlaceholderZeros { first_line, .. } => Some(*first_line),
            ImportWarning::ExtraFields { lines, .. }
            | ImportWarning::TimeOfDayRows { lines, .. }
            | ImportWarning::ZeroByteLines { lines, .. } => lines.first().copied(),
            ImportWarning::AmbiguousDateOrder { .. }
            | ImportWarning::Utf16WithoutBom
            | ImportWarning::MixedDecimalSeparators { .. }
            | ImportWarning::AmbiguousDecimalSeparator { .. }
            | ImportWarning::IntradayRowsFolded { .. } => None,
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::AmbiguousDateOrder { assumed } => write!(
                f,
                "every date reads both as day/month and month/day; assumed {} — change the date format if that is wrong",
                assumed.label()
            ),
            ImportWarning::DuplicateDate {
                series,
                date,
                dropped_line,
                kept_line,
            } => write!(
                f,
                "{series}: {date} appears on lines {dropped_line} and {kept_line}; kept line {kept_line}"
            ),
            ImportWarning::DatesOutOfOrder { line } => {
                write!(
                    f,
                    "line {line}: dates are not in order; the rows were sorted by date"
                )
            }
            ImportWarning::NonPositivePrice {
                series,
                line,
                value,
            } => {
                write!(
                    f,
                    "line {line}: {series} price {value} is not positive; left out"
                )
            }
            ImportWarning::PlaceholderZeros {
                series,
                count,
                first_line,
                last_line,
            } => write!(
                f,
                "lines {first_line}–{last_line}: {count} zeros at the edge of {series} read as \"not available\""
            ),
            ImportWarning::FutureDate { line, date } => {
                write!(
                    f,
                    "line {line}: {date} is in the future, as is any later date"
                )
            }
            ImportWarning::Utf16WithoutBom => {
                write!(f, "the text has no byte-order mark; read as UTF-16")
            }
            ImportWarning::MixedDecimalSeparators { column, used } => write!(
                f,
                "column {column} mixes decimal points and commas; read with the {} used by most values",
                used.label()
            ),
            ImportWarning::AmbiguousDecimalSeparator {
                column,
                used,
                example,
            } => ambiguous_decimal(f, *column, *used, example),
            ImportWarning::IntradayRowsFolded { series, rows } => write!(
                f,
                "{series}: several rows per day (intraday data); kept each day's last row, {rows} rows folded"
            ),
            ImportWarning::ExtraFields {
                rows,
                lines,
                columns,
            } => extra_fields(f, *rows, lines, *columns),
            ImportWarning::TimeOfDayRows { rows, lines } => time_of_day_rows(f, *rows, lines),
            ImportWarning::ZeroByteLines { rows, lines } => zero_byte_lines(f, *rows, lines),
        }
    }
}

/// The text of [`ImportWarning::ExtraFields`].
fn extra_fields(
    f: &mut fmt::Formatter<'_>,
    rows: usize,
    lines: &[usize],
    columns: usize,
) -> fmt::Result {
    let rows_have = if rows == 1 {
        "1 row has".to_string()
    } else {
        format!("{rows} rows have")
    };
    write!(
        f,
        "{}: {rows_have} more fields than the {columns} columns of the header; what is written beyond them was ignored",
        line_list(lines, rows)
    )
}

/// The text of [`ImportWarning::TimeOfDayRows`].
fn time_of_day_rows(f: &mut fmt::Formatter<'_>, rows: usize, lines: &[usize]) -> fmt::Result {
    let what = if rows == 1 {
        "the date cell is a time of day (an intraday row), not a date; the row was skipped"
            .to_string()
    } else {
        format!(
            "{rows} rows have a time of day (intraday rows) in place of a date; they were skipped"
        )
    };
    write!(f, "{}: {what}", line_list(lines, rows))
}

/// The text of [`ImportWarning::ZeroByteLines`].
fn zero_byte_lines(f: &mut fmt::Formatter<'_>, rows: usize, lines: &[usize]) -> fmt::Result {
    let what = if rows == 1 {
        "the line is only zero bytes (left by a crash or an interrupted copy); skipped"
    } else {
        "the lines are only zero bytes (left by a crash or an interrupted copy); skipped"
    };
    write!(f, "{}: {what}", line_list(lines, rows))
}

/// The text of [`ImportWarning::AmbiguousDecimalSeparator`].
fn ambiguous_decimal(
    f: &mut fmt::Formatter<'_>,
    column: usize,
    used: DecimalSeparator,
    example: &str,
) -> fmt::Result {
    let reading = |decimal| match parse_number(example, decimal) {
        NumberCell::Value(value) => value.to_string(),
        NumberCell::Missing | NumberCell::Invalid => "?".to_string(),
    };
    let (chosen, other) = match used {
        DecimalSeparator::Point => ("a decimal point", "a decimal comma"),
        DecimalSeparator::Comma => ("a decimal comma", "a decimal point"),
    };
    let other_separator = match used {
        DecimalSeparator::Point => DecimalSeparator::Comma,
        DecimalSeparator::Comma => DecimalSeparator::Point,
    };
    write!(
        f,
        "column {column}: every value reads with either decimal separator ({example:?} is {} with {chosen}, {} with {other}); read with {chosen} — change the decimal separator setting if that is wrong",
        reading(used),
        reading(other_separator)
    )
}

/// A field the series of a long or multi-asset table can be read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutChoice {
    /// What the series become (`close`, `adjusted close`, `value01`).
    pub label: String,
    /// The layout that reads them from it.
    pub layout: Layout,
}

/// A choice the import made about the file's shape, with the line it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportDecision {
    /// The 1-based file line the decision rests on (the header, or the first row concerned).
    pub line: usize,
    /// What was decided.
    pub kind: DecisionKind,
}

/// What an [`ImportDecision`] decided.
#[derive(Clone, Debug, PartialEq)]
pub enum DecisionKind {
    /// One value column became the file's series.
    ValueColumn {
        /// The 1-based column.
        column: usize,
        /// Its header.
        header: String,
        /// Why this column (`the adjusted close, preferred to the close`).
        why: &'static str,
    },
    /// One series per value of a symbol column (a long or melted table).
    PerSymbol {
        /// The 1-based symbol column and its header.
        symbol_column: usize,
        /// The symbol column's header.
        symbol_header: String,
        /// The 1-based value column.
        value_column: usize,
        /// The value column's header.
        value_header: String,
    },
    /// One series per asset of a multi-asset table, each from its column of one field.
    PerAsset {
        /// How many assets.
        assets: usize,
        /// The fields the series come from (`close`, or `adjusted close` and `close`).
        fields: Vec<&'static str>,
    },
    /// Header rows were joined into one (a ticker row over a field row).
    HeaderRowsJoined {
        /// The lines joined.
        lines: Vec<usize>,
    },
    /// The values are rates (yields), so a value of zero is kept.
    Rates {
        /// What said so: `the headers are maturities` or `the file name`.
        because: &'static str,
    },
    /// A column of periodic returns became an index: 100 × Π(1 + r).
    ReturnsCompounded {
        /// The 1-based column.
        column: usize,
        /// Its header.
        header: String,
    },
    /// Intraday rows were put in order by their full timestamp (date and time of day) before
    /// each day's last row was taken; `line` is the first row that was out of place.
    OrderedByTimestamp {
        /// The series.
        series: String,
    },
}

impl fmt::Display for ImportDecision {
    /// `line 1: one series per asset (3 assets) from each asset's close`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            DecisionKind::ValueColumn {
                column,
                header,
                why,
            } => write!(f, "the series is column {column} ({header}): {why}"),
            DecisionKind::PerSymbol {
                symbol_column,
                symbol_header,
                value_column,
                value_header,
            } => write!(
                f,
                "one series per value of column {symbol_column} ({symbol_header}), from column {value_column} ({value_header})"
            ),
            DecisionKind::PerAsset { assets, fields } => write!(
                f,
                "one series per asset ({assets} assets), from each asset's {}",
                fields.join(", else its ")
            ),
            DecisionKind::HeaderRowsJoined { lines } => {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                write!(
                    f,
                    "header lines {} joined: a row of tickers and a row of fields make each column's name (ticker:field)",
                    lines.join(", ")
                )
            }
            DecisionKind::Rates { because } => write!(
                f,
                "the columns are rates ({because}): a value of 0 is a value, not a missing price"
            ),
            DecisionKind::ReturnsCompounded { column, header } => write!(
                f,
                "column {column} ({header}) holds returns, not prices: imported as an index, 100 × Π(1 + r)"
            ),
            DecisionKind::OrderedByTimestamp { series } => write!(
                f,
                "{series}: intraday rows out of place; all rows ordered by their full timestamp (date and time of day) before each day's last row was taken"
            ),
        }
    }
}

/// One data row as the preview shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    /// The 1-based file line.
    pub line: usize,
    /// The line as written.
    pub raw: String,
    /// The date as read, if it reads.
    pub date: Option<Date>,
    /// Each value column's number as read (`None` when missing or unreadable).
    pub values: Vec<Option<f64>>,
}
