//! The performance chart's options: every visible series rebased to 100 at the range start or
//! as the percent change since then, on a linear or logarithmic scale.

use eframe::egui;

use crate::workspace::{ChartSettings, PerformanceMode};

use super::super::command::Command;

/// "Rebased to 100 | % change   [ ] Log scale".
pub fn options(ui: &mut egui::Ui, settings: &ChartSettings, commands: &mut Vec<Command>) {
    for (mode, label, hint) in [
        (
            PerformanceMode::Rebased100,
            "Rebased to 100",
            "Every series starts at 100 on the first date of the range",
        ),
        (
            PerformanceMode::PercentChange,
            "% change",
            "Every series shows its change since the first date of the range",
        ),
    ] {
        let selected = settings.performance_mode == mode;
        if ui
            .selectable_label(selected, label)
            .on_hover_text(hint)
            .clicked()
            && !selected
        {
            commands.push(Command::SetChart(ChartSettings {
                performance_mode: mode,
                ..settings.clone()
            }));
        }
    }
    ui.separator();
    let mut log_scale = settings.log_scale;
    if ui
        .checkbox(&mut log_scale, "Log scale")
        .on_hover_text("Equal distances are equal percentage moves")
        .changed()
    {
        commands.push(Command::SetChart(ChartSettings {
            log_scale,
            ..settings.clone()
        }));
    }
}
