//! The app's side of saving: asking the document session for a save (with the metrics of the
//! data saved), and telling the user what each save, refusal and lock change meant. The session
//! decides; this module only reports.

use std::path::Path;

use crate::analytics::Report;
use crate::workspace::{SaveEvent, SavePurpose, SaveRefused};

use super::super::notifications::Level;
use super::RotationLensApp;

impl RotationLensApp {
    /// Hands a snapshot of the workspace, with its metrics, to the session's saver. Metrics
    /// computed for other data (just after File → New or opening a backup) are not saved with it.
    pub(super) fn request_save(&mut self, purpose: SavePurpose) {
        let key = self.analysis_key();
        self.workspace.last_metrics = self
            .analysis
            .as_ref()
            .filter(|cache| cache.key == key)
            .and_then(|cache| serde_json::to_value(Report::from(&cache.analysis)).ok());
        self.document.request_save(self.workspace.clone(), purpose);
    }

    /// Saves now when this window may save its file; an explicit save that cannot says why.
    pub(super) fn save_now(&mut self, explicit: bool) {
        match self.document.check_may_save() {
            Ok(()) => self.request_save(if explicit {
                SavePurpose::Explicit
            } else {
                SavePurpose::Autosave
            }),
            Err(_) if !explicit => {}
            Err(SaveRefused::ReadOnly) => self.notifications.push(
                Level::Warning,
                "This workspace is open in another Rotation Lens window, so this window does not save it. Use File, Save as… to keep your changes in a new file.",
            ),
            Err(SaveRefused::Unreadable) => self.notifications.push(
                Level::Warning,
                "This workspace's file could not be opened, so it is not saved over. Use File, Save as… to keep your work.",
            ),
        }
    }

    /// Saves the unsaved changes, if any.
    pub(super) fn save_if_needed(&mut self) {
        if self.document.autosave.has_unsaved_changes() {
            self.save_now(false);
        }
    }

    /// Moves to `path` and saves there; should the save fail, the previous file comes back.
    pub(super) fn save_as(&mut self, path: &Path) {
        match self.document.save_as(path) {
            Ok(purpose) => {
                if let Some(stem) = path.file_stem() {
                    self.workspace.name = stem.to_string_lossy().into_owned();
                }
                self.request_save(purpose);
            }
            Err(holder) => self.notifications.push(
                Level::Error,
                format!(
                    "Not saved: {} is open in another Rotation Lens window ({}). Choose another file.",
                    path.display(),
                    holder.describe()
                ),
            ),
        }
    }

    /// Reports the saves that finished since the last frame.
    pub(super) fn poll_saves(&mut self) {
        let events = self.document.poll();
        self.report_save_events(events);
    }

    /// Waits for any save of `path` (so opening it reads what was last saved).
    pub(super) fn finish_saves_of(&mut self, path: &Path) {
        let events = self.document.wait_for_saves_of(path);
        self.report_save_events(events);
    }

    /// Closing: waits for the running save, then saves what is still unsaved and waits for that
    /// too, so nothing is lost.
    pub(super) fn finish_saving(&mut self) {
        let events = self.document.wait_idle();
        self.report_save_events(events);
        self.save_if_needed();
        let events = self.document.wait_idle();
        self.report_save_events(events);
    }

    /// Tells the user about a workspace that another window has open.
    pub(super) fn report_read_only(&mut self, path: &Path, holder: &crate::workspace::LockHolder) {
        self.notifications.push(
            Level::Warning,
            format!(
                "Opened read-only: another Rotation Lens window has {} open ({}). Changes made here are not saved; use File, Save as… to keep them in a new file.",
                path.display(),
                holder.describe()
            ),
        );
    }

    fn report_save_events(&mut self, events: Vec<SaveEvent>) {
        for event in events {
            match event {
                SaveEvent::Saved {
                    path,
                    saved_as,
                    announce,
                } => {
                    if saved_as {
                        self.problem = None;
                        self.settings.note_recent(&path);
                        self.save_settings();
                    }
                    if announce {
                        self.notifications
                            .push(Level::Success, format!("Saved {}", path.display()));
                    }
                }
                SaveEvent::Recreated { path } => {
                    log::warn!("{} had been deleted; saved again", path.display());
                    self.notifications.push(
                        Level::Warning,
                        format!(
                            "The workspace file {} had been deleted (or moved) while it was open; it has been saved again.",
                            path.display()
                        ),
                    );
                }
                SaveEvent::ReadOnly { path, holder } => self.report_read_only(&path, &holder),
                SaveEvent::Failed { error } => {
                    log::error!("save failed: {error}");
                    self.notifications.push(
                        Level::Error,
                        format!("Could not save: {error}. Your work is still here — use File, Save as… to save it elsewhere."),
                    );
                }
            }
        }
    }
}
