//! Writing a whole file so that it is either entirely the old content or entirely the new one,
//! even if the program or the machine stops half-way: the bytes go to a temporary file in the
//! same folder, which is flushed to disk, then renamed over the target, and the folder itself is
//! flushed so the rename survives a power cut. Every file the app writes goes through here.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The step of an atomic write that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    /// Creating the folder the file goes in.
    CreateFolder,
    /// Creating the temporary file beside the target.
    CreateTemporary,
    /// Writing the bytes.
    Write,
    /// Flushing the bytes to disk.
    Sync,
    /// Renaming the temporary file over the target.
    Rename,
}

impl WriteStep {
    fn describe(self) -> &'static str {
        match self {
            WriteStep::CreateFolder => "could not create its folder",
            WriteStep::CreateTemporary => "could not create a temporary file in its folder",
            WriteStep::Write => "could not write the data",
            WriteStep::Sync => "could not flush the data to disk",
            WriteStep::Rename => "could not replace the file",
        }
    }
}

/// Why a file could not be written; the target is unchanged.
#[derive(Debug, Error)]
#[error("{} {}: {source}", path.display(), step.describe())]
pub struct AtomicWriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What failed.
    pub step: WriteStep,
    /// The system's reason.
    #[source]
    pub source: io::Error,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder (created if
/// missing) receives the bytes and is flushed to disk, is renamed over `path`, and the folder
/// is flushed. On failure `path` is left as it was and the temporary file is removed.
///
/// # Errors
/// The file, the step that failed and the system's reason.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AtomicWriteError> {
    write_atomically_with(path, |writer| writer.write_all(bytes))
}

/// [`write_atomically`] of what `write` puts into the (buffered) writer it is given, for content
/// serialised straight to the file; an error of `write` is reported as [`WriteStep::Write`].
///
/// # Errors
/// The file, the step that failed and the system's reason.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), AtomicWriteError> {
    let fail = |step: WriteStep| {
        move |source: io::Error| AtomicWriteError {
            path: path.to_path_buf(),
            step,
            source,
        }
    };
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder).map_err(fail(WriteStep::CreateFolder))?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(fail(WriteStep::CreateTemporary))?;
    keep_permissions(path, temporary.as_file());
    {
        let mut writer = BufWriter::with_capacity(1 << 16, temporary.as_file());
        write(&mut writer).map_err(fail(WriteStep::Write))?;
        writer.flush().map_err(fail(WriteStep::Write))?;
    }
    temporary
        .as_file()
        .sync_all()
        .map_err(fail(WriteStep::Sync))?;
    temporary
        .persist(path)
        .map_err(|error| fail(WriteStep::Rename)(error.error))?;
    // The rename has happened either way; flushing the folder only makes it survive a power
    // cut, so a failure here is not reported.
    let _ = sync_folder(&folder);
    Ok(())
}

/// Gives the new file the permissions of the file it replaces, or the usual ones of a new
/// file (read and write for the owner, read for others) rather than the temporary file's
/// owner-only ones. Best effort: the content matters more than the mode.
fn keep_permissions(path: &Path, file: &File) {
    match fs::metadata(path) {
        Ok(existing) => {
            let _ = file.set_permissions(existing.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = file.set_permissions(fs::Permissions::from_mode(0o644));
            }
        }
    }
}

/// Flushes a folder's entries (a rename in it) to disk.
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

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested").join("chart.svg");
        write_atomically(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_atomically(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["chart.svg".to_string()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "readable like any new file");
        }
    }

    #[test]
    fn a_failure_names_the_file_and_the_step_and_keeps_the_old_content() {
        let folder = tempfile::tempdir().unwrap();
        // The target is a folder: the rename cannot replace it.
        let path = folder.path().join("taken");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"kept").unwrap();
        let error = write_atomically(&path, b"new").unwrap_err();
        assert_eq!(error.step, WriteStep::Rename);
        let message = error.to_string();
        assert!(message.contains("taken"), "{message}");
        assert!(message.contains("could not replace the file"), "{message}");
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"kept");
        let leftovers = fs::read_dir(folder.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the temporary file is removed");
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("report.html");
        fs::write(&path, "previous report").unwrap();
        let error = write_atomically_with(&path, |writer| {
            writer.write_all(b"<html>half")?;
            Err(io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert_eq!(error.step, WriteStep::Write);
        assert_eq!(error.path, path);
        assert!(error.to_string().contains("the disk is full"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "previous report");
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_named_in_the_error() {
        let folder = tempfile::tempdir().unwrap();
        let blocker = folder.path().join("blocker");
        fs::write(&blocker, "a file where a folder should be").unwrap();
        let error = write_atomically(&blocker.join("out.png"), b"png").unwrap_err();
        assert_eq!(error.step, WriteStep::CreateFolder);
        assert!(
            error.to_string().contains("could not create its folder"),
            "{error}"
        );
    }
}
