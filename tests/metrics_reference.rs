//! The analytics engine against an independent implementation of the same definitions
//! (`tests/reference/metrics_reference.py`, pandas and numpy) on real downloaded files and a few
//! derived from them: every number agrees to 1e-9 relative, every date and null exactly.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use rotation_lens::analytics::{MetricsOptions, Report, analyse};
use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::model::{Date, Series};
use serde_json::Value;

const RELATIVE_TOLERANCE: f64 = 1e-9;

fn fixture(relative: &str) -> PathBuf {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    // Files derived from the real ones live beside the reference script that writes them.
    if relative.starts_with("derived/") {
        tests.join("reference").join(relative)
    } else {
        tests.join("fixtures/real").join(relative)
    }
}

fn expected_cases() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/metrics_expected.json");
    let text = std::fs::read_to_string(path).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["cases"].as_array().unwrap().clone()
}

/// Walks both values, recording every difference with its JSON path.
fn compare(path: &str, actual: &Value, expected: &Value, differences: &mut Vec<String>) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            let scale = a.abs().max(e.abs());
            if (a - e).abs() > RELATIVE_TOLERANCE * scale {
                differences.push(format!("{path}: {a} vs reference {e}"));
            }
        }
        (Value::Object(a), Value::Object(e)) => {
            let mut a_keys: Vec<&String> = a.keys().collect();
            let mut e_keys: Vec<&String> = e.keys().collect();
            a_keys.sort();
            e_keys.sort();
            if a_keys != e_keys {
                differences.push(format!("{path}: keys {a_keys:?} vs reference {e_keys:?}"));
                return;
            }
            for (key, value) in e {
                compare(&format!("{path}.{key}"), &a[key], value, differences);
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                differences.push(format!(
                    "{path}: {} items vs reference {}",
                    a.len(),
                    e.len()
                ));
                return;
            }
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                compare(&format!("{path}[{i}]"), a, e, differences);
            }
        }
        _ => {
            if actual != expected {
                differences.push(format!("{path}: {actual} vs reference {expected}"));
            }
        }
    }
}

fn run_case(case: &Value) -> Vec<String> {
    let name = case["name"].as_str().unwrap();
    let mut series: Vec<Series> = Vec::new();
    for file in case["files"].as_array().unwrap() {
        let outcome = import_file(&fixture(file.as_str().unwrap()), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        series.extend(outcome.series);
    }
    let find = |wanted: &str| -> &Series {
        series
            .iter()
            .find(|s| s.name == wanted)
            .unwrap_or_else(|| panic!("{name}: no series {wanted}"))
    };
    let pairs: Vec<(&Series, &Series)> = case["spreads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                find(pair[0].as_str().unwrap()),
                find(pair[1].as_str().unwrap()),
            )
        })
        .collect();
    let options = MetricsOptions {
        as_of: case["as_of"].as_str().map(|d| Date::parse_iso(d).unwrap()),
        move_sessions: case["window"].as_u64().unwrap() as usize,
        lookback_years: case["lookback_years"].as_u64().unwrap() as u32,
        range: None,
    };
    let refs: Vec<&Series> = series.iter().collect();
    let analysis = analyse(&refs, &pairs, &options);
    let mut actual = serde_json::to_value(Report::from(&analysis)).unwrap();
    actual.as_object_mut().unwrap().remove("findings");
    // The story's figures (headline and relative moves, changes in basis points) are checked
    // against their own independent implementation in tests/story_reference.rs.
    for series in actual["series"].as_array_mut().unwrap() {
        let series = series.as_object_mut().unwrap();
        series.remove("headline_move");
        series.remove("changes_bp");
    }
    for spread in actual["spreads"].as_array_mut().unwrap() {
        spread.as_object_mut().unwrap().remove("relative_move");
    }
    let mut differences = Vec::new();
    compare(name, &actual, &case["expected"], &mut differences);
    differences
}

#[test]
fn every_case_agrees_with_the_reference_implementation() {
    let cases = expected_cases();
    assert_eq!(cases.len(), 8);
    let differences: Vec<String> = cases.iter().flat_map(run_case).collect();
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn the_reference_covers_the_edge_cases_it_claims() {
    let cases = expected_cases();
    let case = |name: &str| -> &Value {
        cases
            .iter()
            .find(|c| c["name"].as_str().unwrap().starts_with(name))
            .unwrap()
    };
    // A leap-day as-of: its 1Y base is the close on or before 2015-02-28 (a Saturday).
    let leap = &case("small versus large caps on a leap day")["expected"];
    assert_eq!(leap["series"][0]["last"], "2016-02-29");
    assert_eq!(leap["series"][0]["move"]["sessions"], 10);
    // A weekend as-of: t is the Friday before.
    let crash = &case("small versus large caps on a weekend")["expected"];
    assert_eq!(crash["series"][0]["last"], "2008-10-10");
    assert_eq!(crash["as_of"], "2008-10-12");
    // A rate series crossing zero keeps its spread but loses returns over negative closes.
    let rates = &case("valuations and rates")["expected"];
    let t10y2y = rates["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "T10Y2Y")
        .unwrap();
    assert_eq!(t10y2y["max_drawdown"]["value"], Value::Null);
    assert!(rates["spreads"][1]["difference"].as_f64().unwrap() < 0.0);
    // Monthly closes are annualised by √12: Shiller's monthly S&P 500 has a 1Y volatility of
    // about 26% at the end of 2020, where √252 would have made it 117%.
    let sp500 = rates["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "SP500")
        .unwrap()["volatility_1y"]
        .as_f64()
        .unwrap();
    assert!((0.25..0.26).contains(&sp500), "{sp500}");
    // SPY without its 2021 rows, as of mid-2022: no year-to-date return (2021 has no close, and
    // 2020's is not the base), and 2022's first session is no one-day move (it would have been
    // the best day of the year, +28%), while the full file has both.
    let gap = &case("a calendar year missing from the data")["expected"];
    let (without, full) = (&gap["series"][0], &gap["series"][1]);
    assert_eq!(without["name"], "SPY_no_2021");
    assert_eq!(without["returns"]["YTD"], Value::Null);
    assert!(full["returns"]["YTD"].as_f64().unwrap() < -0.2);
    assert_eq!(without["best_day_of_year"], full["best_day_of_year"]);
    assert_eq!(without["best_day_of_year"]["date"], "2022-06-24");
}
