//! The rotation view against a second, deliberately naive implementation of the same written
//! definitions on the real Yahoo files (^RUT, ^NDX, IWM, QQQ against SPY and against each
//! other): the reference reads the closes itself, aligns by scanning, finds ISO weeks through a
//! calendar library and recomputes every window over the whole history. Every date, every
//! quadrant and every value agree (values to 1e-9).

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use rotation_lens::analytics::{Quadrant, RotationOptions, RotationPeriod, rotation};
use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::model::{Date, Series};

const NAMES: [&str; 5] = ["SPY", "^RUT", "^NDX", "IWM", "QQQ"];

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/yfinance")
        .join(format!("{name}.csv"))
}

fn imported() -> Vec<Series> {
    NAMES
        .iter()
        .flat_map(|name| {
            import_file(&path(name), &ImportOptions::default())
                .unwrap()
                .series
        })
        .collect()
}

/// The reference's own reading of a Yahoo file: the `Date` column and the adjusted close (the
/// column the app imports from a Yahoo file: `Adj Close` where the file has one, else `Close`).
fn closes(name: &str) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(path(name)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let date_column = header.iter().position(|h| *h == "Date").unwrap();
    let close_column = header
        .iter()
        .position(|h| *h == "Adj Close")
        .or_else(|| header.iter().position(|h| *h == "Close"))
        .unwrap();
    lines
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let close = cells[close_column].trim().parse::<f64>().ok()?;
            Some((cells[date_column].trim().to_string(), close))
        })
        .collect()
}

struct Point {
    date: String,
    ratio: f64,
    momentum: f64,
}

fn population_z(window: &[f64]) -> Option<f64> {
    let n = window.len() as f64;
    let mut sum = 0.0;
    for v in window {
        sum += v;
    }
    let mean = sum / n;
    let mut squares = 0.0;
    for v in window {
        squares += (v - mean) * (v - mean);
    }
    let sd = (squares / n).sqrt();
    let distinct = window.iter().any(|v| *v != window[0]);
    if !distinct || sd == 0.0 {
        return None;
    }
    Some((window[window.len() - 1] - mean) / sd)
}

fn iso_week(date: &str) -> (i16, i8) {
    let date: jiff::civil::Date = date.parse().unwrap();
    let week = date.iso_week_date();
    (week.year(), week.week())
}

/// The definitions, step by step, as plainly as possible.
fn reference(
    series: &str,
    benchmark: &str,
    weekly: bool,
    n: usize,
    tail: usize,
    as_of: &str,
) -> Vec<Point> {
    let a = closes(series);
    let b: Vec<(String, f64)> = closes(benchmark)
        .into_iter()
        .filter(|(date, _)| date.as_str() <= as_of)
        .collect();
    // 1. Align on B's dates: A's last close on or before each; dates before A starts dropped.
    let mut aligned: Vec<(String, f64, f64)> = Vec::new();
    for (date, b_close) in &b {
        let mut last = None;
        for (a_date, a_close) in &a {
            if a_date <= date {
                last = Some(*a_close);
            }
        }
        if let Some(a_close) = last {
            aligned.push((date.clone(), a_close, *b_close));
        }
    }
    // 2. Periods.
    let kept: Vec<(String, f64, f64)> = if weekly {
        let mut kept: Vec<(String, f64, f64)> = Vec::new();
        for row in aligned {
            if let Some(previous) = kept.last()
                && iso_week(&previous.0) == iso_week(&row.0)
            {
                kept.pop();
            }
            kept.push(row);
        }
        kept
    } else {
        aligned
    };
    // 3–6.
    let rs: Vec<f64> = kept.iter().map(|(_, a, b)| 100.0 * a / b).collect();
    let mut rsr: Vec<Option<f64>> = vec![None; rs.len()];
    for k in 0..rs.len() {
        if k + 1 >= n {
            rsr[k] = population_z(&rs[k + 1 - n..=k]).map(|z| 100.0 + z);
        }
    }
    let mut roc: Vec<Option<f64>> = vec![None; rs.len()];
    for k in 1..rs.len() {
        if let (Some(now), Some(before)) = (rsr[k], rsr[k - 1]) {
            roc[k] = Some(100.0 * (now / before - 1.0));
        }
    }
    let mut points = Vec::new();
    for k in 0..rs.len() {
        if k + 1 < n {
            continue;
        }
        let window: Vec<f64> = roc[k + 1 - n..=k].iter().flatten().copied().collect();
        if window.len() < n {
            continue;
        }
        if let (Some(ratio), Some(z)) = (rsr[k], population_z(&window)) {
            points.push(Point {
                date: kept[k].0.clone(),
                ratio,
                momentum: 100.0 + z,
            });
        }
    }
    // 7. The last `tail`.
    let skip = points.len().saturating_sub(tail);
    points.into_iter().skip(skip).collect()
}

