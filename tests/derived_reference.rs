//! Derived series against an independent implementation of their definitions
//! (`tests/reference/derived_reference.py`, Python's standard library) on real downloaded files:
//! SPY's total return from its dividend history (which tracks its Adj Close), Shiller's total
//! return, the Nasdaq 100 in euros, a 60/40 and an equal-weight basket, with the metrics of each
//! at several as-of dates and the edge cases (a dividend on the first date, an exchange rate
//! starting later, composite members starting on different dates).

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use rotation_lens::analytics::{MetricsOptions, Period, analyse};
use rotation_lens::derive::{DeriveError, derive_all, parse_definition};
use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::model::{Date, Series};
use serde_json::Value;

const RELATIVE_TOLERANCE: f64 = 1e-9;

fn fixture(relative: &str) -> PathBuf {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    if relative.starts_with("derived/") {
        tests.join("reference").join(relative)
    } else {
        tests.join("fixtures/real").join(relative)
    }
}

fn expected() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference/derived_expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn import(files: &[&str]) -> Vec<Series> {
    files
        .iter()
        .flat_map(|file| {
            import_file(&fixture(file), &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{file}: {e}"))
                .series
        })
        .collect()
}

/// Every series from `from` on.
fn cut(series: Vec<Series>, from: Date) -> Vec<Series> {
    series
        .into_iter()
        .map(|s| {
            let (name, kind, source) = (s.name.clone(), s.kind, s.source.clone());
            let start = s.index_on_or_after(from).unwrap();
            let (dates, values) = s.into_columns();
            Series::new(
                name,
                kind,
                source,
                dates[start..].to_vec(),
                values[start..].to_vec(),
            )
            .unwrap()
        })
        .collect()
}

fn close(what: &str, actual: f64, expected: f64, differences: &mut Vec<String>) {
    let scale = actual.abs().max(expected.abs());
    if (actual - expected).abs() > RELATIVE_TOLERANCE * scale {
        differences.push(format!("{what}: {actual} vs reference {expected}"));
    }
}

fn optional(what: &str, actual: Option<f64>, expected: &Value, differences: &mut Vec<String>) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(e)) => close(what, a, e, differences),
        (None, None) => {}
        (a, _) => differences.push(format!("{what}: {a:?} vs reference {expected}")),
    }
}

