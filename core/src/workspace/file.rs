//! Opening and saving workspace files safely.
//!
//! Saving never leaves a half-written workspace behind: the new content goes to a temporary
//! file in the same folder, is flushed to disk, the previous file is kept as `<name>.bak`, and
//! only then does a rename put the new file in place (the folder is synced too). A file that
//! cannot be read is never overwritten by a save of a newer format's file, and an unreadable
//! one is moved aside to `<name>.corrupt-YYYYMMDD-HHMMSS` — never over an existing file —
//! after which its backup can be offered. A save interrupted by a crash or a kill can leave its
//! temporary file behind; the next save removes such leftovers — only files named exactly as this
//! module names its own temporary files, nothing else.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::atomic_write::sync_folder;
use crate::paths::AppPaths;

use super::document::Workspace;
use super::error::WorkspaceError;
use super::format::{
    DecodeError, FORMAT_VERSION, declared_format_version, read_workspace, write_workspace,
};

/// The workspace opened when none is named: `workspace.json` in the user's data directory;
/// `None` when the system reports no home directory.
#[must_use]
pub fn default_workspace_path() -> Option<PathBuf> {
    AppPaths::for_current_user().map(|paths| paths.default_workspace())
}

/// Reads the workspace at `path`.
///
/// A missing file gives [`WorkspaceError::NotFound`] (first run: show the demo); a file from a
/// newer version gives [`WorkspaceError::FutureVersion`]; unusable content gives an error for
/// which [`WorkspaceError::is_unreadable_content`] holds, with line and column where known.
pub fn load_workspace(path: &Path) -> Result<Workspace, WorkspaceError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(source) if source.kind() == io::ErrorKind::NotFound => {
            return Err(WorkspaceError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(WorkspaceError::Io {
                path: path.to_path_buf(),
                action: "read",
                source,
            });
        }
    };
    workspace_from_bytes(&bytes, path)
}

/// Decodes the bytes of a workspace file; `path` only names the file in errors.
///
/// Every failure is an error value, never a panic, whatever the bytes: this is what
/// [`load_workspace`] does once the file is read, and what the fuzz targets exercise.
pub fn workspace_from_bytes(bytes: &[u8], path: &Path) -> Result<Workspace, WorkspaceError> {
    read_workspace(bytes).map_err(|error| decode_error(path, error))
}

/// Saves the workspace to `path` atomically, keeping the previous file as `<name>.bak`.
///
/// The folder is created when missing. A file at `path` written by a newer version of
/// Rotation Lens is left alone and [`WorkspaceError::FutureVersion`] is returned.
pub fn save_workspace(path: &Path, workspace: &Workspace) -> Result<(), WorkspaceError> {
    let folder = folder_of(path);
    fs::create_dir_all(&folder).map_err(|source| WorkspaceError::Io {
        path: folder.clone(),
        action: "create the folder",
        source,
    })?;
    let previous_exists = refuse_newer_file(path)?;
    remove_stale_temporary_files(path);

    let io_error = |action: &'static str, target: &Path| {
        let target = target.to_path_buf();
        move |source: io::Error| WorkspaceError::Io {
            path: target,
            action,
            source,
        }
    };
    let temporary = tempfile::Builder::new()
        .prefix(&hidden_name(path, SAVING_INFIX))
        .suffix(TEMPORARY_SUFFIX)
        .rand_bytes(TEMPORARY_RANDOM_CHARS)
        .tempfile_in(&folder)
        .map_err(io_error("create a temporary file in", &folder))?;
    {
        let mut writer = BufWriter::with_capacity(1 << 20, temporary.as_file());
        write_workspace(workspace, &mut writer).map_err(|error| WorkspaceError::Io {
            path: temporary.path().to_path_buf(),
            action: "write",
            source: io::Error::other(error),
        })?;
        writer
            .flush()
            .map_err(io_error("write", temporary.path()))?;
    }
    temporary
        .as_file()
        .sync_all()
        .map_err(io_error("flush to disk", temporary.path()))?;

    if previous_exists {
        keep_backup(path)?;
    }
    temporary
        .persist(path)
        .map_err(|error| WorkspaceError::Io {
            path: path.to_path_buf(),
            action: "replace",
            source: error.error,
        })?;
    sync_folder(&folder).map_err(io_error("flush to disk", &folder))
}

