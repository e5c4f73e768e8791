//! The exact written definition of every metric and chart transform, for the tooltips and the
//! documentation: what is computed, from which closes, and when it is absent. The rustdoc of the
//! items that compute them repeats these texts word for word (a test holds them together).

use super::returns::Period;

/// A column of the metrics or spread table, or a transform the charts draw, with its label and
/// exact written definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// The as-of date `t` of a series.
    AsOf,
    /// Number of observations up to `t`.
    Observations,
    /// The close at `t`.
    Last,
    /// A trailing return.
    Return(Period),
    /// Annualised 1Y volatility.
    Volatility,
    /// Maximum drawdown with peak, trough and recovery.
    MaxDrawdown,
    /// The return over the chart's range.
    RangeReturn,
    /// The maximum drawdown within the chart's range.
    RangeDrawdown,
    /// The N-session move.
    Move,
    /// When the N-session move was last matched.
    BiggestSince,
    /// The year's largest one-day drop.
    WorstDayOfYear,
    /// The year's largest one-day gain.
    BestDayOfYear,
    /// The headline move of a price series.
    HeadlineMove,
    /// The relative move of a pair of price series.
    RelativeMove,
    /// The change of a rate series in basis points.
    ChangeBp,
    /// The spread difference `A − B`.
    SpreadDifference,
    /// The spread ratio `A / B`.
    SpreadRatio,
    /// Percentile rank of the latest difference.
    Percentile,
    /// Percentile rank of the latest ratio.
    PercentileRatio,
    /// 10th percentile level of the window's differences.
    P10,
    /// Median of the window's differences.
    P50,
    /// 90th percentile level of the window's differences.
    P90,
    /// The lookback of the percentile window.
    Lookback,
    /// A series rebased to 100 at a base date (the performance chart).
    Rebased,
    /// The ratio series `A / B` (the relative chart).
    Relative,
    /// The performance difference `A% − B%` over a range.
    PerformanceDifference,
    /// How two series are put on common dates.
    Alignment,
    /// The spread of two series over time (the spread chart).
    Spread,
    /// How the rotation view aligns a series with its benchmark and thins it into periods.
    RotationAlignment,
    /// The RS-Ratio of the rotation view (its x axis).
    RsRatio,
    /// The RS-Momentum of the rotation view (its y axis).
    RsMomentum,
    /// The rotation view itself: tails and quadrants.
    Rotation,
}

const SESSION: &str = "All on the series' own observations (closes; price return, no dividends); \
a session is one row. t is the as-of date: the last observation on or before the chosen as-of \
date, and everything is computed as if the data ended at t. A return needs positive closes.";

impl Metric {
    /// Every metric: the columns in table order (series table, then spread table), then the
    /// chart transforms ([`Metric::CHART`]).
    pub const ALL: [Metric; 41] = [
        Metric::AsOf,
        Metric::Observations,
        Metric::Last,
        Metric::Return(Period::D1),
        Metric::Return(Period::D5),
        Metric::Return(Period::M1),
        Metric::Return(Period::M3),
        Metric::Return(Period::M6),
        Metric::Return(Period::Ytd),
        Metric::Return(Period::Y1),
        Metric::Return(Period::Y3),
        Metric::Return(Period::Y5),
        Metric::Return(Period::Y10),
        Metric::Volatility,
        Metric::MaxDrawdown,
        Metric::RangeReturn,
        Metric::RangeDrawdown,
        Metric::Move,
        Metric::BiggestSince,
        Metric::WorstDayOfYear,
        Metric::BestDayOfYear,
        Metric::HeadlineMove,
        Metric::RelativeMove,
        Metric::ChangeBp,
        Metric::SpreadDifference,
        Metric::SpreadRatio,
        Metric::Percentile,
        Metric::PercentileRatio,
        Metric::P10,
        Metric::P50,
        Metric::P90,
        Metric::Lookback,
        Metric::Rebased,
        Metric::Relative,
        Metric::PerformanceDifference,
        Metric::Alignment,
        Metric::Spread,
        Metric::RotationAlignment,
        Metric::RsRatio,
        Metric::RsMomentum,
        Metric::Rotation,
    ];

