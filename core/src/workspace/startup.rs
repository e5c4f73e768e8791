//! Which workspace to show when the app starts, and whether it may be saved back: the file
//! if it opens, the demo on first run, an empty workspace for a new path — and nothing is
//! ever saved over a file that could not be read.

use std::path::{Path, PathBuf};

use super::demo::demo_workspace;
use super::document::Workspace;
use super::error::WorkspaceError;
use super::load_progress::{LoadProgress, load_workspace_with_progress};

/// What the app opens with.
#[derive(Debug)]
pub struct Startup {
    /// The workspace file (it may not exist yet).
    pub path: PathBuf,
    /// The workspace to show.
    pub workspace: Workspace,
    /// How it came about.
    pub kind: StartupKind,
}

/// How the startup workspace came about.
#[derive(Debug)]
pub enum StartupKind {
    /// The file opened.
    Opened,
    /// There was no workspace at the default path: the demo is shown. It is saved there only
    /// once the user changes something.
    FirstRunDemo,
    /// A path named by the user does not exist yet: an empty workspace to be saved there.
    NewFile,
    /// The file exists but could not be opened; an empty workspace is shown instead. Autosave
    /// must stay off for `path` until the user decides (recover, open the backup, or choose
    /// another file): tell the user `error`, and for
    /// [`WorkspaceError::is_unreadable_content`] offer [`super::recover_unreadable`].
    Failed(WorkspaceError),
}

impl Startup {
    /// Whether saving to [`Startup::path`] is safe.
    #[must_use]
    pub fn may_save(&self) -> bool {
        !matches!(self.kind, StartupKind::Failed(_))
    }
}

/// Why a workspace is opened, which decides what a missing file means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenPurpose {
    /// The workspace the app starts on; `is_default` says whether its path is the default one
    /// (a missing file shows the demo) rather than one the user named (a new empty workspace).
    Startup {
        /// Whether the path is the default workspace path.
        is_default: bool,
    },
    /// A file the user chose to open: it must exist and load, or it is a failure (and the
    /// workspace shown so far stays).
    Chosen,
}

/// Opens the workspace at `path`. `is_default` says whether the path is the default one (first
/// run shows the demo) rather than one the user named (a new empty workspace).
#[must_use]
pub fn open_at_startup(path: &Path, is_default: bool) -> Startup {
    open_with_progress(
        path,
        OpenPurpose::Startup { is_default },
        &LoadProgress::default(),
    )
}

/// Opens the workspace at `path` for `purpose`, reporting how far reading the file has got to
/// `progress`. Nothing but a file that loads is [`StartupKind::Opened`]; a missing file is the
/// demo or a new workspace at startup, and a failure when the user chose it.
#[must_use]
pub fn open_with_progress(path: &Path, purpose: OpenPurpose, progress: &LoadProgress) -> Startup {
    let (workspace, kind) = match load_workspace_with_progress(path, progress) {
        Ok(workspace) => (workspace, StartupKind::Opened),
        Err(error) if error.is_not_found() => match purpose {
            OpenPurpose::Startup { is_default: true } => match demo_workspace() {
                Ok(demo) => (demo, StartupKind::FirstRunDemo),
                Err(_) => (Workspace::empty(), StartupKind::NewFile),
            },
            OpenPurpose::Startup { is_default: false } => {
                (Workspace::empty(), StartupKind::NewFile)
            }
            OpenPurpose::Chosen => (Workspace::empty(), StartupKind::Failed(error)),
        },
        Err(error) => (Workspace::empty(), StartupKind::Failed(error)),
    };
    Startup {
        path: path.to_path_buf(),
        workspace,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{DEMO_NAME, save_workspace};

    #[test]
    fn first_run_shows_the_demo_without_writing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let startup = open_at_startup(&path, true);
        assert!(matches!(startup.kind, StartupKind::FirstRunDemo));
        assert_eq!(startup.workspace.name, DEMO_NAME);
        assert!(startup.may_save());
        assert!(!path.exists());
    }

    #[test]
    fn a_new_named_path_starts_empty() {
        let folder = tempfile::tempdir().unwrap();
        let startup = open_at_startup(&folder.path().join("mine.rlens"), false);
        assert!(matches!(startup.kind, StartupKind::NewFile));
        assert!(startup.workspace.series.is_empty());
    }

    #[test]
    fn a_missing_file_the_user_chose_is_a_failure() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("gone.rlens");
        let opened = open_with_progress(&path, OpenPurpose::Chosen, &LoadProgress::default());
        let StartupKind::Failed(error) = &opened.kind else {
            panic!("{:?}", opened.kind);
        };
        assert!(error.is_not_found());
        assert!(!opened.may_save());
        assert!(!path.exists());
    }

    #[test]
    fn an_existing_file_opens() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        let mut workspace = Workspace::empty();
        workspace.name = "mine".into();
        save_workspace(&path, &workspace).unwrap();
        let startup = open_at_startup(&path, true);
        assert!(matches!(startup.kind, StartupKind::Opened));
        assert_eq!(startup.workspace, workspace);
    }

    #[test]
    fn an_unreadable_file_forbids_saving() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("workspace.json");
        std::fs::write(&path, "{\"format_version\": 1, \"series\": [").unwrap();
        let startup = open_at_startup(&path, true);
        assert!(!startup.may_save());
        match &startup.kind {
            StartupKind::Failed(error) => assert!(error.is_unreadable_content()),
            other => panic!("expected a failure, got {other:?}"),
        }
        std::fs::write(&path, "{\"format_version\": 5}").unwrap();
        let startup = open_at_startup(&path, true);
        assert!(matches!(
            startup.kind,
            StartupKind::Failed(WorkspaceError::FutureVersion { found: 5, .. })
        ));
    }
}