/// What follows the hidden file name in a save's temporary file: `.<name>.saving-XXXXXX.tmp`.
const SAVING_INFIX: &str = ".saving-";
/// The ending of the temporary files.
const TEMPORARY_SUFFIX: &str = ".tmp";
/// How many random letters and digits a save's temporary file name carries.
const TEMPORARY_RANDOM_CHARS: usize = 6;
/// What follows the hidden file name in the backup being copied (where hard links fail).
const BACKUP_STAGING_INFIX: &str = ".backup.tmp";

/// Removes the temporary files an interrupted save of the workspace at `path` left in its folder
/// (`.<name>.saving-XXXXXX.tmp` and `.<name>.backup.tmp`) and returns the ones removed.
///
/// Only regular files named exactly so are touched: another workspace's leftovers, the
/// workspace, its backup, moved-aside files, the lock and anything of the user's stay. Only one
/// process saves a workspace at a time (see [`super::WorkspaceLock`]), so no leftover can belong
/// to a save in progress. Failures are ignored: a leftover that stays does no harm.
pub fn remove_stale_temporary_files(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && is_own_temporary_name(path, &entry.file_name()) {
            let leftover = entry.path();
            match fs::remove_file(&leftover) {
                Ok(()) => {
                    log::info!("removed {} left by an interrupted save", leftover.display());
                    removed.push(leftover);
                }
                Err(error) => log::warn!("cannot remove {}: {error}", leftover.display()),
            }
        }
    }
    removed
}

/// Whether `name` is one of the temporary file names a save of `path` uses.
fn is_own_temporary_name(path: &Path, name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some(workspace_name) = hidden_name(path, "").into_string().ok() else {
        return false;
    };
    let Some(rest) = name.strip_prefix(workspace_name.as_str()) else {
        return false;
    };
    if rest == BACKUP_STAGING_INFIX {
        return true;
    }
    rest.strip_prefix(SAVING_INFIX)
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMPORARY_RANDOM_CHARS
                && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The backup of a workspace file: `<name>.bak` beside it.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// What the backup of an unreadable workspace holds.
#[derive(Debug)]
pub enum BackupState {
    /// There is no backup.
    Missing,
    /// The backup opens; it can replace the unreadable workspace.
    Loads {
        /// The backup file.
        path: PathBuf,
        /// Its content.
        workspace: Box<Workspace>,
    },
    /// The backup exists but cannot be opened either.
    Unreadable {
        /// The backup file.
        path: PathBuf,
        /// Why it cannot be opened.
        error: Box<WorkspaceError>,
    },
}

/// Whether the backup of the workspace at `path` exists and opens.
#[must_use]
pub fn check_backup(path: &Path) -> BackupState {
    let backup = backup_path(path);
    match load_workspace(&backup) {
        Ok(workspace) => BackupState::Loads {
            path: backup,
            workspace: Box::new(workspace),
        },
        Err(error) if error.is_not_found() => BackupState::Missing,
        Err(error) => BackupState::Unreadable {
            path: backup,
            error: Box::new(error),
        },
    }
}

/// The outcome of moving an unreadable workspace aside.
#[derive(Debug)]
pub struct Recovery {
    /// Where the unreadable file now is.
    pub moved_to: PathBuf,
    /// What its backup holds.
    pub backup: BackupState,
}

/// Moves the unreadable workspace at `path` aside (see [`move_aside`]) and reports whether its
/// backup opens, so the user can be offered it. Nothing is overwritten; the backup is not
/// touched, and saving to `path` afterwards starts afresh.
pub fn recover_unreadable(path: &Path) -> Result<Recovery, WorkspaceError> {
    let moved_to = move_aside(path)?;
    Ok(Recovery {
        moved_to,
        backup: check_backup(path),
    })
}

/// Renames `path` to `<name>.corrupt-YYYYMMDD-HHMMSS` (local time; `-2`, `-3`, … appended
/// when that name is taken) and returns the new path. Never replaces an existing file.
pub fn move_aside(path: &Path) -> Result<PathBuf, WorkspaceError> {
    let now = jiff::ZonedDateTime::now();
    let stamp = now.strftime("%Y%m%d-%H%M%S").to_string();
    move_aside_with_stamp(path, &stamp)
}

fn move_aside_with_stamp(path: &Path, stamp: &str) -> Result<PathBuf, WorkspaceError> {
    let base = with_suffix(path, &format!(".corrupt-{stamp}"));
    for attempt in 1..=1000 {
        let target = if attempt == 1 {
            base.clone()
        } else {
            with_suffix(&base, &format!("-{attempt}"))
        };
        match rename_without_replacing(path, &target) {
            Ok(()) => return Ok(target),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(source) => {
                return Err(WorkspaceError::Io {
                    path: path.to_path_buf(),
                    action: "move aside",
                    source,
                });
            }
        }
    }
    Err(WorkspaceError::Io {
        path: path.to_path_buf(),
        action: "move aside",
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "too many files were already moved aside at the same second",
        ),
    })
}

