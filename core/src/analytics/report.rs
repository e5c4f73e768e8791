//! The metrics report as JSON (`rotation-lens metrics --json`): a fixed shape with fractions,
//! not percent, `YYYY-MM-DD` dates and `null` for every absent value.

use serde::{Deserialize, Serialize};

use crate::model::Date;

use super::analysis::Analysis;
use super::drawdown::Drawdown;
use super::headline::{HeadlineMove, RelativeMove};
use super::metrics::SeriesMetrics;
use super::moves::{DayMove, MoveMeasure};
use super::returns::{Period, Returns};
use super::spread::SpreadMetrics;

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The as-of date.
    pub as_of: Option<Date>,
    /// One entry per series.
    pub series: Vec<SeriesReport>,
    /// One entry per spread pair.
    pub spreads: Vec<SpreadReport>,
    /// The findings' sentences.
    pub findings: Vec<String>,
}

/// One series' metrics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesReport {
    /// The series' name.
    pub name: String,
    /// The first date.
    pub first: Option<Date>,
    /// `t`, the last date on or before the as-of date.
    pub last: Option<Date>,
    /// Observations up to `t`.
    pub observations: usize,
    /// The close at `t`.
    pub last_value: Option<f64>,
    /// Trailing returns (3Y–10Y annualised).
    pub returns: ReturnsReport,
    /// For a rate series, the changes in basis points from the same bases as `returns`, not
    /// annualised; absent (the key is left out) for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes_bp: Option<ReturnsReport>,
    /// Annualised 1Y volatility.
    pub volatility_1y: Option<f64>,
    /// Maximum drawdown with its dates.
    pub max_drawdown: DrawdownReport,
    /// The N-session move.
    #[serde(rename = "move")]
    pub last_move: MoveReport,
    /// The headline move of a price series (`null` for other kinds or too little data).
    pub headline_move: Option<HeadlineMoveReport>,
    /// The year's largest one-day drop.
    pub worst_day_of_year: DayReport,
    /// The year's largest one-day gain.
    pub best_day_of_year: DayReport,
}

/// Trailing returns keyed by their column labels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct ReturnsReport {
    #[serde(rename = "1D")]
    pub d1: Option<f64>,
    #[serde(rename = "5D")]
    pub d5: Option<f64>,
    #[serde(rename = "1M")]
    pub m1: Option<f64>,
    #[serde(rename = "3M")]
    pub m3: Option<f64>,
    #[serde(rename = "6M")]
    pub m6: Option<f64>,
    #[serde(rename = "YTD")]
    pub ytd: Option<f64>,
    #[serde(rename = "1Y")]
    pub y1: Option<f64>,
    #[serde(rename = "3Y")]
    pub y3: Option<f64>,
    #[serde(rename = "5Y")]
    pub y5: Option<f64>,
    #[serde(rename = "10Y")]
    pub y10: Option<f64>,
}

/// The maximum drawdown.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrawdownReport {
    /// The drawdown (≤ 0).
    pub value: Option<f64>,
    /// Where the running high was first reached.
    pub peak: Option<Date>,
    /// The first session of the deepest point.
    pub trough: Option<Date>,
    /// The first session back at or above the peak.
    pub recovery: Option<Date>,
}

/// The N-session move.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveReport {
    /// N.
    pub sessions: usize,
    /// `C_t / C_{t-N} - 1` (`null` for a rate series, whose move is `change_bp`).
    #[serde(rename = "return")]
    pub ret: Option<f64>,
    /// For a rate series, `(y_t − y_{t−N}) × 100` in basis points; the key is left out for other
    /// kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_bp: Option<f64>,
    /// The latest earlier session with a move at least as large (for a rate, a change in basis
    /// points at least as large); `null` with a move means the largest in the data.
    pub biggest_since: Option<Date>,
}

