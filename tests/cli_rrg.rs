//! `rotation-lens rrg` end to end: the built binary on the real Yahoo files.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/yfinance")
        .join(format!("{name}.csv"))
}

fn run(args: &[&str], files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("rrg")
        .args(args)
        .args(files.iter().map(|f| fixture(f)))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

const FIVE: [&str; 5] = ["^RUT", "^NDX", "IWM", "QQQ", "SPY"];

#[test]
fn json_has_the_documented_shape_and_the_week_to_2020_11_13() {
    let output = run(
        &["--benchmark", "SPY", "--as-of", "2020-11-13", "--json"],
        &FIVE,
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["as_of", "benchmark", "period", "series", "tail", "window"]
    );
    assert_eq!(json["benchmark"], "SPY");
    assert_eq!(json["period"], "weekly");
    assert_eq!(json["window"], 14);
    assert_eq!(json["tail"], 10);
    assert_eq!(json["as_of"], "2020-11-13");
    let series = json["series"].as_array().unwrap();
    let names: Vec<&str> = series.iter().map(|s| s["name"].as_str().unwrap()).collect();
    // The benchmark is not itself in the output.
    assert_eq!(names, ["^RUT", "^NDX", "IWM", "QQQ"]);
    let rut = &series[0];
    assert_eq!(rut["quadrant"], "Leading");
    assert_eq!(series[1]["quadrant"], "Lagging");
    let points = rut["points"].as_array().unwrap();
    assert_eq!(points.len(), 10);
    let last = points.last().unwrap();
    let point_keys: Vec<&String> = last.as_object().unwrap().keys().collect();
    assert_eq!(point_keys, ["date", "rs_momentum", "rs_ratio"]);
    assert_eq!(last["date"], "2020-11-13");
    assert_eq!(points[0]["date"], "2020-09-11");
    let ratio = last["rs_ratio"].as_f64().unwrap();
    let momentum = last["rs_momentum"].as_f64().unwrap();
    assert_eq!(format!("{ratio:.1} {momentum:.1}"), "102.1 101.0");
}

#[test]
fn options_reach_the_computation_and_short_series_get_null() {
    let output = run(
        &[
            "--benchmark",
            "SPY",
            "--period",
            "daily",
            "--window",
            "5",
            "--tail",
            "3",
            "--as-of",
            "2000-06-05",
            "--json",
        ],
        &["SPY", "IWM", "^RUT"],
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["period"], "daily");
    assert_eq!(json["window"], 5);
    assert_eq!(json["tail"], 3);
    assert_eq!(json["as_of"], "2000-06-05");
    // IWM starts on 2000-05-26: seven sessions, fewer than the 2 × 5 a point needs.
    let iwm = &json["series"][0];
    assert_eq!(iwm["name"], "IWM");
    assert_eq!(iwm["quadrant"], Value::Null);
    assert_eq!(iwm["points"], Value::Array(Vec::new()));
    let rut = json["series"][1]["points"].as_array().unwrap();
    assert_eq!(rut.len(), 3);
    assert_eq!(rut[2]["date"], "2000-06-05");
    assert_eq!(rut[1]["date"], "2000-06-02");
}

#[test]
fn the_table_is_readable() {
    let output = run(
        &["--benchmark", "SPY", "--as-of", "2020-11-13", "--tail", "2"],
        &["^RUT", "^NDX", "SPY"],
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Rotation (RRG-style) against SPY: weekly, window 14, tail 2, as of 2020-11-13"
    );
    assert_eq!(
        lines[2],
        "Series  Quadrant    RS-Ratio  RS-Momentum  Last point"
    );
    assert!(
        lines[3].starts_with("^RUT    Leading       102.06       101.01  2020-11-13"),
        "{}",
        lines[3]
    );
    assert!(lines[4].starts_with("^NDX    Lagging "), "{}", lines[4]);
    assert!(text.contains("^RUT (oldest first)"));
    assert!(text.contains("\n2020-11-06  "));
}

#[test]
fn bad_input_is_a_clear_error() {
    let unknown = run(&["--benchmark", "S&P"], &["^RUT", "SPY"]);
    assert!(!unknown.status.success());
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr).trim(),
        "rrg: there is no series named \"S&P\" to use as the benchmark; the series are: ^RUT, SPY"
    );
    let window = run(&["--benchmark", "SPY", "--window", "1"], &["^RUT", "SPY"]);
    assert!(!window.status.success());
    assert!(
        String::from_utf8_lossy(&window.stderr).contains("the window must be at least 2 periods"),
    );
    let period = run(&["--benchmark", "SPY", "--period", "monthly"], &["SPY"]);
    assert!(!period.status.success());
    assert!(String::from_utf8_lossy(&period.stderr).contains("expected weekly or daily"));
}

#[test]
fn a_benchmark_at_or_below_zero_is_refused() {
    // The 10-year minus 2-year Treasury spread crosses zero.
    let spread =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/fred/T10Y2Y.csv");
    let output = Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .args(["rrg", "--benchmark", "T10Y2Y"])
        .arg(&spread)
        .arg(fixture("SPY"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "rrg: the benchmark T10Y2Y is 0 on 1978-08-17: RS = 100 × A / B needs a benchmark above zero"
    );
    assert!(output.stdout.is_empty());
}
