//! Bad input: files that cannot be imported fail with the exact error, naming the line (and
//! column where one applies); problems the importer can recover from are reported as skipped
//! lines or warnings with their line. Nothing half-imported reaches the caller: an error
//! carries no series at all.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::Ordering;

use common::{d, fixture_bytes, only_series};
use rotation_lens::import::{
    DateFormat, DateSeparator, DecimalSeparator, ImportControl, ImportError, ImportOptions,
    ImportOutcome, ImportWarning, Layout, SkipReason, SkippedLine, import, import_with_control,
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

/// The bytes of a file of the bad-file corpus, `tests/fixtures/bad/`.
fn bad(name: &str) -> Vec<u8> {
    fixture_bytes(&format!("bad/{name}"))
}

/// Imports a file of the bad-file corpus as `TEST.csv`, with default options.
fn outcome_of_file(name: &str) -> ImportOutcome {
    let options = ImportOptions {
        file_name: Some("TEST.csv".to_string()),
        ..ImportOptions::default()
    };
    import(&bad(name), &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn outcome_of(text: &str) -> ImportOutcome {
    outcome_with(text, &ImportOptions::default())
}

fn outcome_with(text: &str, options: &ImportOptions) -> ImportOutcome {
    let options = ImportOptions {
        file_name: Some("TEST.csv".to_string()),
        ..options.clone()
    };
    import(text.as_bytes(), &options).unwrap()
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
    assert_eq!(error_of(&bad("empty.csv")), ImportError::Empty);
}

#[test]
fn whitespace_only() {
    assert_eq!(error_of(&bad("whitespace-only.csv")), ImportError::Empty);
    // A byte-order mark and line ends are still nothing.
    assert_eq!(error_of(&bad("bom-only.csv")), ImportError::Empty);
}

#[test]
fn header_only() {
    assert_eq!(
        error_of(&bad("header-only.csv")),
        ImportError::NoDataRows { line: 1 }
    );
}

#[test]
fn header_after_a_title_then_only_blank_lines() {
    assert_eq!(
        error_of(&bad("title-then-blank-lines.csv")),
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
        error_of(&bad("html-after-blank-lines.csv")),
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
        error_of(&bad("old-workbook.xls")),
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
        error_of(&bad("nul-bytes.csv")),
        ImportError::Binary {
            what: "binary data (a zero byte)".to_string(),
            offset: 23
        }
    );
}

#[test]
fn plain_words_are_no_table() {
    assert_eq!(
        error_of(&bad("plain-words.csv")),
        ImportError::NoTable { lines: 2 }
    );
}

// ---------------------------------------------------------------- a table without its columns

#[test]
fn no_date_column() {
    assert_eq!(
        error_of(&bad("no-date-column.csv")),
        ImportError::NoDateColumn { line: 2 }
    );
    // A date header over cells that are not dates.
    assert_eq!(
        error_of(&bad("words-under-date-header.csv")),
        ImportError::NoDateColumn { line: 2 }
    );
}

#[test]
fn no_numeric_column() {
    assert_eq!(
        error_of(&bad("no-numeric-column.csv")),
        ImportError::NoNumericColumn { line: 2 }
    );
}

#[test]
fn all_values_missing() {
    assert_eq!(
        error_of(&bad("all-values-missing.csv")),
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
        error_of(&bad("unterminated-quote-date.csv")),
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
        error_of(&bad("unterminated-quote-value.csv")),
        ImportError::UnterminatedQuote { line: 3, column: 2 }
    );
    // On the last line, with no line end after it.
    assert_eq!(
        error_of(&bad("unterminated-quote-last-line.csv")),
        ImportError::UnterminatedQuote { line: 3, column: 2 }
    );
}

#[test]
fn a_quote_missing_within_one_line_of_a_quoted_file_spoils_only_that_row() {
    // In a file where every cell is quoted, the next cell's opening quote closes the broken
    // one: the row reads as garbage and is reported, the rows after it are intact.
    let outcome = outcome_of_file("quoted-cell-missing-quote.csv");
    assert_eq!(
        outcome.skipped,
        vec![skipped(3, SkipReason::BadNumber("4,320.06,4".to_string()))]
    );
    assert_eq!(only_series(&outcome).values(), [4330.0, 4337.44]);
}

#[test]
fn unterminated_quote_in_the_middle_closed_by_a_later_quote() {
    assert_eq!(
        error_of(&bad("quote-closed-later.csv")),
        ImportError::UnterminatedQuote {
            line: 12,
            column: 2
        }
    );
}

#[test]
fn line_break_inside_a_quoted_data_cell() {
    assert_eq!(
        error_of(&bad("line-break-in-quoted-cell.csv")),
        ImportError::UnterminatedQuote { line: 3, column: 3 }
    );
}

// ---------------------------------------------------------------- dates

#[test]
fn mixed_day_month_order() {
    assert_eq!(
        error_of(&bad("mixed-day-month-order.csv")),
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
            // No cell shows a separator of this order: every one it reads is named.
            expected: "DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY".to_string()
        }
    );
}

#[test]
fn ambiguous_day_month_order_is_a_warning() {
    let outcome = outcome_of_file("ambiguous-day-month.csv");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::AmbiguousDateOrder {
            assumed: DateFormat::MonthDayYear.with_separator(DateSeparator::Slash)
        }]
    );
    assert_eq!(only_series(&outcome).dates()[0], d("2024-01-02"));
    // With semicolons (a decimal-comma locale) the default is day first.
    let european = outcome_of("Datum;Schluss\n01.02.2024;1\n02.03.2024;2\n");
    assert_eq!(
        european.warnings,
        vec![ImportWarning::AmbiguousDateOrder {
            assumed: DateFormat::DayMonthYear.with_separator(DateSeparator::Dot)
        }]
    );
    assert_eq!(
        european.warnings[0].to_string(),
        "every date reads both as day/month and month/day; assumed DD.MM.YYYY — change the date format if that is wrong"
    );
    assert_eq!(only_series(&european).dates()[0], d("2024-02-01"));
}

