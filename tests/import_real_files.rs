//! The importer on real downloaded files (`tests/fixtures/real/`, see its SOURCES.md), each read
//! with default options: what is detected, which series come out, which lines are skipped and
//! why, and values checked by hand against the files. Files holding the same index from two
//! providers must agree to the cent on their common dates, except on the dates listed here where
//! the providers themselves differ.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod common;

use common::{d, import_fixture, only_series, series_named, value_on};
use rotation_lens::import::{
    DecimalSeparator, Delimiter, HeaderRow, ImportOutcome, ImportWarning, Layout, LineEnding,
    SkipReason, TextEncoding,
};
use rotation_lens::model::{Series, SeriesKind};

/// The settings a file should be detected with.
struct Expected {
    source: &'static str,
    encoding: TextEncoding,
    line_ending: LineEnding,
    /// The date pattern as the file writes it.
    date_format: &'static str,
    decimal: DecimalSeparator,
    layout: Layout,
    newest_first: bool,
    rows_read: usize,
}

fn assert_detected(outcome: &ImportOutcome, expected: &Expected) {
    let detected = &outcome.detected;
    assert_eq!(detected.source, expected.source);
    assert_eq!(detected.encoding, expected.encoding);
    assert_eq!(detected.delimiter, Delimiter::Comma);
    assert_eq!(detected.line_ending, expected.line_ending);
    assert_eq!(detected.header, HeaderRow::Line(1));
    assert_eq!(detected.date_column, 0);
    assert_eq!(detected.date_format.label(), expected.date_format);
    assert_eq!(detected.layout, expected.layout);
    let decimals: Vec<(usize, DecimalSeparator)> = expected
        .layout
        .value_columns()
        .into_iter()
        .map(|column| (column, expected.decimal))
        .collect();
    assert_eq!(detected.decimal_separators, decimals);
    assert_eq!(detected.newest_first, expected.newest_first);
    assert_eq!(outcome.rows_read, expected.rows_read);
}

/// A Yahoo Finance export: `Date,Open,High,Low,Close,Adj Close,Volume`, the Adj Close column.
fn yahoo(rows_read: usize) -> Expected {
    Expected {
        source: "Yahoo Finance",
        encoding: TextEncoding::Utf8,
        line_ending: LineEnding::Lf,
        date_format: "YYYY-MM-DD",
        decimal: DecimalSeparator::Point,
        layout: Layout::Single { column: 5 },
        newest_first: false,
        rows_read,
    }
}

/// A FRED download: `DATE,CODE` or `observation_date,CODE`.
fn fred(rows_read: usize, line_ending: LineEnding) -> Expected {
    Expected {
        source: "FRED",
        encoding: TextEncoding::Utf8,
        line_ending,
        date_format: "YYYY-MM-DD",
        decimal: DecimalSeparator::Point,
        layout: Layout::Single { column: 1 },
        newest_first: false,
        rows_read,
    }
}

/// An Investing.com export: BOM, every cell quoted, newest first, the Price column.
fn investing(rows_read: usize, date_format: &'static str, line_ending: LineEnding) -> Expected {
    Expected {
        source: "Investing.com",
        encoding: TextEncoding::Utf8Bom,
        line_ending,
        date_format,
        decimal: DecimalSeparator::Point,
        layout: Layout::Single { column: 1 },
        newest_first: true,
        rows_read,
    }
}

fn assert_series(series: &Series, name: &str, kind: SeriesKind, len: usize) {
    assert_eq!(series.name, name);
    assert_eq!(series.kind, kind, "{name}");
    assert_eq!(series.len(), len, "{name}");
}

fn assert_ends(series: &Series, first: (&str, f64), last: (&str, f64)) {
    assert_eq!(
        series.first(),
        Some((d(first.0), first.1)),
        "{}",
        series.name
    );
    assert_eq!(series.last(), Some((d(last.0), last.1)), "{}", series.name);
}

fn assert_values(series: &Series, values: &[(&str, f64)]) {
    for &(date, value) in values {
        assert_eq!(value_on(series, date), value, "{} on {date}", series.name);
    }
}

/// Every skipped line has `reason`; the first ones are on `first_lines`.
fn assert_skipped(
    outcome: &ImportOutcome,
    count: usize,
    reason: &SkipReason,
    first_lines: &[usize],
) {
    assert_eq!(outcome.skipped.len(), count);
    assert!(
        outcome.skipped.iter().all(|s| &s.reason == reason),
        "a skipped line has another reason than {reason:?}"
    );
    let lines: Vec<usize> = outcome.skipped.iter().map(|s| s.line).collect();
    assert_eq!(&lines[..first_lines.len()], first_lines);
}

fn assert_clean(outcome: &ImportOutcome) {
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(outcome.warnings, Vec::new());
}

// ---------------------------------------------------------------- Yahoo Finance

