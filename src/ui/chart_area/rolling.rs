//! The rolling chart's options: N, the window of the rolling N-session return of each visible
//! series, dragged or picked from common windows.

use eframe::egui;

use crate::workspace::ChartSettings;

use super::super::command::Command;
use super::super::deferred_number::deferred_number;
use super::toolbar::ToolbarState;

/// Common windows: about a month, a quarter, half a year, a year and three years of sessions.
const COMMON_WINDOWS: [(u32, &str); 5] = [
    (21, "1M"),
    (63, "3M"),
    (126, "6M"),
    (252, "1Y"),
    (756, "3Y"),
];

/// The longest window offered.
const MAX_WINDOW: u32 = 10_000;

/// "Window [N] sessions  1M 3M 6M 1Y 3Y".
pub fn options(
    ui: &mut egui::Ui,
    settings: &ChartSettings,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    if let Some(window) = deferred_number(
        ui,
        "Window",
        &mut state.rolling_edit,
        settings.rolling_window,
        1..=MAX_WINDOW,
        " sessions",
        "The return over the last N sessions (rows), at every session",
    ) {
        commands.push(set_window(settings, window));
    }
    for (sessions, label) in COMMON_WINDOWS {
        let selected = settings.rolling_window == sessions;
        if ui
            .selectable_label(selected, label)
            .on_hover_text(format!("{sessions} sessions"))
            .clicked()
            && !selected
        {
            commands.push(set_window(settings, sessions));
        }
    }
}

fn set_window(settings: &ChartSettings, rolling_window: u32) -> Command {
    Command::SetChart(ChartSettings {
        rolling_window,
        ..settings.clone()
    })
}