/// Renames `from` to `to`, failing with `AlreadyExists` rather than replacing `to`.
///
/// A hard link is created first (which refuses to replace), then the old name removed; where
/// the file system has no hard links, a checked rename is used instead.
fn rename_without_replacing(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(error),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs::rename(from, to)
        }
    }
}

/// Makes `<name>.bak` a copy of the file at `path` (a hard link where possible: instant, and the
/// coming rename gives `path` a new file while the backup keeps the old one).
fn keep_backup(path: &Path) -> Result<(), WorkspaceError> {
    let backup = backup_path(path);
    let io_error = |action: &'static str| {
        let backup = backup.clone();
        move |source: io::Error| WorkspaceError::Io {
            path: backup,
            action,
            source,
        }
    };
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(io_error("replace the backup")(source)),
    }
    if fs::hard_link(path, &backup).is_ok() {
        return Ok(());
    }
    let staging = hidden_sibling(path, BACKUP_STAGING_INFIX);
    fs::copy(path, &staging).map_err(io_error("write the backup"))?;
    File::open(&staging)
        .and_then(|file| file.sync_all())
        .map_err(io_error("write the backup"))?;
    fs::rename(&staging, &backup).map_err(io_error("write the backup"))
}

/// Whether a file exists at `path`; an error when it declares a newer format than this
/// version writes, so that saving never destroys it.
fn refuse_newer_file(path: &Path) -> Result<bool, WorkspaceError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(WorkspaceError::Io {
                path: path.to_path_buf(),
                action: "open",
                source,
            });
        }
    };
    let mut head = Vec::with_capacity(4096);
    file.take(4096)
        .read_to_end(&mut head)
        .map_err(|source| WorkspaceError::Io {
            path: path.to_path_buf(),
            action: "read",
            source,
        })?;
    match declared_format_version(&head) {
        Some(found) if found > u64::from(FORMAT_VERSION) => Err(WorkspaceError::FutureVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        _ => Ok(true),
    }
}

