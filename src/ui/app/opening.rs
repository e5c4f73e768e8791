//! The app while a workspace is read in the background — the one it starts on, or one chosen
//! with File, Open: a screen naming the file with the progress (bytes read of the file's size,
//! then the series decoded), and taking over the result when the worker is done — the opened
//! file, the first-run demo, or the problem dialog.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::workspace::{
    OpenPurpose, Startup, StartupKind, StartupOpen, StartupOpening, Workspace, begin_open,
};

use super::super::import_wizard::human_bytes;
use super::super::notifications::Level;
use super::{OpenProblem, RotationLensApp};

/// How often the progress is redrawn while the file is read.
const PROGRESS_REFRESH: std::time::Duration = std::time::Duration::from_millis(50);

impl RotationLensApp {
    /// Takes over the workspace being opened when the worker has read it.
    pub(super) fn poll_opening(&mut self) {
        let Some(opening) = self.opening.take() else {
            return;
        };
        match opening.try_finish() {
            Some(opened) => self.opened(opening.purpose(), opened),
            None => self.opening = Some(opening),
        }
    }

    /// Blocks until the workspace being opened is open (read in the background or not) and
    /// shows it from the next frame on. Benchmarks and tests use it to start from an open
    /// workspace.
    pub fn wait_until_open(&mut self) {
        if let Some(opening) = self.opening.take() {
            let purpose = opening.purpose();
            self.opened(purpose, opening.wait());
        }
    }

    fn opened(&mut self, purpose: OpenPurpose, opened: Startup) {
        match purpose {
            OpenPurpose::Startup { .. } => self.startup_finished(opened),
            OpenPurpose::Chosen => self.chosen_workspace_opened(opened),
        }
    }

    /// Opens the workspace at `path` the user chose: large files are read on a worker thread
    /// while the window shows the progress; the current workspace is saved first and stays
    /// when the file cannot be opened.
    pub(super) fn open_workspace(&mut self, path: &Path) {
        self.finish_saves_of(path);
        self.save_if_needed();
        let ctx = self.ctx.clone();
        match begin_open(path, OpenPurpose::Chosen, move || ctx.request_repaint()) {
            StartupOpen::Ready(opened) => self.chosen_workspace_opened(*opened),
            StartupOpen::Opening(opening) => self.opening = Some(opening),
        }
    }

    /// Shows the workspace the user chose once read, or says why it could not be opened.
    pub(super) fn chosen_workspace_opened(&mut self, opened: Startup) {
        let path = opened.path;
        match opened.kind {
            StartupKind::Opened => {
                self.show_workspace(opened.workspace, path.clone(), true, true);
                self.document.autosave.mark_saved();
                self.settings.note_recent(&path);
                self.save_settings();
                log::info!("opened workspace {}", path.display());
                self.notifications
                    .push(Level::Success, format!("Opened {}", path.display()));
            }
            StartupKind::Failed(error) => {
                log::error!("cannot open {}: {error}", path.display());
                self.problem = Some(OpenProblem {
                    path,
                    message: error.to_string(),
                    recoverable: error.offers_backup_recovery(),
                });
            }
            // Only a startup open makes these; a chosen file either opens or fails.
            StartupKind::FirstRunDemo | StartupKind::NewFile => {}
        }
        self.ctx.request_repaint();
    }

    /// Shows `workspace`, kept in the file at `path` (`on_disk`: the file exists already): the
    /// undo history starts afresh, no problem is shown, and the right to save `path` is claimed
    /// (read-only, and the user told, when another window has it open; never saved over when it
    /// could not be `readable`).
    pub(super) fn show_workspace(
        &mut self,
        workspace: Workspace,
        path: PathBuf,
        on_disk: bool,
        readable: bool,
    ) {
        self.workspace = workspace;
        if let Some(holder) = self.document.show(path, on_disk, readable) {
            let path = self.document.path().to_path_buf();
            self.report_read_only(&path, &holder);
        }
        self.problem = None;
        self.revision += 1;
    }

    /// Shows the startup workspace: the file's, the demo's, or an empty one with the problem.
    pub(super) fn startup_finished(&mut self, startup: Startup) {
        let readable = startup.may_save();
        let on_disk = matches!(startup.kind, StartupKind::Opened);
        self.show_workspace(startup.workspace, startup.path, on_disk, readable);
        match startup.kind {
            StartupKind::Opened => {
                log::info!("opened workspace {}", self.document.path().display());
                self.settings.note_recent(self.document.path());
            }
            StartupKind::FirstRunDemo => {
                self.notifications.push(
                    Level::Info,
                    "Welcome! This demo shows Shiller's S&P data since 1871. Import your own files, or start empty with File, New workspace.",
                );
            }
            StartupKind::NewFile => {}
            StartupKind::Failed(error) => {
                log::error!("cannot open workspace: {error}");
                self.problem = Some(OpenProblem {
                    path: self.document.path().to_path_buf(),
                    message: error.to_string(),
                    recoverable: error.offers_backup_recovery(),
                });
            }
        }
        self.ctx.request_repaint();
    }
}

/// The whole window while the workspace is read: which file, and how far.
pub(super) fn show(ui: &mut egui::Ui, opening: &StartupOpening) {
    let status = opening.status();
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.35);
            ui.heading(format!("Opening {}", opening.path().display()));
            ui.add_space(8.0);
            let (fraction, text) = if status.decoding {
                let fraction = status.decode_fraction();
                (
                    fraction,
                    format!("Decoding the series: {:.0}%", fraction * 100.0),
                )
            } else {
                (
                    status.fraction(),
                    format!(
                        "{} of {}",
                        human_bytes(status.bytes_read),
                        human_bytes(status.bytes_total)
                    ),
                )
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(360.0)
                    .text(text),
            );
        });
    });
    ui.ctx().request_repaint_after(PROGRESS_REFRESH);
}