/// The headline move: among the N-session windows ending in the last N sessions, the one last
/// matched longest ago.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeadlineMoveReport {
    /// N.
    pub sessions: usize,
    /// The date of `C_{i*−N}`.
    pub start: Date,
    /// The date of `C_{i*}`.
    pub end: Date,
    /// `R_N(i*)`.
    #[serde(rename = "return")]
    pub ret: f64,
    /// `since(i*)`; `null` when it is the largest in the data.
    pub biggest_since: Option<Date>,
    /// Whether the since date lies more than 91 calendar days back, or there is none.
    pub newsworthy: bool,
}

/// The relative move of a spread of two price series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelativeMoveReport {
    /// N.
    pub sessions: usize,
    /// The aligned date N observations before the end.
    pub start: Date,
    /// The aligned date `k*`.
    pub end: Date,
    /// A's return over the window.
    pub a_return: f64,
    /// B's return over the window.
    pub b_return: f64,
    /// `a_return − b_return`.
    pub difference: f64,
    /// The latest earlier window with a margin at least as wide; `null` when the widest in the
    /// data.
    pub widest_since: Option<Date>,
    /// Whether the since date lies more than 91 calendar days back, or there is none.
    pub newsworthy: bool,
}

impl From<HeadlineMove> for HeadlineMoveReport {
    fn from(m: HeadlineMove) -> Self {
        HeadlineMoveReport {
            sessions: m.sessions,
            start: m.start,
            end: m.end,
            ret: m.ret,
            biggest_since: m.biggest_since.date(),
            newsworthy: m.newsworthy,
        }
    }
}

impl From<RelativeMove> for RelativeMoveReport {
    fn from(m: RelativeMove) -> Self {
        RelativeMoveReport {
            sessions: m.sessions,
            start: m.start,
            end: m.end,
            a_return: m.a_return,
            b_return: m.b_return,
            difference: m.difference,
            widest_since: m.widest_since.date(),
            newsworthy: m.newsworthy,
        }
    }
}

/// A one-day move of the year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayReport {
    /// `C_s / C_{s-1} - 1` (`null` for a rate series, whose day is measured by `change_bp`).
    #[serde(rename = "return")]
    pub ret: Option<f64>,
    /// For a rate series, `(y_s − y_{s−1}) × 100` in basis points; the key is left out for other
    /// kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_bp: Option<f64>,
    /// The session `s`.
    pub date: Option<Date>,
}

/// One spread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpreadReport {
    /// The first series' name.
    pub a: String,
    /// The second series' name.
    pub b: String,
    /// The last aligned date on or before the as-of date.
    pub date: Option<Date>,
    /// `A − B`.
    pub difference: Option<f64>,
    /// `A / B`.
    pub ratio: Option<f64>,
    /// The lookback in years.
    pub lookback_years: u32,
    /// The number of values in the lookback window.
    pub observations: usize,
    /// Percentile rank (0–100) of the difference.
    pub percentile_difference: Option<f64>,
    /// Percentile rank (0–100) of the ratio.
    pub percentile_ratio: Option<f64>,
    /// 10th percentile level of the window's differences.
    pub p10: Option<f64>,
    /// Median of the window's differences.
    pub p50: Option<f64>,
    /// 90th percentile level of the window's differences.
    pub p90: Option<f64>,
    /// The relative move, for a spread of two price series (`null` otherwise).
    pub relative_move: Option<RelativeMoveReport>,
}

impl From<&Analysis> for Report {
    fn from(analysis: &Analysis) -> Self {
        Report {
            as_of: analysis.as_of,
            series: analysis.series.iter().map(SeriesReport::from).collect(),
            spreads: analysis.spreads.iter().map(SpreadReport::from).collect(),
            findings: analysis.findings.iter().map(|f| f.text.clone()).collect(),
        }
    }
}

