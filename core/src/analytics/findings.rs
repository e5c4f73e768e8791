//! The findings: what the metrics say, in plain sentences that each carry the series and dates
//! they speak of, so the app can highlight them on the chart — a short story, rarest first.
//!
//! Only statements the data supports are written, and none for an absent metric:
//! - for each price series, its headline move (see [`super::headline`]): "^RUT rose 8.7% in the
//!   5 sessions to 2020-11-09, its biggest 5-session gain since 2020-06-08", the "biggest since"
//!   clause only when newsworthy; a non-daily series speaks in its own unit ("5-month");
//! - for each pair of price series the user compares, its relative move ("^RUT outperformed
//!   ^NDX by 7.1 percentage points …"); with no such pair and 2 to 12 price series, every pair
//!   of them whose margin is at least one percentage point (two wrappers of one index are no
//!   rotation), each told with the one that did better first;
//! - the year's largest one-day drop or gain of a daily price or rate series (see
//!   [`Frequency`]), when it happened within that series' last N sessions (the move window),
//!   with how long since one as large — for a rate, a change in basis points ("DGS10 fell
//!   21 bp on …");
//! - the year-to-date returns of the price series, best first: at most 8 (the leaders and the
//!   laggards), always the best and the worst;
//! - each spread's level and its percentile rank over the lookback: for two prices the ratio
//!   (relative strength), for two rates the difference in basis points, else the difference;
//! - a closing note stating how figures are rounded.
//!
//! The story: at most [`MAX_SENTENCES`] sentences (plus the rounding note), rarest first. The
//! rarity of a finding is the number of calendar days back to its since date (to the first date
//! when it is the largest in the data); the rotation sentence (the rarest relative move) comes
//! first whatever its rarity, and the year-to-date sentence, which has no rarity, closes the
//! story. Relative moves other than the rotation sentence are told only when newsworthy.
//!
//! Rounding: returns and margins to 0.1 percentage point — to 0.01 when smaller than 0.05%,
//! which would read 0.0% — spread levels and ratios to 0.01, basis points to the nearest whole,
//! percentile ranks to the nearest whole percentile. A move that small is said to be little
//! changed; a spread beyond every value of its window is said to be so rather than at the 0th
//! or 100th percentile, and one that rounds there without being beyond them all is in the
//! bottom or top 1%. Deciles are judged on the unrounded rank.

use crate::model::{Date, SeriesKind};
use crate::number_format::{self, ordinal};

use super::analysis::WorkspaceData;
use super::frequency::Frequency;
use super::headline::{HeadlineMove, RelativeMove};
use super::metrics::SeriesMetrics;
use super::moves::{DayMove, MoveMeasure, Since};
use super::returns::Period;
use super::spread::SpreadMetrics;

/// The sentence that states how findings are rounded.
pub const ROUNDING_NOTE: &str = "Rounding: returns and margins to 0.1 percentage point (0.01 \
when smaller than 0.05%), spread levels and ratios to 0.01, basis points to the nearest whole, \
percentile ranks to the nearest whole percentile.";

/// The most sentences a story tells (the rounding note aside).
pub const MAX_SENTENCES: usize = 12;

/// The most series the year-to-date sentence names.
pub const MAX_YEAR_TO_DATE_SERIES: usize = 8;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A series' headline move and its "biggest since".
    Move,
    /// The relative move of a pair of price series and its "widest since".
    RelativeMove,
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
    /// The names of the series it speaks of (for a relative move, the pair in the order told).
    pub series: Vec<String>,
    /// The start of the date range it speaks of.
    pub from: Date,
    /// The end of the date range it speaks of.
    pub to: Date,
    /// Other single dates it names (a "since" date), to mark on the chart.
    pub marks: Vec<Date>,
    /// How rare what it says is: calendar days back to its since date (to the first date when
    /// it is the largest in the data). `None` for a finding that is not ranked by rarity (the
    /// year-to-date returns, the rounding note), which the story places itself.
    pub rarity: Option<i32>,
}

/// The relative move of one pair, as the story tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct PairMove {
    /// The first series (the one whose outperformance is told).
    pub a: String,
    /// The second series.
    pub b: String,
    /// The move.
    pub moved: RelativeMove,
}

