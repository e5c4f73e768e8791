//! Handing price files to the window that already has the workspace open.
//!
//! "Open with Rotation Lens" on a CSV file (or `rotation-lens FILE.csv`) starts a new process.
//! When another window holds the workspace that process would open, the files go to that
//! window instead of a second, read-only one: the new process writes a request — the workspace
//! and the files — into the inbox folder beside the workspaces, and the window that has that
//! workspace open takes the request (reading and deleting it) and imports the files through
//! its preview. A request nobody takes within a few seconds is withdrawn, and the new process
//! opens a window of its own.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::atomic_write::{AtomicWriteError, write_atomically_with};
use crate::paths::{AppPaths, is_workspace_file};

use super::lock::{LockHolder, held_by_other};

/// How long a new process waits for the open window to take its files.
pub const HANDOFF_WAIT: Duration = Duration::from_secs(5);

/// A request file older than this was left by a process whose window never took it.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// One request: import `files` into the window that has `workspace` open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Request {
    workspace: PathBuf,
    files: Vec<PathBuf>,
}

/// The inbox folder of requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbox {
    dir: PathBuf,
}

impl Inbox {
    /// The inbox in `data_dir` (its `inbox` folder).
    #[must_use]
    pub fn in_data_dir(data_dir: &Path) -> Inbox {
        Inbox {
            dir: data_dir.join("inbox"),
        }
    }

    /// Writes a request for the window of `workspace` to import `files`, whole or not at all
    /// (see [`write_atomically_with`]), and returns its file.
    ///
    /// # Errors
    /// The request file that could not be written, the step and the system's reason.
    pub fn send(&self, workspace: &Path, files: &[PathBuf]) -> Result<PathBuf, AtomicWriteError> {
        let request = Request {
            workspace: comparable(workspace),
            files: files.iter().map(|file| absolute(file)).collect(),
        };
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let name = format!("{stamp:032}-{}", std::process::id());
        let path = self.dir.join(format!("{name}.json"));
        write_atomically_with(&path, |writer| {
            serde_json::to_writer(writer, &request).map_err(io::Error::other)
        })?;
        Ok(path)
    }

    /// Takes the requests for `workspace`, oldest first, and returns their files. Requests for
    /// other workspaces stay for their windows; unreadable or long-forgotten ones are removed.
    #[must_use]
    pub fn take_for(&self, workspace: &Path) -> Vec<PathBuf> {
        let workspace = comparable(workspace);
        let mut files = Vec::new();
        for path in self.waiting() {
            let request = fs::read(&path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Request>(&bytes).ok());
            match request {
                Some(request) if request.workspace == workspace => {
                    // Taken only when removed: another window may have raced for it.
                    if fs::remove_file(&path).is_ok() {
                        files.extend(request.files);
                    }
                }
                Some(_) if !is_stale(&path) => {}
                _ => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
        files
    }

    /// The requests waiting now, oldest first (their names sort in sending order).
    #[must_use]
    pub fn waiting(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| is_request(path))
            .collect();
        names.sort();
        names
    }
}

/// Files handed to another window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandedOff {
    /// The workspace that window has open.
    pub workspace: PathBuf,
    /// Who that window is.
    pub holder: LockHolder,
    /// How many files it was given.
    pub files: usize,
}

/// When the process started with `paths` would open a workspace another window holds (the one
/// named in `paths`, else `unnamed_workspace`: the one used last, or the default), and
/// `paths` name price files to import, hands them to that window (waiting up to `wait` for it
/// to take them). `None` when there is nothing to hand over, no window holds the workspace, or
/// it did not take them in time: then this process opens a window of its own.
#[must_use]
pub fn hand_off(
    app_paths: &AppPaths,
    unnamed_workspace: &Path,
    paths: &[PathBuf],
    wait: Duration,
) -> Option<HandedOff> {
    let (workspaces, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|path| is_workspace_file(path));
    if files.is_empty() {
        return None;
    }
    let workspace = match workspaces.first() {
        Some(workspace) => (*workspace).clone(),
        None => unnamed_workspace.to_path_buf(),
    };
    let holder = held_by_other(&workspace)?;
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let request = Inbox::in_data_dir(&app_paths.data_dir)
        .send(&workspace, &files)
        .ok()?;
    wait_until_taken(&request, wait).then_some(HandedOff {
        workspace,
        holder,
        files: files.len(),
    })
}

/// Waits up to `timeout` for `request` to be taken; when it was not, withdraws it and says so.
#[must_use]
fn wait_until_taken(request: &Path, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if !request.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Removing it ourselves decides the race: if the window took it meanwhile, it is gone.
    fs::remove_file(request).is_err()
}

fn is_request(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "json")
        && !path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

fn is_stale(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// The path as both processes spell it: absolute, with links resolved when it exists.
fn comparable(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reaches_the_window_of_its_workspace_once() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = Inbox::in_data_dir(dir.path());
        let workspace = dir.path().join("workspace.json");
        let other = dir.path().join("other.rlens");
        fs::write(&workspace, "{}").unwrap();
        let first = inbox
            .send(
                &workspace,
                &[dir.path().join("a.csv"), dir.path().join("b.csv")],
            )
            .unwrap();
        inbox.send(&other, &[dir.path().join("c.csv")]).unwrap();
        let second = inbox.send(&workspace, &[dir.path().join("d.csv")]).unwrap();
        assert!(first < second, "names sort in sending order");
        assert_eq!(inbox.waiting().len(), 3);

        let files = inbox.take_for(&workspace);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.csv", "b.csv", "d.csv"]);
        assert!(files.iter().all(|f| f.is_absolute()));
        assert!(!first.exists() && !second.exists());
        assert!(inbox.take_for(&workspace).is_empty(), "taken once");
        // The other workspace's request waits for its own window.
        assert_eq!(inbox.waiting().len(), 1);
        assert_eq!(inbox.take_for(&other).len(), 1);
    }

    #[test]
    fn a_request_nobody_takes_is_withdrawn() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = Inbox::in_data_dir(dir.path());
        let request = inbox
            .send(&dir.path().join("w.rlens"), &[dir.path().join("a.csv")])
            .unwrap();
        assert!(!wait_until_taken(&request, Duration::from_millis(120)));
        assert!(!request.exists());
        assert!(inbox.waiting().is_empty());
    }

    #[test]
    fn a_taken_request_is_reported_as_taken() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = Inbox::in_data_dir(dir.path());
        let workspace = dir.path().join("w.rlens");
        let request = inbox.send(&workspace, &[dir.path().join("a.csv")]).unwrap();
        let taker = {
            let inbox = inbox.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                inbox.take_for(&workspace)
            })
        };
        assert!(wait_until_taken(&request, Duration::from_secs(5)));
        assert_eq!(taker.join().unwrap().len(), 1);
    }

    #[test]
    fn damaged_requests_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = Inbox::in_data_dir(dir.path());
        fs::create_dir_all(&inbox.dir).unwrap();
        let damaged = inbox.dir.join("0001-1.json");
        fs::write(&damaged, "{not json").unwrap();
        let half_written = inbox.dir.join(".0002-1.tmp");
        fs::write(&half_written, "{").unwrap();
        assert!(inbox.take_for(&dir.path().join("w.rlens")).is_empty());
        assert!(!damaged.exists());
        assert!(
            half_written.exists(),
            "a request being written is not touched"
        );
    }
}
