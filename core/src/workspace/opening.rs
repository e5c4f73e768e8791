//! Opening a workspace on a worker thread, so the window appears at once however large the
//! file, and stays responsive when the user opens another one: the worker runs the same
//! decisions as [`open_with_progress`] (file, first-run demo, new file, or a failure that keeps
//! saving off) and hands back their [`Startup`] while the window shows the progress. Files small enough to read in a few
//! milliseconds open straight away instead, so they never flash a progress screen.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::document::Workspace;
use super::error::WorkspaceError;
use super::load_progress::{LoadProgress, LoadStatus};
use super::startup::{OpenPurpose, Startup, StartupKind, open_with_progress};

/// Workspace files at least this large are opened on a worker thread; smaller ones (and a
/// missing file) open at once.
pub const OPEN_IN_BACKGROUND_FROM: u64 = 1 << 20;

/// How a workspace is being opened.
pub enum StartupOpen {
    /// It is open already.
    Ready(Box<Startup>),
    /// A worker is reading it.
    Opening(StartupOpening),
}

/// A workspace being read on a worker thread.
pub struct StartupOpening {
    path: PathBuf,
    purpose: OpenPurpose,
    progress: Arc<LoadProgress>,
    receiver: Receiver<Startup>,
}

/// Opens the startup workspace at `path` (see [`super::open_at_startup`] for `is_default`): at once
/// when the file is small or missing, otherwise on a worker thread that calls `wake` when it
/// is done.
pub fn begin_startup_open(
    path: &Path,
    is_default: bool,
    wake: impl Fn() + Send + 'static,
) -> StartupOpen {
    begin_open(path, OpenPurpose::Startup { is_default }, wake)
}

/// Opens the workspace at `path` for `purpose`: at once when the file is small or missing,
/// otherwise on a worker thread that calls `wake` when it is done.
pub fn begin_open(
    path: &Path,
    purpose: OpenPurpose,
    wake: impl Fn() + Send + 'static,
) -> StartupOpen {
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() >= OPEN_IN_BACKGROUND_FROM);
    if !large {
        let opened = open_with_progress(path, purpose, &LoadProgress::default());
        return StartupOpen::Ready(Box::new(opened));
    }
    let progress = Arc::new(LoadProgress::default());
    let (sender, receiver) = channel();
    let worker_progress = Arc::clone(&progress);
    let worker_path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("open".to_string())
        .spawn(move || {
            let startup = open_with_progress(&worker_path, purpose, &worker_progress);
            // The receiver is gone only when the window closed while opening: nothing to do.
            let _ = sender.send(startup);
            wake();
        });
    match spawned {
        Ok(_) => StartupOpen::Opening(StartupOpening {
            path: path.to_path_buf(),
            purpose,
            progress,
            receiver,
        }),
        Err(error) => {
            log::warn!("opening on this thread, no worker thread could start: {error}");
            StartupOpen::Ready(Box::new(open_with_progress(
                path,
                purpose,
                &LoadProgress::default(),
            )))
        }
    }
}

impl StartupOpening {
    /// The file being opened.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why it is opened.
    #[must_use]
    pub fn purpose(&self) -> OpenPurpose {
        self.purpose
    }

    /// How far reading has got.
    #[must_use]
    pub fn status(&self) -> LoadStatus {
        self.progress.status()
    }

    /// The opened workspace once the worker is done; `None` while it still reads.
    #[must_use]
    pub fn try_finish(&self) -> Option<Startup> {
        match self.receiver.try_recv() {
            Ok(startup) => Some(startup),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.stopped()),
        }
    }

    /// Waits for the worker and returns the opened workspace.
    #[must_use]
    pub fn wait(self) -> Startup {
        self.receiver.recv().unwrap_or_else(|_| self.stopped())
    }

    /// The worker ended without an answer (it panicked): treated as a file that could not be
    /// read, so nothing is ever saved over it.
    fn stopped(&self) -> Startup {
        Startup {
            path: self.path.clone(),
            workspace: Workspace::empty(),
            kind: StartupKind::Failed(WorkspaceError::Io {
                path: self.path.clone(),
                action: "read",
                source: io::Error::other("reading stopped unexpectedly"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::model::{Date, Series, SeriesKind, Source};
    use crate::workspace::{DEMO_NAME, save_workspace};

    fn large_file(path: &Path) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.name = "large".into();
        for s in 0..2 {
            let dates = (0..400_000)
                .map(|n| Date::from_day_number(1_000 + n).unwrap())
                .collect();
            let values = (0..400_000).map(|n| f64::from(n % 1013) * 0.25).collect();
            let series = Series::new(
                format!("S{s}"),
                SeriesKind::Price,
                Source::default(),
                dates,
                values,
            )
            .unwrap();
            workspace.add_series(series);
        }
        save_workspace(path, &workspace).unwrap();
        assert!(std::fs::metadata(path).unwrap().len() >= OPEN_IN_BACKGROUND_FROM);
        workspace
    }

    #[test]
    fn a_large_file_opens_on_a_worker_and_wakes_the_caller() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("large.rlens");
        let workspace = large_file(&path);
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&wakes);
        let open = begin_startup_open(&path, false, move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let StartupOpen::Opening(opening) = open else {
            panic!("a large file should open in the background");
        };
        assert_eq!(opening.path(), path);
        let startup = opening.wait();
        assert!(matches!(startup.kind, StartupKind::Opened));
        assert_eq!(startup.workspace, workspace);
        for _ in 0..200 {
            if wakes.load(Ordering::SeqCst) > 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn progress_reaches_the_whole_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("large.rlens");
        large_file(&path);
        let StartupOpen::Opening(opening) = begin_startup_open(&path, false, || {}) else {
            panic!("a large file should open in the background");
        };
        let mut startup = None;
        for _ in 0..2000 {
            startup = opening.try_finish();
            if startup.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(matches!(startup.map(|s| s.kind), Some(StartupKind::Opened)));
        let size = std::fs::metadata(&path).unwrap().len();
        let status = opening.status();
        assert_eq!((status.bytes_read, status.bytes_total), (size, size));
        assert!(status.decoding);
        assert_eq!(
            (status.decoded, status.decode_total),
            (1_600_000, 1_600_000)
        );
    }

    #[test]
    fn small_and_missing_files_open_at_once_with_the_same_decisions() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("workspace.json");
        let StartupOpen::Ready(first_run) = begin_startup_open(&missing, true, || {}) else {
            panic!("a missing file should not need a worker");
        };
        assert!(matches!(first_run.kind, StartupKind::FirstRunDemo));
        assert_eq!(first_run.workspace.name, DEMO_NAME);

        let broken = folder.path().join("broken.rlens");
        std::fs::write(&broken, b"{\"format_version\": 1, \"series\": [").unwrap();
        let StartupOpen::Ready(failed) = begin_startup_open(&broken, false, || {}) else {
            panic!("a small file should not need a worker");
        };
        assert!(!failed.may_save());
        assert!(matches!(&failed.kind, StartupKind::Failed(e) if e.is_unreadable_content()));
    }

    #[test]
    fn a_large_unreadable_file_fails_as_it_would_at_once() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("large.rlens");
        large_file(&path);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 100]).unwrap();
        let StartupOpen::Opening(opening) = begin_startup_open(&path, true, || {}) else {
            panic!("a large file should open in the background");
        };
        let startup = opening.wait();
        assert!(!startup.may_save());
        assert!(matches!(&startup.kind, StartupKind::Failed(e) if e.is_unreadable_content()));
        assert!(startup.workspace.series.is_empty());
    }
}
