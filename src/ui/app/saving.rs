//! The app's side of background saving: asking the saver for a save with what to do when it
//! finishes, telling the user about each result, and finishing every save before the app
//! closes. The workspace counts as saved from the moment a snapshot is handed over; a failed
//! save marks it unsaved again.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::analytics::Report;
use crate::workspace::FinishedSave;

use super::super::notifications::Level;
use super::RotationLensApp;

/// Why a save was asked for, which decides what its result changes.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum SavePurpose {
    /// Autosave, or saving before switching workspaces: only failures are reported.
    Autosave,
    /// The user asked to save: success is reported too.
    Explicit,
    /// Save as: the app moved to the new file; on failure it returns to the previous one.
    SaveAs {
        previous: PathBuf,
        previous_may_save: bool,
        previous_read_only: bool,
        previous_on_disk: bool,
    },
}

impl RotationLensApp {
    /// Hands a snapshot of the workspace, with its metrics, to the saver. Metrics computed for
    /// other data (just after File → New or opening a backup) are not saved with it.
    pub(super) fn request_save(&mut self, purpose: SavePurpose) {
        let key = self.analysis_key();
        self.workspace.last_metrics = self
            .analysis
            .as_ref()
            .filter(|cache| cache.key == key)
            .and_then(|cache| serde_json::to_value(Report::from(&cache.analysis)).ok());
        self.autosave.mark_saved();
        let id = self
            .saver
            .save(&self.workspace_path, self.workspace.clone());
        self.save_purposes.insert(id, purpose);
    }

    /// Reports the saves that finished since the last frame.
    pub(super) fn poll_saves(&mut self) {
        for finished in self.saver.take_finished() {
            self.save_finished(finished);
        }
    }

    /// Waits for any save of `path` (so opening it reads what was last saved).
    pub(super) fn finish_saves_of(&mut self, path: &Path) {
        if self.saver.is_saving(path) {
            for finished in self.saver.wait_idle() {
                self.save_finished(finished);
            }
        }
    }

    /// Closing: waits for the running save, then saves what is still unsaved and waits for that
    /// too, so nothing is lost.
    pub(super) fn finish_saving(&mut self) {
        for finished in self.saver.wait_idle() {
            self.save_finished(finished);
        }
        self.save_if_needed();
        for finished in self.saver.wait_idle() {
            self.save_finished(finished);
        }
    }

    /// A save put back the workspace file that was deleted (or moved) while open.
    fn recreated(&mut self, path: &Path) {
        log::warn!("{} had been deleted; saved again", path.display());
        self.notifications.push(
            Level::Warning,
            format!(
                "The workspace file {} had been deleted (or moved) while it was open; it has been saved again.",
                path.display()
            ),
        );
        // The lock file went with it: take a new one.
        self.may_save = self.claim(path);
    }

    fn save_finished(&mut self, finished: FinishedSave) {
        let purposes: Vec<SavePurpose> = finished
            .ids
            .iter()
            .filter_map(|id| self.save_purposes.remove(id))
            .collect();
        let path = finished.path;
        match finished.result {
            Ok(()) => {
                if self.workspace_path == path {
                    self.on_disk = true;
                    if self.recreating.as_ref() == Some(&path) {
                        self.recreating = None;
                        self.recreated(&path);
                    }
                }
                let saved_as = purposes
                    .iter()
                    .any(|p| matches!(p, SavePurpose::SaveAs { .. }));
                if saved_as && self.workspace_path == path {
                    self.problem = None;
                    self.settings.note_recent(&path);
                    self.save_settings();
                }
                if saved_as || purposes.contains(&SavePurpose::Explicit) {
                    self.notifications
                        .push(Level::Success, format!("Saved {}", path.display()));
                }
            }
            Err(error) => {
                log::error!("save failed: {error}");
                for purpose in &purposes {
                    if let SavePurpose::SaveAs {
                        previous,
                        previous_may_save,
                        previous_read_only,
                        previous_on_disk,
                    } = purpose
                        && self.workspace_path == path
                    {
                        // Stay on the previous file, with the right to save it it had.
                        self.workspace_path = previous.clone();
                        self.on_disk = *previous_on_disk;
                        let claimed = self.claim(previous);
                        self.may_save = if *previous_read_only {
                            claimed
                        } else {
                            *previous_may_save && claimed
                        };
                    }
                }
                // A later save of the same file, already asked for, holds these changes too.
                let current = self.workspace_path == path
                    || purposes
                        .iter()
                        .any(|p| matches!(p, SavePurpose::SaveAs { .. }));
                if current && !self.saver.is_saving(&self.workspace_path) {
                    self.autosave.save_failed(Instant::now());
                }
                self.notifications.push(
                    Level::Error,
                    format!("Could not save: {error}. Your work is still here — use File, Save as… to save it elsewhere."),
                );
            }
        }
    }
}
