//! Imports running on worker threads, so a 100 MB file never stalls the window: each job reports
//! progress in bytes, can be cancelled, and delivers its complete result through a channel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::{
    FileImportError, ImportControl, ImportOptions, ImportOutcome, import_file_with_control,
};

/// Identifies one background import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobId(u64);

/// A finished background import: every series of the file, or why there are none.
#[derive(Debug)]
pub struct FinishedImport {
    /// The job.
    pub id: JobId,
    /// The file.
    pub path: PathBuf,
    /// The options it was imported with.
    pub options: ImportOptions,
    /// The outcome.
    pub result: Result<ImportOutcome, FileImportError>,
}

/// How far a running import has got.
#[derive(Clone, Debug, PartialEq)]
pub struct JobProgress {
    /// The job.
    pub id: JobId,
    /// The file.
    pub path: PathBuf,
    /// Bytes read so far.
    pub bytes_read: u64,
    /// Bytes in all (0 until the file is decoded).
    pub bytes_total: u64,
}

impl JobProgress {
    /// The fraction done, 0–1.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        fraction_done(self.bytes_read, self.bytes_total)
    }
}

/// `done` of `total` as a fraction from 0 to 1, for a progress bar (0 while the total is unknown).
#[must_use]
pub fn fraction_done(done: u64, total: u64) -> f32 {
    if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0) as f32
    }
}

struct RunningJob {
    id: JobId,
    path: PathBuf,
    control: Arc<ImportControl>,
}

/// The imports running in the background.
pub struct ImportJobs {
    next_id: u64,
    running: Vec<RunningJob>,
    sender: Sender<FinishedImport>,
    receiver: Receiver<FinishedImport>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl ImportJobs {
    /// No jobs yet; `wake` is called from the worker thread when a job finishes (the app asks
    /// for a repaint there).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> ImportJobs {
        let (sender, receiver) = channel();
        ImportJobs {
            next_id: 0,
            running: Vec::new(),
            sender,
            receiver,
            wake: Arc::new(wake),
        }
    }

    /// Starts importing `path` on a worker thread.
    pub fn start(&mut self, path: &Path, options: ImportOptions) -> JobId {
        self.start_with_control(path, options, Arc::new(ImportControl::default()))
    }

    /// Starts an import that reports to (and can be cancelled through) `control`.
    pub fn start_with_control(
        &mut self,
        path: &Path,
        options: ImportOptions,
        control: Arc<ImportControl>,
    ) -> JobId {
        let id = JobId(self.next_id);
        self.next_id += 1;
        self.running.push(RunningJob {
            id,
            path: path.to_path_buf(),
            control: Arc::clone(&control),
        });
        let sender = self.sender.clone();
        let wake = Arc::clone(&self.wake);
        let job_path = path.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("import".to_string())
            .spawn(move || {
                let result = import_file_with_control(&job_path, &options, &control);
                // The receiver is gone only when the app is closing; nothing to report then.
                let _ = sender.send(FinishedImport {
                    id,
                    path: job_path,
                    options,
                    result,
                });
                wake();
            });
        if let Err(error) = spawned {
            let _ = self.sender.send(FinishedImport {
                id,
                path: path.to_path_buf(),
                options: ImportOptions::default(),
                result: Err(FileImportError::Read {
                    path: path.to_path_buf(),
                    source: error,
                }),
            });
        }
        id
    }

    /// Progress of every running job.
    #[must_use]
    pub fn progress(&self) -> Vec<JobProgress> {
        self.running
            .iter()
            .map(|job| JobProgress {
                id: job.id,
                path: job.path.clone(),
                bytes_read: job.control.bytes_read.load(Ordering::Relaxed),
                bytes_total: job.control.bytes_total.load(Ordering::Relaxed),
            })
            .collect()
    }

    /// Asks a job to stop; it then finishes with a "cancelled" error.
    pub fn cancel(&self, id: JobId) {
        if let Some(job) = self.running.iter().find(|job| job.id == id) {
            job.control.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Whether any job is still running.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// The jobs that finished since the last call.
    pub fn take_finished(&mut self) -> Vec<FinishedImport> {
        let finished: Vec<FinishedImport> = self.receiver.try_iter().collect();
        self.running
            .retain(|job| !finished.iter().any(|f| f.id == job.id));
        finished
    }

    /// Waits for every running job (used when closing and in tests).
    pub fn wait_all(&mut self) -> Vec<FinishedImport> {
        let mut finished = Vec::new();
        while !self.running.is_empty() {
            let Ok(done) = self.receiver.recv() else {
                break;
            };
            self.running.retain(|job| job.id != done.id);
            finished.push(done);
        }
        finished
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;
    use crate::import::ImportError;

    fn write_file(dir: &Path, name: &str, rows: usize) -> PathBuf {
        let mut text = String::from("Date,Close\n");
        for day in 0..rows {
            let date =
                crate::model::Date::from_day_number(10_000 + day as i32).map(|d| d.to_string());
            text.push_str(&format!("{},{}.5\n", date.unwrap_or_default(), 100 + day));
        }
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn imports_in_the_background_and_wakes_the_caller() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "SPX.csv", 1000);
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&wakes);
        let mut jobs = ImportJobs::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let id = jobs.start(&path, ImportOptions::default());
        assert!(jobs.is_busy());
        let finished = jobs.wait_all();
        assert_eq!(finished.len(), 1);
        assert_eq!(finished[0].id, id);
        let outcome = finished[0].result.as_ref().unwrap();
        assert_eq!(outcome.series[0].name, "SPX");
        assert_eq!(outcome.series[0].len(), 1000);
        // The worker wakes the caller just after sending its result.
        for _ in 0..200 {
            if wakes.load(Ordering::SeqCst) > 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
        assert!(!jobs.is_busy());
    }

    #[test]
    fn a_cancelled_job_delivers_a_cancelled_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "SPX.csv", 100);
        let mut jobs = ImportJobs::new(|| {});
        let control = Arc::new(ImportControl::default());
        control.cancel.store(true, Ordering::SeqCst);
        jobs.start_with_control(&path, ImportOptions::default(), control);
        let finished = jobs.wait_all();
        assert!(matches!(
            finished[0].result,
            Err(FileImportError::Import {
                source: ImportError::Cancelled,
                ..
            })
        ));
    }

    #[test]
    fn progress_reports_the_fraction_read() {
        let progress = JobProgress {
            id: JobId(0),
            path: PathBuf::new(),
            bytes_read: 25,
            bytes_total: 100,
        };
        assert!((progress.fraction() - 0.25).abs() < 1e-6);
    }
}