#[test]
fn yahoo_gspc() {
    let outcome = import_fixture("real/yahoo/^GSPC.csv");
    assert_detected(&outcome, &yahoo(17470));
    assert_eq!(
        outcome.detected.headers,
        [
            "Date",
            "Open",
            "High",
            "Low",
            "Close",
            "Adj Close",
            "Volume"
        ]
    );
    assert_eq!(outcome.detected.series_name.as_deref(), Some("^GSPC"));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "^GSPC", SeriesKind::Price, 17470);
    assert_eq!(series.source.format, "Yahoo Finance");
    assert_eq!(series.source.column, "Adj Close");
    assert_ends(series, ("1950-01-03", 16.66), ("2019-06-07", 2873.34009));
    assert_values(
        series,
        &[
            ("1987-10-19", 224.84),
            ("2000-03-24", 1527.45996),
            ("2008-10-10", 899.21997),
        ],
    );
}

#[test]
fn yahoo_rut() {
    let outcome = import_fixture("real/yahoo/^RUT.csv");
    assert_detected(&outcome, &yahoo(8000));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "^RUT", SeriesKind::Price, 8000);
    assert_ends(series, ("1987-09-10", 168.97), ("2019-06-07", 1514.39001));
    assert_values(
        series,
        &[("1987-10-19", 133.60001), ("2008-10-10", 522.47998)],
    );
}

#[test]
fn yahoo_ndx() {
    let outcome = import_fixture("real/yahoo/^NDX.csv");
    assert_detected(&outcome, &yahoo(8821));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "^NDX", SeriesKind::Price, 8821);
    assert_ends(
        series,
        ("1985-10-01", 112.139999),
        ("2020-09-28", 11364.450195),
    );
    assert_values(
        series,
        &[("2000-03-10", 4587.160156), ("2008-10-10", 1269.800049)],
    );
}

#[test]
fn yahoo_nasdaq_composite_under_an_investing_style_name() {
    let outcome = import_fixture("real/yahoo/Nasdaqlong Historical Data.csv");
    assert_detected(&outcome, &yahoo(12578));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "Nasdaqlong", SeriesKind::Price, 12578);
    assert_ends(series, ("1971-02-08", 100.839996), ("2020-12-17", 12764.75));
    assert_values(
        series,
        &[("1987-10-19", 360.200012), ("2000-03-10", 5048.620117)],
    );
}

#[test]
fn yahoo_oracle_txt_takes_adj_close_not_close() {
    let outcome = import_fixture("real/yahoo/orcl-1995-2014.txt");
    assert_detected(&outcome, &yahoo(5036));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "orcl-1995-2014", SeriesKind::Price, 5036);
    assert_ends(series, ("1995-01-03", 1.883304), ("2014-12-31", 42.303135));
    // Close that day is 16.68; Adj Close 14.836694.
    assert_values(
        series,
        &[("2008-10-10", 14.836694), ("2014-12-30", 42.651192)],
    );
}

#[test]
fn yahoo_nvidia_txt() {
    let outcome = import_fixture("real/yahoo/nvda-1999-2014.txt");
    assert_detected(&outcome, &yahoo(4012));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "nvda-1999-2014", SeriesKind::Price, 4012);
    assert_ends(series, ("1999-01-22", 1.518424), ("2014-12-31", 19.425875));
    assert_values(
        series,
        &[("1999-01-25", 1.677496), ("2008-10-10", 6.302759)],
    );
}

#[test]
fn yahoo_exchange_rate_skips_its_null_rows() {
    let outcome = import_fixture("real/yahoo/EURUSD=X.csv");
    assert_eq!(outcome.skipped.len(), 29);
    let series = only_series(&outcome);
    assert_series(series, "EURUSD=X", SeriesKind::Price, 5034);
    assert_ends(series, ("2003-12-01", 1.196501), ("2023-04-26", 1.097839));
    // 2004-10-28 is a row of nulls: the day after reads as usual.
    assert_values(series, &[("2004-10-27", 1.2706), ("2004-10-29", 1.279198)]);
    assert!(
        series
            .value_on(
                rotation_lens::model::Date::parse_iso("2004-10-28")
                    .unwrap_or_else(|| panic!("date"))
            )
            .is_none()
    );
}

// ---------------------------------------------------------------- yfinance (pandas)

fn check_yfinance(
    file: &str,
    name: &str,
    rows: usize,
    first: (&str, f64),
    last: (&str, f64),
    on_2020_03_23: f64,
) {
    let outcome = import_fixture(file);
    assert_detected(&outcome, &yahoo(rows));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, name, SeriesKind::Price, rows);
    assert_ends(series, first, last);
    assert_values(series, &[("2020-03-23", on_2020_03_23)]);
}

#[test]
fn yfinance_rut_with_float_noise() {
    check_yfinance(
        "real/yfinance/^RUT.csv",
        "^RUT",
        5759,
        ("2000-01-03", 496.42001),
        ("2022-11-18", 1849.72998),
        1002.40002,
    );
}