    /// The transforms the charts draw, whose definitions the chart tabs show on hover.
    pub const CHART: [Metric; 9] = [
        Metric::Rebased,
        Metric::Relative,
        Metric::PerformanceDifference,
        Metric::Alignment,
        Metric::Spread,
        Metric::RotationAlignment,
        Metric::RsRatio,
        Metric::RsMomentum,
        Metric::Rotation,
    ];

    /// The column header.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Metric::AsOf => "As of",
            Metric::Observations => "Obs.",
            Metric::Last => "Last",
            Metric::Return(period) => period.label(),
            Metric::Volatility => "Vol 1Y",
            Metric::MaxDrawdown => "Max drawdown",
            Metric::RangeReturn => "Range",
            Metric::RangeDrawdown => "Range drawdown",
            Metric::Move => "N-session move",
            Metric::BiggestSince => "Biggest since",
            Metric::WorstDayOfYear => "Worst day of year",
            Metric::BestDayOfYear => "Best day of year",
            Metric::HeadlineMove => "Headline move",
            Metric::RelativeMove => "Relative move",
            Metric::ChangeBp => "Change (bp)",
            Metric::SpreadDifference => "Difference",
            Metric::SpreadRatio => "Ratio",
            Metric::Percentile => "Percentile",
            Metric::PercentileRatio => "Percentile (ratio)",
            Metric::P10 => "P10",
            Metric::P50 => "P50",
            Metric::P90 => "P90",
            Metric::Lookback => "Lookback",
            Metric::Rebased => "Rebased",
            Metric::Relative => "Relative",
            Metric::PerformanceDifference => "Performance difference",
            Metric::Alignment => "Alignment",
            Metric::Spread => "Spread",
            Metric::RotationAlignment => "Rotation alignment",
            Metric::RsRatio => "RS-Ratio",
            Metric::RsMomentum => "RS-Momentum",
            Metric::Rotation => "Rotation (RRG-style)",
        }
    }

    /// The exact written definition, as the tooltip of the column: the metric's own text,
    /// followed for the per-series metrics by what every one of them shares (closes, sessions,
    /// t).
    #[must_use]
    pub fn definition(self) -> String {
        let body = self.own_definition();
        match self {
            Metric::RelativeMove
            | Metric::SpreadDifference
            | Metric::SpreadRatio
            | Metric::Percentile
            | Metric::PercentileRatio
            | Metric::P10
            | Metric::P50
            | Metric::P90
            | Metric::Lookback
            | Metric::AsOf
            | Metric::Rebased
            | Metric::Relative
            | Metric::PerformanceDifference
            | Metric::Alignment
            | Metric::Spread
            | Metric::RotationAlignment
            | Metric::RsRatio
            | Metric::RsMomentum
            | Metric::Rotation => body,
            _ => format!("{body} {SESSION}"),
        }
    }

    /// The metric's own definition, without the text every per-series metric shares.
    fn own_definition(self) -> String {
        let body = match self {
            Metric::AsOf => AS_OF.to_string(),
            Metric::Observations => "The number of observations from the first one up to and \
                including t."
                .to_string(),
            Metric::Last => "C_t, the close at t.".to_string(),
            Metric::Return(period) => return_definition(period),
            Metric::Volatility => VOLATILITY.to_string(),
            Metric::MaxDrawdown => MAX_DRAWDOWN.to_string(),
            Metric::RangeReturn => RANGE_RETURN.to_string(),
            Metric::RangeDrawdown => "Range max drawdown: the max drawdown of the sessions b … \
                e of the chart's range only, min over b ≤ s ≤ e of C_s / max_{b≤r≤s} C_r − 1 (the \
                running high starts at b)."
                .to_string(),
            Metric::Move => {
                "N-session move (default N = 5, settable): R_N(t) = C_t / C_{t-N} − 1, \
                N sessions (rows) back. For a rate series it is the change \
                (y_t − y_{t−N}) × 100 in basis points, and its biggest since compares changes. \
                Absent when fewer than N sessions precede t."
                    .to_string()
            }
            Metric::BiggestSince => BIGGEST_SINCE.to_string(),
            Metric::WorstDayOfYear => day_definition("drop", "min", "≤"),
            Metric::BestDayOfYear => day_definition("gain", "max", "≥"),
            Metric::HeadlineMove => HEADLINE_MOVE.to_string(),
            Metric::RelativeMove => RELATIVE_MOVE.to_string(),
            Metric::ChangeBp => CHANGE_BP.to_string(),
            Metric::SpreadDifference => format!(
                "Spread difference: A − B on the spread's date. \
                {SPREAD_ALIGNMENT}"
            ),
            Metric::SpreadRatio => format!(
                "Spread ratio: A / B on the spread's date, defined when \
                B is positive. {SPREAD_ALIGNMENT}"
            ),
            Metric::Percentile => format!(
                "Percentile rank of the latest difference v: \
                100 × (#{{x < v}} + 0.5 × #{{x = v}}) / n over the lookback window. {WINDOW}"
            ),
            Metric::PercentileRatio => format!(
                "Percentile rank of the latest ratio v: \
                100 × (#{{x < v}} + 0.5 × #{{x = v}}) / n over the window's defined ratios. \
                {WINDOW}"
            ),
            Metric::P10 => band_definition("10th"),
            Metric::P50 => band_definition("50th (median)"),
            Metric::P90 => band_definition("90th"),
            Metric::Lookback => format!(
                "The lookback of the percentile window in calendar years \
                (default 20). {WINDOW}"
            ),
            Metric::Rebased => REBASED.to_string(),
            Metric::Relative => format!(
                "Relative: the ratio series A / B on the aligned dates of the two series, where B \
                is positive (a ratio over a zero or negative value has no meaning). {ALIGNMENT}"
            ),
            Metric::PerformanceDifference => PERFORMANCE_DIFFERENCE.to_string(),
            Metric::Alignment => ALIGNMENT.to_string(),
            Metric::Spread => format!(
                "Spread of two series A and B (typically valuations, such as small-cap P/E \
                against large-cap P/E): the difference A − B and, where B is positive, the ratio \
                A / B on their aligned dates, ranked by percentile within the lookback window. \
                {SPREAD_ALIGNMENT}"
            ),
            Metric::RotationAlignment => ROTATION_ALIGNMENT.to_string(),
            Metric::RsRatio => format!(
                "RS-Ratio: RS_k = 100 × A_k / B_k on each kept date k, and RS-Ratio_k = 100 + \
                (RS_k − mean(RS_{{k−n+1..k}})) / sd(RS_{{k−n+1..k}}), the population standard \
                deviation over the window of the last n periods (n = the window, default 14). \
                Undefined where that sd is 0 or fewer than n values exist. {ROTATION_ALIGNMENT}"
            ),
            Metric::RsMomentum => RS_MOMENTUM.to_string(),
            Metric::Rotation => ROTATION.to_string(),
        };
        squeeze(&body)
    }
}