#[test]
fn time_of_day_row() {
    let outcome = outcome_of_file("time-of-day-row.csv");
    assert_eq!(
        outcome.skipped,
        vec![skipped(2, SkipReason::TimeOfDay("16:00".to_string()))]
    );
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::TimeOfDayRows {
            rows: 1,
            lines: vec![2]
        }]
    );
    assert_eq!(only_series(&outcome).len(), 2);
}

#[test]
fn several_time_of_day_rows_are_one_warning() {
    let outcome =
        outcome_of("Date,Close\n16:00,5\n2024-01-02,1\n9:30 AM,6\n2024-01-03,2\n2024-01-04,3\n");
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(2, SkipReason::TimeOfDay("16:00".to_string())),
            skipped(4, SkipReason::TimeOfDay("9:30 AM".to_string())),
        ]
    );
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::TimeOfDayRows {
            rows: 2,
            lines: vec![2, 4]
        }]
    );
    assert_eq!(
        outcome.warnings[0].to_string(),
        "lines 2, 4: 2 rows have a time of day (intraday rows) in place of a date; they were skipped"
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0]);
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
    let outcome = outcome_of_file("bad-date-in-the-middle.csv");
    assert_eq!(
        outcome.skipped,
        vec![skipped(3, SkipReason::BadDate("2024-13-45".to_string()))]
    );
}

// ---------------------------------------------------------------- values

#[test]
fn non_positive_prices_are_left_out_with_a_warning() {
    let outcome = outcome_of_file("negative-and-zero-prices.csv");
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
    let outcome = outcome_of_file("nan-and-inf.csv");
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
    let outcome = outcome_of_file("too-few-fields.csv");
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
    let outcome = outcome_of_file("trailing-summary.csv");
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
    let outcome = outcome_of_file("mixed-decimal-separators.csv");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::MixedDecimalSeparators {
            column: 2,
            used: DecimalSeparator::Point
        }]
    );
    // `3,5` has no reading with a decimal point: a comma there groups no thousands. It is
    // skipped and reported, not read as 35.
    assert_eq!(
        outcome.skipped,
        vec![skipped(4, SkipReason::BadNumber("3,5".to_string()))]
    );
    assert_eq!(only_series(&outcome).values(), [1.5, 2.5]);
}

