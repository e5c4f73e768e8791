//! Where Rotation Lens keeps its files: the per-user data directory (from the platform's
//! conventions), the default workspace and the log. One app id is used everywhere.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The reverse-DNS application id: desktop entry, icon name, window app id.
pub const APP_ID: &str = "app.rotationlens.RotationLens";

/// The human name of the application.
pub const APP_NAME: &str = "Rotation Lens";

/// The extension of workspace files saved by the user (older `.json` workspaces still open).
pub const WORKSPACE_EXTENSION: &str = "rlens";

/// The MIME type of workspace files.
pub const WORKSPACE_MIME_TYPE: &str = "application/x-rotation-lens-workspace";

/// The per-user locations of Rotation Lens' files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppPaths {
    /// The data directory, e.g. `~/.local/share/rotation-lens` on Linux.
    pub data_dir: PathBuf,
}

impl AppPaths {
    /// The platform's locations for this user; `None` when the system reports no home directory.
    #[must_use]
    pub fn for_current_user() -> Option<AppPaths> {
        let dirs = ProjectDirs::from("app", "rotationlens", "rotation-lens")?;
        Some(AppPaths {
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// Locations rooted in `data_dir` (tests, portable installs).
    #[must_use]
    pub fn in_dir(data_dir: impl Into<PathBuf>) -> AppPaths {
        AppPaths {
            data_dir: data_dir.into(),
        }
    }

    /// The workspace opened when none is named: `workspace.json` in the data directory.
    #[must_use]
    pub fn default_workspace(&self) -> PathBuf {
        self.data_dir.join("workspace.json")
    }

    /// The app's preferences (theme, recent workspaces).
    #[must_use]
    pub fn settings_file(&self) -> PathBuf {
        self.data_dir.join("settings.json")
    }

    /// The current log file.
    #[must_use]
    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join("rotation-lens.log")
    }
}

/// Whether `path` names a workspace (`.rlens`, or an older `.json` workspace) rather than a
/// price file to import.
#[must_use]
pub fn is_workspace_file(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case(WORKSPACE_EXTENSION)
                || extension.eq_ignore_ascii_case("json")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_live_in_the_data_dir() {
        let paths = AppPaths::in_dir("/data");
        assert_eq!(
            paths.default_workspace(),
            PathBuf::from("/data/workspace.json")
        );
        assert_eq!(paths.log_file(), PathBuf::from("/data/rotation-lens.log"));
    }

    #[test]
    fn workspaces_are_rlens_or_older_json_files() {
        assert!(is_workspace_file(Path::new("/home/a/markets.rlens")));
        assert!(is_workspace_file(Path::new("Markets.RLENS")));
        assert!(is_workspace_file(Path::new("/data/workspace.json")));
        assert!(!is_workspace_file(Path::new("SPX.csv")));
        assert!(!is_workspace_file(Path::new("rlens")));
    }
}
