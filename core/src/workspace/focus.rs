//! Showing what a finding speaks of: the chart tab that draws it, its dates as the range, its
//! series alone (for a spread, that pair on the Spread tab; for a relative move, that pair on
//! the Relative tab) — and showing a pair the user has just added.

use crate::analytics::{Finding, FindingKind};
use crate::model::{Date, SeriesKind};

use super::chart::{ChartRange, ChartTab, SeriesPair, SpreadMode};
use super::document::SpreadDefinition;
use super::document::Workspace;

/// Where a click on a finding takes the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The series to show; the others are hidden. Empty: visibility stays as it is.
    pub series: Vec<String>,
    /// The first date shown.
    pub from: Date,
    /// The last date shown.
    pub to: Date,
    /// The tab that draws what the finding says.
    pub tab: ChartTab,
}

impl Focus {
    /// The focus for `finding`: a spread's level on the Spread tab; a relative move on the
    /// Relative tab; a quadrant change on the Rotation tab; a move, a day of the year or
    /// year-to-date returns on the Performance tab.
    #[must_use]
    pub fn of(finding: &Finding) -> Focus {
        let tab = match finding.kind {
            FindingKind::Spread => ChartTab::Spread,
            FindingKind::Rotation => ChartTab::Rotation,
            FindingKind::RelativeMove => ChartTab::Relative,
            FindingKind::Move
            | FindingKind::DayOfYear
            | FindingKind::YearToDate
            | FindingKind::Rounding => ChartTab::Performance,
        };
        Focus {
            series: finding.series.clone(),
            from: finding.from,
            to: finding.to,
            tab,
        }
    }
}

impl Workspace {
    /// Points the chart at `focus`: its tab and dates, only its series visible (those that
    /// exist), and on the Spread or Relative tab its first two series as that tab's pair (a
    /// spread of two prices as their ratio).
    pub fn show_focus(&mut self, focus: &Focus) {
        self.chart.tab = focus.tab;
        self.chart.range = ChartRange::Custom {
            from: focus.from,
            to: focus.to,
        };
        if let [a, b, ..] = focus.series.as_slice() {
            match focus.tab {
                ChartTab::Spread => self.show_spread_pair(a, b),
                ChartTab::Relative => {
                    self.chart.relative_pair = Some(SeriesPair::new(a.clone(), b.clone()));
                }
                _ => {}
            }
        }
        let known = focus
            .series
            .iter()
            .any(|name| self.series_named(name).is_some());
        if known {
            for entry in &mut self.series {
                entry.visible = focus.series.iter().any(|name| name == entry.name());
            }
        }
    }

    /// Adds `spread` and opens it: the Spread tab on its pair, as their ratio when both series
    /// are prices (relative strength) and as their difference otherwise.
    pub fn add_spread_and_show(&mut self, spread: SpreadDefinition) {
        self.chart.tab = ChartTab::Spread;
        self.show_spread_pair(&spread.a, &spread.b);
        self.spreads.push(spread);
    }

    /// Makes `a`, `b` the Spread tab's pair, in the mode the pair leads with (see
    /// [`Workspace::leading_spread_mode`]).
    fn show_spread_pair(&mut self, a: &str, b: &str) {
        self.chart.spread_mode = self.leading_spread_mode(a, b);
        self.chart.spread_pair = Some(SeriesPair::new(a, b));
    }

