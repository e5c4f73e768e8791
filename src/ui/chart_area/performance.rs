//! The performance chart's options: every visible series rebased to 100 at a base date (the
//! range's start unless one is chosen) or as the percent change since then, on a linear or
//! logarithmic scale.

use eframe::egui::{self, Key};

use crate::model::Date;
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
    let id = ui.make_persistent_id("performance-base-date");
    let editing = ui.ctx().memory(|m| m.has_focus(id));
    if !editing && state.base_shown != Some(settings.base_date) {
        state.base_text = settings
            .base_date
            .map(|d| d.to_string())
            .unwrap_or_default();
        state.base_shown = Some(settings.base_date);
        state.base_error = None;
    }
    let label = ui.label("Base");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut state.base_text)
                .id(id)
                .hint_text("range start")
                .desired_width(84.0),
        )
        .labelled_by(label.id)
        .on_hover_text(
            "Rebase every series at this date (its first session on or after it); the lines \
             start there. Empty for the range's first date",
        );
    if field.lost_focus() || (field.has_focus() && ui.input(|i| i.key_pressed(Key::Enter))) {
        let text = state.base_text.trim();
        let chosen = if text.is_empty() {
            Ok(None)
        } else {
            Date::parse_iso(text)
                .map(Some)
                .ok_or_else(|| "Base: use a date like 2020-03-23".to_string())
        };
        match chosen {
            Ok(base_date) => {
                state.base_error = None;
                if base_date != settings.base_date {
                    commands.push(Command::SetChart(ChartSettings {
                        base_date,
                        ..settings.clone()
                    }));
                }
            }
            Err(message) => state.base_error = Some(message),
        }
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
    if let Some(error) = &state.base_error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}
