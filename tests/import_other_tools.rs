//! The files other tools write, read with no option: CryptoDataDownload's hourly files (newest
//! first, a title line, `09-AM` timestamps), tidyquant exports, melted long tables, wide
//! multi-asset OHLCV tables in four header spellings, pandas MultiIndex CSVs, wide rate files,
//! returns files, float and time-zoned dates. Each file of `tests/fixtures/other-tools/` is
//! imported and its series checked (names, first and last date, count, first and last value),
//! with the decisions the preview and `inspect` show.

mod common;

use common::{d, fixture_path, import_fixture, series_named};
use rotation_lens::import::{
    DecisionKind, ImportDecision, ImportOptions, ImportOutcome, ImportWarning, Layout, SkipReason,
    SkippedLine, import, import_file,
};
use rotation_lens::model::{Series, SeriesKind};

/// What one series must be: name, first date, last date, count, first value, last value.
type Expected<'a> = (&'a str, &'a str, &'a str, usize, f64, f64);

fn check_series(series: &Series, expected: Expected<'_>) {
    let (name, first_date, last_date, count, first_value, last_value) = expected;
    assert_eq!(series.name, name);
    let (Some((first, first_v)), Some((last, last_v))) = (series.first(), series.last()) else {
        panic!("{name}: empty series");
    };
    assert_eq!((first, last), (d(first_date), d(last_date)), "{name}");
    assert_eq!(series.len(), count, "{name}");
    assert!(
        (first_v - first_value).abs() < 1e-9,
        "{name}: first {first_v}"
    );
    assert!((last_v - last_value).abs() < 1e-9, "{name}: last {last_v}");
}

fn other(file: &str) -> ImportOutcome {
    import_fixture(&format!("other-tools/{file}"))
}

