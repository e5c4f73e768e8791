//! How the window is shared, as the workspace remembers it: the chart's share of the central
//! area (the rest is the metrics table), and whether the side panels are open. The arithmetic
//! of the chart/table split lives here so it is tested without a window.

use serde::{Deserialize, Serialize};

/// The smallest share of the central height the chart itself (the plot, without its toolbar)
/// keeps, whatever the number of series or the size of the window.
pub const MIN_CHART_SHARE: f32 = 0.45;

/// The largest share of the central height the chart part may take, so the table always keeps
/// a few rows.
pub const MAX_CHART_SHARE: f32 = 0.85;

/// The chart part's share of the central height in a new workspace.
pub const DEFAULT_CHART_SHARE: f32 = 0.62;

/// The window layout a workspace remembers.
///
/// Missing fields read as their defaults, so a workspace written before the layout existed
/// still opens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowLayout {
    /// The chart part's share (toolbar and plot) of the central height, from 0 to 1; the metrics
    /// table takes the rest. Read through [`WindowLayout::split`], which keeps it in bounds.
    pub chart_share: f32,
    /// Whether the data panel (the series list) is open.
    pub data_panel_open: bool,
    /// Whether the findings panel is open.
    pub findings_panel_open: bool,
}

impl Default for WindowLayout {
    fn default() -> Self {
        WindowLayout {
            chart_share: DEFAULT_CHART_SHARE,
            data_panel_open: true,
            findings_panel_open: true,
        }
    }
}

/// The heights of the two parts of the central area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Split {
    /// The chart part: its toolbar and the plot.
    pub chart: f32,
    /// The metrics table below it (it scrolls inside this height).
    pub table: f32,
}

impl WindowLayout {
    /// How `central` points of height are shared between the chart part and the table, with
    /// `handle` points for the drag handle between them and `chart_overhead` points of the
    /// chart part taken by its toolbar. The plot keeps at least [`MIN_CHART_SHARE`] of
    /// `central` whatever the saved share says (a share that is not a number reads as the
    /// default); the chart part takes at most [`MAX_CHART_SHARE`] unless the plot's minimum
    /// needs more.
    #[must_use]
    pub fn split(&self, central: f32, handle: f32, chart_overhead: f32) -> Split {
        let central = central.max(0.0);
        let usable = (central - handle).max(0.0);
        let share = if self.chart_share.is_finite() {
            self.chart_share
        } else {
            DEFAULT_CHART_SHARE
        };
        let wanted = share.clamp(0.0, MAX_CHART_SHARE) * central;
        // A point to spare, so rounding never leaves the plot a hair below its share.
        let floor = (MIN_CHART_SHARE * central + chart_overhead.max(0.0) + 1.0).ceil();
        let chart = wanted.round().max(floor).min(usable);
        Split {
            chart,
            table: (usable - chart).max(0.0),
        }
    }

    /// The share that puts the boundary `chart` points below the top of a central area of
    /// `central` points, kept within what [`WindowLayout::split`] allows.
    #[must_use]
    pub fn share_for(chart: f32, central: f32, chart_overhead: f32) -> f32 {
        if central <= 0.0 || !chart.is_finite() {
            return DEFAULT_CHART_SHARE;
        }
        let floor = (MIN_CHART_SHARE + chart_overhead.max(0.0) / central).min(MAX_CHART_SHARE);
        (chart / central).clamp(floor, MAX_CHART_SHARE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_share_splits_the_central_height() {
        let layout = WindowLayout::default();
        let split = layout.split(1000.0, 8.0, 40.0);
        assert_eq!(split.chart, 620.0);
        assert_eq!(split.table, 372.0);
    }

    #[test]
    fn the_plot_keeps_its_minimum_share_below_the_toolbar() {
        let layout = WindowLayout {
            chart_share: 0.1,
            ..WindowLayout::default()
        };
        let split = layout.split(500.0, 8.0, 60.0);
        // 45 % of 500 for the plot plus 60 for the toolbar, and a point to spare.
        assert_eq!(split.chart, 286.0);
        assert_eq!(split.table, 206.0);
        assert!(split.chart - 60.0 >= 0.45 * 500.0);
    }

    #[test]
    fn the_table_keeps_its_part_and_nonsense_reads_as_the_default() {
        let tall = WindowLayout {
            chart_share: 0.99,
            ..WindowLayout::default()
        };
        assert_eq!(tall.split(1000.0, 8.0, 40.0).chart, 850.0);
        let nan = WindowLayout {
            chart_share: f32::NAN,
            ..WindowLayout::default()
        };
        assert_eq!(nan.split(1000.0, 8.0, 40.0).chart, 620.0);
        assert_eq!(WindowLayout::default().split(0.0, 8.0, 40.0).chart, 0.0);
    }

    #[test]
    fn a_drag_gives_a_share_within_bounds() {
        assert!((WindowLayout::share_for(700.0, 1000.0, 40.0) - 0.7).abs() < 1e-6);
        assert!((WindowLayout::share_for(100.0, 1000.0, 40.0) - 0.49).abs() < 1e-6);
        assert!((WindowLayout::share_for(990.0, 1000.0, 40.0) - 0.85).abs() < 1e-6);
        assert_eq!(
            WindowLayout::share_for(10.0, 0.0, 40.0),
            DEFAULT_CHART_SHARE
        );
    }

    #[test]
    fn an_older_workspace_without_a_layout_reads_the_defaults() {
        let read: WindowLayout = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, WindowLayout::default());
        let partial: WindowLayout =
            serde_json::from_str(r#"{"data_panel_open": false}"#).unwrap_or_else(|e| panic!("{e}"));
        assert!(!partial.data_panel_open);
        assert_eq!(partial.chart_share, DEFAULT_CHART_SHARE);
    }
}
