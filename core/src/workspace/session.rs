//! The document session: which workspace file a window shows, whether it may save it, what has
//! been saved, the undo history, the autosave clock and the background saver. It makes every
//! decision about saving and locking; the app only tells the user what happened, from the
//! [`SaveEvent`]s and refusals it returns. No user interface here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::autosave::AutosaveTimer;
use super::document::Workspace;
use super::error::WorkspaceError;
use super::file::remove_stale_temporary_files;
use super::history::History;
use super::lock::{LockError, LockHolder, WorkspaceLock};
use super::saver::{FinishedSave, SaveId, Saver};

/// This window's right to save its workspace file.
#[derive(Debug)]
pub enum Access {
    /// This window saves the file. It holds the file's lock, or none when no lock could be made
    /// (a read-only folder, say: saving is tried and fails with its reason).
    Writable {
        /// The lock held, if one could be made.
        lock: Option<WorkspaceLock>,
    },
    /// Another window has the file open: it is shown here read-only and never saved.
    ReadOnly {
        /// Who has it open.
        holder: LockHolder,
    },
    /// The file could not be read, so it is never saved over; its lock is still held so that no
    /// other window saves over it either.
    Unreadable {
        /// The lock held, if one could be made.
        lock: Option<WorkspaceLock>,
    },
}

/// [`Access`] without the lock: what a Save as… remembers to go back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessKind {
    /// See [`Access::Writable`].
    Writable,
    /// See [`Access::ReadOnly`].
    ReadOnly,
    /// See [`Access::Unreadable`].
    Unreadable,
}

impl Access {
    /// Whether this window saves its file.
    #[must_use]
    pub fn may_save(&self) -> bool {
        matches!(self, Access::Writable { .. })
    }

    /// The lock this window holds on its file.
    #[must_use]
    pub fn lock(&self) -> Option<&WorkspaceLock> {
        match self {
            Access::Writable { lock } | Access::Unreadable { lock } => lock.as_ref(),
            Access::ReadOnly { .. } => None,
        }
    }

    /// Who has the file open, when it is read-only here.
    #[must_use]
    pub fn holder(&self) -> Option<&LockHolder> {
        match self {
            Access::ReadOnly { holder } => Some(holder),
            Access::Writable { .. } | Access::Unreadable { .. } => None,
        }
    }

    /// The kind of access, without the lock.
    #[must_use]
    pub fn kind(&self) -> AccessKind {
        match self {
            Access::Writable { .. } => AccessKind::Writable,
            Access::ReadOnly { .. } => AccessKind::ReadOnly,
            Access::Unreadable { .. } => AccessKind::Unreadable,
        }
    }

    /// Moves the lock out (the access keeps its kind).
    fn take_lock(&mut self) -> Option<WorkspaceLock> {
        match self {
            Access::Writable { lock } | Access::Unreadable { lock } => lock.take(),
            Access::ReadOnly { .. } => None,
        }
    }
}

/// Why a save was asked for, which decides what its result changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavePurpose {
    /// Autosave, or saving before switching workspaces: only failures are reported.
    Autosave,
    /// The user asked to save: success is reported too.
    Explicit,
    /// Save as: the session moved to the new file; on failure it returns to the previous one.
    SaveAs {
        /// The file shown before.
        previous: PathBuf,
        /// The access this window had to it.
        previous_access: AccessKind,
        /// Whether it had been opened or saved.
        previous_on_disk: bool,
    },
}

/// Why the workspace was not saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveRefused {
    /// Another window has the file open.
    ReadOnly,
    /// The file could not be read and is not saved over.
    Unreadable,
}

/// Something that happened to the session that the user is told about.
#[derive(Debug)]
pub enum SaveEvent {
    /// A save finished.
    Saved {
        /// The file written.
        path: PathBuf,
        /// A Save as… that made `path` this window's file.
        saved_as: bool,
        /// The user asked for it (explicitly or by Save as…), so success is reported.
        announce: bool,
    },
    /// The file had been deleted (or moved) while open, and a save put it back.
    Recreated {
        /// The file written again.
        path: PathBuf,
    },
    /// Another window has this window's file open, so it is read-only here.
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Who has it open.
        holder: LockHolder,
    },
    /// A save failed; the changes are unsaved again.
    Failed {
        /// Why.
        error: WorkspaceError,
    },
}

/// The workspace file a window shows and everything about saving it.
pub struct DocumentSession {
    path: PathBuf,
    access: Access,
    /// Whether `path` was opened or saved, so a later save can tell it was deleted.
    on_disk: bool,
    /// The file a running save puts back after it was deleted while open, so the user is told
    /// when that save succeeds.
    recreating: Option<PathBuf>,
    /// The undo and redo steps of the workspace's content.
    pub history: History,
    /// When unsaved changes are due to be saved.
    pub autosave: AutosaveTimer,
    saver: Saver,
    purposes: HashMap<SaveId, SavePurpose>,
}

