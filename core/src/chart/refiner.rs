//! A background worker that runs the latest job asked for each key, one at a time, and hands the
//! results back to be taken in: the chart's decimations after a zoom run here while the frame
//! draws what it already has.
//!
//! Asking again for a key whose job has not started replaces it (the latest request wins), so
//! the queue never holds more than one job per key. A job that panics stops the worker: it is
//! then [`Refiner::failed`], runs nothing more, and its owner does the work itself.

use std::collections::VecDeque;
use std::hash::Hash;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

struct State<K, J, R> {
    /// Jobs not yet started, oldest first, at most one per key.
    pending: VecDeque<(K, J)>,
    /// Finished jobs' results not yet taken, at most one per key (the latest).
    done: Vec<(K, R)>,
    /// Whether a job is running.
    running: bool,
    /// A job panicked; nothing more runs.
    failed: bool,
    /// The owner is gone.
    closed: bool,
}

struct Shared<K, J, R> {
    state: Mutex<State<K, J, R>>,
    /// Signalled when a job is asked for, one finishes, or the owner goes.
    changed: Condvar,
}

impl<K, J, R> Shared<K, J, R> {
    fn lock(&self) -> MutexGuard<'_, State<K, J, R>> {
        // The lock is never held while a job runs, so no panic can poison it; if one did, the
        // state is still consistent (every change is a single push or pop).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A worker thread running jobs of type `J` keyed by `K` into results `R` (see the module
/// documentation). Dropping it stops the thread after the job it runs.
pub struct Refiner<K, J, R> {
    shared: Arc<Shared<K, J, R>>,
    thread: Option<JoinHandle<()>>,
}

impl<K, J, R> Refiner<K, J, R>
where
    K: Eq + Hash + Clone + Send + 'static,
    J: Send + 'static,
    R: Send + 'static,
{
    /// Starts a worker running `work` on each job; `None` when no thread can be started.
    pub fn new(work: impl Fn(&K, J) -> R + Send + 'static) -> Option<Refiner<K, J, R>> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: VecDeque::new(),
                done: Vec::new(),
                running: false,
                failed: false,
                closed: false,
            }),
            changed: Condvar::new(),
        });
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("chart refiner".into())
            .spawn(move || run(&worker, &work))
            .ok()?;
        Some(Refiner {
            shared,
            thread: Some(thread),
        })
    }

    /// Asks for `job` under `key`, replacing a job of that key not yet started.
    pub fn request(&self, key: K, job: J) {
        let mut state = self.shared.lock();
        if let Some(slot) = state.pending.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = job;
        } else {
            state.pending.push_back((key, job));
        }
        drop(state);
        self.shared.changed.notify_all();
    }

    /// Drops the jobs not yet started whose key `keep` refuses (work no longer wanted).
    pub fn retain(&self, keep: impl Fn(&K) -> bool) {
        self.shared.lock().pending.retain(|(key, _)| keep(key));
    }

    /// The results finished since the last call, oldest first.
    #[must_use]
    pub fn take_done(&self) -> Vec<(K, R)> {
        std::mem::take(&mut self.shared.lock().done)
    }

    /// Whether no job waits or runs.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        let state = self.shared.lock();
        state.pending.is_empty() && !state.running
    }

    /// Whether a job panicked, which stopped the worker.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.shared.lock().failed
    }

    /// Waits until no job waits or runs (or the worker failed), at most `timeout`; whether it
    /// is idle.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        loop {
            if state.failed || (state.pending.is_empty() && !state.running) {
                return !state.running && state.pending.is_empty();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

impl<K, J, R> Drop for Refiner<K, J, R> {
    fn drop(&mut self) {
        {
            let mut state = self
                .shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            state.closed = true;
            state.pending.clear();
        }
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            // A worker that panicked has already stopped; either way there is nothing to report.
            let _ = thread.join();
        }
    }
}

fn run<K: Eq + Clone, J, R>(shared: &Shared<K, J, R>, work: &impl Fn(&K, J) -> R) {
    loop {
        let (key, job) = {
            let mut state = shared.lock();
            loop {
                if state.closed || state.failed {
                    return;
                }
                if let Some(next) = state.pending.pop_front() {
                    state.running = true;
                    break next;
                }
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let result = catch_unwind(AssertUnwindSafe(|| work(&key, job)));
        let mut state = shared.lock();
        state.running = false;
        match result {
            Ok(result) => {
                state.done.retain(|(k, _)| *k != key);
                state.done.push((key, result));
            }
            Err(_) => {
                state.failed = true;
                state.pending.clear();
            }
        }
        drop(state);
        shared.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn results_arrive_and_the_latest_request_for_a_key_wins() {
        // The first job blocks until released, so the later requests queue behind it.
        let (release, gate) = mpsc::channel::<()>();
        let gate = Mutex::new(gate);
        let refiner = Refiner::new(move |key: &&str, job: u32| {
            if *key == "blocker" {
                let _ = gate.lock().unwrap().recv();
            }
            job * 10
        })
        .unwrap();
        refiner.request("blocker", 1);
        // Wait until the blocker runs, so the others stay pending.
        let start = Instant::now();
        while refiner.shared.lock().pending.len() == 1 && start.elapsed() < Duration::from_secs(5) {
            std::thread::yield_now();
        }
        refiner.request("a", 2);
        refiner.request("b", 3);
        refiner.request("a", 4);
        assert_eq!(refiner.shared.lock().pending.len(), 2, "one job per key");
        refiner.request("c", 5);
        refiner.retain(|key| *key != "c");
        assert_eq!(
            refiner.shared.lock().pending.len(),
            2,
            "c is no longer wanted"
        );
        assert!(!refiner.is_idle());
        release.send(()).unwrap();
        assert!(refiner.wait_idle(Duration::from_secs(10)));
        let mut done = refiner.take_done();
        done.sort_unstable();
        assert_eq!(done, [("a", 40), ("b", 30), ("blocker", 10)]);
        assert!(refiner.take_done().is_empty(), "taken once");
        assert!(!refiner.failed());
    }

    #[test]
    fn a_panicking_job_stops_the_worker_without_taking_the_owner_down() {
        let refiner = Refiner::new(|_: &u8, job: u32| {
            assert!(job != 13, "unlucky job");
            job
        })
        .unwrap();
        refiner.request(1, 5);
        assert!(refiner.wait_idle(Duration::from_secs(10)));
        refiner.request(2, 13);
        let _ = refiner.wait_idle(Duration::from_secs(10));
        assert!(refiner.failed());
        refiner.request(3, 7);
        assert!(
            !refiner.wait_idle(Duration::from_millis(50)),
            "nothing runs any more"
        );
        assert_eq!(refiner.take_done(), [(1, 5)]);
        // Dropping it joins the stopped thread.
        drop(refiner);
    }
}
