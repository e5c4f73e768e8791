//! The findings: what the metrics say, in plain sentences that each carry the series and dates
//! they speak of, so the app can highlight them on the chart.
//!
//! Only statements the data supports are written, and none for an absent metric:
//! - for each price series, its N-session move and the last time it was matched;
//! - the year's largest one-day drop or gain of a daily price series (see [`Frequency`]), when
//!   it happened within that series' last N sessions (the move window), with how long since one
//!   as large;
//! - the year-to-date returns of the price series, best first;
//! - each spread's level and its percentile rank over the lookback;
//! - a closing note stating how figures are rounded.
//!
//! Rounding: returns to 0.1 percentage point — to 0.01 when smaller than 0.05%, which would
//! read 0.0% — spread levels and ratios to 0.01, percentile ranks to the nearest whole
//! percentile. A move that small is said to be little changed; a spread beyond every value of
//! its window is said to be so rather than at the 0th or 100th percentile, and one that rounds
//! there without being beyond them all is in the bottom or top 1%. Deciles are judged on the
//! unrounded rank.

use crate::model::{Date, SeriesKind};
use crate::number_format::{self, ordinal};

use super::analysis::WorkspaceData;
use super::frequency::Frequency;
use super::metrics::SeriesMetrics;
use super::moves::{DayMove, Since};
use super::returns::Period;
use super::spread::SpreadMetrics;

/// The sentence that states how findings are rounded.
pub const ROUNDING_NOTE: &str = "Rounding: returns to 0.1 percentage point (0.01 when smaller \
than 0.05%), spread levels and ratios to 0.01, percentile ranks to the nearest whole percentile.";

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// An N-session move and its "biggest since".
    Move,
    /// The year's largest one-day drop or gain.
    DayOfYear,
    /// Year-to-date returns side by side.
    YearToDate,
    /// A spread and its percentile rank.
    Spread,
    /// How the figures are rounded (speaks of no series).
    Rounding,
    /// A series moving into another quadrant of the rotation view against its benchmark.
    Rotation,
}

/// One finding: a sentence, the series it names and the dates to highlight.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The sentence.
    pub text: String,
    /// The names of the series it speaks of.
    pub series: Vec<String>,
    /// The start of the date range it speaks of.
    pub from: Date,
    /// The end of the date range it speaks of.
    pub to: Date,
    /// Other single dates it names (a "since" date), to mark on the chart.
    pub marks: Vec<Date>,
}

/// The findings of a workspace's data as of `as_of` (`None`: each series at its last
/// observation), computed with the data's move window and lookback (see the module
/// documentation for what is said). The same as the findings of [`WorkspaceData::analyse`],
/// for a caller that wants only the sentences.
#[must_use]
pub fn findings(data: &WorkspaceData<'_>, as_of: Option<Date>) -> Vec<Finding> {
    data.analyse(as_of).findings
}

/// The findings from already computed metrics, as of `as_of` (the analysis' as-of date; `None`
/// when there is no data, which yields no finding).
#[must_use]
pub fn findings_from(
    rows: &[SeriesMetrics],
    spreads: &[SpreadMetrics],
    as_of: Option<Date>,
) -> Vec<Finding> {
    let Some(as_of) = as_of else {
        return Vec::new();
    };
    let latest = rows.iter().filter_map(|row| row.last).max();
    let prices = || rows.iter().filter(|row| row.kind == SeriesKind::Price);
    let mut found = Vec::new();
    for row in prices() {
        found.extend(move_finding(row, latest));
    }
    for row in prices() {
        found.extend(day_findings(row));
    }
    found.extend(year_to_date_finding(rows, latest));
    for spread in spreads {
        found.extend(spread_finding(spread, latest));
    }
    if !found.is_empty() {
        found.push(Finding {
            kind: FindingKind::Rounding,
            text: ROUNDING_NOTE.to_string(),
            series: Vec::new(),
            from: as_of,
            to: as_of,
            marks: Vec::new(),
        });
    }
    found
}

