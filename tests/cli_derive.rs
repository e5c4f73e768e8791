//! `rotation-lens metrics --derive`: derived series from the built binary on real downloaded
//! files, with every metric, their definitions, the return-basis note of a mixed pair, and the
//! errors that add nothing.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(relative: &str) -> PathBuf {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    if relative.starts_with("derived/") {
        tests.join("reference").join(relative)
    } else {
        tests.join("fixtures/real").join(relative)
    }
}

fn run(files: &[PathBuf], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("metrics")
        .args(files)
        .args(args)
        .output()
        .unwrap()
}

fn fixtures(relative: &[&str]) -> Vec<PathBuf> {
    relative.iter().map(|r| fixture(r)).collect()
}

fn json(output: &Output) -> Value {
    assert!(
        !output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The reference figures of a case of `tests/reference/derived_expected.json`.
fn reference(case_starts_with: &str) -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/derived_expected.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with(case_starts_with))
        .unwrap()
        .clone()
}

fn close(actual: &Value, expected: &Value) {
    let (a, e) = (actual.as_f64().unwrap(), expected.as_f64().unwrap());
    assert!((a - e).abs() <= 1e-9 * e.abs(), "{a} vs {e}");
}

fn series<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no series {name} in {report}"))
}

#[test]
fn shillers_total_return_has_every_metric_and_its_definition() {
    let output = run(
        &fixtures(&["shiller/data.csv"]),
        &[
            "--json",
            "--derive",
            "S&P 500 TR = total_return(SP500, Dividend, annual-rate)",
            "--as-of",
            "2008-12-01",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json(&output);
    let tr = series(&report, "S&P 500 TR");
    assert_eq!(tr["derived"], "total_return(SP500, Dividend, annual-rate)");
    assert_eq!(series(&report, "SP500").get("derived"), None);
    let expected = &reference("Shiller's")["metrics"][2];
    assert_eq!(expected["as_of"], "2008-12-01");
    assert_eq!(tr["last"], "2008-12-01");
    assert_eq!(tr["first"], "1871-01-01");
    close(&tr["last_value"], &expected["last_value"]);
    close(&tr["returns"]["1Y"], &expected["1Y"]);
    close(&tr["returns"]["YTD"], &expected["YTD"]);
    close(&tr["max_drawdown"]["value"], &expected["max_drawdown"]);
    for key in [
        "volatility_1y",
        "move",
        "worst_day_of_year",
        "best_day_of_year",
    ] {
        assert!(tr.get(key).is_some(), "{key}");
    }
    assert!(tr["returns"]["10Y"].as_f64().is_some());
}

#[test]
fn later_definitions_use_earlier_ones_and_a_mixed_pair_carries_a_note() {
    let files = fixtures(&[
        "yfinance/^RUT.csv",
        "yfinance/^NDX.csv",
        "yfinance/SPY.csv",
        "derived/SPY close.csv",
        "derived/SPY dividends.csv",
        "yahoo/EURUSD=X.csv",
    ]);
    let output = run(
        &files,
        &[
            "--json",
            "--derive",
            "SPY TR = total_return(SPY close, SPY dividends, cash)",
            "--derive",
            "Equal weight = composite(1/3*^RUT, 1/3*^NDX, 1/3*SPY TR)",
            "--derive",
            "^NDX in EUR = convert(^NDX, \"EURUSD=X\", divide)",
            "--spread",
            "^RUT:SPY",
            "--spread",
            "^RUT:^NDX in EUR",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json(&output);
    let basket = series(&report, "Equal weight");
    assert_eq!(
        basket["derived"],
        "composite(0.3333333333333333*^RUT, 0.3333333333333333*^NDX, 0.3333333333333333*SPY TR)"
    );
    close(
        &basket["last_value"],
        &reference("an equal-weight basket")["metrics"][0]["last_value"],
    );
    let eur = series(&report, "^NDX in EUR");
    assert_eq!(eur["derived"], "convert(^NDX, \"EURUSD=X\", divide)");
    assert_eq!(eur["first"], "2003-12-01");
    close(
        &eur["returns"]["1Y"],
        &reference("the Nasdaq 100 in euros")["metrics"][0]["1Y"],
    );
    let spreads = report["spreads"].as_array().unwrap();
    assert_eq!(
        spreads[0]["basis_note"],
        "^RUT is a price return, SPY includes dividends"
    );
    assert_eq!(spreads[1].get("basis_note"), None);
}

#[test]
fn tables_list_the_derived_series_and_the_note() {
    let files = fixtures(&["yfinance/SPY.csv", "yfinance/IWM.csv", "yfinance/^RUT.csv"]);
    let output = run(
        &files,
        &[
            "--derive",
            "60/40 = composite(0.6*SPY, 0.4*IWM)",
            "--spread",
            "^RUT:SPY",
        ],
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("\nDerived series\n  60/40 = composite(0.6*SPY, 0.4*IWM)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nReturn basis\n  ^RUT − SPY: ^RUT is a price return, SPY includes dividends\n"
        ),
        "{text}"
    );
    let row = text
        .lines()
        .find(|line| line.starts_with("60/40 "))
        .unwrap();
    assert!(row.contains("2022-11-18"), "{row}");
}

/// A file in a fresh temporary folder.
fn temporary(name: &str, text: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "rotation-lens-derive-{}-{}",
        std::process::id(),
        name.replace(['.', ' '], "-")
    ));
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_definitions_are_errors_and_add_nothing() {
    let spy = fixture("yfinance/SPY.csv");
    let check = |extra: Vec<PathBuf>, derive: &[&str], message: &str| {
        let mut files = vec![spy.clone()];
        files.extend(extra);
        let mut args = vec!["--json"];
        for d in derive {
            args.extend(["--derive", d]);
        }
        let output = run(&files, &args);
        assert!(!output.status.success(), "{derive:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{derive:?}: {stderr}");
        // The files' series are still reported; no derived series is.
        let report = json(&output);
        let names: Vec<&str> = report["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names[0], "SPY", "{derive:?}");
        assert!(
            report["series"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s.get("derived").is_none())
        );
    };
    check(
        vec![],
        &["Good = composite(1*SPY)", "X = composite(0.5*SPY, 0.5*QQQ)"],
        "no series named \"QQQ\"; the series are: SPY, Good, X",
    );
    check(
        vec![],
        &["A = composite(1*B)", "B = composite(1*A)"],
        "in a cycle: A → B → A",
    );
    check(
        vec![],
        &["X = composite(sixty*SPY)"],
        "the weight \"sixty\" of \"SPY\" is not a number",
    );
    // Named so that the importer reads them as a dividend and a rate, which keep values a price
    // series would leave out.
    let negative = temporary(
        "Bad Dividend.csv",
        "Date,Dividends\n2010-03-19,0.5\n2010-06-18,-0.5\n",
    );
    check(
        vec![negative],
        &["T = total_return(SPY, Bad Dividend, cash)"],
        "the dividends \"Bad Dividend\" are negative on 2010-06-18 (-0.5)",
    );
    let zeros = temporary(
        "FX rate.csv",
        "Date,Rate\n2010-01-04,1.4\n2010-01-05,0\n2010-01-06,1.3\n",
    );
    check(
        vec![zeros],
        &["E = convert(SPY, FX rate, divide)"],
        "the exchange rate \"FX rate\" is 0 on 2010-01-05",
    );
}