/// Derives the case's series and compares it, and its metrics, with the reference.
fn run_case(case: &Value) -> Vec<String> {
    let name = case["name"].as_str().unwrap();
    let files: Vec<&str> = case["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let mut inputs = import(&files);
    if let Some(from) = case["from"].as_str() {
        inputs = cut(inputs, Date::parse_iso(from).unwrap());
    }
    let definitions: Vec<_> = case["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| parse_definition(d.as_str().unwrap()).unwrap())
        .collect();
    let refs: Vec<&Series> = inputs.iter().collect();
    let derived = derive_all(&definitions, &refs).unwrap_or_else(|e| panic!("{name}: {e}"));
    let series = derived.last().unwrap();
    let mut differences = Vec::new();
    if series.len() as u64 != case["observations"].as_u64().unwrap() {
        differences.push(format!("{name}: {} observations", series.len()));
    }
    for sample in case["samples"].as_array().unwrap() {
        let index = sample[0].as_u64().unwrap() as usize;
        let date = series.dates()[index].to_string();
        if date != sample[1].as_str().unwrap() {
            differences.push(format!("{name}[{index}]: date {date} vs {}", sample[1]));
        }
        let what = format!("{name}[{index}]");
        close(
            &what,
            series.values()[index],
            sample[2].as_f64().unwrap(),
            &mut differences,
        );
    }
    for metrics in case["metrics"].as_array().unwrap() {
        let options = MetricsOptions {
            as_of: metrics["as_of"]
                .as_str()
                .map(|d| Date::parse_iso(d).unwrap()),
            ..MetricsOptions::default()
        };
        let analysis = analyse(&[series], &[], &options);
        let row = &analysis.series[0];
        let at = format!("{name} as of {}", metrics["as_of"]);
        if row.last.map(|d| d.to_string()).as_deref() != metrics["last"].as_str() {
            differences.push(format!("{at}: t = {:?}", row.last));
        }
        optional(
            &format!("{at}: last"),
            row.last_value,
            &metrics["last_value"],
            &mut differences,
        );
        let ret = |period: Period| {
            row.returns
                .iter()
                .find(|(p, _)| *p == period)
                .and_then(|(_, r)| r)
        };
        optional(
            &format!("{at}: 1Y"),
            ret(Period::Y1),
            &metrics["1Y"],
            &mut differences,
        );
        optional(
            &format!("{at}: YTD"),
            ret(Period::Ytd),
            &metrics["YTD"],
            &mut differences,
        );
        optional(
            &format!("{at}: max drawdown"),
            row.max_drawdown.map(|d| d.value),
            &metrics["max_drawdown"],
            &mut differences,
        );
    }
    differences
}

#[test]
fn every_derived_series_agrees_with_the_reference_implementation() {
    let expected = expected();
    let cases = expected["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    let differences: Vec<String> = cases.iter().flat_map(run_case).collect();
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn spy_total_return_from_its_dividends_tracks_its_adjusted_close() {
    let series = import(&[
        "derived/SPY close.csv",
        "derived/SPY dividends.csv",
        "yfinance/SPY.csv",
    ]);
    let refs: Vec<&Series> = series.iter().collect();
    let definition =
        parse_definition("SPY TR = total_return(SPY close, SPY dividends, cash)").unwrap();
    let derived = derive_all(&[definition], &refs).unwrap();
    let (tr, adjusted) = (&derived[0], &series[2]);
    assert_eq!(tr.dates(), adjusted.dates());
    // Rebased to their first close, the total return and Adj Close stay within 0.07% of each
    // other for 22 years (Yahoo scales earlier closes by 1 − d / C instead of reinvesting), up to
    // the day the file was spliced from two downloads.
    let splice = Date::from_ymd(2022, 5, 10).unwrap();
    let end = tr.index_on_or_after(splice).unwrap();
    let deviation = (0..end)
        .map(|i| {
            ((tr.values()[i] / tr.values()[0]) / (adjusted.values()[i] / adjusted.values()[0])
                - 1.0)
                .abs()
        })
        .fold(0.0, f64::max);
    let reference = expected()["spy_tracking"]["max_relative_deviation"]
        .as_f64()
        .unwrap();
    assert!(
        (deviation - reference).abs() < 1e-9,
        "{deviation} vs {reference}"
    );
    assert!(deviation < 0.0007, "{deviation}");
    // The price alone falls behind by the dividends: 2.7× against 4.1× over the years.
    let price = &series[0];
    let price_growth = price.values()[end - 1] / price.values()[0];
    let tr_growth = tr.values()[end - 1] / tr.values()[0];
    assert!((2.7..2.8).contains(&price_growth), "{price_growth}");
    assert!((4.1..4.2).contains(&tr_growth), "{tr_growth}");
}

#[test]
fn bad_inputs_are_refused_with_the_names_there_are() {
    let series = import(&["yfinance/SPY.csv", "yfinance/IWM.csv", "yahoo/EURUSD=X.csv"]);
    let refs: Vec<&Series> = series.iter().collect();
    let definitions = [parse_definition("60/40 = composite(0.6*SPY, 0.4*AGG)").unwrap()];
    let error = derive_all(&definitions, &refs).unwrap_err();
    assert_eq!(
        error.to_string(),
        "60/40 = composite(0.6*SPY, 0.4*AGG): no series named \"AGG\"; the series are: SPY, \
         IWM, EURUSD=X, 60/40"
    );
    // A negative "dividend" (SPY's own closes read as dividends after a sign flip) is refused.
    let flipped = Series::new(
        "Bad dividends",
        series[0].kind,
        series[0].source.clone(),
        series[0].dates()[..3].to_vec(),
        vec![0.5, -0.25, 0.5],
    )
    .unwrap();
    let mut with_bad = refs.clone();
    with_bad.push(&flipped);
    let error = derive_all(
        &[parse_definition("T = total_return(SPY, Bad dividends, cash)").unwrap()],
        &with_bad,
    )
    .unwrap_err();
    assert!(
        matches!(&error, DeriveError::NegativeDividend { value, .. } if *value == -0.25),
        "{error}"
    );
}
