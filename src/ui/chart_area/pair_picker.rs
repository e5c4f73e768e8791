//! Choosing the two series of the relative and spread charts: two lists of series names and a
//! swap button, and the prompt shown while no usable pair is chosen.

use eframe::egui;

use crate::chart::tab_plan::{PairPrompt, with_pair};
use crate::workspace::{ChartTab, SeriesPair, Workspace};

use super::super::command::Command;

/// "A [series ▾] B [series ▾] ⇄": each choice sends the new pair at once (on the Spread tab a
/// new pair opens in the mode it leads with: the ratio for two prices).
pub fn pair_combos(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    tab: ChartTab,
    pair: &SeriesPair,
    commands: &mut Vec<Command>,
) {
    let (a_label, b_label) = match tab {
        ChartTab::Relative => ("Series", "relative to"),
        _ => ("Spread of", "against"),
    };
    let mut chosen = pair.clone();
    let label = ui.label(a_label);
    series_combo(ui, workspace, ("pair-a", tab), &mut chosen.a, label.id);
    let label = ui.label(b_label);
    series_combo(ui, workspace, ("pair-b", tab), &mut chosen.b, label.id);
    if ui
        .button("Swap")
        .on_hover_text("Swap the two series")
        .clicked()
    {
        chosen = SeriesPair::new(chosen.b, chosen.a);
    }
    if chosen != *pair {
        commands.push(Command::SetChart(with_pair(workspace, tab, chosen)));
    }
}

/// A list of every series name, showing `name`, named for assistive technology by `label`.
fn series_combo(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    id_salt: (&str, ChartTab),
    name: &mut String,
    label: egui::Id,
) {
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name.as_str())
        .width(180.0)
        .show_ui(ui, |ui| {
            for series in &workspace.series {
                let series_name = series.name();
                if ui
                    .selectable_label(name == series_name, series_name)
                    .clicked()
                {
                    *name = series_name.to_string();
                }
            }
        })
        .response
        .labelled_by(label);
}

/// The prompt of a pair chart without a usable pair: what is missing, the two lists preset to
/// the suggested pair, and a button to show it.
pub fn prompt(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    prompt: &PairPrompt,
    commands: &mut Vec<Command>,
) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        let what = match prompt.tab {
            ChartTab::Relative => "The relative chart compares two series: A ÷ B and A% − B%.",
            _ => {
                "The spread chart shows two series' ratio (for prices: relative strength) or \
                 difference (for valuations and rates), with its percentile band."
            }
        };
        ui.heading("Pick two series");
        ui.label(what);
        if !prompt.missing.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("No longer in the workspace: {}.", prompt.missing.join(", ")),
            );
        }
        let Some(suggestion) = &prompt.suggestion else {
            ui.label("Import at least two series to compare them.");
            return;
        };
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            pair_combos(ui, workspace, prompt.tab, suggestion, commands);
        });
        ui.add_space(8.0);
        if ui
            .button(format!("Show {} and {}", suggestion.a, suggestion.b))
            .clicked()
        {
            commands.push(Command::SetChart(with_pair(
                workspace,
                prompt.tab,
                suggestion.clone(),
            )));
        }
    });
}
