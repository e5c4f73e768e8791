//! The app's log file: a small backend for the `log` facade that appends timestamped lines to
//! `rotation-lens.log` in the data directory and rotates it, so `log::info!`, `log::warn!` and
//! `log::error!` anywhere in the app end up somewhere a user can find and send. Logging is
//! best effort: a log that cannot be written never stops or crashes the app.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use log::{Level, LevelFilter, Log, Metadata, Record};

/// The size at which the current log is rotated away.
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;

/// How many rotated logs are kept beside the current one (`rotation-lens.log.1` is the newest).
pub const KEPT_OLD_LOGS: usize = 3;

/// The prefix of log targets that belong to this crate; they are logged from `Info` up, while
/// the libraries underneath (windowing, graphics) are logged from `Warn` up to keep the log short.
const OWN_TARGET: &str = "rotation_lens";

/// Why the log could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The directory that holds the log could not be created.
    #[error("cannot create the log directory {}: {source}", dir.display())]
    CreateDir {
        /// The directory.
        dir: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A logger was already installed in this process.
    #[error("a logger is already installed")]
    AlreadyStarted,
}

/// A log file that is moved to `NAME.1` (shifting older ones to `NAME.2`, …) once it would grow
/// past a size limit, keeping a fixed number of old files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RotatingFile {
    path: PathBuf,
    max_bytes: u64,
    keep: usize,
}

impl RotatingFile {
    /// A log at `path`, rotated before it would grow past `max_bytes`, keeping `keep` old files.
    #[must_use]
    pub fn new(path: impl Into<PathBuf>, max_bytes: u64, keep: usize) -> RotatingFile {
        RotatingFile {
            path: path.into(),
            max_bytes,
            keep,
        }
    }

    /// The current log file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of the `generation`-th old log (1 is the most recent).
    #[must_use]
    pub fn rotated_path(&self, generation: usize) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{generation}"));
        PathBuf::from(name)
    }

    /// Appends `line` (which should end with a newline), rotating first if the file would
    /// otherwise exceed the size limit. A single line longer than the limit is still written,
    /// alone in a fresh file.
    pub fn append(&self, line: &str) -> io::Result<()> {
        let current = fs::metadata(&self.path).map_or(0, |meta| meta.len());
        let incoming = u64::try_from(line.len()).unwrap_or(u64::MAX);
        if current > 0 && current.saturating_add(incoming) > self.max_bytes {
            self.rotate()?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        file.write_all(line.as_bytes())
    }

    /// Shifts `NAME.k` to `NAME.k+1` (dropping the oldest) and the current log to `NAME.1`.
    fn rotate(&self) -> io::Result<()> {
        if self.keep == 0 {
            return remove_if_present(&self.path);
        }
        remove_if_present(&self.rotated_path(self.keep))?;
        for generation in (1..self.keep).rev() {
            let from = self.rotated_path(generation);
            if from.exists() {
                fs::rename(&from, self.rotated_path(generation + 1))?;
            }
        }
        fs::rename(&self.path, self.rotated_path(1))
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// One log line: `2025-01-31T09:15:02.123Z INFO  target: message`, in UTC so lines from
/// different machines compare directly.
#[must_use]
pub fn format_line(
    timestamp: jiff::Timestamp,
    level: Level,
    target: &str,
    message: &fmt::Arguments<'_>,
) -> String {
    format!(
        "{} {level:<5} {target}: {message}\n",
        timestamp.strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
    )
}

/// The first line written when the app starts: which version runs on which workspace.
#[must_use]
pub fn start_message(version: &str, workspace: &Path) -> String {
    format!(
        "Rotation Lens {version} starting; workspace {}",
        workspace.display()
    )
}

/// The `log` backend that writes to a [`RotatingFile`].
#[derive(Debug)]
pub struct FileLogger {
    file: Mutex<RotatingFile>,
}

impl FileLogger {
    /// A logger writing to `file`.
    #[must_use]
    pub fn new(file: RotatingFile) -> FileLogger {
        FileLogger {
            file: Mutex::new(file),
        }
    }
}

impl Log for FileLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        let threshold = if metadata.target().starts_with(OWN_TARGET) {
            Level::Info
        } else {
            Level::Warn
        };
        metadata.level() <= threshold
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format_line(
            jiff::Timestamp::now(),
            record.level(),
            record.target(),
            record.args(),
        );
        // A poisoned lock only means another thread panicked mid-write; the file is still usable.
        let file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        // Best effort: there is nowhere left to report a failure to write the log.
        let _ = file.append(&line);
    }

    fn flush(&self) {}
}

