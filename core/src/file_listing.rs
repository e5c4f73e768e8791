//! What the app's own file dialog shows and decides: a folder's entries (folders first, then
//! the files of the wanted kinds, hidden ones left out unless asked for), their sizes and dates
//! as shown, the folder a dialog starts in for each kind of file, and what a typed path means —
//! a folder to enter, a file to open, a new file to write or an existing one to replace — with
//! the reason when it is none of those (missing folder, folder not writable, missing file).

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::typed_path::{
    documents_folder, downloads_folder, expand_typed_path, pictures_folder, with_default_extension,
};

/// The kinds of file the app reads or writes; each remembers its own last folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Price files to import.
    PriceFiles,
    /// Workspace files.
    Workspace,
    /// CSV files the app exports.
    Csv,
    /// Chart pictures (PNG, SVG).
    Picture,
    /// HTML reports.
    Report,
}

/// The folders last used for each kind of file (those of pictures and reports are kept with
/// the export choices). Every field is optional, so older settings files read unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastFolders {
    /// The folder price files were last imported from.
    pub price_files: Option<PathBuf>,
    /// The folder a workspace was last opened from or saved to.
    pub workspaces: Option<PathBuf>,
    /// The folder a CSV was last exported to.
    pub csv: Option<PathBuf>,
}

/// The folder a dialog for `kind` starts in: `remembered` while it exists, else Downloads for
/// price files (when it exists), Pictures for pictures, Documents for the rest — each falling
/// back to Documents, then home.
#[must_use]
pub fn start_folder(kind: FileKind, remembered: Option<&Path>) -> PathBuf {
    match kind {
        FileKind::PriceFiles => downloads_folder(remembered),
        FileKind::Picture => pictures_folder(remembered),
        FileKind::Workspace | FileKind::Csv | FileKind::Report => documents_folder(remembered),
    }
}

/// One entry of a folder as the dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// The file or folder name.
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// Whether it is a folder (a link to a folder counts as one).
    pub is_dir: bool,
    /// The size in bytes (0 for folders).
    pub size: u64,
    /// When it was last modified, when the system says.
    pub modified: Option<SystemTime>,
}

/// Why a folder could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum ListingError {
    /// The folder does not exist.
    #[error("The folder {0} does not exist")]
    Missing(PathBuf),
    /// The path is a file, not a folder.
    #[error("{0} is a file, not a folder")]
    NotAFolder(PathBuf),
    /// The system refused to list it.
    #[error("Cannot read the folder {folder}: {source}")]
    Unreadable {
        /// The folder.
        folder: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// Whether a name is hidden on Unix-like systems (starts with a dot).
#[must_use]
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether `name` has one of `extensions` (compared without case); `"*"` matches every name
/// and an empty list matches none.
#[must_use]
pub fn matches_extensions(name: &str, extensions: &[&str]) -> bool {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    extensions.iter().any(|wanted| {
        *wanted == "*"
            || extension
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    })
}

/// Folders first, then files; by name within each, ignoring case (ties by exact name).
#[must_use]
pub fn compare_entries(a: &FolderEntry, b: &FolderEntry) -> Ordering {
    b.is_dir
        .cmp(&a.is_dir)
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
}

/// Keeps the entries the dialog shows — every folder and the files with one of `extensions`,
/// hidden ones only when `show_hidden` — in the order of [`compare_entries`].
#[must_use]
pub fn filter_and_sort(
    entries: Vec<FolderEntry>,
    extensions: &[&str],
    show_hidden: bool,
) -> Vec<FolderEntry> {
    let mut kept: Vec<FolderEntry> = entries
        .into_iter()
        .filter(|e| show_hidden || !is_hidden(&e.name))
        .filter(|e| e.is_dir || matches_extensions(&e.name, extensions))
        .collect();
    kept.sort_by(compare_entries);
    kept
}

/// The entries of `folder` the dialog shows (see [`filter_and_sort`]). Entries that vanish or
/// cannot be inspected while the folder is read are left out.
///
/// # Errors
/// The folder is missing, is a file, or cannot be read.
pub fn list_folder(
    folder: &Path,
    extensions: &[&str],
    show_hidden: bool,
) -> Result<Vec<FolderEntry>, ListingError> {
    if !folder.exists() {
        return Err(ListingError::Missing(folder.to_path_buf()));
    }
    if !folder.is_dir() {
        return Err(ListingError::NotAFolder(folder.to_path_buf()));
    }
    let unreadable = |source| ListingError::Unreadable {
        folder: folder.to_path_buf(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(unreadable)? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        // Follows links, so a link to a folder lists as a folder.
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue;
        };
        entries.push(FolderEntry {
            name: entry.file_name().to_string_lossy().into_owned(),
            is_dir: metadata.is_dir(),
            size: if metadata.is_dir() { 0 } else { metadata.len() },
            modified: metadata.modified().ok(),
            path,
        });
    }
    Ok(filter_and_sort(entries, extensions, show_hidden))
}

/// A size as the dialog shows it: bytes below 1 KB, then KB, MB, GB with one decimal.
#[must_use]
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A modification time as the dialog shows it, in the system's time zone:
/// `2024-03-01 14:05`. Empty when the time cannot be shown.
#[must_use]
pub fn format_modified(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time)
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// What a typed path means once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An existing folder: the dialog enters it.
    Folder(PathBuf),
    /// A file that may be used: an existing one to open, or a new one to write.
    File(PathBuf),
    /// A file to write that exists already: the user is asked before it is replaced.
    Replace(PathBuf),
}

