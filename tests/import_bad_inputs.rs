//! Bad input: files that cannot be imported fail with the exact error, naming the line (and
//! column where one applies); problems the importer can recover from are reported as skipped
//! lines or warnings with their line. Nothing half-imported reaches the caller: an error
//! carries no series at all.

mod common;

use std::sync::atomic::Ordering;

use common::{d, fixture_bytes, only_series};
use rotation_lens::import::{
    DateFormat, DecimalSeparator, ImportControl, ImportError, ImportOptions, ImportOutcome,
    ImportWarning, Layout, SkipReason, SkippedLine, import, import_with_control,
};
use rotation_lens::model::{Date, SeriesKind};

fn error_of(bytes: &[u8]) -> ImportError {
    error_with(bytes, &ImportOptions::default())
}

fn error_with(bytes: &[u8], options: &ImportOptions) -> ImportError {
    match import(bytes, options) {
        Ok(outcome) => panic!("imported {} series", outcome.series.len()),
        Err(error) => error,
    }
}

fn outcome_of(text: &str) -> ImportOutcome {
    outcome_with(text, &ImportOptions::default())
}

fn outcome_with(text: &str, options: &ImportOptions) -> ImportOutcome {
    let options = ImportOptions {
        file_name: Some("TEST.csv".to_string()),
        ..options.clone()
    };
    import(text.as_bytes(), &options).unwrap_or_else(|e| panic!("{e}"))
}

fn skipped(line: usize, reason: SkipReason) -> SkippedLine {
    SkippedLine { line, reason }
}

/// `Date,Close` with `rows` rows from 2024-01-01 on, closes 100, 101, ….
fn daily(rows: usize) -> String {
    let mut text = String::from("Date,Close\n");
    let start = d("2024-01-01");
    for i in 0..rows {
        let date = start.plus_days(i as i32).unwrap_or(start);
        text.push_str(&format!("{date},{}\n", 100 + i));
    }
    text
}

// ---------------------------------------------------------------- not a table at all

#[test]
fn empty_file() {
    assert_eq!(error_of(b""), ImportError::Empty);
}

#[test]
fn whitespace_only() {
    assert_eq!(error_of(b"  \r\n\t\n   \n"), ImportError::Empty);
    // A byte-order mark and line ends are still nothing.
    assert_eq!(error_of(b"\xEF\xBB\xBF\r\n\r\n"), ImportError::Empty);
}

#[test]
fn header_only() {
    assert_eq!(
        error_of(b"Date,Open,High,Low,Close,Adj Close,Volume\n"),
        ImportError::NoDataRows { line: 1 }
    );
}

#[test]
fn header_after_a_title_then_only_blank_lines() {
    assert_eq!(
        error_of(b"S&P 500 daily closes\n\nDate,Close\n\n\n"),
        ImportError::NoDataRows { line: 3 }
    );
}

#[test]
fn html_page_saved_as_csv() {
    assert_eq!(
        error_of(&fixture_bytes("bad/SPY.csv")),
        ImportError::Html { line: 1 }
    );
    assert_eq!(
        error_of(b"\r\n\r\n  <html><head><title>Error</title></head><body></body></html>"),
        ImportError::Html { line: 3 }
    );
}

#[test]
fn png_image() {
    assert_eq!(
        error_of(&fixture_bytes("bad/chart.csv")),
        ImportError::Binary {
            what: "a PNG image".to_string(),
            offset: 0
        }
    );
}