fn check_file(file: &str, expected: &[Expected<'_>]) -> ImportOutcome {
    let outcome = other(file);
    let names: Vec<&str> = outcome.series.iter().map(|s| s.name.as_str()).collect();
    let wanted: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(names, wanted, "{file}");
    for (series, expected) in outcome.series.iter().zip(expected) {
        check_series(series, *expected);
    }
    outcome
}

fn with_layout(file: &str, layout: Layout) -> ImportOutcome {
    let options = ImportOptions {
        layout: Some(layout),
        ..ImportOptions::default()
    };
    import_file(&fixture_path(&format!("other-tools/{file}")), &options)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn decision_kinds(outcome: &ImportOutcome) -> Vec<(usize, DecisionKind)> {
    outcome
        .decisions
        .iter()
        .map(|d| (d.line, d.kind.clone()))
        .collect()
}

#[test]
fn an_hourly_newest_first_file_with_a_row_out_of_place_closes_each_day_on_its_last_hour() {
    // Line 7 (16 Oct, 08-AM) sits above the day's 08-PM row: ordered by date only, the
    // day's "last row" would be its 12-PM bar (8110.5), not its close (8130.5).
    let outcome = check_file(
        "Coinbase_BTCUSD_1h.csv",
        &[("BTCUSD", "2019-10-15", "2019-10-17", 3, 8030.5, 8230.5)],
    );
    assert_eq!(common::value_on(&outcome.series[0], "2019-10-16"), 8130.5);
    // The title line above the header stays skipped.
    assert_eq!(
        outcome.skipped,
        vec![SkippedLine {
            line: 1,
            reason: SkipReason::Preamble
        }]
    );
    assert_eq!(
        outcome.warnings,
        vec![
            ImportWarning::DatesOutOfOrder { line: 8 },
            ImportWarning::IntradayRowsFolded {
                series: "BTCUSD".to_string(),
                rows: 9
            },
        ]
    );
    assert_eq!(
        decision_kinds(&outcome),
        vec![
            (
                2,
                DecisionKind::PerSymbol {
                    symbol_column: 2,
                    symbol_header: "Symbol".to_string(),
                    value_column: 6,
                    value_header: "Close".to_string(),
                }
            ),
            (
                8,
                DecisionKind::OrderedByTimestamp {
                    series: "BTCUSD".to_string()
                }
            ),
        ]
    );
    assert_eq!(
        outcome.decisions[1].to_string(),
        "line 8: BTCUSD: intraday rows out of place; all rows ordered by their full timestamp (date and time of day) before each day's last row was taken"
    );
}

#[test]
fn tidyquant_takes_the_adjusted_column_over_the_close() {
    let outcome = check_file(
        "tidyquant_prices.csv",
        &[
            ("AAPL", "2020-01-02", "2020-01-06", 3, 99.5, 101.5),
            ("MSFT", "2020-01-02", "2020-01-06", 3, 199.5, 201.5),
        ],
    );
    assert_eq!(
        outcome.detected.layout,
        Layout::Long {
            symbol_column: 0,
            value_column: 7
        }
    );
    assert_eq!(outcome.warnings, Vec::new());
}

#[test]
fn a_melted_table_is_one_series_per_variable_and_the_value_column_can_be_chosen() {
    let outcome = check_file(
        "economics_long.csv",
        &[
            ("pce", "1967-07-01", "1967-10-01", 4, 500.0, 507.5),
            ("unemploy", "1967-07-01", "1967-10-01", 4, 2900.0, 2907.5),
        ],
    );
    assert_eq!(outcome.warnings, Vec::new());
    let labels: Vec<&str> = outcome
        .layout_choices
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["value", "value01"]);
    let chosen = with_layout(
        "economics_long.csv",
        outcome.layout_choices[1].layout.clone(),
    );
    check_series(
        series_named(&chosen, "unemploy"),
        ("unemploy", "1967-07-01", "1967-10-01", 4, 0.25, 1.0),
    );
}

#[test]
fn wide_multi_asset_tables_are_one_series_per_asset_from_its_close() {
    let outcome = check_file(
        "crypto_ohlcv_colon.csv",
        &[
            ("BTC", "2021-01-01", "2021-01-03", 3, 29000.0, 29020.0),
            ("ETH", "2021-01-01", "2021-01-03", 3, 730.0, 750.0),
            ("LTC", "2021-01-01", "2021-01-03", 3, 125.0, 145.0),
        ],
    );
    assert_eq!(
        decision_kinds(&outcome),
        vec![(
            1,
            DecisionKind::PerAsset {
                assets: 3,
                fields: vec!["close"]
            }
        )]
    );
    // The adjusted close wins where there is one.
    check_file(
        "prices_underscore.csv",
        &[
            ("BTC", "2021-01-01", "2021-01-03", 3, 28999.5, 29019.5),
            ("ETH", "2021-01-01", "2021-01-03", 3, 729.5, 749.5),
        ],
    );
    check_file(
        "prices_space.csv",
        &[
            ("BTC", "2021-01-01", "2021-01-03", 3, 29000.0, 29020.0),
            ("ETH", "2021-01-01", "2021-01-03", 3, 730.0, 750.0),
            ("LTC", "2021-01-01", "2021-01-03", 3, 125.0, 145.0),
        ],
    );
    check_file(
        "prices_field_first.csv",
        &[
            ("ETH", "2021-01-01", "2021-01-03", 3, 730.0, 750.0),
            ("LTC", "2021-01-01", "2021-01-03", 3, 125.0, 145.0),
        ],
    );
}

#[test]
fn the_field_of_a_multi_asset_table_can_be_chosen() {
    let outcome = other("crypto_ohlcv_colon.csv");
    let labels: Vec<&str> = outcome
        .layout_choices
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "adjusted close, else close",
            "close",
            "open",
            "high",
            "low",
            "volume"
        ]
    );
    let volume = outcome
        .layout_choices
        .iter()
        .find(|c| c.label == "volume")
        .map_or_else(|| panic!("no volume choice"), |c| c.layout.clone());
    let chosen = with_layout("crypto_ohlcv_colon.csv", volume);
    check_series(
        series_named(&chosen, "ETH"),
        ("ETH", "2021-01-01", "2021-01-03", 3, 5000.0, 5002.0),
    );
}

#[test]
fn a_pandas_multiindex_file_of_250_tickers_is_one_series_per_ticker() {
    // Generated: ticker `T{i:03}` closes at 10 + i + 0.5 × day on the five days.
    let outcome = other("multiindex_250_tickers.csv");
    assert_eq!(outcome.series.len(), 250);
    for (i, series) in outcome.series.iter().enumerate() {
        let base = 10.0 + i as f64;
        check_series(
            series,
            (
                &format!("T{i:03}"),
                "2020-01-02",
                "2020-01-08",
                5,
                base,
                base + 2.0,
            ),
        );
    }
    assert_eq!(outcome.skipped, Vec::new());
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(
        decision_kinds(&outcome),
        vec![
            (
                1,
                DecisionKind::HeaderRowsJoined {
                    lines: vec![1, 2, 3]
                }
            ),
            (
                3,
                DecisionKind::PerAsset {
                    assets: 250,
                    fields: vec!["close"]
                }
            ),
        ]
    );
    assert_eq!(outcome.detected.headers[4], "T000:close");
}

