//! The performance chart's options: every visible series rebased to 100 at a base date (the
//! range's start unless one is chosen) or as the percent change since then, on a linear or
//! logarithmic scale.

use eframe::egui;

use crate::workspace::{ChartSettings, PerformanceMode};

use super::super::command::Command;
use super::toolbar::ToolbarState;

/// "Rebased to 100 | % change   Base [date] Range start   [ ] Log scale".
pub fn options(
    ui: &mut egui::Ui,
    settings: &ChartSettings,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    for (mode, label, hint) in [
        (
            PerformanceMode::Rebased100,
            "Rebased to 100",
            "Every series is 100 at the base date (the range's first date unless one is set)",
        ),
        (
            PerformanceMode::PercentChange,
            "% change",
            "Every series shows its change since the base date",
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
    base_date(ui, settings, state, commands);
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

/// "Base [YYYY-MM-DD] [Range start]": the date every series is rebased at; empty for the
/// range's first date.
fn base_date(
    ui: &mut egui::Ui,
    settings: &ChartSettings,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    let (field, typed) = state.base_date.show(
        ui,
        "performance-base-date",
        "Base",
        "range start",
        settings.base_date,
        None,
    );
    field.on_hover_text(
        "Rebase every series at this date (its first session on or after it); the lines start \
         there. Empty for the range's first date",
    );
    if let Some(base_date) = typed {
        commands.push(Command::SetChart(ChartSettings {
            base_date,
            ..settings.clone()
        }));
    }
    if ui
        .add_enabled(
            settings.base_date.is_some(),
            egui::Button::new("Range start"),
        )
        .on_hover_text("Rebase at the range's first date again")
        .clicked()
    {
        commands.push(Command::SetChart(ChartSettings {
            base_date: None,
            ..settings.clone()
        }));
    }
    state.base_date.show_error(ui);
}