/// The definition of [`Metric::AsOf`].
const AS_OF: &str = "t: the last observation on or before the as-of date (the last \
observation when none is chosen). Every metric is computed as if the data ended \
at t, including the first and last dates, the observation count and the drawdown. \
All on the series' own observations (closes; price return, no dividends); a \
session is one row.";

/// The definition of [`Metric::MaxDrawdown`].
const MAX_DRAWDOWN: &str = "Max drawdown over the range: min over s ≤ t of \
C_s / max_{r≤s} C_r − 1. Trough = the first session with that minimum; peak = the \
session where the running maximum at the trough was first reached; recovery = the \
first session after the trough closing at or above the peak's close (none if it \
has not). A series that never falls has value 0 and no dates.";

/// The definition of [`Metric::RangeReturn`].
const RANGE_RETURN: &str = "Range return: C_e / C_b − 1 over the chart's range (a \
preset such as 1Y or YTD ending at the as-of date, or the chosen dates), b = the \
series' first session on or after the range's start, e = its last session on or \
before the range's end and t. Absent with fewer than two sessions in the range.";

/// The definition of [`Metric::HeadlineMove`].
const HEADLINE_MOVE: &str = "Headline move of a series (price series; N = the move \
window; sessions 0..T after cutting at the as-of date): R_N(i) = C_i / C_{i−N} − 1 \
for i ≥ N. since(i): for R_N(i) ≥ 0 the latest j < i (j ≥ N) with R_N(j) ≥ \
R_N(i); for R_N(i) < 0 the latest j with R_N(j) ≤ R_N(i); none: the largest in \
the data. The headline window i*: among i in [max(N, T−N+1), T] (the windows \
ending in the last N sessions) the one whose since date is earliest (the largest \
in the data is earliest of all); ties → the latest i. Newsworthy: since(i*) is \
none, or more than 91 calendar days before date(i*).";