#[test]
fn excel_workbook_is_a_zip_archive() {
    assert_eq!(
        error_of(&fixture_bytes("bad/prices.xlsx")),
        ImportError::Binary {
            what: "a ZIP archive or an Excel workbook (.xlsx) — save it as CSV first".to_string(),
            offset: 0
        }
    );
    assert_eq!(
        error_of(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
        ImportError::Binary {
            what: "an old Excel workbook (.xls) — save it as CSV first".to_string(),
            offset: 0
        }
    );
}

#[test]
fn pdf_document() {
    assert_eq!(
        error_of(&fixture_bytes("bad/statement.csv")),
        ImportError::Binary {
            what: "a PDF document".to_string(),
            offset: 0
        }
    );
}

#[test]
fn nul_bytes_in_otherwise_plain_text() {
    assert_eq!(
        error_of(b"Date,Close\n2024-01-02,1\0\0\0\n"),
        ImportError::Binary {
            what: "binary data (a zero byte)".to_string(),
            offset: 23
        }
    );
}

#[test]
fn plain_words_are_no_table() {
    assert_eq!(
        error_of(b"Thank you for downloading.\nYour file will be ready soon.\n"),
        ImportError::NoTable { lines: 2 }
    );
}

// ---------------------------------------------------------------- a table without its columns

#[test]
fn no_date_column() {
    assert_eq!(
        error_of(b"Symbol,Close\nSPY,1\nQQQ,2\n"),
        ImportError::NoDateColumn { line: 2 }
    );
    // A date header over cells that are not dates.
    assert_eq!(
        error_of(b"Date,Close\nfirst,1\nsecond,2\n"),
        ImportError::NoDateColumn { line: 2 }
    );
}

#[test]
fn no_numeric_column() {
    assert_eq!(
        error_of(b"Date,Comment\n2024-01-02,up\n2024-01-03,down\n"),
        ImportError::NoNumericColumn { line: 2 }
    );
}

#[test]
fn all_values_missing() {
    assert_eq!(
        error_of(b"DATE,SP500\n2024-01-02,.\n2024-01-03,\n2024-01-04,#N/A\n"),
        ImportError::NoValues {
            column: 2,
            header: "SP500".to_string(),
            line: 2
        }
    );
}

// ---------------------------------------------------------------- quotes

#[test]
fn unterminated_quote_in_the_date_column() {
    // The open quote swallows every later row into one cell: never a silently shorter import.
    assert_eq!(
        error_of(b"Date,Close\n2024-01-02,1\n\"2024-01-03,2\n2024-01-04,3\n2024-01-05,4\n"),
        ImportError::UnterminatedQuote { line: 3, column: 1 }
    );
    assert_eq!(
        error_of(b"Date,Close\n\"2024-01-02,1\n2024-01-03,2\n2024-01-04,3\n"),
        ImportError::UnterminatedQuote { line: 2, column: 1 }
    );
}

#[test]
fn unterminated_quote_in_a_value_column() {
    assert_eq!(
        error_of(b"Date,Close\n2024-01-02,1\n2024-01-03,\"2\n2024-01-04,3\n2024-01-05,4\n"),
        ImportError::UnterminatedQuote { line: 3, column: 2 }
    );
    // On the last line, with no line end after it.
    assert_eq!(
        error_of(b"Date,Close\n2024-01-02,1\n2024-01-03,\"2"),
        ImportError::UnterminatedQuote { line: 3, column: 2 }
    );
}

#[test]
fn a_quote_missing_within_one_line_of_a_quoted_file_spoils_only_that_row() {
    // In a file where every cell is quoted, the next cell's opening quote closes the broken
    // one: the row reads as garbage and is reported, the rows after it are intact.
    let text = "\"Date\",\"Price\",\"Open\"\n\"09/25/2023\",\"4,337.44\",\"4,310.62\"\n\"09/22/2023\",\"4,320.06,\"4,341.74\"\n\"09/21/2023\",\"4,330.00\",\"4,374.36\"\n";
    let outcome = outcome_of(text);
    assert_eq!(
        outcome.skipped,
        vec![skipped(3, SkipReason::BadNumber("4,320.06,4".to_string()))]
    );
    assert_eq!(only_series(&outcome).values(), [4330.0, 4337.44]);
}

#[test]
fn unterminated_quote_in_the_middle_closed_by_a_later_quote() {
    let mut text = daily(30);
    text = text.replacen("2024-01-11,110", "2024-01-11,\"110", 1);
    text = text.replacen("2024-01-13,112", "2024-01-13,\"112\"", 1);
    assert_eq!(
        error_of(text.as_bytes()),
        ImportError::UnterminatedQuote {
            line: 12,
            column: 2
        }
    );
}

#[test]
fn line_break_inside_a_quoted_data_cell() {
    assert_eq!(
        error_of(
            b"Date,Close,Note\n2024-01-02,1,ok\n2024-01-03,2,\"two\nlines\"\n2024-01-04,3,ok\n"
        ),
        ImportError::UnterminatedQuote { line: 3, column: 3 }
    );
}

// ---------------------------------------------------------------- dates

#[test]
fn mixed_day_month_order() {
    assert_eq!(
        error_of(b"Date,Close\n01/02/2024,1\n13/02/2024,2\n02/14/2024,3\n25/02/2024,4\n"),
        ImportError::MixedDateOrder {
            line: 4,
            column: 1,
            found: "02/14/2024".to_string(),
            expected: "DD/MM/YYYY".to_string()
        }
    );
}

#[test]
fn forced_wrong_date_format() {
    let options = ImportOptions {
        date_format: Some(DateFormat::DayMonthYear),
        ..ImportOptions::default()
    };
    assert_eq!(
        error_with(b"Date,Close\n2024-01-02,1\n2024-01-03,2\n", &options),
        ImportError::DateFormatMismatch {
            line: 2,
            column: 1,
            found: "2024-01-02".to_string(),
            expected: "DD/MM/YYYY".to_string()
        }
    );
}

#[test]
fn ambiguous_day_month_order_is_a_warning() {
    let outcome = outcome_of("Date,Close\n01/02/2024,1\n02/03/2024,2\n03/04/2024,3\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::AmbiguousDateOrder {
            assumed: DateFormat::MonthDayYear
        }]
    );
    assert_eq!(only_series(&outcome).dates()[0], d("2024-01-02"));
    // With semicolons (a decimal-comma locale) the default is day first.
    let european = outcome_of("Datum;Schluss\n01.02.2024;1\n02.03.2024;2\n");
    assert_eq!(
        european.warnings,
        vec![ImportWarning::AmbiguousDateOrder {
            assumed: DateFormat::DayMonthYear
        }]
    );
    assert_eq!(only_series(&european).dates()[0], d("2024-02-01"));
}

