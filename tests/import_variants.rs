//! The same real data written the ways other sites, spreadsheets and locales write it must
//! import to exactly the same series: the Yahoo Finance ^GSPC file (17 470 days) rewritten as
//! Investing.com, Nasdaq.com, MarketWatch/WSJ and European spreadsheet exports, in UTF-16 and
//! Windows-1252, newest first, with a preamble and a footer, with other line ends and
//! delimiters, and as wide and long tables; Shiller's table with decimal year-month dates.
//! Every value is written with the digits of the original cell, so "the same" means equal
//! floating-point numbers. Options pinned by the caller override detection.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use common::{d, fixture_bytes, import_named, only_series, series_named, value_on};
use rotation_lens::import::{
    DateFormat, DateSeparator, DecimalSeparator, Delimiter, HeaderRow, ImportOptions,
    ImportOutcome, ImportWarning, Layout, LineEnding, SkipReason, SkippedLine, TextEncoding,
    import,
};
use rotation_lens::model::{Series, SeriesKind};

/// One row of a Yahoo Finance file, each cell as written.
struct Row {
    date: String,
    open: String,
    high: String,
    low: String,
    close: String,
    volume: String,
}

impl Row {
    fn ymd(&self) -> (&str, &str, &str) {
        (&self.date[0..4], &self.date[5..7], &self.date[8..10])
    }
}

fn yahoo_rows(file: &str) -> Vec<Row> {
    let text = String::from_utf8(fixture_bytes(file)).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 7, "{line}");
            Row {
                date: cells[0].to_string(),
                open: cells[1].to_string(),
                high: cells[2].to_string(),
                low: cells[3].to_string(),
                // Close and Adj Close are equal in index files; Adj Close is what is imported.
                close: cells[5].to_string(),
                volume: cells[6].to_string(),
            }
        })
        .collect()
}

fn gspc_rows() -> Vec<Row> {
    yahoo_rows("real/yahoo/^GSPC.csv")
}

fn original(file: &str) -> Series {
    let outcome = import_named(
        &fixture_bytes(file),
        file.rsplit('/').next().unwrap_or(file),
    );
    only_series(&outcome).clone()
}

fn gspc() -> Series {
    original("real/yahoo/^GSPC.csv")
}

/// `1234567.891` written with `thousands` between digit groups and `decimal` before the fraction.
fn grouped(cell: &str, thousands: &str, decimal: &str) -> String {
    let (integer, fraction) = cell.split_once('.').unwrap_or((cell, ""));
    let digits: Vec<char> = integer.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(thousands);
        }
        out.push(*c);
    }
    if !fraction.is_empty() {
        out.push_str(decimal);
        out.push_str(fraction);
    }
    out
}

/// An Investing.com-style volume: `1.26M`, `3.22B`.
fn short_volume(cell: &str) -> String {
    let volume: f64 = cell.parse().unwrap_or_else(|e| panic!("{cell}: {e}"));
    if volume >= 1e9 {
        format!("{:.2}B", volume / 1e9)
    } else {
        format!("{:.2}M", volume / 1e6)
    }
}

fn assert_same(variant: &Series, expected: &Series) {
    assert_eq!(variant.len(), expected.len(), "{}", variant.name);
    assert_eq!(variant.dates(), expected.dates(), "{}", variant.name);
    assert_eq!(variant.values(), expected.values(), "{}", variant.name);
}

fn import_with(bytes: &[u8], options: &ImportOptions) -> ImportOutcome {
    import(bytes, options).unwrap()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}

// ---------------------------------------------------------------- other sites