/// The definition of [`Metric::RelativeMove`].
const RELATIVE_MOVE: &str = "Relative move of a pair (both series are prices), on the \
spreads' alignment (the dates of the series with fewer observations, the other's \
last value on or before each), cut at the as-of date: D_N(k) = (A_k/A_{k−N} − 1) \
− (B_k/B_{k−N} − 1); widest-since, headline window and newsworthy exactly as for \
the headline move with D_N in place of R_N. The aligned dates end at the \
earlier of the two series' last observations: a value carried past a series' \
end is no move.";

/// The definition of [`Metric::Rotation`].
const ROTATION: &str = "Rotation (RRG-style): each series is drawn at (RS-Ratio, \
RS-Momentum) against the benchmark for the last tail periods (default 10) where \
both are defined. Its quadrant is that of its last point: Leading (RS-Ratio ≥ 100 \
and RS-Momentum ≥ 100), Weakening (RS-Ratio ≥ 100, RS-Momentum < 100), Lagging \
(both < 100), Improving (RS-Ratio < 100, RS-Momentum ≥ 100). A z-score \
approximation of the Relative Rotation Graph, not JdK's unpublished formula.";

/// The definition of [`Metric::RsMomentum`].
const RS_MOMENTUM: &str = "RS-Momentum: ROC_k = 100 × (RSR_k / RSR_{k−1} − 1), where \
both RS-Ratios are defined, and RS-Momentum_k = 100 + (ROC_k − \
mean(ROC_{k−n+1..k})) / sd(ROC_{k−n+1..k}), with the population standard \
deviation. Undefined unless those last n ROC values all exist and their sd is \
above 0.";

/// The definition of [`Metric::Rebased`].
const REBASED: &str = "Rebased: 100 × C_s / C_b for the sessions s from b on, b = the \
first session on or after the chosen base date; absent when no session is that \
late or C_b is not positive. The percent change from the base is \
100 × (C_s / C_b − 1), from the same b.";

/// The definition of [`Metric::PerformanceDifference`].
const PERFORMANCE_DIFFERENCE: &str = "Performance difference: A% − B% over a date range, \
each the return C_end / C_start − 1 of the series' own closes from its first \
session on or after the range's start to its last session on or before the \
range's end. Absent when either series has fewer than two sessions in the range \
or a close is not positive.";

/// The definition of [`Metric::BiggestSince`].
const BIGGEST_SINCE: &str = "Biggest since: if R_N(t) ≥ 0, the latest date d < t with \
R_N(d) ≥ R_N(t); if negative, the latest d < t with R_N(d) ≤ R_N(t). When no \
such date exists the move is the largest in the data (since its first date).";

/// The definition of [`Metric::ChangeBp`].
const CHANGE_BP: &str = "Change in basis points of a rate series: (y_t − y_base) × 100 \
from the same base as the period's return, not annualised (a yield of 4.10% \
after 3.08% is +102 bp). Absent where that base is absent.";

const VOLATILITY: &str = "Volatility (1Y): the sample standard deviation (n − 1) of the log \
returns ln(C_s / C_{s-1}) between consecutive observations, for the observations after the 1Y \
base session up to t (the closes the 1Y return spans), annualised by the series' observation \
frequency in that window: × √252 for daily data, × √52 weekly, × √12 monthly, × √4 quarterly \
(× √1 yearly). The frequency comes from the median gap between consecutive observations in the \
window: under 4 calendar days daily, under 15 weekly, under 53 monthly, under 183 quarterly, \
else yearly. Absent when 1Y is absent, fewer than two returns exist or a close is not positive.";