impl DocumentSession {
    /// A session on `path` that saves nothing until a workspace is shown with
    /// [`DocumentSession::show`]: its access starts as unreadable.
    #[must_use]
    pub fn new(path: PathBuf, saver: Saver, autosave_delay: Duration, max_wait: Duration) -> Self {
        DocumentSession {
            path,
            access: Access::Unreadable { lock: None },
            on_disk: false,
            recreating: None,
            history: History::default(),
            autosave: AutosaveTimer::new(autosave_delay, max_wait),
            saver,
            purposes: HashMap::new(),
        }
    }

    /// The workspace file shown.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This window's right to save it.
    #[must_use]
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Whether a save is running or waiting.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.saver.is_busy()
    }

    /// Starts showing the file at `path` (`on_disk`: it exists already; `readable`: it was read,
    /// so it may be saved over): the undo history starts afresh and the right to save is
    /// claimed. Returns who holds the file when another window has it open.
    pub fn show(&mut self, path: PathBuf, on_disk: bool, readable: bool) -> Option<LockHolder> {
        let read_only = self.claim(&path, readable);
        self.path = path;
        self.on_disk = on_disk;
        self.history.clear();
        read_only
    }

    /// Whether saving now would write the file, and why not.
    ///
    /// # Errors
    /// The reason this window does not save its file.
    pub fn check_may_save(&self) -> Result<(), SaveRefused> {
        match self.access {
            Access::Writable { .. } => Ok(()),
            Access::ReadOnly { .. } => Err(SaveRefused::ReadOnly),
            Access::Unreadable { .. } => Err(SaveRefused::Unreadable),
        }
    }

    /// Whether unsaved changes are due to be saved now (only when this window may save).
    pub fn autosave_due(&mut self, now: Instant) -> bool {
        self.access.may_save() && self.autosave.take_due(now)
    }

    /// Hands a snapshot of `workspace` to the saver for this session's file. The workspace
    /// counts as saved from now on; a failed save marks it unsaved again.
    pub fn request_save(&mut self, workspace: Workspace, purpose: SavePurpose) {
        if self.on_disk && !self.path.exists() {
            // Deleted (or moved) while open: this save puts it back, and the user is told then.
            self.recreating = Some(self.path.clone());
        }
        self.autosave.mark_saved();
        let id = self.saver.save(&self.path, workspace);
        self.purposes.insert(id, purpose);
    }

    /// Moves the session to `path` for a Save as…: takes its lock and returns the purpose to
    /// save with (which remembers the file to go back to should the save fail).
    ///
    /// # Errors
    /// Who has `path` open, when another window has; the session is then unchanged.
    pub fn save_as(&mut self, path: &Path) -> Result<SavePurpose, LockHolder> {
        let lock = self.lock_for(path)?;
        let previous = std::mem::replace(&mut self.path, path.to_path_buf());
        let previous_access = self.access.kind();
        let previous_on_disk = std::mem::replace(&mut self.on_disk, false);
        self.access = Access::Writable { lock };
        Ok(SavePurpose::SaveAs {
            previous,
            previous_access,
            previous_on_disk,
        })
    }

    /// What the saves that finished since the last call changed.
    pub fn poll(&mut self) -> Vec<SaveEvent> {
        let finished = self.saver.take_finished();
        self.finished(finished)
    }

    /// Waits for any save of `path` (so opening it reads what was last saved).
    pub fn wait_for_saves_of(&mut self, path: &Path) -> Vec<SaveEvent> {
        if self.saver.is_saving(path) {
            let finished = self.saver.wait_idle();
            self.finished(finished)
        } else {
            Vec::new()
        }
    }

    /// Waits until every save asked for has finished.
    pub fn wait_idle(&mut self) -> Vec<SaveEvent> {
        let finished = self.saver.wait_idle();
        self.finished(finished)
    }

    fn finished(&mut self, finished: Vec<FinishedSave>) -> Vec<SaveEvent> {
        let mut events = Vec::new();
        for save in finished {
            self.save_finished(save, &mut events);
        }
        events
    }

    fn save_finished(&mut self, finished: FinishedSave, events: &mut Vec<SaveEvent>) {
        let purposes: Vec<SavePurpose> = finished
            .ids
            .iter()
            .filter_map(|id| self.purposes.remove(id))
            .collect();
        let saved_as = purposes
            .iter()
            .any(|p| matches!(p, SavePurpose::SaveAs { .. }));
        let path = finished.path;
        match finished.result {
            Ok(()) => {
                if self.path == path {
                    self.on_disk = true;
                    if self.recreating.as_ref() == Some(&path) {
                        self.recreating = None;
                        events.push(SaveEvent::Recreated { path: path.clone() });
                        // The lock file went with it: take a new one.
                        let readable = self.access.kind() != AccessKind::Unreadable;
                        if let Some(holder) = self.claim(&path, readable) {
                            events.push(SaveEvent::ReadOnly {
                                path: path.clone(),
                                holder,
                            });
                        }
                    }
                }
                events.push(SaveEvent::Saved {
                    saved_as: saved_as && self.path == path,
                    announce: saved_as || purposes.contains(&SavePurpose::Explicit),
                    path,
                });
            }
            Err(error) => {
                for purpose in &purposes {
                    if let SavePurpose::SaveAs {
                        previous,
                        previous_access,
                        previous_on_disk,
                    } = purpose
                        && self.path == path
                    {
                        // Back to the previous file, with the right to save it it had.
                        self.path = previous.clone();
                        self.on_disk = *previous_on_disk;
                        let readable = *previous_access != AccessKind::Unreadable;
                        if let Some(holder) = self.claim(previous, readable) {
                            events.push(SaveEvent::ReadOnly {
                                path: previous.clone(),
                                holder,
                            });
                        }
                    }
                }
                // A later save of the same file, already asked for, holds these changes too.
                let current = self.path == path || saved_as;
                if current && !self.saver.is_saving(&self.path) {
                    self.autosave.save_failed(Instant::now());
                }
                events.push(SaveEvent::Failed { error });
            }
        }
    }

    /// The lock of `path` for this window: the lock held already when it covers `path` (moved
    /// out of the access), a new one, or none when none can be made (saving proceeds, and fails
    /// if the folder refuses writes).
    ///
    /// # Errors
    /// Who holds `path` when another window has it open.
    fn lock_for(&mut self, path: &Path) -> Result<Option<WorkspaceLock>, LockHolder> {
        if self
            .access
            .lock()
            .is_some_and(|lock| lock.workspace() == path && lock.is_in_place())
        {
            return Ok(self.access.take_lock());
        }
        match WorkspaceLock::acquire(path) {
            Ok(lock) => Ok(Some(lock)),
            Err(LockError::Held { holder, .. }) => Err(holder),
            Err(error) => {
                log::warn!("working without a lock: {error}");
                Ok(None)
            }
        }
    }

    /// Takes the right to save `path`, giving up the lock held before: writable (or unreadable,
    /// when `readable` is false) with its lock, or read-only when another window has it open,
    /// whose holder is returned.
    fn claim(&mut self, path: &Path, readable: bool) -> Option<LockHolder> {
        match self.lock_for(path) {
            Ok(lock) => {
                if lock.is_some() {
                    // The only writer now: what an interrupted save left can go.
                    remove_stale_temporary_files(path);
                }
                self.access = if readable {
                    Access::Writable { lock }
                } else {
                    Access::Unreadable { lock }
                };
                None
            }
            Err(holder) => {
                log::warn!("{} is locked by {}", path.display(), holder.describe());
                self.access = Access::ReadOnly {
                    holder: holder.clone(),
                };
                Some(holder)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::workspace::load_workspace;

    const DELAY: Duration = Duration::from_millis(1);

    fn session(path: &Path) -> DocumentSession {
        DocumentSession::new(path.to_path_buf(), Saver::new(|| {}), DELAY, DELAY)
    }

    fn named(name: &str) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.name = name.to_string();
        workspace
    }

    #[test]
    fn nothing_is_saved_before_a_workspace_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let session = session(&dir.path().join("w.json"));
        assert_eq!(session.check_may_save(), Err(SaveRefused::Unreadable));
        assert!(session.access().lock().is_none());
    }

    #[test]
    fn a_shown_file_is_locked_saved_and_reported_when_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        let mut session = session(&dir.path().join("other.json"));
        assert!(session.show(path.clone(), false, true).is_none());
        assert_eq!(session.access().kind(), AccessKind::Writable);
        assert_eq!(
            session.access().lock().map(WorkspaceLock::workspace),
            Some(path.as_path())
        );
        session.request_save(named("mine"), SavePurpose::Explicit);
        let events = session.wait_idle();
        assert!(matches!(
            events.as_slice(),
            [SaveEvent::Saved { path: p, saved_as: false, announce: true }] if *p == path
        ));
        assert_eq!(load_workspace(&path).unwrap().name, "mine");
        session.request_save(named("again"), SavePurpose::Autosave);
        assert!(matches!(
            session.wait_idle().as_slice(),
            [SaveEvent::Saved {
                announce: false,
                ..
            }]
        ));
    }

    #[test]
    fn a_second_session_on_the_same_file_is_read_only_and_refuses_to_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        let mut first = session(&path);
        assert!(first.show(path.clone(), false, true).is_none());
        let mut second = session(&path);
        let holder = second.show(path.clone(), false, true);
        assert!(holder.is_some());
        assert_eq!(second.access().kind(), AccessKind::ReadOnly);
        assert_eq!(second.check_may_save(), Err(SaveRefused::ReadOnly));
        assert!(!second.autosave_due(Instant::now() + Duration::from_secs(60)));
        // The first window closes: its lock goes, and the second can claim the file.
        drop(first);
        assert!(second.show(path, true, true).is_none());
        assert!(second.check_may_save().is_ok());
    }

    #[test]
    fn an_unreadable_file_keeps_its_lock_but_is_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        let mut session = session(&path);
        assert!(session.show(path.clone(), true, false).is_none());
        assert_eq!(session.check_may_save(), Err(SaveRefused::Unreadable));
        assert!(session.access().lock().is_some());
        // Another window cannot take it meanwhile.
        let mut other = self::session(&path);
        assert!(other.show(path, true, true).is_some());
    }

    #[test]
    fn a_failed_save_as_goes_back_to_the_previous_file_with_its_access() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.json");
        let blocked = dir.path().join("blocked.json");
        let failing = {
            let blocked = blocked.clone();
            move |path: &Path, workspace: &Workspace| {
                if path == blocked {
                    Err(WorkspaceError::Io {
                        path: path.to_path_buf(),
                        action: "write",
                        source: std::io::Error::other("the disk is full"),
                    })
                } else {
                    crate::workspace::save_workspace(path, workspace)
                }
            }
        };
        let mut session = DocumentSession::new(
            first.clone(),
            Saver::with_writer(|| {}, failing),
            DELAY,
            DELAY,
        );
        session.show(first.clone(), false, true);
        let purpose = session.save_as(&blocked).unwrap();
        assert_eq!(session.path(), blocked);
        session.request_save(named("moved"), purpose);
        let events = session.wait_idle();
        assert!(matches!(events.as_slice(), [SaveEvent::Failed { .. }]));
        assert_eq!(session.path(), first);
        assert_eq!(session.access().kind(), AccessKind::Writable);
        assert_eq!(
            session.access().lock().map(WorkspaceLock::workspace),
            Some(first.as_path())
        );
        assert!(session.autosave.has_unsaved_changes());
    }

    #[test]
    fn a_save_as_onto_a_file_another_window_has_open_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine.json");
        let theirs = dir.path().join("theirs.json");
        let mut other = session(&theirs);
        other.show(theirs.clone(), false, true);
        let mut session = session(&mine);
        session.show(mine.clone(), false, true);
        assert!(session.save_as(&theirs).is_err());
        assert_eq!(session.path(), mine);
        assert_eq!(session.access().kind(), AccessKind::Writable);
    }

    #[test]
    fn a_file_deleted_while_open_is_saved_again_and_relocked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        let mut session = session(&path);
        session.show(path.clone(), false, true);
        session.request_save(named("first"), SavePurpose::Autosave);
        session.wait_idle();
        std::fs::remove_file(&path).unwrap();
        std::fs::remove_file(crate::workspace::lock_path(&path)).unwrap();
        session.request_save(named("second"), SavePurpose::Autosave);
        let events = session.wait_idle();
        assert!(matches!(
            events.as_slice(),
            [SaveEvent::Recreated { .. }, SaveEvent::Saved { .. }]
        ));
        assert!(crate::workspace::lock_path(&path).exists());
        assert_eq!(load_workspace(&path).unwrap().name, "second");
    }

    #[test]
    fn saves_wait_for_their_file_only_when_it_is_being_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let writer = {
            let seen = Arc::clone(&seen);
            move |path: &Path, workspace: &Workspace| {
                seen.lock().unwrap().push(path.to_path_buf());
                crate::workspace::save_workspace(path, workspace)
            }
        };
        let mut session = DocumentSession::new(
            path.clone(),
            Saver::with_writer(|| {}, writer),
            DELAY,
            DELAY,
        );
        session.show(path.clone(), false, true);
        assert!(session.wait_for_saves_of(&path).is_empty());
        session.request_save(named("w"), SavePurpose::Autosave);
        // The save may finish before the wait looks: then the next poll reports it.
        let mut events = session.wait_for_saves_of(&path);
        events.extend(session.poll());
        assert_eq!(events.len(), 1);
        assert_eq!(seen.lock().unwrap().as_slice(), [path]);
    }
}
