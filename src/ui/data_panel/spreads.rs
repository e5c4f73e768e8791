//! The Data panel's spreads: the spreads defined, each removable, and the pair chosen for a new
//! one. It reads the workspace and emits commands.

use eframe::egui;

use crate::workspace::{SpreadDefinition, Workspace, WorkspaceSeries};

use super::super::accessible;
use super::super::command::Command;

/// Shows the spreads and the fields for a new one; `new_spread` is the pair being chosen.
pub(super) fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    new_spread: &mut (String, String),
    commands: &mut Vec<Command>,
) {
    ui.label(egui::RichText::new("Spreads").strong())
        .on_hover_text("A spread compares two series (typically valuations): A − B and A / B, ranked against their own history");
    for (index, spread) in workspace.spreads.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(spread.display_name());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this spread")
                    .clicked()
                {
                    commands.push(Command::RemoveSpread(index));
                }
            });
        });
    }
    let names: Vec<&str> = workspace.series.iter().map(WorkspaceSeries::name).collect();
    if names.len() < 2 {
        ui.small("Import two series to define a spread.");
        return;
    }
    let (a, b) = new_spread;
    if !names.contains(&a.as_str()) {
        *a = names[0].to_string();
    }
    if !names.contains(&b.as_str()) || a == b {
        *b = names
            .iter()
            .find(|n| **n != a.as_str())
            .map_or_else(String::new, |n| (*n).to_string());
    }
    ui.horizontal(|ui| {
        for (label, value) in [("spread-a", &mut *a), ("spread-b", &mut *b)] {
            let combo = egui::ComboBox::from_id_salt(label)
                .width(110.0)
                .selected_text(value.as_str())
                .show_ui(ui, |ui| {
                    for name in &names {
                        ui.selectable_value(value, (*name).to_string(), *name);
                    }
                });
            let role = if label == "spread-a" {
                "Spread series A"
            } else {
                "Spread series B"
            };
            accessible::name(&combo.response, egui::Role::ComboBox, role);
        }
        if ui.add_enabled(a != b, egui::Button::new("Add")).clicked() {
            commands.push(Command::AddSpread(SpreadDefinition {
                name: String::new(),
                a: a.clone(),
                b: b.clone(),
            }));
        }
    });
}