#[test]
fn a_column_whose_every_value_reads_both_ways_says_which_reading_was_taken() {
    let outcome = outcome_of_file("every-value-reads-both-ways.csv");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::AmbiguousDecimalSeparator {
            column: 2,
            used: DecimalSeparator::Point,
            example: "1.000".to_string()
        }]
    );
    assert_eq!(
        outcome.warnings[0].to_string(),
        "column 2: every value reads with either decimal separator (\"1.000\" is 1 with a decimal \
         point, 1000 with a decimal comma); read with a decimal point — change the decimal \
         separator setting if that is wrong"
    );
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.5]);

    // The setting the warning points to reads the other way, and then nothing is assumed.
    let comma = import(
        &bad("every-value-reads-both-ways.csv"),
        &ImportOptions {
            decimal_separator: Some(DecimalSeparator::Comma),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(comma.warnings, Vec::new());
    assert_eq!(only_series(&comma).values(), [1000.0, 2000.0, 3500.0]);
}

#[test]
fn a_semicolon_file_of_values_that_read_both_ways_assumes_a_decimal_comma_and_says_so() {
    let outcome = outcome_of("Date;Close\n2024-01-02;1.000\n2024-01-03;2.000\n2024-01-04;3.500\n");
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::AmbiguousDecimalSeparator {
            column: 2,
            used: DecimalSeparator::Comma,
            example: "1.000".to_string()
        }]
    );
    assert!(outcome.warnings[0].to_string().contains(
        "(\"1.000\" is 1000 with a decimal comma, 1 with a decimal point); read with a decimal comma"
    ));
    assert_eq!(only_series(&outcome).values(), [1000.0, 2000.0, 3500.0]);
}

#[test]
fn another_column_settles_values_that_read_both_ways() {
    // `-1,25%` can only have a decimal comma: the closes beside it are thousands.
    let outcome = outcome_of(
        "Date;Close;Change %\n2024-01-02;1.000;0,5%\n2024-01-03;2.000;-1,25%\n2024-01-04;3.500;2,5%\n",
    );
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(only_series(&outcome).values(), [1000.0, 2000.0, 3500.0]);
    // And one value of the column itself settles it too.
    let outcome = outcome_of("Date,Close\n2024-01-02,1.000\n2024-01-03,2.000\n2024-01-04,3.25\n");
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.25]);
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
    let edges = outcome_of_file("placeholder-zeros.csv");
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
    let outcome = outcome_of_file("intraday-rows.csv");
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
    let outcome = outcome_of_file("utf16-without-bom.csv");
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
    let message = error_of(&bad("unterminated-quote-last-line.csv")).to_string();
    assert_eq!(
        message,
        "line 3, column 2: unterminated quote: a field opens with \" and never closes"
    );
}

// ---------------------------------------------------------------- the rest of the corpus

#[test]
fn json_saved_as_csv_is_no_table() {
    assert_eq!(
        error_of(&bad("prices.json")),
        ImportError::NoTable { lines: 1 }
    );
}

#[test]
fn a_date_column_of_times_is_no_date_column() {
    assert_eq!(
        error_of(&bad("dates-are-times.csv")),
        ImportError::NoDateColumn { line: 2 }
    );
}

#[test]
fn windows_1252_with_undefined_bytes_names_the_first_data_line() {
    // 0x81 and 0x8D have no character in Windows-1252: the cell is not a number, and with
    // three values of "1,5" the comma reads as the delimiter, leaving no numeric column.
    assert_eq!(
        error_of(&bad("windows-1252-bad-bytes.csv")),
        ImportError::NoNumericColumn { line: 2 }
    );
}

