//! The data panel: the buttons to import and to make a derived series, the typed-path import
//! field, the search box, the series grouped by source file in a virtualised list (see the
//! submodules for each part), the selection's actions, and the spread definitions. It reads the
//! workspace and emits commands.

mod group_header;
mod list;
mod search;
mod selection;
mod series_row;
mod spreads;
mod typed_import;

use eframe::egui;

use crate::workspace::Workspace;

use super::command::Command;

pub use selection::{RemoveConfirm, Selection};

/// What the panel remembers between frames.
#[derive(Debug, Default)]
pub struct DataPanelState {
    /// The series being renamed and the name typed so far.
    renaming: Option<(String, String)>,
    /// The rename field has yet to take the keyboard focus (once: asking every frame would
    /// take it back from Enter or a click elsewhere, which end the rename).
    rename_focus_pending: bool,
    /// The path typed into the import field.
    typed_import: typed_import::TypedImport,
    /// The pair chosen for a new spread.
    new_spread: (String, String),
    /// The search typed above the series.
    pub search: String,
    /// The series selected.
    pub selection: Selection,
    /// Series waiting for the user to confirm their removal.
    pub confirm_remove: Option<RemoveConfirm>,
}

impl DataPanelState {
    /// Starts renaming the named series.
    fn start_rename(&mut self, name: &str) {
        self.renaming = Some((name.to_string(), name.to_string()));
        self.rename_focus_pending = true;
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
    typed_import::show(ui, &mut state.typed_import, commands);
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
    series_section(ui, workspace, state, commands);
    ui.separator();
    spreads::show(ui, workspace, &mut state.new_spread, commands);
    selection::confirm_window(ui.ctx(), &mut state.confirm_remove, commands);
}

/// The search box, the selection's bar and the list of groups and series.
fn series_section(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) {
    state.selection.retain_existing(workspace);
    let list = workspace.series_list(&state.search);
    search::show(ui, &mut state.search, &list.count_text());
    selection::bar(
        ui,
        workspace,
        &mut state.selection,
        &mut state.confirm_remove,
        commands,
    );
    if list.rows.is_empty() {
        ui.weak(format!(
            "No series name contains “{}”.",
            state.search.trim()
        ));
    }
    let max_height = ui.available_height() * 0.65;
    list::show(ui, workspace, &list, state, commands, max_height);
}
