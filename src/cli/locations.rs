//! The "where are my files" text shown by `--help` and `--version`, computed at run time from
//! the user's data directory.

use crate::paths::AppPaths;
use crate::settings::Settings;

/// Lines naming the workspace the app opens (the one used last while its file exists, else the
/// default one) and the log file, or saying that there is no per-user data directory.
#[must_use]
pub fn locations_text(paths: Option<&AppPaths>) -> String {
    match paths {
        Some(paths) => format!(
            "Workspace: {}\nLog:       {}",
            Settings::load(&paths.settings_file())
                .startup_workspace(&paths.default_workspace())
                .0
                .display(),
            paths.log_file().display()
        ),
        None => "Workspace and log: none, no home directory was found for this user".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_workspace_and_the_log() {
        let paths = AppPaths::in_dir("/data");
        assert_eq!(
            locations_text(Some(&paths)),
            "Workspace: /data/workspace.json\nLog:       /data/rotation-lens.log"
        );
    }

    #[test]
    fn names_the_workspace_used_last() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::in_dir(dir.path());
        let mine = dir.path().join("mine.rlens");
        std::fs::write(&mine, "{}").unwrap();
        let mut settings = Settings::default();
        settings.note_recent(&mine);
        settings.save(&paths.settings_file()).unwrap();
        assert!(
            locations_text(Some(&paths)).starts_with(&format!("Workspace: {}\n", mine.display()))
        );
    }

    #[test]
    fn says_so_when_there_is_no_data_directory() {
        assert!(locations_text(None).starts_with("Workspace and log: none"));
    }
}
