//! The data panel: the workspace's series with colour, visibility, name, kind, return basis and
//! source (derived series marked, with their definition), the buttons to import, re-import,
//! remove and make a derived series, the typed-path import field, and the spread definitions. It reads the workspace and emits commands.

use std::path::PathBuf;

use eframe::egui;

use crate::derive::ReturnBasis;
use crate::file_listing::{Resolved, resolve_open};
use crate::model::SeriesKind;
use crate::typed_path::home_folder;
use crate::workspace::{SpreadDefinition, Workspace, WorkspaceSeries};

use super::accessible;
use super::command::Command;

/// What the panel remembers between frames.
#[derive(Debug, Default)]
pub struct DataPanelState {
    /// The series being renamed and the name typed so far.
    renaming: Option<(String, String)>,
    /// The rename field has yet to take the keyboard focus (once: asking every frame would
    /// take it back from Enter or a click elsewhere, which end the rename).
    rename_focus_pending: bool,
    /// The path typed into the import field.
    typed_path: String,
    /// Why the typed path could not be imported (the text is kept).
    typed_problem: Option<String>,
    /// The pair chosen for a new spread.
    new_spread: (String, String),
}

/// Imports the typed path (`~` expanded, a relative path taken from the home folder) when it
/// names a file; otherwise says why and keeps the text.
fn import_typed_path(state: &mut DataPanelState, commands: &mut Vec<Command>) {
    let home = home_folder();
    let base = home.clone().unwrap_or_else(|| PathBuf::from("."));
    match resolve_open(&state.typed_path, home.as_deref(), &base) {
        Ok(Resolved::File(path)) => {
            commands.push(Command::ImportFiles(vec![path]));
            state.typed_path.clear();
            state.typed_problem = None;
        }
        Ok(Resolved::Folder(folder) | Resolved::Replace(folder)) => {
            state.typed_problem = Some(format!(
                "{} is a folder: type a file in it, or use Import files…",
                folder.display()
            ));
        }
        Err(problem) => state.typed_problem = Some(problem.to_string()),
    }
}

/// Shows the panel.
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Data");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Import files…")
                .on_hover_text("Choose CSV, TXT or TSV price files (Ctrl+O)")
                .clicked()
            {
                commands.push(Command::ImportDialog);
            }
            if !workspace.series.is_empty()
                && ui
                    .button("New derived…")
                    .on_hover_text(
                        "A total return from dividends, a series in another currency, a \
                         composite or an equal-weight index of these series",
                    )
                    .clicked()
            {
                commands.push(Command::NewDerivedDialog);
            }
        });
    });
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.typed_path)
                .hint_text("or type a file path")
                .desired_width(ui.available_width() - 96.0),
        );
        accessible::name(&field, egui::Role::TextInput, "File path to import");
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if field.changed() {
            state.typed_problem = None;
        }
        let typed = state.typed_path.trim().to_string();
        if (ui
            .add_enabled(!typed.is_empty(), egui::Button::new("Import path"))
            .clicked()
            || entered)
            && !typed.is_empty()
        {
            import_typed_path(state, commands);
        }
    });
    if let Some(problem) = &state.typed_problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    ui.separator();
    if workspace.series.is_empty() {
        ui.add_space(12.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("No series yet").strong());
            ui.label(
                "Drag and drop price files (CSV, TXT, TSV) from Yahoo Finance, Stooq, FRED, Investing.com, \
                 Nasdaq.com or a spreadsheet onto this window, or click Import files…",
            );
        });
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("series-list")
        .auto_shrink([false, true])
        .max_height(ui.available_height() * 0.65)
        .show(ui, |ui| {
            for entry in &workspace.series {
                series_row(ui, workspace, entry, state, commands);
            }
        });
    ui.separator();
    spreads_section(ui, workspace, state, commands);
}

fn series_row(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    entry: &WorkspaceSeries,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) {
    let name = entry.name().to_string();
    ui.horizontal(|ui| {
        let mut color = entry.color;
        let swatch = ui
            .color_edit_button_srgb(&mut color)
            .on_hover_text("Line colour");
        accessible::name(&swatch, egui::Role::ColorWell, &format!("Colour of {name}"));
        if swatch.changed() {
            commands.push(Command::SetColor(name.clone(), color));
        }
        let mut visible = entry.visible;
        if ui
            .checkbox(&mut visible, "")
            .on_hover_text("Show on the chart")
            .changed()
        {
            commands.push(Command::SetVisible(name.clone(), visible));
        }
        let renaming_this = state.renaming.as_ref().is_some_and(|(old, _)| *old == name);
        if renaming_this {
            if let Some((_, typed)) = &mut state.renaming {
                let field = ui.add(egui::TextEdit::singleline(typed).desired_width(140.0));
                if std::mem::take(&mut state.rename_focus_pending) {
                    field.request_focus();
                }
                let done = field.lost_focus();
                let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
                if done || cancelled {
                    let typed = typed.trim().to_string();
                    if done && !cancelled && !typed.is_empty() && typed != name {
                        commands.push(Command::Rename(name.clone(), typed));
                    }
                    state.renaming = None;
                }
            }
        } else {
            let definition = workspace.derived_definition(&name);
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
            let label = ui
                .add(
                    egui::Label::new(egui::RichText::new(&name).strong())
                        .sense(egui::Sense::click()),
                )
                .on_hover_ui(|ui| {
                    if let Some(definition) = definition {
                        ui.label(format!("Derived: {definition}"));
                        ui.label(definition.derivation.definition());
                        ui.label("Recomputed whenever an input changes.");
                    }
                    source_tooltip(ui, entry);
                });
            if label.double_clicked() {
                state.renaming = Some((name.clone(), name.clone()));
                state.rename_focus_pending = true;
            }
            label.context_menu(|ui| {
                if ui.button("Rename").clicked() {
                    state.renaming = Some((name.clone(), name.clone()));
                    state.rename_focus_pending = true;
                    ui.close();
                }
            });
        }
        // The return basis, at the right of the name's line.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if entry.series.kind == SeriesKind::Price {
                let current = workspace.return_basis(&name);
                let mut basis = current;
                let combo = egui::ComboBox::from_id_salt(("basis", &name))
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
                    commands.push(Command::SetReturnBasis(name.clone(), basis));
                }
            }
        });
    });
    // The second line: what it measures, where it came from, and the actions.
    ui.horizontal(|ui| {
        ui.add_space(28.0);
        let mut kind = entry.series.kind;
        let combo = egui::ComboBox::from_id_salt(("kind", &name))
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
            commands.push(Command::SetKind(name.clone(), kind));
        }
        ui.weak(format!("{} obs", entry.series.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Remove")
                .on_hover_text("Remove the series (Ctrl+Z brings it back)")
                .clicked()
            {
                commands.push(Command::Remove(name.clone()));
            }
            if entry.series.source.path.is_some()
                && ui
                    .small_button("Re-import")
                    .on_hover_text(
                        "Read the source file again: new dates are added, changed values replaced",
                    )
                    .clicked()
            {
                commands.push(Command::Reimport(name.clone()));
            }
        });
    });
    ui.add_space(2.0);
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
    ui.label("Double-click the name to rename.");
}

fn spreads_section(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut DataPanelState,
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
    let (a, b) = &mut state.new_spread;
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
