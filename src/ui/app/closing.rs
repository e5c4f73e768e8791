//! Closing the window: what is unsaved is saved first; when this window cannot save (another
//! window has the workspace open, or its file could not be read), closing asks before the
//! changes are lost.

use eframe::egui;

use super::RotationLensApp;
use crate::ui::command::Command;

/// Where a close stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Closing {
    /// No close asked for.
    #[default]
    Idle,
    /// A close was held back: the question about unsaved changes is on screen.
    Asking,
    /// The user chose to lose the unsaved changes: the next close goes through.
    Confirmed,
}

impl RotationLensApp {
    /// Whether the window may close now. Saves what is unsaved when it can; when it cannot and
    /// something would be lost, shows the question and says no.
    pub(super) fn may_close(&mut self) -> bool {
        let would_lose =
            !self.document.access().may_save() && self.document.autosave.has_unsaved_changes();
        // `--export-chart` closes by itself and asks nobody.
        if would_lose && self.closing != Closing::Confirmed && self.export_and_quit.is_none() {
            self.closing = Closing::Asking;
            return false;
        }
        self.save_if_needed();
        true
    }

    /// Whether the question about unsaved changes is on screen.
    #[must_use]
    pub fn is_asking_before_close(&self) -> bool {
        self.closing == Closing::Asking
    }

    /// The question about unsaved changes, when a close was held back.
    pub(super) fn close_question(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.closing != Closing::Asking {
            return;
        }
        let why = if self.document.access().holder().is_some() {
            "This window shows the workspace read-only: another Rotation Lens window has it open."
        } else {
            "The workspace file could not be opened, so nothing is saved over it."
        };
        let mut choice = None;
        egui::Window::new("Unsaved changes")
            .id(egui::Id::unique("close-question"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(why);
                ui.label("The changes made in this window are not saved anywhere yet.");
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button("Save As…").clicked() {
                        choice = Some(Closing::Idle);
                        commands.push(Command::SaveAsDialog);
                    }
                    if ui.button("Close without saving").clicked() {
                        choice = Some(Closing::Confirmed);
                    }
                    if ui.button("Keep working").clicked() {
                        choice = Some(Closing::Idle);
                    }
                });
            });
        match choice {
            Some(Closing::Confirmed) => {
                self.closing = Closing::Confirmed;
                log::info!("closing without saving the changes");
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(other) => self.closing = other,
            None => {}
        }
    }
}