/// The findings of a workspace's data as of `as_of` (`None`: each series at its last
/// observation), computed with the data's move window and lookback (see the module
/// documentation for what is said). The same as the findings of [`WorkspaceData::analyse`],
/// for a caller that wants only the sentences.
#[must_use]
pub fn findings(data: &WorkspaceData<'_>, as_of: Option<Date>) -> Vec<Finding> {
    data.analyse(as_of).findings
}

/// The story from already computed metrics, as of `as_of` (the analysis' as-of date; `None`
/// when there is no data, which yields no finding): every finding of `rows`, `pair_moves` and
/// `spreads`, ranked and cut as the module documentation says.
#[must_use]
pub fn findings_from(
    rows: &[SeriesMetrics],
    spreads: &[SpreadMetrics],
    pair_moves: &[PairMove],
    as_of: Option<Date>,
) -> Vec<Finding> {
    let Some(as_of) = as_of else {
        return Vec::new();
    };
    let latest = rows.iter().filter_map(|row| row.last).max();
    let prices = || rows.iter().filter(|row| row.kind == SeriesKind::Price);
    let mut found = Vec::new();
    for pair in pair_moves {
        found.extend(relative_move_finding(pair, rows));
    }
    for row in prices() {
        found.extend(move_finding(row));
    }
    // A rate's largest one-day change is news too ("the 10-year yield fell 21 bp"), in bp.
    for row in rows
        .iter()
        .filter(|row| matches!(row.kind, SeriesKind::Price | SeriesKind::Rate))
    {
        found.extend(day_findings(row));
    }
    for spread in spreads {
        found.extend(spread_finding(spread, latest));
    }
    let year_to_date = year_to_date_finding(rows, latest);
    let mut story = rank(found, year_to_date.is_some());
    story.extend(year_to_date);
    if !story.is_empty() {
        story.push(Finding {
            kind: FindingKind::Rounding,
            text: ROUNDING_NOTE.to_string(),
            series: Vec::new(),
            from: as_of,
            to: as_of,
            marks: Vec::new(),
            rarity: None,
        });
    }
    story
}

/// Orders `found` into the story: the rotation sentence (the rarest relative move) first, the
/// other newsworthy relative moves and every other finding rarest first (ties keep their given
/// order), cut so that with the year-to-date sentence (when `room_for_year_to_date`) there are
/// at most [`MAX_SENTENCES`]. Any kind of finding with a rarity takes part.
fn rank(found: Vec<Finding>, room_for_year_to_date: bool) -> Vec<Finding> {
    let rarity = |f: &Finding| f.rarity.unwrap_or(i32::MIN);
    let rotation = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FindingKind::RelativeMove)
        // `max_by_key` keeps the last of equals: compare reversed indexes to keep the first.
        .max_by_key(|(i, f)| (rarity(f), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut story = Vec::new();
    let mut rest = Vec::new();
    for (i, finding) in found.into_iter().enumerate() {
        if Some(i) == rotation {
            story.push(finding);
        } else if finding.kind != FindingKind::RelativeMove || is_newsworthy(&finding) {
            rest.push(finding);
        }
    }
    rest.sort_by_key(|f| std::cmp::Reverse(rarity(f)));
    story.extend(rest);
    story.truncate(MAX_SENTENCES - usize::from(room_for_year_to_date));
    story
}

/// Whether a relative move's margin was last matched more than 91 days before (or never).
fn is_newsworthy(finding: &Finding) -> bool {
    finding
        .rarity
        .is_some_and(|days| days > super::headline::NEWSWORTHY_DAYS)
}

/// The unit of one observation of a series observed at `frequency`.
fn unit(frequency: Option<Frequency>) -> &'static str {
    match frequency {
        Some(Frequency::Daily) => "session",
        Some(Frequency::Weekly) => "week",
        Some(Frequency::Monthly) => "month",
        Some(Frequency::Quarterly) => "quarter",
        Some(Frequency::Yearly) => "year",
        None => "observation",
    }
}

/// "in the 5 sessions to 2020-11-09", "on 2020-11-09" (one session), "in the month to …".
fn window_phrase(n: usize, unit: &str, end: Date) -> String {
    match n {
        1 if unit == "session" => format!("on {end}"),
        1 => format!("in the {unit} to {end}"),
        _ => format!("in the {n} {unit}s to {end}"),
    }
}

/// "5-session", "one-month".
fn span_phrase(n: usize, unit: &str) -> String {
    if n == 1 {
        format!("one-{unit}")
    } else {
        format!("{n}-{unit}")
    }
}