impl From<&SeriesMetrics> for SeriesReport {
    fn from(row: &SeriesMetrics) -> Self {
        SeriesReport {
            name: row.name.clone(),
            first: row.first,
            last: row.last,
            observations: row.observations,
            last_value: row.last_value,
            returns: ReturnsReport::from(&row.returns),
            changes_bp: row.changes_bp.as_ref().map(ReturnsReport::from),
            volatility_1y: row.volatility_1y,
            max_drawdown: DrawdownReport::from(row.max_drawdown),
            last_move: MoveReport {
                sessions: row.move_sessions,
                ret: row.last_move.and_then(|m| m.size_in(MoveMeasure::Return)),
                change_bp: row.last_move.and_then(|m| m.size_in(MoveMeasure::ChangeBp)),
                biggest_since: row.last_move.and_then(|m| m.biggest_since.date()),
            },
            headline_move: row.headline_move.map(HeadlineMoveReport::from),
            worst_day_of_year: DayReport::from(row.worst_day_of_year),
            best_day_of_year: DayReport::from(row.best_day_of_year),
        }
    }
}

impl From<&Returns> for ReturnsReport {
    fn from(returns: &Returns) -> Self {
        ReturnsReport {
            d1: returns.get(Period::D1),
            d5: returns.get(Period::D5),
            m1: returns.get(Period::M1),
            m3: returns.get(Period::M3),
            m6: returns.get(Period::M6),
            ytd: returns.get(Period::Ytd),
            y1: returns.get(Period::Y1),
            y3: returns.get(Period::Y3),
            y5: returns.get(Period::Y5),
            y10: returns.get(Period::Y10),
        }
    }
}

impl From<Option<Drawdown>> for DrawdownReport {
    fn from(drawdown: Option<Drawdown>) -> Self {
        DrawdownReport {
            value: drawdown.map(|d| d.value),
            peak: drawdown.and_then(|d| d.peak),
            trough: drawdown.and_then(|d| d.trough),
            recovery: drawdown.and_then(|d| d.recovery),
        }
    }
}

impl From<Option<DayMove>> for DayReport {
    fn from(day: Option<DayMove>) -> Self {
        DayReport {
            ret: day.and_then(|d| d.size_in(MoveMeasure::Return)),
            change_bp: day.and_then(|d| d.size_in(MoveMeasure::ChangeBp)),
            date: day.map(|d| d.date),
        }
    }
}

