//! Writing a file whole or not at all: the one way Rotation Lens writes the files it owns or
//! exports (settings, hand-off requests, chart pictures, CSV tables, reports). The content goes
//! to a temporary file in the same folder, is flushed to disk, renamed over the target, and the
//! folder is flushed too, so a crash or a full disk leaves either the old file or the new one,
//! never half of one. (The workspace has its own save, which also keeps a backup.)

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A file that could not be written, with the step that failed.
#[derive(Debug, Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct WriteError {
    /// The file or folder the failed step was working on.
    pub path: PathBuf,
    /// What was being done, e.g. "create the folder", "write", "replace".
    pub action: &'static str,
    /// The system's reason.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    fn at(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> WriteError {
        let path = path.to_path_buf();
        move |source| WriteError {
            path,
            action,
            source,
        }
    }
}

/// Writes `bytes` to `path` atomically, creating its folder when missing.
///
/// # Errors
/// The step that failed and why; the file at `path`, if any, is then unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, |writer| writer.write_all(bytes))
}

/// Writes to `path` atomically what `write` puts into the writer it is given (buffered), creating
/// the folder when missing.
///
/// # Errors
/// The step that failed and why (an error of `write` is reported as "write"); the file at
/// `path`, if any, is then unchanged and no temporary file is left behind.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let folder = folder_of(path);
    fs::create_dir_all(&folder).map_err(WriteError::at(&folder, "create the folder"))?;
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".");
    let temporary = tempfile::Builder::new()
        .prefix(&name)
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(WriteError::at(&folder, "create a temporary file in"))?;
    {
        let mut writer = BufWriter::with_capacity(1 << 16, temporary.as_file());
        write(&mut writer).map_err(WriteError::at(path, "write"))?;
        writer.flush().map_err(WriteError::at(path, "write"))?;
    }
    temporary
        .as_file()
        .sync_all()
        .map_err(WriteError::at(temporary.path(), "flush to disk"))?;
    temporary
        .persist(path)
        .map_err(|error| WriteError::at(path, "replace")(error.error))?;
    sync_folder(&folder).map_err(WriteError::at(&folder, "flush to disk"))
}

/// The folder `path` is in (the current folder for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes a folder's entries (the rename) to disk.
#[cfg(unix)]
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are journalled by NTFS.
#[cfg(not(unix))]
pub(crate) fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(folder: &Path) -> Vec<String> {
        fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_the_bytes_and_creates_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/folder/chart.csv");
        write_atomically(&path, b"Date,SPY\n2024-01-02,472.65\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"Date,SPY\n2024-01-02,472.65\n");
        assert!(leftovers(&dir.path().join("new/folder")).is_empty());
    }

    #[test]
    fn replaces_an_existing_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        fs::write(&path, "old content that is longer than the new one").unwrap();
        write_atomically(&path, b"{}").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        fs::write(&path, "previous report").unwrap();
        let error = write_atomically_with(&path, |writer| {
            writer.write_all(b"<html>half")?;
            Err(io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert_eq!(error.action, "write");
        assert_eq!(error.path, path);
        assert!(error.to_string().contains("the disk is full"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "previous report");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("blocker");
        fs::write(&blocker, "a file where a folder should be").unwrap();
        let error = write_atomically(&blocker.join("out.png"), b"png").unwrap_err();
        assert_eq!(error.action, "create the folder");
        assert_eq!(error.path, blocker);
    }
}
