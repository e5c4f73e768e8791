//! Showing what a finding speaks of: the chart tab that draws it, its dates as the range, its
//! series alone (and, for a spread, that pair on the Spread tab).

use crate::analytics::{Finding, FindingKind};
use crate::model::Date;

use super::chart::{ChartRange, ChartTab, SeriesPair};
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
    /// The focus for `finding`: a spread's level on the Spread tab; a quadrant change on the
    /// Rotation tab; a move, a day of the year or year-to-date returns on the Performance tab.
    #[must_use]
    pub fn of(finding: &Finding) -> Focus {
        let tab = match finding.kind {
            FindingKind::Spread => ChartTab::Spread,
            FindingKind::Rotation => ChartTab::Rotation,
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
    /// exist), and on the Spread tab its first two series as the pair.
    pub fn show_focus(&mut self, focus: &Focus) {
        self.chart.tab = focus.tab;
        self.chart.range = ChartRange::Custom {
            from: focus.from,
            to: focus.to,
        };
        if focus.tab == ChartTab::Spread
            && let [a, b, ..] = focus.series.as_slice()
        {
            self.chart.spread_pair = Some(SeriesPair::new(a.clone(), b.clone()));
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
    fn a_finding_about_unknown_series_leaves_visibility_alone() {
        let mut ws = workspace(&["A", "B"]);
        ws.series[1].visible = false;
        ws.show_focus(&Focus::of(&finding(FindingKind::Move, &["Gone"])));
        let visible: Vec<bool> = ws.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [true, false]);
    }
}