const ALIGNMENT: &str = "Alignment of two series A and B: on the dates of the sparser one (fewer \
observations; A when equal), taking the other's last value on or before each date (as-of); dates \
before the other series starts are dropped.";

const SPREAD_ALIGNMENT: &str = "The two series are cut at the as-of date and aligned on the dates \
of the sparser one (fewer observations up to the as-of date; A when equal), taking the other's \
last value on or before each date; dates before the other series starts are dropped. The \
spread's date is the last aligned date.";

const ROTATION_ALIGNMENT: &str = "Rotation alignment: each series A is aligned with the \
benchmark B on B's dates, taking A's last close on or before each date; dates before A's first \
observation are dropped, and so are dates more than 7 days after its last (a series that has \
stopped is not carried forward); both are cut at the as-of date. Weekly keeps the last aligned date \
of each ISO week (Monday to Sunday); daily keeps every date.";

const WINDOW: &str = "The window holds the aligned observations dated on or after the spread's \
date minus the lookback (calendar years) and before the spread's date — the latest excluded.";

fn return_definition(period: Period) -> String {
    match period {
        Period::D1 | Period::D5 => {
            let n = if period == Period::D1 { 1 } else { 5 };
            format!(
                "{}: C_t / C_{{t-{n}}} − 1, {n} {} back.",
                period.label(),
                if n == 1 {
                    "session (row)"
                } else {
                    "sessions (rows)"
                }
            )
        }
        Period::Ytd => "YTD: C_t / C_base − 1, base = the last close of the previous calendar \
            year (the last observation dated in t's year − 1). Absent when the previous calendar \
            year has no observation: when the data starts in t's year, or skips the year before \
            it."
        .to_string(),
        Period::M1 | Period::M3 | Period::M6 | Period::Y1 => format!(
            "{}: C_t / C_base − 1, base = the last close on or before the same calendar date {} \
            earlier (day clamped to the month's end: 31 Mar − 1M → 28/29 Feb). Absent when that \
            date is before the first observation (the first close never stands in for the \
            base).",
            period.label(),
            match period {
                Period::M1 => "1 month",
                Period::M3 => "3 months",
                Period::M6 => "6 months",
                _ => "1 year",
            }
        ),
        Period::Y3 | Period::Y5 | Period::Y10 => {
            let years = period.annualised_years().unwrap_or(1);
            format!(
                "{}: annualised, (C_t / C_base)^(1/{years}) − 1, base = the last close on or \
                before the same calendar date {years} years earlier (day clamped to the month's \
                end: 29 Feb − {years}Y → 28 Feb). Absent when that date is before the first \
                observation (the first close never stands in for the base).",
                period.label()
            )
        }
    }
}

fn day_definition(noun: &str, extreme: &str, comparison: &str) -> String {
    format!(
        "Largest one-day {noun} of the year: the {extreme} of C_s / C_{{s-1}} − 1 over the \
        sessions s of t's calendar year up to t (the year's first session compares with the \
        previous year's last close only when the data has one in the previous calendar year), \
        earliest on a tie, with its date; \
        and the largest since: the latest earlier session with a one-day return {comparison} \
        it. For a rate series the one-day moves are changes in basis points, \
        (y_s − y_{{s−1}}) × 100."
    )
}

fn band_definition(which: &str) -> String {
    format!(
        "The {which} percentile level of the differences in the lookback window, interpolating \
        linearly between order statistics at q × (n − 1) (numpy's default); drawn as a band on \
        the spread chart. {WINDOW}"
    )
}

