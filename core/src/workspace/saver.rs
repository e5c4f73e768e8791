//! Saving workspaces on a worker thread, so that writing a large workspace never stalls the
//! window. Each request carries a snapshot of the workspace (its series are shared, so taking
//! one copies pointers, not observations). Saves run one at a time, in the order they were
//! asked for, so a file is never written by two saves at once; a request for a file whose save
//! is still waiting replaces the waiting snapshot (saves coalesce). Results come back in order
//! and the caller is woken when each arrives. Dropping the saver waits until everything asked
//! for is written, so nothing handed to it is lost.

use std::collections::VecDeque;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use super::document::Workspace;
use super::error::WorkspaceError;
use super::file::save_workspace;

/// Identifies one save request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SaveId(u64);

/// A save that has finished.
#[derive(Debug)]
pub struct FinishedSave {
    /// The requests this write served, oldest first: more than one when later requests for the
    /// same file replaced a snapshot that was still waiting.
    pub ids: Vec<SaveId>,
    /// The file written.
    pub path: PathBuf,
    /// Whether it was written.
    pub result: Result<(), WorkspaceError>,
}

/// Writes a workspace to a file; [`save_workspace`] unless a test needs to control timing.
pub type WriteFn = dyn Fn(&Path, &Workspace) -> Result<(), WorkspaceError> + Send + Sync;

struct Request {
    ids: Vec<SaveId>,
    path: PathBuf,
    workspace: Workspace,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Request>,
    /// The file being written now.
    running: Option<PathBuf>,
    finished: Vec<FinishedSave>,
    /// Whether a worker thread is draining the queue.
    worker: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    /// Signalled whenever a save finishes and when the worker stops.
    changed: Condvar,
}

impl Shared {
    /// The queue; a panic elsewhere while it was held leaves it consistent (every change to it
    /// is a single step), so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Saves workspaces in the background, one at a time.
pub struct Saver {
    next_id: u64,
    shared: Arc<Shared>,
    write: Arc<WriteFn>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Saver {
    /// A saver writing with [`save_workspace`]; `wake` is called from the worker thread after
    /// each save finishes (the app asks for a repaint there).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Saver {
        Saver::with_writer(wake, save_workspace)
    }

    /// A saver writing with `write` instead of [`save_workspace`] (tests use it to hold a save
    /// while they look at the queue).
    pub fn with_writer(
        wake: impl Fn() + Send + Sync + 'static,
        write: impl Fn(&Path, &Workspace) -> Result<(), WorkspaceError> + Send + Sync + 'static,
    ) -> Saver {
        Saver {
            next_id: 0,
            shared: Arc::new(Shared {
                queue: Mutex::new(Queue::default()),
                changed: Condvar::new(),
            }),
            write: Arc::new(write),
            wake: Arc::new(wake),
        }
    }

    /// Asks for `workspace` to be saved to `path` after the saves already asked for. When a
    /// save of `path` is still waiting, this snapshot replaces its snapshot instead.
    pub fn save(&mut self, path: &Path, workspace: Workspace) -> SaveId {
        let id = SaveId(self.next_id);
        self.next_id += 1;
        let start_worker = {
            let mut queue = self.shared.lock();
            if let Some(waiting) = queue.waiting.iter_mut().find(|r| r.path == path) {
                waiting.ids.push(id);
                waiting.workspace = workspace;
            } else {
                queue.waiting.push_back(Request {
                    ids: vec![id],
                    path: path.to_path_buf(),
                    workspace,
                });
            }
            !std::mem::replace(&mut queue.worker, true)
        };
        if start_worker {
            self.start_worker();
        }
        id
    }

    fn start_worker(&self) {
        let shared = Arc::clone(&self.shared);
        let write = Arc::clone(&self.write);
        let wake = Arc::clone(&self.wake);
        let spawned = std::thread::Builder::new()
            .name("save".to_string())
            .spawn(move || drain(&shared, write.as_ref(), wake.as_ref()));
        if let Err(error) = spawned {
            // Without a thread the work is still done, here: nothing asked for is dropped.
            log::warn!("saving on this thread, no worker thread could start: {error}");
            drain(&self.shared, self.write.as_ref(), self.wake.as_ref());
        }
    }

    /// Whether a save is running or waiting.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        let queue = self.shared.lock();
        queue.running.is_some() || !queue.waiting.is_empty()
    }

    /// Whether a save of `path` is running or waiting.
    #[must_use]
    pub fn is_saving(&self, path: &Path) -> bool {
        let queue = self.shared.lock();
        queue.running.as_deref() == Some(path) || queue.waiting.iter().any(|r| r.path == path)
    }

    /// The saves that finished since the last call, in the order they ran.
    pub fn take_finished(&mut self) -> Vec<FinishedSave> {
        std::mem::take(&mut self.shared.lock().finished)
    }

