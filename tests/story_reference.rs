//! The story engine on the Yahoo downloads of ^RUT, ^NDX, SPY, IWM and QQQ: the figures and
//! sentences of the week small caps jumped while tech fell (as of 2020-11-13), and the headline
//! and relative moves checked against a second, deliberately naive implementation of their
//! written definitions over several as-of dates and windows, with the edge cases.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

use rotation_lens::analytics::{
    FindingKind, HeadlineMove, MAX_SENTENCES, MetricsOptions, RelativeMove, Report, Since, analyse,
    headline_move, relative_move,
};
use rotation_lens::analytics::{SeriesView, align};
use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use serde_json::Value;

const FILES: [&str; 5] = ["^RUT", "^NDX", "SPY", "IWM", "QQQ"];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/yfinance")
        .join(format!("{name}.csv"))
}

fn load(name: &str) -> Series {
    let mut outcome = import_file(&fixture(name), &ImportOptions::default()).unwrap();
    let series = outcome.series.remove(0);
    assert_eq!(series.name, name);
    series
}

fn d(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn options(as_of: &str, window: usize) -> MetricsOptions {
    MetricsOptions {
        as_of: Some(d(as_of)),
        move_sessions: window,
        ..MetricsOptions::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The naive implementation: every window's measure, every since by a full scan, the headline by
// sorting the candidates — no early exits, no shared code with the engine.
// ---------------------------------------------------------------------------------------------

/// What the naive implementation finds: end index, measure, since index (`None`: largest).
#[derive(Debug, PartialEq)]
struct NaivePick {
    end: usize,
    value: f64,
    since: Option<usize>,
}

fn naive_pick(n: usize, measure: &dyn Fn(usize) -> Option<f64>, len: usize) -> Option<NaivePick> {
    if n == 0 || len <= n {
        return None;
    }
    let t = len - 1;
    let lowest = n.max(t + 1 - n);
    let mut candidates = Vec::new();
    for i in lowest..=t {
        let Some(value) = measure(i) else { continue };
        let mut since = None;
        for j in n..i {
            let Some(earlier) = measure(j) else { continue };
            let matches = if value >= 0.0 {
                earlier >= value
            } else {
                earlier <= value
            };
            if matches {
                since = Some(j); // keeps the latest
            }
        }
        candidates.push(NaivePick {
            end: i,
            value,
            since,
        });
    }
    // Earliest since first (none before all), then the latest window.
    candidates.sort_by_key(|c| (c.since.map_or(-1, |j| j as i64), std::cmp::Reverse(c.end)));
    candidates.into_iter().next()
}

fn naive_headline(series: &Series, as_of: Date, n: usize) -> Option<(Date, Date, f64, Since)> {
    let points: Vec<(Date, f64)> = series
        .dates()
        .iter()
        .zip(series.values())
        .filter(|(date, _)| **date <= as_of)
        .map(|(date, value)| (*date, *value))
        .collect();
    let measure = |i: usize| {
        let (from, to) = (points[i - n].1, points[i].1);
        (from > 0.0 && to > 0.0).then(|| to / from - 1.0)
    };
    let pick = naive_pick(n, &measure, points.len())?;
    let since = pick
        .since
        .map_or(Since::WholeData { first: points[0].0 }, |j| {
            Since::Date(points[j].0)
        });
    Some((
        points[pick.end - n].0,
        points[pick.end].0,
        pick.value,
        since,
    ))
}

/// The spreads' alignment done the slow way: the sparser series' dates (the first when equal),
/// the other's last value on or before each found by a scan, dates before it starts dropped.
fn naive_align(a: &Series, b: &Series, as_of: Date) -> Vec<(Date, f64, f64)> {
    let cut = |s: &Series| -> Vec<(Date, f64)> {
        s.dates()
            .iter()
            .zip(s.values())
            .filter(|(date, _)| **date <= as_of)
            .map(|(date, value)| (*date, *value))
            .collect()
    };
    let (pa, pb) = (cut(a), cut(b));
    if pa.is_empty() || pb.is_empty() {
        return Vec::new();
    }
    let a_is_base = pa.len() <= pb.len();
    let (base, other) = if a_is_base { (&pa, &pb) } else { (&pb, &pa) };
    base.iter()
        .filter_map(|(date, value)| {
            let last = other.iter().rfind(|(o, _)| o <= date)?;
            Some(if a_is_base {
                (*date, *value, last.1)
            } else {
                (*date, last.1, *value)
            })
        })
        .collect()
}

fn naive_relative(
    a: &Series,
    b: &Series,
    as_of: Date,
    n: usize,
) -> Option<(Date, Date, f64, f64, Since)> {
    // A value carried past a series' end is no move: the rows end at the earlier last date.
    let mut rows = naive_align(a, b, as_of);
    let last = |s: &Series| s.dates().iter().rfind(|date| **date <= as_of).copied();
    let end = last(a)?.min(last(b)?);
    rows.retain(|(date, _, _)| *date <= end);
    let ret = |from: f64, to: f64| (from > 0.0 && to > 0.0).then(|| to / from - 1.0);
    let returns = |k: usize| {
        Some((
            ret(rows[k - n].1, rows[k].1)?,
            ret(rows[k - n].2, rows[k].2)?,
        ))
    };
    let measure = |k: usize| returns(k).map(|(x, y)| x - y);
    let pick = naive_pick(n, &measure, rows.len())?;
    let (ra, rb) = returns(pick.end)?;
    let since = pick
        .since
        .map_or(Since::WholeData { first: rows[0].0 }, |j| {
            Since::Date(rows[j].0)
        });
    Some((rows[pick.end - n].0, rows[pick.end].0, ra, rb, since))
}

fn assert_headline_agrees(engine: Option<HeadlineMove>, naive: Option<(Date, Date, f64, Since)>) {
    match (engine, naive) {
        (None, None) => {}
        (Some(m), Some((start, end, value, since))) => {
            assert_eq!((m.start, m.end, m.biggest_since), (start, end, since));
            assert_eq!(m.ret, value);
            let since_date = match since {
                Since::WholeData { first } => first,
                Since::Date(date) => date,
            };
            let days = end.day_number() - since_date.day_number();
            assert_eq!(m.rarity_days, days);
            assert_eq!(m.newsworthy, since.date().is_none() || days > 91);
        }
        (engine, naive) => panic!("engine {engine:?} vs naive {naive:?}"),
    }
}

fn assert_relative_agrees(
    engine: Option<RelativeMove>,
    naive: Option<(Date, Date, f64, f64, Since)>,
) {
    match (engine, naive) {
        (None, None) => {}
        (Some(m), Some((start, end, ra, rb, since))) => {
            assert_eq!((m.start, m.end, m.widest_since), (start, end, since));
            assert_eq!((m.a_return, m.b_return), (ra, rb));
            assert_eq!(m.difference, ra - rb);
            let first_or_since = match since {
                Since::WholeData { first } => first,
                Since::Date(date) => date,
            };
            let days = end.day_number() - first_or_since.day_number();
            assert_eq!(m.newsworthy, since.date().is_none() || days > 91);
        }
        (engine, naive) => panic!("engine {engine:?} vs naive {naive:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The week of 2020-11-09: the figures the story must tell.
// ---------------------------------------------------------------------------------------------

#[test]
fn the_week_small_caps_jumped_while_tech_fell() {
    let [rut, ndx, spy, iwm, qqq] = FILES.map(load);
    let analysis = analyse(
        &[&rut, &ndx, &spy],
        &[(&rut, &ndx)],
        &options("2020-11-13", 5),
    );
    let rut_move = analysis.series[0].headline_move.unwrap();
    assert_eq!(rut_move.start, d("2020-11-02"));
    assert_eq!(rut_move.end, d("2020-11-09"));
    assert_eq!(format!("{:.1}", 100.0 * rut_move.ret), "8.7");
    assert_eq!(rut_move.biggest_since, Since::Date(d("2020-06-08")));
    assert!(rut_move.newsworthy);
    let pair = analysis.spreads[0].relative_move.unwrap();
    assert_eq!(pair.end, d("2020-11-13"));
    assert_eq!(format!("{:.2}", 100.0 * pair.difference), "7.08");
    assert_eq!(pair.widest_since, Since::Date(d("2020-05-27")));
    let texts: Vec<&str> = analysis.findings.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        texts[0],
        "^RUT outperformed ^NDX by 7.1 percentage points in the 5 sessions to 2020-11-13 \
         (+5.8% vs \u{2212}1.3%), the widest 5-session margin since 2020-05-27."
    );
    assert!(texts.contains(
        &"^RUT rose 8.7% in the 5 sessions to 2020-11-09, its biggest 5-session gain since 2020-06-08."
    ));
    assert!(texts.contains(&"^RUT / ^NDX ratio: 0.15, at the 3rd percentile of the past 20 years, in the bottom decile."));
    // No "since" a few days back: every since date written is more than 91 days before.
    for finding in &analysis.findings {
        for mark in &finding.marks {
            if finding.kind == FindingKind::Move || finding.kind == FindingKind::RelativeMove {
                assert!(
                    finding.to.day_number() - mark.day_number() > 91,
                    "{}",
                    finding.text
                );
            }
        }
    }
    // IWM − QQQ leads with the ratio and its rank, not a difference of two prices.
    let etfs = analyse(&[&iwm, &qqq], &[(&iwm, &qqq)], &options("2020-11-13", 5));
    let spread = etfs
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Spread)
        .unwrap();
    assert!(
        spread.text.starts_with("IWM / QQQ ratio: "),
        "{}",
        spread.text
    );
    assert!(spread.text.contains("3rd percentile"), "{}", spread.text);
    assert!(!spread.text.contains("117"), "{}", spread.text);
}

#[test]
fn the_cli_report_tells_the_story_as_json() {
    let output = Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("metrics")
        .arg("--json")
        .args(["^RUT", "^NDX", "SPY"].map(fixture))
        .args(["--spread", "^RUT:^NDX", "--as-of", "2020-11-13"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rut = &json["series"][0]["headline_move"];
    assert_eq!(rut["sessions"], 5);
    assert_eq!(rut["start"], "2020-11-02");
    assert_eq!(rut["end"], "2020-11-09");
    assert_eq!(rut["biggest_since"], "2020-06-08");
    assert_eq!(rut["newsworthy"], true);
    assert!((rut["return"].as_f64().unwrap() - 0.086_989).abs() < 1e-6);
    let pair = &json["spreads"][0]["relative_move"];
    assert_eq!(pair["start"], "2020-11-06");
    assert_eq!(pair["end"], "2020-11-13");
    assert_eq!(pair["widest_since"], "2020-05-27");
    assert_eq!(pair["newsworthy"], true);
    let (a, b, diff) = (
        pair["a_return"].as_f64().unwrap(),
        pair["b_return"].as_f64().unwrap(),
        pair["difference"].as_f64().unwrap(),
    );
    assert!((a - 0.058_11).abs() < 1e-5 && (b + 0.012_70).abs() < 1e-5);
    assert!((diff - (a - b)).abs() < 1e-15);
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings[0]
            .as_str()
            .unwrap()
            .starts_with("^RUT outperformed ^NDX by 7.1")
    );
    assert!(findings.len() <= MAX_SENTENCES + 1);
    // No changes in basis points for price series.
    assert!(json["series"][0].get("changes_bp").is_none());
}

// ---------------------------------------------------------------------------------------------
// The engine against the naive implementation.
// ---------------------------------------------------------------------------------------------

const AS_OF: [&str; 6] = [
    "2020-11-13",
    "2020-03-20",
    "2008-10-10",
    "2022-06-30",
    "2019-12-31",
    "2000-06-15",
];
const WINDOWS: [usize; 4] = [1, 5, 10, 20];

#[test]
fn headline_moves_agree_with_the_naive_implementation() {
    let all = FILES.map(load);
    for as_of in AS_OF {
        for n in WINDOWS {
            for series in &all {
                let view = SeriesView::up_to(series, Some(d(as_of)));
                let engine = view.and_then(|v| headline_move(&v, n));
                let naive = naive_headline(series, d(as_of), n);
                assert_headline_agrees(engine, naive);
            }
        }
    }
}

#[test]
fn relative_moves_agree_with_the_naive_implementation() {
    let all = FILES.map(load);
    for as_of in AS_OF {
        for n in WINDOWS {
            for (i, a) in all.iter().enumerate() {
                for b in all.iter().skip(i + 1) {
                    let analysis = analyse(&[a, b], &[(a, b)], &options(as_of, n));
                    let naive = naive_relative(a, b, d(as_of), n);
                    assert_relative_agrees(analysis.spreads[0].relative_move, naive);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases, each through both implementations.
// ---------------------------------------------------------------------------------------------

fn made(name: &str, points: &[(Date, f64)]) -> Series {
    Series::new(
        name,
        SeriesKind::Price,
        Source::default(),
        points.iter().map(|(date, _)| *date).collect(),
        points.iter().map(|(_, value)| *value).collect(),
    )
    .unwrap()
}

fn from_start(start: &str, values: &[f64]) -> Vec<(Date, f64)> {
    let first = d(start);
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (first.plus_days(i as i32).unwrap(), *v))
        .collect()
}

fn both_headlines(series: &Series, n: usize) -> Option<HeadlineMove> {
    let last = *series.dates().last().unwrap();
    let engine = headline_move(&SeriesView::up_to(series, None).unwrap(), n);
    assert_headline_agrees(engine, naive_headline(series, last, n));
    engine
}

#[test]
fn a_window_longer_than_the_data_has_no_headline() {
    let s = made("S", &from_start("2024-01-01", &[100.0, 101.0, 102.0]));
    assert_eq!(both_headlines(&s, 3), None);
    assert_eq!(both_headlines(&s, 20), None);
    assert!(both_headlines(&s, 2).is_some());
}

#[test]
fn a_flat_series_with_all_windows_equal() {
    // 60 sessions: even with N = 20 the earliest candidate has an equal window before it.
    let s = made("Flat", &from_start("2024-01-01", &[50.0; 60]));
    for n in WINDOWS {
        let m = both_headlines(&s, n).unwrap();
        assert_eq!(m.ret, 0.0);
        // The earliest candidate is matched by the window just before it.
        assert!(!m.newsworthy);
    }
    let analysis = analyse(&[&s], &[], &MetricsOptions::default());
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.text == "Flat was unchanged in the 5 sessions to 2024-02-25.")
    );
}

#[test]
fn ties_go_to_the_latest_window() {
    // An up-and-down saw: equal moves everywhere; the since dates tie-break to the later window.
    let values: Vec<f64> = (0..30)
        .map(|i| if i % 2 == 0 { 100.0 } else { 110.0 })
        .collect();
    let s = made("Saw", &from_start("2024-01-01", &values));
    for n in WINDOWS {
        both_headlines(&s, n);
    }
}

#[test]
fn pairs_on_different_calendars_and_a_late_starter_agree() {
    let spy = load("SPY");
    let rut = load("^RUT");
    // SPY on Fridays only (a weekly calendar) against the daily ^RUT.
    let weekly: Vec<(Date, f64)> = spy
        .dates()
        .iter()
        .zip(spy.values())
        .filter(|(date, _)| date.day_number().rem_euclid(7) == 1)
        .map(|(date, value)| (*date, *value))
        .collect();
    let spy_weekly = made("SPY weekly", &weekly);
    // SPY from 2010 only: it starts years after ^RUT.
    let late: Vec<(Date, f64)> = spy
        .dates()
        .iter()
        .zip(spy.values())
        .filter(|(date, _)| **date >= d("2010-01-04"))
        .map(|(date, value)| (*date, *value))
        .collect();
    let spy_late = made("SPY late", &late);
    for as_of in ["2020-11-13", "2010-02-26", "2009-06-30"] {
        for n in WINDOWS {
            for (a, b) in [(&rut, &spy_weekly), (&spy_weekly, &rut), (&rut, &spy_late)] {
                let analysis = analyse(&[a, b], &[(a, b)], &options(as_of, n));
                assert_relative_agrees(
                    analysis.spreads[0].relative_move,
                    naive_relative(a, b, d(as_of), n),
                );
            }
        }
    }
    // Before the late starter has N + 1 aligned sessions there is no relative move.
    let early = analyse(
        &[&rut, &spy_late],
        &[(&rut, &spy_late)],
        &options("2010-01-08", 5),
    );
    assert_eq!(early.spreads[0].relative_move, None);
    // The engine's alignment is the one the naive implementation rebuilds.
    let aligned = align(
        &SeriesView::up_to(&rut, Some(d("2020-11-13"))).unwrap(),
        &SeriesView::up_to(&spy_weekly, Some(d("2020-11-13"))).unwrap(),
    );
    assert_eq!(
        aligned.len(),
        naive_align(&rut, &spy_weekly, d("2020-11-13")).len()
    );
    assert!(relative_move(&aligned, 5).is_some());
}

#[test]
fn a_monthly_series_speaks_in_months() {
    let spy = load("SPY");
    // SPY's last close of each month.
    let mut monthly: Vec<(Date, f64)> = Vec::new();
    for (date, value) in spy.dates().iter().zip(spy.values()) {
        match monthly.last_mut() {
            Some(last) if last.0.month() == date.month() && last.0.year() == date.year() => {
                *last = (*date, *value);
            }
            _ => monthly.push((*date, *value)),
        }
    }
    let s = made("SPY monthly", &monthly);
    let analysis = analyse(&[&s], &[], &options("2020-11-30", 5));
    let text = &analysis.findings[0].text;
    assert_eq!(
        text,
        "SPY monthly rose 36.1% in the 5 months to 2020-08-31, the largest 5-month gain in the \
         data, which starts 2000-01-31."
    );
}

#[test]
fn five_hundred_series_tell_at_most_twelve_sentences() {
    let spy = load("SPY");
    let series: Vec<Series> = (0..500)
        .map(|k| {
            let tilt = 1.0 + 0.0001 * f64::from(k);
            let points: Vec<(Date, f64)> = spy
                .dates()
                .iter()
                .zip(spy.values())
                .enumerate()
                .map(|(i, (date, v))| (*date, v * tilt.powi(i32::try_from(i % 97).unwrap())))
                .collect();
            made(&format!("S{k:03}"), &points)
        })
        .collect();
    let refs: Vec<&Series> = series.iter().collect();
    let analysis = analyse(&refs, &[], &options("2020-11-13", 5));
    assert!(analysis.findings.len() <= MAX_SENTENCES + 1);
    let report = Report::from(&analysis);
    assert_eq!(report.findings.len(), analysis.findings.len());
}
