//! One writer per workspace: a lock on `<name>.lock` beside the workspace file, held for as long
//! as a window has the workspace open for writing.
//!
//! The lock is the operating system's advisory file lock (`flock` on Linux and macOS,
//! `LockFileEx` on Windows), so it is released when the process ends in any way, a crash or a
//! kill included: a lock file left behind by a dead process is stale and simply taken over. The
//! file holds who has the lock (process id, host name and start time) so that another window
//! can say who has the workspace open. The file is never deleted: deleting a lock file while
//! another process waits for it would let two processes hold locks on different files.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Who holds a workspace's lock, as its lock file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LockHolder {
    /// The process id; 0 when the lock file does not say.
    pub pid: u32,
    /// The host name; empty when the lock file does not say.
    pub host: String,
    /// When that process took the lock (RFC 3339, UTC); empty when the file does not say.
    pub since: String,
}

impl LockHolder {
    /// This process, now.
    #[must_use]
    pub fn current() -> LockHolder {
        LockHolder {
            pid: std::process::id(),
            host: host_name(),
            since: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map_or_else(
                    |_| jiff::Timestamp::now().to_string(),
                    |now| now.to_string(),
                ),
        }
    }

    /// A short description for messages: "process 4242 on host studio since 2024-05-31T09:12:00Z".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = if self.pid == 0 {
            "an unknown process".to_string()
        } else {
            format!("process {}", self.pid)
        };
        if !self.host.is_empty() {
            text.push_str(&format!(" on host {}", self.host));
        }
        if !self.since.is_empty() {
            text.push_str(&format!(" since {}", self.since));
        }
        text
    }

    /// The lock file's content: one `key=value` per line.
    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nsince={}\n",
            self.pid, self.host, self.since
        )
    }

    /// Reads the lock file's content; unknown or damaged lines are skipped.
    fn parse(text: &str) -> LockHolder {
        let mut holder = LockHolder::default();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", value)) => holder.pid = value.trim().parse().unwrap_or(0),
                Some(("host", value)) => holder.host = value.trim().to_string(),
                Some(("since", value)) => holder.since = value.trim().to_string(),
                _ => {}
            }
        }
        holder
    }
}

/// Why a workspace could not be locked.
#[derive(Debug, Error)]
pub enum LockError {
    /// Another process (or another window of this one) has the workspace open.
    #[error("{} is open in another Rotation Lens window ({})", workspace.display(), holder.describe())]
    Held {
        /// The workspace file.
        workspace: PathBuf,
        /// Who holds the lock, as far as its file says.
        holder: LockHolder,
    },
    /// The lock file could not be created, read or written.
    #[error("could not {action} the lock file {}: {source}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
}

/// The exclusive right to save a workspace; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct WorkspaceLock {
    file: File,
    path: PathBuf,
    workspace: PathBuf,
}

impl WorkspaceLock {
    /// Takes the lock of the workspace at `workspace`, creating its folder and lock file when
    /// missing. A lock file left by a process that has ended is taken over.
    pub fn acquire(workspace: &Path) -> Result<WorkspaceLock, LockError> {
        let path = lock_path(workspace);
        let io_error = |action: &'static str| {
            let path = path.clone();
            move |source: io::Error| LockError::Io {
                path,
                action,
                source,
            }
        };
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            fs::create_dir_all(folder).map_err(io_error("create the folder of"))?;
        }
        // Not truncated on open: the content belongs to whoever holds the lock.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error("open"))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // A holder that is still writing its details leaves them empty: say so.
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held {
                    workspace: workspace.to_path_buf(),
                    holder: LockHolder::parse(&text),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io_error("lock")(source)),
        }
        file.set_len(0).map_err(io_error("write"))?;
        file.seek(SeekFrom::Start(0)).map_err(io_error("write"))?;
        file.write_all(LockHolder::current().to_text().as_bytes())
            .map_err(io_error("write"))?;
        file.flush().map_err(io_error("write"))?;
        Ok(WorkspaceLock {
            file,
            path,
            workspace: workspace.to_path_buf(),
        })
    }

    /// The workspace this lock is for.
    #[must_use]
    pub fn workspace(&self) -> &Path {
        &self.workspace
    }

    /// The lock file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the lock file is still there: deleting the workspace's folder deletes it, and a
    /// new file at the same name would not be locked.
    #[must_use]
    pub fn is_in_place(&self) -> bool {
        match (fs::metadata(&self.path), self.file.metadata()) {
            (Ok(on_disk), Ok(held)) => same_file(&on_disk, &held),
            _ => false,
        }
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it immediate even if a
        // duplicate of the handle lives on somewhere.
        let _ = self.file.unlock();
    }
}

/// Whether another process (or window) holds the lock of the workspace at `workspace`, without
/// taking it or creating anything: `None` when the workspace is free (or has no lock file).
#[must_use]
pub fn held_by_other(workspace: &Path) -> Option<LockHolder> {
    let mut file = OpenOptions::new()
        .read(true)
        .open(lock_path(workspace))
        .ok()?;
    match file.try_lock() {
        // Free (the probe's lock goes with the file handle), or the lock cannot be asked about.
        Ok(()) | Err(TryLockError::Error(_)) => None,
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Some(LockHolder::parse(&text))
        }
    }
}

