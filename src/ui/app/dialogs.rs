//! The app's file dialogs: every open, save and export asks through the system's file chooser
//! when there is one and, at the same time, shows the app's own file browser, so a click never
//! does nothing. The rules:
//! - when the system has no chooser (no display, or on Linux neither the desktop portal's bus
//!   nor `zenity`), only the own browser is shown;
//! - otherwise the system's chooser opens on a worker thread and the own browser is shown too,
//!   saying so; a chooser that answers "nothing" within [`NATIVE_GRACE`] did not really open
//!   (it failed), and the own browser stays; a later "nothing" is the user's Cancel and closes
//!   both; a file chosen there is used and the browser closes;
//! - once the user chooses in the own browser, a late answer of the system's chooser is ignored.
//!
//! The folder used is remembered per kind of file in the settings.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::file_listing::start_folder;
use crate::paths::WORKSPACE_EXTENSION;
use crate::typed_path::with_default_extension;

use super::super::command::Command;
use super::super::file_browser::{BrowserAction, FileBrowser};
use super::super::file_dialog::DialogPurpose;
use super::{RotationLensApp, file_safe};

/// How soon an empty answer of the system's chooser means it could not open.
pub(super) const NATIVE_GRACE: Duration = Duration::from_millis(1500);

/// A file dialog that has been opened and not answered yet.
pub(super) struct PendingDialog {
    browser: FileBrowser,
    opened_at: Instant,
    /// Whether the system's chooser was asked too and has not answered.
    native_open: bool,
}

impl PendingDialog {
    /// What it is for.
    pub(super) fn purpose(&self) -> DialogPurpose {
        self.browser.purpose()
    }
}

impl RotationLensApp {
    /// The name a save suggests for `purpose`.
    fn suggested_name(&self, purpose: DialogPurpose) -> String {
        let name = file_safe(&self.workspace.name);
        match purpose {
            DialogPurpose::SaveWorkspaceAs => format!("{name}.{WORKSPACE_EXTENSION}"),
            DialogPurpose::ExportChartPicture => format!("{name} chart.png"),
            DialogPurpose::ExportReport => format!("{name} report.html"),
            DialogPurpose::ExportChartCsv => format!("{name} chart data.csv"),
            DialogPurpose::ExportMetricsCsv => format!("{name} metrics.csv"),
            DialogPurpose::ImportFiles | DialogPurpose::OpenWorkspace => String::new(),
        }
    }

    /// Opens the dialog for `purpose` in the folder last used for its kind of file.
    pub(super) fn open_dialog(&mut self, purpose: DialogPurpose) {
        let folder = start_folder(purpose.kind(), self.settings.last_folder(purpose.kind()));
        let name = self.suggested_name(purpose);
        self.open_dialog_at(purpose, folder, &name);
    }

    /// Opens the dialog for `purpose` in `folder`, suggesting `name` for a save.
    pub(super) fn open_dialog_at(&mut self, purpose: DialogPurpose, folder: PathBuf, name: &str) {
        let mut browser = FileBrowser::new(purpose, folder, name);
        let native_open = self.dialogs.available();
        if native_open {
            browser.set_note(Some(
                "The system's file chooser opens in its own window; you may also choose here."
                    .to_string(),
            ));
            let ctx = self.ctx.clone();
            self.dialogs.open(
                purpose,
                name,
                self.dialog_sender.clone(),
                Box::new(move || ctx.request_repaint()),
            );
            // The grace period ends with a frame, so a chooser that never answers is noticed.
            self.ctx.request_repaint_after(NATIVE_GRACE);
        }
        self.pending_dialog = Some(PendingDialog {
            browser,
            opened_at: Instant::now(),
            native_open,
        });
    }

    /// Takes the system choosers' answers (see the module's rules).
    pub(super) fn poll_dialogs(&mut self) {
        while let Ok(reply) = self.dialog_receiver.try_recv() {
            let Some(pending) = self
                .pending_dialog
                .as_mut()
                .filter(|p| p.native_open && p.purpose() == reply.purpose)
            else {
                continue;
            };
            pending.native_open = false;
            if !reply.paths.is_empty() {
                self.pending_dialog = None;
                self.dialog_answered(reply.purpose, reply.paths);
            } else if pending.opened_at.elapsed() < NATIVE_GRACE {
                pending.browser.set_note(None);
            } else {
                self.pending_dialog = None;
            }
        }
    }

    /// Draws the own file browser of the pending dialog.
    pub(super) fn show_pending_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(pending) = &mut self.pending_dialog else {
            return;
        };
        match pending.browser.show(ctx) {
            Some(BrowserAction::Chosen(paths)) => {
                commands.push(Command::UseChosenPaths(pending.purpose(), paths));
            }
            Some(BrowserAction::Cancel) => self.pending_dialog = None,
            None => {}
        }
    }

    /// Whether a file dialog is waiting for an answer.
    pub(super) fn dialog_pending(&self) -> bool {
        self.pending_dialog.is_some()
    }

    /// Uses the files chosen for `purpose` (nothing when none was) and remembers their folder.
    pub(super) fn dialog_answered(&mut self, purpose: DialogPurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        if let Some(folder) = first.parent().filter(|f| !f.as_os_str().is_empty()) {
            self.settings.remember_folder(purpose.kind(), folder);
            self.save_settings();
        }
        match purpose {
            DialogPurpose::ImportFiles => self.import_files(paths),
            DialogPurpose::OpenWorkspace => self.open_workspace(&first),
            DialogPurpose::SaveWorkspaceAs => {
                self.save_as(&with_default_extension(first, WORKSPACE_EXTENSION));
            }
            DialogPurpose::ExportChartPicture | DialogPurpose::ExportReport => {
                if let Some(dialog) = &mut self.export_dialog {
                    dialog.set_chosen_path(first);
                }
            }
            DialogPurpose::ExportChartCsv => {
                self.export_chart_csv(&with_default_extension(first, "csv"));
            }
            DialogPurpose::ExportMetricsCsv => {
                self.export_metrics_csv(&with_default_extension(first, "csv"));
            }
        }
    }

    /// Opens the file dialog for the Export chart or report dialog's path field, starting at
    /// the path it shows.
    pub(super) fn browse_for_export(&mut self, purpose: DialogPurpose, current: &Path) {
        let folder = current.parent().filter(|f| f.is_dir()).map_or_else(
            || start_folder(purpose.kind(), self.settings.last_folder(purpose.kind())),
            Path::to_path_buf,
        );
        let name = current.file_name().map_or_else(
            || self.suggested_name(purpose),
            |n| n.to_string_lossy().into_owned(),
        );
        self.open_dialog_at(purpose, folder, &name);
    }
}