#[test]
fn yfinance_ndx() {
    check_yfinance(
        "real/yfinance/^NDX.csv",
        "^NDX",
        5759,
        ("2000-01-03", 3790.55005),
        ("2022-11-18", 11677.01953),
        7006.91992,
    );
}

#[test]
fn yfinance_iwm_adjusted() {
    check_yfinance(
        "real/yfinance/IWM.csv",
        "IWM",
        5658,
        ("2000-05-26", 34.40634),
        ("2022-11-18", 183.72),
        97.37923,
    );
}

#[test]
fn yfinance_qqq() {
    check_yfinance(
        "real/yfinance/QQQ.csv",
        "QQQ",
        5759,
        ("2000-01-03", 81.9702),
        ("2022-11-18", 284.82001),
        168.83311,
    );
}

#[test]
fn yfinance_spy() {
    check_yfinance(
        "real/yfinance/SPY.csv",
        "SPY",
        5759,
        ("2000-01-03", 96.55506),
        ("2022-11-18", 396.03),
        216.58096,
    );
    let outcome = import_fixture("real/yfinance/SPY.csv");
    // `92.94514000000001` as pandas wrote it.
    assert_values(only_series(&outcome), &[("2000-01-05", 92.94514000000001)]);
}

// ---------------------------------------------------------------- Stooq

#[test]
fn stooq_spx_full_history() {
    let outcome = import_fixture("real/stooq/^spx_d.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Stooq",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::CrLf,
            date_format: "YYYY-MM-DD",
            decimal: DecimalSeparator::Point,
            layout: Layout::Single { column: 4 },
            newest_first: false,
            rows_read: 39420,
        },
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "^SPX", SeriesKind::Price, 39420);
    assert_eq!(series.source.column, "Close");
    assert_ends(series, ("1789-05-01", 0.51), ("2025-04-07", 5062.25));
    assert_values(
        series,
        &[
            ("1885-02-01", 4.37),
            ("1929-10-29", 20.43),
            ("2008-10-10", 899.22),
            ("2020-03-23", 2237.4),
        ],
    );
}

// ---------------------------------------------------------------- FRED

#[test]
fn fred_sp500_with_empty_holiday_cells() {
    let outcome = import_fixture("real/fred/SP500.csv");
    assert_detected(&outcome, &fred(2609, LineEnding::Lf));
    assert_eq!(outcome.detected.headers, ["observation_date", "SP500"]);
    assert_skipped(
        &outcome,
        95,
        &SkipReason::MissingValue(String::new()),
        &[3, 32, 78],
    );
    assert_eq!(outcome.warnings, Vec::new());
    let series = only_series(&outcome);
    assert_series(series, "SP500", SeriesKind::Price, 2609 - 95);
    assert_ends(series, ("2016-02-12", 1864.78), ("2026-02-11", 6941.47));
    assert_values(
        series,
        &[
            ("2016-12-30", 2238.83),
            ("2020-03-23", 2237.40),
            ("2022-01-03", 4796.56),
        ],
    );
    assert_eq!(series.value_on(d("2016-02-15")), None);
}

#[test]
fn fred_dgs30_with_dot_for_missing() {
    let outcome = import_fixture("real/fred/DGS30.csv");
    assert_detected(&outcome, &fred(11381, LineEnding::Lf));
    assert_skipped(
        &outcome,
        479,
        &SkipReason::MissingValue(".".to_string()),
        &[6, 40],
    );
    assert_eq!(outcome.warnings, Vec::new());
    let series = only_series(&outcome);
    assert_series(series, "DGS30", SeriesKind::Rate, 11381 - 479);
    assert_ends(series, ("1977-02-15", 7.70), ("2020-09-29", 1.41));
    assert_values(
        series,
        &[
            ("1981-10-26", 15.21),
            ("1987-10-19", 10.25),
            ("2008-12-18", 2.53),
        ],
    );
}

#[test]
fn fred_fedfunds_monthly() {
    let outcome = import_fixture("real/fred/FEDFUNDS.csv");
    assert_detected(&outcome, &fred(808, LineEnding::Lf));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "FEDFUNDS", SeriesKind::Rate, 808);
    assert_ends(series, ("1954-07-01", 0.80), ("2021-10-01", 0.08));
    assert_values(
        series,
        &[
            ("1980-07-01", 9.03),
            ("1981-06-01", 19.10),
            ("2009-01-01", 0.15),
        ],
    );
}

#[test]
fn fred_high_yield_spread_under_a_misleading_name() {
    let outcome = import_fixture("real/fred/HySpreadFred Historical Data.csv");
    assert_detected(&outcome, &fred(5405, LineEnding::Lf));
    assert_eq!(outcome.detected.headers, ["DATE", "BAMLH0A0HYM2"]);
    assert_skipped(
        &outcome,
        68,
        &SkipReason::MissingValue(".".to_string()),
        &[83, 89],
    );
    let series = only_series(&outcome);
    assert_series(series, "HySpreadFred", SeriesKind::Rate, 5405 - 68);
    assert_ends(series, ("2000-09-04", 6.49), ("2021-02-12", 3.48));
    assert_values(series, &[("2008-12-15", 21.82), ("2020-03-23", 10.87)]);
}

