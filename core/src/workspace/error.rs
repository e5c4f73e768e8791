//! Why a workspace could not be opened or saved, always with the file's path and, when the
//! content is at fault, the line and column.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::SeriesError;

use super::codec::ColumnError;

/// A failure to open or save a workspace.
#[derive(Debug, Error)]
pub enum WorkspaceError {
    /// There is no file at the path.
    #[error("there is no workspace at {}", path.display())]
    NotFound {
        /// The workspace file.
        path: PathBuf,
    },
    /// Reading, writing, renaming or syncing failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What was being done, e.g. "read" or "replace".
        action: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file stops in the middle of the JSON.
    #[error(
        "{} ends early (line {line}, column {column}): the file is incomplete, perhaps cut off while it was being written",
        path.display()
    )]
    Truncated {
        /// The workspace file.
        path: PathBuf,
        /// 1-based line where the text ends.
        line: usize,
        /// 1-based column where the text ends.
        column: usize,
    },
    /// The file is not valid JSON.
    #[error("{} is not valid JSON: {message} (line {line}, column {column})", path.display())]
    Syntax {
        /// The workspace file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// The JSON is valid but a field is missing or has the wrong type.
    #[error("{} is not a valid workspace: {message} (line {line}, column {column})", path.display())]
    Content {
        /// The workspace file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong, e.g. "invalid type: string \"x\", expected a boolean".
        message: String,
    },
    /// The file has no `format_version`, so it is not a workspace.
    #[error("{} is not a Rotation Lens workspace: it has no format_version", path.display())]
    NotAWorkspace {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer version of Rotation Lens.
    #[error(
        "{} was saved by a newer version of Rotation Lens (workspace format {found}; this version reads formats up to {supported}). Update Rotation Lens to open it; the file was left unchanged.",
        path.display()
    )]
    FutureVersion {
        /// The workspace file.
        path: PathBuf,
        /// The format version in the file.
        found: u64,
        /// The newest format this version understands.
        supported: u32,
    },
    /// A series' stored observations cannot be read back.
    #[error("{}: series {number} ({name:?}) is damaged: {problem}", path.display())]
    DamagedSeries {
        /// The workspace file.
        path: PathBuf,
        /// 1-based position of the series in the file.
        number: usize,
        /// The series' name.
        name: String,
        /// What is wrong with it.
        problem: SeriesProblem,
    },
}

/// What is wrong with one stored series of a workspace file.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SeriesProblem {
    /// Its colour is not written as `#rrggbb`.
    #[error("colour {0:?} is not #rrggbb")]
    Colour(String),
    /// Its dates or values cannot be decoded.
    #[error(transparent)]
    Column(#[from] ColumnError),
    /// Its observations do not form a series (unsorted dates, a value that is not finite…).
    #[error(transparent)]
    Observations(#[from] SeriesError),
    /// Another series of the file has the same name.
    #[error("another series has the same name")]
    DuplicateName,
}

impl WorkspaceError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            WorkspaceError::NotFound { path }
            | WorkspaceError::Io { path, .. }
            | WorkspaceError::Truncated { path, .. }
            | WorkspaceError::Syntax { path, .. }
            | WorkspaceError::Content { path, .. }
            | WorkspaceError::NotAWorkspace { path }
            | WorkspaceError::FutureVersion { path, .. }
            | WorkspaceError::DamagedSeries { path, .. } => path,
        }
    }

    /// Whether the file simply does not exist (first run, or a new workspace).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, WorkspaceError::NotFound { .. })
    }

    /// Whether the file exists but its content cannot be used: the user should be told, offered
    /// the backup, and the file moved aside (see [`super::recover_unreadable`]). A file from a
    /// newer version is not unreadable in this sense: it is valid and must stay where it is.
    #[must_use]
    pub fn is_unreadable_content(&self) -> bool {
        matches!(
            self,
            WorkspaceError::Truncated { .. }
                | WorkspaceError::Syntax { .. }
                | WorkspaceError::Content { .. }
                | WorkspaceError::NotAWorkspace { .. }
                | WorkspaceError::DamagedSeries { .. }
        )
    }

    /// Whether "move it aside and open its backup" makes sense: the file is a damaged
    /// workspace. A JSON file with no `format_version` and no backup beside it is some other
    /// file (a price file saved as JSON), which is left alone rather than moved aside.
    #[must_use]
    pub fn offers_backup_recovery(&self) -> bool {
        match self {
            WorkspaceError::NotAWorkspace { path } => super::file::backup_path(path).is_file(),
            other => other.is_unreadable_content(),
        }
    }

    /// The 1-based line and column of a content error.
    #[must_use]
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            WorkspaceError::Truncated { line, column, .. }
            | WorkspaceError::Syntax { line, column, .. }
            | WorkspaceError::Content { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// Classifies a serde_json error on the file at `path`.
    pub(crate) fn from_json(path: &Path, error: &serde_json::Error) -> WorkspaceError {
        let path = path.to_path_buf();
        let (line, column) = (error.line(), error.column());
        let text = error.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        match error.classify() {
            serde_json::error::Category::Eof => WorkspaceError::Truncated { path, line, column },
            serde_json::error::Category::Syntax => WorkspaceError::Syntax {
                path,
                line,
                column,
                message,
            },
            serde_json::error::Category::Data => WorkspaceError::Content {
                path,
                line,
                column,
                message,
            },
            serde_json::error::Category::Io => WorkspaceError::Io {
                path,
                action: "read",
                source: io::Error::other(message),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_keep_line_and_column_once() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  \"a\": tru }").unwrap_err();
        let error = WorkspaceError::from_json(Path::new("w.json"), &error);
        assert_eq!(error.location(), Some((2, 11)));
        assert!(error.is_unreadable_content());
        let text = error.to_string();
        assert!(text.starts_with("w.json is not valid JSON: "), "{text}");
        assert!(text.ends_with("(line 2, column 11)"), "{text}");
        assert_eq!(text.matches("line").count(), 1, "{text}");
    }

    #[test]
    fn end_of_file_reads_as_truncated() {
        let error = serde_json::from_str::<serde_json::Value>("{\"a\": [1, 2").unwrap_err();
        let error = WorkspaceError::from_json(Path::new("w.json"), &error);
        assert!(matches!(
            error,
            WorkspaceError::Truncated {
                line: 1,
                column: 11,
                ..
            }
        ));
    }

    #[test]
    fn future_versions_are_not_unreadable() {
        let error = WorkspaceError::FutureVersion {
            path: PathBuf::from("w.json"),
            found: 9,
            supported: 1,
        };
        assert!(!error.is_unreadable_content());
        assert!(error.to_string().contains("format 9"));
        assert!(error.to_string().contains("left unchanged"));
    }

    #[test]
    fn a_json_file_without_format_version_is_moved_aside_only_with_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prices.json");
        let error = WorkspaceError::NotAWorkspace { path: path.clone() };
        assert!(!error.offers_backup_recovery());
        std::fs::write(super::super::file::backup_path(&path), "{}").unwrap();
        assert!(error.offers_backup_recovery());
        let damaged = WorkspaceError::from_json(
            &path,
            &serde_json::from_str::<serde_json::Value>("{").unwrap_err(),
        );
        assert!(damaged.offers_backup_recovery());
    }
}