#[test]
fn time_of_day_row() {
    let outcome = outcome_of(
        "\"date\",\"close\"\n\"16:00\",\"274.21\"\n\"2019/07/10\",\"274.21\"\n\"2019/07/09\",\"272.94\"\n",
    );
    assert_eq!(
        outcome.skipped,
        vec![skipped(2, SkipReason::TimeOfDay("16:00".to_string()))]
    );
    assert_eq!(only_series(&outcome).len(), 2);
}

#[test]
fn implausible_year_0001() {
    let outcome = outcome_of("Date,Close\n2024-01-02,1\n0001-01-01,2\n2024-01-03,3\n");
    let year_one = Date::from_ymd(1, 1, 1).unwrap_or_else(|| panic!("year 1"));
    assert_eq!(
        outcome.skipped,
        vec![skipped(3, SkipReason::ImplausibleDate(year_one))]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 3.0]);
}

#[test]
fn epoch_placeholder_date() {
    let outcome = outcome_of("Date,Close\n1970-01-01,5\n2024-01-02,1\n2024-01-03,2\n");
    assert_eq!(
        outcome.skipped,
        vec![skipped(2, SkipReason::EpochPlaceholder)]
    );
    assert_eq!(only_series(&outcome).first(), Some((d("2024-01-02"), 1.0)));
}

#[test]
fn future_date() {
    let outcome = outcome_of("Date,Close\n2024-01-02,1\n2024-01-03,2\n2099-12-31,3\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::FutureDate {
            line: 4,
            date: d("2099-12-31")
        }]
    );
    // Kept: the user may have typed a target; the warning says so.
    assert_eq!(only_series(&outcome).len(), 3);
}

#[test]
fn duplicate_dates_keep_the_later_line_and_name_both() {
    let outcome =
        outcome_of("Date,Close\n2024-01-02,1\n2024-01-03,2\n2024-01-03,2.5\n2024-01-04,3\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::DuplicateDate {
            series: "TEST".to_string(),
            date: d("2024-01-03"),
            dropped_line: 3,
            kept_line: 4
        }]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.5, 3.0]);
    // Newest first: the later line is still the one kept.
    let reversed =
        outcome_of("Date,Close\n2024-01-04,3\n2024-01-03,2.5\n2024-01-03,2\n2024-01-02,1\n");
    assert_eq!(
        reversed.warnings,
        vec![ImportWarning::DuplicateDate {
            series: "TEST".to_string(),
            date: d("2024-01-03"),
            dropped_line: 3,
            kept_line: 4
        }]
    );
    assert_eq!(only_series(&reversed).values(), [1.0, 2.0, 3.0]);
}