#[test]
fn fred_nasdaq_composite() {
    let outcome = import_fixture("real/fred/NasdCompFRED.csv");
    assert_detected(&outcome, &fred(5886, LineEnding::Lf));
    assert_skipped(
        &outcome,
        209,
        &SkipReason::MissingValue(".".to_string()),
        &[17, 75],
    );
    let series = only_series(&outcome);
    assert_series(series, "NasdCompFRED", SeriesKind::Price, 5886 - 209);
    assert_ends(series, ("1998-08-17", 1818.04), ("2021-03-08", 12609.16));
    assert_values(series, &[("2000-03-10", 5048.62), ("2008-10-10", 1649.51)]);
}

#[test]
fn fred_t10y2y_crlf_no_final_newline_negative_spreads() {
    let outcome = import_fixture("real/fred/T10Y2Y.csv");
    assert_detected(&outcome, &fred(13049, LineEnding::CrLf));
    assert_skipped(
        &outcome,
        549,
        &SkipReason::MissingValue(String::new()),
        &[26, 71],
    );
    assert_eq!(outcome.warnings, Vec::new());
    let series = only_series(&outcome);
    assert_series(series, "T10Y2Y", SeriesKind::Rate, 13049 - 549);
    assert_ends(series, ("1976-06-01", 0.68), ("2026-06-05", 0.38));
    assert_values(
        series,
        &[
            ("1980-03-27", -2.14),
            ("2008-10-10", 2.27),
            ("2023-07-03", -1.08),
        ],
    );
}

#[test]
fn fred_vix() {
    let outcome = import_fixture("real/fred/VIX.csv");
    assert_detected(&outcome, &fred(8148, LineEnding::Lf));
    assert_skipped(
        &outcome,
        282,
        &SkipReason::MissingValue(".".to_string()),
        &[36, 75],
    );
    let series = only_series(&outcome);
    assert_series(series, "VIX", SeriesKind::Price, 8148 - 282);
    assert_ends(series, ("1990-01-02", 17.24), ("2021-03-25", 19.81));
    assert_values(
        series,
        &[
            ("2008-11-20", 80.86),
            ("2017-11-03", 9.14),
            ("2020-03-16", 82.69),
        ],
    );
}

// ---------------------------------------------------------------- Investing.com

#[test]
fn investing_sp500() {
    let outcome = import_fixture("real/investing/S&P 500 Historical Data.csv");
    assert_detected(&outcome, &investing(4024, "MM/DD/YYYY", LineEnding::Lf));
    assert_eq!(
        outcome.detected.headers,
        ["Date", "Price", "Open", "High", "Low", "Vol.", "Change %"]
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "S&P 500", SeriesKind::Price, 4024);
    assert_eq!(series.source.column, "Price");
    assert_ends(series, ("2007-10-01", 1547.04), ("2023-09-25", 4337.44));
    assert_values(
        series,
        &[
            ("2008-10-10", 899.22),
            ("2019-06-07", 2873.34),
            ("2020-03-23", 2237.40),
        ],
    );
}

#[test]
fn investing_nasdaq100_with_volume_suffixes() {
    let outcome = import_fixture("real/investing/Nasdaq 100 Historical Data.csv");
    assert_detected(&outcome, &investing(4024, "MM/DD/YYYY", LineEnding::Lf));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "Nasdaq 100", SeriesKind::Price, 4024);
    assert_ends(series, ("2007-10-01", 2116.97), ("2023-09-25", 14768.89));
    assert_values(
        series,
        &[
            ("2008-10-10", 1269.80),
            ("2020-03-23", 7006.92),
            ("2020-09-28", 11364.45),
        ],
    );
}

#[test]
fn investing_us_10_year_yield() {
    let outcome =
        import_fixture("real/investing/United States 10-Year Bond Yield Historical Data.csv");
    assert_detected(&outcome, &investing(4158, "MM/DD/YYYY", LineEnding::Lf));
    assert_eq!(
        outcome.detected.headers,
        ["Date", "Price", "Open", "High", "Low", "Change %"]
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(
        series,
        "United States 10-Year Bond Yield",
        SeriesKind::Rate,
        4158,
    );
    assert_ends(series, ("2007-10-01", 4.549), ("2023-09-25", 4.531));
    assert_values(series, &[("2008-10-10", 3.876), ("2020-03-09", 0.559)]);
}

#[test]
fn investing_monthly_two_digit_year_dates() {
    let outcome = import_fixture("real/investing-monthly/S&P 500 Historical Data.csv");
    assert_detected(
        &outcome,
        &investing(612, "Mon YY (monthly)", LineEnding::CrLf),
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "S&P 500", SeriesKind::Price, 612);
    // `Dec 70` is December 1970 (69–99 → 19xx), `Nov 21` November 2021; on the 1st.
    assert_ends(series, ("1970-12-01", 92.15), ("2021-11-01", 4594.62));
    assert_values(
        series,
        &[
            ("1987-10-01", 251.79),
            ("2000-01-01", 1394.46),
            ("2020-03-01", 2584.59),
        ],
    );
}

#[test]
fn investing_month_name_dates_dax() {
    let outcome = import_fixture("real/investing-textdate/DAX Historical Data.csv");
    assert_detected(&outcome, &investing(2512, "Mon DD, YYYY", LineEnding::CrLf));
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "DAX", SeriesKind::Price, 2512);
    assert_ends(series, ("2011-01-03", 6989.74), ("2020-11-27", 13335.68));
    assert_values(
        series,
        &[
            ("2011-08-08", 5923.27),
            ("2019-12-30", 13249.01),
            ("2020-03-18", 8441.71),
        ],
    );
}

