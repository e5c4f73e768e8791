//! One series in the Data panel: colour, show/hide tick, name (renamed in place, derived series
//! marked with their definition on hover), return basis, what it measures, its size, and
//! Re-import and Remove. A click on the name selects it (Ctrl and Shift add to the selection).
//! It reads the workspace and emits commands.

use eframe::egui;

use crate::derive::ReturnBasis;
use crate::model::SeriesKind;
use crate::workspace::{Workspace, WorkspaceSeries};

use super::super::accessible;
use super::super::command::Command;
use super::DataPanelState;
use super::selection;

/// What a click on a series' name asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NameClick {
    /// The modifiers held (Ctrl toggles, Shift extends the selection).
    pub modifiers: egui::Modifiers,
}

/// Shows the series' two lines. Returns the click on its name, if any.
pub(super) fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    entry: &WorkspaceSeries,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) -> Option<NameClick> {
    let name = entry.name().to_string();
    let mut click = None;
    ui.horizontal(|ui| {
        look_and_visibility(ui, entry, &name, commands);
        if state.renaming.as_ref().is_some_and(|(old, _)| *old == name) {
            rename_field(ui, state, &name, commands);
        } else {
            click = name_label(ui, workspace, entry, state, commands);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if entry.series.kind == SeriesKind::Price {
                basis_combo(ui, workspace, &name, commands);
            }
        });
    });
    // The second line: what it measures, where it came from, and the actions.
    ui.horizontal(|ui| {
        ui.add_space(28.0);
        details_line(ui, entry, &name, commands);
    });
    click
}

/// The colour button and the show/hide tick.
fn look_and_visibility(
    ui: &mut egui::Ui,
    entry: &WorkspaceSeries,
    name: &str,
    commands: &mut Vec<Command>,
) {
    let mut color = entry.color;
    let swatch = ui
        .color_edit_button_srgb(&mut color)
        .on_hover_text("Line colour");
    accessible::name(&swatch, egui::Role::ColorWell, &format!("Colour of {name}"));
    if swatch.changed() {
        commands.push(Command::SetColor(name.to_string(), color));
    }
    let mut visible = entry.visible;
    let tick = ui
        .checkbox(&mut visible, "")
        .on_hover_text("Show on the chart");
    if tick.changed() {
        commands.push(Command::SetVisible(name.to_string(), visible));
    }
}

/// The field a series is renamed in; Enter or a click elsewhere renames, Esc cancels.
fn rename_field(
    ui: &mut egui::Ui,
    state: &mut DataPanelState,
    name: &str,
    commands: &mut Vec<Command>,
) {
    let Some((_, typed)) = &mut state.renaming else {
        return;
    };
    let field = ui.add(egui::TextEdit::singleline(typed).desired_width(140.0));
    if std::mem::take(&mut state.rename_focus_pending) {
        field.request_focus();
    }
    let done = field.lost_focus();
    let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
    if done || cancelled {
        let typed = typed.trim().to_string();
        if done && !cancelled && !typed.is_empty() && typed != name {
            commands.push(Command::Rename(name.to_string(), typed));
        }
        state.renaming = None;
    }
}

/// The name (with the mark of a derived series), its tooltip and its context menu.
fn name_label(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    entry: &WorkspaceSeries,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) -> Option<NameClick> {
    let name = entry.name();
    let definition = workspace.derived_definition(name);
    if let Some(definition) = definition {
        let mark = ui
            .label(egui::RichText::new("ƒ").italics().strong())
            .on_hover_ui(|ui| {
                ui.label(egui::RichText::new(definition.to_string()).monospace());
                ui.label(definition.derivation.definition());
            });
        accessible::name(
            &mark,
            egui::Role::Label,
            &format!("{name} is derived: {definition}"),
        );
    }
    // Room is kept at the right for the return basis.
    let room = if entry.series.kind == SeriesKind::Price {
        (ui.available_width() - 112.0).max(40.0)
    } else {
        ui.available_width()
    };
    let label = ui
        .scope(|ui| {
            ui.set_max_width(room);
            ui.add(
                egui::Label::new(egui::RichText::new(name).strong())
                    .truncate()
                    .sense(egui::Sense::click()),
            )
        })
        .inner
        .on_hover_ui(|ui| {
            if let Some(definition) = definition {
                ui.label(format!("Derived: {definition}"));
                ui.label(definition.derivation.definition());
                ui.label("Recomputed whenever an input changes.");
            }
            source_tooltip(ui, entry);
        });
    if label.double_clicked() {
        state.start_rename(name);
    }
    let selected = state.selection.contains(name);
    label.context_menu(|ui| {
        if selected && state.selection.len() > 1 {
            let names = state.selection.names_in(workspace);
            selection::actions_menu(ui, &names, &mut state.confirm_remove, commands);
        } else if ui.button("Rename").clicked() {
            state.start_rename(name);
            ui.close();
        }
    });
    label.clicked().then(|| NameClick {
        modifiers: ui.input(|i| i.modifiers),
    })
}