/// ", its biggest 5-session gain since 2020-06-08" or ", the largest 5-session gain in the
/// data, which starts 2000-01-03"; empty when not newsworthy.
fn since_clause(since: Since, newsworthy: bool, its: &str, the: &str, what: &str) -> String {
    if !newsworthy {
        return String::new();
    }
    match since {
        Since::Date(date) => format!(", {its} {what} since {date}"),
        Since::WholeData { first } => {
            format!(", {the} {what} in the data, which starts {first}")
        }
    }
}

fn move_finding(row: &SeriesMetrics) -> Option<Finding> {
    let moved: HeadlineMove = row.headline_move?;
    let n = moved.sessions;
    let unit = unit(row.frequency);
    let window = window_phrase(n, unit, moved.end);
    let quiet = moved.ret == 0.0 || rounds_to_zero(moved.ret);
    let text = if moved.ret == 0.0 {
        format!("{} was unchanged {window}.", row.name)
    } else if quiet {
        // "Rose 0.0%, its biggest gain since …" would say nothing true-sounding: a move this
        // small is little changed, with its figure to 0.01.
        format!(
            "{} was little changed {window} ({}).",
            row.name,
            signed_percent(moved.ret)
        )
    } else {
        let (verb, noun) = if moved.ret > 0.0 {
            ("rose", "gain")
        } else {
            ("fell", "fall")
        };
        let what = format!("{} {noun}", span_phrase(n, unit));
        format!(
            "{} {verb} {} {window}{}.",
            row.name,
            unsigned_percent(moved.ret),
            since_clause(
                moved.biggest_since,
                moved.newsworthy,
                "its biggest",
                "the largest",
                &what
            ),
        )
    };
    Some(Finding {
        kind: FindingKind::Move,
        text,
        series: vec![row.name.clone()],
        from: moved.start,
        to: moved.end,
        marks: if quiet || !moved.newsworthy {
            Vec::new()
        } else {
            moved.biggest_since.date().into_iter().collect()
        },
        rarity: Some(if quiet { 0 } else { moved.rarity_days }),
    })
}

