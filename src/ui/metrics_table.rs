//! The metrics table.

use eframe::egui;

use crate::analytics::Analysis;
use crate::workspace::Workspace;

use super::command::Command;

/// The table's runtime state.
#[derive(Debug, Default)]
pub struct MetricsTableState {
    /// The column the table is sorted by.
    pub sort_column: Option<usize>,
}

/// Draws the table.
pub fn show(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    _workspace: &Workspace,
    _state: &mut MetricsTableState,
    _commands: &mut Vec<Command>,
) {
    egui::Grid::new("metrics").striped(true).show(ui, |ui| {
        for row in &analysis.series {
            ui.label(&row.name);
            if let Some(value) = row.last_value {
                ui.label(super::metrics_rows::format_level(value));
            }
            ui.end_row();
        }
    });
}