/// The return basis of a price series.
fn basis_combo(ui: &mut egui::Ui, workspace: &Workspace, name: &str, commands: &mut Vec<Command>) {
    let current = workspace.return_basis(name);
    let mut basis = current;
    let combo = egui::ComboBox::from_id_salt(("basis", name))
        .width(96.0)
        .selected_text(basis_short_label(basis))
        .show_ui(ui, |ui| {
            for choice in ReturnBasis::ALL {
                ui.selectable_value(&mut basis, choice, choice.label());
            }
        });
    let combo = combo.response.on_hover_text(format!(
        "Return basis: {}. A chart or pair that compares a price return with a series \
         that includes dividends carries a note.",
        current.label()
    ));
    accessible::name(
        &combo,
        egui::Role::ComboBox,
        &format!("Return basis of {name}"),
    );
    if basis != current {
        commands.push(Command::SetReturnBasis(name.to_string(), basis));
    }
}

/// What the series measures, its size, and Re-import and Remove.
fn details_line(
    ui: &mut egui::Ui,
    entry: &WorkspaceSeries,
    name: &str,
    commands: &mut Vec<Command>,
) {
    let mut kind = entry.series.kind;
    let combo = egui::ComboBox::from_id_salt(("kind", name))
        .width(84.0)
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for choice in SeriesKind::ALL {
                ui.selectable_value(&mut kind, choice, choice.label());
            }
        });
    accessible::name(
        &combo.response,
        egui::Role::ComboBox,
        &format!("What {name} measures"),
    );
    if kind != entry.series.kind {
        commands.push(Command::SetKind(name.to_string(), kind));
    }
    ui.weak(format!("{} obs", entry.series.len()));
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .small_button("Remove")
            .on_hover_text("Remove the series (Ctrl+Z brings it back)")
            .clicked()
        {
            commands.push(Command::Remove(name.to_string()));
        }
        if entry.series.source.path.is_some()
            && ui
                .small_button("Re-import")
                .on_hover_text(
                    "Read the source file again: new dates are added, changed values replaced",
                )
                .clicked()
        {
            commands.push(Command::Reimport(name.to_string()));
        }
    });
}

/// A short label that fits the row.
fn basis_short_label(basis: ReturnBasis) -> &'static str {
    match basis {
        ReturnBasis::PriceReturn => "price",
        ReturnBasis::TotalReturnGross => "TR gross",
        ReturnBasis::TotalReturnNet => "TR net",
        ReturnBasis::Adjusted => "adj. close",
        ReturnBasis::Unknown => "basis?",
    }
}

fn source_tooltip(ui: &mut egui::Ui, entry: &WorkspaceSeries) {
    let series = &entry.series;
    let source = &series.source;
    if let Some(path) = &source.path {
        ui.label(format!("File: {}", path.display()));
    }
    if !source.format.is_empty() {
        ui.label(format!("Format: {}", source.format));
    }
    if !source.column.is_empty() {
        ui.label(format!("Column: {}", source.column));
    }
    if let (Some((first, _)), Some((last, value))) = (series.first(), series.last()) {
        ui.label(format!(
            "{} observations, {first} … {last} (last {value})",
            series.len()
        ));
    }
    ui.label("Click to select (Ctrl or Shift for several); double-click to rename.");
}