#[test]
fn unordered_dates_are_sorted_with_a_warning() {
    let outcome =
        outcome_of("Date,Close\n2024-01-02,1\n2024-01-04,3\n2024-01-03,2\n2024-01-05,4\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::DatesOutOfOrder { line: 4 }]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn bad_date_in_the_middle() {
    let outcome = outcome_of("Date,Close\n2024-01-02,1\n2024-13-45,2\n2024-01-04,3\n");
    assert_eq!(
        outcome.skipped,
        vec![skipped(3, SkipReason::BadDate("2024-13-45".to_string()))]
    );
}

// ---------------------------------------------------------------- values

#[test]
fn non_positive_prices_are_left_out_with_a_warning() {
    let outcome =
        outcome_of("Date,Close\n2024-01-02,1\n2024-01-03,0\n2024-01-04,-2\n2024-01-05,4\n");
    assert_eq!(
        outcome.warnings,
        vec![
            ImportWarning::NonPositivePrice {
                series: "TEST".to_string(),
                line: 3,
                value: 0.0
            },
            ImportWarning::NonPositivePrice {
                series: "TEST".to_string(),
                line: 4,
                value: -2.0
            },
        ]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 4.0]);
    // A valuation or a rate keeps them.
    let valuation = outcome_with(
        "Date,Close\n2024-01-02,1\n2024-01-03,0\n2024-01-04,-2\n2024-01-05,4\n",
        &ImportOptions {
            kind: Some(SeriesKind::Valuation),
            ..ImportOptions::default()
        },
    );
    assert_eq!(valuation.warnings, Vec::new());
    assert_eq!(only_series(&valuation).values(), [1.0, 0.0, -2.0, 4.0]);
}

#[test]
fn infinite_and_nan_cells() {
    let outcome = outcome_of(
        "Date,Close\n2024-01-02,1\n2024-01-03,Inf\n2024-01-04,NaN\n2024-01-05,-inf\n2024-01-06,4\n",
    );
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(3, SkipReason::NotFinite("Inf".to_string())),
            skipped(4, SkipReason::MissingValue("NaN".to_string())),
            skipped(5, SkipReason::NotFinite("-inf".to_string())),
        ]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 4.0]);
}

#[test]
fn non_numeric_cells() {
    let text = daily(20).replacen("2024-01-08,107", "2024-01-08,see note", 1);
    let outcome = outcome_of(&text);
    assert_eq!(
        outcome.skipped,
        vec![skipped(9, SkipReason::BadNumber("see note".to_string()))]
    );
    assert_eq!(only_series(&outcome).len(), 19);
    // Under a Close header, a short file with one bad cell still has its column of numbers.
    let short = outcome_of("Date,Close\n2024-01-02,1\n2024-01-03,abc\n2024-01-04,3\n");
    assert_eq!(
        short.skipped,
        vec![skipped(3, SkipReason::BadNumber("abc".to_string()))]
    );
    assert_eq!(only_series(&short).values(), [1.0, 3.0]);
}

#[test]
fn too_few_fields() {
    let outcome = outcome_of("Date,Open,Close\n2024-01-02,1,1\n2024-01-03\n2024-01-04,3,3\n");
    assert_eq!(
        outcome.skipped,
        vec![skipped(
            3,
            SkipReason::TooFewFields {
                found: 1,
                expected: 3
            }
        )]
    );
}

#[test]
fn trailing_summary_block() {
    let outcome = outcome_of(
        "Date,Close\n2024-01-02,1\n2024-01-03,2\n\nHighest: 2\nLowest: 1\n\"Change %: 100.00%\"\n",
    );
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(5, SkipReason::Footer),
            skipped(6, SkipReason::Footer),
            skipped(7, SkipReason::Footer),
        ]
    );
    assert_eq!(outcome.rows_read, 2);
}

#[test]
fn mixed_decimal_separators_in_one_column() {
    let outcome = outcome_of("Date;Close\n2024-01-02;1.5\n2024-01-03;2.5\n2024-01-04;3,5\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::MixedDecimalSeparators {
            column: 2,
            used: DecimalSeparator::Point
        }]
    );
    assert_eq!(only_series(&outcome).values(), [1.5, 2.5, 35.0]);
}