    /// Waits until every save asked for has finished, and returns those not yet taken.
    pub fn wait_idle(&mut self) -> Vec<FinishedSave> {
        let mut queue = self.shared.lock();
        while queue.worker {
            queue = self
                .shared
                .changed
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
        std::mem::take(&mut queue.finished)
    }
}

impl Drop for Saver {
    /// Waits for the saves asked for: closing must not lose them.
    fn drop(&mut self) {
        let finished = self.wait_idle();
        for save in finished {
            if let Err(error) = save.result {
                log::error!("save failed: {error}");
            }
        }
    }
}

/// The worker: saves the waiting requests one by one until none is left.
fn drain(shared: &Shared, write: &WriteFn, wake: &(dyn Fn() + Send + Sync)) {
    loop {
        let request = {
            let mut queue = shared.lock();
            let Some(request) = queue.waiting.pop_front() else {
                queue.worker = false;
                shared.changed.notify_all();
                return;
            };
            queue.running = Some(request.path.clone());
            request
        };
        let Request {
            ids,
            path,
            workspace,
        } = request;
        // A panic in the writer must not leave the queue marked as running forever: it becomes
        // a failed save, reported like any other.
        let result =
            catch_unwind(AssertUnwindSafe(|| write(&path, &workspace))).unwrap_or_else(|_| {
                Err(WorkspaceError::Io {
                    path: path.clone(),
                    action: "write",
                    source: io::Error::other("the save stopped unexpectedly"),
                })
            });
        drop(workspace);
        {
            let mut queue = shared.lock();
            queue.running = None;
            queue.finished.push(FinishedSave { ids, path, result });
            shared.changed.notify_all();
        }
        wake();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc::{Receiver, Sender, channel};
    use std::time::Duration;

    use super::*;
    use crate::workspace::load_workspace;

    fn named(name: &str) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.name = name.to_string();
        workspace
    }

    /// A writer that records each save (file name and workspace name) as it starts, then
    /// waits for a go-ahead before finishing; paths named `fail*` fail.
    struct Gate {
        started: Receiver<(String, String)>,
        release: Sender<()>,
    }

    fn gated_saver(wakes: Arc<AtomicUsize>) -> (Saver, Gate) {
        let (started_tx, started) = channel::<(String, String)>();
        let (release, release_rx) = channel::<()>();
        let release_rx = Mutex::new(release_rx);
        let saver = Saver::with_writer(
            move || {
                wakes.fetch_add(1, Ordering::SeqCst);
            },
            move |path: &Path, workspace: &Workspace| {
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                started_tx
                    .send((file.clone(), workspace.name.clone()))
                    .unwrap();
                release_rx.lock().unwrap().recv().unwrap();
                if file.starts_with("fail") {
                    Err(WorkspaceError::Io {
                        path: path.to_path_buf(),
                        action: "replace",
                        source: io::Error::other("disk full"),
                    })
                } else {
                    Ok(())
                }
            },
        );
        (saver, Gate { started, release })
    }

    impl Gate {
        fn next_started(&self) -> (String, String) {
            self.started.recv_timeout(Duration::from_secs(10)).unwrap()
        }
        fn release(&self) {
            self.release.send(()).unwrap();
        }
    }

    #[test]
    fn saves_in_the_background_and_wakes_the_caller() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&wakes);
        let mut saver = Saver::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let id = saver.save(&path, named("mine"));
        let finished = saver.wait_idle();
        assert_eq!(finished.len(), 1);
        assert_eq!(finished[0].ids, vec![id]);
        assert_eq!(finished[0].path, path);
        assert!(finished[0].result.is_ok());
        assert_eq!(load_workspace(&path).unwrap().name, "mine");
        assert!(!saver.is_busy());
        // The worker wakes the caller just after recording the result.
        for _ in 0..200 {
            if wakes.load(Ordering::SeqCst) > 0 {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn requests_for_a_waiting_file_coalesce_into_one_save_of_the_latest_snapshot() {
        let wakes = Arc::new(AtomicUsize::new(0));
        let (mut saver, gate) = gated_saver(Arc::clone(&wakes));
        let path = Path::new("/somewhere/a.rlens");
        let first = saver.save(path, named("v1"));
        // The first save is running; the next three wait, and only the last snapshot is kept.
        assert_eq!(gate.next_started(), ("a.rlens".into(), "v1".into()));
        assert!(saver.is_busy());
        assert!(saver.is_saving(path));
        let second = saver.save(path, named("v2"));
        let third = saver.save(path, named("v3"));
        let fourth = saver.save(path, named("v4"));
        gate.release();
        assert_eq!(gate.next_started(), ("a.rlens".into(), "v4".into()));
        gate.release();
        let finished = saver.wait_idle();
        assert_eq!(finished.len(), 2);
        assert_eq!(finished[0].ids, vec![first]);
        assert_eq!(finished[1].ids, vec![second, third, fourth]);
        assert!(finished.iter().all(|f| f.result.is_ok()));
        assert!(gate.started.try_recv().is_err(), "no third write");
        assert!(!saver.is_saving(path));
    }

    #[test]
    fn results_arrive_in_the_order_asked_and_one_file_is_never_written_twice_at_once() {
        let wakes = Arc::new(AtomicUsize::new(0));
        let (mut saver, gate) = gated_saver(Arc::clone(&wakes));
        let a = saver.save(Path::new("a.rlens"), named("a1"));
        assert_eq!(gate.next_started().0, "a.rlens");
        let b = saver.save(Path::new("b.rlens"), named("b1"));
        let c = saver.save(Path::new("c.rlens"), named("c1"));
        let a2 = saver.save(Path::new("a.rlens"), named("a2"));
        // Nothing else starts while a.rlens is being written.
        assert!(
            gate.started
                .recv_timeout(Duration::from_millis(50))
                .is_err()
        );
        assert!(saver.take_finished().is_empty());
        gate.release();
        assert_eq!(gate.next_started(), ("b.rlens".into(), "b1".into()));
        gate.release();
        assert_eq!(gate.next_started(), ("c.rlens".into(), "c1".into()));
        gate.release();
        assert_eq!(gate.next_started(), ("a.rlens".into(), "a2".into()));
        gate.release();
        let finished = saver.wait_idle();
        let order: Vec<(Vec<SaveId>, PathBuf)> =
            finished.into_iter().map(|f| (f.ids, f.path)).collect();
        assert_eq!(
            order,
            vec![
                (vec![a], PathBuf::from("a.rlens")),
                (vec![b], PathBuf::from("b.rlens")),
                (vec![c], PathBuf::from("c.rlens")),
                (vec![a2], PathBuf::from("a.rlens")),
            ]
        );
        assert_eq!(wakes.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn errors_are_reported_with_the_file_and_later_saves_still_run() {
        let wakes = Arc::new(AtomicUsize::new(0));
        let (mut saver, gate) = gated_saver(wakes);
        let failing = saver.save(Path::new("fail.rlens"), named("x"));
        let fine = saver.save(Path::new("fine.rlens"), named("y"));
        gate.next_started();
        gate.release();
        gate.next_started();
        gate.release();
        let finished = saver.wait_idle();
        assert_eq!(finished.len(), 2);
        assert_eq!(finished[0].ids, vec![failing]);
        let Err(error) = &finished[0].result else {
            panic!("the save of fail.rlens should fail");
        };
        assert_eq!(error.to_string(), "could not replace fail.rlens: disk full");
        assert_eq!(finished[1].ids, vec![fine]);
        assert!(finished[1].result.is_ok());
    }

    #[test]
    fn a_real_save_error_comes_back_as_the_workspace_error() {
        let folder = tempfile::tempdir().unwrap();
        // A file where the folder should be: the folder cannot be created.
        let blocker = folder.path().join("blocker");
        std::fs::write(&blocker, b"x").unwrap();
        let path = blocker.join("workspace.json");
        let mut saver = Saver::new(|| {});
        saver.save(&path, named("mine"));
        let finished = saver.wait_idle();
        let Err(error) = &finished[0].result else {
            panic!("saving under a file should fail");
        };
        assert!(
            matches!(
                error,
                WorkspaceError::Io {
                    action: "create the folder",
                    ..
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn a_panicking_writer_becomes_a_failed_save() {
        let mut saver = Saver::with_writer(|| {}, |_: &Path, _: &Workspace| panic!("boom"));
        saver.save(Path::new("w.rlens"), named("w"));
        let finished = saver.wait_idle();
        assert_eq!(finished.len(), 1);
        assert!(finished[0].result.is_err());
        assert!(!saver.is_busy());
    }

    #[test]
    fn dropping_the_saver_finishes_every_save_asked_for() {
        let folder = tempfile::tempdir().unwrap();
        let first = folder.path().join("first.rlens");
        let second = folder.path().join("second.rlens");
        {
            let mut saver = Saver::new(|| {});
            saver.save(&first, named("one"));
            saver.save(&second, named("two"));
            saver.save(&first, named("three"));
        }
        assert_eq!(load_workspace(&first).unwrap().name, "three");
        assert_eq!(load_workspace(&second).unwrap().name, "two");
    }

    #[test]
    fn the_worker_restarts_after_going_idle() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("w.rlens");
        let mut saver = Saver::new(|| {});
        saver.save(&path, named("one"));
        assert_eq!(saver.wait_idle().len(), 1);
        saver.save(&path, named("two"));
        assert_eq!(saver.wait_idle().len(), 1);
        assert_eq!(load_workspace(&path).unwrap().name, "two");
    }
}
