//! What the chart tab in a workspace's settings draws: its panels, each with a value unit and
//! lines (series, transform, colour, legend name), the date span of the range, and for the
//! spread chart the percentile band to compute — or why there is nothing to draw yet.

use std::sync::Arc;

use crate::model::{Date, Series, SeriesKind};
use crate::workspace::{
    ChartSettings, ChartTab, PerformanceMode, Rgb, SeriesPair, SpreadMode, Workspace,
    WorkspaceSeries,
};

use super::line_spec::LineTransform;
use super::range::{DateSpan, resolve_range};
use super::value_axis::ValueAxis;

/// The neutral colour of lines that belong to no single series.
pub const NEUTRAL: Rgb = [0x80, 0x80, 0x80];

/// One line to draw.
#[derive(Clone, Debug)]
pub struct PlannedLine {
    /// A stable identity for the legend (does not change with values).
    pub id: String,
    /// The legend name.
    pub label: String,
    /// The column name in exported chart data, with the unit.
    pub export_name: String,
    /// The series, in order.
    pub series: Vec<Arc<Series>>,
    /// How the line is derived from them.
    pub transform: LineTransform,
    /// The line colour.
    pub color: Rgb,
    /// Whether it is drawn (hidden series keep a legend entry so they can be shown again).
    pub shown: bool,
    /// The series whose visibility the legend entry toggles, if any.
    pub toggles: Option<String>,
}

/// One plot of a tab, with its own value axis.
#[derive(Clone, Debug)]
pub struct PanelPlan {
    /// A short title (the y-axis label).
    pub title: String,
    /// The unit of its values.
    pub axis: ValueAxis,
    /// Its lines.
    pub lines: Vec<PlannedLine>,
}

/// The spread band to compute for the spread chart.
#[derive(Clone, Debug)]
pub struct BandRequest {
    /// The first series.
    pub a: Arc<Series>,
    /// The second series.
    pub b: Arc<Series>,
    /// Difference or ratio.
    pub mode: SpreadMode,
    /// The as-of date.
    pub as_of: Option<Date>,
    /// The lookback in calendar years.
    pub lookback_years: u32,
}

/// A tab with something to draw.
#[derive(Clone, Debug)]
pub struct ChartPlan {
    /// The tab.
    pub tab: ChartTab,
    /// The dates of the chosen range.
    pub span: DateSpan,
    /// The plots, top to bottom (two for the relative chart, one otherwise).
    pub panels: Vec<PanelPlan>,
    /// The band of the spread chart.
    pub band: Option<BandRequest>,
}

/// Why a pair chart cannot be drawn yet, and what to offer.
#[derive(Clone, Debug, PartialEq)]
pub struct PairPrompt {
    /// The tab asking.
    pub tab: ChartTab,
    /// The first two suitable series, to preselect.
    pub suggestion: Option<SeriesPair>,
    /// Names of the chosen pair that no longer exist.
    pub missing: Vec<String>,
}

/// What the chart area shows.
#[derive(Clone, Debug)]
pub enum TabPlan {
    /// The workspace has no series (or none with observations).
    NoData,
    /// A pair chart whose pair is not chosen or not available.
    PickPair(PairPrompt),
    /// Lines to draw.
    Chart(ChartPlan),
    /// The Rotation tab, which draws tails rather than lines over dates (prepared by
    /// [`super::rotation::prepare_rotation`]).
    Rotation,
}

/// Plans the chart of `workspace.chart.tab` as of `as_of`.
#[must_use]
pub fn plan(workspace: &Workspace, as_of: Option<Date>) -> TabPlan {
    if workspace.series.iter().all(|s| s.series.is_empty()) {
        return TabPlan::NoData;
    }
    let settings = &workspace.chart;
    match settings.tab {
        ChartTab::Performance | ChartTab::Drawdown | ChartTab::Rolling => {
            per_series_plan(workspace, as_of)
        }
        ChartTab::Relative | ChartTab::Spread => pair_plan(workspace, settings, as_of),
        ChartTab::Rotation => TabPlan::Rotation,
    }
}