fn move_finding(row: &SeriesMetrics, latest: Option<Date>) -> Option<Finding> {
    let last_move = row.last_move?;
    let n = last_move.sessions;
    // A row of monthly data is a month, not a session: say "observations" there.
    let unit = if is_daily(row) {
        "session"
    } else {
        "observation"
    };
    let window = if n == 1 {
        format!("the last {unit}")
    } else {
        format!("the last {n} {unit}s")
    };
    let to = stale_suffix(row.last, latest);
    let text = if last_move.ret == 0.0 {
        format!("{} was unchanged over {window}{to}.", row.name)
    } else if rounds_to_zero(last_move.ret) {
        // "Rose 0.0%, its biggest gain since …" would say nothing true-sounding: a move this
        // small is little changed, with its figure to 0.01.
        format!(
            "{} was little changed over {window}{to} ({}).",
            row.name,
            signed_percent(last_move.ret)
        )
    } else {
        let (verb, noun) = if last_move.ret > 0.0 {
            ("rose", "gain")
        } else {
            ("fell", "fall")
        };
        format!(
            "{} {verb} {} over {window}{to}, its biggest {n}-{unit} {noun} {}.",
            row.name,
            unsigned_percent(last_move.ret),
            since_phrase(last_move.biggest_since),
        )
    };
    Some(Finding {
        kind: FindingKind::Move,
        text,
        series: vec![row.name.clone()],
        from: last_move.start,
        to: last_move.end,
        marks: if rounds_to_zero(last_move.ret) {
            Vec::new()
        } else {
            last_move.biggest_since.date().into_iter().collect()
        },
    })
}

fn day_findings(row: &SeriesMetrics) -> Vec<Finding> {
    let Some(last_move) = row.last_move else {
        return Vec::new();
    };
    if !is_daily(row) {
        return Vec::new();
    }
    let recent = |day: &DayMove| day.date > last_move.start;
    let mut found = Vec::new();
    if let Some(worst) = row.worst_day_of_year.filter(|d| d.ret < 0.0 && recent(d)) {
        found.push(day_finding(row, &worst, "fell", "drop"));
    }
    if let Some(best) = row.best_day_of_year.filter(|d| d.ret > 0.0 && recent(d)) {
        found.push(day_finding(row, &best, "rose", "gain"));
    }
    found
}

fn day_finding(row: &SeriesMetrics, day: &DayMove, verb: &str, noun: &str) -> Finding {
    let text = format!(
        "{} {verb} {} on {}, its largest one-day {noun} of {} and the largest {}.",
        row.name,
        unsigned_percent(day.ret),
        day.date,
        day.date.year(),
        since_phrase(day.largest_since),
    );
    Finding {
        kind: FindingKind::DayOfYear,
        text,
        series: vec![row.name.clone()],
        from: day.previous,
        to: day.date,
        marks: day.largest_since.date().into_iter().collect(),
    }
}

fn year_to_date_finding(rows: &[SeriesMetrics], latest: Option<Date>) -> Option<Finding> {
    let mut ranked: Vec<(&SeriesMetrics, f64)> = rows
        .iter()
        .filter(|row| row.kind == SeriesKind::Price)
        .filter_map(|row| Some((row, row.returns.get(Period::Ytd)?)))
        .collect();
    // Stable: equal returns keep the order the series were given in.
    ranked.sort_by(|(_, x), (_, y)| y.total_cmp(x));
    let from = ranked
        .iter()
        .filter_map(|(row, _)| Date::from_ymd(row.last?.year(), 1, 1))
        .min()?;
    let to = ranked.iter().filter_map(|(row, _)| row.last).max()?;
    let parts: Vec<String> = ranked
        .iter()
        .map(|(row, ytd)| {
            format!(
                "{} {}{}",
                row.name,
                signed_percent(*ytd),
                stale_suffix(row.last, latest)
            )
        })
        .collect();
    Some(Finding {
        kind: FindingKind::YearToDate,
        text: format!("YTD: {}.", parts.join(", ")),
        series: ranked.iter().map(|(row, _)| row.name.clone()).collect(),
        from,
        to,
        marks: Vec::new(),
    })
}

fn spread_finding(spread: &SpreadMetrics, latest: Option<Date>) -> Option<Finding> {
    let date = spread.date?;
    let difference = spread.difference?;
    let on = if Some(date) == latest {
        String::new()
    } else {
        format!(" on {date}")
    };
    let ratio = spread
        .ratio
        .map(|r| format!(" (ratio {})", level(r)))
        .unwrap_or_default();
    let rank = match (spread.percentile_difference, spread.window_start) {
        (Some(pct), Some(start)) => {
            let span = if spread.covers_lookback {
                match spread.lookback_years {
                    1 => "the past year".to_string(),
                    years => format!("the past {years} years"),
                }
            } else {
                format!("the data since {start}")
            };
            format!(", {}", rank_phrase(pct, &span))
        }
        _ => String::new(),
    };
    Some(Finding {
        kind: FindingKind::Spread,
        text: format!(
            "{} \u{2212} {} spread{on}: {}{ratio}{rank}.",
            spread.a,
            spread.b,
            level(difference)
        ),
        series: vec![spread.a.clone(), spread.b.clone()],
        from: spread.window_start.unwrap_or(date),
        to: date,
        marks: vec![date],
    })
}

