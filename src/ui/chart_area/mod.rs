//! The chart area: the visible series over the chosen range.

use eframe::egui;
use egui_plot::{Legend, Line, Plot};

use crate::export::{ChartLine, ChartTable};
use crate::model::Date;
use crate::workspace::Workspace;

use super::command::Command;

/// The chart's runtime state.
#[derive(Debug, Default)]
pub struct ChartView {
    /// Draw no hover effects (while the chart is being captured as a picture).
    pub suppress_hover: bool,
}

/// What the chart area reports after drawing.
pub struct ChartOutput {
    /// The chart's rectangle on screen.
    pub plot_rect: Option<egui::Rect>,
    /// The data shown.
    pub data: ChartTable,
}

/// Draws the chart area.
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    _as_of: Option<Date>,
    view: &mut ChartView,
    _commands: &mut Vec<Command>,
) -> ChartOutput {
    let visible: Vec<_> = workspace.series.iter().filter(|s| s.visible).collect();
    let response = Plot::new("chart")
        .legend(Legend::default())
        .show_x(!view.suppress_hover)
        .show_y(!view.suppress_hover)
        .show(ui, |plot| {
            for entry in &visible {
                let points: Vec<[f64; 2]> = entry
                    .series
                    .dates()
                    .iter()
                    .zip(entry.series.values())
                    .map(|(d, v)| [f64::from(d.day_number()), *v])
                    .collect();
                let [r, g, b] = entry.color;
                plot.line(
                    Line::new(entry.name().to_string(), points)
                        .color(egui::Color32::from_rgb(r, g, b)),
                );
            }
        });
    let data = ChartTable::from_lines(visible.iter().map(|entry| ChartLine {
        name: entry.name(),
        dates: entry.series.dates(),
        values: entry.series.values(),
    }));
    ChartOutput {
        plot_rect: Some(response.response.rect),
        data,
    }
}
