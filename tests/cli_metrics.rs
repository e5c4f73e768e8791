//! `rotation-lens metrics` end to end: the built binary on real downloaded files.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(relative)
}

fn run(args: &[&str], files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("metrics")
        .args(files.iter().map(|f| fixture(f)))
        .args(args)
        .output()
        .unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

fn close(actual: &Value, expected: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    assert!(
        (actual - expected).abs() <= 1e-12 * expected.abs(),
        "{actual} vs {expected}"
    );
}

const ROTATION: [&str; 3] = ["yfinance/^RUT.csv", "yfinance/^NDX.csv", "yfinance/SPY.csv"];

#[test]
fn json_report_of_the_rotation_set_at_its_last_date() {
    let output = run(&["--json", "--spread", "^RUT:^NDX"], &ROTATION);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json(&output);
    assert_eq!(report["as_of"], "2022-11-18");
    let rut = &report["series"][0];
    assert_eq!(rut["name"], "^RUT");
    assert_eq!(rut["first"], "2000-01-03");
    assert_eq!(rut["last"], "2022-11-18");
    assert_eq!(rut["observations"], 5759);
    close(&rut["last_value"], 1849.72998);
    close(&rut["returns"]["1D"], 1849.72998 / 1839.12 - 1.0);
    close(&rut["returns"]["YTD"], -0.1761806028696098);
    close(&rut["returns"]["10Y"], 0.09070923964760347);
    close(&rut["volatility_1y"], 0.28519881801190056);
    close(&rut["max_drawdown"]["value"], -0.5988875492506736);
    assert_eq!(rut["max_drawdown"]["peak"], "2007-07-13");
    assert_eq!(rut["max_drawdown"]["trough"], "2009-03-09");
    assert_eq!(rut["max_drawdown"]["recovery"], "2011-04-27");
    assert_eq!(rut["move"]["sessions"], 5);
    close(&rut["move"]["return"], -0.017532962690190668);
    assert_eq!(rut["move"]["biggest_since"], "2022-11-08");
    assert_eq!(rut["worst_day_of_year"]["date"], "2022-06-13");
    close(&rut["worst_day_of_year"]["return"], -0.04759818393364057);
    assert_eq!(rut["best_day_of_year"]["date"], "2022-11-10");
    let spread = &report["spreads"][0];
    assert_eq!(spread["a"], "^RUT");
    assert_eq!(spread["b"], "^NDX");
    assert_eq!(spread["date"], "2022-11-18");
    assert_eq!(spread["lookback_years"], 20);
    assert_eq!(spread["observations"], 5036);
    close(&spread["ratio"], 0.15840771484947583);
    close(&spread["percentile_ratio"], 10.762509928514694);
    let findings: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    // The rotation sentence first; the last week's −1.8% (matched on 2022-11-08) is no
    // headline: of the windows ending in the last 5 sessions, +5.3% to 2022-11-16 was last
    // matched longest ago.
    assert_eq!(
        findings[0],
        "^RUT underperformed ^NDX by 3.8 percentage points in the 5 sessions to 2022-11-14 (+2.8% vs +6.6%)."
    );
    assert!(findings.contains(&"^RUT rose 5.3% in the 5 sessions to 2022-11-16."));
    assert_eq!(rut["headline_move"]["end"], "2022-11-16");
    assert_eq!(rut["headline_move"]["newsworthy"], false);
    assert!(findings.contains(
        &"YTD: SPY \u{2212}16.4%, ^RUT \u{2212}17.6%, ^NDX \u{2212}28.4%. Note: ^RUT and ^NDX are \
          price returns, SPY includes dividends."
    ));
}

#[test]
fn as_of_window_and_lookback_change_the_figures() {
    let output = run(
        &[
            "--json",
            "--as-of",
            "2020-03-23",
            "--window",
            "10",
            "--lookback-years",
            "10",
            "--spread",
            "^RUT:SPY",
        ],
        &ROTATION,
    );
    assert!(output.status.success());
    let report = json(&output);
    assert_eq!(report["as_of"], "2020-03-23");
    let rut = &report["series"][0];
    assert_eq!(rut["observations"], 5087);
    assert_eq!(rut["move"]["sessions"], 10);
    close(&rut["move"]["return"], -0.2368132036551286);
    assert_eq!(rut["worst_day_of_year"]["date"], "2020-03-16");
    close(&rut["worst_day_of_year"]["return"], -0.14272017056018782);
    let spread = &report["spreads"][0];
    assert_eq!(spread["lookback_years"], 10);
    assert_eq!(spread["observations"], 2517);
    close(&spread["difference"], 785.81906);
    close(&spread["percentile_difference"], 29.32061978545888);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f
        == "^RUT fell 14.3% on 2020-03-16, its largest one-day drop of 2020 and the largest in the data (since 2000-01-03)."));
    // Two prices: the ratio and its rank, not the difference of two index levels.
    assert!(
        findings
            .iter()
            .any(|f| f == "^RUT / SPY ratio: 4.63, in the bottom 1% of the past 10 years.")
    );
    assert_eq!(
        findings[0],
        "^RUT underperformed SPY by 12.0 percentage points in the 10 sessions to 2020-03-18 (\u{2212}35.3% vs \u{2212}23.3%), the widest 10-session margin since 2000-03-28. Note: ^RUT is a price return, SPY includes dividends."
    );
    assert!(findings.iter().any(|f| f
        == "^RUT fell 35.3% in the 10 sessions to 2020-03-18, the largest 10-session fall in the data, which starts 2000-01-03."));
}

