//! The settings that say how to read a file. Every field is optional: `None` means "detect it",
//! so the default options read a file with zero input, and the import preview can pin any
//! setting the user corrects. The workspace stores them per file for re-imports. They are part of
//! the model because a series' [`Source`](super::Source) records them; reading a file with them is
//! the importer's work (`DateFormat`'s parsing lives there).

use serde::{Deserialize, Serialize};

use super::SeriesKind;

/// How to read one file. `None` fields are detected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// The file's name (without folders): names single-series files (`^RUT.csv` → `^RUT`) and
    /// helps recognise the source.
    pub file_name: Option<String>,
    /// The text encoding.
    pub encoding: Option<TextEncoding>,
    /// The field delimiter.
    pub delimiter: Option<Delimiter>,
    /// Where the header row is, or that there is none.
    pub header: Option<HeaderRow>,
    /// Zero-based index of the date column.
    pub date_column: Option<usize>,
    /// How the date column is written.
    pub date_format: Option<DateFormat>,
    /// The decimal separator of every value column (detected per column when `None`).
    pub decimal_separator: Option<DecimalSeparator>,
    /// Which columns become which series.
    pub layout: Option<Layout>,
    /// The name of the series, for files that hold one.
    pub series_name: Option<String>,
    /// What the series measure.
    pub kind: Option<SeriesKind>,
}

/// A text encoding the importer can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with a byte-order mark (Excel's "CSV UTF-8", Investing.com).
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252 (Western European), the usual encoding of older Windows exports.
    Windows1252,
}

impl TextEncoding {
    /// Every encoding, in menu order.
    pub const ALL: [TextEncoding; 5] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Windows1252,
    ];

    /// A human-readable name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A field delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (spreadsheets in locales with a decimal comma)
    Semicolon,
    /// tab (Excel "Unicode text", `.tsv`)
    Tab,
    /// `|`
    Pipe,
}

impl Delimiter {
    /// Every delimiter, in the order detection prefers them on a tie.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Pipe,
    ];

    /// The delimiter byte.
    #[must_use]
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }

    /// A human-readable name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma (,)",
            Delimiter::Semicolon => "semicolon (;)",
            Delimiter::Tab => "tab",
            Delimiter::Pipe => "pipe (|)",
        }
    }
}

/// The decimal separator of numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecimalSeparator {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

impl DecimalSeparator {
    /// A human-readable name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DecimalSeparator::Point => "point (1,234.56)",
            DecimalSeparator::Comma => "comma (1.234,56)",
        }
    }
}

/// Where the header row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderRow {
    /// The header is on this 1-based line; data starts on the next line.
    Line(usize),
    /// There is no header; data starts on this 1-based line.
    Absent {
        /// The first data line.
        first_data_line: usize,
    },
}

impl HeaderRow {
    /// The 1-based line where data rows start.
    #[must_use]
    pub fn first_data_line(self) -> usize {
        match self {
            HeaderRow::Line(line) => line + 1,
            HeaderRow::Absent { first_data_line } => first_data_line,
        }
    }
}

/// Which columns become which series.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One series from one value column (a price file: `Close`, `Adj Close`, `Price`, …).
    Single {
        /// Zero-based index of the value column.
        column: usize,
    },
    /// One series per listed column, named by its header (`Date,SPX,RUT,NDX`, Shiller's table).
    Wide {
        /// Zero-based indexes of the value columns.
        columns: Vec<usize>,
    },
    /// One series per symbol (`Date,Symbol,Close`).
    Long {
        /// Zero-based index of the symbol column.
        symbol_column: usize,
        /// Zero-based index of the value column.
        value_column: usize,
    },
    /// One series per asset of a multi-asset table (`BTC:close,ETH:close`, `close_BTC`, a
    /// pandas MultiIndex with a ticker row over a field row): each listed column is one asset's
    /// column of the chosen field, and its series is named by the asset.
    Assets {
        /// Zero-based indexes of the value columns, one per asset.
        columns: Vec<usize>,
    },
}

impl Layout {
    /// The columns holding values.
    #[must_use]
    pub fn value_columns(&self) -> Vec<usize> {
        match self {
            Layout::Single { column } => vec![*column],
            Layout::Wide { columns } | Layout::Assets { columns } => columns.clone(),
            Layout::Long { value_column, .. } => vec![*value_column],
        }
    }

    /// A short description.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Layout::Single { .. } => "one series",
            Layout::Wide { .. } => "one series per column",
            Layout::Long { .. } => "one series per symbol",
            Layout::Assets { .. } => "one series per asset",
        }
    }
}

/// How a date column is written. Monthly formats give the 1st of the month.
///
/// Every format also accepts a trailing time of day (`2024-07-19 16:00:00`,
/// `2024-07-19T16:00Z`, `7/19/2024 4:00:00 PM`), which is ignored. A format fixes the order of
/// the parts, not the separator between them: `DayMonthYear` reads `19/07/2024`, `19.07.2024`
/// and `19-07-2024` alike, so a format chosen by the user reads a file whichever separator it
/// writes. The separator a file does write is reported with the format as a [`DatePattern`](crate::import::DatePattern).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// `2024-07-19`, `2024/07/19`, `2024.07.19` (ISO order).
    YearMonthDay,
    /// `07/19/2024`, `7-19-24` (US order).
    MonthDayYear,
    /// `19/07/2024`, `19.07.2024` (European order).
    DayMonthYear,
    /// `20240719`.
    Compact,
    /// `Jul 19, 2024`, `July 19 2024`, `Jan 1 2000`.
    MonthNameDayYear,
    /// `19-Jul-2024`, `19 Jul 2024`, `19-Jul-24`.
    DayMonthNameYear,
    /// `Nov 21`, `Nov 2021`, `November 2021` (monthly; two-digit years are years, not days).
    MonthNameYear,
    /// `2024-07`, `2024/07` (monthly).
    YearMonth,
    /// `1871.01` … `1871.12`, with `1871.1` for October (Shiller's decimal year-month).
    DecimalYearMonth,
}