#[test]
fn investing_com_style_with_footer() {
    let rows = gspc_rows();
    let mut text = String::from(
        "\u{feff}\"Date\",\"Price\",\"Open\",\"High\",\"Low\",\"Vol.\",\"Change %\"\n",
    );
    for (i, row) in rows.iter().enumerate().rev() {
        let (y, m, day) = row.ymd();
        let change = match i.checked_sub(1) {
            Some(previous) => {
                let now: f64 = row.close.parse().unwrap_or(0.0);
                let before: f64 = rows[previous].close.parse().unwrap_or(1.0);
                format!("{:.2}%", (now / before - 1.0) * 100.0)
            }
            None => "0.00%".to_string(),
        };
        let cells = [
            format!("{m}/{day}/{y}"),
            grouped(&row.close, ",", "."),
            grouped(&row.open, ",", "."),
            grouped(&row.high, ",", "."),
            grouped(&row.low, ",", "."),
            short_volume(&row.volume),
            change,
        ];
        let quoted: Vec<String> = cells.iter().map(|c| format!("\"{c}\"")).collect();
        text.push_str(&quoted.join(","));
        text.push('\n');
    }
    // The summary block older Investing.com exports append.
    text.push_str("\"Highest: 2,954.13\",\"Lowest: 13.55\",\"Difference: 2,940.58\",\"Average: 661.52\",\"Change %: 17,146.58\"\n");

    let outcome = import_named(text.as_bytes(), "S&P 500 Historical Data.csv");
    let detected = &outcome.detected;
    assert_eq!(detected.source, "Investing.com");
    assert_eq!(detected.encoding, TextEncoding::Utf8Bom);
    assert_eq!(detected.date_format.format, DateFormat::MonthDayYear);
    assert_eq!(detected.date_format.label(), "MM/DD/YYYY");
    assert_eq!(detected.layout, Layout::Single { column: 1 });
    assert_eq!(
        detected.decimal_separators,
        vec![(1, DecimalSeparator::Point)]
    );
    assert!(detected.newest_first);
    assert_eq!(
        outcome.skipped,
        vec![SkippedLine {
            line: rows.len() + 2,
            reason: SkipReason::Footer
        }]
    );
    let series = only_series(&outcome);
    assert_eq!(series.name, "S&P 500");
    assert_same(series, &gspc());
}