/// Collapses the runs of spaces that line continuations leave.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documentation comments of a source file as one line of prose: comment markers and
    /// code spans' backticks removed, runs of spaces collapsed.
    fn doc_prose(source: &str) -> String {
        let lines: Vec<&str> = source
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                line.strip_prefix("///")
                    .or_else(|| line.strip_prefix("//!"))
            })
            .collect();
        squeeze(&lines.join(" ").replace('`', ""))
    }

    #[test]
    fn the_rustdoc_of_what_computes_a_metric_states_its_definition_word_for_word() {
        let returns = doc_prose(include_str!("returns.rs"));
        let moves = doc_prose(include_str!("moves.rs"));
        let transforms = doc_prose(include_str!("transforms.rs"));
        let spread = doc_prose(include_str!("spread.rs"));
        let mut checks: Vec<(Metric, &str, &String)> = Period::ALL
            .iter()
            .map(|p| (Metric::Return(*p), "returns.rs", &returns))
            .collect();
        let volatility = doc_prose(include_str!("volatility.rs"));
        let drawdown = doc_prose(include_str!("drawdown.rs"));
        let align = doc_prose(include_str!("align.rs"));
        let range = doc_prose(include_str!("range.rs"));
        let rotation = doc_prose(include_str!("rotation.rs"));
        let headline = doc_prose(include_str!("headline.rs"));
        checks.extend([
            (Metric::Volatility, "volatility.rs", &volatility),
            (Metric::MaxDrawdown, "drawdown.rs", &drawdown),
            (Metric::RangeReturn, "range.rs", &range),
            (Metric::RangeDrawdown, "range.rs", &range),
            (Metric::Move, "moves.rs", &moves),
            (Metric::BiggestSince, "moves.rs", &moves),
            (Metric::WorstDayOfYear, "moves.rs", &moves),
            (Metric::BestDayOfYear, "moves.rs", &moves),
            (Metric::HeadlineMove, "headline.rs", &headline),
            (Metric::RelativeMove, "headline.rs", &headline),
            (Metric::ChangeBp, "returns.rs", &returns),
            (Metric::SpreadDifference, "spread.rs", &spread),
            (Metric::SpreadRatio, "spread.rs", &spread),
            (Metric::Percentile, "spread.rs", &spread),
            (Metric::PercentileRatio, "spread.rs", &spread),
            (Metric::Spread, "spread.rs", &spread),
            (Metric::Rebased, "transforms.rs", &transforms),
            (Metric::Relative, "transforms.rs", &transforms),
            (Metric::PerformanceDifference, "transforms.rs", &transforms),
            (Metric::Alignment, "align.rs", &align),
            (Metric::RotationAlignment, "rotation.rs", &rotation),
            (Metric::RsRatio, "rotation.rs", &rotation),
            (Metric::RsMomentum, "rotation.rs", &rotation),
            (Metric::Rotation, "rotation.rs", &rotation),
        ]);
        // Sentence by sentence, so that what several metrics share (the alignment, the
        // percentile window) is written once beside them.
        let missing: Vec<String> = checks
            .iter()
            .flat_map(|(metric, file, docs)| {
                let definition = metric.own_definition();
                definition
                    .split_inclusive(". ")
                    .map(str::trim)
                    .filter(|sentence| !docs.contains(sentence))
                    .map(|sentence| format!("{file}, {metric:?}: {sentence}"))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(missing.is_empty(), "\n{}", missing.join("\n\n"));
    }

    #[test]
    fn every_column_has_a_label_and_a_definition() {
        for metric in Metric::ALL {
            assert!(!metric.label().is_empty());
            let definition = metric.definition();
            assert!(definition.len() > 40, "{metric:?}: {definition}");
            assert!(!definition.contains("  "), "{metric:?}: {definition}");
        }
    }

    #[test]
    fn definitions_state_the_formulas() {
        assert!(
            Metric::Return(Period::M1)
                .definition()
                .starts_with("1M: C_t / C_base − 1, base = the last close on or before the same calendar date 1 month earlier (day clamped")
        );
        assert!(
            Metric::Return(Period::Y5)
                .definition()
                .starts_with("5Y: annualised, (C_t / C_base)^(1/5) − 1")
        );
        assert!(
            Metric::Percentile
                .definition()
                .contains("100 × (#{x < v} + 0.5 × #{x = v}) / n")
        );
        let volatility = Metric::Volatility.definition();
        assert!(volatility.contains("× √252 for daily data, × √52 weekly, × √12 monthly"));
        assert!(volatility.contains("under 4 calendar days daily, under 15 weekly"));
        assert_eq!(Metric::Return(Period::Ytd).label(), "YTD");
    }
}