/// The pair a pair tab offers first: the first two series suited to it (prices for the
/// relative chart; valuations, then rates, for the spread chart), else the first two series.
#[must_use]
pub fn suggested_pair(workspace: &Workspace, tab: ChartTab) -> Option<SeriesPair> {
    let of_kinds = |kinds: &[SeriesKind]| -> Vec<&str> {
        workspace
            .series
            .iter()
            .filter(|s| kinds.contains(&s.series.kind))
            .map(WorkspaceSeries::name)
            .collect()
    };
    let candidates = match tab {
        ChartTab::Spread => {
            let valuations = of_kinds(&[SeriesKind::Valuation]);
            if valuations.len() >= 2 {
                valuations
            } else {
                of_kinds(&[SeriesKind::Valuation, SeriesKind::Rate])
            }
        }
        _ => of_kinds(&[SeriesKind::Price]),
    };
    let names = if candidates.len() >= 2 {
        candidates
    } else {
        workspace.series.iter().map(WorkspaceSeries::name).collect()
    };
    match names.as_slice() {
        [a, b, ..] => Some(SeriesPair::new(*a, *b)),
        _ => None,
    }
}

/// The dates the chart's range covers on the per-series tabs (Performance, Drawdown, Rolling),
/// resolved on the visible series (see [`resolve_range`]); the metrics table's range columns
/// use the same dates. `None` when there is no data.
#[must_use]
pub fn series_span(workspace: &Workspace, as_of: Option<Date>) -> Option<DateSpan> {
    let visible: Vec<&[Date]> = workspace
        .series
        .iter()
        .filter(|s| s.visible)
        .map(|s| s.series.dates())
        .collect();
    let all: Vec<&[Date]> = workspace.series.iter().map(|s| s.series.dates()).collect();
    // With every series hidden, the range still follows the data so that the legend can
    // bring a series back where it belongs.
    let dates = if visible.iter().any(|d| !d.is_empty()) {
        visible
    } else {
        all
    };
    resolve_range(workspace.chart.range, &dates, as_of)
}

fn per_series_plan(workspace: &Workspace, as_of: Option<Date>) -> TabPlan {
    let settings = &workspace.chart;
    let Some(span) = series_span(workspace, as_of) else {
        return TabPlan::NoData;
    };
    let base = settings.base_date.unwrap_or(span.from);
    let (title, axis, transform, unit) = match settings.tab {
        ChartTab::Drawdown => (
            "Drawdown".to_string(),
            ValueAxis::Percent,
            LineTransform::Drawdown,
            "drawdown %".to_string(),
        ),
        ChartTab::Rolling => {
            let sessions = settings.rolling_window.max(1) as usize;
            (
                format!("{sessions}-session return"),
                ValueAxis::Percent,
                LineTransform::Rolling { sessions },
                format!("{sessions}-session return %"),
            )
        }
        _ => match (settings.performance_mode, settings.log_scale) {
            (PerformanceMode::Rebased100, false) => (
                format!("Rebased to 100 on {base}"),
                ValueAxis::Rebased,
                LineTransform::Rebased { base },
                "rebased 100".to_string(),
            ),
            (PerformanceMode::PercentChange, false) => (
                format!("% change since {base}"),
                ValueAxis::PercentChange,
                LineTransform::PercentChange { base },
                "% change".to_string(),
            ),
            (PerformanceMode::Rebased100, true) => (
                format!("Rebased to 100 on {base} (log scale)"),
                ValueAxis::LogRebased,
                LineTransform::LogRebased { base },
                "rebased 100".to_string(),
            ),
            (PerformanceMode::PercentChange, true) => (
                format!("% change since {base} (log scale)"),
                ValueAxis::LogPercentChange,
                LineTransform::LogRebased { base },
                "% change".to_string(),
            ),
        },
    };
    let lines = workspace
        .series
        .iter()
        .map(|entry| PlannedLine {
            id: entry.name().to_string(),
            label: entry.name().to_string(),
            export_name: format!("{} ({unit})", entry.name()),
            series: vec![Arc::clone(&entry.series)],
            transform,
            color: entry.color,
            shown: entry.visible,
            toggles: Some(entry.name().to_string()),
        })
        .collect();
    TabPlan::Chart(ChartPlan {
        tab: settings.tab,
        span,
        panels: vec![PanelPlan { title, axis, lines }],
        band: None,
    })
}

/// The settings with `pair` as the pair of `tab`. On the Spread tab, a pair of other series
/// than before opens in the mode it leads with — the ratio (relative strength) for two prices,
/// the difference for valuations and rates (see [`Workspace::leading_spread_mode`]); the same
/// two series, swapped or not, keep the mode the user chose.
#[must_use]
pub fn with_pair(workspace: &Workspace, tab: ChartTab, pair: SeriesPair) -> ChartSettings {
    let mut settings = workspace.chart.clone();
    match tab {
        ChartTab::Relative => settings.relative_pair = Some(pair),
        _ => {
            let same_series = settings.spread_pair.as_ref().is_some_and(|old| {
                (old.a == pair.a && old.b == pair.b) || (old.a == pair.b && old.b == pair.a)
            });
            if !same_series {
                settings.spread_mode = workspace.leading_spread_mode(&pair.a, &pair.b);
            }
            settings.spread_pair = Some(pair);
        }
    }
    settings
}