/// Why a typed path cannot be used; the message says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    /// Nothing was typed.
    #[error("Type a file name or a path")]
    Empty,
    /// The file to open is not there.
    #[error("{0} does not exist")]
    FileMissing(PathBuf),
    /// The folder to write into is not there.
    #[error("The folder {0} does not exist")]
    FolderMissing(PathBuf),
    /// The folder to write into refuses new files.
    #[error("Cannot write in the folder {0}: {1}")]
    NotWritable(PathBuf, String),
}

/// What `text` typed in a dialog that opens existing files means: a folder to enter or an
/// existing file. `~` is expanded with `home`, relative paths are taken from `folder`.
///
/// # Errors
/// Nothing typed, or no file or folder at that path.
pub fn resolve_open(
    text: &str,
    home: Option<&Path>,
    folder: &Path,
) -> Result<Resolved, PathProblem> {
    let path = expand_typed_path(text, home, folder).ok_or(PathProblem::Empty)?;
    if path.is_dir() {
        Ok(Resolved::Folder(path))
    } else if path.is_file() {
        Ok(Resolved::File(path))
    } else {
        Err(PathProblem::FileMissing(path))
    }
}

/// What `text` typed in a dialog that writes a file means: a folder to enter, a new file (its
/// `extension` added when the name has none), or an existing file to replace. The folder must
/// exist and accept new files (checked by creating and removing a temporary file in it).
///
/// # Errors
/// Nothing typed, the folder is missing, or it cannot be written in.
pub fn resolve_save(
    text: &str,
    home: Option<&Path>,
    folder: &Path,
    extension: &str,
) -> Result<Resolved, PathProblem> {
    let typed = expand_typed_path(text, home, folder).ok_or(PathProblem::Empty)?;
    if typed.is_dir() {
        return Ok(Resolved::Folder(typed));
    }
    let path = with_default_extension(typed, extension);
    if path.is_dir() {
        return Ok(Resolved::Folder(path));
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
    if !parent.is_dir() {
        return Err(PathProblem::FolderMissing(parent));
    }
    if let Err(error) = tempfile::tempfile_in(&parent) {
        return Err(PathProblem::NotWritable(parent, error.to_string()));
    }
    if path.exists() {
        Ok(Resolved::Replace(path))
    } else {
        Ok(Resolved::File(path))
    }
}

/// The text a dialog's path field shows for `folder` and a file `name` (for a dialog that
/// writes) or for the folder alone, ending in a separator so a name can be typed after it.
#[must_use]
pub fn field_text(folder: &Path, name: Option<&str>) -> String {
    match name {
        Some(name) if !name.is_empty() => folder.join(name).display().to_string(),
        _ => {
            let shown = folder.display().to_string();
            if shown.ends_with(std::path::MAIN_SEPARATOR) {
                shown
            } else {
                format!("{shown}{}", std::path::MAIN_SEPARATOR)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(name: &str, is_dir: bool) -> FolderEntry {
        FolderEntry {
            name: name.to_string(),
            path: PathBuf::from("/x").join(name),
            is_dir,
            size: 0,
            modified: None,
        }
    }

    fn names(entries: &[FolderEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn folders_come_first_then_matching_files_by_name() {
        let entries = vec![
            entry("b.csv", false),
            entry("Zeta", true),
            entry("A.CSV", false),
            entry("notes.pdf", false),
            entry("alpha", true),
            entry(".hidden.csv", false),
            entry(".config", true),
            entry("c.txt", false),
        ];
        let shown = filter_and_sort(entries.clone(), &["csv", "txt"], false);
        assert_eq!(names(&shown), ["alpha", "Zeta", "A.CSV", "b.csv", "c.txt"]);
        let with_hidden = filter_and_sort(entries.clone(), &["csv"], true);
        assert_eq!(
            names(&with_hidden),
            [".config", "alpha", "Zeta", ".hidden.csv", "A.CSV", "b.csv"]
        );
        let all = filter_and_sort(entries, &["*"], false);
        assert_eq!(
            names(&all),
            ["alpha", "Zeta", "A.CSV", "b.csv", "c.txt", "notes.pdf"]
        );
    }

    #[test]
    fn extensions_match_without_case_and_need_a_dot() {
        assert!(matches_extensions("data.CSV", &["csv"]));
        assert!(!matches_extensions("csv", &["csv"]));
        assert!(!matches_extensions("data.csv.bak", &["csv"]));
        assert!(matches_extensions("anything", &["*"]));
        assert!(!matches_extensions("data.csv", &[]));
    }

    #[test]
    fn a_real_folder_is_listed_with_sizes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.csv"), "0123456789").unwrap();
        std::fs::write(dir.path().join("a.png"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let listed = list_folder(dir.path(), &["csv"], false).unwrap();
        assert_eq!(names(&listed), ["sub", "b.csv"]);
        assert_eq!(listed[1].size, 10);
        assert!(listed[1].modified.is_some());
        assert_eq!(listed[1].path, dir.path().join("b.csv"));
        assert!(matches!(
            list_folder(&dir.path().join("nope"), &["csv"], false),
            Err(ListingError::Missing(_))
        ));
        assert!(matches!(
            list_folder(&dir.path().join("b.csv"), &["csv"], false),
            Err(ListingError::NotAFolder(_))
        ));
    }

    #[test]
    fn sizes_and_dates_as_shown() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(25 * 1024 * 1024), "25.0 MB");
        assert_eq!(format_size(3 * 1024 * 1024 * 1024), "3.0 GB");
        let shown =
            format_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400 * 365));
        // 1971-01-01 00:00 UTC, in whatever zone the system is in.
        assert!(
            shown.starts_with("1970-12-31") || shown.starts_with("1971-01-01"),
            "{shown}"
        );
        assert_eq!(shown.len(), "1971-01-01 00:00".len());
    }

    #[test]
    fn typed_paths_for_opening() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join("data")).unwrap();
        std::fs::write(home.join("data/a.csv"), "x").unwrap();
        let folder = home.join("data");
        assert_eq!(
            resolve_open("~/data/a.csv", Some(&home), Path::new("/")),
            Ok(Resolved::File(home.join("data/a.csv")))
        );
        assert_eq!(
            resolve_open("a.csv", Some(&home), &folder),
            Ok(Resolved::File(folder.join("a.csv")))
        );
        assert_eq!(
            resolve_open("~", Some(&home), &folder),
            Ok(Resolved::Folder(home.clone()))
        );
        assert_eq!(
            resolve_open("..", Some(&home), &folder),
            Ok(Resolved::Folder(folder.join("..")))
        );
        assert_eq!(
            resolve_open("b.csv", Some(&home), &folder),
            Err(PathProblem::FileMissing(folder.join("b.csv")))
        );
        assert_eq!(
            resolve_open("  ", Some(&home), &folder),
            Err(PathProblem::Empty)
        );
    }

    #[test]
    fn typed_paths_for_saving() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        std::fs::write(folder.join("old.rlens"), "x").unwrap();
        std::fs::create_dir(folder.join("sub")).unwrap();
        let save = |text: &str| resolve_save(text, Some(&folder), &folder, "rlens");
        assert_eq!(save("mine"), Ok(Resolved::File(folder.join("mine.rlens"))));
        assert_eq!(
            save("mine.json"),
            Ok(Resolved::File(folder.join("mine.json")))
        );
        assert_eq!(save("old"), Ok(Resolved::Replace(folder.join("old.rlens"))));
        assert_eq!(save("sub"), Ok(Resolved::Folder(folder.join("sub"))));
        assert_eq!(save("~/sub/"), Ok(Resolved::Folder(folder.join("sub/"))));
        assert_eq!(
            save("missing/mine"),
            Err(PathProblem::FolderMissing(folder.join("missing")))
        );
        assert_eq!(save(""), Err(PathProblem::Empty));
        let message = PathProblem::FolderMissing(folder.join("missing")).to_string();
        assert!(message.starts_with("The folder ") && message.ends_with("missing does not exist"));
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_reported() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root may write anywhere: then there is nothing to check.
        let writable = tempfile::tempfile_in(&locked).is_ok();
        let result = resolve_save("a.csv", None, &locked, "csv");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !writable {
            assert!(matches!(result, Err(PathProblem::NotWritable(ref f, _)) if *f == locked));
        }
    }

    #[test]
    fn the_field_ends_in_a_separator_for_a_folder() {
        let folder = Path::new("/home/ann/Documents");
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            field_text(folder, None),
            format!("/home/ann/Documents{sep}")
        );
        assert_eq!(
            field_text(folder, Some("a.rlens")),
            Path::new("/home/ann/Documents/a.rlens")
                .display()
                .to_string()
        );
    }
}