#[test]
fn a_file_that_fails_is_reported_and_the_others_still_printed() {
    let output = run(&["--json"], &["yfinance/SPY.csv", "missing/none.csv"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("none.csv"), "{stderr}");
    let report = json(&output);
    assert_eq!(report["series"].as_array().unwrap().len(), 1);
    assert_eq!(report["series"][0]["name"], "SPY");
}

#[test]
fn an_unknown_spread_name_is_an_error_naming_the_series() {
    let output = run(&["--json", "--spread", "^RUT:XYZ"], &["yfinance/^RUT.csv"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--spread ^RUT:XYZ: no series named \"XYZ\"; the series are: ^RUT"),
        "{stderr}"
    );
    assert_eq!(json(&output)["spreads"].as_array().unwrap().len(), 0);
}

#[test]
fn tables_by_default() {
    let output = run(
        &[
            "--spread",
            "PE10:Long Interest Rate",
            "--as-of",
            "2020-12-31",
        ],
        &["shiller/data.csv"],
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("As of 2020-12-31 · move window 5 sessions · spread lookback 20 years\n")
    );
    assert!(text.contains("Returns (3Y, 5Y, 10Y annualised)"));
    assert!(text.contains("PE10 \u{2212} Long Interest Rate  2020-12-01"));
    assert!(text.contains(
        // Its percentile rank is 100 (the reference's too): above the whole window.
        "  - PE10 \u{2212} Long Interest Rate spread: 32.84 (ratio 36.31), above every value of the past 20 years."
    ));
}

/// The cells of the row of `series` in the table under the line starting with `title`.
fn table_row<'a>(text: &'a str, title: &str, series: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|line| !line.starts_with(title))
        .skip(1)
        .take_while(|line| !line.is_empty())
        .find(|line| line.split_whitespace().next() == Some(series))
        .unwrap_or_else(|| panic!("no {series} row under {title:?} in\n{text}"))
        .split_whitespace()
        .collect()
}