/// Where a percentile rank `pct` (0–100) stands within `span` ("the past 20 years"), in words.
/// The extremes say what they mean: 0 is below every value, 100 above every value, and a rank
/// that rounds to either without being there is in the bottom or top 1%. Deciles are judged on
/// the unrounded rank, so that 9.6 (the 10th percentile, rounded) is in the bottom decile.
fn rank_phrase(pct: f64, span: &str) -> String {
    let whole = pct.round();
    if pct <= 0.0 {
        format!("below every value of {span}")
    } else if pct >= 100.0 {
        format!("above every value of {span}")
    } else if whole <= 0.0 {
        format!("in the bottom 1% of {span}")
    } else if whole >= 100.0 {
        format!("in the top 1% of {span}")
    } else {
        let decile = if pct < 10.0 {
            ", in the bottom decile"
        } else if pct > 90.0 {
            ", in the top decile"
        } else {
            ""
        };
        format!("at the {} percentile of {span}{decile}", ordinal(whole))
    }
}

/// Whether the series is observed daily, so that one row is one session (one day): the same
/// frequency its volatility is annualised by.
fn is_daily(row: &SeriesMetrics) -> bool {
    row.frequency == Some(Frequency::Daily)
}

/// " (to DATE)" for a series whose data ends before the others'.
fn stale_suffix(last: Option<Date>, latest: Option<Date>) -> String {
    match last {
        Some(last) if Some(last) != latest => format!(" (to {last})"),
        _ => String::new(),
    }
}

fn since_phrase(since: Since) -> String {
    match since {
        Since::Date(date) => format!("since {date}"),
        Since::WholeData { first } => format!("in the data (since {first})"),
    }
}

/// Whether a return would read 0.0% at one decimal (smaller than 0.05% in size).
fn rounds_to_zero(fraction: f64) -> bool {
    number_format::grouped(100.0 * fraction.abs(), 1) == "0.0"
}

/// The decimals of a return in prose: one, or two when one would read 0.0%.
fn percent_decimals(fraction: f64) -> usize {
    if rounds_to_zero(fraction) { 2 } else { 1 }
}

/// `0.115` → `11.5%`, `-0.0003` → `0.03%`.
fn unsigned_percent(fraction: f64) -> String {
    number_format::percent(fraction.abs(), percent_decimals(fraction))
}

/// `0.18` → `+18.0%`, `-0.025` → `−2.5%`, `-0.0003` → `−0.03%`, and no sign on a figure that
/// rounds to zero even at two decimals.
fn signed_percent(fraction: f64) -> String {
    with_true_minus(number_format::signed_percent(
        fraction,
        percent_decimals(fraction),
    ))
}

/// A level to 0.01 with a true minus sign: `-5.2` → `−5.20`.
fn level(value: f64) -> String {
    with_true_minus(number_format::grouped(value, 2))
}