/// Installs the file logger for the whole process, writes the start line (version and
/// `workspace`) and logs panics before the usual panic message. `log_file`'s directory is
/// created if needed. The caller may ignore the error: the app runs the same without a log.
pub fn start(log_file: &Path, workspace: &Path) -> Result<(), LogError> {
    if let Some(dir) = log_file.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|source| LogError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
    }
    let logger = FileLogger::new(RotatingFile::new(log_file, MAX_LOG_BYTES, KEPT_OLD_LOGS));
    log::set_boxed_logger(Box::new(logger)).map_err(|_| LogError::AlreadyStarted)?;
    log::set_max_level(LevelFilter::Info);
    log::info!("{}", start_message(env!("CARGO_PKG_VERSION"), workspace));

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("panic: {info}");
        previous_hook(info);
    }));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        fs::read_to_string(path).expect("the log file is readable")
    }

    #[test]
    fn lines_accumulate_until_the_limit() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = RotatingFile::new(dir.path().join("app.log"), 20, 3);
        log.append("first line\n").expect("append");
        log.append("second\n").expect("append");
        assert_eq!(read(log.path()), "first line\nsecond\n");
        assert!(!log.rotated_path(1).exists());
    }

    #[test]
    fn a_full_log_moves_to_dot_one_and_older_logs_shift() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = RotatingFile::new(dir.path().join("app.log"), 10, 3);
        for line in ["aaaaaaaa\n", "bbbbbbbb\n", "cccccccc\n", "dddddddd\n"] {
            log.append(line).expect("append");
        }
        assert_eq!(read(log.path()), "dddddddd\n");
        assert_eq!(read(&log.rotated_path(1)), "cccccccc\n");
        assert_eq!(read(&log.rotated_path(2)), "bbbbbbbb\n");
        assert_eq!(read(&log.rotated_path(3)), "aaaaaaaa\n");
    }

    #[test]
    fn only_the_configured_number_of_old_logs_is_kept() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = RotatingFile::new(dir.path().join("app.log"), 10, 3);
        for n in 0..6 {
            log.append(&format!("line {n:03}\n")).expect("append");
        }
        assert_eq!(read(log.path()), "line 005\n");
        assert_eq!(read(&log.rotated_path(1)), "line 004\n");
        assert_eq!(read(&log.rotated_path(3)), "line 002\n");
        assert!(!log.rotated_path(4).exists());
        let files = fs::read_dir(dir.path())
            .expect("list the directory")
            .count();
        assert_eq!(files, 4);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_still_written() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = RotatingFile::new(dir.path().join("app.log"), 4, 1);
        log.append("a long line\n").expect("append");
        log.append("next\n").expect("append");
        assert_eq!(read(log.path()), "next\n");
        assert_eq!(read(&log.rotated_path(1)), "a long line\n");
    }

    #[test]
    fn rotated_names_append_the_generation() {
        let log = RotatingFile::new("/data/rotation-lens.log", MAX_LOG_BYTES, KEPT_OLD_LOGS);
        assert_eq!(
            log.rotated_path(2),
            PathBuf::from("/data/rotation-lens.log.2")
        );
    }

    #[test]
    fn lines_carry_a_utc_millisecond_timestamp_level_and_target() {
        let timestamp: jiff::Timestamp = "2025-01-31T09:15:02.123456Z"
            .parse()
            .expect("a valid timestamp");
        let line = format_line(
            timestamp,
            Level::Warn,
            "rotation_lens::import",
            &format_args!("skipped {} rows", 3),
        );
        assert_eq!(
            line,
            "2025-01-31T09:15:02.123Z WARN  rotation_lens::import: skipped 3 rows\n"
        );
    }

    #[test]
    fn the_start_message_names_version_and_workspace() {
        let message = start_message("1.2.3", Path::new("/data/workspace.json"));
        assert_eq!(
            message,
            "Rotation Lens 1.2.3 starting; workspace /data/workspace.json"
        );
    }

    #[test]
    fn the_logger_keeps_own_info_and_only_warnings_from_libraries() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("app.log");
        let logger = FileLogger::new(RotatingFile::new(&path, MAX_LOG_BYTES, KEPT_OLD_LOGS));
        let record = |level, target, text| {
            logger.log(
                &Record::builder()
                    .level(level)
                    .target(target)
                    .args(format_args!("{text}"))
                    .build(),
            );
        };
        record(Level::Info, "rotation_lens::ui", "opened");
        record(Level::Debug, "rotation_lens::ui", "frame");
        record(Level::Info, "wgpu_core", "adapter chosen");
        record(Level::Warn, "winit", "no cursor theme");
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with(" INFO  rotation_lens::ui: opened"));
        assert!(lines[1].ends_with(" WARN  winit: no cursor theme"));
    }

    #[test]
    fn a_log_in_an_unwritable_place_is_ignored() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let blocked = dir.path().join("not-a-dir");
        fs::write(&blocked, "a file where the directory should be")
            .expect("write the blocking file");
        let logger = FileLogger::new(RotatingFile::new(
            blocked.join("app.log"),
            MAX_LOG_BYTES,
            KEPT_OLD_LOGS,
        ));
        logger.log(
            &Record::builder()
                .level(Level::Error)
                .target("rotation_lens")
                .args(format_args!("lost"))
                .build(),
        );
        assert!(!blocked.join("app.log").exists());
    }

    #[test]
    fn start_creates_the_directory_and_writes_version_and_workspace_first() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log_file = dir.path().join("nested").join("rotation-lens.log");
        start(&log_file, Path::new("/data/workspace.json")).expect("the log starts");
        let text = read(&log_file);
        let first = text.lines().next().expect("a first line");
        let expected = format!(
            "INFO  rotation_lens::logging: Rotation Lens {} starting; workspace /data/workspace.json",
            env!("CARGO_PKG_VERSION")
        );
        assert!(first.ends_with(&expected), "{first}");
        assert!(matches!(
            start(&log_file, Path::new("/other")),
            Err(LogError::AlreadyStarted)
        ));
    }
}