#[test]
fn tables_follow_the_app_ratio_of_prices_rates_in_basis_points_no_sessions_for_monthly() {
    let output = run(
        &[
            "--spread",
            "^RUT:^NDX",
            "--spread",
            "DGS30:FEDFUNDS",
            "--as-of",
            "2020-11-13",
        ],
        &[
            "yfinance/^RUT.csv",
            "yfinance/^NDX.csv",
            "fred/DGS30.csv",
            "fred/FEDFUNDS.csv",
        ],
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let title = "Returns (3Y, 5Y, 10Y annualised)";
    assert!(
        text.contains(
            "Returns (3Y, 5Y, 10Y annualised) · rates: changes in basis points · 1D and 5D only \
             for series observed daily\n"
        ),
        "{text}"
    );
    // A price series: returns in %.
    assert_eq!(
        table_row(&text, title, "^RUT")[3..6],
        ["+2.08%", "+5.81%", "+6.55%"]
    );
    // A daily rate: changes in basis points, (y_t − y_base) × 100.
    assert_eq!(
        table_row(&text, title, "DGS30")[1..].join(" "),
        "2020-09-29 1.41 -1 bp -1 bp -11 bp +2 bp +12 bp -98 bp -72 bp -145 bp -144 bp -228 bp"
    );
    // A monthly rate: 1D and 5D are left empty, 1M onwards in basis points.
    let fedfunds = text
        .lines()
        .find(|line| line.starts_with("FEDFUNDS "))
        .unwrap();
    let header = text
        .lines()
        .skip_while(|line| !line.starts_with(title))
        .nth(1)
        .unwrap();
    let column_end = |label: &str| header.find(label).unwrap() + label.len();
    let cell = |end: usize, width: usize| fedfunds[end - width..end].trim().to_string();
    assert_eq!(cell(column_end(" 1D"), 6), "");
    assert_eq!(cell(column_end(" 5D"), 6), "");
    assert_eq!(cell(column_end(" 1M"), 6), "0 bp");
    assert_eq!(cell(column_end(" YTD"), 8), "-146 bp");
    // Two prices lead with their ratio and its percentile; the difference only beside it.
    assert_eq!(
        table_row(&text, "Spreads", "^RUT").join(" "),
        "^RUT / ^NDX 2020-11-13 0.1461 3.0 \u{2014} \u{2014} \u{2014} difference -10193.7998 \
         5032 obs, 20y"
    );
    // Two rates: the difference in basis points, its percentile and bands; the ratio beside.
    assert_eq!(
        table_row(&text, "Spreads", "DGS30").join(" "),
        "DGS30 \u{2212} FEDFUNDS 2020-11-01 +132 bp 26.9 +15 bp +263 bp +410 bp ratio 15.6667 \
         (62.7) 240 obs, 20y"
    );
}

#[test]
fn sentences_comparing_a_price_return_with_dividends_carry_the_note() {
    let files = ["yfinance/^RUT.csv", "yfinance/SPY.csv"];
    let args = ["--spread", "^RUT:SPY", "--as-of", "2020-11-13"];
    let output = run(&args, &files);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(
            "  - ^RUT outperformed SPY by 3.7 percentage points in the 5 sessions to 2020-11-11 \
             (+7.5% vs +3.8%). Note: ^RUT is a price return, SPY includes dividends.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  - YTD: SPY +12.9%, ^RUT +4.5%. Note: ^RUT is a price return, SPY includes \
             dividends.\n"
        ),
        "{text}"
    );
    // A sentence about one series has nothing to compare.
    assert!(text.contains(
        "  - ^RUT rose 8.7% in the 5 sessions to 2020-11-09, its biggest 5-session gain since \
         2020-06-08.\n"
    ));
    // The JSON findings say the same; two price returns carry no note.
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let report = json(&run(&with_json, &files));
    assert_eq!(
        report["findings"][0],
        "^RUT outperformed SPY by 3.7 percentage points in the 5 sessions to 2020-11-11 \
         (+7.5% vs +3.8%). Note: ^RUT is a price return, SPY includes dividends."
    );
    let same_basis = run(&args, &["yfinance/^RUT.csv", "yfinance/^NDX.csv"]);
    let text = String::from_utf8(same_basis.stdout).unwrap();
    assert!(!text.contains("Note:"), "{text}");
}

#[test]
fn tables_print_the_years_worst_and_best_day_with_their_largest_since() {
    let output = run(&["--as-of", "2020-03-23"], &ROTATION);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // ^RUT's −14.27% of 2020-03-16 is the largest fall in the data; its +7.77% of 2020-03-13
    // was last outdone on 2009-03-23 (+8.40%).
    assert_eq!(
        table_row(&text, "The year's worst and best day", "^RUT"),
        [
            "^RUT",
            "2020",
            "2020-03-16",
            "-14.27%",
            "largest",
            "in",
            "data",
            "2020-03-13",
            "+7.77%",
            "2009-03-23"
        ]
    );
}

#[test]
fn tables_say_how_volatility_is_annualised() {
    let output = run(&["--as-of", "2020-12-31"], &["shiller/data.csv"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(
        "Risk and moves (Vol 1Y annualised by the observation frequency: daily √252, weekly √52, monthly √12, quarterly √4; the moves of rates in basis points)\n"
    ));
    // Shiller's monthly S&P 500: √12, the reference's 0.2555281682626941.
    let row = table_row(&text, "Risk and moves", "SP500");
    assert_eq!(
        &row[..5],
        ["SP500", "1800", "1871-01-01", "monthly", "+25.55%"]
    );
}

#[test]
fn bad_arguments_are_refused() {
    let bad_date = run(&["--as-of", "2020-02-30"], &["yfinance/SPY.csv"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("expected a date as YYYY-MM-DD"));
    let zero_window = run(&["--window", "0"], &["yfinance/SPY.csv"]);
    assert_eq!(zero_window.status.code(), Some(2));
}

#[test]
fn inspect_still_works() {
    let output = Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("inspect")
        .arg(fixture("yfinance/SPY.csv"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("SPY"));
}
