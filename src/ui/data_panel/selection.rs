//! The series selected in the Data panel (a click selects one, Ctrl+click adds or takes away
//! one, Shift+click selects the run from the last click), what can be done to a selection or a
//! group — show, hide, remove, an equal-weight index — and the confirmation asked before
//! removing several series. It emits commands.

use eframe::egui;

use crate::workspace::Workspace;

use super::super::command::Command;

/// The selected series, by name.
#[derive(Debug, Default)]
pub struct Selection {
    /// The selected names, in the order they were selected.
    names: Vec<String>,
    /// The name a Shift+click extends from.
    anchor: Option<String>,
}

impl Selection {
    /// Whether the named series is selected.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// How many series are selected.
    #[must_use]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether nothing is selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        self.names.clear();
        self.anchor = None;
    }

    /// The selected series the workspace still has, in workspace order.
    #[must_use]
    pub fn names_in(&self, workspace: &Workspace) -> Vec<String> {
        workspace
            .series
            .iter()
            .map(|s| s.name().to_string())
            .filter(|n| self.contains(n))
            .collect()
    }

    /// Forgets the names no series has any more.
    pub fn retain_existing(&mut self, workspace: &Workspace) {
        self.names.retain(|n| workspace.series_named(n).is_some());
    }

    /// A click on `name` with `modifiers` held; `order` is the names in the order the list
    /// shows them (for Shift).
    pub fn click(&mut self, name: &str, modifiers: egui::Modifiers, order: &[String]) {
        if modifiers.shift
            && let Some(anchor) = &self.anchor
            && let (Some(from), Some(to)) = (
                order.iter().position(|n| n == anchor),
                order.iter().position(|n| n == name),
            )
        {
            let (low, high) = (from.min(to), from.max(to));
            for one in &order[low..=high] {
                if !self.contains(one) {
                    self.names.push(one.clone());
                }
            }
            return;
        }
        if modifiers.command || modifiers.ctrl {
            if self.contains(name) {
                self.names.retain(|n| n != name);
            } else {
                self.names.push(name.to_string());
            }
        } else if self.names.len() == 1 && self.contains(name) {
            self.names.clear();
        } else {
            self.names = vec![name.to_string()];
        }
        self.anchor = Some(name.to_string());
    }
}

/// Series waiting for the user to confirm their removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoveConfirm {
    /// What is removed, for the question: "the 12 series of prices.csv".
    pub what: String,
    /// The series to remove.
    pub names: Vec<String>,
}

/// The actions on several series, as menu entries: Show, Hide, Remove… (confirmed through
/// `confirm`) and an equal-weight index of them.
pub(super) fn actions_menu(
    ui: &mut egui::Ui,
    names: &[String],
    confirm: &mut Option<RemoveConfirm>,
    commands: &mut Vec<Command>,
) {
    if ui.button("Show").clicked() {
        commands.push(Command::SetVisibleMany(names.to_vec(), true));
        ui.close();
    }
    if ui.button("Hide").clicked() {
        commands.push(Command::SetVisibleMany(names.to_vec(), false));
        ui.close();
    }
    if ui.button("Remove…").clicked() {
        *confirm = Some(RemoveConfirm {
            what: format!("the {} selected series", names.len()),
            names: names.to_vec(),
        });
        ui.close();
    }
    equal_weight_button(ui, "Equal-weight index of these series…", names, commands);
}

/// The entry that opens the derived-series dialog for an equal-weight index of `names`
/// (enabled for two series or more).
pub(super) fn equal_weight_button(
    ui: &mut egui::Ui,
    label: &str,
    names: &[String],
    commands: &mut Vec<Command>,
) {
    if ui
        .add_enabled(names.len() >= 2, egui::Button::new(label))
        .on_hover_text(crate::derive::COMPOSITE)
        .on_disabled_hover_text("An index needs two series or more")
        .clicked()
    {
        commands.push(Command::EqualWeightDialog(names.to_vec()));
        ui.close();
    }
}

/// The line above the list: with several series selected, how many and what can be done to
/// them; else how to select several. It keeps its height either way, so the list never moves
/// under the pointer when a selection starts.
pub(super) fn bar(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    selection: &mut Selection,
    confirm: &mut Option<RemoveConfirm>,
    commands: &mut Vec<Command>,
) {
    let names = selection.names_in(workspace);
    ui.horizontal(|ui| {
        ui.set_min_height(ui.spacing().interact_size.y + 2.0);
        if names.len() < 2 {
            ui.weak("Ctrl+click or Shift+click names to select several");
            return;
        }
        ui.label(egui::RichText::new(format!("{} selected", names.len())).strong());
        ui.menu_button("Selection ⏷", |ui| {
            actions_menu(ui, &names, confirm, commands);
        });
        if ui
            .small_button("Clear")
            .on_hover_text("Select nothing")
            .clicked()
        {
            selection.clear();
        }
    });
}

/// The confirmation asked before removing several series; Remove sends the command (which asks
/// in turn about derived series built on them).
pub(super) fn confirm_window(
    ctx: &egui::Context,
    confirm: &mut Option<RemoveConfirm>,
    commands: &mut Vec<Command>,
) {
    let Some(asked) = confirm.as_ref() else {
        return;
    };
    let mut answer = None;
    egui::Window::new("Remove series?")
        .id(egui::Id::unique("data-panel-remove-confirm"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(format!("Remove {}?", asked.what));
            ui.weak("Ctrl+Z brings them back.");
            ui.horizontal(|ui| {
                let remove = if asked.names.len() == 1 {
                    "Remove it"
                } else {
                    "Remove them"
                };
                if ui.button(remove).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        answer = Some(false);
    }
    match answer {
        Some(true) => {
            commands.push(Command::RemoveMany(asked.names.clone()));
            *confirm = None;
        }
        Some(false) => *confirm = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Vec<String> {
        ["A", "B", "C", "D", "E"]
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const CTRL: egui::Modifiers = egui::Modifiers::CTRL;
    const SHIFT: egui::Modifiers = egui::Modifiers::SHIFT;
    const NONE: egui::Modifiers = egui::Modifiers::NONE;

    #[test]
    fn a_click_selects_one_and_ctrl_adds_or_takes_away() {
        let mut selection = Selection::default();
        selection.click("B", NONE, &order());
        selection.click("D", CTRL, &order());
        assert_eq!(selection.names, vec!["B", "D"]);
        selection.click("B", CTRL, &order());
        assert_eq!(selection.names, vec!["D"]);
        selection.click("A", NONE, &order());
        assert_eq!(selection.names, vec!["A"]);
        // A second click on the only selected series selects nothing.
        selection.click("A", NONE, &order());
        assert!(selection.is_empty());
    }

    #[test]
    fn shift_selects_the_run_from_the_last_click_in_either_direction() {
        let mut selection = Selection::default();
        selection.click("D", NONE, &order());
        selection.click("B", SHIFT, &order());
        assert_eq!(selection.names, vec!["D", "B", "C"]);
        selection.click("E", CTRL, &order());
        selection.click("C", SHIFT, &order());
        assert_eq!(selection.len(), 4);
        assert!(!selection.contains("A"));
        // Without an anchor Shift selects the one clicked.
        let mut fresh = Selection::default();
        fresh.click("C", SHIFT, &order());
        assert_eq!(fresh.names, vec!["C"]);
    }
}