#[test]
fn investing_brazil_ibovespa_points_with_dot_thousands() {
    let outcome = import_fixture("real/investing-br/Dados Históricos - Ibovespa.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Investing.com (Portuguese)",
            encoding: TextEncoding::Utf8Bom,
            line_ending: LineEnding::Lf,
            date_format: "DD.MM.YYYY",
            decimal: DecimalSeparator::Comma,
            layout: Layout::Single { column: 1 },
            newest_first: true,
            rows_read: 5000,
        },
    );
    assert_eq!(
        outcome.detected.headers,
        [
            "Data", "Último", "Abertura", "Máxima", "Mínima", "Vol.", "Var%"
        ]
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "Ibovespa", SeriesKind::Price, 5000);
    assert_eq!(series.source.column, "Último");
    // `100.923` is 100 923 points, never 100.923.
    assert_ends(series, ("2003-01-13", 12110.0), ("2023-03-20", 100923.0));
    assert_values(
        series,
        &[
            ("2008-05-21", 72295.0),
            ("2008-10-10", 35610.0),
            ("2020-03-23", 63570.0),
        ],
    );
}

// ---------------------------------------------------------------- Nasdaq.com

#[test]
fn nasdaq_com_spx_index_export() {
    let outcome = import_fixture("real/nasdaq/2017-05-23_2022-05-20_SPX_nasdaq_com.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Nasdaq.com",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::Lf,
            date_format: "MM/DD/YYYY",
            decimal: DecimalSeparator::Point,
            layout: Layout::Single { column: 1 },
            newest_first: true,
            rows_read: 1259,
        },
    );
    assert_eq!(
        outcome.detected.headers,
        ["Date", "Close/Last", "Volume", "Open", "High", "Low"]
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(
        series,
        "2017-05-23_2022-05-20_SPX_nasdaq_com",
        SeriesKind::Price,
        1259,
    );
    assert_ends(series, ("2017-05-23", 2398.42), ("2022-05-20", 3901.36));
    assert_values(
        series,
        &[
            ("2019-06-07", 2873.34),
            ("2020-03-23", 2237.4),
            ("2022-01-03", 4796.56),
        ],
    );
}

#[test]
fn nasdaq_com_stock_with_dollar_signs() {
    let outcome = import_fixture("real/nasdaq/sony_stocks.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Nasdaq.com",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::CrLf,
            date_format: "MM/DD/YYYY",
            decimal: DecimalSeparator::Point,
            layout: Layout::Single { column: 1 },
            newest_first: true,
            rows_read: 249,
        },
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "sony_stocks", SeriesKind::Price, 249);
    assert_ends(series, ("2024-10-21", 17.6502), ("2025-10-17", 28.90));
    assert_values(series, &[("2025-01-02", 20.5659), ("2025-04-08", 20.7902)]);
}

#[test]
fn nasdaq_com_older_export_skips_the_intraday_row() {
    let outcome = import_fixture("real/nasdaq/HistoricalQuotes.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Nasdaq.com (older export)",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::CrLf,
            date_format: "YYYY/MM/DD",
            decimal: DecimalSeparator::Point,
            layout: Layout::Single { column: 1 },
            newest_first: true,
            rows_read: 2224,
        },
    );
    assert_eq!(
        outcome.detected.headers,
        ["date", "close", "volume", "open", "high", "low"]
    );
    assert_skipped(
        &outcome,
        1,
        &SkipReason::TimeOfDay("16:00".to_string()),
        &[2],
    );
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::TimeOfDayRows {
            rows: 1,
            lines: vec![2]
        }]
    );
    assert_eq!(
        outcome.warnings[0].to_string(),
        "line 2: the date cell is a time of day (an intraday row), not a date; the row was skipped"
    );
    let series = only_series(&outcome);
    assert_series(series, "HistoricalQuotes", SeriesKind::Price, 2223);
    assert_ends(series, ("2010-09-09", 101.32), ("2019-07-10", 274.21));
    assert_values(
        series,
        &[
            ("2015-08-24", 173.66),
            ("2018-12-24", 215.07),
            ("2019-07-09", 272.94),
        ],
    );
}

// ---------------------------------------------------------------- valuation tables