/// Prose takes the typographic minus sign (U+2212) where the table's ASCII text has `-`.
fn with_true_minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(digits) => format!("\u{2212}{digits}"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::analysis::analyse;
    use crate::analytics::options::MetricsOptions;
    use crate::analytics::view::tests::{d, named};
    use crate::model::Series;

    fn price(name: &str, points: &[(&str, f64)]) -> Series {
        named(name, SeriesKind::Price, points)
    }

    /// The findings of `series` and `pairs` computed with `options`, through the workspace
    /// entry point.
    /// The findings for `series` (no spreads) with an N-session move of `move_sessions`, as of
    /// each series' last observation.
    fn findings_of(series: &[&Series], move_sessions: usize) -> Vec<Finding> {
        let mut data = WorkspaceData::new(series.to_vec(), Vec::new());
        data.move_sessions = move_sessions;
        findings(&data, None)
    }

    fn texts(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn says_the_move_the_worst_day_and_ytd_in_words() {
        let ndx = price(
            "Nasdaq 100",
            &[
                ("2023-12-29", 100.0),
                ("2024-01-02", 105.0),
                ("2024-01-03", 110.0),
                ("2024-01-04", 107.0),
                ("2024-01-05", 120.0),
                ("2024-01-08", 118.0),
            ],
        );
        let rut = price(
            "Russell 2000",
            &[
                ("2023-12-28", 300.0),
                ("2023-12-29", 200.0),
                ("2024-01-02", 190.0),
                ("2024-01-03", 205.0),
                ("2024-01-04", 210.0),
                ("2024-01-05", 189.0),
                ("2024-01-08", 210.0),
            ],
        );
        let found = findings_of(&[&rut, &ndx], 2);
        assert_eq!(
            texts(&found),
            vec![
                // R_2 = 210/210 − 1 = 0: unchanged.
                "Russell 2000 was unchanged over the last 2 sessions.",
                // R_2 = 118/107 − 1 = 10.28%; earlier R_2: 10%, 1.9%, 9.1%: the largest in the data.
                "Nasdaq 100 rose 10.3% over the last 2 sessions, its biggest 2-session gain in the data (since 2023-12-29).",
                "Russell 2000 fell 10.0% on 2024-01-05, its largest one-day drop of 2024 and the largest since 2023-12-29.",
                "Russell 2000 rose 11.1% on 2024-01-08, its largest one-day gain of 2024 and the largest in the data (since 2023-12-28).",
                // The Nasdaq's worst day (2024-01-04) is outside its last 2 sessions: not said.
                "Nasdaq 100 rose 12.1% on 2024-01-05, its largest one-day gain of 2024 and the largest in the data (since 2023-12-29).",
                "YTD: Nasdaq 100 +18.0%, Russell 2000 +5.0%.",
                ROUNDING_NOTE,
            ]
        );
        let move_finding = &found[1];
        assert_eq!(move_finding.series, vec!["Nasdaq 100".to_string()]);
        assert_eq!(move_finding.from, d("2024-01-04"));
        assert_eq!(move_finding.to, d("2024-01-08"));
        assert!(move_finding.marks.is_empty());
        assert_eq!(found[2].from, d("2024-01-04"));
        assert_eq!(found[2].to, d("2024-01-05"));
        assert_eq!(found[2].marks, vec![d("2023-12-29")]);
        assert_eq!(found[5].kind, FindingKind::YearToDate);
        assert_eq!(found[5].from, d("2024-01-01"));
        assert_eq!(found[6].kind, FindingKind::Rounding);
    }

    #[test]
    fn a_stale_series_says_where_its_data_ends() {
        let a = price("A", &[("2023-12-29", 100.0), ("2024-03-01", 90.0)]);
        let b = price("B", &[("2023-12-29", 100.0), ("2024-06-03", 110.0)]);
        let found = findings_of(&[&a, &b], 1);
        assert_eq!(
            found[0].text,
            "A fell 10.0% over the last observation (to 2024-03-01), its biggest 1-observation fall in the data (since 2023-12-29)."
        );
        assert!(
            found
                .iter()
                .any(|f| f.text == "YTD: B +10.0%, A \u{2212}10.0% (to 2024-03-01).")
        );
    }

    #[test]
    fn monthly_data_gets_no_one_day_sentences() {
        let monthly = price(
            "Shiller",
            &[
                ("2023-11-01", 100.0),
                ("2023-12-01", 100.0),
                ("2024-01-01", 80.0),
                ("2024-02-01", 90.0),
            ],
        );
        let options = MetricsOptions {
            move_sessions: 1,
            ..MetricsOptions::default()
        };
        let found = findings_of(&[&monthly], 1);
        assert!(found.iter().all(|f| f.kind != FindingKind::DayOfYear));
        assert_eq!(
            found[0].text,
            "Shiller rose 12.5% over the last observation, its biggest 1-observation gain in the data (since 2023-11-01)."
        );
        let analysis = analyse(&[&monthly], &[], &options);
        let best = analysis.series[0].best_day_of_year.unwrap();
        assert_eq!(best.date, d("2024-02-01"), "still in the metrics");
    }

    #[test]
    fn spreads_state_level_ratio_and_percentile() {
        let mut small = Vec::new();
        let mut large = Vec::new();
        for year in 2000..=2024 {
            for month in 1..=12u32 {
                let date = format!("{year}-{month:02}-01");
                let i = f64::from((year - 2000) * 12) + f64::from(month);
                small.push((date.clone(), 20.0 + (i * 7.0) % 13.0));
                large.push((date, 22.0));
            }
        }
        let small_refs: Vec<(&str, f64)> = small.iter().map(|(s, v)| (s.as_str(), *v)).collect();
        let large_refs: Vec<(&str, f64)> = large.iter().map(|(s, v)| (s.as_str(), *v)).collect();
        let a = named("Small P/E", SeriesKind::Valuation, &small_refs);
        let b = named("Large P/E", SeriesKind::Valuation, &large_refs);
        let analysis = analyse(&[&a, &b], &[(&a, &b)], &MetricsOptions::default());
        let spread = &analysis.spreads[0];
        let pct = spread.percentile_difference.unwrap();
        let spread_text = &analysis
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Spread)
            .unwrap()
            .text;
        // Last value: i = 300, 20 + 2100 % 13 = 20 + 7 = 27 → difference 5.
        assert_eq!(spread.difference, Some(5.0));
        let expected = format!(
            "Small P/E \u{2212} Large P/E spread: 5.00 (ratio 1.23), at the {} percentile of the past 20 years.",
            ordinal(pct)
        );
        assert_eq!(spread_text, &expected);
        assert!(
            analysis
                .findings
                .iter()
                .all(|f| f.kind != FindingKind::Move)
        );
    }

    /// A spread A − B of −5.2 on 2024-05-01 at `rank` within a 20-year lookback whose window
    /// starts at `window_start` (covering the lookback or not).
    fn spread_at(rank: f64, window_start: &str, covers_lookback: bool) -> SpreadMetrics {
        SpreadMetrics {
            a: "A".into(),
            b: "B".into(),
            date: Some(d("2024-05-01")),
            difference: Some(-5.2),
            ratio: None,
            lookback_years: 20,
            observations: 240,
            window_start: Some(d(window_start)),
            covers_lookback,
            percentile_difference: Some(rank),
            percentile_ratio: None,
            bands: None,
        }
    }

    #[test]
    fn spread_wording_for_short_history_and_deciles() {
        let spread = SpreadMetrics {
            observations: 40,
            ..spread_at(4.4, "2021-01-01", false)
        };
        let finding = spread_finding(&spread, Some(d("2024-05-03"))).unwrap();
        assert_eq!(
            finding.text,
            "A \u{2212} B spread on 2024-05-01: \u{2212}5.20, at the 4th percentile of the data since 2021-01-01, in the bottom decile."
        );
        assert_eq!(finding.from, d("2021-01-01"));
        let top = SpreadMetrics {
            percentile_difference: Some(96.0),
            covers_lookback: true,
            lookback_years: 1,
            ..spread.clone()
        };
        assert!(
            spread_finding(&top, Some(d("2024-05-01")))
                .unwrap()
                .text
                .ends_with(
                    ": \u{2212}5.20, at the 96th percentile of the past year, in the top decile."
                )
        );
        let no_rank = SpreadMetrics {
            percentile_difference: None,
            window_start: None,
            ..spread
        };
        assert_eq!(
            spread_finding(&no_rank, Some(d("2024-05-01")))
                .unwrap()
                .text,
            "A \u{2212} B spread: \u{2212}5.20."
        );
    }

    #[test]
    fn a_move_that_rounds_to_zero_is_little_changed() {
        let x = crate::analytics::view::tests::daily("2024-01-01", &[100.0, 101.0, 99.97]);
        let found = findings_of(&[&x], 2);
        assert_eq!(
            texts(&found),
            vec![
                // R_2 = 99.97 / 100 − 1 = −0.03%: not "fell 0.0%, its biggest fall since …".
                "X was little changed over the last 2 sessions (\u{2212}0.03%).",
                "X fell 1.0% on 2024-01-03, its largest one-day drop of 2024 and the largest in the data (since 2024-01-01).",
                "X rose 1.0% on 2024-01-02, its largest one-day gain of 2024 and the largest in the data (since 2024-01-01).",
                ROUNDING_NOTE,
            ]
        );
        assert!(found[0].marks.is_empty());
        assert_eq!(found[0].from, d("2024-01-01"));
    }

    #[test]
    fn small_returns_take_two_decimals_in_every_sentence() {
        let x = price(
            "X",
            &[
                ("2023-12-29", 100.0),
                ("2024-01-02", 100.03),
                ("2024-01-03", 100.04),
            ],
        );
        let found = findings_of(&[&x], 2);
        assert_eq!(
            texts(&found),
            vec![
                "X was little changed over the last 2 sessions (+0.04%).",
                // The year's worst day (+0.01%) is no drop: not said.
                "X rose 0.03% on 2024-01-02, its largest one-day gain of 2024 and the largest in the data (since 2023-12-29).",
                "YTD: X +0.04%.",
                ROUNDING_NOTE,
            ]
        );
    }

    #[test]
    fn a_series_without_ytd_is_left_out_of_the_ytd_sentence() {
        let a = price("A", &[("2023-12-29", 100.0), ("2024-06-28", 110.0)]);
        // Starts in March 2024: no previous year's close, no YTD.
        let b = price("B", &[("2024-03-01", 100.0), ("2024-06-28", 120.0)]);
        let c = price("C", &[("2023-12-29", 100.0), ("2024-06-28", 95.0)]);
        let found = findings_of(&[&a, &b, &c], 1);
        let ytd: Vec<&Finding> = found
            .iter()
            .filter(|f| f.kind == FindingKind::YearToDate)
            .collect();
        assert_eq!(ytd.len(), 1);
        assert_eq!(ytd[0].text, "YTD: A +10.0%, C \u{2212}5.0%.");
        assert_eq!(ytd[0].series, vec!["A".to_string(), "C".to_string()]);
        assert_eq!(ytd[0].from, d("2024-01-01"));
        assert_eq!(ytd[0].to, d("2024-06-28"));
        // Alone, the series without YTD gets no YTD sentence at all.
        let alone = findings_of(&[&b], 1);
        assert!(alone.iter().all(|f| f.kind != FindingKind::YearToDate));
        assert!(!alone.is_empty(), "its move is still said");
    }

    #[test]
    fn percentile_extremes_and_deciles_in_words() {
        let span = "the past 20 years";
        assert_eq!(
            rank_phrase(0.0, span),
            "below every value of the past 20 years"
        );
        assert_eq!(
            rank_phrase(100.0, span),
            "above every value of the past 20 years"
        );
        // A tie with the window's lowest value: rounds to 0 without being below them all.
        assert_eq!(
            rank_phrase(0.125, span),
            "in the bottom 1% of the past 20 years"
        );
        assert_eq!(
            rank_phrase(99.7, span),
            "in the top 1% of the past 20 years"
        );
        assert_eq!(
            rank_phrase(0.5, span),
            "at the 1st percentile of the past 20 years, in the bottom decile"
        );
        // Deciles on the unrounded rank: 9.6 reads as the 10th percentile but is in the bottom
        // decile; 90.4 reads as the 90th but is in the top decile.
        assert_eq!(
            rank_phrase(9.6, span),
            "at the 10th percentile of the past 20 years, in the bottom decile"
        );
        assert_eq!(
            rank_phrase(90.4, span),
            "at the 90th percentile of the past 20 years, in the top decile"
        );
        assert_eq!(
            rank_phrase(10.0, span),
            "at the 10th percentile of the past 20 years"
        );
        assert_eq!(
            rank_phrase(90.0, span),
            "at the 90th percentile of the past 20 years"
        );
        assert_eq!(
            rank_phrase(15.2, span),
            "at the 15th percentile of the past 20 years"
        );
    }

    #[test]
    fn a_spread_below_its_whole_window_says_so() {
        let spread = spread_at(0.0, "2004-05-01", true);
        assert_eq!(
            spread_finding(&spread, Some(d("2024-05-01"))).unwrap().text,
            "A \u{2212} B spread: \u{2212}5.20, below every value of the past 20 years."
        );
    }

    #[test]
    fn no_data_no_findings() {
        assert!(findings_from(&[], &[], None).is_empty());
        assert!(findings_from(&[], &[], Some(d("2024-01-01"))).is_empty());
    }

    #[test]
    fn prose_numbers_take_a_true_minus() {
        assert_eq!(signed_percent(-0.0004), "\u{2212}0.04%");
        assert_eq!(signed_percent(0.0005), "+0.1%");
        assert_eq!(signed_percent(0.000_04), "0.00%");
        assert_eq!(unsigned_percent(-0.0003), "0.03%");
        assert_eq!(signed_percent(0.105), "+10.5%");
        assert_eq!(level(-0.001), "0.00");
        assert_eq!(level(0.384), "0.38");
        assert_eq!(level(-5.2), "\u{2212}5.20");
        assert_eq!(signed_percent(-0.025), "\u{2212}2.5%");
        assert_eq!(unsigned_percent(-0.115), "11.5%");
    }
}