/// The lock file of the workspace at `workspace`: `<name>.lock` beside it.
#[must_use]
pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut name: OsString = workspace
        .file_name()
        .map(OsString::from)
        .unwrap_or_default();
    name.push(".lock");
    workspace.with_file_name(name)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Without inode numbers, a lock file that exists is taken to be the one held.
#[cfg(not(unix))]
fn same_file(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    true
}

/// The machine's name, for telling the user where the other window runs.
fn host_name() -> String {
    let from_system = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .ok();
    from_system
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_refused_and_names_its_holder() {
        let folder = tempfile::tempdir().unwrap();
        let workspace = folder.path().join("workspace.json");
        let lock = WorkspaceLock::acquire(&workspace).unwrap();
        assert_eq!(lock.path(), folder.path().join("workspace.json.lock"));
        assert_eq!(lock.workspace(), workspace);
        assert!(lock.is_in_place());

        let Err(LockError::Held { holder, .. }) = WorkspaceLock::acquire(&workspace) else {
            panic!("a second lock on the same workspace must be refused");
        };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.host, host_name());
        assert!(holder.since.ends_with('Z'), "{}", holder.since);
        let message = LockError::Held {
            workspace: workspace.clone(),
            holder,
        }
        .to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        assert!(
            message.contains("another Rotation Lens window"),
            "{message}"
        );
    }

    #[test]
    fn dropping_the_lock_releases_it() {
        let folder = tempfile::tempdir().unwrap();
        let workspace = folder.path().join("nested").join("w.rlens");
        let first = WorkspaceLock::acquire(&workspace).unwrap();
        assert!(WorkspaceLock::acquire(&workspace).is_err());
        drop(first);
        let second = WorkspaceLock::acquire(&workspace).unwrap();
        assert!(second.is_in_place());
        // Other workspaces in the same folder have their own locks.
        WorkspaceLock::acquire(&folder.path().join("nested").join("other.rlens")).unwrap();
    }

    #[test]
    fn a_lock_file_left_by_an_ended_process_is_taken_over() {
        let folder = tempfile::tempdir().unwrap();
        let workspace = folder.path().join("workspace.json");
        // What a crashed process leaves: the file with its details, and no lock.
        fs::write(
            lock_path(&workspace),
            "pid=999999\nhost=elsewhere\nsince=2020-01-01T00:00:00Z\nextra line\n",
        )
        .unwrap();
        let lock = WorkspaceLock::acquire(&workspace).unwrap();
        let text = fs::read_to_string(lock.path()).unwrap();
        assert_eq!(
            LockHolder::parse(&text),
            LockHolder {
                pid: std::process::id(),
                host: host_name(),
                since: LockHolder::parse(&text).since,
            }
        );
        assert!(!text.contains("elsewhere"), "{text}");
    }

    #[test]
    fn a_lock_held_by_a_killed_process_is_released_by_the_system() {
        let folder = tempfile::tempdir().unwrap();
        let workspace = folder.path().join("workspace.json");
        let path = lock_path(&workspace);
        fs::write(&path, "").unwrap();
        // A shell locks the file with flock(1), then becomes `sleep` holding it; killing that
        // process must free the lock.
        let Ok(mut child) = std::process::Command::new("sh")
            .args(["-c", "exec 9>>\"$1\" && flock -x 9 && exec sleep 30", "sh"])
            .arg(&path)
            .spawn()
        else {
            panic!("cannot start sh");
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while WorkspaceLock::acquire(&workspace).is_ok_and(drop_and_true) {
            assert!(std::time::Instant::now() < deadline, "flock never locked");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let lock = WorkspaceLock::acquire(&workspace).unwrap();
        assert!(lock.is_in_place());
    }

    fn drop_and_true(lock: WorkspaceLock) -> bool {
        drop(lock);
        true
    }

    #[test]
    fn a_deleted_lock_file_is_noticed() {
        let folder = tempfile::tempdir().unwrap();
        let workspace = folder.path().join("sub").join("workspace.json");
        let lock = WorkspaceLock::acquire(&workspace).unwrap();
        fs::remove_dir_all(folder.path().join("sub")).unwrap();
        assert!(!lock.is_in_place());
        fs::create_dir(folder.path().join("sub")).unwrap();
        fs::write(lock_path(&workspace), "").unwrap();
        assert!(!lock.is_in_place());
    }

    #[test]
    fn holders_describe_themselves() {
        let holder = LockHolder::parse("pid=42\nhost=studio\nsince=2024-05-31T09:12:00Z\n");
        assert_eq!(
            holder.describe(),
            "process 42 on host studio since 2024-05-31T09:12:00Z"
        );
        assert_eq!(LockHolder::parse("").describe(), "an unknown process");
        assert_eq!(
            LockHolder::parse("pid=x\nhost=h\n").describe(),
            "an unknown process on host h"
        );
    }
}