#[test]
fn shiller_table_one_series_per_column_with_placeholder_zeros() {
    let outcome = import_fixture("real/shiller/data.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "Shiller's S&P data",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::Lf,
            date_format: "YYYY-MM-DD",
            decimal: DecimalSeparator::Point,
            layout: Layout::Wide {
                columns: (1..=9).collect(),
            },
            newest_first: false,
            rows_read: 1866,
        },
    );
    assert_eq!(outcome.detected.series_name, None);
    assert_eq!(outcome.skipped, Vec::new());

    let expected = [
        ("SP500", SeriesKind::Price, 1866),
        ("Dividend", SeriesKind::Valuation, 1830),
        ("Earnings", SeriesKind::Valuation, 1830),
        ("Consumer Price Index", SeriesKind::Price, 1833),
        ("Long Interest Rate", SeriesKind::Rate, 1833),
        ("Real Price", SeriesKind::Price, 1833),
        ("Real Dividend", SeriesKind::Valuation, 1830),
        ("Real Earnings", SeriesKind::Valuation, 1830),
        ("PE10", SeriesKind::Valuation, 1713),
    ];
    assert_eq!(outcome.series.len(), expected.len());
    for (series, (name, kind, len)) in outcome.series.iter().zip(expected) {
        assert_series(series, name, kind, len);
    }

    // `0.0` before PE10 has ten years of earnings, and in the months not yet published.
    let zeros = |series: &str, count, first_line, last_line| ImportWarning::PlaceholderZeros {
        series: series.to_string(),
        count,
        first_line,
        last_line,
    };
    assert_eq!(
        outcome.warnings,
        vec![
            zeros("Dividend", 36, 1832, 1867),
            zeros("Earnings", 36, 1832, 1867),
            zeros("Consumer Price Index", 33, 1835, 1867),
            zeros("Long Interest Rate", 33, 1835, 1867),
            zeros("Real Price", 33, 1835, 1867),
            zeros("Real Dividend", 36, 1832, 1867),
            zeros("Real Earnings", 36, 1832, 1867),
            zeros("PE10", 120, 2, 121),
            zeros("PE10", 33, 1835, 1867),
        ]
    );

    let sp500 = series_named(&outcome, "SP500");
    assert_ends(sp500, ("1871-01-01", 4.44), ("2026-06-01", 7450.03));
    assert_values(
        sp500,
        &[("1929-09-01", 31.3), ("2023-07-01", 4508.075500000001)],
    );
    let pe10 = series_named(&outcome, "PE10");
    assert_ends(pe10, ("1881-01-01", 18.47), ("2023-09-01", 30.81));
    assert_values(pe10, &[("1929-09-01", 32.56), ("2000-01-01", 43.77)]);
    assert_eq!(pe10.value_on(d("1880-12-01")), None);
    let dividend = series_named(&outcome, "Dividend");
    assert_values(dividend, &[("2000-01-01", 16.713333333333335)]);
    assert_eq!(dividend.last(), Some((d("2023-06-01"), 68.71)));
    assert_values(
        series_named(&outcome, "Long Interest Rate"),
        &[("1929-09-01", 3.39)],
    );
}

#[test]
fn valuation_dividend_yield_month_end_dates() {
    let outcome = import_fixture("real/valuation/SP500_DIV_YIELD_MONTH.csv");
    assert_detected(
        &outcome,
        &Expected {
            source: "CSV table",
            encoding: TextEncoding::Utf8,
            line_ending: LineEnding::Lf,
            date_format: "YYYY-MM-DD",
            decimal: DecimalSeparator::Point,
            layout: Layout::Single { column: 1 },
            newest_first: false,
            rows_read: 1805,
        },
    );
    assert_clean(&outcome);
    let series = only_series(&outcome);
    assert_series(series, "SP500_DIV_YIELD_MONTH", SeriesKind::Valuation, 1805);
    assert_ends(series, ("1871-01-31", 5.86), ("2020-10-01", 1.77));
    assert_values(
        series,
        &[
            ("1932-06-30", 13.84),
            ("2000-01-31", 1.17),
            ("2020-09-01", 1.69),
            ("2020-09-30", 1.69),
        ],
    );
}

// ---------------------------------------------------------------- cross-source agreement