#[test]
fn placeholder_zeros_at_the_edges() {
    let outcome = outcome_with(
        "Date,PE10\n1871-01-01,0.0\n1871-02-01,0.0\n1871-03-01,18.5\n1871-04-01,0.0\n1871-05-01,19.5\n1871-06-01,0.0\n",
        &ImportOptions {
            layout: Some(Layout::Single { column: 1 }),
            ..ImportOptions::default()
        },
    );
    // The zero between two values is a value; the others are "not available".
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(
        only_series(&outcome).values(),
        [0.0, 0.0, 18.5, 0.0, 19.5, 0.0]
    );
    let edges = outcome_of(
        "Date,PE10\n1871-01-01,0.0\n1871-02-01,0.0\n1871-03-01,18.5\n1871-04-01,19.5\n1871-05-01,0.0\n",
    );
    assert_eq!(
        edges.warnings,
        vec![
            ImportWarning::PlaceholderZeros {
                series: "TEST".to_string(),
                count: 2,
                first_line: 2,
                last_line: 3
            },
            ImportWarning::PlaceholderZeros {
                series: "TEST".to_string(),
                count: 1,
                first_line: 6,
                last_line: 6
            },
        ]
    );
    assert_eq!(only_series(&edges).values(), [18.5, 19.5]);
}

#[test]
fn intraday_rows_fold_into_the_day() {
    let outcome = outcome_of(
        "Date,Close\n2024-01-02 10:00,1\n2024-01-02 16:00,2\n2024-01-03 10:00,3\n2024-01-03 16:00,4\n",
    );
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::IntradayRowsFolded {
            series: "TEST".to_string(),
            rows: 2
        }]
    );
    assert_eq!(only_series(&outcome).values(), [2.0, 4.0]);
}

// ---------------------------------------------------------------- encodings

#[test]
fn utf16_without_a_byte_order_mark() {
    let bytes: Vec<u8> = "Date\tClose\r\n2024-01-02\t1\r\n2024-01-03\t2\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let outcome = import(&bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.warnings, vec![ImportWarning::Utf16WithoutBom]);
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0]);
}

// ---------------------------------------------------------------- settings that do not fit

#[test]
fn forced_value_column_out_of_range() {
    let options = ImportOptions {
        layout: Some(Layout::Single { column: 7 }),
        ..ImportOptions::default()
    };
    assert_eq!(
        error_with(b"Date,Close\n2024-01-02,1\n", &options),
        ImportError::InvalidOption {
            setting: "value columns",
            reason: "column 8 is beyond the last column".to_string()
        }
    );
    let on_dates = ImportOptions {
        layout: Some(Layout::Wide {
            columns: vec![1, 0],
        }),
        ..ImportOptions::default()
    };
    assert_eq!(
        error_with(b"Date,Close\n2024-01-02,1\n", &on_dates),
        ImportError::InvalidOption {
            setting: "value columns",
            reason: "column 1 is the date column".to_string()
        }
    );
}

#[test]
fn forced_date_column_out_of_range() {
    let options = ImportOptions {
        date_column: Some(5),
        ..ImportOptions::default()
    };
    assert_eq!(
        error_with(b"Date,Close\n2024-01-02,1\n", &options),
        ImportError::InvalidOption {
            setting: "date column",
            reason: "column 6 does not exist; the file has 2 columns".to_string()
        }
    );
}

#[test]
fn forced_header_row_beyond_the_file() {
    let options = ImportOptions {
        header: Some(rotation_lens::import::HeaderRow::Line(9)),
        ..ImportOptions::default()
    };
    assert_eq!(
        error_with(b"Date,Close\n2024-01-02,1\n", &options),
        ImportError::InvalidOption {
            setting: "header row",
            reason: "data cannot start on line 10: detection reads the first 2 lines".to_string()
        }
    );
}

#[test]
fn cancelled_import() {
    let control = ImportControl::default();
    control.cancel.store(true, Ordering::Relaxed);
    assert_eq!(
        import_with_control(daily(10).as_bytes(), &ImportOptions::default(), &control).err(),
        Some(ImportError::Cancelled)
    );
}

#[test]
fn errors_name_the_line_for_the_user() {
    let message = error_of(b"Date,Close\n2024-01-02,1\n2024-01-03,\"2").to_string();
    assert_eq!(
        message,
        "line 3, column 2: unterminated quote: a field opens with \" and never closes"
    );
}
