//! A group's header in the Data panel: fold button, a tick that shows or hides the whole group,
//! its name and how many of its series are shown, and its menu (also on right-click): Show all,
//! Hide all, an equal-weight index of the group and Remove group… (confirmed first). It emits
//! commands.

use eframe::egui;

use crate::workspace::{SeriesGroup, Workspace};

use super::super::accessible;
use super::super::command::Command;
use super::selection::{self, RemoveConfirm};

/// Shows the header of `group`; `folded` is whether its series are out of the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    group: &SeriesGroup,
    folded: bool,
    confirm: &mut Option<RemoveConfirm>,
    commands: &mut Vec<Command>,
) {
    let names = group.names(workspace);
    ui.horizontal(|ui| {
        let (arrow, verb) = if folded {
            ("⏵", "Unfold")
        } else {
            ("⏷", "Fold")
        };
        let fold = ui
            .add(egui::Button::new(arrow).small().frame(false))
            .on_hover_text(format!("{verb} the group"));
        accessible::name(
            &fold,
            egui::Role::Button,
            &format!("{verb} {}", group.label),
        );
        if fold.clicked() {
            commands.push(Command::SetGroupFolded(group.key.id(), !folded));
        }
        let all_shown = group.shown == group.total();
        let mut tick = all_shown;
        let checkbox = ui
            .add(
                egui::Checkbox::without_text(&mut tick)
                    .indeterminate(group.shown > 0 && !all_shown),
            )
            .on_hover_text("Show or hide every series of the group");
        accessible::name(
            &checkbox,
            egui::Role::CheckBox,
            &format!("Show all of {}", group.label),
        );
        if checkbox.clicked() {
            commands.push(Command::SetVisibleMany(names.clone(), !all_shown));
        }
        // Room is kept at the right for the count and the menu.
        let room = (ui.available_width() - 140.0).max(40.0);
        let title = ui
            .scope(|ui| {
                ui.set_max_width(room);
                ui.add(
                    egui::Label::new(egui::RichText::new(&group.label).strong())
                        .truncate()
                        .sense(egui::Sense::click()),
                )
            })
            .inner
            .on_hover_text(group_tooltip(group));
        accessible::name(&title, egui::Role::Label, &format!("Group {}", group.label));
        if title.clicked() {
            commands.push(Command::SetGroupFolded(group.key.id(), !folded));
        }
        title.context_menu(|ui| group_menu(ui, group, &names, confirm, commands));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let menu = ui
                .menu_button("☰", |ui| group_menu(ui, group, &names, confirm, commands))
                .response;
            accessible::name(
                &menu,
                egui::Role::Button,
                &format!("Actions on {}", group.label),
            );
            ui.weak(group.shown_text());
        });
    });
}

/// The group's actions.
fn group_menu(
    ui: &mut egui::Ui,
    group: &SeriesGroup,
    names: &[String],
    confirm: &mut Option<RemoveConfirm>,
    commands: &mut Vec<Command>,
) {
    if ui.button("Show all").clicked() {
        commands.push(Command::SetVisibleMany(names.to_vec(), true));
        ui.close();
    }
    if ui.button("Hide all").clicked() {
        commands.push(Command::SetVisibleMany(names.to_vec(), false));
        ui.close();
    }
    selection::equal_weight_button(ui, "Equal-weight index of this group…", names, commands);
    ui.separator();
    if ui.button("Remove group…").clicked() {
        *confirm = Some(RemoveConfirm {
            what: format!("the {} series of {}", names.len(), group.label),
            names: names.to_vec(),
        });
        ui.close();
    }
}

fn group_tooltip(group: &SeriesGroup) -> String {
    let what = match &group.key {
        crate::workspace::GroupKey::File(path) => format!("Imported from {}", path.display()),
        crate::workspace::GroupKey::Derived => "Series derived from others".to_string(),
        crate::workspace::GroupKey::Other => "Series that came from no file".to_string(),
    };
    format!(
        "{what}: {} series, {}. Click to fold or unfold; right-click for its actions.",
        group.total(),
        group.shown_text()
    )
}