/// A date on which two providers' closes differ by more than a cent: (date, first, second).
type Difference = (&'static str, f64, f64);

/// Over the common dates in `from..=to`, both series agree to 0.01 (after rounding each to
/// the cent: Yahoo writes float32 noise like `3142.540039`) except on exactly `differences`.
fn assert_agree(
    a: &Series,
    b: &Series,
    (from, to): (&str, &str),
    common_dates: usize,
    differences: &[Difference],
) {
    let cents = |v: f64| (v * 100.0).round() / 100.0;
    let (from, to) = (d(from), d(to));
    let mut common = 0;
    let mut found = Vec::new();
    for (date, value) in a.dates().iter().zip(a.values()) {
        if *date < from || *date > to {
            continue;
        }
        let Some(other) = b.value_on(*date) else {
            continue;
        };
        common += 1;
        if (cents(*value) - cents(other)).abs() > 0.01 + 1e-6 {
            found.push((date.to_string(), *value, other));
        }
    }
    let expected: Vec<(String, f64, f64)> = differences
        .iter()
        .map(|(date, x, y)| ((*date).to_string(), *x, *y))
        .collect();
    assert_eq!(common, common_dates, "{} vs {}", a.name, b.name);
    assert_eq!(found, expected, "{} vs {}", a.name, b.name);
}

fn single(file: &str) -> Series {
    let outcome = import_fixture(file);
    only_series(&outcome).clone()
}

#[test]
fn yahoo_gspc_agrees_with_investing_sp500() {
    assert_agree(
        &single("real/yahoo/^GSPC.csv"),
        &single("real/investing/S&P 500 Historical Data.csv"),
        ("2007-10-01", "2019-06-07"),
        2942,
        &[
            ("2012-08-01", 1375.31995, 1375.14),
            ("2018-11-29", 2737.80005, 2737.76),
        ],
    );
}

#[test]
fn fred_sp500_agrees_with_stooq() {
    assert_agree(
        &single("real/fred/SP500.csv"),
        &single("real/stooq/^spx_d.csv"),
        ("2016-02-12", "2025-04-07"),
        2301,
        &[
            ("2018-11-29", 2737.76, 2737.8),
            ("2019-08-12", 2883.75, 2882.7),
            ("2020-05-11", 2930.32, 2930.19),
            ("2020-10-02", 3348.44, 3348.42),
            ("2020-10-05", 3408.63, 3408.6),
            ("2020-10-06", 3360.95, 3360.97),
            ("2021-08-11", 4447.7, 4442.41),
        ],
    );
}

#[test]
fn stooq_agrees_with_yahoo_gspc_since_1950() {
    assert_agree(
        &single("real/stooq/^spx_d.csv"),
        &single("real/yahoo/^GSPC.csv"),
        ("1950-01-03", "2019-06-07"),
        17470,
        &[
            ("1963-06-17", 70.43, 69.95),
            ("1963-11-11", 71.83, 73.52),
            ("1963-11-12", 71.9, 73.23),
            ("1964-05-08", 78.64, 81.0),
            ("1999-11-30", 1389.07, 1388.91003),
            ("1999-12-22", 1435.99, 1436.13),
        ],
    );
}

#[test]
fn yahoo_ndx_agrees_with_investing_nasdaq100() {
    assert_agree(
        &single("real/yahoo/^NDX.csv"),
        &single("real/investing/Nasdaq 100 Historical Data.csv"),
        ("2007-10-01", "2020-09-28"),
        3272,
        &[("2016-04-18", 4569.310059, 4565.42)],
    );
}

#[test]
fn yfinance_agrees_with_yahoo_downloads() {
    assert_agree(
        &single("real/yfinance/^NDX.csv"),
        &single("real/yahoo/^NDX.csv"),
        ("2000-01-03", "2020-09-28"),
        5218,
        &[],
    );
    assert_agree(
        &single("real/yfinance/^RUT.csv"),
        &single("real/yahoo/^RUT.csv"),
        ("2000-01-03", "2019-06-07"),
        4888,
        &[],
    );
}

#[test]
fn nasdaq_com_spx_agrees_with_yahoo_and_stooq() {
    let nasdaq = single("real/nasdaq/2017-05-23_2022-05-20_SPX_nasdaq_com.csv");
    assert_agree(
        &nasdaq,
        &single("real/yahoo/^GSPC.csv"),
        ("2017-05-23", "2019-06-07"),
        514,
        &[("2018-11-29", 2737.76, 2737.80005)],
    );
    assert_agree(
        &nasdaq,
        &single("real/stooq/^spx_d.csv"),
        ("2017-05-23", "2022-05-20"),
        1259,
        &[
            ("2018-11-29", 2737.76, 2737.8),
            ("2019-08-12", 2883.09, 2882.7),
            ("2020-05-11", 2930.32, 2930.19),
            ("2020-10-02", 3348.44, 3348.42),
            ("2020-10-05", 3408.63, 3408.6),
            ("2020-10-06", 3360.95, 3360.97),
            ("2020-11-03", 3369.02, 3369.16),
            ("2021-08-11", 4447.7, 4442.41),
        ],
    );
}

#[test]
fn yahoo_nasdaq_composite_agrees_with_fred() {
    assert_agree(
        &single("real/yahoo/Nasdaqlong Historical Data.csv"),
        &single("real/fred/NasdCompFRED.csv"),
        ("1998-08-17", "2020-12-17"),
        5623,
        &[
            ("2001-03-27", 1972.22998, 1972.26),
            ("2002-06-13", 1496.880005, 1496.86),
            ("2008-09-30", 2091.879883, 2082.33),
        ],
    );
}

// ---------------------------------------------------------------- the command line

/// Every real file, with the series `rotation-lens inspect` must print for it.
const INSPECTED: [(&str, &str); 31] = [
    ("fred/DGS30.csv", "DGS30"),
    ("fred/FEDFUNDS.csv", "FEDFUNDS"),
    ("fred/HySpreadFred Historical Data.csv", "HySpreadFred"),
    ("fred/NasdCompFRED.csv", "NasdCompFRED"),
    ("fred/SP500.csv", "SP500"),
    ("fred/T10Y2Y.csv", "T10Y2Y"),
    ("fred/VIX.csv", "VIX"),
    ("investing-br/Dados Históricos - Ibovespa.csv", "Ibovespa"),
    ("investing-monthly/S&P 500 Historical Data.csv", "S&P 500"),
    ("investing-textdate/DAX Historical Data.csv", "DAX"),
    ("investing/Nasdaq 100 Historical Data.csv", "Nasdaq 100"),
    ("investing/S&P 500 Historical Data.csv", "S&P 500"),
    (
        "investing/United States 10-Year Bond Yield Historical Data.csv",
        "United States 10-Year Bond Yield",
    ),
    (
        "nasdaq/2017-05-23_2022-05-20_SPX_nasdaq_com.csv",
        "2017-05-23_2022-05-20_SPX_nasdaq_com",
    ),
    ("nasdaq/HistoricalQuotes.csv", "HistoricalQuotes"),
    ("nasdaq/sony_stocks.csv", "sony_stocks"),
    ("shiller/data.csv", "PE10"),
    ("stooq/^spx_d.csv", "^SPX"),
    (
        "valuation/SP500_DIV_YIELD_MONTH.csv",
        "SP500_DIV_YIELD_MONTH",
    ),
    ("yahoo/EURUSD=X.csv", "EURUSD=X"),
    ("yahoo/Nasdaqlong Historical Data.csv", "Nasdaqlong"),
    ("yahoo/^GSPC.csv", "^GSPC"),
    ("yahoo/^NDX.csv", "^NDX"),
    ("yahoo/^RUT.csv", "^RUT"),
    ("yahoo/nvda-1999-2014.txt", "nvda-1999-2014"),
    ("yahoo/orcl-1995-2014.txt", "orcl-1995-2014"),
    ("yfinance/IWM.csv", "IWM"),
    ("yfinance/QQQ.csv", "QQQ"),
    ("yfinance/SPY.csv", "SPY"),
    ("yfinance/^NDX.csv", "^NDX"),
    ("yfinance/^RUT.csv", "^RUT"),
];

#[test]
fn every_real_file_has_a_test_here() {
    let root = common::fixture_path("real");
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name().is_some_and(|n| n != "SOURCES.md") {
                let relative = path.strip_prefix(&root).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    let mut listed: Vec<String> = INSPECTED.iter().map(|(f, _)| (*f).to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn inspect_prints_the_right_series_for_every_real_file_without_options() {
    let files: Vec<std::path::PathBuf> = INSPECTED
        .iter()
        .map(|(file, _)| common::fixture_path(&format!("real/{file}")))
        .collect();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("inspect")
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rotation-lens: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "inspect failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.stderr, b"");
    // One report per file, in order, each naming its series.
    let reports: Vec<&str> = stdout.split("\n\n").collect();
    assert_eq!(reports.len(), INSPECTED.len());
    for (report, (file, series)) in reports.iter().zip(INSPECTED) {
        let file_name = file.rsplit('/').next().unwrap_or(file);
        assert!(
            report
                .lines()
                .next()
                .is_some_and(|l| l.ends_with(file_name)),
            "{file}: {report}"
        );
        assert!(
            report
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{series} "))),
            "{file}: no series {series} in\n{report}"
        );
    }
}

#[test]
fn inspect_reports_the_date_pattern_each_file_writes() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("inspect")
        .arg(common::fixture_path(
            "real/investing-br/Dados Históricos - Ibovespa.csv",
        ))
        .arg(common::fixture_path("real/nasdaq/HistoricalQuotes.csv"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run rotation-lens: {e}"));
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let reports: Vec<&str> = stdout.split("\n\n").collect();
    assert_eq!(reports.len(), 2, "{stdout}");
    let line_starting = |report: &str, start: &str| {
        report
            .lines()
            .find(|l| l.starts_with(start))
            .map_or_else(|| panic!("no line {start:?} in\n{report}"), str::to_string)
    };
    assert_eq!(
        line_starting(reports[0], "  dates:"),
        "  dates:      column 1 (Data), DD.MM.YYYY, newest first"
    );
    assert_eq!(
        line_starting(reports[1], "  dates:"),
        "  dates:      column 1 (date), YYYY/MM/DD, newest first"
    );
    // The README shows this report whole.
    let warnings: Vec<&str> = reports[1]
        .lines()
        .skip_while(|l| !l.starts_with("  warnings:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "  warnings:   1",
            "    line 2: the date cell is a time of day (an intraday row), not a date; the row was skipped",
        ]
    );
}