/// The two series of a pair tab, or the prompt (or nothing to draw) when they are not there.
fn chosen_pair<'w>(
    workspace: &'w Workspace,
    settings: &ChartSettings,
) -> Result<(&'w WorkspaceSeries, &'w WorkspaceSeries), TabPlan> {
    let tab = settings.tab;
    let chosen = match tab {
        ChartTab::Relative => settings.relative_pair.as_ref(),
        _ => settings.spread_pair.as_ref(),
    };
    let prompt = |missing: Vec<String>| {
        TabPlan::PickPair(PairPrompt {
            tab,
            suggestion: suggested_pair(workspace, tab),
            missing,
        })
    };
    let Some(pair) = chosen else {
        return Err(prompt(Vec::new()));
    };
    match (
        workspace.series_named(&pair.a),
        workspace.series_named(&pair.b),
    ) {
        (Some(a), Some(b)) => Ok((a, b)),
        (a, b) => {
            let mut missing = Vec::new();
            if a.is_none() {
                missing.push(pair.a.clone());
            }
            if b.is_none() && pair.b != pair.a {
                missing.push(pair.b.clone());
            }
            Err(prompt(missing))
        }
    }
}

fn pair_plan(workspace: &Workspace, settings: &ChartSettings, as_of: Option<Date>) -> TabPlan {
    let (a, b) = match chosen_pair(workspace, settings) {
        Ok(pair) => pair,
        Err(plan) => return plan,
    };
    let dates = [a.series.dates(), b.series.dates()];
    let Some(span) = resolve_range(settings.range, &dates, as_of) else {
        return TabPlan::NoData;
    };
    if settings.tab == ChartTab::Relative {
        return TabPlan::Chart(ChartPlan {
            tab: settings.tab,
            span,
            panels: relative_panels(a, b, span.from),
            band: None,
        });
    }
    TabPlan::Chart(spread_chart(a, b, settings, span, as_of))
}

/// A line over both series of a pair, always shown and toggling nothing.
fn pair_line(
    a: &WorkspaceSeries,
    b: &WorkspaceSeries,
    id: &str,
    (label, export_name): (String, String),
    transform: LineTransform,
    color: Rgb,
) -> PlannedLine {
    PlannedLine {
        id: id.to_string(),
        label,
        export_name,
        series: vec![Arc::clone(&a.series), Arc::clone(&b.series)],
        transform,
        color,
        shown: true,
        toggles: None,
    }
}

/// The relative chart's two panels: the ratio, and the performance difference since `base`.
fn relative_panels(a: &WorkspaceSeries, b: &WorkspaceSeries, base: Date) -> Vec<PanelPlan> {
    let (an, bn) = (a.name(), b.name());
    let ratio_label = format!("{an} / {bn}");
    let difference_label = format!("{an}% − {bn}%");
    vec![
        PanelPlan {
            title: "Ratio".to_string(),
            axis: ValueAxis::Ratio,
            lines: vec![pair_line(
                a,
                b,
                "ratio",
                (ratio_label.clone(), ratio_label),
                LineTransform::Ratio,
                a.color,
            )],
        },
        PanelPlan {
            title: format!("Performance difference since {base}"),
            axis: ValueAxis::PercentagePoints,
            lines: vec![pair_line(
                a,
                b,
                "performance difference",
                (difference_label.clone(), format!("{difference_label} (pp)")),
                LineTransform::PerformanceDifference { base },
                b.color,
            )],
        },
    ]
}

