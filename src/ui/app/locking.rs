//! Which window may save a workspace: taking the workspace's lock when this window shows it,
//! giving up the one held before, and opening read-only — with the user told who has it — when
//! another window holds it.

use std::path::Path;

use crate::workspace::{LockError, LockHolder, WorkspaceLock, remove_stale_temporary_files};

use super::super::notifications::Level;
use super::RotationLensApp;

impl RotationLensApp {
    /// The lock of `path` for this window: `Ok(None)` when the lock held already covers it or
    /// none can be made (saving proceeds, and fails if the folder refuses writes); `Err` with
    /// who holds it when another window has it open.
    pub(super) fn lock_for(&self, path: &Path) -> Result<Option<WorkspaceLock>, LockHolder> {
        if self
            .lock
            .as_ref()
            .is_some_and(|lock| lock.workspace() == path && lock.is_in_place())
        {
            return Ok(None);
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

    /// Takes the right to save `path`, the workspace this window now shows, giving up the one
    /// held before. Returns whether this window may save it; when another window has it open,
    /// the workspace is read-only here and the user is told.
    pub(super) fn claim(&mut self, path: &Path) -> bool {
        match self.lock_for(path) {
            Ok(lock) => {
                if lock.is_some() {
                    // The only writer now: what an interrupted save left can go.
                    remove_stale_temporary_files(path);
                }
                self.adopt_lock(path, lock);
                self.read_only = None;
                true
            }
            Err(holder) => {
                self.lock = None;
                log::warn!("{} is locked by {}", path.display(), holder.describe());
                self.notifications.push(
                    Level::Warning,
                    format!(
                        "Opened read-only: another Rotation Lens window has {} open ({}). Changes made here are not saved; use File, Save as… to keep them in a new file.",
                        path.display(),
                        holder.describe()
                    ),
                );
                self.read_only = Some(holder);
                false
            }
        }
    }

    /// Holds `lock`, what [`RotationLensApp::lock_for`] gave for `path`, in place of the lock
    /// held before — except when it gave none because the lock held already covers `path`.
    pub(super) fn adopt_lock(&mut self, path: &Path, lock: Option<WorkspaceLock>) {
        if lock.is_some() || self.lock.as_ref().is_some_and(|l| l.workspace() != path) {
            self.lock = lock;
        }
    }
}
