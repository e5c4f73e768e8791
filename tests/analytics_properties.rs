//! Properties of the analytics engine over generated series: returns and volatility do not
//! depend on the scale (rebasing), nor on how a file is written (order, European numbers,
//! UTF-16); percentile ranks stay in [0, 100] and rise with the value.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rotation_lens::analytics::{
    Bands, Frequency, MetricsOptions, MoveMeasure, Period, Returns, SeriesView, n_session_move,
    percentile_rank, rebase, series_metrics, volatility_1y,
};
use rotation_lens::import::{ImportOptions, import};
use rotation_lens::model::{Date, Series, SeriesKind, Source};

/// A price series: dates from 2010 with gaps of 1–4 days, closes in cents.
fn price_series() -> impl Strategy<Value = (Vec<Date>, Vec<i64>)> {
    prop::collection::vec((1i32..=4, 100i64..=10_000_000), 2..400).prop_map(|steps| {
        let mut date = Date::from_ymd(2010, 1, 4).unwrap();
        let mut dates = Vec::with_capacity(steps.len());
        let mut cents = Vec::with_capacity(steps.len());
        for (gap, value) in steps {
            date = date.plus_days(gap).unwrap();
            dates.push(date);
            cents.push(value);
        }
        (dates, cents)
    })
}

fn make_series(dates: &[Date], values: Vec<f64>) -> Series {
    Series::new(
        "X",
        SeriesKind::Price,
        Source::default(),
        dates.to_vec(),
        values,
    )
    .unwrap()
}

/// Two returns `C_t / C_b − 1` equal to within rounding. The rounding happens in the ratio, so
/// it is bounded relative to the ratio `1 + r`, not to `r`: a return of −0.007 % computed from
/// rebased closes may differ from the original by a few units of the 16th digit of the ratio,
/// which is a relative difference of 1e-12 in the return itself.
fn relatively_equal(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs())),
        _ => false,
    }
}

/// `1234567` cents as `12345.67` (`.` decimal) or `12.345,67` (European).
fn render_cents(cents: i64, european: bool) -> String {
    let (whole, fraction) = (cents / 100, cents % 100);
    if !european {
        return format!("{whole}.{fraction:02}");
    }
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{grouped},{fraction:02}")
}

fn csv_text(dates: &[Date], cents: &[i64], newest_first: bool, european: bool) -> String {
    let mut rows: Vec<String> = dates
        .iter()
        .zip(cents)
        .map(|(date, cents)| {
            if european {
                let (y, m, d) = date.ymd();
                format!("{d:02}.{m:02}.{y:04};{}", render_cents(*cents, true))
            } else {
                format!("{date},{}", render_cents(*cents, false))
            }
        })
        .collect();
    if newest_first {
        rows.reverse();
    }
    let header = if european {
        "Datum;Schluss"
    } else {
        "Date,Close"
    };
    format!("{header}\n{}\n", rows.join("\n"))
}

fn utf16_le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

fn imported(bytes: &[u8]) -> Series {
    let options = ImportOptions {
        series_name: Some("X".to_string()),
        ..ImportOptions::default()
    };
    let mut outcome = import(bytes, &options).unwrap();
    assert_eq!(outcome.series.len(), 1);
    outcome.series.remove(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rebasing_keeps_every_return((dates, cents) in price_series(), as_of_index in any::<prop::sample::Index>()) {
        let series = make_series(&dates, cents.iter().map(|c| *c as f64 / 100.0).collect());
        let line = rebase(&series, dates[0]).unwrap();
        let rebased = make_series(&line.dates, line.values);
        let as_of = dates[as_of_index.index(dates.len())];
        let original_view = SeriesView::up_to(&series, Some(as_of)).unwrap();
        let rebased_view = SeriesView::up_to(&rebased, Some(as_of)).unwrap();
        let original = Returns::compute(&original_view);
        let scaled = Returns::compute(&rebased_view);
        for period in Period::ALL {
            prop_assert!(
                relatively_equal(original.get(period), scaled.get(period)),
                "{}: {:?} vs {:?}", period.label(), original.get(period), scaled.get(period)
            );
        }
        let moves = (
            n_session_move(&original_view, 5, MoveMeasure::Return),
            n_session_move(&rebased_view, 5, MoveMeasure::Return),
        );
        prop_assert!(relatively_equal(moves.0.map(|m| m.size), moves.1.map(|m| m.size)));
        // Volatility reads log returns and the dates' spacing, neither of which rebasing
        // changes: equal to within the rounding of the rebased closes.
        let volatilities = (volatility_1y(&original_view), volatility_1y(&rebased_view));
        prop_assert!(
            match volatilities {
                (None, None) => true,
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-6),
                _ => false,
            },
            "volatility {:?}", volatilities
        );
        prop_assert_eq!(Frequency::of_view(&original_view), Frequency::of_view(&rebased_view));
    }

    #[test]
    fn percentile_rank_is_bounded_and_monotone(
        window in prop::collection::vec(prop_oneof![(-50i32..50).prop_map(f64::from), -1e6f64..1e6], 1..200),
        a in prop_oneof![(-60i32..60).prop_map(f64::from), -2e6f64..2e6],
        b in prop_oneof![(-60i32..60).prop_map(f64::from), -2e6f64..2e6],
    ) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let low_rank = percentile_rank(&window, low).unwrap();
        let high_rank = percentile_rank(&window, high).unwrap();
        prop_assert!((0.0..=100.0).contains(&low_rank));
        prop_assert!((0.0..=100.0).contains(&high_rank));
        prop_assert!(low_rank <= high_rank, "{} at {} but {} at {}", low_rank, low, high_rank, high);
        let bands = Bands::of(&window).unwrap();
        let min = window.iter().copied().fold(f64::INFINITY, f64::min);
        let max = window.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(min <= bands.p10 && bands.p10 <= bands.p50 && bands.p50 <= bands.p90 && bands.p90 <= max);
    }
}

proptest! {
    // Each case imports six files: fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn the_way_a_file_is_written_does_not_change_the_metrics(
        (dates, cents) in price_series(),
        as_of_index in any::<prop::sample::Index>(),
        window in 1usize..10,
    ) {
        let options = MetricsOptions {
            as_of: Some(dates[as_of_index.index(dates.len())]),
            move_sessions: window,
            ..MetricsOptions::default()
        };
        let plain = imported(csv_text(&dates, &cents, false, false).as_bytes());
        let expected = series_metrics(&plain, &options);
        prop_assert_eq!(plain.values()[0], cents[0] as f64 / 100.0);
        let renderings = [
            ("newest first", csv_text(&dates, &cents, true, false).into_bytes()),
            ("European", csv_text(&dates, &cents, false, true).into_bytes()),
            ("European, newest first", csv_text(&dates, &cents, true, true).into_bytes()),
            ("UTF-16", utf16_le_with_bom(&csv_text(&dates, &cents, false, false))),
            ("UTF-16 European, newest first", utf16_le_with_bom(&csv_text(&dates, &cents, true, true))),
        ];
        for (label, bytes) in renderings {
            let series = imported(&bytes);
            prop_assert_eq!(series.dates(), plain.dates(), "{}", label);
            prop_assert_eq!(series_metrics(&series, &options), expected.clone(), "{}", label);
        }
    }
}
