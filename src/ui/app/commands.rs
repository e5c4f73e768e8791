//! Applying the commands the UI emitted this frame: each command names what it changes, and the
//! edits of the workspace go through its history so Ctrl+Z undoes them.

use std::sync::Arc;

use eframe::egui;

use super::{RotationLensApp, names_label};
use crate::derive::{DerivedDefinition, ReturnBasis};
use crate::model::SeriesKind;
use crate::settings::ThemeChoice;
use crate::ui::command::Command;
use crate::ui::export_dialog::ExportKind;
use crate::ui::file_dialog::DialogPurpose;
use crate::ui::notifications::Level;
use crate::workspace::{Focus, SpreadDefinition};

impl RotationLensApp {
    /// Applies one command.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::NewWorkspace => self.new_workspace(),
            Command::OpenWorkspaceDialog => self.open_dialog(DialogPurpose::OpenWorkspace),
            Command::OpenWorkspace(path) => self.open_workspace(&path),
            Command::Save => self.save_now(true),
            Command::SaveAsDialog => self.open_dialog(DialogPurpose::SaveWorkspaceAs),
            Command::ImportDialog => self.open_dialog(DialogPurpose::ImportFiles),
            Command::ImportFiles(paths) => self.import_files(paths),
            Command::ExportChartPngDialog => self.open_export_dialog(ExportKind::Chart),
            Command::ExportReportDialog => self.open_export_dialog(ExportKind::Report),
            Command::ExportChart(request) => self.export_chart(&request),
            Command::ExportReport(path, title) => self.export_report(&path, title.as_deref()),
            Command::ExportChartCsvDialog => self.open_dialog(DialogPurpose::ExportChartCsv),
            Command::ExportMetricsCsvDialog => self.open_dialog(DialogPurpose::ExportMetricsCsv),
            Command::UseChosenPaths(purpose, paths) => {
                self.pending_dialog = None;
                self.dialog_answered(purpose, paths);
            }
            Command::BrowseForExport(purpose, current) => {
                self.browse_for_export(purpose, &current);
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::SetTheme(theme) => self.set_theme(theme),
            Command::Quit => {
                if self.may_close() {
                    self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::SetVisible(name, visible) => self.set_visible(&name, visible),
            Command::SetColor(name, color) => self.set_color(&name, color),
            Command::Rename(old, new) => self.rename(&old, &new),
            Command::SetKind(name, kind) => self.set_kind(&name, kind),
            Command::Remove(name) => self.remove_series(vec![name]),
            Command::RemoveMany(names) => self.remove_series(names),
            Command::Reimport(name) => self.reimport(&name),
            Command::SetChart(settings) => {
                self.workspace.chart = settings;
                self.note_change();
            }
            Command::SetLayout(layout) => {
                if self.workspace.layout != layout {
                    self.workspace.layout = layout;
                    self.note_change();
                }
            }
            Command::SetMetricsTable(table) => {
                if self.workspace.metrics_table != table {
                    self.workspace.metrics_table = table;
                    self.note_change();
                }
            }
            Command::SetAsOf(date) => {
                self.workspace.as_of = date;
                self.note_change();
            }
            Command::SetImportWithoutPreview(on) => self.set_import_without_preview(on),
            Command::AddSpread(spread) => self.add_spread(spread),
            Command::RemoveSpread(index) => self.remove_spread(index),
            Command::Focus(focus) => self.focus(&focus),
            Command::NewDerivedDialog => self.derive_dialog.open = true,
            Command::AddDerived(definition) => self.add_derived(definition),
            Command::SetReturnBasis(name, basis) => self.set_return_basis(&name, basis),
            Command::RemoveWithDependents(names) => self.remove_with_dependents(&names),
            Command::RemoveKeepingDependents(names) => self.remove_keeping_dependents(&names),
            Command::SetVisibleMany(names, visible) => self.set_visible_many(&names, visible),
            Command::SetGroupFolded(id, folded) => {
                if self.workspace.set_group_folded(&id, folded) {
                    self.note_change();
                }
            }
            Command::EqualWeightDialog(names) => self.derive_dialog.open_equal_weight(names),
            Command::OpenBackup => self.open_backup(),
            // Closing the window keeps saving off for the unreadable file.
            Command::DismissProblem => self.problem = None,
        }
    }

    fn set_import_without_preview(&mut self, on: bool) {
        if self.settings.import_without_preview != on {
            self.settings.import_without_preview = on;
            self.save_settings();
        }
    }

    fn undo(&mut self) {
        match self.document.history.undo(&mut self.workspace) {
            Some(label) => {
                self.changed();
                self.notifications
                    .push(Level::Info, format!("Undone: {label}"));
            }
            None => self.notifications.push(Level::Info, "Nothing to undo"),
        }
    }

    fn redo(&mut self) {
        match self.document.history.redo(&mut self.workspace) {
            Some(label) => {
                self.changed();
                self.notifications
                    .push(Level::Info, format!("Redone: {label}"));
            }
            None => self.notifications.push(Level::Info, "Nothing to redo"),
        }
    }

    fn set_theme(&mut self, theme: ThemeChoice) {
        self.settings.theme = theme;
        self.apply_theme();
        self.save_settings();
    }

    fn set_visible(&mut self, name: &str, visible: bool) {
        let Some(index) = self.workspace.position_of(name) else {
            return;
        };
        let verb = if visible { "Show" } else { "Hide" };
        self.document
            .history
            .edit(format!("{verb} {name}"), &mut self.workspace, |ws| {
                ws.series[index].visible = visible;
            });
        // The metrics cover every series; the findings follow the shown ones (the analysis' key
        // holds which are shown).
        self.note_change();
    }

    fn set_color(&mut self, name: &str, color: [u8; 3]) {
        let Some(index) = self.workspace.position_of(name) else {
            return;
        };
        // A drag in the colour picker sends a colour each frame: one undo step.
        self.document.history.edit_merging(
            format!("Colour of {name}"),
            &mut self.workspace,
            |ws| {
                ws.series[index].color = color;
            },
        );
        self.note_change();
    }

    fn rename(&mut self, old: &str, new: &str) {
        if self.workspace.series_named(new).is_some() {
            self.notifications.push(
                Level::Warning,
                format!("There is already a series named {new}"),
            );
        } else {
            self.edit(format!("Rename {old}"), |ws| {
                ws.rename_series(old, new);
            });
        }
    }

    fn set_kind(&mut self, name: &str, kind: SeriesKind) {
        if let Some(index) = self.workspace.position_of(name) {
            self.edit(format!("Kind of {name}"), |ws| {
                Arc::make_mut(&mut ws.series[index].series).kind = kind;
            });
        }
    }

    fn add_spread(&mut self, spread: SpreadDefinition) {
        let label = format!("Add spread {}", spread.display_name());
        // The new pair opens on the Spread tab (undo puts the chart back too).
        self.document
            .history
            .edit_with_view(label, &mut self.workspace, |ws| {
                ws.add_spread_and_show(spread);
            });
        self.chart_view.reset_zoom();
        self.changed();
    }

    fn remove_spread(&mut self, index: usize) {
        let Some(spread) = self.workspace.spreads.get(index) else {
            return;
        };
        let label = format!("Remove spread {}", spread.display_name());
        self.edit(label, |ws| {
            ws.spreads.remove(index);
        });
    }

    fn focus(&mut self, focus: &Focus) {
        // Undo puts back the tab, range and visibility from before the click.
        self.document
            .history
            .edit_with_view("Show finding", &mut self.workspace, |ws| {
                ws.show_focus(focus);
            });
        // A finding's range may equal the one already chosen while the user has zoomed away
        // from it: show the finding's dates either way.
        self.chart_view.reset_zoom();
        self.note_change();
    }

    fn add_derived(&mut self, definition: DerivedDefinition) {
        let label = format!("New derived series {}", definition.name);
        let before = self.workspace.clone();
        match self.workspace.add_derived(definition) {
            Ok(name) => {
                self.document.history.record(label, before);
                self.changed();
                self.notifications
                    .push(Level::Success, format!("Added {name}"));
            }
            Err(error) => self.notifications.push(Level::Error, error.to_string()),
        }
    }

    fn set_return_basis(&mut self, name: &str, basis: ReturnBasis) {
        if self.workspace.return_basis(name) != basis {
            self.edit(format!("Return basis of {name}"), |ws| {
                ws.set_return_basis(name, basis);
            });
        }
    }

    fn remove_with_dependents(&mut self, names: &[String]) {
        let mut removed = Vec::new();
        self.edit(format!("Remove {}", names_label(names)), |ws| {
            removed = ws.remove_all_with_dependents(names);
        });
        self.notifications.push(
            Level::Info,
            format!(
                "Removed {} — Ctrl+Z brings them back",
                names_label(&removed)
            ),
        );
    }

    fn remove_keeping_dependents(&mut self, names: &[String]) {
        self.edit(format!("Remove {}", names_label(names)), |ws| {
            ws.remove_all_keeping_dependents(names);
        });
        self.notifications.push(
            Level::Info,
            format!(
                "Removed {}; the series built on them keep their values",
                names_label(names)
            ),
        );
    }

    fn set_visible_many(&mut self, names: &[String], visible: bool) {
        let verb = if visible { "Show" } else { "Hide" };
        let label = format!("{verb} {}", names_label(names));
        self.document
            .history
            .edit(label, &mut self.workspace, |ws| {
                ws.set_visible_all(names, visible);
            });
        self.note_change();
    }
}