#[test]
fn a_wide_rate_file_keeps_its_zero_yields() {
    let outcome = check_file(
        "yield_curve.csv",
        &[
            ("1month", "2021-06-01", "2021-06-08", 6, 0.0, 0.05),
            ("3month", "2021-06-01", "2021-06-08", 6, 0.23, 0.28),
            ("6month", "2021-06-01", "2021-06-08", 6, 0.43, 0.48),
            ("1year", "2021-06-01", "2021-06-08", 6, 0.63, 0.68),
            ("2year", "2021-06-01", "2021-06-08", 6, 0.83, 0.88),
            ("5year", "2021-06-01", "2021-06-08", 6, 1.03, 1.08),
            ("10year", "2021-06-01", "2021-06-08", 6, 1.23, 1.28),
            ("30year", "2021-06-01", "2021-06-08", 6, 1.43, 1.48),
        ],
    );
    assert!(outcome.series.iter().all(|s| s.kind == SeriesKind::Rate));
    assert_eq!(common::value_on(&outcome.series[0], "2021-06-04"), 0.0);
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(
        outcome.decisions,
        vec![ImportDecision {
            line: 1,
            kind: DecisionKind::Rates {
                because: "the headers are maturities"
            }
        }]
    );
    let named = check_file(
        "treasury_rates.csv",
        &[
            ("short", "2021-01-04", "2021-01-07", 4, 0.0, 0.1),
            ("long", "2021-01-04", "2021-01-07", 4, 1.5, 1.53),
        ],
    );
    assert!(named.series.iter().all(|s| s.kind == SeriesKind::Rate));
    assert_eq!(
        decision_kinds(&named),
        vec![(
            1,
            DecisionKind::Rates {
                because: "the file name says so"
            }
        )]
    );
}

#[test]
fn a_returns_file_becomes_an_index_from_100() {
    let returns = [0.01, -0.02, 0.005, -0.0043, 0.0071];
    let last = returns.iter().fold(100.0, |level, r| level * (1.0 + r));
    let outcome = check_file(
        "strategy_returns.csv",
        &[(
            "strategy_returns",
            "2020-01-02",
            "2020-01-08",
            5,
            101.0,
            last,
        )],
    );
    assert!((common::value_on(&outcome.series[0], "2020-01-03") - 98.98).abs() < 1e-9);
    // Not a negative value dropped.
    assert_eq!(outcome.warnings, Vec::new());
    assert_eq!(
        decision_kinds(&outcome),
        vec![
            (
                1,
                DecisionKind::ValueColumn {
                    column: 2,
                    header: "return".to_string(),
                    why: "the returns"
                }
            ),
            (
                1,
                DecisionKind::ReturnsCompounded {
                    column: 2,
                    header: "return".to_string()
                }
            ),
        ]
    );
    assert_eq!(
        outcome.decisions[1].to_string(),
        "line 1: column 2 (return) holds returns, not prices: imported as an index, 100 × Π(1 + r)"
    );
}

#[test]
fn float_dates_and_time_zone_suffixes_keep_their_dates() {
    check_file(
        "float_dates.csv",
        &[(
            "float_dates",
            "1999-11-10",
            "1999-11-12",
            3,
            1401.5,
            1399.75,
        )],
    );
    let outcome = check_file(
        "utc_offsets.csv",
        &[("utc_offsets", "1993-02-01", "1993-02-03", 3, 44.25, 44.81)],
    );
    assert_eq!(
        decision_kinds(&outcome),
        vec![(
            1,
            DecisionKind::ValueColumn {
                column: 5,
                header: "Close".to_string(),
                why: "the close"
            }
        )]
    );
}

#[test]
fn trailing_zero_padding_is_skipped_with_a_warning() {
    let mut bytes = common::fixture_bytes("other-tools/float_dates.csv");
    bytes.extend(std::iter::repeat_n(0u8, 20));
    let outcome = import(&bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.series[0].len(), 3);
    assert_eq!(
        outcome.warnings,
        vec![ImportWarning::ZeroByteLines {
            rows: 1,
            lines: vec![5]
        }]
    );
    // A file mostly of zero bytes is still refused.
    bytes.extend(std::iter::repeat_n(0u8, 200));
    assert!(import(&bytes, &ImportOptions::default()).is_err());
}

#[test]
fn every_file_of_the_corpus_is_tested_and_described() {
    let dir = fixture_path("other-tools");
    let readme =
        std::fs::read_to_string(dir.join("README.md")).unwrap_or_else(|e| panic!("README: {e}"));
    let source = include_str!("import_other_tools.rs");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(std::result::Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    files.sort();
    assert_eq!(files.len(), 13);
    for file in files {
        assert!(readme.contains(&format!("`{file}`")), "README lacks {file}");
        assert!(source.contains(&format!("\"{file}\"")), "no test of {file}");
    }
}