#[test]
fn nasdaq_com_style_with_dollar_signs_and_thousands_commas() {
    let rows = gspc_rows();
    let mut text = String::from("Date,Close/Last,Volume,Open,High,Low\r\n");
    for row in rows.iter().rev() {
        let (y, m, day) = row.ymd();
        // `$2,873.34` needs quotes around its comma.
        let dollars = |cell: &str| format!("\"${}\"", grouped(cell, ",", "."));
        text.push_str(&format!(
            "{m}/{day}/{y},{},{},{},{},{}\r\n",
            dollars(&row.close),
            row.volume,
            dollars(&row.open),
            dollars(&row.high),
            dollars(&row.low)
        ));
    }
    let outcome = import_named(text.as_bytes(), "HistoricalData_1560000000000.csv");
    assert_eq!(outcome.detected.source, "Nasdaq.com");
    assert_eq!(outcome.detected.line_ending, LineEnding::CrLf);
    assert_eq!(outcome.detected.layout, Layout::Single { column: 1 });
    assert!(outcome.detected.newest_first);
    assert_eq!(outcome.skipped, Vec::new());
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn marketwatch_style_with_spaces_and_two_digit_years() {
    // Two-digit years read 69–99 as 19xx, so the file starts in 1969 as such exports would.
    let rows: Vec<Row> = gspc_rows()
        .into_iter()
        .filter(|r| r.date.as_str() >= "1969-01-01")
        .collect();
    let mut text = String::from("Date, Open, High, Low, Close\n");
    for row in rows.iter().rev() {
        let (y, m, day) = row.ymd();
        text.push_str(&format!(
            "{m}/{day}/{}, {}, {}, {}, {}\n",
            &y[2..],
            row.open,
            row.high,
            row.low,
            row.close
        ));
    }
    let outcome = import_named(text.as_bytes(), "HistoricalPrices.csv");
    assert_eq!(outcome.detected.source, "MarketWatch/WSJ");
    assert_eq!(
        outcome.detected.date_format.format,
        DateFormat::MonthDayYear
    );
    assert_eq!(outcome.detected.date_format.label(), "MM/DD/YYYY");
    assert_eq!(
        outcome.detected.headers,
        ["Date", "Open", "High", "Low", "Close"]
    );
    assert_eq!(outcome.detected.layout, Layout::Single { column: 4 });
    assert_eq!(outcome.warnings, Vec::new());
    let series = only_series(&outcome);
    let full = gspc();
    let start = full.index_on_or_after(d("1969-01-01")).unwrap_or(0);
    assert_eq!(series.dates(), &full.dates()[start..]);
    assert_eq!(series.values(), &full.values()[start..]);
    assert_eq!(series.first().map(|(date, _)| date), Some(d("1969-01-02")));
}

// ---------------------------------------------------------------- locales and encodings

#[test]
fn european_semicolons_decimal_comma_dotted_dates_and_dot_thousands() {
    let rows = gspc_rows();
    let mut text = String::from("Datum;Eröffnung;Hoch;Tief;Schluss;Volumen\n");
    for row in &rows {
        let (y, m, day) = row.ymd();
        text.push_str(&format!(
            "{day}.{m}.{y};{};{};{};{};{}\n",
            grouped(&row.open, ".", ","),
            grouped(&row.high, ".", ","),
            grouped(&row.low, ".", ","),
            grouped(&row.close, ".", ","),
            grouped(&row.volume, ".", ","),
        ));
    }
    let outcome = import_named(text.as_bytes(), "GSPC.csv");
    let detected = &outcome.detected;
    assert_eq!(detected.delimiter, Delimiter::Semicolon);
    assert_eq!(detected.date_format.format, DateFormat::DayMonthYear);
    assert_eq!(detected.date_format.label(), "DD.MM.YYYY");
    assert_eq!(detected.layout, Layout::Single { column: 4 });
    assert_eq!(
        detected.decimal_separators,
        vec![(4, DecimalSeparator::Comma)]
    );
    assert_eq!(outcome.warnings, Vec::new());
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn utf16_little_endian_tab_separated_excel_unicode_text() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv"))
        .unwrap()
        .replace(',', "\t")
        .replace('\n', "\r\n");
    let outcome = import_named(&utf16(&text, true), "^GSPC.txt");
    assert_eq!(outcome.detected.encoding, TextEncoding::Utf16Le);
    assert_eq!(outcome.detected.delimiter, Delimiter::Tab);
    assert_eq!(outcome.detected.line_ending, LineEnding::CrLf);
    assert_eq!(outcome.detected.source, "Yahoo Finance");
    assert_eq!(outcome.warnings, Vec::new());
    let series = only_series(&outcome);
    assert_eq!(series.name, "^GSPC");
    assert_same(series, &gspc());
}

#[test]
fn utf16_big_endian_tab_separated() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv"))
        .unwrap()
        .replace(',', "\t");
    let outcome = import_named(&utf16(&text, false), "^GSPC.txt");
    assert_eq!(outcome.detected.encoding, TextEncoding::Utf16Be);
    assert_eq!(outcome.detected.delimiter, Delimiter::Tab);
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn windows_1252_with_a_german_header() {
    let rows = gspc_rows();
    let mut text = String::from("Datum;Eröffnung;Hoch;Tief;Schlußkurs;Volumen\r\n");
    for row in &rows {
        let (y, m, day) = row.ymd();
        text.push_str(&format!(
            "{day}.{m}.{y};{};{};{};{};{}\r\n",
            row.open.replace('.', ","),
            row.high.replace('.', ","),
            row.low.replace('.', ","),
            row.close.replace('.', ","),
            row.volume,
        ));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(bytes.contains(&0xDF), "ß is one byte in Windows-1252");
    let outcome = import_named(&bytes, "GSPC.csv");
    assert_eq!(outcome.detected.encoding, TextEncoding::Windows1252);
    assert_eq!(outcome.detected.headers[4], "Schlußkurs");
    assert_eq!(outcome.detected.layout, Layout::Single { column: 4 });
    let series = only_series(&outcome);
    assert_eq!(series.source.column, "Schlußkurs");
    assert_same(series, &gspc());
}

// ---------------------------------------------------------------- order, preamble, footer

#[test]
fn newest_first_comes_out_oldest_first() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    let reversed = lines.join("\n");
    let outcome = import_named(reversed.as_bytes(), "^GSPC.csv");
    assert!(outcome.detected.newest_first);
    assert_eq!(outcome.warnings, Vec::new());
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn preamble_and_footer_lines_are_skipped_and_reported() {
    let body = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv")).unwrap();
    let text = format!(
        "S&P 500 (^GSPC)\nSource: Yahoo Finance, downloaded 2019-06-08\nCurrency in USD\n\n{body}\nData may be delayed.\nCopyright 2019, all rights reserved\n"
    );
    let outcome = import_named(text.as_bytes(), "^GSPC.csv");
    assert_eq!(outcome.detected.header, HeaderRow::Line(5));
    assert_eq!(outcome.detected.source, "Yahoo Finance");
    let data_lines = 17470;
    let footer_first = 5 + data_lines + 2;
    let skipped: Vec<(usize, SkipReason)> = outcome
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.clone()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (1, SkipReason::Preamble),
            (2, SkipReason::Preamble),
            (3, SkipReason::Preamble),
            (footer_first, SkipReason::Footer),
            (footer_first + 1, SkipReason::Footer),
        ]
    );
    assert_eq!(outcome.rows_read, data_lines);
    assert_same(only_series(&outcome), &gspc());
}