    /// The mode a spread of the series named `a` and `b` opens in: the ratio (relative
    /// strength) when both are prices, the difference otherwise (valuations, rates, or a name
    /// not in the workspace).
    #[must_use]
    pub fn leading_spread_mode(&self, a: &str, b: &str) -> SpreadMode {
        let price = |name: &str| {
            self.series_named(name)
                .is_some_and(|s| s.series.kind == SeriesKind::Price)
        };
        if price(a) && price(b) {
            SpreadMode::Ratio
        } else {
            SpreadMode::Difference
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::SeriesKind;
    use crate::testing::{d, daily_series};
    use crate::workspace::WorkspaceSeries;
    use crate::workspace::palette::PALETTE;

    fn workspace(names: &[&str]) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.series = names
            .iter()
            .map(|name| WorkspaceSeries {
                series: Arc::new(daily_series(
                    name,
                    SeriesKind::Valuation,
                    "2024-01-01",
                    &[1.0, 2.0, 3.0],
                )),
                color: PALETTE[0],
                visible: true,
            })
            .collect();
        workspace
    }

    fn finding(kind: FindingKind, series: &[&str]) -> Finding {
        Finding {
            kind,
            text: String::new(),
            series: series.iter().map(|s| (*s).to_string()).collect(),
            from: d("2024-01-02"),
            to: d("2024-01-03"),
            marks: Vec::new(),
            rarity: None,
        }
    }

    #[test]
    fn a_spread_finding_opens_the_spread_tab_on_its_pair() {
        let mut ws = workspace(&["Small P/E", "Large P/E", "Other"]);
        ws.chart.tab = ChartTab::Drawdown;
        let focus = Focus::of(&finding(FindingKind::Spread, &["Small P/E", "Large P/E"]));
        ws.show_focus(&focus);
        assert_eq!(ws.chart.tab, ChartTab::Spread);
        assert_eq!(
            ws.chart.spread_pair,
            Some(SeriesPair::new("Small P/E", "Large P/E"))
        );
        assert_eq!(
            ws.chart.range,
            ChartRange::Custom {
                from: d("2024-01-02"),
                to: d("2024-01-03")
            }
        );
        let visible: Vec<bool> = ws.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [true, true, false]);
    }

    #[test]
    fn a_move_finding_shows_its_series_on_the_performance_tab() {
        let mut ws = workspace(&["A", "B"]);
        ws.chart.tab = ChartTab::Rolling;
        let pair = Some(SeriesPair::new("B", "A"));
        ws.chart.spread_pair.clone_from(&pair);
        ws.show_focus(&Focus::of(&finding(FindingKind::Move, &["B"])));
        assert_eq!(ws.chart.tab, ChartTab::Performance);
        assert_eq!(ws.chart.spread_pair, pair);
        let visible: Vec<bool> = ws.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [false, true]);
    }

    #[test]
    fn a_relative_move_finding_opens_the_relative_tab_on_its_pair_over_its_window() {
        let mut ws = workspace(&["A", "B", "C"]);
        let spread_pair = ws.chart.spread_pair.clone();
        ws.show_focus(&Focus::of(&finding(FindingKind::RelativeMove, &["C", "A"])));
        assert_eq!(ws.chart.tab, ChartTab::Relative);
        assert_eq!(ws.chart.relative_pair, Some(SeriesPair::new("C", "A")));
        assert_eq!(ws.chart.spread_pair, spread_pair);
        assert_eq!(
            ws.chart.range,
            ChartRange::Custom {
                from: d("2024-01-02"),
                to: d("2024-01-03")
            }
        );
        let visible: Vec<bool> = ws.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [true, false, true]);
    }

    #[test]
    fn an_added_pair_opens_on_the_spread_tab_as_a_ratio_of_prices() {
        let mut ws = workspace(&["A", "B"]);
        ws.add_spread_and_show(SpreadDefinition {
            name: String::new(),
            a: "A".into(),
            b: "B".into(),
        });
        assert_eq!(ws.spreads.len(), 1);
        assert_eq!(ws.chart.tab, ChartTab::Spread);
        assert_eq!(ws.chart.spread_pair, Some(SeriesPair::new("A", "B")));
        // The test series are valuations: their difference.
        assert_eq!(ws.chart.spread_mode, SpreadMode::Difference);
        let mut prices = workspace(&[]);
        for name in ["P", "Q"] {
            prices.series.push(WorkspaceSeries {
                series: Arc::new(daily_series(
                    name,
                    SeriesKind::Price,
                    "2024-01-01",
                    &[1.0, 2.0],
                )),
                color: PALETTE[1],
                visible: true,
            });
        }
        prices.add_spread_and_show(SpreadDefinition {
            name: String::new(),
            a: "P".into(),
            b: "Q".into(),
        });
        assert_eq!(prices.chart.spread_mode, SpreadMode::Ratio);
        prices.show_focus(&Focus::of(&finding(FindingKind::Spread, &["Q", "P"])));
        assert_eq!(prices.chart.spread_pair, Some(SeriesPair::new("Q", "P")));
        assert_eq!(prices.chart.spread_mode, SpreadMode::Ratio);
    }

    #[test]
    fn a_finding_about_unknown_series_leaves_visibility_alone() {
        let mut ws = workspace(&["A", "B"]);
        ws.series[1].visible = false;
        ws.show_focus(&Focus::of(&finding(FindingKind::Move, &["Gone"])));
        let visible: Vec<bool> = ws.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [true, false]);
    }
}
