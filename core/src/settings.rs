//! The user's app-wide preferences, kept beside the workspace in the data directory: the colour
//! theme, the recently opened workspaces (the app starts on the last one) and whether clean
//! files import without the preview. Losing this file loses nothing important, so it
//! is read leniently (anything unreadable gives the defaults).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write::{AtomicWriteError, write_atomically_with};
use crate::file_listing::{FileKind, LastFolders};

/// How many recent workspaces are remembered.
pub const RECENT_LIMIT: usize = 10;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Dark, ThemeChoice::Light];

    /// The menu label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::Light => "Light",
        }
    }
}

/// The preferences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The colour theme.
    pub theme: ThemeChoice,
    /// Workspaces opened recently, most recent first.
    pub recent: Vec<PathBuf>,
    /// Import files straight away, skipping the preview, when they are read with no warning
    /// and no skipped line.
    pub import_without_preview: bool,
    /// The last chart and report export choices.
    pub export: crate::export::ExportChoices,
    /// The folders last used for price files, workspaces and CSV exports.
    pub folders: LastFolders,
}

impl Settings {
    /// Reads the settings file; defaults when it is missing or unreadable.
    #[must_use]
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings file whole or not at all (see [`write_atomically_with`]).
    ///
    /// # Errors
    /// The file that could not be written, the step and the system's reason.
    pub fn save(&self, path: &Path) -> Result<(), AtomicWriteError> {
        write_atomically_with(path, |writer| {
            serde_json::to_writer_pretty(writer, self).map_err(std::io::Error::other)
        })
    }

    /// The workspace to open when none is named on the command line: the one used last, when
    /// its file is still there, else `default`. The flag says whether it is the default one
    /// (which opens on the demo when it does not exist yet).
    #[must_use]
    pub fn startup_workspace(&self, default: &Path) -> (PathBuf, bool) {
        match self.recent.first() {
            Some(last) if last != default && last.is_file() => (last.clone(), false),
            _ => (default.to_path_buf(), true),
        }
    }

    /// The folder last used for `kind`, if any.
    #[must_use]
    pub fn last_folder(&self, kind: FileKind) -> Option<&Path> {
        match kind {
            FileKind::PriceFiles => self.folders.price_files.as_deref(),
            FileKind::Workspace => self.folders.workspaces.as_deref(),
            FileKind::Csv => self.folders.csv.as_deref(),
            FileKind::Picture => self.export.chart_folder.as_deref(),
            FileKind::Report => self.export.report_folder.as_deref(),
        }
    }

    /// Remembers `folder` as the last one used for `kind`.
    pub fn remember_folder(&mut self, kind: FileKind, folder: &Path) {
        let folder = Some(folder.to_path_buf());
        match kind {
            FileKind::PriceFiles => self.folders.price_files = folder,
            FileKind::Workspace => self.folders.workspaces = folder,
            FileKind::Csv => self.folders.csv = folder,
            FileKind::Picture => self.export.chart_folder = folder,
            FileKind::Report => self.export.report_folder = folder,
        }
    }

    /// Puts `path` first in the recent list.
    pub fn note_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_most_recent_first_without_repeats() {
        let mut settings = Settings::default();
        for name in ["a", "b", "a", "c"] {
            settings.note_recent(Path::new(name));
        }
        assert_eq!(
            settings.recent,
            vec![PathBuf::from("c"), PathBuf::from("a"), PathBuf::from("b")]
        );
    }

    #[test]
    fn startup_opens_the_last_workspace_while_its_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        let default = dir.path().join("workspace.json");
        let mine = dir.path().join("mine.rlens");
        let mut settings = Settings::default();
        assert_eq!(
            settings.startup_workspace(&default),
            (default.clone(), true)
        );

        settings.note_recent(&mine);
        // Not saved yet: the default opens.
        assert_eq!(
            settings.startup_workspace(&default),
            (default.clone(), true)
        );
        std::fs::write(&mine, "{}").unwrap();
        assert_eq!(settings.startup_workspace(&default), (mine.clone(), false));

        settings.note_recent(&default);
        assert_eq!(
            settings.startup_workspace(&default),
            (default.clone(), true)
        );
        settings.note_recent(&mine);
        std::fs::remove_file(&mine).unwrap();
        assert_eq!(settings.startup_workspace(&default), (default, true));
    }

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut settings = Settings {
            theme: ThemeChoice::Dark,
            import_without_preview: true,
            ..Settings::default()
        };
        settings.note_recent(Path::new("/tmp/x.rlens"));
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), settings);
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
        // A file from before the folders were remembered reads with none remembered.
        std::fs::write(
            &path,
            r#"{"theme":"dark","recent":[],"import_without_preview":true}"#,
        )
        .unwrap();
        let older = Settings::load(&path);
        assert_eq!(older.theme, ThemeChoice::Dark);
        assert_eq!(older.folders, LastFolders::default());
    }

    #[test]
    fn each_kind_of_file_remembers_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut settings = Settings::default();
        settings.remember_folder(FileKind::Csv, Path::new("/data/csv"));
        settings.remember_folder(FileKind::Picture, Path::new("/data/pictures"));
        settings.remember_folder(FileKind::PriceFiles, Path::new("/data/prices"));
        settings.save(&path).unwrap();
        let read = Settings::load(&path);
        assert_eq!(
            read.last_folder(FileKind::Csv),
            Some(Path::new("/data/csv"))
        );
        assert_eq!(
            read.last_folder(FileKind::Picture),
            Some(Path::new("/data/pictures"))
        );
        assert_eq!(
            read.last_folder(FileKind::PriceFiles),
            Some(Path::new("/data/prices"))
        );
        assert_eq!(read.last_folder(FileKind::Workspace), None);
        assert_eq!(read.last_folder(FileKind::Report), None);
    }
}