fn check(
    series: &[Series],
    benchmark: &str,
    period: RotationPeriod,
    n: usize,
    tail: usize,
    as_of: &str,
) -> usize {
    let refs: Vec<&Series> = series.iter().collect();
    let options = RotationOptions {
        period,
        window: n,
        tail,
        as_of: Date::parse_iso(as_of),
    };
    let result = rotation(&refs, benchmark, &options).unwrap();
    assert_eq!(result.series.len(), NAMES.len() - 1);
    let mut compared = 0;
    for row in &result.series {
        let expected = reference(
            &row.name,
            benchmark,
            period == RotationPeriod::Weekly,
            n,
            tail,
            as_of,
        );
        let case = format!(
            "{} vs {benchmark} {period:?} n={n} tail={tail} as of {as_of}",
            row.name
        );
        assert_eq!(row.points.len(), expected.len(), "{case}");
        for (actual, wanted) in row.points.iter().zip(&expected) {
            assert_eq!(actual.date.to_string(), wanted.date, "{case}");
            assert!(
                (actual.rs_ratio - wanted.ratio).abs() < 1e-9,
                "{case}: {} vs {}",
                actual.rs_ratio,
                wanted.ratio
            );
            assert!(
                (actual.rs_momentum - wanted.momentum).abs() < 1e-9,
                "{case}: {} vs {}",
                actual.rs_momentum,
                wanted.momentum
            );
            compared += 1;
        }
        let quadrant = expected.last().map(|p| Quadrant::of(p.ratio, p.momentum));
        assert_eq!(row.quadrant, quadrant, "{case}");
    }
    compared
}

#[test]
fn weekly_points_agree_with_the_reference() {
    let series = imported();
    let mut compared = 0;
    for (as_of, n, tail) in [
        ("2020-11-13", 14, 10),
        ("2020-11-11", 14, 10),
        ("2008-10-10", 10, 5),
        ("2022-11-18", 26, 20),
        ("2000-06-30", 5, 8),
    ] {
        compared += check(&series, "SPY", RotationPeriod::Weekly, n, tail, as_of);
    }
    compared += check(
        &series,
        "^RUT",
        RotationPeriod::Weekly,
        14,
        10,
        "2015-03-06",
    );
    assert!(compared > 150, "{compared}");
}

#[test]
fn daily_points_agree_with_the_reference() {
    let series = imported();
    let mut compared = 0;
    for (as_of, n, tail) in [
        ("2020-11-13", 14, 10),
        ("2020-03-23", 20, 30),
        ("2001-09-28", 2, 3),
    ] {
        compared += check(&series, "SPY", RotationPeriod::Daily, n, tail, as_of);
    }
    compared += check(&series, "QQQ", RotationPeriod::Daily, 14, 10, "2011-08-12");
    assert!(compared > 150, "{compared}");
}

#[test]
fn small_caps_lead_and_the_nasdaq_lags_in_the_week_to_2020_11_13() {
    let series = imported();
    let refs: Vec<&Series> = series.iter().collect();
    let options = RotationOptions {
        as_of: Date::parse_iso("2020-11-13"),
        ..RotationOptions::default()
    };
    let result = rotation(&refs, "SPY", &options).unwrap();
    let quadrant = |name: &str| {
        result
            .series
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .quadrant
    };
    let rut = result.series.iter().find(|s| s.name == "^RUT").unwrap();
    let last = rut.points.last().unwrap();
    assert_eq!(last.date, Date::parse_iso("2020-11-13").unwrap());
    assert_eq!(
        format!("{:.1} {:.1}", last.rs_ratio, last.rs_momentum),
        "102.1 101.0"
    );
    assert_eq!(rut.points.len(), 10);
    assert_eq!(result.as_of, Date::parse_iso("2020-11-13"));
    assert_eq!(quadrant("^RUT"), Some(Quadrant::Leading));
    assert_eq!(quadrant("^NDX"), Some(Quadrant::Lagging));
}

#[test]
fn the_move_into_leading_is_a_finding_in_the_week_to_2020_11_13() {
    use rotation_lens::analytics::rotation_findings;
    let series = imported();
    let refs: Vec<&Series> = series.iter().collect();
    let options = RotationOptions {
        as_of: Date::parse_iso("2020-11-13"),
        ..RotationOptions::default()
    };
    let texts: Vec<String> = rotation_findings(&refs, "SPY", &options)
        .into_iter()
        .map(|f| f.text)
        .collect();
    eprintln!("{texts:#?}");
    assert!(texts.contains(
        &"^RUT moved into Leading against SPY in the week to 2020-11-13 (RS-Ratio 102.1, RS-Momentum 101.0)."
            .to_string()
    ));
}