#[test]
fn mixed_delimiters_skip_the_rows_in_another_delimiter() {
    let outcome = outcome_of_file("mixed-delimiters.csv");
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(4, SkipReason::BadDate("2024-01-04;3".to_string())),
            skipped(5, SkipReason::BadDate("2024-01-05\t4".to_string())),
        ]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 5.0]);
}

#[test]
fn carriage_return_line_ends() {
    let outcome = outcome_of_file("cr-line-ends.csv");
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0]);
    assert_eq!(only_series(&outcome).dates()[2], d("2024-01-04"));
}

#[test]
fn a_repeated_header_row_is_skipped_as_preamble() {
    let outcome = outcome_of_file("two-header-rows.csv");
    assert_eq!(outcome.skipped, vec![skipped(1, SkipReason::Preamble)]);
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0]);
}

#[test]
fn extra_fields_on_some_rows_are_ignored() {
    let outcome = outcome_of_file("extra-columns.csv");
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::ExtraFields {
            rows: 2,
            lines: vec![3, 5],
            columns: 2
        }]
    );
    assert_eq!(
        outcome.warnings[0].to_string(),
        "lines 3, 5: 2 rows have more fields than the 2 columns of the header; what is written beyond them was ignored"
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0, 4.0, 5.0]);
}

#[test]
fn a_trailing_delimiter_is_no_extra_field() {
    let outcome = outcome_of("Date,Close\n2024-01-02,1,\n2024-01-03,2,\n2024-01-04,3, \n");
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0]);
}

#[test]
fn many_rows_with_extra_fields_are_counted_and_the_first_lines_named() {
    let mut text = String::from("Date,Close\n");
    for day in 1..=28 {
        // Every third row carries a note the header has no column for.
        let note = if day % 3 == 0 { ",note" } else { "" };
        text.push_str(&format!("2024-02-{day:02},{day}{note}\n"));
    }
    // A footer line with extra fields is a footer, not a data row.
    text.push_str("Total,x,y,z\n");
    let outcome = outcome_of(&text);
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::ExtraFields {
            rows: 9,
            lines: vec![4, 7, 10, 13, 16],
            columns: 2
        }]
    );
    assert_eq!(outcome.warnings[0].line(), Some(4));
    assert!(
        outcome.warnings[0]
            .to_string()
            .starts_with("lines 4, 7, 10, 13, 16, …: 9 rows have more fields")
    );
    assert_eq!(outcome.skipped, vec![skipped(30, SkipReason::Footer)]);
    assert_eq!(only_series(&outcome).len(), 28);
}

#[test]
fn a_semicolon_file_broken_midway() {
    let outcome = outcome_of_file("semicolon-decimal-comma-broken.csv");
    // The comma-delimited row cannot be read as a date. The short row's `1.2` is no number
    // with a decimal comma (a dot there would group thousands, and `2` is no group of three):
    // it is reported, never read as 12.
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(4, SkipReason::BadNumber("1.2".to_string())),
            skipped(5, SkipReason::BadDate("2024-01-05,1250.5,3000".to_string())),
        ]
    );
    assert_eq!(
        outcome.warnings,
        vec![
            ImportWarning::AmbiguousDateOrder {
                assumed: DateFormat::DayMonthYear.with_separator(DateSeparator::Dot)
            },
            ImportWarning::MixedDecimalSeparators {
                column: 2,
                used: DecimalSeparator::Comma
            },
        ]
    );
    let series = only_series(&outcome);
    assert_eq!(series.len(), 3);
    assert_eq!(series.value_on(d("2024-01-02")), Some(1234.56));
    assert_eq!(series.value_on(d("2024-01-03")), Some(1240.1));
    assert_eq!(series.value_on(d("2024-01-04")), None);
    assert_eq!(series.value_on(d("2024-01-06")), Some(1260.0));
}

