//! The findings.

use eframe::egui;

use crate::analytics::Finding;

use super::command::Command;

/// Draws the findings.
pub fn show(ui: &mut egui::Ui, findings: &[Finding], commands: &mut Vec<Command>) {
    for finding in findings {
        if ui.link(&finding.text).clicked() {
            commands.push(Command::Focus {
                series: finding.series.clone(),
                from: finding.from,
                to: finding.to,
            });
        }
    }
}