pub(super) fn decode_error(path: &Path, error: DecodeError) -> WorkspaceError {
    match error {
        DecodeError::Json(error) => WorkspaceError::from_json(path, &error),
        DecodeError::FutureVersion(found) => WorkspaceError::FutureVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        },
        DecodeError::NoVersion => WorkspaceError::NotAWorkspace {
            path: path.to_path_buf(),
        },
        DecodeError::Series {
            number,
            name,
            problem,
        } => WorkspaceError::DamagedSeries {
            path: path.to_path_buf(),
            number,
            name,
            problem,
        },
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` appended to its file name: `workspace.json` → `workspace.json.bak`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// A hidden name derived from the file's: `.workspace.json<suffix>`.
fn hidden_name(path: &Path, suffix: &str) -> OsString {
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    name
}

fn hidden_sibling(path: &Path, suffix: &str) -> PathBuf {
    path.with_file_name(hidden_name(path, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Series, SeriesKind, Source};

    fn workspace(name: &str, values: &[f64]) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.name = name.to_string();
        let dates = (0..values.len() as i32)
            .map(|n| Date::from_day_number(19_000 + n).unwrap())
            .collect();
        let series = Series::new(
            "S",
            SeriesKind::Price,
            Source::default(),
            dates,
            values.to_vec(),
        )
        .unwrap();
        workspace.add_series(series);
        workspace
    }

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn save_then_load_gives_the_same_workspace() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested").join("workspace.json");
        let original = workspace("one", &[1.0, 2.5, 3.25]);
        save_workspace(&path, &original).unwrap();
        assert_eq!(load_workspace(&path).unwrap(), original);
    }

    #[test]
    fn saving_keeps_the_previous_file_as_backup_and_no_temporary_files() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let first = workspace("first", &[1.0]);
        let second = workspace("second", &[2.0]);
        let third = workspace("third", &[3.0]);
        save_workspace(&path, &first).unwrap();
        assert_eq!(names_in(folder.path()), ["workspace.json"]);
        save_workspace(&path, &second).unwrap();
        assert_eq!(load_workspace(&backup_path(&path)).unwrap(), first);
        save_workspace(&path, &third).unwrap();
        assert_eq!(load_workspace(&path).unwrap(), third);
        assert_eq!(load_workspace(&backup_path(&path)).unwrap(), second);
        assert_eq!(
            names_in(folder.path()),
            ["workspace.json", "workspace.json.bak"]
        );
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let folder = tempfile::tempdir().unwrap();
        let error = load_workspace(&folder.path().join("none.json")).unwrap_err();
        assert!(error.is_not_found());
        assert!(!error.is_unreadable_content());
    }

    #[test]
    fn a_newer_file_is_refused_and_never_overwritten() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let future = br#"{"format_version": 2, "series": {"a": "new layout"}}"#;
        fs::write(&path, future).unwrap();
        let error = load_workspace(&path).unwrap_err();
        assert!(
            matches!(
                error,
                WorkspaceError::FutureVersion {
                    found: 2,
                    supported: 1,
                    ..
                }
            ),
            "{error}"
        );
        let error = save_workspace(&path, &Workspace::empty()).unwrap_err();
        assert!(matches!(error, WorkspaceError::FutureVersion { .. }));
        assert_eq!(fs::read(&path).unwrap(), future);
        assert_eq!(names_in(folder.path()), ["workspace.json"]);
    }

    #[test]
    fn truncated_files_report_where_they_end() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        save_workspace(&path, &workspace("w", &[1.0, 2.0])).unwrap();
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let error = load_workspace(&path).unwrap_err();
        assert!(
            matches!(error, WorkspaceError::Truncated { line: 1, .. }),
            "{error}"
        );
        assert!(error.is_unreadable_content());
        assert!(error.to_string().contains("ends early"));
    }

    #[test]
    fn wrong_types_report_line_and_column() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let text = "{\n  \"format_version\": 1,\n  \"spreads\": \"yes\",\n  \"series\": []\n}";
        fs::write(&path, text).unwrap();
        let error = load_workspace(&path).unwrap_err();
        match &error {
            WorkspaceError::Content {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((*line, *column), (3, 18));
                assert!(message.contains("expected a sequence"), "{message}");
            }
            other => panic!("expected a content error, got {other}"),
        }
        assert!(error.to_string().contains("workspace.json"));
    }

    #[test]
    fn unreadable_files_move_aside_without_overwriting() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        fs::write(&path, b"{ not json").unwrap();
        fs::write(with_suffix(&path, ".corrupt-20240102-030405"), b"older").unwrap();
        let moved = move_aside_with_stamp(&path, "20240102-030405").unwrap();
        assert_eq!(
            moved.file_name().unwrap(),
            "workspace.json.corrupt-20240102-030405-2"
        );
        assert_eq!(fs::read(&moved).unwrap(), b"{ not json");
        assert_eq!(
            fs::read(with_suffix(&path, ".corrupt-20240102-030405")).unwrap(),
            b"older"
        );
        assert!(!path.exists());
    }

    #[test]
    fn recovery_offers_a_backup_that_loads() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let good = workspace("good", &[1.0]);
        save_workspace(&path, &good).unwrap();
        save_workspace(&path, &workspace("newer", &[2.0])).unwrap();
        fs::write(&path, b"{\"format_version\": 1, \"series\": [").unwrap();
        assert!(load_workspace(&path).unwrap_err().is_unreadable_content());

        let recovery = recover_unreadable(&path).unwrap();
        assert!(!path.exists());
        assert_eq!(
            fs::read(&recovery.moved_to).unwrap(),
            b"{\"format_version\": 1, \"series\": ["
        );
        match recovery.backup {
            BackupState::Loads { workspace, .. } => assert_eq!(*workspace, good),
            other => panic!("expected a loadable backup, got {other:?}"),
        }

        // Restoring: saving the backup's content starts afresh and keeps the backup.
        save_workspace(&path, &good).unwrap();
        assert_eq!(load_workspace(&path).unwrap(), good);
        assert_eq!(load_workspace(&backup_path(&path)).unwrap(), good);
    }

    #[test]
    fn recovery_reports_a_missing_or_broken_backup() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        fs::write(&path, b"[]").unwrap();
        let recovery = recover_unreadable(&path).unwrap();
        assert!(matches!(recovery.backup, BackupState::Missing));

        fs::write(&path, b"[]").unwrap();
        fs::write(backup_path(&path), b"{").unwrap();
        let recovery = recover_unreadable(&path).unwrap();
        assert!(matches!(recovery.backup, BackupState::Unreadable { .. }));
    }

    #[test]
    fn leftovers_of_an_interrupted_save_are_removed_and_nothing_else() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let keep = [
            "workspace.json.bak",
            "workspace.json.lock",
            "workspace.json.corrupt-20240102-030405",
            ".other.json.saving-AbC123.tmp",
            ".workspace.json.saving-AbC12.tmp",
            ".workspace.json.saving-AbC1234.tmp",
            ".workspace.json.saving-AbC-12.tmp",
            ".workspace.json.saving-AbC123.tmp.mine",
            "workspace.json.saving-AbC123.tmp",
            "notes.tmp",
        ];
        for name in keep {
            fs::write(folder.path().join(name), name).unwrap();
        }
        // A folder of the same name as a leftover is not a leftover.
        fs::create_dir(folder.path().join(".workspace.json.saving-dir123.tmp")).unwrap();
        let leftovers = [
            ".workspace.json.saving-AbC123.tmp",
            ".workspace.json.backup.tmp",
        ];
        for name in leftovers {
            fs::write(folder.path().join(name), b"{\"format_version\": 1, \"ser").unwrap();
        }

        let mut removed = remove_stale_temporary_files(&path);
        removed.sort();
        assert_eq!(
            removed,
            [
                folder.path().join(".workspace.json.backup.tmp"),
                folder.path().join(".workspace.json.saving-AbC123.tmp"),
            ]
        );
        let mut expected: Vec<String> = keep.iter().map(ToString::to_string).collect();
        expected.push(".workspace.json.saving-dir123.tmp".to_string());
        expected.sort();
        assert_eq!(names_in(folder.path()), expected);
        for name in keep {
            assert_eq!(fs::read(folder.path().join(name)).unwrap(), name.as_bytes());
        }
    }

    #[test]
    fn a_save_removes_leftovers_of_an_interrupted_one() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        save_workspace(&path, &workspace("first", &[1.0])).unwrap();
        fs::write(
            folder.path().join(".workspace.json.saving-x1Y2z3.tmp"),
            b"{",
        )
        .unwrap();
        save_workspace(&path, &workspace("second", &[2.0])).unwrap();
        assert_eq!(
            names_in(folder.path()),
            ["workspace.json", "workspace.json.bak"]
        );
    }

    #[test]
    fn paths_beside_the_workspace() {
        let path = Path::new("/data/workspace.json");
        assert_eq!(backup_path(path), PathBuf::from("/data/workspace.json.bak"));
        assert_eq!(folder_of(Path::new("w.json")), PathBuf::from("."));
        assert_eq!(
            hidden_sibling(path, ".backup.tmp"),
            PathBuf::from("/data/.workspace.json.backup.tmp")
        );
    }
}