#[test]
fn year_0001_and_epoch_zero_rows() {
    let outcome = outcome_of_file("year-0001-and-epoch-zero.csv");
    let year_one = Date::from_ymd(1, 1, 1).unwrap_or_else(|| panic!("year 1"));
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(4, SkipReason::ImplausibleDate(year_one)),
            skipped(6, SkipReason::EpochPlaceholder),
        ]
    );
    // Two 1970-01-01 rows: the later one is kept over the earlier, then dropped as a zero
    // timestamp; both lines are accounted for.
    assert_eq!(
        outcome.warnings,
        vec![
            ImportWarning::DatesOutOfOrder { line: 6 },
            ImportWarning::DuplicateDate {
                series: "TEST".to_string(),
                date: d("1970-01-01"),
                dropped_line: 2,
                kept_line: 6
            },
        ]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 3.0, 4.0]);
}

#[test]
fn future_dates_file() {
    let outcome = outcome_of_file("future-dates.csv");
    // The first future row stands for all that follow.
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::FutureDate {
            line: 4,
            date: d("2099-12-31")
        }]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn dates_out_of_order_with_duplicates() {
    let outcome = outcome_of_file("out-of-order-with-duplicates.csv");
    assert_eq!(
        outcome.warnings,
        vec![
            ImportWarning::DatesOutOfOrder { line: 4 },
            ImportWarning::DuplicateDate {
                series: "TEST".to_string(),
                date: d("2024-01-03"),
                dropped_line: 4,
                kept_line: 5
            },
            ImportWarning::DuplicateDate {
                series: "TEST".to_string(),
                date: d("2024-01-05"),
                dropped_line: 6,
                kept_line: 7
            },
        ]
    );
    assert_eq!(only_series(&outcome).values(), [1.0, 2.5, 3.0, 4.5]);
}

#[test]
fn non_numeric_value_cells_file() {
    let outcome = outcome_of_file("non-numeric-values.csv");
    assert_eq!(
        outcome.skipped,
        vec![
            skipped(9, SkipReason::BadNumber("see note".to_string())),
            skipped(16, SkipReason::BadNumber("n/a (holiday)".to_string())),
        ]
    );
    assert_eq!(only_series(&outcome).len(), 18);
}

#[test]
fn a_very_wide_header_gives_one_series_per_column() {
    let outcome = outcome_of_file("very-wide-header.csv");
    assert_eq!(outcome.series.len(), 5000);
    assert_eq!(outcome.series[0].name, "S0");
    assert_eq!(outcome.series[4999].name, "S4999");
    assert!(outcome.series.iter().all(|s| s.values() == [1.0, 2.0]));
}

#[test]
fn a_ten_megabyte_single_line() {
    // Generated here rather than committed: 10 MB of digits after a header, then the same
    // bytes with no line end at all.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-long-line.csv");
    let mut bytes = b"Date,Close\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'9', 10_000_000));
    bytes.push(b'\n');
    std::fs::write(&path, &bytes).unwrap();
    let read = std::fs::read(&path).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(error_of(&read), ImportError::NoDateColumn { line: 2 });
    let with_a_date: Vec<u8> = [b"Date,Close\n2024-01-02,".as_slice(), &read[11..]].concat();
    assert_eq!(
        error_of(&with_a_date),
        ImportError::NoNumericColumn { line: 2 }
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// Every file in the folder is described in its README table, and every file the table names
/// is there: the table stays complete.
#[test]
fn the_corpus_readme_lists_every_file() {
    let folder = common::fixture_path("bad");
    let readme = std::fs::read_to_string(folder.join("README.md")).unwrap_or_default();
    let listed: Vec<String> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_string)
        .filter(|name| !name.contains(' '))
        .collect();
    let mut present: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    present.sort();
    let mut committed = listed.clone();
    committed.retain(|name| present.contains(name));
    committed.sort();
    assert_eq!(committed, present, "files missing from the README table");
    assert!(present.len() >= 40, "{} files", present.len());
    // The generated cases are listed too.
    assert!(listed.iter().any(|name| name == "one-long-line.csv"));
}