/// The spread chart: the difference or ratio of the pair, with its percentile band.
fn spread_chart(
    a: &WorkspaceSeries,
    b: &WorkspaceSeries,
    settings: &ChartSettings,
    span: DateSpan,
    as_of: Option<Date>,
) -> ChartPlan {
    let (an, bn) = (a.name(), b.name());
    let (label, axis, transform, title) = match settings.spread_mode {
        SpreadMode::Difference => (
            format!("{an} − {bn}"),
            ValueAxis::Level,
            LineTransform::Difference,
            "Spread (difference)",
        ),
        SpreadMode::Ratio => (
            format!("{an} / {bn}"),
            ValueAxis::Ratio,
            LineTransform::Ratio,
            "Spread (ratio)",
        ),
    };
    ChartPlan {
        tab: settings.tab,
        span,
        panels: vec![PanelPlan {
            title: title.to_string(),
            axis,
            lines: vec![pair_line(
                a,
                b,
                "spread",
                (label.clone(), label),
                transform,
                a.color,
            )],
        }],
        band: Some(BandRequest {
            a: Arc::clone(&a.series),
            b: Arc::clone(&b.series),
            mode: settings.spread_mode,
            as_of,
            lookback_years: settings.lookback_years,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{ChartRange, RangePreset};

    use crate::testing::d;

    fn series(name: &str, kind: SeriesKind, start: &str, closes: &[f64]) -> Series {
        crate::testing::daily_series(name, kind, start, closes)
    }

    fn workspace() -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add_series(series(
            "A",
            SeriesKind::Price,
            "2024-01-01",
            &[1.0, 2.0, 3.0, 4.0],
        ));
        workspace.add_series(series(
            "B",
            SeriesKind::Price,
            "2024-01-02",
            &[5.0, 6.0, 7.0],
        ));
        workspace.add_series(series(
            "PE",
            SeriesKind::Valuation,
            "2024-01-01",
            &[20.0, 21.0],
        ));
        workspace.add_series(series("Rate", SeriesKind::Rate, "2023-12-01", &[4.0, 4.5]));
        workspace
    }

    fn chart(plan: TabPlan) -> ChartPlan {
        match plan {
            TabPlan::Chart(chart) => chart,
            other => panic!("expected a chart, got {other:?}"),
        }
    }

    #[test]
    fn performance_rebases_every_series_at_the_range_start() {
        let mut ws = workspace();
        ws.series[2].visible = false;
        let plan = chart(super::plan(&ws, None));
        // Max over the visible series: Rate starts 2023-12-01.
        assert_eq!(plan.span.from, d("2023-12-01"));
        assert_eq!(plan.span.to, d("2024-01-04"));
        let panel = &plan.panels[0];
        assert_eq!(panel.axis, ValueAxis::Rebased);
        assert_eq!(panel.lines.len(), 4);
        assert_eq!(
            panel.lines[0].transform,
            LineTransform::Rebased {
                base: d("2023-12-01")
            }
        );
        assert_eq!(panel.lines[0].export_name, "A (rebased 100)");
        assert!(!panel.lines[2].shown);
        assert_eq!(panel.lines[2].toggles.as_deref(), Some("PE"));
        assert_eq!(panel.lines[1].color, ws.series[1].color);
        ws.chart.log_scale = true;
        ws.chart.performance_mode = PerformanceMode::PercentChange;
        let plan = chart(plan_of(&ws));
        assert_eq!(plan.panels[0].axis, ValueAxis::LogPercentChange);
        assert_eq!(
            plan.panels[0].lines[0].transform,
            LineTransform::LogRebased {
                base: d("2023-12-01")
            }
        );
    }

    fn plan_of(ws: &Workspace) -> TabPlan {
        plan(ws, None)
    }

    #[test]
    fn drawdown_and_rolling_tabs() {
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Rolling;
        ws.chart.rolling_window = 2;
        let plan = chart(plan_of(&ws));
        assert_eq!(
            plan.panels[0].lines[0].transform,
            LineTransform::Rolling { sessions: 2 }
        );
        assert_eq!(plan.panels[0].title, "2-session return");
        ws.chart.tab = ChartTab::Drawdown;
        ws.chart.range = ChartRange::Preset(RangePreset::FiveDays);
        let plan = chart(super::plan(&ws, Some(d("2024-01-03"))));
        assert_eq!(plan.panels[0].axis, ValueAxis::Percent);
        assert_eq!(plan.span.to, d("2024-01-03"));
        assert_eq!(plan.span.from, d("2024-01-01"));
    }

    #[test]
    fn pair_tabs_prompt_until_a_pair_exists() {
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Relative;
        let TabPlan::PickPair(prompt) = plan_of(&ws) else {
            panic!("expected a prompt");
        };
        assert_eq!(prompt.suggestion, Some(SeriesPair::new("A", "B")));
        assert!(prompt.missing.is_empty());
        ws.chart.tab = ChartTab::Spread;
        ws.chart.spread_pair = Some(SeriesPair::new("PE", "Gone"));
        let TabPlan::PickPair(prompt) = plan_of(&ws) else {
            panic!("expected a prompt");
        };
        // One valuation only: valuations and rates together.
        assert_eq!(prompt.suggestion, Some(SeriesPair::new("PE", "Rate")));
        assert_eq!(prompt.missing, vec!["Gone".to_string()]);
    }

    #[test]
    fn relative_has_a_ratio_and_a_performance_difference_panel() {
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Relative;
        ws.chart.relative_pair = Some(SeriesPair::new("A", "B"));
        let plan = chart(plan_of(&ws));
        assert_eq!(plan.panels.len(), 2);
        // Max over the pair only.
        assert_eq!(plan.span.from, d("2024-01-01"));
        assert_eq!(plan.panels[0].lines[0].label, "A / B");
        assert_eq!(plan.panels[0].lines[0].transform, LineTransform::Ratio);
        assert_eq!(plan.panels[1].axis, ValueAxis::PercentagePoints);
        assert_eq!(
            plan.panels[1].lines[0].transform,
            LineTransform::PerformanceDifference {
                base: d("2024-01-01")
            }
        );
        assert_eq!(plan.panels[1].lines[0].export_name, "A% − B% (pp)");
        assert!(plan.band.is_none());
    }

    #[test]
    fn spread_asks_for_its_band() {
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Spread;
        ws.chart.spread_pair = Some(SeriesPair::new("PE", "Rate"));
        ws.chart.spread_mode = SpreadMode::Ratio;
        ws.chart.lookback_years = 7;
        let plan = chart(super::plan(&ws, Some(d("2024-01-02"))));
        assert_eq!(plan.panels[0].lines[0].label, "PE / Rate");
        assert_eq!(plan.panels[0].axis, ValueAxis::Ratio);
        let band = plan.band.unwrap();
        assert_eq!(band.mode, SpreadMode::Ratio);
        assert_eq!(band.lookback_years, 7);
        assert_eq!(band.as_of, Some(d("2024-01-02")));
        assert_eq!(band.a.name, "PE");
    }

    #[test]
    fn a_new_spread_pair_leads_with_its_mode_and_the_same_pair_keeps_the_choice() {
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Spread;
        assert_eq!(ws.chart.spread_mode, SpreadMode::Difference);
        // Two prices: their ratio, and its percentile band.
        ws.chart = with_pair(&ws, ChartTab::Spread, SeriesPair::new("A", "B"));
        assert_eq!(ws.chart.spread_mode, SpreadMode::Ratio);
        assert_eq!(ws.chart.spread_pair, Some(SeriesPair::new("A", "B")));
        let plan = chart(plan_of(&ws));
        assert_eq!(plan.panels[0].title, "Spread (ratio)");
        assert_eq!(plan.panels[0].lines[0].label, "A / B");
        assert_eq!(plan.band.map(|b| b.mode), Some(SpreadMode::Ratio));
        // The difference on request stays through a swap of the same two series.
        ws.chart.spread_mode = SpreadMode::Difference;
        ws.chart = with_pair(&ws, ChartTab::Spread, SeriesPair::new("B", "A"));
        assert_eq!(ws.chart.spread_mode, SpreadMode::Difference);
        assert_eq!(ws.chart.spread_pair, Some(SeriesPair::new("B", "A")));
        // A valuation against a rate: the difference first.
        ws.chart.spread_mode = SpreadMode::Ratio;
        ws.chart = with_pair(&ws, ChartTab::Spread, SeriesPair::new("PE", "Rate"));
        assert_eq!(ws.chart.spread_mode, SpreadMode::Difference);
        // A price with a valuation is no relative strength either.
        ws.chart = with_pair(&ws, ChartTab::Spread, SeriesPair::new("A", "PE"));
        assert_eq!(ws.chart.spread_mode, SpreadMode::Difference);
        // The relative chart's pair leaves the spread alone.
        let relative = with_pair(&ws, ChartTab::Relative, SeriesPair::new("A", "B"));
        assert_eq!(relative.spread_pair, Some(SeriesPair::new("A", "PE")));
        assert_eq!(relative.relative_pair, Some(SeriesPair::new("A", "B")));
        assert_eq!(relative.spread_mode, SpreadMode::Difference);
    }

    #[test]
    fn nothing_to_draw_without_data() {
        assert!(matches!(plan_of(&Workspace::empty()), TabPlan::NoData));
        let mut ws = Workspace::empty();
        ws.add_series(series("Only", SeriesKind::Price, "2024-01-01", &[1.0]));
        ws.chart.tab = ChartTab::Relative;
        let TabPlan::PickPair(prompt) = plan_of(&ws) else {
            panic!("expected a prompt");
        };
        assert_eq!(prompt.suggestion, None);
    }
}