fn relative_move_finding(pair: &PairMove, rows: &[SeriesMetrics]) -> Option<Finding> {
    let moved = pair.moved;
    let n = moved.sessions;
    // The pair is aligned on the sparser series: its unit is the less frequent one's.
    let frequency = [&pair.a, &pair.b]
        .iter()
        .filter_map(|name| rows.iter().find(|row| &row.name == *name)?.frequency)
        .max();
    let unit = unit(frequency);
    let window = window_phrase(n, unit, moved.end);
    let returns = format!(
        "({} vs {})",
        signed_percent(moved.a_return),
        signed_percent(moved.b_return)
    );
    let quiet = rounds_to_zero(moved.difference);
    let text = if quiet {
        format!(
            "{} and {} moved in step {window} {returns}.",
            pair.a, pair.b
        )
    } else {
        let verb = if moved.difference > 0.0 {
            "outperformed"
        } else {
            "underperformed"
        };
        let what = format!("{} margin", span_phrase(n, unit));
        format!(
            "{} {verb} {} by {} percentage points {window} {returns}{}.",
            pair.a,
            pair.b,
            number_format::grouped(
                100.0 * moved.difference.abs(),
                percent_decimals(moved.difference)
            ),
            since_clause(
                moved.widest_since,
                moved.newsworthy,
                "the widest",
                "the widest",
                &what
            ),
        )
    };
    Some(Finding {
        kind: FindingKind::RelativeMove,
        text,
        series: vec![pair.a.clone(), pair.b.clone()],
        from: moved.start,
        to: moved.end,
        marks: if quiet || !moved.newsworthy {
            Vec::new()
        } else {
            moved.widest_since.date().into_iter().collect()
        },
        rarity: Some(if quiet { 0 } else { moved.rarity_days }),
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
    if let Some(worst) = row.worst_day_of_year.filter(|d| d.size < 0.0 && recent(d)) {
        found.push(day_finding(row, &worst, "fell", "drop"));
    }
    if let Some(best) = row.best_day_of_year.filter(|d| d.size > 0.0 && recent(d)) {
        found.push(day_finding(row, &best, "rose", "gain"));
    }
    found
}

fn day_finding(row: &SeriesMetrics, day: &DayMove, verb: &str, noun: &str) -> Finding {
    let text = format!(
        "{} {verb} {} on {}, its largest one-day {noun} of {} and the largest {}.",
        row.name,
        unsigned_move(day.measure, day.size),
        day.date,
        day.date.year(),
        since_phrase(day.largest_since),
    );
    let since = match day.largest_since {
        Since::Date(date) => date,
        Since::WholeData { first } => first,
    };
    Finding {
        kind: FindingKind::DayOfYear,
        text,
        series: vec![row.name.clone()],
        from: day.previous,
        to: day.date,
        marks: day.largest_since.date().into_iter().collect(),
        rarity: Some(day.date.day_number() - since.day_number()),
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
    let part = |(row, ytd): &(&SeriesMetrics, f64)| {
        format!(
            "{} {}{}",
            row.name,
            signed_percent(*ytd),
            stale_suffix(row.last, latest)
        )
    };
    let (text, named): (String, Vec<&(&SeriesMetrics, f64)>) = if ranked.len()
        <= MAX_YEAR_TO_DATE_SERIES
    {
        let parts: Vec<String> = ranked.iter().map(part).collect();
        (
            format!("YTD: {}.", parts.join(", ")),
            ranked.iter().collect(),
        )
    } else {
        let half = MAX_YEAR_TO_DATE_SERIES / 2;
        let leaders = &ranked[..half];
        let laggards = &ranked[ranked.len() - half..];
        let join =
            |side: &[(&SeriesMetrics, f64)]| side.iter().map(part).collect::<Vec<_>>().join(", ");
        (
            format!(
                "YTD, the leaders and laggards of {} series: {} \u{2026} {}.",
                ranked.len(),
                join(leaders),
                join(laggards)
            ),
            leaders.iter().chain(laggards).collect(),
        )
    };
    Some(Finding {
        kind: FindingKind::YearToDate,
        text,
        series: named.iter().map(|(row, _)| row.name.clone()).collect(),
        from,
        to,
        marks: Vec::new(),
        rarity: None,
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
    let span = match spread.window_start {
        Some(_) if spread.covers_lookback => match spread.lookback_years {
            1 => "the past year".to_string(),
            years => format!("the past {years} years"),
        },
        Some(start) => format!("the data since {start}"),
        None => String::new(),
    };
    let (_, rank) = spread.lead();
    let rank = match rank {
        Some(pct) if spread.window_start.is_some() => format!(", {}", rank_phrase(pct, &span)),
        _ => String::new(),
    };
    let text = if spread.of_prices() {
        // Two index levels: only their ratio, relative strength, means something.
        let ratio = spread.ratio?;
        format!(
            "{} / {} ratio{on}: {}{rank}.",
            spread.a,
            spread.b,
            level(ratio)
        )
    } else if spread.of_rates() {
        format!(
            "{} \u{2212} {} spread{on}: {}{rank}.",
            spread.a,
            spread.b,
            basis_points(difference)
        )
    } else {
        let ratio = spread
            .ratio
            .map(|r| format!(" (ratio {})", level(r)))
            .unwrap_or_default();
        format!(
            "{} \u{2212} {} spread{on}: {}{ratio}{rank}.",
            spread.a,
            spread.b,
            level(difference)
        )
    };
    let rarity = spread.level_since.map(|since| {
        let since = match since {
            Since::Date(d) => d,
            Since::WholeData { first } => first,
        };
        date.day_number() - since.day_number()
    });
    Some(Finding {
        kind: FindingKind::Spread,
        text,
        series: vec![spread.a.clone(), spread.b.clone()],
        from: spread.window_start.unwrap_or(date),
        to: date,
        marks: vec![date],
        rarity: Some(rarity.unwrap_or(0)),
    })
}

/// A change of a rate in basis points, whole, signed with a true minus: `-1.02` (percentage
/// points) → `−102 bp`.
#[must_use]
pub fn basis_points(percentage_points: f64) -> String {
    let bp = (percentage_points * 100.0).round() + 0.0;
    if bp == 0.0 {
        return "0 bp".to_string();
    }
    let text = number_format::grouped(bp, 0);
    let signed = if bp > 0.0 { format!("+{text}") } else { text };
    format!("{} bp", with_true_minus(signed))
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
/// A move without its sign, in its measure: `8.7%`, or `21 bp` for a rate.
fn unsigned_move(measure: MoveMeasure, size: f64) -> String {
    match measure {
        MoveMeasure::Return => unsigned_percent(size),
        MoveMeasure::ChangeBp => {
            format!("{} bp", number_format::grouped(size.abs().round(), 0))
        }
    }
}

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
    use crate::analytics::analysis::{MAX_AUTOMATIC_PAIR_SERIES, analyse};
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
                // The rotation sentence first. Aligned on the Nasdaq's dates, D_2 ending
                // 2024-01-05 = 120/110 − 1 − (189/205 − 1) = 9.09% + 7.80%: the widest in the data.
                "Nasdaq 100 outperformed Russell 2000 by 16.9 percentage points in the 2 sessions to 2024-01-05 (+9.1% vs \u{2212}7.8%), the widest 2-session margin in the data, which starts 2023-12-29.",
                // Then rarest first: 2023-12-28 to 2024-01-08 is 11 days back.
                "Russell 2000 rose 11.1% on 2024-01-08, its largest one-day gain of 2024 and the largest in the data (since 2023-12-28).",
                // R_2 = 118/107 − 1 = 10.28% (ending 01-08); earlier R_2: 10%, 1.9%, 9.1%: the
                // largest in the data (10 days back), so the headline over the one ending 01-05.
                "Nasdaq 100 rose 10.3% in the 2 sessions to 2024-01-08, the largest 2-session gain in the data, which starts 2023-12-29.",
                "Russell 2000 fell 10.0% on 2024-01-05, its largest one-day drop of 2024 and the largest since 2023-12-29.",
                // The Nasdaq's worst day (2024-01-04) is outside its last 2 sessions: not said.
                "Nasdaq 100 rose 12.1% on 2024-01-05, its largest one-day gain of 2024 and the largest in the data (since 2023-12-29).",
                // Russell's windows: ending 01-05 (−7.8%, since the −36.7% ending 01-02) and
                // 01-08 (0%, since 01-04): the first; 3 days back is not newsworthy.
                "Russell 2000 fell 7.8% in the 2 sessions to 2024-01-05.",
                "YTD: Nasdaq 100 +18.0%, Russell 2000 +5.0%.",
                ROUNDING_NOTE,
            ]
        );
        let rotation = &found[0];
        assert_eq!(rotation.kind, FindingKind::RelativeMove);
        assert_eq!(rotation.series, ["Nasdaq 100", "Russell 2000"]);
        assert_eq!(rotation.from, d("2024-01-03"));
        assert_eq!(rotation.to, d("2024-01-05"));
        assert_eq!(rotation.rarity, Some(7));
        let move_finding = &found[2];
        assert_eq!(move_finding.series, vec!["Nasdaq 100".to_string()]);
        assert_eq!(move_finding.from, d("2024-01-04"));
        assert_eq!(move_finding.to, d("2024-01-08"));
        assert!(move_finding.marks.is_empty());
        assert_eq!(found[3].from, d("2024-01-04"));
        assert_eq!(found[3].to, d("2024-01-05"));
        assert_eq!(found[3].marks, vec![d("2023-12-29")]);
        assert_eq!(found[6].kind, FindingKind::YearToDate);
        assert_eq!(found[6].from, d("2024-01-01"));
        assert!(
            found[5].marks.is_empty(),
            "no since date when not newsworthy"
        );
        assert_eq!(found[7].kind, FindingKind::Rounding);
    }

    #[test]
    fn a_stale_series_says_where_its_data_ends() {
        let a = price("A", &[("2023-12-29", 100.0), ("2024-03-01", 90.0)]);
        let b = price("B", &[("2023-12-29", 100.0), ("2024-06-03", 110.0)]);
        let found = findings_of(&[&a, &b], 1);
        // Aligned on A's dates (B's value on 2024-03-01 is its 2023-12-29 close).
        assert_eq!(
            found[0].text,
            "B outperformed A by 10.0 percentage points in the quarter to 2024-03-01 (0.00% vs \u{2212}10.0%), the widest one-quarter margin in the data, which starts 2023-12-29."
        );
        assert!(found.iter().any(|f| f.text
            == "A fell 10.0% in the quarter to 2024-03-01, the largest one-quarter fall in the data, which starts 2023-12-29."));
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
            "Shiller rose 12.5% in the month to 2024-02-01, the largest one-month gain in the data, which starts 2023-11-01."
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
            a_kind: SeriesKind::Valuation,
            b_kind: SeriesKind::Valuation,
            relative_move: None,
            level_since: None,
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
                "X fell 1.0% on 2024-01-03, its largest one-day drop of 2024 and the largest in the data (since 2024-01-01).",
                "X rose 1.0% on 2024-01-02, its largest one-day gain of 2024 and the largest in the data (since 2024-01-01).",
                // A move this small ranks last.
                "X was little changed in the 2 sessions to 2024-01-03 (\u{2212}0.03%).",
                ROUNDING_NOTE,
            ]
        );
        assert!(found[2].marks.is_empty());
        assert_eq!(found[2].from, d("2024-01-01"));
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
                // The year's worst day (+0.01%) is no drop: not said.
                "X rose 0.03% on 2024-01-02, its largest one-day gain of 2024 and the largest in the data (since 2023-12-29).",
                "X was little changed in the 2 sessions to 2024-01-03 (+0.04%).",
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

    /// `count` daily price series over 30 sessions from 2023-12-01, each with its own trend and
    /// a jump of its own size in the last week.
    fn many(count: usize) -> Vec<Series> {
        (0..count)
            .map(|k| {
                let kf = k as f64;
                let closes: Vec<f64> = (0..40)
                    .map(|i| {
                        let i = f64::from(i);
                        let jump = if i >= 37.0 {
                            1.0 + 0.01 * (kf - 10.0)
                        } else {
                            1.0
                        };
                        100.0
                            * (1.0 + 0.001 * (kf - 7.0) * i + 0.02 * (i * (kf + 1.0)).sin())
                            * jump
                    })
                    .collect();
                crate::testing::daily_series(
                    &format!("S{k:02}"),
                    SeriesKind::Price,
                    "2023-12-01",
                    &closes,
                )
            })
            .collect()
    }

    #[test]
    fn a_story_has_at_most_twelve_sentences_rarest_first_with_the_rotation_first() {
        for count in [3, 12, 40] {
            let series = many(count);
            let refs: Vec<&Series> = series.iter().collect();
            let found = findings_of(&refs, 5);
            let sentences: Vec<&Finding> = found
                .iter()
                .filter(|f| f.kind != FindingKind::Rounding)
                .collect();
            assert!(
                sentences.len() <= MAX_SENTENCES,
                "{count}: {}",
                sentences.len()
            );
            assert_eq!(found.last().unwrap().kind, FindingKind::Rounding);
            // Pairs are compared only for 2 to 12 series.
            assert_eq!(
                sentences[0].kind == FindingKind::RelativeMove,
                count <= MAX_AUTOMATIC_PAIR_SERIES,
                "{count}"
            );
            let ranked: Vec<i32> = sentences
                .iter()
                .skip(usize::from(count <= MAX_AUTOMATIC_PAIR_SERIES))
                .filter_map(|f| f.rarity)
                .collect();
            assert!(
                ranked.windows(2).all(|w| w[0] >= w[1]),
                "{count}: {ranked:?}"
            );
            let ytd = sentences.last().unwrap();
            assert_eq!(ytd.kind, FindingKind::YearToDate);
            assert_eq!(ytd.series.len(), count.min(MAX_YEAR_TO_DATE_SERIES));
        }
    }

    #[test]
    fn the_year_to_date_sentence_names_the_leaders_and_laggards_with_the_best_and_worst() {
        let series: Vec<Series> = (0..10)
            .map(|k| {
                price(
                    &format!("S{k}"),
                    &[("2023-12-29", 100.0), ("2024-01-02", 100.0 + f64::from(k))],
                )
            })
            .collect();
        let refs: Vec<&Series> = series.iter().collect();
        let found = findings_of(&refs, 1);
        let ytd = found
            .iter()
            .find(|f| f.kind == FindingKind::YearToDate)
            .unwrap();
        assert_eq!(
            ytd.text,
            "YTD, the leaders and laggards of 10 series: S9 +9.0%, S8 +8.0%, S7 +7.0%, S6 +6.0% \u{2026} S3 +3.0%, S2 +2.0%, S1 +1.0%, S0 0.00%."
        );
        assert_eq!(ytd.series, ["S9", "S8", "S7", "S6", "S3", "S2", "S1", "S0"]);
    }

    #[test]
    fn findings_speak_only_of_the_shown_series() {
        let series = many(3);
        let refs: Vec<&Series> = series.iter().collect();
        let options = MetricsOptions::default();
        let analysis =
            crate::analytics::analysis::analyse_shown(&refs, &[], &[true, false, true], &options);
        assert_eq!(analysis.series.len(), 3, "the metrics cover every series");
        assert!(!analysis.findings.is_empty());
        assert!(
            analysis
                .findings
                .iter()
                .all(|f| !f.series.contains(&"S01".to_string()) && !f.text.contains("S01"))
        );
        assert_eq!(analysis.relative_moves.len(), 1);
    }

    #[test]
    fn a_pair_of_prices_leads_with_the_ratio_and_a_pair_of_rates_speaks_in_basis_points() {
        let days: Vec<String> = (1..=28).map(|day| format!("2024-02-{day:02}")).collect();
        let points = |f: &dyn Fn(f64) -> f64| -> Vec<(&str, f64)> {
            days.iter()
                .enumerate()
                .map(|(i, day)| (day.as_str(), f(i as f64)))
                .collect()
        };
        let iwm = named("IWM", SeriesKind::Price, &points(&|i| 150.0 - i));
        let qqq = named("QQQ", SeriesKind::Price, &points(&|i| 280.0 + i));
        let analysis = analyse(&[&iwm, &qqq], &[(&iwm, &qqq)], &MetricsOptions::default());
        let spread = analysis
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Spread)
            .unwrap();
        // 123 / 307 = 0.40, the lowest ratio of the data: below every earlier value.
        assert_eq!(
            spread.text,
            "IWM / QQQ ratio: 0.40, below every value of the data since 2024-02-01."
        );
        assert_eq!(spread.rarity, Some(27));
        // The user's pair is the one compared, in the user's order.
        assert_eq!(analysis.findings[0].kind, FindingKind::RelativeMove);
        assert!(
            analysis.findings[0]
                .text
                .starts_with("IWM underperformed QQQ by ")
        );
        let ten = named("DGS10", SeriesKind::Rate, &points(&|i| 4.0 - 0.01 * i));
        let two = named("DGS2", SeriesKind::Rate, &points(&|i| 4.5 - 0.02 * i));
        let analysis = analyse(&[&ten, &two], &[(&ten, &two)], &MetricsOptions::default());
        assert_eq!(
            texts(&analysis.findings),
            [
                // 3.73 − 3.96 = −0.23 percentage points, the widest: above every earlier value.
                "DGS10 \u{2212} DGS2 spread: \u{2212}23 bp, above every value of the data since 2024-02-01.",
                ROUNDING_NOTE
            ]
        );
        let changes = analysis.series[0].changes_bp.unwrap();
        assert!((changes.get(Period::D5).unwrap() + 5.0).abs() < 1e-9);
        assert!(analysis.series[0].headline_move.is_none());
        assert_eq!(basis_points(-1.02), "\u{2212}102 bp");
        assert_eq!(basis_points(0.004), "0 bp");
    }

    #[test]
    fn a_rates_largest_one_day_change_is_told_in_basis_points() {
        // February 2024, day by day: the yield swings by a basis point, then falls 21 bp on
        // the last session, the largest one-day change in the data.
        let days: Vec<String> = (1..=29).map(|day| format!("2024-02-{day:02}")).collect();
        let mut points: Vec<(&str, f64)> = days
            .iter()
            .enumerate()
            .map(|(i, day)| (day.as_str(), 4.0 + 0.01 * (i % 2) as f64))
            .collect();
        if let Some(last) = points.last_mut() {
            last.1 = 3.80;
        }
        let yield_10y = named("DGS10", SeriesKind::Rate, &points);
        let analysis = analyse(&[&yield_10y], &[], &MetricsOptions::default());
        let day = analysis
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::DayOfYear)
            .unwrap();
        assert_eq!(
            day.text,
            "DGS10 fell 21 bp on 2024-02-29, its largest one-day drop of 2024 and the largest \
             in the data (since 2024-02-01)."
        );
        let row = &analysis.series[0];
        let worst = row.worst_day_of_year.unwrap();
        assert_eq!(worst.measure, MoveMeasure::ChangeBp);
        assert!((worst.size + 21.0).abs() < 1e-9, "{}", worst.size);
        let moved = row.last_move.unwrap();
        assert_eq!(moved.measure, MoveMeasure::ChangeBp);
        // 5 sessions back the yield was 4.01: 3.80 − 4.01 = −21 bp.
        assert!((moved.size + 21.0).abs() < 1e-9, "{}", moved.size);
    }

    #[test]
    fn no_data_no_findings() {
        assert!(findings_from(&[], &[], &[], None).is_empty());
        assert!(findings_from(&[], &[], &[], Some(d("2024-01-01"))).is_empty());
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