impl From<&SpreadMetrics> for SpreadReport {
    fn from(spread: &SpreadMetrics) -> Self {
        SpreadReport {
            a: spread.a.clone(),
            b: spread.b.clone(),
            date: spread.date,
            difference: spread.difference,
            ratio: spread.ratio,
            lookback_years: spread.lookback_years,
            observations: spread.observations,
            percentile_difference: spread.percentile_difference,
            percentile_ratio: spread.percentile_ratio,
            p10: spread.bands.map(|b| b.p10),
            p50: spread.bands.map(|b| b.p50),
            p90: spread.bands.map(|b| b.p90),
            relative_move: spread.relative_move.map(RelativeMoveReport::from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::analysis::analyse;
    use crate::analytics::options::MetricsOptions;
    use crate::analytics::view::tests::daily;

    #[test]
    fn a_rates_moves_are_changes_in_basis_points() {
        let mut rate = daily("2024-01-01", &[4.0, 4.1, 3.9, 3.95, 4.0, 4.2, 4.25]);
        rate.kind = crate::model::SeriesKind::Rate;
        let analysis = analyse(&[&rate], &[], &MetricsOptions::default());
        let json = serde_json::to_value(Report::from(&analysis)).unwrap();
        let series = &json["series"][0];
        let bp = |value: &serde_json::Value| value.as_f64().unwrap();
        // 4.25 − 4.10, five sessions back.
        assert!((bp(&series["move"]["change_bp"]) - 15.0).abs() < 1e-9);
        assert_eq!(series["move"]["return"], serde_json::Value::Null);
        // The year's worst day: 4.1 → 3.9.
        assert!((bp(&series["worst_day_of_year"]["change_bp"]) + 20.0).abs() < 1e-9);
        assert_eq!(series["worst_day_of_year"]["date"], "2024-01-03");
        assert_eq!(
            series["worst_day_of_year"]["return"],
            serde_json::Value::Null
        );
        assert!((bp(&series["best_day_of_year"]["change_bp"]) - 20.0).abs() < 1e-9);
        assert_eq!(series["best_day_of_year"]["date"], "2024-01-06");
        // A price keeps its returns, with no change_bp key.
        let price = daily("2024-01-01", &[100.0, 50.0, 75.0]);
        let analysis = analyse(&[&price], &[], &MetricsOptions::default());
        let json = serde_json::to_value(Report::from(&analysis)).unwrap();
        assert!(
            json["series"][0]["worst_day_of_year"]
                .get("change_bp")
                .is_none()
        );
        assert_eq!(json["series"][0]["worst_day_of_year"]["return"], -0.5);
    }

    #[test]
    fn serialises_exactly_the_documented_keys() {
        let a = daily("2024-01-01", &[100.0, 50.0, 75.0]);
        let b = daily("2024-01-01", &[10.0, 10.0, 10.0]);
        let analysis = analyse(&[&a], &[(&a, &b)], &MetricsOptions::default());
        let json = serde_json::to_value(Report::from(&analysis)).unwrap();
        let keys = |value: &serde_json::Value| -> Vec<String> {
            value.as_object().unwrap().keys().cloned().collect()
        };
        let mut top = keys(&json);
        top.sort();
        assert_eq!(top, ["as_of", "findings", "series", "spreads"]);
        let series = &json["series"][0];
        let mut series_keys = keys(series);
        series_keys.sort();
        assert_eq!(
            series_keys,
            [
                "best_day_of_year",
                "first",
                "headline_move",
                "last",
                "last_value",
                "max_drawdown",
                "move",
                "name",
                "observations",
                "returns",
                "volatility_1y",
                "worst_day_of_year"
            ]
        );
        let text = serde_json::to_string(&Report::from(&analysis)).unwrap();
        assert!(text.contains(
            r#""returns":{"1D":0.5,"5D":null,"1M":null,"3M":null,"6M":null,"YTD":null,"1Y":null,"3Y":null,"5Y":null,"10Y":null}"#
        ));
        assert!(text.contains(r#""move":{"sessions":5,"return":null,"biggest_since":null}"#));
        assert_eq!(series["returns"]["1D"], 0.5);
        assert_eq!(series["returns"]["1M"], serde_json::Value::Null);
        assert_eq!(series["max_drawdown"]["value"], -0.5);
        assert_eq!(series["max_drawdown"]["peak"], "2024-01-01");
        assert_eq!(series["max_drawdown"]["recovery"], serde_json::Value::Null);
        assert_eq!(series["move"]["sessions"], 5);
        assert_eq!(series["move"]["return"], serde_json::Value::Null);
        assert_eq!(series["worst_day_of_year"]["return"], -0.5);
        assert_eq!(series["worst_day_of_year"]["date"], "2024-01-02");
        let mut spread_keys = keys(&json["spreads"][0]);
        spread_keys.sort();
        assert_eq!(
            spread_keys,
            [
                "a",
                "b",
                "date",
                "difference",
                "lookback_years",
                "observations",
                "p10",
                "p50",
                "p90",
                "percentile_difference",
                "percentile_ratio",
                "ratio",
                "relative_move"
            ]
        );
        assert_eq!(json["spreads"][0]["difference"], 65.0);
        assert_eq!(json["spreads"][0]["ratio"], 7.5);
        assert_eq!(json["spreads"][0]["observations"], 2);
        // Differences 90, 40 | latest 65.
        assert_eq!(json["spreads"][0]["percentile_difference"], 50.0);
        assert_eq!(json["as_of"], "2024-01-03");
    }
}