// ---------------------------------------------------------------- line ends and delimiters

#[test]
fn carriage_return_line_ends() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv"))
        .unwrap()
        .replace('\n', "\r");
    let outcome = import_named(text.as_bytes(), "^GSPC.csv");
    assert_eq!(outcome.detected.line_ending, LineEnding::Cr);
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn crlf_line_ends() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv"))
        .unwrap()
        .replace('\n', "\r\n");
    let outcome = import_named(text.as_bytes(), "^GSPC.csv");
    assert_eq!(outcome.detected.line_ending, LineEnding::CrLf);
    assert_same(only_series(&outcome), &gspc());
}

#[test]
fn pipe_delimited() {
    let text = String::from_utf8(fixture_bytes("real/yahoo/^GSPC.csv"))
        .unwrap()
        .replace(',', "|");
    let outcome = import_named(text.as_bytes(), "^GSPC.csv");
    assert_eq!(outcome.detected.delimiter, Delimiter::Pipe);
    assert_eq!(outcome.detected.layout, Layout::Single { column: 5 });
    assert_same(only_series(&outcome), &gspc());
}

// ---------------------------------------------------------------- wide and long tables

#[test]
fn wide_table_one_series_per_column() {
    let files = [
        ("^GSPC", "real/yahoo/^GSPC.csv"),
        ("^RUT", "real/yahoo/^RUT.csv"),
        ("^NDX", "real/yahoo/^NDX.csv"),
    ];
    let mut table: std::collections::BTreeMap<String, [String; 3]> = Default::default();
    for (index, (_, file)) in files.iter().enumerate() {
        for row in yahoo_rows(file) {
            table.entry(row.date.clone()).or_default()[index] = row.close;
        }
    }
    let mut text = String::from("Date,^GSPC,^RUT,^NDX\n");
    for (date, cells) in &table {
        text.push_str(&format!("{date},{}\n", cells.join(",")));
    }
    let outcome = import_named(text.as_bytes(), "indexes.csv");
    assert_eq!(
        outcome.detected.layout,
        Layout::Wide {
            columns: vec![1, 2, 3]
        }
    );
    assert_eq!(outcome.rows_read, 17800);
    assert_eq!(outcome.series.len(), 3);
    for (name, file) in files {
        let series = series_named(&outcome, name);
        assert_eq!(series.kind, SeriesKind::Price);
        assert_same(series, &original(file));
    }
}

#[test]
fn long_table_one_series_per_symbol() {
    let files = [
        ("^GSPC", "real/yahoo/^GSPC.csv"),
        ("^RUT", "real/yahoo/^RUT.csv"),
    ];
    let mut rows: Vec<(String, &str, String)> = Vec::new();
    for (symbol, file) in files {
        rows.extend(
            yahoo_rows(file)
                .into_iter()
                .map(|row| (row.date, symbol, row.close)),
        );
    }
    rows.sort();
    let mut text = String::from("Date,Symbol,Close\n");
    for (date, symbol, close) in &rows {
        text.push_str(&format!("{date},{symbol},{close}\n"));
    }
    let outcome = import_named(text.as_bytes(), "closes.csv");
    assert_eq!(
        outcome.detected.layout,
        Layout::Long {
            symbol_column: 1,
            value_column: 2
        }
    );
    assert_eq!(outcome.series.len(), 2);
    assert_eq!(outcome.warnings, Vec::new());
    for (name, file) in files {
        assert_same(series_named(&outcome, name), &original(file));
    }
}

/// The ^GSPC and ^RUT files as one long table with `header`, each row written by `row` from
/// the symbol and the Yahoo row.
fn long_table(header: &str, row: impl Fn(&str, &Row) -> String) -> String {
    let mut rows: Vec<(String, &str, String)> = Vec::new();
    for (symbol, file) in [
        ("^GSPC", "real/yahoo/^GSPC.csv"),
        ("^RUT", "real/yahoo/^RUT.csv"),
    ] {
        rows.extend(
            yahoo_rows(file)
                .iter()
                .map(|r| (r.date.clone(), symbol, row(symbol, r))),
        );
    }
    rows.sort();
    let mut text = format!("{header}\n");
    for (_, _, line) in &rows {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[test]
fn long_table_with_price_file_fields_gives_one_series_per_symbol() {
    let ohlcv = long_table(
        "Date,Symbol,Open,High,Low,Close,Adj Close,Volume",
        |symbol, r| {
            format!(
                "{},{symbol},{},{},{},{},{},{}",
                r.date, r.open, r.high, r.low, r.close, r.close, r.volume
            )
        },
    );
    let close_volume = long_table("Date,Ticker,Close,Volume", |symbol, r| {
        format!("{},{symbol},{},{}", r.date, r.close, r.volume)
    });
    for (text, value_column) in [(ohlcv, 6), (close_volume, 2)] {
        let outcome = import_named(text.as_bytes(), "prices.csv");
        assert_eq!(
            outcome.detected.layout,
            Layout::Long {
                symbol_column: 1,
                value_column
            }
        );
        assert_eq!(outcome.detected.series_name, None);
        assert_eq!(outcome.series.len(), 2);
        assert_eq!(outcome.warnings, Vec::new());
        assert_same(series_named(&outcome, "^GSPC"), &gspc());
        assert_same(
            series_named(&outcome, "^RUT"),
            &original("real/yahoo/^RUT.csv"),
        );
    }
}

#[test]
fn long_table_takes_adj_close_over_close_like_a_price_file() {
    let text = "Date,Symbol,Adj Close,Close\n\
        2024-01-02,SPX,1.5,10\n\
        2024-01-02,RUT,2.5,20\n\
        2024-01-03,SPX,3.5,30\n\
        2024-01-03,RUT,4.5,40\n";
    let outcome = import_named(text.as_bytes(), "long.csv");
    assert_eq!(
        outcome.detected.layout,
        Layout::Long {
            symbol_column: 1,
            value_column: 2
        }
    );
    let names: Vec<&str> = outcome.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["SPX", "RUT"]);
    assert_eq!(series_named(&outcome, "SPX").values(), [1.5, 3.5]);
    assert_eq!(series_named(&outcome, "RUT").values(), [2.5, 4.5]);
    assert_eq!(
        series_named(&outcome, "RUT").dates(),
        [d("2024-01-02"), d("2024-01-03")]
    );

    // Volume is never the series, whichever column it is in.
    let text = "Date,Symbol,Close,Volume\n\
        2024-01-02,SPX,1,100\n\
        2024-01-02,RUT,2,100\n\
        2024-01-03,SPX,3,100\n\
        2024-01-03,RUT,4,100\n";
    let outcome = import_named(text.as_bytes(), "long_cv.csv");
    assert_eq!(series_named(&outcome, "SPX").values(), [1.0, 3.0]);
    assert_eq!(series_named(&outcome, "RUT").values(), [2.0, 4.0]);
    assert_eq!(outcome.series.len(), 2);
}

// ---------------------------------------------------------------- Shiller's own date format

#[test]
fn shiller_decimal_year_month_dates_with_a_preamble() {
    let csv = String::from_utf8(fixture_bytes("real/shiller/data.csv")).unwrap();
    // The spreadsheet writes October as `1871.1` (a number), the other months `1871.01`….
    let mut text =
        String::from("Stock Market Data Used in \"Irrational Exuberance\"\nRobert J. Shiller\n\n");
    for (index, line) in csv.lines().enumerate() {
        if index == 0 {
            text.push_str(line);
        } else {
            let (date, rest) = line.split_once(',').unwrap_or((line, ""));
            let (year, month) = (&date[0..4], &date[5..7]);
            let month = if month == "10" { "1" } else { month };
            text.push_str(&format!("{year}.{month},{rest}"));
        }
        text.push('\n');
    }
    let variant = import_named(text.as_bytes(), "ie_data.csv");
    assert_eq!(
        variant.detected.date_format.format,
        DateFormat::DecimalYearMonth
    );
    assert_eq!(
        variant.detected.date_format.label(),
        "YYYY.MM (monthly, decimal year-month)"
    );
    assert_eq!(variant.detected.header, HeaderRow::Line(4));
    assert_eq!(variant.skipped.len(), 2);
    let expected = import_named(csv.as_bytes(), "data.csv");
    assert_eq!(variant.series.len(), 9);
    for (series, original) in variant.series.iter().zip(&expected.series) {
        assert_eq!(series.name, original.name);
        assert_same(series, original);
    }
    let sp500 = series_named(&variant, "SP500");
    assert_eq!(value_on(sp500, "1871-10-01"), 4.59);
    assert_eq!(value_on(sp500, "1929-10-01"), 27.99);
    // The warnings name the same lines, shifted by the preamble.
    let shifted: Vec<ImportWarning> = expected
        .warnings
        .iter()
        .map(|w| match w {
            ImportWarning::PlaceholderZeros {
                series,
                count,
                first_line,
                last_line,
            } => ImportWarning::PlaceholderZeros {
                series: series.clone(),
                count: *count,
                first_line: first_line + 3,
                last_line: last_line + 3,
            },
            other => other.clone(),
        })
        .collect();
    assert_eq!(variant.warnings, shifted);
}

// ---------------------------------------------------------------- options pinned by the caller

#[test]
fn detected_settings_as_options_read_the_file_the_same_way() {
    for file in [
        "real/investing-br/Dados Históricos - Ibovespa.csv",
        "real/nasdaq/HistoricalQuotes.csv",
        "real/shiller/data.csv",
        "real/fred/T10Y2Y.csv",
    ] {
        let bytes = fixture_bytes(file);
        let name = file.rsplit('/').next().unwrap_or(file);
        let detected = import_named(&bytes, name);
        let pinned = import_with(
            &bytes,
            &detected.detected.to_options(Some(name.to_string())),
        );
        assert_eq!(pinned.series.len(), detected.series.len(), "{file}");
        for (a, b) in pinned.series.iter().zip(&detected.series) {
            assert_eq!(a.name, b.name);
            assert_same(a, b);
        }
        assert_eq!(pinned.skipped, detected.skipped, "{file}");
        assert_eq!(pinned.warnings, detected.warnings, "{file}");
    }
}

#[test]
fn a_pinned_layout_chooses_the_columns() {
    let bytes = fixture_bytes("real/yahoo/orcl-1995-2014.txt");
    let close = import_with(
        &bytes,
        &ImportOptions {
            layout: Some(Layout::Single { column: 4 }),
            ..ImportOptions::default()
        },
    );
    // Close, not the Adj Close (14.836694) detection takes.
    assert_eq!(value_on(only_series(&close), "2008-10-10"), 16.68);

    let wide = import_with(
        &bytes,
        &ImportOptions {
            layout: Some(Layout::Wide {
                columns: vec![1, 4],
            }),
            ..ImportOptions::default()
        },
    );
    let names: Vec<&str> = wide.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Open", "Close"]);
    assert_eq!(value_on(&wide.series[0], "2008-10-10"), 15.70);
    assert_eq!(value_on(&wide.series[1], "2008-10-10"), 16.68);
}

#[test]
fn a_pinned_date_format_overrides_the_default_order() {
    let text = "Date,Close\n01/02/2024,10\n02/03/2024,11\n03/04/2024,12\n";
    let detected = import_named(text.as_bytes(), "x.csv");
    assert_eq!(
        detected.warnings,
        vec![ImportWarning::AmbiguousDateOrder {
            assumed: DateFormat::MonthDayYear.with_separator(DateSeparator::Slash)
        }]
    );
    assert_eq!(only_series(&detected).dates()[0], d("2024-01-02"));

    let pinned = import_with(
        text.as_bytes(),
        &ImportOptions {
            date_format: Some(DateFormat::DayMonthYear),
            ..ImportOptions::default()
        },
    );
    assert_eq!(pinned.warnings, Vec::new());
    assert_eq!(pinned.detected.date_format.format, DateFormat::DayMonthYear);
    assert_eq!(pinned.detected.date_format.label(), "DD/MM/YYYY");
    assert_eq!(
        only_series(&pinned).dates(),
        [d("2024-02-01"), d("2024-03-02"), d("2024-04-03")]
    );
    // The pinned order reads the file's dates whichever separator it writes, and reports it.
    for (separator, label) in [('.', "DD.MM.YYYY"), ('-', "DD-MM-YYYY")] {
        let text = text.replace('/', &separator.to_string());
        let pinned = import_with(
            text.as_bytes(),
            &ImportOptions {
                date_format: Some(DateFormat::DayMonthYear),
                ..ImportOptions::default()
            },
        );
        assert_eq!(pinned.detected.date_format.label(), label);
        assert_eq!(
            only_series(&pinned).dates(),
            [d("2024-02-01"), d("2024-03-02"), d("2024-04-03")]
        );
    }
}

#[test]
fn the_detected_date_pattern_is_the_one_the_file_writes() {
    let cases = [
        ("Date,Close\n2019/07/10,1\n2019/07/11,2\n", "YYYY/MM/DD"),
        ("Date,Close\n2019.07.10,1\n2019.07.11,2\n", "YYYY.MM.DD"),
        ("Date,Close\n2019-07-10,1\n2019-07-11,2\n", "YYYY-MM-DD"),
        ("Datum;Schluss\n20.03.2023;1\n21.03.2023;2\n", "DD.MM.YYYY"),
        ("Date,Close\n20-03-2023,1\n21-03-2023,2\n", "DD-MM-YYYY"),
        ("Date,Close\n03-20-2023,1\n03-21-2023,2\n", "MM-DD-YYYY"),
        ("Date,Close\n19 Jul 2024,1\n22 Jul 2024,2\n", "DD Mon YYYY"),
        ("Date,Close\n19-Jul-2024,1\n22-Jul-2024,2\n", "DD-Mon-YYYY"),
        ("Date,Close\n2024/06,1\n2024/07,2\n", "YYYY/MM (monthly)"),
        ("Date,Close\n20240719,1\n20240722,2\n", "YYYYMMDD"),
    ];
    for (text, label) in cases {
        let outcome = import_named(text.as_bytes(), "x.csv");
        assert_eq!(outcome.detected.date_format.label(), label, "{text}");
        assert_eq!(only_series(&outcome).len(), 2, "{text}");
    }
    // What was detected, pinned again, reads the file the same way.
    let text = "Datum;Schluss\n20.03.2023;1\n21.03.2023;2\n";
    let first = import_named(text.as_bytes(), "x.csv");
    let again = import_with(
        text.as_bytes(),
        &first.detected.to_options(Some("x.csv".to_string())),
    );
    assert_eq!(again.detected.date_format, first.detected.date_format);
    assert_eq!(again.series, first.series);
}

#[test]
fn a_pinned_decimal_separator_overrides_detection() {
    let bytes = fixture_bytes("real/investing-br/Dados Históricos - Ibovespa.csv");
    let pinned = import_with(
        &bytes,
        &ImportOptions {
            decimal_separator: Some(DecimalSeparator::Point),
            ..ImportOptions::default()
        },
    );
    assert_eq!(
        pinned.detected.decimal_separators,
        vec![(1, DecimalSeparator::Point)]
    );
    assert_eq!(value_on(only_series(&pinned), "2023-03-20"), 100.923);
}

#[test]
fn a_pinned_delimiter_and_header_row() {
    // Without a header, detection names the columns; pinning line 1 as the header names them.
    let text = "2024-01-02;5,5\n2024-01-03;6,5\n2024-01-04;7,5\n";
    let detected = import_named(text.as_bytes(), "x.csv");
    assert_eq!(detected.detected.delimiter, Delimiter::Semicolon);
    assert_eq!(
        detected.detected.header,
        HeaderRow::Absent { first_data_line: 1 }
    );
    assert_eq!(only_series(&detected).values(), [5.5, 6.5, 7.5]);

    // A pinned delimiter is honoured, not re-detected: split on commas this file has no table.
    let pinned = |delimiter| {
        import(
            text.as_bytes(),
            &ImportOptions {
                delimiter: Some(delimiter),
                ..ImportOptions::default()
            },
        )
    };
    let semicolon = pinned(Delimiter::Semicolon).unwrap();
    assert_eq!(only_series(&semicolon).values(), [5.5, 6.5, 7.5]);
    assert_eq!(
        pinned(Delimiter::Comma).err(),
        Some(rotation_lens::import::ImportError::NoDateColumn { line: 1 })
    );

    let headed = import_with(
        text.as_bytes(),
        &ImportOptions {
            header: Some(HeaderRow::Line(1)),
            ..ImportOptions::default()
        },
    );
    assert_eq!(headed.detected.header, HeaderRow::Line(1));
    assert_eq!(only_series(&headed).values(), [6.5, 7.5]);
}

#[test]
fn a_pinned_name_and_kind() {
    let bytes = fixture_bytes("real/fred/T10Y2Y.csv");
    let outcome = import_with(
        &bytes,
        &ImportOptions {
            series_name: Some("10y-2y spread".to_string()),
            kind: Some(SeriesKind::Valuation),
            ..ImportOptions::default()
        },
    );
    let series = only_series(&outcome);
    assert_eq!(series.name, "10y-2y spread");
    assert_eq!(series.kind, SeriesKind::Valuation);
    assert_eq!(value_on(series, "2023-07-03"), -1.08);
}
